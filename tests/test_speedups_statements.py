"""The C plain-text splitter gives exactly the statements of the Python reference.

``split_statements`` reads plain text with ``rolelens._speedups.text_statements``
when the extension is built; ``rolelens.statements._text_statements`` is the
pure-Python reference (and the path under ``ROLELENS_PURE_PYTHON``). The C loop
decides the common lines itself and calls back into Python for the rest, so
these texts are dense in what it must decide exactly: list markers of every
kind, possible headings, sentence boundaries, continued lines, every line break
and Unicode white space, digits and letters outside ASCII, lone surrogates.
"""

from __future__ import annotations

from unittest import mock

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from rolelens._native import speedups
from rolelens.statements import (
    _WIDE_STOPS,
    Statement,
    _native_kit,
    _Splitter,
    _text_statements,
    _text_statements_native,
    split_statements,
)
from tests.strategies import POSTING_WORDS, adversarial_texts, hostile_text, posting_texts

pytestmark = pytest.mark.skipif(
    speedups is None,
    reason="the C pass is off: rolelens._speedups was not built, or ROLELENS_PURE_PYTHON is set",
)

_MARKERS = (
    *("- ", "* ", "+ ", "> ", "– ", "— ", "-", "-\u2003", "*\t"),
    *("1. ", "12) ", "123. ", "1234. ", "1.", "\u0663. ", "\u00b2. ", "(3) ", "(1234) "),
    *("(iv) ", "(abcd) ", "(abcde) ", "() ", "a. ", "b) ", "a.b ", "A) ", "A. ", "Z)"),
    *("[ ] ", "[x] ", "[X] ", "[y] ", "[x]", "• ", "•", "·", "→\u00a0 ", "∙", "✓ ", "- - "),
    *("✔\ufe0f ", "✔\ufe0f", "✅ ", "➡\ufe0f ", "👉 ", "📌\ufe0f\ufe0f ", "\ufe0f ", "★\t"),
    # Word's "o" and "§" bullets, which only the line loop tells from a word.
    *("o ", "o\t", "o  ", "o", "\u00a7 ", "\u00a7\t", "\u00a7", "O ", "o. ", "o) "),
    # Table rows and setext underlines.
    *("| ", "|", "\\| ", "=", "==", "---", "- -"),
    # Word's private-use bullets, emoji of any kind, and joiners between them.
    *("\uf0b7 ", "\uf0b7", "\uf0a7\t", "\uf0fc ", "\uf0ff ", "\ue000 ", "🚀 ", "🚀", "✨ "),
    *("👩\u200d💻 ", "\u200d ", "👍🏽 ", "☎\ufe0f\u200d ", "\u25ff ", "\U0001fb00 "),
    # Roman numerals, and what only looks like one.
    *("ii. ", "iii) ", "viii. ", "xii) ", "IV. ", "XII) ", "iiii. ", "vx. ", "Ii. ", "ix.", "iv "),
    # Numbers of several levels, and what only looks like one (a quantity, too many).
    *("1.1 ", "1.1. ", "1.1) ", "2.3.4 ", "2.3.4) ", "1.2.3.4.5.6 ", "1.2.3.4.5.6.7 ", "2.5 "),
    *("1.1234 ", "1234.1 ", "1.\u0663 ", "1.1\t", "1.1", "1..1 ", "1.1.1.1.1.1. "),
    # Markers a converter to Markdown escaped, and what only looks like one.
    *("1\\. ", "123\\. ", "1234\\. ", "1.2\\. ", "\\- ", "\\* ", "\\+ ", "\\-", "\\# ", "\\\\- "),
)
_WORDS = (
    *POSTING_WORDS,
    *("Responsibilities", "What you'll do", "About us", "The role", "the", "Our", "you"),
    *("Requirements", "Skills and Experience", "BENEFITS", "PRODUCT MANAGER ROLE"),
    *("ǅemal", "Über", "İstanbul", "\u212aey", "É", "ÉTÉ", "x" * 70, "word " * 13),
    *("e.g.", "Dr.", "U.S.", "i.e.", "No.", "_", "__", "**", "#", "###", "##Title", "#7"),
    *("\ud800", "\u200b", "\u0301", "\x00", "\ufeff", "<li>", "٣", "42"),
    *("*", "_", "***", "snake_case", "<button>", "</button>", "<svg/>", "<nav a='>'>", "</NAV>"),
    *("|", " | ", "\\|", "o", "\u00a7", "===", "--", "o 3", "\u00a7 7", "o \u0663"),
    "\u00a7 \u00b2",
    # Line ends that go on into a capital, and words cut at a hyphen.
    *("and", "of", "our", "including", "band", "AND", "&", "x,", "cross-", "A-", "é-", "-"),
    # Lists written on one line.
    *(" • ", "•", " ● ", "\u00a0\uf0b7\t", " ▪", "Duties: a", "Location: x"),
    # Lines opened by a section heading and a colon.
    *("Benefits: a; b", "**Duties:** x", "__Duties__: x", "Duties :", "Duties:x", "é: x"),
    *("Benefits\uff1aa\uff1bb", "**Duties\uff1a**x", "Duties\ufe55 x", "Note\uff1ax"),
)
_PUNCTUATION = (".", "!", "?", ":", ";", ",", '."', ".”", ".’", ".)", "!)", "...", "?'", ".]")
# Full stops of other widths and scripts, which end a sentence without a space after.
_WIDE_PUNCTUATION = ("\u3002", "\uff01", "\uff1f", "\u3002\u201d", "\u2026", "\uff0e", "\u0964")
_CLOSERS = ("", '"', "'", "”", "’", ")", "]", ")’", "“")
_SPACES = (" ", " ", " ", "\t", "\u00a0", "\u2003", "\x1c", "\u2028", "\x85", "\x0b", "")
_BREAKS = (
    *("\n", "\r\n", "\r", "\n\n", "\r\r\n", "\n  ", "\n\t", "\n \n"),
    *("\n===\n", "\n---\r\n", "\n - \n", "\n=-\n", "\no ", "\n\u00a7 ", "\n| "),
)
_FRONT = ("", "---\ntitle: PM\n---\n", "+++\ntitle = 'x'\n+++\r\n", "\ufeff---\n---\n", "---\n")


