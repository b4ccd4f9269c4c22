"""Tests for ``rolelens decide`` and ``rolelens reframe`` on the command line."""

from __future__ import annotations

import io
import json
import re
import sys
from pathlib import Path

import pytest

from rolelens.cli import main
from rolelens.errors import DataFileError
from rolelens.scenarios import load_scenario

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_RULES = ROOT / "examples" / "rules_custom.toml"


def _one_error_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("rolelens: error: ")
    return lines[0]


# ------------------------------------------------------------------ decide


def test_decide_from_flags_prints_who_decides(capsys: pytest.CaptureFixture[str]) -> None:
    """The issue's example: B2B, high complexity, not approved -> the Product Manager decides."""
    code = main(["decide", "--segment", "b2b", "--complexity", "high", "--approved", "no"])
    out = capsys.readouterr().out
    assert code == 0
    assert out.startswith("Scenario: b2b:")
    assert "what/why: Product Manager decides  [rule enterprise-complexity-gate]" in out
    assert "Do:  Decline" in out
    assert "Why: " in out


def test_decide_json_output(capsys: pytest.CaptureFixture[str]) -> None:
    """--format json prints the scenario and the decisions as one JSON document."""
    code = main(
        [
            "decide",
            "--segment=b2b",
            "--approved=yes",
            "--departments",
            "Sales, Legal",
            "--deadline",
            "2027-05-01",
            "--at-risk",
            "yes",
            "--tag",
            "pilot",
            "--format",
            "json",
        ]
    )
    document = json.loads(capsys.readouterr().out)
    assert code == 0
    assert document["scenario"]["feature"]["departments"] == ["sales", "legal"]
    assert document["scenario"]["feature"]["deadline"] == "2027-05-01"
    assert document["scenario"]["tags"] == ["pilot"]
    rules = [d["rule"] for d in document["decisions"]]
    assert rules[0] == "approved-at-risk"
    assert "approved-without-date" not in rules
    assert {d["owner"] for d in document["decisions"]} == {"project_manager"}


@pytest.mark.parametrize("suffix", [".json", ".toml"])
def test_decide_from_a_scenario_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], suffix: str
) -> None:
    """A scenario file (JSON, or TOML by suffix) is read instead of flags."""
    path = tmp_path / f"scenario{suffix}"
    if suffix == ".json":
        path.write_text(
            json.dumps({"segment": "b2c", "feature": {"approval": "pending"}}), encoding="utf-8"
        )
    else:
        path.write_text('segment = "b2c"\n[feature]\napproval = "pending"\n', encoding="utf-8")
    assert main(["decide", str(path), "--format", "json"]) == 0
    rules = [d["rule"] for d in json.loads(capsys.readouterr().out)["decisions"]]
    assert "unprioritised-request" in rules


