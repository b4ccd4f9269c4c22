"""Tests for classifying on worker processes (rolelens.parallel)."""

from __future__ import annotations

import collections
import contextlib
import functools
import itertools
import multiprocessing
import os
import random
import subprocess
import sys
import threading
import types
import weakref
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import rolelens
from rolelens import ArgumentError, Classifier, Cue, Verdict, _crew, default_classifier, parallel
from rolelens._native import speedups
from rolelens.parallel import (
    MAX_JOBS,
    WorkerError,
    _unpacked,
    classify_chunk,
    classify_chunk_packed,
    classify_parallel,
    default_start_method,
    effective_jobs,
    map_chunk_results,
    map_chunks,
)
from tests.strategies import ROLE_WORDS, statement_batches, statements

#: A generous bound: a broken pool must be reported long before this.
NO_HANG_SECONDS = 90
FORK = "fork" in multiprocessing.get_all_start_methods()


def _generated(count: int, *, seed: int = 7) -> list[str]:
    """Reproducible statements of 0-40 words from both roles' vocabulary and odd characters."""
    rng = random.Random(seed)
    extra = ("—", "•", "é", "\u200b", "日本", "", "  ", "\t", "!", "1.", "work with", "to")
    vocabulary = (*ROLE_WORDS, *extra)
    return [" ".join(rng.choices(vocabulary, k=rng.randint(0, 40))) for _ in range(count)]


#: Statements of every kind the packed trip home must carry: ASCII ones the C pass
#: scans, other scripts (left to the fallback), empty ones, negations.
_MIXED_BATCHES = st.lists(
    st.one_of(
        statements(),
        st.sampled_from(
            (
                "",
                "Own the product roadmap and talk to customers",
                "We are not responsible for the budget, only the roadmap",
                "G\u00e9rer le budget \u2014 own the roadmap",
                "\u65e5\u672c roadmap",
                # a collaboration with a purpose: its cues travel set aside as a means
                "Work with design to own the roadmap",
                "Partner with design \u65e5 to track the budget",
            )
        ),
    ),
    max_size=40,
)


def _die(_classifier: Classifier, _chunk: list[str]) -> list[str]:
    """A worker function that kills its process, as an out-of-memory kill would."""
    os._exit(3)


def _fail_on_poison(_classifier: Classifier, chunk: list[str]) -> list[str]:
    """A worker function that raises an ordinary exception for one item."""
    if "poison" in chunk:
        raise ValueError("poison statement")
    return chunk


def _refuse() -> None:
    raise ValueError("this value cannot be rebuilt")


class _Unloadable:
    """A value that pickles, and that pickle cannot load back."""

    def __reduce__(self) -> tuple[Any, ...]:
        return (_refuse, ())


class _RowError(Exception):
    """An exception whose ``__init__`` takes other arguments than the ``args`` it keeps:
    pickle cannot rebuild it (a common shape for an application's own errors). Its
    ``detail`` cannot be loaded back either: with tblib's pickling support installed
    (some tests' dependencies install it), its class would be rebuilt without
    ``__init__``."""

    def __init__(self, row: int, why: str) -> None:
        super().__init__(f"row {row}: {why}")
        self.row = row
        self.detail = _Unloadable()


def _fail_with_row_error(_classifier: Classifier, chunk: list[str]) -> list[str]:
    """A worker function that raises an exception pickle cannot rebuild for one item."""
    if "poison" in chunk:
        raise _RowError(3, "poison statement")
    return chunk


def _five_results(_classifier: Classifier, chunk: list[str]) -> list[str]:
    """A worker function that returns five results for a chunk of any size."""
    return chunk[:5]


def _echo(_classifier: Classifier, chunk: list[str]) -> list[str]:
    """A worker function that returns its chunk."""
    return list(chunk)


def _drop_poison(_classifier: Classifier, chunk: list[str]) -> list[str]:
    """A worker function that returns no result for one item (a filter, by mistake)."""
    return [item for item in chunk if item != "poison"]


def _lazy_results(_classifier: Classifier, chunk: list[str]) -> Any:
    """A worker function that returns a generator: one result per item, but not a list."""
    return (item.upper() for item in chunk)


def _tuple_results(_classifier: Classifier, chunk: list[str]) -> Any:
    """A worker function that returns a tuple of results."""
    return tuple(chunk)


def _no_results(_classifier: Classifier, _chunk: list[str]) -> Any:
    """A worker function that forgot its return statement."""
    return None


def _chunk_summary(_classifier: Classifier, chunk: list[str]) -> list[int]:
    """A worker function that returns one result for its whole chunk."""
    return [len(chunk)]


def test_two_processes_equal_one_on_generated_input() -> None:
    """jobs=2 returns exactly the single-process verdicts, in input order, over many chunks."""
    texts = _generated(3000)
    classifier = default_classifier()
    expected = [classifier.classify(t) for t in texts]
    got = list(classify_parallel(classifier, texts, jobs=2, chunk_size=97))
    assert got == expected
    assert [v.text for v in got] == texts


@settings(max_examples=3)
@given(_MIXED_BATCHES)
def test_two_processes_equal_one_on_any_statements(texts: list[str]) -> None:
    """Any statements (Unicode, controls, blanks) give the same verdicts on two processes."""
    classifier = default_classifier()
    got = list(classify_parallel(classifier, texts, jobs=2, chunk_size=4))
    assert got == [classifier.classify(t) for t in texts]


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="no fork")
@settings(max_examples=10)
@given(_MIXED_BATCHES, st.integers(1, 9))
def test_two_forked_processes_equal_one_on_any_statements(
    texts: list[str], chunk_size: int
) -> None:
    """The same with forked workers (cheap to start, so more examples), any chunk size."""
    classifier = default_classifier()
    got = list(
        classify_parallel(classifier, texts, jobs=2, chunk_size=chunk_size, start_method="fork")
    )
    assert got == [classifier.classify(t) for t in texts]


@given(_MIXED_BATCHES)
def test_packed_chunk_makes_the_verdicts_classify_makes(texts: list[str]) -> None:
    """A chunk packed as a worker packs it and unpacked as the parent does, in this
    process: label, scores, confidence, explanation, dimension cues and evidence are
    those of classify(), with and without the C pass (the packing differs)."""
    classifier = default_classifier()
    packed = classify_chunk_packed(classifier, texts)
    got = list(_unpacked(classifier, iter([(texts, packed, True)])))
    expected = [classifier.classify(t) for t in texts]
    assert [(v.text, v.label, v.scores, v.confidence) for v in got] == [
        (v.text, v.label, v.scores, v.confidence) for v in expected
    ]
    # Read from the unbuilt evidence first, then built.
    assert [v.explain() for v in got] == [v.explain() for v in expected]
    assert [v._dimension_cues() for v in got] == [v._dimension_cues() for v in expected]
    assert [v.evidence for v in got] == [v.evidence for v in expected]


@pytest.mark.skipif(speedups is None, reason="the C pass is off")
def test_chunk_verdicts_refuses_what_scan_chunk_did_not_make() -> None:
    """The parent's C call checks the blob's shape instead of reading past it."""
    classifier = default_classifier()
    core = classifier._core
    texts = ["Own the product roadmap", "Track the budget", "\u65e5\u672c"]
    blob, others = speedups.scan_chunk(texts, core)
    assert others == [2]
    verdicts, at = speedups.chunk_verdicts(blob, texts, core, 0, 0, 3)
    assert at == len(blob)
    assert verdicts[:2] == [classifier.classify(t) for t in texts[:2]]
    assert verdicts[2] is None
    # A part at a time, as the parent asks: the second starts where the first ended.
    head, at = speedups.chunk_verdicts(blob, texts, core, 0, 0, 1)
    tail, end = speedups.chunk_verdicts(blob, texts, core, 1, at, 2)
    assert end == len(blob)
    assert [*head, *tail] == [*verdicts[:2], None]
    for bad_blob, bad_texts, first, start, count in [
        (blob[:-1], texts, 0, 0, 3),
        (blob + b"\0" * 8, texts, 0, 0, 3),
        (blob, [*texts, "one more"], 0, 0, 4),
        (blob, texts, 0, 0, 4),
        (blob, texts, 2, 0, 2),
        (blob, texts, 0, len(blob) + 1, 1),
        (blob, texts, -1, 0, 1),
    ]:
        with pytest.raises(ValueError, match="scan_chunk"):
            speedups.chunk_verdicts(bad_blob, bad_texts, core, first, start, count)


@given(statement_batches(), st.integers(1, 9))
def test_in_process_chunking_keeps_order(texts: list[str], chunk_size: int) -> None:
    """jobs=1 classifies chunk by chunk in this process with the same verdicts in order."""
    classifier = default_classifier()
    got = list(classify_parallel(classifier, texts, jobs=1, chunk_size=chunk_size))
    assert got == [classifier.classify(t) for t in texts]


def test_classifier_classify_many_uses_processes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Classifier.classify_many(jobs=2) is wired to the parallel path and agrees with jobs=1;
    jobs=1 stays in this process."""
    import rolelens.parallel as parallel

    calls: list[tuple[Classifier, int | None, int]] = []
    real = parallel.classify_parallel

    def spy(
        classifier: Classifier, texts: object, *, jobs: int | None, chunk_size: int
    ) -> Iterator[Verdict]:
        calls.append((classifier, jobs, chunk_size))
        return real(classifier, texts, jobs=jobs, chunk_size=chunk_size)  # type: ignore[arg-type]

    monkeypatch.setattr(parallel, "classify_parallel", spy)
    texts = _generated(500, seed=3)
    classifier = default_classifier()
    got = list(classifier.classify_many(texts, jobs=2, chunk_size=50))
    assert calls == [(classifier, 2, 50)]
    assert got == list(classifier.classify_many(texts))
    assert len(calls) == 1, "jobs=1 classifies in this process"


def test_custom_classifier_travels_to_workers() -> None:
    """A classifier with extra cues is the one that runs in the workers, not the default."""
    cue = Cue("zorblax", (5.0, 0.0, 0.0, 0.0), "core_focus", ())
    custom = default_classifier().with_cues([cue])
    texts = ["We zorblax every quarter"] * 20 + _generated(40)
    got = list(classify_parallel(custom, texts, jobs=2, chunk_size=7))
    assert got == [custom.classify(t) for t in texts]
    assert any(e.cue == "zorblax" for e in got[0].evidence)


@pytest.mark.timeout(NO_HANG_SECONDS)
def test_input_is_read_lazily_with_a_bounded_window() -> None:
    """Only a bounded number of chunks is read ahead: memory stays flat on endless input."""
    pulled = 0

    def endless() -> Iterator[str]:
        nonlocal pulled
        for n in itertools.count():
            pulled += 1
            yield f"Track milestone {n} against the delivery plan"

    results = classify_parallel(default_classifier(), endless(), jobs=2, chunk_size=10)
    first = list(itertools.islice(results, 25))
    assert [v.text for v in first][:2] == [
        "Track milestone 0 against the delivery plan",
        "Track milestone 1 against the delivery plan",
    ]
    # 2 jobs x 2 chunks in flight, plus the chunk being cut: never the whole stream.
    assert pulled <= 25 + 5 * 10
    results.close()


def test_each_verdict_is_let_go_once_handed_out() -> None:
    """The run keeps no reference to a verdict it has handed out: one the caller
    dropped is freed at once, with its evidence (not when its chunk is done)."""
    texts = [f"Track milestone {n} against the delivery plan" for n in range(300)]
    results = classify_parallel(default_classifier(), texts, jobs=2, chunk_size=100)
    gone = 0
    for _ in range(250):
        verdict = next(results)
        assert verdict.evidence
        handed = weakref.ref(verdict)
        del verdict
        gone += handed() is None
    assert gone == 250
    results.close()


@pytest.mark.timeout(NO_HANG_SECONDS)
@pytest.mark.parametrize("count", [3, 300])
def test_worker_crash_is_a_clear_error_not_a_hang(count: int) -> None:
    """A dead worker is a WorkerError (a RoleLensError), whether found on a result or a send."""
    items = [f"statement {n}" for n in range(count)]
    results = map_chunks(default_classifier(), items, _die, jobs=2, chunk_size=1)
    with pytest.raises(WorkerError, match="worker process stopped unexpectedly"):
        list(results)


_UNGUARDED_SCRIPT = """
import itertools

