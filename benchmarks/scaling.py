"""Time against input size for ``classify_many``, and the fitted growth exponent.

    python benchmarks/scaling.py [--sizes 2000 8000 32000 128000] [--repeat 3]

Times one process over N corpus statements for each N (best of R) and fits
``log(time) = k * log(N) + c`` by least squares. Linear work gives k close
to 1 (the target is 0.9-1.1). A second fit uses statements of growing
length (one statement of N words, 4,000 to 256,000 by default: a shorter
one takes well under a millisecond, too little to time), which guards the
per-statement pass.
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import at_least, corpus_rows
from throughput import bench_statements

from rolelens import default_classifier


def slope(xs: Sequence[float], ys: Sequence[float]) -> float:
    """Least-squares slope of log(ys) against log(xs)."""
    lx = [math.log(x) for x in xs]
    ly = [math.log(y) for y in ys]
    mx, my = sum(lx) / len(lx), sum(ly) / len(ly)
    num = sum((a - mx) * (b - my) for a, b in zip(lx, ly, strict=True))
    den = sum((a - mx) ** 2 for a in lx)
    return num / den


def best(repeat: int, texts: list[str]) -> float:
    classifier = default_classifier()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        for _verdict in classifier.classify_many(texts):
            pass
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=at_least(1), nargs="+", default=[2000, 8000, 32000, 128000])
    parser.add_argument(
        "--words", type=at_least(1), nargs="+", default=[4000, 16000, 64000, 256000]
    )
    parser.add_argument("--repeat", type=at_least(1), default=3)
    args = parser.parse_args()
    for option, values in (("--sizes", args.sizes), ("--words", args.words)):
        if len(set(values)) < 2:  # one size has no growth: slope() divided by zero
            parser.error(f"argument {option}: a growth exponent needs two different values")

    rows = corpus_rows()
    default_classifier().classify("warm up")
    print("many statements (8-40 words each)")
    print(f"{'statements':>12} {'seconds':>9} {'statements/s':>13}")
    seconds = []
    for n in args.sizes:
        elapsed = best(args.repeat, bench_statements(n, rows))
        seconds.append(elapsed)
        print(f"{n:>12,} {elapsed:>9.3f} {n / elapsed:>13,.0f}")
    print(f"growth exponent over statements: {slope(args.sizes, seconds):.3f}")

    print("one long statement")
    words = " ".join(t for t, _ in rows).split()
    print(f"{'words':>12} {'seconds':>9}")
    seconds = []
    for n in args.words:
        text = " ".join(words[i % len(words)] for i in range(n))
        elapsed = best(args.repeat, [text])
        seconds.append(elapsed)
        print(f"{n:>12,} {elapsed:>9.3f}")
    print(f"growth exponent over statement length: {slope(args.words, seconds):.3f}")


if __name__ == "__main__":
    main()
