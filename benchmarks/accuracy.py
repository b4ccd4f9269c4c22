"""Accuracy of rolelens against a keyword baseline, side by side.

    python benchmarks/accuracy.py [FILE] [--cv K] [--misses N]

FILE is any JSONL with ``text`` and ``label`` (default: ../shared/data/dev.jsonl).
With ``--cv K`` it also prints K-fold cross-validation of the default
classifier fitted on FILE (the default classifier alone is the same in
every fold, so its figures are the plain evaluation).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import DEV_FILE, keyword_baseline, read_jsonl, report_header, report_row

from rolelens import Label, cross_validate, default_classifier, evaluate
from rolelens.evaluation import evaluate_predictions


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("file", nargs="?", type=Path, default=DEV_FILE)
    parser.add_argument("--cv", type=int, default=0, metavar="K")
    parser.add_argument("--misses", type=int, default=0, metavar="N")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    rows = read_jsonl(args.file)
    examples = [(r["text"], r["label"]) for r in rows]
    baseline = evaluate_predictions(
        [Label(r["label"]) for r in rows], [keyword_baseline(r["text"]) for r in rows]
    )
    started = time.perf_counter()
    ours = evaluate(default_classifier(), examples)
    elapsed = time.perf_counter() - started

    print(f"data: {args.file} ({len(rows)} statements)")
    print(report_header())
    print(report_row("keyword baseline", baseline))
    print(report_row("rolelens default", ours))
    if args.cv:
        fitted = cross_validate(examples, k=args.cv, seed=args.seed)
        print(report_row(f"rolelens fitted ({args.cv}-fold CV)", fitted))
    print(f"(rolelens evaluated in {elapsed * 1000:.0f} ms)")
    print()
    print("rolelens default, in detail:")
    print(ours.to_text(misses=args.misses))
    print("keyword baseline, in detail:")
    print(baseline.to_text())


if __name__ == "__main__":
    main()
