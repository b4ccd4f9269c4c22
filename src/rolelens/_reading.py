"""Reading a whole input file as text, with errors a user can act on.

The command line and :func:`rolelens.examples.read_examples` read through
here, so a library function does not depend on the command line's modules.
"""

from __future__ import annotations

import codecs
from pathlib import Path
from typing import BinaryIO

from rolelens._serialization import (
    bom_encoding,
    check_path,
    read_at_most,
    stdin_bytes,
    unmarked_wide_problem,
)
from rolelens.errors import InputError

__all__ = ["MAX_INPUT_BYTES", "decode", "read_file", "read_limited", "read_text"]

#: The most bytes of one input read whole (a posting, a scenario, labeled statements).
MAX_INPUT_BYTES = 512 * 1024 * 1024


def read_text(path: str) -> str:
    """Read a whole text file (or stdin for ``-``) as UTF-8, with errors a user can act on.

    A UTF-8, UTF-16 or UTF-32 byte-order mark is honoured; UTF-16 or UTF-32 text
    without one, and any other undecodable byte, raise :class:`InputError` naming
    the file (and the line, for a byte).
    """
    if path == "-":
        return decode(read_limited(stdin_bytes(), "<stdin>"), "<stdin>")
    return read_file(path)


def read_file(path: str) -> str:
    """:func:`read_text` of the file ``path`` names, ``-`` included (a file called "-")."""
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
    # The mark comes off here, not in a "utf-8-sig" decode, whose error offsets count
    # from after the mark: the byte and the line named were the wrong ones.
    text = data.removeprefix(codecs.BOM_UTF8)
    try:
        return text.decode("utf-8")
    except UnicodeDecodeError as exc:
        start = exc.start + len(data) - len(text)
        line = data.count(b"\n", 0, start) + 1
        raise InputError(
            f"not valid UTF-8 (byte 0x{data[start]:02x}); re-save the file as UTF-8",
            path=name,
            line=line,
        ) from exc
