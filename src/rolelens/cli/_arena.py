"""Shared memory through which forked workers hand their output to the parent.

A chunk of ``rolelens classify`` output is a few megabytes of JSON lines.
Sent home through a pipe it is copied five times (pickled, written, read,
gathered, unpickled), mostly in the parent, whose time is what limits N
processes. Instead the parent maps one anonymous shared region before the
workers fork, cut into slots; a worker encodes its lines straight into the
slot its chunk was given and returns only the size, and the parent writes
that slice of the region to the output: one copy.

Slots are handed out round robin. At most ``window`` chunks are in flight
(see :mod:`rolelens.parallel`), and the parent has written a chunk's output
before it asks for the next result, so ``window + 1`` slots never see two
live chunks. Output that does not fit its slot travels as ``bytes``.
"""

from __future__ import annotations

import mmap

__all__ = ["SLOT_BYTES", "Arena", "put"]

#: Bytes one chunk's output may take in the arena (a default chunk of 2,000
#: statements writes about 6 MB of JSON lines with their evidence).
SLOT_BYTES = 16 << 20

# The arena of the run in progress: set in the parent before its workers
# fork, so that they inherit the mapping; None in spawned workers.
_current: Arena | None = None


class Arena:
    """``slots`` shared slots of :data:`SLOT_BYTES`; a context manager for one run."""

    def __init__(self, slots: int) -> None:
        self.slots = slots
        self.slot_bytes = SLOT_BYTES
        # Anonymous and shared (the default flags): forked children write into
        # the very pages the parent reads. Pages are only backed once touched.
        self.memory = mmap.mmap(-1, slots * self.slot_bytes)
        self.view = memoryview(self.memory)

    def __enter__(self) -> Arena:
        global _current  # one run at a time in a process: the command line's
        _current = self
        return self

    def __exit__(self, *_exc: object) -> None:
        global _current
        _current = None
        try:
            self.view.release()
            self.memory.close()
        except BufferError:
            # A slice is still referenced (by the traceback of an error being
            # raised through here): the mapping goes when the last one does.
            pass

    def read(self, slot: int, size: int) -> memoryview:
        """The ``size`` bytes a worker put in ``slot``."""
        start = slot * self.slot_bytes
        return self.view[start : start + size]


def put(slot: int, lines: list[str], encoding: str, errors: str) -> int | None:
    """Encode ``lines`` into ``slot`` of the inherited arena; their size in bytes.

    ``None`` when there is no arena in this process (a spawned worker) or
    the lines do not fit; then the caller sends them some other way.
    """
    arena = _current
    if arena is None:
        return None
    memory = arena.memory
    start = position = slot * arena.slot_bytes
    end = start + arena.slot_bytes
    for line in lines:
        data = line.encode(encoding, errors)
        stop = position + len(data)
        if stop > end:
            return None
        memory[position:stop] = data
        position = stop
    return position - start
