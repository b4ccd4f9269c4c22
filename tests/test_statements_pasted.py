"""Postings pasted from Word, PDF and chat tools: the splitter reads their bullets,
wrapped lines and page furniture as a reader would.

Every example text here is written for these tests.
"""

from __future__ import annotations

import contextlib
import time
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rolelens import statements
from rolelens.posting import analyze_posting
from rolelens.statements import Statement, split_statements


def _rows(found: tuple[Statement, ...]) -> list[tuple[str, str, str | None]]:
    return [(s.kind, s.text, s.section) for s in found]


def _split(text: str, native: bool, *, include_headings: bool = False) -> tuple[Statement, ...]:
    """``split_statements(text)`` by the C splitter, or with it off by the Python one."""
    off = mock.patch("rolelens.statements.speedups", None)
    with contextlib.nullcontext() if native else off:
        return split_statements(text, include_headings=include_headings)


def _texts(text: str, **options: object) -> list[str]:
    return [s.text for s in split_statements(text, **options)]  # type: ignore[arg-type]


# --- bullets Word writes in Symbol and Wingdings, and emoji bullets -----------------------

_PRIVATE_USE_BULLETS = ("\uf0b7", "\uf0a7", "\uf0d8", "\uf0fc", "\uf076", "\uf06e")


@pytest.mark.parametrize("glyph", _PRIVATE_USE_BULLETS)
@pytest.mark.parametrize("gap", [" ", "\t", "\u00a0\u00a0", ""])
def test_private_use_bullets_from_word_lose_their_markers_in_plain_text(
    glyph: str, gap: str
) -> None:
    text = f"Duties:\n{glyph}{gap}Own the roadmap\n{glyph}{gap}Track the budget\n"
    found = split_statements(text)
    assert _rows(found) == [
        ("bullet", "Own the roadmap", "responsibilities"),
        ("bullet", "Track the budget", "responsibilities"),
    ]
    for statement in found:
        assert text[statement.start : statement.end] == statement.text


def test_private_use_bullets_from_word_lose_their_markers_in_html() -> None:
    """Word's HTML export writes the Symbol bullet as ``&#61623;`` (U+F0B7) in a span of
    the Symbol font, and the Wingdings square as U+F0A7."""
    html = (
        "<p class=MsoListParagraph><span style='font-family:Symbol'>&#61623;"
        "<span style='font:7.0pt \"Times New Roman\"'>&nbsp;&nbsp;&nbsp; </span></span>"
        "Own the roadmap</p>\n"
        "<p class=MsoListParagraph>\uf0a7&nbsp;Track the budget</p>"
    )
    assert _rows(split_statements(html)) == [
        ("bullet", "Own the roadmap", None),
        ("bullet", "Track the budget", None),
    ]


def test_emoji_of_any_kind_are_bullets() -> None:
    """Chat tools and job boards paste emoji as bullets: any emoji or dingbat, with its
    U+FE0F and the joiners of a sequence ("👩‍💻"), is a list marker as "✅" was."""
    text = (
        "What you'll do\n🚀 Own the roadmap\n💡Track the budget\n✨ Plan the sprints\n"
        "👩\u200d💻 Pair with engineers\n☎\ufe0f Talk to users\n👍🏽 Ship weekly\n"
    )
    found = split_statements(text)
    assert _rows(found) == [
        ("bullet", "Own the roadmap", "responsibilities"),
        ("bullet", "Track the budget", "responsibilities"),
        ("bullet", "Plan the sprints", "responsibilities"),
        ("bullet", "Pair with engineers", "responsibilities"),
        ("bullet", "Talk to users", "responsibilities"),
        ("bullet", "Ship weekly", "responsibilities"),
    ]
    for statement in found:
        assert text[statement.start : statement.end] == statement.text


def test_a_line_of_emoji_alone_gives_nothing() -> None:
    assert _texts("🚀🚀🚀\n- Own the roadmap\n🎉") == ["Own the roadmap"]


# --- Word's "o" and "§" bullets in HTML ----------------------------------------------------


def test_o_and_section_sign_bullets_in_word_html_lose_their_markers() -> None:
    """Word's HTML export keeps its second and third list levels as a paragraph that
    opens with "o" or "§" and no-break spaces; a paragraph never continues the one
    before, so the mark is a bullet there."""
    html = (
        "<p class=MsoListParagraph>o&nbsp;&nbsp;&nbsp;Own the roadmap</p>"
        "<p class=MsoListParagraph><span style='font-family:\"Courier New\"'>o</span>"
        "<span>&nbsp;&nbsp; </span>Track the <b>budget</b></p>"
        "<p class=MsoListParagraph>\u00a7&nbsp;Plan the sprints</p>"
        "<p>\u00b7&nbsp;&nbsp;Talk to users</p>"
    )
    assert _rows(split_statements(html)) == [
        ("bullet", "Own the roadmap", None),
        ("bullet", "Track the budget", None),
        ("bullet", "Plan the sprints", None),
        ("bullet", "Talk to users", None),
    ]


def test_words_in_html_are_no_loose_markers() -> None:
    """As in plain text, "O'Reilly", "o.k.", a capital "O" and "§ 22" stay text."""
    html = "<p>O'Reilly books</p><p>o.k. then</p><p>O Brasil</p><p>\u00a7 22 applies</p>"
    assert _texts(html) == ["O'Reilly books", "o.k. then", "O Brasil", "\u00a7 22 applies"]


# --- Roman numerals -------------------------------------------------------------------------


def test_roman_numerals_are_list_markers() -> None:
    """ "i." was a marker (one letter) but "ii." was not: the "ii." line, opening with a
    lower-case letter, went on from the "i." item and was then cut after "ii."."""
    text = (
        "Requirements:\n1. Strong writing\n   i. Reports\n   ii. Specs\n   iii) Plans\n"
        "   iv. Budgets\n   viii. Roadmaps\n   xii. Reviews\n"
    )
    assert _rows(split_statements(text)) == [
        ("bullet", "Strong writing", "requirements"),
        ("bullet", "Reports", "requirements"),
        ("bullet", "Specs", "requirements"),
        ("bullet", "Plans", "requirements"),
        ("bullet", "Budgets", "requirements"),
        ("bullet", "Roadmaps", "requirements"),
        ("bullet", "Reviews", "requirements"),
    ]


def test_upper_case_roman_numerals_number_headings() -> None:
    text = "II. RESPONSIBILITIES\nOwn the roadmap\nIV) Benefits\nA pension"
    found = split_statements(text, include_headings=True)
    assert _rows(found) == [
        ("heading", "RESPONSIBILITIES", "responsibilities"),
        ("sentence", "Own the roadmap", "responsibilities"),
        ("heading", "Benefits", "benefits"),
        ("sentence", "A pension", "benefits"),
    ]


