"""Tests for reading input records from files (rolelens.records)."""

from __future__ import annotations

import codecs
import csv
import io
import json
import os
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from rolelens._serialization import (
    MAX_CSV_FIELD,
    WIDE_HEAD_BYTES,
    next_csv_row,
    unmarked_wide_problem,
)
from rolelens.errors import ArgumentError, InputError
from rolelens.examples import read_examples
from rolelens.records import (
    LineBlock,
    Record,
    count_lines,
    detect_format,
    parse_block,
    read_line_blocks,
    read_records,
)
from tests.strategies import file_lines, file_texts

# tmp_path is shared by the examples of one test; every example rewrites the file first.
FILE_PROPERTY = settings(suppress_health_check=[HealthCheck.function_scoped_fixture])


def _read(path: Path, **options: object) -> list[Record]:
    return list(read_records(str(path), **options))  # type: ignore[arg-type]


@FILE_PROPERTY
@given(lines=st.lists(file_lines()))
@example(lines=["\ufeff"])
@example(lines=["\ufeffBuild the roadmap", "\ufeffTrack the plan"])
@example(lines=["a\x00b\x00"])
def test_plain_text_round_trip(tmp_path: Path, lines: list[str]) -> None:
    """Every non-blank line comes back as written, with its 1-based line number.

    A U+FEFF that opens the file is written as the bytes of a UTF-8 BOM, so it is read as
    one and dropped; anywhere else it is text. Text whose first bytes are mostly NULs
    beside ASCII characters cannot be told from UTF-16 or UTF-32 without a BOM: refused.
    """
    path = tmp_path / "in.txt"
    path.write_text("\n".join(lines), encoding="utf-8", newline="")
    if unmarked_wide_problem(path.read_bytes()) is not None:
        with pytest.raises(InputError, match="without a byte-order mark"):
            _read(path)
        return
    read_as = [line.removeprefix("\ufeff") if n == 1 else line for n, line in enumerate(lines, 1)]
    expected = [Record(line, n) for n, line in enumerate(read_as, 1) if line.strip()]
    assert _read(path) == expected


@FILE_PROPERTY
@given(texts=st.lists(file_texts()))
def test_jsonl_round_trip(tmp_path: Path, texts: list[str]) -> None:
    """Any string stored in the text field of a JSONL line is read back exactly."""
    path = tmp_path / "in.jsonl"
    body = "".join(json.dumps({"text": t, "id": n}) + "\n" for n, t in enumerate(texts))
    path.write_text(body, encoding="utf-8")
    assert _read(path) == [Record(t, n) for n, t in enumerate(texts, 1)]


@FILE_PROPERTY
@given(texts=st.lists(file_texts()))
def test_csv_round_trip(tmp_path: Path, texts: list[str]) -> None:
    """Any string written by the csv module (newlines, quotes, commas) is read back exactly."""
    path = tmp_path / "in.csv"
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["id", "text"])
        writer.writerows([n, t] for n, t in enumerate(texts))
    if unmarked_wide_problem(path.read_bytes()) is not None:  # see the plain-text round trip
        with pytest.raises(InputError, match="without a byte-order mark"):
            _read(path)
        return
    got = _read(path)
    assert [r.text for r in got] == texts
    lines = [r.line for r in got]
    assert lines == sorted(set(lines))
    assert all(line >= 2 for line in lines)


def test_line_endings_of_every_kind(tmp_path: Path) -> None:
    """\\n, \\r\\n and a lone \\r all end a line; blank lines are skipped but counted."""
    path = tmp_path / "mixed.txt"
    path.write_bytes(b"first\r\nsecond\rthird\n\n  \nfifth")
    assert _read(path) == [
        Record("first", 1),
        Record("second", 2),
        Record("third", 3),
        Record("fifth", 6),
    ]


def test_jsonl_with_old_mac_line_ends(tmp_path: Path) -> None:
    """JSON Lines ending in a lone \r is read record by record, numbered as plain text
    numbers its lines, as labeled JSON Lines already was; it was one "line" of
    "invalid JSON: Extra data". A raw \r cannot be inside a JSON string."""
    path = tmp_path / "old_mac.jsonl"
    path.write_bytes(b'{"text": "Own the roadmap"}\r\r{"text": "Track it"\r{"text": "Ship"}\r\n')
    errors: list[InputError] = []
    got = _read(path, skip_invalid=True, on_invalid=errors.append)
    assert got == [Record("Own the roadmap", 1), Record("Ship", 4)]
    assert [(e.line, "invalid JSON" in e.problem) for e in errors] == [(3, True)]
    labeled = tmp_path / "labeled.jsonl"
    labeled.write_bytes(
        b'{"text": "Own it", "label": "product"}\r{"text": "Plan", "label": "project"}'
    )
    assert [r.text for r in _read(labeled)] == [e.text for e in read_examples(labeled)]


def test_csv_with_old_mac_line_ends(tmp_path: Path) -> None:
    """A CSV whose lines end in a lone \\r is read row by row, with the right line numbers;
    in a \\n file, a lone \\r inside a quoted field stays data."""
    old_mac = tmp_path / "old_mac.csv"
    old_mac.write_bytes(b'id,text\r1,Own the roadmap\r\r3,"Track the\rschedule"\r')
    assert _read(old_mac) == [
        Record("Own the roadmap", 2),
        Record("Track the\nschedule", 4),
    ]
    unix = tmp_path / "unix.csv"
    unix.write_bytes(b'id,text\n1,"Own the\rroadmap"\n')
    assert _read(unix) == [Record("Own the\rroadmap", 2)]
    # An old Mac file that ends with one \n is still read row by row.
    trailing = tmp_path / "trailing.csv"
    trailing.write_bytes(b"id,text\r1,Own the roadmap\r2,Track it\n")
    assert _read(trailing) == [Record("Own the roadmap", 2), Record("Track it", 3)]
    # A quoted \r in the header of a \n file is data too, not an old Mac line end.
    quoted = tmp_path / "quoted.csv"
    quoted.write_bytes(b'"i\rd",text\n1,"a\rb"\n')
    assert _read(quoted) == [Record("a\rb", 2)]


@pytest.mark.parametrize(
    ("data", "name"),
    [
        ("\ufeffOwn the roadmap\nTrack the plan\n".encode(), "utf-8 with BOM"),
        ("Own the roadmap\nTrack the plan\n".encode("utf-16"), "utf-16 with BOM"),
        (b"\xfe\xff" + "Own the roadmap\nTrack the plan\n".encode("utf-16-be"), "utf-16-be"),
        (b"\xff\xfe" + "Own the roadmap\r\nTrack the plan".encode("utf-16-le"), "utf-16-le crlf"),
        # A UTF-32-LE mark starts with the UTF-16-LE one; read as UTF-16 it gave NULs.
        ("Own the roadmap\nTrack the plan\n".encode("utf-32"), "utf-32 with BOM"),
        (b"\x00\x00\xfe\xff" + "Own the roadmap\nTrack the plan".encode("utf-32-be"), "utf-32-be"),
    ],
)
def test_byte_order_marks_are_honoured(tmp_path: Path, data: bytes, name: str) -> None:
    """UTF-8, UTF-16 and UTF-32 files with a BOM read as the same two records."""
    path = tmp_path / "bom.txt"
    path.write_bytes(data)
    assert _read(path) == [Record("Own the roadmap", 1), Record("Track the plan", 2)], name