import rolelens
from rolelens.parallel import classify_parallel
# No ``if __name__ == "__main__"`` guard: every spawned worker re-runs this file,
# tries to start workers of its own while starting, and dies.
# The input never ends, so only the workers' death can end the run. Spawned, as they
# are by default where workers cannot fork (and forked ones never re-run this file).
texts = itertools.repeat("Own the roadmap")
model = rolelens.default_classifier()
for verdict in classify_parallel(model, texts, jobs=2, start_method="spawn"):
    pass
"""


@pytest.mark.timeout(NO_HANG_SECONDS)
def test_worker_dying_while_starting_is_an_error_not_a_hang(tmp_path: Path) -> None:
    """Workers that die before taking the classifier: a WorkerError naming the guard."""
    script = tmp_path / "unguarded.py"
    script.write_text(_UNGUARDED_SCRIPT, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(script)],
        capture_output=True,
        text=True,
        timeout=NO_HANG_SECONDS - 10,
        check=False,
    )
    assert done.returncode == 1
    # The error's own line names the guard. (Lines after it may be the resource
    # tracker's notes on what the dying workers had made.)
    error = [line for line in done.stderr.splitlines() if "WorkerError" in line]
    assert error
    assert "__main__" in error[-1]


@pytest.mark.timeout(NO_HANG_SECONDS)
def test_worker_exception_is_reraised_unchanged() -> None:
    """An exception raised in a worker reaches the caller as itself, after earlier results."""
    items = ["a", "b", "c", "poison", "d"]
    results = map_chunks(default_classifier(), items, _fail_on_poison, jobs=2, chunk_size=2)
    assert next(results) == "a"
    with pytest.raises(ValueError, match="poison statement"):
        list(results)


@pytest.mark.timeout(NO_HANG_SECONDS)
@pytest.mark.parametrize("pickling", ["plain", "tblib"])
@pytest.mark.parametrize("method", ["fork", "spawn"] if FORK else ["spawn"])
def test_worker_exception_pickle_cannot_rebuild_is_not_a_worker_error(
    method: str, pickling: str
) -> None:
    """An exception that pickle cannot rebuild in the caller broke the pool: the run
    raised WorkerError, saying a worker was killed or had crashed (and, for spawned
    workers, that the main script lacked its guard), though none had. It comes home
    as a RuntimeError naming it and its message, after the earlier results; also
    where chained exceptions are pickled too (tblib's pickling support, which
    importing distributed installs), where the stand-in carried the original."""
    if pickling == "tblib":
        # Installed for good, as importing distributed (test_dask) does in the suite.
        pytest.importorskip("tblib.pickling_support").install()
    items = ["a", "b", "c", "poison", "d"]
    results = map_chunks(
        default_classifier(),
        items,
        _fail_with_row_error,
        jobs=2,
        chunk_size=2,
        start_method=method,
    )
    assert next(results) == "a"
    assert next(results) == "b"
    with pytest.raises(RuntimeError) as caught:
        list(results)
    assert not isinstance(caught.value, WorkerError)
    assert "_RowError: row 3: poison statement" in str(caught.value)


@pytest.mark.timeout(NO_HANG_SECONDS)
def test_non_str_statement_raises_type_error_like_one_process() -> None:
    """A non-str item raises the same TypeError on workers as classify() does in-process."""
    classifier = default_classifier()
    with pytest.raises(TypeError) as in_process:
        classifier.classify(42)  # type: ignore[arg-type]
    assert str(in_process.value) == "classify() expects a str, got int"
    items: list[object] = ["Own the roadmap", 42]
    with pytest.raises(TypeError) as caught:
        list(classify_parallel(classifier, items, jobs=2))  # type: ignore[arg-type]
    assert type(caught.value) is TypeError
    assert str(caught.value) == str(in_process.value)


class _InputBroke(Exception):
    """What a failing input raises in the tests below."""


def _breaking(items: list[Any]) -> Iterator[Any]:
    """``items``, then an exception: an input that fails midway (a file that stops
    decoding, a connection that drops)."""
    yield from items
    raise _InputBroke(f"input broke after {len(items)} items")


#: Where classify_parallel's chunks go: its crew of workers on shared memory, or the
#: process pool it falls back to without the C pass or shared memory.
_PATHS = pytest.mark.parametrize("path", ["crew", "pool"])


def _take_path(path: str, monkeypatch: pytest.MonkeyPatch) -> None:
    if path == "pool":
        monkeypatch.setattr(_crew, "open_crew", lambda *_args: None)


@pytest.mark.timeout(NO_HANG_SECONDS)
@pytest.mark.parametrize("jobs", [1, 2])
@_PATHS
def test_input_raising_midway_gives_every_earlier_verdict_first(
    jobs: int, path: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An exception raised by the input itself is re-raised after the verdict of every
    statement before it, as one process does. It was raised as soon as the reading
    ahead met it: the statements read before it in its chunk were lost, and with
    workers the chunks in flight too, as many as timing decided."""
    _take_path(path, monkeypatch)
    classifier = default_classifier()
    texts = _generated(1205, seed=5)
    seen: list[Verdict] = []
    with pytest.raises(_InputBroke, match="after 1205 items"):
        # extend() keeps the verdicts taken before the exception
        seen.extend(classify_parallel(classifier, _breaking(texts), jobs=jobs, chunk_size=10))
    assert seen == [classifier.classify(t) for t in texts]


