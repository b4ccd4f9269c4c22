"""Classifying a stream of statements on several worker processes.

Theory of operation
-------------------
The input is cut into chunks of ``chunk_size`` items as it is read. Each
worker process receives the :class:`~rolelens.classifier.Classifier` once,
when it starts, through a pipe a thread writes (a classifier pickles to its
lexicon and rebuilds its index on arrival), and afterwards only chunks of text. Not
through the start-up arguments: a worker that dies while starting (a main
script without an ``if __name__ == "__main__"`` guard) never reads those,
and the parent would block for ever writing megabytes into its pipe.

The parent keeps a bounded window of chunks in flight, ``2 * jobs``, and
yields results strictly in submission order, so:

* output order equals input order;
* memory is flat: at most a few chunks of input and of results per job
  exist at any moment (``2 * jobs`` in the pool below, ``4 * jobs`` with the
  shared-memory workers; the parent keeps each chunk's input until its
  result is taken), whatever the input size, and the input iterable is read
  only as fast as results are consumed;
* a worker that dies (killed, out of memory, ``os._exit``) is detected (the
  pool breaks, or its pipe ends), and surfaces as a :class:`WorkerError`
  instead of a hang. An exception *raised* in a worker is re-raised
  unchanged, as it would be in a single process (one that pickle cannot
  rebuild, as a ``RuntimeError`` naming its type and message); an item or a
  result that pickle cannot carry is a ``TypeError`` naming its items, not
  a worker's death;
* an exception raised by the input iterable itself is re-raised unchanged
  after the results of every item read before it, in flight or not (as one
  process would hand them out), and :func:`classify_parallel` does the same
  for the ``TypeError`` of a non-``str`` statement: the input ends just
  before it.

Workers ignore ``SIGINT``: on Ctrl-C only the parent sees the
``KeyboardInterrupt``. Then, as after an error or ``close()``, the workers
are ended at once, not left to run the chunks queued for them.
Forked workers (``start_method="fork"``, POSIX) inherit the compiled
classifier and start at once; that is only safe in a process that runs no
other threads. Spawned ones (``"spawn"``) are safe everywhere, and each
loads the classifier again (about half a second). Unless told, workers fork
on Linux while the process runs no other thread, and spawn otherwise, or
where the program chose ``"spawn"`` with ``multiprocessing.set_start_method``
(see :func:`default_start_method`).

Verdicts come home packed as plain numbers, never as objects.
:func:`classify_parallel` (behind ``classify_many(jobs=N)``), with the C
extension, does not use :mod:`concurrent.futures` at all: its pool moves
every chunk and result through helper threads of the calling process, which
get the GIL only once per switch interval while the caller's thread is busy
making verdicts, and so left the workers idle (two processes were slower
than one). The workers of :mod:`rolelens._crew` are driven from the
caller's own thread instead: texts go to them, and their records (per
statement the label index, scores, confidence and the positions of its
cues) come back, through shared memory, and their pipes carry a few dozen
bytes per chunk. The parent makes each chunk's
:class:`~rolelens.classifier.Verdict` objects a few dozen per C call and
builds their evidence only when read, so reading evidence keeps the most
work in the parent (``benchmarks/README.md`` has the figures). Until a
worker is ready, the parent classifies chunks itself; a chunk that cannot
travel (too big for its slot) is classified in the parent, in its turn.
Without the C extension, or where shared memory is refused or has too little
room free for the slots (a container's 64 MB), the pool above carries the packed
verdicts instead.

:func:`map_chunks` is the general form: it applies any
picklable, module-level ``func(classifier, chunk) -> list`` to each chunk,
on the pool above, and checks in the parent, as each chunk's list arrives,
that it holds one result per item (a list of another length would put every
later result against the wrong item). The command line uses
:func:`map_chunk_results`, where a chunk's list may hold a single result, to
have workers parse their block of input, classify it, write the output lines
and encode them, so its parent only reads and writes bytes.
"""

from __future__ import annotations

import collections
import concurrent.futures
import contextlib
import io
import itertools
import multiprocessing
import multiprocessing.connection
import os
import pickle
import signal
import sys
import threading
import time
import traceback
import weakref
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures.process import BrokenProcessPool
from multiprocessing.reduction import ForkingPickler
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from rolelens._checks import must_be, shown_int, whole_number_or_none
from rolelens._native import speedups as _speedups
from rolelens._serialization import STOP_SIGNALS
from rolelens.classifier import Classifier, open_gate
from rolelens.classifier import check_chunk_size as _check_chunk_size
from rolelens.classifier import check_texts as _check_texts
from rolelens.errors import ArgumentError, WorkerError

if TYPE_CHECKING:
    from rolelens.classifier import Verdict, VerdictStream

__all__ = [
    "DEFAULT_CHUNK_SIZE",
    "MAX_JOBS",
    "WorkerError",
    "classify_parallel",
    "default_start_method",
    "effective_jobs",
    "map_chunk_results",
    "map_chunks",
]

T = TypeVar("T")
R = TypeVar("R")

#: Statements per chunk, large enough to amortise the inter-process hop and
#: small enough to keep the window of chunks in flight a few MB.
DEFAULT_CHUNK_SIZE = 2000

#: The most worker processes ``jobs`` may ask for by number. Each holds the
#: classifier and its own memory; more than a few per CPU only adds overhead,
#: and an unbounded number (a typo) would start processes until the system
#: refused. ``jobs=0`` (one per CPU) is not bound by it.
MAX_JOBS = 256

#: Chunks in flight per worker process.
WINDOW_PER_JOB = 2


def effective_jobs(jobs: int | None) -> int:
    """The number of processes ``jobs`` asks for: ``None`` or ``0`` means one per CPU
    this process may run on (as ``nproc`` counts them, not ``os.cpu_count()``), and
    no more than a container's CPU quota allows.

    The quota is the Linux cgroup's (v2 ``cpu.max``, v1 ``cpu.cfs_quota_us`` over
    ``cpu.cfs_period_us``, read under ``/sys/fs/cgroup`` for this process's cgroup
    and the ones above it): ``docker run --cpus 2`` on a machine of 16 CPUs allows 2
    CPUs' worth of time, so 2 processes, not 16 taking turns. A quota of 1.5 CPUs
    counts as 2; files that are missing or unreadable are ignored.

    ``jobs`` is a whole number (NumPy's too, not a bool) or ``None``; anything
    else raises ``TypeError``. A negative ``jobs``, or one above
    :data:`MAX_JOBS` (256), raises :class:`~rolelens.errors.ArgumentError`.

    >>> effective_jobs(3)
    3
    >>> effective_jobs(-1)
    Traceback (most recent call last):
        ...
    rolelens.errors.ArgumentError: jobs must be >= 0 (0 = one per CPU), got -1
    """
    # The type first: False == 0 would otherwise ask for one process per CPU. A whole
    # number of another type (NumPy's int64) is taken, as chunk_size takes it.
    jobs = whole_number_or_none(jobs, "jobs")
    if jobs is None or jobs == 0:
        return _usable_cpus()
    if jobs < 0:
        raise ArgumentError(f"jobs must be >= 0 (0 = one per CPU), got {shown_int(jobs)}")
    if jobs > MAX_JOBS:
        # A huge count is shown short (10**30 is "1e+30"); any count one might type, whole.
        shown = shown_int(jobs)
        raise ArgumentError(f"jobs must be at most {MAX_JOBS} (0 = one per CPU), got {shown}")
    return jobs