#: Encodings whose text, without a byte-order mark, has NULs beside each ASCII character.
_UNMARKED = {"utf-16-le": "UTF-16", "utf-16-be": "UTF-16", "utf-32-le": "UTF-32"}
_UNMARKED["utf-32-be"] = "UTF-32"
_STATEMENTS = {
    "text": "Own the roadmap\nTrack the plan\n",
    "jsonl": '{"text": "Own the roadmap"}\n{"text": "Track the plan"}\n',
    "csv": 'id,text\n1,Own the roadmap\n2,"Track the plan"\n',
}


@pytest.mark.parametrize("fmt", sorted(_STATEMENTS))
@pytest.mark.parametrize("encoding", sorted(_UNMARKED))
def test_utf16_and_utf32_without_bom_are_refused(tmp_path: Path, encoding: str, fmt: str) -> None:
    """UTF-16 or UTF-32 without a byte-order mark is refused as a whole, naming the file:
    read as UTF-8 it held a NUL beside each character, and every line classified as other.
    skip_invalid cannot skip it: no record of the file could be read right."""
    path = tmp_path / f"wide.{fmt}"
    path.write_bytes(_STATEMENTS[fmt].encode(encoding))
    for options in ({}, {"skip_invalid": True, "on_invalid": lambda error: None}):
        with pytest.raises(InputError) as caught:
            _read(path, input_format=fmt, **options)
        assert caught.value.path == str(path)
        assert caught.value.line is None
        assert str(caught.value) == (
            f"{path}: looks like {_UNMARKED[encoding]} text without a byte-order mark "
            "(NUL or control bytes between the characters); re-save the file as UTF-8"
        )
    if fmt != "csv":
        with pytest.raises(InputError, match="without a byte-order mark"):
            next(read_line_blocks(str(path), input_format=fmt))


def test_utf16_without_bom_on_stdin_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """'-' goes the same way: standard input in UTF-16 without a BOM is refused, named."""
    raw = io.BytesIO("Plan the release\nTalk to users\n".encode("utf-16-le"))
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(raw))
    with pytest.raises(InputError, match=r"^<stdin>: looks like UTF-16 text without"):
        list(read_records("-"))


@given(
    text=st.text(st.characters(min_codepoint=1, max_codepoint=0x7F), min_size=2, max_size=300),
    encoding=st.sampled_from(sorted(_UNMARKED)),
)
def test_ascii_in_utf16_or_utf32_without_bom_is_named(text: str, encoding: str) -> None:
    """Any ASCII text of two characters or more, in UTF-16 or UTF-32 without a BOM, is
    named as that encoding, however long (only the first block is looked at)."""
    problem = unmarked_wide_problem((text * 50).encode(encoding))
    assert problem is not None
    assert problem.startswith(f"looks like {_UNMARKED[encoding]} text without a byte-order mark")


@given(
    words=st.lists(
        st.text(st.characters(min_codepoint=0x370, max_codepoint=0x1FFF), min_size=1),
        min_size=3,
        max_size=40,
    ),
    encoding=st.sampled_from(sorted(_UNMARKED)),
)
@example(words=["Вести", "дорожную", "карту"], encoding="utf-16-le")
@example(words=["ניהול", "מפת", "הדרכים"], encoding="utf-16-be")
@example(words=["उत्पाद", "की", "दिशा"], encoding="utf-32-le")
def test_non_latin_utf16_or_utf32_without_bom_is_named(words: list[str], encoding: str) -> None:
    """Text in Greek, Cyrillic, Hebrew, Arabic, the Indic scripts... (below U+2000) has
    no NUL beside most characters, only beside its spaces; in UTF-16 or UTF-32 without a
    BOM it still is named (read as UTF-8 it was taken for text of control characters)."""
    problem = unmarked_wide_problem(" ".join(words).encode(encoding))
    assert problem is not None
    assert problem.startswith(f"looks like {_UNMARKED[encoding]} text without a byte-order mark")


@pytest.mark.parametrize("encoding", sorted(_UNMARKED))
def test_mostly_ascii_utf16_without_bom_is_refused(tmp_path: Path, encoding: str) -> None:
    """Text with some letters beyond ASCII (Latin-1 ones have a NUL too, others not) is
    still told by its NULs."""
    path = tmp_path / "wide.txt"
    path.write_bytes("Gérer la feuille de route, Ωmega, 製品 — Straße\n".encode(encoding))
    with pytest.raises(InputError, match=f"looks like {_UNMARKED[encoding]} text"):
        _read(path)


@FILE_PROPERTY
@given(lines=st.lists(file_lines(), min_size=1), data=st.data())
def test_utf8_with_one_nul_is_read(tmp_path: Path, lines: list[str], data: st.DataObject) -> None:
    """A single NUL anywhere in UTF-8 text never has it refused: the NUL is the character
    U+0000, kept in its statement like any other."""
    text = "\n".join(line.replace("\x00", "") for line in lines)
    at = data.draw(st.integers(0, len(text)))
    text = text[:at] + "\x00" + text[at:]
    path = tmp_path / "nul.txt"
    path.write_text(text, encoding="utf-8", newline="")
    assert unmarked_wide_problem(path.read_bytes()) is None
    read_as = text.removeprefix("\ufeff").split("\n")
    assert _read(path) == [Record(line, n) for n, line in enumerate(read_as, 1) if line.strip()]


def test_nuls_in_utf8_are_characters(tmp_path: Path) -> None:
    """Stray NULs in a UTF-8 file are text (and in JSONL a bad record, as JSON has it); only
    the first block is looked at, so NULs after it are never taken for UTF-16."""
    path = tmp_path / "nul.txt"
    path.write_bytes(b"Own the\x00 roadmap\x00\nTrack\x00 the plan\n")
    assert _read(path) == [Record("Own the\x00 roadmap\x00", 1), Record("Track\x00 the plan", 2)]
    table = tmp_path / "nul.csv"
    table.write_bytes(b"id,text\n1,Own\x00 the roadmap\n")
    assert _read(table) == [Record("Own\x00 the roadmap", 2)]
    lines = tmp_path / "nul.jsonl"
    lines.write_bytes(b'{"text": "Own\x00 the roadmap"}\n{"text": "Track the plan"}\n')
    seen: list[InputError] = []
    assert _read(lines, skip_invalid=True, on_invalid=seen.append) == [Record("Track the plan", 2)]
    assert [(e.line, e.problem.startswith("invalid JSON")) for e in seen] == [(1, True)]
    late = tmp_path / "late.txt"
    first = b"Own the roadmap\n" * (WIDE_HEAD_BYTES // 16 + 1)
    wide = "Track the plan".encode("utf-16-le")
    late.write_bytes(first + wide + b"\n")
    records = _read(late)
    assert records[-1] == Record(wide.decode(), len(records))


@pytest.mark.timeout(60)
def test_stdin_is_not_read_ahead_to_look_for_utf16(monkeypatch: pytest.MonkeyPatch) -> None:
    """The first record of a pipe comes as soon as its line does: telling UTF-16 without a
    BOM looks at what one read brings, and does not wait for a whole block."""
    read_end, write_end = os.pipe()
    try:
        os.write(write_end, b"Own the roadmap\n")
        with open(read_end, "rb", closefd=False) as raw:
            monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(raw))
            records = read_records("-")
            got: list[Record] = []
            reader = threading.Thread(target=lambda: got.append(next(records)), daemon=True)
            reader.start()
            reader.join(timeout=20)
            assert got == [Record("Own the roadmap", 1)]
            os.close(write_end)
            write_end = -1
            assert list(records) == []
    finally:
        for fd in (read_end, write_end):
            if fd >= 0:
                os.close(fd)