@pytest.mark.parametrize(
    "line", ["Xi. Jinping visited", "I. M. Pei designed it", "vix. no", "III.Nospace", "ivy. Grows"]
)
def test_what_only_looks_like_a_roman_numeral_stays_text(line: str) -> None:
    assert " ".join(_texts(line)) == line


# --- numbers of several levels ------------------------------------------------------------


def test_numbers_of_several_levels_are_list_markers() -> None:
    """ "1." came off a statement but "1.1" stayed in its text ("1.1 Coordinate
    releases"), so the classifier read the number as the statement's first word."""
    text = (
        "Responsibilities\n1.1 Coordinate releases\n1.2. Track the budget\n"
        "2.3.4 Run the sprint reviews\n1.1) Own the roadmap\n3.1.2) Write the specs\n"
    )
    assert _rows(split_statements(text)) == [
        ("bullet", "Coordinate releases", "responsibilities"),
        ("bullet", "Track the budget", "responsibilities"),
        ("bullet", "Run the sprint reviews", "responsibilities"),
        ("bullet", "Own the roadmap", "responsibilities"),
        ("bullet", "Write the specs", "responsibilities"),
    ]
    html = "<div>1.1 Coordinate releases</div><p>2.3.4 Run the sprint reviews</p>"
    assert _texts(html) == ["Coordinate releases", "Run the sprint reviews"]


@pytest.mark.parametrize(
    "line",
    [
        "2.5 days a week in the office",
        "1.5x growth in a year",
        "1.1234 Own it",
        "1.2.3.4.5.6.7 Own it",
        "3.14159 is pi",
    ],
)
def test_what_only_looks_like_a_number_of_levels_stays_text(line: str) -> None:
    assert " ".join(_texts(line)) == line


# --- lines wrapped by a PDF or a Word paste --------------------------------------------------


def test_a_line_ending_on_and_or_a_comma_goes_on_into_a_capital() -> None:
    """A hard-wrapped line went on into the next only when that opened with a lower-case
    letter, so a wrap before a name ("Marketing", "Jira") cut a sentence in two."""
    text = (
        "You will work closely with engineering, design and\n"
        "Marketing to launch features.\n"
        "Tools we use include Jira,\nConfluence and Figma.\n"
        "- Own the roadmap of\n"
        "  Payments\n"
        "- Write specs for the\nAPI team\n"
    )
    assert _rows(split_statements(text)) == [
        (
            "sentence",
            "You will work closely with engineering, design and Marketing to launch features.",
            None,
        ),
        ("sentence", "Tools we use include Jira, Confluence and Figma.", None),
        ("bullet", "Own the roadmap of Payments", None),
        ("bullet", "Write specs for the API team", None),
    ]


def test_lines_that_may_end_a_sentence_still_end_it_before_a_capital() -> None:
    text = (
        "Things we care about\nShipping fast\n"
        "Who you will work with\nEngineering leads\n"
        "Grade A\nBenefits\n- Own the roadmap and\n- Track the budget\n"
        "Research and\nDevelopment:\n"
    )
    assert _texts(text, include_headings=True) == [
        "Things we care about",
        "Shipping fast",
        "Who you will work with",
        "Engineering leads",
        "Grade A",
        "Benefits",
        "Own the roadmap and",
        "Track the budget",
        "Research and",
        "Development:",
    ]


def test_a_word_cut_at_a_hyphen_is_joined_without_the_space() -> None:
    """ "cross-" then "functional" gave "cross- functional"; the hyphen stays, as most
    such words are compounds (a word hyphenated only to wrap keeps its hyphen too)."""
    text = "- Lead cross-\n  functional teams and manage-\n  ment reviews\n- Ship A-\n  Z\n"
    found = split_statements(text)
    assert [s.text for s in found] == [
        "Lead cross-functional teams and manage-ment reviews",
        "Ship A- Z",
    ]
    assert text[found[0].start : found[0].end].startswith("Lead cross-\n")


# --- a heading wrapped over two lines ------------------------------------------------------


@pytest.mark.parametrize(
    ("lines", "heading", "section"),
    [
        ("🛠 Our tech\nstack:", "Our tech stack:", "about"),  # as on one line
        (
            "🚀 What you'll be doing\nevery day:",
            "What you'll be doing every day:",
            "responsibilities",
        ),
        ("🚀 What you'll be\ndoing:", "What you'll be doing:", "responsibilities"),
        ("What you'll be\ndoing:", "What you'll be doing:", "responsibilities"),
        ("What you'll\r\ndo:", "What you'll do:", "responsibilities"),
    ],
)
@pytest.mark.parametrize("native", [True, False])
def test_a_label_wrapped_over_two_lines_is_one_heading(
    lines: str, heading: str, section: str | None, native: bool
) -> None:
    """A label wrapped over two lines, an emoji before it or not, was misread: its second
    line, in lower case and ending with a colon, was a heading of its own (of no section:
    the duties below had none) and the first a statement; and an emoji label ("🛠 Our
    tech" then "stack:") joined as a list item, which a colon makes no heading. The C
    splitter and the Python one read it alike."""
    text = f"About us\nWe build tools.\n\n{lines}\n- Plan the launch\n"
    found = _split(text, native, include_headings=True)
    assert _rows(found)[2:] == [
        ("heading", heading, section),
        ("bullet", "Plan the launch", section),
    ]


@pytest.mark.parametrize("native", [True, False])
def test_a_lower_case_label_after_a_sentence_or_naming_a_section_stays_a_heading(
    native: bool,
) -> None:
    """Only an open line takes the next line's words: after a full stop, or when the
    lower-case label opens as a section does ("requirements:"), it is a heading."""
    text = "Own the roadmap.\ndoing:\n- Plan it\nWe build tools\nrequirements:\n- SQL\n"
    found = _split(text, native, include_headings=True)
    assert _rows(found) == [
        ("sentence", "Own the roadmap.", None),
        ("heading", "doing:", None),
        ("bullet", "Plan it", None),
        ("sentence", "We build tools", None),
        ("heading", "requirements:", "requirements"),
        ("bullet", "SQL", "requirements"),
    ]


