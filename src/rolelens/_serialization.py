"""The one cattrs converter every rolelens model goes through, and safe file readers.

Models know nothing about JSON or TOML; this module turns plain data into
models and back. Structuring is strict: unknown keys are errors, a string is
never silently turned into a number (or the reverse), and every failure
becomes a :class:`~rolelens.errors.DataFileError` subclass whose message
reads ``what @ where`` for each problem found, with the first problem's
entry and field also kept as attributes.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import difflib
import enum
import errno
import io
import json
import os
import re
import signal
import stat
import sys
import tempfile
import threading
import time
import tomllib
import typing
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, BinaryIO, Literal, TextIO, TypeVar

import attrs
import cattrs
from cattrs.cols import homogenous_tuple_structure_factory, list_structure_factory
from cattrs.errors import ClassValidationError, ForbiddenExtraKeysError, IterableValidationError
from cattrs.v import transform_error

from rolelens.errors import DataFileError, InputError

__all__ = [
    "FORMULA_TRIGGERS",
    "MAX_CSV_FIELD",
    "MAX_DATA_FILE_BYTES",
    "MAX_TOML_KEY_PARTS",
    "STOP_SIGNALS",
    "WIDE_HEAD_BYTES",
    "bom_encoding",
    "check_path",
    "converter",
    "csv_line",
    "csv_open_quote",
    "csv_row_too_long",
    "json_document_problem",
    "new_file_mode",
    "next_csv_row",
    "other_delimiter",
    "output_in_place",
    "path_name",
    "read_at_most",
    "read_data_file",
    "register_enum",
    "schema_object",
    "shown_names",
    "signals_after",
    "spreadsheet_safe_text",
    "structure",
    "unique_keys",
    "unmarked_wide_problem",
    "unstructure",
    "value_problem",
]

T = TypeVar("T")

#: User-supplied data files (catalog, lexicon, rules, models) larger than this are refused.
MAX_DATA_FILE_BYTES = 64 * 1024 * 1024

converter = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)


def _strict(kind: type[Any], name: str) -> Any:
    def hook(value: Any, _type: Any) -> Any:
        # A class hook also receives subclasses, e.g. str-based enums.
        if _type is not kind and _is_enum(_type):
            return _enum_hook_factory(_type)(value, _type)
        # bool is an int subclass; a JSON true must not pass as a number.
        if isinstance(value, bool) and kind is not bool:
            raise TypeError(f"expected {name}, got a boolean")
        if kind is float and isinstance(value, int):
            try:
                return float(value)
            except OverflowError:  # its message names no number: "int too large to convert"
                raise ValueError("the number is too large") from None
        if not isinstance(value, kind):
            raise TypeError(f"expected {name}, got {type(value).__name__} {value!r:.40}")
        return value

    return hook


for _kind, _name in (
    (str, "a string"),
    (int, "an integer"),
    (float, "a number"),
    (bool, "true or false"),
):
    converter.register_structure_hook(_kind, _strict(_kind, _name))


def _is_guarded_sequence(kind: Any) -> bool:
    origin = typing.get_origin(kind)
    args = typing.get_args(kind)
    return origin is list or (origin is tuple and len(args) == 2 and args[1] is Ellipsis)


def _sequence_hook_factory(kind: Any, conv: cattrs.Converter) -> Any:
    # cattrs would happily iterate a string into a tuple of its characters.
    if typing.get_origin(kind) is list:
        default = list_structure_factory(kind, conv)
    else:
        default = homogenous_tuple_structure_factory(kind, conv)

    def hook(value: Any, _type: Any) -> Any:
        if not isinstance(value, list | tuple):
            raise TypeError(f"expected a list, got {type(value).__name__} {value!r:.40}")
        return default(value, _type)

    return hook


converter.register_structure_hook_factory(_is_guarded_sequence, _sequence_hook_factory)


def _is_enum(kind: Any) -> bool:
    return isinstance(kind, type) and issubclass(kind, enum.Enum)


def _enum_hook_factory(kind: Any) -> Any:
    # Without this, str-based enums would be caught by the strict str hook above.
    allowed = ", ".join(repr(member.value) for member in kind)

    def hook(value: Any, _type: Any) -> Any:
        if isinstance(value, kind):
            return value
        try:
            return kind(value)
        except ValueError:
            raise ValueError(f"{value!r} is not one of {allowed}") from None

    return hook


converter.register_structure_hook_factory(_is_enum, _enum_hook_factory)


def _table_hook_factory(kind: Any, conv: cattrs.Converter) -> Any:
    # cattrs' own code for a class meets a non-table with "argument of type
    # 'NoneType' is not iterable" (null where a cue or a role belongs) or an
    # AttributeError about .keys(), neither of which says a table was expected.
    default = conv.gen_structure_attrs_fromdict(kind)

    def hook(value: Any, _type: Any) -> Any:
        if not isinstance(value, Mapping):
            raise TypeError(f"expected a table (mapping), got {type(value).__name__} {value!r:.40}")
        return default(value, _type)

    return hook


converter.register_structure_hook_factory(attrs.has, _table_hook_factory)
converter.register_unstructure_hook_func(_is_enum, lambda member: member.value)


def register_enum(kind: type[enum.Enum]) -> None:
    """Structure ``kind`` strictly from its string value; unstructure it to that string.

    For enums that subclass ``str``: a class hook is needed because the
    strict ``str`` hook would otherwise also claim them, and the value (not
    the member) should come out so exports compare equal to plain data.
    """
    allowed = ", ".join(repr(member.value) for member in kind)

    def structure_hook(value: Any, _type: Any) -> Any:
        if not isinstance(value, str):
            raise TypeError(f"expected one of {allowed}, got {type(value).__name__} {value!r:.40}")
        try:
            return kind(value)
        except ValueError:
            raise ValueError(f"expected one of {allowed}, got {value!r:.40}") from None

    converter.register_structure_hook(kind, structure_hook)
    converter.register_unstructure_hook(kind, lambda member: member.value)


def unstructure(value: Any) -> Any:
    """Return plain data (dicts, lists, strings, numbers) for a model value."""
    return converter.unstructure(value)


#: The most unknown keys one message names, and the most characters shown of each.
_UNKNOWN_SHOWN = 8
_KEY_CHARS = 60


def unknown_fields(unknown: Iterable[object], known: Iterable[str]) -> str:
    """``unknown field(s): rule (did you mean 'rules'?)``: a near miss is named.

    The message is one line of bounded length whatever the keys: at most
    eight are named (then how many more), each cut to 60 characters (``...``
    shows the cut), and a character that is not printable (a newline, ESC,
    a bidirectional override) is written as its escape, as ``repr`` would.
    """
    choices = list(known)
    keys = sorted(map(str, unknown))
    names = []
    for name in keys[:_UNKNOWN_SHOWN]:
        # A key far longer than every known one is no near miss; do not compare megabytes.
        close = difflib.get_close_matches(name[: 2 * _KEY_CHARS], choices, n=1, cutoff=0.75)
        shown = _printable(name[:_KEY_CHARS]) + ("..." if len(name) > _KEY_CHARS else "")
        names.append(f"{shown} (did you mean {close[0]!r}?)" if close else shown)
    more = len(keys) - _UNKNOWN_SHOWN
    return f"unknown field(s): {', '.join(names)}" + (f" (and {more} more)" if more > 0 else "")


def shown_names(names: Sequence[str], *, most: int = 10) -> str:
    """``'id', 'text'``: ``names`` for an error message, in a line of bounded length.

    At most ``most`` are shown (then ``, ...``), each as its ``repr`` of 60
    characters at most (``...`` after the closing quote shows the cut);
    ``none`` for no names.

    >>> shown_names(["id", "x" * 70], most=1)
    "'id', ..."
    >>> shown_names(["x" * 70])[-8:], shown_names([])
    ("xxxx'...", 'none')
    """
    shown = ", ".join(
        repr(name[:_KEY_CHARS]) + ("..." if len(name) > _KEY_CHARS else "") for name in names[:most]
    )
    return (shown or "none") + (", ..." if len(names) > most else "")


def other_delimiter(header: Sequence[str]) -> str:
    """What to say when a CSV ``header`` of one cell is separated by something else.

    Only comma-separated CSV is read: ``id;text`` is one column, and the error
    for the missing ``text`` column showed it without saying why. Empty when
    the header has more than one column or holds no semicolon, tab or bar.

    >>> other_delimiter(["id;text"])
    '; it is semicolon-separated: save it comma-separated'
    >>> other_delimiter(["id", "text"])
    ''
    """
    if len(header) != 1:
        return ""
    for mark, name in ((";", "semicolon"), ("\t", "tab"), ("|", "bar")):
        if mark in header[0]:
            return f"; it is {name}-separated: save it comma-separated"
    return ""


def _printable(text: str) -> str:
    """``text`` with each character ``str.isprintable`` refuses written as its escape."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def _describe(exc: BaseException, _type: type | None) -> str:
    if isinstance(exc, KeyError):
        return "required field missing"
    if isinstance(exc, ForbiddenExtraKeysError):
        known = [a.alias or a.name for a in attrs.fields(exc.cl)] if attrs.has(exc.cl) else []
        return unknown_fields(exc.extra_fields, known)
    if isinstance(exc, TypeError | ValueError):
        return str(exc) or exc.__class__.__name__
    if isinstance(exc, AttributeError):
        return "expected a table (mapping) here"
    return f"{exc.__class__.__name__}: {exc}"


