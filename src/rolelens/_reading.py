"""Reading a whole input file as text, with errors a user can act on.

The command line and :func:`rolelens.examples.read_examples` read through
here, so a library function does not depend on the command line's modules.
"""

from __future__ import annotations

import codecs
import re
import warnings
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

__all__ = [
    "MAX_INPUT_BYTES",
    "declared_charset",
    "decode",
    "read_file",
    "read_limited",
    "read_text",
]

#: The most bytes of one input read whole (a posting, a scenario, labeled statements).
MAX_INPUT_BYTES = 512 * 1024 * 1024


def read_text(path: str, *, max_bytes: int | None = None) -> str:
    """Read a whole text file (or stdin for ``-``) as UTF-8, with errors a user can act on.

    A UTF-8, UTF-16 or UTF-32 byte-order mark is honoured; UTF-16 or UTF-32 text
    without one, and any other undecodable byte, raise :class:`InputError` naming
    the file (and the line, for a byte), as does more than ``max_bytes`` (by
    default :data:`MAX_INPUT_BYTES`).
    """
    if path == "-":
        return decode(read_limited(stdin_bytes(), "<stdin>", max_bytes=max_bytes), "<stdin>")
    return read_file(path, max_bytes=max_bytes)


def read_file(path: str, *, max_bytes: int | None = None) -> str:
    """:func:`read_text` of the file ``path`` names, ``-`` included (a file called "-")."""
    check_path(path, InputError)
    max_bytes = MAX_INPUT_BYTES if max_bytes is None else max_bytes
    p = Path(path)
    if p.is_dir():
        raise InputError("is a directory, expected a file", path=path)
    try:
        size = p.stat().st_size
        if size > max_bytes:
            raise InputError(f"file is larger than {max_bytes} bytes", path=path)
        with p.open("rb") as source:
            data = read_limited(source, path, max_bytes=max_bytes)
    except OSError as exc:
        raise InputError(exc.strerror or "cannot read", path=path) from exc
    return decode(data, path)


def read_limited(source: BinaryIO, name: str, *, max_bytes: int | None = None) -> bytes:
    """All of ``source``, or :class:`InputError` once it passes ``max_bytes`` (by default
    :data:`MAX_INPUT_BYTES`; a device or pipe has no size to check first)."""
    max_bytes = MAX_INPUT_BYTES if max_bytes is None else max_bytes
    data = read_at_most(source, max_bytes)
    if data is None:
        raise InputError(f"holds more than {max_bytes} bytes", path=name)
    return data


def decode(data: bytes, name: str) -> str:
    """Decode ``data`` as UTF-8 (BOM-aware; UTF-16 or UTF-32 when it starts with their BOM).

    UTF-16 or UTF-32 without a BOM is refused (see ``unmarked_wide_problem``): it
    decodes as UTF-8 with NULs between the characters, which nothing would match.
    Bytes that are not UTF-8 are decoded with the charset an HTML ``<meta>`` tag
    declares near the start, if any (see :func:`declared_charset`).
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
        error = exc
    # A saved web page may be in the legacy encoding its <meta> tag names, as older
    # sites' pages often are; a browser reads it so, and so does this.
    declared = None if data.startswith(codecs.BOM_UTF8) else declared_charset(data)
    if declared is not None:
        try:
            return data.decode(declared)
        except UnicodeDecodeError as exc:
            line = data.count(b"\n", 0, exc.start) + 1
            raise InputError(
                f"not valid {declared} (byte 0x{data[exc.start]:02x}), the encoding its "
                "<meta> tag declares; re-save the file as UTF-8",
                path=name,
                line=line,
            ) from exc
    line = data.count(b"\n", 0, start) + 1
    raise InputError(
        f"not valid UTF-8 (byte 0x{data[start]:02x}); re-save the file as UTF-8",
        path=name,
        line=line,
    ) from error


# Where browsers look for the declaration (the HTML standard's prescan reads 1024 bytes).
_PRESCAN = 1024
_META_CHARSET = re.compile(
    rb"<meta\b[^>]{0,512}?\bcharset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]{1,40})", re.I
)
# The HTML standard reads these labels as windows-1252, a superset that gives the
# bytes 0x80-0x9f (curly quotes, dashes) their meaning on such pages.
_AS_WINDOWS_1252 = frozenset({"latin1", "iso8859-1", "ascii", "cp1252"})
# Printable ASCII, and what some codecs read otherwise: escapes, UTF-7's "+...-" and
# HZ's "~{". Every charset a page may declare reads these bytes as ASCII.
_ASCII_SAMPLE = bytes(range(32, 127)) + b"\t\n\r\\n\\u0041+AD4-~{~}"


def _reads_ascii(codec: str) -> bool:
    """Whether ``codec`` decodes ASCII as ASCII, as a web page's charset does: "hex",
    "base64", "rot13" and "zlib" are no text encodings (bytes.decode raised
    ``LookupError``), "undefined" decodes nothing, and "unicode_escape" or "utf-7"
    would read a page's backslashes and plus signs as escapes."""
    with warnings.catch_warnings():  # "invalid escape sequence" from unicode_escape
        warnings.simplefilter("ignore")
        try:
            return _ASCII_SAMPLE.decode(codec) == _ASCII_SAMPLE.decode("ascii")
        except (LookupError, UnicodeError, ValueError):
            return False


def declared_charset(data: bytes) -> str | None:
    """The Python codec for the charset an HTML ``<meta>`` tag in the first bytes of
    ``data`` declares, or ``None`` when there is none, it is unknown, it is UTF-8
    (whose failure the caller reports as such), or it names a codec that reads
    ASCII otherwise, so no charset (``"hex"``, ``"base64"``, ``"utf-7"``).

    >>> declared_charset(b'<html><head><meta charset="ISO-8859-1">')
    'cp1252'
    >>> declared_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=koi8-r">')
    'koi8-r'
    >>> declared_charset(b'<meta charset="utf-8">') is None
    True
    """
    found = _META_CHARSET.search(data, 0, _PRESCAN)
    if found is None:
        return None
    try:
        name = codecs.lookup(found[1].decode("ascii")).name
    except LookupError:
        return None
    if name in _AS_WINDOWS_1252:
        return "cp1252"
    if name.startswith(("utf-8", "utf-16", "utf-32")):
        # A wide declaration on ASCII-compatible bytes is wrong: the standard reads UTF-8.
        return None
    return name if _reads_ascii(name) else None
