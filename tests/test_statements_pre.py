"""The statements and HTML blocks of ``<pre>`` elements, pinned.

``<pre>`` text is read one source line per block, which made a page holding a long
``<pre>`` slow; the work was cut down. These tests pin what that reading gave before
(``tests/golden/pre_statements.json``, written by the code of before the change) for
hand-written pages and for pages built from a seeded generator: bullets, headings,
blank lines, markup and entities inside the ``<pre>``, long lines and every newline
style, with text around the element. Regenerate the file only for a change of
behaviour meant as such: ``python tests/test_statements_pre.py``. Properties then
compare generated ``<pre>`` pages read by the faster code with the same pages read
with the per-line code of before patched in, kept here as the reference.
"""

from __future__ import annotations

import functools
import json
import random
import re
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from rolelens import _html, split_statements
from rolelens import statements as statements_module
from rolelens._html import Segment, html_blocks

GOLDEN = Path(__file__).parent / "golden" / "pre_statements.json"

#: Hand-written pages, each with a <pre> of its own kind.
PAGES = [
    "<pre>Own the roadmap\nTrack the budget\nInterview customers</pre>",
    "<pre>Responsibilities:\n- Own the roadmap\n- Track the budget\n\nRequirements:\n"
    "* Five years in product\n* SQL</pre>",
    "<h2>What you'll do</h2><pre>\nplan the quarter with engineering and\ndesign, and "
    "report to the board\nevery month.\n</pre><p>Benefits</p>",
    "<pre>RESPONSIBILITIES\n1. Plan sprints\n2. Run the review\n3. Ship it</pre>",
    "<pre>Duties\r\n- Own the roadmap\r\n- Talk to users\r\n\r\nPerks\r\n- Lunch</pre>",
    "<pre>Duties\r- Own the roadmap\r- Talk to users\r\rPerks\r- Lunch</pre>",
    "<pre>Q&amp;A with users\nR&amp;D budget &nbsp; owned\n&lt;b&gt;not bold&lt;/b&gt;"
    "\ncaf&eacute; &copy 2024\nzero&#8203;width &shy;here</pre>",
    "<pre><b>What you'll do</b>\nOwn the <i>roadmap</i>\n<b>Requirements</b>\n"
    "- <a href='x'>SQL</a> and Python</pre>",
    "<pre>## Benefits\n- Lunch\n# About us\nWe build tools.\n**Requirements**\n- SQL</pre>",
    "<pre>o Own the roadmap\no Track the budget\n\u00a7 Plan sprints\n\u2022 Talk to users</pre>",
    "<pre>" + "Own the roadmap and the budget, " * 200 + "\n- short one\n</pre>",
    "<pre>| Task | Owner |\n|---|---|\n| Roadmap | PM |\n| Budget | PM |</pre>",
    "<ul><li>Lead<pre>own it\nship it</pre></li><li>Track</li></ul>",
    "<table><tr><td>Duties:<pre>- Own the roadmap\n- Track</pre></td><td>Perks:"
    "<pre>- Lunch</pre></td></tr></table>",
    "<pre>  indented line\n\tTabbed line\n   \n\u00a0\nlast line  </pre>",
    "<pre>What you'll\ndo:\n- Plan\n- Ship</pre>",
    "<pre>A. Responsibilities\n- Own\nI. Requirements\n- SQL</pre>",
    "<pre>line one<br>line two<br><br>line three\nline four</pre>",
    "<pre><pre>nested\none</pre>after inner\n</pre>tail text",
    "<pre>unclosed pre\n- item one\n- item two",
    "<p>Before</p><pre></pre><pre>\n</pre><pre>\n\n\n</pre><p>After</p>",
    "<pre>Page 3 of 7\nOwn the roadmap\nPage 4 of 7</pre>",
    "<pre>1 - Own the roadmap\n2 - Track the budget\n3 - Run the review</pre>",
    "<pre>xxxxxxxxx\nxxxxxxxxx\nxxxxxxxxx\nxxxxxxxxx</pre>",
    "<pre><!-- note -->\nOwn the roadmap<!-- x -->\n<![CDATA[Track & ship]]>\nend</pre>",
    "<PRE>Upper case tag\nsecond line</PRE>",
    "<pre>Own the roadmap\u200b\n\ufeffTrack the budget\n\u00adShip</pre>",
]

