"""Broken, hostile and unreadable files across every command that reads one.

Each command that takes a file (``classify -i``, ``posting``, ``fit``,
``evaluate``, ``decide`` with a scenario or ``--rules``, ``compare
--catalog``, ``classify --model``) must turn a missing file, a directory,
an unreadable file, a wrong encoding, a truncated record or a missing
column into exactly one line on stderr naming the file (and the line, for
record input) and exit status 2. Output files are replaced atomically; data
files are size-limited, validated with the field named, and never executed.

Tests (or parameters) marked ``xfail(strict=True)`` with a reason starting
``bug:`` or ``gap:`` pin a defect in another module; they turn red once it is
fixed, and the marker goes.
"""

from __future__ import annotations

import codecs
import copy
import hashlib
import io
import json
import os
import pickle
import subprocess
import sys
import tomllib
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

import rolelens
from rolelens import (
    CatalogError,
    DataFileError,
    InputError,
    LexiconError,
    ModelFormatError,
    RoleLensError,
    RuleError,
    ScenarioError,
    _serialization,
)
from rolelens._reading import decode
from rolelens._serialization import MAX_DATA_FILE_BYTES, read_data_file
from rolelens.cli import main
from rolelens.scenarios import load_scenario

PRODUCT = "Define the product vision and roadmap based on customer research"
PROJECT = "Track project milestones, budget and risks against the delivery plan"
SCENARIO = {"segment": "b2b", "feature": {"name": "Audit export", "approval": "pending"}}

Argv = Callable[[Path], list[str]]