_PATH_PART = re.compile(r"\.([A-Za-z_][A-Za-z0-9_]*)|\[([^\]]*)\]")


def _split_location(location: str) -> tuple[str | None, str | None]:
    """``$.roles[1].name`` -> (``roles[1]``, ``name``); ``$.version`` -> (None, ``version``)."""
    parts: list[str] = []
    for match in _PATH_PART.finditer(location):
        if match.group(1) is not None:
            parts.append(match.group(1))
        elif parts:
            parts[-1] += f"[{match.group(2)}]"
        else:
            parts.append(f"[{match.group(2)}]")
    if not parts:
        return None, None
    if len(parts) == 1:
        return None, parts[0]
    return ".".join(parts[:-1]), parts[-1]


def structure(
    data: Any,
    cls: type[T],
    *,
    error: type[DataFileError] = DataFileError,
    path: str | None = None,
) -> T:
    """Build ``cls`` from plain ``data`` or raise ``error`` naming entry and field."""
    try:
        return converter.structure(data, cls)
    except (ClassValidationError, IterableValidationError) as exc:
        lines = transform_error(exc, format_exception=_describe)
        first_what, _, first_where = lines[0].partition(" @ ")
        entry, field = _split_location(first_where)
        problem = first_what
        if len(lines) > 1:
            problem += f" (and {len(lines) - 1} more: " + "; ".join(lines[1:4]) + ")"
        raise error(problem, path=path, entry=entry, field=field) from exc
    except (TypeError, ValueError, KeyError, AttributeError) as exc:
        # e.g. a list where a table belongs: cattrs calls .get() on it
        raise error(_describe(exc, None), path=path) from exc


def path_name(path: object) -> str:
    """``path`` (a ``str`` or an ``os.PathLike`` naming text) as a ``str``; else ``TypeError``.

    ``str()`` alone takes anything: ``None`` would name a file "None", and
    ``b"model.json"`` one called "b'model.json'".
    """
    if isinstance(path, str):
        return path
    if isinstance(path, os.PathLike):
        name = os.fspath(path)
        if isinstance(name, str):
            return name
    raise TypeError(f"path must be a str or os.PathLike, got {type(path).__name__}")


def stdin_bytes() -> BinaryIO:
    """Standard input as bytes, for a path of ``-``; ``InputError`` when it is closed
    (started with ``<&-``, which leaves ``sys.stdin`` ``None``), a directory, or open
    for writing only (``0> file``).

    The read itself failed with the system's words alone ("Is a directory", "Bad
    file descriptor"), which named no file: the message now says it is standard input.
    """
    if sys.stdin is None:
        raise InputError("standard input is closed; name a file instead of '-'")
    try:
        fd = sys.stdin.fileno()
    except (OSError, ValueError, AttributeError):  # replaced by a stream of no descriptor
        return sys.stdin.buffer
    try:
        mode = os.fstat(fd).st_mode
    except OSError:
        raise InputError("standard input is closed; name a file instead of '-'") from None
    if stat.S_ISDIR(mode):
        raise InputError("standard input is a directory, expected a file")
    access = _access_mode(fd)
    if access is not None and access == os.O_WRONLY:
        raise InputError("standard input is open for writing only; name a file instead of '-'")
    return sys.stdin.buffer