@pytest.mark.parametrize("native", [True, False])
def test_a_line_under_a_heading_or_a_line_keeps_its_words_from_a_label_after_it(
    native: bool,
) -> None:
    """A wrapped label opens a paragraph: a line under a heading or under another line,
    then a lower-case label ("tools we use:"), stays a statement of its own. The label
    took it in, and the statement and its section were lost into a heading."""
    text = (
        "Requirements\n5+ years in product management\ntools we use:\n- Jira\n\n"
        "We ship weekly\nOur tech\nstack:\n- Python\n"
    )
    found = _split(text, native, include_headings=True)
    assert _rows(found) == [
        ("heading", "Requirements", "requirements"),
        ("sentence", "5+ years in product management", "requirements"),
        ("heading", "tools we use:", None),
        ("bullet", "Jira", None),
        ("sentence", "We ship weekly", None),
        ("sentence", "Our tech", None),
        ("heading", "stack:", None),
        ("bullet", "Python", None),
    ]


@pytest.mark.parametrize("native", [True, False])
def test_a_label_opened_by_an_emoji_under_a_heading_is_one_heading_over_two_lines(
    native: bool,
) -> None:
    """A label opened by an emoji and wrapped right under a heading ("Benefits", then "🛠
    Our tech" and "stack:") was a list item and a heading of no section, which took the
    list below out of its section; as a paragraph's opening line it was one heading. A
    line under a heading with no emoji, or a check mark, keeps its words."""
    text = (
        "Benefits\n\U0001f6e0 Our tech\nstack:\n- Python\n\n"
        "## Perks\n\u2714 Our tech\nstack:\n- Go\n\n"
        "Requirements\n5+ years in product management\ntools we use:\n- Jira\n"
    )
    found = _split(text, native, include_headings=True)
    assert _rows(found) == [
        ("heading", "Benefits", "benefits"),
        ("heading", "Our tech stack:", "benefits"),
        ("bullet", "Python", "benefits"),
        ("heading", "Perks", "benefits"),
        ("bullet", "Our tech", "benefits"),
        ("heading", "stack:", "benefits"),
        ("bullet", "Go", "benefits"),
        ("heading", "Requirements", "requirements"),
        ("sentence", "5+ years in product management", "requirements"),
        ("heading", "tools we use:", None),
        ("bullet", "Jira", None),
    ]
    # As on one line.
    one = _split("Benefits\n\U0001f6e0 Our tech stack:\n- Python\n", native, include_headings=True)
    assert _rows(one) == _rows(found)[:3]


def test_tags_in_markdown_code_spans_leave_a_posting_markdown() -> None:
    """A Markdown posting that names tags in code spans ("`<li>`") was read as HTML: the
    bullet was cut at each tag, its words lost ("Write semantic (", ") markup")."""
    text = (
        "## Responsibilities\n- Own the roadmap of our editor\n"
        "- Write semantic (`<p>`, ``<li>``, `</ul>`) markup\n- Track the budget &amp; risks\n"
    )
    assert _rows(split_statements(text)) == [
        ("bullet", "Own the roadmap of our editor", "responsibilities"),
        ("bullet", "Write semantic (`<p>`, ``<li>``, `</ul>`) markup", "responsibilities"),
        ("bullet", "Track the budget &amp; risks", "responsibilities"),
    ]
    # Nor with a <br> in a table cell, which alone leaves a posting Markdown.
    table = (
        "## Responsibilities\n| Area | Duty |\n|---|---|\n"
        "| Editor | Own the roadmap<br>Track the budget |\n\n- Write semantic `<li>` markup\n"
    )
    assert _texts(table) == [
        "Area",
        "Duty",
        "Editor",
        "Own the roadmap",
        "Track the budget",
        "Write semantic `<li>` markup",
    ]
    # A tag outside a code span still makes the text HTML.
    assert _texts("Own the `roadmap`<br>Track the <b>budget</b>") == [
        "Own the `roadmap`",
        "Track the budget",
    ]


# --- a list written on one line ------------------------------------------------------------


def test_a_list_on_one_line_gives_one_statement_per_item() -> None:
    """ "Responsibilities: Own the roadmap • Track the budget" was one statement, bullets
    and heading inside; now the heading is one and each item a list item."""
    text = (
        "Responsibilities: Own the roadmap • Track the budget • Plan the sprints\n\n"
        "Requirements:\nFive years in product ● SQL ▪ Clear writing. Curiosity\n"
    )
    found = split_statements(text, include_headings=True)
    assert _rows(found) == [
        ("heading", "Responsibilities:", "responsibilities"),
        ("bullet", "Own the roadmap", "responsibilities"),
        ("bullet", "Track the budget", "responsibilities"),
        ("bullet", "Plan the sprints", "responsibilities"),
        ("heading", "Requirements:", "requirements"),
        ("bullet", "Five years in product", "requirements"),
        ("bullet", "SQL", "requirements"),
        ("bullet", "Clear writing.", "requirements"),
        ("bullet", "Curiosity", "requirements"),
    ]
    for statement in found:
        assert text[statement.start : statement.end] == statement.text


def test_a_list_on_one_line_in_html_and_after_a_bullet() -> None:
    html = "<p>Responsibilities: Own the roadmap &bull; Track the budget</p>"
    assert _rows(split_statements(html)) == [
        ("bullet", "Own the roadmap", "responsibilities"),
        ("bullet", "Track the budget", "responsibilities"),
    ]
    assert _texts("- Own the roadmap • Track the budget") == ["Own the roadmap", "Track the budget"]


@pytest.mark.parametrize(
    ("line", "heading"),
    [
        ("**Responsibilities:** plan the launch • track the budget", "Responsibilities:"),
        ("**Key responsibility:** plan the launch • track the budget", "Key responsibility:"),
        ("*Key responsibility:* plan the launch • track the budget", "Key responsibility:"),
        ("__Responsibilities__: plan the launch • track the budget", "Responsibilities"),
        ("- **Responsibilities:** plan the launch ▪ track the budget", "Responsibilities:"),
    ],
)
def test_a_label_in_emphasis_before_a_list_on_one_line_is_its_heading(
    line: str, heading: str
) -> None:
    """A label in bold or italics before a list written on one line was no heading: the
    first item kept the label and its marks ("**Responsibilities:** plan the launch")
    and neither item had a section, though "Responsibilities: plan the launch • track
    the budget" and "**Responsibilities:** plan the launch; track the budget" read
    right."""
    text = f"Intro\n\n{line}\n"
    found = split_statements(text, include_headings=True)
    assert _rows(found)[1:] == [
        ("heading", heading, "responsibilities"),
        ("bullet", "plan the launch", "responsibilities"),
        ("bullet", "track the budget", "responsibilities"),
    ]
    for statement in found:
        assert text[statement.start : statement.end] == statement.text


