"""Split a job posting (plain text, Markdown or HTML) into statements with offsets and sections.

Theory of operation
-------------------
The splitter turns any string into *logical lines*, then each logical line
into statements. Nothing is ever parsed recursively and no regular
expression can backtrack over user text, so time is linear in the input.

1. **Logical lines.** Plain text and Markdown are read line by line (``\\n``,
   ``\\r\\n`` and ``\\r`` all end a line, as do a vertical tab, Word's manual
   line break, and U+2028 and U+2029, and so does a form feed with text
   on both sides on its line: a page break of PDF-extracted text). A byte
   order mark (U+FEFF) opening the text is skipped. Page chrome of such text
   is a blank line: a line that is only ``Page 3`` or ``Page 3 of 7``, and,
   when form feeds part three pages or more, a lone page number or a short
   line that is no list item nor a known section heading (``Benefits``)
   repeated within two lines of the top or bottom of three pages (a
   running header). A YAML (``---``) or TOML (``+++``)
   front-matter block at the very top (its first line after any comments a
   key or a table) is skipped without being parsed, in HTML too. A
   line continues the previous one (a bullet or sentence wrapped over several
   lines) when no blank line separates them, the previous line does not end
   with ``. ! ? : ;``, neither looks like a heading (but for a new line of
   at most 60 characters in lower case ending with ``:`` whose first word
   opens no section phrase, under a line that opens a paragraph, or that an
   emoji opens right under a heading: ``doing:`` under ``What you'll be``,
   ``stack:`` under ``Benefits`` and ``🛠 Our tech``), the new
   line is not a bullet, and it starts with a lower-case letter, is indented below a
   bullet, or the previous line ends with ``,``, ``&`` or a word no sentence
   ends on (``and``, ``the``, ``of``...: ``_OPEN_WORDS``), as a line
   hard-wrapped by a PDF does; after a letter and a hyphen, and before a
   lower-case letter, the line break gives nothing (``cross-`` then
   ``functional`` is ``cross-functional``). A line that is one element of
   page chrome in raw HTML, after any list markers
   (``<button class="btn">Apply</button>``, a self-closing ``<svg .../>``:
   a tag of ``CHROME_TAGS`` in ``rolelens._html``, from
   its start tag to the first end tag of its name, with nothing after it),
   bare or in emphasis marks around all of it (``**<svg/>**``), is dropped
   and ends the line before it, as a rule such as ``---`` does, and so are
   the lines of an HTML comment (``<!-- TODO -->``, or ``<!--`` to ``-->``
   over lines, nothing after the ``-->`` on its line) and a line that is a
   Markdown image alone (``![Acme logo](logo.png)``, or one in a link), as
   an ``img`` gives no text. Inside a line, an HTML comment that closes on
   it and a Markdown image (``![chart](c.png)``, ``[![CI](ci.svg)](ci)``)
   give nothing either: ``Own the roadmap <!-- check --> with design`` is
   "Own the roadmap with design" (a comment or image between two
   characters with no white space next to it, nothing: ``users<!-- x -->.``
   is "users."), and neither do a zero width space (U+200B), a word joiner
   (U+2060), a soft hyphen (U+00AD) or a byte order mark (U+FEFF) inside the
   text; other HTML in a
   Markdown line stays text. HTML is read by
   ``rolelens._html`` into blocks (``p``, ``li``, ``h1``-``h6``,
   ``br``...), with scripts, styles and site chrome dropped
   and entities decoded; characters of no width (written or as references,
   ``&shy;``, ``&#8203;``) and Markdown images show nothing there either, as
   in a Markdown line. Within a block, a blank line of the source, or a
   line break before a ``#`` heading or a list marker such as ``-`` or
   ``1.`` (an ``o`` or ``§`` bullet where plain text would read one), still
   ends the line (Markdown with some HTML in it, text pasted into a ``div``
   or ``pre``). A single ``<br>`` inside a block is a line
   break of plain text: the text after it goes on from the text before it
   by the rule above for a wrapped line (no ``. ! ? : ;`` before, no heading
   on either side, a lower-case letter and no list marker after), and is a
   line of its own, in the same list item, otherwise; two ``<br>`` in a row
   are a blank line; each line break in a ``pre`` is read as a ``<br>``. In
   an ``h2``-``h6`` a single ``<br>`` joins the lines
   into one heading (``<h3>What You'll<br>Do</h3>``), and in an ``h1`` (the
   job's name, then its place) or a paragraph in bold it does by that rule
   of a wrapped line. A Markdown table row (a line opening with ``|`` that
   holds another one) is cut into its cells at each ``|`` not after a
   backslash (a ``\\|`` reads as ``|``), and each cell is a line of its
   own, as each ``td`` of an HTML table is; the separator row
   (``|---|:---:|``) has no letter or digit and is a separator, and no line
   continues a row. A table with a row of headings naming a section in two
   columns or more ("Responsibilities | Requirements") lays its sections
   side by side: each cell of the rows below takes its own column's section
   and heading (a column whose row named none, those before the table), and
   the text after the table those before it; an HTML table nested in such a
   cell reads with that cell's. A ``<br>`` in a cell (GFM's
   line break there) ends a line of the cell, and a posting whose only HTML
   is such tags in table rows is read as Markdown, not HTML; in an HTML
   block, a line of the source that is such a row, with no markup in it,
   is read as one too. A row
   without its opening ``|`` (``Area | Duty``, which GFM accepts above a
   separator row) stays text: plain text writes titles so ("Product
   Manager | Berlin").
2. **Headings.** A logical line is a heading when it is a Markdown ``#``
   heading (``###Title`` without a space too, ``# **Title**`` in bold; after
   a space its text may open with an emoji, a number or a mark, as in
   ``## 🚀 What you'll do``, but not with a tag), an
   HTML ``h1``-``h6``, a short line ending with ``:``, a line in capitals of
   two to ten words, or a known heading from ``data/sections.toml`` alone on
   its line, also in Markdown emphasis (``*Benefits*``: its words are the
   heading) or after a capital letter, a dot and white space (an outline's
   ``A. Responsibilities`` or ``I. Requirements``: the words are the
   heading), or, on a line that is no list item, opens with a capital letter
   and does not end in ``. ! ? , ;``, with its ``qualifiers`` ("Your
   responsibilities", "Perks & benefits"); or when it is bold and nothing else (``**Title**``,
   ``<p><b>Title</b></p>``) and either its words are a heading by those
   rules or it has at most twenty words (a bold line ending like a sentence
   too: on real postings it introduces the list below it), unless what the
   bold holds is one element of page chrome (``**<svg/>**``,
   ``<p><b>&lt;svg/&gt;</b></p>``), which gives nothing. Italics never
   make a heading (``*Our stack*`` is a statement), and a list item is
   never a heading for its bold alone: ``- **Own the roadmap**`` and
   ``<li><b>Own the roadmap</b></li>`` are statements, as they would be
   without the bold. A setext heading is one too: a line of its own (not a
   list item, not a ``#`` heading, not wrapped), of at most twenty words and
   not ending in ``. ! ?``, right above a line of only ``=`` (level 1) or
   ``-`` (level 2), which gives nothing; above any other line such a rule is
   a separator (a heading wrapped over lines, which CommonMark allows, is
   not read: in plain text that is a wrapped paragraph above a rule). A
   heading sets the section key of the statements below it; an unknown
   heading nested deeper than the current section's heading keeps that
   section. A list item is a heading for its colon or its capitals only
   when its words name a section as a whole (``- You will:``,
   ``- Requirements:``): ``- Partner with engineering to:`` and ``- Our
   stack includes:`` are statements of the section they are in, as are
   the items below them (one that opens with a section phrase, ``- What you
   bring:``, starts that section, for itself and the items below); a line
   opened by an emoji (``🛠 Our tech stack:``), not a check mark or an
   arrow, is read as a line without it. A line whose colon ends a lead-in
   into a list (its last word ``to``, ``with``, ``for``...: ``_LEAD_IN_WORDS``)
   and that names no section, ``Partner with engineering to:``, is no
   heading but a statement.
3. **Statements.** Other lines lose their list markers (``-``, ``*``, ``•``,
   ``1.``, a number of up to six levels with a ``.`` or ``)`` after it
   (``1.1.``, ``1.1)``), of three levels or more (``2.3.4``), or of two
   before a capital letter (``1.1 Coordinate``, not ``2.5 days``), ``a)``,
   ``(iv)``-style letters, ``ii.`` to ``xii.`` and ``II.`` to ``XII.``,
   ``[ ]``, a number with a dash or colon after it or ``#``
   before it (``1 - Own``, ``1: Own``, ``#1 Own``) on a run of lines opening
   so with 1, 2, 3... in one form, each within five lines with text of the
   last, not before a digit (a lone ``3 - 5 years`` keeps its number; in
   HTML the lines are those of the blocks, and of the source inside one,
   which such a number then ends as a list marker does), a
   marker a converter to Markdown escaped (``1\\.``, ``\\-``,
   ``\\*``, ``\\+``), any emoji or dingbat, the triangular bullet, diamonds,
   small squares and arrows (``‣ ◆ ◇ ◾ ◽ ▹ ▻ ⦿ ⮚ ⇒``), a hyphen, minus or
   ``»`` before white space, a ``-`` right before a capital letter
   (``-Own the roadmap``), Word's private-use Symbol and Wingdings
   bullets..., and Word's ``o`` and ``§`` bullets before a word:
   in plain text ``o`` only where the line cannot be the wrapped end of an
   open line that is no list item, or the next line is a list item too; in
   HTML at the start of a block, and after a ``<br>`` or a line break of the
   source by that rule of plain text) and the Markdown
   emphasis around all of their text: a ``**`` or ``__`` pair, a ``*`` or
   ``_`` pair, or both (``- **Own the roadmap**``, ``- *Own the roadmap*``
   and ``- ***Own the roadmap***`` give "Own the roadmap", as their HTML
   twins in ``b`` or ``i`` do). A single mark opens a pair only before a
   non-space and closes one only after a non-space (``* Own it`` is a
   bullet), a pair holds no mark of its own kind (``*Own* it*`` keeps its
   marks), and a ``_`` between letters or digits (``snake_case``) is no
   mark. They are cut into sentences at ``. ! ?`` followed by white space
   and a capital letter, digit or opening quote, except after common
   abbreviations and initials (and at a CJK or fullwidth ``。 ！ ？``, with
   or without the white space), and a list written on one line is cut at
   each bullet with white space on both sides (``Own it • Track it``), or at
   each middle dot so written when there are two (``Roadmaps · Discovery ·
   Pricing``; one is a title's separator, ``Berlin · Remote``), and a line of
   plain text at each tab when two runs of white space with a tab part it
   in three (columns of a table pasted as text; one tab parts a label from
   its value, ``Salary:\tEUR 80k``, and stays): each
   item a list item; a known section phrase and a colon opening the line
   is a heading). A line that is no list item (an emoji before it aside)
   and opens with a phrase of ``data/sections.toml`` as a whole, in
   emphasis or not, then a colon (a ``：`` of another width or script needs
   no white space after it) and more words (``Responsibilities: Own
   the roadmap; run the sprint reviews``, ``**Benefits:** Remote work``) is
   that section's heading and its statements: one list item for each part
   ``;`` and white space (or a ``；`` of another width or script) end, else
   one statement of the line's kind, cut into sentences. Pieces without any letter or digit are
   dropped (rules, separators), and so are pieces that are only a page
   number (``Page 3 of 7``), and pieces that are one element of
   page chrome, as such a line is (``- **<svg/>**``, or in HTML markup the
   page escaped, ``&lt;button&gt;Apply&lt;/button&gt;``).

Offsets
-------
``start`` and ``end`` always index the string given to
:func:`~rolelens.split_statements`, and ``start < end``. For plain text and Markdown,
``text`` equals ``text_of(source[start:end])`` where line breaks (a form
feed that ends a line too, a vertical tab, U+2028 and U+2029), with the
white space around them, become a
single space, and so do a comment, image or zero width character inside a
line (see 1.): for a
statement on one line with none inside it,
``statement.text == source[statement.start:statement.end]`` exactly, but
that in a Markdown table cell each ``\\|`` reads as ``|``.
For HTML, ``source[start:end]`` covers the markup from the statement's first
visible character to its last, and ``text`` is that range's visible text:
tags removed, entities decoded, every run of white space collapsed to one
space.
"""

from __future__ import annotations

import functools
import itertools
import re
import tomllib
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from importlib import resources
from typing import Any

import attrs

from rolelens._checks import must_be, shown_int, whole_number
from rolelens._collection import collection_paused
from rolelens._html import (
    ANY_BR,
    CHROME_TAGS,
    INLINE_IMAGE,
    TAG_NAME,
    WRITTEN_BR,
    ZERO_WIDTH,
    Block,
    CellPath,
    Segment,
    holds_written_tags,
    holds_zero_width,
    iter_html_blocks,
    looks_like_html,
    tag_end,
    without_code_spans,
)
from rolelens._memo import remember
from rolelens._native import speedups
from rolelens.errors import ArgumentError, ArgumentTypeError, MarkupError
from rolelens.text import marks_like

__all__ = [
    "KINDS",
    "MARKUPS",
    "Statement",
    "front_matter",
    "section_keys",
    "section_of",
    "split_statements",
]

#: The values of ``Statement.kind``; a ``bullet`` is a list item, a ``sentence`` a
#: sentence of running text, and a ``heading`` (only with ``include_headings=True``)
#: a heading.
KINDS: tuple[str, ...] = ("bullet", "sentence", "heading")
#: Accepted values of ``split_statements(markup=...)``.
MARKUPS: tuple[str, ...] = ("auto", "text", "html")

_HEADING_LEVEL_PLAIN = 7  # headings without a syntactic level sit below every h6
# A list item read as a heading ("- Requirements:", "🛠 Our tech stack:") sits below
# those: an unknown one nested in a plain section ("Responsibilities", then the list)
# keeps it.
_HEADING_LEVEL_LISTED = 8
_SECTIONS_LIMIT = 4096  # distinct headings whose sections one split keeps
_MAX_BOLD_HEADING_WORDS = 20
_MAX_COLON_HEADING_WORDS = 10

# A glyph may carry U+FE0F, which asks for its emoji form ("✔️"), or a zero-width
# joiner that glues it to the next emoji ("👩‍💻", whose second glyph the next round of
# _strip_markers takes): part of the marker. Besides the usual bullets, a glyph is any
# emoji or dingbat (U+2600-U+27BF, U+1F300-U+1FAFF: "🚀 Own the roadmap"), the
# triangular bullet, diamonds, small squares and arrows of Word, Google Docs and web
# pages (‣ ◆ ◇ ◾ ◽ ▹ ▻ ⦿ ⮚ ⇒), and the
# Symbol and Wingdings bullets Word pastes as private-use characters (U+F06E, U+F076,
# U+F0A7, U+F0A8, U+F0B7, U+F0D8, U+F0E0, U+F0FC). A number may have levels
# ("1.1.", "2.3.4", "1.1)"; six at most): with a "." or ")" after it, or three or more, it
# is numbering; two levels alone ("1.1 Coordinate releases") only before a capital
# letter, as "2.5 days a week in the office" opens with a quantity. A converter from HTML
# to Markdown escapes a marker it found as text ("1\. Own the roadmap", "\- Track"): a
# marker all the same. Hyphens U+2010-U+2012, the minus sign and "»" are dashes: markers
# only before white space ("−5% churn", "»Wir suchen dich«" keep theirs). A "-" is one
# before a capital letter too, as a list typed by hand writes it ("-Own the roadmap"):
# no word opens so.
_MARKER = re.compile(
    r"(?:[•·●○◦▪▫■□►▸▶➢➤✓✔✗→⁃∙✅☑➡★⭐🔹🔸🔷🔶👉📌‣◆◇◾◽▹▻⦿⮚⇒"
    r"\u2600-\u27bf\U0001f300-\U0001faff"
    r"\uf06e\uf076\uf0a7\uf0a8\uf0b7\uf0d8\uf0e0\uf0fc][\ufe0f\u200d]*\s*"
    r"|(?:[-*+>–—\u2010-\u2012\u2212»]|\\[-*+]|\d{1,3}(?:(?:\.\d{1,3}){0,5}[.)]|(?:\.\d{1,3}){2,5}"
    r"|\.\d{1,3}(?=\s+[A-Z])|\\\.)"
    r"|\(\d{1,3}\)|[a-z][.)]|\([A-Za-z]{1,4}\)|[A-Z]\)|\[[ xX]\]"
    r"|(?:ii|iii|iv|vi|vii|viii|ix|xi|xii|II|III|IV|VI|VII|VIII|IX|XI|XII)[.)])\s+"
    r"|-(?=[A-Z]))"
)
# A full stop, "!" or "?" of another width or script ("。", "！") ends a sentence with or
# without white space after it, as CJK text writes it: "Own the roadmap。Track the
# budget" was one statement. Without white space, only before a capital or an opener
# (see _sentences): "３．５" stays a number.
_WIDE_STOPS = "".join(c for c in marks_like(".!?") if not c.isascii())
_BOUNDARY = re.compile(rf"""[.!?]["'”’)\]]*\s|[{_WIDE_STOPS}]["'”’)\]]*""")
# A bullet between two items of a list written on one line ("Own the roadmap • Track
# the budget"): white space, one of a few round or square bullets, white space.
_INLINE_BULLET = re.compile("\\s[•●▪\uf0b7]\\s")
# A middle dot parts the items of a list written on one line too ("Roadmaps · Discovery ·
# Pricing"), but one alone is as often a separator in a title ("Berlin · Remote"), so a
# line is such a list only with two of them (_inline_separator).
_MIDDLE_DOT = re.compile("\\s\u00b7\\s")
_INLINE_BULLET_OR_DOT = re.compile("\\s[•●▪\uf0b7\u00b7]\\s")
# The same middle dot between white space that is no line break: a physical line of
# plain text (_middle_dot_lists).
_MIDDLE_DOT_IN_LINE = re.compile("[^\\S\r\n]\u00b7[^\\S\r\n]")
# A tab parts the columns of a table pasted from a spreadsheet or Word as text ("Own the
# roadmap<TAB>Track the budget<TAB>Hire the team"), but one alone as often parts a label
# from its value ("Salary:<TAB>$100k"), so a line is such a row only with two runs of
# white space holding a tab (_tab_columns). From the tab on, so that no run of spaces
# is tried at each of its characters; the spaces before it are trimmed off its cell.
_TAB_OR_BULLET = re.compile("\t[ \t]*|\\s[•●▪\uf0b7]\\s")
_OPENERS = frozenset("\"'“‘([")
_ABBREVIATIONS = frozenset(
    [
        "e.g",
        "i.e",
        "eg",
        "ie",
        "vs",
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "inc",
        "ltd",
        "llc",
        "co",
        "corp",
        "jr",
        "sr",
        "st",
        "no",
        "approx",
        "incl",
        "dept",
        "fig",
        "min",
        "max",
        "avg",
        "est",
    ]
)
_LINE_END = re.compile(r"\r\n|\r|\n")
_TERMINAL = frozenset(".!?:;")