def _access_mode(fd: int) -> int | None:
    """The access mode (``os.O_RDONLY``, ``O_WRONLY``, ``O_RDWR``) ``fd`` is open with;
    ``None`` where it cannot be told (Windows)."""
    try:
        import fcntl
    except ImportError:
        return None
    try:
        return fcntl.fcntl(fd, fcntl.F_GETFL) & os.O_ACCMODE
    except OSError:
        return None


def check_path(name: str, error: Callable[..., Exception]) -> None:
    """Raise ``error`` when ``name`` can name no file: ``Path("")`` is the current
    directory ("is a directory" misleads), and a NUL makes os calls raise a bare
    ``ValueError``. A NUL path is shown as its ``repr``."""
    if not name:
        raise error("the path is empty", path=name)
    if "\0" in name:
        raise error("a file name cannot contain a NUL character", path=repr(name))


def read_data_file(
    path: str | Path,
    *,
    error: type[DataFileError] = DataFileError,
    max_bytes: int = MAX_DATA_FILE_BYTES,
    toml: bool | None = None,
) -> Any:
    """Read a TOML or JSON file as plain data.

    ``toml`` ``None`` reads a ``.toml`` file as TOML and anything else as
    JSON (the error for a file that is not valid JSON then says so, unless
    its name ends in ``.json``, and the error for a ``.toml`` file that opens
    with ``{`` says it looks like JSON); ``True`` or ``False`` settles it whatever
    the name. Every failure
    (unreadable path, directory, too large, not UTF-8 or UTF-16/32 without
    a byte-order mark, not valid TOML/JSON)
    raises ``error`` naming the file; a ``path`` neither ``str`` nor
    ``os.PathLike`` raises ``TypeError``. Nothing in the file is ever
    executed.
    """
    name = path_name(path)
    check_path(name, error)
    p = Path(path)
    try:
        if p.is_dir():
            raise error("is a directory, expected a file", path=name)
        size = p.stat().st_size
        if size > max_bytes:
            raise error(f"file is {size} bytes, over the {max_bytes}-byte limit", path=name)
        with p.open("rb") as source:
            raw = read_at_most(source, max_bytes)
    except OSError as exc:
        raise error(exc.strerror or "cannot read file", path=name) from exc
    if raw is None:
        raise error(f"holds more than the {max_bytes}-byte limit", path=name)
    problem = unmarked_wide_problem(raw)
    if problem is not None:
        raise error(problem, path=name)
    try:
        text = raw.decode(bom_encoding(raw) or "utf-8-sig")
    except UnicodeDecodeError as exc:
        raise error(
            "not valid UTF-8 (or UTF-16 or UTF-32 with a byte-order mark) text", path=name
        ) from exc
    return parse_file_text(text, path=name, toml=toml, error=error)


def parse_file_text(
    text: str,
    *,
    path: str,
    toml: bool | None = None,
    error: type[DataFileError] = DataFileError,
) -> Any:
    """Parse ``text``, read from the file ``path``, as :func:`read_data_file` parses it.

    ``toml`` ``None`` chooses by the name: TOML for ``.toml``, else JSON, and the
    error says why when that guess is the likely mistake (TOML in a file not named
    ``.toml``, JSON in a ``.toml`` file); ``True`` or ``False`` settles it.
    """
    if toml is None:
        # The name's ending, not Path.suffix: a file named ".toml" has no suffix, and
        # was read as JSON with an error saying its name did not end in .toml.
        name = Path(path).name.lower()
        toml = name.endswith(".toml")
        if not name.endswith(".json") and not toml:
            # A TOML file named "cues.txt" or "rules" is read as JSON, and "not valid
            # JSON" alone left its writer wondering why JSON.
            try:
                return parse_data_text(text, toml=False, error=error, path=path)
            except DataFileError as exc:
                if not exc.problem.startswith("not valid JSON"):
                    raise
                raise error(
                    f"{exc.problem}; a file whose name does not end in .toml is read as JSON",
                    path=path,
                ) from exc
        elif toml and text.lstrip("\ufeff \t\r\n").startswith("{"):
            # No TOML document opens with "{": this is JSON under a .toml name.
            try:
                return parse_data_text(text, toml=True, error=error, path=path)
            except DataFileError as exc:
                raise error(
                    f"{exc.problem}; it looks like JSON, and a file whose name ends in "
                    ".toml is read as TOML (rename it to .json)",
                    path=path,
                ) from exc
    return parse_data_text(text, toml=toml, error=error, path=path)


# Longest first: a UTF-32-LE mark starts with the UTF-16-LE one, and read as
# UTF-16 that text would hold a NUL after every character (and classify as nothing).
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def bom_encoding(head: bytes) -> str | None:
    """``"utf-32"`` or ``"utf-16"`` when ``head`` starts with that encoding's
    byte-order mark (the codec reads the mark and drops it), else ``None``.

    >>> bom_encoding("x".encode("utf-32")), bom_encoding("x".encode("utf-16"))
    ('utf-32', 'utf-16')
    """
    for mark, encoding in _BOMS:
        if head.startswith(mark):
            return encoding
    return None


#: The most bytes at the start of an input that :func:`unmarked_wide_problem` looks at.
WIDE_HEAD_BYTES = 4096

# (name, bytes per code unit, byte order): little-endian, then big-endian. UTF-32
# first: ASCII in UTF-32-LE ("A\0\0\0") is also "A\0" then "\0\0" in UTF-16-LE
# units, and must be named UTF-32.
_WIDE_LAYOUTS: tuple[tuple[str, int, Literal["little", "big"]], ...] = (
    ("UTF-32", 4, "little"),
    ("UTF-32", 4, "big"),
    ("UTF-16", 2, "little"),
    ("UTF-16", 2, "big"),
)
# A code unit below this is a character whose wide encoding has a NUL or a control
# byte beside its text byte: in UTF-8 such bytes stand only at line ends.
_NARROW_END = 0x2000