@pytest.mark.timeout(NO_HANG_SECONDS)
@pytest.mark.parametrize("jobs", [1, 2])
@_PATHS
def test_non_str_midway_gives_every_earlier_verdict_first(
    jobs: int, path: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A non-str statement raises classify()'s TypeError after the verdict of every
    statement before it, as one process does; the start of its chunk was lost."""
    _take_path(path, monkeypatch)
    classifier = default_classifier()
    texts = _generated(1205, seed=5)
    items: list[Any] = [*texts, None, "Own the roadmap"]
    seen: list[Verdict] = []
    with pytest.raises(TypeError, match=r"^classify\(\) expects a str, got NoneType$"):
        seen.extend(classify_parallel(classifier, items, jobs=jobs, chunk_size=10))
    assert seen == [classifier.classify(t) for t in texts]


@pytest.mark.timeout(NO_HANG_SECONDS)
@pytest.mark.parametrize("jobs", [1, 2])
def test_map_chunks_input_raising_midway_gives_every_earlier_result_first(jobs: int) -> None:
    """map_chunks, too, re-raises the input's exception after every earlier result."""
    items = [f"statement {n}" for n in range(95)]
    seen: list[str] = []
    results = map_chunks(
        default_classifier(), _breaking(items), _fail_on_poison, jobs=jobs, chunk_size=10
    )
    with pytest.raises(_InputBroke, match="after 95 items"):
        seen.extend(results)
    assert seen == items


@pytest.mark.parametrize("jobs", [1.0, 2.0])
def test_classify_many_refuses_a_jobs_that_is_not_an_int(jobs: float) -> None:
    """jobs=1.0 was taken as one process, while jobs=2.0 was a TypeError."""
    with pytest.raises(TypeError, match=r"^jobs must be an int or None, got float$"):
        default_classifier().classify_many(["Own the roadmap"], jobs=jobs)  # type: ignore[arg-type]


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_non_iterable_input_fails_at_call_time_whatever_jobs(jobs: int) -> None:
    """classify_many(42) raised at once with jobs=1, but only when read with jobs=2; the
    error names the call and the type (it was Python's "'int' object is not iterable")."""
    with pytest.raises(TypeError, match=r"^classify_many\(\) expects an iterable of str, got int$"):
        default_classifier().classify_many(42, jobs=jobs)  # type: ignore[arg-type]


def _classify_in_a_daemon(jobs: int) -> str:
    """Run in a multiprocessing.Pool worker, a daemonic process: what classify_many
    and map_chunks with ``jobs`` give there."""
    said = []
    for run in (
        lambda: list(default_classifier().classify_many(["Own the roadmap"], jobs=jobs)),
        lambda: list(map_chunks(default_classifier(), ["a"], _fail_on_poison, jobs=jobs)),
    ):
        try:
            said.append(f"{len(run())} results")
        except Exception as exc:
            said.append(f"{type(exc).__name__}: {exc}")
    return " | ".join(said)


@pytest.mark.skipif(not FORK, reason="no fork on this platform")
@pytest.mark.timeout(NO_HANG_SECONDS)
def test_more_jobs_in_a_daemonic_process_is_an_argument_error() -> None:
    """A Pool or Dask worker may start no processes: jobs=2 there raised multiprocessing's
    bare "AssertionError: daemonic processes are not allowed to have children"; it is
    now an ArgumentError saying to use jobs=1, which still works there."""
    with multiprocessing.get_context("fork").Pool(1) as pool:
        refused = pool.apply(_classify_in_a_daemon, (2,))
        allowed = pool.apply(_classify_in_a_daemon, (1,))
    message = (
        "ArgumentError: jobs asks for 2 worker processes, but this process is a daemon "
        "(a multiprocessing.Pool or Dask worker, say), which may not start any; "
        "use jobs=1 in it: the pool it belongs to is the parallelism"
    )
    assert refused == f"{message} | {message}"
    assert allowed == "1 results | 1 results"


def test_worker_function_matches_classify() -> None:
    """classify_chunk, the per-chunk work, is plain classify over the chunk."""
    classifier = default_classifier()
    texts = _generated(20)
    verdicts: list[Verdict] = classify_chunk(classifier, texts)
    assert verdicts == [classifier.classify(t) for t in texts]


def test_jobs_zero_or_none_means_one_per_cpu(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """jobs=0 and jobs=None both mean one process per CPU this process may run on."""
    monkeypatch.setattr(parallel, "_CGROUP_ROOT", str(tmp_path))  # no quota here
    usable = getattr(os, "sched_getaffinity", None)
    cpus = len(usable(0)) if usable is not None else (os.cpu_count() or 1)
    assert effective_jobs(0) == effective_jobs(None) == cpus
    assert effective_jobs(2) == 2
    assert effective_jobs(MAX_JOBS) == MAX_JOBS


def test_jobs_zero_counts_only_the_cpus_this_process_may_use(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Under `taskset -c 0` (or a container's cpuset) on a machine of 8 CPUs, one per
    CPU is one process: os.cpu_count() counts the machine, and gave 8."""
    monkeypatch.setattr(os, "cpu_count", lambda: 8)
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0}, raising=False)
    monkeypatch.delattr(os, "process_cpu_count", raising=False)  # Python 3.13+
    assert effective_jobs(0) == effective_jobs(None) == 1


def _cgroup(root: Path, files: dict[str, str], membership: str = "0::/\n") -> Path:
    """Fake cgroup files under ``root``, and a fake ``/proc/self/cgroup`` naming
    ``membership``; the path of the latter."""
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    proc = root / "proc-self-cgroup"
    proc.write_text(membership)
    return proc


@pytest.mark.parametrize(
    ("text", "cpus"),
    [
        ("200000 100000\n", 2),
        ("150000 100000\n", 2),  # 1.5 CPUs' worth: rounded up
        ("50000 100000\n", 1),  # less than one CPU is still one process
        ("max 100000\n", None),
        ("", None),
        ("garbage", None),
        ("0 100000", None),
        ("100000 0", None),
        ("-5 100000", None),
        ("200000 100000 7", None),
        ("\xff\xfe", None),
    ],
)
def test_a_cgroup_v2_quota_is_read_defensively(tmp_path: Path, text: str, cpus: int | None) -> None:
    proc = _cgroup(tmp_path, {"cpu.max": text})
    assert parallel._cgroup_cpus(str(tmp_path), str(proc)) == cpus


def test_a_cgroup_quota_of_this_process_or_above_it_counts(tmp_path: Path) -> None:
    """The cgroup this process is in, from /proc/self/cgroup, and those above it: a
    parent's quota bounds its children. The smallest wins."""
    proc = _cgroup(
        tmp_path,
        {"app/cpu.max": "400000 100000", "app/worker/cpu.max": "max 100000"},
        "0::/app/worker\n",
    )
    assert parallel._cgroup_cpus(str(tmp_path), str(proc)) == 4
    (tmp_path / "app/worker/cpu.max").write_text("300000 100000")
    assert parallel._cgroup_cpus(str(tmp_path), str(proc)) == 3
    # A path that is not there (a container without its own cgroup namespace) falls
    # back to the mount's own files.
    proc.write_text("0::/docker/abc\n")
    assert parallel._cgroup_cpus(str(tmp_path), str(proc)) is None
    (tmp_path / "cpu.max").write_text("100000 100000")
    assert parallel._cgroup_cpus(str(tmp_path), str(proc)) == 1


@pytest.mark.parametrize("mount", ["cpu", "cpu,cpuacct"])
def test_a_cgroup_v1_quota_counts(tmp_path: Path, mount: str) -> None:
    files = {f"{mount}/cpu.cfs_quota_us": "250000\n", f"{mount}/cpu.cfs_period_us": "100000\n"}
    proc = _cgroup(tmp_path, files, "4:memory:/\n3:cpu,cpuacct:/\n1:name=systemd:/\n")
    assert parallel._cgroup_cpus(str(tmp_path), str(proc)) == 3
    (tmp_path / mount / "cpu.cfs_quota_us").write_text("-1\n")  # no quota
    assert parallel._cgroup_cpus(str(tmp_path), str(proc)) is None
    (tmp_path / mount / "cpu.cfs_period_us").unlink()
    (tmp_path / mount / "cpu.cfs_quota_us").write_text("250000\n")
    assert parallel._cgroup_cpus(str(tmp_path), str(proc)) is None


def test_no_cgroup_files_at_all_is_no_quota(tmp_path: Path) -> None:
    assert parallel._cgroup_cpus(str(tmp_path / "none"), str(tmp_path / "no-proc")) is None
    (tmp_path / "proc").write_text("\x00garbage\n::\n0::relative\n")
    assert parallel._cgroup_cpus(str(tmp_path / "none"), str(tmp_path / "proc")) is None


def test_jobs_zero_is_bounded_by_the_containers_cpu_quota(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In a container limited to 2 CPUs' worth of time (docker run --cpus 2) on a
    machine of 8, jobs=0 started 8 processes, which only took turns on that time."""
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: set(range(8)), raising=False)
    monkeypatch.setattr(os, "process_cpu_count", lambda: 8, raising=False)
    proc = _cgroup(tmp_path, {"cpu.max": "200000 100000\n"})
    monkeypatch.setattr(parallel, "_CGROUP_ROOT", str(tmp_path))
    monkeypatch.setattr(parallel, "_PROC_CGROUP", str(proc))
    assert effective_jobs(0) == effective_jobs(None) == 2
    assert effective_jobs(5) == 5  # a number asked for is taken as it is
    (tmp_path / "cpu.max").write_text("1600000 100000\n")  # more than the CPUs: the CPUs
    assert effective_jobs(0) == 8
    (tmp_path / "cpu.max").write_text("max 100000\n")
    assert effective_jobs(0) == 8


def test_jobs_may_be_a_numpy_integer() -> None:
    """A NumPy integer is a number of jobs, as it is a ``chunk_size``:
    ``effective_jobs(np.int64(2))`` said "jobs must be an int or None, got int64"."""
    np = pytest.importorskip("numpy")
    assert effective_jobs(np.int64(2)) == 2
    assert effective_jobs(np.int64(0)) == effective_jobs(None)
    classifier = default_classifier()
    verdicts = classify_parallel(classifier, ["Own the roadmap"], jobs=np.int64(1))
    assert [v.text for v in verdicts] == ["Own the roadmap"]
    with pytest.raises(TypeError, match=r"^jobs must be an int or None, got bool$"):
        effective_jobs(np.True_)


class _WholeNumber:
    """A whole number that is not an int, as NumPy's integers are not: it has ``__index__``."""

    def __init__(self, value: int) -> None:
        self.value = value

    def __index__(self) -> int:
        return self.value


def test_classify_many_takes_jobs_as_effective_jobs_does() -> None:
    """``classify_many(jobs=np.int64(1))`` said "jobs must be an int or None, got int64"
    while ``effective_jobs``, behind ``jobs=2``, took it: the two now check ``jobs`` alike,
    a bool and a float still refused."""
    classifier = default_classifier()
    texts = ["Own the roadmap", "Track the budget"]
    expected = [classifier.classify(text) for text in texts]
    for jobs in (_WholeNumber(1), _WholeNumber(2)):
        with contextlib.closing(classifier.classify_many(texts, jobs=jobs)) as verdicts:  # type: ignore[arg-type]
            assert list(verdicts) == expected
    with contextlib.closing(
        classifier.classify_many(texts, jobs=1, chunk_size=_WholeNumber(1))  # type: ignore[arg-type]
    ) as verdicts:
        assert list(verdicts) == expected
    for wrong, name in ((True, "bool"), (1.0, "float"), ("1", "str")):
        with pytest.raises(TypeError, match=rf"^jobs must be an int or None, got {name}$"):
            classifier.classify_many(texts, jobs=wrong)  # type: ignore[arg-type]
        with pytest.raises(TypeError, match=rf"^jobs must be an int or None, got {name}$"):
            effective_jobs(wrong)  # type: ignore[arg-type]


def test_the_command_line_has_the_same_ceiling() -> None:
    """classify --jobs keeps its own copy of the ceiling (importing rolelens.parallel
    at start-up would load the classifier); the two must agree."""
    from rolelens.cli import classify as command

    assert command.MAX_JOBS == MAX_JOBS


def _watched(pulled: list[str]) -> Iterator[str]:
    """Two statements, each put in ``pulled`` as it is read: a test sees what was read."""
    for text in ("Own the roadmap", "Track the budget"):
        pulled.append(text)
        yield text


@pytest.mark.parametrize(
    ("jobs", "chunk_size", "error", "message"),
    [
        (-1, 10, ValueError, "jobs must be >= 0 (0 = one per CPU), got -1"),
        # an OverflowError from multiprocessing, and no ceiling before it
        (10**30, 10, ArgumentError, "jobs must be at most 256 (0 = one per CPU), got 1e+30"),
        (257, 10, ArgumentError, "jobs must be at most 256 (0 = one per CPU), got 257"),
        (1000, 10, ArgumentError, "jobs must be at most 256 (0 = one per CPU), got 1000"),
        (True, 10, TypeError, "jobs must be an int or None, got bool"),
        (2.0, 10, TypeError, "jobs must be an int or None, got float"),
        (1, 0, ValueError, "chunk_size must be >= 1, got 0"),
        (2, 0, ValueError, "chunk_size must be >= 1, got 0"),
        (2, -5, ValueError, "chunk_size must be >= 1, got -5"),
        (2, 2.5, TypeError, "chunk_size must be an int, got float"),
        # past sys.maxsize: islice's ValueError, and only once the first verdict was asked for
        (2, 10**30, ArgumentError, f"chunk_size must be at most {sys.maxsize}, got 1e+30"),
        (1, 2**63, ArgumentError, f"chunk_size must be at most {sys.maxsize}, got 9.22e+18"),
        # past a float's range: the message's {:.3g} raised OverflowError, past 4,300
        # digits str() a ValueError about int conversion, in place of the refusal
        pytest.param(
            10**400,
            10,
            ArgumentError,
            "jobs must be at most 256 (0 = one per CPU), got 1.00e+400",
            id="jobs-1e400",
        ),
        pytest.param(
            -(10**5000),
            10,
            ArgumentError,
            "jobs must be >= 0 (0 = one per CPU), got -1.00e+5000",
            id="jobs-minus-1e5000",
        ),
        pytest.param(
            2,
            10**400,
            ArgumentError,
            f"chunk_size must be at most {sys.maxsize}, got 1.00e+400",
            id="chunk-1e400",
        ),
        pytest.param(
            2,
            -(10**5000),
            ArgumentError,
            "chunk_size must be >= 1, got -1.00e+5000",
            id="chunk-minus-1e5000",
        ),
    ],
)
def test_bad_settings_fail_at_call_time(
    jobs: object, chunk_size: object, error: type[Exception], message: str
) -> None:
    """Bad jobs or chunk_size raise when classify_parallel is called, before any work:
    not one statement is read and no worker process starts."""
    pulled: list[str] = []
    texts = functools.partial(_watched, pulled)
    workers = set(multiprocessing.active_children())
    with pytest.raises(error) as caught:
        classify_parallel(default_classifier(), texts(), jobs=jobs, chunk_size=chunk_size)  # type: ignore[arg-type]
    assert str(caught.value) == message
    assert pulled == []
    assert set(multiprocessing.active_children()) <= workers  # none new (old ones may end)


@pytest.mark.parametrize("jobs", [1, 2])
def test_map_chunks_refuses_a_chunk_size_past_sys_maxsize_at_call_time(jobs: int) -> None:
    """The largest chunk_size works; one more is an ArgumentError when map_chunks is
    called (it was islice's ValueError from the first next())."""
    items = ["Own the roadmap", "Keep the schedule"]
    largest = map_chunks(default_classifier(), items, _echo, jobs=1, chunk_size=sys.maxsize)
    assert list(largest) == items
    with pytest.raises(ArgumentError, match="chunk_size must be at most"):
        map_chunks(default_classifier(), items, _echo, jobs=jobs, chunk_size=sys.maxsize + 1)


def test_empty_input_gives_no_verdicts() -> None:
    """No statements, no verdicts, and no pool is needed to say so."""
    assert list(classify_parallel(default_classifier(), [], jobs=2)) == []


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="no fork")
def test_forked_workers_equal_spawned_and_in_process() -> None:
    """start_method='fork' (workers inherit the classifier) gives the same verdicts in order."""
    cue = Cue("zorblax", (5.0, 0.0, 0.0, 0.0), "core_focus", ())
    custom = default_classifier().with_cues([cue])
    texts = ["We zorblax every quarter", *_generated(400, seed=11)]
    forked = list(classify_parallel(custom, texts, jobs=2, chunk_size=33, start_method="fork"))
    assert forked == [custom.classify(t) for t in texts]
    assert any(e.cue == "zorblax" for e in forked[0].evidence)


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="no fork")
@pytest.mark.timeout(NO_HANG_SECONDS)
def test_forked_worker_crash_is_a_clear_error() -> None:
    """A forked worker that dies is a WorkerError too, not a hang."""
    results = map_chunks(default_classifier(), ["a", "b", "c"], _die, jobs=2, start_method="fork")
    with pytest.raises(WorkerError, match="worker process stopped unexpectedly") as caught:
        list(results)
    assert "__main__" not in str(caught.value)  # no re-import hint: forked workers do not


@pytest.mark.parametrize("method", ["forkserver", "thread", ""])
def test_unknown_start_method_fails_at_call_time(method: str) -> None:
    """Only 'spawn' and 'fork' are accepted, checked before any work."""
    with pytest.raises(ValueError, match="start_method"):
        classify_parallel(default_classifier(), [], jobs=2, start_method=method)


def test_default_start_method_spawns_while_another_thread_runs() -> None:
    """Never fork while another thread runs: it could hold a lock the child needs."""
    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        assert default_start_method() == "spawn"
    finally:
        release.set()
        other.join()


@pytest.mark.skipif(sys.platform != "linux", reason="forks by default on Linux only")
def test_default_start_method_forks_in_a_process_with_one_thread() -> None:
    """A fresh interpreter runs one thread: its workers fork, and give the same verdicts."""
    script = (
        "from rolelens import classify_many, classify\n"
        "from rolelens.parallel import default_start_method\n"
        "texts = ['Own the roadmap', 'Track the budget'] * 3000\n"
        "print(default_start_method(), list(classify_many(texts, jobs=2)) == "
        "[classify(t) for t in texts])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=120
    )
    assert done.stdout.split() == ["fork", "True"]


_BACK_TO_BACK_SCRIPT = """
from rolelens import default_classifier
from rolelens.parallel import default_start_method, map_chunks
def echo(_classifier, chunk):
    return list(chunk)
model = default_classifier()
chosen = []
for _ in range(15):
    assert list(map_chunks(model, ["a", "b", "c"], echo, jobs=2, chunk_size=1)) == ["a", "b", "c"]
    chosen.append(default_start_method())
print(*sorted(set(chosen)))
"""


@pytest.mark.timeout(NO_HANG_SECONDS)
@pytest.mark.skipif(sys.platform != "linux", reason="forks by default on Linux only")
def test_default_start_method_forks_again_right_after_a_run() -> None:
    """Right after a run, the threads of its pool were still being ended by the system
    and counted as running: about one run in three after another spawned its workers,
    and with a function defined in an interactive session (here ``python -c``) raised
    ArgumentError, as spawned workers cannot import it."""
    from tests.conftest import ROOT

    done = subprocess.run(
        [sys.executable, "-c", _BACK_TO_BACK_SCRIPT],
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
        capture_output=True,
        text=True,
        check=False,
        timeout=NO_HANG_SECONDS - 10,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["fork"]


_GLOBAL_METHOD_SCRIPT = """
import multiprocessing
import sys

from rolelens import default_classifier
from rolelens.parallel import default_start_method, map_chunks


def where(_classifier, chunk):
    # A spawned worker imports this file as __mp_main__; a forked one inherits __main__.
    return [sys.modules["__main__"].__name__ for _ in chunk]


if __name__ == "__main__":
    if sys.argv[1] != "unset":
        multiprocessing.set_start_method(sys.argv[1])
    chosen = default_start_method()
    ran = set(map_chunks(default_classifier(), ["a", "b", "c"], where, jobs=2, chunk_size=1))
    print(chosen, *sorted(ran))
"""


@pytest.mark.timeout(NO_HANG_SECONDS)
@pytest.mark.skipif(sys.platform != "linux", reason="forks by default on Linux only")
@pytest.mark.parametrize(
    ("chosen", "expected"),
    [
        ("spawn", ["spawn", "__mp_main__"]),
        ("forkserver", ["spawn", "__mp_main__"]),
        ("fork", ["fork", "__main__"]),
        ("unset", ["fork", "__main__"]),
    ],
)
def test_default_start_method_honours_the_programs_own_choice(
    tmp_path: Path, chosen: str, expected: list[str]
) -> None:
    """A program that called multiprocessing.set_start_method("spawn") still had its
    workers forked. (In a fresh interpreter: the choice is for the whole process.)"""
    from tests.conftest import ROOT

    script = tmp_path / "chooses.py"
    script.write_text(_GLOBAL_METHOD_SCRIPT, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(script), chosen],
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
        capture_output=True,
        text=True,
        check=True,
        timeout=NO_HANG_SECONDS - 10,
    )
    assert done.stdout.split() == expected


# -- arguments checked at call time, results checked as they arrive ----------------


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_mapping_of_texts_is_refused_not_classified_by_its_keys(jobs: int) -> None:
    """classify_many({"a1": "Own the roadmap"}) classified the key "a1" and gave no sign:
    a dict of id to text is a common thing to pass. It is a TypeError now, naming the
    mapping and the remedy, at call time, in classify_many and classify_parallel."""
    classifier = default_classifier()
    texts = {"a1": "Own the roadmap", "a2": "Track the budget"}
    expected = r"expects an iterable of str, got a mapping \(\w+\), which iterates its keys; "
    workers = set(multiprocessing.active_children())
    runs: list[Callable[[], object]] = [
        lambda: classifier.classify_many(texts, jobs=jobs),
        lambda: rolelens.classify_many(types.MappingProxyType(texts), jobs=jobs),
        lambda: classify_parallel(classifier, collections.Counter(texts), jobs=jobs),
    ]
    for run in runs:
        with pytest.raises(TypeError, match=expected + r"pass its \.values\(\)"):
            run()
    assert set(multiprocessing.active_children()) <= workers
    assert [v.text for v in classifier.classify_many(texts.values())] == list(texts.values())


class _Frame:
    """What matters here of a pandas DataFrame: it iterates its column names."""

    columns = ("text",)

    def __iter__(self) -> Iterator[str]:
        return iter(self.columns)


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_table_of_texts_is_refused_not_classified_by_its_column_names(jobs: int) -> None:
    """classify_many(df) gave one verdict, on the column name "text": a pandas DataFrame
    iterates its column names. It is a TypeError naming the remedy, at call time."""
    classifier = default_classifier()
    expected = r"expects an iterable of str, got a _Frame, which iterates its column names; "
    with pytest.raises(TypeError, match="^classify_many\\(\\) " + expected):
        classifier.classify_many(_Frame(), jobs=jobs)
    with pytest.raises(TypeError, match="^classify_parallel\\(\\) " + expected):
        classify_parallel(classifier, _Frame(), jobs=jobs)


@pytest.mark.parametrize("jobs", [1, 2])
def test_classify_parallel_refuses_a_single_str_as_classify_many_does(jobs: int) -> None:
    """classify_parallel("Own the roadmap") classified it letter by letter (15 verdicts);
    it is now the TypeError classify_many raises, at call time, whatever jobs is."""
    classifier = default_classifier()
    with pytest.raises(TypeError) as many:
        classifier.classify_many("Own the roadmap", jobs=jobs)
    assert str(many.value) == (
        "classify_many() expects an iterable of str, got one str; "
        "use classify() for a single statement"
    )
    workers = set(multiprocessing.active_children())
    with pytest.raises(TypeError) as parallel:
        classify_parallel(classifier, "Own the roadmap", jobs=jobs)
    assert str(parallel.value) == str(many.value).replace("classify_many", "classify_parallel")
    with pytest.raises(
        TypeError, match=r"^classify_parallel\(\) expects an iterable of str, got bytes; decode"
    ):
        classify_parallel(classifier, b"Own the roadmap", jobs=jobs)  # type: ignore[arg-type]
    with pytest.raises(
        TypeError, match=r"^map_chunks\(\) expects an iterable of items, got one str; put it"
    ):
        map_chunks(classifier, "Own the roadmap", _fail_on_poison, jobs=jobs)
    assert set(multiprocessing.active_children()) <= workers


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_classifier_of_another_type_is_a_type_error_at_call_time(jobs: int) -> None:
    """classify_parallel("model.json", texts) raised "AttributeError: ... '_unpack'"
    (jobs=2, when first read) or "... 'classify'" (jobs=1); map_chunks sent the str to
    its workers. Each now raises a TypeError naming the type when called, before a
    statement is read or a process starts."""
    pulled: list[str] = []
    texts = functools.partial(_watched, pulled)
    workers = set(multiprocessing.active_children())
    message = r"^classifier must be a Classifier, got str$"
    with pytest.raises(TypeError, match=message):
        classify_parallel("model.json", texts(), jobs=jobs)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=message):
        map_chunks("model.json", texts(), _fail_on_poison, jobs=jobs)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=message):
        map_chunk_results("model.json", texts(), _fail_on_poison, jobs=jobs)  # type: ignore[arg-type]
    assert pulled == []
    assert set(multiprocessing.active_children()) <= workers


@pytest.mark.timeout(NO_HANG_SECONDS)
@pytest.mark.parametrize("jobs", [1, 2])
def test_map_chunks_refuses_a_func_that_returns_too_few_results(jobs: int) -> None:
    """map_chunks handed out 5 results for 10,000 items, misaligned with them; the
    count is now checked per chunk as it arrives: an ArgumentError naming both."""
    items = [f"statement {n}" for n in range(10_000)]
    results = map_chunks(default_classifier(), items, _five_results, jobs=jobs)
    with pytest.raises(ArgumentError) as caught:
        next(results)
    assert str(caught.value) == (
        "func returned 5 results for a chunk of 2000 items; "
        "map_chunks needs one result per item, in order"
    )


@pytest.mark.timeout(NO_HANG_SECONDS)
@pytest.mark.parametrize("jobs", [1, 2])
def test_map_chunks_gives_every_earlier_result_before_a_short_chunk(jobs: int) -> None:
    """The chunks before the one that came back short are handed out whole."""
    items = [f"statement {n}" for n in range(35)]
    items[23] = "poison"
    seen: list[str] = []
    results = map_chunks(default_classifier(), items, _drop_poison, jobs=jobs, chunk_size=10)
    with pytest.raises(ArgumentError, match=r"^func returned 9 results for a chunk of 10 items"):
        seen.extend(results)
    assert seen == items[:20]


@pytest.mark.timeout(NO_HANG_SECONDS)
@pytest.mark.parametrize("jobs", [1, 2])
@pytest.mark.parametrize(
    ("func", "kind"),
    [(_lazy_results, "generator"), (_tuple_results, "tuple"), (_no_results, "NoneType")],
)
def test_map_chunks_refuses_results_that_are_not_a_list(jobs: int, func: Any, kind: str) -> None:
    """A generator was taken with jobs=1 (and could not be pickled home with jobs=2),
    None failed with "'NoneType' object is not iterable": each is a TypeError naming
    what func returned, from map_chunks and map_chunk_results alike."""
    items = [f"statement {n}" for n in range(30)]
    message = rf"^func must return a list of results, got {kind}$"
    for run in (map_chunks, map_chunk_results):
        with pytest.raises(TypeError, match=message):
            list(run(default_classifier(), items, func, jobs=jobs, chunk_size=10))


@pytest.mark.parametrize("jobs", [1, 2])
def test_map_chunk_results_takes_one_result_per_chunk(jobs: int) -> None:
    """map_chunk_results does not check the count: a chunk may have one result for
    all its items (the command line's block of encoded lines)."""
    items = [f"statement {n}" for n in range(25)]
    got = list(
        map_chunk_results(default_classifier(), items, _chunk_summary, jobs=jobs, chunk_size=10)
    )
    assert got == [[10], [10], [5]]


def _drain(_classifier: Classifier, chunk: list[str]) -> list[str]:
    """A worker function that takes its items off the chunk as it goes, and keeps
    only those without "poison" (one result short)."""
    results = []
    while chunk:
        item = chunk.pop(0)
        if item != "poison":
            results.append(item)
    return results


@pytest.mark.timeout(NO_HANG_SECONDS)
@pytest.mark.parametrize("jobs", [1, 2])
def test_map_chunks_counts_a_chunk_before_func_changes_it(jobs: int) -> None:
    """With jobs=1 a func that emptied its chunk in place had its results checked
    against the items left (none): the results went unchecked and out of line with
    the items, or the error named a chunk of 0 items. With workers it was
    an ArgumentError. Both are that ArgumentError, naming the chunk's own count."""
    items = ["a", "b", "poison", "c"]
    results = map_chunks(default_classifier(), items, _drain, jobs=jobs, chunk_size=4)
    with pytest.raises(ArgumentError, match="3 results for a chunk of 4 items"):
        next(results)
    assert list(map_chunks(default_classifier(), ["a", "b"], _drain, jobs=jobs)) == ["a", "b"]


def _lock_for_c(_classifier: Classifier, chunk: list[str]) -> list[Any]:
    """A worker function whose result for "c" is a value pickle cannot write."""
    return [threading.Lock() if item == "c" else item for item in chunk]


def _unloadable_for_c(_classifier: Classifier, chunk: list[str]) -> list[Any]:
    """A worker function whose result for "c" pickles, but cannot be loaded back."""
    return [_Unloadable() if item == "c" else item for item in chunk]


_METHODS = pytest.mark.parametrize("method", ["fork", "spawn"] if FORK else ["spawn"])


@pytest.mark.timeout(NO_HANG_SECONDS)
@_METHODS
def test_map_chunks_result_pickle_cannot_write_names_the_items_and_type(method: str) -> None:
    """A result pickle cannot write came home as pickle's bare "cannot pickle
    '_thread.lock' object": now a TypeError naming the items, the result's position
    and its type, after the results of the chunks before it."""
    items = ["a", "b", "c", "d", "e"]
    results = map_chunks(
        default_classifier(), items, _lock_for_c, jobs=2, chunk_size=2, start_method=method
    )
    assert next(results) == "a"
    assert next(results) == "b"
    with pytest.raises(TypeError) as caught:
        next(results)
    message = str(caught.value)
    assert "items 2 to 3" in message
    assert "index 0" in message
    assert "_thread.lock" in message


@pytest.mark.timeout(NO_HANG_SECONDS)
@_METHODS
def test_map_chunks_result_the_caller_cannot_rebuild_is_not_a_worker_error(method: str) -> None:
    """A result that pickles in the worker but that the caller cannot load back broke
    the pool: a WorkerError saying a worker was killed or had crashed (forked, the
    results of the chunks before it lost too). It is a TypeError naming the items and
    pickle's error, after every earlier result."""
    items = ["a", "b", "c", "d", "e"]
    results = map_chunks(
        default_classifier(), items, _unloadable_for_c, jobs=2, chunk_size=2, start_method=method
    )
    assert next(results) == "a"
    assert next(results) == "b"
    with pytest.raises(TypeError) as caught:
        next(results)
    assert not isinstance(caught.value, WorkerError)
    assert "items 2 to 3" in str(caught.value)
    assert "this value cannot be rebuilt" in str(caught.value)


@pytest.mark.timeout(NO_HANG_SECONDS)
@_METHODS
def test_map_chunks_item_pickle_cannot_write_names_it(method: str) -> None:
    """An item that cannot be sent to a worker gave pickle's bare message, before the
    results of the chunks ahead of it: now a TypeError naming the item and its type,
    after them. With jobs=1 nothing is pickled, and it is fine."""
    items: list[Any] = ["a", "b", "c", threading.Lock(), "e"]
    results = map_chunks(
        default_classifier(), items, _echo, jobs=2, chunk_size=2, start_method=method
    )
    assert next(results) == "a"
    assert next(results) == "b"
    with pytest.raises(TypeError) as caught:
        next(results)
    assert "item 3 of the input" in str(caught.value)
    assert "_thread.lock" in str(caught.value)
    assert list(map_chunks(default_classifier(), items, _echo, jobs=1)) == items


@pytest.mark.timeout(NO_HANG_SECONDS)
@_METHODS
def test_map_chunks_item_a_worker_cannot_rebuild_is_not_a_worker_error(method: str) -> None:
    """An item a worker could not load back killed it while it read its chunk: a
    WorkerError. It is a TypeError naming the items and pickle's error."""
    items: list[Any] = ["a", "b", "c", _Unloadable(), "e"]
    results = map_chunks(
        default_classifier(), items, _echo, jobs=2, chunk_size=2, start_method=method
    )
    assert next(results) == "a"
    assert next(results) == "b"
    with pytest.raises(TypeError) as caught:
        next(results)
    assert not isinstance(caught.value, WorkerError)
    assert "items 2 to 3 of the input" in str(caught.value)
    assert "this value cannot be rebuilt" in str(caught.value)


@pytest.mark.timeout(NO_HANG_SECONDS)
def test_a_func_spawned_workers_cannot_import_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A func from a module loaded from a file path (a plugin), which spawned workers
    cannot import by name, killed each worker that tried: a WorkerError blaming a
    missing ``if __name__ == "__main__"`` guard, and worker tracebacks. It is an
    ArgumentError naming func and the import's error."""
    import importlib.util

    plugin = tmp_path / "rolelens_test_plugin.py"
    plugin.write_text("def upper(_classifier, chunk):\n    return [s.upper() for s in chunk]\n")
    spec = importlib.util.spec_from_file_location("rolelens_test_plugin", plugin)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "rolelens_test_plugin", module)
    spec.loader.exec_module(module)
    run = map_chunks(
        default_classifier(), ["a", "b", "c"], module.upper, jobs=2, start_method="spawn"
    )
    with pytest.raises(ArgumentError, match="func 'upper' cannot be loaded in a worker") as caught:
        list(run)
    assert "No module named 'rolelens_test_plugin'" in str(caught.value)
    if FORK:  # forked workers inherit the module
        forked = map_chunks(
            default_classifier(), ["a", "b"], module.upper, jobs=2, start_method="fork"
        )
        assert list(forked) == ["A", "B"]


