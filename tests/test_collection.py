"""The garbage-collector pause around large postings: scoped, nested, restored."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator

import pytest

from rolelens import _collection, analyze_posting, reframe, split_statements
from rolelens._collection import PAUSE_FROM, collection_paused


@pytest.fixture(autouse=True)
def _collector_on() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:  # pragma: no cover - pytest runs with the collector on
        gc.disable()


def test_small_inputs_leave_the_collector_alone() -> None:
    with collection_paused(PAUSE_FROM - 1):
        assert gc.isenabled()
    assert gc.isenabled()


def _fail_while_paused() -> None:
    with collection_paused(PAUSE_FROM):
        assert not gc.isenabled()
        raise ZeroDivisionError


def test_large_inputs_pause_it_and_restore_it_even_after_an_error() -> None:
    with pytest.raises(ZeroDivisionError):
        _fail_while_paused()
    assert gc.isenabled()


def test_nested_pauses_restore_only_at_the_end() -> None:
    with collection_paused(PAUSE_FROM):
        with collection_paused(PAUSE_FROM):
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    assert _collection._depth == 0


def test_a_collector_switched_off_by_the_caller_stays_off() -> None:
    gc.disable()
    with collection_paused(PAUSE_FROM):
        assert not gc.isenabled()
    assert not gc.isenabled()


def test_overlapping_pauses_in_threads_end_with_the_collector_on() -> None:
    inside = threading.Barrier(2)
    leave = threading.Event()
    errors: list[BaseException] = []

    def work(first: bool) -> None:
        try:
            with collection_paused(PAUSE_FROM):
                inside.wait(timeout=10)
                if first:
                    leave.wait(timeout=10)  # leaves last
                else:
                    leave.set()
                assert not gc.isenabled()
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(first,)) for first in (True, False)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=20)
    assert not errors
    assert gc.isenabled()
    assert _collection._depth == 0


def test_a_large_posting_is_analysed_with_the_collector_paused_and_restored(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    states: list[bool] = []
    real = split_statements.__globals__["_split"]

    def spy(*args: object) -> object:
        states.append(gc.isenabled())
        return real(*args)

    monkeypatch.setitem(split_statements.__globals__, "_split", spy)
    monkeypatch.setattr(_collection, "PAUSE_FROM", 10)
    profile = analyze_posting("Duties:\n- Own the roadmap\n- Track the budget\n")
    assert [s.text for s in profile.statements] == ["Own the roadmap", "Track the budget"]
    assert states == [False]
    assert gc.isenabled()
    states.clear()
    split_statements("short")  # under the threshold: not paused
    assert states == [True]


@pytest.mark.parametrize("function", [split_statements, analyze_posting, reframe])
@pytest.mark.parametrize("value", [None, 42, b"Own the roadmap", ["Own the roadmap"]])
def test_posting_functions_name_the_wrong_type(function: object, value: object) -> None:
    with pytest.raises(TypeError, match=type(value).__name__):
        function(value)  # type: ignore[operator]