def unmarked_wide_problem(head: bytes) -> str | None:
    """What is wrong with an input whose first bytes are ``head``, when they look like
    UTF-16 or UTF-32 text without a byte-order mark; else ``None`` (with a mark too).

    Such text is often valid UTF-8: every character below U+2000 (Latin, Greek,
    Cyrillic, Hebrew, Arabic, the Indic scripts...) is a byte of text beside
    NULs or control bytes, and read as UTF-8 every statement would classify
    as ``other`` without a word. Only the first :data:`WIDE_HEAD_BYTES` of
    ``head`` are looked at, so a streamed input is not read ahead. They must
    have that shape: more than half of their code units (of two bytes, or
    four) are a character from U+0001 to U+1FFF, and two of those units at
    least hold a NUL byte (a space or an ASCII letter does). UTF-8 text has
    control bytes at line ends and tabs, never at every other byte, so it is
    not taken for this; and as a NUL byte lies in one unit only, a single NUL
    (the character U+0000) never has an input refused. Wide text mostly in CJK
    or other scripts from U+2000 up has few such units and is not caught here
    (it is seldom valid UTF-8, and is refused as that).

    >>> unmarked_wide_problem("Own the roadmap\\n".encode("utf-16-le"))[:36]
    'looks like UTF-16 text without a byt'
    >>> unmarked_wide_problem("Вести дорожную карту\\n".encode("utf-16-le"))[:36]
    'looks like UTF-16 text without a byt'
    >>> unmarked_wide_problem(b"Own the roadmap\\0\\n") is None
    True
    """
    head = head[:WIDE_HEAD_BYTES]
    if b"\0" not in head:  # the usual UTF-8 input: one scan of its first bytes
        return None
    if bom_encoding(head) is not None:  # marked: read in its own encoding
        return None
    for name, width, order in _WIDE_LAYOUTS:
        units = len(head) // width
        narrow = with_nul = 0
        for start in range(0, units * width, width):
            unit = head[start : start + width]
            if 0 < int.from_bytes(unit, order) < _NARROW_END:
                narrow += 1
                with_nul += 0 in unit
        if with_nul >= 2 and 2 * narrow > units:
            return (
                f"looks like {name} text without a byte-order mark (NUL or control bytes "
                "between the characters); re-save the file as UTF-8"
            )
    return None


def read_at_most(source: BinaryIO, limit: int) -> bytes | None:
    """All of ``source``, or ``None`` as soon as it holds more than ``limit`` bytes.

    A size check before reading only covers regular files: a device, a pipe or
    standard input reports no size (``/dev/zero`` never ends), so the reading
    itself stops at the limit. Read in pieces, so a small input costs a small
    buffer.

    A buffered ``source`` (a file opened ``"rb"``, ``sys.stdin.buffer``) that gives
    fewer bytes than asked has met the end: it is not asked again. A terminal's
    end (Ctrl-D) holds for one read only, and asking again waited for a second
    Ctrl-D, so ``rolelens decide -`` typed at a terminal seemed to hang.
    """
    short_is_end = not isinstance(source, io.RawIOBase)  # a raw read may be short anywhere
    pieces: list[bytes] = []
    total = 0
    while piece := source.read(wanted := min(1 << 20, limit + 1 - total)):
        pieces.append(piece)
        total += len(piece)
        if total > limit:
            return None
        if short_is_end and len(piece) < wanted:
            break
    return b"".join(pieces)


#: The most parts a TOML dotted key (``a.b.c`` has three) or table header may have.
#: tomllib's time and memory grow with the square of a key's parts, for each key:
#: one key of 100,000 parts (a 200 KB file) took minutes and more memory than the
#: machine had. rolelens' own files nest three levels at most.
MAX_TOML_KEY_PARTS = 32

_TOML_KEY_PART = r"""[A-Za-z0-9_-]++|"(?:[^"\\\n]|\\.)*+"|'[^'\n]*+'"""
_TOML_NEXT_PART = rf"(?:[ \t]*+\.[ \t]*+(?:{_TOML_KEY_PART}))"  # a dot and one more part
# The scan reads each character a bounded number of times, so it is linear; every
# quantifier is possessive. A match is either a dotted name (a key too deep, named
# "key", or a shorter one, skipped whole so that none of its parts is tried again as
# the start of a key) or a run of everything else: strings and comments, skipped whole
# so that a dotted name inside one is data, and names followed by no dot. A string
# left open is skipped to the end of its line (of the text, for a multi-line one):
# were it no match, the scan would go on one character later and read the rest of the
# line (or text) again from every quote in it, as "\"\"\"... did. Such a file is not
# TOML, and tomllib stops at that string, before any key after it.
_TOML_TOKENS = re.compile(
    r"(?:"
    r'"""(?:[^"\\]|\\[\s\S]?|"(?!""))*+(?:""""{0,2}+)?+'  # multi-line basic string
    r"|'''(?:[^']|'(?!''))*+(?:''''{0,2}+)?+"  # multi-line literal string
    r"|#[^\n]*+"
    r"|[^\"'#A-Za-z0-9_-]++"
    r'|(?:[A-Za-z0-9_-]++|"(?:[^"\\\n]|\\.?)*+"?+|\'[^\'\n]*+\'?+)(?![ \t]*+\.)'  # no dot after
    r")++"
    rf"|(?<![A-Za-z0-9_-])(?:{_TOML_KEY_PART})"
    rf"(?:(?P<key>{_TOML_NEXT_PART}{{{MAX_TOML_KEY_PARTS},}}+)|{_TOML_NEXT_PART}*+)"
)


def _deep_toml_key(text: str) -> int | None:
    """The line of the first dotted key with more than MAX_TOML_KEY_PARTS parts, or ``None``."""
    if text.count(".") < MAX_TOML_KEY_PARTS:  # the usual file: no scan
        return None
    for match in _TOML_TOKENS.finditer(text):
        if match.lastgroup == "key":
            return text.count("\n", 0, match.start()) + 1
    return None


def parse_data_text(
    text: str,
    *,
    toml: bool,
    error: type[DataFileError] = DataFileError,
    path: str | None = None,
) -> Any:
    """Parse TOML or JSON text into plain data, raising ``error`` when it is neither."""
    if toml:
        deep = _deep_toml_key(text)
        if deep is not None:
            raise error(
                f"TOML nested too deeply: a dotted key of more than {MAX_TOML_KEY_PARTS} parts "
                f"(line {deep})",
                path=path,
            )
        try:
            return tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise error(f"not valid TOML: {exc}", path=path) from exc
        except RecursionError as exc:
            raise error("TOML nested too deeply", path=path) from exc
        except ValueError as exc:  # e.g. an integer beyond int_max_str_digits
            raise error(f"not valid TOML: {value_problem(exc)}", path=path) from exc
    try:
        return json.loads(text, object_pairs_hook=unique_keys)
    except json.JSONDecodeError as exc:
        raise error(
            f"not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})", path=path
        ) from exc
    except RecursionError as exc:
        raise error("JSON nested too deeply", path=path) from exc
    except ValueError as exc:  # e.g. an integer beyond int_max_str_digits
        raise error(f"not valid JSON: {value_problem(exc)}", path=path) from exc