def _cli(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _one_error_line(err: str, *needles: str) -> str:
    """The single ``rolelens: error:`` line on stderr, which must contain each needle."""
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert lines[0].startswith("rolelens: error: "), err
    for needle in needles:
        assert needle in lines[0], (needle, lines[0])
    return lines[0]


def _builtin(resource: str) -> dict[str, Any]:
    text = resources.files("rolelens").joinpath(resource).read_text("utf-8")
    return tomllib.loads(text)


def _small_model() -> str:
    """A saved model with a few cues: quick to load, same format as the shipped one."""
    cues = (
        rolelens.Cue("product roadmap", {"product": 1.5}, "primary_responsibility"),
        rolelens.Cue("budget", {"project": 1.0}),
        rolelens.Cue("customer research", {"product": 1.0}),
        rolelens.Cue("milestones", {"project": 1.0}),
    )
    return rolelens.Classifier(rolelens.Lexicon(cues)).to_json()


def _model_document() -> dict[str, Any]:
    document: dict[str, Any] = json.loads(_small_model())
    return document


def _rehash(document: dict[str, Any]) -> dict[str, Any]:
    """Recompute the checksum the way ``save`` does, so edits reach the schema check."""
    canonical = json.dumps(
        document["model"], sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
    document["sha256"] = hashlib.sha256(canonical.encode("utf-8")).hexdigest()
    return document


def _labeled(*rows: tuple[str, str]) -> str:
    return "".join(json.dumps({"text": t, "label": lab}) + "\n" for t, lab in rows)


#: Valid content for each kind of file, keyed by the command that reads it.
def _valid_content(kind: str) -> str:
    if kind in ("classify-text",):
        return f"{PRODUCT}\n{PROJECT}\n"
    if kind == "classify-jsonl":
        return json.dumps({"text": PRODUCT}) + "\n" + json.dumps({"text": PROJECT}) + "\n"
    if kind == "posting":
        return f"Responsibilities:\n- {PRODUCT}\n- {PROJECT}\n"
    if kind in ("fit", "evaluate"):
        return _labeled((PRODUCT, "product"), (PROJECT, "project"), ("Free lunch", "other"))
    if kind == "decide":
        return json.dumps(SCENARIO)
    if kind == "rules":
        return json.dumps(_builtin("data/rules.toml"))
    if kind == "catalog":
        return json.dumps(_builtin("data/catalog.toml"))
    if kind == "model":
        return _small_model()
    raise AssertionError(kind)


#: (kind, file name, argv builder) for every command that reads a user file.
READERS: tuple[tuple[str, str, Argv], ...] = (
    ("classify-text", "in.txt", lambda p: ["classify", "-i", str(p), "--format", "jsonl"]),
    ("classify-jsonl", "in.jsonl", lambda p: ["classify", "-i", str(p), "--format", "jsonl"]),
    ("posting", "posting.txt", lambda p: ["posting", str(p), "--format", "json"]),
    (
        "fit",
        "labeled.jsonl",
        lambda p: ["fit", str(p), "--epochs", "1", "-o", str(p.parent / "model.json")],
    ),
    ("evaluate", "labeled.jsonl", lambda p: ["evaluate", str(p), "--format", "json"]),
    ("decide", "scenario.json", lambda p: ["decide", str(p), "--format", "json"]),
    (
        "rules",
        "rules.json",
        lambda p: ["decide", "--segment", "b2b", "--approval", "pending", "--rules", str(p)],
    ),
    ("catalog", "catalog.json", lambda p: ["compare", "--format", "json", "--catalog", str(p)]),
    (
        "model",
        "model.json",
        lambda p: ["classify", "--format", "jsonl", "--model", str(p), PRODUCT],
    ),
)
READER_IDS = [kind for kind, _, _ in READERS]
#: Readers of record input, whose encoding errors also name the line.
RECORD_KINDS = frozenset({"classify-text", "classify-jsonl", "posting", "fit", "evaluate"})


# ---------------------------------------------------------------------------
# Missing, directory, unreadable
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(("kind", "name", "argv"), READERS, ids=READER_IDS)
def test_missing_file(
    kind: str, name: str, argv: Argv, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file that does not exist is one stderr line naming it, exit 2."""
    path = tmp_path / "nowhere" / name
    code, _, err = _cli(argv(path), capsys)
    assert code == 2
    _one_error_line(err, str(path))


@pytest.mark.parametrize(("kind", "name", "argv"), READERS, ids=READER_IDS)
def test_directory_instead_of_file(
    kind: str, name: str, argv: Argv, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A directory where a file belongs is one stderr line naming it, exit 2."""
    path = tmp_path / name
    path.mkdir()
    code, _, err = _cli(argv(path), capsys)
    assert code == 2
    _one_error_line(err, str(path))


#: Run ``rolelens.cli.main(argv)`` in a process that reading permissions do bind, even
#: as root: it drops CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH from its bounding set and
#: re-executes itself, so the new interpreter starts without them (a root process gets
#: at most its bounding set on exec). Exit 77 when that is impossible here, or when the
#: file is still readable afterwards; otherwise the exit status is main()'s.
_WITHOUT_READ_OVERRIDE = """
import ctypes, os, sys
if os.environ.get("ROLELENS_TEST_CAPS_DROPPED") != "1":
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        PR_CAPBSET_DROP, CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH = 24, 1, 2
        for cap in (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH):
            if libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
                sys.exit(77)
    except (AttributeError, OSError):
        sys.exit(77)
    os.environ["ROLELENS_TEST_CAPS_DROPPED"] = "1"
    os.execv(sys.executable, [sys.executable, *sys.orig_argv[1:]])
try:
    open(sys.argv[1], "rb").close()
except PermissionError:
    pass
else:
    sys.exit(77)
from rolelens.cli import main
sys.exit(main(sys.argv[2:]))
"""


def _cli_without_read_override(path: Path, argv: list[str]) -> tuple[int, str, str]:
    """``main(argv)`` in a child process for which ``path`` is unreadable (see above)."""
    done = subprocess.run(
        [sys.executable, "-c", _WITHOUT_READ_OVERRIDE, str(path), *argv],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    return done.returncode, done.stdout, done.stderr


@pytest.mark.parametrize(("kind", "name", "argv"), READERS, ids=READER_IDS)
def test_unreadable_file(
    kind: str, name: str, argv: Argv, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file without read permission is one stderr line naming it, exit 2.

    As root (as CI runs), chmod 000 does not stop this process reading, so the
    command runs in a child process without root's permission override; skipped
    only where no such process can be made.
    """
    path = tmp_path / name
    path.write_text(_valid_content(kind), encoding="utf-8")
    path.chmod(0)
    try:
        try:
            path.read_bytes()
        except PermissionError:
            code, _, err = _cli(argv(path), capsys)
        else:
            code, _, err = _cli_without_read_override(path, argv(path))
            if code == 77:
                pytest.skip("cannot drop root's permission override here to make a file unreadable")
        assert code == 2, err
        _one_error_line(err, str(path))
    finally:
        path.chmod(0o600)


# ---------------------------------------------------------------------------
# Encodings
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(("kind", "name", "argv"), READERS, ids=READER_IDS)
def test_latin1_bytes_are_refused(
    kind: str, name: str, argv: Argv, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Latin-1 bytes (é as 0xE9) give one stderr line naming the file, exit 2."""
    valid = _valid_content(kind)
    if kind in RECORD_KINDS:
        # the bad byte inside the project statement, after a valid first line
        data = valid.replace("Track", "Tr\xe9ck", 1).encode("latin-1")
        bad_line = next(n for n, text in enumerate(valid.splitlines(), 1) if "Track" in text)
        assert bad_line > 1
    else:
        data = valid.encode("utf-8").replace(b'"', b'"\xe9', 1)
    path = tmp_path / name
    path.write_bytes(data)
    code, _, err = _cli(argv(path), capsys)
    assert code == 2
    line = _one_error_line(err, str(path))
    if kind in RECORD_KINDS:
        assert f"{path}:{bad_line}:" in line, line


@pytest.mark.parametrize(
    ("kind", "name", "argv"),
    [reader for reader in READERS if reader[0] in RECORD_KINDS],
    ids=[kind for kind in READER_IDS if kind in RECORD_KINDS],
)
def test_a_bad_byte_after_a_utf8_bom_is_the_one_named(
    kind: str, name: str, argv: Argv, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """With a UTF-8 byte-order mark, the error names the bad byte and its line. Files read
    whole (posting, fit, evaluate) counted from after the mark: the byte three on, and
    line 1 when the bad byte sat within three bytes after a line end."""
    valid = _valid_content(kind)
    data = codecs.BOM_UTF8 + valid.replace("Track", "Tr\xe9ck", 1).encode("latin-1")
    bad_line = next(n for n, text in enumerate(valid.splitlines(), 1) if "Track" in text)
    path = tmp_path / name
    path.write_bytes(data)
    code, _, err = _cli(argv(path), capsys)
    assert code == 2
    _one_error_line(err, f"{path}:{bad_line}:", "byte 0xe9")


def test_a_bad_byte_just_after_a_line_end_and_a_utf8_bom_is_on_its_line() -> None:
    """The line is counted to the bad byte itself: from after the mark, it fell before
    the line end just passed and was said to be on the line above."""
    with pytest.raises(InputError, match=r"^f:3: not valid UTF-8 \(byte 0xff\)"):
        decode(codecs.BOM_UTF8 + b"Own it\n\n\xff\n", "f")
    assert decode(codecs.BOM_UTF8 + b"Own it\n", "f") == "Own it\n"


_LEGACY_PAGE = (
    '<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">'
    "</head><body><ul><li>{item}</li></ul></body></html>\n"
)


@pytest.mark.parametrize(
    ("charset", "codec", "item"),
    [
        ("ISO-8859-1", "cp1252", "Own the product\u2019s roadmap \u2013 from discovery to launch"),
        ("windows-1252", "cp1252", "Run the caf\xe9 project\u2019s weekly status meeting"),
        ("koi8-r", "koi8-r", "\u0412\u0435\u0441\u0442\u0438 \u043f\u043b\u0430\u043d"),
    ],
)
def test_a_page_in_the_legacy_charset_its_meta_tag_declares_is_read_in_it(
    charset: str, codec: str, item: str
) -> None:
    """A saved web page that is not UTF-8 is decoded as a browser would, with the charset
    its <meta> tag declares (ISO-8859-1 read as windows-1252, as browsers read it, so
    curly quotes and dashes survive); before, it was refused as not UTF-8."""
    page = _LEGACY_PAGE.format(charset=charset, item=item)
    assert decode(page.encode(codec), "p.html") == page


def test_a_legacy_page_reads_through_the_posting_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = _LEGACY_PAGE.format(
        charset="iso-8859-1", item="Prioritise the product backlog by customer value \u2013 caf\xe9"
    )
    path = tmp_path / "job.html"
    path.write_bytes(page.encode("cp1252"))
    code, out, err = _cli(["posting", str(path), "--format", "json"], capsys)
    assert code == 0, err
    texts = [s["text"] for s in json.loads(out)["statements"]]
    assert texts == ["Prioritise the product backlog by customer value \u2013 caf\xe9"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        # UTF-8 declared (or a wide encoding, which ASCII-compatible bytes cannot be):
        # the bytes are simply not what they claim, and the UTF-8 error stands.
        (b'<meta charset="utf-8">\n<p>caf\xe9</p>', r"^f:2: not valid UTF-8 \(byte 0xe9\)"),
        (b'<meta charset="utf-16">\n<p>caf\xe9</p>', r"^f:2: not valid UTF-8 \(byte 0xe9\)"),
        # An unknown charset, or a declaration past the first 1024 bytes, is no declaration.
        (b'<meta charset="x-no-such">\n<p>caf\xe9</p>', r"^f:2: not valid UTF-8 \(byte 0xe9\)"),
        (
            b"<p>" + b"x" * 1100 + b'</p><meta charset="latin1">\n<p>caf\xe9</p>',
            r"^f:2: not valid UTF-8 \(byte 0xe9\)",
        ),
        # A UTF-8 byte-order mark outranks the tag, as it does in a browser.
        (codecs.BOM_UTF8 + b'<meta charset="latin1">\ncaf\xe9', r"^f:2: not valid UTF-8"),
        # A byte the declared charset does not define is named, with the charset.
        (
            b'<meta charset="windows-1252">\n\n<p>\x81</p>',
            r"^f:3: not valid cp1252 \(byte 0x81\), the encoding its <meta> tag declares",
        ),
    ],
    ids=["utf8", "utf16", "unknown", "too-late", "bom", "undefined-byte"],
)
def test_a_declared_charset_that_does_not_apply_leaves_a_clear_error(
    data: bytes, message: str
) -> None:
    with pytest.raises(InputError, match=message):
        decode(data, "f")


@pytest.mark.parametrize(
    "charset", ["hex", "base64", "rot13", "zlib", "undefined", "unicode_escape", "utf-7"]
)
def test_a_declared_codec_that_is_no_charset_is_no_declaration(
    charset: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A <meta> tag naming a Python codec that is no web page's charset ("hex", "base64",
    "undefined") made decode() raise LookupError or UnicodeError, a traceback from
    `rolelens posting`; "unicode_escape" or "utf-7" would read a page's backslashes and
    plus signs as escapes. Such a tag is no declaration: the UTF-8 error stands."""
    data = f'<meta charset="{charset}">\n<p>Own the roadmap caf\xe9</p>\n'.encode("latin-1")
    with pytest.raises(InputError, match=r"^f:2: not valid UTF-8 \(byte 0xe9\)"):
        decode(data, "f")
    page = tmp_path / "job.html"
    page.write_bytes(data)
    code, out, err = _cli(["posting", str(page)], capsys)
    assert (code, out) == (2, "")
    assert err.endswith("job.html:2: not valid UTF-8 (byte 0xe9); re-save the file as UTF-8\n")
    # Plain ASCII under such a tag reads as it is (it is valid UTF-8).
    assert decode(b'<meta charset="utf-7"><p>a+AD4-b \\n</p>', "f").endswith("a+AD4-b \\n</p>")


#: Byte-order marks and the encodings they announce. A UTF-32-LE mark starts with the
#: UTF-16-LE one: read as UTF-16, the text held a NUL after every character.
WIDE_ENCODINGS = {
    "utf16": (codecs.BOM_UTF16_LE, "utf-16-le"),
    "utf32": (codecs.BOM_UTF32_LE, "utf-32-le"),
    "utf32be": (codecs.BOM_UTF32_BE, "utf-32-be"),
}


@pytest.mark.parametrize("wide", sorted(WIDE_ENCODINGS))
@pytest.mark.parametrize(("kind", "name", "argv"), READERS, ids=READER_IDS)
def test_utf16_and_utf32_with_bom_are_accepted(
    kind: str,
    name: str,
    argv: Argv,
    wide: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    request: pytest.FixtureRequest,
) -> None:
    """A UTF-16 or UTF-32 file with a byte-order mark reads exactly like the same file in UTF-8."""
    valid = _valid_content(kind)
    mark, encoding = WIDE_ENCODINGS[wide]
    utf8 = tmp_path / "utf8" / name
    other = tmp_path / wide / name
    for path, data in ((utf8, valid.encode()), (other, mark + valid.encode(encoding))):
        path.parent.mkdir()
        path.write_bytes(data)
    code8, out8, _ = _cli(argv(utf8), capsys)
    code, out, err = _cli(argv(other), capsys)
    assert (code8, code) == (0, 0), err
    assert out.replace(wide, "utf8") == out8


#: Encodings whose text, without a byte-order mark, has NULs beside each ASCII character,
#: and the name the error gives them.
UNMARKED_ENCODINGS = {
    "utf-16-le": "UTF-16",
    "utf-16-be": "UTF-16",
    "utf-32-le": "UTF-32",
    "utf-32-be": "UTF-32",
}


@pytest.mark.parametrize("encoding", sorted(UNMARKED_ENCODINGS))
@pytest.mark.parametrize(("kind", "name", "argv"), READERS, ids=READER_IDS)
def test_utf16_and_utf32_without_bom_are_refused(
    kind: str,
    name: str,
    argv: Argv,
    encoding: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """UTF-16 or UTF-32 without a byte-order mark is one stderr line naming the file and
    the encoding, exit 2. Read as UTF-8 it held a NUL beside each character: classify
    labelled every line other, and posting found nothing, with exit status 0."""
    path = tmp_path / name
    path.write_bytes(_valid_content(kind).encode(encoding))
    code, out, err = _cli(argv(path), capsys)
    assert code == 2, out
    _one_error_line(
        err,
        f"{path}: looks like {UNMARKED_ENCODINGS[encoding]} text without a byte-order mark",
        "re-save the file as UTF-8",
    )


@pytest.mark.parametrize(
    ("content", "argv"),
    [
        ("id,text\n1,Own the roadmap\n", ["classify", "-i", "{path}", "-o", "{out}"]),
        ("Own the roadmap\n", ["classify", "-i", "{path}", "--jobs", "2", "-o", "{out}"]),
        ("Own the roadmap\n", ["classify", "-i", "-", "-o", "{out}"]),
        ('{"text": "Own the roadmap"}\n', ["reframe", "-i", "{path}", "-o", "{out}"]),
        ("Responsibilities:\n- Own the roadmap\n", ["posting", "-", "-o", "{out}"]),
        (_labeled((PRODUCT, "product")), ["evaluate", "-", "-o", "{out}"]),
        ("text,label\nOwn the roadmap,product\n", ["fit", "{path}", "-o", "{out}"]),
        ("Вести дорожную карту продукта\n", ["classify", "-i", "{path}", "-o", "{out}"]),
        ("Обязанности:\n- Вести дорожную карту\n", ["posting", "{path}", "-o", "{out}"]),
    ],
    ids=[
        "classify csv",
        "classify jobs",
        "classify stdin",
        "reframe",
        "posting stdin",
        "evaluate stdin",
        "fit csv",
        "classify cyrillic",
        "posting cyrillic",
    ],
)
def test_utf16_without_bom_is_refused_from_csv_and_stdin(
    content: str,
    argv: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """CSV input and standard input too: one line naming the file (or <stdin>), exit 2, and
    the -o file is not written."""
    path = tmp_path / ("in.csv" if content.startswith(("id,", "text,")) else "in.jsonl")
    data = content.encode("utf-16-le")
    path.write_bytes(data)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    out = tmp_path / "out.txt"
    words = [word.format(path=path, out=out) for word in argv]
    code, _, err = _cli(words, capsys)
    assert code == 2
    shown = "<stdin>" if "-" in words[:3] else str(path)
    _one_error_line(err, f"{shown}: looks like UTF-16 text without a byte-order mark")
    assert not out.exists()


# ---------------------------------------------------------------------------
# Broken records: truncated JSONL, CSV without the column, --skip-invalid
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "argv"),
    [
        ("in.jsonl", lambda p: ["classify", "-i", str(p), "--format", "jsonl"]),
        ("labeled.jsonl", lambda p: ["evaluate", str(p)]),
        ("labeled.jsonl", lambda p: ["fit", str(p), "-o", str(p.parent / "m.json")]),
    ],
    ids=["classify", "evaluate", "fit"],
)
def test_truncated_jsonl_line(
    name: str, argv: Argv, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A JSONL file cut off in the middle of line 3 names the file and line 3, exit 2."""
    path = tmp_path / name
    full = _labeled((PRODUCT, "product"), (PROJECT, "project"), ("Own the roadmap", "product"))
    path.write_text(full[: full.rindex('"label"') - 3], encoding="utf-8")
    code, _, err = _cli(argv(path), capsys)
    assert code == 2
    _one_error_line(err, f"{path}:3")
    assert not (tmp_path / "m.json").exists()


@pytest.mark.parametrize(
    ("argv", "column"),
    [
        (lambda p: ["classify", "-i", str(p)], "text"),
        (lambda p: ["classify", "-i", str(p), "--column", "duty"], "duty"),
        (lambda p: ["evaluate", str(p)], "label"),
        (lambda p: ["fit", str(p), "-o", str(p.parent / "m.json")], "label"),
    ],
    ids=["classify", "classify-column", "evaluate", "fit"],
)
def test_csv_without_the_named_column(
    argv: Argv, column: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A CSV whose header lacks the column names the file, line 1 and the column, exit 2."""
    path = tmp_path / "in.csv"
    path.write_text(f"text,kind\n{PRODUCT},x\n", encoding="utf-8")
    if column == "text":
        path.write_text(f"statement,kind\n{PRODUCT},x\n", encoding="utf-8")
    code, _, err = _cli(argv(path), capsys)
    assert code == 2
    _one_error_line(err, f"{path}:1", column)


def test_skip_invalid_reports_counts_and_continues(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--skip-invalid names each bad record on stderr, counts them, and classifies the rest."""
    path = tmp_path / "in.jsonl"
    path.write_bytes(
        b"".join(
            [
                json.dumps({"text": PRODUCT}).encode() + b"\n",
                b'{"text": "cut off\n',
                b'{"text": "caf\xe9 budget"}\n',
                b'{"other": 1}\n',
                json.dumps({"text": PROJECT}).encode() + b"\n",
            ]
        )
    )
    code, out, err = _cli(
        ["classify", "-i", str(path), "--format", "jsonl", "--skip-invalid"], capsys
    )
    assert code == 0
    assert [json.loads(line)["text"] for line in out.splitlines()] == [PRODUCT, PROJECT]
    for number in (2, 3, 4):
        assert f"{path}:{number}" in err
    assert "skipped 3 invalid record(s)" in err


# ---------------------------------------------------------------------------
# Atomic output
# ---------------------------------------------------------------------------


def _leftovers(directory: Path, keep: set[str]) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name not in keep)


def test_failed_classify_keeps_previous_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A classify run failing mid-stream leaves the old -o file untouched and no temp file."""
    source = tmp_path / "in.txt"
    good = "".join(f"{PRODUCT} {i}\n" for i in range(50))
    source.write_bytes(good.encode() + b"caf\xe9\n")
    target = tmp_path / "out.jsonl"
    target.write_text("previous\n", encoding="utf-8")
    code, _, err = _cli(["classify", "-i", str(source), "-o", str(target)], capsys)
    assert code == 2
    _one_error_line(err, f"{source}:51")
    assert target.read_text(encoding="utf-8") == "previous\n"
    assert _leftovers(tmp_path, {"in.txt", "out.jsonl"}) == []


@pytest.mark.parametrize(
    ("source_name", "source_bytes", "argv"),
    [
        ("p.txt", b"caf\xe9\n", lambda s, o: ["posting", str(s), "-o", str(o)]),
        ("l.jsonl", b'{"text": "x"', lambda s, o: ["fit", str(s), "-o", str(o)]),
        ("l.jsonl", b'{"text": "x"', lambda s, o: ["evaluate", str(s), "-o", str(o)]),
        ("s.json", b'{"segment": 1}', lambda s, o: ["decide", str(s), "-o", str(o)]),
        ("c.json", b"{}", lambda s, o: ["compare", "--catalog", str(s), "-o", str(o)]),
    ],
    ids=["posting", "fit", "evaluate", "decide", "compare"],
)
def test_failed_run_keeps_previous_output(
    source_name: str,
    source_bytes: bytes,
    argv: Callable[[Path, Path], list[str]],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Every command with -o leaves an existing output file untouched when it fails."""
    source = tmp_path / source_name
    source.write_bytes(source_bytes)
    target = tmp_path / "out.file"
    target.write_bytes(b"previous\n")
    code, _, err = _cli(argv(source, target), capsys)
    assert code == 2
    _one_error_line(err, str(source))
    assert target.read_bytes() == b"previous\n"
    assert _leftovers(tmp_path, {source_name, "out.file"}) == []


def test_successful_run_replaces_output_without_leftovers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A successful run replaces the -o file whole and leaves no temporary file."""
    target = tmp_path / "out.jsonl"
    target.write_text("previous\n", encoding="utf-8")
    code, _, _ = _cli(["classify", PRODUCT, PROJECT, "-o", str(target)], capsys)
    assert code == 0
    lines = target.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["text"] for line in lines] == [PRODUCT, PROJECT]
    assert _leftovers(tmp_path, {"out.jsonl"}) == []


def test_output_into_missing_directory(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """-o into a directory that does not exist is one stderr line, exit 2, nothing created."""
    target = tmp_path / "no" / "such" / "out.jsonl"
    code, _, err = _cli(["classify", PRODUCT, "-o", str(target)], capsys)
    assert code == 2
    _one_error_line(err)
    assert not (tmp_path / "no").exists()


def test_crash_while_writing_keeps_previous_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Even an unexpected error while writing leaves the old output and no temp file."""
    import rolelens.cli.classify as classify_cli

    target = tmp_path / "out.jsonl"
    target.write_text("previous\n", encoding="utf-8")
    calls = 0
    real = classify_cli.format_chunk

    def crash_on_second(*args: object, **kwargs: object) -> object:
        nonlocal calls
        calls += 1
        if calls == 2:  # the first chunk's line is already written by then
            raise RuntimeError("simulated crash while writing")
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(classify_cli, "format_chunk", crash_on_second)
    with pytest.raises(RuntimeError, match="simulated"):
        main(["classify", PRODUCT, PROJECT, "-o", str(target), "--chunk-size", "1"])
    assert calls == 2
    capsys.readouterr()
    assert target.read_text(encoding="utf-8") == "previous\n"
    assert _leftovers(tmp_path, {"out.jsonl"}) == []


def test_unencodable_statement_is_written_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A lone surrogate (an undecodable argv byte) is written as an escape, never a crash."""
    target = tmp_path / "out.jsonl"
    code, _, _err = _cli(["classify", f"{PROJECT} \udcff", "-o", str(target)], capsys)
    assert code == 0
    assert "\\udcff" in target.read_text(encoding="utf-8")


# ---------------------------------------------------------------------------
# User data files: size limit, unknown keys, wrong types, no code execution
# ---------------------------------------------------------------------------

#: A scenario file's unreadable or unparsable content is DataFileError, a bad field ScenarioError.
LoaderError = type[RoleLensError] | tuple[type[RoleLensError], ...]
LOADERS: tuple[tuple[str, Callable[[Path], object], LoaderError], ...] = (
    ("catalog", rolelens.load_catalog, CatalogError),
    ("lexicon", rolelens.load_lexicon, LexiconError),
    ("rules", rolelens.load_rules, RuleError),
    ("model", rolelens.load, ModelFormatError),
    ("scenario", load_scenario, (DataFileError, ScenarioError)),
)
LOADER_IDS = [name for name, _, _ in LOADERS]


@pytest.mark.parametrize(("name", "loader", "error"), LOADERS, ids=LOADER_IDS)
@pytest.mark.parametrize("suffix", [".json", ".toml"])
def test_data_file_over_the_size_limit(
    name: str,
    loader: Callable[[Path], object],
    error: LoaderError,
    suffix: str,
    tmp_path: Path,
) -> None:
    """A data file over the size limit is refused before it is read (a sparse file here)."""
    path = tmp_path / f"big{suffix}"
    with path.open("wb") as stream:
        stream.truncate(MAX_DATA_FILE_BYTES + 1)
    with pytest.raises(error, match="limit") as info:
        loader(path)
    assert str(path) in str(info.value)


@pytest.mark.parametrize(
    "argv",
    [
        lambda p: ["compare", "--catalog", str(p)],
        lambda p: ["decide", "--segment", "b2b", "--approval", "pending", "--rules", str(p)],
        lambda p: ["classify", "--model", str(p), PRODUCT],
    ],
    ids=["catalog", "rules", "model"],
)
def test_cli_refuses_oversized_data_file(
    argv: Argv, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The command line reports an oversized data file on one line with exit 2."""
    path = tmp_path / "big.json"
    with path.open("wb") as stream:
        stream.truncate(MAX_DATA_FILE_BYTES + 1)
    code, _, err = _cli(argv(path), capsys)
    assert code == 2
    _one_error_line(err, str(path), "limit")


def test_decide_holds_a_scenario_file_to_the_data_file_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A scenario is a data file, as load_scenario reads it: `decide FILE` took one up
    to the 512 MiB of a posting and read it all before refusing it; now it is refused
    over the 64 MiB of every other data file, from a file or from standard input."""
    path = tmp_path / "big.json"
    with path.open("wb") as stream:
        stream.truncate(MAX_DATA_FILE_BYTES + 1)
    code, _, err = _cli(["decide", str(path)], capsys)
    assert code == 2
    _one_error_line(err, str(path), f"larger than {MAX_DATA_FILE_BYTES} bytes")
    monkeypatch.setattr("rolelens._serialization.MAX_DATA_FILE_BYTES", 1000)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b" " * 2000 + b"{}")))
    code, _, err = _cli(["decide", "-"], capsys)
    assert code == 2
    _one_error_line(err, "<stdin>", "more than 1000 bytes")


@pytest.mark.parametrize(("name", "loader", "error"), LOADERS, ids=LOADER_IDS)
def test_json_data_file_with_a_repeated_key(
    name: str, loader: Callable[[Path], object], error: LoaderError, tmp_path: Path
) -> None:
    """A key given twice in one JSON object is refused, as TOML refuses it: ``json``
    alone would keep the second value and drop the first without a word."""
    path = tmp_path / f"{name}.json"
    path.write_text('{"version": 1, "items": [{"id": "a", "id": "b"}]}', encoding="utf-8")
    with pytest.raises(error, match="key 'id' appears twice in one object") as info:
        loader(path)
    assert str(path) in str(info.value)


def test_scenario_with_a_repeated_key_is_one_error_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``rolelens decide`` refuses a scenario that says ``segment`` twice."""
    path = tmp_path / "scenario.json"
    feature = '{"approval": "pending"}'
    path.write_text(
        f'{{"segment": "b2b", "feature": {feature}, "segment": "b2c"}}', encoding="utf-8"
    )
    code, _, err = _cli(["decide", str(path)], capsys)
    assert code == 2
    _one_error_line(err, str(path), "'segment' appears twice")


@pytest.mark.parametrize(
    "argv",
    [
        lambda p: ["posting", p],
        lambda p: ["decide", p],
        lambda p: ["evaluate", p],
        lambda p: ["fit", p, "-o", "model.json"],
        lambda p: ["classify", "-i", p],
        lambda p: ["reframe", "-i", p],
    ],
    ids=["posting", "decide", "evaluate", "fit", "classify", "reframe"],
)
@pytest.mark.parametrize(
    ("path", "message"),
    [("a\0b.txt", "a file name cannot contain a NUL character")],
    ids=["nul"],
)
def test_impossible_input_paths_are_one_error_line(
    argv: Callable[[str], list[str]],
    path: str,
    message: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Whole-file and streamed inputs refuse a NUL in a path (a bare ValueError) as the
    data loaders do: one line, exit 2. (An empty path is refused by the parser, naming
    the option: test_cli_consistency.test_an_empty_file_name_names_its_option.) fit's
    output is a file in tmp_path: a run that got as far as writing must not replace
    os.devnull."""
    monkeypatch.chdir(tmp_path)
    code, _, err = _cli(argv(path), capsys)
    assert code == 2
    _one_error_line(err, message)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("path", ["", "a\0b.jsonl"])
def test_impossible_paths_are_input_errors_in_the_library(path: str) -> None:
    """read_records and read_examples raise InputError for them, like the loaders."""
    from rolelens.examples import read_examples
    from rolelens.records import read_records

    with pytest.raises(InputError, match=r"path is empty|NUL character"):
        list(read_records(path))
    with pytest.raises(InputError, match=r"path is empty|NUL character"):
        read_examples(path)


ENDLESS = Path("/dev/zero")  # a device: no size to check before reading, and no end
needs_endless = pytest.mark.skipif(not ENDLESS.exists(), reason="no /dev/zero here")


@needs_endless
def test_data_file_without_a_size_stops_at_the_limit() -> None:
    """A device reports size 0, so the reading itself must stop at the limit."""
    with pytest.raises(rolelens.DataFileError, match="more than the 4096-byte limit"):
        read_data_file(ENDLESS, max_bytes=4096)


@needs_endless
def test_cli_refuses_an_endless_catalog(capsys: pytest.CaptureFixture[str]) -> None:
    """``compare --catalog /dev/zero`` is one error line, not memory exhausted."""
    code, _, err = _cli(["compare", "--catalog", str(ENDLESS)], capsys)
    assert code == 2
    _one_error_line(err, str(ENDLESS), "limit")


@needs_endless
@pytest.mark.parametrize(
    "argv",
    [
        lambda p: ["posting", str(p)],
        lambda p: ["decide", str(p)],
        lambda p: ["evaluate", str(p)],
        lambda p: ["fit", str(p), "-o", "model.json"],
    ],
    ids=["posting", "decide", "evaluate", "fit"],
)
def test_cli_refuses_an_endless_input(
    argv: Argv,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Whole-file inputs stop reading at the input limit, a scenario at the data-file
    limit (both lowered here to 1 MiB). fit's output is a file in tmp_path, which the
    refused run leaves unwritten (os.devnull was named before: a run that wrote would
    have replaced it)."""
    monkeypatch.setattr("rolelens._reading.MAX_INPUT_BYTES", 1 << 20)
    monkeypatch.setattr("rolelens._serialization.MAX_DATA_FILE_BYTES", 1 << 20)
    monkeypatch.chdir(tmp_path)
    code, _, err = _cli(argv(ENDLESS), capsys)
    assert code == 2
    _one_error_line(err, str(ENDLESS), f"more than {1 << 20} bytes")
    assert list(tmp_path.iterdir()) == []


def test_cli_refuses_endless_stdin(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``rolelens posting -`` stops reading standard input at the input limit."""
    monkeypatch.setattr("rolelens._reading.MAX_INPUT_BYTES", 1000)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"Own the roadmap.\n" * 100)))
    code, _, err = _cli(["posting", "-"], capsys)
    assert code == 2
    _one_error_line(err, "<stdin>", "more than 1000 bytes")


def _catalog_with(edit: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    data = copy.deepcopy(_builtin("data/catalog.toml"))
    edit(data)
    return data


def _lexicon_with(edit: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    data = copy.deepcopy(_builtin("data/cues.toml"))
    edit(data)
    return data


def _rules_with(edit: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    data = copy.deepcopy(_builtin("data/rules.toml"))
    edit(data)
    return data


def _model_with(edit: Callable[[dict[str, Any]], None], *, rehash: bool = True) -> dict[str, Any]:
    data = _model_document()
    edit(data)
    return _rehash(data) if rehash else data


# (loader, document, error, words the message must contain, expected entry, expected field)
SCHEMA_CASES: dict[str, tuple[str, dict[str, Any], type[DataFileError], tuple[str, ...]]] = {
    "catalog-top-key": (
        "catalog",
        _catalog_with(lambda d: d.update(colour="red")),
        CatalogError,
        ("unknown", "colour"),
    ),
    "catalog-entry-key": (
        "catalog",
        _catalog_with(lambda d: d["roles"][0].update(colour="red")),
        CatalogError,
        ("roles[0]", "unknown", "colour"),
    ),
    "catalog-type": (
        "catalog",
        _catalog_with(lambda d: d["roles"][1].update(name=3)),
        CatalogError,
        ("roles[1]", "name", "string"),
    ),
    "lexicon-top-key": (
        "lexicon",
        _lexicon_with(lambda d: d.update(colour="red")),
        LexiconError,
        ("unknown", "colour"),
    ),
    "lexicon-entry-key": (
        "lexicon",
        _lexicon_with(lambda d: d["group"][2].update(colour="red")),
        LexiconError,
        ("group[2]", "unknown", "colour"),
    ),
    "lexicon-type": (
        "lexicon",
        _lexicon_with(lambda d: d["group"][0].update(weight="high")),
        LexiconError,
        ("group[0]", "weight", "number"),
    ),
    "rules-top-key": (
        "rules",
        _rules_with(lambda d: d.update(colour="red")),
        RuleError,
        ("unknown", "colour"),
    ),
    "rules-entry-key": (
        "rules",
        _rules_with(lambda d: d["rules"][0].update(colour="red")),
        RuleError,
        ("unknown", "colour"),
    ),
    "rules-type": (
        "rules",
        _rules_with(lambda d: d["rules"][0].update(priority="high")),
        RuleError,
        ("priority", "integer"),
    ),
    "model-top-key": (
        "model",
        _model_with(lambda d: d.update(colour="red")),
        ModelFormatError,
        ("unknown", "colour"),
    ),
    "model-inner-key": (
        "model",
        _model_with(lambda d: d["model"].update(colour="red")),
        ModelFormatError,
        ("unknown", "colour"),
    ),
    "model-type": (
        "model",
        _model_with(lambda d: d["model"]["cues"][3].update(weights=["a", 1, 1, 1])),
        ModelFormatError,
        ("cues[3]", "weights", "number"),
    ),
    "model-edited": (
        "model",
        _model_with(lambda d: d["model"].update(min_evidence=0.9), rehash=False),
        ModelFormatError,
        ("sha256", "checksum"),
    ),
}


@pytest.mark.parametrize("case", sorted(SCHEMA_CASES))
def test_data_file_schema_errors_name_the_field(case: str, tmp_path: Path) -> None:
    """Unknown keys and wrong types are the loader's error, naming file, entry and field."""
    kind, document, error, words = SCHEMA_CASES[case]
    loader = {name: func for name, func, _ in LOADERS}[kind]
    path = tmp_path / f"{kind}.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(error) as info:
        loader(path)
    message = str(info.value)
    assert info.value.path == str(path)
    assert "\n" not in message
    for word in words:
        assert word in message, (word, message)


# -- no code execution -------------------------------------------------------


class _Boom:
    """Pickles to a payload that would create the sentinel file if it were ever unpickled."""

    def __init__(self, sentinel: Path) -> None:
        self.sentinel = sentinel

    def __reduce__(self) -> tuple[Any, ...]:
        return (os.system, (f"touch {self.sentinel}",))


def _payloads(sentinel: Path) -> dict[str, bytes]:
    """Files that would create ``sentinel`` if a loader executed, unpickled or YAML-loaded them."""
    shell = f"touch {sentinel}"
    python = f"__import__('os').system('{shell}')"
    pickled = pickle.dumps(_Boom(sentinel), protocol=0)
    yaml_object = f"!!python/object/apply:os.system ['{shell}']"
    as_json = {
        "version": 1,
        "format": "rolelens-classifier",
        "__reduce__": python,
        "roles": [{"id": python, "name": yaml_object, "side": "product"}],
        "group": [{"label": "product", "phrases": [python, yaml_object]}],
        "rules": [{"id": "x", "when": python, "owner": yaml_object}],
        "model": {"bias": pickled.decode("latin-1")},
        "segment": yaml_object,
    }
    return {
        "raw-pickle": pickled,
        "yaml-object": f"roles: {yaml_object}\n".encode(),
        "yaml-tag-only": f"{yaml_object}\n".encode(),
        "python-expression": python.encode(),
        "json-with-payloads": json.dumps(as_json).encode(),
        "toml-with-payloads": (
            f"version = 1\n__reduce__ = {json.dumps(python)}\n"
            f"[[group]]\nlabel = 'product'\nphrases = [{json.dumps(python)}, "
            f"{json.dumps(yaml_object)}]\n"
            f"[[rules]]\nid = 'x'\nwhen = {json.dumps(python)}\n"
        ).encode(),
        "lexicon-cue-is-code": (
            f"version = 1\n[[group]]\nlabel = 'product'\nphrases = [{json.dumps(python)}]\n"
        ).encode(),
    }


def test_pickle_payload_is_live(tmp_path: Path) -> None:
    """The pickle payload does create the sentinel when unpickled: its absence means something."""
    sentinel = tmp_path / "SENTINEL"
    pickle.loads(_payloads(sentinel)["raw-pickle"])  # our own bytes, on purpose
    assert sentinel.exists()


@pytest.mark.parametrize(("name", "loader", "error"), LOADERS, ids=LOADER_IDS)
@pytest.mark.parametrize("suffix", [".json", ".toml", ".yaml", ".pkl", ".py"])
def test_no_code_execution(
    name: str,
    loader: Callable[[Path], object],
    error: LoaderError,
    suffix: str,
    tmp_path: Path,
) -> None:
    """Pickle, YAML-object and Python payloads are data or invalid, never executed."""
    sentinel = tmp_path / "SENTINEL"
    for payload_name, payload in _payloads(sentinel).items():
        path = tmp_path / f"{payload_name}{suffix}"
        path.write_bytes(payload)
        try:
            loaded = loader(path)
        except error:
            pass
        else:
            # accepted as plain data: the code is just text in it
            assert payload_name in ("lexicon-cue-is-code", "toml-with-payloads")
            assert loaded is not None
        assert not sentinel.exists(), f"{payload_name}{suffix} was executed by {name}"


@pytest.mark.parametrize(
    "argv",
    [
        lambda p: ["compare", "--catalog", str(p)],
        lambda p: ["decide", "--segment", "b2b", "--approval", "pending", "--rules", str(p)],
        lambda p: ["decide", str(p)],
        lambda p: ["classify", "--model", str(p), PRODUCT],
        lambda p: ["classify", "-i", str(p)],
        lambda p: ["posting", str(p)],
        lambda p: ["evaluate", str(p)],
        lambda p: ["fit", str(p), "-o", str(p.parent / "out.json")],
    ],
    ids=["catalog", "rules", "scenario", "model", "classify", "posting", "evaluate", "fit"],
)
def test_cli_never_executes_payloads(
    argv: Argv, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """No command executes a pickle, YAML-object or Python payload handed to it as a file."""
    sentinel = tmp_path / "SENTINEL"
    for payload_name, payload in _payloads(sentinel).items():
        path = tmp_path / f"{payload_name}.pkl"
        path.write_bytes(payload)
        code, _, err = _cli(argv(path), capsys)
        assert code in (0, 2), err
        if code == 2:
            _one_error_line(err)
        assert not sentinel.exists(), f"{payload_name} was executed"


# ---------------------------------------------------------------------------
# Defects found in other modules
# ---------------------------------------------------------------------------

_HUGE_INT = "1" * 5000  # int() refuses more than 4300 digits with ValueError


@pytest.mark.parametrize(
    "argv",
    [
        lambda p: ["classify", "-i", str(p)],
        lambda p: ["evaluate", str(p)],
        lambda p: ["fit", str(p), "-o", str(p.parent / "m.json")],
    ],
    ids=["classify", "evaluate", "fit"],
)
@pytest.mark.parametrize(
    ("value", "needle"),
    [
        # Python's own words said to call sys.set_int_max_str_digits().
        (_HUGE_INT, "an integer of 5000 digits, over the 4300-digit limit"),
        # fit and evaluate said "maximum recursion depth exceeded while decoding ...".
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ],
    ids=["huge-number", "deep"],
)
def test_jsonl_line_with_huge_number_exits_2(
    argv: Argv, value: str, needle: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A JSONL record with a 5000-digit number, or nested 100,000 deep, is a one-line error
    naming file and line, in a user's words."""
    path = tmp_path / "in.jsonl"
    path.write_text(
        _labeled((PRODUCT, "product"))
        + f'{{"text": "{PROJECT}", "label": "project", "n": {value}}}\n',
        encoding="utf-8",
    )
    code, _, err = _cli(argv(path), capsys)
    assert code == 2
    _one_error_line(err, f"{path}:2", needle)


_MEGABYTE = "x" * 1_000_000


def _with_role_id(role_id: str) -> dict[str, Any]:
    catalog = _builtin("data/catalog.toml")
    catalog["roles"][0]["id"] = role_id
    return catalog


@pytest.mark.parametrize(
    ("name", "content", "argv"),
    [
        (
            "labeled.jsonl",
            _labeled((PRODUCT, _MEGABYTE)),
            lambda p: ["evaluate", str(p)],
        ),
        (
            "catalog.json",
            json.dumps(_with_role_id(_MEGABYTE)),
            lambda p: ["compare", "--catalog", str(p)],
        ),
    ],
    ids=["label", "catalog-id"],
)
def test_a_megabyte_value_is_cut_short_in_the_error(
    name: str, content: str, argv: Argv, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A wrong value of a megabyte (a label, a catalog id) is shown cut short: the error
    line printed the whole value."""
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    code, _, err = _cli(argv(path), capsys)
    assert code == 2
    assert len(_one_error_line(err, str(path), "x" * 30)) < 300 + len(str(path))


@pytest.mark.parametrize(
    "content",
    [
        f"segment = {_HUGE_INT}\n",
        "a = " + "[" * 50_000 + "]" * 50_000 + "\n",
        "a" + ".a" * 5_000 + " = 1\n",
    ],
    ids=["huge-int", "deep-toml", "deep-dotted-key"],
)
def test_scenario_file_parse_failures_exit_2(
    content: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`rolelens decide FILE` reports an unparsable scenario on one line with exit 2."""
    path = tmp_path / "scenario.toml"
    path.write_text(content, encoding="utf-8")
    code, _, err = _cli(["decide", str(path)], capsys)
    assert code == 2
    _one_error_line(err, str(path))


@pytest.mark.parametrize(("name", "loader", "error"), LOADERS, ids=LOADER_IDS)
@pytest.mark.parametrize(
    ("path", "message"), [("", "path is empty"), ("a\0b.json", "NUL character")], ids=["", "nul"]
)
def test_impossible_data_file_paths_are_the_loaders_errors(
    name: str, loader: Callable[[Any], object], error: LoaderError, path: str, message: str
) -> None:
    """Every data-file loader (not only load_catalog) refuses an empty path, which is not
    "a directory", and a NUL, which made open() raise a bare ValueError, with its error."""
    with pytest.raises(error, match=message):
        loader(path)


@pytest.mark.parametrize(
    ("loader", "name", "content", "hint"),
    [
        (rolelens.load_rules, "rules.toml", 'version = 1\n[[rule]]\nid = "x"\n', "rule"),
        (
            rolelens.load_lexicon,
            "cues.toml",
            'version = 1\n[[cue]]\nphrase = "vendor onboarding"\nweights = { project = 1.0 }'
            '\ndimensoin = "success_metrics"\n',
            "dimensoin",
        ),
        (
            rolelens.load,
            "model.json",
            '{"format": "rolelens-classifier", "version": 1, "sha256": "", "modell": {}}',
            "modell",
        ),
    ],
)
def test_a_misspelt_field_is_named_with_the_near_miss(
    tmp_path: Path, loader: Callable[[Path], object], name: str, content: str, hint: str
) -> None:
    """An unknown key close to a known one says which one was probably meant."""
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(rolelens.RoleLensError) as caught:
        loader(path)
    expected = {"rule": "rules", "dimensoin": "dimension", "modell": "model"}[hint]
    assert f"{hint} (did you mean {expected!r}?)" in str(caught.value)


def test_an_unknown_field_far_from_any_known_one_gets_no_guess(tmp_path: Path) -> None:
    path = tmp_path / "rules.toml"
    path.write_text("version = 1\nrules = []\ncolour = 'red'\n", encoding="utf-8")
    with pytest.raises(rolelens.RuleError, match=r"unknown field\(s\): colour$"):
        rolelens.load_rules(path)


_HOSTILE_KEYS = {
    "control characters": {"a\nb\x1b[31mred\r": 1},
    "a bidirectional override": {"r\u00fcles\u202e": 1},
    "a very long key": {"k" * 100_000: 1},
    "thousands of keys": {f"key{i}": 1 for i in range(5000)},
}


def _tiny_model_with(extra: dict[str, Any]) -> dict[str, Any]:
    return {**_model_document(), **extra}


@pytest.mark.parametrize("keys", list(_HOSTILE_KEYS), ids=list(_HOSTILE_KEYS))
@pytest.mark.parametrize(
    ("loader", "document"),
    [
        (rolelens.load_rules, lambda extra: {"rules": [], **extra}),
        (rolelens.load_lexicon, lambda extra: {"version": 1, **extra}),
        (rolelens.load_catalog, lambda extra: {"roles": [], **extra}),
        (rolelens.load, _tiny_model_with),
    ],
    ids=["rules", "lexicon", "catalog", "model"],
)
def test_unknown_fields_stay_one_bounded_printable_line(
    tmp_path: Path,
    loader: Callable[[Path], object],
    document: Callable[[dict[str, int]], object],
    keys: str,
) -> None:
    """Unknown keys are named on one line of bounded length, whatever they hold: at
    most eight, each cut to 60 characters, with unprintable characters escaped (a
    newline made the message two lines, ESC reached the terminal raw, and 5000 keys
    made a 44 KB message)."""
    path = tmp_path / "data.json"
    path.write_text(json.dumps(document(_HOSTILE_KEYS[keys])), encoding="utf-8")
    with pytest.raises(rolelens.RoleLensError) as caught:
        loader(path)
    message = str(caught.value)
    assert "unknown field(s): " in message
    assert message.isprintable()
    assert len(message) < 400
    if keys == "thousands of keys":
        assert "(and 4992 more)" in message or "(and 4993 more)" in message
    if keys == "a very long key":
        assert "k" * 60 + "..." in message
        assert "k" * 61 not in message
    if keys == "control characters":
        assert "a\\nb\\x1b[31mred\\r" in message


def test_a_tiny_model_with_a_huge_format_or_version_is_named_briefly(tmp_path: Path) -> None:
    """The format and version of a document that is no model are shown cut short."""
    for field, value in (("format", "x\x1b" * 100_000), ("version", "1\n" * 100_000)):
        path = tmp_path / "model.json"
        path.write_text(json.dumps(_tiny_model_with({field: value})), encoding="utf-8")
        with pytest.raises(rolelens.ModelFormatError) as caught:
            rolelens.load(path)
        assert len(str(caught.value)) < 200
        assert str(caught.value).isprintable()


def test_serialization_exports_its_public_limits() -> None:
    """Every documented limit (MAX_TOML_KEY_PARTS was missing) is in ``__all__``."""
    limits = {name for name in vars(_serialization) if name.startswith("MAX_")}
    assert limits == {"MAX_CSV_FIELD", "MAX_DATA_FILE_BYTES", "MAX_TOML_KEY_PARTS"}
    assert limits <= set(_serialization.__all__)
