"""Postings pasted from Word, PDF and chat tools: the splitter reads their bullets,
wrapped lines and page furniture as a reader would.

Every example text here is written for these tests.
"""

from __future__ import annotations

import time

import pytest

from rolelens.statements import Statement, split_statements


def _rows(found: tuple[Statement, ...]) -> list[tuple[str, str, str | None]]:
    return [(s.kind, s.text, s.section) for s in found]


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
    )
    for text in shapes:
        started = time.perf_counter()
        split_statements(text, include_headings=True)
        assert time.perf_counter() - started < 10, text[:20]
