"""Fit the shipped model (src/rolelens/data/model.json) on rolelens' own corpus.

    python training/build_model.py [--check] [--cv K]

The corpus (training/corpus/*.jsonl) is written by the rolelens developers
in their own words; the measuring data in ../shared/data is never read here.
``--cv K`` prints K-fold cross-validation on the corpus before fitting;
``--check`` fits and compares with the committed model without writing.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from rolelens import Classifier, cross_validate
from rolelens.lexicon import default_lexicon
from rolelens.persistence import to_json

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
MODEL = HERE.parent / "src" / "rolelens" / "data" / "model.json"

#: Fitting settings for the shipped model; chosen by cross-validation on the corpus.
SETTINGS: dict[str, float | int] = {"seed": 0, "epochs": 12, "l2": 0.002, "min_count": 2}
MIN_EVIDENCE = 0.5
SHARED_FLOOR = 1.0
START_BIAS = (0.0, 0.0, -0.5, 0.5)


def corpus() -> list[tuple[str, str]]:
    """Every (text, label) pair of the corpus, in a stable order, exact duplicates dropped."""
    seen: set[str] = set()
    rows: list[tuple[str, str]] = []
    for path in sorted(CORPUS.glob("*.jsonl")):
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
            if not line.strip():
                continue
            row = json.loads(line)
            text, label = row["text"], row["label"]
            if not isinstance(text, str) or label not in {"product", "project", "shared", "other"}:
                sys.exit(f"{path}:{number}: bad row")
            if text in seen:
                continue
            seen.add(text)
            rows.append((text, label))
    return rows


def start() -> Classifier:
    """The unfitted starting point: the hand-written lexicon and a prior bias."""
    return Classifier(
        default_lexicon(), bias=START_BIAS, min_evidence=MIN_EVIDENCE, shared_floor=SHARED_FLOOR
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cv", type=int, default=0)
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    rows = corpus()
    print(f"corpus: {len(rows)} statements")
    base = start()
    if args.cv:
        report = cross_validate(
            rows, k=args.cv, classifier=base, fit=lambda c, train: c.fit(train, **SETTINGS)
        )
        print(report.to_text())
    began = time.perf_counter()
    model = base.fit(rows, **SETTINGS)
    print(f"fitted {len(model.lexicon)} cues in {time.perf_counter() - began:.1f} s")
    text = to_json(model)
    if args.check:
        same = MODEL.is_file() and MODEL.read_text("utf-8") == text
        print("committed model is up to date" if same else "committed model differs")
        sys.exit(0 if same else 1)
    MODEL.write_text(text, "utf-8")
    print(f"wrote {MODEL} ({len(text) // 1024} KiB)")


if __name__ == "__main__":
    main()
