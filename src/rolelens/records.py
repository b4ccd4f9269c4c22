"""Reading statements to classify from files: plain text, JSONL or CSV, streamed.

Reading a file
--------------
Input is read as bytes, one physical line at a time, and decoded line by
line, so memory does not grow with the file and a bad byte is reported with
the line it is on. The first bytes choose the encoding: a UTF-16 or UTF-32
byte-order mark means that encoding (decoded by a streaming decoder), a
UTF-8 BOM is dropped, anything else must be UTF-8. Latin-1 or other undecodable bytes are an
:class:`~rolelens.errors.InputError` naming the file and line; re-saving the
file as UTF-8 is the fix.

UTF-16 or UTF-32 without a byte-order mark is refused as a whole, with an
:class:`~rolelens.errors.InputError` naming the file: text in it mostly below U+2000 (Latin,
Greek, Cyrillic, Hebrew, Arabic...) is valid UTF-8 with a NUL or control byte
beside each character, and every line would classify as ``other`` without a
word. It is told from the first block of bytes only (at most 4 KiB, what one
read brings, so stdin is not read ahead): more than half of its two- or
four-byte units must be such a character, two of them at least beside a NUL
(see ``rolelens._serialization.unmarked_wide_problem``). Any other NUL is
valid UTF-8 and read as the character U+0000: part of its statement in text
and CSV input, and a broken record in JSONL (JSON allows no raw control
character). A stray NUL is no reason to refuse a whole file.

Three formats, chosen by ``input_format`` (``auto`` looks at the file
extension: ``.jsonl``/``.ndjson``/``.json`` is JSONL, ``.csv`` is CSV,
anything else and stdin is plain text):

``text``
    one statement per line; ``\\n``, ``\\r\\n`` and a lone ``\\r`` all end a
    line; blank lines are skipped.
``jsonl``
    one JSON object per line with the statement in ``field`` (default
    ``text``); lines end as in ``text`` (JSON escapes a line break inside a
    string); blank lines are skipped, and so is a UTF-8 byte-order mark that
    opens a line (where files joined with ``cat`` meet).
``csv``
    a header row (after any blank lines), then one record per row with the
    statement in ``column`` (default ``text``); quoted fields may span lines.

A record that cannot be used (broken JSON, a missing field, a short CSV
row, a bad byte) raises :class:`~rolelens.errors.InputError` with path and line, unless
``skip_invalid`` is set: then ``on_invalid`` is called with the error and
reading goes on. A problem with the file as a whole (missing, a directory,
a CSV header without the column) always raises.

Text and JSONL lines stand alone, so they can also be read as
:class:`LineBlock` values (:func:`read_line_blocks`): whole lines, still
bytes, parsed by :func:`parse_block` wherever they are classified. The
command line sends blocks to its worker processes, so the parent only cuts
the file into blocks and decoding and JSON parsing run in parallel too.
CSV rows may span lines and are read by :func:`read_records` only.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import functools
import io
import itertools
import json
import os
import re
import stat
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO, Final, cast

import attrs

from rolelens._checks import must_be, shown_int, whole_number
from rolelens._reading import MAX_INPUT_BYTES
from rolelens._serialization import (
    WIDE_HEAD_BYTES,
    bom_encoding,
    check_path,
    csv_open_quote,
    csv_row_too_long,
    json_document_problem,
    next_csv_row,
    other_delimiter,
    path_name,
    shown_names,
    stdin_bytes,
    unmarked_wide_problem,
    value_problem,
)
from rolelens.errors import ArgumentError, InputError

__all__ = [
    "INPUT_FORMATS",
    "LineBlock",
    "Record",
    "count_lines",
    "detect_format",
    "parse_block",
    "read_line_blocks",
    "read_records",
]

#: Accepted values of ``input_format``.
INPUT_FORMATS: Final = ("auto", "text", "jsonl", "csv")

_JSONL_SUFFIXES: Final = frozenset({".jsonl", ".ndjson", ".json"})
_STDIN_NAME: Final = "<stdin>"
#: The longest line of a text or JSONL input, which is streamed a line at a time:
#: as much as an input read whole may hold.
#: Without it one endless line (``-i /dev/zero``) took memory until the system
#: killed the process.
MAX_LINE_BYTES = MAX_INPUT_BYTES


@attrs.frozen
class Record:
    """One statement read from an input, with the line it starts on (1-based)."""

    text: str
    line: int


_SET_TEXT, _SET_LINE = (Record.__dict__[name].__set__ for name in ("text", "line"))
if tuple(field.name for field in attrs.fields(Record)) != ("text", "line"):  # pragma: no cover
    raise AssertionError("_record must set every field of Record")


def _record(text: str, line: int) -> Record:
    """``Record(text, line)`` without attrs' per-field calls: one per input line."""
    record: Record = object.__new__(Record)
    _SET_TEXT(record, text)
    _SET_LINE(record, line)
    return record