@pytest.mark.timeout(NO_HANG_SECONDS)
@pytest.mark.parametrize("jobs", [1, 2])
def test_the_verdicts_can_be_closed_whatever_jobs(jobs: int) -> None:
    """classify_many(jobs=1) returned a plain map, which has no close(), so
    contextlib.closing(classify_many(texts, jobs=n)) failed for n == 1 only. Every
    path now returns an iterator that closes; with workers, closing stops them."""
    texts = _generated(3000, seed=5)
    classifier = default_classifier()
    workers = set(multiprocessing.active_children())
    with contextlib.closing(classifier.classify_many(texts, jobs=jobs, chunk_size=100)) as verdicts:
        assert next(verdicts) == classifier.classify(texts[0])
    assert set(multiprocessing.active_children()) <= workers
    with contextlib.closing(classify_parallel(classifier, texts, jobs=jobs)) as verdicts:
        assert next(verdicts) == classifier.classify(texts[0])
    assert set(multiprocessing.active_children()) <= workers
    assert list(classifier.classify_many(texts, jobs=jobs)) == [
        classifier.classify(t) for t in texts
    ]


@pytest.mark.timeout(NO_HANG_SECONDS)
@pytest.mark.parametrize("jobs", [1, 2])
@pytest.mark.parametrize("taken", [1, 150])
def test_a_closed_stream_is_over_whatever_jobs(jobs: int, taken: int) -> None:
    """After close() a jobs=1 stream went on classifying, and a jobs=2 one handed
    out the rest of the batch it was reading. Now, like a closed generator, it is
    over on every path, and reads nothing more from the input."""
    texts = _generated(600, seed=7)
    read = 0

    def counted() -> Iterator[str]:
        nonlocal read
        for text in texts:
            read += 1
            yield text

    classifier = default_classifier()
    verdicts = classifier.classify_many(counted(), jobs=jobs, chunk_size=100)
    first = list(itertools.islice(verdicts, taken))
    assert first == [classifier.classify(t) for t in texts[:taken]]
    verdicts.close()
    read_at_close = read
    assert list(verdicts) == []
    assert next(verdicts, None) is None
    assert read == read_at_close
    verdicts.close()  # a second close is harmless


