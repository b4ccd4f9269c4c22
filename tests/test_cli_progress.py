"""Progress on stderr for the long work of ``reframe`` and ``posting``, as the other
commands show it: by default only when stderr is a terminal and the run has lasted
``AUTO_PROGRESS_DELAY``, at once with ``--progress``, never with ``--no-progress``."""

from __future__ import annotations

import contextlib
import io
import os
import re
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rolelens import Classifier, analyze_posting, default_classifier
from rolelens.cli import main

PRODUCT = "Interview customers and own the product roadmap"
PROJECT = "Keep the migration on schedule and within budget"


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _posting(path: Path, bullets: int) -> Path:
    lines = [f"- {PRODUCT if n % 2 else PROJECT} {n}" for n in range(bullets)]
    path.write_text("# Product Manager\n\n" + "\n".join(lines) + "\n", encoding="utf-8")
    return path


def _bullets(path: Path, count: int, end: str = "\n") -> Path:
    path.write_text(end.join([PRODUCT, PROJECT] * (count // 2)) + end, encoding="utf-8")
    return path


@pytest.mark.parametrize("command", ["reframe", "posting"])
def test_long_work_shows_progress_on_a_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    """reframe (about 4 s on 200,000 lines) and posting (about 3 s) drew nothing on a
    terminal, however long they took. Now they count statements there, once the run
    has lasted the delay (set to none here); a short run keeps the terminal quiet."""
    source = (
        _bullets(tmp_path / "in.txt", 10)
        if command == "reframe"
        else _posting(tmp_path / "in.md", 10)
    )
    argv = (
        ["reframe", "-i", str(source)] if command == "reframe" else ["posting", str(source)]
    ) + ["-o", str(tmp_path / "out.txt")]
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert main(argv) == 0
    assert terminal.getvalue() == ""  # shorter than AUTO_PROGRESS_DELAY
    monkeypatch.setattr("rolelens.cli._options.AUTO_PROGRESS_DELAY", 0.0)
    assert main(argv) == 0
    assert re.search(r"10/10\b[^\r\n]*statements", terminal.getvalue())
    terminal.truncate(0)
    assert main([*argv, "--no-progress"]) == 0
    assert terminal.getvalue() == ""


@pytest.mark.parametrize(
    ("argv", "shown"),
    [
        (["reframe", PRODUCT, PROJECT, PROJECT], "3/3"),
        (["reframe", "-i", "in.txt"], "10/10"),
        (["reframe", "-i", "cr.txt"], "10/10"),  # lone \r line ends: one statement each
        (["reframe", "-i", "in.csv", "--column", "text"], "2/2"),  # the header is no statement
        (["posting", "in.md"], "1,500/1,500"),  # past the first report, at 1,000
        (["posting", "-"], "1,500/1,500"),
    ],
    ids=["reframe-args", "reframe-file", "reframe-cr", "reframe-csv", "posting", "posting-stdin"],
)
def test_forced_progress_counts_every_statement(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    shown: str,
) -> None:
    """--progress draws the count at once, wherever stderr goes; the total is known
    before the work: the file's lines, the arguments, the posting's statements."""
    monkeypatch.chdir(tmp_path)
    _bullets(tmp_path / "in.txt", 10)
    _bullets(tmp_path / "cr.txt", 10, end="\r")
    (tmp_path / "in.csv").write_text(f"text\n{PRODUCT}\n{PROJECT}\n", encoding="utf-8")
    _posting(tmp_path / "in.md", 1500)
    posting = (tmp_path / "in.md").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(posting)))
    assert main([*argv, "--progress", "-o", "out.txt"]) == 0
    err = capsys.readouterr().err
    # tqdm writes "1500/1500", the built-in bar "1,500/1,500".
    assert re.search(rf"{re.escape(shown)}|{re.escape(shown.replace(',', ''))}", err), err
    assert "statements" in err


def test_reframe_arguments_show_no_progress_by_default(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """As in classify: statements given as arguments are few; only --progress draws a bar."""
    monkeypatch.setattr("rolelens.cli._options.AUTO_PROGRESS_DELAY", 0.0)
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert main(["reframe", PRODUCT, PROJECT]) == 0
    assert terminal.getvalue() == ""


@pytest.mark.parametrize("title", ["", " ", "\t\n"])
def test_an_empty_title_is_refused_naming_the_option(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], title: str
) -> None:
    """`posting --title ""` (an unset shell variable) was taken as no title and one was
    inferred without a word; it is an error naming the option, as decide's empty --name
    is, and -o is left as it was."""
    source = _posting(tmp_path / "in.md", 2)
    out = tmp_path / "report.txt"
    out.write_text("earlier\n", encoding="utf-8")
    assert main(["posting", str(source), "--title", title, "-o", str(out)]) == 2
    assert capsys.readouterr().err == (
        f"rolelens: error: --title: expected a non-empty title, got {title!r} (leave the "
        "option out to take the title from the posting)\n"
    )
    assert out.read_text(encoding="utf-8") == "earlier\n"
    assert main(["posting", str(source), "--title", "Project Manager", "-o", str(out)]) == 0
    assert "Project Manager" in out.read_text(encoding="utf-8")


class _StandIn:
    """A classifier of one's own: analyze_posting takes its verdicts through classify_many."""

    def __init__(self) -> None:
        self.model = default_classifier()

    def classify_many(self, texts: object) -> object:
        return self.model.classify_many(texts)  # type: ignore[arg-type]


@settings(max_examples=25, deadline=None)
@given(count=st.integers(0, 2600), stand_in=st.booleans())
def test_analyze_posting_reports_progress(count: int, stand_in: bool) -> None:
    """progress(done, total) while classifying: done rises to total, the statements found,
    and the last call is (total, total), also for no statements at all."""
    text = "\n".join(f"- {PRODUCT if n % 2 else PROJECT} {n}" for n in range(count))
    calls: list[tuple[int, int]] = []
    classifier: Classifier | _StandIn = _StandIn() if stand_in else default_classifier()
    profile = analyze_posting(
        text,
        "Product Manager",
        classifier=classifier,  # type: ignore[arg-type]
        progress=lambda done, total: calls.append((done, total)),
    )
    total = len(profile.statements)
    assert total == count
    # Every thousand statements classified, then once at the end.
    assert calls == [(done, total) for done in range(1000, total, 1000)] + [(total, total)]
    same = analyze_posting(text, "Product Manager", classifier=classifier)  # type: ignore[arg-type]
    assert profile == same


def test_analyze_posting_refuses_a_progress_that_cannot_be_called() -> None:
    with pytest.raises(TypeError, match="progress must be callable or None, got int"):
        analyze_posting("- Own the roadmap", progress=3)  # type: ignore[arg-type]


def _stderr_while_writing(monkeypatch: pytest.MonkeyPatch, terminal: io.StringIO) -> list[str]:
    """What stderr held each time posting began writing its report."""
    from rolelens import posting_report

    seen: list[str] = []
    write_posting = posting_report.write_posting

    def watched(*args: Any, **kwargs: Any) -> None:
        seen.append(terminal.getvalue())
        write_posting(*args, **kwargs)

    monkeypatch.setattr(posting_report, "write_posting", watched)
    return seen


@pytest.mark.parametrize("output", ["report.json", "-"])
def test_posting_progress_is_full_only_once_the_report_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, output: str
) -> None:
    """Writing the report of a long posting takes half as long as classifying it, but
    the bar was full and ended before the writing began: the command looked done while
    it was still at work. Its last step is now the report; it is full, and ends its
    line, only once the report is written (to a file, or to stdout where stdout is not
    the terminal the bar is drawn on)."""
    monkeypatch.chdir(tmp_path)
    _posting(tmp_path / "in.md", 1500)
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    monkeypatch.setattr(sys, "stdout", io.StringIO())  # a pipe, not the terminal
    seen = _stderr_while_writing(monkeypatch, terminal)
    assert main(["posting", "in.md", "--progress", "-o", output]) == 0
    assert len(seen) == 1
    assert not re.search(r"1,?500/1,?500", seen[0]), seen[0]
    assert not seen[0].endswith("\n")
    final = terminal.getvalue()
    assert re.search(r"1,?500/1,?500", final), final
    assert final.endswith("\n")