def test_decide_with_user_rules(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--rules replaces the built-in rules with the user's file."""
    out_file = tmp_path / "out.json"
    code = main(
        [
            "decide",
            "--segment",
            "b2b",
            "--approval",
            "approved",
            "--tag",
            "security",
            "--rules",
            str(EXAMPLE_RULES),
            "--format",
            "json",
            "-o",
            str(out_file),
        ]
    )
    assert code == 0
    assert capsys.readouterr().out == ""
    rules = [d["rule"] for d in json.loads(out_file.read_text(encoding="utf-8"))["decisions"]]
    assert rules == ["security-review", "delivery"]


def test_decide_with_rules_for_a_catalog_of_ones_own(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--catalog: rules whose owner is a role of the user's catalog load, and the text
    names the owner as that catalog does; without it, the built-in catalog refuses
    the owner in one line."""
    rules = tmp_path / "po_rules.toml"
    rules.write_text(
        '[[rules]]\nid = "po-what"\nowner = "product_owner"\nquestion = "what_why"\n'
        'recommendation = "Order the backlog by value"\nrationale = "The PO owns the backlog"\n'
        'when = [{ field = "segment", operator = "eq", value = "b2b" }]\n',
        encoding="utf-8",
    )
    catalog = ROOT / "examples" / "product_owner_catalog.toml"
    flags = ["decide", "--segment", "b2b", "--approved", "no", "--rules", str(rules)]
    assert main([*flags, "--catalog", str(catalog)]) == 0
    out = capsys.readouterr().out
    assert "Product Owner decides" in out
    assert "po-what" in out
    assert main(flags) == 2
    line = _one_error_line(capsys.readouterr().err)
    assert "product_owner" in line
    assert main([*flags, "--catalog", str(catalog), "-o", str(catalog)]) == 2
    assert "--catalog" in _one_error_line(capsys.readouterr().err)


def test_decide_with_a_catalog_lacking_the_built_in_roles_is_one_line_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--catalog without --rules: the built-in rules name the built-in roles, so a
    catalog without them is refused in one line naming the owner (the decisions were
    printed with an owner the catalog does not have)."""
    from rolelens._serialization import unstructure
    from rolelens.catalog import default_catalog

    data = unstructure(default_catalog())
    for role in data["roles"]:
        role["id"] = "x_" + role["id"]
    for trait in data["traits"]:
        trait["role"] = "x_" + trait["role"]
    catalog = tmp_path / "renamed.json"
    catalog.write_text(json.dumps(data), encoding="utf-8")
    flags = ["decide", "--segment", "b2b", "--approved", "no", "--catalog", str(catalog)]
    assert main(flags) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    line = _one_error_line(captured.err)
    assert "rules.toml" in line
    assert "unknown role 'product_manager'" in line


def test_bad_rule_file_is_one_line_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A rule with an unknown operator: exit 2 and one line naming the file, rule and field."""
    path = tmp_path / "rules.toml"
    path.write_text(
        '[[rules]]\nid = "odd"\nowner = "product_manager"\nquestion = "what_why"\n'
        'recommendation = "r"\nrationale = "w"\n'
        'when = [{ field = "segment", operator = "like", value = "b2b" }]\n',
        encoding="utf-8",
    )
    code = main(["decide", "--segment", "b2b", "--approved", "no", "--rules", str(path)])
    assert code == 2
    line = _one_error_line(capsys.readouterr().err)
    assert str(path) in line
    assert "odd.when[0].operator" in line


def test_contradictory_rule_file_names_both_rules(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two owners for one question in one situation: exit 2, both rule ids on the line."""
    rule = (
        '[[rules]]\nid = "{id}"\nowner = "{owner}"\nquestion = "how_when"\n'
        'recommendation = "r"\nrationale = "w"\n'
    )
    path = tmp_path / "rules.toml"
    path.write_text(
        rule.format(id="first", owner="product_manager")
        + rule.format(id="second", owner="project_manager"),
        encoding="utf-8",
    )
    assert main(["decide", "--segment", "b2b", "--approved", "no", "--rules", str(path)]) == 2
    line = _one_error_line(capsys.readouterr().err)
    assert "first" in line
    assert "second" in line


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("{", "not valid JSON"),
        ('{"segment": "b2b"}', "feature: required field missing"),
        ('{"segment": "b2b", "feature": {}}', "feature.approval: required field missing"),
        ('{"segment": "b2b", "feature": {"approval": "yes"}}', "feature.approval: expected one of"),
        ("[1, 2]", "expected a table"),
    ],
)
def test_bad_scenario_file_is_one_line_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, words: str
) -> None:
    """A broken or incomplete scenario file: exit 2, one line naming the file and the field."""
    path = tmp_path / "scenario.json"
    path.write_text(content, encoding="utf-8")
    assert main(["decide", str(path)]) == 2
    line = _one_error_line(capsys.readouterr().err)
    assert str(path) in line
    assert words in line


