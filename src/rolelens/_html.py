"""A small, forgiving HTML reader for job postings: visible text blocks with source offsets.

Theory of operation
-------------------
This is not a full HTML parser and never builds a tree. One left-to-right
scan over the markup (``str.find`` jumps, no backtracking) yields *blocks*:
runs of visible text that a browser would put on their own line (``p``,
``li``, ``h1``-``h6``, ``br``, table cells, ``div``...). Each block carries
its text as *segments* that remember where they came from in the original
string, so callers can map any character of the block back to a span of the
source:

* an *exact* segment is a slice of the source copied verbatim;
* an *atomic* segment replaces a source range with other text: a decoded
  entity (``&amp;`` -> ``&``) or a run of whitespace collapsed to one space.

Content nobody reads is dropped: ``script``, ``style``, ``noscript`` and
``template`` bodies (skipped to their closing tag), comments and
declarations (of a ``<![CDATA[...]]>`` section only its opener and
``]]>``: its text is read), and site chrome: ``nav``, ``header``, ``footer``, ``aside``,
``form``, ``button`` and any element whose ``id``, ``class`` or ``role``
names navigation, menus, headers, footers, cookie banners, buttons (an
"Apply" link in ``class="btn"``) and the like. Characters of no width (a zero
width space, a soft hyphen...: ``ZERO_WIDTH``), written or as a reference, and
Markdown images (``![logo](x.png)``: ``INLINE_IMAGE``) show nothing, as a tag.
Malformed markup is read on a best-effort basis: a ``<`` that does not start
a tag is text, unclosed elements end with the input, stray closing tags are
ignored, and nesting depth is only ever a counter, so deep nesting costs
nothing.
"""

from __future__ import annotations

import html
import html.entities
import itertools
import re
from collections.abc import Callable, Iterator

import attrs

# CHROME_TAGS, TAG_NAME and tag_end are here for rolelens.statements, which must read
# a Markdown line of raw chrome HTML as this reader reads the element. The module is
# private all the same: none of these names is rolelens' API.
__all__ = [
    "ANY_BR",
    "BLOCK_HINTS",
    "CHROME_TAGS",
    "END_HINTS",
    "INLINE_IMAGE",
    "TAG_NAME",
    "WRITTEN_BR",
    "WRITTEN_OPEN_TAG",
    "ZERO_WIDTH",
    "Block",
    "CellPath",
    "Segment",
    "first_h1",
    "holds_written_tags",
    "holds_zero_width",
    "html_blocks",
    "iter_html_blocks",
    "looks_like_html",
    "tag_end",
    "without_code_spans",
]

#: A piece of visible text: (text, source start, source end, exact).
Segment = tuple[str, int, int, bool]

_VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)
_RAW_TEXT = frozenset(("script", "style", "noscript", "template", "textarea", "xmp"))
CHROME_TAGS = frozenset(
    [
        "nav",
        "header",
        "footer",
        "aside",
        "form",
        "button",
        "select",
        "option",
        "svg",
        "canvas",
        "iframe",
        "object",
        "head",
        "title",
        "dialog",
        "menu",
    ]
)
# Chrome elements that may also wrap a whole page: an ASP.NET page puts all of its
# body in one <form>. Dropped as chrome elements are, but kept by a second reading
# with drop_chrome_attributes=False, as elements dropped for their attributes are.
_WRAPPER_CHROME = frozenset(["form"])
_CHROME_WORDS = frozenset(
    [
        "nav",
        "navbar",
        "navigation",
        "menu",
        "menubar",
        "topbar",
        "header",
        "masthead",
        "footer",
        "cookie",
        "cookies",
        "consent",
        "breadcrumb",
        "breadcrumbs",
        "sidebar",
        "share",
        "sharing",
        "social",
        "banner",
        "contentinfo",
        "skip",
        "subscribe",
        "newsletter",
        "btn",
        "button",
    ]
)
_BLOCK = frozenset(
    [
        "address",
        "article",
        "blockquote",
        "body",
        "center",
        "dd",
        "details",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "hr",
        "html",
        "li",
        "main",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
        "br",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "caption",
        "fieldset",
        "legend",
    ]
)
_BOLD = frozenset(("b", "strong"))
# Tags that end a block and move through a table's rows and cells (Block.cell).
_TABLE_TAGS = frozenset(("table", "tr", "td", "th"))
_COLSPAN = re.compile(r"""colspan\s*=\s*["']?\s*(\d{1,4})""", re.IGNORECASE)
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
#: What :func:`looks_like_html` looks for in a text, lower-cased.
BLOCK_HINTS = (
    "</p>",
    "</li>",
    "<br",
    "</div>",
    "</ul>",
    "</ol>",
    "</h1>",
    "</h2>",
    "</h3>",
    "</h4>",
    "</h5>",
    "</h6>",
    "</td>",
    # Lists and paragraphs whose end tags are left out, as HTML allows.
    "<li>",
    "<li ",
    "<ul>",
    "<ol>",
    "<p>",
    "<!doctype",
    "<html",
    "<body",
)
TAG_NAME = re.compile(r"[A-Za-z][A-Za-z0-9:-]{0,40}")
# A tag name and the attributes after it up to the ">", when they hold no quote.
_UNQUOTED_TAG = re.compile(r"""([A-Za-z][A-Za-z0-9:-]{0,40}+)([^>"']*+)>""")
_ATTR = re.compile(r"""([^\s=/>"']{1,60})\s*(?:=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?""")
# Words joined by single spaces are one match (and one exact segment): a segment per
# word made long plain text several times slower to read.
_WORDS = re.compile(r"\S+(?: \S+)*|\s+")
_ALNUM = re.compile(r"[^\W_]")
_ATTR_SPLIT = re.compile(r"[^a-z0-9]+")
_ENTITY = re.compile(r"&(?:#[0-9]+|#[xX][0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);")
# The names a browser decodes with no semicolon ("&nbsp", "&copy 2024"), as pages
# written by hand use them; two to six letters long.
_LEGACY_NAMES = frozenset(name for name in html.entities.html5 if not name.endswith(";"))
_LEGACY_LONGEST = max(map(len, _LEGACY_NAMES))
_LETTERS = re.compile(rf"[A-Za-z]{{2,{_LEGACY_LONGEST}}}")
# Characters of no width that are no line break nor a joiner of emoji (U+200D): a zero
# width space, a word joiner, a soft hyphen, and a zero width no-break space (a byte
# order mark inside the text, as files joined together leave one), which web pages,
# word processors and chat tools paste. Shown as nothing, in plain text
# (rolelens.statements hides them) and in HTML, written or as a reference.
_ZERO_WIDTH_CHARS = "\u200b\u2060\u00ad\ufeff"
ZERO_WIDTH = re.compile(f"[{_ZERO_WIDTH_CHARS}]+")


def holds_zero_width(text: str, start: int = 0) -> bool:
    """Whether ``text`` holds a character of :data:`ZERO_WIDTH` from ``start`` on: a
    ``str.find`` for each, at memory speed, before the search, which most texts (with
    none) need not have."""
    return any(text.find(char, start) >= 0 for char in _ZERO_WIDTH_CHARS)


# A Markdown image, "![alt](source)", alone or in a link, "[![alt](source)](target)",
# which a Markdown line shows nothing of. The alt text and the target stop at a bracket
# or a parenthesis (and at a line break), so that each attempt reads to the next one at
# most.
INLINE_IMAGE = re.compile(
    r"\[!\[[^\[\]\r\n]*\]\([^()\r\n]*\)\]\([^()\r\n]*\)|!\[[^\[\]\r\n]*\]\([^()\r\n]*\)"
)
# What the text of an HTML block shows nothing of, as a Markdown line does not: both.
_SHOWN_AS_NOTHING = re.compile(f"{INLINE_IMAGE.pattern}|{ZERO_WIDTH.pattern}")


def _legacy_end(source: str, start: int, stop: int) -> int:
    """End of the longest semicolon-free entity name at ``source[start:stop]``, or -1."""
    run = _LETTERS.match(source, start, stop)  # a lone "&" or "& " costs one match
    if run is None:
        return -1
    name = run.group()
    for size in range(len(name), 1, -1):
        if name[:size] in _LEGACY_NAMES:
            return start + size
    return -1


class CellPath:
    """A table cell, ``(table, row, column)`` as :attr:`Block.cell` writes it, and
    (``parent``) the path of the cell of the table around its table that holds it,
    ``None`` when none does; ``depth`` counts the cells above it. Made once per cell
    and shared by its blocks and the cells of the tables nested in it, so a page that
    nests tables thousands deep costs each tag and each block one object at most."""

    __slots__ = ("cell", "depth", "parent")

    def __init__(self, cell: tuple[int, int, int], parent: CellPath | None) -> None:
        self.cell = cell
        self.parent = parent
        self.depth: int = 0 if parent is None else parent.depth + 1


