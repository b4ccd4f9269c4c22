"""A shared in-memory file through which forked workers hand their output over.

A chunk of ``rolelens classify`` output is a few megabytes of JSON lines.
Sent home through a pipe it is copied five times (pickled, written, read,
gathered, unpickled), mostly in the parent, whose time is what limits N
processes. Instead the parent creates one anonymous in-memory file
(``memfd_create``, Linux) before the workers fork, and gives each chunk a
slot in it. A worker maps the file, encodes its lines straight into its
slot, lets go of those pages (they stay in the file) and returns only the
size; the parent has the kernel copy that range into an output file
(``sendfile``), so the bytes never pass through its memory, and neither
process grows by more than the chunk it is working on. Into a pipe the
parent copies the range itself (see :meth:`Arena.copy`).

Slots are handed out round robin. At most ``window`` chunks are in flight
(see :mod:`rolelens.parallel`), and the parent has copied a chunk's output
before it asks for the next result, so ``window + 1`` slots never see two
live chunks. The file is sparse: only what was written takes memory.
Output larger than a slot travels as ``bytes`` instead.
"""

from __future__ import annotations

import mmap
import os
import stat
from typing import BinaryIO

from rolelens.cli._io import write_lines

__all__ = ["SLOT_BYTES", "Arena", "available", "open_arena", "put"]

#: Bytes one chunk's output may take in its slot (a default chunk of 2,000
#: statements writes about 6 MB of JSON lines with their evidence).
SLOT_BYTES = 64 << 20

# The arena of the run in progress: set in the parent before its workers
# fork, so that they inherit it; None in spawned workers.
_current: Arena | None = None


def available() -> bool:
    """Whether this platform has what an arena needs (Linux: memfd, sendfile, madvise)."""
    return all(
        (hasattr(os, "memfd_create"), hasattr(os, "sendfile"), hasattr(mmap, "MADV_DONTNEED"))
    )


def open_arena(slots: int) -> Arena | None:
    """An arena of ``slots`` slots, or ``None`` where none can be made.

    ``None`` on other platforms, or when the system refuses the in-memory
    file (a sandbox that forbids ``memfd_create``, no memory): the workers
    then send their output home as ``bytes``, slower but the same.
    """
    if not available():
        return None
    try:
        return Arena(slots)
    except OSError:
        return None


class Arena:
    """``slots`` slots of :data:`SLOT_BYTES` in one in-memory file; a context manager."""

    def __init__(self, slots: int) -> None:
        self.slots = slots
        self.slot_bytes = SLOT_BYTES
        self.fd = os.memfd_create("rolelens-output", os.MFD_CLOEXEC)
        os.ftruncate(self.fd, slots * self.slot_bytes)  # sparse: no memory yet
        self._sendfile = True
        self._mapping: mmap.mmap | None = None  # made in each worker that writes

    def mapping(self) -> mmap.mmap:
        """The file mapped into this process (a worker), made on first use."""
        if self._mapping is None:
            self._mapping = mmap.mmap(self.fd, self.slots * self.slot_bytes)
        return self._mapping

    def __enter__(self) -> Arena:
        global _current  # one run at a time in a process: the command line's
        _current = self
        return self

    def __exit__(self, *_exc: object) -> None:
        global _current
        _current = None
        if self._mapping is not None:
            self._mapping.close()
            self._mapping = None
        os.close(self.fd)

    def copy(self, slot: int, size: int, sink: BinaryIO) -> None:
        """Write the ``size`` bytes a worker put in ``slot`` to ``sink``."""
        sink.flush()  # what was written before goes first
        offset = slot * self.slot_bytes
        done = 0
        if self._sendfile:
            done = self._send(offset, size, sink)
        while done < size:  # no sendfile to this sink: through this process
            piece = os.pread(self.fd, min(1 << 20, size - done), offset + done)
            if not piece:
                raise OSError(f"output slot {slot} ended after {done} of {size} bytes")
            # Whole lines at a time (unless one line is longer than the piece), so
            # that an interruption can finish the line under way from this piece.
            cut = piece.rfind(b"\n") + 1
            if 0 < cut < len(piece):
                piece = piece[:cut]
            write_lines(sink, piece)
            done += len(piece)

    def _send(self, offset: int, size: int, sink: BinaryIO) -> int:
        try:
            out = sink.fileno()
            regular = stat.S_ISREG(os.fstat(out).st_mode)
        except (OSError, ValueError):  # not a file descriptor (a test's stream)
            regular = False
        if not regular:
            # Into a pipe or a socket the kernel splices references to the arena's
            # pages, not copies: a worker reusing the slot would rewrite bytes the
            # reader has not read yet. Only a file gets its own copy.
            self._sendfile = False
            return 0
        done = 0
        while done < size:
            try:
                sent = os.sendfile(out, self.fd, offset + done, size - done)
            except OSError:
                if done:
                    raise
                self._sendfile = False  # a sink the kernel cannot splice into
                return 0
            if not sent:
                break
            done += sent
        return done


def put(slot: int, lines: list[str], encoding: str, errors: str) -> int | None:
    """Write ``lines``, encoded, into ``slot`` of the inherited arena; their size in bytes.

    ``None`` when there is no arena in this process (a spawned worker) or
    the lines do not fit their slot; then the caller sends them some other
    way.
    """
    arena = _current
    if arena is None:
        return None
    try:
        memory = arena.mapping()
    except OSError:  # no address space or memory for the mapping: send it home
        return None
    start = position = slot * arena.slot_bytes
    end = start + arena.slot_bytes
    try:
        for line in lines:
            data = line.encode(encoding, errors)
            stop = position + len(data)
            if stop > end:
                return None
            memory[position:stop] = data
            position = stop
    finally:
        # The bytes stay in the file for the parent; this process lets go of
        # the pages, so its resident size does not grow by every slot it used.
        if position > start:
            # From the page the slot starts in: madvise wants an aligned start, and
            # dropping a neighbour's page from this process loses nothing.
            aligned = start - start % mmap.PAGESIZE
            memory.madvise(mmap.MADV_DONTNEED, aligned, position - aligned)
    return position - start
