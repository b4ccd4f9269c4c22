"""Tests for the progress bar on stderr (rolelens.progress)."""

from __future__ import annotations

import io
import os
import re
import select

import pytest

from rolelens.errors import ArgumentError
from rolelens.progress import Progress, format_duration


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_silent_unless_a_terminal_or_forced() -> None:
    """A pipe or file gets no progress output at all by default."""
    stream = io.StringIO()
    with Progress(total=3, stream=stream) as progress:
        progress.update(3)
    assert progress.count == 3
    assert stream.getvalue() == ""


def test_builtin_bar_on_a_terminal() -> None:
    """On a terminal the built-in bar shows count/total, rate, ETA and ends the line."""
    stream = _Terminal()
    with Progress(total=4, stream=stream, use_tqdm=False) as progress:
        progress.update(2)
        progress.update(2)
    text = stream.getvalue()
    assert text.startswith("\r")
    assert text.endswith("\n")
    assert "4/4 statements" in text
    assert "100%" in text
    assert "ETA 0:00" in text


@pytest.mark.parametrize("use_tqdm", [False, True])
def test_a_run_shorter_than_the_delay_draws_nothing(use_tqdm: bool) -> None:
    """With ``delay``, work that ends sooner leaves the terminal untouched (the command
    line's bar for a three-line file was noise); work that lasts longer is drawn, and
    the last state ends the line as without a delay."""
    if use_tqdm:
        pytest.importorskip("tqdm")
    stream = _Terminal()
    with Progress(total=3, stream=stream, use_tqdm=use_tqdm, delay=3600) as progress:
        progress.update(3)
    assert progress.count == 3
    assert stream.getvalue() == ""
    if use_tqdm:
        return
    with Progress(total=4, stream=stream, use_tqdm=False, delay=5) as progress:
        progress.update(2)
        assert stream.getvalue() == ""
        progress._started -= 10  # as if the work had gone on for ten seconds
        progress.update(2)
    assert "4/4 statements" in stream.getvalue()
    assert stream.getvalue().endswith("\n")


@pytest.mark.parametrize(
    ("delay", "error"),
    [
        (-1, ArgumentError),
        (float("nan"), ArgumentError),
        (float("inf"), ArgumentError),
        ("1", TypeError),
    ],
)
def test_a_delay_is_a_finite_number_of_seconds(delay: object, error: type[Exception]) -> None:
    with pytest.raises(error, match="delay"):
        Progress(delay=delay)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("options", "error", "message"),
    [
        ({"total": -5}, ArgumentError, "total must be 0 or more, or None, got -5"),
        ({"total": "10"}, TypeError, "total must be an int or None, got str"),
        ({"total": 2.5}, TypeError, "total must be an int or None, got float"),
        ({"unit": None}, TypeError, "unit must be a str, got None"),
        ({"enabled": "no"}, TypeError, "enabled must be a bool or None, got str"),
        ({"use_tqdm": "no"}, TypeError, "use_tqdm must be a bool or None, got str"),
    ],
)
def test_progress_names_an_argument_it_cannot_use(
    options: dict[str, object], error: type[Exception], message: str
) -> None:
    """A total of -5 drew a bar at "-80%", "10" failed inside the first draw with
    "unsupported operand type(s)", and enabled="no" (true) drew the bar it meant to
    leave out, while use_tqdm="no" demanded tqdm."""
    with pytest.raises(error, match=f"^{message}"):
        Progress(stream=io.StringIO(), **options)  # type: ignore[arg-type]


def test_line_without_total_has_count_and_rate() -> None:
    """Without a total the line shows the count and rate but no bar or ETA."""
    progress = Progress(stream=io.StringIO(), enabled=True, use_tqdm=False)
    progress.update(1500)
    line = progress.line()
    assert line.startswith("1,500 statements")
    assert "/s" in line
    assert "ETA" not in line


def test_eta_from_the_rate() -> None:
    """Half done after 10 s predicts 10 s left."""
    progress = Progress(total=100, stream=io.StringIO(), enabled=True, use_tqdm=False)
    progress.count = 50
    line = progress.line(now=progress._started + 10)
    assert "50/100" in line
    assert "ETA 0:10" in line


def test_start_timing_counts_the_speed_from_then() -> None:
    """Work that begins after a set-up of its own: 30 s of reading, then two of ten
    epochs in 20 s. Timed from the start, 2 in 50 s predicted 200 s left; from
    start_timing(), 2 in 20 s predicts the 80 s that are left. Before the first item
    there is no speed to predict from: the ETA is "?", not "0:00"."""
    progress = Progress(total=10, stream=io.StringIO(), enabled=True, use_tqdm=False)
    began = progress._started
    progress._timed_from = (began + 30, 0)  # as start_timing() 30 s in
    assert "ETA ?" in progress.line(now=began + 30)
    progress.count = 2
    assert "ETA 1:20" in progress.line(now=began + 50)
    progress.start_timing()
    assert progress._timed_from[1] == 2
    plain = Progress(total=10, stream=io.StringIO(), enabled=True, use_tqdm=False)
    plain.count = 2
    assert "ETA 3:20" in plain.line(now=plain._started + 50)