def _check_kind(_instance: object, _attribute: object, value: object) -> None:
    if value not in KINDS:
        # kind=5 or None is of the wrong type: a TypeError too (ArgumentTypeError). Cut:
        # a posting passed as the kind was repeated whole in the message.
        error = ArgumentError if isinstance(value, str) else ArgumentTypeError
        raise error(f"kind must be one of {', '.join(KINDS)}, got {value!r:.40}")


def _check_start(_instance: object, _attribute: object, value: int) -> None:
    # The type first: 1.5, True or "0" were kept (or failed in attrs' own ">=" with
    # "'>=' not supported between instances of 'str' and 'int'"), and a NaN end passed.
    if whole_number(value, "start") < 0:
        raise ArgumentError(f"start must be >= 0, got {shown_int(value)}")


def _check_end(instance: Statement, _attribute: object, value: int) -> None:
    if whole_number(value, "end") <= instance.start:
        shown = shown_int(value)
        raise ArgumentError(f"end must be after start ({shown_int(instance.start)}), got {shown}")


def _check_optional_text(_instance: object, attribute: Any, value: object) -> None:
    if value is not None and not isinstance(value, str):
        raise TypeError(f"{attribute.name} must be a str or None, got {type(value).__name__}")


def _check_text(_instance: object, _attribute: object, value: str) -> None:
    if not isinstance(value, str):
        raise TypeError(f"text must be a str, got {type(value).__name__}")
    if not value or value != value.strip():
        raise ArgumentError(f"text must be non-empty and trimmed, got {value!r:.60}")


@attrs.frozen
class Statement:
    """One statement of a posting, located in the original text.

    ``text`` is the statement's visible text (see the module docstring for
    its exact relation to ``source[start:end]``); ``section`` is the
    normalised key of the heading above it (``"responsibilities"``,
    ``"requirements"``, ``"benefits"``, ``"about"``, ``"overview"``,
    ``"application"``, ``"legal"``) or ``None``; ``heading`` is that heading
    as written; ``kind`` is one of :data:`~rolelens.statements.KINDS`.

    ``start`` and ``end`` are ints with ``0 <= start < end``; a value that is
    not an int (``1.5``, ``True``), or a ``section`` or ``heading`` that is
    neither a ``str`` nor ``None``, raises ``TypeError``, and a span out of
    order, an empty or untrimmed ``text`` or an unknown ``kind``
    :class:`~rolelens.errors.ArgumentError` (a ``kind`` that is no ``str``,
    :class:`~rolelens.errors.ArgumentTypeError`, a ``TypeError`` too).
    """

    text: str = attrs.field(validator=_check_text)
    start: int = attrs.field(validator=_check_start)
    end: int = attrs.field(validator=_check_end)
    section: str | None = attrs.field(default=None, validator=_check_optional_text)
    heading: str | None = attrs.field(default=None, validator=_check_optional_text)
    kind: str = attrs.field(default="sentence", validator=_check_kind)

    @property
    def span(self) -> tuple[int, int]:
        """``(start, end)`` into the original text."""
        return (self.start, self.end)


_NEW = object.__new__
# Each field's slot setter, in field order (the check below keeps them in step).
_FIELDS = ("text", "start", "end", "section", "heading", "kind")
if tuple(field.name for field in attrs.fields(Statement)) != _FIELDS:  # pragma: no cover
    raise AssertionError("_FIELDS must list Statement's fields")
_SET_TEXT, _SET_START, _SET_END, _SET_SECTION, _SET_HEADING, _SET_KIND = (
    Statement.__dict__[name].__set__ for name in _FIELDS
)


def _valid_statement(
    text: str, start: int, end: int, section: str | None, heading: str | None, kind: str
) -> Statement:
    """``Statement(...)`` for values valid by construction, at half the cost.

    Filling the slots directly skips attrs' per-field calls and validators;
    the one-statement-per-line path of a plain-text posting makes one per
    line, so this is a large share of splitting time. Callers guarantee
    what the validators check: ``text`` non-empty and trimmed, ``0 <= start
    < end``, ``kind`` in :data:`KINDS`.
    """
    statement: Statement = _NEW(Statement)
    _SET_TEXT(statement, text)
    _SET_START(statement, start)
    _SET_END(statement, end)
    _SET_SECTION(statement, section)
    _SET_HEADING(statement, heading)
    _SET_KIND(statement, kind)
    return statement


# --- headings as data --------------------------------------------------------------------


# Neither alphanumeric (str.isalnum) nor an apostrophe: \w is exactly isalnum plus "_".
_NOT_WORD_CHAR = re.compile(r"[^\w']|_")


def _plain_letters(text: str) -> str:
    """``text`` in NFKC, as the classifier reads it, when it is not ASCII: the styled
    letters of Unicode's mathematical alphabets ("𝗪𝗵𝗮𝘁 𝘆𝗼𝘂'𝗹𝗹 𝗱𝗼", LinkedIn's way of
    writing bold) and fullwidth ones ("Ｒｅｑｕｉｒｅｍｅｎｔｓ") become plain letters."""
    return text if text.isascii() else unicodedata.normalize("NFKC", text)


def _normalise(text: str) -> str:
    """Lower-case words separated by single spaces; apostrophes kept inside words;
    styled letters plain (:func:`_plain_letters`)."""
    cleaned = _plain_letters(text).lower().replace("’", "'").replace("‘", "'")
    spaced = _NOT_WORD_CHAR.sub(" ", cleaned)
    return " ".join(spaced.replace(" '", " ").replace("' ", " ").split())


@functools.cache
def _section_phrases() -> tuple[dict[str, str], dict[str, str], int]:
    """``(exact, phrases, longest)``: each normalised phrase's key, the first one
    ``sections.toml`` gives it; the same with the alphabetically first key, which
    :func:`section_of` picks between keys found at one place; the most words of a
    phrase."""
    raw = resources.files("rolelens").joinpath("data/sections.toml").read_text(encoding="utf-8")
    data = tomllib.loads(raw)
    exact: dict[str, str] = {}
    phrases: dict[str, str] = {}
    for key, table in data["sections"].items():
        for phrase in table["phrases"]:
            norm = _normalise(phrase)
            exact.setdefault(norm, key)
            phrases[norm] = min(phrases.get(norm, key), key)
    return exact, phrases, max((len(norm.split()) for norm in phrases), default=0)


def section_keys() -> tuple[str, ...]:
    """The section keys :func:`section_of` can return, in the order of
    ``rolelens/data/sections.toml``: ``("responsibilities", "requirements", ...)``."""
    return tuple(dict.fromkeys(_section_phrases()[0].values()))


def section_of(heading: str) -> str | None:
    """Return the section key a heading names, or ``None`` when it names none.

    An exact phrase wins; otherwise the phrase found earliest in the heading
    (the longer one when two start at the same word). The phrases live in
    ``rolelens/data/sections.toml``; :func:`section_keys` lists the keys.

    >>> section_of("What you'll do:")
    'responsibilities'
    >>> section_of("Skills and Experience")
    'requirements'
    >>> section_of("Our stack") is None
    True

    A ``heading`` that is not a ``str`` raises ``TypeError`` naming its type.
    """
    if not isinstance(heading, str):
        raise TypeError(f"section_of() expects a str, got {type(heading).__name__}")
    norm = _normalise(heading[:200])
    if not norm:
        return None
    exact, phrases, longest = _section_phrases()
    if norm in exact:
        return exact[norm]
    # The word runs that start at each word, longest first: a few dictionary lookups
    # per word of the heading, however many phrases there are (a page of a hundred
    # thousand bold lines asks this of each).
    words = norm.split(" ")
    for first in range(len(words)):
        for last in range(min(len(words), first + longest), first, -1):
            key = phrases.get(" ".join(words[first:last]))
            if key is not None:
                return key
    return None


def _opening_section(text: str) -> str | None:
    """The section key of the phrase ``text`` opens with: at its first or second word
    ("You will be responsible for", "What you bring"), or after qualifiers ("Your
    key responsibilities include"); the longest phrase at the first such word.
    ``None`` when no phrase opens it ("Partner with the benefits team")."""
    words = _normalise(text[:200]).split(" ")
    _, phrases, longest = _section_phrases()
    qualifiers = _qualifiers()
    for first in range(len(words)):
        for last in range(min(len(words), first + longest), first, -1):
            key = phrases.get(" ".join(words[first:last]))
            if key is not None:
                return key
        if first and words[first] not in qualifiers:
            break
    return None


_FIRST_WORD = re.compile(r"[^\W_]+")


@functools.cache
def _qualifiers() -> frozenset[str]:
    """``qualifiers`` of ``sections.toml``: words that may stand before a section phrase
    in a heading ("Your", "Preferred", "and")."""
    raw = resources.files("rolelens").joinpath("data/sections.toml").read_text(encoding="utf-8")
    return frozenset(_normalise(word) for word in tomllib.loads(raw).get("qualifiers", ()))


@functools.cache
def _first_words() -> frozenset[str]:
    """The words a known heading may open with: a phrase's first word or a qualifier
    (the C splitter asks :func:`_heading_of` of a line opening with one)."""
    words = (_FIRST_WORD.search(phrase) for phrase in _section_phrases()[0])
    return frozenset(match.group() for match in words if match is not None) | _qualifiers()


@functools.cache
def _last_words() -> frozenset[str]:
    """The last run of letters and digits of each section phrase: what a qualified
    heading ends on ("benefits", and "ll" of "you'll")."""
    return frozenset(_FIRST_WORD.findall(phrase)[-1] for phrase in _section_phrases()[0])


@functools.lru_cache(maxsize=_SECTIONS_LIMIT)  # a long posting repeats its headings
def _qualified_section(text: str) -> bool:
    """Whether the trimmed ``text`` (60 characters at most) is only qualifiers and section
    phrases, ending with a phrase, and opens with a capital letter: "Your
    responsibilities", "Preferred qualifications", "Perks & benefits". A sentence ends
    otherwise ("Key skills." is none), and a lower-case line may be a wrapped one's end."""
    text = _plain_letters(text)
    if not text[0].isupper() or text[-1] in ".!?,;":
        return False
    # A cheap test first, a line is seldom a heading: its last word ends a phrase.
    last = _FIRST_WORD.findall(text.rsplit(None, 1)[-1])
    if not last or last[-1].lower() not in _last_words():
        return False
    words = _normalise(text.replace("&", " and ")).split()
    phrases, _, longest = _section_phrases()
    qualifiers = _qualifiers()
    # phrased[j]: words[:j] parse, ending with a phrase; open_[j]: ending with a qualifier
    # (or empty). A line of at most 60 characters has at most 30 words.
    phrased = [False] * (len(words) + 1)
    open_ = [True] + [False] * len(words)
    for j in range(1, len(words) + 1):
        open_[j] = words[j - 1] in qualifiers and (open_[j - 1] or phrased[j - 1])
        phrased[j] = any(
            (open_[i] or phrased[i]) and " ".join(words[i:j]) in phrases
            for i in range(max(0, j - longest), j)
        )
    return phrased[-1] if words else False


def _could_be_section(text: str) -> bool:
    """Cheap test before :func:`_normalise`: does the first word start some section phrase?"""
    match = _FIRST_WORD.search(text)
    return match is not None and _plain_letters(match.group()).lower() in _first_words()


def _has_alnum(text: str) -> bool:
    if text and (text[0].isalnum() or text[-1].isalnum()):
        return True
    return _FIRST_WORD.search(text) is not None


def _word_count(text: str, limit: int) -> int:
    return len(text.split(None, limit))


def _pair_bounds(text: str, start: int, end: int) -> tuple[int, int, bool] | None:
    """``(start, end, bold)`` of what one pair of emphasis marks around all of the
    trimmed ``text[start:end]`` holds, trimmed; ``None`` when no pair wraps it.

    A ``**`` or ``__`` pair (``bold``) holds no other such pair; a single ``*`` or
    ``_`` pair holds no mark of its own kind (a ``_`` between two letters or digits,
    as in ``snake_case``, is no mark) and, as in Markdown, no white space just inside
    it. Either holds a letter or digit (``**--**`` and ``*`` alone are no pairs).
    """
    if end - start < 3:
        return None
    mark = text[start]
    if mark not in "*_":
        return None
    if text[start + 1] == mark:  # "**" or "__", or the "**" of a "***" pair
        if end - start <= 4 or not text.startswith(text[start : start + 2], end - 2):
            return None
        a, b = start + 2, end - 2
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a == b or text.find("**", a, b) >= 0 or text.find("__", a, b) >= 0:
            return None
        return (a, b, True) if _has_alnum(text[a:b]) else None
    a, b = start + 1, end - 1
    if (
        text[b] != mark
        or text[b - 1] == mark
        or text[a].isspace()
        or text[b - 1].isspace()
        or (text.find(mark, a, b) >= 0 if mark == "*" else _UNDERSCORE_MARK.search(text, a, b))
    ):
        return None
    return (a, b, False) if _has_alnum(text[a:b]) else None


# A "_" that is a Markdown emphasis mark: not between two letters or digits. Opening
# with the "_" itself lets the search skip to each one.
_UNDERSCORE_MARK = re.compile(r"_(?:(?![^\W_])|(?<![^\W_]_))")


def _emphasis_bounds(
    text: str, start: int, end: int, *, markers: bool = False
) -> tuple[int, int, bool] | None:
    """``(start, end, bold)`` of the trimmed ``text[start:end]`` without the emphasis
    pairs around all of it (:func:`_pair_bounds`: ``**Own it**``, ``_Own it_``, and
    both in ``***Own it***``), and with ``markers``, without list markers just inside
    each pair too; ``bold`` when a ``**`` or ``__`` pair was one of them. ``None``
    when no pair wraps the text.

    No pair holds another of its kind, so at most three come off (a bold pair, a
    ``*`` one and a ``_`` one), each at the cost of one pass over the text.
    """
    bold = False
    found: tuple[int, int] | None = None
    while text[start] in "*_":
        pair = _pair_bounds(text, start, end)
        if pair is None:
            break
        start, end = pair[0], pair[1]
        bold = bold or pair[2]
        if markers:
            start = _strip_markers(text, start, end)
        found = (start, end)
    return None if found is None else (found[0], found[1], bold)


def _plain_heading(text: str, *, listed: bool = False, item: bool | None = None) -> bool:
    """Whether the trimmed, non-empty ``text`` reads as a heading without any markup:
    a short line ending with ``:``, a line in capitals of two to ten words, or a known
    heading of ``data/sections.toml`` alone, or, unless ``listed`` (a list item, which
    "- Key skills" may well be), in qualifiers (:func:`_qualified_section`).

    A list item (``item``, by default ``listed``) ending with ``:`` or in capitals is
    a heading only when its words name a section as a whole (``- You will:``,
    ``- Requirements:``): ``- Partner with engineering to:`` is a duty, and ``- Our
    stack includes:`` a statement of the section it is in, as are the items below
    them. Nor is any other line that leads into a list (:func:`_leads_in`: "Partner
    with engineering to:") a heading for its colon."""
    if len(text) > 300:
        return False
    # The three tests below give the same answer, so their order only saves time.
    if (
        text[-1] == ":"
        and _word_count(text, _MAX_COLON_HEADING_WORDS + 1) <= _MAX_COLON_HEADING_WORDS
        and _has_alnum(text)
    ) or (
        text.isupper()
        and 2 <= _word_count(text, 11) <= 10
        and sum(ch.isalpha() for ch in text) >= 4
    ):
        if listed if item is None else item:
            return _names_section(text)
        return text.isupper() or not _leads_in(text)
    return (
        len(text) <= 60
        and _could_be_section(text)
        and (_normalise(text) in _section_phrases()[0] or (not listed and _qualified_section(text)))
    )


