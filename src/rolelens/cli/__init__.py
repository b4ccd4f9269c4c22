"""The ``rolelens`` command line.

Each sub-command lives in its own module here, exposing
``add_parser(subparsers) -> argparse.ArgumentParser`` that sets
``func=run`` as the parser default; ``run(args) -> int`` returns the exit
code. A user's mistake (a :class:`~rolelens.errors.RoleLensError`, a file
that cannot be read) prints one line on stderr and exits 2, never a
traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import importlib
import os
import re
import signal
import sys
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from types import FrameType
from typing import TYPE_CHECKING

from rolelens._display import cut_text, escape_controls
from rolelens._serialization import output_in_place
from rolelens._version import __version__
from rolelens.cli._io import Interrupted, Terminated, stop_words, whole_stdout_writes
from rolelens.errors import RoleLensError

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

__all__ = ["main"]

#: Sub-command modules, in the order ``--help`` lists them.
COMMANDS: tuple[str, ...] = (
    "demo",
    "classify",
    "posting",
    "compare",
    "fit",
    "evaluate",
    "decide",
    "reframe",
)

EXIT_OK = 0
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130
# After SIGTERM or SIGHUP (_sigterm_unwinds), 128 + the signal's number, as a shell
# reports a process the signal ended: 143 and 129.


def version_line() -> str:
    """``rolelens 0.1.0 (C extension)``: the version, and which matching code runs.

    An install without a C compiler falls back to pure Python (about a tenth of
    the speed) without a word; this is where a user can see it.
    """
    from rolelens._native import why_not

    how = "C extension" if why_not is None else f"pure Python: {why_not}"
    return f"rolelens {__version__} ({how})"


class _Parser(argparse.ArgumentParser):
    """argparse's parser, whose help and version are an output like any other.

    argparse drops any error writing a message: ``rolelens --help > help.txt`` on a
    full disk wrote nothing and exited 0. Written to standard output, help and the
    version now raise as a command's output does (``rolelens: error: ...``, exit 2;
    a reader that left early, ``| head``, is no error). Messages to stderr are as
    before: there is nowhere left to tell of a failure to write them.
    """

    def _check_value(self, action: argparse.Action, value: object) -> None:
        # argparse quotes a value that is no choice whole: a paragraph pasted as
        # --format was one error line as long as it. At most 60 characters now.
        try:
            super()._check_value(action, value)
        except argparse.ArgumentError as exc:
            if isinstance(value, str) and repr(value) in exc.message:
                from rolelens.cli._options import shown_text

                exc.message = exc.message.replace(repr(value), shown_text(value), 1)
            raise

    def _print_message(self, message: str, file: SupportsWrite[str] | None = None) -> None:
        if message and file is None and sys.stdout is None:
            # Help or the version for standard output, started with it closed (`>&-`):
            # argparse wrote it to stderr instead and exited 0, as if it had been shown.
            raise OSError(errno.EBADF, "standard output is closed")
        to_stdout = bool(message) and file is not None and file is sys.stdout
        if to_stdout:
            sys.stdout.write(message)
            sys.stdout.flush()
            return
        super()._print_message(message, file)


def build_parser() -> argparse.ArgumentParser:
    """Return the top-level parser with every sub-command."""
    parser = _Parser(
        prog="rolelens",
        description="Tell Product Manager work from Project Manager work.",
        epilog=(
            "Run 'rolelens COMMAND --help' for a command's options and examples. Exit status: "
            "0 success, 2 a usage error or a problem with a file, 130 interrupted, 143 terminated, "
            "129 hung up (the terminal closed)."
        ),
    )
    parser.add_argument("--version", action="version", version=version_line())
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        module = importlib.import_module(f"rolelens.cli.{name}")
        command = module.add_parser(subparsers)
        # main() names this parser when the command line has arguments it does not know.
        command.set_defaults(command_parser=command)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the process exit code."""
    if sys.stderr is not None:
        return _main(argv)
    # Started with stderr closed (`2>&-`): print(file=None) wrote every message to
    # stdout, into the output (`fit -o -` put "fitted on ..." in the model), and the
    # progress checks' sys.stderr.isatty() crashed `classify -i`. Messages are dropped.
    with open(os.devnull, "w", encoding="utf-8") as nowhere:
        sys.stderr = nowhere
        try:
            return _main(argv)
        finally:
            sys.stderr = None


def _main(argv: Sequence[str] | None) -> int:
    """:func:`main`, with a stream to write messages to in ``sys.stderr``."""
    for stream in (sys.stdout, sys.stderr):
        # Text from the input may hold lone surrogates; never crash on printing it.
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
    terminated: list[int] = []
    try:
        with _sigterm_unwinds(terminated), whole_stdout_writes():
            # Building the parser imports every command's module (a fifth of a second):
            # Ctrl-C then is an interruption like any other, not a traceback.
            code: int = _parse_and_run(argv)
    except RoleLensError as exc:
        return fail(_describe_error(exc))
    except BrokenPipeError:
        # The reader (e.g. `| head`) left early: not an error. Point stdout at
        # /dev/null so the interpreter's final flush does not complain.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except OSError as exc:
        return fail(_describe_os_error(exc))
    except MemoryError:
        # An endless line (-i /dev/zero) or a huge input; unwinding has freed it again.
        return fail("out of memory: an input (or one line of it) is too large to hold")
    except KeyboardInterrupt as exc:
        words = stop_words(Terminated(terminated[0]) if terminated else exc)
        written = output_in_place(exc)
        if written is not None:
            # Held back until -o FILE was whole and in place (the fsync of a large one
            # takes seconds): the run had done its work, and nothing was lost.
            say(f"{words[0]} after the output was complete: {written} is written in full")
            return EXIT_OK
        if not isinstance(exc, Interrupted):
            say(words[0])
        return 128 + terminated[0] if terminated else EXIT_INTERRUPTED
    return code