#: What a line's body may become: itself, or something that may read as a heading.
_SHAPES = (
    *(lambda body: body,) * 4,
    str.upper,
    lambda body: f"**{body}**",
    lambda body: f"__{body}__",
    lambda body: f"*{body}*",
    lambda body: f"_{body}_",
    lambda body: f"***{body}***",
    lambda body: f"<button>{body}</button>",
    lambda body: f"# {body}",
    lambda body: f"{body}:",
)


def _line() -> st.SearchStrategy[str]:
    """One physical line: indent, marker, words and punctuation with odd white space."""
    token = st.one_of(st.sampled_from(_WORDS), st.sampled_from(_PUNCTUATION), st.text(max_size=3))
    words = st.lists(st.tuples(token, st.sampled_from(_SPACES)), min_size=1, max_size=8).map(
        lambda pairs: "".join(word + space for word, space in pairs)
    )
    return st.builds(
        lambda indent, marker, shape, body: indent + marker + shape(body),
        st.sampled_from(("", "", "  ", "\t", "\u3000")),
        st.sampled_from(("", *_MARKERS)),
        st.sampled_from(_SHAPES),
        words,
    )


def _texts() -> st.SearchStrategy[str]:
    """Whole texts: front matter, then lines and breaks, or any of the suite's hostile strings."""
    body = st.lists(st.tuples(_line(), st.sampled_from(_BREAKS)), max_size=20).map(
        lambda items: "".join(line + brk for line, brk in items)
    )
    lines = st.builds(lambda front, text: front + text, st.sampled_from(_FRONT), body)
    return st.one_of(
        lines,
        lines,
        lines,
        posting_texts(),
        adversarial_texts(),
        hostile_text(),
        st.lists(st.sampled_from((*_MARKERS, *_WORDS, *_PUNCTUATION, *_SPACES, *_BREAKS))).map(
            "".join
        ),
    )


def _fields(found: list[Statement]) -> list[tuple[object, ...]]:
    """Each statement's fields and their types: equal values of another type would differ."""
    return [
        (s.text, s.start, s.end, s.section, s.heading, s.kind, type(s.start), type(s.end))
        for s in found
    ]


def _both(text: str, include_headings: bool) -> tuple[list[Statement], list[Statement]]:
    reference, native = _Splitter(include_headings), _Splitter(include_headings)
    _text_statements(text, reference)
    _text_statements_native(text, native)
    return reference.out, native.out


