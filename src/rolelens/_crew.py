"""Worker processes that scan chunks for :func:`rolelens.parallel.classify_parallel`.

Why not :mod:`concurrent.futures`: its process pool moves every chunk and
every result through helper threads of the calling process. While the
caller's own thread is busy (making verdicts, building their evidence) those
threads get the GIL back only once per switch interval (5 ms), after every
read or write they make, so the workers sat idle and two processes were
slower than one. Here the caller's thread does all the talking itself, at
chunk boundaries, and nothing it sends can block:

* each worker has a pipe that only ever carries a few dozen bytes per chunk
  (which slot to read, how much it wrote), far below what a pipe buffers;
* texts and results travel through one block of shared memory, in which
  each worker owns ``SLOTS_PER_JOB`` slots, each with room for a chunk's
  texts and for its scanned records.

A chunk whose texts do not fit a slot is classified by the caller itself,
in its turn. A non-``str`` item ends the input just before it: its
``TypeError``, the one ``classify`` raises in one process, comes after every
earlier verdict, as does an exception raised by the input itself. Records
that do not fit a slot come home through the pipe instead (the caller's
writes are still small, so neither side can wait on the other). Until the
first worker is ready (a spawned one loads the classifier for about half a
second) the caller classifies chunks itself, so start-up costs no wall time.
Workers run at a lower scheduling priority than the caller (``NICENESS``):
when there are no more cores than workers, the caller is the process
everything waits for.
"""

from __future__ import annotations

import collections
import contextlib
import itertools
import multiprocessing
import multiprocessing.connection
import os
import pickle
import sys
import time
from collections.abc import Generator, Iterable
from multiprocessing.shared_memory import SharedMemory
from typing import TYPE_CHECKING, Any

from rolelens._native import speedups as _speedups
from rolelens.errors import WorkerError
from rolelens.parallel import (
    _broken_message,
    _Handoff,
    _pickled_classifier,
    _Source,
    _unstarted_message,
    classify_chunk,
    exit_with_parent,
    ignore_interrupts,
    starting_workers,
)

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.process import BaseProcess

    from rolelens.classifier import Classifier, Verdict

__all__ = ["NICENESS", "SLOTS_PER_JOB", "Crew", "open_crew"]

#: Chunks sent to one worker and not answered yet: enough that it never waits
#: for the next, few enough that the caller holds little.
IN_FLIGHT = 2
#: Slots per worker: a chunk keeps its slot from being sent until the caller
#: has taken its records, so a worker needs more slots than chunks in flight.
SLOTS_PER_JOB = 2 * IN_FLIGHT
#: Bytes for a chunk's texts (2,000 statements of 40 words take about 500 KB)
#: and for its records (48 bytes a statement and 16 a cue found: about 600 KB).
#: Only the pages written take memory.
TEXT_BYTES = 2 << 20
RECORD_BYTES = 4 << 20
SLOT_BYTES = TEXT_BYTES + RECORD_BYTES

#: How much lower than the caller's a worker's scheduling priority is (``nice``).
#: With ``jobs`` workers on ``jobs`` cores the caller, which makes every verdict
#: and builds the evidence read, is one process more than there are cores, and
#: it is the one the others wait for: at equal priority the scheduler gave it
#: about two thirds of a core while the workers, ahead of it, still had chunks
#: to scan. On otherwise idle cores this changes nothing else.
NICENESS = 5

_READY = "ready"


# -- in the worker --------------------------------------------------------------


def _serve(
    conn: Connection,
    memory_name: str,
    handoff: _Handoff | None,
    inherited: Classifier | None,
) -> None:
    """A worker's life: take the classifier, then scan each chunk it is sent."""
    ignore_interrupts()  # Ctrl-C is the caller's to handle
    exit_with_parent()
    if hasattr(os, "nice"):  # POSIX
        os.nice(NICENESS)
    classifier = inherited if handoff is None else pickle.loads(handoff.get())
    if classifier is None or classifier._core is None:  # pragma: no cover - checked before
        raise RuntimeError("rolelens worker started without a compiled classifier")
    memory = SharedMemory(name=memory_name)
    try:
        conn.send(_READY)
        while (message := conn.recv()) is not None:
            slot, count, size = message
            conn.send(_scan(classifier, memory, slot, count, size))
    except (EOFError, OSError):  # the caller is gone (killed): nothing is waiting
        return
    finally:
        memory.close()