def test_only_a_known_section_before_the_colon_is_a_heading() -> None:
    """ "Location: Berlin • Remote" names no section: the label stays in its item."""
    assert _rows(split_statements("Location: Berlin • Remote", include_headings=True)) == [
        ("bullet", "Location: Berlin", None),
        ("bullet", "Remote", None),
    ]


@pytest.mark.parametrize(
    "line", ["Own the roadmap •Track", "Berlin · Remote", "R&D•QA teams", "Own it - Track it"]
)
def test_a_bullet_without_white_space_on_both_sides_cuts_nothing(line: str) -> None:
    assert _texts(line) == [line]


# --- a list parted by middle dots ---------------------------------------------------------


def test_a_line_of_middle_dots_is_a_list_in_text_and_html() -> None:
    """Two middle dots with white space around them part a list written on one line, as
    a bullet does; the C splitter, which knows only bullets, leaves such a text to the
    Python reference."""
    text = (
        "Focus areas:\nRoadmaps · Discovery · Pricing\n"
        "Responsibilities: Own the roadmap · Track the budget · Plan the sprints\n"
    )
    expected = [
        ("heading", "Focus areas:", None),
        ("bullet", "Roadmaps", None),
        ("bullet", "Discovery", None),
        ("bullet", "Pricing", None),
        ("heading", "Responsibilities:", "responsibilities"),
        ("bullet", "Own the roadmap", "responsibilities"),
        ("bullet", "Track the budget", "responsibilities"),
        ("bullet", "Plan the sprints", "responsibilities"),
    ]
    found = split_statements(text, include_headings=True)
    assert _rows(found) == expected
    for statement in found:
        assert text[statement.start : statement.end] == statement.text
    with mock.patch("rolelens.statements.speedups", None):
        assert split_statements(text, include_headings=True) == found
    html = "<p>Roadmaps &middot; Discovery &middot; Pricing</p>"
    assert _texts(html) == ["Roadmaps", "Discovery", "Pricing"]


@pytest.mark.parametrize(
    "line",
    [
        "Product Manager · Berlin",
        "Own the roadmap · with the design team·weekly",
        "Pay 5·3 · bonus",
        "· Own the roadmap · with the design team",
    ],
)
def test_one_middle_dot_on_a_line_parts_nothing(line: str) -> None:
    assert _texts(line) == [line.removeprefix("· ")]


# --- pages of a PDF: form feeds, page numbers, running headers -----------------------------


def test_a_form_feed_inside_a_line_breaks_it() -> None:
    """pdftotext puts a form feed between pages, often with no line break around it."""
    text = "- Own the roadmap\f- Track the budget\nShip weekly\fPlan the sprints\n"
    found = split_statements(text)
    assert _rows(found) == [
        ("bullet", "Own the roadmap", None),
        ("bullet", "Track the budget", None),
        ("sentence", "Ship weekly", None),
        ("sentence", "Plan the sprints", None),
    ]
    for statement in found:
        assert text[statement.start : statement.end] == statement.text
    # A page break is a line break: a sentence wrapped over it goes on.
    wrapped = "We look for someone to own the roadmap and\fthe budget of the team.\n"
    assert _texts(wrapped) == ["We look for someone to own the roadmap and the budget of the team."]
    # At a line's edge a form feed is white space, as before.
    assert _texts("- Own the roadmap\n\f- Track the budget\f\n") == [
        "Own the roadmap",
        "Track the budget",
    ]


def test_page_number_lines_give_no_statements() -> None:
    text = (
        "Responsibilities\n- Own the roadmap and\nPAGE 1 OF 2\n"
        "- Track the budget\n  Page 2 of 2  \nSee page 4 of the handbook.\n"
        "Ship it. Page 3\n| Page 9 | Plan |\n"
    )
    found = split_statements(text, include_headings=True)
    assert _rows(found) == [
        ("heading", "Responsibilities", "responsibilities"),
        ("bullet", "Own the roadmap and", "responsibilities"),
        ("bullet", "Track the budget", "responsibilities"),
        ("sentence", "See page 4 of the handbook.", "responsibilities"),
        ("sentence", "Ship it.", "responsibilities"),
        ("sentence", "Plan", "responsibilities"),
    ]
    html = "<ul><li>Own the roadmap</li></ul><p>Page 1 of 2</p><table><td>Page 2</td></table>"
    assert _texts(html) == ["Own the roadmap"]


def _pdf_pages(*pages: str) -> str:
    """Pages as pdftotext writes them: a running header, the page's lines, a page number."""
    return "".join(
        f"Acme Corp — Confidential\n\n{body}\n\n{number}\n\f"
        for number, body in enumerate(pages, start=1)
    )


def test_running_headers_and_lone_page_numbers_of_three_pages_are_dropped() -> None:
    text = _pdf_pages(
        "What you'll do\n- Own the roadmap\n- Track the budget",
        "- Plan the sprints\n- Talk to users",
        "Requirements\n- Five years in product\nAcme Corp — Confidential",
    )
    found = split_statements(text)
    assert _rows(found) == [
        ("bullet", "Own the roadmap", "responsibilities"),
        ("bullet", "Track the budget", "responsibilities"),
        ("bullet", "Plan the sprints", "responsibilities"),
        ("bullet", "Talk to users", "responsibilities"),
        ("bullet", "Five years in product", "requirements"),
    ]
    for statement in found:
        assert text[statement.start : statement.end] == statement.text


def test_what_repeats_on_fewer_pages_or_is_a_list_item_is_kept() -> None:
    """Two pages are no evidence of a running header, and a list item is never one."""
    two = _pdf_pages("- Own the roadmap", "- Track the budget")
    assert _texts(two) == [
        "Acme Corp — Confidential",
        "Own the roadmap",
        "Acme Corp — Confidential",
        "Track the budget",
    ]
    bullets = "".join(f"- Own the roadmap\nPlan sprint {n}\n\f" for n in range(3))
    assert _texts(bullets) == [
        text for n in range(3) for text in ("Own the roadmap", f"Plan sprint {n}")
    ]
    # Numbers inside a page, and without form feeds, stay.
    assert _texts("Top\n- A\n- B\n3\n- C\n- D\nEnd\f" * 3).count("3") == 3
    assert _texts("Years of experience:\n5\n") == ["5"]


