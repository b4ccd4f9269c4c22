"""Pausing Python's cyclic garbage collector while a large result is built.

Splitting or analysing a multi-megabyte posting makes millions of small,
long-lived objects (statements, verdicts) that can never form a reference
cycle. While they accumulate, the collector keeps walking all of them again
(each full collection visits every object made so far), which measured as
about half of :func:`rolelens.analyze_posting`'s time on a 10 MB posting.
Reference counting still frees everything as usual while the collector is
paused; only the search for cycles waits until the call returns.
"""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Iterator

#: Inputs shorter than this (in characters) never touch the collector: the
#: pause only pays off on large texts, and most calls leave global state alone.
PAUSE_FROM = 1 << 20

_lock = threading.Lock()
_depth = 0  # calls inside a pause, across threads
_was_enabled = False  # the collector's state when the outermost pause began


@contextlib.contextmanager
def collection_paused(size: int, threshold: int | None = None) -> Iterator[None]:
    """Pause automatic collection for the block when ``size`` reaches ``threshold``
    (default :data:`PAUSE_FROM`, for a size in characters).

    Nested and concurrent pauses share one: the collector is switched back on
    when the last of them ends, and only if it was on when the first began.
    """
    global _depth, _was_enabled
    if size < (PAUSE_FROM if threshold is None else threshold):
        yield
        return
    with _lock:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _was_enabled:
                gc.enable()
