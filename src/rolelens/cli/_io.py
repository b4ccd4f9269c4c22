"""Reading and writing files for the command line: atomic output, clear errors."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
from collections.abc import Iterator, Mapping
from typing import TextIO

from rolelens._reading import MAX_INPUT_BYTES, decode, read_limited, read_text
from rolelens._serialization import atomic_text_file

__all__ = [
    "MAX_INPUT_BYTES",
    "Interrupted",
    "atomic_output",
    "decode",
    "output_overwrites_input",
    "read_limited",
    "read_text",
]


class Interrupted(KeyboardInterrupt):
    """Ctrl-C that a command has already explained to the user on stderr."""


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


@contextlib.contextmanager
def atomic_output(path: str | None, *, can_name_file: bool = True) -> Iterator[TextIO]:
    """Yield a text stream for ``path`` (stdout when ``None`` or ``-``).

    ``can_name_file`` is false for a command with no ``-o`` (``demo``): the error
    for a closed stdout then does not suggest one.

    A file is written to a temporary sibling and renamed into place only when
    the block finishes without an exception, so a failed or interrupted run
    never leaves a half-written output behind (see
    ``rolelens._serialization.atomic_text_file``).
    """
    if path is None or path == "-":
        if sys.stdout is None:  # started with stdout closed (`>&-`)
            hint = "; name a file with -o" if can_name_file else ""
            raise OSError(errno.EBADF, f"standard output is closed{hint}")
        yield sys.stdout
        sys.stdout.flush()
        return
    # backslashreplace: a lone surrogate from the input is written as an escape, not lost
    with atomic_text_file(path, errors="backslashreplace", newline="") as stream:
        yield stream
