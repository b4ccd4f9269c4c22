"""The capped memo table behind the JSON writers' per-cue strings."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from rolelens._memo import remember


@given(st.lists(st.integers(0, 50), max_size=200), st.integers(1, 10))
def test_remember_returns_the_value_and_stays_under_the_limit(keys: list[int], limit: int) -> None:
    table: dict[int, str] = {}
    for key in keys:
        assert remember(table, key, f"v{key}", limit) == f"v{key}"
        assert table[key] == f"v{key}"
        assert len(table) <= limit


def test_a_full_table_is_emptied_before_the_new_entry() -> None:
    table = {1: "a", 2: "b"}
    remember(table, 3, "c", 2)
    assert table == {3: "c"}
