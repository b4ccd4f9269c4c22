"""The hostile-input time guard: 10 MB of adversarial text in under 10 s per call.

Usage::

    python benchmarks/hostile_inputs.py [--mb 10] [--limit 10] [--timeout 60]
                                        [--case NAME ...] [--function NAME ...]

Builds each hostile shape at ``--mb`` megabytes (10 by default):

* ``single line``: one 10 MB line of role vocabulary, no line break, every
  word a cue (the classifier's worst case: the most evidence per byte);
* ``million short lines``: a million short bullets (about 10 MB);
* ``nested html``: ``<div>`` nested about a million levels deep, never
  parsed recursively;
* ``lines in one div``: the million short bullets inside one ``<div>``, so
  the HTML reader must cut one block back into its source lines;
* ``pre of short lines``: short lines inside one ``<pre>``, bullets and lines
  that go on the one above (``and the budget``), each line a block of its own
  for the HTML reader;
* ``numbered runs in divs``: ``<div>`` blocks each holding a run numbered
  ``1 -``, ``2 -``, ``3 -`` on three source lines, which makes the HTML
  reader read the page a second time for its runs;
* ``bold paragraphs``: half a million short paragraphs in bold
  (``<p><b>Own it.</b></p>``), each read as a heading: the most headings
  per byte;
* ``control soup``: NUL, zero-width and bidi controls, lone surrogates and
  every newline style, mixed with words (library calls only: it cannot be
  written to a UTF-8 file);

and times :func:`rolelens.split_statements`, :func:`rolelens.classify`,
:func:`rolelens.analyze_posting`, :func:`rolelens.reframe`,
``rolelens classify -i FILE`` and ``rolelens posting FILE --format F`` for
each report format (subprocesses; their time includes interpreter start and
model loading) on each.
Every measurement runs in its own process and is stopped after
``--timeout`` seconds, so a hang shows up as a failure instead of blocking
the run. Prints one line per measurement with the seconds and ``pass`` or
``FAIL`` against ``--limit``; exits 1 if anything failed.

This is a benchmark, not a test: timings depend on the machine. The tests
check the same inputs at small sizes for correctness
(``tests/test_hostile.py``).
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import rolelens

MB = 1024 * 1024

_WORDS = "Own the product roadmap, track the budget and milestones, interview customers; "
_BULLETS = (
    "- Own the roadmap\n",
    "* Track budget\n",
    "1. Plan sprints\n",
    "• Talk to users\n",
    "- Report status\n",
)
_SOUP = "\x00\u200b\u202e\ud800roadmap\r\n\u0301budget\r\u2028\x85\ufeff<li>\u2029 "


def _repeat(piece: str, size: int) -> str:
    return (piece * (size // len(piece) + 1))[:size]


def single_line(size: int) -> str:
    """One line of cue words, no line break."""
    return _repeat(_WORDS, size)


def short_lines(size: int) -> str:
    """Short bullets, one per line (about a million at 10 MB)."""
    lines: list[str] = []
    total = 0
    index = 0
    while total < size:
        line = _BULLETS[index % len(_BULLETS)]
        lines.append(line)
        total += len(line)
        index += 1
    return "".join(lines)


def nested_html(size: int) -> str:
    """``<div>`` nested as deep as the size allows, around one statement."""
    depth = (size - 40) // len("<div></div>")
    return "<div>" * depth + "<p>Own the product roadmap</p>" + "</div>" * depth


def lines_in_one_div(size: int) -> str:
    """The short bullets inside one ``<div>``: one HTML block of a million source lines."""
    return "<div>\n" + short_lines(size - 13) + "</div>\n"


_PRE_LINES = (
    "- Own the roadmap\n",
    "and the budget\n",
    "* Track budget\n",
    "1. Plan sprints\n",
    "with the team\n",
    "xxxxxxxxx\n",
)


def pre_lines(size: int) -> str:
    """Short lines inside one ``<pre>``, which shows its line breaks: a block per line,
    bullets and lines that go on the one above them."""
    body = _repeat("".join(_PRE_LINES), size - 30)
    return "<html><body><pre>" + body[: body.rfind("\n") + 1] + "</pre></body></html>"


def numbered_divs(size: int) -> str:
    """``<div>`` blocks each holding a numbered run on three source lines ("1 - ...",
    "2 - ...", "3 - ..."): HTML that the splitter reads a second time for its runs."""
    return _repeat(
        "<div>1 - Own the roadmap\n2 - Track the budget\n3 - Run the review</div>\n", size
    )


def bold_paragraphs(size: int) -> str:
    """Short bold paragraphs, each a heading without a heading tag (about 450,000)."""
    return _repeat("<p><b>Own it.</b></p>\n", size)


def control_soup(size: int) -> str:
    """Controls, invisible characters, lone surrogates and every newline style."""
    return _repeat(_SOUP, size)


CASES: dict[str, Callable[[int], str]] = {
    "single line": single_line,
    "million short lines": short_lines,
    "nested html": nested_html,
    "lines in one div": lines_in_one_div,
    "pre of short lines": pre_lines,
    "numbered runs in divs": numbered_divs,
    "bold paragraphs": bold_paragraphs,
    "control soup": control_soup,
}
#: Cases that a file can hold (no lone surrogates), for the command line.
FILE_CASES = (
    "single line",
    "million short lines",
    "nested html",
    "lines in one div",
    "pre of short lines",
    "numbered runs in divs",
    "bold paragraphs",
)
#: Report formats of ``rolelens posting``, each measured as its own command.
POSTING_FORMATS = ("text", "markdown", "html", "json")
FUNCTIONS = (
    "split_statements",
    "classify",
    "analyze_posting",
    "reframe",
    "cli classify",
    *(f"cli posting {fmt}" for fmt in POSTING_FORMATS),
)


def _measure_call(function: str, case: str, size: int, conn: Connection) -> None:
    """Child process: build the input, warm up, time one call, send the seconds back."""
    text = CASES[case](size)
    call = getattr(rolelens, function)
    call("Own the product roadmap")  # load the model and data files before timing
    started = time.perf_counter()
    result = call(text)
    if function == "classify":
        len(result.evidence)  # built on first read: part of the work
    conn.send(time.perf_counter() - started)
    conn.close()


def measure_call(function: str, case: str, size: int, timeout: float) -> float | None:
    """Seconds for ``rolelens.<function>`` on the case, or ``None`` after ``timeout``."""
    methods = multiprocessing.get_all_start_methods()
    # fork keeps start-up out of the measurement; spawn elsewhere
    context: Any = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    receive, send = context.Pipe(duplex=False)
    process = context.Process(target=_measure_call, args=(function, case, size, send))
    process.start()
    send.close()
    try:
        if not receive.poll(timeout):
            return None
        seconds: float = receive.recv()
        return seconds
    except EOFError:
        message = f"{function} on {case!r} crashed (exit code {process.exitcode})"
        raise RuntimeError(message) from None
    finally:
        if process.is_alive():
            process.kill()
        process.join()


def measure_cli(
    function: str, case: str, size: int, timeout: float, directory: Path
) -> float | None:
    """Seconds for the command (``rolelens classify -i FILE -o OUT`` or ``rolelens
    posting FILE --format F -o OUT``) on the case, or ``None`` after ``timeout``."""
    source = directory / f"{case.replace(' ', '_')}.txt"
    if not source.exists():
        source.write_text(CASES[case](size), encoding="utf-8")
    output = directory / "out"
    command = [sys.executable, "-m", "rolelens"]
    if function == "cli classify":
        command += ["classify", "-i", str(source), "-o", str(output)]
    else:
        command += ["posting", str(source), "--format", function.split()[-1], "-o", str(output)]
    started = time.perf_counter()
    try:
        completed = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None
    if completed.returncode != 0:
        raise RuntimeError(f"{function} failed on {case!r}: {completed.stderr.strip()}")
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=10.0, help="input size in MiB (default 10)")
    parser.add_argument("--limit", type=float, default=10.0, help="seconds allowed (default 10)")
    parser.add_argument(
        "--timeout", type=float, default=60.0, help="stop a measurement after this (default 60)"
    )
    parser.add_argument("--case", choices=sorted(CASES), action="append", help="repeatable")
    parser.add_argument("--function", choices=FUNCTIONS, action="append", help="repeatable")
    args = parser.parse_args(argv)
    size = int(args.mb * MB)
    cases = args.case or list(CASES)
    functions = args.function or list(FUNCTIONS)

    print(
        f"rolelens {rolelens.__version__}, Python {sys.version.split()[0]}, {os.cpu_count()} CPUs"
    )
    print(
        f"{'case':22} {'size':>8}  {'function':20} {'seconds':>8}  result (limit {args.limit:g} s)"
    )
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        for case in cases:
            for function in functions:
                if function.startswith("cli "):
                    if case not in FILE_CASES:
                        continue
                    seconds = measure_cli(function, case, size, args.timeout, Path(tmp))
                else:
                    seconds = measure_call(function, case, size, args.timeout)
                if seconds is None:
                    shown, verdict = f">{args.timeout:g}", "FAIL (stopped)"
                else:
                    shown, verdict = f"{seconds:.2f}", "pass" if seconds < args.limit else "FAIL"
                failures += verdict != "pass"
                print(
                    f"{case:22} {args.mb:>5g} MB  {function:20} {shown:>8}  {verdict}", flush=True
                )
    print("all within the limit" if not failures else f"{failures} measurement(s) over the limit")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
