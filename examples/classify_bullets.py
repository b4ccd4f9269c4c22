"""Classify job-description bullets and print each verdict with its evidence.

    python examples/classify_bullets.py [CSV]

Reads ``examples/bullets.csv`` (columns ``id`` and ``text``) by default.
"""

from __future__ import annotations

import csv
import sys
from collections import Counter
from pathlib import Path

import rolelens

HERE = Path(__file__).resolve().parent


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "bullets.csv"
    rows = []
    try:
        with path.open(newline="", encoding="utf-8") as stream:
            # strict: a quote left open is an error, not the rest of the file as one field.
            reader = csv.DictReader(stream, strict=True)
            if not {"id", "text"} <= set(reader.fieldnames or ()):
                sys.exit(f"classify_bullets: {path} needs the columns 'id' and 'text'")
            for row in reader:
                if row["id"] is None or row["text"] is None:  # a row shorter than the header
                    line = reader.line_num
                    sys.exit(f"classify_bullets: {path}:{line}: fewer fields than the header")
                rows.append(row)
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        sys.exit(f"classify_bullets: cannot read {path}: {exc}")
    counts: Counter[str] = Counter()
    for row, verdict in zip(rows, rolelens.classify_many(r["text"] for r in rows), strict=True):
        counts[verdict.label.value] += 1
        print(f"[{row['id']}] {row['text']}")
        print(f"     {verdict.explain()}  (confidence {verdict.confidence:.2f})")
        for item in verdict.evidence[:3]:
            # Evidence spans point into the original text: draw a marker under them.
            marker = " " * item.start + "^" * (item.end - item.start)
            print(f"       {row['text']}\n       {marker} {item.cue!r} -> {item.label.value}")
    print()
    print("totals:", ", ".join(f"{label}: {n}" for label, n in sorted(counts.items())))


if __name__ == "__main__":
    main()