def test_posting_progress_ends_before_a_report_printed_on_the_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a terminal that shows both, the bar is full and ends its line before the
    report is printed, so that the report is never printed into the bar's line."""
    monkeypatch.chdir(tmp_path)
    _posting(tmp_path / "in.md", 1500)
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    monkeypatch.setattr(sys, "stdout", terminal)
    seen = _stderr_while_writing(monkeypatch, terminal)
    assert main(["posting", "in.md", "--progress"]) == 0
    assert re.search(r"1,?500/1,?500[^\n]*\n$", seen[0]), seen[0]
    assert terminal.getvalue().startswith(seen[0])  # the report comes after, untouched


@pytest.mark.parametrize("builtin", [False, True], ids=["tqdm-if-installed", "built-in"])
@pytest.mark.parametrize(
    ("command", "name", "content"),
    [
        ("classify", "in.txt", f"{PRODUCT}\n\n{PROJECT}\n\n\n{PRODUCT}\n"),
        ("reframe", "in.txt", f"{PRODUCT}\n\n{PROJECT}\n\n\n{PRODUCT}\n"),
        ("classify", "in.jsonl", f'{{"text": "{PRODUCT}"}}\n\n{{"text": "{PRODUCT}"}}\n\n'),
        # A quoted CSV field over two lines: one record, two lines of the total.
        ("classify", "in.csv", f'text\n"{PRODUCT}\nand more"\n"{PROJECT}"\n'),
    ],
    ids=["classify-text", "reframe-text", "classify-jsonl", "classify-csv"],
)
def test_progress_of_a_file_with_blank_lines_ends_at_100(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    command: str,
    name: str,
    content: str,
    builtin: bool,
) -> None:
    """The total of -i FILE is its lines, counted before reading; blank lines and a CSV
    record's extra lines hold no statement, so the bar ended short ("3/6", 50%). Once
    the file is read, the count of statements is the total: the last state is 100%."""
    if builtin:
        monkeypatch.setattr("rolelens.progress._make_tqdm", lambda *_a, **_k: None)
    source = tmp_path / name
    source.write_text(content, encoding="utf-8")
    assert main([command, "-i", str(source), "--progress", "-o", str(tmp_path / "out")]) == 0
    final = capsys.readouterr().err.rstrip("\n").rsplit("\r", 1)[-1]
    assert "100%" in final, final
    statements = 2 if name != "in.txt" else 3
    assert re.search(rf"\b{statements}/{statements}\b", final), final


