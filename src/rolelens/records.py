"""Reading statements to classify from files: plain text, JSONL or CSV, streamed.

Theory of operation
-------------------
Input is read as bytes, one physical line at a time, and decoded line by
line, so memory does not grow with the file and a bad byte is reported with
the line it is on. The first bytes choose the encoding: a UTF-16 byte-order
mark means UTF-16 (decoded by a streaming decoder), a UTF-8 BOM is dropped,
anything else must be UTF-8. Latin-1 or other undecodable bytes are an
:class:`~rolelens.errors.InputError` naming the file and line; re-saving the
file as UTF-8 is the fix.

Three formats, chosen by ``input_format`` (``auto`` looks at the file
extension: ``.jsonl``/``.ndjson``/``.json`` is JSONL, ``.csv`` is CSV,
anything else and stdin is plain text):

``text``
    one statement per line; ``\\n``, ``\\r\\n`` and a lone ``\\r`` all end a
    line; blank lines are skipped.
``jsonl``
    one JSON object per line with the statement in ``field`` (default
    ``text``); blank lines are skipped.
``csv``
    a header row, then one record per row with the statement in ``column``
    (default ``text``); quoted fields may span lines.

A record that cannot be used (broken JSON, a missing field, a short CSV
row, a bad byte) raises :class:`InputError` with path and line, unless
``skip_invalid`` is set: then ``on_invalid`` is called with the error and
reading goes on. A problem with the file as a whole (missing, a directory,
a CSV header without the column) always raises.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import json
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO, Final, cast

import attrs

from rolelens.errors import InputError

__all__ = ["INPUT_FORMATS", "Record", "count_lines", "detect_format", "read_records"]

#: Accepted values of ``input_format``.
INPUT_FORMATS: Final = ("auto", "text", "jsonl", "csv")

_JSONL_SUFFIXES: Final = frozenset({".jsonl", ".ndjson", ".json"})
_UTF16_BOMS: Final = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_STDIN_NAME: Final = "<stdin>"


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


def detect_format(path: str, input_format: str = "auto") -> str:
    """The concrete format for ``path``: ``input_format`` unless it is ``auto``.

    >>> detect_format("postings.JSONL")
    'jsonl'
    >>> detect_format("-")
    'text'
    """
    if input_format not in INPUT_FORMATS:
        raise ValueError(f"input_format must be one of {', '.join(INPUT_FORMATS)}")
    if input_format != "auto":
        return input_format
    if path == "-":
        return "text"
    suffix = Path(path).suffix.lower()
    if suffix in _JSONL_SUFFIXES:
        return "jsonl"
    return "csv" if suffix == ".csv" else "text"


def read_records(
    path: str,
    *,
    input_format: str = "auto",
    field: str = "text",
    column: str = "text",
    skip_invalid: bool = False,
    on_invalid: Callable[[InputError], None] | None = None,
) -> Iterator[Record]:
    """Stream the statements in ``path`` (``-`` is stdin) as :class:`Record` values.

    The file is opened when iteration starts and closed when it ends or the
    iterator is closed. See the module docstring for formats and errors.
    """
    fmt = detect_format(path, input_format)
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


def count_lines(path: str) -> int | None:
    """The number of lines in a regular file (a cheap upper bound on its records), or ``None``."""
    if path == "-":
        return None
    try:
        with open(path, "rb") as stream:
            if stream.read(2) in _UTF16_BOMS:
                return None
            stream.seek(0)
            total = 0
            last = b"\n"
            while block := stream.read(1 << 20):
                total += block.count(b"\n")
                last = block[-1:]
            return total + (last != b"\n")
    except OSError:
        return None


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
        return contextlib.nullcontext(sys.stdin.buffer)  # stdin stays open
    target = Path(path)
    if target.is_dir():
        raise InputError("is a directory, expected a file", path=path)
    try:
        return open(target, "rb")  # closed by the caller's with-block
    except FileNotFoundError as exc:
        raise InputError("no such file", path=path) from exc
    except OSError as exc:
        raise InputError(exc.strerror or "cannot open", path=path) from exc


def _decoded_lines(raw: BinaryIO, name: str, report: _Reporter) -> Iterator[tuple[str, int]]:
    """``(line, number)`` pairs, line endings kept, decoded lazily.

    An undecodable line is reported through ``report`` (and skipped when
    that returns).
    """
    raw = _buffered(raw)
    head = bytes(cast(Any, raw).peek(4)[:4])
    if head.startswith(_UTF16_BOMS):
        yield from _utf16_lines(raw, name)
        return
    first = True
    for number, data in enumerate(raw, 1):
        if first:
            first = False
            if data.startswith(codecs.BOM_UTF8):
                data = data[len(codecs.BOM_UTF8) :]
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


def _utf16_lines(raw: BinaryIO, name: str) -> Iterator[tuple[str, int]]:
    decoder = codecs.getincrementaldecoder("utf-16")()
    number = 1
    pending = ""
    while True:
        block = raw.read(1 << 16)
        try:
            text = decoder.decode(block, final=not block)
        except UnicodeDecodeError as exc:
            line = number + pending.count("\n")
            raise InputError(f"invalid UTF-16: {exc.reason}", path=name, line=line) from exc
        pending += text
        parts = pending.split("\n")
        pending = parts.pop()
        for part in parts:
            yield part + "\n", number
            number += 1
        if not block:
            break
    if pending:
        yield pending, number


def _split_physical(line: str) -> list[str]:
    """Split one ``\\n``-terminated line at lone ``\\r`` too (old Mac and mixed files)."""
    body = line.removesuffix("\n").removesuffix("\r")
    return body.split("\r") if "\r" in body else [body]


def _text_records(lines: Iterable[tuple[str, int]]) -> Iterator[Record]:
    extra = 0  # lines gained by splitting at lone carriage returns
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


def _jsonl_records(
    lines: Iterable[tuple[str, int]], field: str, report: _Reporter
) -> Iterator[Record]:
    for line, number in lines:
        if not line.strip():
            continue
        try:
            value = json.loads(line.rstrip("\r\n"))
        except json.JSONDecodeError as exc:
            report(f"invalid JSON (truncated line?): {exc.msg} at column {exc.colno}", number)
            continue
        except RecursionError:
            report("invalid JSON: nested too deeply", number)
            continue
        except ValueError as exc:  # e.g. an integer too long to convert
            report(f"invalid JSON: {exc}", number)
            continue
        if not isinstance(value, dict):
            report(f"expected a JSON object with a {field!r} field", number)
            continue
        text = value.get(field)
        if text is None:
            report(f"no {field!r} field (use --field to name another)", number)
            continue
        if not isinstance(text, str):
            report(f"field {field!r} is {type(text).__name__}, expected a string", number)
            continue
        yield Record(text, number)


def _csv_records(
    lines: Iterable[tuple[str, int]], column: str, name: str, report: _Reporter
) -> Iterator[Record]:
    numbers: list[int] = [0]

    def source() -> Iterator[str]:
        for line, number in lines:
            numbers[0] = number
            yield line

    reader = csv.reader(source(), strict=True)
    try:
        header = next(reader, None)
    except csv.Error as exc:
        raise InputError(f"unreadable CSV header: {exc}", path=name, line=1) from exc
    if header is None:
        return
    if column not in header:
        found = ", ".join(repr(h) for h in header[:10]) or "none"
        raise InputError(
            f"no column {column!r} in the CSV header (columns: {found}; use --column)",
            path=name,
            line=numbers[0],
        )
    position = header.index(column)
    while True:
        start = numbers[0] + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            report(f"broken CSV row: {exc}", start)
            continue
        if not row or (len(row) == 1 and not row[0].strip()):
            continue
        if len(row) <= position:
            report(f"row has {len(row)} field(s), column {column!r} is field {position + 1}", start)
            continue
        yield Record(row[position], start)
