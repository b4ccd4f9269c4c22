"""Shared pieces of the benchmark scripts: the data path and the keyword baseline."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from rolelens import Label

ROOT = Path(__file__).resolve().parent.parent
DEV_FILE = ROOT.parent / "shared" / "data" / "dev.jsonl"


def read_jsonl(path: Path) -> list[dict[str, str]]:
    """Rows with ``text`` and ``label`` from a JSONL file, or exit with a message."""
    if not path.is_file():
        sys.exit(f"benchmark data not found: {path} (pass a JSONL file with text and label)")
    rows = []
    with path.open(encoding="utf-8") as stream:
        for number, line in enumerate(stream, 1):
            if line.strip():
                row = json.loads(line)
                if "text" not in row or "label" not in row:
                    sys.exit(f"{path}:{number}: needs 'text' and 'label'")
                rows.append(row)
    return rows


# The keyword baseline: what a developer might write in half an hour.
PRODUCT_WORDS = (
    "product",
    "roadmap",
    "customer",
    "user",
    "market",
    "vision",
    "strategy",
    "prioritize",
    "prioritise",
    "feature",
    "research",
    "value",
    "requirements",
)
PROJECT_WORDS = (
    "project",
    "schedule",
    "timeline",
    "deadline",
    "budget",
    "milestone",
    "risk",
    "plan",
    "deliver",
    "resources",
    "scope",
    "status",
    "track",
    "coordinate",
)


def keyword_baseline(text: str) -> Label:
    """Count product and project keywords; the larger count wins, a tie is shared."""
    lowered = text.lower()
    product = sum(word in lowered for word in PRODUCT_WORDS)
    project = sum(word in lowered for word in PROJECT_WORDS)
    if product == project == 0:
        return Label.OTHER
    if product == project:
        return Label.SHARED
    return Label.PRODUCT if product > project else Label.PROJECT
