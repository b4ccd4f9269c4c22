"""Tests for rolelens.posting_report and the ``rolelens posting`` command."""

from __future__ import annotations

import html
import io
import json
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from rolelens.cli import main
from rolelens.errors import ArgumentError, InputError, RoleLensError
from rolelens.posting import Balance, analyze_posting
from rolelens.posting_report import (
    MAX_INDENT,
    POSTING_FORMAT,
    POSTING_VERSION,
    posting_to_dict,
    posting_to_html,
    posting_to_json,
    posting_to_markdown,
    posting_to_text,
    render_posting,
    write_posting,
)
from tests.strategies import (
    HOSTILE_POSTING_FRAGMENTS,
    adversarial_texts,
    deeply_nested_html,
    html_postings,
)

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "postings"
DISGUISED = EXAMPLES / "product-manager-in-name-only.html"

#: Every tag and attribute the report itself writes; anything else came from the input.
_OWN_TAGS = frozenset(
    [
        "html",
        "head",
        "meta",
        "title",
        "style",
        "body",
        "h1",
        "h2",
        "p",
        "strong",
        "div",
        "table",
        "tr",
        "th",
        "td",
        "span",
        "mark",
        "bdi",
        "svg",
        "rect",
        "text",
    ]
)
_OWN_ATTRS = frozenset(
    [
        "lang",
        "charset",
        "http-equiv",
        "content",
        "class",
        "xmlns",
        "width",
        "height",
        "viewbox",
        "role",
        "aria-label",
        "x",
        "y",
        "fill",
        "font-size",
        "dir",
    ]
)


