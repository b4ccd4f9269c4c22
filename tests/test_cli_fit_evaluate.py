"""Tests for `rolelens fit` and `rolelens evaluate`."""

from __future__ import annotations

import io
import json
import re
import sys
from pathlib import Path

import pytest

from rolelens.cli import main

ROWS = [
    {"text": "Book the kiln slots for the spring batch", "label": "project"},
    {"text": "Chase the kiln repair so firing resumes Monday", "label": "project"},
    {"text": "Decide the glaze palette customers will see next", "label": "product"},
    {"text": "Test glaze palette ideas with repeat buyers", "label": "product"},
    {"text": "Free parking for staff", "label": "other"},
    {"text": "Studio open from nine to five", "label": "other"},
]


@pytest.fixture
def labeled(tmp_path: Path) -> Path:
    path = tmp_path / "labeled.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in ROWS) + "\n", encoding="utf-8")
    return path


def test_fit_then_evaluate_with_the_model(
    labeled: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """fit writes a model that evaluate --model loads; JSON output has the figures."""
    model = tmp_path / "model.json"
    assert main(["fit", str(labeled), "-o", str(model)]) == 0
    assert model.is_file()
    capsys.readouterr()
    assert main(["evaluate", str(labeled), "--model", str(model), "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["total"] == len(ROWS)
    assert report["accuracy"] >= 0.8


def test_evaluate_cross_validation_table(labeled: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--cv prints the text table for pooled folds."""
    assert main(["evaluate", str(labeled), "--cv", "2"]) == 0
    out = capsys.readouterr().out
    assert "macro-F1 (4 labels)" in out
    assert "examples: 6" in out


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        ('{"text": "a", "label": "boss"}\n', "labeled.jsonl:1: unknown label 'boss'"),
        ('{"text": "a", "label": 1}\n', "labeled.jsonl:1: 'label' must be a string, got int"),
        ('{"text": "a", "label": ["product"]}\n', "labeled.jsonl:1: 'label' must be a string"),
        (
            '{"text": "a", "label": "product"}\n{"text": "b", "lab',
            "labeled.jsonl:2: not valid JSON",
        ),
        ('{"text": 5, "label": "product"}\n', "labeled.jsonl:1: 'text' must be a string"),
        ('{"label": "product"}\n', "labeled.jsonl:1: no 'text' field"),
        ('{"text": "Own the roadmap"}\n', "labeled.jsonl:1: no 'label' field"),
        # A label without its statement was evaluated as "" (a sure miss) and fitted.
        ('{"text": " ", "label": "product"}\n', "labeled.jsonl:1: 'text' is empty"),
    ],
)
def test_bad_labeled_files_fail_on_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, needle: str
) -> None:
    """Bad records exit 2 with one line on stderr naming file and line."""
    path = tmp_path / "labeled.jsonl"
    path.write_text(content, encoding="utf-8")
    assert main(["evaluate", str(path)]) == 2
    err = capsys.readouterr().err
    assert needle in err
    assert err.count("\n") == 1


def test_fit_on_one_label_fails_cleanly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A single-label file is a FitError on one line, exit 2, and no model file."""
    path = tmp_path / "one.jsonl"
    path.write_text('{"text": "a", "label": "product"}\n', encoding="utf-8")
    out = tmp_path / "model.json"
    assert main(["fit", str(path), "-o", str(out)]) == 2
    assert "two labels" in capsys.readouterr().err
    assert not out.exists()


def test_edited_model_fails_cleanly(
    labeled: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A damaged model file is reported as ModelFormatError on one line."""
    model = tmp_path / "model.json"
    model.write_text('{"format": "rolelens-classifier", "version": 7}', encoding="utf-8")
    assert main(["evaluate", str(labeled), "--model", str(model)]) == 2
    assert "version 7" in capsys.readouterr().err


def test_csv_labeled_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Labeled CSV with text and label columns is read like JSONL; a missing column is named."""
    good = tmp_path / "labeled.csv"
    good.write_text(
        "text,label\n" + "".join(f'"{r["text"]}",{r["label"]}\n' for r in ROWS), encoding="utf-8"
    )
    same = tmp_path / "labeled.jsonl"
    same.write_text("".join(json.dumps(r) + "\n" for r in ROWS), encoding="utf-8")
    reports = []
    for path in (good, same):
        assert main(["evaluate", str(path), "--format", "json"]) == 0
        reports.append(json.loads(capsys.readouterr().out))
    # Every row read, each with its own text and label: the very report the JSONL gives.
    assert reports[0]["total"] == len(ROWS)
    assert reports[0] == reports[1]
    bad = tmp_path / "bad.csv"
    bad.write_text("sentence,label\nx,product\n", encoding="utf-8")
    assert main(["evaluate", str(bad)]) == 2
    assert "no column(s) named text" in capsys.readouterr().err


def test_fit_to_a_missing_directory_fails_before_fitting(
    labeled: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An output nobody can write is reported, naming the path given, before any fitting."""
    from rolelens.classifier import Classifier

    calls: list[int] = []
    real_fit = Classifier.fit

    def counting_fit(self: Classifier, *args: object, **kwargs: object) -> Classifier:
        calls.append(1)
        return real_fit(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Classifier, "fit", counting_fit)
    target = tmp_path / "missing" / "model.json"
    assert main(["fit", str(labeled), "-o", str(target)]) == 2
    err = capsys.readouterr().err
    assert f"{target}: cannot write there" in err
    assert ".tmp" not in err
    assert calls == []
    # The same run with a writable output does fit: the counter can tell the two apart.
    assert main(["fit", str(labeled), "-o", str(tmp_path / "model.json")]) == 0
    assert calls == [1]


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("argv", "shown"),
    [
        # tqdm names the unit in its rate only: "2.9 folds/s", or "1.20s/fold" if slower.
        (["evaluate", "--cv", "3"], r"3/3\b[^\r\n]*fold"),
        (["fit", "-o", "m.json"], r"6/6\b[^\r\n]*epoch"),
        (["evaluate"], rf"{len(ROWS)}/{len(ROWS)}\b[^\r\n]*statement"),
    ],
    ids=["evaluate-cv", "fit", "evaluate"],
)
def test_long_work_shows_progress_on_a_terminal(
    labeled: Path,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    argv: list[str],
    shown: str,
) -> None:
    """Cross-validation counts folds, fitting counts epochs and evaluating without --cv
    (which showed nothing, even with --progress) counts statements on stderr, when it
    is a terminal (after the delay that keeps short runs quiet, set to none here)."""
    monkeypatch.setattr("rolelens.cli._options.AUTO_PROGRESS_DELAY", 0.0)
    monkeypatch.chdir(tmp_path)
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert main([argv[0], str(labeled), *argv[1:]]) == 0
    # The built-in bar writes "3/3 folds", tqdm "3/3 [00:01<00:00, 2.9 folds/s]" or,
    # slower, "3/3 [00:04<00:00, 1.20s/fold]".
    assert re.search(shown, terminal.getvalue())


@pytest.mark.parametrize("seed", ["0", "7"])
def test_a_seed_without_cross_validation_is_refused(
    labeled: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], seed: str
) -> None:
    """`evaluate --seed N` without --cv evaluated as if it were not there: nothing is
    shuffled or fitted. It is one error line, and -o is left as it was."""
    out = tmp_path / "report.txt"
    out.write_text("earlier\n", encoding="utf-8")
    assert main(["evaluate", str(labeled), "--seed", seed, "-o", str(out)]) == 2
    assert capsys.readouterr().err == (
        "rolelens: error: --seed seeds the folds and fitting of --cv; "
        "it does nothing without --cv\n"
    )
    assert out.read_text(encoding="utf-8") == "earlier\n"
    assert main(["evaluate", str(labeled), "--seed", seed, "--cv", "2", "-o", str(out)]) == 0


def test_forced_progress_counts_the_statements_evaluated(
    labeled: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--progress without --cv drew nothing; it counts the statements on stderr, and the
    report on stdout is the one a run without it writes."""
    assert main(["evaluate", str(labeled)]) == 0
    quiet = capsys.readouterr()
    assert quiet.err == ""
    assert main(["evaluate", str(labeled), "--progress"]) == 0
    loud = capsys.readouterr()
    assert loud.out == quiet.out
    assert f"{len(ROWS)}/{len(ROWS)}" in loud.err


def test_cross_validation_needs_two_folds(
    labeled: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--cv 0 is refused like --cv 1, not taken as "no cross-validation"."""
    for k in ("0", "1"):
        assert main(["evaluate", str(labeled), "--cv", k]) == 2
        err = capsys.readouterr().err
        assert err == f"rolelens: error: --cv must be 2 to 100 (folds), got {k}\n"
    assert main(["fit", str(labeled), "-o", "never.json", "--epochs", "0"]) == 2
    assert capsys.readouterr().err == "rolelens: error: --epochs must be 1 to 100, got 0\n"


def test_json_report_lists_every_miss_unless_told(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--misses N cuts the JSON report's misses too; without it JSON keeps them all."""
    path = tmp_path / "wrong.jsonl"
    wrong = [{"text": r["text"], "label": "shared"} for r in ROWS[:3]]
    path.write_text("".join(json.dumps(r) + "\n" for r in wrong), encoding="utf-8")
    counts = []
    for extra in ([], ["--misses", "1"], ["--misses", "0"]):
        assert main(["evaluate", str(path), "--format", "json", *extra]) == 0
        counts.append(len(json.loads(capsys.readouterr().out)["misses"]))
    assert counts == [3, 1, 0]


def test_negative_misses_are_refused(labeled: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--misses -1 is an error, not "every miss but the last"."""
    assert main(["evaluate", str(labeled), "--misses", "-1"]) == 2
    assert capsys.readouterr().err == "rolelens: error: --misses must be 0 or more, got -1\n"


@pytest.mark.parametrize(
    ("name", "content", "needle"),
    [
        # A quote left open is named where it opens (it read as one field to the end of
        # the file, and line 3 was said to have "no 'label' field").
        (
            "open.csv",
            'text,label\nOwn the roadmap,product\n"Track the budget,project\nShip,project\n',
            "open.csv:3: broken CSV row: a quote opened on this line is never closed",
        ),
        ("short.csv", "text,label\nOwn the roadmap\n", "short.csv:2: no 'label' field"),
        (
            "multi.csv",
            'text,label\n"Own\nthe roadmap",boss\n',
            "multi.csv:2: unknown label 'boss'",
        ),
    ],
)
def test_bad_labeled_csv_fails_on_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, content: str, needle: str
) -> None:
    """CSV problems name the file and the first line of the record, like JSONL ones."""
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    for command in (["evaluate", str(path)], ["fit", str(path), "-o", str(tmp_path / "m.json")]):
        assert main(command) == 2
        err = capsys.readouterr().err
        assert needle in err
        assert err.count("\n") == 1


def test_json_strings_may_hold_unicode_line_separators(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Only \\n ends a JSON Lines record: U+2028 and U+0085 inside a string are text."""
    path = tmp_path / "separators.jsonl"
    rows = [
        {"text": "Own the roadmap\u2028and the vision", "label": "product"},
        {"text": "Track the plan\u0085weekly", "label": "project"},
    ]
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8"
    )
    assert main(["evaluate", str(path), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["total"] == 2


def test_labeled_files_with_old_line_ends_and_blank_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """JSON Lines ended by a lone \\r read as records; after blank CSV lines, the line
    named is the record's own."""
    cr = tmp_path / "cr.jsonl"
    cr.write_text("".join(json.dumps(r) + "\r" for r in ROWS), encoding="utf-8")
    assert main(["evaluate", str(cr), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["total"] == len(ROWS)
    blanks = tmp_path / "blanks.csv"
    blanks.write_text("text,label\n\n\nOwn the roadmap,bogus\n", encoding="utf-8")
    assert main(["evaluate", str(blanks)]) == 2
    assert "blanks.csv:4: unknown label 'bogus'" in capsys.readouterr().err


@pytest.mark.parametrize("options", [[], ["--format", "json"]])
def test_evaluating_an_empty_file_fails_on_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], options: list[str]
) -> None:
    """An empty labeled file is refused (exit 2, one line), as fit refuses it; it printed
    a report of 0 examples with accuracy 0.000 and exit 0. -o is left unwritten."""
    path = tmp_path / "empty.jsonl"
    path.write_text("", encoding="utf-8")
    out = tmp_path / "report.txt"
    assert main(["evaluate", str(path), "-o", str(out), *options]) == 2
    captured = capsys.readouterr()
    assert captured.err == (
        f"rolelens: error: {path}: no labeled statements (it is empty or has only blank "
        "lines); nothing to evaluate\n"
    )
    assert captured.out == ""
    assert not out.exists()


def test_cross_validation_names_the_fold_with_one_label(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two product statements and one project in --cv 3: one fold trains on product alone.
    The line says so and suggests fewer folds; it said "all examples have the label
    'product'", which the file contradicts."""
    path = tmp_path / "cv.jsonl"
    rows = [ROWS[2], ROWS[3], ROWS[0]]  # product, product, project
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    assert main(["evaluate", str(path), "--cv", "3"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "its training part (the other folds) has only the label 'product'" in err
    assert "use fewer folds, or more examples of each label" in err
    assert "all examples" not in err


# -- --field/--label-field (JSONL) and --column/--label-column (CSV) -----------------------


def _renamed_jsonl(path: Path) -> Path:
    """ROWS with the statement in "statement" and the label in "gold"; "text" and
    "label" hold decoys, so that reading the default names gives another report."""
    path.write_text(
        "".join(
            json.dumps({"statement": r["text"], "gold": r["label"], "text": "x", "label": "shared"})
            + "\n"
            for r in ROWS
        ),
        encoding="utf-8",
    )
    return path


def _renamed_csv(path: Path) -> Path:
    path.write_text(
        "id,sentence,category\n"
        + "".join(f'{n},"{r["text"]}",{r["label"]}\n' for n, r in enumerate(ROWS)),
        encoding="utf-8",
    )
    return path


def _stdin(monkeypatch: pytest.MonkeyPatch, content: str) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(content.encode())))


@pytest.mark.parametrize(
    ("kind", "names"),
    [
        ("jsonl", ["--field", "statement", "--label-field", "gold"]),
        ("csv", ["--column", "sentence", "--label-column", "category"]),
        ("stdin-jsonl", ["--field", "statement", "--label-field", "gold"]),
        ("stdin-csv", ["--column", "sentence", "--label-column", "category"]),
    ],
)
def test_fit_and_evaluate_read_the_named_fields_and_columns(
    labeled: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    kind: str,
    names: list[str],
) -> None:
    """The statement and label may be in fields or columns of other names: the report is
    the one the usual text/label file gives, and fit learns from the named ones."""
    assert main(["evaluate", str(labeled), "--format", "json"]) == 0
    expected = json.loads(capsys.readouterr().out)
    renamed = (
        _renamed_csv(tmp_path / "renamed.csv")
        if kind.endswith("csv")
        else _renamed_jsonl(tmp_path / "renamed.jsonl")
    )
    source = str(renamed)
    if kind.startswith("stdin"):
        source = "-"
        _stdin(monkeypatch, renamed.read_text(encoding="utf-8"))
    assert main(["evaluate", source, *names, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == expected
    if kind.startswith("stdin"):
        _stdin(monkeypatch, renamed.read_text(encoding="utf-8"))
    assert main(["fit", source, *names, "-o", str(tmp_path / "m.json")]) == 0
    assert f"fitted on {len(ROWS)} statements" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("name", "content", "options", "message"),
    [
        (
            "r.jsonl",
            '{"statement": "Own the roadmap", "gold": "product"}\n{"gold": "project"}\n',
            ["--field", "statement", "--label-field", "gold"],
            "r.jsonl:2: no 'statement' field (or it is null)",
        ),
        (
            "r.jsonl",
            '{"statement": "Own the roadmap", "gold": "product"}\n'
            '{"statement": "Track it", "label": "project"}\n',
            ["--field", "statement", "--label-field", "gold"],
            "r.jsonl:2: no 'gold' field (or it is null)",
        ),
        (
            "r.csv",
            "sentence,label\nOwn the roadmap,product\n",
            ["--column", "sentence", "--label-column", "category"],
            "r.csv:1: no column(s) named category (columns: 'sentence', 'label')",
        ),
        (
            "r.csv",
            "\nsentence,category\nOwn the roadmap,product\nTrack it\n",
            ["--column", "sentence", "--label-column", "category"],
            "r.csv:4: no 'category' field (or it is null)",
        ),
        (
            # A comma left unquoted: "Own the roadmap" was read as the statement and
            # the rest dropped, with no word said.
            "r.csv",
            "category,sentence\nproduct,Own the roadmap, vision and pricing\n",
            ["--column", "sentence", "--label-column", "category"],
            'r.csv:2: row has 3 fields, the header 2: quote a field that holds a comma ("a, b")',
        ),
    ],
    ids=["jsonl text", "jsonl label", "csv header", "csv short row", "csv long row"],
)
def test_a_named_field_or_column_that_is_missing_is_named_with_its_line(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    content: str,
    options: list[str],
    message: str,
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    for command in (["evaluate"], ["fit", "-o", str(tmp_path / "m.json")]):
        assert main([*command, str(path), *options]) == 2
        assert capsys.readouterr().err == f"rolelens: error: {tmp_path / message}\n"
    assert not (tmp_path / "m.json").exists()


@pytest.mark.parametrize(
    ("kind", "options", "message"),
    [
        (
            "csv",
            ["--field", "sentence"],
            "--field names a JSONL field, but {source} is read as CSV ({why}); use --column",
        ),
        (
            "csv",
            ["--column", "sentence", "--label-field", "category"],
            "--label-field names a JSONL field, but {source} is read as CSV ({why}); "
            "use --label-column",
        ),
        (
            "jsonl",
            ["--column", "statement"],
            "--column names a CSV column, but {source} is read as JSONL ({why}); use --field",
        ),
        (
            "jsonl",
            ["--label-column", "gold"],
            "--label-column names a CSV column, but {source} is read as JSONL ({why}); "
            "use --label-field",
        ),
        (
            "jsonl",
            ["--field", "statement", "--label-field", "statement"],
            "the statement and the label cannot both be the field 'statement' "
            "(see --field and --label-field)",
        ),
        (
            "csv",
            ["--label-column", "text"],
            "the statement and the label cannot both be the column 'text' "
            "(see --column and --label-column)",
        ),
    ],
    ids=[
        "csv --field",
        "csv --label-field",
        "jsonl --column",
        "jsonl --label-column",
        "jsonl one field",
        "csv one column",
    ],
)
@pytest.mark.parametrize("stdin", [False, True], ids=["file", "stdin"])
def test_a_name_for_the_other_format_is_refused(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    kind: str,
    options: list[str],
    message: str,
    stdin: bool,
) -> None:
    """--field for a CSV input (or --column for JSONL) would do nothing: refused, as
    classify refuses it, naming the option to use; so is one name for both."""
    path = (
        _renamed_csv(tmp_path / "r.csv") if kind == "csv" else _renamed_jsonl(tmp_path / "r.jsonl")
    )
    source, why = (
        str(path),
        ("by its .csv name" if kind == "csv" else "only a .csv file is read as CSV"),
    )
    if stdin:
        source, why = (
            "-",
            (
                "its first line is not a JSON object"
                if kind == "csv"
                else "its first line is a JSON object"
            ),
        )
        _stdin(monkeypatch, path.read_text(encoding="utf-8"))
    assert main(["evaluate", source, *options]) == 2
    shown = "standard input" if stdin else source
    expected = message.format(source=shown, why=why)
    assert capsys.readouterr().err == f"rolelens: error: {expected}\n"


# -- number options: nonsense and absurd values are refused ---------------------------------


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["fit", "--epochs", "101"], "--epochs must be 1 to 100, got 101"),
        (["fit", "--seed", "-1"], "--seed must be 0 to 4,294,967,295, got -1"),
        (["fit", "--seed", str(2**32)], "--seed must be 0 to 4,294,967,295, got 4294967296"),
        (["evaluate", "--cv", "101"], "--cv must be 2 to 100 (folds), got 101"),
        (["evaluate", "--cv", "2", "--seed", "-7"], "--seed must be 0 to 4,294,967,295, got -7"),
        (
            ["evaluate", "--misses", "-" + "9" * 400],
            "--misses must be 0 or more, got -9999999999999999999... (401 characters)",
        ),
        (
            ["fit", "--seed", "9" * 4000],
            "--seed must be 0 to 4,294,967,295, got 99999999999999999999... (4,000 characters)",
        ),
    ],
    ids=[
        "epochs 101",
        "negative seed",
        "seed over 32 bits",
        "cv 101",
        "evaluate negative seed",
        "misses 400 digits",
        "seed 4000 digits",
    ],
)
def test_number_options_out_of_range_are_one_line_and_leave_the_output(
    labeled: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    message: str,
) -> None:
    """--epochs and --cv had no upper bound (hours of fitting), a negative seed fitted the
    model of its absolute value, and a long number was repeated in full. Refused before
    any work: one line, exit 2, and -o as it was."""
    out = tmp_path / "out.json"
    out.write_text("earlier\n", encoding="utf-8")
    command, *options = argv
    assert main([command, str(labeled), "-o", str(out), *options]) == 2
    assert capsys.readouterr().err == f"rolelens: error: {message}\n"
    assert out.read_text(encoding="utf-8") == "earlier\n"


def test_the_largest_seed_and_epochs_are_taken(
    labeled: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    model = tmp_path / "m.json"
    assert main(["fit", str(labeled), "-o", str(model), "--seed", str(2**32 - 1)]) == 0
    assert main(["evaluate", str(labeled), "--cv", "2", "--seed", "0", "--misses", "0"]) == 0
    capsys.readouterr()


@pytest.mark.parametrize(
    "argv",
    [
        ["fit", "{labeled}", "-o", "m.json", "--seed", "9" * 4999 + "x"],
        ["evaluate", "{labeled}", "--cv", "x" * 3000],
        ["classify", "--jobs", "1" * 5000 + "x", "Own the roadmap"],
    ],
    ids=["fit --seed", "evaluate --cv", "classify --jobs"],
)
def test_a_number_that_is_not_one_is_not_repeated_in_full(
    labeled: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    """argparse's int said "invalid int value: '999...'" with all 5,000 characters."""
    with pytest.raises(SystemExit) as exit_info:
        main([word.replace("{labeled}", str(labeled)) for word in argv])
    assert exit_info.value.code == 2
    last = capsys.readouterr().err.splitlines()[-1]
    assert "expected a whole number, got '" in last
    assert "characters)" in last
    assert len(last) < 150


@pytest.mark.parametrize(
    ("argv", "value", "digits"),
    [
        (["fit", "{labeled}", "-o", "m.json", "--seed"], "9" * 5000, 5000),
        (["evaluate", "{labeled}", "--misses"], "-" + "9" * 5000, 5000),
        (["classify", "Own the roadmap", "--jobs"], " 1_" + "1" * 5000, 5001),
    ],
    ids=["fit --seed", "evaluate --misses", "classify --jobs"],
)
def test_a_number_of_too_many_digits_is_called_too_long(
    labeled: Path, capsys: pytest.CaptureFixture[str], argv: list[str], value: str, digits: int
) -> None:
    """int() refuses a number of more than 4,300 digits with a ValueError, which was
    reported as "expected a whole number": it is one, and too long."""
    with pytest.raises(SystemExit) as exit_info:
        main([word.replace("{labeled}", str(labeled)) for word in argv] + [value])
    assert exit_info.value.code == 2
    last = capsys.readouterr().err.splitlines()[-1]
    problem = f"too long: an integer of {digits} digits, over the 4300-digit limit"
    assert f"{argv[-1]}: {problem}, got {value[:20]!r} ... ({len(value):,} characters)" in last
    assert len(last) < 200


@pytest.mark.parametrize("fmt", ["table", "json", "markdown"])
def test_a_missed_statement_with_a_lone_surrogate_is_written_as_its_escape(
    fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A labeled statement can hold a lone surrogate (JSONL's "\\ud800"); misclassified,
    it is listed in the misses, written as valid UTF-8 with the six-character escape,
    which the JSON report reads back as the same character."""
    path = tmp_path / "wrong.jsonl"
    text = "Book the kiln \ud800 slots for the spring batch"
    path.write_text(json.dumps({"text": text, "label": "shared"}) + "\n", encoding="ascii")
    target = tmp_path / "report"
    argv = ["evaluate", str(path), "--format", fmt, "--misses", "1", "-o", str(target)]
    assert main(argv) == 0
    assert capsys.readouterr().err == ""
    written = target.read_bytes().decode("utf-8")
    assert "Book the kiln \\ud800 slots" in written
    if fmt == "json":
        assert json.loads(written)["misses"][0]["text"] == text


ONE_LABEL = (
    '{"text": "Own the roadmap", "label": "product"}\n'
    '{"text": "Talk to customers", "label": "product"}\n'
)
THREE = ONE_LABEL + '{"text": "Track the budget", "label": "project"}\n'


@pytest.mark.parametrize(
    ("content", "argv", "message"),
    [
        (
            ONE_LABEL,
            ["fit", "-o", "out.json"],
            "{name}: all examples have the label 'product'; fitting needs at least two labels",
        ),
        (
            ONE_LABEL,
            ["evaluate", "--cv", "2", "-o", "out.json"],
            "{name}: all examples have the label 'product'; cross-validation needs at least "
            "two labels",
        ),
        (
            THREE,
            ["evaluate", "--cv", "3", "-o", "out.json"],
            "{name}: fold 2 of 3: its training part (the other folds) has only the label "
            "'product', and fitting needs two; use fewer folds, or more examples of each label",
        ),
        (
            THREE,
            ["evaluate", "--cv", "4", "-o", "out.json"],
            "--cv 4: {name} has 3 labeled statement(s), and each of the 4 folds needs one; "
            "use fewer folds",
        ),
    ],
    ids=["fit-one-label", "cv-one-label", "cv-fold", "cv-too-many"],
)
@pytest.mark.parametrize("name", ["labeled.jsonl", "-"])
def test_what_the_examples_lack_names_the_file(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    content: str,
    argv: list[str],
    message: str,
    name: str,
) -> None:
    """Labeled statements that cannot be fitted or folded were refused without naming
    the file ("all examples have the label 'product'"), or the option ("3 examples
    cannot make 4 folds"). The error names both where they count; -o is not written."""
    monkeypatch.chdir(tmp_path)
    Path("labeled.jsonl").write_text(content, encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(content.encode())))
    assert main([argv[0], name, *argv[1:]]) == 2
    shown = "<stdin>" if name == "-" else name
    assert capsys.readouterr().err == f"rolelens: error: {message.format(name=shown)}\n"
    assert not Path("out.json").exists()


@pytest.mark.parametrize("command", ["fit", "evaluate"])
def test_a_labeled_csv_separated_by_semicolons_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    """`text;label` is one column to the comma-separated reader; the error now says why."""
    path = tmp_path / "labeled.csv"
    path.write_text("text;label\nOwn the roadmap;product\n", encoding="utf-8")
    argv = [command, str(path)] + (["-o", str(tmp_path / "m.json")] if command == "fit" else [])
    assert main(argv) == 2
    assert capsys.readouterr().err == (
        f"rolelens: error: {path}:1: no column(s) named label, text (columns: 'text;label'); "
        "it is semicolon-separated: save it comma-separated\n"
    )


def test_a_fit_too_large_to_load_back_writes_no_model(
    labeled: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A fitted model over the size limit of a model file (here made small) fails on one
    line and leaves no file: it was written, and every --model then refused it."""
    import rolelens.persistence
    from rolelens import Classifier, Lexicon, save

    empty = tmp_path / "empty.json"  # a start the limit below lets in
    save(Classifier(Lexicon(())), empty)
    monkeypatch.setattr(rolelens.persistence, "MAX_DATA_FILE_BYTES", 500)
    out = tmp_path / "model.json"
    assert main(["fit", str(labeled), "--model", str(empty), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert re.fullmatch(r"rolelens: error: the classifier is [\d,]+ bytes as JSON, .*\n", err)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty.json", "labeled.jsonl"]


def test_fit_takes_min_count_and_prune_as_classifier_fit_does(
    labeled: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--min-count and --prune reach the fit: the size error's advice ("a larger
    min_count or prune") could not be followed from the command line. The model is the
    one Classifier.fit gives with the same settings, to the byte."""
    from rolelens import default_classifier, load
    from rolelens.persistence import to_json

    rows = [(row["text"], row["label"]) for row in ROWS]
    for options in ([], ["--min-count", "1", "--prune", "0"], ["--min-count", "3"]):
        out = tmp_path / "model.json"
        assert main(["fit", str(labeled), "-o", str(out), *options]) == 0
        capsys.readouterr()
        settings = dict(zip(options[::2], options[1::2], strict=True))
        expected = default_classifier().fit(
            rows,
            min_count=int(settings.get("--min-count", 2)),
            prune=float(settings.get("--prune", 0.05)),
        )
        assert out.read_text("utf-8") == to_json(expected)
        assert load(out) == expected
    loose = default_classifier().fit(rows, min_count=1, prune=0)
    assert len(loose.lexicon) > len(default_classifier().fit(rows).lexicon)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--min-count", "0"], "--min-count must be 1 or more, got 0"),
        (["--prune", "-0.5"], "--prune must be 0 or more, got -0.5"),
        (["--prune", "nan"], "argument --prune: expected a finite number, got 'nan'"),
        (["--prune", "x" * 50], "argument --prune: expected a finite number, got 'xxxx"),
    ],
)
def test_fit_refuses_bad_min_count_and_prune_on_one_line(
    labeled: Path,
    tmp_path: Path,
    options: list[str],
    message: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A value argparse refuses exits with status 2 as a range error does."""
    out = tmp_path / "model.json"
    code: int | str | None
    try:
        code = main(["fit", str(labeled), "-o", str(out), *options])
    except SystemExit as exited:
        code = exited.code
    assert code == 2
    err = capsys.readouterr().err
    assert message in err
    assert not out.exists()


def test_empty_fields_past_the_header_are_no_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A spreadsheet may end each row with a comma: only a field with something in it
    past the header's makes a row too long to read."""
    path = tmp_path / "r.csv"
    path.write_text("text,label\nOwn the roadmap,product,,\nTrack it,project, \n", "utf-8")
    assert main(["evaluate", str(path), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["total"] == 2


@pytest.mark.parametrize("name", ["labeled.txt", "labeled.tsv", "labeled"])
def test_csv_in_a_file_not_named_csv_is_explained(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    """A CSV header read as JSON Lines said only "Expecting value: line 1 column 1",
    which did not tell what to change; a later broken line gets no such hint."""
    path = tmp_path / name
    path.write_text("text,label\nOwn the roadmap,product\n", encoding="utf-8")
    hint = "; only a file named .csv is read as CSV, any other as JSON Lines"
    for command in (["evaluate"], ["fit", "-o", str(tmp_path / "m.json")]):
        assert main([*command, str(path)]) == 2
        err = capsys.readouterr().err
        assert err.startswith(f"rolelens: error: {path}:1: not valid JSON (")
        assert err.endswith(hint + "\n")
    later = tmp_path / "later.jsonl"
    later.write_text('{"text": "Own it", "label": "product"}\ntext,label\n', encoding="utf-8")
    assert main(["evaluate", str(later)]) == 2
    assert "only a file named .csv" not in capsys.readouterr().err


def test_labeled_csv_skips_lines_of_spaces_and_rows_of_empty_fields(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Blank lines are skipped, and a line of spaces or a row of empty fields (",,",
    as a spreadsheet saves a row it emptied) is as blank: "no 'label' field" and
    "unknown label ''" refused such files, which classify -i read without a word."""
    path = tmp_path / "r.csv"
    path.write_text(
        "text,label\nOwn the roadmap,product\n   \n,\nTrack the budget,project\n , ,\n",
        encoding="utf-8",
    )
    assert main(["evaluate", str(path), "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["total"] == 2
    assert [m["support"] for m in report["per_label"]][:2] == [1, 1]
    # A row with anything in it is still a record, and still read strictly: a label
    # without its statement is an error (it was evaluated as "", a sure miss).
    path.write_text("text,label\nOwn the roadmap,product\n,project\n", encoding="utf-8")
    assert main(["evaluate", str(path), "--format", "json"]) == 2
    assert "r.csv:3: 'text' is empty: a label needs its statement" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            '[\n  {"text": "Own the roadmap", "label": "product"}\n]\n',
            "a JSON array; JSON Lines is read here: one JSON object per line, no array",
        ),
        (
            '[{"text": "Own the roadmap", "label": "product"}]\n',
            "a JSON array; JSON Lines is read here: one JSON object per line, no array",
        ),
        (
            '{\n  "text": "Own the roadmap",\n  "label": "product"\n}\n',
            "a JSON object spread over lines; JSON Lines is read here: one whole object a line",
        ),
    ],
    ids=["array over lines", "array on one line", "object over lines"],
)
def test_a_labeled_json_document_is_named_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, expected: str
) -> None:
    """A labeled .json file holding a JSON array or a pretty printed object said
    "Expecting value: line 1 column 2" or "expected a JSON object"."""
    path = tmp_path / "labeled.json"
    path.write_text(content, encoding="utf-8")
    for command in (["evaluate"], ["fit", "-o", str(tmp_path / "m.json")]):
        assert main([*command, str(path)]) == 2
        assert capsys.readouterr().err == f"rolelens: error: {path}:1: {expected}\n"


def _ticking_threads() -> list[str]:
    import threading

    return [t.name for t in threading.enumerate() if t.name == "rolelens-progress"]


@pytest.mark.parametrize(
    ("argv", "first"),
    [(["fit", "-o", "m.json", "--epochs", "1"], "0/1"), (["evaluate", "--cv", "2"], "0/2")],
    ids=["fit", "evaluate-cv"],
)
@pytest.mark.parametrize("stop", [None, KeyboardInterrupt], ids=["done", "ctrl-c"])
def test_progress_appears_before_the_first_epoch_or_fold_ends(
    labeled: Path,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    argv: list[str],
    first: str,
    stop: type[BaseException] | None,
) -> None:
    """The line of fit and evaluate --cv was drawn only at the end of an epoch or a
    fold, so a long first one showed nothing on the terminal. It appears when the
    delay is up, whatever the epoch; Ctrl-C (or the end) stops the drawing thread."""
    import time

    from rolelens import Classifier

    monkeypatch.setattr("rolelens.cli._options.AUTO_PROGRESS_DELAY", 0.05)
    monkeypatch.setattr("rolelens.cli._options.TICK_SECONDS", 0.05)
    monkeypatch.chdir(tmp_path)
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    real_fit = Classifier.fit
    seen: list[str] = []
    patience = [5.0]  # the longest the first epoch waits for the line

    def slow_fit(self: Classifier, *args: object, **kwargs: object) -> Classifier:
        if not seen:  # the first fit: a long first epoch or fold
            deadline = time.monotonic() + patience[0]
            while first not in terminal.getvalue() and time.monotonic() < deadline:
                time.sleep(0.01)
            seen.append(terminal.getvalue())
            if stop is not None:
                raise stop
        return real_fit(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Classifier, "fit", slow_fit)
    assert main([argv[0], str(labeled), *argv[1:]]) == (0 if stop is None else 130)
    assert first in seen[0]
    assert _ticking_threads() == []
    # With --no-progress nothing is drawn, however long the epoch.
    seen.clear()
    patience[0] = 0.3
    terminal.seek(0)
    terminal.truncate()
    monkeypatch.setattr("rolelens.cli._options.AUTO_PROGRESS_DELAY", 0.0)
    code = main([argv[0], str(labeled), *argv[1:], "--no-progress"])
    assert code == (0 if stop is None else 130)
    assert first not in seen[0]
    assert _ticking_threads() == []