def detect_format(path: str | Path, input_format: str = "auto") -> str:
    """The concrete format for ``path``: ``input_format`` unless it is ``auto``.

    ``auto`` goes by the extension, in any case: ``.jsonl``, ``.ndjson`` or
    ``.json`` is ``jsonl``, ``.csv`` is ``csv``, anything else and ``-``
    (stdin) ``text``. A ``path`` that is neither a ``str`` nor an
    ``os.PathLike``, or an ``input_format`` that is no ``str``, raises
    ``TypeError`` naming it; an ``input_format`` not in :data:`INPUT_FORMATS`
    (lower case: ``"JSONL"`` is not one) :class:`~rolelens.errors.ArgumentError`.

    >>> detect_format("postings.JSONL")
    'jsonl'
    >>> detect_format("-")
    'text'
    """
    path = path_name(path)
    must_be(input_format, str, "input_format")
    if input_format not in INPUT_FORMATS:
        raise ArgumentError(
            f"input_format must be one of {', '.join(INPUT_FORMATS)}, got {input_format!r}"
        )
    if input_format != "auto":
        return input_format
    if path == "-":
        return "text"
    suffix = Path(path).suffix.lower()
    if suffix in _JSONL_SUFFIXES:
        return "jsonl"
    return "csv" if suffix == ".csv" else "text"


def read_records(
    path: str | Path,
    *,
    input_format: str = "auto",
    field: str = "text",
    column: str = "text",
    skip_invalid: bool = False,
    on_invalid: Callable[[InputError], None] | None = None,
) -> Iterator[Record]:
    """Stream the statements in ``path`` (``-`` is stdin) as :class:`Record` values.

    The file is opened when iteration starts and closed when it ends or the
    iterator is closed. See the module docstring for formats and errors. The
    arguments are checked at once: a ``path`` that is neither a ``str`` nor an
    ``os.PathLike``, a ``field`` or ``column`` that is not a ``str``, a
    ``skip_invalid`` that is not a bool, an ``input_format`` that is not a
    ``str``, or an
    ``on_invalid`` that is neither callable nor ``None`` raises ``TypeError``
    naming it, and an unknown ``input_format``
    :class:`~rolelens.errors.ArgumentError` (see :func:`detect_format`).
    """
    path = path_name(path)
    must_be(field, str, "field")
    must_be(column, str, "column")
    # "no" is true: it skipped, so lost, the bad records it meant to raise on.
    must_be(skip_invalid, bool, "skip_invalid")
    if on_invalid is not None and not callable(on_invalid):
        raise TypeError(f"on_invalid must be callable or None, got {type(on_invalid).__name__}")
    fmt = detect_format(path, input_format)
    return _read_records(path, fmt, field, column, skip_invalid, on_invalid)


def _read_records(
    path: str,
    fmt: str,
    field: str,
    column: str,
    skip_invalid: bool,
    on_invalid: Callable[[InputError], None] | None,
) -> Iterator[Record]:
    name = _STDIN_NAME if path == "-" else path
    report = _Reporter(name, skip_invalid, on_invalid)
    with _open(path) as raw:
        lines = _decoded_lines(raw, name, report)
        if fmt == "text":
            yield from _text_records(lines)
        elif fmt == "jsonl":
            yield from _jsonl_records(lines, field, report)
        else:
            yield from _csv_records(lines, column, name, report)


