"""A progress bar on stderr for long runs: count, rate and, when the total is known, ETA.

It draws only when asked to (``enabled=True``) or, by default, when the
stream is a terminal, so logs and pipes never fill with carriage returns.
When `tqdm <https://tqdm.github.io>`_ is installed (extra
``rolelens[progress]``) it draws the bar; otherwise a small built-in one
redraws at most ten times a second.
"""

from __future__ import annotations

import contextlib
import io
import math
import os
import sys
import threading
import time
from types import TracebackType
from typing import Any, TextIO

from rolelens._checks import must_be, must_have, real_number, shown_int, whole_number
from rolelens.errors import ArgumentError

__all__ = ["Progress", "format_duration"]

_REDRAW_SECONDS = 0.1
#: How soon the ticking thread tries again when tqdm did not draw.
_RETRY_SECONDS = 0.05
#: The most times in a row it tries again before waiting its usual interval.
_MOST_RETRIES = 20
_BAR_WIDTH = 24


def format_duration(seconds: float) -> str:
    """``h:mm:ss`` or ``m:ss`` for a number of seconds, rounded to a whole second.

    >>> format_duration(75.4)
    '1:15'
    >>> format_duration(3725)
    '1:02:05'

    A negative number reads ``0:00``. NaN or an infinity raises
    :class:`~rolelens.errors.ArgumentError`, and a value that is no number
    (``"75"``, ``None``, a bool) ``TypeError``.
    """
    seconds = real_number(seconds, "seconds")
    if not math.isfinite(seconds):
        raise ArgumentError(f"seconds must be a finite number, got {seconds!r}")
    whole = max(0, round(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def _check_stream(stream: object) -> None:
    """Refuse a ``stream`` no line can be drawn on, when the progress is made: it
    failed at the first line drawn, with an ``AttributeError`` or io's "a bytes-like
    object is required", raised out of the ``update()`` of the work it counted."""
    must_have(stream, "write", "stream", "text stream")
    if isinstance(stream, (io.RawIOBase, io.BufferedIOBase)):
        raise TypeError(
            f"stream must be a text stream, got the binary {type(stream).__name__}; "
            "wrap it in io.TextIOWrapper"
        )


class Progress:
    """Count work done and show it; use as a context manager and call :meth:`update`.

    ``total`` (when known) adds a bar, a percentage and an ETA; ``unit``
    names what is counted; ``stream`` is where the line is drawn (standard
    error by default). ``enabled`` ``None`` means "if ``stream`` is a
    terminal"; a disabled progress only counts. ``use_tqdm`` ``None`` means
    "if tqdm is installed"; ``True`` without tqdm raises ``ImportError``.
    ``delay`` is how many seconds the work must last before anything is
    drawn (0 by default: at once), so a run that ends sooner leaves the
    stream untouched: a short file through the command line shows no bar.
    On a terminal the built-in line fits its width (the bar is left out first).
    A stream that is closed, or missing (``sys.stderr`` is ``None``), or that
    fails while drawing, ends the drawing, never the work: the count goes on.
    Leaving the ``with`` block calls :meth:`close`. A ``total`` that is not a
    whole number or ``None``, a ``unit`` that is not a ``str``, or an
    ``enabled`` or ``use_tqdm`` that is neither a bool nor ``None``, or a
    ``stream`` that is no text stream (nothing with a ``write`` method, or a
    binary one such as ``io.BytesIO``), raises ``TypeError``; a negative ``total``
    :class:`~rolelens.errors.ArgumentError`.

    >>> import io
    >>> stream = io.StringIO()
    >>> with Progress(total=3, stream=stream, enabled=True, use_tqdm=False) as progress:
    ...     for _ in range(3):
    ...         progress.update()
    >>> progress.count
    3
    >>> stream.getvalue().endswith("\\n")  # the last state, on a line of its own
    True
    """

    def __init__(
        self,
        *,
        total: int | None = None,
        unit: str = "statements",
        stream: TextIO | None = None,
        enabled: bool | None = None,
        use_tqdm: bool | None = None,
        delay: float = 0.0,
    ) -> None:
        if total is not None:
            total = whole_number(total, "total", expected="an int or None")
            if total < 0:
                raise ArgumentError(f"total must be 0 or more, or None, got {shown_int(total)}")
        must_be(unit, str, "unit")
        for name, flag in (("enabled", enabled), ("use_tqdm", use_tqdm)):
            # "no" is true: enabled="no" drew the bar, use_tqdm="no" demanded tqdm.
            if flag is not None and not isinstance(flag, bool):
                raise TypeError(f"{name} must be a bool or None, got {type(flag).__name__}")
        delay = real_number(delay, "delay")
        if not 0.0 <= delay < math.inf:
            raise ArgumentError(
                f"delay must be a finite number of seconds of at least 0, got {delay!r}"
            )
        if stream is not None:
            _check_stream(stream)
        self.delay = delay
        self.stream = sys.stderr if stream is None else stream
        self.total = total
        self.unit = unit
        self.count = 0
        if enabled is None:
            enabled = _is_terminal(self.stream)
        elif self.stream is None:  # no stderr at all (pythonw): nowhere to draw
            enabled = False
        self.enabled = enabled
        self._started = time.monotonic()
        # Where the speed is counted from: the start, or start_timing()'s call.
        self._timed_from = (self._started, 0)
        self._drawn_at = 0.0
        self._width = 0
        self._tqdm: Any = None
        # Set by _tick_every(): the drawing thread, its stop, and the lock it shares.
        self._ticker: threading.Thread | None = None
        self._stop = threading.Event()
        self._lock: threading.Lock | None = None
        if enabled and use_tqdm is not False:
            self._tqdm = _make_tqdm(total, unit, self.stream, delay, required=bool(use_tqdm))
        if enabled and self._tqdm is None and not delay:
            # At once, as tqdm draws its bar: the first update may be long in coming
            # (rolelens fit reads every statement into features before its first epoch).
            self._drawn_at = self._started
            self._draw(self._started)

    def __enter__(self) -> Progress:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def update(self, n: int = 1) -> None:
        """Record ``n`` more items done; redraw if it is time. ``n`` is an int of
        at least 0 (``TypeError``, :class:`~rolelens.errors.ArgumentError` otherwise)."""
        if n.__class__ is not int:  # the common case costs one comparison
            n = whole_number(n, "n", expected="an int")
        if n < 0:
            # A negative step made the count and its rate negative, 1.5 a float count.
            raise ArgumentError(f"n must be 0 or more, got {shown_int(n)}")
        self.count += n
        if not self.enabled:
            return
        if self._lock is None:
            self._show(n)
            return
        with self._lock:
            self._show(n)

    def _held(self) -> contextlib.AbstractContextManager[object]:
        """The lock shared with the ticking thread, or nothing when none ticks."""
        return self._lock if self._lock is not None else contextlib.nullcontext()

    def _tick_every(self, seconds: float) -> None:
        """Redraw the line from a daemon thread, at the ``delay`` and then every
        ``seconds`` while :meth:`update` draws nothing; until :meth:`close`.

        For work whose steps are long (an epoch, a fold): drawn only at an
        update, the line appeared at the end of the first step, and on a large
        input nothing showed for minutes. Only on a terminal, where the line
        is redrawn in place; a disabled progress, or one drawn to a file or a
        pipe, is left as it was.
        """
        if not self.enabled or self._ticker is not None or not _is_terminal(self.stream):
            return
        self._lock = threading.Lock()
        self._ticker = threading.Thread(
            target=self._ticks, args=(seconds,), name="rolelens-progress", daemon=True
        )
        self._ticker.start()

    def _ticks(self, seconds: float) -> None:
        """The ticking thread: draw when it is due, until told to stop."""
        last = 0.0  # when this thread last drew
        retry = False
        retries = 0  # in a row: a tqdm that never draws is not asked again and again
        while True:
            now = time.monotonic()
            due = max(self._started + self.delay, max(self._drawn_at, last) + seconds)
            if self._stop.wait(_RETRY_SECONDS if retry else max(due - now, 0.01)):
                return
            retry = False
            assert self._lock is not None  # set before the thread starts
            with self._lock:
                now = time.monotonic()
                if not self.enabled or self._stop.is_set():
                    return
                if now - self._started < self.delay or now - max(self._drawn_at, last) < seconds:
                    continue
                if self._tqdm is not None:
                    # Redraws as tqdm would, counting nothing: unless its own clock
                    # (started a moment after this one) says its delay is not up yet.
                    drawn = getattr(self._tqdm, "last_print_t", None)
                    self._tqdm.update(0)
                    retry = getattr(self._tqdm, "last_print_t", None) == drawn
                    retries = retries + 1 if retry else 0
                    retry = retry and retries < _MOST_RETRIES
                else:
                    self._drawn_at = now
                    self._draw(now)
                if not retry:
                    last = now

    def _stop_ticking(self) -> None:
        """End the ticking thread, if any; it draws nothing after this returns."""
        if self._ticker is None:
            return
        self._stop.set()
        with self._held():  # a draw under way ends first; the thread then sees the stop
            pass
        self._ticker.join(timeout=1.0)

    def _show(self, n: int) -> None:
        """Draw ``n`` more items done, if it is time."""
        if self._tqdm is not None:
            self._tqdm.update(n)
            return
        now = time.monotonic()
        if now - self._drawn_at >= _REDRAW_SECONDS and now - self._started >= self.delay:
            self._drawn_at = now
            self._draw(now)

    def start_timing(self) -> None:
        """Count the speed and the ETA from now on, from the count there is now.

        For work whose first item comes after a set-up of its own (``rolelens
        fit`` reads every statement into features before its first epoch): the
        set-up's time would otherwise be taken for the first item's, and the ETA
        be too long until the work is well under way. What is drawn appears as
        ``delay`` says, counted from the start, as before; with tqdm, only a call
        before the first :meth:`update` moves its clock.
        """
        with self._held():
            self._timed_from = (time.monotonic(), self.count)
            if self._tqdm is not None and not self.count:
                self._tqdm.reset(total=self.total)

    def finish(self) -> None:
        """Record that the work is complete: the total becomes the count, so the final
        line reads 100%. A total known before the work is an estimate (a file's lines,
        blank ones and a CSV record's extra lines among them) and the count of
        the items there were may fall short of it. Call it only once all the work is
        done, before :meth:`close`; a run that stops early keeps the line where it stopped.
        """
        if self.total is None or self.count == self.total:
            return
        with self._held():
            self.total = self.count
            if self._tqdm is not None:
                # Drawn by close(), which draws nothing for a run shorter than the delay.
                self._tqdm.total = self.count

    def line(self, now: float | None = None) -> str:
        """The status line as it would be drawn now."""
        now = time.monotonic() if now is None else now
        elapsed = max(now - self._started, 1e-9)
        since, base = self._timed_from
        rate = (self.count - base) / max(now - since, 1e-9)
        # Two significant digits below 10 a second: an epoch or a fold every 30 s is
        # "0.033/s", not "0/s".
        speed = f"{rate:,.0f}/s" if rate >= 10 or not rate else f"{rate:.2g}/s"
        parts = [f"{self.count:,} {self.unit}", speed, format_duration(elapsed)]
        if self.total:
            done = min(self.count / self.total, 1.0)
            filled = int(done * _BAR_WIDTH)
            bar = "#" * filled + "-" * (_BAR_WIDTH - filled)
            left = self.total - self.count
            # Nothing counted yet: no speed to tell how long the rest will take.
            eta = format_duration(left / rate) if rate > 0 else "?" if left > 0 else "0:00"
            parts = [
                f"[{bar}] {done:4.0%}",
                f"{self.count:,}/{self.total:,} {self.unit}",
                speed,
                f"ETA {eta}",
            ]
        return "  ".join(parts)

    def _draw(self, now: float) -> None:
        text = self.line(now)
        room = _room(self.stream)
        if room is not None:
            # A line as wide as the terminal wraps, and "\r" goes back to the start
            # of its last row only: each redraw left a row behind (the full line of
            # a million-line file is 83 characters, an 80-column terminal's width).
            text = _fitted(text, room)
            self._width = min(self._width, room)
        pad = " " * max(0, self._width - len(text))
        self._width = len(text)
        self._write(f"\r{text}{pad}")

    def _write(self, text: str) -> None:
        """Write ``text``; a stream that fails (closed, say) ends the drawing, never
        the work being counted."""
        try:
            self.stream.write(text)
            self.stream.flush()
        except (OSError, ValueError):
            self.enabled = False

    def close(self) -> None:
        """Draw the final state and end the line (only if anything was drawn); once:
        a second call does nothing."""
        self._stop_ticking()
        if not self.enabled:
            return
        if self._tqdm is not None:
            self._tqdm.close()
            self._tqdm = None
            self.enabled = False  # or a second close() would draw the built-in bar too
            return
        now = time.monotonic()
        if self._width or (self.count and now - self._started >= self.delay):
            self._draw(now)
            if self.enabled:
                self._write("\n")
        self.enabled = False


def _room(stream: TextIO | None) -> int | None:
    """How many characters a line drawn on ``stream`` may hold without wrapping: one
    less than its terminal's width, read at each draw (the window may be resized);
    ``None`` when the stream is no terminal, or its width is unknown."""
    fileno = getattr(stream, "fileno", None)
    try:
        if fileno is None or not _is_terminal(stream):
            return None
        columns = os.get_terminal_size(fileno()).columns
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
        return None
    return columns - 1 if columns > 1 else None


def _fitted(text: str, room: int) -> str:
    """``text`` in at most ``room`` characters: without its bar (the percentage
    stays), then cut at the end."""
    if len(text) > room and text.startswith("["):
        text = text[text.index("]") + 1 :].lstrip()
    return text[:room]


def _is_terminal(stream: TextIO | None) -> bool:
    """Whether ``stream`` is a terminal; a closed one (its ``isatty()`` raises) is not."""
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except (OSError, ValueError):
        return False


def _make_tqdm(
    total: int | None, unit: str, stream: TextIO, delay: float, *, required: bool
) -> Any:
    try:
        from tqdm import tqdm
    except ImportError:
        if required:
            raise ImportError(
                "the tqdm progress bar needs the 'progress' extra: pip install 'rolelens[progress]'"
            ) from None
        return None

    class _Bar(tqdm):  # type: ignore[misc]  # tqdm has no type hints
        """tqdm's bar, whose rate reads "2.00 folds/s" or, when slower, "2.00s/fold".

        The unit is given with a space before it, for "2.00 folds/s"; tqdm puts it
        after "s/" as it is, and a fold every two seconds read "2.00s/ folds".
        """

        @staticmethod
        def format_meter(*args: Any, **kwargs: Any) -> str:
            shown = str(kwargs.get("unit", ""))
            line: str = tqdm.format_meter(*args, **kwargs)
            return line.replace(f"s/{shown}", f"s/{_one_of(shown.strip())}")

    quiet = _Quiet(stream)
    return _Bar(total=total, unit=f" {unit}", file=quiet, dynamic_ncols=True, delay=delay)


# Plurals whose singular is not the word less its "s": "boxes", "statuses", "analyses".
_NOT_PLAIN_PLURALS = ("ss", "us", "is", "ses", "xes", "zes", "ches", "shes", "ies")


def _one_of(unit: str) -> str:
    """The singular of the plural ``unit`` where it is that less its "s" (``folds``:
    ``fold``); any other ``unit`` as it is."""
    if unit.endswith("s") and not unit.endswith(_NOT_PLAIN_PLURALS) and len(unit) > 1:
        return unit[:-1]
    return unit


class _Quiet:
    """``stream`` for tqdm: a write that fails ends the drawing, never the work counted.

    tqdm lets every error but EIO through, so a bar on a stderr whose reader had left
    (``2>&1 | head -1``) or whose disk was full raised out of ``update()``: the
    command stopped there, and the broken pipe was taken for standard output's, exit
    status 0 with no output written. As :meth:`Progress._write`, the first failure
    ends the drawing. Everything else is the stream's.
    """

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._failed = False

    def write(self, text: str) -> None:
        self._attempt(self._stream.write, text)

    def flush(self) -> None:
        self._attempt(self._stream.flush)

    def _attempt(self, action: Any, *args: Any) -> None:
        if self._failed:
            return
        try:
            action(*args)
        except (OSError, ValueError):
            self._failed = True

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)