def test_latin1_bytes_name_file_and_line(tmp_path: Path) -> None:
    """A Latin-1 byte is an InputError with the file, the line and the byte."""
    path = tmp_path / "latin1.txt"
    path.write_bytes(b"Own the roadmap\nManage the caf\xe9 budget\n")
    with pytest.raises(InputError) as caught:
        _read(path)
    assert caught.value.line == 2
    assert caught.value.path == str(path)
    assert "0xe9" in str(caught.value)
    assert f"{path}:2:" in str(caught.value)


def test_skip_invalid_reports_and_continues(tmp_path: Path) -> None:
    """With skip_invalid, each bad record goes to on_invalid and the good ones still come."""
    path = tmp_path / "bad.jsonl"
    path.write_bytes(
        b'{"text": "one"}\n{"text": \n[1, 2]\n{"other": "x"}\n{"text": 5}\n'
        b'{"text": "caf\xe9"}\n{"text": "six"}\n'
    )
    seen: list[InputError] = []
    got = _read(path, skip_invalid=True, on_invalid=seen.append)
    assert got == [Record("one", 1), Record("six", 7)]
    assert [e.line for e in seen] == [2, 3, 4, 5, 6]
    assert all(e.path == str(path) for e in seen)


def test_csv_lines_after_an_undecodable_line_keep_their_numbers(tmp_path: Path) -> None:
    """A line that is not UTF-8 is reported and skipped; the records after it keep
    their own line numbers (they were one too low: the skipped line was not counted)."""
    path = tmp_path / "bad.csv"
    path.write_bytes(b'id,text\n1,caf\xe9\n2,end\n\n3,"two\nlines"\n4,"broken\n')
    seen: list[InputError] = []
    got = _read(path, column="text", skip_invalid=True, on_invalid=seen.append)
    assert got == [Record("end", 3), Record("two\nlines", 5)]
    assert [e.line for e in seen] == [2, 7]
    assert "not valid UTF-8" in str(seen[0])
    assert "broken CSV row" in str(seen[1])


@pytest.mark.parametrize(
    ("body", "line", "words"),
    [
        (b'{"text": "ok"}\n{"text": "cut', 2, "invalid JSON"),
        (b'{"text": "ok"}\n\n"just a string"\n', 3, "JSON object"),
        (b'{"statement": "ok"}\n', 1, "no 'text' field"),
        (b'{"text": null}\n', 1, "field 'text' is null"),
        (b'{"text": ["a"]}\n', 1, "list"),
    ],
)
def test_bad_jsonl_lines(tmp_path: Path, body: bytes, line: int, words: str) -> None:
    """Truncated or wrong JSONL lines raise InputError at the right line."""
    path = tmp_path / "bad.jsonl"
    path.write_bytes(body)
    with pytest.raises(InputError, match=words) as caught:
        _read(path)
    assert caught.value.line == line


def test_jsonl_field_option(tmp_path: Path) -> None:
    """field names which JSON key holds the statement."""
    path = tmp_path / "in.ndjson"
    path.write_text('{"bullet": "Plan the sprint"}\n', encoding="utf-8")
    assert _read(path, field="bullet") == [Record("Plan the sprint", 1)]


def test_csv_without_the_column(tmp_path: Path) -> None:
    """A CSV header without the column is an InputError on line 1 that lists the columns."""
    path = tmp_path / "in.csv"
    path.write_text("id,bullet\n1,Plan the sprint\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"no column 'text'.*'bullet'") as caught:
        _read(path)
    assert caught.value.line == 1
    assert _read(path, column="bullet") == [Record("Plan the sprint", 2)]


def test_csv_without_the_column_is_fatal_even_when_skipping(tmp_path: Path) -> None:
    """skip_invalid skips records, not a whole file that lacks the column: the error is
    the missing-column one, on line 1, raised rather than handed to on_invalid."""
    path = tmp_path / "in.csv"
    path.write_text("id,bullet\n1,x\n", encoding="utf-8")
    seen: list[InputError] = []
    with pytest.raises(
        InputError, match=r"^.*:1: no column 'text' in the CSV header \(columns: 'id', 'bullet';"
    ) as caught:
        _read(path, skip_invalid=True, on_invalid=seen.append)
    assert caught.value.line == 1
    assert caught.value.path == str(path)
    assert seen == []


def test_short_csv_row(tmp_path: Path) -> None:
    """A CSV row too short to have the column is reported at its own line."""
    path = tmp_path / "in.csv"
    path.write_text('id,text\n1,"two\nlines"\n2\n3,fine\n', encoding="utf-8")
    with pytest.raises(InputError, match="field") as caught:
        _read(path)
    assert caught.value.line == 4
    seen: list[InputError] = []
    assert _read(path, skip_invalid=True, on_invalid=seen.append) == [
        Record("two\nlines", 2),
        Record("fine", 5),
    ]
    assert [e.line for e in seen] == [4]


def test_missing_file_and_directory(tmp_path: Path) -> None:
    """A missing file or a directory is an InputError naming the path."""
    with pytest.raises(InputError, match="No such file or directory"):
        _read(tmp_path / "absent.txt")
    with pytest.raises(InputError, match="is a directory"):
        _read(tmp_path)


def test_records_are_streamed(tmp_path: Path) -> None:
    """Records come one at a time: a bad line late in the file does not stop earlier ones."""
    path = tmp_path / "late.txt"
    path.write_bytes(b"one\ntwo\n\xff\n")
    records = read_records(str(path))
    assert next(records) == Record("one", 1)
    assert next(records) == Record("two", 2)
    with pytest.raises(InputError, match=r"not valid UTF-8 \(byte 0xff at column 1\)") as caught:
        next(records)
    assert caught.value.line == 3
    assert caught.value.path == str(path)


def test_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    """'-' reads standard input as bytes, BOM-aware."""
    raw = io.BytesIO("Plan the release\nTalk to users\n".encode("utf-16"))
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(raw))
    assert list(read_records("-")) == [Record("Plan the release", 1), Record("Talk to users", 2)]


@pytest.mark.parametrize(
    ("path", "fmt", "expected"),
    [
        ("a.jsonl", "auto", "jsonl"),
        ("a.NDJSON", "auto", "jsonl"),
        ("a.json", "auto", "jsonl"),
        ("a.csv", "auto", "csv"),
        ("a.txt", "auto", "text"),
        ("a", "auto", "text"),
        ("-", "auto", "text"),
        ("a.csv", "text", "text"),
    ],
)
def test_detect_format(path: str, fmt: str, expected: str) -> None:
    """auto picks the format from the extension; an explicit format wins."""
    assert detect_format(path, fmt) == expected


def test_unknown_format_is_rejected() -> None:
    """An unknown input_format is a ValueError naming the choices."""
    with pytest.raises(ValueError, match="auto, text, jsonl, csv"):
        detect_format("a.txt", "xml")


