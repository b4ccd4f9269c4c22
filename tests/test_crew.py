"""Tests for the worker crew behind classify_parallel (rolelens._crew).

The crew classifies chunks itself until a worker is ready, so a test of the
workers' path waits for them first (``wait_ready``) and checks that chunks
did travel (``remote``).
"""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
from collections.abc import Iterator
from multiprocessing.shared_memory import SharedMemory
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rolelens import Classifier, Cue, _crew, default_classifier
from rolelens._native import speedups
from rolelens.errors import WorkerError
from rolelens.parallel import _unpacked, classify_parallel
from tests.strategies import ROLE_WORDS, statements

pytestmark = pytest.mark.skipif(
    default_classifier()._core is None, reason="the crew needs the C extension"
)

NO_HANG_SECONDS = 90
FORK = "fork" in multiprocessing.get_all_start_methods()
needs_fork = pytest.mark.skipif(not FORK, reason="no fork on this platform")


def _texts(count: int, *, seed: int = 3) -> list[str]:
    rng = random.Random(seed)
    extra = ("é", "—", "日本", "\udc80", "", "  ")  # other scripts and a lone surrogate too
    words = (*ROLE_WORDS, *extra)
    return [" ".join(rng.choices(words, k=rng.randint(0, 30))) for _ in range(count)]


def _ready_crew(method: str = "fork", classifier: Classifier | None = None) -> _crew.Crew:
    crew = _crew.open_crew(classifier or default_classifier(), 2, method)
    assert crew is not None
    assert crew.wait_ready(NO_HANG_SECONDS - 10)
    return crew


def _run(crew: _crew.Crew, texts: list[str], size: int) -> tuple[list[Any], list[bool]]:
    """The verdicts of a run, and for each chunk whether a worker scanned it."""
    remote: list[bool] = []

    def spy() -> Iterator[tuple[list[str], Any, bool]]:
        for item in crew.run(texts, size):
            remote.append(item[2])
            yield item

    return list(_unpacked(crew.classifier, spy())), remote


def _run_ready(
    texts: list[str], size: int, method: str = "fork", classifier: Classifier | None = None
) -> tuple[list[Any], list[bool]]:
    """:func:`_run` on a crew whose workers are all ready, closed afterwards."""
    crew = _ready_crew(method, classifier)
    try:
        return _run(crew, texts, size)
    finally:
        crew.close()


@needs_fork
@pytest.mark.timeout(NO_HANG_SECONDS)
@settings(max_examples=10, deadline=None)
@given(st.lists(statements(), min_size=1, max_size=40), st.integers(1, 9))
def test_workers_make_the_verdicts_one_process_makes(texts: list[str], size: int) -> None:
    """Any statements, scanned by ready workers: the verdicts classify() makes."""
    got, remote = _run_ready(texts, size)
    assert got == [default_classifier().classify(t) for t in texts]
    assert remote
    assert all(remote)  # ready workers took every chunk


@pytest.mark.timeout(NO_HANG_SECONDS)
def test_spawned_workers_make_the_same_verdicts() -> None:
    """The same with spawned workers, which receive the classifier pickled."""
    texts = _texts(3000)
    got, remote = _run_ready(texts, 97, "spawn")
    assert got == [default_classifier().classify(t) for t in texts]
    assert all(remote)


@pytest.mark.timeout(NO_HANG_SECONDS)
@pytest.mark.parametrize("method", ["spawn", pytest.param("fork", marks=needs_fork)])
def test_a_custom_classifier_is_the_one_the_workers_run(method: str) -> None:
    """A classifier with cues of its own reaches the workers (pickled when spawned,
    inherited when forked): their verdicts carry its cue."""
    cue = Cue("zorblax", (5.0, 0.0, 0.0, 0.0), "core_focus", ())
    custom = default_classifier().with_cues([cue])
    texts = ["We zorblax every quarter", *_texts(300)]
    got, remote = _run_ready(texts, 30, method, custom)
    assert all(remote)
    assert got == [custom.classify(t) for t in texts]
    assert any(e.cue == "zorblax" for e in got[0].evidence)