def count_lines(path: str | Path) -> int | None:
    """The number of lines in a regular file (a cheap upper bound on its records), or
    ``None`` when they cannot be counted before reading: ``-`` (stdin), a pipe, a
    file that is missing or unreadable, or UTF-16 or UTF-32 text (by its byte-order
    mark).

    A line ends at ``\\n``, ``\\r\\n`` or a lone ``\\r``, as the readers end a
    record: a file with old Mac line ends has as many lines as records. A ``path``
    that is neither a ``str`` nor an ``os.PathLike`` (``None``) raises ``TypeError``
    naming it, as :func:`read_records` does.
    """
    # An int would be taken by os.stat and open as a file descriptor, and closed.
    path = path_name(path)
    if path == "-":
        return None
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return None  # a pipe (-i <(zcat f.gz)) read to count would be empty to classify
        with open(path, "rb") as stream:
            if bom_encoding(stream.read(4)) is not None:  # no b"\n" to count
                return None
            stream.seek(0)
            total = 0
            last = b"\n"
            while block := stream.read(1 << 20):
                # Every \n and every \r ends a line, but \r\n ends one, not two; a
                # \r\n split between two blocks is told by the last byte read before.
                total += block.count(b"\n") + block.count(b"\r") - block.count(b"\r\n")
                if last == b"\r" and block[:1] == b"\n":
                    total -= 1
                last = block[-1:]
            return total + (last not in (b"\n", b"\r"))
    except (OSError, ValueError):  # ValueError: a NUL in the path (reading it says so)
        return None