_DIGITS = re.compile(r"Exceeds the limit \((\d+) digits\).*value has (\d+) digits")


def value_problem(exc: ValueError) -> str:
    """What a ``ValueError`` from ``json`` or ``tomllib`` says, in a user's words for the
    one Python phrases for programmers: a number over ``sys.get_int_max_str_digits()``.

    >>> value_problem(ValueError("Exceeds the limit (4300 digits) for integer string "
    ...     "conversion: value has 5000 digits; use sys.set_int_max_str_digits() to increase it"))
    'an integer of 5000 digits, over the 4300-digit limit'
    """
    match = _DIGITS.search(str(exc))
    if match is None:
        return str(exc)
    return f"an integer of {match[2]} digits, over the {match[1]}-digit limit"


#: The longest CSV field read, in characters. The csv module's own limit (131,072)
#: refused a long statement that JSON Lines takes; this one still stops a quote
#: left open from reading the rest of a big file into one field.
MAX_CSV_FIELD = 16 * 1024 * 1024


def next_csv_row(reader: Iterator[list[str]]) -> list[str]:
    """``next(reader)``, reading fields of up to :data:`MAX_CSV_FIELD` characters.

    The csv field limit belongs to the whole process: when it is lower than
    :data:`MAX_CSV_FIELD` it is raised to that, and left there: it is never
    lowered (a larger limit of the program's own is kept). Putting it back
    after each row broke reads in other threads: one thread took another's
    raised limit for the one to restore, and a thread reading a long field
    found the limit put back under it. So once rolelens has read CSV, the
    program's own csv readers take fields of up to 16 Mi characters too. A
    field over the limit is a ``csv.Error`` that says so in plain words, and so
    is a quote a strict reader finds never closed (the caller names the line
    where it opens: see :func:`csv_open_quote`).
    """
    limit = csv.field_size_limit()
    if limit < MAX_CSV_FIELD:
        csv.field_size_limit(MAX_CSV_FIELD)
        limit = MAX_CSV_FIELD
    try:
        return next(reader)
    except csv.Error as exc:
        if str(exc).startswith("field larger than field limit"):
            raise csv.Error(
                f"a field of more than {limit:,} characters (is a quote left open?)"
            ) from None
        if str(exc) == "unexpected end of data":  # a strict reader's words for a quote left open
            # Said of the line the caller names: csv_open_quote finds it.
            raise csv.Error(
                "a quote opened on this line is never closed (the field would run to the end "
                "of the input)"
            ) from None
        raise


#: The characters that make a spreadsheet program read a CSV cell as a formula
#: when the cell starts with one (OWASP, "CSV Injection"): ``=``, ``+``, ``-`` and
#: ``@`` start a formula or a DDE call (``=HYPERLINK(...)``, ``+cmd|' /C calc'!A0``),
#: and a tab or a carriage return is dropped by some programs, which then read what
#: follows it. CSV holds text from untrusted postings and statement files, so with
#: ``spreadsheet_safe`` such a cell gets a leading ``'``, which spreadsheets take
#: as "this cell is text". The one place this rule is written down.
FORMULA_TRIGGERS: frozenset[str] = frozenset("=+-@\t\r")


def spreadsheet_safe_text(text: str) -> str:
    """``text`` with ``'`` put in front when a spreadsheet could read it as a formula.

    That is when its first character is one of :data:`FORMULA_TRIGGERS`, or its
    first character after leading white space is: spreadsheets trim spaces on
    import, so ``=1+1`` after a space is as much a formula as without one. Any
    other text is returned as it is. Exactly one ``'`` is added, so dropping it
    gives back ``text``; but a text that already started with ``'`` gets none,
    so a reader of the guarded file cannot tell the two apart: the guard is for
    files people open, not for data read back.

    >>> spreadsheet_safe_text("=1+1"), spreadsheet_safe_text("  -5 years of experience")
    ("'=1+1", "'  -5 years of experience")
    >>> spreadsheet_safe_text("Own the roadmap")
    'Own the roadmap'
    """
    # text[:1] is "" for empty text, which no set of characters holds.
    if text[:1] in FORMULA_TRIGGERS or text.lstrip()[:1] in FORMULA_TRIGGERS:
        return "'" + text
    return text


# A quoted CSV field from its opening quote; group 1 is the closing quote (None: no
# closing quote before the end). Possessive: a field left open is one linear scan.
_CSV_QUOTED = re.compile(r'"(?:[^"]++|"")*+(")?')
_CSV_FIELD_END = re.compile(r"[,\r\n]")


def csv_open_quote(lines: Sequence[tuple[int, str]]) -> int | None:
    """The number of the line where a CSV field opens a quote that ``lines`` never close.

    ``lines`` are ``(number, text)`` pairs, the lines a strict ``csv.reader``
    (default dialect) read from the first line of a record to where it
    stopped; ``None`` when every quoted field in them is closed, or when a field
    is broken another way first (``"a"b``). A record's first line is not always
    the answer: a quoted field on it may close on a later line before another
    opens. Lines without a quote may be left out: ending in a line break, such
    a line changes nothing (inside a quoted field it is text, outside it ends
    a record), so a caller need not keep the lines of a field left open. For
    error messages only: it reads the fields again, in Python.

    >>> csv_open_quote([(3, '1,"a\\n'), (4, 'b",2,"open\\n'), (5, "more\\n")])
    4
    """
    text = "".join(line for _, line in lines)
    at = 0
    while at < len(text):
        if text[at] == '"':
            field = _CSV_QUOTED.match(text, at)
            if field is None or field[1] is None:  # (never None: a quote alone matches)
                return _line_holding(lines, at)
            at = field.end()
            if at < len(text) and text[at] not in ",\r\n":
                return None  # '"a"b': csv stopped there, not at a quote left open
        else:
            end = _CSV_FIELD_END.search(text, at)
            at = len(text) if end is None else end.start()
        at += 1  # past the comma or line end after the field
    return None