@pytest.mark.parametrize("command", ["classify", "reframe"])
def test_no_progress_by_default_into_output_on_the_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    """classify -i and reframe -i print their results as they go; on a terminal, with
    stderr the terminal too, the progress line was drawn into those lines
    ("...67,782 statements/s]product   0.95  Own the roadmap"). By default it is not
    drawn there now; --progress still draws it, and so does a run whose output goes
    to a file."""
    source = _bullets(tmp_path / "in.txt", 10)
    monkeypatch.setattr("rolelens.cli._options.AUTO_PROGRESS_DELAY", 0.0)
    screen = _Terminal()
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stdout", screen)
    monkeypatch.setattr(sys, "stderr", terminal)
    assert main([command, "-i", str(source)]) == 0
    assert PRODUCT in screen.getvalue()
    assert terminal.getvalue() == ""
    assert main([command, "-i", str(source), "--progress"]) == 0
    assert "10/10" in terminal.getvalue()
    terminal.seek(0)
    terminal.truncate()
    assert main([command, "-i", str(source), "-o", str(tmp_path / "out.txt")]) == 0
    assert "10/10" in terminal.getvalue()


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="pseudo-terminals")
@pytest.mark.parametrize("command", ["classify", "reframe", "posting"])
@pytest.mark.parametrize("alias", [False, True], ids=["device", "descriptor-alias"])
def test_no_progress_by_default_into_an_output_file_that_is_the_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str, alias: bool
) -> None:
    """`-o /dev/stdout` (or `-o /dev/pts/N`, `-o /dev/tty`) on a terminal is the
    terminal the progress line is drawn on: only `-o -` and no -o were taken for
    it, and the line was drawn into the results. It is now not drawn there by
    default, and posting's ends before its report is printed, as for stdout."""
    main_end, terminal_end = os.openpty()
    # Read what the terminal shows, or a full terminal buffer would block the output.
    reader = threading.Thread(target=_drain, args=(main_end,), daemon=True)
    reader.start()
    try:
        device = os.ttyname(terminal_end)
        output = f"/proc/self/fd/{terminal_end}" if alias else device
        if alias and not os.path.exists(output):
            pytest.skip("no /proc")
        monkeypatch.setattr("rolelens.cli._options.AUTO_PROGRESS_DELAY", 0.0)
        terminal = _Terminal()
        monkeypatch.setattr(sys, "stderr", terminal)
        if command == "posting":
            seen = _stderr_while_writing(monkeypatch, terminal)
            assert main(["posting", str(_posting(tmp_path / "in.md", 20)), "-o", output]) == 0
            assert re.search(r"20/20[^\n]*\n$", seen[0]), seen[0]
        else:
            source = _bullets(tmp_path / "in.txt", 10)
            assert main([command, "-i", str(source), "-o", output]) == 0
            assert terminal.getvalue() == ""
    finally:
        os.close(terminal_end)
        reader.join(10)
        os.close(main_end)


def _drain(fd: int) -> None:
    """Read ``fd`` until it ends (the terminal's other end is closed)."""
    with contextlib.suppress(OSError):
        while os.read(fd, 1 << 16):
            pass