def _check_block_field(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """``data`` is bytes, ``first`` an int from 1 and ``extra`` one from 0: a str of lines
    failed only in :func:`parse_block`, with "a bytes-like object is required"."""
    if attribute.name == "data":
        must_be(value, bytes, "LineBlock.data")
        return
    number = whole_number(value, f"LineBlock.{attribute.name}")
    least = 1 if attribute.name == "first" else 0
    if number < least:
        shown = shown_int(number)
        raise ArgumentError(f"LineBlock.{attribute.name} must be at least {least}, got {shown}")


@attrs.frozen
class LineBlock:
    """Whole lines of a text or JSONL input, undecoded (see :func:`read_line_blocks`).

    A ``data`` that is not ``bytes``, or a line number that is not an ``int``, raises
    ``TypeError``; ``first`` below 1 or ``extra`` below 0
    :class:`~rolelens.errors.ArgumentError`.
    """

    #: The lines, each ending in ``\n`` (the last line of the input may not); lines
    #: a lone ``\r`` ends (old Mac line ends) sit inside them.
    data: bytes = attrs.field(validator=_check_block_field)
    #: The number of the block's first ``\n``-ended line among those of the input
    #: (1-based); the records read from it are numbered from ``first + extra``.
    first: int = attrs.field(validator=_check_block_field)
    #: Lines gained before this block by splitting text at lone ``\r``.
    extra: int = attrs.field(default=0, validator=_check_block_field)


def read_line_blocks(
    path: str | Path, *, input_format: str = "auto", lines: int = 2000
) -> Iterator[LineBlock]:
    """Stream a text or JSONL input (``-`` is stdin) as blocks of ``lines`` lines.

    The lines counted are those ``\\n`` ends: a block may hold more records, of
    lines a lone ``\\r`` ends within them. The bytes are not decoded here;
    :func:`parse_block` turns a block into the records :func:`read_records`
    would give for those lines. A UTF-8 byte-order mark is dropped, UTF-16 and
    UTF-32 input is decoded and re-encoded as UTF-8; problems with the file as
    a whole raise :class:`~rolelens.InputError` as in :func:`read_records`. CSV
    raises :class:`~rolelens.errors.ArgumentError` (use :func:`read_records`).
    The arguments are checked at once, as :func:`read_records` checks them: a
    ``path`` that is neither a ``str`` nor an ``os.PathLike``, or ``lines``
    that is not an ``int``, raises ``TypeError``; ``lines`` below 1 or above
    ``sys.maxsize`` :class:`~rolelens.errors.ArgumentError`.
    """
    path = path_name(path)
    fmt = detect_format(path, input_format)
    if fmt == "csv":
        raise ArgumentError("CSV rows may span lines: read CSV with read_records")
    lines = whole_number(lines, "lines")
    if lines < 1:
        raise ArgumentError(f"lines must be at least 1, got {shown_int(lines)}")
    if lines > sys.maxsize:  # islice refuses more, and only when the first block is read
        raise ArgumentError(f"lines must be at most {sys.maxsize}, got {shown_int(lines)}")
    return _read_line_blocks(path, lines)


def _read_line_blocks(path: str, lines: int) -> Iterator[LineBlock]:
    name = _STDIN_NAME if path == "-" else path
    with _open(path) as opened:
        source = _byte_lines(opened, name)
        number = 1
        extra = 0
        while chunk := list(itertools.islice(source, lines)):
            data = b"".join(chunk)
            if data:
                yield LineBlock(data, number, extra)
            number += len(chunk)
            if b"\r" in data:
                extra += _lone_breaks(data)


def _lone_breaks(data: bytes) -> int:
    """Lines a block gains by splitting at lone ``\r``, as :func:`_text_records` and
    :func:`_jsonl_records` do."""
    gained = 0
    for line in io.BytesIO(data):
        if b"\r" in line:
            try:
                gained += len(_split_physical(line.decode("utf-8"))) - 1
            except UnicodeDecodeError:
                continue  # a line that does not decode is skipped whole
    return gained


def parse_block(
    block: LineBlock, *, input_format: str, field: str = "text"
) -> tuple[list[tuple[int, str]], list[tuple[str, int]]]:
    """The ``(line, text)`` records in ``block`` and the ``(problem, line)`` of bad ones.

    ``input_format`` is ``text`` or ``jsonl``; a ``block`` that is not a
    :class:`LineBlock` raises ``TypeError``. The records and problems are
    those :func:`read_records` would give for the block's lines (a problem
    there raises or is reported; here it is returned, for the caller to
    raise or report in input order).
    """
    must_be(block, LineBlock, "block")  # a str of lines failed on its missing .data
    if input_format not in ("text", "jsonl"):
        raise ArgumentError(f"input_format must be 'text' or 'jsonl', got {input_format!r}")
    must_be(field, str, "field")
    problems: list[tuple[str, int]] = []

    def report(problem: str, line: int) -> None:
        problems.append((problem, line))

    lines = _decode_each(enumerate(io.BytesIO(block.data), block.first), report)
    if input_format == "text":
        found = _text_records(lines, block.extra)
    else:
        found = _jsonl_records(lines, field, report, block.extra)
    return [(record.line, record.text) for record in found], problems


class _Reporter:
    """Raise or report one bad record."""

    def __init__(
        self, name: str, skip: bool, on_invalid: Callable[[InputError], None] | None
    ) -> None:
        self.name = name
        self.skip = skip
        self.on_invalid = on_invalid

    def __call__(self, problem: str, line: int) -> None:
        error = InputError(problem, path=self.name, line=line)
        if not self.skip:
            raise error
        if self.on_invalid is not None:
            self.on_invalid(error)


def _open(path: str) -> contextlib.AbstractContextManager[BinaryIO]:
    if path == "-":
        return contextlib.nullcontext(stdin_bytes())  # stdin stays open
    check_path(path, InputError)
    target = Path(path)
    if target.is_dir():
        raise InputError("is a directory, expected a file", path=path)
    try:
        return open(target, "rb")  # closed by the caller's with-block
    except OSError as exc:  # the system's words, as every other command's file errors
        raise InputError(exc.strerror or "cannot open", path=path) from exc


def _decoded_lines(
    raw: BinaryIO, name: str, report: Callable[[str, int], None]
) -> Iterator[tuple[str, int]]:
    """``(line, number)`` pairs, line endings kept, decoded lazily.

    An undecodable line is reported through ``report`` (and skipped when
    that returns).
    """
    return _decode_each(enumerate(_byte_lines(raw, name), 1), report)


def _byte_lines(raw: BinaryIO, name: str) -> Iterator[bytes]:
    """The physical lines of ``raw`` as UTF-8 bytes, line endings kept, undecoded.

    The first bytes choose: a UTF-16 or UTF-32 byte-order mark means a stream
    in that encoding, decoded and re-encoded (rare: the usual input is read as
    it is); a UTF-8 byte-order mark is dropped; UTF-16 or UTF-32 text without a
    mark raises :class:`InputError` (see ``unmarked_wide_problem``).
    """
    raw = _buffered(raw)
    # peek: what one read gives (a buffer of a file, what a pipe holds), not a wait for more
    start = bytes(cast(Any, raw).peek(WIDE_HEAD_BYTES)[:WIDE_HEAD_BYTES])
    encoding = bom_encoding(start)
    if encoding is not None:
        return (line.encode("utf-8") for line, _ in _wide_lines(raw, name, encoding))
    problem = unmarked_wide_problem(start)
    if problem is not None:
        raise InputError(problem, path=name)
    lines = _capped_lines(raw, name)
    head = next(lines, None)
    if head is None:  # an empty input has no lines, not one empty line
        return lines
    return itertools.chain([head.removeprefix(codecs.BOM_UTF8)], lines)


def _capped_lines(raw: BinaryIO, name: str) -> Iterator[bytes]:
    """The lines of ``raw``; :class:`InputError` for one of more than :data:`MAX_LINE_BYTES`."""
    limit = MAX_LINE_BYTES
    for number, line in enumerate(iter(functools.partial(raw.readline, limit + 1), b""), 1):
        if len(line) > limit:
            raise _line_too_long(name, number)
        yield line


def _line_too_long(name: str, number: int) -> InputError:
    """The error for line ``number`` of ``name`` being longer than :data:`MAX_LINE_BYTES`."""
    return InputError(
        f"a line of more than {MAX_LINE_BYTES:,} bytes (is it a text file?)", path=name, line=number
    )


def _decode_each(
    numbered: Iterable[tuple[int, bytes]], report: Callable[[str, int], None]
) -> Iterator[tuple[str, int]]:
    for number, data in numbered:
        try:
            yield data.decode("utf-8"), number
        except UnicodeDecodeError as exc:
            report(
                f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at column {exc.start + 1}); "
                "re-save the file as UTF-8",
                number,
            )


