"""How much the shipped model's accuracy depends on its fitting settings.

    python benchmarks/fit_sensitivity.py [FILE]

Refits the model on rolelens' own corpus (``training/corpus``) once per
setting below, each change made alone from ``training/build_model.py``'s
settings, and measures every refit on FILE (default
../shared/data/dev.jsonl). It also measures the shipped model with its label
biases moved from the corpus' label shares to FILE's (a label-shift
correction, which needs the measured file's own label counts, so it is a
diagnostic, not something the shipped model may use; ``shared`` keeps its
bias, which calibration already set for a 5% share).

Every refit uses the ``shared`` bias shift the shipped model's calibration
chose, not a fresh calibration per setting, so the rows differ only in the
setting named. Each refit takes 10-20 s. The last rows refit with other
seeds of the shuffle, and average the weights of the five seeds' models:
the spread of the seed rows is the noise below which no other row shows a
difference.
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from collections import Counter
from pathlib import Path

import attrs

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "training"))

import build_model  # noqa: E402
from _common import DEV_FILE, read_jsonl, report_header, report_row  # noqa: E402

from rolelens import Classifier, Label, default_classifier, evaluate  # noqa: E402
from rolelens.labels import LABELS  # noqa: E402
from rolelens.lexicon import Cue, Lexicon  # noqa: E402

#: One change per row, applied to build_model.SETTINGS.
VARIANTS: tuple[tuple[str, dict[str, float | int]], ...] = (
    ("shipped settings", {}),
    ("l2 x 0.25", {"l2": build_model.SETTINGS["l2"] * 0.25}),
    ("l2 x 5", {"l2": build_model.SETTINGS["l2"] * 5}),
    ("l2 x 15", {"l2": build_model.SETTINGS["l2"] * 15}),
    ("epochs 6", {"epochs": 6}),
    ("min_count 3", {"min_count": 3}),
    ("prune 0.5", {"prune": 0.5}),
    *((f"seed {seed}", dict[str, float | int](seed=seed)) for seed in range(1, 5)),
)
#: The seeds whose models the last row averages (seed 0 is the shipped setting).
AVERAGED_SEEDS = tuple(range(5))


def _row(name: str, model: Classifier, examples: list[tuple[str, str]]) -> str:
    return f"{report_row(name, evaluate(model, examples))} {len(model.lexicon):>7}"


def label_shift(model: Classifier, train: list[str], target: list[str]) -> Classifier:
    """``model`` with the bias of each label but ``shared`` moved by
    log(target share / training share)."""
    have, want = Counter(train), Counter(target)
    bias = [
        b
        if label is Label.SHARED
        else b + math.log((want[label.value] / len(target)) / (have[label.value] / len(train)))
        for b, label in zip(model.bias, LABELS, strict=True)
    ]
    return attrs.evolve(model, bias=tuple(bias))


def averaged(models: list[Classifier]) -> Classifier:
    """One classifier whose cue weights and biases are the mean of ``models``'
    (a cue one model pruned counts as zero there), with the first one's settings."""
    first: dict[str, Cue] = {}
    sums: dict[str, list[float]] = {}
    for model in models:
        for cue in model.lexicon.cues:
            first.setdefault(cue.key, cue)
            total = sums.setdefault(cue.key, [0.0] * len(cue.weights))
            for i, weight in enumerate(cue.weights):
                total[i] += weight
    n = len(models)
    cues = [
        attrs.evolve(cue, weights=tuple(w / n for w in sums[key])) for key, cue in first.items()
    ]
    bias = tuple(sum(values) / n for values in zip(*(m.bias for m in models), strict=True))
    return attrs.evolve(models[0], lexicon=Lexicon(cues), bias=bias)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("file", nargs="?", type=Path, default=DEV_FILE)
    args = parser.parse_args()
    rows = read_jsonl(args.file)
    examples = [(r["text"], r["label"]) for r in rows]
    corpus = build_model.corpus()
    shipped = default_classifier()
    refit = build_model.refitter(shipped, corpus)

    print(f"data: {args.file} ({len(rows)} statements); corpus: {len(corpus)} statements")
    print(f"{report_header()} {'cues':>7}")
    print(_row("shipped model", shipped, examples))
    corrected = label_shift(shipped, [label for _t, label in corpus], [r["label"] for r in rows])
    print(_row("shipped, label-shift to FILE", corrected, examples))
    by_seed: dict[int, Classifier] = {}
    for name, change in VARIANTS:
        began = time.perf_counter()
        model = refit(corpus, **change)
        print(_row(f"refit: {name}", model, examples), f"({time.perf_counter() - began:.0f} s)")
        if set(change) <= {"seed"}:
            by_seed[int(change.get("seed", build_model.SETTINGS["seed"]))] = model
    mean = averaged([by_seed[seed] for seed in AVERAGED_SEEDS])
    print(_row(f"mean of seeds {AVERAGED_SEEDS[0]}-{AVERAGED_SEEDS[-1]}", mean, examples))


if __name__ == "__main__":
    main()
