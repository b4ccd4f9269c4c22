"""Text from users' files, made safe to print on a terminal line and to encode as UTF-8."""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from typing import Any

# C0 controls that str.split() does not treat as white space, DEL and the C1
# controls: ESC (0x1b) and CSI (0x9b) start sequences that can retitle, recolour
# or clear the reader's terminal, so a hostile posting could. Shown as \xNN.
_CONTROLS = {
    code: f"\\x{code:02x}"
    for code in (*range(0x20), 0x7F, *range(0x80, 0xA0))
    if not chr(code).isspace()
}
# The bidirectional embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069)
# reorder what follows them on the line: "RLO" in a statement could make a table row
# or an explanation read as something else. Shown as \uNNNN. The marks (LRM, RLM,
# ALM) only set the direction of neutral characters, and right-to-left text uses
# them: they stay.
_CONTROLS.update(
    {code: f"\\u{code:04x}" for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}
)


def escape_controls(text: str) -> str:
    """``text`` with every control character but white space written as ``\\xNN``, and
    the bidirectional embeddings, overrides and isolates as ``\\uNNNN``."""
    return text.translate(_CONTROLS)


#: The same controls as character references (``&#x1B;``), for Markdown: a
#: browser still reads the character (a CommonMark renderer such as markdown-it shows
#: U+FFFD in its place), while a terminal shown the file (the reports go to stdout
#: without ``-o``) gets no escape sequence.
CHARACTER_REFERENCES = {code: f"&#x{code:02X};" for code in _CONTROLS}
_CONTROL = re.compile("[" + re.escape("".join(map(chr, _CONTROLS))) + "]")
_DROP_CONTROLS = dict.fromkeys(_CONTROLS)


#: The controls that are white space to Python (``str.isspace``, ``str.split``) but that
#: a browser draws: VT, FF (white space to HTML's parser, not to CSS), the information
#: separators U+001C-U+001F and NEL (U+0085). rolelens reads each as a line break (the
#: text report and the Markdown show a space), but a browser shows one as an empty
#: box between the words it glued together, and NEL's reference ``&#133;`` as "…".
#: HTML pages write each as the line break ``\\n``.
HTML_LINE_BREAKS = dict.fromkeys((0x0B, 0x0C, 0x1C, 0x1D, 0x1E, 0x1F, 0x85), "\n")

#: The same for HTML pages, but a C1 control (U+0080-U+009F) is U+FFFD's reference: HTML
#: reads ``&#x80;``-``&#x9F;`` as the Windows-1252 characters of those bytes, so
#: ``&#x9B;`` would show as "›" and ``&#x80;`` as "€", characters the text never held;
#: and the controls of :data:`HTML_LINE_BREAKS` are line breaks.
HTML_CHARACTER_REFERENCES = {
    **CHARACTER_REFERENCES,
    **{code: "&#xFFFD;" for code in CHARACTER_REFERENCES if 0x80 <= code <= 0x9F},
    **HTML_LINE_BREAKS,
}
_HTML_CONTROL = re.compile("[" + re.escape("".join(map(chr, HTML_CHARACTER_REFERENCES))) + "]")
_DROP_HTML_CONTROLS = dict.fromkeys(HTML_CHARACTER_REFERENCES)


def _holds(text: str, drop: dict[int, None], pattern: re.Pattern[str]) -> bool:
    # The check runs on every piece of a report: on ASCII text, str.translate deleting
    # characters runs at memory speed, three times faster than the regex; on other
    # text it is the slow one by far.
    if text.isascii():
        return len(text.translate(drop)) != len(text)
    return pattern.search(text) is not None


def _holds_control(text: str) -> bool:
    return _holds(text, _DROP_CONTROLS, _CONTROL)


def controls_as_html_references(text: str) -> str:
    """``text`` with every control character but white space, and every bidirectional
    embedding, override and isolate, written as a character reference (a C1 control
    as ``&#xFFFD;``, which a browser shows as the replacement character), and each
    control that is white space to Python but drawn by a browser (VT, FF,
    U+001C-U+001F, NEL) as a line break; ``text`` itself when it holds none.

    >>> controls_as_html_references("red\\x1b[31m \\x9b2J")
    'red&#x1B;[31m &#xFFFD;2J'
    >>> controls_as_html_references("Own the\\x85roadmap")
    'Own the\\nroadmap'
    """
    if _holds(text, _DROP_HTML_CONTROLS, _HTML_CONTROL):
        return text.translate(HTML_CHARACTER_REFERENCES)
    return text