@attrs.frozen
class Block:
    """One visible line of an HTML document.

    ``kind`` is ``"bullet"`` (inside ``li``), ``"heading"`` (``h1``-``h6``,
    with ``level``) or ``"paragraph"``; ``bold_only`` is true when every
    letter of the block sits inside ``b``/``strong`` (HTML's way of writing
    a heading without a heading tag, or of stressing a statement: the
    splitter tells them apart by the block's kind and words).
    ``after_break`` is true when the block follows a single ``<br>`` that
    ended the text before it in the same element (``<li>a<br>b</li>``: the
    block ``b``), so the splitter may read the two as a wrapped line; two
    ``<br>`` in a row, or any other block boundary, leave it false.
    ``cell`` is ``(table, row, column)`` for a block inside a table cell (``td`` or
    ``th``) of the innermost table around it: ``table`` counts the tables of the
    page from 1, ``row`` its ``tr`` from 0 and ``column`` the cells of that row from
    0, a ``colspan`` counted (a cell that spans several has the column -1);
    ``None`` outside a cell. ``path`` is that cell as a :class:`CellPath`, whose
    parents are the cells of the tables around that one that hold it (a layout
    table's cell holding the table of a section), however deep; ``None`` outside
    a cell.
    """

    segments: tuple[Segment, ...]
    kind: str
    level: int
    bold_only: bool
    after_break: bool = False
    cell: tuple[int, int, int] | None = None
    path: CellPath | None = attrs.field(default=None, eq=False)


# A Markdown code span on one line ("`<li>`", "``<p>``"), which shows its text as written.
# Tried from the start of a run of backticks only, and possessive: a long run of them, or
# of text between them, is read once.
_CODE_SPAN = re.compile(r"(?<!`)(`++)[^`\r\n]++\1(?!`)")


# The opening tags among BLOCK_HINTS: <br> (<br/>, <br clear=all>, not <brand>, which
# the hint "<br" holds), <li> (<li class=x>), <ul>, <ol> and <p>.
_BR_TAG = r"<br(?:[\s/][^<>]{0,200}+)?>"
_OTHER_OPEN_TAG = r"<(?:li(?:\s[^<>]{0,200}+)?|ul|ol|p)>"
# Around a tag named in prose, both: a space or an opening quote before it, and a space,
# a closing quote or a punctuation mark after it.
_PROSE_BEFORE = " \t\"'([\u201c\u2018\u00ab"
_PROSE_AFTER = " \t\"').,;:!?\\]\u201d\u2019\u00bb"


def _written(tag: str) -> re.Pattern[str]:
    """``tag`` written as markup: not both after and before what stands around a tag
    named in prose."""
    before, after = re.escape(_PROSE_BEFORE), re.escape(_PROSE_AFTER)
    return re.compile(f"(?<![{before}])(?:{tag})|(?:{tag})(?![{after}])")


#: A ``<br>`` written as markup (see :func:`looks_like_html`), in lower-cased text.
WRITTEN_BR = _written(_BR_TAG)
#: An opening ``<li>``, ``<ul>``, ``<ol>`` or ``<p>`` written as markup, likewise.
WRITTEN_OPEN_TAG = _written(_OTHER_OPEN_TAG)
#: The hints of :data:`BLOCK_HINTS` that are markup wherever they stand: the end tags,
#: and the tags that open a document.
END_HINTS = tuple(hint for hint in BLOCK_HINTS if hint.startswith(("</", "<!", "<html", "<body")))


# A <br> anywhere, spaced as prose or not: more than one is a page's line breaks, spaced
# as they may be ("Own it <br /> Track it <br /> Ship it"), not a tag named in prose.
ANY_BR = re.compile(_BR_TAG)


def holds_written_tags(lowered: str, *, br: bool = True) -> bool:
    """Whether the lower-cased ``lowered`` holds a tag of :data:`BLOCK_HINTS` written
    as markup: an end tag or a document's tag anywhere, an opening tag that is not
    named in prose (see :func:`looks_like_html`), or more than one ``<br>``, however
    they stand. ``br=False`` leaves ``<br>`` out."""
    if any(hint in lowered for hint in END_HINTS) or WRITTEN_OPEN_TAG.search(lowered):
        return True
    if not br:
        return False
    if WRITTEN_BR.search(lowered):
        return True
    return next(itertools.islice(ANY_BR.finditer(lowered), 1, None), None) is not None


