"""Scale-out at steady state: 1 process against N on many statements, in one run.

Usage::

    python benchmarks/scale_out.py [--n 500000] [--jobs 2] [--repeat 2]

``throughput.py`` times 100,000 statements, where starting N worker
processes (forked on Linux, spawned elsewhere, when each imports rolelens
and loads the classifier, about a second) and the last chunks are a large
part of the N-process time. This script uses more statements so
that start-up weighs less, and times three ways of working, each on one
process and on ``--jobs`` processes, interleaved round by round:

* ``classify_many(texts, jobs=...)``, reading each verdict's label;
* the same, reading every evidence item;
* the command line's path (``rolelens classify -i FILE.jsonl --jobs N``),
  from a JSONL file of the same statements: the parent cuts the file into
  blocks of lines, workers (forked, as the command line starts them on
  Linux) parse, classify and write the JSONL lines with evidence and
  encode them, and the parent writes each block's bytes (to
  ``os.devnull``: this times the work, not the disk).

It prints each rate, the ratio of N processes to one, how busy the calling
process and the workers were in the fastest N-process round (processor time
over wall time: a caller busy all the time is the bound, since it makes every
verdict and builds the evidence read), and the machine ceiling (N processes of
pure busy work against one; see ``throughput.py``).
"""

from __future__ import annotations

import argparse
import functools
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import at_least, cli_lines, corpus_rows, jsonl_file
from throughput import bench_statements, machine_ceiling

from rolelens import Classifier, default_classifier


def _verdicts(
    model: Classifier, texts: list[str], jobs: int, *, evidence: bool
) -> Callable[[], None]:
    def run() -> None:
        items = 0
        for verdict in model.classify_many(texts, jobs=jobs):
            items += len(verdict.evidence) if evidence else verdict.label is not None

    return run


def _processor_seconds(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def _busiest_best(
    repeat: int, contenders: list[tuple[str, Callable[[], object]]]
) -> dict[str, tuple[float, float, float]]:
    """``(wall, caller busy, workers busy)`` of each contender's fastest round.

    Rounds interleave the contenders, as ``throughput.interleaved`` does. Busy is
    processor time over wall time; the workers' is counted when they exit, which
    they do at the end of each run.
    """
    best: dict[str, tuple[float, float, float]] = {}
    for _ in range(repeat):
        for name, run in contenders:
            caller = _processor_seconds(resource.RUSAGE_SELF)
            workers = _processor_seconds(resource.RUSAGE_CHILDREN)
            started = time.perf_counter()
            run()
            wall = time.perf_counter() - started
            busy = (
                (_processor_seconds(resource.RUSAGE_SELF) - caller) / wall,
                (_processor_seconds(resource.RUSAGE_CHILDREN) - workers) / wall,
            )
            if name not in best or wall < best[name][0]:
                best[name] = (wall, *busy)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument(
        "--n", type=at_least(1), default=500_000, help="statements (default 500000)"
    )
    parser.add_argument("--jobs", type=at_least(1), default=2, help="processes (default 2)")
    parser.add_argument(
        "--repeat", type=at_least(1), default=2, help="best of R rounds (default 2)"
    )
    args = parser.parse_args()

    texts = bench_statements(args.n, corpus_rows())
    model = default_classifier()
    model.classify(texts[0])  # load the model outside the timing
    with jsonl_file(texts) as source:
        ways: dict[str, Callable[[int], Callable[[], None]]] = {
            "labels read": functools.partial(_verdicts, model, texts, evidence=False),
            "evidence read": functools.partial(_verdicts, model, texts, evidence=True),
            "CLI JSONL lines": functools.partial(cli_lines, model, source),
        }
        contenders: list[tuple[str, Callable[[], object]]] = [
            (f"{name}, {jobs} process(es)", make(jobs))
            for name, make in ways.items()
            for jobs in (1, args.jobs)
        ]
        results = _busiest_best(args.repeat, contenders)
    print(f"{args.n:,} statements, best of {args.repeat}, worker start-up included")
    for name in ways:
        one = results[f"{name}, 1 process(es)"][0]
        many, caller, workers = results[f"{name}, {args.jobs} process(es)"]
        print(
            f"{name:<16} 1 process {args.n / one:>9,.0f}/s   {args.jobs} processes "
            f"{args.n / many:>9,.0f}/s   = {one / many:.2f}x   "
            f"(caller busy {caller:.2f}, workers {workers:.2f} cores)"
        )
    ceiling = max(machine_ceiling(args.jobs) for _ in range(args.repeat))
    print(f"machine ceiling: {args.jobs} processes of pure busy work = {ceiling:.2f}x one")


if __name__ == "__main__":
    main()