def test_a_section_heading_repeated_atop_three_pages_is_kept() -> None:
    """A section that runs over pages may repeat its heading atop each: a heading the
    sections know is no running header. Dropped as one, "Benefits" was lost and the
    perks under it were read as responsibilities (what a posting's lean is read from)."""
    text = "Responsibilities\n- Own the roadmap\n- Track the budget\n\f" + "".join(
        f"Benefits\n- {perk}\n- Perk {n}\n\f" for n, perk in enumerate("ABC")
    )
    found = split_statements(text, include_headings=True)
    assert [(s.kind, s.text, s.section) for s in found if s.kind == "heading"] == [
        ("heading", "Responsibilities", "responsibilities"),
        *[("heading", "Benefits", "benefits")] * 3,
    ]
    assert [s.section for s in found if s.text.startswith("Perk")] == ["benefits"] * 3
    # A running header that merely holds a section's name is still dropped.
    pages = "".join(f"Acme Benefits Guide\n- Own item {n}\n- Plan item {n}\n\f" for n in range(3))
    assert "Acme Benefits Guide" not in _texts(pages)


# --- time ------------------------------------------------------------------------------------


def test_pasted_shapes_stay_linear_on_long_hostile_input() -> None:
    shapes = (
        "Duties: a • " * 40000,
        " • " * 60000,
        "\uf0b7 " * 60000 + "x",
        "👩\u200d" * 60000 + " x",
        "ii. iii) " * 30000 + "x",
        "x and\nY of\nZ,\n" * 20000,
        "cross-\nfunctional-\n" * 20000,
        "<p>o&nbsp;" * 30000 + "x",
        "a · b · " * 40000,
        " ·" * 60000 + "\n",
        "x\f" * 60000,
        "\f" * 60000 + "x",
        " \f" * 60000 + "x",
        "Page 1 of 2\n\f" * 30000,
        "page 1 " * 60000 + "\npage 2",
        "Acme\n1\nx\n\f" * 20000,
    )
    for text in shapes:
        started = time.perf_counter()
        split_statements(text, include_headings=True)
        assert time.perf_counter() - started < 10, text[:20]


@pytest.mark.parametrize("native", [True, False])
@pytest.mark.parametrize(
    "numbers", [("A.", "B.", "C."), ("I.", "II.", "III."), ("I.\t", "II.\t", "III.\t")]
)
def test_an_outline_letter_or_first_roman_numeral_before_a_section_is_its_heading(
    numbers: tuple[str, str, str], native: bool
) -> None:
    """ "A. Responsibilities" and "I. Responsibilities" were statements, so the duties
    below had no section (or the one above), while "II. Requirements" was a heading: a
    single capital and a dot are no list marker, "J. Smith" opens a sentence. Before a
    section's name they make a heading, in the C splitter too."""
    first, second, third = (n if n.endswith("\t") else n + " " for n in numbers)
    text = (
        "We build tools.\n"
        f"{first}Responsibilities\n- Own the roadmap\n{second}Requirements:\n- SQL\n"
        f"{third}Benefits\n- A pension\nJ. Smith leads the team.\n"
    )
    found = _split(text, native)
    assert _rows(found) == [
        ("sentence", "We build tools.", None),
        ("bullet", "Own the roadmap", "responsibilities"),
        ("bullet", "SQL", "requirements"),
        ("bullet", "A pension", "benefits"),
        ("sentence", "J. Smith leads the team.", "benefits"),
    ]


@pytest.mark.parametrize("native", [True, False])
def test_markers_a_converter_to_markdown_escaped_are_markers(native: bool) -> None:
    """Converters from HTML to Markdown escape a list marker they find as text: "1\\.
    Own the roadmap" gave the statements "1\\." and "Own the roadmap" (a number
    counted as a statement of its own), and "\\- Plan sprints" kept its backslash."""
    text = (
        "Responsibilities\n1\\. Own the roadmap\n12\\. Track the budget\n"
        "\\- Plan the sprints\n\\* Talk to users\n\\+ Ship weekly\n\\*Required\n"
    )
    found = _split(text, native)
    assert _rows(found) == [
        ("bullet", "Own the roadmap", "responsibilities"),
        ("bullet", "Track the budget", "responsibilities"),
        ("bullet", "Plan the sprints", "responsibilities"),
        ("bullet", "Talk to users", "responsibilities"),
        ("bullet", "Ship weekly", "responsibilities"),
        ("sentence", "\\*Required", "responsibilities"),
    ]


@pytest.mark.parametrize("native", [True, False])
def test_an_html_comment_of_whole_lines_gives_nothing(native: bool) -> None:
    """Markdown shows nothing of an HTML comment, but a posting's "<!-- TODO: add the
    salary -->" was a statement, and the lines of a comment over several lines were
    statements too (its "---" even a setext underline)."""
    text = (
        "Responsibilities\n<!-- TODO: add the salary -->\n- Own the roadmap\n"
        "  <!--\n  Draft: ask legal\n---\n  -->\n- Track the budget\n"
        "<!-- a note --> Talk to users\n<!-- never closed\n- Ship weekly\n"
    )
    found = _split(text, native)
    assert _rows(found) == [
        ("bullet", "Own the roadmap", "responsibilities"),
        ("bullet", "Track the budget", "responsibilities"),
        # Text after the comment on its line stays (the comment does not), and so does
        # a comment never closed.
        ("sentence", "Talk to users", "responsibilities"),
        ("sentence", "<!-- never closed", "responsibilities"),
        ("bullet", "Ship weekly", "responsibilities"),
    ]


@pytest.mark.parametrize("native", [True, False])
@pytest.mark.parametrize("brk", ["\v", "\u2028", "\u2029", "\r\n"])
def test_word_and_unicode_line_breaks_end_lines(brk: str, native: bool) -> None:
    """Word writes its manual line break (Shift+Enter) as a vertical tab in plain text,
    and web pages and JSON job feeds hold U+2028 and U+2029: read as white space, they
    made the whole posting one statement."""
    text = brk.join(
        ["Responsibilities", "- Own the roadmap", "- Track the", "budget", "Requirements", "- SQL"]
    )
    found = _split(text, native)
    assert _rows(found) == [
        ("bullet", "Own the roadmap", "responsibilities"),
        ("bullet", "Track the budget", "responsibilities"),
        ("bullet", "SQL", "requirements"),
    ]
    assert text[found[0].start : found[0].end] == "Own the roadmap"