@pytest.mark.timeout(NO_HANG_SECONDS)
def test_map_chunks_refuses_a_func_workers_cannot_receive_before_any_starts() -> None:
    """A lambda or a nested function failed with pickle's error from the first chunk,
    after the pool had started; it is now an ArgumentError at the call, naming the
    function and the way out, and no worker is started. With jobs=1 both run here."""

    def nested(_classifier: Classifier, chunk: list[str]) -> list[int]:
        return [len(text) for text in chunk]

    items = ["Own the roadmap", "Track the plan", "Hire well"]
    workers = set(multiprocessing.active_children())
    for func in (lambda _classifier, chunk: [len(text) for text in chunk], nested):
        for run in (map_chunks, map_chunk_results):
            with pytest.raises(ArgumentError) as caught:
                run(default_classifier(), items, func, jobs=2)
            message = str(caught.value)
            assert message.startswith(f"{run.__name__}(): func {func.__qualname__!r} cannot")
            assert message.endswith("or pass jobs=1 to run it in this process")
        assert list(map_chunks(default_classifier(), items, func, jobs=1)) == [15, 14, 9]
    assert set(multiprocessing.active_children()) <= workers


#: A function of an interactive session (``python -c``, a REPL or a notebook, whose
#: ``__main__`` has no file), given to map_chunks with workers spawned, then forked.
_INTERACTIVE_FUNC_SCRIPT = """
import multiprocessing
from rolelens import ArgumentError, default_classifier
from rolelens.parallel import map_chunks

def lengths(classifier, chunk):
    return [len(text) for text in chunk]

try:
    list(map_chunks(default_classifier(), ["Own it"], lengths, jobs=2, start_method="spawn"))
except ArgumentError as exc:
    print(exc)
print(len(multiprocessing.active_children()))
if "fork" in multiprocessing.get_all_start_methods():
    print(list(map_chunks(default_classifier(), ["Own it"], lengths, jobs=2, start_method="fork")))
"""