# The words a line leading into a list ends on before its colon, which no heading ends
# on: "Partner with engineering to:", "We are looking for someone who:". ("Our stack
# includes:" names what the list holds, as a heading does, and stays one.)
_LEAD_IN_WORDS = frozenset(
    [
        *("to", "for", "with", "of", "in", "on", "by", "at", "from", "into", "across"),
        *("through", "via", "as", "like", "and", "or", "the", "a", "an", "our", "your"),
        *("their", "its", "will", "can", "should", "must", "would", "could", "may"),
        *("shall", "is", "are", "be", "that", "which", "who"),
    ]
)


def _leads_in(text: str) -> bool:
    """Whether the trimmed ``text``, ending with ``:``, is the lead-in of the list below
    it rather than a heading: two words or more, the last of :data:`_LEAD_IN_WORDS`
    ("Partner with engineering to:"), and no section named in it (:func:`section_of`:
    "Ideally you have:" still opens the requirements)."""
    words = _FIRST_WORD.findall(text, max(0, len(text) - 40))
    return (
        bool(words)
        and _plain_letters(words[-1]).lower() in _LEAD_IN_WORDS
        and _word_count(text, 2) >= 2
        and section_of(text) is None
    )


def _names_section(text: str) -> bool:
    """Whether the trimmed ``text`` is, but for punctuation, a known section heading:
    one of ``data/sections.toml``'s phrases, or qualifiers and phrases
    (:func:`_qualified_section`), in at most 60 characters."""
    return (
        len(text) <= 60
        and _could_be_section(text)
        and (_normalise(text) in _section_phrases()[0] or _qualified_section(text))
    )


def _item(text: str, first: int, listed: bool) -> bool:
    """Whether ``text``, whose list markers end at ``first``, is a list item that a colon
    or capitals make a heading only when it names a section (``item`` of
    :func:`_heading_of`): ``listed``, and not opened by an emoji, which posts (on
    LinkedIn above all) put before their headings ("🛠 Our tech stack:") as they put
    them before their bullets; a check mark or an arrow is a bullet."""
    if not listed:
        return False
    if not first:
        return True
    mark = ord(text[0])
    return not (
        (0x1F300 <= mark <= 0x1FAFF or 0x2600 <= mark <= 0x27BF or mark == 0x2B50)
        and mark not in _BULLET_DINGBATS
    )


# The dingbats that are bullets alone: ✓ ✔ ✗ ➢ ➤.
_BULLET_DINGBATS = frozenset((0x2713, 0x2714, 0x2717, 0x27A2, 0x27A4))


def _heading_shaped(text: str) -> bool:
    """Whether the trimmed ``text``, in bold and alone on its line or in its paragraph
    (not a list item), is a heading for its shape: at most twenty words. A bold line
    that ends like a sentence stays a heading too: on real postings such a line
    introduces the list below it ("You will bring most of the following.")."""
    return _word_count(text, _MAX_BOLD_HEADING_WORDS + 1) <= _MAX_BOLD_HEADING_WORDS


def _heading_of(
    text: str, *, listed: bool = False, item: bool | None = None
) -> tuple[str, int] | None:
    """``(heading as written, level)`` when the trimmed, non-empty ``text`` reads as a heading.

    Text in emphasis (:func:`_emphasis_bounds`) is a heading when its words are one
    without the marks, or, when a ``**`` or ``__`` pair is among them and unless
    ``listed`` (the text is a list item, its markers removed), when
    :func:`_heading_shaped` says so: bold alone never makes a list item a heading,
    and italics alone never make anything one. ``item`` (by default ``listed``) says
    the text is a list item, which a colon or capitals make a heading only when it
    names a section (:func:`_plain_heading`); the words in emphasis of a line that is
    none are asked with ``listed`` alone.
    """
    first = text[0]
    if first == "#":
        hashes = len(text) - len(text.lstrip("#"))
        rest = text[hashes:].strip()
        # A closing run of "#" goes only after white space ("## Benefits ##"), as in
        # CommonMark: "# Senior Engineer, C#" keeps its "C#".
        closing = len(rest) - len(rest.rstrip("#"))
        if closing and (closing == len(rest) or rest[-closing - 1].isspace()):
            rest = rest[:-closing].rstrip()
        # "# **Senior Product Manager**": a heading in emphasis, whose words are the heading.
        # After a space the words may open with anything but a tag: "## 🚀 What you'll
        # do", "## 1. Responsibilities" (they were statements, "#" and all); without
        # one, with a letter ("###Title"), as "#1 in our market" is no heading.
        opening = rest.lstrip("*_")[:1]
        if (
            hashes <= 6
            and rest
            and (
                opening.isalpha()
                or (text[hashes].isspace() and opening != "<" and _has_alnum(rest))
            )
        ):
            inside = _emphasis_bounds(rest, 0, len(rest)) if rest[0] in "*_" else None
            return (rest if inside is None else rest[inside[0] : inside[1]]), hashes
    if first in "*_":
        inside = _emphasis_bounds(text, 0, len(text), markers=True)
        if inside is not None:
            # The words as a statement would give them (see _unemphasised); no pair
            # wraps them, so this asks once more at most. Italics alone make no
            # heading: only a bold pair makes a line a heading for its shape.
            inner = text[inside[0] : inside[1]]
            if inner[0] == "<" and _chrome_line(inner):
                # "**<svg/>**" gives no statement (line() drops it): no heading either,
                # not even for the capitals of the whole line ("**<BUTTON>GO NOW</BUTTON>**").
                return None
            found = _heading_of(inner, listed=True, item=listed)
            if found is not None and not listed and found[1] == _HEADING_LEVEL_LISTED:
                found = (found[0], _HEADING_LEVEL_PLAIN)  # a line in emphasis, no list item
            if found is None and inside[2] and not listed and _heading_shaped(inner):
                found = (inner, _HEADING_LEVEL_PLAIN)
            if found is not None:
                return found
    if "A" <= first <= "Z" and len(text) > 3 and text[1] == "." and text[2] in " \t":
        # An outline's letter or first Roman numeral before a section's name ("A.
        # Responsibilities", "I. Requirements"): no list marker, as "J. Smith" or "I.
        # e." may open a sentence, but a heading as "II. Requirements" is.
        rest = text[3:].lstrip()
        if rest and _names_section(rest):
            return rest, _HEADING_LEVEL_LISTED
    if _plain_heading(text, listed=listed, item=item):
        return text, _HEADING_LEVEL_LISTED if listed else _HEADING_LEVEL_PLAIN
    return None


# --- cutting a logical line into statements ------------------------------------------------


def _strip_markers(visible: str, start: int, end: int) -> int:
    """Index after any list markers at ``visible[start:end]``, keeping at least one character."""
    while True:
        # A letter not followed by "." or ")" starts no marker: the common case, a word
        # (checked again after each marker, so "- Own" needs one regex call, not two),
        # unless two of i, v and x in one case may open a Roman numeral ("ii. Specs").
        letter = visible[start]
        if letter.isalpha() and (
            start + 1 == end
            or (
                visible[start + 1] not in ".)"
                and not (letter in "ivx" and visible[start + 1] in "ivx")
                and not (letter in "IVX" and visible[start + 1] in "IVX")
            )
        ):
            return start
        match = _MARKER.match(visible, start, end)
        if match is None or match.end() >= end:
            return start
        start = match.end()


def _loose_marker(text: str, start: int, end: int) -> int:
    """Index after the ``o`` or ``§`` bullet opening the trimmed ``text[start:end]``
    (``o Own the roadmap``, ``§\tPlan sprints``: Word's second and third list levels,
    pasted as text), or 0 when it opens with none.

    The mark is followed by white space and then, after ``o``, a letter or digit,
    after ``§``, a letter (``§ 22`` cites a law). Whether the line is a list item
    is for the caller to say (:func:`_text_statements`): "o" is a word in some
    languages, so a line that may continue the one before needs other bullets
    about it.
    """
    mark = text[start]
    if mark != "o" and mark != "\u00a7":
        return 0
    k = start + 1
    if k >= end or not text[k].isspace():
        return 0
    while k < end and text[k].isspace():
        k += 1
    if k >= end:
        return 0
    return k if text[k].isalpha() or (mark == "o" and text[k].isalnum()) else 0


# Words a line of running text does not end on: a line ending with one (or with "," or
# "&") goes on into the next even when that opens with a capital ("design and" then
# "Marketing"), as a line wrapped in a PDF or a Word paste does.
_OPEN_WORDS = frozenset(
    [
        *("a", "an", "the", "and", "or", "nor", "but", "of"),
        *("our", "your", "their", "its", "including", "via"),
    ]
)


def _open_end(text: str, end: int) -> bool:
    """Whether the line of running text ending at ``text[end - 1]`` stops where no
    sentence stops: at a ``,`` or ``&``, or after a word of :data:`_OPEN_WORDS` as
    written (lower case, white space before it). Looks back twelve characters at most."""
    last = text[end - 1]
    if last == "," or last == "&":
        return True
    start = end
    while start > 0 and end - start < 12 and "a" <= text[start - 1] <= "z":
        start -= 1
    return (
        start < end and (start == 0 or text[start - 1].isspace()) and text[start:end] in _OPEN_WORDS
    )


def _words_going_on(line: str) -> bool:
    """Whether the trimmed ``line``, which :func:`_heading_of` takes for a heading, goes
    on an open line above it all the same (the rule of a wrapped line decides): a line of
    60 characters at most that opens with a lower-case letter and ends with ``:``, whose
    first word opens no section phrase (:func:`_first_words`; one not in ASCII may). So
    "🚀 What you'll be" then "doing:" is the heading "What you'll be doing:"; each line
    was a statement, and "doing:" a heading of no section that ended the one above.
    The C splitter asks the same of the same line (``could_be_section``)."""
    if len(line) > 60 or line[-1] != ":" or not line[0].islower():
        return False
    word = _FIRST_WORD.search(line)
    return (
        word is not None and word.group().isascii() and word.group().lower() not in _first_words()
    )


def _bullet_follows(text: str, start: int) -> bool:
    """Whether the physical line at ``text[start:]`` is, trimmed, a list item: list
    markers come off it (:func:`_strip_markers`) or it opens with an ``o`` or ``§``
    bullet (:func:`_loose_marker`)."""
    found = _LINE_END.search(text, start)
    line = text[start : len(text) if found is None else found.start()].strip()
    if not line:
        return False
    return _strip_markers(line, 0, len(line)) > 0 or _loose_marker(line, 0, len(line)) > 0


def _is_abbreviation(visible: str, low: int, dot: int) -> bool:
    i = dot
    limit = max(low, dot - 16)
    while i > limit and not visible[i - 1].isspace():
        i -= 1
    word = visible[i:dot].lstrip("\"'“‘([").lower()
    if not word:
        return False
    if len(word) == 1:
        return word.isalpha()
    return "." in word or word in _ABBREVIATIONS