_PIECES = [
    "Own the roadmap",
    "track the budget and",
    "milestones with the team.",
    "Requirements:",
    "RESPONSIBILITIES",
    "What you'll do",
    "Benefits",
    "about us",
    "## Benefits",
    "# Role",
    "**What you'll do**",
    "<b>Requirements</b>",
    "<b>Own it.</b>",
    "Q&amp;A with users",
    "caf&eacute;&nbsp;time",
    "&lt;li&gt; literal",
    "zero&#8203;width",
    "x" * 9,
    "o",
    "doing:",
    "Page 2 of 5",
    "| a | b |",
    "Partner with engineering to:",
    "<i>italic</i> words",
    "<a href='#'>link</a>",
    "<!-- c -->",
    "Own the roadmap, " * 12,
    "\u00a7",
    "A.",
    "Knowledge of SQL",
    "interview customers;",
    "and then",
]
_MARKERS = ["", "", "", "- ", "* ", "1. ", "2. ", "o ", "\u00a7 ", "\u2022 ", "  ", "\t", "3 - "]
_BREAKS = ["\n", "\n", "\n", "\r\n", "\r", "\n\n", "\n \n", "<br>", "\n\n\n"]
_AROUND = [
    ("", ""),
    ("<p>Intro text</p>", "<p>Outro</p>"),
    ("<h2>Responsibilities</h2>", ""),
    ("<ul><li>", "</li></ul>"),
    ("<div>Lead line\n", "\ntrail line</div>"),
    ("<table><tr><td>", "</td></tr></table>"),
    ("<h3>Benefits</h3><p>", "</p>"),
]


def generated_page(seed: int) -> str:
    """A page holding a <pre> of lines built from the pieces above."""
    rng = random.Random(seed)
    lines = []
    for _ in range(rng.randint(1, 14)):
        words = " ".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 3)))
        lines.append(rng.choice(_MARKERS) + words)
    body = lines[0]
    for line in lines[1:]:
        body += rng.choice(_BREAKS) + line
    if rng.random() < 0.3:
        body = rng.choice(_BREAKS) + body
    if rng.random() < 0.3:
        body += rng.choice(_BREAKS)
    before, after = rng.choice(_AROUND)
    return f"{before}<pre>{body}</pre>{after}"


PAGES_GENERATED = [generated_page(seed) for seed in range(200)]


def _observed(page: str) -> dict[str, Any]:
    """What the golden file holds for ``page``: its statements with and without the
    headings, and its HTML blocks."""
    return {
        "page": page,
        "statements": [
            [s.text, s.start, s.end, s.section, s.heading, s.kind]
            for s in split_statements(page, markup="html", include_headings=True)
        ],
        "without_headings": [[s.start, s.end] for s in split_statements(page, markup="html")],
        "blocks": [
            [
                [list(seg) for seg in block.segments],
                block.kind,
                block.level,
                block.bold_only,
                block.after_break,
                block.cell,
            ]
            for block in html_blocks(page)
        ],
    }


@functools.cache
def _golden() -> list[dict[str, Any]]:
    loaded: list[dict[str, Any]] = json.loads(GOLDEN.read_text(encoding="utf-8"))
    return loaded


def _normalised(observed: dict[str, Any]) -> Any:
    """``observed`` as JSON gives it back (tuples as lists)."""
    return json.loads(json.dumps(observed))


def test_the_golden_file_covers_every_page() -> None:
    assert [entry["page"] for entry in _golden()] == PAGES + PAGES_GENERATED


@pytest.mark.parametrize("index", range(len(PAGES) + len(PAGES_GENERATED)))
def test_pre_pages_read_as_before(index: int) -> None:
    entry = _golden()[index]
    assert _normalised(_observed(entry["page"])) == entry


# --- the faster reading against the per-line one it replaced -----------------------------
#
# The functions below are the code of before, kept as the reference: a <pre> read with
# them in place must give what it gives with the faster code.

_PRE_BREAK = re.compile(r"\r\n|\r|\n")


def _reference_emit_text(builder: Any, source: str, start: int, stop: int) -> None:
    """rolelens._html._emit_text as it was: a call and a search for "&" per line."""
    if start >= stop:
        return
    if builder.pre_depth:
        found = _PRE_BREAK.search(source, start, stop)
        while found is not None:
            _html._emit_line(builder, source, start, found.start())
            broke = bool(builder.parts)
            builder.end(builder.kind, builder.level)
            builder.after_break = broke
            start = found.end()
            found = _PRE_BREAK.search(source, start, stop)
    _html._emit_line(builder, source, start, stop)