@pytest.mark.parametrize("native", [True, False])
def test_a_markdown_image_alone_on_its_line_gives_nothing(native: bool) -> None:
    """An HTML page's <img> gives no statement, but the same image in Markdown was one,
    "![Acme logo](https://example.com/logo.png)", classified and counted."""
    text = (
        "![Acme logo](https://example.com/logo.png)\n\n## Responsibilities\n"
        "- Own the roadmap\n- [![Build](https://example.com/badge.svg)](https://example.com)\n"
        "**![Team photo](team.jpg)**\n- Track the budget\n![Own the roadmap] as text\n"
    )
    found = _split(text, native)
    assert _rows(found) == [
        ("bullet", "Own the roadmap", "responsibilities"),
        ("bullet", "Track the budget", "responsibilities"),
        ("sentence", "![Own the roadmap] as text", "responsibilities"),
    ]


# --- numbers a line opens with that are list markers only in a run ------------------------


@pytest.mark.parametrize("native", [True, False])
@pytest.mark.parametrize("mark", ["{} - ", "{}- ", "{} \u2013 ", "#{} ", "#{}. ", "{}: "])
def test_a_run_of_lines_numbered_in_sequence_loses_its_numbers(mark: str, native: bool) -> None:
    """Lines "1 - Own the roadmap", "#1 Own the roadmap" and "1: Own the roadmap" kept their
    numbers in the text, where "1." and "1)" were taken off as list markers."""
    text = "Duties:\n{}Own the roadmap\n{}Track the\n  budget\n\n{}Hire the team\n".format(
        *(mark.format(n) for n in (1, 2, 3))
    )
    found = _split(text, native)
    assert _rows(found) == [
        ("bullet", "Own the roadmap", "responsibilities"),
        ("bullet", "Track the budget", "responsibilities"),
        ("bullet", "Hire the team", "responsibilities"),
    ]
    assert text[found[0].start : found[0].end] == "Own the roadmap"
    assert text[found[2].start : found[2].end] == "Hire the team"


@pytest.mark.parametrize("native", [True, False])
def test_numbers_out_of_a_run_keep_their_place_in_the_text(native: bool) -> None:
    """A line opening with a quantity is no list item: a number alone, a run that does
    not open with 1, one whose numbers skip or change form, or numbers before a digit."""
    text = (
        "Requirements:\n3 - 5 years of experience\n4 - Fluent English\n"
        "24/7 on-call rota\n2: 1 degree in a related field\n"
        "1 - Own it\n3 - Ship it\n1: Plan\n2 - Build\n"
        "1 - 2 years in sales\n2 - 3 years in support\n"
        "1 - Own the roadmap\n" + "more words\n" * 6 + "2 - Track the budget\n"
    )
    found = _split(text, native)
    assert [s.text for s in found] == [
        "3 - 5 years of experience",
        "4 - Fluent English",
        "24/7 on-call rota",
        "2: 1 degree in a related field",
        "1 - Own it",
        "3 - Ship it",
        "1: Plan",
        "2 - Build",
        "1 - 2 years in sales",
        "2 - 3 years in support",
        "1 - Own the roadmap more words more words more words more words more words more words",
        "2 - Track the budget",
    ]
    assert {s.kind for s in found} == {"sentence"}


@pytest.mark.parametrize("mark", ["{} - ", "{}- ", "{} \u2013 ", "#{} ", "#{}. ", "{}: "])
@pytest.mark.parametrize(
    "shape",
    [
        # A paragraph each, lines of one paragraph after a <br> or in the source, a
        # <pre>, and the number in bold with no-break spaces around the dash.
        "<h2>Duties</h2><p>{0}Own the roadmap</p><p>{1}Track the<br>budget</p>"
        "<p>{2}Hire the team</p>",
        "<h2>Duties</h2><p>{0}Own the roadmap<br>{1}Track the\n  budget<br><br>"
        "{2}Hire the team</p>",
        "<h2>Duties</h2><div>{0}Own the roadmap\n{1}Track the\nbudget\n\n{2}Hire the team</div>",
        "<h2>Duties</h2><pre>{0}Own the roadmap\n{1}Track the\nbudget\n\n{2}Hire the team</pre>",
    ],
)
def test_a_run_of_numbered_lines_in_html_loses_its_numbers(mark: str, shape: str) -> None:
    """Lines of HTML opening with a run of numbers ("1 - Own the roadmap", "#1 Own the
    roadmap"...) kept their numbers, which plain text takes off as list markers; those of
    a <p> on lines of their own in the source were even one statement."""
    text = shape.format(*(mark.format(n) for n in (1, 2, 3)))
    found = split_statements(text)
    assert _rows(found) == [
        ("bullet", "Own the roadmap", "responsibilities"),
        ("bullet", "Track the budget", "responsibilities"),
        ("bullet", "Hire the team", "responsibilities"),
    ]
    assert text[found[0].start : found[0].end] == "Own the roadmap"
    assert text[found[2].start : found[2].end] == "Hire the team"
    bold = "<p><b>1</b>&nbsp;-&nbsp;Own the roadmap</p><p><b>2</b>&nbsp;-&nbsp;Track it</p>"
    assert _texts(bold) == ["Own the roadmap", "Track it"]


def test_lines_opening_with_numbers_in_one_html_block_are_read_in_linear_time() -> None:
    """The look for a second number of a run at each line of a block copied the rest of
    the block's segments: 100,000 lines opening with "3 - " in one <div> took 140 s."""
    text = "<div>" + "3 - Track it\n" * 100_000 + "2 - Ship it\n</div>"
    started = time.perf_counter()
    found = split_statements(text)
    assert time.perf_counter() - started < 15.0
    assert len(found) == 1


def test_numbers_out_of_a_run_keep_their_place_in_html_as_in_plain_text() -> None:
    """A line opening with a quantity is no list item in HTML either: the lines of the
    plain-text rule, each a paragraph, give the statements plain text gives."""
    lines = [
        "3 - 5 years of experience",
        "4 - Fluent English",
        "2: 1 degree in a related field",
        "1 - Own it",
        "3 - Ship it",
        "1: Plan",
        "2 - Build",
        "1 - 2 years in sales",
        "2 - 3 years in support",
        "1 - Own the roadmap",
        *["Talk to users."] * 6,
        "2 - Track the budget",
        "1 - Run the reviews",
        "2 - Write the specs",
    ]
    html = "".join(f"<p>{line}</p>" for line in lines)
    found = split_statements(html)
    assert _rows(found) == _rows(split_statements("\n".join(lines), markup="text"))
    assert [s.text for s in found][-3:] == [
        "2 - Track the budget",
        "Run the reviews",
        "Write the specs",
    ]


# --- columns of a table pasted as text, parted by tabs -----------------------------------