def _buffered(raw: BinaryIO) -> BinaryIO:
    """``raw`` with a ``peek`` method (stdin replaced by a ``BytesIO`` has none)."""
    if hasattr(raw, "peek"):
        return raw
    return cast(BinaryIO, io.BufferedReader(cast(Any, raw)))


def _wide_lines(raw: BinaryIO, name: str, encoding: str) -> Iterator[tuple[str, int]]:
    decoder = codecs.getincrementaldecoder(encoding)()
    number = 1
    pending = ""
    while True:
        block = raw.read(1 << 16)
        try:
            text = decoder.decode(block, final=not block)
        except UnicodeDecodeError as exc:
            line = number + pending.count("\n")
            problem = f"invalid {encoding.upper()}: {exc.reason}"
            raise InputError(problem, path=name, line=line) from exc
        # Only the new text is split: splitting all that is pending each time made
        # one long line quadratic (a 20-million-character line took 3.6 s).
        parts = text.split("\n")
        pending += parts[0]
        if len(parts) > 1:
            parts[0] = pending
            pending = parts.pop()
        else:
            parts = []
        for part in parts:
            # Characters, so at least as many bytes in UTF-8: the limit of _capped_lines.
            if len(part) > MAX_LINE_BYTES:
                raise _line_too_long(name, number)
            yield part + "\n", number
            number += 1
        if len(pending) > MAX_LINE_BYTES:
            raise _line_too_long(name, number)
        if not block:
            break
    if pending:
        yield pending, number


def _split_physical(line: str) -> list[str]:
    """Split one ``\\n``-terminated line at lone ``\\r`` too (old Mac and mixed files)."""
    body = line.removesuffix("\n").removesuffix("\r")
    return body.split("\r") if "\r" in body else [body]


def _text_records(lines: Iterable[tuple[str, int]], extra: int = 0) -> Iterator[Record]:
    # extra: lines gained so far by splitting at lone carriage returns
    for line, number in lines:
        if "\r" not in line:  # the usual line: one record or none, no splitting
            if line and not line.isspace():
                yield _record(line[:-1] if line[-1] == "\n" else line, number + extra)
            continue
        for offset, part in enumerate(_split_physical(line)):
            if offset:
                extra += 1
            if part.strip():
                yield Record(part, number + extra)


