"""Tests for `rolelens compare` and `rolelens demo`, run in-process through rolelens.cli.main."""

from __future__ import annotations

import json
import runpy
import tomllib
from pathlib import Path

import pytest

from rolelens.catalog import default_catalog
from rolelens.cli import main
from rolelens.comparisons import comparison, to_markdown
from rolelens.errors import CatalogError
from tests.conftest import ROOT

GOLDEN = Path(__file__).parent / "golden"
EXAMPLE = ROOT / "examples" / "product_owner_catalog.toml"


def test_default_is_the_markdown_table(capsys: pytest.CaptureFixture[str]) -> None:
    """`rolelens compare` prints the five dimensions for both roles as Markdown."""
    assert main(["compare"]) == 0
    out = capsys.readouterr().out
    assert out == to_markdown(comparison())
    assert out.startswith("| Dimension | Product Manager | Project Manager |")
    assert out.count("\n") == 7


@pytest.mark.parametrize(
    ("fmt", "golden"),
    [
        ("markdown", "comparison.md"),
        ("json", "comparison.json"),
        ("csv", "comparison.csv"),
        ("html", "comparison.html"),
    ],
)
def test_every_format_matches_its_golden_file(
    fmt: str, golden: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """The command prints exactly the reviewed export for each format."""
    assert main(["compare", "--format", fmt]) == 0
    assert capsys.readouterr().out == (GOLDEN / golden).read_text(encoding="utf-8")


def test_selection_and_order(capsys: pytest.CaptureFixture[str]) -> None:
    """--roles and --dimensions select and order columns and rows."""
    args = ["compare", "--format", "json", "--roles", "project_manager", "product_manager"]
    assert main([*args, "--dimensions", "user_involvement", "core_focus"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert [r["id"] for r in document["roles"]] == ["project_manager", "product_manager"]
    assert [row["dimension"]["id"] for row in document["rows"]] == [
        "user_involvement",
        "core_focus",
    ]
    assert document["rows"][0]["traits"][0]["level"] == "low"


def test_output_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """-o writes the export to a file and nothing to stdout."""
    target = tmp_path / "table.html"
    assert main(["compare", "--format", "html", "-o", str(target)]) == 0
    assert capsys.readouterr().out == ""
    assert target.read_text(encoding="utf-8") == (GOLDEN / "comparison.html").read_text(
        encoding="utf-8"
    )


def test_user_catalog(capsys: pytest.CaptureFixture[str]) -> None:
    """--catalog compares the roles of a user's file, such as the Product Owner example."""
    assert main(["compare", "--catalog", str(EXAMPLE), "--roles", "product_owner"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "| Dimension | Product Owner |"


def test_unknown_role_is_one_line_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    """A mistyped role id exits 2 with one line naming it, no traceback."""
    assert main(["compare", "--roles", "product_owner"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1
    assert captured.err.startswith("rolelens: error: --roles: unknown role 'product_owner'")
    assert main(["compare", "--dimensions", "core_focus", "core_focus"]) == 2
    err = capsys.readouterr().err
    assert err == "rolelens: error: --dimensions: dimension 'core_focus' selected twice\n"


def test_a_huge_unknown_id_is_named_by_its_start(capsys: pytest.CaptureFixture[str]) -> None:
    """An id pasted by mistake (a file's text, say) is named by its first characters:
    the whole of it was in the error, a line as long as the id, whereas the known ids
    after it are already cut to ten."""
    wanted = "x" * 100_000
    assert main(["compare", "--roles", wanted]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith("rolelens: error: --roles: unknown role 'xxxx")
    assert len(err) < 200
    catalog = default_catalog()
    for lookup in (
        lambda: comparison().cell("product_manager", wanted),
        lambda: comparison(wanted),
        lambda: catalog.role(wanted),
        lambda: catalog.trait("product_manager", wanted),
    ):
        with pytest.raises(CatalogError) as info:
            lookup()
        assert len(str(info.value)) < 200
        assert "'" + "x" * 64 + "'..." in str(info.value)


def test_broken_catalog_is_one_line_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A malformed user catalog exits 2 with file, entry and field on one line."""
    text = EXAMPLE.read_text(encoding="utf-8").replace('level = "medium"', "level = 2")
    path = tmp_path / "broken.toml"
    path.write_text(text, encoding="utf-8")
    assert main(["compare", "--catalog", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert str(path) in err
    assert "traits[13].level" in err
    assert "Traceback" not in err


def test_missing_catalog_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A catalog path that does not exist exits 2 naming it."""
    missing = tmp_path / "missing.toml"
    assert main(["compare", "--catalog", str(missing)]) == 2
    assert str(missing) in capsys.readouterr().err


def test_bad_format_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    """argparse refuses a format outside json/csv/markdown/html."""
    with pytest.raises(SystemExit) as info:
        main(["compare", "--format", "pdf"])
    assert info.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


def test_help_calls_the_html_a_table_not_a_page(capsys: pytest.CaptureFixture[str]) -> None:
    """--format html writes to_html's <table> fragment (no doctype, head or charset);
    the help promised "a self-contained html page", which is the posting report."""
    with pytest.raises(SystemExit):
        main(["compare", "--help"])
    help_text = " ".join(capsys.readouterr().out.split())
    assert "markdown or an html <table> fragment" in help_text
    assert "html page" not in help_text
    assert main(["compare", "--format", "html"]) == 0
    assert capsys.readouterr().out.startswith("<table ")


def test_demo_prints_intro_and_table(capsys: pytest.CaptureFixture[str]) -> None:
    """`rolelens demo` introduces both questions and prints the comparison table."""
    assert main(["demo"]) == 0
    out = capsys.readouterr().out
    assert "Are we building the right thing?" in out
    assert "Are we building it right and on time?" in out
    assert to_markdown(comparison()) in out


def test_example_script_runs(capsys: pytest.CaptureFixture[str]) -> None:
    """examples/compare_roles.py runs as documented and shows the Product Owner and an error."""
    runpy.run_path(str(ROOT / "examples" / "compare_roles.py"), run_name="__main__")
    out = capsys.readouterr().out
    assert to_markdown(comparison()) in out
    assert "primary_responsibility,Primary responsibility,product_owner,Product Owner" in out
    assert "a broken catalog is refused: traits[8].dimension" in out


def test_output_over_the_catalog_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """-o naming the --catalog file (directly or through a link) exits 2 and keeps the file."""
    catalog = tmp_path / "mine.toml"
    text = EXAMPLE.read_text(encoding="utf-8")
    catalog.write_text(text, encoding="utf-8")
    link = tmp_path / "link.toml"
    link.symlink_to(catalog)
    for output in (catalog, link, tmp_path / "." / "mine.toml"):
        assert main(["compare", "--catalog", str(catalog), "-o", str(output)]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1
        assert "is the --catalog file" in err
        assert catalog.read_text(encoding="utf-8") == text
    # Another name is fine, and so is stdout.
    assert main(["compare", "--catalog", str(catalog), "-o", str(tmp_path / "t.md")]) == 0
    assert main(["compare", "--catalog", str(catalog), "-o", "-"]) == 0
    assert capsys.readouterr().out.startswith("| Dimension |")


@pytest.mark.parametrize("fmt", ["markdown", "json", "csv", "html"])
def test_a_lone_surrogate_in_a_catalog_is_written_as_its_escape(
    fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A JSON catalog can hold a lone surrogate ("\\ud800"): every format writes valid
    UTF-8 with the six-character escape (HTML wrote "&#55296;", which a browser shows
    as U+FFFD), and the JSON document reads it back as the same character."""
    data = tomllib.loads(EXAMPLE.read_text(encoding="utf-8"))
    data["roles"][0]["name"] = "Product \ud800 Manager"
    catalog = tmp_path / "catalog.json"
    catalog.write_text(json.dumps(data), encoding="ascii")  # "\ud800" as JSON's escape
    target = tmp_path / f"table.{fmt}"
    assert main(["compare", "--catalog", str(catalog), "--format", fmt, "-o", str(target)]) == 0
    assert capsys.readouterr().err == ""
    written = target.read_bytes().decode("utf-8")
    assert "Product \\ud800 Manager" in written
    if fmt == "json":
        assert json.loads(written)["roles"][0]["name"] == "Product \ud800 Manager"