def test_start_timing_before_any_update_restarts_tqdms_clock() -> None:
    """With tqdm drawing, start_timing() before the first update resets its clock
    (and keeps its total), so its rate and ETA count from then too."""
    pytest.importorskip("tqdm")
    stream = _Terminal()
    with Progress(total=4, stream=stream, use_tqdm=True, unit="epochs") as progress:
        bar = progress._tqdm
        assert bar is not None
        bar.start_t -= 30
        progress.start_timing()
        assert bar.start_t > bar._time() - 5
        assert bar.total == 4
        progress.update(4)
    assert "4/4" in stream.getvalue()


@pytest.mark.parametrize(
    ("unit", "one"), [("folds", "fold"), ("epochs", "epoch"), ("statements", "statement")]
)
@pytest.mark.parametrize("total", [5, None])
def test_tqdms_slow_rate_reads_seconds_per_unit(unit: str, one: str, total: int | None) -> None:
    """tqdm shows a rate under one a second as seconds each: with the unit given as
    " folds" (for "4.00 folds/s") that read "2.00s/ folds"; now "2.00s/fold"."""
    pytest.importorskip("tqdm")
    with Progress(total=total, unit=unit, stream=_Terminal(), use_tqdm=True) as progress:
        bar = progress._tqdm
        assert bar is not None
        slow = bar.format_meter(**{**bar.format_dict, "n": 2, "elapsed": 4.0, "rate": None})
        fast = bar.format_meter(**{**bar.format_dict, "n": 4, "elapsed": 1.0, "rate": None})
    assert slow.endswith(f" 2.00s/{one}]"), slow
    assert fast.endswith(f" 4.00 {unit}/s]"), fast


@pytest.mark.parametrize(
    ("seconds", "text"), [(0, "0:00"), (59.6, "1:00"), (75, "1:15"), (3725, "1:02:05")]
)
def test_format_duration(seconds: float, text: str) -> None:
    """Durations print as m:ss, or h:mm:ss from an hour up."""
    assert format_duration(seconds) == text


@pytest.mark.parametrize("use_tqdm", [False, True])
def test_close_twice_draws_the_end_once(use_tqdm: bool) -> None:
    """With tqdm, a second close() (a with block around an explicit close) drew the
    built-in bar under tqdm's: close() is done once, whichever bar draws."""
    if use_tqdm:
        pytest.importorskip("tqdm")
    stream = io.StringIO()
    with Progress(total=2, stream=stream, enabled=True, use_tqdm=use_tqdm) as progress:
        progress.update(2)
        progress.close()
        once = stream.getvalue()
    assert once.endswith("\n")
    assert stream.getvalue() == once
    progress.update()
    progress.close()
    assert stream.getvalue() == once


@pytest.mark.parametrize(
    ("count", "seconds", "rate"),
    [(1, 30, "0.033/s"), (1, 2, "0.5/s"), (5, 2, "2.5/s"), (3000, 2, "1,500/s"), (0, 5, "0/s")],
)
def test_a_slow_rate_is_not_shown_as_zero(count: int, seconds: float, rate: str) -> None:
    """An epoch of `rolelens fit` or a fold of `--cv` every 30 s showed as "0/s", the rate
    rounded to a whole number: a slow rate keeps two significant digits."""
    progress = Progress(total=6, unit="epochs", stream=io.StringIO(), enabled=True, use_tqdm=False)
    progress.count = count
    assert f"  {rate}  " in progress.line(now=progress._started + seconds)


def test_no_delay_draws_the_line_at_once() -> None:
    """With no delay the built-in bar is drawn when the work starts, as tqdm's is:
    `rolelens fit --progress` drew nothing until its first epoch was done, a third
    of the run on a large file (the features are read before any epoch)."""
    stream = io.StringIO()
    with Progress(total=6, unit="epochs", stream=stream, enabled=True, use_tqdm=False):
        assert "0/6 epochs" in stream.getvalue()
    waiting = io.StringIO()
    with Progress(total=6, stream=waiting, enabled=True, use_tqdm=False, delay=1.0):
        assert waiting.getvalue() == ""  # a delay still keeps a short run quiet


def test_a_closed_stream_is_no_terminal() -> None:
    """By default a closed stream (stderr closed by the program) is not a terminal: the
    progress only counts. Its isatty() raised ValueError out of Progress()."""
    stream = io.StringIO()
    stream.close()
    with Progress(total=3, stream=stream) as progress:
        progress.update(3)
    assert progress.count == 3
    assert not progress.enabled