def looks_like_html(text: str) -> bool:
    """Guess whether ``text`` is HTML: it starts with ``<`` or holds block-level tags,
    not counting those in a Markdown code span (``- Write semantic `<li>` markup``)
    nor an opening tag named in prose: one with a space or an opening quote before it
    and a space, a closing quote or a punctuation mark after it ("Use <br> tags in
    emails", "the "<li>" element"); but two ``<br>`` are line breaks, however they
    stand. One at the start or the end of a line, or against a word or another tag ("Own
    it<br>Ship it", "<ul><li>Own it"), is markup."""
    if "<" not in text:  # both tests below need a "<"; spares lower-casing plain text
        return False
    stripped = text.lstrip("\ufeff \t\r\n")
    if stripped.startswith("<") and TAG_NAME.match(stripped, 1 + stripped.startswith("</")):
        return True
    lowered = text.lower()
    if not any(hint in lowered for hint in BLOCK_HINTS):
        return False
    # A tag written in a code span is text, which Markdown shows as written: a posting
    # that names "`<li>`" in a bullet was read as HTML, and the bullet cut at the tag.
    return holds_written_tags(without_code_spans(lowered))


def without_code_spans(text: str) -> str:
    """``text`` without its Markdown code spans on one line (a ``<li>`` between
    backticks), whose tags are text: where :func:`looks_like_html` and its callers
    look for tags."""
    return _CODE_SPAN.sub("", text) if "`" in text else text


#: How far into a page :func:`first_h1` looks: a page's name comes near its start.
_H1_WINDOW = 256 * 1024
#: The longest inner markup of an ``<h1>`` read as a name (a longer one is a layout).
_H1_LONGEST = 2000


def first_h1(text: str) -> tuple[str, int] | None:
    """The visible text of the first ``<h1>`` element in the start of ``text`` and
    where the element starts, wherever it sits: also inside page chrome (a
    ``<header>``, a ``class="entry-header"``), which the blocks leave out, though
    many pages name themselves there. ``None`` when there is none or it is empty.

    >>> first_h1('<header class="masthead"><h1 class="title">Product&nbsp;<b>Manager</b></h1>')
    ('Product Manager', 25)
    """
    lowered = text[:_H1_WINDOW].lower()
    at = _first_h1_tag(lowered)
    if at < 0:
        return None
    opened = lowered.find(">", at)
    closed = lowered.find("</h1", opened)
    if opened < 0 or closed < 0 or closed - opened > _H1_LONGEST:
        return None
    # Read as the page's blocks are: what a browser shows, without the body of a
    # <script>, <style> or <svg> (a logo's <title>) inside the heading. Each tag made a
    # space and every body was kept: the title read "Acme logo Senior Product Manager".
    blocks = html_blocks(text[opened + 1 : closed], drop_chrome_attributes=False)
    plain = " ".join("".join(segment[0] for segment in block.segments) for block in blocks)
    name = " ".join(plain.split())
    return (name, at) if name else None


# An <h1> tag ("<h10>" or "<h1x>" is none), or what holds markup no browser reads as
# such: a comment, or an element whose body is text (as the blocks read them, and
# <title>, which a browser shows as its text).
_H1_OR_UNREAD = re.compile(
    r"<(?:(h1)(?=[\s/>])|(!--)|(script|style|noscript|template|textarea|xmp|title)"
    r"(?![a-z0-9:-]))"
)


def _first_h1_tag(lowered: str) -> int:
    """Where the first ``<h1>`` tag of ``lowered`` (lower-cased markup) starts, or -1.

    One in a comment or in a ``<script>`` (a page's template for another view,
    ``<h1>{{ job.title }}</h1>``) is none: a commented-out heading named the page,
    and a template's hid the page's own ``<h1>``.
    """
    at = 0
    while (found := _H1_OR_UNREAD.search(lowered, at)) is not None:
        if found.group(1) is not None:
            return found.start()
        if found.group(2) is not None:  # a comment, to its "-->" as the blocks read it
            close = lowered.find("-->", found.start() + 4)
            if close < 0:
                return -1
            at = close + 3
        else:
            close = _find_close(lowered, found.group(3), found.end())
            if close < 0:
                return -1
            at = close + 2
    return -1


def _attributes(tag: str) -> Iterator[tuple[str, str]]:
    for match in _ATTR.finditer(tag):
        value = match.group(2) or match.group(3) or match.group(4) or ""
        yield match.group(1).lower(), value