#: The signals that unwind a run as Ctrl-C does (see :func:`_sigterm_unwinds`).
_UNWINDING = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


@contextmanager
def _sigterm_unwinds(terminated: list[int]) -> Iterator[None]:
    """Within the block, SIGTERM (``kill``, ``timeout``) and SIGHUP (the terminal
    closed, an SSH connection lost) unwind the run as Ctrl-C does.

    Python's default for either ends the process where it stands: the
    temporary file behind ``-o FILE`` (``.FILE.xxxx.tmp``) was left beside it.
    Raised as a :class:`~rolelens.cli._io.Terminated` (a :class:`KeyboardInterrupt`),
    it is removed as after Ctrl-C; ``terminated`` gets the signal's number, so
    that :func:`main` says "terminated" (or "hung up") and exits 128 + the number
    (143, 129), and a command's own message says so too. A second such signal,
    or one to a worker forked meanwhile, ends the process at once. Only the main
    thread can set a handler, and one already set (by a program running
    :func:`main`, or ``nohup``'s ignoring SIGHUP) is left alone.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught = [signum for signum in _UNWINDING if signal.getsignal(signum) is signal.SIG_DFL]
    owner = os.getpid()

    def handler(signum: int, frame: FrameType | None) -> None:
        for each in caught:  # a second one ends the process
            signal.signal(each, signal.SIG_DFL)
        if os.getpid() != owner:  # a forked worker inherited this handler
            os.kill(os.getpid(), signum)
            return
        terminated.append(signum)
        raise Terminated(signum)

    for signum in caught:
        signal.signal(signum, handler)
    try:
        yield
    finally:
        for signum in caught:
            signal.signal(signum, signal.SIG_DFL)


def _parse_and_run(argv: Sequence[str] | None) -> int:
    """Parse ``argv`` and run its command; the exit code."""
    parser = build_parser()
    args, unknown = parser.parse_known_args(argv)
    if unknown:
        # parse_args would report these with the top-level usage, not the command's;
        # the command's is right unless one came before the command's name.
        command_parser: argparse.ArgumentParser = getattr(args, "command_parser", parser)
        words = list(sys.argv[1:] if argv is None else argv)
        start = words.index(args.command) if args.command in words else len(words)
        if any(word in words[:start] for word in unknown):
            command_parser = parser
        shown = " ".join(cut_text(word, _SHOWN_WORD) for word in unknown)
        command_parser.error(f"unrecognized arguments: {shown}")
    func = getattr(args, "func", None)
    if func is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    code: int = func(args)
    return code


#: The most characters of a word of the command line an error quotes.
_SHOWN_WORD = 60


# Every line break (and the white space around it) becomes one space.
_LINE_BREAKS = re.compile(r"\s*[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]+\s*")


def fail(message: str) -> int:
    """Print ``message`` as one error line on stderr and return the usage exit code."""
    say(f"error: {message}")
    return EXIT_USAGE


def say(message: str) -> None:
    """Print ``rolelens: message`` as one line on stderr, as the user can read it safely."""
    # One line, but otherwise as it is: a path with two spaces keeps both, and an
    # escape sequence in a file name is shown, not sent to the terminal.
    one_line = escape_controls(_LINE_BREAKS.sub(" ", message.strip()))
    # stderr's reader has left (`2>&1 | head -1`) or its disk is full: the message is
    # lost, but nothing else is. Raised, a broken pipe here was taken for stdout's (exit
    # 0, and a run with notes to make stopped unwritten), and an error's own error ended
    # in a traceback with exit 1.
    with contextlib.suppress(OSError):
        print(f"rolelens: {one_line}", file=sys.stderr)


def _describe_error(exc: RoleLensError) -> str:
    """``str(exc)``, but a file name too long to open cut as :func:`_describe_os_error`
    cuts it: a paragraph given as ``--model`` was repeated whole."""
    path = getattr(exc, "path", None)
    cause = exc.__cause__
    message = str(exc)
    if isinstance(path, str) and isinstance(cause, OSError) and cause.errno == errno.ENAMETOOLONG:
        return message.replace(path, cut_text(path, _SHOWN_WORD), 1)
    return message


def _describe_os_error(exc: OSError) -> str:
    reason = exc.strerror or exc.__class__.__name__
    if not exc.filename:
        return reason
    name = str(exc.filename)
    if exc.errno == errno.ENAMETOOLONG:  # a paragraph given for a file: not repeated whole
        name = cut_text(name, _SHOWN_WORD)
    return f"{name}: {reason}"