def _scan(
    classifier: Classifier, memory: SharedMemory, slot: int, count: int, size: int
) -> tuple[Any, ...]:
    """Scan the chunk in ``slot``; write its records there, or return them if too big."""
    base = slot * SLOT_BYTES
    view = _buffer(memory)[base : base + size]
    try:
        # ASCII statements are scanned where they lie, never made into str objects.
        blob, others = _speedups.scan_buffer(view, count, classifier._core)
        # The others (not ASCII) travel as Classifier._pack makes them.
        packed = [(i, classifier._pack(text)) for i, text in _decoded(view, count, others)]
    except Exception as exc:  # pragma: no cover - the caller checked every item is a str
        return ("error", _picklable(exc))
    finally:
        view.release()
    if len(blob) > RECORD_BYTES:
        return ("records", blob, packed)
    start = base + TEXT_BYTES
    _buffer(memory)[start : start + len(blob)] = blob
    return ("written", len(blob), packed)


def _decoded(view: memoryview, count: int, wanted: list[int]) -> list[tuple[int, str]]:
    """``(i, text)`` for each index in ``wanted`` (ascending), read from ``view``."""
    if not wanted:
        return []
    lengths = view[: 4 * count].cast("I")
    try:
        starts = list(itertools.accumulate(lengths, initial=4 * count))
        return [(i, str(view[starts[i] : starts[i + 1]], "utf-8", "surrogatepass")) for i in wanted]
    finally:
        lengths.release()


def _picklable(exc: Exception) -> Exception:  # pragma: no cover - see _scan
    try:
        pickle.dumps(exc)
    except Exception:
        return RuntimeError(repr(exc))
    return exc


# -- in the caller --------------------------------------------------------------


class _Chunk:
    """A chunk of input on its way: in a worker, or done here and waiting its turn."""

    __slots__ = ("answer", "result", "slot", "texts", "worker")

    def __init__(self, texts: list[str], worker: int, slot: int) -> None:
        self.texts = texts
        self.worker = worker  # -1: done here
        self.slot = slot
        self.answer: tuple[Any, ...] | None = None
        self.result: list[Verdict] | BaseException | None = None