@settings(max_examples=600, deadline=None)
@given(_texts(), st.booleans())
@example("- Own the roadmap\n* Track budget\n1. Plan sprints\n• Talk to users\n", False)
@example("Duties:\n- own it\n  and more\nREQUIREMENTS\nthe budget. Then plan\nnext", True)
@example("# About us\n**Benefits**\n- [x] done. Next one\r\ncontinued here\rX", True)
@example("\u0663. Own\n(iv) Track\n(abcde) Plan\n\u00b2. Talk\n- - x\n-", False)
@example("**Our stack**\n**Own it.**\n__Plan it__\n- **Track it**\n**x** and **y**\n***", True)
@example("a.b c\nThe role\n\u212a the role\nİstanbul:\n" + "w " * 200 + ":", True)
@example("*Our stack*\n- _Own it._\n***Plan it***\n*Benefits*\n_a_b_\n* x *\n*Own* it*\n", True)
@example("x\n<button a='>'>Go</button>\n- <svg/>\n<nav>a</nav> b\n- y and\n  <form></form>\n", True)
@example("x\n**<svg/>**\nand y\n- z and\n  __<nav>a</nav>__\n* *<svg/>*\n**\t<form/>**\n", True)
@example("Duties:\no Own it\no Track it\n\u00a7 Plan it\nthe role\no and more\n\no 3 x", True)
@example("Plan it\no Own it\r\n- Track\nPlan it\no own\nand\no\tx\r\no y\n  wrapped", False)
@example("Our team\n===\n**Bold**\n---\n# H\n---\n- x\n---\nOne.\n=\na\nb\n--\nz\n-", True)
@example("| A | B |\n|---|:-:|\n| x. Y | - z \\| w\nmore\n|x\n| RESPONSIBILITIES |\n|", True)
@example(
    "🛠 Our tech\nstack:\n- x\nWhat you'll be\ndoing:\n- y\n- z and\nwork on:\n\u00e9t\u00e9:\n",
    True,
)
@example("o Own the\n  roadmap\n🚀 Plan\nüber:\n→ a\nb:\n" + "x " * 40 + "\nxx" * 31 + ":", True)
@example("A. Responsibilities\nx\nI.\tBenefits:\nZ. Our team\nB.Requirements\nC. \n", True)
@example("x\n<!-- a -->\ny\n<!--\n---\n- b\n-->\nz and\n<!-- c --> d\n<!--\n<!-- e -->  \nf", True)
@example("- x\n  <!--\n<!--\n-->\n<!---->\n<!-->\n<!-- -- >\n", False)
@example("![a](b.png)\n- [![c](d)](e)\n**![f](g)**\n![h] i\n[!x\n![](\n- x and\n![j](k)\nl\n", True)
def test_native_splitter_equals_the_reference(text: str, include_headings: bool) -> None:
    reference, native = _both(text, include_headings)
    assert _fields(native) == _fields(reference)


@settings(max_examples=200, deadline=None)
@given(_texts())
def test_split_statements_uses_the_native_splitter_with_the_same_result(text: str) -> None:
    native = split_statements(text, markup="text", include_headings=True)
    with mock.patch("rolelens.statements.speedups", None):
        reference = split_statements(text, markup="text", include_headings=True)
    assert _fields(list(native)) == _fields(list(reference))


@pytest.mark.parametrize("marker", ["", *_MARKERS])
def test_every_marker_before_every_kind_of_line(marker: str) -> None:
    bodies: tuple[str, ...] = (
        "Own the roadmap",
        "own it",
        "",
        "x",
        "Responsibilities",
        "\u212aey duties",
    )
    bodies += ("REQUIREMENTS AND SKILLS", "Duties:", "One. Two", "e.g. Two", "**Bold**", "# T")
    bodies += ("*Own it*", "_Own it._", "***Own it***", "*Benefits*", "_x", "*x *", "<svg/>")
    bodies += ("<button>Apply</button>", "<button>A</button> b", "<nav>", "<b>x</b>", "<x")
    # A chrome element in emphasis is one too; beside words or in an unclosed pair it is not.
    bodies += ("**<svg/>**", "__<nav>x</nav>__", "*<svg/>*", "** <svg/> **", "_**<SVG/>**_")
    bodies += ("**<svg/>** x", "**<svg/> x**", "**<svg/>", "*<b>x</b>*", "**- <svg/>**", "*_<x")
    # Word's bullets, table rows and setext underlines, as bodies and after a line.
    bodies += ("o Own it", "o 3 things", "o", "o x\no y", "\u00a7 Plan", "\u00a7 22", "o. k")
    bodies += ("| a | b |", "|---|", "| a", "a | b", "| a \\| b |", "===", "---", "Own it\n===")
    # Either side of the 60 characters of a section phrase and the 300 of any heading.
    bodies += tuple(("Responsibilities" + " -" * 30)[:n] for n in (59, 60, 61))
    bodies += tuple("x" * (n - 3) + " y:" for n in (299, 300, 301))
    # A sentence boundary after each closing quote or bracket, and none without white space.
    bodies += tuple(
        f"One{end}{close}{gap}Two" for end in ".!?" for close in _CLOSERS for gap in " x"
    )
    for body in bodies:
        for before in ("", "Plan it\n", "- Plan it\n", "Plan it.\n", "o Plan it\n"):
            for after in (
                *("", "\nand more", "\n  indented more", "\r\nNext", "\rnext"),
                *("\n===", "\r\n---", "\no next", "\r\n- next", "\n| x | y |"),
            ):
                text = before + marker + body + after
                for include_headings in (False, True):
                    reference, native = _both(text, include_headings)
                    assert _fields(native) == _fields(reference), text


