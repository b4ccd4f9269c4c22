"""Open a rendered posting report in headless Chromium and check the screenshot is not blank."""

from __future__ import annotations

import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest

from rolelens.posting import analyze_posting
from rolelens.posting_report import posting_to_html

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "postings"
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def _chromium() -> str | None:
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def _paeth(a: int, b: int, c: int) -> int:
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def decode_png(data: bytes) -> tuple[int, int, int, list[bytes]]:
    """Decode an 8-bit RGB/RGBA PNG into ``(width, height, bytes per pixel, rows)``."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat = 8, []
    width = height = depth = colour = 0
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        body = data[pos + 8 : pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
    assert depth == 8, f"unsupported PNG bit depth {depth}"
    assert colour in (2, 6), f"unsupported PNG colour type {colour}"
    bpp = 3 if colour == 2 else 4
    raw = zlib.decompress(b"".join(idat))
    stride = width * bpp
    rows: list[bytes] = []
    previous = bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        method = raw[start]
        line = bytearray(raw[start + 1 : start + 1 + stride])
        if method == 1:
            for i in range(bpp, stride):
                line[i] = (line[i] + line[i - bpp]) & 0xFF
        elif method == 2:
            line = bytearray((x + p) & 0xFF for x, p in zip(line, previous, strict=True))
        elif method == 3:
            for i in range(stride):
                left = line[i - bpp] if i >= bpp else 0
                line[i] = (line[i] + ((left + previous[i]) >> 1)) & 0xFF
        elif method == 4:
            for i in range(stride):
                left = line[i - bpp] if i >= bpp else 0
                up_left = previous[i - bpp] if i >= bpp else 0
                line[i] = (line[i] + _paeth(left, previous[i], up_left)) & 0xFF
        rows.append(bytes(line))
        previous = line
    return width, height, bpp, rows


def distinct_colours(rows: list[bytes], bpp: int) -> int:
    """How many different RGB colours the decoded rows hold."""
    colours: set[bytes] = set()
    for row in rows:
        for x in range(0, len(row), bpp):
            colours.add(row[x : x + 3])
    return len(colours)


def test_png_decoder_reads_a_known_image() -> None:
    """The decoder recovers the pixels of a small PNG built here with every filter type."""
    width, height, bpp = 3, 5, 3
    pixels = [bytes((10 * x, 20 * y, 7 * x + y)) for y in range(height) for x in range(width)]
    rows = [b"".join(pixels[y * width : (y + 1) * width]) for y in range(height)]
    raw = b"".join(b"\x00" + row for row in rows)
    chunk = b"IHDR" + struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)

    def wrap(kind_and_body: bytes) -> bytes:
        body = kind_and_body[4:]
        crc = zlib.crc32(kind_and_body) & 0xFFFFFFFF
        return struct.pack(">I", len(body)) + kind_and_body + struct.pack(">I", crc)

    png = b"\x89PNG\r\n\x1a\n" + wrap(chunk) + wrap(b"IDAT" + zlib.compress(raw)) + wrap(b"IEND")
    got_w, got_h, got_bpp, got_rows = decode_png(png)
    assert (got_w, got_h, got_bpp) == (width, height, bpp)
    assert got_rows == rows
    assert distinct_colours(got_rows, bpp) == width * height
    # A constant grey image written with filters Sub, Up, Average and Paeth: the deltas
    # below are what an encoder writes for it, so it must decode to one colour.
    grey = bytes((128, 128, 128))
    sub = b"\x01" + grey + bytes(3 * (width - 1))
    up = b"\x02" + bytes(3 * width)
    average = b"\x03" + bytes((64, 64, 64)) + bytes(3 * (width - 1))  # 128 - (0 + 128) // 2
    paeth = b"\x04" + bytes(3 * width)
    png = (
        b"\x89PNG\r\n\x1a\n"
        + wrap(chunk)
        + wrap(b"IDAT" + zlib.compress(sub + up + average + paeth + up))
        + wrap(b"IEND")
    )
    _, _, _, grey_rows = decode_png(png)
    assert distinct_colours(grey_rows, 3) == 1


@pytest.mark.browser
def test_rendered_report_screenshot_is_not_blank(tmp_path: Path) -> None:
    """Headless Chromium renders the HTML report of the disguised posting into a varied image."""
    browser = _chromium()
    if browser is None:
        pytest.skip("no chromium binary installed")
    text = (EXAMPLES / "product-manager-in-name-only.html").read_text(encoding="utf-8")
    report = tmp_path / "report.html"
    report.write_text(posting_to_html(analyze_posting(text)), encoding="utf-8")
    shot = tmp_path / "shot.png"
    profile_dir = tmp_path / "profile"
    profile_dir.mkdir()
    command = [
        browser,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={profile_dir}",
        f"--screenshot={shot}",
        "--window-size=1200,900",
        report.as_uri(),
    ]
    completed = subprocess.run(command, capture_output=True, timeout=120, check=False)
    assert shot.is_file(), completed.stderr.decode("utf-8", "replace")[-2000:]
    width, height, bpp, rows = decode_png(shot.read_bytes())
    assert (width, height) == (1200, 900)
    # A blank page has one colour; the report has text, badges and a coloured bar chart.
    assert distinct_colours(rows, bpp) >= 20
    top = distinct_colours(rows[:450], bpp)
    assert top >= 10
