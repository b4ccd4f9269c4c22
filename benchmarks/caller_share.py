"""What bounds ``classify_many(..., jobs=N)``: the caller's share of the work, timed alone.

Usage::

    python benchmarks/caller_share.py [--n 200000] [--repeat 5] [--jobs 2]

With worker processes, each statement's work is split in two. A worker scans
it (``scan_chunk``: the matching pass and the scores), and the calling
process turns what came back into a ``Verdict`` and builds the evidence that
is read. This script times the two halves one after the other in a single
process, on the same statements, with no other process running, beside the
whole of it (``classify_many`` on one process reading every evidence item):

* ``one process``: microseconds per statement, all of the work;
* ``worker part``: ``classify_chunk_packed`` on chunks of the default size;
* ``caller part``: the verdicts made from those packed chunks, by the code
  the caller runs (``parallel._unpacked``), reading every evidence item.

From them it prints the most N processes on N real cores can gain: the
caller's part runs on one core, and everything (caller's and workers' parts)
shares N, so the bound is ``one / max(caller, (caller + worker) / N)``.
Sending the texts and copying the results home are left out: about 0.03 us
a statement together when we timed them.

Timed alone, these halves are steady; a run with several processes is not on a
machine whose cores are not really free. The script therefore also times a
fixed busy loop alone and with a second busy process running beside it: on
two cores the two take the same time, and the ratio says how much the machine
slowed a process because another one was running.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import corpus_rows
from scale_out import _verdicts
from throughput import bench_statements, interleaved

from rolelens import Classifier, default_classifier
from rolelens.parallel import DEFAULT_CHUNK_SIZE as CHUNK
from rolelens.parallel import _unpacked, classify_chunk_packed


def _scanned(model: Classifier, chunks: list[list[str]]) -> list[list[Any]]:
    return [classify_chunk_packed(model, chunk) for chunk in chunks]


def _caller(model: Classifier, chunks: list[list[str]], packed: list[list[Any]]) -> None:
    answers: Iterator[tuple[list[str], Any, bool]] = (
        (chunk, answer, True) for chunk, answer in zip(chunks, packed, strict=True)
    )
    items = 0
    for verdict in _unpacked(model, answers):
        items += len(verdict.evidence)


def _spin() -> float:
    started = time.perf_counter()
    total = 0
    for i in range(5_000_000):
        total += i
    return time.perf_counter() - started


def machine_slowdown(repeat: int) -> list[float]:
    """For each round: a busy loop's time beside a second busy process over its time alone."""
    ratios = []
    for _ in range(repeat):
        alone = min(_spin() for _ in range(2))
        beside = subprocess.Popen([sys.executable, "-c", "while True: pass"])
        try:
            time.sleep(0.3)  # let it start
            ratios.append(min(_spin() for _ in range(2)) / alone)
        finally:
            beside.kill()
            beside.wait()
    return ratios


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--n", type=int, default=200_000, help="statements (default 200000)")
    parser.add_argument("--repeat", type=int, default=5, help="best of R rounds (default 5)")
    parser.add_argument("--jobs", type=int, default=2, help="processes for the bound (default 2)")
    args = parser.parse_args()
    if args.n < 1 or args.repeat < 1 or args.jobs < 2:
        sys.exit("--n and --repeat must be at least 1, --jobs at least 2")

    model = default_classifier()
    model.classify("Own the roadmap")  # load the model outside the timing
    texts = bench_statements(args.n, corpus_rows())
    chunks = [texts[i : i + CHUNK] for i in range(0, len(texts), CHUNK)]
    packed = _scanned(model, chunks)
    best = interleaved(
        args.repeat,
        [
            ("one process", _verdicts(model, texts, 1, evidence=True)),
            ("worker part", lambda: _scanned(model, chunks)),
            ("caller part", lambda: _caller(model, chunks, packed)),
        ],
    )
    us = {name: seconds / args.n * 1e6 for name, seconds in best}
    print(f"{args.n:,} statements, best of {args.repeat}, one process, nothing beside it")
    for name, value in us.items():
        share = value / us["one process"]
        note = f"   ({share:.0%} of one process)" if name != "one process" else ""
        print(f"{name:<12} {value:6.2f} us a statement{note}")
    caller, worker = us["caller part"], us["worker part"]
    bound = us["one process"] / max(caller, (caller + worker) / args.jobs)
    print(f"bound on {args.jobs} processes, {args.jobs} real cores, reading evidence: {bound:.2f}x")
    slowdown = machine_slowdown(args.repeat)
    shown = ", ".join(f"{ratio:.2f}" for ratio in slowdown)
    print(f"this machine: a busy loop beside a second busy process took {shown}x its time alone")


if __name__ == "__main__":
    main()