def test_hostile_shapes_at_scale() -> None:
    """The benchmark's plain-text shapes, large enough to hold every line pattern often."""
    bullets = "- Own the roadmap\n* Track budget\n1. Plan sprints\n• Talk to users\n" * 500
    soup = "\x00\u200b\u202e\ud800roadmap\r\n\u0301budget\r\u2028\x85\ufeff<li>\u2029 " * 500
    words = "Own the product roadmap, track the budget and milestones, interview customers; "
    for text in (bullets, soup, words * 200):
        for include_headings in (False, True):
            reference, native = _both(text, include_headings)
            assert native == reference
            assert len(native) > 0


@pytest.mark.parametrize("stop", _WIDE_STOPS)
def test_every_wide_full_stop_is_read_by_the_native_splitter(stop: str) -> None:
    """The C splitter's list of full stops of other widths and scripts is the Python
    one's: a stop it lacked would keep "Own the roadmap。Track the budget" whole."""
    for text in (f"Own the roadmap{stop}Track the budget", f"- Own it{stop}\nTrack it{stop}x"):
        reference, native = _both(text, False)
        assert _fields(native) == _fields(reference)
    reference, _native = _both(f"Own the roadmap{stop}Track the budget", False)
    assert len(reference) == 2


@given(
    st.lists(
        st.sampled_from(
            ["Own the roadmap", "track it", "Plan", "42", " ", "\n", *_WIDE_PUNCTUATION]
        ),
        max_size=12,
    ).map("".join),
    st.booleans(),
)
def test_native_splitter_equals_the_reference_on_wide_full_stops(
    text: str, include_headings: bool
) -> None:
    reference, native = _both(text, include_headings)
    assert _fields(native) == _fields(reference)


def test_text_statements_checks_its_arguments() -> None:
    splitter = _Splitter(False)
    kit = _native_kit()
    with pytest.raises(TypeError):
        speedups.text_statements(b"bytes", 0, splitter, kit)
    with pytest.raises(TypeError):
        speedups.text_statements("text", 0, splitter, kit[:4])
    with pytest.raises(TypeError):
        speedups.text_statements("text", 0, splitter, kit[:5])
    with pytest.raises(ValueError, match="begin"):
        speedups.text_statements("text", 5, splitter, kit)
    with pytest.raises(ValueError, match="begin"):
        speedups.text_statements("text", -1, splitter, kit)
    with pytest.raises(TypeError):
        speedups.text_statements("text", 0, splitter, (*kit[:2], (len,) * 6, *kit[3:]))
    with pytest.raises(AttributeError):
        speedups.text_statements("text", 0, object(), kit)
    speedups.text_statements("Own the roadmap", 0, splitter, kit)
    assert [s.text for s in splitter.out] == ["Own the roadmap"]


def test_lines_in_italics_or_of_chrome_go_to_the_python_it_calls() -> None:
    """The C loop makes no statement of a line a pair of single marks wraps, nor of a
    line that is one chrome element, bare or in emphasis (``**<svg/>**``, which was a
    heading): it asks the Python, which takes the marks off, drops the element, or
    finds a heading in the words."""
    text = (
        "*Own the roadmap*\n- _Run the sprints._\n- ***Ship it***\n*Benefits*\n- Lunch\n"
        "<button class='btn'>Apply</button>\n- <svg/>\n- Plan it and\n  <nav>x</nav>\n"
        "**<svg/>**\nand more\n"
    )
    expected = [
        ("sentence", "Own the roadmap", None),
        ("bullet", "Run the sprints.", None),
        ("bullet", "Ship it", None),
        ("heading", "Benefits", "benefits"),
        ("bullet", "Lunch", "benefits"),
        ("bullet", "Plan it and", "benefits"),
        ("sentence", "and more", "benefits"),
    ]
    for include_headings in (False, True):
        reference, native = _both(text, include_headings)
        assert _fields(native) == _fields(reference)
        assert [(s.kind, s.text, s.section) for s in native] == [
            item for item in expected if include_headings or item[0] != "heading"
        ]


def test_errors_raised_by_the_python_it_calls_propagate() -> None:
    class Failing(_Splitter):
        def single(self, *args: object, **options: object) -> None:
            raise RuntimeError("from single")

    with pytest.raises(RuntimeError, match="from single"):
        # Two sentences: the C loop hands the line to single().
        speedups.text_statements("Own it. Track it", 0, Failing(False), _native_kit())

    def failing_chrome_line(line: str) -> bool:
        raise RuntimeError("from chrome_line")

    kit = (*_native_kit()[:5], failing_chrome_line)
    with pytest.raises(RuntimeError, match="from chrome_line"):
        speedups.text_statements("Own it\n<nav>x</nav>", 0, _Splitter(False), kit)