@pytest.mark.parametrize("native", [True, False])
def test_columns_parted_by_tabs_are_list_items_of_their_own(native: bool) -> None:
    """A row of three columns pasted from a spreadsheet was one statement, its tabs
    inside; one tab, as between a label and its value, parts nothing."""
    text = (
        "Duties:\n"
        "Own the roadmap\tTrack the budget \t\t Hire the team\n"
        "Run the reviews.\tShip weekly. Measure it.\t\u2022 Talk to users\n"
        "Team size:\t\tTwelve\n"
    )
    found = _split(text, native)
    assert _rows(found) == [
        ("bullet", "Own the roadmap", "responsibilities"),
        ("bullet", "Track the budget", "responsibilities"),
        ("bullet", "Hire the team", "responsibilities"),
        ("bullet", "Run the reviews.", "responsibilities"),
        ("bullet", "Ship weekly.", "responsibilities"),
        ("bullet", "Measure it.", "responsibilities"),
        ("bullet", "Talk to users", "responsibilities"),
        ("sentence", "Team size:\t\tTwelve", "responsibilities"),
    ]
    for statement in found:
        assert text[statement.start : statement.end] == statement.text


@pytest.mark.parametrize("native", [True, False])
def test_tab_columns_take_long_runs_of_white_space_in_linear_time(native: bool) -> None:
    """The cut at tabs looks at each space once: long runs of spaces around few tabs."""
    spaces = " " * 200_000
    text = f"Own it{spaces}\tTrack it\t{spaces}Hire{spaces}\n" * 5
    started = time.perf_counter()
    found = _split(text, native)
    assert time.perf_counter() - started < 2.0
    assert [s.text for s in found][:3] == ["Own it", "Track it", "Hire"]


# --- HTML comments and Markdown images inside a line --------------------------------------


@pytest.mark.parametrize("native", [True, False])
def test_comments_and_images_inside_a_line_leave_its_text(native: bool) -> None:
    """Markdown shows nothing of a comment or an image inside a line, but both stayed in
    the statement's text: "Own the roadmap <!-- check --> with design"."""
    text = (
        "Responsibilities <!-- from the old page -->\n"
        "- Own the roadmap <!-- check --> with design\n"
        "- Track ![chart](chart.png) the budget\n"
        "<!-- a note -->Talk to users<!-- b -->.  Ship [![CI](ci.svg)](ci) weekly.\n"
        "- Hire ![a](a.png) ![b](b.png)\n"
        "Our <!-- team --> benefits\n"
        "- Remote work ![x](x.png)\n"
    )
    found = _split(text, native, include_headings=True)
    assert [(s.kind, s.text, s.heading) for s in found] == [
        ("heading", "Responsibilities", "Responsibilities"),
        ("bullet", "Own the roadmap with design", "Responsibilities"),
        ("bullet", "Track the budget", "Responsibilities"),
        ("sentence", "Talk to users.", "Responsibilities"),
        ("sentence", "Ship weekly.", "Responsibilities"),
        ("bullet", "Hire", "Responsibilities"),
        ("heading", "Our benefits", "Our benefits"),
        ("bullet", "Remote work", "Our benefits"),
    ]
    own = found[1]
    assert text[own.start : own.end] == "Own the roadmap <!-- check --> with design"
    assert found[7].section == "benefits"
    for statement in (found[5], found[7]):  # an image at the end is left out of the span
        assert text[statement.start : statement.end] == statement.text


@pytest.mark.parametrize("native", [True, False])
def test_a_comment_over_lines_or_an_image_not_closed_stays_in_the_text(native: bool) -> None:
    text = "- Own <!-- not\nclosed here --> it\n- Track ![chart](chart.png the budget\n"
    assert [s.text for s in _split(text, native)] == [
        "Own <!-- not closed here --> it",
        "Track ![chart](chart.png the budget",
    ]


@pytest.mark.parametrize("native", [True, False])
@pytest.mark.parametrize(
    "piece", ["<!--", "<!-- x\n", "![", "![a](", "[![a](x", "Own <!-- a --> it\n"]
)
def test_hidden_spans_are_found_in_linear_time(piece: str, native: bool) -> None:
    started = time.perf_counter()
    _split(piece * 100_000, native)
    assert time.perf_counter() - started < 5.0


@pytest.mark.parametrize("native", [True, False])
def test_comment_openers_before_a_line_end_and_a_close_take_linear_time(native: bool) -> None:
    # Each "<!--" closes at the one "-->", over the line end: searching that line from
    # each opener was quadratic (80 KB took 6 s).
    text = "- Own it " + "<!--" * 100_000 + "\n-->\n- Track the budget\n"
    started = time.perf_counter()
    found = _split(text, native)
    assert time.perf_counter() - started < 5.0
    assert found[-1].text == "Track the budget"


@pytest.mark.parametrize("native", [True, False])
def test_characters_of_no_width_are_no_part_of_a_statement(native: bool) -> None:
    """A zero width space or word joiner pasted from a web page, or a byte order mark
    left inside a text by files joined together, hid the list marker after it and
    stayed in the statement's text."""
    text = (
        "\ufeffDuties:\n\ufeff- Own the roadmap\n\u200b- Track the budget\u200b\n"
        "- Hire\u2060 the \u200b team\n\u200b\nBenefits\u200b\n"
        "- Remote work \U0001f469\u200d\U0001f4bb\n"
    )
    found = _split(text, native, include_headings=True)
    assert [(s.kind, s.text, s.section) for s in found] == [
        ("heading", "Duties:", "responsibilities"),
        ("bullet", "Own the roadmap", "responsibilities"),
        ("bullet", "Track the budget", "responsibilities"),
        ("bullet", "Hire the team", "responsibilities"),
        ("heading", "Benefits", "benefits"),
        # The joiner of an emoji stays.
        ("bullet", "Remote work \U0001f469\u200d\U0001f4bb", "benefits"),
    ]
    assert text[found[1].start : found[1].end] == "Own the roadmap"
    assert text[found[2].start : found[2].end] == "Track the budget"
    # One opening the text, which is no byte order mark, too; and a soft hyphen.
    assert [s.text for s in _split("\u200b- Own the road\u00admap", native)] == ["Own the roadmap"]
    assert [s.text for s in _split("\u00ad- Own the roadmap", native)] == ["Own the roadmap"]
    # A word cut at a hyphen after one is joined as without it.
    text = "- Work cross\u200b-\nfunctionally\n- Work cross- <!-- x -->\nfunctionally\n"
    assert [s.text for s in _split(text, native)] == ["Work cross-functionally"] * 2


