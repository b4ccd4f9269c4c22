"""How much of the accuracy on FILE comes from the corpus knowing FILE's phrasing.

    python benchmarks/independent_corpus.py [FILE]

``training/independent`` holds statements written for rolelens the same way
as the training corpus (``training/corpus``), in separate writing sessions
that never saw the measuring file (its README says how). The shipped model is not
fitted on them. This script measures on FILE (default
../shared/data/dev.jsonl):

* the shipped model, and the hand-written cues it starts from, unfitted;
* the model refitted on the corpus with the independent statements added
  (with the shipped settings, with five times the L2 pull toward the
  hand-written cues, with ``--calibrate`` also with a temperature and
  ``shared`` shift calibrated afresh on both, and with only the independent
  statements the shipped model labels as their writers did), and refitted
  on the independent statements alone;
* the model refitted on random quarters, halves and three quarters of the
  corpus (the learning curve);

and, for comparison, how well the shipped model and the model fitted on the
independent statements alone label each other's statements. If the two
collections only differed in size and quality, a model fitted on either
would label FILE about as well as it labels the other collection.

Every refit uses the shipped settings, temperature and ``shared`` bias
shift (``build_model.refitter``, as in ``fit_sensitivity.py``). Takes about
two minutes.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "training"))

import build_model  # noqa: E402
from _common import DEV_FILE, read_jsonl, report_header, report_row  # noqa: E402

from rolelens import Classifier, default_classifier, evaluate  # noqa: E402

INDEPENDENT = HERE.parent / "training" / "independent"

Rows = list[tuple[str, str]]


def independent_rows(corpus: Rows) -> Rows:
    """The independent statements, in a stable order, without any ``corpus`` has."""
    seen = {text for text, _label in corpus}
    rows: Rows = []
    for path in sorted(INDEPENDENT.glob("*.jsonl")):
        for row in read_jsonl(path):
            if row["text"] not in seen:
                seen.add(row["text"])
                rows.append((row["text"], row["label"]))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("file", nargs="?", type=Path, default=DEV_FILE)
    parser.add_argument(
        "--calibrate",
        action="store_true",
        help=(
            "also refit on the corpus and the independent statements with a temperature "
            "and shared shift of their own, calibrated on held-out folds of both as the "
            "training script calibrates the shipped model (about five minutes more)"
        ),
    )
    args = parser.parse_args()
    examples = [(r["text"], r["label"]) for r in read_jsonl(args.file)]
    corpus = build_model.corpus()
    independent = independent_rows(corpus)
    shipped = default_classifier()
    refit = build_model.refitter(shipped, corpus)

    def row(name: str, model: Classifier, data: Rows) -> None:
        print(report_row(name, evaluate(model, data)), flush=True)

    print(
        f"data: {args.file} ({len(examples)} statements); corpus: {len(corpus)}; "
        f"independent: {len(independent)}"
    )
    print(report_header())
    row("shipped model", shipped, examples)
    row("hand-written cues, unfitted", build_model.start(), examples)
    began = time.perf_counter()
    row("refit: corpus + independent", refit(corpus + independent), examples)
    stronger = refit(corpus + independent, l2=5 * build_model.SETTINGS["l2"])
    row("  the same, l2 x 5", stronger, examples)
    if args.calibrate:
        calibrated = build_model.calibrated_fit(corpus + independent, build_model.start())
        row("  the same, calibrated afresh", calibrated, examples)
    agreed = [(text, label) for text, label in independent if shipped.classify(text).label == label]
    row("  only those shipped agrees", refit(corpus + agreed), examples)
    alone = refit(independent)
    row("refit: independent alone", alone, examples)
    for share in (0.25, 0.5, 0.75):
        rng = random.Random(1)
        sample = [r for r in corpus if rng.random() < share]
        row(f"refit: {share:.0%} of corpus ({len(sample)})", refit(sample), examples)
    took = time.perf_counter() - began
    print(f"({len(agreed)} statements labelled as the shipped model does; refits {took:.0f} s)")
    print("each collection labelled by a model fitted on the other:")
    row("shipped -> independent", shipped, independent)
    row("independent alone -> corpus", alone, corpus)


if __name__ == "__main__":
    main()