@pytest.mark.parametrize("closed", [False, True])
def test_a_forced_bar_with_nowhere_to_draw_still_counts(
    monkeypatch: pytest.MonkeyPatch, closed: bool
) -> None:
    """enabled=True with no stderr at all (None, as under pythonw) or a closed stream:
    the work goes on, counted, and nothing is drawn. The first redraw raised
    AttributeError or ValueError in the middle of the caller's loop."""
    stream = io.StringIO()
    stream.close()
    monkeypatch.setattr("sys.stderr", stream if closed else None)
    with Progress(total=3, enabled=True, use_tqdm=False) as progress:
        progress.update(2)
        progress.update(1)
    assert progress.count == 3


@pytest.mark.parametrize("use_tqdm", [False, True])
def test_finish_makes_the_count_the_total(use_tqdm: bool) -> None:
    """A total known before the work (a file's lines) can exceed the items counted
    (blank lines): finish() makes the final line 100%, the count over itself."""
    if use_tqdm:
        pytest.importorskip("tqdm")
    stream = io.StringIO()
    with Progress(total=6, stream=stream, enabled=True, use_tqdm=use_tqdm) as progress:
        progress.update(4)
        progress.finish()
    assert progress.total == 4
    final = stream.getvalue().rsplit("\r", 1)[-1]
    assert "100%" in final
    assert "4/4" in final
    assert "4/6" not in final


def test_finish_without_a_total_changes_nothing() -> None:
    """With no total there is no percentage to complete."""
    progress = Progress(stream=io.StringIO(), enabled=True, use_tqdm=False)
    progress.update(3)
    progress.finish()
    assert progress.total is None
    assert progress.line().startswith("3 statements")


@pytest.mark.parametrize("use_tqdm", [False, True])
def test_finish_draws_nothing_before_the_delay(use_tqdm: bool) -> None:
    """finish() changes the total only: a run shorter than the delay stays undrawn
    (asking tqdm to refresh drew its bar at once, delay or not)."""
    if use_tqdm:
        pytest.importorskip("tqdm")
    stream = io.StringIO()
    with Progress(total=6, stream=stream, enabled=True, use_tqdm=use_tqdm, delay=3600) as progress:
        progress.update(3)
        progress.finish()
    assert stream.getvalue() == ""


class _ReaderGone(io.StringIO):
    """A stderr whose reader has left: every write and flush is a broken pipe."""

    def write(self, text: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")

    def flush(self) -> None:
        raise BrokenPipeError(32, "Broken pipe")


@pytest.mark.parametrize("use_tqdm", [False, True])
def test_a_stream_that_fails_ends_the_drawing_not_the_work(use_tqdm: bool) -> None:
    """With tqdm drawing, a broken pipe (stderr's reader gone, ``2>&1 | head -1``)
    raised out of the bar and stopped the work it counted; the built-in bar stopped
    drawing only. Both now stop drawing only."""
    if use_tqdm:
        pytest.importorskip("tqdm")
    with Progress(total=3, stream=_ReaderGone(), enabled=True, use_tqdm=use_tqdm) as progress:
        for _ in range(3):
            progress.update()
        progress.finish()
    assert progress.count == 3


@pytest.mark.parametrize(
    ("stream", "message"),
    [
        (5, "stream must be a text stream (or have a .write() method), got int"),
        ("progress.log", "stream must be a text stream (or have a .write() method), got str"),
        (io.BytesIO(), "stream must be a text stream, got the binary BytesIO"),
    ],
)
def test_a_stream_no_line_can_be_drawn_on_is_refused_when_made(
    stream: object, message: str
) -> None:
    """A ``stream`` that is no text stream is a ``TypeError`` naming it when the
    progress is made: it was kept, and the first line drawn raised an
    ``AttributeError`` (or io's "a bytes-like object is required") out of
    ``update()``, stopping the work the progress only counted."""
    with pytest.raises(TypeError, match=re.escape(message)):
        Progress(total=3, stream=stream, enabled=True, use_tqdm=False)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("seconds", "error", "message"),
    [
        (float("nan"), ArgumentError, "seconds must be a finite number, got nan"),
        (float("inf"), ArgumentError, "seconds must be a finite number, got inf"),
        ("75", TypeError, "seconds must be a number, got str"),
        (None, TypeError, "seconds must be a number, got NoneType"),
        (True, TypeError, "seconds must be a number, got bool"),
    ],
)
def test_format_duration_names_a_value_that_is_no_duration(
    seconds: object, error: type[Exception], message: str
) -> None:
    """NaN and infinity raised int()'s bare ``ValueError`` ("cannot convert float
    NaN to integer") or ``OverflowError``, and ``True`` read as one second."""
    with pytest.raises(error, match=f"^{re.escape(message)}$"):
        format_duration(seconds)  # type: ignore[arg-type]