def test_characters_of_no_width_and_markdown_images_show_nothing_in_html_too() -> None:
    """The HTML reader kept a zero width space, word joiner, soft hyphen or byte order
    mark, written or as a reference, in the statement's text (a bullet after one kept
    its "-", a word cut by one read as two for the cues), and a Markdown image in a
    block of Markdown with some HTML in it as text; plain text shows nothing of them."""
    text = (
        "\ufeff<h2>Benefits\u200b</h2><ul><li>\u200b- Own the road\u00admap</li>"
        "<li>Track&#8203; the &shy;budget&ZeroWidthSpace;</li>"
        "<li>Hire\u2060 the \u200b team</li><li>\u200b</li></ul>"
        "<p>![Acme logo](logo.png)</p><p>Talk to users ![chart](c.png) weekly</p>"
    )
    found = split_statements(text, include_headings=True)
    assert [(s.kind, s.text) for s in found] == [
        ("heading", "Benefits"),
        ("bullet", "Own the roadmap"),
        ("bullet", "Track the budget"),
        ("bullet", "Hire the team"),
        ("sentence", "Talk to users weekly"),
    ]
    assert found[1].section == "benefits"
    # The spans cover the markup from the first character shown to the last.
    assert text[found[1].start : found[1].end] == "Own the road\u00admap"
    assert text[found[2].start : found[2].end] == "Track&#8203; the &shy;budget"
    # The same words as plain text give the same statements.
    plain = "Benefits\n\u200b- Own the road\u00admap\n- Track\u200b the \u00adbudget\u200b\n"
    html = "<h2>Benefits</h2><ul><li>\u200b- Own the road\u00admap</li>"
    html += "<li>Track\u200b the \u00adbudget\u200b</li></ul>"
    assert _rows(split_statements(html)) == _rows(split_statements(plain))
    # An analysis reads the words whole: its evidence slices the statement's text.
    profile = analyze_posting("<ul><li>Own the prod\u00aduct road\u200bmap</li></ul>")
    verdict = profile.statements[0].verdict
    assert verdict.text == "Own the product roadmap"
    assert any(e.matched == "product roadmap" for e in verdict.evidence)
    assert all(verdict.text[e.start : e.end] == e.matched for e in verdict.evidence)


@pytest.mark.parametrize("native", [True, False])
@pytest.mark.parametrize(
    "marker",
    [
        *("\u2023", "\u25c6", "\u25c7", "\u25fe", "\u25fd", "\u25b9", "\u25bb"),
        *("\u29bf", "\u2b9a", "\u21d2", "\u2010", "\u2011", "\u2012", "\u2212", "\u00bb"),
    ],
)
def test_more_bullets_of_word_and_web_pages_are_list_markers(marker: str, native: bool) -> None:
    """The triangular bullet, diamonds, small squares and arrows that Word, Google Docs
    and web pages write, and a hyphen, minus or guillemet before white space, stayed in
    the text of a statement that was no list item."""
    text = f"Duties:\n{marker} Own the roadmap\n{marker}Track the budget\n"
    found = _split(text, native)
    # A dash or a guillemet is a marker only before white space, as "-" is.
    glyph = marker not in "\u2010\u2011\u2012\u2212\u00bb"
    assert _rows(found) == [
        ("bullet", "Own the roadmap", "responsibilities"),
        (
            "bullet" if glyph else "sentence",
            "Track the budget" if glyph else f"{marker}Track the budget",
            "responsibilities",
        ),
    ]


@pytest.mark.parametrize("native", [True, False])
def test_a_minus_or_a_guillemet_before_a_word_stays(native: bool) -> None:
    text = "\u22125% churn a quarter\n\u00bbWir bauen Produkte\u00ab\n"
    assert [s.text for s in _split(text, native)] == [
        "\u22125% churn a quarter",
        "\u00bbWir bauen Produkte\u00ab",
    ]


@pytest.mark.parametrize("native", [True, False])
def test_a_hyphen_typed_right_before_a_capital_is_a_list_marker(native: bool) -> None:
    """A list typed by hand ("-Own the roadmap") kept its hyphens in the text of
    statements that were no list items; before anything but a capital letter a hyphen
    stays ("-5% churn")."""
    text = "Duties:\n-Own the roadmap\n-Track the budget.\n-5% churn a quarter.\n"
    found = _split(text, native)
    assert _rows(found) == [
        ("bullet", "Own the roadmap", "responsibilities"),
        ("bullet", "Track the budget.", "responsibilities"),
        ("sentence", "-5% churn a quarter.", "responsibilities"),
    ]
    assert text[found[0].start : found[0].end] == "Own the roadmap"


# Lines that open with numbering of every form, numbers 0 to 3, joined by every line
# break: runs, near misses (a number out of turn, a digit after it) and plain lines.
_NUMBERED_LINE = st.builds(
    "{}{}{}{}{}".format,
    st.sampled_from(["", " ", "\t"]),
    st.sampled_from(["", "#", "0", "#0"]),
    st.sampled_from(["1", "2", "3"]),
    st.sampled_from(["", " -", ":", " \u2013", "."]),
    st.sampled_from([" Own it", " 5 years", "Own"]),
)
_NUMBERED_TEXT = st.lists(
    st.tuples(_NUMBERED_LINE, st.sampled_from(["\n", "\r\n", "\r", "\ufeff", "\n\n"])),
    max_size=8,
).map(lambda lines: "".join(line + end for line, end in lines))


@settings(max_examples=400)
@given(text=_NUMBERED_TEXT, begin=st.integers(min_value=0, max_value=8))
def test_the_quick_check_for_a_second_number_misses_no_run(text: str, begin: int) -> None:
    """_may_open_with_two skips the search for numbered runs in a text with no line
    opening with 2: the runs found are the same as when the search always runs."""
    begin = min(begin, len(text))
    found = statements._sequence_numbers(text, begin)
    with mock.patch.object(statements, "_may_open_with_two", return_value=True):
        assert statements._sequence_numbers(text, begin) == found
    if found:
        assert statements._may_open_with_two(text, begin)


def test_a_second_number_far_into_its_line_is_still_found() -> None:
    # The quick check looks back 80 characters from a "2"; past that it lets the search
    # decide, which takes any white space before a number.
    text = "1 - Own the roadmap\n" + " " * 200 + "2 - Track the budget\n"
    assert statements._may_open_with_two(text, 0)
    assert [s.text for s in split_statements(text)] == ["Own the roadmap", "Track the budget"]
    # Past the look back it answers "may": a search, never a run missed.
    assert statements._may_open_with_two("Own" + " " * 200 + "2 things", 0)
    assert not statements._may_open_with_two("Own" + " " * 20 + "2 things", 0)
