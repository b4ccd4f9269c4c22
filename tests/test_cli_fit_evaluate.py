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
        (
            '{"text": "a", "label": "product"}\n{"text": "b", "lab',
            "labeled.jsonl:2: not valid JSON",
        ),
        ('{"text": 5, "label": "product"}\n', "labeled.jsonl:1: 'text' must be a string"),
        ('{"label": "product"}\n', "labeled.jsonl:1: no 'text' field"),
        ('{"text": "Own the roadmap"}\n', "labeled.jsonl:1: no 'label' field"),
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
        (["evaluate", "--cv", "3"], r"3/3\b[^\r\n]*folds"),
        (["fit", "-o", "m.json"], r"6/6\b[^\r\n]*epochs"),
    ],
    ids=["evaluate-cv", "fit"],
)
def test_long_work_shows_progress_on_a_terminal(
    labeled: Path,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    argv: list[str],
    shown: str,
) -> None:
    """Cross-validation counts folds and fitting counts epochs on stderr, when it is a terminal."""
    monkeypatch.chdir(tmp_path)
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert main([argv[0], str(labeled), *argv[1:]]) == 0
    # The built-in bar writes "3/3 folds", tqdm "3/3 [00:01<00:00, 2.9 folds/s]".
    assert re.search(shown, terminal.getvalue())


def test_cross_validation_needs_two_folds(
    labeled: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--cv 0 is refused like --cv 1, not taken as "no cross-validation"."""
    for k in ("0", "1"):
        assert main(["evaluate", str(labeled), "--cv", k]) == 2
        err = capsys.readouterr().err
        assert err == f"rolelens: error: --cv must be at least 2 (folds), got {k}\n"
    assert main(["fit", str(labeled), "-o", "never.json", "--epochs", "0"]) == 2
    assert capsys.readouterr().err == "rolelens: error: --epochs must be at least 1, got 0\n"


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
        # A quote left open runs to the end of the file: the record's first line is named.
        (
            "open.csv",
            'text,label\nOwn the roadmap,product\n"Track the budget,project\nShip,project\n',
            "open.csv:3: no 'label' field",
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
    assert captured.err == "rolelens: error: no examples to evaluate\n"
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