def test_format_duration_of_a_negative_number_or_a_fraction() -> None:
    assert format_duration(-5) == "0:00"
    assert format_duration(59.6) == "1:00"


@pytest.mark.parametrize("use_tqdm", [False, True])
def test_ticking_draws_before_any_update_and_stops_at_close(use_tqdm: bool) -> None:
    """_tick_every draws the line once the delay is up, with nothing counted yet, and
    its thread ends at close(); nothing is drawn after."""
    import threading
    import time

    if use_tqdm:
        pytest.importorskip("tqdm")
    stream = _Terminal()
    bar = Progress(
        total=4, unit="epochs", stream=stream, enabled=True, use_tqdm=use_tqdm, delay=0.05
    )
    assert stream.getvalue() == ""
    bar._tick_every(0.05)
    deadline = time.monotonic() + 5
    while "0/4" not in stream.getvalue() and time.monotonic() < deadline:
        time.sleep(0.01)
    assert "0/4" in stream.getvalue()
    bar.update()
    bar.close()
    assert not any(t.name == "rolelens-progress" for t in threading.enumerate())
    after = stream.getvalue()
    time.sleep(0.2)
    assert stream.getvalue() == after


def test_no_ticking_off_a_terminal_or_when_disabled() -> None:
    """A progress drawn to a file or a pipe, or disabled, starts no thread."""
    for bar in (
        Progress(total=2, stream=io.StringIO(), enabled=True, use_tqdm=False),
        Progress(total=2, stream=_Terminal(), enabled=False),
    ):
        bar._tick_every(0.01)
        assert bar._ticker is None
        bar.close()


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="pseudo-terminals")
@pytest.mark.parametrize("columns", [80, 40, 20])
def test_the_built_in_line_fits_the_terminal(columns: int) -> None:
    """The built-in line of a file of a million statements is 83 characters; on an
    80-column terminal it wrapped, and as "\\r" goes back to the start of its last row
    only, every redraw (ten a second) left a row behind. It is fitted to the
    terminal's width now (one column spare): without its bar, then cut."""
    import fcntl
    import struct
    import termios

    main_end, terminal_end = os.openpty()
    try:
        fcntl.ioctl(terminal_end, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))
        with open(terminal_end, "w", encoding="utf-8", closefd=False) as stream:
            bar = Progress(total=2_000_000, stream=stream, enabled=True, use_tqdm=False)
            bar.update(1_000_000)
            bar._draw(bar._started + 5.0)
            bar.update(10)
            bar._draw(bar._started + 10.0)
            bar.close()
        shown = ""
        while select.select([main_end], [], [], 0.5)[0]:  # each write may come apart
            shown += os.read(main_end, 1 << 16).decode()
    finally:
        os.close(main_end)
        os.close(terminal_end)
    lines = re.split(r"\r\n?|\n", shown)
    assert any("1,000,0" in line or "50%" in line for line in lines), shown
    assert max(len(line) for line in lines) < columns, lines
    if columns == 80:
        assert "\r50%  1,000,000/2,000,000 statements" in shown  # the bar went first


def test_a_line_not_drawn_on_a_terminal_is_whole() -> None:
    """Into a file or a pipe (--progress), nothing is cut."""
    stream = io.StringIO()
    bar = Progress(total=2_000_000, stream=stream, enabled=True, use_tqdm=False)
    bar.update(1_000_000)
    bar.close()
    assert "[" in stream.getvalue()
    assert len(stream.getvalue().rsplit("\r", 1)[-1].rstrip("\n")) > 80


@pytest.mark.parametrize(
    ("n", "error", "message"),
    [
        (-1, ArgumentError, "n must be 0 or more, got -1"),
        (1.5, TypeError, "n must be an int, got float"),
        ("1", TypeError, "n must be an int, got str"),
        (True, TypeError, "n must be an int, got bool"),
    ],
)
def test_update_refuses_what_is_no_count(n: object, error: type[Exception], message: str) -> None:
    """A negative step made the count negative and 1.5 a float count; "1" raised
    from ``+=`` without saying which argument was wrong."""
    progress = Progress(total=10, stream=io.StringIO(), enabled=True)
    with pytest.raises(error, match=re.escape(message)):
        progress.update(n)  # type: ignore[arg-type]
    assert progress.count == 0

    class Index:  # an integer type of another library, as NumPy's int64
        def __index__(self) -> int:
            return 3

    progress.update(Index())  # type: ignore[arg-type]
    assert progress.count == 3
    assert type(progress.count) is int
