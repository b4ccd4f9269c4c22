"""Reading and writing files for the command line: atomic output, clear errors."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import BinaryIO, TextIO

from rolelens._serialization import (
    atomic_text_file,
    bom_encoding,
    check_path,
    read_at_most,
    stdin_bytes,
    unmarked_wide_problem,
)
from rolelens.errors import InputError

__all__ = [
    "Interrupted",
    "atomic_output",
    "output_overwrites_input",
    "read_limited",
    "read_text",
]


class Interrupted(KeyboardInterrupt):
    """Ctrl-C that a command has already explained to the user on stderr."""


MAX_INPUT_BYTES = 512 * 1024 * 1024


def read_text(path: str) -> str:
    """Read a whole text file (or stdin for ``-``) as UTF-8, with errors a user can act on.

    A UTF-8, UTF-16 or UTF-32 byte-order mark is honoured; UTF-16 or UTF-32 text
    without one, and any other undecodable byte, raise :class:`InputError` naming
    the file (and the line, for a byte).
    """
    if path == "-":
        return decode(read_limited(stdin_bytes(), "<stdin>"), "<stdin>")
    check_path(path, InputError)
    p = Path(path)
    if p.is_dir():
        raise InputError("is a directory, expected a file", path=path)
    try:
        size = p.stat().st_size
        if size > MAX_INPUT_BYTES:
            raise InputError(f"file is larger than {MAX_INPUT_BYTES} bytes", path=path)
        with p.open("rb") as source:
            data = read_limited(source, path)
    except OSError as exc:
        raise InputError(exc.strerror or "cannot read", path=path) from exc
    return decode(data, path)


def read_limited(source: BinaryIO, name: str) -> bytes:
    """All of ``source``, or :class:`InputError` once it passes MAX_INPUT_BYTES (a
    device or pipe has no size to check first)."""
    data = read_at_most(source, MAX_INPUT_BYTES)
    if data is None:
        raise InputError(f"holds more than {MAX_INPUT_BYTES} bytes", path=name)
    return data


def decode(data: bytes, name: str) -> str:
    """Decode ``data`` as UTF-8 (BOM-aware; UTF-16 or UTF-32 when it starts with their BOM).

    UTF-16 or UTF-32 without a BOM is refused (see ``unmarked_wide_problem``): it
    decodes as UTF-8 with NULs between the characters, which nothing would match.
    """
    encoding = bom_encoding(data)
    if encoding is not None:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError as exc:
            raise InputError(f"invalid {encoding.upper()}: {exc.reason}", path=name) from exc
    problem = unmarked_wide_problem(data)
    if problem is not None:
        raise InputError(problem, path=name)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x}); re-save the file as UTF-8",
            path=name,
            line=line,
        ) from exc


def output_overwrites_input(output: str | None, inputs: Mapping[str, str | None]) -> str | None:
    """The error message when ``-o output`` names one of ``inputs``' files, else ``None``.

    ``inputs`` maps how the user named each input (``"-i"``, ``"--model"``) to
    its path. The atomic write would replace that input with this command's
    output, so the command must refuse before it starts. Links and other
    spellings of the same file count; a file that does not exist yet does not,
    nor does anything but a regular file: a device, a pipe or a terminal is
    written in place, never replaced (``-i /dev/stdin -o /dev/stdout``).
    """
    if output is None or output == "-":
        return None
    for option, path in inputs.items():
        if path is None or path == "-":
            continue
        try:
            same = os.path.samefile(path, output) and stat.S_ISREG(os.stat(output).st_mode)
        except (OSError, ValueError):  # either is missing (or has a NUL): not the same file
            continue
        if same:
            return f"-o {output}: is the {option} file; name another output file"
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