def _lone_cr_lines(lines: Iterable[tuple[str, int]], extra: int = 0) -> Iterator[tuple[str, int]]:
    """``lines`` split at lone ``\r`` too, renumbered as :func:`_text_records` numbers them.

    JSON escapes a carriage return inside a string, so a raw one ends a record,
    as it does in labeled JSON Lines (:func:`rolelens.examples.read_examples`):
    a file saved with old Mac line ends is read record by record.
    """
    for line, number in lines:
        if "\r" not in line:  # the usual line
            yield line, number + extra
            continue
        for offset, part in enumerate(_split_physical(line)):
            if offset:
                extra += 1
            yield part, number + extra


def _jsonl_records(
    lines: Iterable[tuple[str, int]],
    field: str,
    report: Callable[[str, int], None],
    extra: int = 0,
) -> Iterator[Record]:
    # extra: lines gained before these by splitting at lone carriage returns
    quoted = json.dumps(field, ensure_ascii=False)
    # In messages: a name pasted by mistake (--field "$(cat file)") is cut to 60 characters.
    named = shown_names([field])
    # Literal alternatives only: the search is one linear scan.
    escaped = re.compile("|".join(map(re.escape, _escapes(field))))
    for line, number in _lone_cr_lines(lines, extra):
        # A byte-order mark opening a later line (files joined with `cat`, one saved
        # with a mark) was "Unexpected UTF-8 BOM (decode using utf-8-sig)": it is
        # dropped there as at the start of the input.
        line = line.removeprefix("\ufeff")
        if not line.strip():
            continue
        try:
            value = json.loads(line.rstrip("\r\n"))
        except json.JSONDecodeError as exc:
            whole = json_document_problem(line)  # a .json file that is no JSON Lines
            if whole is None:
                whole = f"invalid JSON (truncated line?): {exc.msg} (column {exc.colno})"
            report(whole, number)
            continue
        except RecursionError:
            report("invalid JSON: nested too deeply", number)
            continue
        except ValueError as exc:  # e.g. an integer too long to convert
            report(f"invalid JSON: {value_problem(exc)}", number)
            continue
        if not isinstance(value, dict):
            whole = json_document_problem(line) if isinstance(value, list) else None
            report(whole or f"expected a JSON object with a {named} field", number)
            continue
        # A cheap screen first: only a line with the name twice, or with an escape
        # that could spell one of its characters another way, can repeat it.
        if (
            line.count(quoted) > 1 or ("\\" in line and escaped.search(line) is not None)
        ) and _field_repeats(line, field):
            report(f"field {named} appears twice in one object", number)
            continue
        text = value.get(field)
        if text is None:
            problem = f"field {named} is null" if field in value else f"no {named} field"
            report(f"{problem} (use --field to name another)", number)
            continue
        if not isinstance(text, str):
            report(f"field {named} is {type(text).__name__}, expected a string", number)
            continue
        yield Record(text, number)


_SHORT_ESCAPES: Final = {'"': '\\"', "\\": "\\\\", "/": "\\/", "\b": "\\b", "\f": "\\f"}
_SHORT_ESCAPES.update({"\n": "\\n", "\r": "\\r", "\t": "\\t"})


def _escapes(field: str) -> list[str]:
    """The JSON escapes that could spell a character of ``field``: its short ones
    (``\\/`` for ``/``) and its ``\\uXXXX`` ones, in every mix of hex-digit case.

    A line holding none of them writes the field's name only as ``json.dumps``
    does, so counting that spelling tells whether the name comes twice. Most
    JSON writers escape every non-ASCII character, so a line with ``\\u`` is
    common and must not be parsed twice on that alone.
    """
    short = {_SHORT_ESCAPES[char] for char in field if char in _SHORT_ESCAPES}
    unicode: set[str] = set()
    for char in field:
        # surrogatepass: a lone surrogate (a name of undecodable bytes, --field $'\xff')
        # is the JSON escape \udcff; strict encoding raised UnicodeEncodeError.
        units = char.encode("utf-16-be", "surrogatepass")
        for at in range(0, len(units), 2):  # beyond U+FFFF: the surrogate pair's halves
            digits = units[at : at + 2].hex()
            cases = [(d, d.upper()) if d.isalpha() else (d,) for d in digits]
            unicode.update("\\u" + "".join(mix) for mix in itertools.product(*cases))
    return sorted(short | unicode)