@pytest.mark.parametrize(
    ("args", "error", "message"),
    [
        (("a.txt", None), TypeError, "input_format must be a str, got NoneType"),
        (("a.txt", 5), TypeError, "input_format must be a str, got int"),
        ((b"a.csv",), TypeError, "path must be a str or os.PathLike, got bytes"),
        (("a.txt", "JSONL"), ArgumentError, "csv, got 'JSONL'$"),
    ],
)
def test_detect_format_names_a_wrong_type_and_the_value_given(
    args: tuple[object, ...], error: type[Exception], message: str
) -> None:
    """An ``input_format`` of the wrong type was an ``ArgumentError`` ("must be one of
    auto, text, jsonl, csv", naming nothing given), a bytes ``path`` a ``TypeError``
    from ``pathlib`` about "argument"; an unknown format did not say what it got."""
    loose: Callable[..., object] = detect_format
    with pytest.raises(error, match=message):
        loose(*args)
    reader: Callable[..., object] = read_records
    with pytest.raises(TypeError, match="input_format must be a str, got NoneType"):
        reader("a.txt", input_format=None)
    assert detect_format(Path("a.NDJSON")) == "jsonl"


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.lists(st.sampled_from([b"a", b"b c", b"", b"\n", b"\r", b"\r\n"])).map(b"".join))
@example(data=b"a\rb\rc")
@example(data=b"a\r\rb\r\n\r")
def test_count_lines_ends_a_line_where_the_readers_do(tmp_path: Path, data: bytes) -> None:
    """A lone \r ends a line as \n and \r\n do: the progress total of a file saved with
    old Mac line ends was 1 (it has no \n), however many records it held."""
    path = tmp_path / "cr.txt"
    path.write_bytes(data)
    ends = data.count(b"\n") + data.count(b"\r") - data.count(b"\r\n")
    unended = bool(data) and data[-1:] not in (b"\n", b"\r")
    assert count_lines(str(path)) == ends + unended
    # Every non-blank line is a text record: never more records than lines.
    assert len(list(read_records(str(path), input_format="text"))) <= ends + unended


def test_count_lines_joins_a_crlf_split_between_reads(tmp_path: Path) -> None:
    """A \r\n whose \r ends one read of the file and whose \n starts the next is one line end."""
    path = tmp_path / "split.txt"
    head = b"x" * ((1 << 20) - 1)
    path.write_bytes(head + b"\r\nb\rc\n")
    assert count_lines(str(path)) == 3
    path.write_bytes(head + b"\r\rb")  # two lone \r, one at the end of the first read
    assert count_lines(str(path)) == 3


def test_count_lines_refuses_a_path_that_is_no_path(tmp_path: Path) -> None:
    """``count_lines(None)`` raised Python's own "stat: path should be string, bytes,
    os.PathLike or integer, not NoneType", and an int was taken for a file descriptor,
    counted and closed; both are now the TypeError read_records gives, naming ``path``.
    A ``pathlib.Path`` is counted as its ``str`` is."""
    path = tmp_path / "n.txt"
    path.write_bytes(b"a\nb\nc")
    assert count_lines(path) == count_lines(str(path)) == 3
    with pytest.raises(TypeError, match=r"^path must be a str or os.PathLike, got NoneType$"):
        count_lines(None)  # type: ignore[arg-type]
    descriptor = os.open(path, os.O_RDONLY)
    try:
        with pytest.raises(TypeError, match=r"^path must be a str or os.PathLike, got int$"):
            count_lines(descriptor)  # type: ignore[arg-type]
        assert os.read(descriptor, 10) == b"a\nb\nc"  # still open, and not read
    finally:
        os.close(descriptor)


def test_count_lines(tmp_path: Path) -> None:
    """count_lines counts lines with or without a final newline; None for stdin or a pipe."""
    path = tmp_path / "n.txt"
    path.write_bytes(b"a\nb\nc")
    assert count_lines(str(path)) == 3
    path.write_bytes(b"a\nb\n")
    assert count_lines(str(path)) == 2
    assert count_lines("-") is None
    assert count_lines(str(tmp_path / "absent")) is None
    read_end, write_end = os.pipe()  # a pipe is not read: what it holds is not counted
    try:
        os.write(write_end, b"a\nb\n")
        os.close(write_end)
        assert count_lines(f"/dev/fd/{read_end}") is None
        assert os.read(read_end, 10) == b"a\nb\n"
    finally:
        os.close(read_end)


@FILE_PROPERTY
@given(data=st.binary(max_size=300), fmt=st.sampled_from(["text", "jsonl", "csv"]))
def test_any_bytes_give_records_or_an_input_error(tmp_path: Path, data: bytes, fmt: str) -> None:
    """Whatever bytes a file holds, reading it yields records or raises InputError, nothing else."""
    path = tmp_path / "any.bin"
    path.write_bytes(data)
    problem: InputError | None = None
    records: list[Record] = []
    try:
        records = _read(path, input_format=fmt)
    except InputError as exc:
        problem = exc
    assert all(isinstance(r.text, str) for r in records)
    assert problem is None or problem.path == str(path)


#: The problems that concern a whole file, which skip_invalid cannot skip.
_WHOLE_FILE_PROBLEMS = {
    "csv": ("unreadable CSV header:", "no column 'text' in the CSV header"),
    "bom": ("invalid UTF-16:", "invalid UTF-32:"),
}


#: Rows a CSV file may hold: good, short, broken, undecodable, spanning lines, unterminated.
_CSV_ROW_KINDS = (b"1,Own the roadmap", b"2", b'3,"a"b', b"4,caf\xe9", b'5,"x\ny"', b'6,"open')
_CSV_ROWS = st.lists(
    st.one_of(st.sampled_from(_CSV_ROW_KINDS), st.binary(max_size=12)), max_size=8
).map(b"\n".join)


@pytest.mark.parametrize("fmt", ["text", "jsonl", "csv"])
@FILE_PROPERTY
@given(
    head=st.sampled_from([b"", b"id,text\n", b"text\r\n", b'"text",id\n']),
    data=st.one_of(st.binary(max_size=300), _CSV_ROWS),
)
def test_skip_invalid_never_raises_for_a_bad_record(
    tmp_path: Path, fmt: str, head: bytes, data: bytes
) -> None:
    """With skip_invalid only a whole-file problem (CSV header, UTF-16/32 stream) may still raise.

    The bytes mostly follow a good CSV header, so broken, short and undecodable
    CSV rows come up too: those are reported to on_invalid, never raised.
    """
    path = tmp_path / "any.bin"
    path.write_bytes(head + data)
    problem: InputError | None = None
    seen: list[InputError] = []
    try:
        _read(path, input_format=fmt, skip_invalid=True, on_invalid=seen.append)
    except InputError as exc:
        problem = exc
    if problem is not None:
        allowed: tuple[str, ...] = _WHOLE_FILE_PROBLEMS["csv"] if fmt == "csv" else ()
        if (head + data).startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")):
            allowed += _WHOLE_FILE_PROBLEMS["bom"]
        elif unmarked_wide_problem(head + data) is not None:
            allowed += ("looks like UTF-16 text", "looks like UTF-32 text")
        assert problem.problem.startswith(allowed), problem
        assert problem.path == str(path)
    assert all(e.path == str(path) and e.line is not None and e.line >= 1 for e in seen)