#: Where Linux mounts the cgroup file systems, read by :func:`effective_jobs` for a
#: CPU quota.
_CGROUP_ROOT = "/sys/fs/cgroup"

#: The cgroups this process belongs to, one ``id:controllers:path`` a line.
_PROC_CGROUP = "/proc/self/cgroup"


def _usable_cpus() -> int:
    """The CPUs this process may run on: fewer than ``os.cpu_count()`` under
    ``taskset`` or in a container's cpuset, where a worker per CPU of the machine
    would only take turns on the few it has; fewer still under a cgroup CPU quota."""
    cpus = _affinity_cpus()
    quota = _cgroup_cpus(_CGROUP_ROOT, _PROC_CGROUP)
    return cpus if quota is None else min(cpus, quota)


def _affinity_cpus() -> int:
    count = getattr(os, "process_cpu_count", None)  # Python 3.13+
    if count is not None:
        return int(count() or 1)
    affinity = getattr(os, "sched_getaffinity", None)  # Linux, some other POSIX
    if affinity is not None:
        try:
            return len(affinity(0)) or 1
        except OSError:
            pass
    return os.cpu_count() or 1


def _cgroup_cpus(root: str, proc_cgroup: str) -> int | None:
    """The CPUs' worth of time a cgroup quota allows this process (the quota over
    its period, rounded up, at least 1), the smallest along its cgroups and their
    ancestors; ``None`` where there is no quota or nothing readable says so."""
    try:
        with open(proc_cgroup, encoding="utf-8", errors="replace") as file:
            lines = file.read(1 << 16).splitlines()
    except (OSError, ValueError):
        lines = []
    v2: set[str] = {"/"}  # checked even when /proc cannot be read
    v1: set[str] = {"/"}
    for line in lines:
        parts = line.split(":", 2)
        if len(parts) != 3 or not parts[2].startswith("/"):
            continue
        if parts[1] == "":
            v2.add(parts[2])
        elif "cpu" in parts[1].split(","):
            v1.add(parts[2])
    found: list[int] = []
    for path in _with_ancestors(v2):
        limit = _v2_limit(_read_small(root, path, "cpu.max"))
        if limit is not None:
            found.append(limit)
    for mount in ("cpu", "cpu,cpuacct", "cpuacct,cpu"):
        for path in _with_ancestors(v1):
            quota = _read_small(os.path.join(root, mount), path, "cpu.cfs_quota_us")
            period = _read_small(os.path.join(root, mount), path, "cpu.cfs_period_us")
            limit = _cpus_of(quota, period)
            if limit is not None:
                found.append(limit)
    return min(found) if found else None


def _with_ancestors(paths: set[str]) -> set[str]:
    """``paths`` (cgroup paths, ``/a/b``) and every one above them, to ``/``."""
    every = set()
    for path in paths:
        while True:
            every.add(path)
            if path in ("/", ""):
                break
            path = path.rsplit("/", 1)[0] or "/"
    return every


def _read_small(root: str, path: str, name: str) -> str | None:
    """The text of file ``name`` in cgroup ``path`` under ``root``; ``None`` if unreadable."""
    try:
        with open(os.path.join(root, path.lstrip("/"), name), encoding="ascii") as file:
            return file.read(256)
    except (OSError, ValueError):  # missing, a directory, not ASCII
        return None


def _v2_limit(text: str | None) -> int | None:
    """CPUs from a ``cpu.max`` (``"max 100000"``: no quota, ``"200000 100000"``: 2)."""
    fields = (text or "").split()
    if len(fields) != 2:
        return None
    return _cpus_of(fields[0], fields[1])


