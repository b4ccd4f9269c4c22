"""Reading and writing files for the command line: atomic output, clear errors."""

from __future__ import annotations

import codecs
import contextlib
import errno
import io
import os
import select
import signal
import stat
import sys
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from typing import Any, BinaryIO, TextIO

from rolelens._reading import MAX_INPUT_BYTES, decode, read_limited, read_text
from rolelens._serialization import atomic_text_file, signals_after

__all__ = [
    "MAX_INPUT_BYTES",
    "UTF8_FORMATS",
    "Interrupted",
    "Terminated",
    "atomic_output",
    "decode",
    "output_on_terminal",
    "output_overwrites_input",
    "read_limited",
    "read_text",
    "whole_stdout_writes",
    "write_lines",
]


class Interrupted(KeyboardInterrupt):
    """Ctrl-C that a command has already explained to the user on stderr."""


class Terminated(KeyboardInterrupt):
    """SIGTERM or SIGHUP, as the command line raises them: a ``KeyboardInterrupt``,
    so that the run unwinds as after Ctrl-C, but one a message can tell from
    Ctrl-C. ``signum`` is the signal's number (SIGTERM when not given)."""

    def __init__(self, signum: int = signal.SIGTERM) -> None:
        super().__init__(signum)
        self.signum = signum


def stop_words(exc: BaseException) -> tuple[str, str]:
    """How a message names what stopped the run: ``("interrupted", "interruption")``
    for Ctrl-C, ``("terminated", "termination")`` for SIGTERM and ``("hung up",
    "hangup")`` for SIGHUP (both a :class:`Terminated`)."""
    if not isinstance(exc, Terminated):
        return "interrupted", "interruption"
    if exc.signum == getattr(signal, "SIGHUP", None):
        return "hung up", "hangup"
    return "terminated", "termination"


def output_overwrites_input(output: str | None, inputs: Mapping[str, str | None]) -> str | None:
    """The error message when ``-o output`` names one of ``inputs``' files, else ``None``.

    ``inputs`` maps how the user named each input (``"-i"``, ``"--model"``) to
    its path. The atomic write would replace that input with this command's
    output, so the command must refuse before it starts. Links and other
    spellings of the same file count, ``-`` too when standard input is that
    file (``< f``); a file that does not exist yet does not,
    nor does anything but a regular file: a device, a pipe or a terminal is
    written in place, never replaced (``-i /dev/stdin -o /dev/stdout``).
    """
    if output is None or output == "-":
        return None
    for option, path in inputs.items():
        if path is None:
            continue
        try:
            if path == "-":
                # `-i - < f -o f` reads f as surely as `-i /dev/stdin` does.
                read = os.fstat(sys.stdin.fileno()) if sys.stdin is not None else None
                same = read is not None and os.path.samestat(read, os.stat(output))
            else:
                same = os.path.samefile(path, output)
            same = same and stat.S_ISREG(os.stat(output).st_mode)
        except (OSError, ValueError):  # either is missing (or has a NUL): not the same file
            continue
        if same:
            how = " (standard input)" if path == "-" else ""
            return f"-o {output}: is the {option} file{how}; name another output file"
    return None


def output_on_terminal(output: str | None) -> bool:
    """Whether a command's output (``-o output``) is printed on a terminal: standard
    output is one, or ``output`` names one (``-o /dev/stdout``, ``-o /dev/tty``). A
    progress line drawn there too would land in the output's lines."""
    if output not in (None, "-"):
        return _names_a_terminal(output)
    if sys.stdout is None:
        return False
    try:
        return sys.stdout.isatty()
    except (OSError, ValueError):  # closed: nothing is printed there
        return False


def _names_a_terminal(path: str) -> bool:
    """Whether ``path`` is a terminal. Only a character device is opened to ask
    (never to become the controlling terminal): a file, a pipe or a path that
    cannot be opened is none."""
    try:
        if not stat.S_ISCHR(os.stat(path).st_mode):
            return False
        flags = os.O_WRONLY | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_NONBLOCK", 0)
        fd = os.open(path, flags)
    except (OSError, ValueError):
        return False
    try:
        return os.isatty(fd)
    finally:
        os.close(fd)