def test_huge_json_integer_is_an_input_error(tmp_path: Path) -> None:
    """An integer too long for Python's int conversion limit is a bad record, not a crash."""
    path = tmp_path / "big.jsonl"
    path.write_text('{"text": "ok", "n": ' + "9" * 5000 + "}\n", encoding="utf-8")
    with pytest.raises(InputError, match="invalid JSON") as caught:
        _read(path)
    assert caught.value.line == 1


# -- blocks of lines (what the command line hands to its workers) ------------------

_PIECES = st.sampled_from(
    [
        b"Own the roadmap",
        b"Track the budget",
        b"",
        b"   ",
        b'{"text": "Plan the sprint"}',
        b'{"text": 7}',
        b'{"other": "x"}',
        b"[1, 2]",
        b'{"text": "cut',
        b"caf\xc3\xa9 launch",
        b"latin \xe9 byte",
        b"one\rtwo",
        b"\r",
    ]
)
_ENDS = st.sampled_from([b"\n", b"\r\n", b"\r\r\n"])


def _via_blocks(
    path: Path, fmt: str, lines: int
) -> tuple[list[tuple[int, str]], list[tuple[str, int]]]:
    records: list[tuple[int, str]] = []
    problems: list[tuple[str, int]] = []
    for block in read_line_blocks(str(path), input_format=fmt, lines=lines):
        found, bad = parse_block(block, input_format=fmt)
        records += found
        problems += bad
    return records, problems


def _via_records(path: Path, fmt: str) -> tuple[list[tuple[int, str]], list[tuple[str, int]]]:
    errors: list[InputError] = []
    records = _read(path, input_format=fmt, skip_invalid=True, on_invalid=errors.append)
    return [(r.line, r.text) for r in records], [(e.problem, e.line or 0) for e in errors]


@FILE_PROPERTY
@given(
    rows=st.lists(st.tuples(_PIECES, _ENDS), max_size=30),
    last=_PIECES,
    bom=st.booleans(),
    fmt=st.sampled_from(["text", "jsonl"]),
    lines=st.integers(1, 7),
)
def test_blocks_give_what_records_give(
    tmp_path: Path,
    rows: list[tuple[bytes, bytes]],
    last: bytes,
    bom: bool,
    fmt: str,
    lines: int,
) -> None:
    """Parsed block by block, any text or JSONL file gives read_records' records and problems.

    Same texts, same line numbers (lone carriage returns counted across
    blocks), same problems in the same order, whatever the block size.
    """
    path = tmp_path / "in.bin"
    data = b"".join(piece + end for piece, end in rows) + last
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)
    assert _via_blocks(path, fmt, lines) == _via_records(path, fmt)


def test_a_block_numbers_its_records_from_first_plus_extra(tmp_path: Path) -> None:
    """As ``LineBlock`` and ``read_line_blocks`` now say: blocks count the lines
    ``\\n`` ends, a line a lone ``\\r`` ends sits inside one, and a block's records
    are numbered from ``first + extra`` (``first`` was called "the number of the
    first line in the input", which it is not once a lone ``\\r`` came before)."""
    path = tmp_path / "mac.txt"
    path.write_bytes(b"Own it\rTrack it\r\nShip it\nPlan it")
    blocks = list(read_line_blocks(path, lines=2))
    assert [(b.data, b.first, b.extra) for b in blocks] == [
        (b"Own it\rTrack it\r\nShip it\n", 1, 0),
        (b"Plan it", 3, 1),
    ]
    records, problems = parse_block(blocks[1], input_format="text")
    assert (records, problems) == ([(4, "Plan it")], [])
    assert [r.line for r in read_records(str(path))] == [1, 2, 3, 4]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32"])
def test_utf16_blocks_are_reencoded(tmp_path: Path, encoding: str) -> None:
    """A UTF-16 or UTF-32 file is read in blocks of UTF-8 lines, numbered as read_records does."""
    path = tmp_path / "in.txt"
    path.write_bytes("Own the roadmap\r\n\r\nTrack the budget\n".encode(encoding))
    assert count_lines(str(path)) is None  # no b"\n" bytes to count
    assert _via_blocks(path, "text", 2) == _via_records(path, "text")
    assert _via_blocks(path, "text", 2)[0] == [(1, "Own the roadmap"), (3, "Track the budget")]


def test_blocks_refuse_csv_and_bad_sizes(tmp_path: Path) -> None:
    """CSV rows may span lines, so blocks are for text and JSONL only; sizes must be >= 1."""
    path = tmp_path / "in.csv"
    path.write_text("text\nOwn the roadmap\n", encoding="utf-8")
    with pytest.raises(ValueError, match="CSV"):
        next(read_line_blocks(str(path)))
    with pytest.raises(ValueError, match="at least 1"):
        next(read_line_blocks(str(path), input_format="text", lines=0))
    with pytest.raises(ValueError, match="input_format"):
        parse_block(LineBlock(b"x\n", 1), input_format="csv")


@pytest.mark.parametrize(
    ("lines", "error", "message"),
    [
        (1.5, TypeError, "^lines must be an int, got float$"),
        ("2000", TypeError, "^lines must be an int, got str$"),
        (True, TypeError, "^lines must be an int, got bool$"),
        (sys.maxsize + 1, ArgumentError, "^lines must be at most "),
        # the message's {:.3g} raised OverflowError past a float's range
        pytest.param(
            10**400, ArgumentError, r"^lines must be at most \d+, got 1\.00e\+400$", id="1e400"
        ),
        pytest.param(
            -(10**5000),
            ArgumentError,
            r"^lines must be at least 1, got -1\.00e\+5000$",
            id="minus-1e5000",
        ),
    ],
)
def test_block_sizes_are_checked_when_called(
    tmp_path: Path, lines: object, error: type[Exception], message: str
) -> None:
    """``lines`` is checked as ``chunk_size`` is, and every argument when the function is
    called, as read_records checks them: a float or a number past ``sys.maxsize`` gave
    islice's "Stop argument for islice() must be None or an integer", a str "'<' not
    supported", and a CSV path or a ``None`` path raised only when the first block was
    read, far from the call."""
    path = tmp_path / "in.txt"
    path.write_text("Own the roadmap\n", encoding="utf-8")
    with pytest.raises(error, match=message):
        read_line_blocks(str(path), lines=lines)  # type: ignore[arg-type]
    with pytest.raises(ArgumentError, match="CSV"):
        read_line_blocks(str(tmp_path / "in.csv"))
    with pytest.raises(TypeError, match=r"^path must be a str or os\.PathLike, got NoneType$"):
        read_line_blocks(None)  # type: ignore[arg-type]
    assert [block.data for block in read_line_blocks(path, lines=sys.maxsize)] == [
        b"Own the roadmap\n"
    ]