@pytest.mark.timeout(NO_HANG_SECONDS)
def test_map_chunks_refuses_an_interactive_func_that_spawned_workers_cannot_import() -> None:
    """A function defined in an interactive session pickles by name, but a spawned worker
    cannot import the session: each printed a traceback and the call raised a WorkerError
    saying a worker was "killed or crashed". It is an ArgumentError at the call now, no
    worker started; forked workers inherit the function, and run it as before."""
    done = subprocess.run(
        [sys.executable, "-c", _INTERACTIVE_FUNC_SCRIPT],
        capture_output=True,
        text=True,
        timeout=NO_HANG_SECONDS - 10,
        check=True,
    )
    lines = done.stdout.splitlines()
    assert lines[0] == (
        "map_chunks(): func 'lengths' is defined in an interactive session, which spawned "
        "worker processes cannot import; define it in a module, pass start_method='fork' "
        "(POSIX), or pass jobs=1 to run it in this process"
    ), done.stderr
    assert lines[1:] == (["0", "[6]"] if FORK else ["0"])
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("jobs", [1, 2])
def test_map_chunks_refuses_a_func_that_is_not_callable(jobs: int) -> None:
    """A str (a function's name, say) for func failed deep in a worker or chunk; it is a
    TypeError at the call, whatever jobs is."""
    for run in (map_chunks, map_chunk_results):
        with pytest.raises(TypeError, match=r"expects func to be a function, got str$"):
            run(default_classifier(), ["Own the roadmap"], "_five_results", jobs=jobs)  # type: ignore[arg-type]


_ABANDONED_SCRIPT = """
import itertools, multiprocessing, sys

import rolelens
from rolelens.parallel import classify_chunk, classify_parallel, map_chunks

if __name__ == "__main__":
    model = rolelens.default_classifier()
    texts = itertools.repeat("Own the roadmap")
    if sys.argv[1] == "map_chunks":
        run = map_chunks(model, texts, classify_chunk, jobs=2, start_method=sys.argv[2])
    else:
        run = classify_parallel(model, texts, jobs=2, start_method=sys.argv[2])
    for _ in range(20_000):
        next(run)
    pids = [p.pid for p in multiprocessing.active_children() if p.name != "SyncManager"]
    print(" ".join(map(str, pids)), flush=True)
    for _ in run:  # until killed
        pass
"""


def _running(pid: int) -> bool:
    """Whether process ``pid`` exists and is not a zombie (an orphan's exit is reaped
    by whatever adopted it, if anything does)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] not in ("Z", "X")
    except OSError:
        return False


@pytest.mark.timeout(NO_HANG_SECONDS)
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("method", ["fork", "spawn"])
@pytest.mark.parametrize("runner", ["classify_parallel", "map_chunks"])
def test_workers_end_when_the_parent_is_killed(tmp_path: Path, runner: str, method: str) -> None:
    """A parent killed outright (SIGKILL, the OOM killer) leaves no workers behind.
    Forked ones held the parent's ends of their own pipes, so never saw it go: they
    slept for ever, holding their memory and the run's shared memory."""
    import signal
    import time

    from tests.conftest import ROOT

    script = tmp_path / "abandoned.py"
    script.write_text(_ABANDONED_SCRIPT, encoding="utf-8")
    with subprocess.Popen(
        [sys.executable, str(script), runner, method],
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    ) as parent:
        assert parent.stdout is not None
        workers = [int(pid) for pid in parent.stdout.readline().split()]
        parent.send_signal(signal.SIGKILL)
    assert len(workers) >= 2
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and any(map(_running, workers)):
        time.sleep(0.1)
    left = [pid for pid in workers if _running(pid)]
    for pid in left:  # not to leave them to the next test
        os.kill(pid, signal.SIGKILL)
    assert not left


def _open_fds() -> int:
    return len(os.listdir("/proc/self/fd"))


@pytest.mark.timeout(NO_HANG_SECONDS)
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@_PATHS
def test_spawned_runs_leave_no_thread_or_pipe_behind(
    path: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A run whose spawned workers did not all take their copy of the classifier (a
    short input is done before they are ready) left, for good, the thread writing
    the copies no worker took, blocked on a pipe the caller still held open: one
    thread, two file descriptors and megabytes per call, so a service classifying
    small batches with jobs=2 ran out of file descriptors."""
    import time

    _take_path(path, monkeypatch)
    classifier = default_classifier()
    texts = ["Own the product roadmap", "Keep the release on schedule"]
    expected = [v.label for v in classifier.classify_many(texts)]
    # One run first: the resource tracker and such are started once, and stay.
    assert [
        v.label for v in classify_parallel(classifier, texts, jobs=2, start_method="spawn")
    ] == expected
    threads, fds = set(threading.enumerate()), _open_fds()
    for _ in range(3):
        got = [v.label for v in classify_parallel(classifier, texts, jobs=2, start_method="spawn")]
        assert got == expected
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and (
        set(threading.enumerate()) - threads or _open_fds() > fds
    ):
        time.sleep(0.05)
    assert [t.name for t in set(threading.enumerate()) - threads] == []
    assert _open_fds() <= fds


def _fail_second_start(monkeypatch: pytest.MonkeyPatch, error: BaseException) -> None:
    """Make the second worker process of a run fail to start, raising ``error``."""
    original = multiprocessing.process.BaseProcess.start
    started: list[object] = []

    def start(process: multiprocessing.process.BaseProcess) -> None:
        started.append(process)
        if len(started) == 2:
            raise error
        original(process)

    monkeypatch.setattr(multiprocessing.process.BaseProcess, "start", start)


def _left_running(before: set[int]) -> list[int]:
    """Children of this process started since ``before`` and still running after a
    few seconds, and the threads handing the classifier to spawned workers."""
    import time

    deadline = time.monotonic() + 10
    while True:
        children = [p.pid for p in multiprocessing.active_children() if p.pid not in before]
        feeding = [t for t in threading.enumerate() if t.name == "rolelens-handoff"]
        if (not children and not feeding) or time.monotonic() > deadline:
            return [pid for pid in children if pid is not None] + [-1 for _ in feeding]
        time.sleep(0.05)


@pytest.mark.timeout(NO_HANG_SECONDS)
@_METHODS
@pytest.mark.parametrize(
    ("runner", "path"),
    [("classify_parallel", "crew"), ("classify_parallel", "pool"), ("map_chunks", "pool")],
)
def test_a_worker_that_cannot_start_leaves_none_running(
    runner: str, path: str, method: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When the system refused the second worker (fork's EAGAIN at a process limit),
    the first was left running, waiting for work for ever (a forked pool's, not a
    daemon, also kept the program from exiting), and the error was the bare
    OSError. The workers started are ended, and the error is a WorkerError naming
    what failed."""
    _take_path(path, monkeypatch)
    before = {p.pid for p in multiprocessing.active_children() if p.pid is not None}
    _fail_second_start(monkeypatch, OSError(11, "Resource temporarily unavailable"))
    texts = ["Own the product roadmap", "Keep the release on schedule"] * 50
    if runner == "map_chunks":
        run: Iterator[Any] = map_chunks(
            default_classifier(), texts, _echo, jobs=2, chunk_size=10, start_method=method
        )
    else:
        run = classify_parallel(
            default_classifier(), texts, jobs=2, chunk_size=10, start_method=method
        )
    with pytest.raises(WorkerError, match=r"could not start .*Resource temporarily") as caught:
        list(run)
    assert isinstance(caught.value.__cause__, OSError)
    assert _left_running(before) == []
    # The remedy in both spellings: the message reaches the command line unchanged.
    assert "jobs=1 (--jobs 1 on the command line)" in str(caught.value)


_SECOND_START_FAILS_SCRIPT = """
import itertools
import multiprocessing.process
import time

from rolelens import default_classifier
from rolelens.errors import WorkerError
from rolelens.parallel import map_chunks

original = multiprocessing.process.BaseProcess.start
starts = itertools.count(1)


def start(process):
    # Counted, not kept: a process kept here would keep the locks it was sent.
    if next(starts) % 2 == 0:
        raise OSError(11, "Resource temporarily unavailable")
    original(process)


def echo(_classifier, chunk):
    return list(chunk)


if __name__ == "__main__":
    multiprocessing.process.BaseProcess.start = start
    for _ in range(3):
        try:
            list(map_chunks(default_classifier(), ["a"] * 50, echo, jobs=2, chunk_size=1,
                            start_method="spawn"))
        except WorkerError:
            print("refused")
    time.sleep(2)  # time for a worker left starting to fail, and say so
"""


@pytest.mark.timeout(NO_HANG_SECONDS)
def test_a_spawned_worker_left_starting_prints_no_traceback(tmp_path: Path) -> None:
    """When the second spawned worker could not start, the first, still starting, was
    left to the pool's thread: the run's locks were gone before it had read them, and
    it printed a traceback (FileNotFoundError) on the program's standard error."""
    from tests.conftest import ROOT

    script = tmp_path / "second_fails.py"
    script.write_text(_SECOND_START_FAILS_SCRIPT, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(script)],
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
        capture_output=True,
        text=True,
        check=True,
        timeout=NO_HANG_SECONDS - 10,
    )
    assert done.stdout.split() == ["refused"] * 3
    assert "Traceback" not in done.stderr, done.stderr


