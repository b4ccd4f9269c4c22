"""How long a run of ``classify_parallel`` with spawned workers takes, run after run.

    python benchmarks/spawn_runs.py [--n 3000] [--runs 4] [--jobs 2]

Classifies N statements R times in a row with the same classifier, workers
started by ``spawn``, and prints each run's wall time. The first run pickles
the classifier for its workers; later runs reuse that pickle while the
classifier lives, so they show what a run costs the caller without it.
Compare two checkouts by running this with each one's ``src`` on
``PYTHONPATH``, in turn.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import rolelens
from rolelens.parallel import classify_parallel

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import at_least

#: A typical bullet; the run's time is the hand-over and the workers, not the text.
STATEMENT = "Own the roadmap and talk to customers every week"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=at_least(1), default=3000, help="statements per run")
    parser.add_argument("--runs", type=at_least(1), default=4, help="runs in a row")
    parser.add_argument("--jobs", type=at_least(1), default=2, help="worker processes")
    args = parser.parse_args()
    classifier = rolelens.default_classifier()
    texts = [STATEMENT] * args.n
    print(f"{args.n:,} statements, {args.jobs} spawned workers, rolelens {rolelens.__version__}")
    for run in range(args.runs):
        start = time.perf_counter()
        count = sum(
            1 for _ in classify_parallel(classifier, texts, jobs=args.jobs, start_method="spawn")
        )
        seconds = time.perf_counter() - start
        print(f"run {run + 1}: {seconds:.3f} s ({count:,} verdicts)")


if __name__ == "__main__":
    main()
