"""The statements and HTML blocks of ``<pre>`` elements, pinned.

``<pre>`` text is read one source line per block, which made a page holding a long
``<pre>`` slow; the work was cut down. These tests pin what that reading gave before
(``tests/golden/pre_statements.json``, written by the code of before the change) for
hand-written pages and for pages built from a seeded generator: bullets, headings,
blank lines, markup and entities inside the ``<pre>``, long lines and every newline
style, with text around the element. Regenerate the file only for a change of
behaviour meant as such: ``python tests/test_statements_pre.py``.
"""

from __future__ import annotations

import functools
import json
import random
import sys
from pathlib import Path
from typing import Any

import pytest

from rolelens import split_statements
from rolelens._html import html_blocks

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


if __name__ == "__main__":  # pragma: no cover - writes the golden file
    written = [_observed(page) for page in PAGES + PAGES_GENERATED]
    lines = ",\n".join(
        json.dumps(entry, ensure_ascii=False, separators=(",", ":")) for entry in written
    )
    GOLDEN.write_text(f"[\n{lines}\n]\n", encoding="utf-8")
    sys.exit(0)