@pytest.mark.timeout(NO_HANG_SECONDS)
@pytest.mark.skipif(not FORK, reason="no fork on this platform")
@_PATHS
def test_another_error_starting_a_worker_is_raised_as_it_is(
    path: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An error of another kind starting the second worker is raised unchanged, the
    first worker ended all the same."""
    _take_path(path, monkeypatch)
    before = {p.pid for p in multiprocessing.active_children() if p.pid is not None}
    _fail_second_start(monkeypatch, RuntimeError("no second worker today"))
    texts = ["Own the product roadmap"] * 100
    run = classify_parallel(default_classifier(), texts, jobs=2, chunk_size=10, start_method="fork")
    with pytest.raises(RuntimeError, match="no second worker today"):
        list(run)
    assert _left_running(before) == []


@pytest.mark.timeout(NO_HANG_SECONDS)
@pytest.mark.parametrize(
    ("runner", "path", "method"),
    [
        # Forked crew workers need no lock.
        ("classify_parallel", "crew", "spawn"),
        *[
            (runner, "pool", method)
            for runner in ("classify_parallel", "map_chunks")
            for method in (["fork", "spawn"] if FORK else ["spawn"])
        ],
    ],
)
def test_no_pipe_or_lock_for_the_workers_is_a_worker_error(
    runner: str, path: str, method: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Out of file descriptors for the pipes and locks the workers need, before any
    starts, the run raised a bare OSError, though one refused a moment later, when a
    worker starts, is a WorkerError saying so. Both are, and nothing is left behind."""
    import errno

    _take_path(path, monkeypatch)
    before = {p.pid for p in multiprocessing.active_children() if p.pid is not None}
    original = multiprocessing.context.BaseContext.Lock
    made: list[object] = []

    def lock(context: Any) -> Any:
        # The pool's second lock is its queues', before any worker starts.
        if made:
            raise OSError(errno.EMFILE, "Too many open files")
        made.append(context)
        return original(context)

    monkeypatch.setattr(multiprocessing.context.BaseContext, "Lock", lock)
    if path == "crew":
        made.append(None)  # the handoff's lock is the first it makes
    texts = ["Own the product roadmap", "Keep the release on schedule"] * 50
    if runner == "map_chunks":
        run: Iterator[Any] = map_chunks(
            default_classifier(), texts, _echo, jobs=2, chunk_size=10, start_method=method
        )
    else:
        run = classify_parallel(
            default_classifier(), texts, jobs=2, chunk_size=10, start_method=method
        )
    with pytest.raises(WorkerError, match=r"could not start .*Too many open files"):
        list(run)
    monkeypatch.undo()
    assert _left_running(before) == []


def _fail_or_stall(_classifier: Classifier, chunk: list[tuple[str, str]]) -> list[str]:
    """Items are ``(kind, folder)``: ``"fail"`` raises, ``"fast"`` returns at once, and
    ``"stall"`` leaves a mark in ``folder``, waits (a minute at most) until the test
    puts a file ``go`` there, and leaves another mark once done."""
    import time

    results = []
    for kind, folder in chunk:
        if kind == "fail":
            raise ValueError("this chunk fails")
        if kind == "stall":
            Path(folder, f"started-{os.getpid()}-{time.monotonic_ns()}").touch()
            deadline = time.monotonic() + 60
            while not Path(folder, "go").exists() and time.monotonic() < deadline:
                time.sleep(0.01)
            Path(folder, f"done-{os.getpid()}-{time.monotonic_ns()}").touch()
        results.append(kind)
    return results


@pytest.mark.timeout(NO_HANG_SECONDS)
@_METHODS
def test_an_error_in_a_worker_ends_the_other_workers_at_once(tmp_path: Path, method: str) -> None:
    """The error of one chunk was raised, but the workers went on through every
    chunk queued for them (and the program's exit waited for them): now they are
    ended before the error is raised, which is the same as before."""
    before = {p.pid for p in multiprocessing.active_children() if p.pid is not None}
    items = [("fail", str(tmp_path))] + [("stall", str(tmp_path))] * 30
    try:
        run = map_chunks(
            default_classifier(), items, _fail_or_stall, jobs=2, chunk_size=1, start_method=method
        )
        with pytest.raises(ValueError, match=r"^this chunk fails$"):
            list(run)
        running = [p.pid for p in multiprocessing.active_children() if p.pid not in before]
        assert running == []  # at once, not once the stalled chunks are let go
        assert _left_running(before) == []  # nor a thread handing the classifier over
    finally:
        (tmp_path / "go").touch()
    assert not list(tmp_path.glob("done-*"))  # no chunk ran to its end
    assert len(list(tmp_path.glob("started-*"))) <= 2  # at most one per worker


@pytest.mark.timeout(NO_HANG_SECONDS)
@_METHODS
def test_ctrl_c_ends_the_workers_at_once(tmp_path: Path, method: str) -> None:
    """KeyboardInterrupt (here raised by the input, as Ctrl-C while reading it is)
    left the workers running the chunks queued for them."""
    before = {p.pid for p in multiprocessing.active_children() if p.pid is not None}

    def interrupted() -> Iterator[tuple[str, str]]:
        yield ("stall", str(tmp_path))
        yield ("stall", str(tmp_path))
        raise KeyboardInterrupt

    try:
        run = map_chunks(
            default_classifier(),
            interrupted(),
            _fail_or_stall,
            jobs=2,
            chunk_size=1,
            start_method=method,
        )
        with pytest.raises(KeyboardInterrupt):
            list(run)
        running = [p.pid for p in multiprocessing.active_children() if p.pid not in before]
        assert running == []
    finally:
        (tmp_path / "go").touch()
    assert not list(tmp_path.glob("done-*"))


@pytest.mark.timeout(NO_HANG_SECONDS)
@_METHODS
def test_close_ends_the_workers_without_waiting_for_their_chunks(
    tmp_path: Path, method: str
) -> None:
    """close() waited for the chunks the workers were running and had queued (here
    until they were let go): now it ends the workers, and they are gone when it
    returns, as promised."""
    before = {p.pid for p in multiprocessing.active_children() if p.pid is not None}
    items = [("fast", str(tmp_path))] + [("stall", str(tmp_path))] * 10
    release = threading.Timer(20, (tmp_path / "go").touch)  # old code: waits, then ends
    release.start()
    try:
        run = map_chunks(
            default_classifier(), items, _fail_or_stall, jobs=2, chunk_size=1, start_method=method
        )
        assert next(run) == "fast"
        run.close()  # type: ignore[attr-defined]
        assert [p.pid for p in multiprocessing.active_children() if p.pid not in before] == []
        assert not list(tmp_path.glob("done-*"))  # close() did not wait for them
    finally:
        release.cancel()
        (tmp_path / "go").touch()


def _handle_sigterm(_classifier: Classifier, chunk: list[tuple[str, str]]) -> list[str]:
    """:func:`_fail_or_stall` in a worker that, like a program it was forked from,
    turns SIGTERM into an exception."""
    import signal

    def handler(signum: int, frame: object) -> None:
        raise SystemExit("terminated")

    signal.signal(signal.SIGTERM, handler)
    return _fail_or_stall(_classifier, chunk)


@pytest.mark.timeout(NO_HANG_SECONDS)
@_METHODS
def test_workers_that_handle_sigterm_are_still_ended(tmp_path: Path, method: str) -> None:
    """A worker whose SIGTERM handler raises tries to send that exception home, and
    waits on the lock held while workers are ended: it is killed, not left running."""
    before = {p.pid for p in multiprocessing.active_children() if p.pid is not None}
    items = [("fail", str(tmp_path))] + [("stall", str(tmp_path))] * 10
    try:
        run = map_chunks(
            default_classifier(), items, _handle_sigterm, jobs=2, chunk_size=1, start_method=method
        )
        with pytest.raises(ValueError, match=r"^this chunk fails$"):
            list(run)
        assert [p.pid for p in multiprocessing.active_children() if p.pid not in before] == []
    finally:
        (tmp_path / "go").touch()
    assert not list(tmp_path.glob("done-*"))


def test_a_classifier_is_pickled_for_spawned_workers_once_while_it_lives() -> None:
    """Every run that spawned workers pickled the classifier again in the caller,
    about 0.17 s for the built-in model before any worker could start (most of a
    short run's time). A classifier is immutable: its pickle is made once, and let
    go with it."""
    import gc
    import pickle

    classifier = default_classifier()
    data = parallel._pickled_classifier(classifier)
    assert parallel._pickled_classifier(classifier) is data
    assert pickle.loads(data) == classifier
    other = classifier.with_thresholds(min_evidence=0.6)
    other_data = parallel._pickled_classifier(other)
    assert other_data is not data
    assert pickle.loads(other_data) == other
    key = id(other)
    assert key in parallel._PICKLED
    del other
    gc.collect()
    assert key not in parallel._PICKLED


@pytest.mark.timeout(NO_HANG_SECONDS)
@pytest.mark.parametrize("path", ["crew", "pool"])
def test_spawned_workers_of_runs_after_the_first_use_the_same_pickle(
    path: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two runs in a row, with spawned workers, on the kept pickle: the same verdicts."""
    import pickle

    _take_path(path, monkeypatch)
    calls: list[object] = []
    real_dumps = pickle.dumps

    def counted(value: object, *args: Any, **kwargs: Any) -> bytes:
        if isinstance(value, Classifier):
            calls.append(value)
        return real_dumps(value, *args, **kwargs)

    classifier = default_classifier().with_thresholds(shared_floor=0.9)
    texts = _generated(300, seed=3)
    expected = [classifier.classify(t) for t in texts]
    monkeypatch.setattr(pickle, "dumps", counted)
    for _ in range(2):
        run = classify_parallel(classifier, texts, jobs=2, chunk_size=50, start_method="spawn")
        assert list(run) == expected
    assert len(calls) == 1


@pytest.mark.timeout(NO_HANG_SECONDS)
@_PATHS
@_METHODS
def test_a_str_subclass_pickle_cannot_find_is_classified_on_every_path(
    path: str, method: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Statements of a str subclass defined in a function: without the C pass (or
    without shared memory) classify_parallel raised TypeError, "cannot be sent to a
    worker process", while the C pass's workers, sent the text alone, and one
    process classified them. The verdicts keep the statements themselves."""

    class Statement(str):
        pass

    _take_path(path, monkeypatch)
    classifier = default_classifier()
    texts = [Statement(t) for t in _generated(120, seed=11)] + _generated(30, seed=12)
    verdicts = list(
        classify_parallel(classifier, texts, jobs=2, chunk_size=25, start_method=method)
    )
    assert verdicts == [classifier.classify(t) for t in texts]
    assert all(v.text is t for v, t in zip(verdicts, texts, strict=True))


#: Ctrl-C pressed while the workers fork, made exact: each fork sends this process a
#: SIGINT from inside the at-fork hooks run after it (where logging's run too).
_CTRL_C_AT_FORK_SCRIPT = """
import os
import signal
import sys

signal.signal(signal.SIGINT, signal.default_int_handler)
signum = getattr(signal, sys.argv.pop(1))
os.register_at_fork(after_in_parent=lambda: os.kill(os.getpid(), signum))

from rolelens import default_classifier
from rolelens.cli import main
from rolelens.parallel import classify_parallel

if sys.argv[1] == "cli":
    sys.exit(main(["classify", "--jobs", "2", "--chunk-size", "5", *sys.argv[2:]]))
texts = ["Own the product roadmap", "Deliver the migration on time"] * 200
try:
    verdicts = list(classify_parallel(default_classifier(), texts, jobs=2, chunk_size=5,
                                      start_method="fork"))
except KeyboardInterrupt:
    sys.exit(130)
print(len(verdicts))
"""


@pytest.mark.timeout(NO_HANG_SECONDS)
@pytest.mark.skipif(not FORK, reason="forks")
@pytest.mark.parametrize(
    ("runner", "signame", "code"),
    [("cli", "SIGINT", 130), ("cli", "SIGTERM", 143), ("classify_parallel", "SIGINT", 130)],
)
def test_ctrl_c_while_the_workers_fork_is_not_lost(
    tmp_path: Path, runner: str, signame: str, code: int
) -> None:
    """A Ctrl-C that came while the workers forked was raised inside logging's at-fork
    hook, which only printed it ("Exception ignored in: <function _releaseLock>"),
    and the run went on to the end, exit 0 (the command line's SIGTERM too): now it
    is held back while the workers start and raised right after, so the run stops."""
    from tests.conftest import ROOT

    source = tmp_path / "in.txt"
    source.write_text("Own the product roadmap\nDeliver the migration\n" * 100, encoding="utf-8")
    target = tmp_path / "out.jsonl"
    extra = ["-i", str(source), "-o", str(target)] if runner == "cli" else []
    done = subprocess.run(
        [sys.executable, "-c", _CTRL_C_AT_FORK_SCRIPT, signame, runner, *extra],
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
        capture_output=True,
        text=True,
        check=False,
        timeout=NO_HANG_SECONDS - 10,
    )
    assert done.returncode == code, (done.stdout, done.stderr[-2000:])
    assert "Exception ignored" not in done.stderr
    assert "Traceback" not in done.stderr
    assert not target.exists()


#: A terminal's Ctrl-C reaches the workers too: here each is sent SIGINT at once, while
#: a spawned one is still starting (importing rolelens, loading the classifier).
_CTRL_C_TO_STARTING_WORKERS_SCRIPT = """
import multiprocessing
import os
import signal
import sys
import time

signal.signal(signal.SIGINT, signal.default_int_handler)  # a shell's job may ignore it

from rolelens import default_classifier
from rolelens.parallel import classify_parallel

if __name__ == "__main__":
    texts = ["Own the product roadmap", "Deliver the migration on time"] * 3000
    # This process classifies the first chunks itself while the workers start.
    run = iter(classify_parallel(default_classifier(), texts, jobs=2, chunk_size=5,
                                 start_method="spawn"))
    first = [next(run)]
    children = multiprocessing.active_children()
    for child in children:
        os.kill(child.pid, signal.SIGINT)
    time.sleep(0.3)  # before the run is done without them
    rest = list(run)
    print(len(children), len(first) + len(rest))
"""


@pytest.mark.timeout(NO_HANG_SECONDS)
@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_a_spawned_worker_ignores_ctrl_c_while_it_starts(tmp_path: Path) -> None:
    """A spawned worker ignored SIGINT only once it had imported rolelens: a Ctrl-C
    at a terminal (sent to the workers too) while they started made each print a
    KeyboardInterrupt traceback, and the run fail with WorkerError. Now the workers
    start with SIGINT held, and ignore it before they let it go."""
    from tests.conftest import ROOT

    script = tmp_path / "ctrl_c.py"  # a file: spawned workers import the main script
    script.write_text(_CTRL_C_TO_STARTING_WORKERS_SCRIPT, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(script)],
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
        capture_output=True,
        text=True,
        check=False,
        timeout=NO_HANG_SECONDS - 10,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["2", "6000"]
    assert "Traceback" not in done.stderr


def test_a_ctrl_c_as_the_handoff_starts_leaves_its_thread_its_pipe(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A Ctrl-C (or any error) just after the thread handing the classifier over had
    started closed the pipe it writes under it: the thread printed a traceback
    ("TypeError: 'NoneType' object cannot be interpreted as an integer") when its
    write went on. Now the thread keeps its pipe, and ends by itself once nobody
    reads it."""
    go = threading.Event()
    seen: list[bool] = []
    failures: list[BaseException | None] = []
    started: list[threading.Thread] = []
    feed = parallel._feed

    def slow_feed(writer: Any, data: bytes, copies: int) -> None:
        go.wait(10)
        seen.append(writer.closed)
        feed(writer, data, copies)

    original = threading.Thread.start

    def start(thread: threading.Thread) -> None:
        original(thread)
        if thread.name == "rolelens-handoff":
            started.append(thread)
            raise KeyboardInterrupt

    monkeypatch.setattr(parallel, "_feed", slow_feed)
    monkeypatch.setattr(threading.Thread, "start", start)
    monkeypatch.setattr(threading, "excepthook", lambda args: failures.append(args.exc_value))
    with pytest.raises(KeyboardInterrupt):
        parallel._Handoff(multiprocessing.get_context("spawn"), b"x" * 100_000, 2)
    go.set()
    (thread,) = started
    thread.join(10)
    assert not thread.is_alive()
    assert seen == [False]
    assert failures == []


def _fail_after_slow(_classifier: Classifier, chunk: list[tuple[str, str]]) -> list[str]:
    """Items are ``(kind, folder)``: ``"fail"`` marks ``folder`` and raises, ``"slow"``
    returns once that mark is there (a minute at most), ``"ok"`` at once."""
    import time

    for kind, folder in chunk:
        if kind == "fail":
            Path(folder, "failed").touch()
            raise ValueError("this chunk fails")
        if kind == "slow":
            deadline = time.monotonic() + 60
            while not Path(folder, "failed").exists() and time.monotonic() < deadline:
                time.sleep(0.01)
            time.sleep(0.3)  # the failure has come home by now
    return [kind for kind, _ in chunk]


@pytest.mark.timeout(NO_HANG_SECONDS)
@_METHODS
def test_no_chunk_is_read_or_sent_once_one_in_flight_has_failed(
    tmp_path: Path, method: str
) -> None:
    """Taking the result of chunk 0 while chunk 1 had already failed read chunk 4 from
    the input and sent it to a worker (wasted work, and input read past the error):
    now the error is raised next, and nothing more is read."""
    read: list[int] = []

    def items() -> Iterator[tuple[str, str]]:
        for n, kind in enumerate(["slow", "fail"] + ["ok"] * 10):
            read.append(n)
            yield kind, str(tmp_path)

    run = map_chunks(
        default_classifier(), items(), _fail_after_slow, jobs=2, chunk_size=1, start_method=method
    )
    assert next(run) == "slow"
    with pytest.raises(ValueError, match=r"^this chunk fails$"):
        next(run)
    assert read == [0, 1, 2, 3]  # the window of 2 * jobs chunks, no more


def _ok_or_die(_classifier: Classifier, chunk: list[tuple[str, str]]) -> list[str]:
    """Items are ``(kind, folder)``: ``"ok"`` marks ``folder`` done, ``"die"`` waits for
    that mark (a minute at most), then a moment for its result to go home, and ends
    its worker as a crash would, leaving a mark of its own first."""
    import time

    for kind, folder in chunk:
        if kind == "ok":
            Path(folder, "ok").touch()
        elif kind == "die":
            deadline = time.monotonic() + 60
            while not Path(folder, "ok").exists() and time.monotonic() < deadline:
                time.sleep(0.01)
            time.sleep(0.3)
            Path(folder, "died").touch()
            os._exit(3)
    return [kind for kind, _ in chunk]


@pytest.mark.timeout(NO_HANG_SECONDS)
@pytest.mark.skipif(not FORK, reason="forks")
def test_results_finished_before_a_worker_died_are_not_lost(tmp_path: Path) -> None:
    """Chunk 1 was finished when chunk 2's worker died; taking chunk 0's result then
    sent one more chunk, to the broken pool, which raised WorkerError at once:
    chunk 1's result was lost. Now it is handed out, and then the error."""
    import time

    items = [("first", str(tmp_path)), ("ok", str(tmp_path)), ("die", str(tmp_path))]
    items += [("later", str(tmp_path))] * 5
    run = map_chunks(
        default_classifier(), items, _ok_or_die, jobs=2, chunk_size=1, start_method="fork"
    )
    got = [next(run)]
    deadline = time.monotonic() + 60
    while not (tmp_path / "died").exists() and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(0.5)  # the pool has seen its worker gone
    with pytest.raises(WorkerError):
        got.extend(run)
    assert got == ["first", "ok"]
