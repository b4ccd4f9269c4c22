"""A size-capped memo table for strings made once per distinct value."""

from __future__ import annotations

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