class _TagAudit(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.attrs: set[str] = set()
        self.values: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        for name, value in attrs:
            self.attrs.add(name)
            self.values.append(value or "")


def assert_html_is_inert(page: str) -> None:
    """Only the report's own tags and attributes; no script, handler or javascript: URL."""
    audit = _TagAudit()
    audit.feed(page)
    audit.close()
    assert audit.tags <= _OWN_TAGS, audit.tags - _OWN_TAGS
    assert audit.attrs <= _OWN_ATTRS, audit.attrs - _OWN_ATTRS
    assert not any("javascript:" in value.lower() for value in audit.values)
    assert "<script" not in page.lower()


def assert_markdown_is_inert(text: str) -> None:
    """No "<" in the Markdown report: each is written "&lt;", so no raw HTML gets
    through, in CommonMark or in the older Markdown that reads no "\\<"."""
    assert "<" not in text, text[max(0, text.find("<") - 20) : text.find("<") + 20]


HOSTILE_POSTING = "Responsibilities:\n" + "\n".join(
    f"- Own the roadmap {fragment}" for fragment in HOSTILE_POSTING_FRAGMENTS
)


def test_json_is_versioned_and_deterministic() -> None:
    """The JSON document names its format and version and is byte-identical across runs."""
    text = DISGUISED.read_text(encoding="utf-8")
    first = posting_to_json(analyze_posting(text))
    again = posting_to_json(analyze_posting(text))
    assert first == again
    data = json.loads(first)
    assert (data["format"], data["version"]) == (POSTING_FORMAT, POSTING_VERSION)
    assert data["title"] == "Product Manager"
    assert data["mismatch"]["content_side"] == "project"
    assert set(data["balance"]) == {"responsibilities", "rest", "overall"}
    statement = data["statements"][0]
    assert text[statement["start"] : statement["end"]]
    assert statement["label"] in {"product", "project", "shared", "other"}


def test_json_of_empty_profile() -> None:
    """An empty posting renders to a valid document with no statements."""
    data = posting_to_dict(analyze_posting(""))
    assert data["statements"] == []
    assert data["lean"] is None
    assert data["summary"] == "empty posting: no statements found"


def test_markdown_and_text_reports_name_the_mismatch() -> None:
    """Markdown and text reports carry the summary, the balance and the mismatch."""
    profile = analyze_posting(DISGUISED.read_text(encoding="utf-8"))
    markdown = posting_to_markdown(profile)
    assert markdown.startswith("# Posting profile: Product Manager")
    assert "Title mismatch" in markdown
    assert "| responsibilities |" in markdown
    text = posting_to_text(profile)
    assert text.splitlines()[0] == profile.summary
    assert "mismatch:" in text


def test_html_report_is_self_contained() -> None:
    """The HTML report has an inline SVG chart and no script, external link or remote URL."""
    page = posting_to_html(analyze_posting(DISGUISED.read_text(encoding="utf-8")))
    assert "<svg" in page
    assert "<rect" in page
    assert "Title mismatch" in page
    for needle in ("<script", "<link", "src=", "http://", "https://", "@import"):
        assert needle not in page.replace("http://www.w3.org/2000/svg", "")
    assert_html_is_inert(page)


def test_html_report_gives_right_to_left_text_its_own_direction() -> None:
    """A statement or a title in Hebrew or Arabic sat in a left-to-right page with no
    direction of its own: the browser laid it out left to right, its punctuation at
    the wrong end and its Latin words out of order. The statement's cell reads its
    direction from its text (``dir="auto"``, the explanation under it stays
    left-to-right) and the title is isolated in a ``<bdi>``; cells align to the start
    of their direction, not to the left."""
    statement = "\u05dc\u05e0\u05d4\u05dc \u05d0\u05ea roadmap \u05d4\u05de\u05d5\u05e6\u05e8."
    title = "\u0645\u062f\u064a\u0631 \u0627\u0644\u0645\u0646\u062a\u062c"
    profile = analyze_posting(
        f"Responsibilities:\n- {statement}\n- Own the product roadmap\n", title
    )
    page = posting_to_html(profile)
    assert f"<h1>Posting profile: <bdi>{title}</bdi></h1>" in page
    rows = re.findall(r"<tr[^>]*><td class=\"num\">\d+</td>.*", page)
    assert len(rows) == 2
    for row in rows:
        assert '<td dir="auto">' in row
        assert '<div class="why" dir="ltr">' in row
    assert statement in rows[0].replace("<mark>", "").replace("</mark>", "")
    assert "text-align: left" not in page
    assert_html_is_inert(page)
    # The statements a mismatch quotes, each isolated: a right-to-left one took the
    # quotes and the "; " after it into its run, and showed the next statement first.
    duty = "\u05dc\u05e0\u05d4\u05dc track the budget and schedule \u05d4\u05de\u05d5\u05e6\u05e8"
    profile = analyze_posting(
        f"Responsibilities:\n- {duty}\n- Track milestones and risks\n", "Product Manager"
    )
    assert profile.mismatch is not None
    page = posting_to_html(profile)
    assert 'title "<bdi>Product Manager</bdi>" suggests product work' in page
    assert f'"<bdi>{duty}</bdi>"; "<bdi>Track milestones and risks</bdi>"</div>' in page
    # A message made by hand is shown as it is, escaped.
    hand = attrs.evolve(profile.mismatch, message="Not <b>this</b> one")
    page = posting_to_html(attrs.evolve(profile, mismatch=hand))
    assert "</strong> Not &lt;b&gt;this&lt;/b&gt; one</div>" in page


def test_hostile_statements_are_escaped_everywhere() -> None:
    """Script tags, event handlers and entities in statements stay inert in every report."""
    profile = analyze_posting(HOSTILE_POSTING, "<img src=x onerror=alert(1)> Manager")
    assert_html_is_inert(posting_to_html(profile))
    assert_markdown_is_inert(posting_to_markdown(profile))
    data = json.loads(posting_to_json(profile))
    assert data["title"] == "<img src=x onerror=alert(1)> Manager"


def test_markdown_report_escapes_dollar_signs() -> None:
    """GitHub reads "$...$" as maths: "$5k to $10k" in a statement or the title showed
    "5k to " as a formula. Each "$" is written "\\$", which shows as "$"."""
    profile = analyze_posting("Duties:\n- Set budgets from $5k to $10k\n", "PM, $90k-$120k")
    report = posting_to_markdown(profile)
    assert "Set budgets from \\$5k to \\$10k" in report
    assert "PM, \\$90k-\\$120k" in report
    assert report.count("$") == report.count("\\$") == 4


def test_markdown_report_keeps_mentions_emoji_and_urls_as_written() -> None:
    """GitHub shows "@ana" as a mention (and notifies her), ":rocket:" as an emoji and
    a bare URL or e-mail address as a link. A word joiner (no width) after the "@" and
    the emoji's colon, and a backslash before the URL's colon and the dot of "www.",
    keep each as written; a CommonMark reader shows the text itself."""
    duty = "Ask @ana :rocket: at https://example.invalid, www.example.invalid or a@b.invalid"
    profile = analyze_posting(f"Duties:\n- {duty}\n", "PM @ :white_check_mark: team")
    report = posting_to_markdown(profile)
    assert (
        "Ask @&#x2060;ana :&#x2060;rocket: at https\\://example.invalid, "
        "www\\.example.invalid or a@&#x2060;b.invalid |"
    ) in report
    assert report.startswith("# Posting profile: PM @ :&#x2060;white\\_check\\_mark: team\n")
    for plain in ("@ana", ":rocket:", "s://", "www.", "a@b", "_check_"):
        assert plain not in report
    markdown_it = pytest.importorskip("markdown_it")
    shown = markdown_it.MarkdownIt("gfm-like").disable("linkify").render(report)
    assert duty in html.unescape(shown).replace("\u2060", "")


def test_markdown_report_keeps_a_tag_and_an_issue_number_in_a_statement_as_text() -> None:
    """A "<br>" named in a plain-text statement went out as "\\<br\\>": an escape to
    CommonMark only, and a renderer of the older Markdown (Python-Markdown,
    Markdown.pl) showed the backslash and read "<br\\>" as a tag, a line break.
    "#123" was linked by GitHub to issue 123. The "<" is now "&lt;", and a word
    joiner follows a "#" before a number; a CommonMark reader shows the text itself."""
    duty = "Use <br> tags in emails and close #123 (not #x)"
    profile = analyze_posting(f"Duties:\n- {duty}\n- Own the roadmap\n", "PM <br> #7 lead")
    assert profile.statements[0].statement.text == duty
    report = posting_to_markdown(profile)
    assert "| Use &lt;br\\> tags in emails and close \\#&#x2060;123 (not \\#x) |" in report
    assert report.startswith("# Posting profile: PM &lt;br\\> \\#&#x2060;7 lead\n")
    assert "<" not in report
    assert "#123" not in report
    assert "#7" not in report
    markdown_it = pytest.importorskip("markdown_it")
    shown = markdown_it.MarkdownIt("gfm-like").disable("linkify").render(report)
    assert duty in html.unescape(shown).replace("\u2060", "")
    assert "<br" not in shown


def test_markdown_and_html_reports_write_control_characters_as_references() -> None:
    """An escape sequence in a statement or the title (ESC ]0;...BEL retitles a
    terminal, CSI clears it) reaches the Markdown and HTML reports as character
    references, as in the comparison's Markdown table: both reports go to the
    terminal without ``-o``, and the text report already shows such characters as
    ``\\xNN``. They went out raw."""
    text = "Duties:\n- Own the \x00roadmap\x1b[31m and the budget\x9b2J\n"
    profile = analyze_posting(text, "PM \x1b]0;pwned\x07")
    for fmt in ("markdown", "html"):
        report = render_posting(profile, fmt)
        assert "PM &#x1B;" in report
        assert "0;pwned&#x07;" in report
        assert "&#x00;roadmap&#x1B;" in report
        # HTML reads &#x80;-&#x9F; as Windows-1252 ("&#x9B;" as "›"): the page writes
        # U+FFFD's reference; Markdown, which CommonMark renderers read as the code point,
        # keeps the control's own.
        assert ("&#xFFFD;2J" if fmt == "html" else "&#x9B;2J") in report
        if fmt == "html":
            assert "\u203a" not in html.unescape(report)
        assert not any(ord(ch) < 0x20 or 0x7F <= ord(ch) < 0xA0 for ch in report if ch != "\n")
        stream = io.StringIO()
        write_posting(profile, stream, fmt)
        assert stream.getvalue() == report
    # Rows all ASCII (no C1 control, no other character beyond ASCII): the other check.
    rows = render_posting(analyze_posting("- Own the roadmap\x1b[2J\n" * 300), "html")
    assert rows.count("roadmap&#x1B;[2J</mark>") == 300
    assert "\x1b" not in rows
    # Bidirectional overrides and isolates, which reorder the rest of a terminal line.
    bidi = analyze_posting("- Own the \u202eroadmap\u202c and \u2066the\u2069 budget\n")
    for fmt in ("markdown", "html"):
        report = render_posting(bidi, fmt)
        assert "&#x202E;roadmap&#x202C;" in report
        assert "&#x2066;the&#x2069;" in report
        assert not any(0x202A <= ord(ch) <= 0x202E or 0x2066 <= ord(ch) <= 0x2069 for ch in report)


@pytest.mark.parametrize("control", ["\x85", "\x1c", "\x1d", "\x1e", "\x1f"])
def test_html_report_writes_a_white_space_control_as_a_line_break(control: str) -> None:
    """A control that is white space to Python but not to HTML (NEL, U+001C-U+001F)
    stays inside a statement, which the text report shows with a space; the HTML
    report wrote it raw, which a browser shows as an empty box gluing the two words.
    It is a line break there, in the C pass's rows and the Python ones alike."""
    profile = analyze_posting(
        f"- Own the{control}roadmap and the budget\n- Keep it{control}on time\n",
        f"Product{control}Manager",
    )
    assert f"Own the{control}roadmap" in profile.statements[0].statement.text
    assert "Own the roadmap" in render_posting(profile, "text")
    report = render_posting(profile, "html")
    assert control not in report
    assert "Own the\nroadmap" in report
    assert "<h1>Posting profile: <bdi>Product\nManager</bdi></h1>" in report
    stream = io.StringIO()
    write_posting(profile, stream, "html")
    assert stream.getvalue() == report


def test_html_report_writes_a_form_feed_in_the_title_as_a_line_break() -> None:
    """FF is white space to HTML's parser but not to CSS: a browser draws it as a box.
    The splitter makes it a space in a statement; a given title keeps it."""
    report = render_posting(analyze_posting("- Own the roadmap\n", "Product\x0cManager"), "html")
    assert "\x0c" not in report
    assert "<h1>Posting profile: <bdi>Product\nManager</bdi></h1>" in report


@pytest.mark.parametrize("statements", ["no", 0, None, 1])
def test_posting_to_dict_statements_must_be_a_bool(statements: object) -> None:
    """``statements="no"`` kept the statements it meant to leave out: any value was
    taken for its truth. A flag that is not a bool is a TypeError naming it."""
    profile = analyze_posting("- Own the roadmap")
    with pytest.raises(
        TypeError, match=rf"^statements must be a bool, got {type(statements).__name__}$"
    ):
        posting_to_dict(profile, statements=statements)  # type: ignore[arg-type]


def test_deeply_nested_hostile_html_is_escaped() -> None:
    """A posting nested 5,000 levels deep renders without error and stays inert."""
    profile = analyze_posting(deeply_nested_html(5_000))
    assert_html_is_inert(posting_to_html(profile))


@given(st.one_of(html_postings(), adversarial_texts()), st.one_of(st.none(), adversarial_texts()))
def test_no_input_reaches_a_report_unescaped(text: str, title: str | None) -> None:
    """Whatever the posting and title, the HTML and Markdown reports hold no live markup."""
    profile = analyze_posting(text, title)
    assert_html_is_inert(posting_to_html(profile))
    assert_markdown_is_inert(posting_to_markdown(profile))
    json.loads(posting_to_json(profile))


@pytest.mark.parametrize(
    "text",
    [
        "<ul><li>Own the roadmap &#xb;</li><li>Keep the budget</li></ul>",
        "Own the roadmap &#x1;<br>Keep the budget",
        "<p>&#xffff; Own the roadmap</p>",
        "<li>Own the roadmap &#xb;&#xb;<br>and the budget</li>",
    ],
)
def test_a_reference_html_drops_leaves_no_space_behind(text: str) -> None:
    """A character reference that decodes to nothing (a control such as ``&#xb;``, a
    noncharacter such as ``&#xffff;``) shows nothing: the space before it ended the
    statement, which refused it as untrimmed, so the posting could not be analysed
    (``rolelens posting`` said "text must be non-empty and trimmed")."""
    profile = analyze_posting(text)
    texts = [item.statement.text for item in profile.statements]
    assert texts
    assert all(t == t.strip() and "&#" not in t for t in texts)
    assert any(t.startswith("Own the roadmap") for t in texts)
    for fmt in ("text", "json", "markdown", "html"):
        render_posting(profile, fmt)


@given(
    before=html_postings(),
    code=st.integers(0, 0x10FFFF + 2),
    after=html_postings(),
)
def test_any_numeric_reference_in_an_html_posting_is_read(
    before: str, code: int, after: str
) -> None:
    """Any numeric character reference, whatever it decodes to, gives statements the
    reports render (a posting with one is HTML from a site, not the user's mistake)."""
    profile = analyze_posting(f"{before} &#x{code:x}; {after}<br>")
    for item in profile.statements:
        assert item.statement.text == item.statement.text.strip()
    json.loads(posting_to_json(profile))
    assert_html_is_inert(posting_to_html(profile))


def _backslashreplaced(text: str) -> str:
    """``text`` as a stream with ``errors="backslashreplace"`` (the command line's) writes it."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


@given(st.one_of(html_postings(), adversarial_texts()), st.one_of(st.none(), adversarial_texts()))
def test_json_writer_matches_json_dumps(text: str, title: str | None) -> None:
    """The direct JSON writer gives exactly what json.dumps(indent=2) gives, whole or
    streamed (a lone surrogate written as its escape, as backslashreplace writes it),
    and indent=None still goes through json.dumps."""
    profile = analyze_posting(text, title)
    expected = _backslashreplaced(
        json.dumps(posting_to_dict(profile), indent=2, sort_keys=True, ensure_ascii=False)
    )
    assert posting_to_json(profile) == expected
    stream = io.StringIO()
    write_posting(profile, stream, "json")
    assert stream.getvalue() == expected + "\n" == render_posting(profile, "json")
    compact = posting_to_json(profile, indent=None)
    assert json.loads(compact) == json.loads(expected)
    assert "\n" not in compact


@pytest.mark.parametrize("indent", ["2", "  ", 2.0, True, [2]])
def test_posting_to_json_refuses_an_indent_that_is_not_an_int(indent: object) -> None:
    """json.dumps takes a str indent as the text to indent with: indent="2" wrote
    '2"format": ...', which is no JSON. Anything but an int or None is a TypeError."""
    profile = analyze_posting("Duties:\n- Own the roadmap")
    with pytest.raises(TypeError, match=f"^indent must be an int, got {type(indent).__name__}$"):
        posting_to_json(profile, indent=indent)  # type: ignore[arg-type]


def test_posting_to_json_refuses_a_negative_indent() -> None:
    """A negative indent is a bad value (json.dumps would quietly take it as 0)."""
    profile = analyze_posting("Duties:\n- Own the roadmap")
    with pytest.raises(ArgumentError, match=r"^indent must be 0 or more, or None, got -1$"):
        posting_to_json(profile, indent=-1)


@pytest.mark.parametrize(
    ("indent", "shown"),
    [(MAX_INDENT + 1, str(MAX_INDENT + 1)), (2**31, "2.15e+09"), (10**19, "1e+19")],
)
def test_posting_to_json_refuses_an_indent_too_wide(indent: int, shown: str) -> None:
    """``indent=10**19`` raised json's ``OverflowError`` and ``2**31`` ran out of memory
    writing that many spaces a level; the widest indent is taken."""
    profile = analyze_posting("Duties:\n- Own the roadmap")
    with pytest.raises(
        ArgumentError, match=rf"^indent must be at most {MAX_INDENT}, got {re.escape(shown)}$"
    ):
        posting_to_json(profile, indent=indent)
    assert json.loads(posting_to_json(profile, indent=MAX_INDENT)) == posting_to_dict(profile)


@pytest.mark.parametrize("indent", [None, 0, 1, 2, 4])
def test_posting_to_json_takes_an_int_or_none(indent: int | None) -> None:
    """Every indent it takes gives the same document, as json.dumps writes it."""
    profile = analyze_posting("Senior Product Manager\nDuties:\n- Own the roadmap")
    text = posting_to_json(profile, indent=indent)
    assert text == json.dumps(
        posting_to_dict(profile), indent=indent, sort_keys=True, ensure_ascii=False
    )
    assert json.loads(text) == posting_to_dict(profile)


def test_write_posting_writes_what_render_posting_returns() -> None:
    long = "Duties:\n" + "".join(f"- Own roadmap item {k} & <ship> it\n" for k in range(600))
    for text in ("Senior Product Manager\nDuties:\n- Own the roadmap\n- Ship on time", long, ""):
        profile = analyze_posting(text)
        for fmt in ("text", "json", "markdown", "html"):
            stream = io.StringIO()
            write_posting(profile, stream, fmt)  # JSON and HTML stream in blocks of 256
            assert stream.getvalue() == render_posting(profile, fmt)
    assert render_posting(analyze_posting(long), "html").count('<tr><td class="num">') == 600
    with pytest.raises(ArgumentError, match="text, json, markdown, html"):
        write_posting(profile, io.StringIO(), "pdf")


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_write_posting_names_a_binary_stream(fmt: str, tmp_path: Path) -> None:
    """A binary stream has write() too: it failed at the first piece with io's "a
    bytes-like object is required". It is now refused at once, saying what to do,
    and nothing is written to it."""
    profile = analyze_posting("Duties:\n- Own the roadmap\n")
    message = r"^stream must be a text stream, got the binary BytesIO; open the file in text"
    raw = io.BytesIO()
    with pytest.raises(TypeError, match=message):
        write_posting(profile, raw, fmt)  # type: ignore[arg-type]
    assert raw.getvalue() == b""
    with (
        (tmp_path / "report.txt").open("wb") as binary,
        pytest.raises(TypeError, match="got the binary BufferedWriter"),
    ):
        write_posting(profile, binary, fmt)  # type: ignore[arg-type]


class _Writes(io.StringIO):
    """A text stream that keeps the length of every write it is given."""

    def __init__(self) -> None:
        super().__init__()
        self.sizes: list[int] = []

    def write(self, text: str) -> int:
        self.sizes.append(len(text))
        return super().write(text)


@pytest.mark.parametrize("accent", ["", "Café: "])
def test_write_posting_spills_an_enormous_statement_in_order(accent: str) -> None:
    """A statement whose JSON runs to megabytes (a long line of cues, every word
    evidence) is written a megabyte or so at a time, never whole, in its place
    among the others: the same text as render_posting. With an accent the
    statement's text is not ASCII, which the C pass writes by another path."""
    cues = "Own the product roadmap, track the budget and milestones, interview customers; "
    line = accent + cues * 800  # some 60 KB: about 3.5 MB of JSON
    text = f"Duties:\n- Ship on time\n- {line}\n- Report status\nBenefits:\n- Café perks"
    profile = analyze_posting(text)
    expected = render_posting(profile, "json")
    assert len(expected) > 1 << 21
    stream = _Writes()
    write_posting(profile, stream, "json")
    assert stream.getvalue() == expected
    assert max(stream.sizes) <= 1 << 20
    for fmt in ("text", "markdown", "html"):
        stream = _Writes()
        write_posting(profile, stream, fmt)
        assert stream.getvalue() == render_posting(profile, fmt)


def test_render_posting_dispatches_and_validates() -> None:
    """render_posting covers the four formats and rejects others with ArgumentError."""
    profile = analyze_posting("Duties:\n- Own the roadmap")
    assert json.loads(render_posting(profile, "json"))["version"] == POSTING_VERSION
    assert render_posting(profile, "markdown").startswith("# Posting profile")
    assert render_posting(profile, "html").startswith("<!DOCTYPE html>")
    assert render_posting(profile, "text").startswith(profile.summary)
    with pytest.raises(ArgumentError, match="text, json, markdown, html"):
        render_posting(profile, "pdf")


def test_an_unknown_format_is_an_argument_error_like_compares() -> None:
    """A format name no renderer has is a bad argument value (ArgumentError, as in
    rolelens.comparisons.render), not an unreadable input record (InputError); it is
    still a ValueError and a RoleLensError, on one line."""
    profile = analyze_posting("Duties:\n- Own the roadmap")
    for call in (
        lambda: render_posting(profile, "pdf"),
        lambda: write_posting(profile, io.StringIO(), "PDF\nreport"),
    ):
        with pytest.raises(ArgumentError) as caught:
            call()
        assert not isinstance(caught.value, InputError)
        assert isinstance(caught.value, ValueError)
        assert isinstance(caught.value, RoleLensError)
        assert "\n" not in str(caught.value)


@pytest.mark.parametrize("fmt", [["json"], None, b"json", 1])
def test_a_format_that_is_not_a_str_is_a_type_error_naming_it(fmt: object) -> None:
    """["json"] is a programming mistake: TypeError naming the type, not "unknown format"."""
    profile = analyze_posting("Duties:\n- Own the roadmap")
    name = type(fmt).__name__
    with pytest.raises(TypeError, match=f"^fmt must be a str, got {name}$"):
        render_posting(profile, fmt)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=f"^fmt must be a str, got {name}$"):
        write_posting(profile, io.StringIO(), fmt)  # type: ignore[arg-type]


