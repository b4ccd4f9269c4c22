"""Throughput of ``classify_many`` with full evidence, against two baselines, in one run.

    python benchmarks/throughput.py [--n N] [--repeat R] [--jobs 2] [--no-sklearn]

Statements are the training corpus (``training/corpus/*.jsonl``) lines of 8-40
words, repeated up to N. On the same statements, in the same run, it times:

* rolelens ``classify_many`` on one process (one core), reading every
  verdict's label and building every evidence item (``len(v.evidence)``);
* the same, reading the labels only: each verdict's evidence is found
  (cues, spans, contributions settled) but its ``Evidence`` tuples are only
  built when read;
* rolelens on ``--jobs`` worker processes (default 2), pool start included,
  reading the labels only and then also every evidence item, with the CPU
  seconds of the parent and of the workers: on a machine whose cores are
  busy with other work, wall time hides the scaling, CPU time does not;
* the command line's path (``rolelens classify -i FILE.jsonl --jobs N``,
  see ``_common.cli_lines``): a JSONL file of the same statements parsed,
  classified and written as JSONL lines with evidence (to ``os.devnull``),
  on one process and on ``--jobs`` processes;
* the keyword baseline of ``benchmarks/_common.py``;
* the pure-Python reference matcher (what runs where the C extension was not
  built), one process, every evidence item read;
* scikit-learn ``TfidfVectorizer`` + ``LogisticRegression`` trained on the
  corpus, batch ``predict`` over all N (extra ``rolelens[bench]``), in a
  child process: importing scikit-learn starts threads, and rolelens does
  not fork its workers in a process that runs other threads.

It also measures the machine's own ceiling: ``--jobs`` processes of pure
busy work against one doing the same work serially; on shared virtual CPUs
that is often well below ``--jobs``, and no job can scale past it.

Each figure is the best of R rounds, and every round runs every contender
once, in turn, so a slow spell of the machine falls on all of them. Ratios
are rolelens' one-core rate over each other rate (> 1 means rolelens is
faster).
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import os
import platform
import resource
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import at_least, cli_lines, corpus_rows, jsonl_file, keyword_baseline

from rolelens import Classifier, default_classifier
from rolelens.parallel import classify_parallel


def bench_statements(n: int, rows: list[tuple[str, str]]) -> list[str]:
    """N statements of 8-40 words, cycling the corpus."""
    pool = [text for text, _ in rows if 8 <= len(text.split()) <= 40]
    return [pool[i % len(pool)] for i in range(n)]


def _spin(steps: int) -> int:
    """Pure-Python busy work: what a perfectly parallel job does per process."""
    total = 0
    for i in range(steps):
        total += i
    return total


def machine_ceiling(processes: int, steps: int = 5_000_000) -> float:
    """How much faster ``processes`` processes finish ``processes`` x the busy work of one.

    The most any parallel Python job can gain on this machine: on shared or
    throttled virtual CPUs it is often well under ``processes``.
    """
    import concurrent.futures
    import multiprocessing

    context = multiprocessing.get_context("spawn")
    with concurrent.futures.ProcessPoolExecutor(processes, mp_context=context) as pool:
        list(pool.map(_spin, [1000] * processes))  # start the workers first
        started = time.perf_counter()
        list(pool.map(_spin, [steps] * processes))
        parallel = time.perf_counter() - started
    started = time.perf_counter()
    for _ in range(processes):
        _spin(steps)
    serial = time.perf_counter() - started
    return serial / parallel


# The scikit-learn pipeline runs in a child process of its own: importing it
# starts threads (numpy's BLAS pool, an allocator's), and in a process that runs
# other threads rolelens rightly will not fork its workers, so measured in this
# process the rows of several processes would pay a spawned start-up that the
# command line, in a process of its own, never does.
_SKLEARN_CHILD = """
import json, sys
sys.path.insert(0, sys.argv[1])
from _common import fitted_sklearn_pipeline
with open(sys.argv[2], encoding="utf-8") as stream:
    texts = [json.loads(line)["text"] for line in stream]
model = fitted_sklearn_pipeline()
print("ready", flush=True)
for _ in sys.stdin:
    model.predict(texts)
    print("done", flush=True)
