"""Render an HTML report for each example posting in ``examples/postings/``.

Usage::

    python examples/render_posting_reports.py [OUTPUT_DIR]

``OUTPUT_DIR`` defaults to ``./reports``; one ``<posting>.html`` is written
per posting, and the one-line summary of each is printed.
"""

from __future__ import annotations

import sys
from pathlib import Path

from rolelens.posting import analyze_posting
from rolelens.posting_report import posting_to_html

POSTINGS = Path(__file__).resolve().parent / "postings"


def render_all(output: Path) -> list[Path]:
    """Write one HTML report per example posting into ``output``; return their paths."""
    output.mkdir(parents=True, exist_ok=True)
    written = []
    for posting in sorted(POSTINGS.iterdir()):
        if not posting.is_file():
            continue
        profile = analyze_posting(posting.read_text(encoding="utf-8"))
        target = output / f"{posting.stem}.html"
        target.write_text(posting_to_html(profile), encoding="utf-8")
        print(f"{target}: {profile.summary}")
        written.append(target)
    return written


def main(argv: list[str]) -> int:
    """Render the reports into the directory named by ``argv[0]`` (default ``reports``)."""
    output = Path(argv[0]) if argv else Path("reports")
    try:
        render_all(output)
    except OSError as exc:  # OUTPUT_DIR names a file, or a place we cannot write
        sys.exit(f"render_posting_reports: cannot write the reports to {output}/: {exc}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
