"""How long fitting takes: 10,000 labeled statements on one core.

    python benchmarks/fit_speed.py [--n 10000]

Statements come from rolelens' own training corpus (training/corpus), so the
benchmark needs no outside data. Target: under 30 s for 10,000.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import at_least, corpus_rows

from rolelens import default_classifier


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=at_least(1), default=10_000)
    args = parser.parse_args()
    rows = corpus_rows()[: args.n]
    base = default_classifier()
    started = time.perf_counter()
    cpu = time.process_time()
    model = base.fit(rows)
    wall = time.perf_counter() - started
    print(
        f"fitted {len(rows)} statements into {len(model.lexicon)} cues: "
        f"{wall:.1f} s wall, {time.process_time() - cpu:.1f} s CPU (target: under 30 s)"
    )


if __name__ == "__main__":
    main()