def _is_chrome(name: str, tag_body: str) -> bool:
    if name in CHROME_TAGS:
        return True
    if "=" not in tag_body:
        return False
    for attr, value in _attributes(tag_body):
        if attr in ("id", "class", "role", "aria-label"):
            words = _ATTR_SPLIT.split(value.lower())
            if any(word in _CHROME_WORDS for word in words):
                return True
    return False


class _Builder:
    """Collects the segments of the block being read.

    Segments are made as they are read, so ending a block is one ``tuple()``
    call however long it is. Two runs of plain text always have a tag or an
    entity between them, so an exact segment never starts where the one
    before it ends: nothing is merged.
    """

    def __init__(self, source: str) -> None:
        self.source = source
        self.blocks: list[Block] = []
        self.parts: list[Segment] = []
        self.kind = "paragraph"
        self.level = 0
        # The white space read since the last text, not yet a segment: it becomes one
        # only when text follows in the same block. space_start < 0: none.
        self.space_start = -1
        self.space_end = -1
        self.bold_depth = 0
        self.pre_depth = 0  # inside a <pre>, each line break of the source is a <br>
        self.list_depth = 0  # inside ul/ol every block is a list item
        self.has_plain = False
        self.has_bold = False
        # Did a <br> end the block before the one being read (see Block.after_break)?
        self.after_break = False
        # The tables open around the text, innermost last, each as [number, row, column,
        # next column, whether the cell spans columns]; the cell being read
        # (Block.cell), None outside one.
        self.tables: list[list[int]] = []
        self.table_count = 0
        self.cell: tuple[int, int, int] | None = None
        # For each table open, the path of its cell being read (None between cells),
        # and the path its cells hang from: the cell of the nearest table around it
        # that is in one (Block.path).
        self.paths: list[CellPath | None] = []
        self.bases: list[CellPath | None] = []
        self.path: CellPath | None = None  # Block.path
        # Add source[start:stop], which holds no tag and no entity: looking for what
        # shows nothing in it only when the source holds any (_plain_hiding).
        self.plain: Callable[[int, int], None] = (
            self._plain_hiding if holds_zero_width(source) or "![" in source else self._plain_text
        )

    def table_tag(self, name: str, closing: bool, body: str) -> None:
        """Follow a ``table``, ``tr``, ``td`` or ``th`` tag (the block before it ended)."""
        tables, paths, bases = self.tables, self.paths, self.bases
        if name == "table":
            if not closing:
                self.table_count += 1
                tables.append([self.table_count, -1, -1, 0, 0])
                bases.append(self.path if self.path is not None or not bases else bases[-1])
                paths.append(None)
            elif tables:
                tables.pop()
                paths.pop()
                bases.pop()
        elif tables and not closing:
            table = tables[-1]
            if name == "tr":
                table[1] += 1
                table[2], table[3] = -1, 0
                paths[-1] = None
            else:  # td, th
                span = _COLSPAN.search(body)
                width = max(1, min(int(span.group(1)), 1000)) if span else 1
                table[2], table[3] = table[3], table[3] + width
                table[4] = width > 1
                paths[-1] = CellPath((table[0], table[1], -1 if table[4] else table[2]), bases[-1])
        if not tables or tables[-1][2] < 0:
            self.cell = None
            self.path = None
        else:
            self.path = paths[-1]
            self.cell = None if self.path is None else self.path.cell

    def space(self, start: int, end: int) -> None:
        if self.parts:
            if self.space_start < 0:
                self.space_start = start
            self.space_end = end

    def text(self, text: str, start: int, end: int) -> None:
        """Add a piece that replaces ``source[start:end]`` (a decoded entity)."""
        parts = self.parts
        if self.space_start >= 0:
            parts.append((" ", self.space_start, self.space_end, False))
            self.space_start = -1
        parts.append((text, start, end, False))
        if _ALNUM.search(text) is not None:
            if self.bold_depth > 0:
                self.has_bold = True
            else:
                self.has_plain = True

    def _plain_hiding(self, start: int, stop: int) -> None:
        """:meth:`_plain_text` for a source that holds characters of no width or Markdown
        images (:data:`ZERO_WIDTH`, :data:`INLINE_IMAGE`): they show nothing, as a tag."""
        hidden = _SHOWN_AS_NOTHING
        found = hidden.search(self.source, start, stop)
        while found is not None:
            self._plain_text(start, found.start())
            start = found.end()
            found = hidden.search(self.source, start, stop)
        self._plain_text(start, stop)

    def _plain_text(self, start: int, stop: int) -> None:
        """Add ``source[start:stop]``, which holds no tag and no entity."""
        if start >= stop:
            return
        source = self.source
        # Letters anywhere in the run are letters in one of its words: one search
        # per run, not one per word.
        if self.bold_depth > 0:
            if not self.has_bold and _ALNUM.search(source, start, stop) is not None:
                self.has_bold = True
        elif not self.has_plain and _ALNUM.search(source, start, stop) is not None:
            self.has_plain = True
        parts = self.parts
        append = parts.append
        space_start, space_end = self.space_start, self.space_end
        pos = start
        # findall and summed lengths, not finditer: no match object per piece.
        for piece in _WORDS.findall(source, start, stop):
            end = pos + len(piece)
            if piece[0].isspace():
                if parts:
                    if space_start < 0:
                        space_start = pos
                    space_end = end
            else:
                if space_start >= 0:
                    append((" ", space_start, space_end, False))
                    space_start = -1
                append((piece, pos, end, True))
            pos = end
        self.space_start, self.space_end = space_start, space_end

    def end(self, next_kind: str = "", next_level: int = 0) -> None:
        if self.parts:
            bold_only = self.has_bold and not self.has_plain
            self.blocks.append(
                Block(
                    tuple(self.parts),
                    self.kind,
                    self.level,
                    bold_only,
                    self.after_break,
                    self.cell,
                    self.path,
                )
            )
            self.parts = []
            self.space_start = -1
            self.has_plain = self.has_bold = False
        # Else nothing was read since the last end: space_start, has_plain and has_bold
        # are only ever set alongside parts, so only the next block's kind changes.
        # (Deeply nested markup ends an empty block at nearly every tag.)
        self.kind = next_kind or ("bullet" if self.list_depth else "paragraph")
        self.level = next_level
        self.after_break = False