def test_a_block_that_is_no_block_of_bytes_is_named() -> None:
    """``parse_block`` and ``LineBlock`` refuse what they cannot read, naming it: a str of
    lines gave "a bytes-like object is required, not 'str'" from deep inside
    ``parse_block``, and a str given for the block "'str' object has no attribute 'data'"."""
    with pytest.raises(TypeError, match=r"^LineBlock\.data must be a bytes, got str$"):
        LineBlock("Own the roadmap\n", 1)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"^LineBlock\.first must be an int, got str$"):
        LineBlock(b"Own the roadmap\n", "1")  # type: ignore[arg-type]
    with pytest.raises(ArgumentError, match=r"^LineBlock\.first must be at least 1, got 0$"):
        LineBlock(b"Own the roadmap\n", 0)
    with pytest.raises(ArgumentError, match=r"^LineBlock\.extra must be at least 0, got -1$"):
        LineBlock(b"Own the roadmap\n", 1, -1)
    with pytest.raises(TypeError, match=r"^block must be a LineBlock, got str$"):
        parse_block("Own the roadmap\n", input_format="text")  # type: ignore[arg-type]
    assert parse_block(LineBlock(b"Own the roadmap\n", 4, 1), input_format="text") == (
        [(5, "Own the roadmap")],
        [],
    )


def test_a_byte_order_mark_opening_a_later_jsonl_line_is_dropped(tmp_path: Path) -> None:
    """JSON Lines files joined with ``cat``, the second saved with a byte-order mark, broke
    at the line where they meet: "Unexpected UTF-8 BOM (decode using utf-8-sig)". The mark
    is dropped there as at the start of the input, by both readers; a mark alone on a
    line is a blank line."""
    path = tmp_path / "joined.jsonl"
    bom = codecs.BOM_UTF8
    path.write_bytes(
        bom
        + b'{"text": "Own the roadmap"}\n'
        + bom
        + b'{"text": "Track the budget"}\n'
        + bom
        + b"\n"
    )
    expected = [Record("Own the roadmap", 1), Record("Track the budget", 2)]
    assert list(read_records(str(path))) == expected
    blocks = [parse_block(block, input_format="jsonl") for block in read_line_blocks(path, lines=1)]
    assert [found for records, problems in blocks for found in records] == [
        (1, "Own the roadmap"),
        (2, "Track the budget"),
    ]
    assert all(not problems for _records, problems in blocks)


def test_blocks_of_a_missing_file_are_an_input_error(tmp_path: Path) -> None:
    """Problems with the file as a whole raise as read_records raises them."""
    with pytest.raises(InputError, match="No such file or directory"):
        next(read_line_blocks(str(tmp_path / "absent.txt")))
    with pytest.raises(InputError, match="directory"):
        next(read_line_blocks(str(tmp_path)))


@pytest.mark.parametrize(
    "line",
    [
        '{"text": "Ship the release on time", "text": "Own the product roadmap"}',
        '{"text": "Ship the release on time", "te\\u0078t": "Own the product roadmap"}',
        '{"id": {"text": "nested is fine"}, "text": "a", "text": "b"}',
    ],
    ids=["plain", "escaped-name", "beside-a-nested-object"],
)
def test_a_field_given_twice_is_a_bad_record(tmp_path: Path, line: str) -> None:
    """json keeps the last of two values for one key, so which statement was
    classified depended on the order of the copies; the record is refused, with or
    without --skip-invalid, and the records around it are read."""
    path = tmp_path / "in.jsonl"
    path.write_text(f'{{"text": "first"}}\n{line}\n{{"text": "last"}}\n', encoding="utf-8")
    with pytest.raises(InputError, match="field 'text' appears twice in one object") as caught:
        _read(path)
    assert caught.value.line == 2
    skipped: list[InputError] = []
    records = _read(path, skip_invalid=True, on_invalid=skipped.append)
    assert [(r.text, r.line) for r in records] == [("first", 1), ("last", 3)]
    assert [error.line for error in skipped] == [2]


@pytest.mark.parametrize(
    "line",
    [
        '{"text": "Say \\"text\\" twice", "note": "text"}',
        '{"text": "Own the roadmap", "meta": {"text": "a nested copy is another object"}}',
        '{"text": "Caf\\u00e9 roadmap", "text_2": "x"}',
    ],
    ids=["name-inside-strings", "nested-copy", "escapes-and-prefix"],
)
def test_a_field_named_once_is_read(tmp_path: Path, line: str) -> None:
    """The screen for repeated fields passes lines that only mention the name."""
    path = tmp_path / "in.jsonl"
    path.write_text(line + "\n", encoding="utf-8")
    assert [r.text for r in _read(path)] == [json.loads(line)["text"]]


def test_a_column_given_twice_is_refused(tmp_path: Path) -> None:
    """csv readers disagreed on which of two same-named columns to use; both refuse."""
    path = tmp_path / "in.csv"
    path.write_text("text,label,text\nShip on time,project,Own the vision\n", encoding="utf-8")
    with pytest.raises(InputError, match="column 'text' appears twice in the CSV header"):
        _read(path)
    with pytest.raises(InputError, match="column 'text' appears twice in the header"):
        read_examples(path)
    path.write_text("text,label,label\nShip on time,project,product\n", encoding="utf-8")
    with pytest.raises(InputError, match="column 'label' appears twice in the header"):
        read_examples(path)
    assert [r.text for r in _read(path)] == ["Ship on time"]


def test_a_labeled_example_with_a_key_twice_is_refused(tmp_path: Path) -> None:
    """read_examples kept the last of two labels silently; it names the key and line."""
    from rolelens.examples import read_examples

    path = tmp_path / "in.jsonl"
    path.write_text(
        '{"text": "Own the vision", "label": "product"}\n'
        '{"text": "Ship on time", "label": "project", "label": "product"}\n',
        encoding="utf-8",
    )
    with pytest.raises(InputError, match="key 'label' appears twice in one object") as caught:
        read_examples(path)
    assert caught.value.line == 2


@pytest.mark.parametrize(
    "spelling",
    ["caf\\u00e9", "caf\\u00E9", "\\u0063af\\u00e9", "café"],
    ids=["lower", "upper", "two", "plain"],
)
def test_a_field_spelled_with_escapes_is_found_twice(tmp_path: Path, spelling: str) -> None:
    """The screen that spares most lines a second parse knows every escape of the
    field's characters, in either case of hex digit; non-ASCII escapes elsewhere in
    a line (as json.dumps writes them) do not make it parse twice."""
    path = tmp_path / "in.jsonl"
    path.write_text(
        '{"café": "Own the r\\u00f4le", "other": "x"}\n'
        f'{{"café": "Ship on time", "{spelling}": "Own the vision"}}\n',
        encoding="utf-8",
    )
    skipped: list[InputError] = []
    records = _read(path, field="café", skip_invalid=True, on_invalid=skipped.append)
    assert [r.text for r in records] == ["Own the rôle"]
    assert [(e.line, "appears twice" in str(e)) for e in skipped] == [(2, True)]


# ---------------------------------------------------------------------------
# CSV fields longer than the csv module's limit
# ---------------------------------------------------------------------------