class Crew:
    """Worker processes, their pipes and the shared memory they read and write.

    Made by :func:`open_crew`; :meth:`run` drives one stream and, when it
    ends (finished, failed, interrupted or closed early), stops the workers and
    frees the memory (:meth:`close` does that for a crew never run).
    """

    def __init__(
        self,
        classifier: Classifier,
        processes: int,
        start_method: str,
        memory: SharedMemory,
    ) -> None:
        self.classifier = classifier
        self.memory = memory
        self.spawned = start_method == "spawn"
        self.conns: list[Connection] = []
        self.processes: list[BaseProcess] = []
        self.ready = [False] * processes
        self.free_slots = [
            list(range(k * SLOTS_PER_JOB, (k + 1) * SLOTS_PER_JOB)) for k in range(processes)
        ]
        self.sent: list[collections.deque[_Chunk]] = [collections.deque() for _ in range(processes)]
        self.handoff: _Handoff | None = None
        # Any: typeshed gives get_context() a BaseContext, which has no Process.
        context: Any = multiprocessing.get_context(start_method)
        try:
            if self.spawned:
                # The classifier (megabytes pickled) travels through a pipe that a thread
                # writes: a worker that dies while starting never reads it, and writing
                # it into the start-up pipe would then block for ever.
                self.handoff = _Handoff(context, _pickled_classifier(classifier), processes)
            with starting_workers(forking=not self.spawned):
                for _ in range(processes):
                    self._start(context, classifier, memory)
        except BaseException as exc:
            # Those already started were left running, each holding a copy of its own
            # pipe's other end (forked), so waiting on it for ever.
            self._abandon()
            if isinstance(exc, OSError):  # a limit of the system's: processes, files
                raise WorkerError(
                    _unstarted_message(len(self.processes) + 1, processes, exc)
                ) from exc
            raise
        self.broken = _broken_message(processes, spawned=self.spawned)
        self.stopped = False

    def _start(self, context: Any, classifier: Classifier, memory: SharedMemory) -> None:
        ours, theirs = context.Pipe()
        try:
            inherited = None if self.spawned else classifier
            process = context.Process(
                target=_serve,
                args=(theirs, memory.name, self.handoff, inherited),
                daemon=True,
                name="rolelens-worker",
            )
            process.start()
        except BaseException:
            ours.close()
            raise
        finally:
            theirs.close()  # so that a worker's death reads as the end of its pipe
        self.conns.append(ours)
        self.processes.append(process)

    def _abandon(self) -> None:
        """End the workers started so far, at once, when starting the others failed."""
        for process in self.processes:
            process.terminate()
        for process in self.processes:
            process.join(timeout=5)
        for conn in self.conns:
            conn.close()
        if self.handoff is not None:
            self.handoff.close()

    # -- the stream -----------------------------------------------------------

    def run(
        self, items: Iterable[str], size: int
    ) -> Generator[tuple[list[str], Any, bool], None, None]:
        """``(texts, answer, True)`` for each chunk a worker scanned and ``(texts,
        verdicts, False)`` for each done here, in input order."""
        # A non-str item ends the chunks before it, and its TypeError, like an exception
        # raised by items, is raised after every earlier verdict (chunks.finish()).
        chunks = _Source(items, size, self.classifier.classify)
        pending: collections.deque[_Chunk] = collections.deque()
        held = len(self.conns) * SLOTS_PER_JOB
        more = True
        finished = False
        try:
            while not any(self.ready):
                self._check_ready()
                if any(self.ready):
                    break
                chunk = next(chunks, None)
                if chunk is None:
                    more = False
                    break
                # Start-up: nothing is ahead of this chunk, so it goes out at once.
                yield chunk, classify_chunk(self.classifier, chunk), False
            while True:
                self._check_ready()
                self._collect()
                while more and len(pending) < held:
                    worker = self._idle_worker()
                    if worker is None:
                        break
                    chunk = next(chunks, None)
                    if chunk is None:
                        more = False
                        break
                    pending.append(self._send(worker, chunk))
                if not pending:
                    break
                head = pending.popleft()
                if head.worker < 0:
                    if isinstance(head.result, BaseException):
                        raise head.result  # where one process would raise it
                    yield head.texts, head.result, False
                    continue
                yield head.texts, self._take(head), True
            finished = True
        finally:
            self._stop(finished)
        chunks.finish()

    def _check_ready(self) -> None:
        for worker, conn in enumerate(self.conns):
            if not self.ready[worker] and self._poll(conn):
                if self._receive(conn) != _READY:  # pragma: no cover - protocol error
                    raise WorkerError(self.broken)
                self.ready[worker] = True

    def _collect(self) -> None:
        """Take every answer already sent, so that a worker that has answered is seen
        to be free for the next chunk."""
        for worker, sent in enumerate(self.sent):
            conn = self.conns[worker]
            while sent and self._poll(conn):
                sent.popleft().answer = self._receive(conn)

    def _idle_worker(self) -> int | None:
        """The ready worker with the fewest chunks in hand, if it can take one more."""
        best = None
        for worker, sent in enumerate(self.sent):
            if not self.ready[worker] or len(sent) >= IN_FLIGHT or not self.free_slots[worker]:
                continue
            if best is None or len(sent) < len(self.sent[best]):
                best = worker
        return best

    def _send(self, worker: int, texts: list[str]) -> _Chunk:
        slot = self.free_slots[worker].pop()
        size = _write_texts(self.memory, slot * SLOT_BYTES, texts)
        if size is None:  # too big for a slot, or not all str: done here, in its turn
            self.free_slots[worker].append(slot)
            chunk = _Chunk(texts, -1, -1)
            try:
                chunk.result = classify_chunk(self.classifier, texts)
            except Exception as exc:
                chunk.result = exc
            return chunk
        chunk = _Chunk(texts, worker, slot)
        try:
            self.conns[worker].send((slot, len(texts), size))
        except OSError as exc:  # the worker's end is gone: it died
            raise WorkerError(self.broken) from exc
        self.sent[worker].append(chunk)
        return chunk

    def _take(self, chunk: _Chunk) -> list[Any]:
        """``[blob, others]`` for a chunk a worker has or will have answered."""
        worker = chunk.worker
        sent = self.sent[worker]
        while chunk.answer is None:  # a worker answers its chunks in the order sent
            sent.popleft().answer = self._receive(self.conns[worker])
        answer = chunk.answer
        if answer[0] == "written":
            start = chunk.slot * SLOT_BYTES + TEXT_BYTES
            blob = bytes(_buffer(self.memory)[start : start + answer[1]])
        elif answer[0] == "records":
            blob = answer[1]
        else:  # pragma: no cover - see _scan
            raise answer[1]
        self.free_slots[worker].append(chunk.slot)
        return [blob, answer[2]]

    def _poll(self, conn: Connection) -> bool:
        try:
            return conn.poll()
        except OSError as exc:  # pragma: no cover - a closed pipe
            raise WorkerError(self.broken) from exc

    def _receive(self, conn: Connection) -> Any:
        try:
            return conn.recv()
        except (EOFError, OSError) as exc:  # the worker died, perhaps mid-message
            raise WorkerError(self.broken) from exc

    def wait_ready(self, timeout: float) -> bool:
        """Wait until every worker is ready for chunks, at most ``timeout`` seconds;
        whether they are. (A run does not wait: this is for tests.)"""
        deadline = time.monotonic() + timeout
        for worker, conn in enumerate(self.conns):
            while not self.ready[worker]:
                left = deadline - time.monotonic()
                if left <= 0 or not conn.poll(left):
                    return False
                self._check_ready()
        return True

    def close(self) -> None:
        """Stop the workers at once and free the memory, if :meth:`run` has not."""
        self._stop(False)

    def _stop(self, finished: bool) -> None:
        """Stop the workers: let them finish after success, end them otherwise."""
        if self.stopped:
            return
        self.stopped = True
        for conn in self.conns:
            with contextlib.suppress(OSError):  # a worker that died has no pipe left
                conn.send(None)
        for worker, process in enumerate(self.processes):
            if finished and self.ready[worker]:
                process.join(timeout=5)
            # One still starting is not waited for: a short input is done without it.
            if process.is_alive():
                process.terminate()
                process.join(timeout=5)
        for conn in self.conns:
            conn.close()
        self.memory.close()
        self.memory.unlink()
        if self.handoff is not None:
            self.handoff.close()