def _field_repeats(line: str, field: str) -> bool:
    """Whether the object on ``line`` names ``field`` twice at its top level.

    ``json`` keeps the last of two values silently, so the statement read
    would depend on which copy came last. This parses the line again, so
    callers screen lines first (see ``_jsonl_records``).
    """
    counts: list[int] = []

    def count(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        counts.append(sum(key == field for key, _value in pairs))
        return dict(pairs)

    json.loads(line, object_pairs_hook=count)
    return counts[-1] > 1  # the outermost object is finished last


def _csv_records(
    lines: Iterable[tuple[str, int]], column: str, name: str, report: Callable[[str, int], None]
) -> Iterator[Record]:
    # numbers[0]: the line last given to csv; numbers[1]: the first line of the record
    # being read (undecodable lines are reported and never reach csv, so the next
    # record's first line is not always the line after the last one).
    numbers: list[int] = [0, 0]
    named = shown_names([column])  # in messages: a long name is cut to 60 characters
    fresh = [True]  # is csv about to start a new record?
    # The (line, text) pairs given to csv for the record being read that hold a quote:
    # a quote left open runs to the end of the input, and these tell the line it opens
    # on (the lines without one are not kept, or such a record would keep them all).
    record: list[tuple[int, str]] = []

    def source() -> Iterator[str]:
        extra = 0  # lines gained so far by splitting at lone carriage returns
        old_mac: bool | None = None  # decided by the header line
        for line, number in lines:
            if old_mac is None:
                # A file that ends its lines with \r (old Mac) reads to csv as one line
                # with newlines "in an unquoted field": that error, on the first line,
                # tells it from a \n file whose quoted fields hold a \r (kept as data).
                try:
                    next_csv_row(csv.reader([line], strict=True))
                    old_mac = False
                except csv.Error:
                    old_mac = "\r" in line.removesuffix("\n").removesuffix("\r")
            if not old_mac:
                mark(number + extra, line)
                yield line
                continue
            for offset, part in enumerate(_split_physical(line)):
                if offset:
                    extra += 1
                piece = part + "\n"
                mark(number + extra, piece)
                yield piece

    def mark(number: int, line: str) -> None:
        numbers[0] = number
        if fresh[0]:
            numbers[1], fresh[0] = number, False
            record.clear()
        if '"' in line:
            record.append((number, line))

    reader = csv.reader(source(), strict=True)
    header: list[str] = []
    try:
        # Blank lines before the header are skipped, as labeled CSV skips them: the
        # first blank line was taken for a header without the column.
        while not any(cell.strip() for cell in header):
            fresh[0] = True
            header = next_csv_row(reader)
    except StopIteration:
        return
    except csv.Error as exc:
        line = csv_open_quote(record) or numbers[1]
        raise InputError(f"unreadable CSV header: {exc}", path=name, line=line) from exc
    if column not in header:
        raise InputError(
            f"no column {named} in the CSV header (columns: {shown_names(header)}; "
            f"use --column){other_delimiter(header)}",
            path=name,
            line=numbers[0],
        )
    if header.count(column) > 1:
        raise InputError(
            f"column {named} appears twice in the CSV header", path=name, line=numbers[0]
        )
    position = header.index(column)
    while True:
        fresh[0] = True
        try:
            row = next_csv_row(reader)
        except StopIteration:
            return
        except csv.Error as exc:  # a quote left open is named where it opens
            report(f"broken CSV row: {exc}", csv_open_quote(record) or numbers[1])
            continue
        start = numbers[1]
        # A blank line is no record, nor is one of empty fields only (",,", as
        # spreadsheets save a row emptied): it was classified as an empty statement.
        if not any(field.strip() for field in row):
            continue
        if len(row) <= position:
            report(f"row has {len(row)} field(s), column {named} is field {position + 1}", start)
            continue
        if (problem := csv_row_too_long(row, header)) is not None:
            report(problem, start)
            continue
        yield Record(row[position], start)