# --- the command line -------------------------------------------------------------------------


def test_cli_posting_formats_and_output_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`rolelens posting` prints each format and writes -o files atomically."""
    assert main(["posting", str(DISGUISED)]) == 0
    assert "title suggests product-side" in capsys.readouterr().out
    assert main(["posting", str(DISGUISED), "--format", "json", "--title", "Scrum Master"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["title"] == "Scrum Master"
    assert data["mismatch"] is None
    target = tmp_path / "report.html"
    assert main(["posting", str(DISGUISED), "--format", "html", "-o", str(target)]) == 0
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert list(tmp_path.iterdir()) == [target]


def test_cli_posting_reads_stdin(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`rolelens posting -` reads the posting from standard input."""
    stdin = io.TextIOWrapper(io.BytesIO(b"Duties:\n- Own the roadmap\n"), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    assert main(["posting", "-", "--format", "markdown"]) == 0
    assert "Own the roadmap" in capsys.readouterr().out


def test_cli_posting_bad_files_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A missing file, a directory or bad bytes print one line on stderr and exit 2."""
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("caf\xe9 manager".encode("latin-1"))
    for path in (tmp_path / "missing.txt", tmp_path, bad):
        assert main(["posting", str(path)]) == 2
        err = capsys.readouterr().err
        assert err.startswith("rolelens: error:")
        assert err.count("\n") == 1


def test_example_script_renders_every_example(tmp_path: Path) -> None:
    """examples/render_posting_reports.py writes one inert HTML report per example posting."""
    import runpy

    namespace = runpy.run_path(str(EXAMPLES.parent / "render_posting_reports.py"))
    written = namespace["render_all"](tmp_path / "reports")
    assert sorted(p.name for p in written) == sorted(
        f"{p.stem}.html" for p in EXAMPLES.iterdir() if p.is_file()
    )
    for page in written:
        assert_html_is_inert(page.read_text(encoding="utf-8"))


_EVIDENCE_DURING_WRITE = """
import io
from rolelens.posting import analyze_posting
from rolelens.posting_report import render_posting, write_posting

profile = analyze_posting(("own the roadmap and track the budget " * 3000).strip())
verdict = profile.statements[0].verdict


class ReadsEvidence(io.StringIO):
    calls = 0

    def write(self, text):
        self.calls += 1
        if self.calls == 2:  # between two pieces of the same statement's JSON
            verdict.evidence
        return super().write(text)


out = ReadsEvidence()
write_posting(profile, out, "json")
assert out.calls > 2, out.calls
assert out.getvalue() == render_posting(profile, "json")
print("ok")
"""


def test_evidence_built_while_the_json_is_written_piece_by_piece() -> None:
    """The C writer hands a long statement's JSON to the stream a megabyte at a time,
    reading the verdict's packed hits as it goes. Building the evidence in between
    (any code a write() runs, or another thread) replaced the tuple holding them,
    and the writer read freed memory: a crash. Run in a child, so a crash is a
    failure here and not the end of the test session."""
    from tests.conftest import run_in_child

    # The packed hits (hundreds of kilobytes) get a mapping of their own, returned
    # on free, so reading them after the free faults at once.
    done = run_in_child(_EVIDENCE_DURING_WRITE)
    assert (done.returncode, done.stdout.strip()) == (0, "ok"), done.stderr[-2000:]


def test_write_posting_refuses_something_that_is_not_a_stream() -> None:
    """A stream without write() is named in a TypeError before any work, not an
    AttributeError from inside the writer."""
    profile = analyze_posting("- Own the roadmap")
    for stream in (None, "report.html"):
        with pytest.raises(TypeError, match=r"stream must be a text stream \(or have a \.write"):
            write_posting(profile, stream, "html")  # type: ignore[arg-type]


# --- lone surrogates -------------------------------------------------------------------

#: A lone surrogate, as json.loads makes one from a web request's "\ud800".
_LONE = json.loads('"\\ud800"')


def _strict_utf8() -> io.TextIOWrapper:
    """A text stream that encodes as UTF-8 and refuses what it cannot encode, as a file
    opened with ``encoding="utf-8"`` does."""
    return io.TextIOWrapper(io.BytesIO(), encoding="utf-8", newline="")


def _written(stream: io.TextIOWrapper) -> str:
    stream.flush()
    buffer = stream.buffer
    assert isinstance(buffer, io.BytesIO)
    return buffer.getvalue().decode("utf-8")


def test_a_lone_surrogate_is_written_as_its_escape_in_every_report() -> None:
    """analyze_posting takes any str, lone surrogates too; every report of it failed
    with UnicodeEncodeError once encoded as UTF-8 (written to a file opened with
    encoding="utf-8", inside write_posting, or sent as a web response). Each lone
    surrogate is now written as its six-character escape, as the command line writes
    it, and JSON reads that back as the same character."""
    low = json.loads('"\\udfff"')
    text = (
        f"# Product Manager {_LONE}\n\n## Responsibilities {low}\n"
        f"- Own the roadmap {_LONE} and interview customers\n- Keep the budget {low}{_LONE}\n"
    )
    profile = analyze_posting(text, f"Product Manager {low}")
    renderers = {
        "text": posting_to_text,
        "json": posting_to_json,
        "markdown": posting_to_markdown,
        "html": posting_to_html,
    }
    for fmt, renderer in renderers.items():
        report = render_posting(profile, fmt)
        report.encode("utf-8")
        assert "\\ud800" in report
        assert "\\udfff" in report
        assert report == renderer(profile) + ("\n" if fmt == "json" else "")
        stream = _strict_utf8()
        write_posting(profile, stream, fmt)
        assert _written(stream) == report
    for indent in (2, None, 0):
        assert json.loads(posting_to_json(profile, indent=indent)) == posting_to_dict(profile)
    # posting_to_dict is plain data: it keeps the text as it is.
    assert _LONE in posting_to_dict(profile)["statements"][0]["text"]


def test_a_lone_surrogate_in_an_enormous_statement_is_escaped_where_it_is_written() -> None:
    """A long statement's JSON goes to the stream a megabyte at a time from inside
    the writer (see test_write_posting_spills_an_enormous_statement_in_order): those
    writes are escaped too."""
    cues = "Own the product roadmap, track the budget and milestones, interview customers; "
    line = f"Café {_LONE} " + cues * 800
    profile = analyze_posting(f"Duties:\n- Ship on time\n- {line}\n- Report {_LONE} status\n")
    expected = render_posting(profile, "json")
    assert len(expected) > 1 << 21
    expected.encode("utf-8")
    stream = _strict_utf8()
    write_posting(profile, stream, "json")
    assert _written(stream) == expected
    assert json.loads(expected) == posting_to_dict(profile)


@given(st.one_of(html_postings(), adversarial_texts()), st.one_of(st.none(), adversarial_texts()))
def test_every_report_of_any_string_encodes_as_utf8(text: str, title: str | None) -> None:
    """Any string is a posting, and its reports can always be written as UTF-8: a
    strict stream takes what write_posting writes, the same as render_posting returns."""
    profile = analyze_posting(text, title)
    for fmt in ("text", "json", "markdown", "html"):
        stream = _strict_utf8()
        write_posting(profile, stream, fmt)
        assert _written(stream) == render_posting(profile, fmt)


def test_the_percents_of_a_balance_add_up_to_100_in_every_report() -> None:
    """Each part's label percents in the text, Markdown and HTML reports add up to 100:
    rounded each on their own, 1, 1 and 5 statements of 7 read 14%, 14% and 71% (99%),
    and 4, 2 and 5 of 11 read 36%, 18% and 45%."""
    profile = attrs.evolve(
        analyze_posting("Own the roadmap.\n"),
        responsibilities=Balance((4, 2, 0, 5)),
        rest=Balance((1, 1, 0, 5)),
        overall=Balance((5, 3, 0, 10)),
    )
    text = posting_to_text(profile)
    for line in text.splitlines()[1:3]:
        assert sum(map(int, re.findall(r"\((\d+)%\)", line))) == 100, line
    assert "rest: product 1 (14%), project 1 (14%), shared 0 (0%), other 5 (72%)" in text
    rows = [r for r in posting_to_markdown(profile).splitlines() if r.startswith("| ")]
    for row in rows[1:4]:
        assert sum(map(int, re.findall(r"\((\d+)%\)", row))) == 100, row
    svg = posting_to_html(profile)
    titles = re.findall(r"<title>\w+: \d+ \((\d+)%\)</title>", svg)
    assert len(titles) == 9  # shared is 0 in each row: no bar for it
    assert [sum(map(int, titles[i : i + 3])) for i in (0, 3, 6)] == [100, 100, 100]