def _reference_goes_on(before: list[Segment], after: list[Segment], listed: bool) -> bool:
    """rolelens.statements._goes_on as it was: ``listed`` asked first, every time, and
    both lines tested for a heading."""
    m = statements_module
    if before[-1][0][-1] in m._TERMINAL:
        return False
    probe = m._probe(after)
    if (
        not probe[0].islower()
        or m._strip_markers(probe, 0, len(probe))
        or ((listed or probe[0] != "o") and m._loose_marker(probe, 0, len(probe)))
    ):
        return False
    visible = "".join(seg[0] for seg in before)
    first = m._strip_markers(visible, 0, len(visible))
    if (
        m._heading_of(
            visible[first:] if first else visible,
            listed=listed,
            item=m._item(visible, first, listed),
        )
        is not None
    ):
        return False
    line = "".join(seg[0] for seg in after)
    return m._heading_of(line) is None or m._words_going_on(line)


def _eager_goes_on(
    before: list[Segment], after: list[Segment], listed: Any, last: Any = None
) -> bool:
    """The reference in place of ``_goes_on``: ``listed`` as it was computed, from the
    state of the reading (``_read_blocks``' variables, which ``listed`` reads), and
    checked against what ``listed()`` answers now (it keeps an answer for the next
    lines)."""
    m = statements_module
    state = dict(
        zip(
            listed.__code__.co_freevars,
            (cell.cell_contents for cell in listed.__closure__),
            strict=True,
        )
    )
    eager = state["pending_bullet"] or m._marked(state["pending"]) or m._marked(state["following"])
    assert listed() == eager
    return _reference_goes_on(before, after, eager)


_LINE_PIECES = st.sampled_from(
    [
        *_PIECES,
        "own it",
        "o own it",
        "o",
        "- ",
        "* ",
        "1.",
        "a)",
        "ii.",
        "\u00a7 Plan",
        "&amp;",
        "&nbsp;",
        "&#8203;",
        "\u200b",
        "<br>",
        "<b>",
        "</b>",
        "<h3>",
        "</h3>",
        "<li>",
        "</pre><pre>",
        " ",
        "\t",
        "2 - Own",
        "|",
    ]
)
_PRE_TEXT = st.lists(
    st.tuples(st.lists(_LINE_PIECES, min_size=1, max_size=4), st.sampled_from(_BREAKS)),
    min_size=1,
    max_size=12,
).map(lambda lines: "".join(" ".join(words) + brk for words, brk in lines))


def _pre_page(text: str, around: tuple[str, str]) -> str:
    return f"{around[0]}<pre>{text}</pre>{around[1]}"


def _read(page: str) -> list[tuple[Any, ...]]:
    return [
        (s.text, s.start, s.end, s.section, s.heading, s.kind)
        for s in split_statements(page, markup="html", include_headings=True)
    ]


@given(_PRE_TEXT, st.sampled_from(_AROUND))
def test_pre_blocks_are_those_of_the_per_line_reading(text: str, around: tuple[str, str]) -> None:
    page = _pre_page(text, around)
    blocks = html_blocks(page)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_html, "_emit_text", _reference_emit_text)
        assert html_blocks(page) == blocks


@given(_PRE_TEXT, st.sampled_from(_AROUND))
# "o" then "own it": joined, the line opens with an "o" bullet, which neither did alone.
@example("o\nown it\nmore\n", ("", ""))
def test_pre_statements_are_those_of_the_eager_wrapped_line_rule(
    text: str, around: tuple[str, str]
) -> None:
    page = _pre_page(text, around)
    found = _read(page)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(statements_module, "_goes_on", _eager_goes_on)
        patch.setattr(_html, "_emit_text", _reference_emit_text)
        assert _read(page) == found


def test_the_reference_is_what_a_page_is_read_with_when_patched() -> None:
    """The two references above are used: patched in, the faster code is not run."""
    calls: list[int] = []

    def counted(*args: Any) -> bool:
        calls.append(1)
        return _eager_goes_on(*args)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(statements_module, "_goes_on", counted)
        assert [s.text for s in split_statements("<pre>own the\nroadmap</pre>")] == [
            "own the roadmap"
        ]
    assert calls == [1]


if __name__ == "__main__":  # pragma: no cover - writes the golden file
    written = [_observed(page) for page in PAGES + PAGES_GENERATED]
    lines = ",\n".join(
        json.dumps(entry, ensure_ascii=False, separators=(",", ":")) for entry in written
    )
    GOLDEN.write_text(f"[\n{lines}\n]\n", encoding="utf-8")
    sys.exit(0)