"""


class _SklearnChild:
    """The TF-IDF + LogisticRegression pipeline, fitted on the corpus in a child
    process; :meth:`predict` has it run a batch ``predict`` over the statements.
    The pipe's round trip adds well under a millisecond to seconds of predict."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.process = process

    @classmethod
    @contextlib.contextmanager
    def start(cls, statements: str) -> Iterator[_SklearnChild | None]:
        process = subprocess.Popen(
            [
                sys.executable,
                "-c",
                _SKLEARN_CHILD,
                str(Path(__file__).resolve().parent),
                statements,
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        assert process.stdin is not None
        assert process.stdout is not None
        try:
            yield cls(process) if process.stdout.readline().strip() == "ready" else None
        finally:
            process.stdin.close()
            process.wait(timeout=60)

    def predict(self) -> None:
        assert self.process.stdin is not None
        assert self.process.stdout is not None
        self.process.stdin.write("go\n")
        self.process.stdin.flush()
        if self.process.stdout.readline().strip() != "done":
            raise RuntimeError("the scikit-learn child process failed")


def interleaved(
    repeat: int, contenders: list[tuple[str, Callable[[], object]]]
) -> list[tuple[str, float]]:
    """The shortest wall time of each contender over ``repeat`` rounds.

    Every round runs every contender once, in turn: the machine's speed drifts
    over minutes, and timing one contender's runs back to back would hand the
    whole of a slow spell to whichever was measured during it.
    """
    best = [float("inf")] * len(contenders)
    for _ in range(repeat):
        for k, (_, run) in enumerate(contenders):
            started = time.perf_counter()
            run()
            best[k] = min(best[k], time.perf_counter() - started)
    return [(name, seconds) for (name, _), seconds in zip(contenders, best, strict=True)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    # At least 1 each: 0 statements or rounds divided by zero, 0 jobs failed in the
    # machine ceiling after every row had been timed.
    parser.add_argument(
        "--n", type=at_least(1), default=100_000, help="statements (default 100000)"
    )
    parser.add_argument("--repeat", type=at_least(1), default=3, help="best of R runs (default 3)")
    parser.add_argument(
        "--jobs", type=at_least(1), default=2, help="processes for the scale-out row"
    )
    parser.add_argument("--chunk-size", type=at_least(1), default=2000)
    parser.add_argument("--no-sklearn", action="store_true", help="skip the scikit-learn row")
    args = parser.parse_args()

    rows = corpus_rows()
    texts = bench_statements(args.n, rows)
    words = sum(len(t.split()) for t in texts) / len(texts)
    classifier = default_classifier()
    classifier.classify(texts[0])  # load data files outside the timing
    files = contextlib.ExitStack()
    source = files.enter_context(jsonl_file(texts))  # what the CLI path reads

    def evidence_read(model: Classifier) -> Callable[[], None]:
        """One process, every verdict's label and evidence items read."""

        def run() -> None:
            evidence = 0
            for verdict in model.classify_many(texts):
                evidence += len(verdict.evidence)

        return run

    def one_core_labels() -> None:
        for verdict in classifier.classify_many(texts):
            verdict.label  # noqa: B018 - reading it is the point

    def processes() -> None:
        for verdict in classify_parallel(
            classifier, texts, jobs=args.jobs, chunk_size=args.chunk_size
        ):
            verdict.label  # noqa: B018

    def processes_evidence() -> None:
        evidence = 0
        for verdict in classify_parallel(
            classifier, texts, jobs=args.jobs, chunk_size=args.chunk_size
        ):
            evidence += len(verdict.evidence)

    cpu: dict[str, float] = {}

    def processes_cpu() -> None:
        parent = time.process_time()
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        processes()  # the pool is shut down (workers reaped) when this returns
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu["parent"] = time.process_time() - parent
        cpu["workers"] = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)

    def keywords() -> None:
        for text in texts:
            keyword_baseline(text)

    # The same classifier without its C pass: what a build without a compiler runs.
    pure = copy.copy(classifier)
    object.__setattr__(pure, "_core", None)

    contenders: list[tuple[str, Callable[[], object]]] = [
        ("rolelens, 1 process, evidence read", evidence_read(classifier)),
        ("rolelens, 1 process, labels read", one_core_labels),
        (f"rolelens, {args.jobs} processes, labels", processes),
        (f"rolelens, {args.jobs} proc., evidence read", processes_evidence),
        ("CLI path (JSONL lines), 1 process", cli_lines(classifier, source, 1)),
        (f"CLI path, {args.jobs} processes", cli_lines(classifier, source, args.jobs)),
        ("keyword baseline", keywords),
    ]
    if not args.no_sklearn:
        sklearn = files.enter_context(_SklearnChild.start(source))
        if sklearn is None:
            print("scikit-learn not installed (pip install 'rolelens[bench]'); row skipped")
        else:
            contenders.append(("sklearn TF-IDF + LogReg predict", sklearn.predict))
    if classifier._core is not None:
        contenders.append(("pure-Python reference, evidence read", evidence_read(pure)))
    with files:
        results = interleaved(args.repeat, contenders)
    one_cpu = time.process_time()
    one_core_labels()
    one_cpu = time.process_time() - one_cpu
    processes_cpu()

    print(
        f"{args.n:,} statements, {words:.1f} words on average; best of {args.repeat}; "
        f"Python {platform.python_version()}, {os.cpu_count()} CPUs, {platform.machine()}"
    )
    ours = args.n / results[0][1]
    labels = args.n / results[1][1]
    print(
        f"{'':<36} {'seconds':>8} {'statements/s':>13} "
        f"{'1-proc evidence / this':>23} {'1-proc labels / this':>21}"
    )
    for name, seconds in results:
        rate = args.n / seconds
        print(
            f"{name:<36} {seconds:>8.3f} {rate:>13,.0f} {ours / rate:>23.2f} {labels / rate:>21.2f}"
        )
    speedup = (args.n / results[2][1]) / labels
    print(f"scale-out (wall): {args.jobs} processes = {speedup:.2f}x one process (labels read)")
    speedup = (args.n / results[3][1]) / ours
    print(f"scale-out (wall): {args.jobs} processes = {speedup:.2f}x one process (evidence read)")
    cli = results[4][1] / results[5][1]
    print(f"scale-out (wall): {args.jobs} processes = {cli:.2f}x one process (CLI JSONL lines)")
    ceiling = max(machine_ceiling(args.jobs) for _ in range(args.repeat))
    print(
        f"machine ceiling: {args.jobs} processes of pure busy work = {ceiling:.2f}x one "
        f"(the most any job can scale here)"
    )
    bound = one_cpu / max(cpu["parent"], cpu["workers"] / args.jobs)
    print(
        f"CPU seconds: 1 process {one_cpu:.2f}; {args.jobs} processes: parent "
        f"{cpu['parent']:.2f} + workers {cpu['workers']:.2f} "
        f"(on {args.jobs} otherwise idle cores: at most {bound:.2f}x)"
    )


if __name__ == "__main__":
    main()
