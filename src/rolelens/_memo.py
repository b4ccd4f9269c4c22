"""A size-capped memo table for strings made once per distinct value, and a
thread-safe load-once for the built-in data."""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from typing import TypeVar

K = TypeVar("K")
V = TypeVar("V")


def remember(table: dict[K, V], key: K, value: V, limit: int) -> V:
    """Store ``value`` under ``key`` and return it, emptying ``table`` first when it
    holds ``limit`` entries: hostile input with endless distinct keys costs a
    rebuild now and then, never unbounded memory."""
    if len(table) >= limit:
        table.clear()
    table[key] = value
    return value


def once(load: Callable[[], V]) -> Callable[[], V]:
    """``load`` run once, the first time the function returned is called; every
    call returns that one result, whatever the threads.

    ``functools.cache`` does not lock: threads that make the first call together
    each run ``load`` and get results of their own (equal, not the same), while
    the built-in lexicon, catalog and rules say they are loaded once. If ``load``
    raises, nothing is kept and the next call tries again.
    """
    loaded: list[V] = []
    lock = threading.Lock()

    @functools.wraps(load)
    def get() -> V:
        if loaded:
            return loaded[0]
        with lock:
            if not loaded:
                loaded.append(load())
        return loaded[0]

    return get
