"""Accuracy of rolelens against a keyword baseline, side by side.

    python benchmarks/accuracy.py [FILE] [--cv K] [--misses N] [--sklearn]

FILE is any JSONL with ``text`` and ``label`` (default: ../shared/data/dev.jsonl),
read as ``rolelens evaluate`` reads it (a ``.csv`` FILE needs those columns).
With ``--cv K`` it also prints K-fold cross-validation of the default
classifier fitted on FILE (the default classifier alone is the same in
every fold, so its figures are the plain evaluation). With ``--sklearn`` it
also fits what a user would otherwise pick, scikit-learn's ``TfidfVectorizer``
+ ``LogisticRegression`` (the pipeline ``throughput.py`` times), on the same
training corpus as rolelens' model, and prints its figures on FILE (needs the
``bench`` extra).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import (
    DEV_FILE,
    at_least,
    fitted_sklearn_pipeline,
    keyword_baseline,
    read_jsonl,
    report_header,
    report_row,
)

from rolelens import Label, cross_validate, default_classifier, evaluate
from rolelens.errors import FitError
from rolelens.evaluation import evaluate_predictions


def sklearn_predictions(texts: list[str]) -> list[Label]:
    """Labels of ``texts`` from the pipeline of :func:`fitted_sklearn_pipeline`, or
    exit with a message when scikit-learn is missing."""
    try:
        model = fitted_sklearn_pipeline()
    except ImportError:
        sys.exit('--sklearn needs scikit-learn: pip install -e ".[bench]"')
    return [Label(str(label)) for label in model.predict(texts)]


def cv_folds(value: str) -> int:
    """``--cv``: 0 (none) or at least 2 folds."""
    folds = at_least(0)(value)
    if folds == 1:
        raise argparse.ArgumentTypeError("must be 0 (no cross-validation) or at least 2 folds")
    return folds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("file", nargs="?", type=Path, default=DEV_FILE)
    parser.add_argument("--cv", type=cv_folds, default=0, metavar="K")
    parser.add_argument("--misses", type=at_least(0), default=0, metavar="N")
    parser.add_argument("--seed", type=at_least(0), default=0)
    parser.add_argument(
        "--sklearn", action="store_true", help="also fit and measure TF-IDF + LogisticRegression"
    )
    args = parser.parse_args()

    rows = read_jsonl(args.file)
    examples = [(r["text"], r["label"]) for r in rows]
    baseline = evaluate_predictions(
        [Label(r["label"]) for r in rows], [keyword_baseline(r["text"]) for r in rows]
    )
    tfidf = None
    if args.sklearn:
        tfidf = evaluate_predictions(
            [Label(r["label"]) for r in rows], sklearn_predictions([r["text"] for r in rows])
        )
    started = time.perf_counter()
    ours = evaluate(default_classifier(), examples)
    elapsed = time.perf_counter() - started

    print(f"data: {args.file} ({len(rows)} statements)")
    print(report_header())
    print(report_row("keyword baseline", baseline))
    print(report_row("rolelens default", ours))
    if tfidf is not None:
        print(report_row("sklearn TF-IDF + LogReg", tfidf))
    if args.cv:
        try:
            fitted = cross_validate(examples, k=args.cv, seed=args.seed)
        except FitError as exc:  # too few examples for the folds, or one label only
            sys.exit(f"--cv {args.cv}: {exc}")
        print(report_row(f"rolelens fitted ({args.cv}-fold CV)", fitted))
    print(f"(rolelens evaluated in {elapsed * 1000:.0f} ms)")
    print()
    print("rolelens default, in detail:")
    print(ours.to_text(misses=args.misses))
    print("keyword baseline, in detail:")
    print(baseline.to_text())


if __name__ == "__main__":
    main()
