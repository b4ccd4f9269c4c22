"""How fast is posting analysis, and does its time grow linearly with the text?

Usage::

    python benchmarks/posting_speed.py [--repeat N] [--max-bytes BYTES] [--hostile]

1. Times :func:`rolelens.analyze_posting` on a generated posting of 1,000
   statements (target: under 50 ms, classification included), and shows how
   that splits between splitting, classifying and aggregating.
2. Times it on postings from 1 KB up to ``--max-bytes`` (default 1 MB),
   fits ``time = c * size ** k`` by least squares on the logarithms and
   prints the exponent ``k`` (about 1.0 means linear).
3. With ``--hostile``, also times :func:`rolelens.split_statements` on 10 MB
   of hostile shapes (one long line, a million short lines, deep HTML
   nesting); each should finish in well under 10 s.

The generated statements are written here from small word lists; no real
posting text is used.
"""

from __future__ import annotations

import argparse
import math
import random
import statistics
import time
from collections.abc import Callable

from rolelens.classifier import default_classifier
from rolelens.posting import analyze_posting
from rolelens.statements import split_statements

_VERBS = ("Define", "Track", "Plan", "Own", "Coordinate", "Research", "Prioritise", "Report on")
_OBJECTS = (
    "the product roadmap",
    "project milestones and budget",
    "customer interviews",
    "the delivery schedule",
    "adoption and retention metrics",
    "risks and dependencies",
    "the release plan",
    "pricing experiments",
)
_TAILS = (
    "with engineering and design.",
    "for every quarter.",
    "against the agreed plan.",
    "based on what users need.",
    "and share the results with stakeholders.",
)
_HEADINGS = ("Responsibilities:", "Requirements:", "About us", "## Benefits")


def make_posting(statements: int, *, seed: int = 7) -> str:
    """A Markdown-ish posting with ``statements`` bullets under rotating headings."""
    rnd = random.Random(seed)
    lines: list[str] = []
    for i in range(statements):
        if i % 25 == 0:
            lines.append("")
            lines.append(_HEADINGS[(i // 25) % len(_HEADINGS)])
        lines.append(f"- {rnd.choice(_VERBS)} {rnd.choice(_OBJECTS)} {rnd.choice(_TAILS)}")
    return "\n".join(lines) + "\n"


def best_time(
    func: Callable[[], object], repeat: int, clock: Callable[[], float] = time.perf_counter
) -> float:
    """The least time of ``repeat`` runs on ``clock``, in seconds (the least disturbed).

    With ``clock=time.process_time`` it is CPU time: on a virtual machine whose
    CPUs the host shares out, wall time also counts the moments the machine was
    not running at all; CPU time does not.
    """
    times = []
    for _ in range(repeat):
        started = clock()
        func()
        times.append(clock() - started)
    return min(times)


def fitted_exponent(sizes: list[int], seconds: list[float]) -> float:
    """Least-squares slope of log(seconds) against log(size)."""
    xs = [math.log(s) for s in sizes]
    ys = [math.log(max(t, 1e-9)) for t in seconds]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    num = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    den = sum((x - mx) ** 2 for x in xs)
    return num / den


def thousand_statements(repeat: int) -> None:
    """Time the 1,000-statement posting, whole and by stage."""
    text = make_posting(1000)
    classifier = default_classifier()
    analyze_posting(text)  # warm-up: loads the model and data files
    statements = split_statements(text)
    split = best_time(lambda: split_statements(text, include_headings=True), repeat)
    classify = best_time(lambda: list(classifier.classify_many(s.text for s in statements)), repeat)
    total = best_time(lambda: analyze_posting(text), repeat)
    cpu = best_time(lambda: analyze_posting(text), repeat, time.process_time)
    print(f"1,000-statement posting ({len(text):,} chars, {len(statements)} statements)")
    print(f"  analyze_posting: {total * 1000:7.1f} ms  (target < 50 ms)")
    print(f"  same, CPU time:  {cpu * 1000:7.1f} ms  (time this process ran on a CPU)")
    print(f"  split:           {split * 1000:7.1f} ms")
    print(f"  classify:        {classify * 1000:7.1f} ms")
    print(f"  aggregate:       {max(0.0, total - split - classify) * 1000:7.1f} ms")


def scaling(max_bytes: int, repeat: int) -> None:
    """Time postings from 1 KB to ``max_bytes`` and print the fitted exponent."""
    unit = make_posting(1000)
    per_char = len(unit)
    sizes, seconds = [], []
    size = 1024
    print("\nsize (bytes)   time (ms)   us/KB")
    while size <= max_bytes:
        copies = size // per_char + 1
        text = (unit * copies)[:size]
        spent = best_time(lambda text=text: analyze_posting(text), repeat)  # type: ignore[misc]
        sizes.append(size)
        seconds.append(spent)
        print(f"{size:>12,}  {spent * 1000:>10.1f}  {spent * 1e6 / (size / 1024):>6.0f}")
        size *= 4
    print(f"fitted exponent: {fitted_exponent(sizes, seconds):.2f} (1.00 is linear)")


def hostile(repeat: int) -> None:
    """Split 10 MB of hostile shapes; each should take well under 10 s."""
    ten_mb = 10 * 1024 * 1024
    shapes = {
        "one 10 MB line": ("Plan the budget, " * (ten_mb // 17))[:ten_mb],
        "a million short lines": "- Track\n" * 1_000_000,
        "10 MB of '<' and '&'": ("<&" * (ten_mb // 2)),
        "HTML nested 200,000 deep": "<div><ul><li>" * 200_000 + "Track risks",
    }
    print("\nhostile inputs (split_statements)")
    for name, text in shapes.items():
        spent = best_time(lambda text=text: split_statements(text), max(1, repeat // 3))  # type: ignore[misc]
        print(f"  {name:<28} {len(text) / 1e6:6.1f} MB  {spent:6.2f} s")


def main() -> None:
    """Run the benchmarks selected on the command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs per measurement (best kept)")
    parser.add_argument("--max-bytes", type=int, default=1024 * 1024, help="largest posting size")
    parser.add_argument("--hostile", action="store_true", help="also time 10 MB hostile inputs")
    args = parser.parse_args()
    if args.repeat < 1:  # else "min() arg is an empty sequence", a traceback
        parser.error(f"argument --repeat: must be at least 1, got {args.repeat}")
    thousand_statements(args.repeat)
    scaling(args.max_bytes, max(1, args.repeat // 2))
    if args.hostile:
        hostile(args.repeat)


if __name__ == "__main__":
    main()
