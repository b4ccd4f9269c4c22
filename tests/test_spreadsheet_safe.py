"""The opt-in guard against spreadsheet formula injection in the CSV rolelens writes.

CSV holds text from untrusted postings, statement files and catalogs. A cell
such as ``=HYPERLINK(...)`` is a formula to a spreadsheet program. By default
every cell is written exactly as read (programs read the files back as data);
with ``spreadsheet_safe=True`` (``--spreadsheet-safe``) a text cell that a
spreadsheet could run gets one ``'`` in front, and numbers are left alone.
Every CSV writer is covered: ``csv_line`` under them all,
``comparisons.to_csv``/``render`` with ``rolelens compare``, and ``rolelens
classify --format csv``.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rolelens import default_classifier
from rolelens._serialization import FORMULA_TRIGGERS, csv_line, spreadsheet_safe_text, unstructure
from rolelens.cli import main
from rolelens.cli.classify import format_chunk
from rolelens.comparisons import CSV_COLUMNS, Comparison, comparison, render, to_csv
from rolelens.errors import ArgumentError
from rolelens.labels import Label
from rolelens.model import Catalog, Dimension, Level, Role, Trait
from tests.strategies import SPREADSHEET_TRIGGERS, formula_comparisons, formula_texts

FORMULAS = (
    '=HYPERLINK("http://example.invalid","x")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A2)",
    "\t=1+1",
    "\r=1+1",
    "  =1+1",
)


def _formula_like(text: str) -> bool:
    """Would a spreadsheet read ``text`` as a formula: a trigger first, or first after
    the white space it trims?"""
    return any(head and head[0] in SPREADSHEET_TRIGGERS for head in (text, text.lstrip()))


def _check_guarded(cell: str, original: str) -> None:
    """``cell`` is ``original`` as the guard writes it: safe, and exactly one ``'`` away."""
    if not cell.startswith("'"):
        assert not _formula_like(cell), (cell, original)
    if _formula_like(original):
        assert cell == "'" + original
        assert cell[1:] == original  # dropping the one added ' gives the text back
    else:
        assert cell == original


def _rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def _csv_file(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as stream:  # a bare \r stays in its cell
        return list(csv.reader(stream))


# --- the rule --------------------------------------------------------------------------------


def test_the_triggers_are_owasps() -> None:
    """The one rule: =, +, -, @, tab and carriage return, no more and no fewer."""
    assert frozenset(SPREADSHEET_TRIGGERS) == FORMULA_TRIGGERS


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ('=HYPERLINK("http://example.invalid","x")', '\'=HYPERLINK("http://example.invalid","x")'),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("-5 years of experience", "'-5 years of experience"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tOwn the roadmap", "'\tOwn the roadmap"),
        ("\rOwn the roadmap", "'\rOwn the roadmap"),
        ("  =1+1", "'  =1+1"),  # spreadsheets trim the spaces, then see the formula
        ("\n\xa0\u3000@x", "'\n\xa0\u3000@x"),
        ("Own the roadmap", "Own the roadmap"),
        ("Own the roadmap = value", "Own the roadmap = value"),
        ("'=1+1", "'=1+1"),  # already marked as text: left alone
        ("", ""),
        ("   ", "   "),
        ("\uff1d1", "\uff1d1"),  # FULLWIDTH EQUALS SIGN is not on OWASP's list
    ],
)
def test_spreadsheet_safe_text(text: str, written: str) -> None:
    """A text a spreadsheet could run gets one ' in front; any other is unchanged."""
    assert spreadsheet_safe_text(text) == written


def test_csv_line_guards_text_cells_only() -> None:
    """Numbers are never changed, a negative one included: the library writes them itself."""
    cells = [-3, -0.5, "-0.5", "=1+1", None, "plain"]
    assert csv_line(cells) == "-3,-0.5,-0.5,=1+1,,plain\n"
    assert csv_line(cells, spreadsheet_safe=True) == "-3,-0.5,'-0.5,'=1+1,,plain\n"


_NUMBERS = st.one_of(st.integers(), st.floats(allow_nan=False, allow_infinity=False))


@given(st.lists(st.one_of(formula_texts(), _NUMBERS), min_size=1, max_size=8))
def test_csv_line_property(cells: list[str | int | float]) -> None:
    """Guard off: the record reads back to the cells exactly. Guard on: no text cell can
    be run, each is its text with at most one ' added, and numbers are as before."""
    plain = _rows(csv_line(cells))
    assert plain == [[c if isinstance(c, str) else repr(c) for c in cells]]
    (guarded,) = _rows(csv_line(cells, spreadsheet_safe=True))
    assert len(guarded) == len(cells)
    for cell, original in zip(guarded, cells, strict=True):
        if isinstance(original, str):
            _check_guarded(cell, original)
        else:
            assert cell == repr(original)