def open_crew(classifier: Classifier, processes: int, start_method: str) -> Crew | None:
    """Workers for ``classifier``, or ``None`` where this way is not available: no
    compiled C pass, or no shared memory (a sandbox may forbid it), or too little of
    it free for their slots (see :func:`_room_for`)."""
    if classifier._core is None:
        return None
    size = processes * SLOTS_PER_JOB * SLOT_BYTES
    if not _room_for(size):
        return None
    try:
        memory = SharedMemory(create=True, size=size)
    except OSError:
        return None
    try:
        return Crew(classifier, processes, start_method, memory)
    except BaseException:
        memory.close()
        memory.unlink()
        raise


#: Where Linux keeps shared memory: a tmpfs, 64 MB by default in a Docker container.
_SHM = "/dev/shm"


def _room_for(size: int) -> bool:
    """Whether the shared memory of Linux has ``size`` bytes free. Its block is made
    at full size but takes memory only as it is written, so a block larger than the
    room left was made all the same, and the first write past that room killed the
    process with ``SIGBUS`` ("Bus error", no message): ``jobs=4`` with a
    ``chunk_size`` of 20,000 in a container's 64 MB, say. Elsewhere, or where it
    cannot be told, there is taken to be room."""
    if not sys.platform.startswith("linux"):
        return True
    try:
        found = os.statvfs(_SHM)
    except (OSError, AttributeError):
        return True
    return found.f_bavail * found.f_frsize >= size


def _buffer(memory: SharedMemory) -> memoryview:
    buffer = memory.buf
    if buffer is None:  # pragma: no cover - only after close()
        raise ValueError("shared memory is closed")
    return buffer


def _write_texts(memory: SharedMemory, base: int, texts: list[str]) -> int | None:
    """Write ``texts`` at ``base`` (their lengths, then their UTF-8); the size written,
    or ``None`` if they do not fit in a slot or are not all ``str``."""
    view = _buffer(memory)[base : base + TEXT_BYTES]
    try:
        size: int | None = _speedups.write_texts(view, texts)
        return size
    finally:
        view.release()