def test_missing_scenario_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A scenario file that does not exist: exit 2 and one line."""
    assert main(["decide", str(tmp_path / "absent.json")]) == 2
    assert "absent.json" in _one_error_line(capsys.readouterr().err)


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        ([], "missing --segment and --approved or --approval (or give a scenario file"),
        (["--segment", "b2b"], "missing --approved or --approval (or give a scenario file"),
        (["--approval", "declined"], "missing --segment (or give a scenario file"),
        (["--segment", "b2b", "--approved", "no", "--name", ""], "--name: expected a non-empty"),
    ],
)
def test_missing_flags_are_named(
    capsys: pytest.CaptureFixture[str], argv: list[str], words: str
) -> None:
    """Flags that leave a required field out, or give a bad value, name the flag, not the field."""
    assert main(["decide", *argv]) == 2
    line = _one_error_line(capsys.readouterr().err)
    assert words in line
    assert "feature." not in line


def test_bad_deadline_flag_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    """--deadline is checked as the flags are read, like any other flag value."""
    with pytest.raises(SystemExit) as stopped:
        main(["decide", "--segment", "b2b", "--approved", "no", "--deadline", "soon"])
    assert stopped.value.code == 2
    last = capsys.readouterr().err.splitlines()[-1]
    assert (
        last
        == "rolelens decide: error: argument --deadline: expected a date as YYYY-MM-DD, got 'soon'"
    )


def test_file_and_flags_together_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A scenario file plus scenario flags is ambiguous: exit 2."""
    assert main(["decide", str(tmp_path / "s.json"), "--segment", "b2b"]) == 2
    assert "not both" in _one_error_line(capsys.readouterr().err)


# ------------------------------------------------------------------ reframe