def _cpus_of(quota: str | None, period: str | None) -> int | None:
    """``ceil(quota / period)``, at least 1; ``None`` for no quota (``max``, ``-1``) or
    anything that is not two positive whole numbers."""
    try:
        microseconds, every = int(quota or ""), int(period or "")
    except ValueError:
        return None
    if microseconds <= 0 or every <= 0:
        return None
    return max(1, -(-microseconds // every))


def default_start_method() -> str:
    """How workers start unless told: ``"fork"`` where that is safe, else ``"spawn"``.

    Forked workers inherit the compiled classifier and start at once; spawned
    ones load it again, about half a second each. Forking is only safe in a
    process that runs no other thread (one could hold a lock the child then
    waits on for ever), so ``"fork"`` is chosen on Linux only while this
    process has a single thread as the system counts them, which includes
    threads that C libraries started.

    A program that chose how its processes start, with
    ``multiprocessing.set_start_method("spawn")`` (or ``"forkserver"``, which
    rolelens does not offer: its workers are then spawned), gets ``"spawn"``:
    it asked not to fork. ``"fork"`` set so is still only taken while the
    process runs one thread.

    >>> default_start_method() in ("fork", "spawn")
    True
    """
    if _program_chose_not_to_fork():
        return "spawn"
    if sys.platform != "linux" or "fork" not in multiprocessing.get_all_start_methods():
        return "spawn"
    # A thread that was just joined (the last run's pool threads) is still listed for
    # a fraction of a millisecond while the system tears it down: counted at once, the
    # run after another spawned its workers one time in three (and refused a function
    # defined in an interactive session, which spawned workers cannot import).
    deadline = time.monotonic() + _THREAD_EXIT_SECONDS
    while True:
        try:
            threads = len(os.listdir("/proc/self/task"))
        except OSError:  # no /proc (a sandbox): cannot tell, so do not fork
            return "spawn"
        if threads == 1 or time.monotonic() > deadline:
            return "fork" if threads == 1 else "spawn"
        time.sleep(0.0005)


#: How long :func:`default_start_method` waits for threads the system is still
#: ending before it counts them as running.
_THREAD_EXIT_SECONDS = 0.02


def _program_chose_not_to_fork() -> bool:
    """Whether the program set a start method other than ``"fork"`` for the whole
    process (``multiprocessing.set_start_method``). Workers forked all the same: a
    program that had chosen ``"spawn"`` (to keep its threads' locks out of its
    children, or a library that cannot be forked) had its choice ignored. A method
    that is this Python's own default does not count: using the default context
    fixes it without anyone choosing it (``"forkserver"`` from Python 3.14 on Linux;
    where ``"spawn"`` is the default, workers are spawned anyway)."""
    chosen = multiprocessing.get_start_method(allow_none=True)
    return chosen not in (None, "fork", multiprocessing.get_all_start_methods()[0])


def _check_may_start_processes(processes: int) -> None:
    """Refuse, at call time, a run whose workers this process may not start: a daemonic
    process (a ``multiprocessing.Pool`` worker, a Dask worker) may have no children,
    and starting the first raised a bare ``AssertionError`` from :mod:`multiprocessing`."""
    if multiprocessing.current_process().daemon:
        raise ArgumentError(
            f"jobs asks for {processes} worker processes, but this process is a daemon "
            "(a multiprocessing.Pool or Dask worker, say), which may not start any; "
            "use jobs=1 in it: the pool it belongs to is the parallelism"
        )


def _check_start_method(start_method: str | None) -> str | None:
    """``start_method`` if valid; ``None`` stays ``None``, to be settled by
    :func:`default_start_method` when the workers start, not before (a thread
    started in between must rule out forking)."""
    if start_method is None:
        return None
    if start_method not in ("spawn", "fork"):
        raise ArgumentError(f"start_method must be 'spawn' or 'fork', got {start_method!r}")
    if start_method not in multiprocessing.get_all_start_methods():
        raise ArgumentError(f"start_method {start_method!r} is not available on this platform")
    return start_method


class _Source(Generic[T]):
    """The chunks of ``items``, ``size`` items each, for a run that keeps several in flight.

    An exception that ``items`` raises (a file that fails to decode halfway, say)
    ends the chunks with the items read before it, and is kept in :attr:`error`
    instead of propagating: a run raises it with :meth:`finish` once every earlier
    chunk's results are handed out, as one process would have handed them out
    before raising it (raised where the reading ahead met it, it would drop the
    chunks in flight). ``KeyboardInterrupt`` and other non-``Exception``
    errors are not kept.

    ``check``, if given, is called on each item that is not exactly a ``str``;
    when it raises (``Classifier.classify`` raises ``TypeError`` for a non-``str``),
    the chunks end just before that item and the exception is kept the same way.
    """

    def __init__(
        self, items: Iterable[T], size: int, check: Callable[[T], object] | None = None
    ) -> None:
        self._items = iter(items)  # at once: a non-iterable fails when the run is made
        self._size = size
        self._check = check
        self.error: Exception | None = None

    def __iter__(self) -> _Source[T]:
        return self

    def __next__(self) -> list[T]:
        if self.error is not None:
            raise StopIteration
        chunk: list[T] = []
        try:
            # extend(), not list(): the items read before an exception stay in chunk.
            chunk.extend(itertools.islice(self._items, self._size))
        except Exception as exc:
            self.error = exc
        if self._check is not None and set(map(type, chunk)) - {str}:
            self._cut(chunk, self._check)
        if not chunk:
            raise StopIteration
        return chunk

    def _cut(self, chunk: list[T], check: Callable[[T], object]) -> None:
        for at, item in enumerate(chunk):
            if type(item) is str:
                continue
            try:
                check(item)
            except Exception as exc:
                self.error = exc
                del chunk[at:]
                return

    def finish(self) -> None:
        """Raise what reading the items raised, if anything: call after the last chunk."""
        if self.error is not None:
            raise self.error


#: The signals held back while workers start (see :func:`starting_workers`): Ctrl-C,
#: and while they fork, ``SIGTERM`` and ``SIGHUP`` too (which the command line raises
#: as Ctrl-C): all the stop signals.
_HELD = frozenset({signal.SIGINT})
_HELD_FORKING = frozenset(STOP_SIGNALS)


@contextlib.contextmanager
def starting_workers(*, forking: bool = False) -> Iterator[None]:
    """Hold ``SIGINT`` (Ctrl-C), and if ``forking`` ``SIGTERM`` too, back in this
    thread while worker processes start, and deliver it when they have: the
    ``KeyboardInterrupt`` is then raised here, on the way out of the block.

    Two ways a Ctrl-C went wrong without it. A fork runs the at-fork hooks of
    :mod:`logging` in Python, and a ``KeyboardInterrupt`` raised inside one is only
    printed ("Exception ignored in: <function _releaseLock ...>"): the run went on
    as if no key had been pressed (most tries of a Ctrl-C as ``--jobs 2`` forked;
    the command line's ``SIGTERM`` likewise). And a terminal sends Ctrl-C to the
    workers too: a spawned one, still importing for half a second, printed a
    ``KeyboardInterrupt`` traceback. A child inherits the signals held, through
    ``exec`` too, until it ignores Ctrl-C and lets them go
    (:func:`ignore_interrupts`). ``SIGTERM`` is not held for a spawned worker: it
    would not end until it had loaded the classifier."""
    hold = getattr(signal, "pthread_sigmask", None)
    if hold is None:  # pragma: no cover - Windows has no signal masks
        yield
        return
    before = hold(signal.SIG_BLOCK, _HELD_FORKING if forking else _HELD)
    try:
        yield
    finally:
        # A Ctrl-C that came meanwhile is delivered now, and raised from here.
        hold(signal.SIG_SETMASK, before)


def ignore_interrupts() -> None:
    """In a worker: ignore Ctrl-C, the caller's to handle, then let go of the hold
    :func:`starting_workers` put on it (a Ctrl-C held meanwhile is dropped; a
    ``SIGTERM`` is delivered)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    hold = getattr(signal, "pthread_sigmask", None)
    if hold is not None:
        hold(signal.SIG_UNBLOCK, _HELD_FORKING)


# -- in the worker --------------------------------------------------------------

_worker_classifier: Classifier | None = None


#: How often a worker checks that the process that started it is still there.
PARENT_CHECK_SECONDS = 1.0


def exit_with_parent() -> None:
    """End this worker process soon after the one that started it is gone.

    A parent killed outright (``SIGKILL``, the out-of-memory killer) runs no
    clean-up, and its workers did not notice: a forked one holds copies of the
    parent's ends of the pipes it reads, and a spawned one could wait for the
    rest of a classifier the parent was still sending, so each slept for ever
    with its memory (and the run's shared memory) held. A daemon thread here
    sees the parent change (the orphan is adopted) and ends the process.
    """
    # The parent as multiprocessing recorded it when starting this process: it may
    # be gone already (a spawned worker takes half a second to get here).
    started_by = multiprocessing.parent_process()
    parent = os.getppid() if started_by is None else started_by.pid

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK_SECONDS)
        os._exit(0)

    threading.Thread(target=watch, name="rolelens-parent-watch", daemon=True).start()


#: Each live classifier's pickle, by ``id``, once made (see :func:`_pickled_classifier`).
_PICKLED: dict[int, bytes] = {}


def _pickled_classifier(classifier: Classifier) -> bytes:
    """``classifier`` pickled for spawned workers, made once while it lives.

    Pickling the built-in model takes the caller about 0.17 s (its 20,000 cues),
    paid before the first worker could start on every run that spawns them. A
    classifier is immutable, so its pickle is kept, and dropped when the
    classifier is collected (the ``id`` is not reused before then)."""
    key = id(classifier)
    data = _PICKLED.get(key)
    if data is None:
        data = pickle.dumps(classifier, protocol=pickle.HIGHEST_PROTOCOL)
        try:
            # Dropped when the classifier is collected, before its id can be reused.
            weakref.finalize(classifier, _PICKLED.pop, key, None)
        except TypeError:  # pragma: no cover - a subclass with no weak references
            return data
        _PICKLED[key] = data
    return data


class _Handoff:
    """The pickled classifier, one copy for each spawned worker, written into a pipe
    by a thread of the caller's: a worker that dies while starting never reads its
    copy, and the caller would block for ever writing megabytes into the pipe.

    Not a :class:`multiprocessing.Queue`: its feeder thread blocked for ever on the
    copies no worker took (a short input is done before spawned workers are ready,
    and they are stopped), since the caller kept the pipe's reading end open, and
    each such run left a thread, two file descriptors and megabytes behind.
    Here :meth:`close` lets go of the caller's reading end: once the workers are
    gone, the thread's next write fails and the thread ends.
    """

    def __init__(self, context: Any, data: bytes, copies: int) -> None:
        self._reader, writer = context.Pipe(duplex=False)
        self._thread = threading.Thread(
            target=_feed, args=(writer, data, copies), name="rolelens-handoff", daemon=True
        )
        try:
            self._lock = context.Lock()  # one worker reads a whole copy at a time
            # Started with Ctrl-C held, which the thread keeps held: a Ctrl-C taken by
            # it was raised in the caller's thread all the same, even while that held
            # it to start a worker, and one raised between the start of a spawned
            # worker and the message it waits for left that worker to print
            # "EOFError: Ran out of input".
            with starting_workers():
                self._thread.start()
        except BaseException:  # no semaphore or thread left (too many open files)
            self._reader.close()  # the thread, if started, ends on its next write
            if not self._thread.is_alive():
                # Closed under a running thread, the writer made it fail with a
                # TypeError traceback (a Ctrl-C came just as it started).
                writer.close()
            raise

    def __getstate__(self) -> dict[str, Any]:
        # What a worker needs; sent only while it is started (as a Connection is).
        return {"_reader": self._reader, "_lock": self._lock}

    def get(self) -> bytes:
        """A copy of the classifier (in a worker)."""
        with self._lock:
            data: bytes = self._reader.recv_bytes()
            return data

    def close(self) -> None:
        """Let go of the caller's reading end, once no more workers are to start: the
        copies no worker took are then dropped as the workers end."""
        self._reader.close()

    def join(self, timeout: float) -> None:
        """Wait for the writing thread to end, at most ``timeout`` seconds (for tests)."""
        self._thread.join(timeout)


def _feed(writer: Any, data: bytes, copies: int) -> None:
    try:
        for _ in range(copies):
            writer.send_bytes(data)
    except OSError:  # every reader is gone (BrokenPipeError): nobody wants the rest
        pass
    finally:
        writer.close()


def _init_worker(handoff: _Handoff) -> None:
    """Take the classifier for every later chunk; leave Ctrl-C to the parent."""
    global _worker_classifier  # one value per worker process, set once
    ignore_interrupts()
    exit_with_parent()
    _worker_classifier = pickle.loads(handoff.get())


def _adopt(classifier: Classifier) -> None:
    """Take the classifier a forked worker inherited; leave Ctrl-C to the parent."""
    global _worker_classifier  # one value per worker process, set once
    ignore_interrupts()
    exit_with_parent()
    _worker_classifier = classifier


def _run_chunk(sent: tuple[str, bytes], data: bytes, first: int, count: int) -> bytes:
    """Load ``func`` and a chunk (pickled by the caller; ``sent`` is func's name and
    pickle), apply ``func``, and pickle its results here.

    Every trip is pickled by rolelens, not by the pool, so that a value pickle cannot
    write or load back is a ``TypeError`` naming the items it belongs to and its type.
    Left to the pool, a result the caller could not load broke it (a
    :class:`WorkerError` saying a worker had been killed, the results of earlier
    chunks lost), one pickle could not write gave pickle's bare message, and a
    ``func`` a spawned worker could not import (from a module loaded from a file
    path) killed the worker: a WorkerError blaming a missing ``__main__`` guard."""
    classifier = _worker_classifier
    if classifier is None:  # pragma: no cover - the initializer always ran first
        raise RuntimeError("rolelens worker started without a classifier")
    name, pickled = sent
    try:
        func: Callable[[Classifier, list[Any]], list[Any]] = ForkingPickler.loads(pickled)
    except Exception as exc:
        stand_in: Exception = ArgumentError(
            f"func {name!r} cannot be loaded in a worker process, which imports it by "
            f"its module's name ({type(exc).__name__}: {exc}); define it in a module "
            "the workers can import, pass start_method='fork' (POSIX), or pass jobs=1 "
            "to run it in this process"
        )
        raise stand_in from None
    try:
        chunk: list[Any] = ForkingPickler.loads(data)
    except Exception as exc:
        stand_in = TypeError(
            f"{_items(first, count)} of the input cannot be rebuilt in a worker process "
            f"from pickle ({type(exc).__name__}: {exc}); pass jobs=1 to work on them "
            "in this process"
        )
    else:
        try:
            results = func(classifier, chunk)
        except Exception as exc:
            stand_in = _sendable(exc)
            if stand_in is exc:
                raise
        else:
            # Checked here too, not only in the parent: a generator cannot be pickled
            # home, and would arrive as pickle's error instead of this one.
            return _pickled_results(_must_be_list(results), first, count)
    # Raised here, not in the except clause, so that it has no context: where chained
    # exceptions are pickled too (tblib's pickling support, which importing
    # distributed installs), exc would travel with it all the same.
    raise stand_in


def _items(first: int, count: int) -> str:
    """Items ``first`` to ``first + count - 1`` of the input (counted from 0), in words."""
    return f"item {first}" if count == 1 else f"items {first} to {first + count - 1}"


def _type_name(value: object) -> str:
    kind = type(value)
    return f"{kind.__module__}.{kind.__qualname__}"


def _dumped(values: list[Any]) -> bytes | tuple[int, str, Exception]:
    """``values`` pickled; else the index and type of the first value pickle cannot
    write, and pickle's error."""
    try:
        buffer = io.BytesIO()
        ForkingPickler(buffer, pickle.HIGHEST_PROTOCOL).dump(values)
        return buffer.getvalue()  # its bytes, not a copy (dumps() gives a view)
    except Exception as exc:
        for at, value in enumerate(values):
            try:
                ForkingPickler.dumps(value, pickle.HIGHEST_PROTOCOL)
            except Exception as why:
                return at, _type_name(value), why
        return -1, _type_name(values), exc  # pragma: no cover - only the whole list failed


def _pickled_results(results: list[Any], first: int, count: int) -> bytes:
    """A chunk's ``results`` pickled in the worker; else ``TypeError`` naming the one
    that cannot be, raised out of any except clause (pickle's error, and its context,
    may be what cannot be sent home)."""
    data = _dumped(results)
    if isinstance(data, bytes):
        return data
    at, kind, why = data
    raise TypeError(
        f"func's results for {_items(first, count)} cannot be sent back from the worker "
        f"process: the one at index {at} of its list, a {kind}, cannot be pickled "
        f"({type(why).__name__}: {why})"
    )


def _pickled_chunk(chunk: list[Any], first: int) -> bytes | TypeError:
    """A chunk pickled in the caller, to send to a worker; else the ``TypeError``
    naming the first item that cannot be."""
    data = _dumped(chunk)
    if isinstance(data, bytes):
        return data
    at, kind, why = data
    return TypeError(
        f"item {first + at} of the input, a {kind}, cannot be sent to a worker process: "
        f"pickle cannot write it ({type(why).__name__}: {why}); pass jobs=1 to work on "
        "it in this process"
    )


def _loaded_results(data: bytes, first: int, count: int) -> list[Any]:
    """A chunk's results, rebuilt from what its worker pickled; else ``TypeError``."""
    try:
        results: list[Any] = ForkingPickler.loads(data)
    except Exception as exc:
        raise TypeError(
            f"func's results for {_items(first, count)} were sent back by a worker process "
            f"but cannot be rebuilt from pickle in this one ({type(exc).__name__}: {exc})"
        ) from exc
    return results


def _sendable(exc: Exception) -> Exception:
    """``exc`` if it comes back from pickle as it went; else a ``RuntimeError`` naming
    its type and message. One that could not be rebuilt in the parent (an exception
    class whose ``__init__`` takes other arguments than its ``args``) broke the pool:
    the run raised :class:`WorkerError` saying a worker was killed or had crashed."""
    try:
        pickle.loads(pickle.dumps(exc, protocol=pickle.HIGHEST_PROTOCOL))
    except Exception as why:
        kind = type(exc)
        stand_in = RuntimeError(
            f"{kind.__module__}.{kind.__qualname__}: {exc} (raised in a worker process, "
            f"and not sent back as it is, since it cannot be rebuilt from pickle: {why})"
        )
        # Its traceback, as text, which any pickle carries.
        stand_in.__cause__ = RuntimeError("".join(traceback.format_exception(exc)).rstrip())
        return stand_in
    return exc


def _must_be_list(results: Any) -> list[Any]:
    """``results`` if ``func`` returned a list; else ``TypeError`` naming what it returned."""
    if not isinstance(results, list):
        raise TypeError(f"func must return a list of results, got {type(results).__name__}")
    return results


def classify_chunk(classifier: Classifier, chunk: list[str]) -> list[Verdict]:
    """Classify one chunk of statements: the work a process does per chunk."""
    classify = classifier.classify
    return [classify(text) for text in chunk]


# Verdicts travel home as plain values, never as Verdicts: pickling attrs
# instances, named tuples or enum members runs Python code per object on both
# sides, and so would unpacking them one statement at a time in the parent. With
# the C pass a chunk travels as one bytes object: for each statement its label
# index, scores, confidence and the positions of its cues in the lexicon (the
# parent holds the same classifier), which the parent turns into the chunk's
# verdicts in C, a few dozen per call, with the texts it sent (they are not sent
# back). Their evidence is only built in the parent if someone reads it.
def classify_chunk_packed(classifier: Classifier, chunk: list[str]) -> list[Any]:
    """Classify one chunk for the trip home: ``[blob, others]``.

    ``blob`` is what the C pass's ``scan_chunk`` packed (``None`` without the C
    pass); ``others`` holds ``(index, packed)`` for each statement it left aside
    (not ASCII), packed by ``Classifier._pack``, or, when ``blob`` is ``None``,
    every statement's ``packed`` in order.
    """
    core = classifier._core
    if core is None:
        return _pack_chunk(classifier, chunk)
    blob, others = _speedups.scan_chunk(chunk, core)
    pack = classifier._pack
    return [blob, [(i, pack(chunk[i])) for i in others]]


def _pack_chunk(classifier: Classifier, chunk: list[str]) -> list[Any]:
    """:func:`classify_chunk_packed` without the C pass: ``[None, packed of each]``."""
    pack = classifier._pack
    return [None, [pack(text) for text in chunk]]


# -- in the parent --------------------------------------------------------------


def map_chunks(
    classifier: Classifier,
    items: Iterable[T],
    func: Callable[[Classifier, list[T]], list[R]],
    *,
    jobs: int | None = 1,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    start_method: str | None = None,
) -> Iterator[R]:
    """Apply ``func(classifier, chunk)`` to chunks of ``items``; yield results in order.

    ``func`` must be a module-level function (it is sent to the workers by
    name) returning a ``list`` with one result per item of its chunk, in
    order. Each chunk's results are checked as they arrive, before any is
    yielded: anything but a list (a generator, a tuple, ``None``) raises
    ``TypeError``, and a list of another length
    :class:`~rolelens.errors.ArgumentError` naming both counts (the results
    would no longer line up with the items). The results of earlier chunks
    have been yielded by then. A ``func`` that is not callable raises
    ``TypeError`` at once; with workers, one they could not receive (a
    ``lambda``, a function defined inside another, or for spawned workers one
    defined in an interactive session) raises
    :class:`~rolelens.errors.ArgumentError` at once, before any starts; one
    that spawned workers cannot import by its module's name (a module loaded
    from a file path) raises it when the first chunk comes back. With
    workers, items and results travel by pickle: an item or a result that
    pickle cannot write, or that the other process cannot load back, raises
    ``TypeError`` naming its items (and the type of the one pickle cannot
    write), after the results of every chunk before it. With
    ``jobs=1`` everything runs in this process, chunk by chunk, with no pool
    at all; in a daemonic process (a ``multiprocessing.Pool`` or Dask
    worker), which may not start processes, any other ``jobs`` raises
    :class:`~rolelens.errors.ArgumentError`.
    A ``classifier`` that is not a :class:`~rolelens.classifier.Classifier`,
    or ``items`` that is a single ``str``, raises ``TypeError`` at once; a
    negative ``jobs`` or one above :data:`MAX_JOBS`, a ``chunk_size`` below 1,
    or a ``start_method`` other than ``"fork"``, ``"spawn"`` or ``None``,
    :class:`~rolelens.errors.ArgumentError`.

    ``start_method`` is how workers start. ``"spawn"`` is safe everywhere:
    each worker is a fresh interpreter that receives the classifier and
    compiles it again, about half a second. ``"fork"`` (POSIX) starts in
    milliseconds, as the workers inherit the compiled classifier, but is only
    safe when the calling process runs no other threads. ``None`` (the
    default) takes :func:`default_start_method` when the workers start:
    ``"fork"`` on Linux in a process with no other thread, else ``"spawn"``,
    and ``"spawn"`` too where the program set ``"spawn"`` (or
    ``"forkserver"``) with ``multiprocessing.set_start_method()``.
    """
    return _flatten(
        _chunk_results(
            "map_chunks()", classifier, items, func, jobs, chunk_size, start_method, per_item=True
        )
    )


def map_chunk_results(
    classifier: Classifier,
    items: Iterable[T],
    func: Callable[[Classifier, list[T]], list[R]],
    *,
    jobs: int | None = 1,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    start_method: str | None = None,
) -> Iterator[list[R]]:
    """:func:`map_chunks`, yielding each chunk's list of results whole.

    For callers that handle a chunk at a time (the command line writes each
    chunk's lines with one call). ``func`` must return a ``list``
    (``TypeError`` otherwise), but its length is not checked: a chunk's list
    may hold one result per item, or one for the whole chunk (the command
    line's is one block of encoded lines).
    """
    return _chunk_results(
        "map_chunk_results()",
        classifier,
        items,
        func,
        jobs,
        chunk_size,
        start_method,
        per_item=False,
    )


def _chunk_results(
    caller: str,
    classifier: Classifier,
    items: Iterable[T],
    func: Callable[[Classifier, list[T]], list[R]],
    jobs: int | None,
    chunk_size: int,
    start_method: str | None,
    *,
    per_item: bool,
) -> Iterator[list[R]]:
    """Each chunk's results, checked (a list; of the chunk's length if ``per_item``),
    after the arguments are checked, at once."""
    must_be(classifier, Classifier, "classifier")
    if isinstance(items, str):  # a str is iterable: its letters would be the items
        raise TypeError(f"{caller} expects an iterable of items, got one str; put it in a list")
    if not callable(func):
        raise TypeError(f"{caller} expects func to be a function, got {type(func).__name__}")
    processes = effective_jobs(jobs)
    size = _check_chunk_size(chunk_size)
    method = _check_start_method(start_method)
    source = _Source(items, size)
    if processes == 1:
        return _map_here(classifier, source, func, per_item)
    _check_may_start_processes(processes)
    _check_sendable(func, caller, method)
    return _results_of(_map_pool(classifier, source, func, processes, method), per_item)


def _check_sendable(func: Callable[..., Any], caller: str, start_method: str | None) -> None:
    """:class:`ArgumentError` if ``func`` cannot be sent to a worker: a lambda, a
    function defined inside another, or, for spawned workers, one defined in an
    interactive session that they cannot import. Asked before any worker starts;
    pickle's own error came from the first chunk, after the pool had started."""
    name = _func_name(func)
    try:
        pickle.dumps(func, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception as exc:  # PicklingError, AttributeError, TypeError: any means no
        raise ArgumentError(
            f"{caller}: func {name!r} cannot be sent to worker processes ({exc}); "
            "define it at the top level of a module, or pass jobs=1 to run it in this process"
        ) from exc
    # Pickled by name all the same, and a spawned worker imports __main__ only from a
    # file or a module name: each then failed to find func, and the call raised a
    # WorkerError saying a worker was killed or had crashed.
    if getattr(func, "__module__", None) != "__main__":
        return
    main = sys.modules.get("__main__")
    importable = getattr(getattr(main, "__spec__", None), "name", None) is not None or (
        getattr(main, "__file__", None) is not None
    )
    if not importable and (start_method or default_start_method()) == "spawn":
        raise ArgumentError(
            f"{caller}: func {name!r} is defined in an interactive session, which spawned "
            "worker processes cannot import; define it in a module, pass "
            "start_method='fork' (POSIX), or pass jobs=1 to run it in this process"
        )


def _func_name(func: Callable[..., Any]) -> str:
    return getattr(func, "__qualname__", None) or type(func).__name__


def _checked(count: int, results: list[R], per_item: bool) -> list[R]:
    """``results`` if ``func`` returned a list, one result per item of a chunk of
    ``count`` if ``per_item``; else ``TypeError`` or :class:`ArgumentError`."""
    _must_be_list(results)
    if per_item and len(results) != count:
        raise ArgumentError(
            f"func returned {len(results)} results for a chunk of {count} items; "
            "map_chunks needs one result per item, in order"
        )
    return results


def _flatten(blocks: Iterator[list[R]]) -> Iterator[R]:
    try:
        for block in blocks:
            yield from block
    finally:
        close = getattr(blocks, "close", None)
        if close is not None:  # stop the pool now, not when the generator is collected
            close()


def _results_of(pairs: Iterator[tuple[list[T], list[R]]], per_item: bool) -> Iterator[list[R]]:
    try:
        for chunk, results in pairs:
            yield _checked(len(chunk), results, per_item)
    finally:
        pairs.close()  # type: ignore[attr-defined]


def _map_here(
    classifier: Classifier,
    source: _Source[T],
    func: Callable[[Classifier, list[T]], list[R]],
    per_item: bool,
) -> Iterator[list[R]]:
    for chunk in source:
        # Counted before func runs: one that empties or shortens its chunk in place
        # (popping items as it goes) had its results checked against what was left,
        # and with jobs=1 alone (a worker's changes stay in the worker).
        count = len(chunk)
        yield _checked(count, func(classifier, chunk), per_item)
    source.finish()


def _map_pool(
    classifier: Classifier,
    source: _Source[T],
    func: Callable[[Classifier, list[T]], list[R]],
    processes: int,
    start_method: str | None,
    *,
    plain: bool = False,
) -> Iterator[tuple[list[T], list[R]]]:
    """``(chunk, results)`` for each chunk of ``source``, in order, on a pool; then
    what reading the items raised, if anything. ``plain``: the items are statements,
    sent as plain ``str`` (see :func:`_plain_texts`)."""
    if start_method is None:
        start_method = default_start_method()
    handoff = None
    try:
        if start_method == "fork":
            # The workers inherit the classifier, compiled: nothing to ship or rebuild.
            executor = concurrent.futures.ProcessPoolExecutor(
                max_workers=processes,
                mp_context=multiprocessing.get_context("fork"),
                initializer=_adopt,
                initargs=(classifier,),
            )
        else:
            context = multiprocessing.get_context("spawn")
            # The classifier (megabytes pickled) travels through a _Handoff, not in the
            # start-up arguments: a worker that dies while starting (say, a script
            # without an ``if __name__ == "__main__"`` guard) never reads those, and the
            # parent would block for ever writing them into its pipe. The handoff's
            # thread writes instead.
            handoff = _Handoff(context, _pickled_classifier(classifier), processes)
            executor = concurrent.futures.ProcessPoolExecutor(
                max_workers=processes,
                mp_context=context,
                initializer=_init_worker,
                initargs=(handoff,),
            )
    except BaseException as exc:
        if handoff is not None:
            handoff.close()
        if isinstance(exc, OSError):  # the pool's pipes and locks: too many open files
            raise WorkerError(_unstarted_message(None, processes, exc)) from exc
        raise
    yield from _run_pool(executor, source, func, processes, handoff, plain)


def _run_pool(
    executor: concurrent.futures.ProcessPoolExecutor,
    source: _Source[T],
    func: Callable[[Classifier, list[T]], list[R]],
    processes: int,
    handoff: _Handoff | None,
    plain: bool = False,
) -> Iterator[tuple[list[T], list[R]]]:
    window = processes * WINDOW_PER_JOB
    # Each chunk in flight with its position in the input and its future: the window
    # bounds them.
    pending: collections.deque[tuple[list[T], int, concurrent.futures.Future[bytes]]]
    pending = collections.deque()
    forking = handoff is None  # spawned workers are handed the classifier
    broken = _broken_message(processes, spawned=not forking)
    finished = closed = False
    first = 0
    unsendable: TypeError | None = None
    # func is loaded with each chunk by rolelens, not by the pool: one a worker cannot
    # load is then an error naming it (see _run_chunk). Checked to pickle before.
    sent = (_func_name(func), bytes(ForkingPickler.dumps(func, pickle.HIGHEST_PROTOCOL)))
    try:
        # No chunk is read or sent once one in flight has failed: its error is raised
        # in its turn, after the results before it. The input was read on, and a chunk
        # sent, for each result taken meanwhile; and with a worker dead, the send
        # raised WorkerError at once, the finished results before it lost.
        while not _failed(pending):
            chunk = next(source, None)
            if chunk is None:
                break
            data = _pickled_chunk(_plain_texts(chunk) if plain else chunk, first)
            if isinstance(data, TypeError):
                # Raised after the results of every item before it, as an exception of
                # the input is.
                unsendable = data
                break
            pending.append(
                (
                    chunk,
                    first,
                    _submit(executor, sent, data, first, chunk, processes, broken, forking),
                )
            )
            first += len(chunk)
            if len(pending) >= window:
                yield _result(*pending.popleft(), broken)
        while pending:
            yield _result(*pending.popleft(), broken)
        finished = True
    except GeneratorExit:
        closed = True
        raise
    finally:
        # After an error, Ctrl-C or close() no result is wanted: the workers are ended
        # at once. Left running, they went on through every chunk already queued for
        # them (up to jobs + 1 besides those running), and the program's exit waited
        # for them. Futures are then not cancelled here: the pool's own thread fails
        # them all as it sees its workers gone, and one cancelled under it meanwhile
        # made that thread fail with InvalidStateError.
        stopped = not finished and _stop_workers(executor)
        if not stopped:
            for _, _, future in pending:
                future.cancel()
        manager = getattr(executor, "_executor_manager_thread", None)
        _end_unmanaged(executor)
        # After success the workers are idle: wait for a tidy exit. After close()
        # wait too (the workers are ended): the caller was promised that close()
        # stops the workers, and they are gone when it returns. After an error or
        # Ctrl-C, with the workers ended, wait a little for the pool's thread to
        # reap them; with workers left running (see _stop_workers), not at all.
        executor.shutdown(wait=finished or closed, cancel_futures=True)
        if stopped and manager is not None:
            manager.join(timeout=5)
        if handoff is not None:
            handoff.close()
    if unsendable is not None:
        raise unsendable
    source.finish()  # after every earlier chunk's results, as in one process


def _failed(pending: Iterable[tuple[Any, Any, concurrent.futures.Future[bytes]]]) -> bool:
    """Whether a chunk in flight has failed (raised, or its worker died)."""
    return any(
        future.done() and not future.cancelled() and future.exception() is not None
        for _, _, future in pending
    )


def _plain_texts(chunk: list[Any]) -> list[Any]:
    """``chunk`` with each ``str`` subclass (a statement of a class of the caller's) as
    a plain ``str`` of the same text, for a worker, which needs only the text: one
    defined where pickle cannot find it by name (inside a function) was a
    ``TypeError`` saying it could not be sent, while the workers of the C pass, which
    are sent the text alone, and one process classified it. The caller keeps the
    statements themselves for the verdicts."""
    if all(type(text) is str for text in chunk):
        return chunk
    return [text if type(text) is str else str.__str__(text) for text in chunk]


def _submit(
    executor: concurrent.futures.ProcessPoolExecutor,
    sent: tuple[str, bytes],
    data: bytes,
    first: int,
    chunk: list[T],
    processes: int,
    broken: str,
    forking: bool,
) -> concurrent.futures.Future[bytes]:
    try:
        # The first submit starts the workers (each, if spawned).
        with starting_workers(forking=forking):
            return executor.submit(_run_chunk, sent, data, first, len(chunk))
    except BrokenProcessPool as exc:  # a worker died before this chunk was sent
        raise WorkerError(broken) from exc
    except OSError as exc:  # starting a worker failed (fork's EAGAIN, too many files)
        # Those started are of no more use: ended now, a spawned one still starting does
        # not go on to print a traceback when the locks it was sent are gone.
        _end_unmanaged(executor, every=True)
        raise WorkerError(_unstarted_message(None, processes, exc)) from exc


def _end_unmanaged(
    executor: concurrent.futures.ProcessPoolExecutor, *, every: bool = False
) -> None:
    """End at once the workers of a pool whose first ``submit`` failed while starting
    them (forked ones all start then), or, if ``every``, of any pool: the pool's thread
    that would stop them never started, and :meth:`~concurrent.futures.Executor.shutdown`
    left them waiting for work for ever (and, as they are not daemons, the program
    waiting for them at exit)."""
    if not every and getattr(executor, "_executor_manager_thread", None) is not None:
        return
    started = list((getattr(executor, "_processes", None) or {}).values())
    for process in started:
        process.terminate()
    for process in started:
        process.join(timeout=5)


#: How long :func:`_stop_workers` waits for a worker to finish sending a result.
_STOP_LOCK_SECONDS = 5.0


def _stop_workers(executor: concurrent.futures.ProcessPoolExecutor) -> bool:
    """End the pool's workers at once, and wait until they are gone (one that survives
    ``SIGTERM`` a second is killed); whether they were ended.

    They are ended while this process holds the lock of the queue they send results
    through: one ended halfway through writing a result would leave the pool's
    thread waiting for ever for the rest of it (and the program's exit waiting for
    that thread). Not ended, and ``False``, if a worker keeps that lock
    ``_STOP_LOCK_SECONDS`` (a stopped process). Their exit is waited for on their
    sentinels, not with ``join()``: the pool's thread reaps them (it joins them as
    it sees them gone), and two threads reaping one process left ``join()`` in one
    of them returning early, the process still listed as a running child."""
    processes = list((getattr(executor, "_processes", None) or {}).values())
    if not processes or getattr(executor, "_broken", False):
        return True  # a broken pool's thread has ended them (one may hold the lock)
    lock = getattr(getattr(executor, "_result_queue", None), "_wlock", None)
    if lock is not None and not lock.acquire(timeout=_STOP_LOCK_SECONDS):
        return False
    try:
        for process in processes:
            process.terminate()
        # A worker whose SIGTERM handler (forked from a program that set one) does
        # not end it waits on the lock: killed after a second, not five per worker.
        left = _still_running(processes, 1.0)
        for process in left:
            process.kill()
        _still_running(left, 5.0)
    finally:
        if lock is not None:
            lock.release()
    return True


def _still_running(processes: list[Any], timeout: float) -> list[Any]:
    """Those of ``processes`` still running after waiting at most ``timeout`` seconds
    for all of them to end."""
    deadline = time.monotonic() + timeout
    running = {process.sentinel: process for process in processes}
    while running:
        left = deadline - time.monotonic()
        if left <= 0:
            break
        for sentinel in multiprocessing.connection.wait(list(running), left):
            del running[sentinel]
    return list(running.values())


def _result(
    chunk: list[T], first: int, future: concurrent.futures.Future[bytes], broken: str
) -> tuple[list[T], list[Any]]:
    """``chunk`` and its results, rebuilt here."""
    try:
        data = future.result()
    except BrokenProcessPool as exc:
        raise WorkerError(broken) from exc
    return chunk, _loaded_results(data, first, len(chunk))


def _unstarted_message(worker: int | None, processes: int, exc: OSError) -> str:
    """What :class:`WorkerError` says when the system refused to start a worker."""
    which = "a worker process" if worker is None else f"worker process {worker}"
    return (
        f"could not start {which} of {processes} ({exc.strerror or exc}): the system "
        "limits the processes or open files this program may have; pass fewer jobs, "
        "or jobs=1 (--jobs 1 on the command line) to classify in this process"
    )


def _broken_message(processes: int, *, spawned: bool) -> str:
    message = (
        f"a worker process stopped unexpectedly (killed or crashed) while classifying "
        f"with {processes} processes; nothing after the last complete chunk was produced"
    )
    if not spawned:  # forked workers never re-import the main script
        return message
    return (
        f"{message} (workers start by re-importing the main script: code that classifies "
        'at its top level must sit under if __name__ == "__main__":)'
    )


def classify_parallel(
    classifier: Classifier,
    texts: Iterable[str],
    *,
    jobs: int | None = None,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    start_method: str | None = None,
) -> VerdictStream:
    """Classify ``texts`` on ``jobs`` processes; verdicts in input order, memory flat.

    ``jobs=None`` or ``0`` starts one process per CPU, within a container's CPU
    quota (see :func:`effective_jobs`); ``jobs=1`` classifies
    in this process. A negative ``jobs``, or one above :data:`MAX_JOBS`, a
    ``chunk_size`` below 1, or a ``start_method`` other than ``"fork"``,
    ``"spawn"`` or ``None`` raises :class:`~rolelens.errors.ArgumentError`
    at once. A worker that dies, or that the system refuses to start (the
    workers started are then ended), raises :class:`~rolelens.WorkerError`; an
    error raised while classifying (a non-``str`` item gives ``TypeError``)
    or by ``texts`` itself is re-raised as is, after the verdict of every
    statement before it, as in one process. ``start_method``: see
    :func:`map_chunks`. In a daemonic process (a ``multiprocessing.Pool`` or
    Dask worker), which may not start processes, more than one job raises
    :class:`~rolelens.errors.ArgumentError`.

    As for :meth:`~rolelens.Classifier.classify_many`, and at once,
    before any process starts: a ``classifier`` that is not a
    :class:`~rolelens.classifier.Classifier` raises ``TypeError``, and so does
    ``texts`` that is a single ``str`` (it would be classified letter by
    letter), ``bytes``, a mapping (its keys would be classified) or a DataFrame (its
    column names would be). The iterator
    returned can be closed (``close()``, or ``contextlib.closing``), which stops the
    workers before it returns.

    >>> from rolelens import default_classifier
    >>> verdicts = classify_parallel(default_classifier(), ["Own the roadmap"], jobs=1)
    >>> [v.text for v in verdicts]
    ['Own the roadmap']
    """
    must_be(classifier, Classifier, "classifier")
    _check_texts(texts, "classify_parallel()")
    processes = effective_jobs(jobs)
    size = _check_chunk_size(chunk_size)
    method = _check_start_method(start_method)
    items = iter(texts)  # at once: a non-iterable fails here, as with jobs=1
    if processes == 1:
        # What classify_many(jobs=1) returns: one verdict at a time, in C, the input's
        # and a non-str item's exceptions in their place, with nothing to read ahead.
        return classifier.classify_many(items)
    _check_may_start_processes(processes)
    return _unpacked(classifier, _scanned(classifier, items, processes, size, method))


def _scanned(
    classifier: Classifier, texts: Iterator[str], processes: int, size: int, method: str | None
) -> Iterator[tuple[list[str], Any, bool]]:
    """``(texts, results, remote)`` per chunk, in order: a worker's packed results, or
    verdicts made here. Workers start on the first request, not before."""
    from rolelens._crew import open_crew

    crew = open_crew(classifier, processes, method or default_start_method())
    if crew is not None:
        yield from crew.run(texts, size)
        return
    # No C pass or no shared memory: a process pool. The parent keeps each chunk's
    # texts while it is in flight, to make its verdicts. Without the C pass here,
    # workers that have it must not send what only it reads.
    func = classify_chunk_packed if classifier._core is not None else _pack_chunk
    # A non-str item ends the chunks before it: its TypeError comes after the verdicts
    # of the statements before it, as in one process, not instead of its chunk's.
    source = _Source(texts, size, classifier.classify)
    pairs = _map_pool(classifier, source, func, processes, method, plain=True)
    try:
        for chunk, results in pairs:
            yield chunk, results, True
    finally:
        pairs.close()  # type: ignore[attr-defined]


#: Verdicts the parent makes at a time from a chunk the C pass scanned: few enough
#: that they are read, and their evidence built, while still in the processor's
#: cache (a whole chunk's worth made at once cost twice as much in the parent).
_BATCH = 64


def _handed_out(verdicts: list[Verdict], gate: Iterator[int]) -> Iterator[Verdict]:
    """``verdicts`` in order, each let go as it is handed out (popped from the
    reversed list, all in C), until ``gate`` ends. A list read in place keeps a
    batch's verdicts, and the evidence read from them, alive until its last is
    read: some 1,300 objects the collector counts, and a collection every few
    dozen statements, a tenth of the time with two processes."""
    verdicts.reverse()
    turns = itertools.compress(itertools.repeat((), len(verdicts)), gate)
    return itertools.starmap(verdicts.pop, turns)


class _Verdicts(itertools.chain["Verdict"]):
    """The verdicts of a run, chunk after chunk: a C-level iterator (no Python frame
    resumed per verdict) that can be closed, which stops the pool before it returns
    and ends the stream, the verdicts of the batch being read included."""

    _chunks: Iterator[Iterator[Verdict]]
    _open: list[None]

    def close(self) -> None:
        self._open.clear()
        self._chunks.close()  # type: ignore[attr-defined]


def _unpacked(
    classifier: Classifier, chunks: Iterator[tuple[list[str], list[Any], bool]]
) -> VerdictStream:
    flag, gate = open_gate()
    blocks = _unpacked_chunks(classifier, chunks, gate)
    verdicts: _Verdicts = _Verdicts.from_iterable(blocks)  # type: ignore[assignment]
    verdicts._chunks = blocks
    verdicts._open = flag
    return verdicts


def _unpacked_chunks(
    classifier: Classifier,
    chunks: Iterator[tuple[list[str], list[Any], bool]],
    gate: Iterator[int],
) -> Iterator[Iterator[Verdict]]:
    """Each chunk's verdicts, made from what its worker sent and the texts sent to it
    (``remote``), or made in this process already."""
    unpack = classifier._unpack
    core = classifier._core
    try:
        for texts, results, remote in chunks:
            if not remote:
                yield _handed_out(results, gate)
                continue
            blob, others = results
            if blob is None:
                yield _handed_out(list(map(unpack, texts, others)), gate)
                continue
            make = _speedups.chunk_verdicts
            left = iter(others)
            other = next(left, None)
            at = 0
            for first in range(0, len(texts), _BATCH):
                count = min(_BATCH, len(texts) - first)
                verdicts, at = make(blob, texts, core, first, at, count)
                while other is not None and other[0] < first + count:
                    verdicts[other[0] - first] = unpack(texts[other[0]], other[1])
                    other = next(left, None)
                yield _handed_out(verdicts, gate)
    finally:
        close = getattr(chunks, "close", None)
        if close is not None:  # stop the pool now, not when the generator is collected
            close()