# --- comparisons.to_csv and render -----------------------------------------------------------


def _one_cell(name: str, summary: str, description: str) -> Comparison:
    role = Role("a_role", name, Label.PRODUCT, "Why?", "A train.", "Value.")
    dimension = Dimension("a_dim", "A dimension", "What differs.")
    trait = Trait("a_role", "a_dim", summary, description, level=Level.HIGH)
    return comparison(catalog=Catalog([role], [dimension], [trait]))


def test_to_csv_is_verbatim_by_default() -> None:
    """Without the guard a formula is written as it is in the catalog."""
    value = _one_cell("@role", FORMULAS[0], FORMULAS[1])
    assert to_csv(value).splitlines()[1] == (
        'a_dim,A dimension,a_role,@role,"=HYPERLINK(""http://example.invalid"",""x"")",high,,'
        "+cmd|' /C calc'!A0"
    )


def test_to_csv_spreadsheet_safe() -> None:
    """With the guard every formula-like text gets a ', and ids and levels are unchanged."""
    value = _one_cell("@role", FORMULAS[0], FORMULAS[1])
    lines = to_csv(value, spreadsheet_safe=True).splitlines()
    assert lines[0] == ",".join(CSV_COLUMNS)
    assert lines[1] == (
        'a_dim,A dimension,a_role,\'@role,"\'=HYPERLINK(""http://example.invalid"",""x"")",'
        "high,,'+cmd|' /C calc'!A0"
    )


def test_the_built_in_catalog_needs_no_guard() -> None:
    """The built-in comparison has no formula-like text: guarded, it is the same bytes."""
    assert to_csv(comparison(), spreadsheet_safe=True) == to_csv(comparison())


@given(formula_comparisons())
def test_to_csv_property(value: Comparison) -> None:
    """Guard off: every cell reads back exactly (a lone surrogate as its escape, which
    UTF-8 can encode, as in every export). Guard on: no cell can be run, and each is
    its text with at most one ' added."""
    ((row, role, trait),) = [
        (row, role, trait)
        for row in value.rows
        for role, trait in zip(value.roles, row.traits, strict=True)
    ]
    expected = [
        row.dimension.id,
        row.dimension.name,
        role.id,
        role.name,
        trait.summary,
        "high",
        "",
        trait.description,
    ]
    expected = [text.encode("utf-8", "backslashreplace").decode("utf-8") for text in expected]
    assert _rows(to_csv(value)) == [list(CSV_COLUMNS), expected]
    header, guarded = _rows(to_csv(value, spreadsheet_safe=True))
    assert header == list(CSV_COLUMNS)
    for cell, original in zip(guarded, expected, strict=True):
        _check_guarded(cell, original)


def test_render_takes_the_guard_for_csv_only() -> None:
    """render passes the guard to to_csv, and refuses it for a format it would not change."""
    value = _one_cell("Role", "=1+1", "text")
    assert render(value, "csv", spreadsheet_safe=True) == to_csv(value, spreadsheet_safe=True)
    assert render(value, "csv") == to_csv(value)
    for fmt in ("json", "markdown", "html"):
        with pytest.raises(ArgumentError, match=f"spreadsheet_safe applies to CSV only.*{fmt}"):
            render(value, fmt, spreadsheet_safe=True)


def test_the_guard_must_be_a_bool() -> None:
    """A string such as "no" would silently turn the guard on: a type error instead."""
    with pytest.raises(TypeError, match="spreadsheet_safe must be a bool, got str"):
        to_csv(comparison(), spreadsheet_safe="no")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="spreadsheet_safe must be a bool, got int"):
        render(comparison(), "csv", spreadsheet_safe=1)  # type: ignore[arg-type]


# --- rolelens classify --format csv ------------------------------------------------------------