# A backslash before each character that is markup in Markdown (CommonMark's, GFM's
# "~", GitHub's "$" of maths: "$5k and $10k" showed "5k and " as a formula) or
# starts an entity; controls as character references. "<", which starts HTML, is
# its reference "&lt;": "\\<" is an escape to CommonMark only, and a renderer of the
# older Markdown (Python-Markdown, Markdown.pl) kept the backslash and read the
# "<br\\>" after it as a tag, so "a <br> b" in a statement broke its line there.
_MARKDOWN_ESCAPES = str.maketrans(
    {**{ch: "\\" + ch for ch in "\\`*_[]>|#!~&$"}, "<": "&lt;", **CHARACTER_REFERENCES}
)


# What GitHub shows as other than its text, in text escaped by _MARKDOWN_ESCAPES: an
# "@" before a name (a mention, or an e-mail address made a link), a "#" before a
# number (a link to that issue: "fix #123"), the colon opening an emoji shortcode
# (":rocket:", ":white\_check\_mark:" once escaped), and a bare URL: the colon of
# "scheme://", and "www." after no letter or digit (its first "w" matched before the
# look behind, so that every branch opens with a character the search skips to).
_GFM_SPECIAL = re.compile(
    r"@(?=[A-Za-z0-9])|#(?=[0-9])|:(?=(?:[A-Za-z0-9+-]|\\_)+:)|:(?=//)"
    r"|[Ww](?<![A-Za-z0-9][Ww])[Ww]{2}\."
)
#: A word joiner, as the reference a Markdown report writes after an "@" or a colon.
_WORD_JOINER = "&#x2060;"


def _gfm_inert(found: re.Match[str]) -> str:
    # Mentions and emoji are found by GitHub in the text a renderer made, after its
    # backslash escapes are gone: an invisible word joiner breaks them up. An autolink
    # is found by the parser, which a backslash stops, and the text shows as written.
    mark = found[0]
    if mark in "@#":  # "#" comes escaped ("\\#"), as GitHub still links it
        return mark + _WORD_JOINER
    if mark == ":":
        return "\\:" if found.string.startswith("//", found.end()) else ":" + _WORD_JOINER
    return mark[:3] + "\\."


def markdown_inline(text: str) -> str:
    """``text`` made inert on one line of Markdown (a table cell, a list item, a
    paragraph): white space runs, line breaks of every kind among them, become one
    space, and each special character is escaped (``<`` as ``&lt;``, which no
    Markdown reads as the start of a tag). What GitHub would show as a mention, an
    issue reference, an emoji or a link shows as written: a word joiner
    (``&#x2060;``, no width) follows an ``@`` before a name, a ``#`` before a
    number and the colon opening an emoji shortcode, and a backslash goes before
    the colon of ``https://`` and the dot of ``www.``.

    >>> markdown_inline("Own *the*\\r# roadmap\\x1b[2J")
    'Own \\\\*the\\\\* \\\\# roadmap&#x1B;\\\\[2J'
    >>> markdown_inline("$5k to $10k")
    '\\\\$5k to \\\\$10k'
    >>> markdown_inline("Ask @ana :rocket: https://example.com")
    'Ask @&#x2060;ana :&#x2060;rocket: https\\\\://example.com'
    >>> markdown_inline("Fix #123 <br> now")
    'Fix \\\\#&#x2060;123 &lt;br\\\\> now'
    """
    escaped = " ".join(text.split()).translate(_MARKDOWN_ESCAPES)
    # What the search needs, looked for first: most texts hold none, and the search
    # costs twice the rest of the call (the report writes one a statement).
    if "@" in escaped or ":" in escaped or "#" in escaped or "w." in escaped or "W." in escaped:
        return _GFM_SPECIAL.sub(_gfm_inert, escaped)
    return escaped


def one_line(text: str) -> str:
    """``text`` on one line: white space runs become one space, controls become ``\\xNN``.

    >>> one_line("Own the\\n roadmap\\x1b]0;hi\\x07")
    'Own the roadmap\\\\x1b]0;hi\\\\x07'
    """
    return escape_controls(" ".join(text.split()))