def _emit_text(builder: _Builder, source: str, start: int, stop: int) -> None:
    """Add the visible text of ``source[start:stop]`` (no tags inside) to the block.
    Inside a ``<pre>``, which shows its line breaks, each ends the line as a ``<br>``
    does (two in a row are a blank line)."""
    if start >= stop:  # tag right after tag, the usual case in nested markup
        return
    if builder.pre_depth:
        # A line holding no "&" is plain text for _emit_line: one search for the whole
        # text, not a call and a search per line (a <pre> of short lines made a block
        # and paid them for each).
        emit = _emit_line if source.find("&", start, stop) >= 0 else None
        plain = builder.plain
        end = builder.end
        for found in _PRE_BREAK.finditer(source, start, stop):
            if emit is None:
                plain(start, found.start())
            else:
                emit(builder, source, start, found.start())
            broke = bool(builder.parts)
            end(builder.kind, builder.level)
            builder.after_break = broke
            start = found.end()
    _emit_line(builder, source, start, stop)


_PRE_BREAK = re.compile(r"\r\n|\r|\n")


def _emit_line(builder: _Builder, source: str, start: int, stop: int) -> None:
    """:func:`_emit_text` for text that no line break of a ``<pre>`` cuts."""
    if start >= stop:
        return
    run = scan = start  # run: start of literal text not yet emitted
    while True:
        amp = source.find("&", scan, stop)
        if amp < 0:
            break
        scan = amp + 1
        semi = source.find(";", scan, min(stop, amp + 34))
        # "Q&A with &amp;": the reference is the later "&amp;", not "&A with &amp;",
        # whose space and line breaks would reach the block uncollapsed.
        end = semi + 1 if semi > scan and _ENTITY.fullmatch(source, amp, semi + 1) else -1
        decoded = html.unescape(source[amp:end]) if end > 0 else ""
        if end < 0 or decoded == source[amp:end]:
            end = _legacy_end(source, scan, stop)
            if end < 0:
                continue
            decoded = html.unescape(source[amp:end])
        builder.plain(run, amp)
        if decoded.isspace():
            builder.space(amp, end)
        elif decoded and ZERO_WIDTH.fullmatch(decoded) is None:
            builder.text(decoded, amp, end)
        # Else a reference html.unescape drops (a control such as &#xb;, a noncharacter
        # such as &#xffff;), or one of no width (&shy;, &#8203;): nothing is shown, as
        # for a tag. An empty segment kept the
        # space before it at the block's end ("Own the roadmap &#xb;<br>"), which the
        # statement refused as untrimmed, and failed the analysis of the posting.
        run = scan = end
    builder.plain(run, stop)


_NAME_GOES_ON = re.compile(r"[A-Za-z0-9:-]").match