def test_reframe_text_output(capsys: pytest.CaptureFixture[str]) -> None:
    """The issue's example prints the timeline shift, its evidence and a rewrite."""
    assert main(["reframe", "Deliver the reporting module by Q3"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Deliver the reporting module by Q3\n")
    assert "timelines to outcomes: What result should this achieve?" in out
    assert 'reacts to: "by Q3"' in out
    assert "the reporting module by Q3" in out


def test_reframe_json_lines(capsys: pytest.CaptureFixture[str]) -> None:
    """--format json prints one object per statement; a product statement has no reframes."""
    product = "Define the product vision and roadmap based on customer research"
    code = main(["reframe", "Deliver the reporting module by Q3", product, "--format", "json"])
    lines = capsys.readouterr().out.splitlines()
    assert code == 0
    first, second = (json.loads(line) for line in lines)
    shifts = {item["shift"]: item for item in first["reframes"]}
    evidence = shifts["timelines_to_outcomes"]["evidence"]
    assert [(e["matched"], e["start"], e["end"]) for e in evidence] == [("by Q3", 29, 34)]
    assert second == {"statement": product, "label": "product", "reframes": []}


def test_reframe_explains_when_there_is_nothing_to_do(capsys: pytest.CaptureFixture[str]) -> None:
    """A product statement says why no reframe is offered."""
    assert (
        main(["reframe", "Define the product vision and roadmap based on customer research"]) == 0
    )
    assert "no reframe: it already leans to product thinking" in capsys.readouterr().out


def test_reframe_says_when_a_statement_states_no_duty(capsys: pytest.CaptureFixture[str]) -> None:
    """A project-leaning description is not reframed, and the reason says so."""
    statement = "Every depot rollout ends with a review of the delivery schedule"
    assert main(["reframe", statement]) == 0
    assert "no reframe: it describes something rather than stating a duty" in (
        capsys.readouterr().out
    )


@pytest.mark.parametrize(
    ("name", "content", "extra", "lines"),
    [
        ("s.txt", "Deliver the reporting module by Q3\n\nOwn the product vision\n", [], [1, 3]),
        (
            "s.jsonl",
            '{"bullet": "Deliver the reporting module by Q3"}\n'
            '{"bullet": "Own the product vision"}\n',
            ["--field", "bullet"],
            [1, 2],
        ),
        (
            "s.csv",
            "id,bullet\n1,Deliver the reporting module by Q3\n2,Own the product vision\n",
            ["--column", "bullet"],
            [2, 3],
        ),
    ],
    ids=["text", "jsonl", "csv"],
)
def test_reframe_reads_a_file(
    name: str,
    content: str,
    extra: list[str],
    lines: list[int],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """-i FILE coaches each statement of a text, JSONL or CSV file, as the arguments would;
    its JSON names the line each statement is on, as classify's does (after a blank line
    the n-th record was not the n-th line, and nothing said so)."""
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    assert main(["reframe", "-i", str(path), *extra, "--format", "json"]) == 0
    from_file = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    args = ["Deliver the reporting module by Q3", "Own the product vision"]
    assert main(["reframe", *args, "--format", "json"]) == 0
    from_args = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [record.pop("line") for record in from_file] == lines
    assert from_file == from_args
    assert [record["statement"] for record in from_file] == args
    assert all("line" not in record for record in from_args)


def test_reframe_reads_stdin(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """-i - reads one statement per line of standard input."""
    raw = io.BytesIO(b"Deliver the reporting module by Q3\n")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(raw))
    assert main(["reframe", "-i", "-"]) == 0
    assert 'reacts to: "by Q3"' in capsys.readouterr().out


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        (["reframe"], "nothing to reframe"),
        (["reframe", "-i", "x.txt", "Own it"], "not both"),
        (["reframe", "-i", "missing.txt"], "missing.txt"),
    ],
)
def test_reframe_input_mistakes_are_one_line(
    argv: list[str],
    needle: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """No statements, both kinds at once, or a missing file: one error line, exit 2."""
    monkeypatch.chdir(tmp_path)
    assert main(argv) == 2
    assert needle in _one_error_line(capsys.readouterr().err)


@pytest.mark.parametrize(
    ("argv", "flag"),
    [
        (["reframe", "Own the roadmap", "--field", "bullet"], "--field"),
        (["reframe", "Own the roadmap", "--column", "bullet"], "--column"),
        (["classify", "Own the roadmap", "--column", "bullet"], "--column"),
        (["classify", "Own the roadmap", "--input-format", "csv"], "--input-format"),
        (["classify", "Own the roadmap", "--field", "text"], "--field"),
    ],
)
def test_file_options_without_a_file_are_refused(
    argv: list[str], flag: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """An option that describes the records of -i FILE, given without -i, did nothing
    silently; it is one error line naming the flag."""
    assert main(argv) == 2
    assert _one_error_line(capsys.readouterr().err) == (
        f"rolelens: error: {flag} describes the records of -i FILE; it does nothing without -i"
    )


def test_skip_invalid_without_a_file_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    """`classify STATEMENT --skip-invalid` skipped nothing, silently: arguments are never
    bad records. It is refused as --field without -i is."""
    assert main(["classify", "Own the roadmap", "--skip-invalid"]) == 2
    assert _one_error_line(capsys.readouterr().err) == (
        "rolelens: error: --skip-invalid skips bad records of -i FILE; it does nothing without -i"
    )
    assert capsys.readouterr().out == ""


@pytest.mark.parametrize("command", ["classify", "reframe"])
@pytest.mark.parametrize(
    ("name", "extra", "message"),
    [
        ("s.txt", ["--field", "bullet"], "--field names a JSONL field, but {} is read as TEXT"),
        ("s.csv", ["--field", "bullet"], "--field names a JSONL field, but {} is read as CSV"),
        ("s.jsonl", ["--column", "bullet"], "--column names a CSV column, but {} is read as JSONL"),
        (
            "s.csv",
            ["--input-format", "text", "--column", "bullet"],
            "--column names a CSV column, but {} is read as TEXT",
        ),
        # Naming the default is no different: it was taken, and did nothing.
        ("s.txt", ["--field", "text"], "--field names a JSONL field, but {} is read as TEXT"),
        ("s.jsonl", ["--column", "text"], "--column names a CSV column, but {} is read as JSONL"),
    ],
)
def test_a_record_option_for_another_format_is_refused(
    command: str,
    name: str,
    extra: list[str],
    message: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """--field on a file read as text used to be ignored, so each raw JSON line was
    classified as the statement; it is one error line saying how to read the file."""
    path = tmp_path / name
    path.write_text('{"bullet": "Own the product vision"}\n', encoding="utf-8")
    assert main([command, "-i", str(path), *extra]) == 2
    err = _one_error_line(capsys.readouterr().err)
    assert message.format(path) in err
    assert capsys.readouterr().out == ""


@pytest.mark.parametrize("command", ["classify", "reframe"])
def test_input_format_reads_jsonl_from_stdin(
    command: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Standard input is text unless --input-format says otherwise; with it, --field
    picks the statement out of each JSON line (reframe had no --input-format)."""
    line = b'{"id": 1, "bullet": "Deliver the reporting module by Q3"}\n'
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(line)))
    argv = [command, "-i", "-", "--input-format", "jsonl", "--field", "bullet"]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert "Deliver the reporting module by Q3" in out
    assert '"id"' not in out


def test_scenario_from_stdin_is_named_stdin(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`decide -` reads standard input; its errors say <stdin>, as the other commands do."""
    raw = io.BytesIO(b'{"segment": "b2x", "feature": {"approval": "pending"}}')
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(raw))
    assert main(["decide", "-"]) == 2
    assert _one_error_line(capsys.readouterr().err).startswith("rolelens: error: <stdin>: segment:")


@pytest.mark.parametrize("departments", [",,", "sales,,legal", " ", "", "sales,", " , legal"])
def test_an_empty_department_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], departments: str
) -> None:
    """An empty item in --departments was dropped without a word (',,' meant none), while
    Feature refuses an empty department name in a scenario file; now the flag agrees."""
    out = tmp_path / "decision.txt"
    out.write_text("earlier\n", encoding="utf-8")
    argv = ["decide", "--segment", "b2b", "--approved", "no", "--departments", departments]
    assert main([*argv, "-o", str(out)]) == 2
    assert capsys.readouterr().err == (
        f"rolelens: error: --departments: an empty name in {departments!r}; give department "
        "names separated by commas (leave the option out for none)\n"
    )
    assert out.read_text(encoding="utf-8") == "earlier\n"


def test_the_library_refuses_the_empty_departments_the_flag_refuses() -> None:
    """The flag and a scenario file agree: Feature refuses an empty or blank name."""
    from rolelens.errors import ScenarioError
    from rolelens.scenarios import Feature

    for names in ([""], ["sales", " "]):
        with pytest.raises(ScenarioError, match="departments: expected non-empty strings"):
            Feature(approval="pending", departments=names)


# ------------------------------------------------------------------ lone surrogates


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_decide_writes_a_lone_surrogate_as_its_escape(
    fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A JSON scenario or rule file can hold a lone surrogate ("\\ud800"): the output is
    valid UTF-8 with the six-character escape, which JSON reads back as the character."""
    scenario = tmp_path / "scenario.json"
    feature = {"approval": "pending", "name": "SSO \ud800", "departments": ["\ud800"]}
    scenario.write_text(json.dumps({"segment": "b2b", "feature": feature}), encoding="ascii")
    rules = tmp_path / "rules.json"
    rule = {
        "id": "my-rule",
        "owner": "product_manager",
        "question": "what_why",
        "recommendation": "Ask \ud800",
        "rationale": "Why \ud800",
    }
    rules.write_text(json.dumps({"rules": [rule]}), encoding="ascii")
    target = tmp_path / "out"
    argv = ["decide", str(scenario), "--rules", str(rules), "--format", fmt, "-o", str(target)]
    assert main(argv) == 0
    assert capsys.readouterr().err == ""
    written = target.read_bytes().decode("utf-8")
    for escaped in ("SSO \\ud800", "Ask \\ud800", "Why \\ud800"):
        assert escaped in written
    if fmt == "json":
        document = json.loads(written)
        assert document["scenario"]["feature"]["name"] == "SSO \ud800"
        assert document["decisions"][0]["rationale"] == "Why \ud800"


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_reframe_writes_a_lone_surrogate_as_its_escape(
    fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A statement holding a lone surrogate (a JSONL file's "\\ud800") is coached, and
    the output is valid UTF-8 with the six-character escape."""
    statement = "Deliver the reporting \ud800 module by Q3"
    source = tmp_path / "statements.jsonl"
    source.write_text(json.dumps({"text": statement}) + "\n", encoding="ascii")
    target = tmp_path / "out"
    assert main(["reframe", "-i", str(source), "--format", fmt, "-o", str(target)]) == 0
    assert capsys.readouterr().err == ""
    written = target.read_bytes().decode("utf-8")
    assert "Deliver the reporting \\ud800 module by Q3" in written
    if fmt == "json":
        record = json.loads(written)
        assert record["statement"] == statement
        assert record["reframes"]


@pytest.mark.parametrize(
    ("name", "text", "hint"),
    [
        (
            "request.txt",
            'segment = "b2b"\n',
            "; a file whose name does not end in .toml is read as JSON",
        ),
        (
            "request.toml",
            '{"segment": "b2b"}\n',
            "; it looks like JSON, and a file whose name ends in",
        ),
    ],
)
def test_decide_tells_why_a_scenario_file_was_read_as_json_or_toml(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    text: str,
    hint: str,
) -> None:
    """``decide FILE`` gives the hints ``load_scenario`` (and every loader) gives: TOML in
    "request.txt" said only "not valid JSON: Expecting value", and JSON in "request.toml"
    only "not valid TOML: Invalid statement". Standard input is JSON, without these
    hints, which speak of file names (it has its own, below)."""
    source = tmp_path / name
    source.write_text(text, encoding="utf-8")
    assert main(["decide", str(source)]) == 2
    err = capsys.readouterr().err
    assert hint in err
    assert err.startswith(f"rolelens: error: {source}: not valid ")
    with pytest.raises(DataFileError, match=re.escape(hint)):
        load_scenario(source)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode("utf-8"))))
    assert main(["decide", "-"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("rolelens: error: <stdin>: ")
    assert hint not in err


@pytest.mark.parametrize("text", ['segment = "b2b"\n[feature]\napproval = "approved"\n', ""])
def test_decide_says_standard_input_is_read_as_json(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, text: str
) -> None:
    """TOML piped in (`decide - < scenario.toml`) said "not valid JSON: Expecting value"
    alone, where a file gets the reason it was read as JSON; the line now says that
    standard input is read as JSON, and how to give TOML."""
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode("utf-8"))))
    assert main(["decide", "-"]) == 2
    assert capsys.readouterr().err == (
        "rolelens: error: <stdin>: not valid JSON: Expecting value (line 1, column 1); "
        "standard input is read as JSON (name a .toml file for TOML)\n"
    )


@pytest.mark.parametrize("text", ["20270101", "2027-W01-1", "2027-001"])
def test_a_deadline_not_written_yyyy_mm_dd_is_refused(
    capsys: pytest.CaptureFixture[str], text: str
) -> None:
    """--deadline says YYYY-MM-DD; 20270101 and the week date 2027-W01-1 (2027-01-04)
    were taken, as Python 3.11's date.fromisoformat takes them."""
    with pytest.raises(SystemExit) as stopped:
        main(["decide", "--segment", "b2b", "--approved", "no", "--deadline", text])
    assert stopped.value.code == 2
    last = capsys.readouterr().err.splitlines()[-1]
    assert last.endswith(f"argument --deadline: expected a date as YYYY-MM-DD, got {text!r}")