@pytest.mark.timeout(NO_HANG_SECONDS)
def test_chunks_before_the_workers_are_ready_are_done_here() -> None:
    """Started cold, the first chunks are classified here, in order, with no wait."""
    texts = _texts(500)
    crew = _crew.open_crew(default_classifier(), 2, "spawn")
    assert crew is not None
    got, remote = _run(crew, texts, 50)
    assert got == [default_classifier().classify(t) for t in texts]
    assert remote[0] is False  # a spawned worker takes far longer to start than a chunk


@needs_fork
@pytest.mark.timeout(NO_HANG_SECONDS)
def test_chunk_too_big_for_a_slot_is_done_here(monkeypatch: pytest.MonkeyPatch) -> None:
    """A chunk whose texts do not fit its slot is classified here, in its turn."""
    monkeypatch.setattr(_crew, "TEXT_BYTES", 2000)
    texts = [f"Track milestone {n} of the plan" for n in range(200)]  # 20 a chunk: ~600 bytes
    texts[150] = "Own the product roadmap " * 200  # 4,800 bytes: its chunk cannot travel
    got, remote = _run_ready(texts, 20)
    assert got == [default_classifier().classify(t) for t in texts]
    assert remote[7] is False
    assert remote.count(False) == 1


@needs_fork
@pytest.mark.timeout(NO_HANG_SECONDS)
def test_records_too_big_for_a_slot_come_through_the_pipe(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Records that do not fit their slot travel through the pipe: same verdicts."""
    monkeypatch.setattr(_crew, "RECORD_BYTES", 64)  # forked workers inherit this
    texts = _texts(400)
    got, remote = _run_ready(texts, 40)
    assert got == [default_classifier().classify(t) for t in texts]
    assert all(remote)


@needs_fork
@pytest.mark.timeout(NO_HANG_SECONDS)
def test_non_str_raises_type_error_after_every_earlier_verdict() -> None:
    """A non-str item raises the TypeError one process raises, after the verdict of
    every statement before it: its own chunk's too, which were lost."""
    texts: list[Any] = _texts(100)
    texts[75] = 42
    crew = _ready_crew()
    seen: list[str] = []

    def take() -> None:
        for verdict in _unpacked(default_classifier(), crew.run(texts, 10)):
            seen.append(verdict.text)

    with pytest.raises(TypeError, match="int"):
        take()
    assert seen == texts[:75]


class _InputBroke(Exception):
    """What the failing input below raises."""


@needs_fork
@pytest.mark.timeout(NO_HANG_SECONDS)
def test_input_raising_midway_comes_after_the_chunks_in_flight() -> None:
    """An exception raised by the input reaches the caller after the verdict of every
    statement read before it. It was raised where the reading ahead met it, and the
    chunks out with the workers and the start of its own chunk were lost."""
    texts = _texts(505)

    def breaking() -> Iterator[str]:
        yield from texts
        raise _InputBroke("the input broke")

    crew = _ready_crew()
    seen: list[str] = []
    with pytest.raises(_InputBroke, match="the input broke"):
        # extend() keeps the verdicts taken before the exception
        seen.extend(v.text for v in _unpacked(default_classifier(), crew.run(breaking(), 10)))
    assert seen == texts
    assert not any(process.is_alive() for process in crew.processes)


@needs_fork
@pytest.mark.timeout(NO_HANG_SECONDS)
def test_worker_killed_mid_run_is_a_worker_error() -> None:
    """A worker killed while chunks are out surfaces as WorkerError, not a hang."""
    crew = _ready_crew()
    stream = crew.run(_texts(20_000), 100)
    next(stream)
    os.kill(crew.processes[0].pid or 0, signal.SIGKILL)
    with pytest.raises(WorkerError, match="stopped unexpectedly"):
        for _ in stream:
            pass
    assert not any(process.is_alive() for process in crew.processes)


@pytest.mark.skipif(not hasattr(os, "getpriority"), reason="no process priorities here")
@pytest.mark.timeout(NO_HANG_SECONDS)
@pytest.mark.parametrize("method", ["spawn", pytest.param("fork", marks=needs_fork)])
def test_workers_run_at_a_lower_priority_than_the_caller(method: str) -> None:
    """The caller, whom the workers wait for, keeps the scheduler's preference."""
    crew = _ready_crew(method)
    try:
        mine = os.getpriority(os.PRIO_PROCESS, 0)
        theirs = [os.getpriority(os.PRIO_PROCESS, p.pid or 0) for p in crew.processes]
    finally:
        crew.close()
    assert theirs == [min(mine + _crew.NICENESS, 19)] * len(crew.processes)


@needs_fork
@pytest.mark.timeout(NO_HANG_SECONDS)
def test_closing_early_stops_the_workers_and_frees_the_memory() -> None:
    """Leaving a run early (break, an error in the caller) stops the workers and
    removes the shared memory."""
    crew = _ready_crew()
    name = crew.memory.name
    stream = crew.run(_texts(20_000), 100)
    next(stream)
    stream.close()
    assert not any(process.is_alive() for process in crew.processes)
    with pytest.raises(FileNotFoundError):
        SharedMemory(name=name)


@pytest.mark.timeout(NO_HANG_SECONDS)
def test_classify_parallel_starts_nothing_until_read() -> None:
    """classify_parallel starts its workers on the first request for a verdict."""
    before = multiprocessing.active_children()
    verdicts = classify_parallel(default_classifier(), _texts(10), jobs=2)
    assert multiprocessing.active_children() == before
    assert len(list(verdicts)) == 10


@settings(max_examples=60)
@given(st.lists(statements(), max_size=30))
def test_scanning_written_texts_equals_scanning_the_strs(texts: list[str]) -> None:
    """What a worker scans from shared memory is what scan_chunk() finds in the strs:
    ASCII statements scanned in place, the rest (other scripts, lone surrogates)
    left to the caller by index."""
    core = default_classifier()._core
    buffer = bytearray(1 << 16)
    size = speedups.write_texts(buffer, texts)
    assert size is not None
    assert speedups.scan_buffer(memoryview(buffer)[:size], len(texts), core) == (
        speedups.scan_chunk(texts, core)
    )


def test_write_texts_refuses_what_cannot_travel() -> None:
    """None for a list that does not fit, or that holds something not a str."""
    assert speedups.write_texts(bytearray(10), ["a long enough statement"]) is None
    assert speedups.write_texts(bytearray(100), ["fine", b"bytes"]) is None
    assert speedups.write_texts(bytearray(100), ["fine", 42]) is None


@pytest.mark.parametrize(
    ("data", "count"),
    [
        (b"", 1),  # no room for the length
        (b"\x05\x00\x00\x00ab", 1),  # a length past the end
        (b"\x00\x00\x00\x00", -1),
    ],
)
def test_scan_buffer_refuses_what_write_texts_did_not_write(data: bytes, count: int) -> None:
    """A malformed buffer is a ValueError, never a read past its end."""
    with pytest.raises(ValueError, match="needs what _crew wrote"):
        speedups.scan_buffer(data, count, default_classifier()._core)


@pytest.mark.timeout(NO_HANG_SECONDS)
@pytest.mark.skipif(not os.path.isdir("/dev/shm"), reason="Linux shared memory")
def test_no_crew_where_shared_memory_has_too_little_room(monkeypatch: pytest.MonkeyPatch) -> None:
    """The crew's block of shared memory was made at full size in a /dev/shm with less
    room free (a container's 64 MB), where a write past that room kills the process
    with SIGBUS: now the run takes the process pool instead, with the same verdicts."""
    statvfs = os.statvfs

    def small(path: Any) -> Any:
        found = statvfs(path)
        if str(path) != "/dev/shm":
            return found
        fields = list(found)
        fields[0] = fields[1] = 4096  # f_bsize, f_frsize
        fields[4] = (64 << 20) // 4096  # f_bavail: 64 MB
        return os.statvfs_result(fields)

    monkeypatch.setattr(os, "statvfs", small)
    classifier = default_classifier()
    three = 3 * _crew.SLOTS_PER_JOB * _crew.SLOT_BYTES
    assert three > 64 << 20
    assert _crew.open_crew(classifier, 3, "fork" if FORK else "spawn") is None
    two = _crew.open_crew(classifier, 2, "fork" if FORK else "spawn")
    assert two is not None  # 48 MB fit
    two.close()
    texts = _texts(300)
    got = list(classify_parallel(classifier, texts, jobs=3, chunk_size=20))
    assert got == [classifier.classify(text) for text in texts]