def _find_close(source: str, name: str, start: int) -> int:
    """Index of the first ``</name`` (any case) at or after ``start`` that no other
    name character follows (``</scripts`` does not close a script), or -1."""
    size = len(name)
    at = source.find("</", start)
    while at >= 0:
        if source[at + 2 : at + 2 + size].lower() == name and not _NAME_GOES_ON(
            source, at + 2 + size
        ):
            return at
        at = source.find("</", at + 2)
    return -1


# A quote opens an attribute value only right after "=" (HTML white space between):
# in "alt=Bob's" or "a'b=c" it is part of the value or name, as in a browser.
_QUOTE = re.compile("=[ \t\n\r\f]*([\"'])")


def tag_end(source: str, pos: int, unclosed: set[str]) -> int:
    """Index of the ``>`` that ends the tag whose attributes start at ``pos``, or -1.

    A ``>`` inside a quoted attribute value (``title="a>b"``, or the markup some
    sites keep in ``data-`` attributes) does not end the tag; a quote that does
    not follow ``=`` opens no value (``alt=Bob's``). A quote that is
    never closed is ignored, as if it were not there; ``unclosed`` remembers
    such quote characters, so that no later tag searches the rest of the
    source for them again and the time stays linear.
    """
    gt = source.find(">", pos)
    while gt >= 0:
        quote = _QUOTE.search(source, pos, gt)
        while quote is not None and quote.group(1) in unclosed:
            quote = _QUOTE.search(source, quote.end(), gt)
        if quote is None:
            return gt
        close = source.find(quote.group(1), quote.end())
        if close < 0:
            unclosed.add(quote.group(1))
            pos = quote.end()  # search on for the other quote character, then ">"
            continue
        pos = close + 1
        if close > gt:  # the value held the ">": find the next one (else gt is still first)
            gt = source.find(">", pos)
    return -1


def html_blocks(source: str, *, drop_chrome_attributes: bool = True) -> list[Block]:
    """Return the visible text blocks of ``source`` in document order.

    With ``drop_chrome_attributes=False`` only chrome *elements* (``nav``,
    ``footer``...) are dropped, not elements that merely look like chrome by
    their ``id``/``class``, nor a ``form`` (an ASP.NET page holds all of its
    body in one); callers use that as a fallback when the first reading finds
    nothing.
    """
    return list(iter_html_blocks(source, drop_chrome_attributes=drop_chrome_attributes))