#: The ``--format`` values whose output is UTF-8 by definition: JSON and JSON Lines by
#: their specifications, HTML by the ``charset="utf-8"`` the reports declare.
UTF8_FORMATS = frozenset({"json", "jsonl", "html"})


@contextlib.contextmanager
def atomic_output(
    path: str | None, *, can_name_file: bool = True, utf8: bool = False
) -> Iterator[TextIO]:
    """Yield a text stream for ``path`` (stdout when ``None`` or ``-``).

    ``can_name_file`` is false for a command with no ``-o`` (``demo``): the error
    for a closed stdout then does not suggest one. ``utf8`` is true for an output
    that is UTF-8 by its format (:data:`UTF8_FORMATS`, a saved model): standard
    output is then written in UTF-8 whatever the locale's encoding, or a Latin-1
    locale wrote "é" as a byte no UTF-8 reader takes. Files are always UTF-8.

    A file is written to a temporary sibling and renamed into place only when
    the block finishes without an exception, so a failed or interrupted run
    never leaves a half-written output behind; a file with hard links, or in a
    directory where no file can be made, is instead rewritten from the complete
    temporary file (see ``rolelens._serialization.atomic_text_file``).
    """
    if path is None or path == "-":
        if sys.stdout is None:  # started with stdout closed (`>&-`)
            hint = "; name a file with -o" if can_name_file else ""
            raise OSError(errno.EBADF, f"standard output is closed{hint}")
        with _utf8_stdout() if utf8 else contextlib.nullcontext():
            yield sys.stdout
            sys.stdout.flush()
        return
    # backslashreplace: a lone surrogate from the input is written as an escape, not lost
    with atomic_text_file(path, errors="backslashreplace", newline="") as stream:
        yield stream


@contextlib.contextmanager
def _utf8_stdout() -> Iterator[None]:
    """Standard output encoded as UTF-8 for the block, then as it was before.

    Text already written stays as it was encoded: a text stream encodes on write.
    A stream that is not a text file over bytes (a test's ``StringIO``) is left alone.
    """
    stream = sys.stdout
    encoding = getattr(stream, "encoding", None)
    if not isinstance(stream, io.TextIOWrapper) or not encoding:
        yield
        return
    try:
        if codecs.lookup(encoding).name == "utf-8":  # "UTF8", "utf_8": already
            yield
            return
    except LookupError:
        pass
    errors = stream.errors
    stream.reconfigure(encoding="utf-8", errors=errors)
    try:
        yield
    finally:
        with contextlib.suppress(OSError, ValueError):  # a closed pipe: nothing to restore
            stream.reconfigure(encoding=encoding, errors=errors)


class _WrittenThrough(io.BufferedWriter):
    """A buffered writer that passes each write on at once: unbuffered, as
    ``PYTHONUNBUFFERED`` asks, but whole.

    Under ``PYTHONUNBUFFERED=1`` (or ``python -u``) standard output is a text
    stream straight over the raw file, and a text stream ignores how much of a
    write the raw file took: what a nearly full disk or a file size limit did
    not take was dropped without an error, and the command said it had written
    its output (exit 0). A buffered writer writes the rest, and raises when it
    cannot. Closing it leaves the raw file, standard output's own, open.
    """

    def write(self, data: Any) -> int:
        written = super().write(data)
        self.flush()
        return written

    def close(self) -> None:
        with contextlib.suppress(OSError, ValueError):
            self.flush()