#: A lone surrogate: a code point that UTF-8 cannot encode (see encodable).
_SURROGATE = re.compile(r"[\ud800-\udfff]")
#: Characters encoded at a time by encodable's check (no second copy of a long text).
_SLICE = 1 << 20


def _escaped(found: re.Match[str]) -> str:
    return f"\\u{ord(found[0]):04x}"  # as errors="backslashreplace" writes it


def encodable(text: str) -> str:
    """``text`` with each lone surrogate written as its escape (``\\ud800``), so the
    output it belongs to encodes as UTF-8; ``text`` itself when it holds none.

    The one policy of every rendered output (reports, tables, JSON documents):
    the six characters are what the command line writes for it
    (``errors="backslashreplace"``), and inside a JSON string they are JSON's own
    escape, which reads back as the same character. A long text is checked a
    slice at a time.

    >>> encodable("Own the roadmap \\ud800")
    'Own the roadmap \\\\ud800'
    """
    if text.isascii():  # known without a look at the characters
        return text
    for at in range(0, len(text), _SLICE):
        try:
            text[at : at + _SLICE].encode("utf-8")
        except UnicodeEncodeError:
            return _SURROGATE.sub(_escaped, text)
    return text


def cut_text(text: str, most: int) -> str:
    """``text`` for an error message, whole up to ``most`` characters, else cut there
    with ``...`` and the count of all: a paragraph (or a number thousands of digits
    long) given for a word made the one error line as long as it.

    >>> cut_text("--frmat", 60), cut_text("9" * 30, 20)
    ('--frmat', '99999999999999999999... (30 characters)')
    """
    return text if len(text) <= most else f"{text[:most]}... ({len(text):,} characters)"


def shown_id(text: str) -> str:
    """``text``, asked for as an id, quoted for an error message: its first 64
    characters (an id has at most 64), then ``...`` when it is longer. A text pasted
    for an id made the message, one line on stderr, as long as the text.

    >>> shown_id("core_focus"), shown_id("x" * 70)[-6:]
    ("'core_focus'", "xx'...")
    """
    return cut_repr(text, 64)


def cut_repr(text: str, most: int) -> str:
    """``text`` quoted for an error message: its first ``most`` characters, then
    ``...`` when it is longer (a statement named in an error, cut to a line).

    >>> cut_repr("Own the roadmap", 7)
    "'Own the'..."
    """
    return repr(text[:most]) + ("..." if len(text) > most else "")


#: The most ids an error message lists after "known:".
SHOWN_IDS = 10


def known_ids(ids: Collection[str], *, most: int = SHOWN_IDS) -> str:
    """``ids`` for the "(known: ...)" of an error message, in a line of bounded length:
    the first ``most`` of them, then how many more. A catalog may hold thousands of
    roles, and each error naming them all was one line of hundreds of kilobytes.

    >>> known_ids(["product_manager", "project_manager"])
    'product_manager, project_manager'
    >>> known_ids([f"role_{n}" for n in range(5)], most=2)
    'role_0, role_1 and 3 more'
    """
    shown = ", ".join(item for item, _ in zip(ids, range(most), strict=False))
    more = len(ids) - most
    return f"{shown} and {more:,} more" if more > 0 else shown


def short_repr(value: Any, field: str, noun: str, *, most: int, shown: int) -> str:
    """The repr attrs gives ``value`` (an attrs instance), but with its tuple ``field``
    as ``<N noun: first, ...>`` (its first ``shown`` items) when it holds more than
    ``most``: a posting's statements or a report's misses are thousands of items,
    and a REPL printed megabytes of them."""
    return bounded_repr(value, {field: noun}, most=most, shown=shown)


def bounded_repr(value: Any, nouns: Mapping[str, str], *, most: int, shown: int) -> str:
    """:func:`short_repr` for several tuple fields at once: each field of ``nouns``
    that holds more than ``most`` items is shown as ``<N noun: first, ...>``."""
    import attrs

    parts = []
    for attribute in attrs.fields(type(value)):
        if not attribute.repr:
            continue
        item = getattr(value, attribute.name)
        noun = nouns.get(attribute.name)
        if noun is not None and len(item) > most:
            first = ", ".join(map(repr, item[:shown]))
            parts.append(f"{attribute.name}=<{len(item)} {noun}: {first}, ...>")
        else:
            parts.append(f"{attribute.name}={item!r}")
    return f"{type(value).__name__}({', '.join(parts)})"