#: The csv module's own field limit, until something raises it.
_CSV_DEFAULT_LIMIT = 131_072
#: Just over the csv module's own field limit.
_LONG = "Own the roadmap " * (_CSV_DEFAULT_LIMIT // 16 + 1)


@pytest.fixture
def default_csv_limit() -> Iterator[None]:
    """The process-wide csv field limit at csv's own default during the test, then as before
    (rolelens raises it for good, and earlier tests may have read CSV)."""
    previous = csv.field_size_limit(_CSV_DEFAULT_LIMIT)
    try:
        yield
    finally:
        csv.field_size_limit(previous)


@pytest.mark.usefixtures("default_csv_limit")
def test_csv_field_over_the_csv_module_limit_is_read(tmp_path: Path) -> None:
    """A statement longer than csv's default field limit is read (JSONL took it already):
    the process-wide limit is raised to MAX_CSV_FIELD and never lowered again."""
    path = tmp_path / "long.csv"
    path.write_text(f'id,text\n1,"{_LONG}"\n2,Track the budget\n', encoding="utf-8")
    records = read_records(str(path))
    assert next(records) == Record(_LONG, 2)
    assert csv.field_size_limit() == MAX_CSV_FIELD
    assert list(records) == [Record("Track the budget", 3)]
    assert csv.field_size_limit() == MAX_CSV_FIELD
    labeled = tmp_path / "labeled.csv"
    labeled.write_text(f'text,label\n"{_LONG}",product\n', encoding="utf-8")
    assert [example.text for example in read_examples(labeled)] == [_LONG]
    assert csv.field_size_limit() == MAX_CSV_FIELD


@pytest.mark.usefixtures("default_csv_limit")
def test_csv_field_over_the_rolelens_limit_names_the_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A field over MAX_CSV_FIELD (a quote left open, say) is an error naming the row where
    it starts; a larger limit the program set itself is kept."""
    limit = len(_LONG) + 10
    monkeypatch.setattr("rolelens._serialization.MAX_CSV_FIELD", limit)
    path = tmp_path / "open.csv"
    path.write_text(f'text,label\nOwn the roadmap,product\n"Track,\n{_LONG}\n{_LONG}\n')
    for read in (lambda: _read(path), lambda: read_examples(path)):
        with pytest.raises(
            InputError, match=f"a field of more than {limit:,} characters"
        ) as caught:
            read()
        assert caught.value.line == 3
    closed = tmp_path / "closed.csv"
    closed.write_text(f'text\n"{_LONG}{_LONG}"\n')
    csv.field_size_limit(3 * len(_LONG))
    assert _read(closed) == [Record(_LONG + _LONG, 2)]
    assert csv.field_size_limit() == 3 * len(_LONG)


def _waiting_rows(before: threading.Event | None, after: threading.Event) -> Iterator[str]:
    """One CSV line of a field over csv's default limit, given once ``before`` is set
    (at once for ``None``); ``after`` is set as the line is asked for."""
    after.set()
    if before is not None:
        assert before.wait(timeout=30)
    yield f'"{_LONG}"\n'


@pytest.mark.usefixtures("default_csv_limit")
@pytest.mark.timeout(60)
def test_csv_rows_read_in_two_threads_at_once_both_take_long_fields() -> None:
    """Thread A is inside next_csv_row (the limit raised) when thread B enters it, and A
    returns before B's row is read. Putting the limit back after each row made B take A's
    raised limit for the one to restore while A put back 131,072 under B: B's row failed
    as "a field of more than 16,777,216 characters"."""
    a_inside, b_inside, a_done = threading.Event(), threading.Event(), threading.Event()
    rows: dict[str, object] = {}

    def thread_a() -> None:
        try:
            rows["a"] = next_csv_row(csv.reader(_waiting_rows(b_inside, a_inside)))
        except csv.Error as exc:
            rows["a"] = exc
        finally:
            a_done.set()

    def thread_b() -> None:
        assert a_inside.wait(timeout=30)
        try:
            rows["b"] = next_csv_row(csv.reader(_waiting_rows(a_done, b_inside)))
        except csv.Error as exc:
            rows["b"] = exc

    threads = [threading.Thread(target=thread_a), threading.Thread(target=thread_b)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert rows == {"a": [_LONG], "b": [_LONG]}
    assert csv.field_size_limit() == MAX_CSV_FIELD


@pytest.mark.usefixtures("default_csv_limit")
@pytest.mark.timeout(120)
def test_csv_files_read_in_four_threads_at_once_are_read_whole(tmp_path: Path) -> None:
    """Four threads read a CSV file of 200,000-character statements at once (a barrier
    starts them together): each reads every record. When the limit was put back after each
    row, most runs had a thread fail (three of four, often)."""
    text = "Own the roadmap " * 12_500
    path = tmp_path / "big.csv"
    path.write_text("text\n" + f'"{text}"\n' * 20, encoding="utf-8")
    start = threading.Barrier(4, timeout=30)
    counts: list[int | str] = []

    def read() -> None:
        start.wait()
        try:
            records = read_records(str(path), input_format="csv", column="text")
            counts.append(sum(record.text == text for record in records))
        except InputError as exc:
            counts.append(str(exc)[:200])

    threads = [threading.Thread(target=read) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert counts == [20] * 4


def test_csv_header_without_the_column_is_named_briefly(tmp_path: Path) -> None:
    """The columns a header lacking the column does have are named in a short line, however
    long they are (a tab-separated file named .csv has its whole first line as one)."""
    path = tmp_path / "wide.csv"
    path.write_text(f"{_LONG}\tlabel\nOwn the roadmap\tproduct\n", encoding="utf-8")
    with pytest.raises(InputError, match="no column 'text' in the CSV header") as caught:
        _read(path)
    assert len(str(caught.value)) < 200 + len(str(path))


def test_csv_header_without_the_column_names_its_columns_as_labeled_examples_do(
    tmp_path: Path,
) -> None:
    """Statements and labeled examples name a header's columns alike: each cut to 60
    characters with "..." after its closing quote, at most ten, then ", ...". Statements
    cut each at 40 characters of its repr, dropping the closing quote without a mark."""
    long_name = "Responsibilities and outcomes " * 3
    header = [long_name, "id", *(f"c{n}" for n in range(9))]
    path = tmp_path / "wide.csv"
    path.write_text(",".join(header) + "\nOwn the roadmap,1,,,,,,,,,\n", encoding="utf-8")
    columns = f"{long_name[:60]!r}..., 'id', " + ", ".join(f"'c{n}'" for n in range(8)) + ", ..."
    with pytest.raises(InputError) as statements:
        _read(path)
    assert f"(columns: {columns}; use --column)" in str(statements.value)
    with pytest.raises(InputError) as examples:
        read_examples(path)
    assert f"(columns: {columns})" in str(examples.value)


# -- a quote left open in CSV ------------------------------------------------------

#: CSV files with a quote left open, and the line it opens on.
_OPEN_QUOTES = {
    "a row": ('text,label\nOwn the roadmap,product\n"Track the budget,project\nShip,project\n', 3),
    "the last row": ('text,label\nOwn the roadmap,product\n"Track the budget,project', 3),
    # The record starts on line 2; its first quoted field closes on line 3, then one opens.
    "a later field": ('text,label\n"Own\nthe roadmap",product,"x\nShip,project\n', 3),
    "after blank crlf lines": ('text,label\r\n\r\nOwn,product\r\n"Track,project\r\nShip,x\r\n', 4),
}


def _both_csv_readers(path: Path) -> list[Callable[[], object]]:
    """Read ``path`` as statements and as labeled examples."""
    return [lambda: _read(path), lambda: read_examples(path)]


@pytest.mark.parametrize("case", sorted(_OPEN_QUOTES))
def test_csv_quote_left_open_names_its_line(tmp_path: Path, case: str) -> None:
    """A quote never closed is an error naming the line it opens on, for statements and
    labeled examples alike. Labeled CSV read the rest of the file as one field, and then
    said the row had no 'label' field."""
    content, line = _OPEN_QUOTES[case]
    path = tmp_path / "open.csv"
    path.write_bytes(content.encode())
    for read in _both_csv_readers(path):
        with pytest.raises(InputError) as caught:
            read()
        assert str(caught.value) == (
            f"{path}:{line}: broken CSV row: a quote opened on this line is never closed "
            "(the field would run to the end of the input)"
        )


def test_csv_header_with_a_quote_left_open_names_its_line(tmp_path: Path) -> None:
    """A quote left open in the header is named where it opens (labeled CSV named the
    file's last line), after blank lines too."""
    for content, line in (('"text,label\nOwn,product\n', 1), ('\n\n"text,label\nOwn,x\n', 3)):
        path = tmp_path / "open.csv"
        path.write_text(content, encoding="utf-8")
        for read in _both_csv_readers(path):
            with pytest.raises(InputError, match="unreadable CSV header: a quote opened") as caught:
                read()
            assert caught.value.line == line


def test_blank_lines_before_the_csv_header_are_skipped(tmp_path: Path) -> None:
    """Statements CSV took the first blank line for its header and refused the file as
    having no 'text' column (columns: none), where labeled CSV skipped it. Both skip
    blank lines now, and an error about the header names the header's line."""
    path = tmp_path / "blank-first.csv"
    path.write_bytes(b"\n\r\n \ntext,label\nOwn the roadmap,product\n")
    assert _read(path) == [Record("Own the roadmap", 5)]
    assert [example.text for example in read_examples(path)] == ["Own the roadmap"]
    with pytest.raises(InputError) as caught:
        _read(path, column="statement")
    assert caught.value.line == 4
    path.write_bytes(b"\n\n")
    assert _read(path) == []


def test_labeled_csv_is_strict_as_statements_are(tmp_path: Path) -> None:
    """Text after a closing quote is broken CSV for both readers (labeled CSV read
    '"a"b' as 'ab' without a word)."""
    path = tmp_path / "strict.csv"
    path.write_text('text,label\nOwn the roadmap,product\n"Track" the plan,project\n')
    for read in _both_csv_readers(path):
        with pytest.raises(InputError, match=r"^.*:3: broken CSV row: ',' expected after '\"'$"):
            read()


_CSV_TEXT = file_texts().map(lambda t: t.replace("\r", "").replace("\x00", ""))
_CSV_TEXTS = st.lists(_CSV_TEXT)


def _write_labeled(path: Path, texts: list[str], tail: str = "") -> None:
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(["text", "label"])
        writer.writerows([text, "product"] for text in texts)
        stream.write(tail)


@FILE_PROPERTY
@given(texts=_CSV_TEXTS)
def test_labeled_csv_round_trip(tmp_path: Path, texts: list[str]) -> None:
    """Any text the csv module writes (quoted newlines, doubled quotes, commas) is read
    back exactly as a labeled example, as it is as a statement."""
    path = tmp_path / "labeled.csv"
    _write_labeled(path, texts)
    if all(text.strip() for text in texts):
        assert [example.text for example in read_examples(path)] == texts
    else:  # a label without its statement is refused, naming the line
        with pytest.raises(InputError, match="'text' is empty: a label needs its statement"):
            read_examples(path)
    assert [record.text for record in _read(path)] == texts


#: Rows after a quote left open: no quote in them, or it could close the one left open.
_BARE_ROWS = st.lists(file_lines().map(lambda t: t.translate({34: None, 44: None, 0: None})))


@FILE_PROPERTY
@given(before=st.lists(_CSV_TEXT.filter(str.strip)), opened=file_lines(), after=_BARE_ROWS)
def test_a_quote_left_open_is_named_after_any_rows(
    tmp_path: Path, before: list[str], opened: str, after: list[str]
) -> None:
    """Whatever valid rows come before it, a quote left open is named on its own line by
    both readers."""
    path = tmp_path / "open.csv"
    tail = "".join(f"{text},project\n" for text in after)
    _write_labeled(path, before, f'"{opened.translate({34: None, 0: None})},product\n{tail}')
    line = 2 + sum(text.count("\n") + 1 for text in before)
    for read in _both_csv_readers(path):
        with pytest.raises(InputError, match="a quote opened on this line is never") as caught:
            read()
        assert caught.value.line == line


@pytest.mark.parametrize("path", [None, 3, b"labeled.jsonl"])
def test_read_examples_names_a_path_of_the_wrong_type(path: object) -> None:
    """None gave Path()'s "expected str, bytes or os.PathLike object, not NoneType"
    after being checked as a file named "None"; bytes were read as a file named
    "b'labeled.jsonl'". The TypeError now names the argument, as load() does."""
    from rolelens.examples import read_examples

    expected = rf"^path must be a str or os\.PathLike, got {type(path).__name__}$"
    with pytest.raises(TypeError, match=expected):
        read_examples(path)  # type: ignore[arg-type]


def test_a_path_object_is_read_like_its_name(tmp_path: Path) -> None:
    """``read_records`` and ``read_line_blocks`` take a ``pathlib.Path``, as every
    other file reader of the library does: both failed with "argument of type
    'PosixPath' is not iterable" from inside."""
    path = tmp_path / "statements.jsonl"
    path.write_text('{"text": "Own the roadmap"}\n', encoding="utf-8")
    assert list(read_records(path)) == [Record("Own the roadmap", 1)]
    assert [block.data for block in read_line_blocks(path)] == [b'{"text": "Own the roadmap"}\n']


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"path": None}, "path must be a str or os.PathLike, got NoneType"),
        ({"path": b"statements.jsonl"}, "path must be a str or os.PathLike, got bytes"),
        ({"field": None}, "field must be a str, got NoneType"),
        ({"field": 5}, "field must be a str, got int"),
        ({"column": None}, "column must be a str, got NoneType"),
        ({"on_invalid": 5}, "on_invalid must be callable or None, got int"),
        # "no" is true: the bad records it meant to raise on were skipped, lost.
        ({"skip_invalid": "no"}, "skip_invalid must be a bool, got str"),
        ({"skip_invalid": None}, "skip_invalid must be a bool, got NoneType"),
    ],
)
def test_read_records_names_a_wrong_argument_at_once(
    tmp_path: Path, options: dict[str, object], message: str
) -> None:
    """A wrong argument is a ``TypeError`` naming it, raised by the call: it was
    "'NoneType' object is not iterable" from inside once reading began, and a
    non-callable ``on_invalid`` failed only at the first bad record."""
    path = tmp_path / "statements.jsonl"
    path.write_text('{"text": "Own the roadmap"}\nbroken\n', encoding="utf-8")
    arguments: dict[str, object] = {"path": str(path), "skip_invalid": True, **options}
    with pytest.raises(TypeError, match=f"^{message}$"):
        read_records(**arguments)  # type: ignore[arg-type]


def test_parse_block_names_a_field_that_is_no_str() -> None:
    """``parse_block(field=None)`` said "'NoneType' object is not iterable"."""
    block = LineBlock(b'{"text": "Own the roadmap"}\n', 1)
    with pytest.raises(TypeError, match=r"^field must be a str, got NoneType$"):
        parse_block(block, input_format="jsonl", field=None)  # type: ignore[arg-type]