@contextlib.contextmanager
def whole_stdout_writes() -> Iterator[None]:
    """Within the block, ``sys.stdout`` writes all it is given or raises.

    Only a text stream straight over a raw file (``PYTHONUNBUFFERED``) is
    changed: for the block it is replaced by one over a :class:`_WrittenThrough`
    writer, with the same encoding, errors and line ends, and put back after.
    """
    stream = sys.stdout
    raw = getattr(stream, "buffer", None)
    if not isinstance(stream, io.TextIOWrapper) or not isinstance(raw, io.RawIOBase):
        yield
        return
    whole = io.TextIOWrapper(
        _WrittenThrough(raw),
        encoding=stream.encoding,
        errors=stream.errors,
        newline=None if os.name == "nt" else "\n",  # as Python opens standard output
        line_buffering=stream.line_buffering,
        write_through=True,
    )
    sys.stdout = whole
    try:
        yield
    finally:
        if sys.stdout is whole:
            sys.stdout = stream
        # Let go of the raw file without closing it: detached, neither wrapper closes
        # (or warns of) it when collected. A flush that fails (a reader gone) has failed.
        with contextlib.suppress(OSError, ValueError):
            whole.detach().detach()


#: How long after the first a signal must come to stop the finishing of a line.
_AGAIN_SECONDS = 0.5
#: The longest the finishing of a line waits for the reader after a signal.
_FINISH_SECONDS = 2.0


def write_lines(sink: BinaryIO, data: bytes) -> None:
    """Write ``data``, whole lines, to ``sink`` so that Ctrl-C (or SIGTERM, which the
    command line raises as Ctrl-C) leaves a pipe at the end of a line: the line under
    way when it comes is finished first, then it is raised.

    ``sink.write`` cannot promise that. Into a full pipe a large write goes out in
    pieces, as the reader makes room; a signal between two pieces raised
    ``KeyboardInterrupt`` without saying how much had gone, and the rest was
    dropped, so the reader's last record was cut off. (``os.write`` alone loses the
    count too: Python raises for the signal right after the call returns it.) So,
    into a pipe from the main thread, the signals are only noted while the bytes
    go, straight to the descriptor and counted; each write starts when the pipe
    has room, so one that a signal interrupts has written something, and returns
    how much. Finishing the line waits for the reader at most
    :data:`_FINISH_SECONDS` (a pager the user is reading does not take it), and
    less if a signal comes again half a second or more after the first (another
    Ctrl-C; ``timeout`` sends its signal twice at once); a reader that has gone
    is no error here. Anything but a pipe is written as before.
    """
    sink.flush()  # what was written before goes first
    fd = _pipe_descriptor(sink)
    if fd is None:
        sink.write(data)
        return
    # Noted, not raised, while the bytes go (signals_after), with when each came.
    with signals_after() as noted:
        view = memoryview(data)
        done = _write_until(fd, view, 0, len(view), lambda: bool(noted))
        if noted and done and data[done - 1] != ord("\n"):
            end = data.find(b"\n", done)
            again = noted[0][1] + _AGAIN_SECONDS
            deadline = noted[0][1] + _FINISH_SECONDS
            with contextlib.suppress(BrokenPipeError):
                _write_until(
                    fd,
                    view,
                    done,
                    len(data) if end < 0 else end + 1,
                    lambda: noted[-1][1] >= again or time.monotonic() >= deadline,
                )


def _pipe_descriptor(sink: BinaryIO) -> int | None:
    """The descriptor under ``sink`` if it is a pipe this thread may note signals for."""
    if sys.platform == "win32" or threading.current_thread() is not threading.main_thread():
        return None
    try:
        fd = sink.fileno()
        return fd if stat.S_ISFIFO(os.fstat(fd).st_mode) else None
    except (AttributeError, OSError, ValueError):  # no descriptor (a test's BytesIO)
        return None


def _write_until(fd: int, view: memoryview, done: int, end: int, stop: Callable[[], bool]) -> int:
    """Write ``view[done:end]`` to ``fd`` until ``stop()``; how far it got."""
    while done < end and not stop():
        if not select.select([], [fd], [], 0.1)[1]:  # a full pipe: wait, noting signals
            continue
        done += os.write(fd, view[done:end])
    return done