def iter_html_blocks(
    source: str, *, drop_chrome_attributes: bool = True, dropped: list[str] | None = None
) -> Iterator[Block]:
    """:func:`html_blocks` one block at a time, each as soon as it ends: a long page's
    blocks and their segments (a kilobyte and more per list item) are never all held.

    ``dropped``, when given, gets the name of the first element dropped for its
    attributes alone or a ``form`` (not a chrome element such as ``nav``): without
    one, a second reading with ``drop_chrome_attributes=False``, which keeps both,
    would give the same blocks."""
    builder = _Builder(source)
    length = len(source)
    pos = 0
    text_start = 0  # start of visible text not yet emitted (a literal "<" stays in it)
    no_more_gt = False
    unclosed: set[str] = set()  # quote characters with no later occurrence in the source
    drop_name: str | None = None
    drop_depth = 0
    cdata_end = -1  # where the "]]>" of an open CDATA section is, if ahead
    no_more_cdata_end = False
    while pos < length:
        if builder.blocks:
            yield from builder.blocks
            builder.blocks = []
        lt = -1 if no_more_gt else source.find("<", pos)
        if 0 <= cdata_end < pos:  # that "]]>" was inside a tag: the next one closes
            cdata_end = source.find("]]>", pos)
            no_more_cdata_end = cdata_end < 0
        if cdata_end >= 0 and (lt < 0 or cdata_end < lt):
            # The "]]>" closing a CDATA section is no text.
            if drop_name is None:
                _emit_text(builder, source, text_start, cdata_end)
            pos = text_start = cdata_end + 3
            cdata_end = -1
            continue
        if lt < 0:
            break
        # One look at the next character spares most startswith calls (one per tag).
        after = source[lt + 1 : lt + 2]
        # Comments, declarations and processing instructions.
        if after == "!" and source.startswith("<![CDATA[", lt):
            # A CDATA section (a job feed's <description><![CDATA[...]]>) holds text, or
            # markup read as such: only "<![CDATA[" and its "]]>" are dropped. (Read as
            # a bogus comment up to the first ">", its text was lost.)
            if drop_name is None:
                _emit_text(builder, source, text_start, lt)
            pos = text_start = lt + 9
            # One search per "]]>" (another "<![CDATA[" before it shares it) and for a
            # missing one, not one per "<![CDATA[".
            if cdata_end < pos and not no_more_cdata_end:
                cdata_end = source.find("]]>", pos)
                no_more_cdata_end = cdata_end < 0
            continue
        if after == "!" and source.startswith("<!--", lt):
            if drop_name is None:
                _emit_text(builder, source, text_start, lt)
            close = source.find("-->", lt + 4)
            pos = text_start = length if close < 0 else close + 3
            if builder.space_start >= 0 and source[pos : pos + 1].isspace():
                # The white space between two words is the run after the comment, not
                # one over it: a comment on a line of its own in Markdown ("<!-- draft
                # -->" between blank lines) keeps the lines around it apart, as white
                # space holding markup never breaks a line (statements._source_lines).
                builder.space_start = -1
            continue
        closing = after == "/"
        # Most tags hold no quote: one match finds the name and the ">" that tag_end
        # would (possessive, so a tag never closed costs one scan, not one per name
        # length).
        tag = _UNQUOTED_TAG.match(source, lt + 2 if closing else lt + 1)
        if tag is not None:
            gt = tag.end() - 1
            name, body = tag.group(1, 2)
        else:
            name_match = TAG_NAME.match(source, lt + 2 if closing else lt + 1)
            if name_match is None:
                if after == "!" or after == "?":
                    gt = source.find(">", lt)
                    if gt < 0:
                        no_more_gt = True
                        continue
                    if drop_name is None:
                        _emit_text(builder, source, text_start, lt)
                    pos = text_start = gt + 1
                    continue
                pos = lt + 1  # a literal "<": part of the text run
                continue
            name_end = name_match.end()
            gt = tag_end(source, name_end, unclosed)
            if gt < 0:
                no_more_gt = True
                continue
            name, body = name_match.group(), source[name_end:gt]
        if drop_name is None and text_start < lt:
            _emit_text(builder, source, text_start, lt)
        name = name.lower()
        self_closing = body.endswith("/")
        pos = text_start = gt + 1
        if drop_name == "option" and not (closing and name == "option"):
            # An option holds text only and its end tag may be left out, as valid HTML
            # does (<datalist><option value=a><option value=b></datalist>): any other
            # tag ends it, and is read (another <option> is dropped in turn). Counted
            # as nesting, the first one dropped the rest of the page.
            drop_name = None
        if drop_name is not None:
            if name == drop_name and name not in _VOID and not self_closing:
                drop_depth += -1 if closing else 1
                if drop_depth == 0:
                    drop_name = None
            continue
        if not closing and name in _RAW_TEXT:
            close = _find_close(source, name, pos)
            if close < 0:
                pos = text_start = length
                break
            gt = source.find(">", close)
            pos = text_start = length if gt < 0 else gt + 1
            continue
        if (
            not closing
            and name not in _VOID
            and not self_closing
            and (
                (name in CHROME_TAGS and (drop_chrome_attributes or name not in _WRAPPER_CHROME))
                or (drop_chrome_attributes and "=" in body and _is_chrome(name, body))
            )
        ):
            builder.end()
            drop_name, drop_depth = name, 1
            if (
                dropped is not None
                and not dropped
                and (name not in CHROME_TAGS or name in _WRAPPER_CHROME)
            ):
                dropped.append(name)  # one is enough to know: never a list per element
            continue
        if name in _BOLD:
            builder.bold_depth = max(0, builder.bold_depth + (-1 if closing else 1))
            continue
        if name in _HEADINGS:
            if closing:
                builder.end()
            else:
                builder.end("heading", _HEADINGS[name])
            continue
        if name == "li":
            builder.end("" if closing else "bullet")
            continue
        if name in ("ul", "ol"):
            builder.list_depth = max(0, builder.list_depth + (-1 if closing else 1))
            builder.end()
            continue
        if name == "br":
            # Text before it makes the next block a line after a break; a second <br>
            # (a blank line) does not.
            broke = bool(builder.parts)
            builder.end(builder.kind, builder.level)
            builder.after_break = broke
            continue
        if name in _TABLE_TAGS:
            builder.end()
            builder.table_tag(name, closing, body)
            continue
        if name in _BLOCK:
            builder.end()
            if name == "pre":
                builder.pre_depth = max(0, builder.pre_depth + (-1 if closing else 1))
    if drop_name is None:
        _emit_text(builder, source, text_start, length)
    builder.end()
    yield from builder.blocks
