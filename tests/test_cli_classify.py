"""Tests for `rolelens classify`, in-process through rolelens.cli.main (a subprocess for SIGINT)."""

from __future__ import annotations

import csv
import errno
import io
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import rolelens.cli.classify
from rolelens import Cue, default_classifier, save
from rolelens.cli import _arena, main
from rolelens.records import LineBlock, Record
from tests.conftest import ROOT, wait_for_output
from tests.strategies import hostile_text, statements

PRODUCT = "Define the product vision and roadmap based on customer research"
PROJECT = "Track project milestones, budget and risks against the delivery plan"


def _jsonl(text: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in text.splitlines()]


def _one_error_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("rolelens: error: ")
    return lines[0]


def test_arguments_print_a_table(capsys: pytest.CaptureFixture[str]) -> None:
    """Statements given as arguments print as a table, one row per statement, in order."""
    assert main(["classify", PRODUCT, PROJECT]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split() == ["label", "conf", "statement"]
    assert out[1].startswith("product ")
    assert out[1].endswith(PRODUCT)
    assert out[2].startswith("project ")
    assert out[2].endswith(PROJECT)


def test_explain_adds_the_reason(capsys: pytest.CaptureFixture[str]) -> None:
    """--explain adds each verdict's explanation line under its row."""
    assert main(["classify", "--explain", PRODUCT]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[2].strip() == default_classifier().classify(PRODUCT).explain()


def test_jsonl_output_has_scores_and_evidence(capsys: pytest.CaptureFixture[str]) -> None:
    """--format jsonl writes one object per statement with label, scores and located evidence."""
    assert main(["classify", "--format", "jsonl", "--explain", PRODUCT, ""]) == 0
    first, blank = _jsonl(capsys.readouterr().out)
    assert first["text"] == PRODUCT
    assert first["label"] == "product"
    scores = first["scores"]
    assert isinstance(scores, dict)
    assert list(scores) == ["product", "project", "shared", "other"]
    assert abs(sum(scores.values()) - 1) < 1e-5
    evidence = first["evidence"]
    assert isinstance(evidence, list)
    assert evidence
    for item in evidence:
        assert PRODUCT[item["start"] : item["end"]] == item["matched"]
        assert item["label"] in {"product", "project", "shared", "other"}
    assert blank["label"] == "other"
    assert blank["explanation"] == "other: no evidence"


def test_file_input_defaults_to_jsonl_with_line_numbers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A text file piped to stdout gives JSONL; each record keeps the line it came from."""
    path = tmp_path / "bullets.txt"
    path.write_text(f"{PRODUCT}\n\n{PROJECT}\n", encoding="utf-8")
    assert main(["classify", "-i", str(path)]) == 0
    records = _jsonl(capsys.readouterr().out)
    assert [(r["line"], r["label"]) for r in records] == [(1, "product"), (3, "project")]


def test_csv_output_file_written_atomically(tmp_path: Path) -> None:
    """-o x.csv writes CSV with the score columns, and no temporary file is left behind."""
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"bullet": PROJECT}) + "\n", encoding="utf-8")
    target = tmp_path / "out.csv"
    assert main(["classify", "-i", str(source), "--field", "bullet", "-o", str(target)]) == 0
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert rows[0]["label"] == "project"
    assert rows[0]["line"] == "1"
    assert set(rows[0]) >= {"score_product", "score_project", "score_shared", "score_other"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl", "out.csv"]


@pytest.mark.parametrize(
    ("name", "fmt"), [("out.CSV", "csv"), (".csv", "jsonl"), ("out.csv.txt", "jsonl")]
)
def test_csv_output_is_chosen_by_the_extension(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, fmt: str
) -> None:
    """classify chose CSV when the -o name ended in ".csv", and the other commands by
    its extension: a file named ".csv" has none, and compare, posting and decide
    wrote their default format into it while classify wrote CSV. classify now reads
    the extension as they do (JSON Lines is its default for -o)."""
    target = tmp_path / name
    assert main(["classify", PROJECT, "-o", str(target)]) == 0
    assert main(["classify", PROJECT, "--format", fmt]) == 0
    assert target.read_text(encoding="utf-8") == capsys.readouterr().out


def test_csv_output_quotes_a_lone_carriage_return(tmp_path: Path) -> None:
    """A statement holding a bare CR (JSON allows it) stays one cell of one record: the
    csv module of Python 3.11 left it unquoted, and readers split the record there."""
    source = tmp_path / "in.jsonl"
    texts = ["Own the\rroadmap", 'Track "the" budget, weekly']
    source.write_text("".join(json.dumps({"text": t}) + "\n" for t in texts), encoding="utf-8")
    target = tmp_path / "out.csv"
    assert main(["classify", "-i", str(source), "-o", str(target)]) == 0
    with target.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert [(row["line"], row["text"]) for row in rows] == [("1", texts[0]), ("2", texts[1])]


@pytest.mark.parametrize("command", ["classify", "compare"])
def test_output_in_a_missing_directory_names_the_path_given(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    """-o into a directory that does not exist: exit 2, one line naming that path."""
    target = tmp_path / "missing" / "out.txt"
    argv = ["classify", PROJECT] if command == "classify" else ["compare"]
    assert main([*argv, "-o", str(target)]) == 2
    err = capsys.readouterr().err
    assert err == f"rolelens: error: {target}: cannot write there: No such file or directory\n"


def test_csv_input_column(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--column picks the CSV column that holds the statements."""
    source = tmp_path / "in.csv"
    source.write_text(f'id,bullet\n1,"{PRODUCT}"\n', encoding="utf-8")
    assert main(["classify", "-i", str(source), "--column", "bullet", "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert rows[0]["text"] == PRODUCT


def test_stdin_dash(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """-i - reads statements from standard input."""
    raw = io.BytesIO(f"{PROJECT}\n".encode())
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(raw))
    assert main(["classify", "-i", "-", "--format", "jsonl"]) == 0
    assert _jsonl(capsys.readouterr().out)[0]["label"] == "project"


def test_two_jobs_write_the_same_output(tmp_path: Path) -> None:
    """--jobs 2 writes byte-for-byte the output of --jobs 1, in input order."""
    words = ("roadmap", "budget", "customers", "milestones", "degree", "vision", "risks", "plan")
    lines = [" ".join(words[(n + k) % len(words)] for k in range(n % 9)) for n in range(600)]
    source = tmp_path / "in.txt"
    source.write_text("\n".join(["x", *lines]), encoding="utf-8")
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert main(["classify", "-i", str(source), "-o", str(one)]) == 0
    assert (
        main(["classify", "-i", str(source), "-o", str(two), "--jobs", "2", "--chunk-size", "37"])
        == 0
    )
    assert one.read_bytes() == two.read_bytes()


_MIXED = {
    "in.jsonl": (
        b'{"text": "Own the roadmap"}\n{"text": 3}\n\n{"text": "Plan the sprint"}\n'
        b'{"text": "Track the budget"}\n{"text": "cut\n{"other": 1}\n'
        b'{"text": "Interview customers"}\n'
    ),
    "in.txt": b"Own the roadmap\r\nbad \xe9 byte\nPlan it\rTrack it\n\nInterview users\n",
    "in.csv": b'text\nOwn the roadmap\n"Plan\nthe sprint"\nTrack the budget\n',
}


@pytest.mark.parametrize("name", sorted(_MIXED))
def test_two_jobs_report_bad_records_like_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    """With --skip-invalid, --jobs 2 skips and reports the same records, in the same order."""
    source = tmp_path / name
    source.write_bytes(_MIXED[name])
    runs = []
    for jobs in ("1", "2"):
        target = tmp_path / f"out{jobs}.jsonl"
        argv = ["classify", "-i", str(source), "-o", str(target), "--skip-invalid"]
        assert main([*argv, "--jobs", jobs, "--chunk-size", "2"]) == 0
        runs.append((target.read_bytes(), capsys.readouterr().err))
    assert runs[0] == runs[1]
    kept, skipped = {"in.jsonl": (4, 3), "in.txt": (4, 1), "in.csv": (3, 0)}[name]
    assert runs[0][0].count(b"\n") == kept
    assert (f"skipped {skipped} invalid record(s)" in runs[0][1]) == bool(skipped)


def test_two_jobs_stop_at_a_bad_record_like_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without --skip-invalid the first bad record ends the run (exit 2, file:line), any --jobs."""
    source = tmp_path / "in.jsonl"
    source.write_bytes(_MIXED["in.jsonl"])
    for jobs in ("1", "2"):
        target = tmp_path / "out.jsonl"
        assert main(["classify", "-i", str(source), "-o", str(target), "--jobs", jobs]) == 2
        assert f"{source}:2:" in _one_error_line(capsys.readouterr().err)
        assert not target.exists()


def test_two_jobs_to_stdout(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--jobs 2 writing to standard output gives what --jobs 1 gives."""
    source = tmp_path / "in.txt"
    source.write_text(f"{PRODUCT}\n{PROJECT}\n" * 30, encoding="utf-8")
    outs = []
    for jobs in ("1", "2"):
        argv = ["classify", "-i", str(source), "--format", "jsonl", "--chunk-size", "7"]
        assert main([*argv, "--jobs", jobs]) == 0
        outs.append(capsys.readouterr().out)
    assert outs[0] == outs[1]
    assert [r["line"] for r in _jsonl(outs[1])] == list(range(1, 61))


@pytest.mark.parametrize(
    ("name", "content", "extra", "where"),
    [
        ("latin1.txt", b"Own the roadmap\nPlan the caf\xe9 budget\n", [], "latin1.txt:2:"),
        ("cut.jsonl", b'{"text": "Plan it"}\n{"text": "Plan', [], "cut.jsonl:2:"),
        ("no_col.csv", b"id,bullet\n1,Plan it\n", [], "no_col.csv:1:"),
        ("short.csv", b"id,text\n1,ok\n2\n", [], "short.csv:3:"),
        # A comma left unquoted: the statement was cut at it, the rest dropped unsaid.
        ("long.csv", b"id,text\n1,ok\n2,Own the roadmap, and pricing\n", [], "long.csv:3:"),
        ("field.jsonl", b'{"text": "a"}\n{"body": "b"}\n', [], "field.jsonl:2:"),
    ],
)
def test_bad_records_are_one_line_with_file_and_line(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    content: bytes,
    extra: list[str],
    where: str,
) -> None:
    """Each broken input exits 2 with one stderr line naming file and line; no output file."""
    source = tmp_path / name
    source.write_bytes(content)
    target = tmp_path / "out.jsonl"
    assert main(["classify", "-i", str(source), "-o", str(target), *extra]) == 2
    line = _one_error_line(capsys.readouterr().err)
    assert where in line
    assert not target.exists()
    assert [p.name for p in tmp_path.iterdir()] == [name]


def test_missing_file_and_directory(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A missing input or a directory exits 2 with one line naming it."""
    assert main(["classify", "-i", str(tmp_path / "absent.txt")]) == 2
    assert "absent.txt" in _one_error_line(capsys.readouterr().err)
    assert main(["classify", "-i", str(tmp_path)]) == 2
    assert "directory" in _one_error_line(capsys.readouterr().err)


def test_utf16_with_bom_is_fine(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A UTF-16 file with a byte-order mark is read, not rejected."""
    source = tmp_path / "u16.txt"
    source.write_bytes(f"{PRODUCT}\r\n{PROJECT}\r\n".encode("utf-16"))
    assert main(["classify", "-i", str(source), "--format", "jsonl"]) == 0
    assert [r["text"] for r in _jsonl(capsys.readouterr().out)] == [PRODUCT, PROJECT]


@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize("command", ["classify", "reframe"])
def test_jsonl_with_old_mac_line_ends_is_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str, jobs: str
) -> None:
    """`classify -i f.jsonl` on a file whose lines end in a lone \r (old Mac tools)
    refused it as one line of "invalid JSON: Extra data", though fit and evaluate
    read such a file; each record is read, on the line plain text would number."""
    path = tmp_path / "old_mac.jsonl"
    path.write_bytes(f'{{"text": "{PRODUCT}"}}\r\r{{"text": "{PROJECT}"}}\r'.encode())
    extra = ["--jobs", jobs, "--format", "jsonl"] if command == "classify" else ["--format", "json"]
    assert main([command, "-i", str(path), *extra]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    records = _jsonl(captured.out)
    if command == "classify":
        assert [(r["line"], r["text"], r["label"]) for r in records] == [
            (1, PRODUCT, "product"),
            (3, PROJECT, "project"),
        ]
    else:
        assert [r["statement"] for r in records] == [PRODUCT, PROJECT]


def test_skip_invalid_counts_and_continues(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--skip-invalid reports each bad record and a total on stderr, and classifies the rest."""
    source = tmp_path / "mixed.jsonl"
    source.write_bytes(
        b'{"text": "Own the roadmap"}\n{"text": \n{"text": "caf\xe9"}\n{"text": "Plan it"}\n'
    )
    assert main(["classify", "-i", str(source), "--skip-invalid", "--format", "jsonl"]) == 0
    captured = capsys.readouterr()
    assert [r["line"] for r in _jsonl(captured.out)] == [1, 4]
    err = captured.err.splitlines()
    assert f"{source}:2:" in err[0]
    assert f"{source}:3:" in err[1]
    assert "skipped 2 invalid record(s)" in err[-1]


def test_skip_invalid_on_stdin_names_it_as_each_skip_does(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The total said "in -" where each skipped record said "<stdin>:2:"."""
    raw = io.BytesIO(b'{"text": "Own the roadmap"}\n{"text": \n')
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(raw))
    argv = ["classify", "-i", "-", "--input-format", "jsonl", "--skip-invalid"]
    assert main([*argv, "--format", "jsonl"]) == 0
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith("rolelens: skipped <stdin>:2: ")
    assert err[-1] == "rolelens: skipped 1 invalid record(s) in <stdin>"


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_progress_on_a_pipe_keeps_its_statements(
    jobs: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """With a progress bar (the default when stderr is a terminal), ``-i <(zcat f.gz)``
    classified nothing and exited 0: the lines were counted for the bar by reading
    the pipe, and it was empty when read again for the statements."""
    read_end, write_end = os.pipe()
    try:
        os.write(write_end, f"{PRODUCT}\n{PROJECT}\n".encode())
        os.close(write_end)
        argv = ["classify", "-i", f"/dev/fd/{read_end}", "--progress", "--format", "jsonl"]
        assert main([*argv, "--jobs", jobs]) == 0
    finally:
        os.close(read_end)
    assert [r["text"] for r in _jsonl(capsys.readouterr().out)] == [PRODUCT, PROJECT]


def test_saved_model_is_used(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--model loads a saved classifier; its own cues show in the evidence."""
    model = tmp_path / "model.json"
    save(default_classifier().with_cues([Cue("zorblax", (6.0, 0.0, 0.0, 0.0), None, ())]), model)
    assert main(["classify", "--model", str(model), "--format", "jsonl", "We zorblax daily"]) == 0
    record = _jsonl(capsys.readouterr().out)[0]
    evidence = record["evidence"]
    assert isinstance(evidence, list)
    assert any(e["cue"] == "zorblax" for e in evidence)


def test_broken_model_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An edited or truncated model file exits 2 with one line naming it."""
    model = tmp_path / "model.json"
    model.write_text('{"format": "rolelens-model", "ver', encoding="utf-8")
    assert main(["classify", "--model", str(model), PRODUCT]) == 2
    assert "model.json" in _one_error_line(capsys.readouterr().err)


@pytest.mark.parametrize(
    "argv",
    [
        ["classify"],
        ["classify", "-i", "x.txt", PRODUCT],
        ["classify", "--jobs", "-1", PRODUCT],
        ["classify", "--chunk-size", "0", PRODUCT],
    ],
)
def test_usage_mistakes(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    """Nothing to classify, two sources or bad numbers exit 2 with one line."""
    assert main(argv) == 2
    _one_error_line(capsys.readouterr().err)


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--chunk-size", "99999999999999999999999", "--chunk-size must be 1 to 1,000,000, got"),
        ("--jobs", "99999999999999999999999", "--jobs must be 0 (one per CPU) to 256, got"),
        ("--jobs", "257", "--jobs must be 0 (one per CPU) to 256, got 257"),
    ],
)
def test_huge_numbers_are_one_line(
    option: str, value: str, message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A huge --chunk-size ended in a traceback from islice, a huge --jobs in an
    OverflowError, and --jobs had no ceiling (each job is a process); each is one
    error line, exit 2, before any output file is made."""
    source = tmp_path / "in.txt"
    source.write_text(f"{PRODUCT}\n{PROJECT}\n", encoding="utf-8")
    target = tmp_path / "out.jsonl"
    assert main(["classify", "-i", str(source), "-o", str(target), option, value]) == 2
    assert _one_error_line(capsys.readouterr().err).startswith(f"rolelens: error: {message}")
    assert not target.exists()


def test_forced_progress_reports_count(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--progress draws a count, rate and ETA on stderr even when it is not a terminal."""
    source = tmp_path / "in.txt"
    source.write_text("\n".join([PRODUCT, PROJECT] * 5), encoding="utf-8")
    assert main(["classify", "-i", str(source), "--progress", "-o", str(tmp_path / "o.jsonl")]) == 0
    err = capsys.readouterr().err
    assert "10/10" in err  # built-in bar or tqdm, whichever is installed
    assert "statements" in err


@pytest.mark.parametrize("name", ["in.txt", "in.jsonl", "in.csv"])
def test_progress_total_counts_lone_carriage_returns(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    """A file with old Mac line ends (lone \r) is read as one record per line; its
    progress total counted only \n and was 1 ("10/1"), now it is the ten records."""
    texts = [PRODUCT, PROJECT] * 5
    if name.endswith(".jsonl"):
        rows = [json.dumps({"text": text}) for text in texts]
    elif name.endswith(".csv"):
        rows = ["text", *(f'"{text}"' for text in texts)]  # PROJECT holds commas
    else:
        rows = texts
    source = tmp_path / name
    source.write_bytes("\r".join(rows).encode("utf-8"))
    assert main(["classify", "-i", str(source), "--progress", "-o", str(tmp_path / "o.jsonl")]) == 0
    err = capsys.readouterr().err
    assert "10/10" in err
    assert "/1 " not in err
    assert "/1]" not in err


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_short_file_shows_no_progress_on_a_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Progress is for long input: on a terminal, by default, a bar appears only once the
    run has lasted AUTO_PROGRESS_DELAY; a ten-line file drew one at once. A run that
    lasts longer (here: no delay at all) still shows it, and --progress at once."""
    source = tmp_path / "in.txt"
    source.write_text("\n".join([PRODUCT, PROJECT] * 5), encoding="utf-8")
    argv = ["classify", "-i", str(source), "-o", str(tmp_path / "o.jsonl")]
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert main(argv) == 0
    assert terminal.getvalue() == ""
    monkeypatch.setattr("rolelens.cli._options.AUTO_PROGRESS_DELAY", 0.0)
    assert main(argv) == 0
    assert "10/10" in terminal.getvalue()


def _interrupted_blocks(*_args: object, **_kwargs: object) -> Iterator[LineBlock]:
    for n in range(1, 6):
        yield LineBlock(f"{PROJECT} {n}\n".encode(), n)
    raise KeyboardInterrupt


def _interrupted_records(*_args: object, **_kwargs: object) -> Iterator[Record]:
    for n in range(1, 6):
        yield Record(f"{PROJECT} {n}", n + 1)  # line 1 is the CSV header
    raise KeyboardInterrupt


@pytest.mark.parametrize(
    ("source", "reader", "fake", "lines"),
    [
        ("in.txt", "read_line_blocks", _interrupted_blocks, [1, 2, 3, 4, 5]),
        ("in.csv", "read_records", _interrupted_records, [2, 3, 4, 5, 6]),
    ],
)
def test_ctrl_c_keeps_complete_lines_aside(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    source: str,
    reader: str,
    fake: Callable[..., Iterator[object]],
    lines: list[int],
) -> None:
    """Ctrl-C mid-run: exit 130, no file at the output name, whole JSONL lines in .partial."""
    monkeypatch.setattr(rolelens.cli.classify, reader, fake)
    target = tmp_path / "out.jsonl"
    code = main(["classify", "-i", source, "-o", str(target), "--chunk-size", "1"])
    assert code == 130
    assert not target.exists()
    partial = tmp_path / "out.jsonl.partial"
    records = _jsonl(partial.read_text(encoding="utf-8"))
    assert [r["line"] for r in records] == lines
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.jsonl.partial"]
    assert "out.jsonl.partial" in capsys.readouterr().err


@pytest.mark.parametrize("links", [True, False], ids=["hard-links", "no-hard-links"])
def test_ctrl_c_never_replaces_an_existing_partial_file(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    links: bool,
) -> None:
    """An OUT.partial already there (an earlier run's lines, or a user's file with a
    hard link, or read-only) was replaced by the rename: its data lost, its link cut.
    It is now left as it is, and the lines go to the first free OUT.partial.N."""
    monkeypatch.setattr(rolelens.cli.classify, "read_line_blocks", _interrupted_blocks)
    (tmp_path / "in.txt").write_text("x\n", encoding="utf-8")
    mine = tmp_path / "out.jsonl.partial"
    mine.write_text("the user's own lines\n", encoding="utf-8")
    os.link(mine, tmp_path / "mine.txt")
    mine.chmod(0o444)
    (tmp_path / "out.jsonl.partial.2").symlink_to(tmp_path / "nowhere")
    if not links:  # a file system without them (FAT): the lines are renamed into place

        def refused(source: str, target: str) -> None:
            raise PermissionError(errno.EPERM, "Operation not permitted")

        monkeypatch.setattr(os, "link", refused)
    target = tmp_path / "out.jsonl"
    argv = ["classify", "-i", str(tmp_path / "in.txt"), "-o", str(target), "--chunk-size", "1"]
    assert main(argv) == 130
    assert mine.read_text(encoding="utf-8") == "the user's own lines\n"
    assert mine.stat().st_nlink == 2
    assert os.readlink(tmp_path / "out.jsonl.partial.2") == str(tmp_path / "nowhere")
    kept = tmp_path / "out.jsonl.partial.3"
    assert [r["line"] for r in _jsonl(kept.read_text(encoding="utf-8"))] == [1, 2, 3, 4, 5]
    assert capsys.readouterr().err.endswith(f"done so far are in {kept}\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "in.txt",
        "mine.txt",
        "out.jsonl.partial",
        "out.jsonl.partial.2",
        "out.jsonl.partial.3",
    ]


def test_ctrl_c_puts_a_large_output_aside_a_piece_at_a_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The lines done were read back into memory whole: Ctrl-C late in a run with
    gigabytes of output took as much memory again, or failed as "out of memory: an
    input ... is too large" (exit 2) and kept nothing. They are copied a piece at a
    time now."""
    from rolelens.cli.classify import _keep_partial

    asked: list[int] = []
    real = os.pread

    def pread(fd: int, size: int, offset: int) -> bytes:
        asked.append(size)
        return real(fd, size, offset)

    monkeypatch.setattr(os, "pread", pread)
    line = '{"text": "' + "x" * 90 + '"}\n'
    count = 30_000  # about 3 MB
    with (tmp_path / "temporary").open("w+", encoding="utf-8") as stream:
        stream.write(line * count + '{"text": "cut sh')
        _keep_partial(stream, str(tmp_path / "out.jsonl"))
    assert max(asked) <= 1 << 20
    assert (tmp_path / "out.jsonl.partial").read_text(encoding="utf-8") == line * count
    assert capsys.readouterr().err.endswith(
        f"the {count} complete line(s) done so far are in {tmp_path / 'out.jsonl.partial'}\n"
    )


@pytest.mark.timeout(120)
@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_sigint_on_a_real_run_with_workers(tmp_path: Path) -> None:
    """A real SIGINT to `rolelens classify --jobs 2` stops it cleanly: exit 130, no final file."""
    source = tmp_path / "big.txt"
    source.write_text(f"{PRODUCT}\n{PROJECT}\n" * 400_000, encoding="utf-8")
    target = tmp_path / "out.jsonl"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    command = [sys.executable, "-m", "rolelens", "classify", "-i", str(source), "-o", str(target)]
    process = subprocess.Popen(
        [*command, "--jobs", "2"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        # A shell without job control starts background jobs with SIGINT ignored, and
        # Python keeps an ignored SIGINT ignored: give the command the default back.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    wait_for_output(tmp_path, ".out.jsonl.")
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130, err
    assert not target.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out.jsonl.")]
    partial = tmp_path / "out.jsonl.partial"
    if partial.exists():  # every kept line is whole, valid JSON
        for line in partial.read_text(encoding="utf-8").splitlines():
            assert json.loads(line)["label"] in {"product", "project"}


_QUOTING = st.lists(
    st.sampled_from(
        ["Own", "the", "roadmap", "budget", '"', "\\", "\t", "\x01", "\u2014", "\u00e9"]
    ),
    max_size=12,
).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(
    text=statements() | hostile_text() | _QUOTING,
    line=st.none() | st.integers(1, 10**9),
    explain=st.booleans(),
)
# The opening word after a lead-in, whose evidence comes after the lead-in's cues.
@example(text="To deliver the project on time", line=None, explain=False)
@example(text="You will also track the budget \u2014 weekly", line=3, explain=False)
def test_jsonl_lines_are_the_json_encoding_of_the_record(
    text: str, line: int | None, explain: bool
) -> None:
    """The fast JSONL writers (the whole line made by the C pass in one call, or its
    evidence array made by the C pass, or everything from the Evidence tuples)
    produce exactly what encoding ``Verdict.to_dict`` would."""
    from rolelens import classify, default_classifier
    from rolelens.cli.classify import _JSON, _jsonl, format_chunk

    verdict = classify(text)
    got = _jsonl(verdict, line, explain=explain)  # first: before the evidence is built
    record = verdict.to_dict(explain=explain)
    if line is not None:
        record = {"line": line, **record}
    assert got == _JSON.encode(record) + "\n"
    # and once more from the built Evidence tuples
    assert _jsonl(verdict, line, explain=explain) == got
    # and as the command line writes it (one C call per line where it can)
    chunk = [(line, text)]
    assert format_chunk(default_classifier(), chunk, fmt="jsonl", explain=explain) == [got]


def test_workers_start_as_the_library_starts_them() -> None:
    """The command line forks its workers exactly when the library would (on Linux,
    with no other thread: see test_parallel), so the two never disagree."""
    from rolelens.cli.classify import _start_method
    from rolelens.parallel import default_start_method

    assert _start_method() == default_start_method()


def test_two_jobs_with_a_progress_bar(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--jobs 2 --progress: same output as one process, and the bar counts every statement."""
    source = tmp_path / "in.txt"
    source.write_text(f"{PRODUCT}\n{PROJECT}\n" * 50, encoding="utf-8")
    outputs = []
    for jobs in ("1", "2"):
        target = tmp_path / f"out{jobs}.jsonl"
        argv = ["classify", "-i", str(source), "-o", str(target), "--progress"]
        assert main([*argv, "--jobs", jobs, "--chunk-size", "9"]) == 0
        assert "100/100" in capsys.readouterr().err
        outputs.append(target.read_bytes())
    assert outputs[0] == outputs[1]


@pytest.mark.skipif(not _arena.available(), reason="needs memfd_create and sendfile (Linux)")
def test_arena_put_and_copy(tmp_path: Path) -> None:
    """Lines put in a slot are copied out as their encoding, to a file or any stream."""
    assert _arena.put(0, ["x\n"], "utf-8", "strict") is None  # no arena in this process
    lines = ['{"text":"Own the roadmap"}\n', "caf\u00e9 \ud800\n"] * 300
    expected = "".join(lines).encode("utf-8", "backslashreplace")
    with _arena.Arena(3) as arena:
        size = _arena.put(2, lines, "utf-8", "backslashreplace")
        assert size == len(expected)
        assert _arena.put(1, ["x" * 10 + "\n"], "utf-8", "strict") == 11
        with (tmp_path / "out.bin").open("wb") as stream:  # a file: sendfile
            stream.write(b"head ")
            arena.copy(2, size, stream)
            arena.copy(1, 11, stream)
        buffer = io.BytesIO()  # no file descriptor: read back and written
        arena.copy(2, size, buffer)
    assert (tmp_path / "out.bin").read_bytes() == b"head " + expected + b"x" * 10 + b"\n"
    assert buffer.getvalue() == expected
    assert _arena._current is None


def _fresh_process(*command: str) -> subprocess.CompletedProcess[bytes]:
    """Run ``python COMMAND...`` on this checkout in a new process (no threads of ours)."""
    return subprocess.run(
        [sys.executable, *command],
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
        capture_output=True,
        timeout=120,
        check=False,
    )


_ARENA_RUN = """
import sys
from rolelens.cli import _arena, main
from rolelens.cli.classify import _start_method
made = []
class Counted(_arena.Arena):
    def __init__(self, slots):
        super().__init__(slots)
        made.append(slots)
_arena.SLOT_BYTES = int(sys.argv[1])
_arena.Arena = Counted
code = main(sys.argv[2:])
print(len(made), _start_method())
sys.exit(code)
"""


@pytest.mark.skipif(not _arena.available(), reason="needs memfd_create and sendfile (Linux)")
@pytest.mark.parametrize("slot_bytes", [40, 4000, _arena.SLOT_BYTES])
def test_two_jobs_through_the_arena(tmp_path: Path, slot_bytes: int) -> None:
    """Forked workers hand output over through the arena; what overflows its slot travels
    as bytes; the file is the same either way (slots of odd sizes too).

    Run in a fresh process: the command line forks only when no other thread
    runs, and earlier tests may leave threads behind in this one.
    """
    source = tmp_path / "in.jsonl"
    source.write_text(
        "".join(json.dumps({"text": f"{PRODUCT} {'and ' * (n % 7)}{n}"}) + "\n" for n in range(90)),
        encoding="utf-8",
    )
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert main(["classify", "-i", str(source), "-o", str(one)]) == 0
    argv = ["classify", "-i", str(source), "-o", str(two), "--jobs", "2", "--chunk-size", "3"]
    done = _fresh_process("-c", _ARENA_RUN, str(slot_bytes), *argv)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [b"1", b"fork"]  # one arena, forked workers
    assert one.read_bytes() == two.read_bytes()


_NO_MEMFD_RUN = """
import os, sys
from rolelens.cli import main

def refused(*_args):
    raise PermissionError(1, "memfd_create refused by the sandbox")

os.memfd_create = refused
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.skipif(not _arena.available(), reason="needs memfd_create and sendfile (Linux)")
def test_two_jobs_when_the_system_refuses_a_memfd(tmp_path: Path) -> None:
    """No in-memory file (a sandbox refusing memfd_create): workers send bytes, same output."""
    source = tmp_path / "in.txt"
    source.write_text(f"{PRODUCT}\n{PROJECT}\n" * 40, encoding="utf-8")
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert main(["classify", "-i", str(source), "-o", str(one)]) == 0
    argv = ["classify", "-i", str(source), "-o", str(two), "--jobs", "2", "--chunk-size", "7"]
    done = _fresh_process("-c", _NO_MEMFD_RUN, *argv)
    assert done.returncode == 0, done.stderr
    assert one.read_bytes() == two.read_bytes()


def test_two_jobs_into_a_pipe(tmp_path: Path) -> None:
    """A real command writing to a pipe (where the parent copies the arena's bytes): same bytes."""
    source = tmp_path / "in.jsonl"
    source.write_text(
        "".join(json.dumps({"text": f"{PROJECT} {n}"}) + "\n" for n in range(500)),
        encoding="utf-8",
    )
    command = ["-m", "rolelens", "classify", "-i", str(source), "--format", "jsonl"]
    outputs = []
    for jobs in ("1", "2"):
        done = _fresh_process(*command, "--jobs", jobs, "--chunk-size", "64")
        assert done.returncode == 0, done.stderr
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1]
    assert outputs[1].count(b"\n") == 500


@pytest.mark.skipif(not _arena.available(), reason="needs memfd_create and sendfile (Linux)")
def test_two_jobs_into_a_pipe_read_late(tmp_path: Path) -> None:
    """A pipe read only after the command ends (a slow reader) gets the same bytes.

    sendfile into a pipe left references to the arena's pages in it, and workers
    reusing those slots rewrote lines the reader had not read yet.
    """
    source = tmp_path / "in.txt"
    source.write_text("".join(f"{PRODUCT} {n}\n" for n in range(12)), encoding="utf-8")
    command = ["-m", "rolelens", "classify", "-i", str(source), "--format", "jsonl"]
    outputs = []
    for jobs in ("1", "2"):
        read_end, write_end = os.pipe()
        with os.fdopen(read_end, "rb") as reader:
            try:
                process = subprocess.Popen(
                    [sys.executable, *command, "--jobs", jobs, "--chunk-size", "1"],
                    env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
                    stdout=write_end,
                )
            finally:
                os.close(write_end)
            assert process.wait(timeout=120) == 0  # the output fits in the pipe's buffer
            outputs.append(reader.read())
    assert outputs[0] == outputs[1]
    assert outputs[1].count(b"\n") == 12


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_skip_invalid_with_every_record_skipped_fails_and_keeps_the_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], jobs: str
) -> None:
    """A mistyped --field with --skip-invalid skipped every record, replaced -o with an
    empty result and exited 0. Nothing read is a failure: exit 2, -o as it was."""
    source = tmp_path / "bullets.jsonl"
    source.write_text(
        '{"statement": "Own the pricing roadmap"}\n{"statement": "Book the venue"}\n',
        encoding="utf-8",
    )
    out = tmp_path / "verdicts.jsonl"
    out.write_text("earlier\n", encoding="utf-8")
    argv = ["classify", "-i", str(source), "--skip-invalid", "--jobs", jobs, "-o", str(out)]
    assert main(argv) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[-2] == f"rolelens: skipped 2 invalid record(s) in {source}"
    assert err[-1] == (
        f"rolelens: error: {source}: no record could be read (2 skipped); {out} not written"
    )
    assert out.read_text(encoding="utf-8") == "earlier\n"
    # To stdout a CSV header has gone out already: the error does not say "nothing".
    csv_argv = ["classify", "-i", str(source), "--skip-invalid", "--format", "csv"]
    assert main([*csv_argv, "--jobs", jobs]) == 2
    captured = capsys.readouterr()
    assert captured.out.startswith("line,text,label,")
    assert captured.err.splitlines()[-1] == (
        f"rolelens: error: {source}: no record could be read (2 skipped); no records written"
    )
    # One good record is enough: the rest are skipped as before, and -o is written.
    source.write_text('{"text": "Own the pricing roadmap"}\n{"statement": "x"}\n', "utf-8")
    assert main(argv) == 0
    assert out.read_text(encoding="utf-8").count("\n") == 1


@pytest.mark.parametrize(("separator", "name"), [(";", "semicolon"), ("\t", "tab")])
def test_a_csv_separated_otherwise_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], separator: str, name: str
) -> None:
    """A CSV separated by semicolons (as a spreadsheet in many locales saves it) or
    tabs is one column to a comma-separated reader: the error said only that the
    column 'text' is missing from the columns 'id;text', not why."""
    path = tmp_path / "statements.csv"
    path.write_text(f"id{separator}text\n1{separator}{PRODUCT}\n", encoding="utf-8")
    assert main(["classify", "-i", str(path)]) == 2
    line = _one_error_line(capsys.readouterr().err)
    assert line.endswith(f"; it is {name}-separated: save it comma-separated")


@pytest.mark.timeout(180)
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux pipe sizes and signals")
@pytest.mark.parametrize("suffix", [".txt", ".csv"])
@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_an_interrupted_run_with_workers_ends_stdout_with_a_whole_line(
    tmp_path: Path, suffix: str, signum: int
) -> None:
    """`rolelens classify --jobs 2 ... | slow reader`, interrupted while its write to the
    full pipe is under way: the reader gets whole JSON lines, never half a record. A
    chunk's output went out as one large write, which a signal cut between two of its
    pieces, the rest dropped (the reader's last line was a cut-off JSON object)."""
    import fcntl
    import termios

    source = tmp_path / f"big{suffix}"
    quote = '"' if suffix == ".csv" else ""  # PROJECT holds commas
    rows = [f"{quote}{PRODUCT} {n}{quote}\n{quote}{PROJECT} {n}{quote}\n" for n in range(200_000)]
    source.write_text(("text\n" if suffix == ".csv" else "") + "".join(rows), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    command = [sys.executable, "-m", "rolelens", "classify", "-i", str(source), "--jobs", "2"]
    process = subprocess.Popen(
        [*command, "--format", "jsonl", "--no-progress"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    assert process.stdout is not None
    out = process.stdout.fileno()
    # Not read until the pipe is full: the command is then blocked in a write.
    capacity = fcntl.fcntl(out, 1032)  # F_GETPIPE_SZ
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        waiting = fcntl.ioctl(out, termios.FIONREAD, b"\0\0\0\0")
        if int.from_bytes(waiting, sys.byteorder) >= capacity - 4096:
            break
        time.sleep(0.02)
    time.sleep(0.2)
    process.send_signal(signum)
    data, err = process.communicate(timeout=60)
    assert process.returncode == (130 if signum == signal.SIGINT else 143), err
    assert data.endswith(b"\n"), data[-200:]
    for line in data.splitlines():
        assert json.loads(line)["label"] in {"product", "project"}


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_csv_row_longer_than_its_header_is_skipped_whole(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], jobs: str
) -> None:
    """A row with a field past the header's says which field is which column no
    more: with --skip-invalid it is reported and skipped, not cut at its comma and
    classified as "Own the roadmap". Empty fields past the header's are kept quiet."""
    source = tmp_path / "in.csv"
    source.write_text(
        'text,id\n"Plan the launch, then run it",1\nOwn the roadmap, vision and pricing,2\n'
        "Track the budget,3,,\n",
        encoding="utf-8",
    )
    argv = ["classify", "-i", str(source), "--format", "csv", "--skip-invalid", "--jobs", jobs]
    assert main(argv) == 0
    captured = capsys.readouterr()
    rows = list(csv.DictReader(io.StringIO(captured.out)))
    assert [(r["line"], r["text"]) for r in rows] == [
        ("2", "Plan the launch, then run it"),
        ("4", "Track the budget"),
    ]
    assert "in.csv:3: row has 3 fields, the header 2" in captured.err


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_csv_row_of_empty_fields_is_no_statement(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], jobs: str
) -> None:
    """A row of empty fields (",,", as a spreadsheet saves a row it emptied) is as
    blank as an empty line: it was classified as an empty statement, a row of output
    for no input. A row with its statement empty but another field given is kept."""
    source = tmp_path / "in.csv"
    source.write_text(
        f"id,text,team\n1,{PRODUCT.replace(',', '')},a\n,,\n , ,\n2,,b\n", encoding="utf-8"
    )
    assert main(["classify", "-i", str(source), "--format", "csv", "--jobs", jobs]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [(r["line"], r["text"]) for r in rows] == [("2", PRODUCT.replace(",", "")), ("5", "")]


@pytest.mark.parametrize(
    ("content", "what"),
    [
        ('[\n  {"text": "Own the roadmap"},\n  {"text": "Run the stand-ups"}\n]\n', "array"),
        ('[{"text": "Own the roadmap"}, {"text": "Run the stand-ups"}]\n', "array"),
        ('{\n  "text": "Own the roadmap"\n}\n', "object"),
    ],
    ids=["array over lines", "array on one line", "object over lines"],
)
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_json_document_read_as_json_lines_is_named_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, what: str, jobs: str
) -> None:
    """A .json file is read as JSON Lines; one that holds a JSON array or a pretty
    printed object said "invalid JSON (truncated line?): Expecting value (column 2)"
    or "expected a JSON object with a 'text' field", not what the file is."""
    source = tmp_path / "statements.json"
    source.write_text(content, encoding="utf-8")
    assert main(["classify", "-i", str(source), "--format", "jsonl", "--jobs", jobs]) == 2
    line = _one_error_line(capsys.readouterr().err)
    expected = (
        "a JSON array; JSON Lines is read here: one JSON object per line, no array"
        if what == "array"
        else "a JSON object spread over lines; JSON Lines is read here: one whole object a line"
    )
    assert line == f"rolelens: error: {source}:1: {expected}"


def test_a_field_name_of_undecodable_bytes_is_no_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--field $'\\xff'` reaches Python as a lone surrogate (undecodable bytes of the
    command line): listing its JSON escapes raised UnicodeEncodeError, a traceback.
    It is a name like any other: missing here (one error line), read where present."""
    source = tmp_path / "in.jsonl"
    source.write_text('{"text": "Own the roadmap"}\n', encoding="utf-8")
    assert main(["classify", "-i", str(source), "--field", "\udcff"]) == 2
    err = capsys.readouterr().err
    assert err == f"rolelens: error: {source}:1: no '\\udcff' field (use --field to name another)\n"
    source.write_text('{"\\udcff": "Own the roadmap"}\n', encoding="utf-8")
    assert main(["classify", "-i", str(source), "--field", "\udcff", "--format", "jsonl"]) == 0
    assert json.loads(capsys.readouterr().out)["label"] == "product"


def test_ctrl_c_with_no_room_for_the_partial_file_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """When the lines done could not be kept aside (a full disk: the rename of
    OUTPUT.partial.tmp failed), the message said nothing was written, and the
    half-made OUTPUT.partial.tmp stayed beside the output all the same. (The
    lines are now linked to their name, not renamed to it.)"""
    monkeypatch.setattr(rolelens.cli.classify, "read_line_blocks", _interrupted_blocks)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in.txt").write_text("x\n", encoding="utf-8")

    def no_room(source: str, target: str) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "link", no_room)
    target = tmp_path / "out.jsonl"
    assert main(["classify", "-i", "in.txt", "-o", str(target), "--chunk-size", "1"]) == 130
    assert f"interrupted; nothing written to {target}" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.txt"]


def test_ctrl_c_in_a_directory_that_refuses_new_files_keeps_the_lines_elsewhere(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """-o FILE that exists and may be written, in a directory that refuses new files:
    the output went to a temporary file elsewhere, but on Ctrl-C the lines done could
    not be put beside FILE, and the message said "nothing written": all lost. They are
    now kept in the system's temporary directory, which the message names."""
    import tempfile

    monkeypatch.setattr(rolelens.cli.classify, "read_line_blocks", _interrupted_blocks)
    locked = tmp_path / "locked"
    locked.mkdir()
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    (tmp_path / "in.txt").write_text("x\n", encoding="utf-8")
    target = locked / "out.jsonl"
    target.write_text("old\n", encoding="utf-8")
    real = tempfile.mkstemp

    def mkstemp(*args: Any, **kwargs: Any) -> tuple[int, str]:
        if kwargs.get("dir") is not None and Path(kwargs["dir"]) == locked:
            raise PermissionError(errno.EACCES, "Permission denied")  # as a locked directory
        kwargs["dir"] = str(scratch)
        return real(*args, **kwargs)

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
    monkeypatch.setattr(tempfile, "gettempdir", lambda: str(scratch))
    argv = ["classify", "-i", str(tmp_path / "in.txt"), "-o", str(target), "--chunk-size", "1"]
    assert main(argv) == 130
    kept = scratch / "out.jsonl.partial"
    assert capsys.readouterr().err == (
        f"rolelens: interrupted; {target} not written (no file can be made beside it: "
        f"Permission denied), the 5 complete line(s) done so far are in {kept}\n"
    )
    assert [r["line"] for r in _jsonl(kept.read_text(encoding="utf-8"))] == [1, 2, 3, 4, 5]
    assert kept.stat().st_mode & 0o777 == 0o600  # in a shared directory: the owner's only
    assert target.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in scratch.iterdir()) == ["out.jsonl.partial"]
    assert sorted(p.name for p in locked.iterdir()) == ["out.jsonl"]


def test_a_worker_that_dies_keeps_the_lines_done_aside(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A worker killed mid-run (the out-of-memory killer, a stray kill -9): the error said
    "nothing after the last complete chunk was produced", but with -o FILE the chunks
    before it were thrown away with the temporary file, hours of work. They are kept
    in FILE.partial now, as after Ctrl-C, and the error follows."""
    import rolelens.parallel
    from rolelens.errors import WorkerError

    real = rolelens.parallel.map_chunk_results

    def dies_at_the_fourth(*args: Any, **kwargs: Any) -> Iterator[Any]:
        for n, chunk in enumerate(real(*args, **kwargs)):
            if n == 3:
                raise WorkerError("a worker process stopped unexpectedly (killed or crashed)")
            yield chunk

    monkeypatch.setattr(rolelens.parallel, "map_chunk_results", dies_at_the_fourth)
    source = tmp_path / "in.txt"
    source.write_text("".join(f"{PROJECT} {n}\n" for n in range(1, 7)), encoding="utf-8")
    target = tmp_path / "out.jsonl"
    argv = ["classify", "-i", str(source), "-o", str(target), "--chunk-size", "1"]
    assert main(argv) == 2
    partial = tmp_path / "out.jsonl.partial"
    assert capsys.readouterr().err == (
        f"rolelens: stopped; {target} not written, the 3 complete line(s) done so far are in "
        f"{partial}\nrolelens: error: a worker process stopped unexpectedly (killed or crashed)\n"
    )
    assert [r["line"] for r in _jsonl(partial.read_text(encoding="utf-8"))] == [1, 2, 3]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.txt", "out.jsonl.partial"]
