"""Output files and pipes from the command line (rolelens.cli._io, rolelens.cli.main)."""

from __future__ import annotations

import errno
import io
import json
import os
import signal
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any, TextIO

import pytest

from rolelens import Classifier, InputError, Lexicon, save
from rolelens._serialization import new_file_mode
from rolelens.cli import main
from tests.conftest import wait_for_output


def test_output_file_gets_the_usual_mode(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """-o files and saved models are readable like any new file, not private 0600 temp files."""
    out = tmp_path / "out.jsonl"
    assert main(["classify", "Own the roadmap", "-o", str(out)]) == 0
    assert out.stat().st_mode & 0o777 == new_file_mode()
    model = tmp_path / "model.json"
    save(Classifier(Lexicon(())), model)
    assert model.stat().st_mode & 0o777 == new_file_mode()


def test_new_file_mode_matches_the_umask() -> None:
    """The mode read from /proc equals 0o666 less the process umask."""
    umask = os.umask(0)
    os.umask(umask)
    assert new_file_mode() == 0o666 & ~umask


def test_closed_pipe_is_not_an_error(tmp_path: Path) -> None:
    """`rolelens classify ... | head -1` exits quietly when the reader stops early."""
    source = tmp_path / "many.txt"
    source.write_text("Own the roadmap\n" * 50_000, encoding="utf-8")
    script = (
        "import sys; from rolelens.cli import main; "
        f"sys.exit(main(['classify', '-i', {str(source)!r}, '--format', 'jsonl']))"
    )
    producer = subprocess.Popen(
        [sys.executable, "-c", script],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert producer.stdout is not None
    first = producer.stdout.readline()
    producer.stdout.close()  # the reader goes away mid-stream
    producer.wait(timeout=120)
    assert first.startswith(b"{")
    assert producer.stderr is not None
    err = producer.stderr.read().decode()
    producer.stderr.close()
    assert "Traceback" not in err
    assert "error" not in err
    assert producer.returncode == 0


def test_output_through_a_symlink_replaces_its_target(tmp_path: Path) -> None:
    """-o LINK writes the file the link points to and leaves the link in place."""
    target = tmp_path / "target.jsonl"
    target.write_text("old\n", encoding="utf-8")
    link = tmp_path / "link.jsonl"
    link.symlink_to(target.name)
    assert main(["classify", "Own the roadmap", "-o", str(link)]) == 0
    assert link.is_symlink()
    assert '"label":"product"' in target.read_text(encoding="utf-8")


def test_an_existing_file_keeps_its_mode(tmp_path: Path) -> None:
    """Replacing a private file does not make it readable by others."""
    out = tmp_path / "private.jsonl"
    out.write_text("old\n", encoding="utf-8")
    out.chmod(0o600)
    assert main(["classify", "Own the roadmap", "-o", str(out)]) == 0
    assert out.stat().st_mode & 0o777 == 0o600
    assert "old" not in out.read_text(encoding="utf-8")


@pytest.mark.parametrize("stem", ["n" * 250, "\u00e9" * 125], ids=["ascii", "two-byte"])
def test_an_output_name_near_the_limit_is_written(tmp_path: Path, stem: str) -> None:
    """A file name of 242 to 255 bytes is valid, but the temporary file beside it
    (".NAME.xxxxxxxx.tmp") was too long: -o refused it ("File name too long"). The
    temporary name is cut to fit; the file gets its full name."""
    out = tmp_path / f"{stem}.csv"
    assert len(os.fsencode(out.name)) <= 255
    assert main(["classify", "Own the roadmap", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("text,label,")
    assert main(["classify", "Track the budget", "-o", str(out)]) == 0  # and replaced
    assert "Track the budget" in out.read_text(encoding="utf-8")
    assert [p.name for p in tmp_path.iterdir()] == [out.name]


_LABELED = (
    '{"text": "Own the product roadmap", "label": "product"}\n'
    '{"text": "Track the project budget", "label": "project"}\n'
)


def _fit_or_classify(command: str, tmp_path: Path, out: Path) -> list[str]:
    if command == "classify":
        return ["classify", "Own the roadmap", "-o", str(out)]
    labeled = tmp_path / "labeled.jsonl"
    labeled.write_text(_LABELED, encoding="utf-8")
    return ["fit", str(labeled), "-o", str(out)]


@pytest.mark.parametrize("link", [False, True], ids=["file", "link"])
@pytest.mark.parametrize("command", ["classify", "fit"])
def test_a_read_only_output_file_is_left_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str, link: bool
) -> None:
    """-o FILE where FILE is read-only (chmod a-w) wrote a new file and renamed it over
    the old one, which only the directory's permission governs: the protection was
    lost. It is refused as the shell's `>` refuses it, the file left as it was. A
    file with no write bit is refused even for root (as these tests may run), whom
    the system lets write anything: the mode, not the system's check, decides."""
    target = tmp_path / "kept.txt"
    target.write_text("keep me\n", encoding="utf-8")
    target.chmod(0o444)
    out = target
    if link:
        out = tmp_path / "link.txt"
        out.symlink_to(target.name)
    assert main(_fit_or_classify(command, tmp_path, out)) == 2
    assert capsys.readouterr().err == (
        f"rolelens: error: {out}: Permission denied (the file is read-only)\n"
    )
    assert target.read_text(encoding="utf-8") == "keep me\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o444
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_an_output_file_the_user_may_not_write_is_left_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another user's file (writable by its owner only) in a directory the user may
    write was replaced, and became the user's own. access() decides, as the shell's
    `>` is refused; it is stood in for here, where the tests may run as root."""
    target = tmp_path / "theirs.txt"
    target.write_text("keep me\n", encoding="utf-8")
    target.chmod(0o644)
    real_access = os.access

    def access(path: Any, mode: int, **kwargs: Any) -> bool:
        if Path(path) == target and mode == os.W_OK:
            return False
        return real_access(path, mode, **kwargs)

    monkeypatch.setattr(os, "access", access)
    assert main(["classify", "Own the roadmap", "-o", str(target)]) == 2
    assert capsys.readouterr().err == f"rolelens: error: {target}: Permission denied\n"
    assert target.read_text(encoding="utf-8") == "keep me\n"


def test_save_refuses_a_read_only_file(tmp_path: Path) -> None:
    """rolelens.save over a read-only file raises PermissionError; the file is kept."""
    target = tmp_path / "model.json"
    target.write_text("{}\n", encoding="utf-8")
    target.chmod(0o400)
    with pytest.raises(PermissionError, match="read-only"):
        save(Classifier(Lexicon([])), target)
    assert target.read_text(encoding="utf-8") == "{}\n"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_is_written_not_replaced(tmp_path: Path) -> None:
    """What is not a regular file (a FIFO here, /dev/null alike) is written to directly."""
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE)
    assert main(["classify", "Own the roadmap", "-o", str(fifo), "--format", "jsonl"]) == 0
    out, _ = reader.communicate(timeout=30)
    assert b'"label":"product"' in out
    assert fifo.is_fifo()


def test_unusable_output_paths_are_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A directory as -o is one line naming the path as typed, not a temporary file; an
    empty -o is a usage error naming the option (see test_cli_consistency)."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "folder").mkdir()
    assert main(["classify", "Own the roadmap", "-o", "folder"]) == 2
    assert capsys.readouterr().err == "rolelens: error: folder: is a directory, expected a file\n"
    with pytest.raises(SystemExit) as exit_info:
        main(["classify", "Own the roadmap", "-o", ""])
    assert exit_info.value.code == 2
    last = capsys.readouterr().err.splitlines()[-1]
    assert last.startswith("rolelens classify: error: argument -o/--output: the path is empty")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["folder"]


def test_closed_stdout_is_one_line(tmp_path: Path) -> None:
    """Started with stdout closed (`>&-`), a command says so instead of a traceback."""
    script = "import sys; from rolelens.cli import main; sys.exit(main(['classify', 'x']))"
    done = subprocess.run(
        [sys.executable, "-c", script],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        close_fds=True,
        pass_fds=(),
        preexec_fn=lambda: os.close(1),  # the child alone: it starts with stdout closed
        check=False,
    )
    assert done.returncode == 2
    assert (
        done.stderr.decode() == "rolelens: error: standard output is closed; name a file with -o\n"
    )


@pytest.mark.parametrize("argv", [["--help"], ["--version"], ["classify", "--help"]])
def test_help_with_stdout_closed_is_one_line(argv: list[str]) -> None:
    """Started with stdout closed (`>&-`), --help and --version went to stderr with exit
    status 0, as if shown where asked; they fail as a command's output does."""
    script = f"import sys; from rolelens.cli import main; sys.exit(main({argv!r}))"
    done = subprocess.run(
        [sys.executable, "-c", script],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        preexec_fn=lambda: os.close(1),  # the child alone: it starts with stdout closed
        check=False,
    )
    assert (done.returncode, done.stderr.decode()) == (
        2,
        "rolelens: error: standard output is closed\n",
    )


#: The commands that read standard input for "-".
_STDIN_READERS = [
    ["fit", "-", "-o", "model.json"],
    ["evaluate", "-"],
    ["classify", "-i", "-"],
    ["reframe", "-i", "-"],
    ["posting", "-"],
    ["decide", "-"],
]


@pytest.mark.parametrize("argv", _STDIN_READERS)
def test_closed_stdin_is_one_line(
    argv: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Started with stdin closed (`<&-`, so sys.stdin is None), '-' is an error, not a
    traceback (was AttributeError: 'NoneType' object has no attribute 'buffer')."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "stdin", None)
    assert main(argv) == 2
    assert capsys.readouterr().err == (
        "rolelens: error: standard input is closed; name a file instead of '-'\n"
    )
    assert list(tmp_path.iterdir()) == []


def _python(args: list[str], cwd: Path, stdin: Any = None) -> tuple[int, str, str]:
    """This interpreter run on ``args`` with this checkout's rolelens importable:
    its exit status, standard error and standard output."""
    from tests.conftest import ROOT

    done = subprocess.run(
        [sys.executable, *args],
        stdin=stdin,
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    return done.returncode, done.stderr, done.stdout


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX descriptors")
@pytest.mark.parametrize("argv", _STDIN_READERS)
def test_stdin_that_is_a_directory_is_named_in_the_error(argv: list[str], tmp_path: Path) -> None:
    """Standard input a directory ('-' read by a program that runs main() after moving
    one onto descriptor 0; from a shell, `< dir`, Python itself stops before any code
    of rolelens runs) was "rolelens: error: Is a directory": no word of which file."""
    script = (
        "import os, sys\n"
        f"os.dup2(os.open({str(tmp_path)!r}, os.O_RDONLY), 0)\n"
        "from rolelens.cli import main\n"
        f"sys.exit(main({argv!r}))\n"
    )
    assert _python(["-c", script], tmp_path) == (
        2,
        "rolelens: error: standard input is a directory, expected a file\n",
        "",
    )
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX descriptors")
@pytest.mark.parametrize("argv", _STDIN_READERS)
def test_stdin_open_for_writing_only_is_named_in_the_error(argv: list[str], tmp_path: Path) -> None:
    """Started with standard input open for writing only (`0> file`), '-' failed with
    "rolelens: error: Bad file descriptor", naming nothing; it now says what is wrong."""
    work = tmp_path / "work"
    work.mkdir()
    with (tmp_path / "stdin.txt").open("wb") as writable:
        done = _python(["-m", "rolelens", *argv], work, stdin=writable)
    assert done == (
        2,
        "rolelens: error: standard input is open for writing only; name a file instead of '-'\n",
        "",
    )
    assert list(work.iterdir()) == []


def test_stdin_replaced_by_a_stream_of_no_descriptor_is_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A program may put its own stream in sys.stdin, one with no descriptor to check
    (no ``fileno``, or one that raises): '-' reads its ``buffer`` as before."""
    from rolelens._reading import read_text

    class Bare:
        buffer = io.BytesIO(b"Own the roadmap\n")

    monkeypatch.setattr(sys, "stdin", Bare())
    assert read_text("-") == "Own the roadmap\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"Track the budget\n")))
    assert read_text("-") == "Track the budget\n"


def test_errors_keep_paths_as_typed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """One line on stderr, but two spaces stay two and an escape sequence is shown, not sent."""
    for name, shown in (("my  file.txt", "my  file.txt"), ("a\x1b[2Jb.txt", "a\\x1b[2Jb.txt")):
        assert main(["classify", "-i", str(tmp_path / name)]) == 2
        expected = f"rolelens: error: {tmp_path / shown}: No such file or directory\n"
        assert capsys.readouterr().err == expected


def _shown_to_people(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str, statement: str
) -> str:
    """What ``command`` prints for people about ``statement``: the table with
    explanations, the text report of a posting holding it, its reframes."""
    if command == "posting":
        source = tmp_path / "posting.md"
        source.write_text(f"- {statement}\n", encoding="utf-8")
        argv = ["posting", str(source)]
    else:
        table = ["--format", "table", "--explain"] if command == "classify" else []
        argv = [command, statement, *table]
    assert main(argv) == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("command", ["classify", "posting", "reframe"])
def test_terminal_output_shows_control_characters(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    """Text read for people (table, text report, reframes) never carries raw escapes."""
    # The escape sits inside a cue's words ("talk to customers"), so explanations hold it.
    hostile = "Talk\x1b=\x1b>\x07to customers by Q3 \x9b2J and decide\rwhat to build"
    out = _shown_to_people(tmp_path, capsys, command, hostile)
    assert "\\x1b=\\x1b>\\x07" in out
    assert "\\x9b2J" in out
    assert not any(ch in out for ch in "\x1b\x07\x9b\r")


@pytest.mark.skipif(not Path("/dev/fd/1").exists(), reason="no /dev/fd here")
def test_dev_stdout_is_written_through_not_replaced(tmp_path: Path) -> None:
    """-o /dev/fd/1 (as /dev/stdout) writes into a pipe, and appends to a file opened with >>.

    /dev/fd/1 rather than /dev/stdout: code that replaced the named file would
    fail inside /proc here instead of replacing a link in /dev (when run as root).
    """
    command = [sys.executable, "-m", "rolelens", "classify", "Own the roadmap", "-o", "/dev/fd/1"]
    piped = subprocess.run(command, capture_output=True, check=False)
    assert piped.returncode == 0, piped.stderr
    assert b'"label":"product"' in piped.stdout
    log = tmp_path / "log.jsonl"
    log.write_text("PREVIOUS\n", encoding="utf-8")
    with log.open("a", encoding="utf-8") as appended:
        assert subprocess.run(command, stdout=appended, check=False).returncode == 0
    lines = log.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "PREVIOUS"
    assert '"label":"product"' in lines[1]


def test_a_failed_replace_names_the_target_and_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If the final rename fails, the error names the file asked for, and nothing is left."""
    from rolelens._serialization import atomic_text_file

    def refuse(_source: object, _target: object) -> None:
        raise PermissionError(1, "Operation not permitted", "/somewhere/.x.tmp", None, "x")

    monkeypatch.setattr(os, "replace", refuse)
    target = tmp_path / "out.txt"
    with pytest.raises(PermissionError) as caught, atomic_text_file(target) as stream:
        stream.write("text")
    assert caught.value.filename == str(target)
    assert "cannot replace it" in str(caught.value)
    assert list(tmp_path.iterdir()) == []


def test_posting_mismatch_line_shows_control_characters(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The mismatch line quotes statements and the title: escapes there are shown too."""
    source = tmp_path / "posting.md"
    source.write_text(
        "Product Manager\n\n## Responsibilities\n\n"
        "- Book the rooms\x1b]0;pwned\x07 and chase vendors for signed contracts\n"
        "- Track the budget and the schedule for the delivery plan\n"
        "- Run the weekly status meeting and update the project plan\n",
        encoding="utf-8",
    )
    assert main(["posting", str(source)]) == 0
    out = capsys.readouterr().out
    assert "mismatch:" in out
    assert "\\x1b]0;pwned\\x07" in out
    assert "\x1b" not in out


def test_skip_reports_and_fit_summary_show_control_characters(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every stderr line, not only errors, shows a file name's escapes as \\xNN."""
    source = tmp_path / "bad\x1b[31m.jsonl"
    source.write_text('{"text": "Own the roadmap"}\n{"text": broken\n', encoding="utf-8")
    assert (
        main(["classify", "-i", str(source), "--skip-invalid", "-o", str(tmp_path / "o.jsonl")])
        == 0
    )
    err = capsys.readouterr().err
    assert "bad\\x1b[31m.jsonl" in err
    assert "\x1b" not in err


@pytest.mark.parametrize("name", ["newdir/", "existing.txt/"])
def test_a_trailing_slash_is_not_dropped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    """-o NAME/ names a directory: refused, not turned into a file called NAME."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "existing.txt").write_text("keep\n", encoding="utf-8")
    assert main(["classify", "Own the roadmap", "-o", name]) == 2
    assert "ends with a slash" in capsys.readouterr().err
    assert not (tmp_path / "newdir").exists()
    assert (tmp_path / "existing.txt").read_text(encoding="utf-8") == "keep\n"


def test_no_partial_file_beside_a_descriptor_alias(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Interrupted while writing through a descriptor's alias, nothing is put beside it."""
    from rolelens.cli.classify import _keep_partial

    link = tmp_path / "out"
    link.symlink_to("/proc/self/fd/1")
    with (tmp_path / "real.jsonl").open("w+", encoding="utf-8") as stream:
        stream.write('{"text": "x"}\n')
        _keep_partial(stream, str(link))
    assert "received the lines written before the interruption" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "real.jsonl"]


@pytest.mark.skipif(
    sys.platform != "linux" or not Path("/dev/zero").exists(),
    reason="needs /dev/zero and RLIMIT_AS (Linux)",
)
@pytest.mark.parametrize("command", ["reframe", "classify"])
def test_an_endless_line_is_one_error_line(command: str) -> None:
    """`-i /dev/zero` streams one line that never ends: with memory capped, the command
    says it ran out of memory on one line (exit 2), with no traceback."""
    import resource

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (800 << 20, 800 << 20))

    done = subprocess.run(
        [sys.executable, "-m", "rolelens", command, "-i", "/dev/zero"],
        capture_output=True,
        text=True,
        preexec_fn=cap,
        timeout=120,
        check=False,
    )
    assert done.returncode == 2, done.stderr
    assert done.stderr == (
        "rolelens: error: out of memory: an input (or one line of it) is too large to hold\n"
    )


_SAME_FILE_CASES = [
    (["classify", "-i", "{f}", "-o", "{o}"], "s.txt", "input"),
    (["classify", "Own the roadmap", "--model", "{f}", "-o", "{o}"], "m.json", "--model"),
    (["reframe", "-i", "{f}", "-o", "{o}"], "s.txt", "input"),
    (["fit", "{f}", "-o", "{o}"], "s.jsonl", "input"),
    (["evaluate", "{f}", "-o", "{o}"], "s.jsonl", "input"),
    (["evaluate", "other.jsonl", "--model", "{f}", "-o", "{o}"], "m.json", "--model"),
    (["posting", "{f}", "-o", "{o}"], "p.md", "input"),
    (["decide", "{f}", "-o", "{o}"], "s.json", "scenario"),
    (["decide", "--segment", "b2b", "--rules", "{f}", "-o", "{o}"], "r.toml", "--rules"),
    (["compare", "--catalog", "{f}", "-o", "{o}"], "c.toml", "--catalog"),
]


@pytest.mark.parametrize("link", [False, True], ids=["same-name", "symlink"])
@pytest.mark.parametrize(
    ("argv", "name", "option"), _SAME_FILE_CASES, ids=[" ".join(c[0][:2]) for c in _SAME_FILE_CASES]
)
def test_output_over_an_input_is_refused(
    argv: list[str],
    name: str,
    option: str,
    link: bool,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """-o naming a file the command reads used to replace it with the output (a
    classify -i same.txt -o same.txt lost the statements). It is refused before any
    work, with one line naming the input, and the file keeps its bytes."""
    source = tmp_path / name
    content = '{"text": "Own the roadmap", "label": "product"}\n'
    source.write_text(content, encoding="utf-8")
    output = tmp_path / ("out" + source.suffix)
    if link:
        output.symlink_to(source)
    else:
        output = source
    filled = [part.format(f=source, o=output) for part in argv]
    assert main(filled) == 2
    err = capsys.readouterr().err
    assert err == f"rolelens: error: -o {output}: is the {option} file; name another output file\n"
    assert source.read_text(encoding="utf-8") == content


@pytest.mark.parametrize(
    ("argv", "option"),
    [
        (["classify", "-i", "-"], "input"),
        (["reframe", "-i", "-"], "input"),
        (["fit", "-"], "input"),
        (["evaluate", "-"], "input"),
        (["posting", "-"], "input"),
        (["decide", "-"], "scenario"),
    ],
    ids=lambda value: value[0] if isinstance(value, list) else value,
)
def test_output_over_the_file_on_stdin_is_refused(
    argv: list[str],
    option: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """``-i - < f -o f`` replaced f with the output, where ``-i /dev/stdin`` (the same
    file by another name) was refused."""
    source = tmp_path / "s.jsonl"
    content = '{"text": "Own the roadmap", "label": "product"}\n'
    source.write_text(content, encoding="utf-8")
    with source.open(encoding="utf-8") as stdin:
        monkeypatch.setattr(sys, "stdin", stdin)
        assert main([*argv, "-o", str(source)]) == 2
    err = capsys.readouterr().err
    assert err == (
        f"rolelens: error: -o {source}: is the {option} file (standard input); "
        "name another output file\n"
    )
    assert source.read_text(encoding="utf-8") == content


@pytest.mark.parametrize(
    "argv",
    [["classify"], ["compare"], ["decide"], ["demo"], ["posting", "p.md"], ["fit", "a", "-o", "b"]],
    ids=lambda argv: argv[0],
)
def test_an_unknown_option_shows_the_commands_usage(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """An unknown option after a command printed the top-level usage
    (``rolelens [-h] [--version] COMMAND``); the reference promises the command's."""
    command = argv[0]
    with pytest.raises(SystemExit) as exited:
        main([*argv, "--no-such-option"])
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith(f"usage: rolelens {command} ")
    assert err.endswith(f"rolelens {command}: error: unrecognized arguments: --no-such-option\n")


def test_an_unknown_option_before_any_command_shows_the_top_usage(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Before the command's name, an unknown option is the top-level parser's, even
    with a command after it (it was blamed on the command)."""
    for argv in (["--no-such-option"], ["--no-such-option", "classify", "Own the roadmap"]):
        with pytest.raises(SystemExit) as exited:
            main(argv)
        assert exited.value.code == 2
        err = capsys.readouterr().err
        assert err.startswith("usage: rolelens [-h] [--version] COMMAND")
        assert err.endswith("rolelens: error: unrecognized arguments: --no-such-option\n")


def test_a_device_as_input_and_output_is_not_refused(capsys: pytest.CaptureFixture[str]) -> None:
    """A device is written in place, never replaced, so naming it for both input and
    output loses nothing: ``-i /dev/null -o /dev/null`` was refused as "is the input
    file" (and ``-i /dev/stdin -o /dev/stdout`` on a terminal)."""
    assert main(["classify", "-i", os.devnull, "-o", os.devnull]) == 0
    assert main(["posting", os.devnull, "-o", os.devnull]) == 0
    # The only word on stderr: the empty input has no statements (not an error).
    assert capsys.readouterr().err == (
        f"rolelens: {os.devnull} has no statements (it is empty or has only blank lines); "
        "nothing to classify\n"
    )
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, None),
        ({"ROLELENS_PURE_PYTHON": "1"}, "pure Python: ROLELENS_PURE_PYTHON is set"),
        ({"ROLELENS_PURE_PYTHON": "yes"}, "pure Python: ROLELENS_PURE_PYTHON is set"),
        ({"ROLELENS_PURE_PYTHON": "0"}, None),  # "0" and "off" leave the C pass on
        ({"ROLELENS_PURE_PYTHON": " Off "}, None),
    ],
)
def test_version_says_which_matching_code_runs(env: dict[str, str], expected: str | None) -> None:
    """A build without a C compiler is silent at install; ``--version`` tells."""
    import importlib
    import os
    from importlib.util import find_spec

    from rolelens import __version__

    done = subprocess.run(
        [sys.executable, "-m", "rolelens", "--version"],
        capture_output=True,
        text=True,
        env={k: v for k, v in os.environ.items() if k != "ROLELENS_PURE_PYTHON"} | env,
        timeout=60,
        check=True,
    )
    if expected is None:
        from rolelens._native import out_of_date

        built = find_spec("rolelens._speedups") is not None
        if not built:
            expected = "pure Python: the C extension was not built"
        elif out_of_date(importlib.import_module("rolelens._speedups")):
            expected = "pure Python: the C extension is out of date"
        else:
            expected = "C extension"
    assert done.stdout == f"rolelens {__version__} ({expected})\n"


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EFBIG])  # errors only writing gives
def test_a_write_error_in_the_block_names_the_output_file(tmp_path: Path, code: int) -> None:
    """A full disk met while the command was still writing (a large output) gave "error:
    No space left on device" naming no file; the error now names the output, on the
    atomic path as on the direct one, and no temporary file is left. Other errors, and
    errors that name their own file, pass unchanged."""
    from rolelens._serialization import atomic_text_file

    target = tmp_path / "out.txt"
    with pytest.raises(OSError, match=r"^\[Errno") as caught, atomic_text_file(target):
        raise OSError(code, os.strerror(code))
    assert (caught.value.errno, caught.value.filename) == (code, str(target))
    assert list(tmp_path.iterdir()) == []
    for unchanged in (
        OSError(errno.EIO, "Input/output error"),
        OSError(code, os.strerror(code), str(tmp_path / "another.txt")),
    ):
        with pytest.raises(OSError, match=r"^\[Errno") as caught, atomic_text_file(target):
            raise unchanged
        assert caught.value is unchanged
    with pytest.raises(KeyboardInterrupt), atomic_text_file(target):
        raise KeyboardInterrupt


class _FullDisk(io.FileIO):
    """A file on a full disk: every write fails, as it does with ENOSPC."""

    def write(self, data: Any) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def _fdopen_on_a_full_disk(fd: int, mode: str = "r", **options: Any) -> io.TextIOWrapper:
    return io.TextIOWrapper(io.BufferedWriter(_FullDisk(fd, "w")), **options)


def _write_then_fail(out: TextIO, error: Exception) -> None:
    out.write("buffered\n")  # held in the buffer: the disk is met only on close
    raise error


def test_a_full_disk_under_buffered_text_is_named_and_hides_no_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """With text still buffered when the block stopped, closing the temporary file
    flushed it, failed again, and that error, naming no file, replaced the block's:
    "error: No space left on device" for a long output, and the full disk instead of
    the block's own error (a bad input line, say). Both are now told as they were met;
    the earlier file is kept and no temporary file is left."""
    from rolelens._serialization import atomic_text_file

    monkeypatch.setattr(os, "fdopen", _fdopen_on_a_full_disk)
    target = tmp_path / "out.txt"
    target.write_text("earlier\n", encoding="utf-8")
    with pytest.raises(OSError, match=r"^\[Errno") as caught, atomic_text_file(target) as out:
        out.write("x" * (1 << 20))
    assert (caught.value.errno, caught.value.filename) == (errno.ENOSPC, str(target))
    with pytest.raises(InputError, match="bad line"), atomic_text_file(target) as out:
        _write_then_fail(out, InputError("bad line"))
    assert target.read_text(encoding="utf-8") == "earlier\n"
    assert list(tmp_path.iterdir()) == [target]
    source = tmp_path / "many.txt"
    source.write_text("".join(f"Own the roadmap {n}\n" for n in range(5000)), encoding="utf-8")
    assert main(["classify", "-i", str(source), "-o", str(target)]) == 2
    assert capsys.readouterr().err == f"rolelens: error: {target}: No space left on device\n"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (Linux)")
@pytest.mark.parametrize("command", [["classify", "-i", "{input}"], ["posting", "{input}"]])
def test_a_full_device_is_named_however_much_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    """-o /dev/full (always full) is written directly, not replaced: a short output failed
    when closed and a long one while written, both without naming the file. Both now say
    which output is full, on one line, with exit status 2."""
    source = tmp_path / "many.txt"
    source.write_text("".join(f"Own the roadmap {n}\n" for n in range(5000)), encoding="utf-8")
    for words in ([w.format(input=source) for w in command], ["classify", "Own the roadmap"]):
        assert main([*words, "-o", "/dev/full"]) == 2
        assert capsys.readouterr().err == "rolelens: error: /dev/full: No space left on device\n"


@pytest.mark.parametrize("command", ["classify", "posting", "reframe"])
def test_terminal_output_shows_bidirectional_overrides(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    """A right-to-left override or isolate in a statement reorders the rest of its
    line on a terminal, so a row could read as another label or statement: shown as
    ``\\uNNNN``, as controls are shown as ``\\xNN``. Right-to-left marks stay."""
    hostile = "Talk to customers \u202eby Q3\u202c and \u2067decide\u2069 what to build \u200f"
    out = _shown_to_people(tmp_path, capsys, command, hostile)
    assert "\\u202eby Q3\\u202c" in out
    assert "\\u2067decide\\u2069" in out
    assert not any(ch in out for ch in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def test_ctrl_c_while_the_parser_is_built_is_a_quiet_exit(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Building the parser imports every command (a fifth of a second of each start);
    Ctrl-C then ended in a traceback. It is the usual line and exit 130."""

    def interrupted() -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("rolelens.cli.build_parser", interrupted)
    try:
        code = main(["classify", "Own the roadmap"])
    except KeyboardInterrupt:  # not raised: pytest would take it as the user's Ctrl-C
        pytest.fail("KeyboardInterrupt escaped main()")
    assert code == 130
    captured = capsys.readouterr()
    assert (captured.out, captured.err) == ("", "rolelens: interrupted\n")


def test_ctrl_c_while_the_command_line_is_imported_is_no_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The console script imports the command line (a tenth of a second) before
    rolelens.cli.main catches Ctrl-C; its main() catches it while importing too."""
    import builtins
    import importlib

    real_import = builtins.__import__

    def interrupted(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "rolelens.cli":
            raise KeyboardInterrupt
        return real_import(name, *args, **kwargs)

    monkeypatch.delitem(sys.modules, "rolelens.__main__", raising=False)
    monkeypatch.setattr(builtins, "__import__", interrupted)
    try:
        console = importlib.import_module("rolelens.__main__")  # as the console script does
    except KeyboardInterrupt:
        pytest.fail("Ctrl-C while rolelens.__main__ was imported escaped it")
    assert console.main() == 130
    assert capsys.readouterr().err == "rolelens: interrupted\n"


def test_ctrl_c_outside_the_command_lines_own_handler_is_no_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """rolelens.cli.main catches Ctrl-C only around the command: one in the moments
    before, or while it reports an error, went through the console script's main()
    as a traceback. That main() catches it too: the usual line and exit 130."""
    import rolelens.__main__
    import rolelens.cli

    def interrupted() -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(rolelens.cli, "main", interrupted)
    try:
        code = rolelens.__main__.main()
    except KeyboardInterrupt:  # not raised: pytest would take it as the user's Ctrl-C
        pytest.fail("KeyboardInterrupt escaped rolelens.__main__.main()")
    assert code == 130
    assert capsys.readouterr().err == "rolelens: interrupted\n"


#: Run as a console script or `python -m rolelens` would, with a real SIGINT sent
#: while the module {module} is found.
#: The child takes Python's own SIGINT handler first: started from a shell's
#: background job (`pytest &`, as a CI script may be), it inherits SIGINT ignored,
#: and the signal would do nothing.
_INTERRUPTED_IMPORT = """
import os, signal, sys
signal.signal(signal.SIGINT, signal.default_int_handler)

class Interrupt:
    def find_spec(self, name, path=None, target=None):
        if name == "{module}":
            os.kill(os.getpid(), signal.SIGINT)
        return None

sys.meta_path.insert(0, Interrupt())
sys.argv = ["rolelens", "classify", "Own the roadmap"]
{start}
"""


def _console_script() -> str:
    """What pip's ``rolelens`` script runs: the entry point in pyproject.toml."""
    import tomllib

    from tests.conftest import ROOT

    with (ROOT / "pyproject.toml").open("rb") as file:
        target = tomllib.load(file)["project"]["scripts"]["rolelens"]
    module, function = target.split(":")
    return f"from {module} import {function}\nsys.exit({function}())"


@pytest.mark.parametrize(
    "module",
    [
        # The slowest import of the command line.
        pytest.param("rolelens._serialization", id="serialization"),
        # `import rolelens` imported typing (ten milliseconds) before the console
        # script's main() could catch Ctrl-C: a traceback. The package now imports
        # nothing but its version, and typing comes with the command line, caught.
        pytest.param("typing", id="typing"),
        # The package's own start, and the step from it to rolelens.__main__: both
        # before main() runs, and both a traceback before the package's hook.
        pytest.param("rolelens._version", id="package"),
        pytest.param("rolelens.__main__", id="main-module"),
    ],
)
@pytest.mark.parametrize(
    "start",
    [
        pytest.param("console-script", id="console-script"),
        pytest.param("import runpy\nrunpy.run_module('rolelens', run_name='__main__')", id="-m"),
    ],
)
def test_a_real_ctrl_c_while_starting_exits_130_without_a_traceback(
    start: str, module: str
) -> None:
    """SIGINT during the imports showed a Python traceback; now the usual line, 130."""
    code = _console_script() if start == "console-script" else start
    program = _INTERRUPTED_IMPORT.replace("{module}", module).replace("{start}", code)
    done = subprocess.run(
        [sys.executable, "-c", program],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert "Traceback" not in done.stderr, done.stderr
    assert (done.returncode, done.stderr, done.stdout) == (130, "rolelens: interrupted\n", "")


@pytest.mark.parametrize(
    "options",
    [
        ["-Bm", "rolelens"],
        ["-Bmrolelens"],
        ["-W", "ignore", "-um", "rolelens"],
        # The module behind both entry points, run by its own name: the package's
        # hook looked for "rolelens" alone, and Ctrl-C then was a traceback.
        ["-m", "rolelens.__main__"],
        ["-Bmrolelens.__main__"],
    ],
)
def test_a_real_ctrl_c_while_python_m_with_joined_options_starts_is_no_traceback(
    tmp_path: Path, options: list[str]
) -> None:
    """`python -Im rolelens` (or -Bm, -um: options joined to -m) was not known for the
    rolelens command while the package loaded, as only a separate "-m" was looked
    for: Ctrl-C then printed a traceback. Python's options are now read as Python
    reads them. (A sitecustomize sends the SIGINT: -I itself would ignore it.)"""
    from tests.conftest import ROOT

    (tmp_path / "sitecustomize.py").write_text(
        _INTERRUPTED_IMPORT.replace("{module}", "rolelens._version")
        .replace("{start}", "")
        .replace('sys.argv = ["rolelens", "classify", "Own the roadmap"]', ""),
        encoding="utf-8",
    )
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(tmp_path), str(ROOT / "src")]))
    done = subprocess.run(
        [sys.executable, *options, "classify", "Own the roadmap"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env=env,
    )
    assert "Traceback" not in done.stderr, done.stderr
    assert (done.returncode, done.stderr, done.stdout) == (130, "rolelens: interrupted\n", "")


def test_ctrl_c_while_another_program_imports_rolelens_keeps_its_traceback() -> None:
    """Only the rolelens command exits quietly: a program of one's own that imports the
    package while Ctrl-C comes shows Python's usual traceback, as it did."""
    program = _INTERRUPTED_IMPORT.replace("{module}", "rolelens._version").replace(
        "{start}", "import rolelens"
    )
    program = program.replace('sys.argv = ["rolelens",', 'sys.argv = ["my_script.py",')
    done = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, timeout=60, check=False
    )
    assert "Traceback" in done.stderr, done.stderr
    assert "KeyboardInterrupt" in done.stderr
    assert "rolelens: interrupted" not in done.stderr


@pytest.mark.timeout(120)
@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_sigterm_leaves_no_temporary_output_behind(tmp_path: Path) -> None:
    """SIGTERM (`kill`, `timeout`) during `classify -o FILE` ended the process where it
    stood, leaving `.FILE.xxxx.tmp` beside FILE; it now unwinds as Ctrl-C does: the
    temporary file is removed, one line on stderr, exit status 143 (128 + SIGTERM)."""
    from tests.conftest import ROOT

    source = tmp_path / "big.txt"
    source.write_text("Own the product roadmap\nTrack the budget\n" * 400_000, encoding="utf-8")
    target = tmp_path / "out.jsonl"
    process = subprocess.Popen(
        [sys.executable, "-m", "rolelens", "classify", "-i", str(source), "-o", str(target)],
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        # Started from a shell's background job, SIGTERM may arrive ignored: reset it.
        preexec_fn=lambda: signal.signal(signal.SIGTERM, signal.SIG_DFL),
    )
    wait_for_output(tmp_path, ".out.jsonl.")
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 143, err
    assert "Traceback" not in err
    assert err.startswith("rolelens: "), err
    assert not target.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out.jsonl.")]


@pytest.mark.timeout(120)
@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
@pytest.mark.parametrize(
    ("signame", "code", "said"), [("SIGTERM", 143, "terminated"), ("SIGHUP", 129, "hung up")]
)
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_sigterm_or_sighup_during_classify_to_a_file_says_which(
    tmp_path: Path, signame: str, code: int, said: str, jobs: str
) -> None:
    """After SIGTERM, `classify -o FILE` said "interrupted; FILE not written, ..." as
    for Ctrl-C (exit 143 all the same): the message now names what stopped it. SIGHUP
    (the terminal closed, an SSH connection lost) ended the process where it stood,
    leaving the hidden temporary file `.FILE.xxxx.tmp` beside FILE (and no .partial);
    it now unwinds as SIGTERM does, with exit status 129."""
    from tests.conftest import ROOT

    signum = getattr(signal, signame)
    source = tmp_path / "big.txt"
    source.write_text("Own the product roadmap\nTrack the budget\n" * 400_000, encoding="utf-8")
    target = tmp_path / "out.jsonl"
    command = [sys.executable, "-m", "rolelens", "classify", "-i", str(source), "-o", str(target)]
    process = subprocess.Popen(
        [*command, "--jobs", jobs],
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        # Under nohup, or from a shell's background job, the signal may come ignored.
        preexec_fn=lambda: signal.signal(signum, signal.SIG_DFL),
    )
    wait_for_output(tmp_path, ".out.jsonl.")
    process.send_signal(signum)
    _, err = process.communicate(timeout=60)
    assert process.returncode == code, err
    assert err.startswith(f"rolelens: {said}; {target} not written, the "), err
    assert "interrupt" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.txt", "out.jsonl.partial"]


@pytest.mark.parametrize(
    ("signame", "said"), [("SIGTERM", "terminated; "), ("SIGHUP", "hung up; ")]
)
def test_a_terminated_run_through_a_descriptor_alias_says_terminated(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], signame: str, said: str
) -> None:
    """Every message of the .partial keeping names SIGTERM (and SIGHUP) as such."""
    from rolelens.cli._io import Terminated
    from rolelens.cli.classify import _keep_partial

    link = tmp_path / "out"
    link.symlink_to("/proc/self/fd/1")
    with (tmp_path / "real.jsonl").open("w+", encoding="utf-8") as stream:
        stream.write('{"text": "x"}\n')
        _keep_partial(stream, str(link), stopped=Terminated(getattr(signal, signame)))
    err = capsys.readouterr().err
    assert err.startswith(f"rolelens: {said}{link} received the lines written before the ")


@pytest.mark.parametrize("command", ["classify", "classify-progress", "fit"])
def test_closed_stderr_keeps_messages_out_of_stdout(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    command: str,
) -> None:
    """Started with stderr closed (`2>&-`, so ``sys.stderr`` is ``None``), `classify -i`
    crashed on ``sys.stderr.isatty()`` (exit 1, no output), and every message went to
    stdout, into the output: `fit -o -` appended "fitted on ..." to the model's JSON."""
    statements = tmp_path / "statements.jsonl"
    statements.write_text('{"text": "Own the roadmap"}\n[1]\n', encoding="utf-8")
    labeled = tmp_path / "labeled.jsonl"
    labeled.write_text(
        '{"text": "Own the product roadmap", "label": "product"}\n'
        '{"text": "Track the project budget", "label": "project"}\n',
        encoding="utf-8",
    )
    argv = {
        "classify": ["classify", "-i", str(statements), "--skip-invalid"],
        "classify-progress": ["classify", "-i", str(statements), "--skip-invalid", "--progress"],
        "fit": ["fit", str(labeled), "-o", "-", "--epochs", "1"],
    }[command]
    monkeypatch.setattr(sys, "stderr", None)
    assert main([*argv, "--format", "jsonl"] if command != "fit" else argv) == 0
    assert sys.stderr is None  # as it was
    out = capsys.readouterr().out
    if command == "fit":
        assert json.loads(out)["format"] == "rolelens-classifier"
    else:
        assert [json.loads(line)["text"] for line in out.splitlines()] == ["Own the roadmap"]


@pytest.mark.parametrize("command", ["classify", "reframe"])
@pytest.mark.parametrize("name", ["long.txt", "long.jsonl", "utf16.txt"])
def test_a_line_past_the_limit_is_one_error_line(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    command: str,
    name: str,
) -> None:
    """A text or JSONL input is streamed a line at a time, and one endless line
    (`-i /dev/zero`) took memory until the system killed the process; a line past
    ``MAX_LINE_BYTES`` (as much as an input read whole may hold) is now an error
    naming the file and line, and no -o file is written."""
    import rolelens.records

    monkeypatch.setattr(rolelens.records, "MAX_LINE_BYTES", 1000, raising=False)
    path = tmp_path / name
    first, long = ("ok", "x" * 2000)
    if name.endswith(".jsonl"):
        first, long = (json.dumps({"text": first}), json.dumps({"text": long}))
    path.write_text(f"{first}\n{long}\n", encoding="utf-16" if "16" in name else "utf-8")
    out = tmp_path / "out.jsonl"
    assert main([command, "-i", str(path), "-o", str(out)]) == 2
    assert capsys.readouterr().err == (
        f"rolelens: error: {path}:2: a line of more than 1,000 bytes (is it a text file?)\n"
    )
    assert not out.exists()


#: Text beyond Latin-1 and beyond the Basic Multilingual Plane, with a Latin-1 letter.
_WORLD = "café 東京 😀"


def _run_in_latin1(argv: list[str], cwd: Path) -> bytes:
    """Run the command line with standard output encoded as Latin-1, as a non-UTF-8
    locale (or PYTHONIOENCODING) makes it; return what it wrote there."""
    env = {**os.environ, "PYTHONIOENCODING": "latin-1", "PYTHONUTF8": "0"}
    done = subprocess.run(
        [sys.executable, "-m", "rolelens", *argv],
        capture_output=True,
        cwd=cwd,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.parametrize(
    "argv",
    [
        ["posting", "posting.md", "--format", "html"],
        ["posting", "posting.md", "--format", "json"],
        ["classify", "-i", "in.txt", "--format", "jsonl"],
        ["classify", "-i", "in.txt", "--format", "jsonl", "--jobs", "2"],
        ["reframe", "-i", "in.txt", "--format", "json"],
        ["reframe", "-i", "in.txt", "--format", "jsonl"],
        ["decide", "scenario.json", "--format", "json"],
        ["fit", "labeled.jsonl", "-o", "-"],
    ],
    ids=lambda argv: "-".join(a for a in argv if not a.startswith("-") and "." not in a),
)
def test_formats_that_are_utf8_are_utf8_on_any_stdout(tmp_path: Path, argv: list[str]) -> None:
    """JSON and JSON Lines are UTF-8 by their specifications and the HTML report says
    charset utf-8; written to a Latin-1 standard output, "é" came out as the byte 0xE9
    (invalid UTF-8, a model that no longer loads) and "東" as a backslash escape. They
    are written as UTF-8 bytes, every character kept, whatever the locale."""
    (tmp_path / "posting.md").write_text(
        f"# Product Manager\n\n- Own the product roadmap for {_WORLD} users\n",
        encoding="utf-8",
    )
    (tmp_path / "in.txt").write_text(
        f"Own the product roadmap for {_WORLD} users\nTrack the {_WORLD} budget\n",
        encoding="utf-8",
    )
    scenario = {"segment": "b2b", "feature": {"name": _WORLD, "approval": "pending"}}
    (tmp_path / "scenario.json").write_text(json.dumps(scenario), encoding="utf-8")
    rows = [
        {"text": f"Decide the {_WORLD} roadmap with customers", "label": "product"},
        {"text": f"Keep the {_WORLD} migration on schedule", "label": "project"},
        {"text": "Free parking for staff", "label": "other"},
    ]
    (tmp_path / "labeled.jsonl").write_text(
        "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8"
    )
    text = _run_in_latin1(argv, tmp_path).decode("utf-8")  # strict: invalid UTF-8 fails
    if "html" in argv:
        assert 'charset="utf-8"' in text
        assert _WORLD in text
    elif argv[0] == "fit":
        model = Classifier.from_json(text)  # it loads: its checksum holds
        assert "your résumé" in {cue.phrase for cue in model.lexicon}
    else:  # classify and reframe write a record per line, even as json
        lines = text.splitlines() if argv[0] in ("classify", "reframe") else [text]
        documents = [json.loads(line) for line in lines]
        assert _WORLD in json.dumps(documents, ensure_ascii=False)


def test_text_formats_on_stdout_keep_the_locale(tmp_path: Path) -> None:
    """Tables and text reports are for reading where they are printed: in the locale's
    encoding, as before, a character it lacks written as its escape."""
    (tmp_path / "in.txt").write_text(f"Own the roadmap for {_WORLD} users\n", encoding="utf-8")
    out = _run_in_latin1(["classify", "-i", "in.txt", "--format", "table"], tmp_path)
    assert b"caf\xe9" in out
    assert b"\\u6771" in out


def test_utf8_standard_output_is_restored_after_the_block(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A UTF-8 output switches a Latin-1 standard output to UTF-8 for its block only:
    what comes after (a message, a second command run in the same process) is
    written in the stream's own encoding again."""
    from rolelens.cli._io import atomic_output

    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="latin-1", errors="backslashreplace")
    monkeypatch.setattr(sys, "stdout", stream)
    with atomic_output(None, utf8=True) as out:
        out.write("é東")
    stream.write("é東")
    stream.flush()
    assert raw.getvalue() == "é東".encode() + b"\xe9\\u6771"
    assert (stream.encoding, stream.errors) == ("latin-1", "backslashreplace")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (Linux)")
@pytest.mark.parametrize("words", [["--help"], ["--version"], ["compare", "--help"]])
def test_help_and_version_that_cannot_be_written_are_an_error(words: list[str]) -> None:
    """argparse drops an error writing help or the version: ``rolelens --help >
    help.txt`` on a full disk wrote nothing and exited 0, as if it had. Now it is
    the one-line error of any other output to standard output, with exit status 2."""
    with open("/dev/full", "w", encoding="utf-8") as full:
        done = subprocess.run(
            [sys.executable, "-m", "rolelens", *words],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
        )
    assert (done.returncode, done.stderr) == (2, "rolelens: error: No space left on device\n")


def _run_with_stderr_gone(words: list[str], cwd: Path) -> int:
    """Run ``rolelens words`` with stderr a pipe whose reader has left; its exit status."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        return subprocess.run(
            [sys.executable, "-m", "rolelens", *words],
            stdout=subprocess.DEVNULL,
            stderr=write_end,
            cwd=cwd,
            timeout=60,
        ).returncode
    finally:
        os.close(write_end)


def test_a_message_its_reader_left_before_changes_nothing(tmp_path: Path) -> None:
    """With stderr a pipe whose reader had gone (``2>&1 | head -1``), the broken pipe
    met writing a message was taken for standard output's: ``compare --roles typo``
    exited 0, ``decide missing.json`` 1 with a traceback, and ``classify --skip-invalid
    -o out.csv`` stopped at the first "skipped" note, exit 0 and no out.csv written.
    A message that cannot be written is now lost alone: the run goes on, the status
    is the run's."""
    assert _run_with_stderr_gone(["compare", "--roles", "typo"], tmp_path) == 2
    assert _run_with_stderr_gone(["decide", "missing.json"], tmp_path) == 2
    lines = ["not json", *(json.dumps({"text": f"Own the roadmap {n}"}) for n in range(50))]
    (tmp_path / "bad.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    words = ["classify", "-i", "bad.jsonl", "--skip-invalid", "-o", "out.csv"]
    assert _run_with_stderr_gone(words, tmp_path) == 0
    assert len((tmp_path / "out.csv").read_text(encoding="utf-8").splitlines()) == 51


def test_a_progress_bar_its_reader_left_before_stops_nothing(tmp_path: Path) -> None:
    """With tqdm installed, a bar on a stderr whose reader had gone raised a broken
    pipe out of the run, taken for standard output's: ``reframe -i in.txt --progress
    -o out.txt 2>&1 | head -1`` exited 0 and wrote no out.txt."""
    (tmp_path / "in.txt").write_text("Deliver the module by Q3\n" * 20, encoding="utf-8")
    words = ["reframe", "-i", "in.txt", "--progress", "-o", "out.txt"]
    assert _run_with_stderr_gone(words, tmp_path) == 0
    lines = (tmp_path / "out.txt").read_text(encoding="utf-8").splitlines()
    assert lines.count("Deliver the module by Q3") == 20


class _Terminal(io.RawIOBase):
    """Standard input at a terminal: what was typed, then Ctrl-D, which ends one read
    only. A terminal read again waits for more typing; here that is a failure."""

    def __init__(self, typed: bytes) -> None:
        self.pending = [typed, b""]

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if not self.pending:
            raise AssertionError("read again after Ctrl-D: a terminal waits for another")
        chunk = self.pending.pop(0)
        buffer[: len(chunk)] = chunk
        return len(chunk)


@pytest.mark.parametrize(
    ("words", "typed"),
    [
        (["decide", "-"], '{"segment": "b2b", "feature": {"approval": "pending"}}\n'),
        (["evaluate", "-"], '{"text": "Own the roadmap", "label": "product"}\n'),
        (["posting", "-"], "Product Manager\nOwn the roadmap\n"),
    ],
)
def test_standard_input_typed_at_a_terminal_ends_at_one_ctrl_d(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    words: list[str],
    typed: str,
) -> None:
    """A whole file read from standard input was read until a read gave nothing; at a
    terminal, Ctrl-D ends one read only, so ``rolelens decide -`` seemed to hang until
    a second Ctrl-D. A short read of a buffered stream is its end: one is enough."""
    raw = io.BufferedReader(_Terminal(typed.encode()))
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(raw, encoding="utf-8"))
    assert main(words) == 0
    assert capsys.readouterr().out


def test_output_with_a_hard_link_keeps_the_link(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """-o FILE that has a second name (a hard link) is rewritten, not replaced: the
    rename left the other name with the old text and split the two apart."""
    out = tmp_path / "out.csv"
    other = tmp_path / "other.csv"
    out.write_text("old text that is longer than the new output will be\n" * 20)
    os.link(out, other)
    out.chmod(0o640)
    inode = out.stat().st_ino
    assert main(["classify", "Own the roadmap", "--format", "csv", "-o", str(out)]) == 0
    assert capsys.readouterr().err == ""
    text = out.read_text(encoding="utf-8")
    assert text.startswith("text,label,")
    assert "old text" not in text
    assert other.read_text(encoding="utf-8") == text
    assert out.stat().st_ino == inode
    assert out.stat().st_nlink == 2
    assert out.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.csv", "out.csv"]


def _no_temporary_beside(
    monkeypatch: pytest.MonkeyPatch, directory: Path, elsewhere: Path
) -> list[str]:
    """Make mkstemp refuse ``directory`` (as a directory one may not write does) and
    put any other temporary file in ``elsewhere``; the list gets each one made."""
    import tempfile

    made: list[str] = []
    real = tempfile.mkstemp

    def mkstemp(*args: Any, **kwargs: Any) -> tuple[int, str]:
        if kwargs.get("dir") is not None and Path(kwargs["dir"]) == directory:
            raise PermissionError(errno.EACCES, "Permission denied")
        kwargs["dir"] = str(elsewhere)
        fd, name = real(*args, **kwargs)
        made.append(name)
        return fd, name

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
    return made


def test_output_in_a_directory_one_may_not_write_is_rewritten(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A writable -o FILE in a directory the user may not add files to was refused
    ("cannot write there"), though the shell's `>` writes it: now its whole output goes
    to a temporary file elsewhere first, then into the file, and the temporary goes."""
    locked = tmp_path / "locked"
    locked.mkdir()
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    out = locked / "out.csv"
    out.write_text("old\n")
    made = _no_temporary_beside(monkeypatch, locked, scratch)
    assert main(["classify", "Own the roadmap", "--format", "csv", "-o", str(out)]) == 0
    assert capsys.readouterr().err == ""
    assert out.read_text(encoding="utf-8").startswith("text,label,")
    assert len(made) == 1
    assert not os.path.exists(made[0])
    # A file that is not there yet cannot be made in such a directory: refused as before.
    new = locked / "new.csv"
    assert main(["classify", "Own the roadmap", "-o", str(new)]) == 2
    assert "cannot write there" in capsys.readouterr().err
    assert not new.exists()
    # A full disk where the temporary file went is told as that disk's, and the
    # file keeps what it held.
    before = out.read_text(encoding="utf-8")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    assert main(["compare", "-o", str(out)]) == 2
    assert capsys.readouterr().err == (
        f"rolelens: error: {out}: No space left on device "
        f"(writing its temporary file in {scratch})\n"
    )
    assert out.read_text(encoding="utf-8") == before
    assert len(made) == 2
    assert not any(os.path.exists(name) for name in made)


def test_output_rewrite_with_no_room_keeps_the_old_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A full disk found when the room for the new text is reserved: the old file is
    untouched (not even grown) and no temporary file is left."""
    out = tmp_path / "out.csv"
    out.write_text("old\n")
    os.link(out, tmp_path / "link.csv")

    def full(fd: int, offset: int, length: int) -> None:
        os.truncate(fd, offset + length // 2)  # as a partial reservation would
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "posix_fallocate", full)
    assert main(["classify", "Own the roadmap", "--format", "csv", "-o", str(out)]) == 2
    assert capsys.readouterr().err == f"rolelens: error: {out}: No space left on device\n"
    assert out.read_text() == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.csv", "out.csv"]


def test_output_rewrite_that_fails_midway_keeps_the_temporary_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A copy into the file that fails part way: the error names the temporary
    file, which is kept with the whole output."""
    out = tmp_path / "out.csv"
    out.write_text("old\n")
    os.link(out, tmp_path / "link.csv")

    def broken(fd: int, data: Any) -> int:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(os, "write", broken)
    err, kept = _fails_keeping_the_temporary_file(tmp_path, capsys, out)
    assert err == (
        f"rolelens: error: {out}: Input/output error; it may be left incomplete, "
        f"the whole output is kept in {kept}\n"
    )


def _fails_keeping_the_temporary_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], out: Path
) -> tuple[str, Path]:
    """Classify into ``out``, which fails (status 2) keeping the one temporary file
    beside it with the whole output: the error line, and that file."""
    assert main(["classify", "Own the roadmap", "--format", "csv", "-o", str(out)]) == 2
    err = capsys.readouterr().err
    kept = [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert len(kept) == 1
    assert kept[0].read_text(encoding="utf-8").startswith("text,label,")
    return err, kept[0]


def _deleted_before_the_rewrite(monkeypatch: pytest.MonkeyPatch, out: Path) -> None:
    """Delete ``out`` after its output is written, just before it is rewritten."""
    import rolelens._serialization

    real = rolelens._serialization._rewrite

    def rewrite(target: Path, tmp: str, shown: str) -> None:
        out.unlink()
        real(target, tmp, shown)

    monkeypatch.setattr(rolelens._serialization, "_rewrite", rewrite)


def test_output_deleted_before_its_rewrite_is_written_anew(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """-o FILE with a hard link, deleted while the run went: the rewrite's open failed,
    and the temporary file with the whole output was removed with the error (exit 2,
    results lost). The output is now written at FILE's path anew."""
    out = tmp_path / "out.csv"
    out.write_text("old\n")
    os.link(out, tmp_path / "link.csv")
    _deleted_before_the_rewrite(monkeypatch, out)
    assert main(["classify", "Own the roadmap", "--format", "csv", "-o", str(out)]) == 0
    assert capsys.readouterr().err == ""
    assert out.read_text(encoding="utf-8").startswith("text,label,")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.csv", "out.csv"]


def test_output_that_cannot_be_written_at_its_rewrite_keeps_the_temporary_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Deleted, and not to be made again (a directory that refuses new files): the
    temporary file holding the whole output is kept, and the error names it."""
    out = tmp_path / "out.csv"
    out.write_text("old\n")
    os.link(out, tmp_path / "link.csv")
    _deleted_before_the_rewrite(monkeypatch, out)
    real = os.open

    def no_new_files(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if flags & os.O_CREAT and Path(path) == out:
            raise PermissionError(errno.EACCES, "Permission denied")
        return real(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", no_new_files)
    err, kept = _fails_keeping_the_temporary_file(tmp_path, capsys, out)
    assert err == (
        f"rolelens: error: {out}: cannot write it: Permission denied; "
        f"the whole output is kept in {kept}\n"
    )


def test_output_rename_refused_by_a_sticky_directory_is_rewritten(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """In a sticky directory (/tmp) the rename over another user's file that the user
    may write is refused (EPERM); the file is rewritten instead of the run failing."""
    out = tmp_path / "out.csv"
    out.write_text("old\n")

    def refused(src: Any, dst: Any) -> None:
        raise PermissionError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "replace", refused)
    assert main(["classify", "Own the roadmap", "--format", "csv", "-o", str(out)]) == 0
    assert capsys.readouterr().err == ""
    assert out.read_text(encoding="utf-8").startswith("text,label,")
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_saved_model_over_a_hard_link_keeps_the_link(tmp_path: Path) -> None:
    """rolelens.save rewrites a model file with a second name instead of replacing it."""
    model = tmp_path / "model.json"
    model.write_text("{}")
    os.link(model, tmp_path / "same.json")
    save(Classifier(Lexicon(())), model)
    assert (tmp_path / "same.json").read_text() == model.read_text() != "{}"


@pytest.mark.parametrize("hard_link", [False, True], ids=["renamed", "rewritten"])
@pytest.mark.parametrize(
    ("signum", "verb"), [(signal.SIGINT, "interrupted"), (signal.SIGTERM, "terminated")]
)
def test_ctrl_c_while_a_whole_output_is_made_durable_keeps_it(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    hard_link: bool,
    signum: int,
    verb: str,
) -> None:
    """Ctrl-C during the fsync of a finished output (seconds for a large one, with the
    progress line at 100% and the command seemingly done) removed the whole output:
    no FILE, no FILE.partial. The output is now put in place first. The run then
    said "interrupted" and exited 130 though FILE was complete: it now says the
    output is written in full, and exits 0 (SIGTERM likewise)."""
    out = tmp_path / "out.csv"
    if hard_link:
        out.write_text("old\n")
        os.link(out, tmp_path / "link.csv")
    real = os.fsync
    calls: list[int] = []

    def interrupted(fd: int) -> None:
        if not calls:
            signal.raise_signal(signum)
        calls.append(fd)
        real(fd)

    # A shell's background job inherits SIGINT ignored: give this process Python's handler.
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    before = signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        monkeypatch.setattr(os, "fsync", interrupted)
        assert main(["classify", "Own the roadmap", "--format", "csv", "-o", str(out)]) == 0
    finally:
        signal.signal(signal.SIGINT, previous)
        signal.signal(signal.SIGTERM, before)
    assert capsys.readouterr().err == (
        f"rolelens: {verb} after the output was complete: {out} is written in full\n"
    )
    text = out.read_text(encoding="utf-8")
    assert text.startswith("text,label,")
    assert "Own the roadmap" in text
    names = ["link.csv", "out.csv"] if hard_link else ["out.csv"]
    assert sorted(p.name for p in tmp_path.iterdir()) == names


def test_output_rewrite_finishes_before_ctrl_c(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C during the copy into a rewritten file waits for the copy to end: the file
    is never left half old, half new; then the run says the file is complete."""
    out = tmp_path / "out.csv"
    out.write_text("old text, longer than what is written\n" * 50)
    os.link(out, tmp_path / "link.csv")
    real = os.write

    def interrupted(fd: int, data: Any) -> int:
        signal.raise_signal(signal.SIGINT)
        return real(fd, data[:10])

    # A shell's background job (`pytest &`, as a CI script may run) inherits SIGINT
    # ignored, which the rewrite leaves be: give this process Python's handler.
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        monkeypatch.setattr(os, "write", interrupted)
        assert main(["classify", "Own the roadmap", "--format", "csv", "-o", str(out)]) == 0
    finally:
        signal.signal(signal.SIGINT, previous)
    assert capsys.readouterr().err == (
        f"rolelens: interrupted after the output was complete: {out} is written in full\n"
    )
    text = out.read_text(encoding="utf-8")
    assert text.startswith("text,label,")
    assert "old text" not in text
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.csv", "out.csv"]


@pytest.mark.parametrize("where", ["read-only", "missing-directory"])
def test_posting_refuses_a_bad_output_before_analysing(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    where: str,
) -> None:
    """posting opened -o only after the analysis, seconds on a long posting, and only
    then said the file was read-only or its directory missing. It is opened first, as
    every other command's output is ("refused before any work", the docs say)."""
    import rolelens.posting

    posting = tmp_path / "job.md"
    posting.write_text("# Product Manager\n\n- Own the roadmap\n", encoding="utf-8")
    out = tmp_path / "report.json"
    if where == "read-only":
        out.write_text("keep me\n", encoding="utf-8")
        out.chmod(0o444)
    else:
        out = tmp_path / "missing" / "report.json"
    calls: list[int] = []
    real = rolelens.posting.analyze_posting

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(rolelens.posting, "analyze_posting", counted)
    assert main(["posting", str(posting), "-o", str(out)]) == 2
    assert str(out) in capsys.readouterr().err
    assert calls == []
    ok = tmp_path / "ok.json"
    assert main(["posting", str(posting), "-o", str(ok)]) == 0
    assert calls == [1]
    assert json.loads(ok.read_text(encoding="utf-8"))


@pytest.mark.parametrize("unbuffered", ["1", ""], ids=["unbuffered", "buffered"])
def test_standard_output_cut_short_is_an_error_when_unbuffered(
    tmp_path: Path, unbuffered: str
) -> None:
    """Under PYTHONUNBUFFERED=1 (common in containers) standard output is a text stream
    over the raw file, which drops what a write did not take: a model written to
    standard output beyond a file size limit (or on a nearly full disk) was cut short
    with exit 0 and "wrote standard output". It is "File too large", exit 2, as it is
    without the setting."""
    import resource

    def limited() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # the write fails instead
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))

    labeled = tmp_path / "labeled.jsonl"
    labeled.write_text(
        '{"text": "Own the roadmap", "label": "product"}\n'
        '{"text": "Book the rooms", "label": "project"}\n',
        encoding="utf-8",
    )
    out = tmp_path / "model.json"
    env = {**os.environ, "PYTHONUNBUFFERED": unbuffered}
    with out.open("wb") as sink:
        done = subprocess.run(
            [sys.executable, "-m", "rolelens", "fit", str(labeled), "-o", "-", "--epochs", "1"],
            stdout=sink,
            stderr=subprocess.PIPE,
            env=env,
            preexec_fn=limited,
            timeout=300,
            check=False,
        )
    assert done.returncode == 2
    assert done.stderr.decode() == "rolelens: error: File too large\n"


@pytest.mark.parametrize(
    ("named", "reason"),
    [
        ("old.csv/.", "Not a directory"),
        ("old.csv/../new.csv", "Not a directory"),
        ("missing.csv/.", "No such file or directory"),
    ],
)
def test_output_through_a_file_as_if_a_directory_is_refused(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    named: str,
    reason: str,
) -> None:
    """`-o old.csv/.` replaced old.csv, and `-o missing.csv/.` made missing.csv: the
    path was cut short by realpath(), which drops "." and ".." without asking whether
    what comes before them is a directory. The shell's `>` (and open()) refuse both;
    so does -o now, and no file is touched or made."""
    monkeypatch.chdir(tmp_path)
    Path("old.csv").write_text("old\n", encoding="utf-8")
    assert main(["classify", "Own the roadmap", "-o", named]) == 2
    assert capsys.readouterr().err == f"rolelens: error: {named}: cannot write there: {reason}\n"
    assert Path("old.csv").read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.csv"]
    with pytest.raises(OSError, match=reason):
        save(Classifier(Lexicon(())), named)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.csv"]