def _sentences(visible: str, start: int, end: int) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence in the trimmed ``visible[start:end]``."""
    spans: list[tuple[int, int]] = []
    begin = start
    for match in _BOUNDARY.finditer(visible, start, end):
        after = match.end()
        while after < end and visible[after].isspace():
            after += 1
        if after >= end:
            break
        nxt = visible[after]
        spaced = after > match.end() or visible[match.end() - 1].isspace()
        if not (nxt.isupper() or (spaced and nxt.isdigit()) or nxt in _OPENERS):
            continue
        if visible[match.start()] == "." and _is_abbreviation(visible, begin, match.start()):
            continue
        # The sentence ends before the white space after its mark, if any.
        spans.append(
            (begin, match.end() - 1 if visible[match.end() - 1].isspace() else match.end())
        )
        begin = after
    spans.append((begin, end))
    return spans


# What a _Splitter reads the statements below with: section, its heading's level, heading.
_State = tuple[str | None, int | None, str | None]


def _nothing() -> None:
    """What an empty table cell gives."""


def _next_row(text: str, end: int, start: int) -> bool:
    """Whether a Markdown table row starting at ``text[start]`` is on the line after the
    one that ended at ``text[end]``, or after separator rows (``|---|:---:|``) below it:
    the same table."""
    lines = _LINE_END.split(text[end:start])
    return (
        len(lines) >= 2
        and not lines[0].strip()
        and not lines[-1].strip()
        and all(line.strip() and not line.strip(" \t|-:") for line in lines[1:-1])
    )


class _Table:
    """What :meth:`_Splitter.in_cell` knows of a table: its row being read, the state
    before it, the state each column of the row being read left when a heading there
    named a section, and, once a row held two such columns or more, each column's
    state."""

    __slots__ = ("before", "columns", "headed", "key", "row")

    def __init__(self, key: object, row: int, splitter: _Splitter) -> None:
        self.key = key
        self.row = row
        self.before: _State = (splitter.section, splitter.section_level, splitter.heading)
        self.headed: dict[int, _State] = {}
        self.columns: dict[int, _State] | None = None


#: What entering a table's cell leaves for leaving it (:meth:`_Splitter.enter_cell`):
#: the table, the column, its columns' states then, and the headings read by then.
_Entered = tuple[_Table, int, dict[int, _State] | None, int]

_TABLES_LIMIT = 64  # tables whose reading one split keeps at a time


class _Splitter:
    """Turns logical lines into statements, tracking the current section and heading."""

    def __init__(self, include_headings: bool) -> None:
        self.include_headings = include_headings
        self.out: list[Statement] = []
        self.section: str | None = None
        self.section_level: int | None = None
        self.heading: str | None = None
        # Each distinct heading's section, asked once: a page that repeats its
        # headings (a hostile one, a few hundred thousand times) asks no more.
        self.sections: dict[str, str | None] = {}
        # The source of a plain-text posting (set by _text_statements), where table_row
        # looks whether a row goes on the table of the row before.
        self.source = ""
        # The tables whose cells are being read (in_cell), by what identifies each
        # (a few at a time: an HTML table nested in another's cell, then the outer
        # one again), and the one read last.
        self.named = False  # whether the last heading named a section
        self.headings = 0  # how many headings were read
        self.tables: dict[object, _Table] = {}
        self.table: object = None
        self.row_end = -1  # where the last Markdown table row ended in source

    def in_cell(
        self, table: object, row: int, column: int, read: Callable[..., object], *args: Any
    ) -> None:
        """Call ``read(*args)`` for the cell of the ``table`` at ``row`` and ``column``.

        Cells are read row by row, as lines; when a row of a table holds headings
        naming a section in two columns or more ("Responsibilities |
        Requirements"), the table lays its sections side by side, and from the next
        row on each cell is read with its own column's section and heading (a
        column whose row named none, those before the table), which the table
        leaves as they were before it.
        """
        entered = self.enter_cell(table, row, column)
        read(*args)
        self.leave_cell(entered)

    def enter_cell(self, table: object, row: int, column: int) -> _Entered:
        """The first half of :meth:`in_cell`, before ``read``: what
        :meth:`leave_cell` takes after it. In halves, the cells of nested tables are
        entered and left in loops, not by a call per table."""
        found = self.tables.get(table)
        if found is None:
            found = remember(self.tables, table, _Table(table, row, self), _TABLES_LIMIT)
        elif row != found.row:
            if found.columns is None:
                if len(found.headed) >= 2:
                    found.columns = found.headed
                else:
                    found.headed = {}
            found.row = row
        self.table = table
        columns = found.columns
        if columns is not None:
            self.section, self.section_level, self.heading = columns.get(column, found.before)
        return found, column, columns, self.headings

    def leave_cell(self, entered: _Entered) -> None:
        """The second half of :meth:`in_cell`, after ``read``."""
        found, column, columns, headings = entered
        if columns is None:
            if self.headings != headings and self.named:
                found.headed[column] = (self.section, self.section_level, self.heading)
            return
        columns[column] = (self.section, self.section_level, self.heading)
        self.section, self.section_level, self.heading = found.before

    def _lead_in(self, text: str, first: int) -> None:
        """Start the section a list item that is no heading opens with (``text``, its
        markers ending at ``first``), when it ends with ``:`` or is in capitals as a
        heading would be: "- What you bring:" leads into requirements, and "- You
        will be responsible for:" into responsibilities, itself and the items below it
        (:func:`_opening_section`)."""
        piece = text[first:] if first else text
        if piece[0] in "*_":  # "- **What you bring:**": the words in the emphasis
            a, b = _unemphasised(piece, 0, len(piece))
            piece = piece[a:b]
        if not (piece[-1] == ":" or piece.isupper()) or len(piece) > 300:
            return
        # A cheap test first: a phrase opens at the first or the second word, or after
        # qualifiers, which open some phrase (_first_words).
        opening = _FIRST_WORD.findall(piece, 0, 60)[:2]
        if not any(_plain_letters(word).lower() in _first_words() for word in opening):
            return
        key = _opening_section(piece)
        if key is not None:
            self.section, self.section_level = key, _HEADING_LEVEL_LISTED

    def _heading(self, text: str, level: int, start: int, end: int) -> None:
        sections = self.sections
        key = (
            sections[text]
            if text in sections
            else remember(sections, text, section_of(text), _SECTIONS_LIMIT)
        )
        self.named = key is not None
        self.headings += 1
        if key is not None:
            self.section, self.section_level = key, level
        elif self.section_level is None or level <= self.section_level:
            self.section, self.section_level = None, level
        self.heading = text
        if self.include_headings:
            self.out.append(Statement(text, start, end, self.section, text, "heading"))

    def single(
        self,
        content: str,
        base: int,
        first: int,
        heading: tuple[str, int] | None,
        *,
        bullet: bool = False,
    ) -> None:
        """:meth:`line` for a logical line that is one exact segment: one physical line
        of plain text, or of the source of an HTML block.

        ``content`` is trimmed and starts at ``base`` in the source; ``first`` is
        the index after its list markers (0 when it has none) and ``heading``
        what :func:`_heading_of` said of it when it has none (``listed`` when
        ``bullet``); ``bullet`` says it is a list item even without markers.
        """
        length = len(content)
        if first:
            heading = _heading_of(content[first:], listed=True, item=_item(content, first, True))
        if heading is not None:
            self._heading(heading[0], heading[1], base + first, base + length)
            return
        listed = bullet or first > 0
        if listed:
            self._lead_in(content, first)
        if (
            _find_colon(content, first, first + _LABEL_REACH) > first
            and not _item(content, first, listed)
            and _inline_separator(content, first, length) is None
        ):
            label = _section_label(content, first, length)
            if label is not None:
                segments: list[Segment] = [(content, base, base + length, True)]
                self._labelled(segments, None, content, label, length, listed)
                return
        # One sentence (no boundary at all) is the common case: skip _sentences. A line
        # in emphasis (``**Own the roadmap.**``, ``*Own it*``) goes to line(), which
        # takes off the marks.
        if (
            content[first] not in "*_"
            and _BOUNDARY.search(content, first, length) is None
            and _inline_separator(content, first, length) is None
        ):
            piece = content[first:] if first else content
            # The chrome test only matters in HTML: plain text drops such a line before.
            if _has_alnum(piece) and not (piece[0] == "<" and _chrome_line(piece)):
                # Valid by construction: content is trimmed and non-empty, and markers
                # end after their white space (greedy \s), so piece is trimmed too.
                self.out.append(
                    _valid_statement(
                        piece,
                        base + first,
                        base + length,
                        self.section,
                        self.heading,
                        "bullet" if listed else "sentence",
                    )
                )
            return
        # From after the list markers: line() would strip them again, but not an "o" or
        # "§" bullet, which only the caller can tell from a word ("o Own it. Ship.").
        # The label was looked for above.
        segment: Segment = (content[first:], base + first, base + length, True)
        self.line([segment], bullet=listed, heading_checked=True)

    def setext(self, content: str, base: int, underline: str) -> bool:
        """Read the one-line ``content`` (trimmed, no list markers, at ``base`` in
        the source) as a setext heading when the trimmed ``underline`` below it is
        ``=`` (level 1) or ``-`` (level 2) and nothing else; whether it did.

        Only a line of at most twenty words (:func:`_heading_shaped`) that does
        not end like a sentence (``. ! ?``) is one, and not an ATX ``#`` heading
        (a rule below it is a rule): plain text puts a rule right under a
        paragraph ("You will own the roadmap." then ``---``), and that line
        stays a statement. The heading's text is what :func:`_heading_of` gives
        (``**Our stack**`` is "Our stack"), else the line without the emphasis
        marks around all of it (``*Our stack*`` too).
        """
        mark = underline[0]
        if (
            (mark != "=" and mark != "-")
            or underline.strip(mark)
            or content[0] == "#"
            or content[-1] in ".!?"
            or not _heading_shaped(content)
        ):
            return False
        found = _heading_of(content)
        if found is not None:
            words = found[0]
        else:
            inside = _emphasis_bounds(content, 0, len(content)) if content[0] in "*_" else None
            words = content if inside is None else content[inside[0] : inside[1]]
        self._heading(words, 1 if mark == "=" else 2, base, base + len(content))
        return True

    def table_row(self, content: str, base: int) -> None:
        """Read the trimmed ``content``, a Markdown table row at ``base`` in the source
        (``| Roadmap | Own the roadmap |``), one cell at a time, each as a line of its
        own (as the HTML reader reads each ``td``): its list markers come off, it may
        be a heading, and it is cut into sentences. A cell without a letter or digit
        gives nothing; a pipe after a backslash (``\\|``) is part of its cell, and
        reads as ``|`` (GFM's escape), its statement's span still covering the
        backslash.
        """
        length = len(content)
        # A row right below the last one, or below separator rows under it, goes on
        # its table, which opens at its first row's start; any other opens a table.
        source, end = self.source, self.row_end
        last = self.tables.get(self.table) if 0 <= end <= base else None
        if last is not None and _next_row(source, end, base):
            table, row = self.table, last.row + 1
        else:
            table, row = base, 0
        self.row_end = base + length
        column = 0
        start = 1  # content[0] is the row's opening pipe
        while start < length:
            bar = content.find("|", start)
            while bar > 0 and content[bar - 1] == "\\":
                bar = content.find("|", bar + 1)
            stop = length if bar < 0 else bar
            a, b = start, stop
            while a < b and content[a].isspace():
                a += 1
            while b > a and content[b - 1].isspace():
                b -= 1
            if a < b:
                cell = content[a:b]
                # A <br> in the cell (GFM cells hold no line break) ends a line of it.
                breaks = _BR_TAG.search(cell) if "<" in cell else None
                if breaks is None:
                    self._cell_line(cell, base + a, table, row, column)
                else:
                    at = 0
                    while breaks is not None:
                        self._cell_line(
                            cell[at : breaks.start()], base + a + at, table, row, column
                        )
                        at = breaks.end()
                        breaks = _BR_TAG.search(cell, at)
                    self._cell_line(cell[at:], base + a + at, table, row, column)
            else:  # an empty cell gives nothing, but is one of the table's
                self.in_cell(table, row, column, _nothing)
            if bar < 0:
                break
            start = bar + 1
            column += 1

    def _cell_line(self, line: str, base: int, table: object, row: int, column: int) -> None:
        """Read ``line``, a line of a Markdown table cell at ``base`` in the source, in
        that cell (:meth:`table_row`)."""
        a, b = 0, len(line)
        while a < b and line[a].isspace():
            a += 1
        while b > a and line[b - 1].isspace():
            b -= 1
        if a == b:
            self.in_cell(table, row, column, _nothing)
            return
        cell = line[a:b]
        if cell.find("\\|") >= 0:
            self.in_cell(table, row, column, self.line, _unescaped_pipes(cell, base + a))
        else:
            first = _strip_markers(cell, 0, b - a)
            heading = None if first else _heading_of(cell)
            self.in_cell(table, row, column, self.single, cell, base + a, first, heading)

    def line(
        self,
        segments: list[Segment],
        *,
        bullet: bool = False,
        heading_level: int = 0,
        heading_checked: bool = False,
        loose: bool = False,
        numbered: int = 0,
    ) -> None:
        """Cut one logical line (trimmed visible text in ``segments``) into statements.

        ``heading_level`` makes the whole line a heading of that level;
        ``heading_checked`` says the caller already found that the line, which
        has no list marker, is not a heading; ``loose`` that an ``o`` or ``§``
        bullet opening it (:func:`_loose_marker`) is a list marker; ``numbered`` that
        the line opens with the number of a numbered run, that long (a list marker:
        :func:`_sequence_numbers`). Emphasis marks around all of a
        statement's text (after its list markers: ``**``, ``__``, ``*``, ``_``)
        are left out of it, as the ``b`` or ``i`` of an HTML list item is. A
        statement whose text is then one element of page chrome
        (:func:`_chrome_line`: ``- **<svg/>**``, a button tag continued over two
        lines, or markup an HTML page escaped, ``&lt;button&gt;...``) is not
        given, as its line would not be.
        """
        if len(segments) == 1:
            visible, base, _, exact = segments[0]
            offsets: list[int] | None = None
        else:
            visible = "".join(seg[0] for seg in segments)
            base, exact = 0, False
            offsets = []
            at = 0
            for seg in segments:
                offsets.append(at)
                at += len(seg[0])
        length = len(visible)
        if not length:
            return
        if heading_level:
            self._heading(visible, heading_level, *_locate(segments, offsets, 0, length))
            return
        first = _strip_markers(visible, 0, length)
        if not first and numbered:
            first = _strip_markers(visible, numbered, length)
        if not first and loose:
            after = _loose_marker(visible, 0, length)
            first = _strip_markers(visible, after, length) if after else 0
        listed = bullet or first > 0
        if not heading_checked:
            found = _heading_of(
                visible[first:] if first else visible,
                listed=listed,
                item=_item(visible, first, listed),
            )
            if found is not None:
                self._heading(found[0], found[1], *_locate(segments, offsets, first, length))
                return
            if listed:
                self._lead_in(visible, first)
        kind = "bullet" if listed else "sentence"
        stop = length
        if visible[first] in "*_":
            first, stop = _unemphasised(visible, first, stop)
        separator = _inline_separator(visible, first, stop)
        if separator is not None:
            self._inline_list(segments, offsets, visible, first, stop, separator)
            return
        if (
            not heading_checked  # single() looked for a label before it called
            and _find_colon(visible, first, first + _LABEL_REACH) > first
            and not _item(visible, first, listed)
        ):
            label = _section_label(visible, first, stop)
            if label is not None:
                self._labelled(segments, offsets, visible, label, stop, listed)
                return
        spans = _sentences(visible, first, stop)
        if exact and len(spans) == 1:  # the common case: one plain sentence on one line
            piece = visible[first:stop]
            if _has_alnum(piece) and not (piece[0] == "<" and _chrome_line(piece)):
                # Valid by construction, as in single(): callers pass trimmed lines, and
                # markers end after their white space.
                self.out.append(
                    _valid_statement(
                        piece, base + first, base + stop, self.section, self.heading, kind
                    )
                )
            return
        self._pieces(segments, offsets, visible, spans, (first, stop), kind)

    def _labelled(
        self,
        segments: list[Segment],
        offsets: list[int] | None,
        visible: str,
        label: tuple[int, int, int],
        stop: int,
        listed: bool,
    ) -> None:
        """``visible[:stop]``, a line opened by a known section heading and a colon
        (``label``, from :func:`_section_label`): the heading starts its section, and
        what follows the colon gives its statements, one list item per part when
        ``;`` and white space, or a ``；`` of another width or script, part it
        ("Responsibilities: Own the roadmap; run the sprint reviews")."""
        a, b, rest = label
        self._heading(
            visible[a:b],
            _HEADING_LEVEL_LISTED if listed else _HEADING_LEVEL_PLAIN,
            *_locate(segments, offsets, a, b),
        )
        parts: list[tuple[int, int]] = []
        at = rest
        for found in _ITEM_SEMICOLON.finditer(visible, rest, stop):
            if visible[found.start()] == ";" and _ENTITY_BEFORE.search(
                visible, max(at, found.start() - 10), found.start()
            ):
                continue
            parts.append((at, found.start()))
            at = found.end()
        parts.append((at, stop))
        kind = "bullet" if listed or len(parts) > 1 else "sentence"
        for a, b in parts:
            while a < b and visible[a].isspace():
                a += 1
            while b > a and visible[b - 1].isspace():
                b -= 1
            if a < b:
                self._pieces(segments, offsets, visible, _sentences(visible, a, b), (-1, -1), kind)

    def _pieces(
        self,
        segments: list[Segment],
        offsets: list[int] | None,
        visible: str,
        spans: list[tuple[int, int]],
        whole_span: tuple[int, int],
        kind: str,
    ) -> None:
        """The statements of the ``spans`` of ``visible`` (sentences, of ``kind``); a
        span other than ``whole_span`` (whose markers, heading and emphasis the caller
        checked) loses its own list markers and emphasis, and may be a heading."""
        listed = kind == "bullet"
        for a, b in spans:
            whole = (a, b) == whole_span
            if not whole:
                a = _strip_markers(visible, a, b)
            piece = visible[a:b]
            if not _has_alnum(piece):
                continue
            if not whole:
                found = _heading_of(piece, listed=listed)
                if found is not None:
                    self._heading(found[0], found[1], *_locate(segments, offsets, a, b))
                    continue
                if piece[0] in "*_":
                    a, b = _unemphasised(visible, a, b)
                    piece = visible[a:b]
            if piece[0] == "<" and _chrome_line(piece):
                continue
            src_a, src_b = _locate(segments, offsets, a, b)
            self.out.append(Statement(piece, src_a, src_b, self.section, self.heading, kind))

    def _inline_list(
        self,
        segments: list[Segment],
        offsets: list[int] | None,
        visible: str,
        first: int,
        stop: int,
        separator: re.Pattern[str],
    ) -> None:
        """``visible[first:stop]``, a list written on one line (``Own the roadmap •
        Track the budget``, cut at each match of ``separator``: see
        :func:`_inline_separator`), one item at a time: each item is
        a list item, cut into sentences. A known section heading and a colon opening
        the line (``Responsibilities: Own the roadmap • ...``) is a heading of its
        own."""
        starts = [first]
        ends = []
        for match in separator.finditer(visible, first, stop):
            ends.append(match.start())
            starts.append(match.start() + 1)  # at the bullet, which _pieces strips
        ends.append(stop)
        # The label may be in emphasis ("**Responsibilities:** Own it • Track it"), as
        # _section_label reads one before a ";": its words are the heading, not its marks.
        # Only with a colon within _LABEL_REACH, as _section_label asks: the label's lazy
        # words, then white space, were tried at every character up to a colon far on,
        # so "a", 16,000 spaces, "b: x • y" took a second (quadratic in the spaces).
        colon = _find_colon(visible, first, min(ends[0], first + _LABEL_REACH))
        label = _LABEL.match(visible, first, ends[0]) if colon > first else None
        if label is not None:
            a, b = label.span(2)
            while b > a and visible[b - 1].isspace():
                b -= 1
            colon = _find_colon(visible, b, label.end())
            if (
                _word_count(visible[a:b], _MAX_COLON_HEADING_WORDS + 1) <= _MAX_COLON_HEADING_WORDS
                and section_of(visible[a:b]) is not None
            ):
                # Its colon too when right after its words, as _section_label writes it.
                b = colon + 1 if not visible[b:colon].strip() else b
                self._heading(visible[a:b], _HEADING_LEVEL_PLAIN, *_locate(segments, offsets, a, b))
                starts[0] = label.end()
        for a, b in zip(starts, ends, strict=True):
            while a < b and visible[a].isspace():
                a += 1
            while b > a and visible[b - 1].isspace():
                b -= 1
            if a < b:
                self._pieces(
                    segments, offsets, visible, _sentences(visible, a, b), (-1, -1), "bullet"
                )


#: Characters from a line's start (after its list markers) within which the colon of a
#: section label (:func:`_section_label`) must be.
_LABEL_REACH = 60
# The colons that may end a label: ":", and those of other widths and scripts ("："),
# which carry their own space (a label ends in one whatever follows, as the
# classifier's does): "Responsibilities：Own the roadmap" was one statement in no section.
_WIDE_COLONS = "".join(c for c in marks_like(":") if not c.isascii())
_ANY_COLON = re.compile(f"[:{_WIDE_COLONS}]")


def _find_colon(visible: str, start: int, end: int) -> int:
    """The index of the first colon of any width in ``visible[start:end]``, or -1."""
    found = _ANY_COLON.search(visible, start, max(start, end))
    return -1 if found is None else found.start()


# A label in emphasis or not ("Duties:", "**Duties:**", "**Duties**:"), then white space
# (none needed after a colon of another width) and more. The words hold no colon, so
# the match ends at the line's first one.
_LABEL = re.compile(
    rf"(\*\*|__|\*|_)?([^\W_][^:{_WIDE_COLONS}*_]*?)\s*"
    rf"(?(1)(?:\1\s*(?::\s+|[{_WIDE_COLONS}]\s*)|[:{_WIDE_COLONS}]\s*\1\s+)|(?::\s+|[{_WIDE_COLONS}]\s*))"
    r"(?=\S)"
)
# A semicolon that parts the items after a section label, and what before one makes it
# the end of an entity as plain text may write one ("R&amp; D"), which parts nothing.
# One of another width or script ("；") parts them with or without white space after
# it, as it carries its own: "Own the roadmap；run the reviews" was one statement.
_WIDE_SEMICOLONS = "".join(c for c in marks_like(";") if not c.isascii())
_ITEM_SEMICOLON = re.compile(rf";\s+|[{_WIDE_SEMICOLONS}]\s*")
_ENTITY_BEFORE = re.compile(r"&#?\w{1,8}\Z")


def _section_label(visible: str, start: int, end: int) -> tuple[int, int, int] | None:
    """``(start, end, rest)`` when the trimmed ``visible[start:end]`` opens with a known
    section heading and a colon, in emphasis or not, then more words ("Responsibilities:
    Own the roadmap", "**Benefits:** Remote work"): the heading as it is to be written
    (its colon too when right after its words), and where the rest starts; ``None``
    otherwise. Only a phrase of ``data/sections.toml`` as a whole is such a heading:
    "Note: we are hybrid" and "Key responsibility: own the backlog" are statements."""
    colon = _find_colon(visible, start, min(end, start + _LABEL_REACH))
    if colon <= start:
        return None
    found = _LABEL.match(visible, start, end)
    if found is None:
        return None
    a, b = found.span(2)
    while b > a and visible[b - 1].isspace():
        b -= 1
    head = visible[a:b]
    if not _could_be_section(head) or _normalise(head) not in _section_phrases()[0]:
        return None
    if not _has_alnum(visible[found.end() : end]):
        return None
    return a, (colon + 1 if not visible[b:colon].strip() else b), found.end()


def _inline_separator(visible: str, start: int, end: int) -> re.Pattern[str] | None:
    """What parts the items of ``visible[start:end]`` when it is a list written on one
    line: :data:`_INLINE_BULLET_OR_DOT` when two middle dots with white space around
    them are in it, else :data:`_TAB_OR_BULLET` when two runs of white space with a tab
    are (:func:`_tab_columns`), else :data:`_INLINE_BULLET` when a bullet is; ``None``
    when it is no such list."""
    if visible.find("\u00b7", start, end) >= 0:
        dot = _MIDDLE_DOT.search(visible, start, end)
        if dot is not None and _MIDDLE_DOT.search(visible, dot.end(), end) is not None:
            return _INLINE_BULLET_OR_DOT
    if _tab_columns(visible, start, end):
        return _TAB_OR_BULLET
    return _INLINE_BULLET if _INLINE_BULLET.search(visible, start, end) is not None else None


def _tab_columns(visible: str, start: int, end: int) -> bool:
    """Whether the trimmed ``visible[start:end]`` holds two runs of spaces and tabs with a
    tab in each (:data:`_TAB_OR_BULLET`): three columns of a table pasted as text."""
    tab = visible.find("\t", start, end)
    if tab < 0:
        return False
    tab += 1
    while tab < end and (visible[tab] == " " or visible[tab] == "\t"):
        tab += 1
    return visible.find("\t", tab, end) >= 0


def _middle_dot_lists(text: str) -> bool:
    """Whether some physical line of ``text`` holds two middle dots with white space
    around them, each after the last (as :func:`_inline_separator` finds them): a
    line the C splitter would make one statement of, which is a list."""
    if "\u00b7" not in text:
        return False
    last = -1
    for match in _MIDDLE_DOT_IN_LINE.finditer(text):
        if last >= 0 and _LINE_END.search(text, last, match.start()) is None:
            return True
        last = match.end()
    return False


def _unescaped_pipes(cell: str, base: int) -> list[Segment]:
    """The segments of the table ``cell`` (trimmed, at ``base`` in the source) with each
    ``\\|`` read as ``|``: exact segments that skip the backslashes, so every visible
    character still maps to its own source character and spans stay exact."""
    segments: list[Segment] = []
    start = 0
    while True:
        escape = cell.find("\\|", start)
        stop = len(cell) if escape < 0 else escape
        if stop > start:
            segments.append((cell[start:stop], base + start, base + stop, True))
        if escape < 0:
            return segments
        # The next segment opens at the pipe itself, after the backslash.
        start = escape + 1


def _unemphasised(visible: str, start: int, end: int) -> tuple[int, int]:
    """``(start, end)`` of the statement text ``visible[start:end]`` without the emphasis
    pairs around all of it (``**``, ``__``, ``*``, ``_``: see :func:`_emphasis_bounds`)
    and without list markers just inside them; the bounds unchanged when no pair wraps
    it."""
    inside = _emphasis_bounds(visible, start, end, markers=True)
    return (start, end) if inside is None else (inside[0], inside[1])


def _locate(segments: list[Segment], offsets: list[int] | None, a: int, b: int) -> tuple[int, int]:
    """Source span of ``visible[a:b]``, where ``offsets[k]`` is where segment ``k`` starts."""
    if offsets is None:
        _, start, end, exact = segments[0]
        return (start + a, start + b) if exact else (start, end)
    k = bisect_right(offsets, a) - 1
    _, start, _, exact = segments[k]
    src_a = start + (a - offsets[k]) if exact else start
    k = bisect_right(offsets, b - 1) - 1
    _, start, end, exact = segments[k]
    src_b = start + (b - offsets[k]) if exact else end
    return src_a, src_b


# --- plain text and Markdown ---------------------------------------------------------------


def _lines(text: str, start: int) -> Iterator[tuple[int, int]]:
    """Yield ``(start, end)`` of each physical line from ``start``, without its line break."""
    pos = start
    for match in _LINE_END.finditer(text, start):
        yield pos, match.start()
        pos = match.end()
    if pos < len(text):
        yield pos, len(text)


def _raw_lines(text: str, start: int) -> Iterator[tuple[int, str]]:
    """Yield ``(start, line)`` for each physical line from ``start``, without its line break
    (a ``\\r\\n`` break leaves a trailing space, which callers strip)."""
    if "\r" in text:
        # Line breaks become "\n" and the "\r" of a "\r\n" a trailing space, which
        # callers strip: the same lines at the same places, split at C speed.
        text = text.replace("\r\n", " \n").replace("\r", "\n")
    pos = start
    for line in (text[start:] if start else text).split("\n"):
        yield pos, line
        pos += len(line) + 1


# The first line of a front-matter block after any comments: a YAML or TOML key, or a
# TOML table.
_FRONT_MATTER_KEY = re.compile(r"""(?:["']?[\w.-]{1,100}["']?\s*[:=]|\[)""")


def front_matter(text: str) -> tuple[int, str | None]:
    """``(end, title)`` of a YAML ``---`` or TOML ``+++`` block opening ``text``.

    ``end`` is where the posting's body starts, after the block's closing
    line; ``title`` is the block's title, or ``None``. ``end`` is 0 when there
    is no block: no closing line, or a block whose first line after any ``#``
    comments is not a key (``title: ...``, ``title = ...``) or a ``[table]``,
    as when a posting opens with a ``---`` rule (followed by prose, or by a
    Markdown ``# heading``). The block is never parsed: only a ``title:`` /
    ``title =`` line is read, without its quotes or a comment after the value
    (``title: Product Manager # draft``), or the lines of a YAML block
    (``title: >`` and indented lines) joined into one. A top-level key wins over an indented
    one or one under a TOML ``[table]`` (``seo:`` then an indented
    ``title: Careers`` names the page's search entry, not the job), which is
    read only when the block has no other.

    >>> text = '---\\ntitle: "Product Manager"\\n---\\nOwn the roadmap.\\n'
    >>> front_matter(text)
    (33, 'Product Manager')
    >>> text[33:]
    'Own the roadmap.\\n'
    >>> front_matter("---\\nWe build tools.\\n")
    (0, None)

    A ``text`` that is not a ``str`` raises ``TypeError`` naming its type.
    """
    if not isinstance(text, str):
        raise TypeError(f"front_matter() expects a str, got {type(text).__name__}")
    offset = 1 if text.startswith("\ufeff") else 0
    lines = _lines(text, offset)
    first = next(lines, None)
    if first is None:
        return 0, None
    opener = text[first[0] : first[1]].strip()
    if opener not in ("---", "+++"):
        return 0, None
    closers = ("---", "...") if opener == "---" else ("+++",)
    title: str | None = None
    nested: str | None = None  # the first title of an inner mapping or TOML table
    tabled = False  # has a TOML "[table]" line come yet? Its keys are not the page's
    keyed = False  # has a "key:" (or "key =") line opened the block yet?
    commented = False  # or only "#" lines so far?
    block: list[str] | None = None  # the lines of a title's YAML block ("title: >")
    block_indent = 0  # the indentation of its key: the block's lines have more
    block_nested = False
    for start, end in lines:
        raw = text[start:end]
        line = raw.strip()
        if block is not None:
            if not line or len(raw) - len(raw.lstrip()) > block_indent:
                if line:
                    block.append(line)
                continue
            value = " ".join(block) or None  # folded or literal, a title is one line
            if block_nested:
                nested = nested or value
            else:
                title = value
            block = None
        if line in closers:
            if commented and not keyed:  # "---", "# Heading", "---": a heading between rules
                return 0, None
            after = _LINE_END.match(text, end)
            return (end if after is None else after.end()), title or nested
        if not keyed and line.startswith("#"):
            commented = True
        elif not keyed and line:
            # A posting that merely opens with a rule ("---", then prose or a heading)
            # has no front matter: skipping to its next rule would drop every statement
            # in between. Comments say nothing either way: a key must follow them.
            if _FRONT_MATTER_KEY.match(line) is None:
                return 0, None
            keyed = True
        tabled = tabled or (opener == "+++" and line.startswith("["))
        if title is None and line.startswith("title"):
            rest = line[5:].lstrip()
            if rest[:1] in (":", "="):
                value = _front_matter_value(rest[1:]) or None
                inner = text[start : start + 1].isspace() or tabled
                header = _VALUE_COMMENT.split(rest[1:], 1)[0].strip()  # quotes kept
                if rest[0] == ":" and _BLOCK_SCALAR.match(header):
                    # "title: >" or "title: |-": the value is on the indented lines below.
                    block, block_indent, block_nested = [], len(raw) - len(raw.lstrip()), inner
                    continue
                # An indented key ("seo:" then "  title: Careers at Acme") or one under
                # a TOML table belongs to that mapping: the page's own title wins.
                if inner:
                    nested = nested or value
                else:
                    title = value
    return 0, None


# A quoted front-matter value: YAML or TOML "..." with backslash escapes, or '...'
# (YAML doubles a quote inside it).
_QUOTED_VALUE = re.compile(r""""((?:[^"\\]|\\.)*)"|'((?:[^']|'')*)'""")
# A YAML block scalar's header: folded ">" or literal "|", with a chomping and an
# indentation indicator in either order (">-", "|2+").
_BLOCK_SCALAR = re.compile(r"[>|](?:[+-]?[1-9]?|[1-9][+-])\Z")
# Where a comment starts after an unquoted value: a "#" after white space.
_VALUE_COMMENT = re.compile(r"\s#")


def _front_matter_value(value: str) -> str:
    """A front-matter key's value as written after its ``:`` or ``=``: the text in its
    quotes, without a comment after them (``"Product Manager" # from the ATS``), or
    unquoted up to a ``#`` after white space (``Product Manager # draft``)."""
    value = value.strip()
    quoted = _QUOTED_VALUE.match(value)
    if quoted is not None:
        if quoted.group(1) is not None:
            return re.sub(r"\\(.)", r"\1", quoted.group(1)).strip()
        return quoted.group(2).replace("''", "'").strip()
    cut = _VALUE_COMMENT.search(value)
    if cut is not None:
        value = value[: cut.start()]
    return value.strip().strip("\"'").strip()


def _body_start(text: str) -> int:
    """Where a plain-text posting's lines start: after its front matter, else after a
    byte order mark (U+FEFF, which a UTF-8 file read as ``"utf-8"`` keeps), else 0."""
    begin = front_matter(text)[0]
    return 1 if not begin and text.startswith("\ufeff") else begin


# "</name" for each chrome tag name, in any ASCII case, not the start of a longer name.
_CHROME_CLOSE = {
    name: re.compile(f"</{name}(?![A-Za-z0-9:-])", re.IGNORECASE | re.ASCII) for name in CHROME_TAGS
}


def _chrome_line(line: str) -> bool:
    """Whether the trimmed ``line`` is one element of page chrome and nothing else.

    Markdown may hold raw HTML; the HTML reader drops chrome elements (``button``,
    ``form``, ``iframe``, ``svg``, ``nav``...: :mod:`rolelens._html`), and so does
    plain text a line that is one: ``<button class="btn">Apply</button>``, its start
    tag to the first end tag of its name, or a self-closing ``<svg .../>``. A line
    with anything after that end tag, an element never closed on the line, or any
    other tag stays text. Each test is one pass over the line at most.
    """
    match = TAG_NAME.match(line, 1) if line[:1] == "<" else None
    if match is None:
        return False
    name = match.group().lower()
    if name not in CHROME_TAGS:
        return False
    gt = tag_end(line, match.end(), set())
    if gt < 0:
        return False
    if line[gt - 1] == "/":  # a self-closing element
        return gt + 1 == len(line)
    if line[-1] != ">":
        return False
    close = _CHROME_CLOSE[name].search(line, gt + 1)
    return close is not None and tag_end(line, close.end(), set()) == len(line) - 1


def _chrome_text(text: str) -> bool:
    """Whether the trimmed, non-empty ``text`` is one element of page chrome
    (:func:`_chrome_line`), bare or in emphasis marks around all of it
    (``**<svg/>**``, ``_<button>Apply</button>_``: :func:`_emphasis_bounds`,
    without list markers inside the marks), or a Markdown image alone
    (``![Acme logo](logo.png)``, or one in a link), which shows no text. The C
    splitter asks this of each line its ``may_be_chrome`` cannot rule out.
    """
    if text[0] in "*_":
        inside = _emphasis_bounds(text, 0, len(text))
        if inside is None:
            return False
        text = text[inside[0] : inside[1]]
    if text[0] == "!" or text[0] == "[":
        # A Markdown image alone ("![Acme logo](logo.png)", linked or not), which
        # shows no text, as an HTML page's <img> gives none.
        return _MARKDOWN_IMAGE.fullmatch(text) is not None
    return text[0] == "<" and _chrome_line(text)


# A number a line may open with that is no list marker alone ("1 - Own the roadmap", "#1
# Own the roadmap", "1: Own the roadmap"), as "3 - 5 years of experience" or "2: 1
# degree" opens with a quantity: numbering only in a run of such lines numbered 1, 2, 3...
# (_sequence_numbers), and before no digit ("1 - 2 years", then "2 - 3 years": ranges). At
# a line's start only (after a line break, the text's start or a
# byte order mark), so that the white space before it is read once. Group 1 is the
# numbering with that white space; 2 and 3 "#1" and what follows it; 4 and 5 "1" and its
# dash or colon. Searched after a line break, which the search skips to fast (a look back
# at every character took a millisecond on a 60 KB posting), and matched at the start.
_NUMBERING = (
    "([^\\S\r\n]*"
    "(?:#(\\d{1,3})([.):]?)|(\\d{1,3})[^\\S\r\n]*([-\u2013\u2014:]))[^\\S\r\n]+)(?=[^\\s\\d])"
)
_SEQUENCE_NUMBER = re.compile("[\r\n\ufeff]" + _NUMBERING)
_SEQUENCE_NUMBER_AT = re.compile(_NUMBERING)
# Lines with text that may stand between two numbers of a run: the wrapped rest of an item.
_SEQUENCE_GAP = 5


#: Past this many "2"s, :func:`_may_open_with_two` leaves the question to the search.
_MOST_TWOS = 256
#: How far :func:`_may_open_with_two` looks back from a "2" for the line's start.
_LOOK_BACK = 80


def _may_open_with_two(text: str, begin: int) -> bool:
    """Whether a line from ``begin`` may open with the number 2 as a run's second item
    (``2 -``, ``#2``, ``02:``): a "2" with only zeros, a "#" and white space between it
    and a line break (or the text's start). False means :func:`_sequence_numbers` finds
    no run. The search for runs tries every line (0.3 ms on a 60 KB posting), while
    ``str.find`` skips to each "2" at memory speed, and a posting holds few."""
    if text.count("2", begin) > _MOST_TWOS:
        return True
    at = text.find("2", begin)
    while at >= 0:
        # Looked back over _LOOK_BACK characters at most, a loop in Python: past that
        # (10 MB of spaces before a "2"), the search is left to tell.
        floor = max(begin, at - _LOOK_BACK)
        before = at - 1
        while before >= floor and text[before] == "0":
            before -= 1
        if before >= floor and text[before] == "#":
            before -= 1
        while before >= floor and text[before].isspace() and text[before] not in "\r\n":
            before -= 1
        if before < 0 or text[before] in "\r\n\ufeff" or before < floor != begin:
            return True
        at = text.find("2", at + 1)
    return False


def _sequence_numbers(text: str, begin: int) -> dict[int, int]:
    """Where the numbering of each line from ``begin`` that opens with one of a run of
    :data:`_SEQUENCE_NUMBER` numbers ends, by the line's start: a run is two lines or more
    opening with ``1``, ``2``, ``3``... in one form (``1 -``, ``#1``, ``1:``...), each after
    the last with at most :data:`_SEQUENCE_GAP` lines with text between them and no other
    such number. "1 - Own the roadmap" then "2 - Track the budget" are list items; "3 - 5
    years of experience" alone keeps its number."""
    found: dict[int, int] = {}
    if not _may_open_with_two(text, begin):
        return found
    run: list[re.Match[str]] = []
    form = ""
    matches: Iterable[re.Match[str]] = _SEQUENCE_NUMBER.finditer(text, begin)
    if begin == 0 or text[begin - 1] in "\r\n\ufeff":
        first = _SEQUENCE_NUMBER_AT.match(text, begin)
        if first is not None:
            matches = itertools.chain((first,), matches)
    for match in matches:
        number = int(match[2] or match[4])
        shape = "#" + match[3] if match[2] else match[5]
        if (
            run
            and shape == form
            and number == len(run) + 1
            and sum(
                1
                for line in _LINE_END.split(text[run[-1].end(1) : match.start(1)])[1:]
                if line.strip()
            )
            <= _SEQUENCE_GAP
        ):
            run.append(match)
            continue
        if len(run) >= 2:
            found.update((m.start(1), m.end(1)) for m in run)
        run, form = ([match], shape) if number == 1 else ([], "")
    if len(run) >= 2:
        found.update((m.start(1), m.end(1)) for m in run)
    return found


# A Markdown image, "![alt](source)", or one in a link, "[![alt](source)](target)".
_MARKDOWN_IMAGE = re.compile(r"!\[[^\]]*\]\([^()]*\)|\[!\[[^\]]*\]\([^()]*\)\]\([^()]*\)")


def _text_statements(
    text: str, splitter: _Splitter, numbered: dict[int, int] | None = None
) -> None:
    # The reference for rolelens._speedups.text_statements (_text_statements_native),
    # which follows this loop and single()'s common case step by step: change both.
    # ``numbered``: _sequence_numbers(text, _body_start(text)), when the caller has it.
    begin = _body_start(text)
    splitter.source = text
    single = splitter.single
    # The logical line being read. Most are one physical line, so it is kept as plain
    # values and only becomes a segment list when a second line continues it.
    p_content = ""  # its first physical line, trimmed; "" when nothing is pending
    p_base = 0  # where p_content starts in text
    p_first = 0  # index in p_content after its list markers (0: not a bullet)
    p_heading: tuple[str, int] | None = None  # what _heading_of said of a marker-less line
    p_segments: list[Segment] | None = None  # every segment, once the line continues
    p_open = False  # may the next line continue the pending one?
    # Whether the pending line opens a paragraph (nothing but a separator above it): only
    # then may a label wrapped over two lines join it ("What you'll be" then "doing:").
    # Under a heading or another line it is a statement of its own ("5+ years in product"
    # then "tools we use:"), which the join lost into a heading.
    p_para = False
    after_break = True
    last_char = ""
    last_end = 0

    comment_end = -1  # where an HTML comment over whole lines ends (_comment_end)
    memo = [0, -2]
    if numbered is None:
        numbered = _sequence_numbers(text, begin)
    for line_start, raw in _raw_lines(text, begin):
        content = raw.strip()
        length = len(content)
        # An HTML comment of whole lines ("<!-- TODO: salary -->", or "<!--" to "-->" over
        # lines), which Markdown shows nothing of: a separator, as a blank line is.
        if line_start < comment_end or (
            content[:4] == "<!--"
            and (
                comment_end := _comment_end(
                    text, line_start + len(raw) - len(raw.lstrip()), memo, comment_end
                )
            )
            > line_start
        ):
            if p_segments is not None:
                splitter.line(p_segments, bullet=p_first > 0)
            elif p_content:
                single(p_content, p_base, p_first, p_heading)
            p_content, p_segments, p_open, after_break = "", None, False, True
            continue
        # The full marker strip (not just the first marker) serves both the bullet test
        # here and the statement's start later: a line is a bullet when markers come off.
        first = _strip_markers(content, 0, length) if length else 0
        if numbered and not first and line_start in numbered:
            # "1 - Own the roadmap" in a run numbered 1, 2, 3... (_sequence_numbers).
            lead = len(raw) - len(raw.lstrip())
            first = _strip_markers(content, numbered[line_start] - line_start - lead, length)
        # An "o" or "§" bullet (Word's, pasted): a list item unless the line may go on
        # from an open line that is no list item, with no list item after it either.
        if not first and length > 2 and (content[0] == "o" or content[0] == "\u00a7"):
            loose = _loose_marker(content, 0, length)
            if loose and (
                content[0] != "o"
                or not p_open
                or last_char in _TERMINAL
                or p_first
                or _bullet_follows(text, line_start + len(raw) + 1)
            ):
                first = _strip_markers(content, loose, length)
        # A blank line, a rule such as --- or ***, or an element of page chrome after any
        # list markers, bare or in emphasis (the HTML reader drops
        # <li><b><button>...</button></b></li> too): a separator, which ends the
        # pending line. A rule of = or - right under a line of its own makes that line
        # a setext heading (Splitter.setext).
        if (
            not length
            or (not first and not _has_alnum(content))
            or (content[first] in "<*_![" and _chrome_text(content[first:] if first else content))
        ):
            if (
                p_content
                and p_segments is None
                and not p_first
                and not first
                and (content[:1] == "=" or content[:1] == "-")
                and splitter.setext(p_content, p_base, content)
            ):
                pass
            elif p_segments is not None:
                splitter.line(p_segments, bullet=p_first > 0)
            elif p_content:
                single(p_content, p_base, p_first, p_heading)
            p_content, p_segments, p_open, after_break = "", None, False, True
            continue
        # raw[0] is white space exactly when strip() removed something at the front.
        content_start = (
            line_start if raw[0] == content[0] else line_start + len(raw) - len(raw.lstrip())
        )
        # A Markdown table row ("| Roadmap | Own the roadmap |"): each cell a line of its
        # own, and nothing goes on from it. A row of no letter or digit, as the
        # "|---|:---:|" under the header, was a separator above.
        if not first and content[0] == "|" and content.find("|", 1) > 0:
            if p_segments is not None:
                splitter.line(p_segments, bullet=p_first > 0)
            elif p_content:
                single(p_content, p_base, p_first, p_heading)
            p_content, p_segments, p_open, after_break = "", None, False, True
            splitter.table_row(content, content_start)
            continue
        heading: tuple[str, int] | None = None
        if not first:
            heading = _heading_of(content)
        if (
            p_open
            and not first
            and (heading is None or (p_para and _words_going_on(content)))
            and last_char not in _TERMINAL
            and (
                content[0].islower()
                # Indented: by white space, not by a comment or image (_hide_inline).
                or (p_first and content_start > line_start and raw[0] != _HIDDEN)
                or _open_end(text, last_end)
            )
        ):
            if p_segments is None:
                # From after the list markers where line() would not strip them again:
                # an "o" or "§" bullet, which only this loop can tell from a word. Other
                # markers stay, for line() to see an emoji before a heading ("🛠 Our
                # tech" then "stack:"), as single() sees it on one line.
                kept = 0 if _strip_markers(p_content, 0, len(p_content)) == p_first else p_first
                p_segments = [(p_content[kept:], p_base + kept, p_base + len(p_content), True)]
            # A word cut at a hyphen ("cross-" then "functional") is joined without
            # the space: "cross-functional".
            if not (
                last_char == "-"
                and last_end >= 2
                and _letter_before(text, last_end - 2)
                and content[0].islower()
            ):
                p_segments.append((" ", last_end, content_start, False))
            p_segments.append((content, content_start, content_start + length, True))
        else:
            if p_segments is not None:
                splitter.line(p_segments, bullet=p_first > 0)
            elif p_content:
                single(p_content, p_base, p_first, p_heading)
            # A line opened by an emoji right under a heading line opens a paragraph too:
            # posts put one before a label as before a heading ("Benefits", then "🛠 Our
            # tech" and "stack:"), where a line under a heading keeps its words.
            p_para = after_break or (
                first > 0
                and p_heading is not None
                and p_segments is None
                and not _item(content, first, True)
            )
            p_content, p_base, p_first, p_heading = content, content_start, first, heading
            p_segments = None
            p_open = heading is None
        after_break = False
        last_char = content[-1]
        last_end = content_start + length
    if p_segments is not None:
        splitter.line(p_segments, bullet=p_first > 0)
    elif p_content:
        single(p_content, p_base, p_first, p_heading)


def _letter_before(text: str, at: int) -> bool:
    """Whether ``text[at]``, or the character before the hidden span that ends there
    (:func:`_hide_inline`), is a letter: the word a hyphen at ``at + 1`` cuts."""
    while at > 0 and text[at] == _HIDDEN:
        at -= 1
    return text[at].isalpha()


def _comment_end(text: str, start: int, memo: list[int], none: int) -> int:
    """Where the HTML comment opening at ``text[start]`` (``<!--``) ends, after its
    ``-->``, when nothing but white space follows that on its line; else ``none``.

    ``memo`` holds where the last search for a ``-->`` started and what it found
    (-1: nothing after it; -2: no search yet), so that lines opening comments that
    never close, each later than the last, cost one pass over the text in all. The C
    splitter's ``comment_end`` is this function."""
    at = start + 4
    if memo[1] == -1 and memo[0] <= at:
        return none
    if memo[1] < at:
        memo[0], memo[1] = at, text.find("-->", at)
        if memo[1] < 0:
            return none
    end = memo[1] + 3
    found = _LINE_END.search(text, end)
    stop = len(text) if found is None else found.start()
    return end if not text[end:stop].strip() else none


@functools.cache
def _native_kit() -> tuple[object, ...]:
    """What the C splitter needs to make statements and to ask the Python it defers to."""
    slots = tuple(Statement.__dict__[name] for name in _FIELDS)
    return (_NEW, Statement, slots, _heading_of, _first_words(), _chrome_text)


def _text_statements_native(text: str, splitter: _Splitter) -> None:
    """:func:`_text_statements` in C (``rolelens._speedups.text_statements``).

    The C loop makes the one-sentence, one-line statements itself (most of a
    plain-text posting) and calls this module's ``_heading_of``, ``_chrome_text``
    (for a line whose text, after any emphasis marks, opens with ``<`` and a
    letter), ``_Splitter.single``
    and ``_Splitter.line`` for everything else, so the statements are those of
    the Python loop, which stays the reference.
    """
    begin = _body_start(text)
    numbered = _sequence_numbers(text, begin)
    if numbered or _middle_dot_lists(text):
        # The C loop knows no list parted by middle dots, nor numbers that are list
        # markers only in a run ("1 - Own it", "2 - Track it"), and would keep them in
        # the text: the reference reads the text instead, with the runs found here.
        _text_statements(text, splitter, numbered)
        return
    splitter.source = text
    speedups.text_statements(text, begin, splitter, _native_kit())


class _NumberedRun(Exception):
    """A reading of HTML blocks met a line that may be the second of a numbered run
    (:func:`_opens_with_two`): the reading starts again, with the runs
    :func:`_html_numbered` finds. Most pages hold none, and are read once."""


#: What a line opening with a number of a run (:data:`_SEQUENCE_NUMBER_AT`) opens with,
#: and (_TWO_FIRST) one opening with the number 2 ("2 -", "02:", "#2").
_RUN_FIRST = frozenset("#0123456789")
_TWO_FIRST = frozenset("#02")


def _opens_with_two(segments: list[Segment]) -> bool:
    """Whether the HTML line of ``segments`` (its first eight at most are enough)
    opens with the number 2 in a form of a numbered run (``2 - Track``, ``#2
    Track``, ``02: Track``)."""
    probe = segments[0][0]
    if len(probe) < 16:
        probe = "".join(seg[0] for seg in segments[:8])
    found = _SEQUENCE_NUMBER_AT.match(probe, 0, 64)
    return found is not None and int(found[2] or found[4]) == 2


def _html_numbered(text: str, blocks: list[Block]) -> dict[int, int]:
    """:func:`_sequence_numbers` of the lines of the HTML ``blocks`` of ``text`` (each
    block's, cut where the source breaks a line, :func:`_line_break`): where the first
    segment of each line that opens with a number of a run starts in ``text``, and
    how long that number is in its visible text (``"1 - "``: 4)."""
    lines: list[str] = []
    starts: list[int] = []  # of each line, in text

    def add(segments: tuple[Segment, ...], begin: int) -> None:
        # Only its start tells whether a line opens with a number of a run; any other
        # line with text is one between two numbers, which "x" counts as well.
        opening = segments[begin]
        if opening[0][0] in _RUN_FIRST:
            lines.append("".join(seg[0] for seg in segments[begin : begin + 8])[:64])
        else:
            lines.append("x")
        starts.append(opening[1])

    for block in blocks:
        segments = block.segments
        begin = 0
        if len(segments) > 2:  # else one line: a break has words on both sides
            for k in range(1, len(segments) - 1):
                seg = segments[k]
                if seg[0] == " " and not seg[3] and _line_break(text, seg):
                    add(segments, begin)
                    begin = k + 1
        add(segments, begin)
    joined = "\n".join(lines)
    found = _sequence_numbers(joined, 0)
    if not found:
        return {}
    # Where each line starts in joined, to find the line of each number.
    at = [0]
    for line in lines:
        at.append(at[-1] + len(line) + 1)
    return {starts[bisect_right(at, a) - 1]: b - a for a, b in found.items()}


# --- pages of text extracted from a PDF ---------------------------------------------------

# A page number as a footer or header writes it: "Page 3", "Page 3 of 7", "PAGE 3/7",
# maybe between dashes. Its own letter cases, not re.IGNORECASE, so that the search for
# one (_PAGE_WORD) opens with a literal "age", which the regex engine skips to quickly.
_PAGE_NUMBER = (
    r"(?:[-–—][ \t]*)?(?:[Pp]age|PAGE)[ \t]*\d{1,4}(?:[ \t]*(?:of|OF|/)[ \t]*\d{1,4})?"
    r"(?:[ \t]*[-–—])?"
)
_PAGE_TEXT = re.compile(_PAGE_NUMBER, re.ASCII)
_PAGE_FIRST = frozenset("Pp-–—")  # what _PAGE_TEXT may open with
# The word of a page number, its "a" matched, with white space (a line break too: a
# statement may join lines) and a digit after it.
_PAGE_WORD = re.compile(r"age(?<=[Pp]age)\s*\d", re.ASCII)
_PAGE_WORD_CAPS = re.compile(r"AGE(?<=PAGE)\s*\d", re.ASCII)
# A line at the top or the bottom of a page that is only a number ("3", "- 3 -", "3 of 7").
_EDGE_NUMBER = re.compile(
    r"(?:[-–—][ \t]*)?(?:(?:[Pp]age|PAGE)[ \t]*)?\d{1,4}(?:[ \t]*(?:of|OF|/)[ \t]*\d{1,4})?"
    r"(?:[ \t]*[-–—])?",
    re.ASCII,
)
_EDGE_LINES = 2  # the lines at each end of a page that may be its header or footer
_REPEATED_PAGES = 3  # pages an edge line must be on to be a running header or footer
_MAX_RUNNING_LINE = 80  # characters: a running header is short


def _page_words(text: str) -> list[int]:
    """The offsets, in order, of each ``Page``, ``page`` or ``PAGE`` before white space
    and a digit in ``text``: where a page number may be."""
    words = [found.start() - 1 for found in _PAGE_WORD.finditer(text)]
    if "AGE" in text:
        words.extend(found.start() - 1 for found in _PAGE_WORD_CAPS.finditer(text))
        words.sort()
    return words


# Line breaks of plain text besides "\n" and "\r", each made "\n": Word's manual line
# break (Shift+Enter), which its plain text writes as a vertical tab (U+000B), and
# Unicode's line and paragraph separators (U+2028, U+2029), which the text of web pages
# and JSON job feeds holds. Read as white space, they made a whole posting one statement.
_OTHER_BREAKS = str.maketrans("\v\u2028\u2029", "\n\n\n")


def _other_breaks(text: str) -> str:
    """``text`` with its other line breaks (:data:`_OTHER_BREAKS`) made ``\n``: the
    same length, so every offset unchanged."""
    if "\v" in text or "\u2028" in text or "\u2029" in text:
        return text.translate(_OTHER_BREAKS)
    return text


def _page_chrome(text: str, words: list[int]) -> str:
    """``text`` with the page breaks and page chrome of PDF-extracted text read, its
    length (so every offset) unchanged. A form feed with text on both sides on its
    line becomes a line break (at a line's edge it is white space that comes off
    anyway). A line that is only a page number as a footer writes it (``Page 3 of
    7``, anywhere; ``words`` are :func:`_page_words`) becomes a blank line, and
    when form feeds part three pages or more, so does a lone number (``3``,
    ``- 3 -``) and a short line that is no list item nor a known section heading
    repeated at the top or bottom of three pages (``Acme Corp — Confidential``),
    within two non-blank lines of the page's edge. A blank line ends the line
    before it: a sentence cut by such a footer stays cut, rather than joined to it.
    """
    feeds: list[int] = []
    if "\f" in text:
        at = text.find("\f")
        while at >= 0:
            feeds.append(at)
            at = text.find("\f", at + 1)
        text = _feeds_as_breaks(text, feeds)
    blanks: list[tuple[int, int]] = []
    if words:
        blanks.extend(_page_number_lines(text, words))
    if len(feeds) >= 2:
        blanks.extend(_running_lines(text, feeds))
    if not blanks:
        return text
    blanks.sort()
    pieces: list[str] = []
    at = 0
    for start, end in blanks:
        if start >= at:
            pieces.append(text[at:start])
            pieces.append(" " * (end - start))
            at = end
    pieces.append(text[at:])
    return "".join(pieces)


def _feeds_as_breaks(text: str, feeds: list[int]) -> str:
    """``text`` with the first form feed of each run of white space that holds some
    and has text on both sides on its line (``Own it\\fTrack it``) made ``\\n``.
    ``feeds`` are the form feeds' offsets, in order; each character is looked at
    twice at most."""
    n = len(text)
    chars: list[str] | None = None
    done = 0  # where the last run looked at ended
    for at in feeds:
        if at < done:
            continue
        a = at
        while a > done and text[a - 1] != "\n" and text[a - 1] != "\r" and text[a - 1].isspace():
            a -= 1
        b = at + 1
        while b < n and text[b] != "\n" and text[b] != "\r" and text[b].isspace():
            b += 1
        done = b
        if a > 0 and b < n and not text[a - 1].isspace() and not text[b].isspace():
            if chars is None:
                chars = list(text)
            chars[at] = "\n"
    return text if chars is None else "".join(chars)


def _page_number_lines(text: str, words: list[int]) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of each line of ``text`` that is, trimmed, ``Page N`` or
    ``Page N of M`` (:data:`_PAGE_TEXT`), among the lines that hold one of ``words``
    (:func:`_page_words`). Each line is looked at once at most, however many
    times "page" is in it."""
    pos = 0
    for word in words:
        if word < pos:
            continue
        # The line holding it starts after pos, where the last line looked at ended.
        start = max(text.rfind("\n", pos, word), text.rfind("\r", pos, word))
        start = pos if start < 0 else start + 1
        brk = _LINE_END.search(text, word)
        end = len(text) if brk is None else brk.start()
        a, b = start, end
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if _PAGE_TEXT.fullmatch(text, a, b) is not None:
            yield a, b
        pos = end


def _running_lines(text: str, feeds: list[int]) -> list[tuple[int, int]]:
    """``(start, end)`` of the page numbers and running headers and footers at the
    edges of the pages ``feeds`` (the form feeds' offsets) part ``text`` into."""
    begin = _body_start(text)
    # The first and last _EDGE_LINES non-blank lines of each page, trimmed.
    edges: list[list[tuple[int, int]]] = []
    page: list[tuple[int, int]] = []
    tail: list[tuple[int, int]] = []
    feed = 0
    for start, line in _raw_lines(text, begin):
        # A form feed opening a line (its white space) puts the line on the next page.
        while feed < len(feeds) and feeds[feed] <= start:
            edges.append(page + tail)
            page, tail = [], []
            feed += 1
        trimmed = line.strip()
        if not trimmed:
            continue
        a = start + len(line) - len(line.lstrip())
        b = a + len(trimmed)
        if len(page) < _EDGE_LINES:
            page.append((a, b))
        else:
            tail.append((a, b))
            if len(tail) > _EDGE_LINES:
                del tail[0]
    edges.append(page + tail)
    found: list[tuple[int, int]] = []
    pages_of: dict[str, int] = {}
    candidates: list[tuple[str, int, int]] = []
    sections = _section_phrases()[0]
    for lines in edges:
        seen: set[str] = set()
        for a, b in lines:
            if _EDGE_NUMBER.fullmatch(text, a, b) is not None:
                found.append((a, b))
                continue
            line = text[a:b]
            if b - a > _MAX_RUNNING_LINE or _strip_markers(line, 0, b - a) or not _has_alnum(line):
                continue
            if _normalise(line) in sections or (len(line) <= 60 and _qualified_section(line)):
                # A section's heading repeated atop its pages ("Benefits", "Perks &
                # benefits") stays.
                continue
            candidates.append((line, a, b))
            if line not in seen:
                seen.add(line)
                pages_of[line] = pages_of.get(line, 0) + 1
    found.extend((a, b) for line, a, b in candidates if pages_of[line] >= _REPEATED_PAGES)
    return found


# --- entry point -------------------------------------------------------------------------------


def split_statements(
    text: str, *, markup: str = "auto", include_headings: bool = False
) -> tuple[Statement, ...]:
    """Split a posting into :class:`Statement` values, in document order.

    ``markup`` is ``"auto"`` (HTML when the text starts with a tag or holds
    block-level tags outside Markdown code spans, an opening tag named in prose,
    "Use <br> tags", not counted; otherwise plain text/Markdown), ``"text"`` or
    ``"html"`` (another str raises :class:`~rolelens.errors.ArgumentError`, as an
    unknown option name does elsewhere, also an :class:`~rolelens.errors.InputError`
    as before: :class:`~rolelens.errors.MarkupError`; any other type ``TypeError``).
    With ``include_headings=True`` the headings are returned too, as statements of
    kind ``"heading"``; an ``include_headings`` that is not a bool raises
    ``TypeError``. Total over every string: any text gives a (possibly empty) tuple,
    in time linear in its length; anything else raises ``TypeError`` naming its
    type. On texts of a megabyte or more, Python's cyclic garbage collector is
    paused for the call.

    >>> [s.text for s in split_statements("Duties:\\n- Own the roadmap\\n- Track the budget")]
    ['Own the roadmap', 'Track the budget']
    >>> split_statements("Duties:\\n- Own the roadmap")[0].section
    'responsibilities'
    """
    if not isinstance(text, str):
        raise TypeError(f"split_statements() expects a str, got {type(text).__name__}")
    if not isinstance(markup, str):
        raise TypeError(f"markup must be a str, got {type(markup).__name__}")
    if markup not in MARKUPS:
        # Cut: the whole posting passed as markup by mistake was repeated in the message.
        # ArgumentError as for every other unknown option name; InputError, which it was
        # alone before, too (MarkupError is both).
        raise MarkupError(f"markup must be one of {', '.join(MARKUPS)}, got {markup!r:.60}")
    # "no" is true: it returned the headings it meant to leave out.
    must_be(include_headings, bool, "include_headings")
    with collection_paused(len(text)):
        return _split(text, markup, include_headings)


# A line break tag, as Markdown writes one in a table cell.
_BR_TAG = re.compile(r"<[bB][rR]\s*/?>")


def _breaks_in_table_rows(text: str) -> bool:
    """Whether the only HTML that makes ``text`` look like HTML (:func:`looks_like_html`)
    is ``<br>`` tags in Markdown table rows, as GFM writes a line break in a cell: the
    text does not open with a tag, holds no other block-level hint, and every line
    with a ``<br`` opens with ``|``."""
    if text.lstrip("\ufeff \t\r\n").startswith("<"):
        return False
    lowered = text.lower()
    # A tag in a code span ("`<li>`") is text, as looks_like_html reads it, and so is
    # one named in prose ("use <li> for lists").
    shown = without_code_spans(lowered)
    if holds_written_tags(shown, br=False):
        return False
    # Each <br> is markup when there are two or more, else one named in prose is not.
    several = next(itertools.islice(ANY_BR.finditer(shown), 1, None), None) is not None
    counted = ANY_BR if several else WRITTEN_BR
    return all(
        line.lstrip().startswith("|")
        for line in _LINE_END.split(shown)
        if "<br" in line and counted.search(line)
    )


def _split(text: str, markup: str, include_headings: bool) -> tuple[Statement, ...]:
    is_html = markup == "html" or (
        markup == "auto" and looks_like_html(text) and not _breaks_in_table_rows(text)
    )
    if not is_html:
        splitter = _Splitter(include_headings)
        # Same length, so the statements' offsets index the text as given.
        read = _other_breaks(text)
        words = _page_words(read)
        read = _page_chrome(read, words)
        read, hidden = _hide_inline(read)
        if speedups is None:
            _text_statements(read, splitter)
        else:
            _text_statements_native(read, splitter)
        if hidden:
            _unhide(splitter.out)
        return _without_page_numbers(splitter.out, words)
    # Markdown with some HTML in it may open with front matter too: skip it likewise.
    begin = front_matter(text)[0] if text[:1] in "-+\ufeff" else 0
    for drop_chrome_attributes in (True, False):
        # Numbered runs ("1 - Own the roadmap", "2 - Track the budget") are looked for
        # only once a line opening with "2 -", "#2", "2:"... is met (_NumberedRun):
        # then the blocks are all read, their runs found, and read again from there.
        splitter = _Splitter(include_headings)
        splitter.source = text  # where table_row looks whether a row goes on a table
        dropped: list[str] = []
        blocks = iter_html_blocks(
            text, drop_chrome_attributes=drop_chrome_attributes, dropped=dropped
        )
        try:
            _read_blocks(text, splitter, blocks, begin)
        except _NumberedRun:
            splitter = _Splitter(include_headings)
            splitter.source = text
            dropped = []
            every = list(
                iter_html_blocks(
                    text, drop_chrome_attributes=drop_chrome_attributes, dropped=dropped
                )
            )
            _read_blocks(text, splitter, iter(every), begin, _html_numbered(text, every))
        # Only headings: read again keeping what looked like chrome by its attributes
        # alone, if anything did (else the second reading, as long, finds the same).
        if not dropped or any(s.kind != "heading" for s in splitter.out):
            break
    return _without_page_numbers(splitter.out, None)


# What a Markdown line shows nothing of, inside the line as on a line of its own: an HTML
# comment that closes on its line, an image (rolelens._html.INLINE_IMAGE) and characters of
# no width (rolelens._html.ZERO_WIDTH), which the HTML reader shows nothing of either.
# What a hidden span is filled with: white space to str.strip, \s and the C splitter,
# no line break, and in no posting (a control character), so that _unhide finds it.
_HIDDEN = "\x1f"
_HIDDEN_RUN = re.compile("\x1f(?:\\s*\x1f)*")


def _hide_inline(text: str) -> tuple[str, bool]:
    """``text`` with each HTML comment that opens and closes on one line (``Own the
    roadmap <!-- check --> with design``), each Markdown image (``![logo](x.png)``,
    ``[![badge](b.svg)](target)``) and each run of ``ZERO_WIDTH`` characters
    (but a byte order mark opening the text) filled with :data:`_HIDDEN`, its length
    unchanged;
    and whether any was. The lines read as if they were white space (a line of only
    such spans is blank), and :func:`_unhide` takes them out of the statements'
    text. A text that holds :data:`_HIDDEN` itself is left as it is."""
    spans: list[tuple[int, int]] = []
    if _HIDDEN in text:
        return text, False
    if "<!--" in text:
        at = text.find("<!--")
        close = -1
        while at >= 0:
            if close < at + 4:
                close = text.find("-->", at + 4)
                if close < 0:
                    break
            broken = _LINE_END.search(text, at, close)
            if broken is None:
                spans.append((at, close + 3))
                at = text.find("<!--", close + 3)
            else:
                # Every "<!--" before that line end closes at the same "-->", over the
                # same line end: look on after it (from at + 4, "<!--" * n on one long
                # line searched that line once a comment, quadratic).
                at = text.find("<!--", broken.end())
    if "![" in text:
        spans.extend(match.span() for match in INLINE_IMAGE.finditer(text))
    # The byte order mark opening the text stays, for _body_start to skip it.
    at = 1 if text[:1] == "\ufeff" else 0
    if holds_zero_width(text, at):
        spans.extend(match.span() for match in ZERO_WIDTH.finditer(text, at))
    if not spans:
        return text, False
    spans.sort()
    parts: list[str] = []
    done = 0
    for a, b in spans:
        a = max(a, done)
        if a < b:
            parts.append(text[done:a])
            parts.append(_HIDDEN * (b - a))
            done = b
    parts.append(text[done:])
    return "".join(parts), True


def _unhide(statements: list[Statement]) -> None:
    """Take the spans :func:`_hide_inline` filled out of the text and heading of the
    ``statements``, in place: with the white space around it, such a span reads as one
    space when white space was on either side, else as nothing."""
    shown: dict[str, str] = {}  # by heading: the statements under one share it
    for at, statement in enumerate(statements):
        text, heading = statement.text, statement.heading
        if _HIDDEN not in text and (heading is None or _HIDDEN not in heading):
            continue
        if heading is not None and _HIDDEN in heading:
            if heading not in shown:
                shown[heading] = _without_hidden(heading)
            heading = shown[heading]
        if _HIDDEN in text:
            text = _without_hidden(text)
        statements[at] = _valid_statement(
            text, statement.start, statement.end, statement.section, heading, statement.kind
        )


def _without_hidden(text: str) -> str:
    """``text`` without its runs of :data:`_HIDDEN` and the white space around each."""
    parts: list[str] = []
    done = 0
    for match in _HIDDEN_RUN.finditer(text):
        before = text[done : match.start()]
        kept = before.rstrip()
        after = match.end()
        while after < len(text) and text[after].isspace():
            after += 1
        parts.append(kept)
        if (len(kept) < len(before) or after > match.end()) and kept and after < len(text):
            parts.append(" ")
        done = after
    parts.append(text[done:])
    return "".join(parts)


def _without_page_numbers(
    statements: list[Statement], words: list[int] | None
) -> tuple[Statement, ...]:
    """``statements`` but those that are only a page number (``Page 3 of 7``): a sentence
    cut from a line, a table cell or an HTML block goes as such a line of plain text
    does. With ``words`` (:func:`_page_words` of plain text, whose statements hold
    the text of their spans, in order), only the statements holding one are looked at."""
    if words is None:
        return tuple(
            s
            for s in statements
            if s.text[0] not in _PAGE_FIRST
            or s.kind == "heading"
            or _PAGE_TEXT.fullmatch(s.text) is None
        )
    drop: set[int] = set()
    # Many words: one list of starts costs less than a key call at each bisection step.
    starts: list[int] | None = None
    if len(words) > len(statements) // 16:
        starts = [s.start for s in statements]
    for word in words:
        if starts is None:
            at = bisect_right(statements, word, key=_start_of) - 1
        else:
            at = bisect_right(starts, word) - 1
        if at >= 0 and word < statements[at].end:
            statement = statements[at]
            if statement.kind != "heading" and _PAGE_TEXT.fullmatch(statement.text) is not None:
                drop.add(at)
    if not drop:
        return tuple(statements)
    return tuple(s for at, s in enumerate(statements) if at not in drop)


def _start_of(statement: Statement) -> int:
    return statement.start


def _read_blocks(
    text: str,
    splitter: _Splitter,
    blocks: Iterator[Block],
    begin: int,
    numbered: dict[int, int] | None = None,
) -> None:
    """Hand the HTML ``blocks`` of ``text`` to ``splitter``, skipping what lies before
    ``begin`` (front matter). ``numbered`` is :func:`_html_numbered` of the page, or
    ``None`` when it has not been looked for: a line that may be the second of a
    numbered run then raises :class:`_NumberedRun`. A block after a single ``<br>``
    (``Block.after_break``) goes on from the one before it as a wrapped line of plain
    text goes on (:func:`_goes_on`); the two are then one logical line."""
    pending: list[Segment] | None = None  # blocks joined at a <br>, not yet read
    pending_bullet = False
    # The table cell pending is in, with the cells of the tables around its table.
    pending_cell: CellPath | None = None
    tail: list[Segment] = []  # the last block joined into pending
    # A heading whose element a single <br> goes on in the block after it (held:
    # its segments so far, its level and cell), read with that block as one heading.
    held: tuple[list[Segment], int, CellPath | None] | None = None
    cells = _Cells(splitter)
    # _marked(pending), kept once pending's probe can no longer change as blocks join it.
    pending_marked: bool | None = None
    following: Block | None = None
    last = _LastLine()

    def listed() -> bool:
        """Whether the line read now goes on a list item (asked of :func:`_goes_on`
        only when the rest of its rule allows the join: a page of short lines in a
        ``<pre>`` asked it of every line)."""
        nonlocal pending_marked
        if pending_bullet or pending is None:
            return pending_bullet
        marked = pending_marked
        if marked is None:
            marked = _marked(pending)
            if len(pending) >= 4 or len(pending[0][0]) >= 8:  # the probe is settled
                pending_marked = marked
        return marked or _marked(following)

    for block, following in _with_next(blocks):
        segments = list(block.segments)
        if begin and segments[0][1] < begin:
            segments = [seg for seg in segments if seg[1] >= begin]
            while segments and segments[0][0] == " ":
                del segments[0]
        while segments and segments[-1][0] == " ":
            segments.pop()
        if not segments:
            if held is not None:
                _read_heading(cells, *held)
                held = None
            continue
        if numbered is None and segments[0][0][0] in _TWO_FIRST and _opens_with_two(segments):
            raise _NumberedRun
        heading_level = block.level if block.kind == "heading" else 0
        # A paragraph in bold of up to twenty words is a heading (_heading_shaped);
        # a list item in bold is not, as in Markdown ("- **Own the roadmap**"), nor
        # is one chrome element the page escaped ("<b>&lt;svg/&gt;</b>"), which
        # line() drops, as _heading_of declines "**<svg/>**".
        if block.bold_only and block.kind == "paragraph":
            visible = "".join(seg[0] for seg in segments)
            if _heading_shaped(visible) and not (visible[0] == "<" and _chrome_line(visible)):
                heading_level = _HEADING_LEVEL_PLAIN
        if (
            pending is not None
            and block.after_break
            and not heading_level
            and _goes_on(tail, segments, listed, last)
        ):
            # The white space between is the <br>: _source_lines never cuts there.
            pending.append((" ", pending[-1][2], segments[0][1], False))
            pending.extend(segments)
            tail = segments
            continue
        if pending is not None:
            _read_cell(text, cells, pending, pending_bullet, pending_cell, numbered)
            pending = None
        bullet = block.kind == "bullet"
        cell = block.path
        if held is not None:
            # The rest of a heading after its <br>: one heading with what came before.
            joined, heading_level, cell = held
            held = None
            joined.append((" ", joined[-1][2], segments[0][1], False))
            joined.extend(segments)
            segments = joined
        if heading_level:
            if _heading_goes_on(block, segments, following):
                held = (segments, heading_level, cell)
                continue
            _read_heading(cells, segments, heading_level, cell, bullet=bullet)
            continue
        pending, pending_bullet, pending_cell, tail = segments, bullet, cell, segments
        pending_marked = None
    if held is not None:
        _read_heading(cells, *held)
    if pending is not None:
        _read_cell(text, cells, pending, pending_bullet, pending_cell, numbered)
    cells.move(None)


def _heading_goes_on(block: Block, segments: list[Segment], following: Block | None) -> bool:
    """Whether the heading ``block`` (its trimmed ``segments``) goes on in ``following``,
    after a single ``<br>`` in the same element: the lines of an ``h2``-``h6`` are one
    heading (``<h3>🚀 What you'll<br>do</h3>``, ``<h3>What You'll<br>Do</h3>``); an
    ``h1``, most often the job's name and then its place (``<h1>Product
    Manager<br>Berlin</h1>``), and a paragraph in bold go on as a wrapped line does,
    in a lower-case word (``<p><b>What you'll<br>do</b></p>``). Each line was a
    heading of its own, and the second, naming no section, ended the section the
    first had started."""
    if (
        following is None
        or not following.after_break
        or following.kind != block.kind
        or following.level != block.level
        or following.cell != block.cell
    ):
        return False
    if block.kind == "heading" and block.level > 1:
        return True
    return (
        (block.kind == "heading" or (block.bold_only and following.bold_only))
        and segments[-1][0][-1] not in _TERMINAL
        and _probe(list(following.segments)).lstrip()[:1].islower()
    )


def _read_heading(
    cells: _Cells,
    segments: list[Segment],
    level: int,
    cell: CellPath | None,
    *,
    bullet: bool = False,
) -> None:
    """Hand ``segments``, a heading of ``level``, to the splitter, in the table ``cell``."""
    splitter = cells.splitter
    cells.read(cell, functools.partial(splitter.line, bullet=bullet, heading_level=level), segments)


def _read_cell(
    text: str,
    cells: _Cells,
    segments: list[Segment],
    bullet: bool,
    cell: CellPath | None,
    numbered: dict[int, int] | None,
) -> None:
    """:func:`_read_block`, in the table ``cell`` (``Block.path``)."""
    cells.read(cell, _read_block, text, cells.splitter, segments, bullet, numbered)


#: How many tables around a block, innermost first, a heading read in it may make lay
#: their sections side by side (:meth:`_Cells.read`). Deeper ones keep their sections,
#: and the tables' cells are all entered and left whatever the nesting.
_HEADED_REACH = 32


class _Cells:
    """The table cells a splitter reading HTML blocks is in (:meth:`_Splitter.in_cell`):
    a table in a cell of a table that lays its sections side by side reads with that
    cell's section, not with the last heading of the row above, which belongs to
    another column.

    The cells stay entered from one block to the next while the blocks are in them,
    and moving to the next block's cell leaves and enters only the cells that differ,
    outermost first in, innermost first out: loops, no recursion, and work in all
    proportional to the cells of the page, however deep tables nest (keeping only the
    tables right around a cell lost the sections of a layout table more than 32
    tables out). Each table entered is kept with its cell, so the splitter's bounded
    table memory never drops one still open.
    """

    __slots__ = ("entered", "path", "splitter")

    def __init__(self, splitter: _Splitter) -> None:
        self.splitter = splitter
        self.path: CellPath | None = None
        self.entered: list[_Entered] = []  # outermost first: one per cell of path

    def move(self, path: CellPath | None) -> None:
        """Leave the cells entered that are not on ``path`` and enter those of ``path``
        that are not."""
        old = self.path
        if path is old:
            return
        fresh: list[CellPath] = []
        a, b = old, path
        depth_a = -1 if a is None else a.depth
        depth_b = -1 if b is None else b.depth
        while depth_b > depth_a and b is not None:
            fresh.append(b)
            b, depth_b = b.parent, depth_b - 1
        while depth_a > depth_b and a is not None:
            a, depth_a = a.parent, depth_a - 1
        while a is not b and a is not None and b is not None:
            fresh.append(b)
            a, b = a.parent, b.parent
        keep = 0 if a is None else a.depth + 1
        splitter = self.splitter
        entered = self.entered
        left: dict[object, _Table] = {}
        while len(entered) > keep:
            found, column, columns, _ = entered.pop()
            left[found.key] = found
            if columns is not None:
                columns[column] = (splitter.section, splitter.section_level, splitter.heading)
                splitter.section, splitter.section_level, splitter.heading = found.before
        tables = splitter.tables
        for node in reversed(fresh):
            table, row, column = node.cell
            if table not in tables and table in left:
                # A table still open that the splitter's bounded memory let go.
                remember(tables, table, left[table], _TABLES_LIMIT)
            entered.append(splitter.enter_cell(table, row, column))
        self.path = path

    def read(self, path: CellPath | None, read: Callable[..., object], *args: Any) -> None:
        """``read(*args)`` in the cell ``path``."""
        self.move(path)
        splitter = self.splitter
        headings = splitter.headings
        read(*args)
        if splitter.headings == headings or not splitter.named or not self.entered:
            return
        # A heading naming a section was read: each table around whose row has not laid
        # its sections side by side notes it for the cell's column, with the state that
        # leaving the cells inside it would leave (a side-by-side table's leaves its own).
        state: _State = (splitter.section, splitter.section_level, splitter.heading)
        for found, column, columns, _ in reversed(self.entered[-_HEADED_REACH:]):
            if columns is None:
                found.headed[column] = state
            else:
                state = found.before


def _with_next(blocks: Iterator[Block]) -> Iterator[tuple[Block, Block | None]]:
    """Each block with the one after it (``None`` after the last)."""
    block = next(blocks, None)
    while block is not None:
        following = next(blocks, None)
        yield block, following
        block = following


def _probe(segments: list[Segment] | tuple[Segment, ...]) -> str:
    """The visible text opening ``segments``: enough to see a list marker. At most 64
    characters, so that asking again of a line that keeps growing costs no more."""
    probe = segments[0][0]
    if len(probe) < 8:
        probe = "".join(piece[0] for piece in segments[:4])
    return probe[:64]


def _line_break(text: str, seg: Segment) -> bool:
    """Whether ``seg``, a segment of an HTML block, is white space between words that
    breaks a line of the source, with no markup in it."""
    if seg[0] != " " or seg[3]:
        return False
    start, end = seg[1], seg[2]
    if text.find("\n", start, end) < 0 and text.find("\r", start, end) < 0:
        return False
    return text.find("<", start, end) < 0


def _next_line(text: str, segments: list[Segment], k: int) -> list[Segment] | None:
    """The segments opening the source line after the one that starts at ``segments[k]``
    (:func:`_line_break`), or ``None`` when it is the last. Looks through that one
    line only."""
    for j in range(k, len(segments) - 1):
        if _line_break(text, segments[j]):
            return segments[j + 1 : j + 4]
    return None


def _marked(block: Block | list[Segment] | None) -> bool:
    """Whether ``block`` (an HTML block, or the segments of a logical line) is a list
    item, or opens with a list marker or an ``o`` or ``§`` bullet: as a line of
    plain text that makes an ``o`` line next to it a list item too."""
    if block is None:
        return False
    if isinstance(block, Block):
        if block.kind == "bullet":
            return True
        segments: list[Segment] | tuple[Segment, ...] = block.segments
    else:
        segments = block
    return bool(segments) and _marked_text(_probe(segments))


def _marked_text(probe: str) -> bool:
    """Whether the visible text ``probe`` opens with a list marker or an ``o`` or ``§``
    bullet."""
    return bool(probe) and (
        _strip_markers(probe, 0, len(probe)) > 0 or _loose_marker(probe, 0, len(probe)) > 0
    )


class _LastLine:
    """The last block :func:`_goes_on` read as the one that goes on (its segments, by
    identity) and :func:`_heading_of` of its text: asked again of the same block as
    the one before the next, alone (not a list item, no marker), it is the same
    question."""

    __slots__ = ("heading", "segments")

    def __init__(self) -> None:
        self.segments: list[Segment] | None = None
        self.heading: tuple[str, int] | None = None


def _goes_on(
    before: list[Segment],
    after: list[Segment],
    listed: Callable[[], bool],
    last: _LastLine | None = None,
) -> bool:
    """Whether the block ``after``, which a ``<br>`` parts from the block ``before``,
    goes on from it, by the rule of a wrapped line of plain text: ``before`` does not
    end with ``. ! ? : ;`` and is no heading (``listed()``: a list item), and ``after``
    opens with a lower-case letter, no list marker and is no heading. An ``o``
    opening ``after`` is a word that goes on, as in plain text, unless ``listed()``
    (the line before or the block after is a list item too); a ``§`` is a
    bullet. ``listed`` is called only when the rest of the rule leaves the answer to
    it; ``last``, when given, keeps the heading of ``after`` for the next call."""
    if before[-1][0][-1] in _TERMINAL:
        return False
    probe = _probe(after)
    if not probe[0].islower() or _strip_markers(probe, 0, len(probe)):
        return False
    # One segment, a line of a <pre> most often: its text, with no join.
    visible = before[0][0] if len(before) == 1 else "".join(seg[0] for seg in before)
    first = _strip_markers(visible, 0, len(visible))
    if probe[0] == "o" or not "a" <= visible[first] <= "z":
        is_listed = listed()
        if is_listed and _loose_marker(probe, 0, len(probe)):
            return False  # by a list item, "o" opens a bullet, not a word that goes on
    else:
        # Whether it is listed changes nothing then: a line opening with a lower-case
        # letter (its markers aside) and ending with no colon (_TERMINAL) is a heading
        # or not whatever it is; only a colon, capitals, a capital opening a heading of
        # qualifiers (_qualified_section) or emphasis make a list item a heading and
        # not a line, or the other way round. An "o" is not there to be a bullet.
        is_listed = False
    if not first and not is_listed and last is not None and last.segments is before:
        heading = last.heading  # _heading_of(visible), item=False being item=None here
    else:
        heading = _heading_of(
            visible[first:] if first else visible,
            listed=is_listed,
            item=_item(visible, first, is_listed),
        )
    if heading is not None:
        return False
    line = after[0][0] if len(after) == 1 else "".join(seg[0] for seg in after)
    found = _heading_of(line)
    if last is not None:
        last.segments, last.heading = after, found
    return found is None or _words_going_on(line)


def _read_block(
    text: str,
    splitter: _Splitter,
    segments: list[Segment],
    bullet: bool,
    numbered: dict[int, int] | None = None,
) -> None:
    """Hand one logical line of HTML (a block, or blocks :func:`_read_blocks` joined)
    to ``splitter``, cut where its source breaks a line (:func:`_source_lines`).
    A line opening with a number of a run (``numbered``, :func:`_html_numbered`)
    loses it, as a list marker, as in plain text.

    A block is never the wrapped end of the line before it, so an ``o`` or ``§``
    bullet opening it (Word's HTML export writes ``<p class=MsoListParagraph>o&nbsp;
    Own the roadmap</p>``) is a list marker, as a ``-`` is; so is one opening a
    line after a cut, which :func:`_source_lines` makes before an ``o`` only
    where plain text would read a bullet, or after a blank line."""
    for part in (segments,) if len(segments) < 3 else _source_lines(text, segments, numbered):
        number = numbered.get(part[0][1], 0) if numbered else 0
        row = _table_row_source(text, part)
        if row is not None:
            # A Markdown table row in the source, as in plain text; its separator row
            # (no letter or digit) gives nothing.
            if _has_alnum(row):
                splitter.table_row(row, part[0][1])
        elif len(part) == 1 and part[0][3]:
            # One line of source text (a line of text pasted into a <div>, most
            # list items): single() gives line()'s statements with less work.
            content, base = part[0][0], part[0][1]
            length = len(content)
            first = _strip_markers(content, 0, length)
            if not first and number:
                first = _strip_markers(content, number, length)
            if not first and (content[0] == "o" or content[0] == "\u00a7"):
                after = _loose_marker(content, 0, length)
                first = _strip_markers(content, after, length) if after else 0
            heading = None if first else _heading_of(content, listed=bullet)
            splitter.single(content, base, first, heading, bullet=bullet)
        else:
            splitter.line(part, bullet=bullet, loose=True, numbered=number)
        bullet = False


def _table_row_source(text: str, part: list[Segment]) -> str | None:
    """The source of ``part``, a line of an HTML block, when it is a Markdown table row
    written as plain text (``| Own the roadmap | SQL |``: opening with ``|``, holding
    another, no markup nor entity in it), for :meth:`_Splitter.table_row`; else
    ``None``."""
    opening = part[0]
    if not opening[3] or opening[0][:1] != "|":
        return None
    for seg in part:
        if not seg[3] and (
            seg[0] != " "
            or text.find("<", seg[1], seg[2]) >= 0
            or text.find("&", seg[1], seg[2]) >= 0
        ):
            return None
    row = text[opening[1] : part[-1][2]]
    if row.find("|", 1) < 0 or "\n" in row or "\r" in row:
        return None
    return row


# A blank line in the source: two line breaks with nothing but spaces or tabs between.
# The "\r" of a "\r\n" is no line break of its own: one Windows line end read as two
# made every line of a <div> a statement of its own.
_BLANK_LINE = re.compile(r"(?:\r\n|\r(?!\n)|\n)[ \t\f\v\u00a0]*[\r\n]")


def _source_lines(
    text: str, segments: list[Segment], numbered: dict[int, int] | None = None
) -> Iterator[list[Segment]]:
    """The HTML block ``segments`` cut where the source breaks a line as plain text would.

    A browser joins the lines of a text node, but a posting that is Markdown
    with some HTML in it (a ``<br>``, a table), or plain text pasted into a
    ``<div>`` or ``<pre>``, keeps its structure in them: a blank line, or a
    line break before a ``#`` heading (``# `` or ``##``, not a ``#hashtag``)
    or a list marker that is neither a letter nor a dash that can go on a
    sentence (``-``, ``*``, ``•``, ``1.``..., not ``—``), ends the line there.
    White space that spans markup (a comment, a ``<b>``) never does.
    Segments are ``(text, start, end, exact)``; white space between words is
    one inexact ``" "`` segment whose source range holds the line breaks.
    A line opening with a number of a run (``numbered``, by its start: see
    :func:`_read_blocks`) is a list item as in plain text, and ends the line before
    it too; with ``numbered`` ``None``, one that may be the second number of a run
    raises :class:`_NumberedRun`.
    """
    begin = 0
    last = len(segments) - 1
    for k in range(1, last):
        seg = segments[k]
        if seg[0] != " " or seg[3]:
            continue
        # As _line_break, written out: this loop sees every segment of the block.
        start, end = seg[1], seg[2]
        if text.find("\n", start, end) < 0 and text.find("\r", start, end) < 0:
            continue
        if text.find("<", start, end) >= 0:
            continue
        # The next words as visible text ("- Own", or "-", " ", "Own"): enough to see a marker.
        probe = segments[k + 1][0]
        if len(probe) < 8:
            probe = "".join(piece[0] for piece in segments[k + 1 : k + 4])
        first = probe[:1]
        if numbered is None and first in _TWO_FIRST and _opens_with_two(segments[k + 1 : k + 9]):
            raise _NumberedRun
        if (
            not first
            or not (
                probe.startswith(("# ", "##"))
                # a number of a numbered run ("2 - Track the budget")
                or (numbered and segments[k + 1][1] in numbered)
                # a Markdown table row begins or ends (no line goes on from one)
                or first == "|"
                or segments[begin][0][:1] == "|"
                # a bullet or a number: not "a)" or "(EU)", nor a dash, which go on sentences too
                or (
                    first not in "(#–—"
                    and not first.isalpha()
                    and _strip_markers(probe, 0, len(probe))
                )
                # An "o" or "§" bullet where a line of plain text would read one
                # (_text_statements): a "§", or an "o" after a line that ends like a
                # sentence, opens with a marker, or before a line that does.
                or (
                    (first == "o" or first == "\u00a7")
                    and _loose_marker(probe, 0, len(probe)) > 0
                    and (
                        first == "\u00a7"
                        or segments[k - 1][0][-1:] in _TERMINAL
                        or _marked(segments[begin : begin + 4])
                        or _marked(_next_line(text, segments, k + 1))
                    )
                )
                or _BLANK_LINE.search(text, start, end) is not None
            )
        ):
            continue
        yield segments[begin:k]
        begin = k + 1
    yield segments[begin:]