def csv_row_too_long(row: Sequence[str], header: Sequence[str]) -> str | None:
    """What is wrong with a CSV ``row`` that has more fields than ``header``, or ``None``.

    Such a row does not say which of its fields belongs to which column: most
    often a comma in a field that is not quoted split it in two, and reading
    the row by position gave a column the first half and dropped the rest
    without a word. Empty fields past the header's are no problem (a
    spreadsheet may end each row with a comma).
    """
    if len(row) <= len(header) or not any(field.strip() for field in row[len(header) :]):
        return None
    return (
        f"row has {len(row)} fields, the header {len(header)}: quote a field that holds a "
        'comma ("a, b")'
    )


def _line_holding(lines: Sequence[tuple[int, str]], offset: int) -> int:
    """The number of the line in ``lines`` that holds character ``offset`` of them joined."""
    for number, line in lines:
        if offset < len(line):
            return number
        offset -= len(line)
    return lines[-1][0]


def csv_line(cells: Sequence[object], *, spreadsheet_safe: bool = False) -> str:
    """One CSV record (minimal quoting, ``None`` as an empty cell) ending in ``\\n``.

    Written with ``\\r\\n`` and cut back to ``\\n``: before Python 3.12 the csv
    writer quotes a cell only for the terminator's own characters, so with
    ``\\n`` it left a lone ``\\r`` bare, and every reader split the record there.

    Every cell is written as it is unless ``spreadsheet_safe`` is true: then each
    ``str`` cell goes through :func:`spreadsheet_safe_text`. Numbers (line
    numbers, scores) are never changed: the library writes them itself, and a
    spreadsheet should still read them as numbers.
    """
    if spreadsheet_safe:
        cells = [spreadsheet_safe_text(c) if isinstance(c, str) else c for c in cells]
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerow(cells)
    return buffer.getvalue()[:-2] + "\n"


def schema_object(properties: dict[str, Any], *, optional: Sequence[str] = ()) -> dict[str, Any]:
    """A JSON Schema object of exactly ``properties``, each required but those in
    ``optional``: the closed shape of every object the library's documents hold."""
    return {
        "type": "object",
        "properties": properties,
        "required": [name for name in properties if name not in optional],
        "additionalProperties": False,
    }


def json_document_problem(line: str) -> str | None:
    """What to say of a JSON Lines line that starts a JSON document instead, or ``None``.

    A ``.json`` file is more often one JSON array (on one line, or spread over
    many) than JSON Lines; its first line read as a record gave "Expecting
    value (column 2)" and a guess at a truncated line, or "expected a JSON
    object", neither of which says what to change.
    """
    head = line.strip()
    if head.startswith("["):
        return "a JSON array; JSON Lines is read here: one JSON object per line, no array"
    if head == "{":
        return "a JSON object spread over lines; JSON Lines is read here: one whole object a line"
    return None


def unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object as a dict, refusing a repeated key: ``json`` keeps the last value
    silently, so ``{"segment": "b2b", "segment": "b2c"}`` lost one (TOML refuses it too)."""
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _value in pairs:
            if key in seen:
                raise ValueError(f"key {key!r} appears twice in one object")
            seen.add(key)
    return result


# Errors only writing can give (the disk or quota full, the file too large): when the
# block writing an output stops on one that names no file, the output is the file.
_WRITE_ERRNOS = frozenset(
    code for code in (errno.ENOSPC, errno.EFBIG, getattr(errno, "EDQUOT", None)) if code
)


@contextlib.contextmanager
def _write_errors_named(shown: str, note: str = "") -> Iterator[None]:
    """Raise a write error of the block that names no file as the same error naming
    ``shown`` (its reason followed by ``note``); let every other exception through
    as it is."""
    try:
        yield
    except OSError as exc:
        if exc.filename is not None or exc.errno not in _WRITE_ERRNOS:
            raise
        raise OSError(exc.errno, f"{exc.strerror}{note}", shown) from exc


@contextlib.contextmanager
def atomic_text_file(
    path: str | Path, *, errors: str = "strict", newline: str | None = None
) -> Iterator[TextIO]:
    """Yield a UTF-8 text stream that replaces ``path`` only if the block succeeds.

    The text goes to a temporary file beside the target, renamed over it at
    the end, so a failed run leaves any earlier file whole. A symlink is
    followed (its target is replaced, not the link); an existing file keeps
    its permission bits, and its owner where the process may set it. What is
    not a regular file (``/dev/null``, a FIFO, a terminal) cannot be replaced
    and is written directly. A file that may not be written is not replaced
    either (``PermissionError``, before the block runs): one the process has
    no write permission for, or one with no write bit at all, even for root.
    Errors name ``path`` as given: never the temporary file, whose name
    nobody typed.

    An existing file that a rename would cut off from its other names (a
    hard link), or that sits in a directory the process may write files in
    but not create them (the rename is refused), is not replaced but
    rewritten: the whole text still goes to a temporary file first (beside
    it, or in the system's temporary directory when none can be made there),
    and only once it is complete is it copied into the file, which keeps its
    inode, links, mode and owner. Space for the text is reserved first where
    the file system can, so a full disk fails before the file is touched; a
    copy that fails part way keeps the temporary file and names it in the error.
    A file deleted meanwhile is made anew; one that then cannot be written keeps
    the temporary file, named in the error, as well.

    Once the block has finished, the text is whole: Ctrl-C or SIGTERM while it
    is made durable and put in place (see :func:`signals_after`) is held back
    until it is, then raised; :func:`output_in_place` tells such an exception.
    """
    shown = str(path)
    if not shown:
        raise OSError(errno.EINVAL, "the output path is empty")
    # Written directly, appending, where nothing may be replaced: /dev/stdout and the
    # like (the shell's own file, pipe or terminal, so `>> log` keeps what the log
    # held), and whatever is not a regular file (a device, a FIFO).
    direct: str | Path | None = None
    existing: os.stat_result | None = None
    if names_a_descriptor(shown):
        direct = shown
    else:
        if shown.endswith(("/", os.sep)):  # realpath() would drop it, open() would refuse
            raise OSError(errno.EISDIR, "ends with a slash: a directory, expected a file", shown)
        _check_parent(shown)
        target = Path(os.path.realpath(shown))
        try:
            existing = target.stat()
        except FileNotFoundError:
            existing = None
        except OSError as exc:
            raise OSError(exc.errno, exc.strerror, shown) from exc
        if existing is not None and stat.S_ISDIR(existing.st_mode):
            raise OSError(errno.EISDIR, "is a directory, expected a file", shown)
        if existing is not None and not stat.S_ISREG(existing.st_mode):
            direct = target
        elif existing is not None:
            _check_replaceable(target, existing, shown)
    # A rename would give the file's other names (hard links) none of the new text.
    rewrite = existing is not None and existing.st_nlink > 1
    note = ""  # what a write error adds to its reason
    if direct is not None:
        try:
            stream = open(direct, "a", encoding="utf-8", errors=errors, newline=newline)  # noqa: SIM115
        except OSError as exc:  # a socket, say
            raise OSError(exc.errno, exc.strerror, shown) from exc
        try:
            with _write_errors_named(shown):
                yield stream
        except BaseException:
            with contextlib.suppress(OSError):  # the block's own error is the one to tell
                stream.close()
            raise
        try:
            stream.close()  # writes what is still buffered: a full device fails here
        except OSError as exc:
            raise OSError(exc.errno, exc.strerror, shown) from exc
        return
    try:
        fd, tmp = tempfile.mkstemp(
            prefix=_temporary_prefix(target), suffix=".tmp", dir=target.parent
        )
    except OSError as exc:
        if existing is None or not isinstance(exc, PermissionError):
            raise OSError(exc.errno, f"cannot write there: {exc.strerror}", shown) from exc
        # A file the process may write in a directory it may not add to: rewrite
        # the file, from a temporary file where one can be made.
        rewrite = True
        try:
            fd, tmp = tempfile.mkstemp(prefix="rolelens-output-", suffix=".tmp")
        except OSError as again:
            raise OSError(
                again.errno, f"no temporary file for it: {again.strerror}", shown
            ) from again
        # A full disk there is not the output's: say where the text was going.
        note = f" (writing its temporary file in {os.path.dirname(tmp)})"
    held = contextlib.ExitStack()
    placed = False
    try:
        stream = os.fdopen(fd, "w", encoding="utf-8", errors=errors, newline=newline)
        try:
            with _write_errors_named(shown, note):
                yield stream
            # The text is whole. Ctrl-C or SIGTERM from here on waits until it is in
            # place, then is raised: the fsync of a large output takes seconds, with
            # the run seemingly done, and a Ctrl-C then removed the whole output.
            held.enter_context(signals_after())
            try:
                stream.flush()
                os.fsync(stream.fileno())
                stream.close()
            except OSError as exc:  # a full disk, say: name the file the user asked for
                raise OSError(exc.errno, f"{exc.strerror}{note}", shown) from exc
        except BaseException:
            # Closing flushes what is still buffered, which on a full disk fails again:
            # that error, naming no file, would replace the one to tell.
            with contextlib.suppress(OSError):
                stream.close()
            raise
        if not rewrite:
            try:
                # mkstemp creates 0600: give the mode the file had, or the one open() would.
                os.chmod(tmp, stat.S_IMODE(existing.st_mode) if existing else new_file_mode())
                chown = getattr(os, "chown", None)  # not on Windows
                if existing is not None and chown is not None:
                    with contextlib.suppress(OSError):  # only root may give a file away
                        chown(tmp, existing.st_uid, existing.st_gid)
                os.replace(tmp, target)
                placed = True
                return
            except OSError as exc:
                # A sticky directory (/tmp) refuses to rename over another's file
                # the process may still write: rewrite that one.
                if existing is None or not isinstance(exc, PermissionError):
                    raise OSError(exc.errno, f"cannot replace it: {exc.strerror}", shown) from exc
        _rewrite(target, tmp, shown)
        placed = True
        with contextlib.suppress(OSError):  # rewritten: the temporary file is done with
            os.unlink(tmp)
    except _KeptTemporary:
        # Its message names the file that holds the output: not to be replaced by
        # a Ctrl-C held meanwhile.
        with contextlib.suppress(KeyboardInterrupt):
            held.close()
        raise
    except BaseException:
        with contextlib.suppress(OSError):
            os.chmod(tmp, stat.S_IWRITE | stat.S_IREAD)  # Windows will not delete read-only
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    finally:
        try:
            held.close()  # a signal held meanwhile is acted on now
        except KeyboardInterrupt as stop:
            if placed:  # raised with the whole output in place: output_in_place() says so
                setattr(stop, _IN_PLACE, shown)
            raise


#: The attribute :func:`atomic_text_file` sets on a held signal's exception.
_IN_PLACE = "_rolelens_output_in_place"


def output_in_place(stop: BaseException) -> str | None:
    """The output path when ``stop`` (a ``KeyboardInterrupt``) is a Ctrl-C, SIGTERM or
    SIGHUP that :func:`atomic_text_file` held back until its output was whole and in
    place, and raised only then; else ``None``. Nothing was lost to such a signal."""
    shown = getattr(stop, _IN_PLACE, None)
    return shown if isinstance(shown, str) else None


def _check_parent(shown: str) -> None:
    """Raise ``OSError`` naming ``shown`` when what its name puts before the file is
    no directory the system can follow, as ``open()`` would.

    ``realpath()`` drops ``.`` and ``..`` without asking what comes before them:
    ``old.csv/.`` became ``old.csv``, which was replaced, and ``missing.csv/.``
    made ``missing.csv``, where the shell's ``>`` says "Not a directory" or "No
    such file or directory".
    """
    parent = os.path.dirname(shown)
    if not parent:
        return
    try:
        found = os.stat(parent)
    except OSError as exc:
        raise OSError(exc.errno, f"cannot write there: {exc.strerror}", shown) from exc
    except ValueError:  # a NUL: the opening will say so
        return
    if not stat.S_ISDIR(found.st_mode):
        reason = os.strerror(errno.ENOTDIR)
        raise OSError(errno.ENOTDIR, f"cannot write there: {reason}", shown)


class _KeptTemporary(OSError):
    """A rewrite that failed after it began: the temporary file holds the whole text."""


def _rewrite(target: Path, tmp: str, shown: str) -> None:
    """Copy the complete temporary file ``tmp`` into the existing file ``target``.

    The file keeps its inode (so its hard links), mode and owner. Its old text
    is intact until the copy begins: the file is opened for writing (a refusal
    leaves it be) and, where the file system can, the space the new text needs
    is reserved first. Ctrl-C, SIGTERM and SIGHUP wait for the copy (held back, then
    raised): a file left half old, half new would be the one loss an atomic
    output exists to prevent. Should the copy itself fail (an I/O error), the
    error names ``tmp``, which is kept; the caller removes it otherwise.

    A file deleted since it was looked at (before the block ran) is made anew
    at its path; if it cannot be (or the file may no longer be written), ``tmp``
    is kept and named in the error too: it holds the only copy of the output.
    """
    binary = getattr(os, "O_BINARY", 0)
    with signals_after():
        try:
            try:
                fd = os.open(target, os.O_WRONLY | binary)
            except FileNotFoundError:
                fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | binary, 0o666)
        except OSError as exc:
            raise _KeptTemporary(
                exc.errno,
                f"cannot write it: {exc.strerror}; the whole output is kept in {tmp}",
                shown,
            ) from exc
        try:
            old_size = os.fstat(fd).st_size
            size = os.path.getsize(tmp)
            if size > old_size and hasattr(os, "posix_fallocate"):
                try:
                    os.posix_fallocate(fd, old_size, size - old_size)
                except OSError as exc:
                    if exc.errno in _WRITE_ERRNOS:  # no room: the old text stays as it was
                        with contextlib.suppress(OSError):
                            os.ftruncate(fd, old_size)
                        raise OSError(exc.errno, exc.strerror, shown) from exc
                    # The file system cannot reserve space (EOPNOTSUPP): copy without.
            try:
                with open(tmp, "rb") as source:
                    os.lseek(fd, 0, os.SEEK_SET)  # os.write, not pwrite: Windows has no pwrite
                    while piece := source.read(1 << 20):
                        view = memoryview(piece)
                        while view:
                            view = view[os.write(fd, view) :]
                os.ftruncate(fd, size)
                os.fsync(fd)
            except OSError as exc:
                raise _KeptTemporary(
                    exc.errno,
                    f"{exc.strerror}; it may be left incomplete, the whole output is kept in {tmp}",
                    shown,
                ) from exc
        finally:
            with contextlib.suppress(OSError):
                os.close(fd)


#: The signals that stop a run, those of them the platform has: Ctrl-C, SIGTERM
#: (``kill``, ``timeout``) and SIGHUP (the terminal closed). :func:`signals_after`
#: holds them back; :mod:`rolelens.parallel` holds them while workers fork.
STOP_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)
)


@contextlib.contextmanager
def signals_after() -> Iterator[list[tuple[int, float]]]:
    """Within the block, Ctrl-C, SIGTERM and SIGHUP are noted, and acted on when it ends.

    Yields the list of the signals noted so far, each with when it came
    (``time.monotonic()``), for a block that finishes its work sooner when one
    comes (:func:`rolelens.cli._io.write_lines`). When the block ends, the first
    is acted on as if it came then: its handler raises, or the default ends
    the process. Only the main thread may set a handler, and only there does
    Python raise for a signal; a handler that is not Python's (``None``) or
    ignores the signal is left be.
    """
    noted: list[tuple[int, float]] = []
    if threading.current_thread() is not threading.main_thread():
        yield noted
        return
    kept = {signum: signal.getsignal(signum) for signum in STOP_SIGNALS}
    kept = {signum: h for signum, h in kept.items() if callable(h) or h == signal.SIG_DFL}
    try:
        for signum in kept:
            signal.signal(signum, lambda signum, frame: noted.append((signum, time.monotonic())))
        yield noted
    finally:
        for signum, handler in kept.items():
            signal.signal(signum, handler)
    if noted:  # as if it came now: the handler raises, or the default ends the process
        signum = noted[0][0]
        handler = kept[signum]
        if callable(handler):
            handler(signum, None)
        else:
            signal.raise_signal(signum)


#: The characters mkstemp adds between the prefix and the suffix.
_RANDOM_CHARS = 8


def _temporary_prefix(target: Path) -> str:
    """``.NAME.``: the temporary file's prefix, whose NAME is ``target``'s cut short
    enough for the whole temporary name (``.NAME.xxxxxxxx.tmp``) to be one the file
    system takes. Whole, a valid name of 242 bytes or more made one too long, and
    "-o FILE" refused a FILE the shell writes: "File name too long"."""
    try:
        most = os.pathconf(target.parent, "PC_NAME_MAX")
    except (OSError, ValueError, AttributeError):  # no such setting here, or no limit
        most = 255
    room = max(0, most - len("..") - _RANDOM_CHARS - len(".tmp"))
    name = target.name[:room]
    try:
        while name and len(os.fsencode(name)) > room:  # a character may take bytes
            name = name[:-1]
    except UnicodeError:  # not a name the file system could hold: mkstemp will say so
        pass
    return f".{name}."


def _check_replaceable(target: Path, existing: os.stat_result, shown: str) -> None:
    """Raise ``PermissionError`` naming ``shown`` if the file ``target`` may not be written.

    The replacement is a new file renamed over the old one, which needs only the
    directory's permission: a read-only file was replaced as if it were not, and
    another user's file in a shared directory became the process's own. The
    file's own permission decides, as it does for the shell's ``>``: the
    process's access to it, and (for root, whom ``access()`` never refuses) its
    mode: a file with no write bit for anyone was made read-only on purpose.
    """
    if not existing.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        reason = "Permission denied (the file is read-only)"
    elif not _may_write(target):
        reason = "Permission denied"
    else:
        return
    raise PermissionError(errno.EACCES, reason, shown)


def _may_write(target: Path) -> bool:
    """Whether the process may write ``target``, by its effective ids where it can tell."""
    if os.access in os.supports_effective_ids:
        return os.access(target, os.W_OK, effective_ids=True)
    return os.access(target, os.W_OK)


_DESCRIPTOR_LINKS = re.compile(
    r"/dev/(?:std(?:in|out|err)|fd/\d+)|/proc/(?:self|thread-self|\d+(?:/task/\d+)?)/fd/\d+"
)


def names_a_descriptor(path: str) -> bool:
    """Whether ``path``, or a link on the way to its target, is an open descriptor's alias.

    Such a path stands for whatever the descriptor is (a pipe, a terminal, a file
    the shell opened for appending); following it to a file and replacing that
    file would undo the shell's redirection.
    """
    for _hop in range(40):  # the kernel's own limit on a chain of links
        if _DESCRIPTOR_LINKS.fullmatch(os.path.abspath(path)):
            return True
        try:
            link = os.readlink(path)
        except OSError:  # not a link (or not there): the chain ends
            return False
        path = os.path.join(os.path.dirname(os.path.abspath(path)), link)
    return False


def new_file_mode() -> int:
    """The mode ``open()`` would give a new file: 0o666 less the process umask.

    Read from ``/proc`` where possible, because setting the umask to learn it
    is not thread-safe; 0o644 elsewhere.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return 0o666 & ~int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    return 0o644