@given(st.lists(formula_texts(), max_size=5))
def test_classify_csv_property(texts: list[str]) -> None:
    """Each classify CSV row: guard off, the statement as read; guard on, safe and one '
    away from it. The line number, confidence and scores are the same numbers either way."""
    classifier = default_classifier()
    chunk: list[tuple[int | None, str]] = list(enumerate(texts, 1))
    plain = _rows("".join(format_chunk(classifier, chunk, fmt="csv", explain=False)))
    guarded = _rows(
        "".join(format_chunk(classifier, chunk, fmt="csv", explain=False, spreadsheet_safe=True))
    )
    assert len(plain) == len(guarded) == len(texts)
    for line, (text, before, after) in enumerate(zip(texts, plain, guarded, strict=True), 1):
        assert before[1] == text
        _check_guarded(after[1], text)
        assert after[0] == before[0] == str(line)
        assert after[2:] == before[2:]  # label, confidence and scores


def _classified(tmp_path: Path, texts: list[str], *extra: str) -> tuple[int, Path]:
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps({"text": t}) + "\n" for t in texts), encoding="utf-8")
    target = tmp_path / "out.csv"
    code = main(["classify", "-i", str(source), "-o", str(target), *extra])
    return code, target


def test_classify_writes_statements_verbatim_by_default(tmp_path: Path) -> None:
    """Without the flag the CSV gives back every statement exactly, formulas included."""
    code, target = _classified(tmp_path, list(FORMULAS))
    assert code == 0
    with target.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert [row["text"] for row in rows] == list(FORMULAS)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_classify_spreadsheet_safe(tmp_path: Path, jobs: str) -> None:
    """--spreadsheet-safe puts ' before each formula-like statement, in worker processes
    too; the line numbers, label, confidence and scores are as without it."""
    texts = [*FORMULAS, "Own the product roadmap"]
    code, target = _classified(tmp_path, texts, "--explain", "--jobs", jobs)
    assert code == 0
    plain = _csv_file(target)
    code, target = _classified(tmp_path, texts, "--explain", "--jobs", jobs, "--spreadsheet-safe")
    assert code == 0
    guarded = _csv_file(target)
    assert guarded[0] == plain[0]
    assert [row[1] for row in guarded[1:]] == ["'" + t for t in FORMULAS] + [texts[-1]]
    for before, after in zip(plain[1:], guarded[1:], strict=True):
        assert after[0] == before[0]  # line
        assert after[2:] == before[2:]  # label, confidence, scores, explanation


# --- rolelens compare --format csv ---------------------------------------------------------------


def test_compare_spreadsheet_safe(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A user's catalog with formulas: verbatim by default, guarded with the flag."""
    value = _one_cell("@role", FORMULAS[0], FORMULAS[1])
    catalog = Catalog(value.roles, value.dimensions, value.rows[0].traits)
    path = tmp_path / "catalog.json"
    path.write_text(json.dumps(unstructure(catalog)), encoding="utf-8")
    assert main(["compare", "--catalog", str(path), "--format", "csv"]) == 0
    assert capsys.readouterr().out == to_csv(value)
    assert main(["compare", "--catalog", str(path), "--format", "csv", "--spreadsheet-safe"]) == 0
    out = capsys.readouterr().out
    assert out == to_csv(value, spreadsheet_safe=True)
    assert _rows(out)[1][3:5] == ["'@role", "'" + FORMULAS[0]]


# --- the flag is refused where it would change nothing ---------------------------------------


@pytest.mark.parametrize(
    ("argv", "fmt"),
    [
        (["classify", "Own the roadmap"], "table"),
        (["classify", "--format", "text", "Own the roadmap"], "table"),
        (["classify", "--format", "jsonl", "Own the roadmap"], "jsonl"),
        (["classify", "Own the roadmap", "-o", "{out}.jsonl"], "jsonl"),
        (["compare"], "markdown"),
        (["compare", "--format", "json", "-o", "{out}.json"], "json"),
        (["compare", "--format", "html"], "html"),
    ],
)
def test_the_flag_is_refused_for_other_formats(
    argv: list[str], fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--spreadsheet-safe with output that is not CSV: exit 2, one line, nothing written."""
    out = str(tmp_path / "out")
    argv = [arg.replace("{out}", out) for arg in argv]
    assert main([*argv, "--spreadsheet-safe"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        "rolelens: error: --spreadsheet-safe guards CSV output, but the output format is "
        f"{fmt}; add --format csv\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_the_flag_needs_no_format_for_a_csv_name(tmp_path: Path) -> None:
    """-o NAME.csv makes the output CSV, so the flag is taken without --format."""
    code, target = _classified(tmp_path, ["=1+1"], "--spreadsheet-safe")
    assert code == 0
    assert _csv_file(target)[1][1] == "'=1+1"
