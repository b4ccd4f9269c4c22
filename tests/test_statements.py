"""Tests for rolelens.statements: splitting postings into located statements."""

from __future__ import annotations

import json
import re
import time
import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from rolelens.errors import ArgumentError, InputError
from rolelens.statements import Statement, front_matter, section_of, split_statements
from tests.conftest import ROOT, SHARED_DATA
from tests.strategies import (
    POSTING_MARKERS,
    POSTING_WORDS,
    adversarial_texts,
    deeply_nested_html,
    html_postings,
    posting_texts,
    styled,
)

POSTINGS = SHARED_DATA / "postings"


def texts_of(text: str, **options: object) -> list[str]:
    return [s.text for s in split_statements(text, **options)]  # type: ignore[arg-type]


def _join_breaks(raw: str) -> str:
    """Replace each white-space run holding a line break by one space (the text invariant),
    or by nothing after a letter and a hyphen and before a lower-case letter ("cross-"
    then "functional" is "cross-functional")."""

    def join(match: re.Match[str]) -> str:
        at, after = match.start(), raw[match.end() : match.end() + 1]
        hyphen = at >= 2 and raw[at - 1] == "-" and raw[at - 2].isalpha() and after.islower()
        return "" if hyphen else " "

    return re.sub(r"\s*[\r\n\f\v\u2028\u2029]\s*", join, raw)


# An HTML comment closed on its line, a Markdown image (linked or not) or characters of
# no width, in a run with the white space around them: what a line of plain text shows
# nothing of.
_IMAGE = r"!\[[^\[\]\r\n]*\]\([^()\r\n]*\)"
_HIDDEN_SPAN = (
    rf"(?:<!--[^\r\n\f\v\u2028\u2029]*?-->|\[{_IMAGE}\]\([^()\r\n]*\)|{_IMAGE}"
    r"|[\u200b\u2060\u00ad\ufeff])"
)
_HIDDEN_RUN = re.compile(rf"\s*{_HIDDEN_SPAN}(?:\s*{_HIDDEN_SPAN})*\s*")


def _shown(match: re.Match[str]) -> str:
    run = match.group()
    if re.search(r"[\r\n\f\v\u2028\u2029]", run):
        return "\n"  # for _join_breaks
    return " " if run[0].isspace() or run[-1].isspace() else ""


def _source_text(text: str, s: Statement) -> str:
    """What ``s.text`` reads from its span: line breaks (a form feed too) joined as
    :func:`_join_breaks` does, in a Markdown table row ``\\|`` as ``|``, and an HTML
    comment or a Markdown image inside a line, with the white space around, as one
    space (none when no white space is next to it)."""
    raw = text[s.start : s.end]
    line_start = max(text.rfind(brk, 0, s.start) for brk in "\r\n\f\v\u2028\u2029") + 1
    row = text[line_start : s.start].strip()
    if row.startswith("|"):
        raw = raw.replace("\\|", "|")
    if "\x1f" not in text:
        raw = _HIDDEN_RUN.sub(_shown, raw)
    return _join_breaks(raw)


# --- examples ---------------------------------------------------------------------------


def test_bullets_of_every_kind_lose_their_markers() -> None:
    """Each supported list marker is removed and each item becomes one bullet statement."""
    text = "\n".join(
        f"{marker}Item {i} owns work" for i, marker in enumerate(("", *POSTING_MARKERS))
    )
    statements = split_statements(text)
    assert [s.text for s in statements] == [f"Item {i} owns work" for i in range(10)]
    assert [s.kind for s in statements] == ["sentence"] + ["bullet"] * 9


def test_lettered_and_parenthesised_markers() -> None:
    """Lettered (a), b., (iv)) and checkbox markers are list markers too."""
    text = "a) Plan the work\nb. Track the work\n(iv) Close the work\n- [x] Review the work"
    assert texts_of(text) == [
        "Plan the work",
        "Track the work",
        "Close the work",
        "Review the work",
    ]


def test_wrapped_bullet_is_joined_and_offsets_cover_both_lines() -> None:
    """A bullet wrapped onto an indented next line is one statement spanning both lines."""
    text = "- Define the roadmap with customers and\n  the sales team every quarter\n- Next item"
    first, second = split_statements(text)
    assert first.text == "Define the roadmap with customers and the sales team every quarter"
    assert _join_breaks(text[first.start : first.end]) == first.text
    assert second.text == "Next item"


def test_lowercase_continuation_joins_but_new_sentence_does_not() -> None:
    """A line starting in lower case continues the previous one; a capitalised line does not."""
    text = "We look for someone who\nloves research\nTracks budgets\n"
    assert texts_of(text) == ["We look for someone who loves research", "Tracks budgets"]


def test_sentences_are_split_but_not_after_abbreviations() -> None:
    """Running text splits at sentence ends, not after e.g., initials or decimals."""
    text = "We build tools, e.g. Planner. J. Smith leads v2.5 work. Is it fun? Yes!"
    assert texts_of(text) == [
        "We build tools, e.g. Planner.",
        "J. Smith leads v2.5 work.",
        "Is it fun?",
        "Yes!",
    ]


def test_a_full_stop_of_another_width_ends_a_sentence_without_a_space() -> None:
    """A CJK or fullwidth full stop, "!" or "?" ends a sentence as ". " does, with or
    without white space after it, as CJK text writes it: "Own the roadmap。Track the
    budget。" was one statement. Before a lower-case word, or a digit with no space
    ("３．５"), it ends none."""
    assert texts_of("Own the roadmap\u3002Track the budget\u3002") == [
        "Own the roadmap\u3002",
        "Track the budget\u3002",
    ]
    assert texts_of("Own it\uff01 Track it\uff1fPlan it") == [
        "Own it\uff01",
        "Track it\uff1f",
        "Plan it",
    ]
    assert texts_of("Own the roadmap\u3002track it") == ["Own the roadmap\u3002track it"]
    assert texts_of("Grow revenue \uff13\uff0e\uff15 times") == [
        "Grow revenue \uff13\uff0e\uff15 times"
    ]


def test_headings_set_sections() -> None:
    """Markdown, colon, capitals, bold and known-word headings set the section of what follows."""
    text = (
        "# Product Manager\n\nIntro line here.\n\n## What you'll do\n- Own the roadmap\n"
        "###Requirements\n- Five years\nBENEFITS AND PERKS\n- Lunch\n"
        "**About us**\nWe are small.\nHow to apply:\nWrite to us.\n"
    )
    got = [(s.text, s.section, s.heading) for s in split_statements(text)]
    assert got == [
        ("Intro line here.", None, "Product Manager"),
        ("Own the roadmap", "responsibilities", "What you'll do"),
        ("Five years", "requirements", "Requirements"),
        ("Lunch", "benefits", "BENEFITS AND PERKS"),
        ("We are small.", "about", "About us"),
        ("Write to us.", "application", "How to apply:"),
    ]


def test_unknown_subheading_keeps_parent_section() -> None:
    """An unknown heading nested deeper keeps the section; one at the same level resets it."""
    text = "## Responsibilities\n### Day one\n- Plan\n## Levels\n- Grade six\n"
    got = [(s.text, s.section, s.heading) for s in split_statements(text)]
    assert got == [
        ("Plan", "responsibilities", "Day one"),
        ("Grade six", None, "Levels"),
    ]


def test_include_headings_reports_them_as_statements() -> None:
    """With include_headings=True each heading comes back with kind 'heading'."""
    statements = split_statements("Duties:\n- Plan it", include_headings=True)
    assert [(s.kind, s.text) for s in statements] == [("heading", "Duties:"), ("bullet", "Plan it")]


@pytest.mark.parametrize("value", [None, b"Duties", 5])
def test_section_of_and_front_matter_name_a_value_that_is_no_str(value: object) -> None:
    """``front_matter(None)`` was an ``AttributeError`` ("no attribute 'startswith'") and
    ``section_of(None)`` "'NoneType' object is not subscriptable"."""
    name = type(value).__name__
    with pytest.raises(TypeError, match=f"^section_of\\(\\) expects a str, got {name}$"):
        section_of(value)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=f"^front_matter\\(\\) expects a str, got {name}$"):
        front_matter(value)  # type: ignore[arg-type]


@pytest.mark.parametrize("flag", ["no", 1, None])
def test_include_headings_that_is_not_a_bool_is_a_type_error(flag: object) -> None:
    """``include_headings="no"`` is true: it returned the headings it meant to leave out."""
    with pytest.raises(TypeError, match="include_headings must be a bool"):
        split_statements("Duties:\n- Plan it", include_headings=flag)  # type: ignore[arg-type]


def test_front_matter_is_skipped_and_its_title_read() -> None:
    """YAML and TOML front matter is skipped, never parsed, and its title is read."""
    yaml = "---\ntitle: 'Scrum Master'\ntags: [a, b]\n---\nLead the stand-ups.\n"
    toml = '+++\ntitle = "Delivery Manager"\n+++\nRun the plan.\n'
    assert texts_of(yaml) == ["Lead the stand-ups."]
    assert front_matter(yaml)[1] == "Scrum Master"
    assert texts_of(toml) == ["Run the plan."]
    assert front_matter(toml)[1] == "Delivery Manager"
    assert front_matter("---\nno closing line\n") == (0, None)


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("---\ntitle: Delivery Manager # from the ATS\n---\nx\n", "Delivery Manager"),
        ('---\ntitle: "Delivery Manager" # from the ATS\n---\nx\n', "Delivery Manager"),
        ('+++\ntitle = "Scrum Master" # c\n+++\nx\n', "Scrum Master"),
        ("---\ntitle: 'Owner''s Delegate'\n---\nx\n", "Owner's Delegate"),
        ('---\ntitle: "The \\"Lead\\" PM"\n---\nx\n', 'The "Lead" PM'),
        ("---\ntitle: C# Product Manager\n---\nx\n", "C# Product Manager"),
        # The page's own key wins over an inner mapping's or a table's.
        ('---\nseo:\n  title: "Careers | Acme"\ntitle: Scrum Master\n---\nx\n', "Scrum Master"),
        ('+++\n[seo]\ntitle = "Careers"\n+++\nx\n', "Careers"),
        ('+++\ntitle = "Scrum Master"\n[seo]\ntitle = "Careers"\n+++\nx\n', "Scrum Master"),
    ],
)
def test_front_matter_title_without_comment_or_inner_key(text: str, title: str) -> None:
    """A front-matter title loses a comment after its value, and a top-level key is the
    title even after an indented or tabled one: these kept "# from the ATS" in the title,
    or took the search entry's "Careers | Acme" for the job's name."""
    assert front_matter(text)[1] == title


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (
            "---\ntitle: >\n  Senior Product\n  Manager\ndate: 2026-11-29\n---\nx\n",
            "Senior Product Manager",
        ),
        ("---\ntitle: |-\n    Delivery Manager\n---\nx\n", "Delivery Manager"),
        ("---\ntitle: >2+ # folded\n  Scrum Master\n\n---\nx\n", "Scrum Master"),
        ("---\nseo:\n  title: >\n    Careers\ntitle: Delivery Lead\n---\nx\n", "Delivery Lead"),
        ("---\nseo:\n  title: >\n    Careers at Acme\n---\nx\n", "Careers at Acme"),
        ('---\ntitle: ">"\n---\nx\n', ">"),  # quoted: the text ">" itself
        ("---\ntitle: >\n---\nx\n", None),  # an empty block
    ],
)
def test_front_matter_title_in_a_yaml_block(text: str, title: str | None) -> None:
    """A title written as a YAML block ("title: >" and indented lines) is the lines'
    text on one line; it was read as the title ">"."""
    end, got = front_matter(text)
    assert got == title
    assert text[end:] == "x\n"


def test_a_posting_opening_with_a_rule_keeps_its_text() -> None:
    """A "---" line then prose is a horizontal rule, not front matter: nothing up to the next rule
    is dropped. A block opening with a key, a [table] or a comment is still skipped."""
    text = "---\nSenior Product Manager\nYou will own the roadmap.\n---\nBenefits: lunch\n"
    assert front_matter(text) == (0, None)
    assert texts_of(text) == [
        "Senior Product Manager",
        "You will own the roadmap.",
        "lunch",  # under its heading, "Benefits:"
    ]
    assert front_matter("---\n\n# draft\nlayout: job\ntitle: PO\n...\nA")[1] == "PO"
    assert front_matter('+++\n[params]\ntitle = "PM"\n+++\n')[1] == "PM"


def test_html_lists_headings_entities_and_chrome() -> None:
    """HTML blocks become statements; scripts, styles, nav/footer and chrome classes vanish."""
    text = (
        "<html><head><title>Jobs</title><style>p{}</style></head><body>"
        "<nav><a>Home</a></nav><div class='site-menu'><a>About us</a></div>"
        "<h2>Responsibilities</h2><ul><li>Own the roadmap &amp; vision</li>"
        "<li>Track <b>budget</b></li></ul><script>var x = '<li>no</li>';</script>"
        "<p><b>Benefits</b></p><p>Lunch&nbsp;daily.<br>Free bikes.</p>"
        "<footer>Copyright</footer></body></html>"
    )
    got = [(s.text, s.section, s.kind) for s in split_statements(text)]
    assert got == [
        ("Own the roadmap & vision", "responsibilities", "bullet"),
        ("Track budget", "responsibilities", "bullet"),
        ("Lunch daily.", "benefits", "sentence"),
        ("Free bikes.", "benefits", "sentence"),
    ]
    first = split_statements(text)[0]
    assert text[first.start : first.end] == "Own the roadmap &amp; vision"


def test_html_links_styled_as_buttons_are_chrome() -> None:
    """An "Apply" link a page styles as a button (``class="btn"``, ``role="button"``)
    was a statement, and two of them side by side one statement, "Apply Apply for this
    job", classified with the duties; a ``<button>`` already gave none."""
    text = (
        "<h2>Responsibilities</h2><ul><li>Plan releases across four squads</li></ul>"
        '<p><a href="/apply" class="btn btn-primary">Apply</a> '
        '<a href="/apply" role="button">Apply for this job</a></p>'
        '<div class="apply-button"><a href="/apply">Apply now</a></div>'
        '<p>Read <a href="/about" class="link">about us</a> first.</p>'
    )
    assert texts_of(text) == ["Plan releases across four squads", "Read about us first."]


def test_html_whose_content_sits_in_a_chrome_looking_wrapper_is_not_lost() -> None:
    """When chrome-looking classes would hide everything, the page is read without that rule."""
    text = "<div class='main-nav-offset'><p>Own the product roadmap.</p></div>"
    assert texts_of(text) == ["Own the product roadmap."]


def test_html_page_held_in_one_form_is_not_lost() -> None:
    """An ASP.NET page puts its whole body in one <form>: when dropping it as chrome
    leaves nothing, the page is read again keeping it (a form among content is still
    dropped)."""
    page = (
        "<html><body><form method='post' action='./Job.aspx' id='form1'>"
        "<h2>Responsibilities</h2><ul><li>Own the product roadmap</li>"
        "<li>Track the budget</li></ul></form></body></html>"
    )
    assert texts_of(page) == ["Own the product roadmap", "Track the budget"]
    among = "<p>Own the product roadmap.</p><form action='/s'><p>Search jobs</p></form>"
    assert texts_of(among) == ["Own the product roadmap."]


def test_an_html_comment_between_markdown_lines_keeps_them_apart() -> None:
    """In Markdown with some HTML in it, a comment after a list item or on lines of its
    own leaves the items apart (they were one item, "Own the roadmap - Track the
    budget"); a comment between two words still keeps one space there."""
    text = "<p>Intro</p>\n\n- Own the roadmap <!-- check -->\n- Track the budget\n"
    assert texts_of(text) == ["Intro", "Own the roadmap", "Track the budget"]
    text = "<p>Intro</p>\n\n- Own the roadmap\n<!--\nDraft\n-->\n- Track the budget\n"
    assert texts_of(text) == ["Intro", "Own the roadmap", "Track the budget"]
    (statement,) = split_statements("<p>Own <!-- x --> the roadmap</p>")
    assert statement.text == "Own the roadmap"


def test_options_left_unclosed_do_not_hide_the_rest_of_the_page() -> None:
    """An ``<option>`` may leave out its end tag (``<datalist>`` of suggestions in a
    search box): each was counted as one more nested option, so the page after the
    first was dropped with it. The options are still dropped."""
    page = (
        "<datalist id=roles><option value='PM'><option>Product lead</datalist>"
        "<h2>Responsibilities</h2><ul><li>Own the product roadmap</li></ul>"
    )
    assert texts_of(page) == ["Own the product roadmap"]


def test_html_that_leaves_out_its_end_tags_is_read_as_html() -> None:
    """HTML may leave out ``</li>`` and ``</p>``: a fragment opening with text and holding
    only such lists and paragraphs was read as plain text, its items one statement
    with the tags in it."""
    text = "Responsibilities: <ul><li>Own the roadmap<li>Track the budget"
    assert texts_of(text) == ["Own the roadmap", "Track the budget"]
    text = "We are hiring.\n<p>Own the roadmap.\n<p>Track the budget."
    assert texts_of(text) == ["We are hiring.", "Own the roadmap.", "Track the budget."]


def test_a_script_ends_only_at_its_own_end_tag() -> None:
    """``</scriptx`` in a script's code is no ``</script>``: it ended the script there,
    and the rest of the code was read as a statement."""
    text = "<script>var s = '</scriptx>'; run();</script><ul><li>Own the roadmap</li></ul>"
    assert texts_of(text) == ["Own the roadmap"]


def test_a_tag_named_in_prose_leaves_plain_text_plain() -> None:
    """A plain-text posting that names a tag in a sentence ("Use <br> tags in emails")
    was read as HTML: the tag vanished from its statement, and a "<li>" cut the bullet
    in two. So did a word that starts with "br" in angle brackets ("<brand>")."""
    text = (
        "Responsibilities:\n- Own the roadmap\n- Use <br> tags in emails\n"
        '- Never use <li> for layout\n- Prefer the "<p>" element, not <div>.\n'
    )
    assert texts_of(text) == [
        "Own the roadmap",
        "Use <br> tags in emails",
        "Never use <li> for layout",
        'Prefer the "<p>" element, not <div>.',
    ]
    assert texts_of("- Semantic HTML (<ul>, <li>, <p>)\n- Use <br> or <p> tags") == [
        "Semantic HTML (<ul>, <li>, <p>)",
        "Use <br> or <p> tags",
    ]
    assert texts_of("We value <brand> consistency. Own the roadmap.") == [
        "We value <brand> consistency.",
        "Own the roadmap.",
    ]
    # Written as markup (against a word or a tag, at a line's start or end), still HTML.
    assert texts_of("Own the roadmap<br>Track the budget") == [
        "Own the roadmap",
        "Track the budget",
    ]
    assert texts_of("Duties: <ul> <li>Own it <li>Ship it") == ["Own it", "Ship it"]
    assert texts_of("Own the roadmap <br>\nTrack the budget <br>\n") == [
        "Own the roadmap",
        "Track the budget",
    ]
    # Two <br> or more are line breaks, however spaced.
    assert texts_of("Own the roadmap <br /> Track the budget <br /> Hire the team") == [
        "Own the roadmap",
        "Track the budget",
        "Hire the team",
    ]


def test_malformed_html_is_best_effort() -> None:
    """Unclosed tags, stray closers and bare < signs never raise and keep the words."""
    text = "<p>Plan < budget</li></footer><ul><li>Track risks<li>Close <b>out"
    assert texts_of(text) == ["Plan < budget", "Track risks", "Close out"]
    assert texts_of("<p>unterminated <a href='x") == ["unterminated <a href='x"]


def test_empty_and_blank_inputs_give_no_statements() -> None:
    """Empty, blank and punctuation-only texts split into nothing."""
    for text in ("", "   \n\t", "---", "- \n* \n", "<p></p>", "<script>x</script>"):
        assert split_statements(text) == ()


def test_markup_argument_is_validated() -> None:
    """An unknown markup value raises InputError naming the accepted values."""
    with pytest.raises(InputError, match="auto, text, html"):
        split_statements("x", markup="pdf")


def test_an_unknown_markup_is_an_argument_error_as_other_unknown_options_are() -> None:
    """split_statements(markup="md") raised InputError alone, where every other unknown
    option name (posting_to_json's fmt, Statement's kind) is an ArgumentError; it is
    both now, so except clauses written for either catch it, and it pickles as itself."""
    import pickle

    from rolelens.errors import MarkupError

    with pytest.raises(ArgumentError, match=r"^markup must be one of auto, text, html, got 'md'$"):
        split_statements("Own the roadmap", markup="md")
    with pytest.raises(InputError) as caught:
        split_statements("Own the roadmap", markup="md")
    again = pickle.loads(pickle.dumps(caught.value))
    assert type(again) is MarkupError
    assert str(again) == str(caught.value)


def test_a_markup_that_is_no_str_or_is_long_gives_a_short_error() -> None:
    """A posting passed as markup by mistake (320 KB) was repeated whole in the error's
    message, and None was an InputError about values, not the TypeError of a type."""
    posting = "Own the roadmap and talk to customers every week. " * 6000
    with pytest.raises(InputError) as caught:
        split_statements("x", markup=posting)
    assert len(str(caught.value)) < 200
    with pytest.raises(TypeError, match=r"^markup must be a str, got NoneType$"):
        split_statements("x", markup=None)  # type: ignore[arg-type]


def test_forced_text_markup_keeps_tags_as_text() -> None:
    """markup='text' reads tags literally, so the statement equals its source slice."""
    (statement,) = split_statements("<p>Own it</p>", markup="text")
    assert statement.text == "<p>Own it</p>"


def test_statement_validates_its_invariants() -> None:
    """Statement refuses an empty or untrimmed text, a bad span or an unknown kind."""
    Statement("ok", 0, 2)
    for bad in (
        {"text": "", "start": 0, "end": 1},
        {"text": " x", "start": 0, "end": 2},
        {"text": "x", "start": 3, "end": 3},
        {"text": "x", "start": -1, "end": 1},
        {"text": "x", "start": 0, "end": 1, "kind": "poem"},
    ):
        with pytest.raises(ValueError, match=r"."):
            Statement(**bad)  # type: ignore[arg-type]
    statement = Statement("x", 0, 1)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        statement.text = "y"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"start": 1.5}, "start must be an int, got float"),
        ({"start": True}, "start must be an int, got bool"),
        ({"start": "0"}, "start must be an int, got str"),
        ({"end": 2.5}, "end must be an int, got float"),
        ({"end": float("nan")}, "end must be an int, got float"),
        ({"section": 5}, "section must be a str or None, got int"),
        ({"heading": ["Duties"]}, "heading must be a str or None, got list"),
    ],
)
def test_statement_names_a_field_of_the_wrong_type(fields: dict[str, Any], message: str) -> None:
    """A float, bool or NaN offset, or a section or heading that is no text, was kept
    (or, for a str start, failed in attrs' comparison: "'>=' not supported between
    instances of 'str' and 'int'")."""
    with pytest.raises(TypeError, match=f"^{re.escape(message)}$"):
        Statement(**{"text": "Own it", "start": 0, "end": 6, **fields})
    with pytest.raises(ArgumentError, match=r"^start must be >= 0, got -1$"):
        Statement("Own it", -1, 6)


def test_section_of_uses_the_data_file() -> None:
    """Heading variants map to section keys; unrelated headings map to None."""
    assert section_of("WHAT YOU’LL DO:") == "responsibilities"
    assert section_of("Skills and Experience") == "requirements"
    assert section_of("About the role") == "overview"
    assert section_of("About the team you'll join") == "about"
    assert section_of("Our stack") is None
    assert section_of("") is None


@pytest.mark.parametrize(
    ("heading", "section"),
    [
        ("Deine Aufgaben", "responsibilities"),
        ("Ihre Aufgaben:", "responsibilities"),
        ("Vos missions", "responsibilities"),
        ("VOS RESPONSABILITÉS", "responsibilities"),
        ("Tus responsabilidades", "responsibilities"),
        ("Wat ga je doen?", "responsibilities"),
        ("Ihr Profil", "requirements"),
        ("Dein Profil", "requirements"),
        ("Votre profil", "requirements"),
        ("Profil recherché", "requirements"),
        ("Requisitos", "requirements"),
        ("Jouw profiel", "requirements"),
        ("Was wir bieten", "benefits"),
        ("Ce que nous offrons", "benefits"),
        ("¿Qué ofrecemos?", "benefits"),
        ("Wat wij bieden", "benefits"),
        ("Über uns", "about"),
        ("Qui sommes-nous ?", "about"),
        ("Functieomschrijving", "overview"),
    ],
)
def test_german_french_spanish_and_dutch_headings_name_their_section(
    heading: str, section: str
) -> None:
    """ "Deine Aufgaben", "Vos missions", "Ihr Profil" named no section: the duties under
    them were in none, and the posting's lean was read from all of it."""
    assert section_of(heading) == section
    found = split_statements(f"{heading}\n- Steuerung des Projekts\n", include_headings=True)
    assert [(s.kind, s.section) for s in found] == [("heading", section), ("bullet", section)]


@pytest.mark.parametrize(
    ("heading", "section"),
    [
        ("You Will Need:", "requirements"),
        ("You'll need", "requirements"),
        ("You’ll get:", "benefits"),
        ("You will receive", "benefits"),
        ("You'll enjoy:", "benefits"),
        ("You will:", "responsibilities"),
        ("You'll be responsible for:", "responsibilities"),
        ("You'll get to:", "responsibilities"),
    ],
)
def test_you_will_need_or_get_is_no_duty(heading: str, section: str) -> None:
    """ "You will need:" and "You'll get:" opened the responsibilities, for their
    "you will": the qualifications or the perks below them counted as duties."""
    assert section_of(heading) == section
    found = split_statements(f"{heading}\n- Five years of SQL\n")
    assert found[0].section == section


def test_english_headings_keep_their_sections_beside_other_languages() -> None:
    for heading, section in [
        ("Our missions", None),
        ("Steps taken", None),
        ("Over the years", None),
        ("Your profile", "requirements"),
        ("About us", "about"),
    ]:
        assert section_of(heading) == section, heading


def _section_phrases_of_the_data_file() -> list[tuple[str, str]]:
    from rolelens.statements import _normalise

    with (ROOT / "src" / "rolelens" / "data" / "sections.toml").open("rb") as stream:
        data = tomllib.load(stream)
    return [
        (_normalise(phrase), key)
        for key, table in data["sections"].items()
        for phrase in table["phrases"]
    ]


_SECTION_PHRASES = _section_phrases_of_the_data_file()
_SECTION_WORDS = sorted({word for phrase, _ in _SECTION_PHRASES for word in phrase.split()})


def _section_by_search(heading: str) -> str | None:
    """section_of as first written: every phrase searched for in the heading, the
    earliest found winning, then the one of more words, then the first key."""
    from rolelens.statements import _normalise

    norm = _normalise(heading[:200])
    exact: dict[str, str] = {}
    for phrase, key in _SECTION_PHRASES:
        exact.setdefault(phrase, key)
    if norm in exact:
        return exact[norm]
    padded = f" {norm} "
    found = [
        (padded.find(f" {phrase} "), -len(phrase.split()), key)
        for phrase, key in _SECTION_PHRASES
        if f" {phrase} " in padded
    ]
    return min(found)[2] if found else None


@given(
    words=st.lists(
        st.sampled_from([*_SECTION_WORDS, "our", "stack", "—", ":", "&", "Team's"]),
        max_size=12,
    ),
    case=st.sampled_from([str.lower, str.upper, str.title]),
)
@example(words=["about", "the", "role", "and", "what", "you'll", "do"], case=str.lower)
def test_section_of_finds_what_searching_every_phrase_finds(
    words: list[str], case: Callable[[str], str]
) -> None:
    """section_of looks up the word runs of the heading (a few lookups per word) instead
    of searching it for each of the data file's phrases (a hundred and more searches per
    heading, most of the time of a page of bold lines); the answer is the same."""
    heading = case(" ".join(words))
    assert section_of(heading) == _section_by_search(heading)


def test_a_page_of_headings_is_read_again_only_if_chrome_attributes_hid_something(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A page that gives only headings is read a second time, keeping elements that look
    like chrome by their attributes; when its first reading dropped none, that second
    reading (as long as the first) found the same and is skipped."""
    import rolelens.statements as statements

    readings: list[bool] = []
    reader = statements.iter_html_blocks  # type: ignore[attr-defined]

    def counted(source: str, **options: Any) -> Iterator[Any]:
        readings.append(options["drop_chrome_attributes"])
        return reader(source, **options)

    monkeypatch.setattr(statements, "iter_html_blocks", counted)
    headings_only = "<p><b>Our stack</b></p><h2>Benefits</h2>" * 3
    assert [s.kind for s in split_statements(headings_only, include_headings=True)] == [
        "heading"
    ] * 6
    assert readings == [True]
    readings.clear()
    hidden = "<h2>Duties</h2><div class='main-nav-offset'><p>Own the product roadmap.</p></div>"
    assert texts_of(hidden) == ["Own the product roadmap."]
    assert readings == [True, False]


def test_task_headings_have_sections() -> None:
    """ "Your tasks" headings name the responsibilities section; "about" alone is no
    phrase, since the earliest phrase of a heading wins and it would take "A bit about
    your responsibilities" or "What we care about" from their sections."""
    assert section_of("Your tasks") == "responsibilities"
    assert section_of("Tasks:") == "responsibilities"
    assert section_of("A bit about your responsibilities") == "responsibilities"
    assert section_of("What we care about") is None
    assert section_of("About you") == "requirements"
    assert section_of("About the role") == "overview"
    statements = split_statements("## Benefits\nLunch.\n## Your tasks\n- Own the roadmap\n")
    assert [(s.text, s.section) for s in statements] == [
        ("Lunch.", "benefits"),
        ("Own the roadmap", "responsibilities"),
    ]


@pytest.mark.parametrize(
    ("heading", "section"),
    [
        ("What you'll need", "requirements"),
        ("What you will need:", "requirements"),
        ("What you need", "requirements"),
        ("What you\u2019ll need to succeed:", "requirements"),
        ("You'll bring", "requirements"),
        ("You will bring", "requirements"),
        ("Your profile", "requirements"),
        ("What you'll get", "benefits"),
        ("What you will get", "benefits"),
        ("What you get", "benefits"),
        ("What's in it for you", "benefits"),
        ("We offer", "benefits"),
        ("Our offer", "benefits"),
        ("Why us?", "benefits"),
        # unchanged: "you'll" and "you will" still open the duties
        ("What you'll do", "responsibilities"),
        ("You will:", "responsibilities"),
        ("What you will be doing", "responsibilities"),
    ],
)
def test_requirement_and_benefit_headings_in_the_second_person(heading: str, section: str) -> None:
    """ "What you'll need" and "What you'll get" were read as responsibilities (the
    phrase "you'll" came first), so a Product Manager posting's requirements ("PMP
    certification") counted in its responsibilities and made a title mismatch; "Your
    profile", "We offer" and "Our offer" named no section and, alone on a line, were
    no heading but statements."""
    assert section_of(heading) == section
    text = f"## What you'll do\n- Own the roadmap\n\n{heading}\n- Something\n"
    statements = split_statements(text, include_headings=True)
    assert [(s.kind, s.section) for s in statements][2:] == [
        ("heading", section),
        ("bullet", section),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Responsibilities\n- Own the roadmap\n- Partner with engineering to:\n"
        "  - ship weekly\n- Report to the VP\n",
        "<p>Responsibilities</p><ul><li>Own the roadmap</li><li>Partner with engineering to:"
        "<ul><li>ship weekly</li></ul></li><li>Report to the VP</li></ul>",
    ],
)
def test_a_list_item_ending_in_a_colon_keeps_the_section_it_is_in(text: str) -> None:
    """A list item read as a heading ("- Partner with engineering to:") had the level of
    the plain heading above it, so it ended that section: the duties after it had none."""
    statements = split_statements(text)
    assert [(s.section, s.text) for s in statements] == [
        ("responsibilities", "Own the roadmap"),
        ("responsibilities", "Partner with engineering to:"),
        ("responsibilities", "ship weekly"),
        ("responsibilities", "Report to the VP"),
    ]
    # A line that is no list item still ends it, as before; a known one still starts one.
    other = split_statements("Responsibilities\n- Own it\nOur stack:\n- Python\n")
    assert [s.section for s in other] == ["responsibilities", None]
    known = split_statements("Responsibilities\n- Own it\n- Requirements:\n  - PMP\n")
    assert [s.section for s in known] == ["responsibilities", "requirements"]


@pytest.mark.parametrize(
    "text",
    [
        "Senior Product Manager\n\nResponsibilities: Own the roadmap; run the sprint reviews\n"
        "Benefits: Remote work\n",
        "Senior Product Manager\n\n**Responsibilities:** Own the roadmap; run the sprint "
        "reviews\n**Benefits**: Remote work\n",
        "<h1>Senior Product Manager</h1><p><b>Responsibilities:</b> Own the roadmap; run the "
        "sprint reviews</p><p>Benefits: Remote work</p>",
    ],
)
def test_a_known_heading_and_a_colon_opening_a_line_start_its_section(text: str) -> None:
    """ "Responsibilities: Own the roadmap; run the sprint reviews" on one line was one
    statement in no section. A phrase of sections.toml as a whole and a colon opening a
    line are its heading, and what follows gives its statements, a list item for each
    part a semicolon ends."""
    found = split_statements(text, include_headings=True)
    assert [(s.kind, s.section, s.text) for s in found][1:] == [
        ("heading", "responsibilities", found[1].text),
        ("bullet", "responsibilities", "Own the roadmap"),
        ("bullet", "responsibilities", "run the sprint reviews"),
        ("heading", "benefits", found[4].text),
        ("sentence", "benefits", "Remote work"),
    ]
    assert found[1].text.rstrip(":") == "Responsibilities"
    assert found[4].text.rstrip(":") == "Benefits"
    if not text.startswith("<"):
        assert all(text[s.start : s.end] == s.text for s in found)


@pytest.mark.parametrize(
    "text",
    [
        "Responsibilities: Own the roadmap; run the sprint reviews\nBenefits: Remote work\n",
        "**Responsibilities:** Own the roadmap; run the reviews\n**Benefits**: Remote work\n",
        "<p>Responsibilities: Own the roadmap; run the reviews</p><p>Benefits: Remote work</p>",
    ],
)
@pytest.mark.parametrize("colon", ["\uff1a", "\uff1a ", "\ufe55"])
def test_a_section_label_may_end_in_a_colon_of_another_width(text: str, colon: str) -> None:
    """A fullwidth colon ("Responsibilities\uff1aOwn the roadmap", as CJK keyboards type
    it, with or without a space after) ends a section label as ": " does, as it ends a
    label in the classifier: the line was one statement in no section (in the C pass
    and the Python path alike; tests/test_speedups_statements.py holds them in step)."""
    wide = text.replace(": ", colon).replace("**: ", f"**{colon}")

    def read(text: str) -> list[tuple[str, str | None, str]]:
        found = split_statements(text, include_headings=True)
        return [(s.kind, s.section, s.text.rstrip(":\uff1a\ufe55")) for s in found]

    assert read(wide) == read(text)
    assert [s.section for s in split_statements(wide)] == ["responsibilities"] * 2 + ["benefits"]


@pytest.mark.parametrize(
    "line",
    [
        "Note: we are hybrid; remote is fine",
        "Key responsibility: own the backlog",
        "Location: Berlin",
        "- Requirements: SQL; Python",
        "Responsibilities:Own the roadmap",
    ],
)
def test_a_label_that_is_no_section_heading_keeps_its_line(line: str) -> None:
    found = split_statements(f"Overview\n{line}\n", include_headings=True)
    assert [s.kind for s in found][1:] != ["heading"]
    assert len(found) == 2
    assert found[1].text == line.removeprefix("- ")
    assert found[1].section == "overview"


@pytest.mark.parametrize(
    "text",
    [
        "Responsibilities\n- Own the roadmap\n👉 Partner with engineering to:\n"
        "- ship weekly\n- run the reviews\n",
        "Responsibilities\n- Own the roadmap\nPartner with engineering to:\n"
        "- ship weekly\n- run the reviews\n",
        "<p>Responsibilities</p><ul><li>Own the roadmap</li></ul>"
        "<p>👉 Partner with engineering to:</p><ul><li>ship weekly</li>"
        "<li>run the reviews</li></ul>",
    ],
)
def test_a_line_leading_into_a_list_is_no_heading(text: str) -> None:
    """A short line ending in a colon was a heading whatever it said, an emoji before it
    or not: "Partner with engineering to:" was lost as a statement, and without the
    emoji it ended the responsibilities, so the duties below it had no section. A line
    whose last word before the colon leads into what follows ("to", "with", "for"...)
    and that names no section is a statement of the section it is in."""
    statements = split_statements(text, include_headings=True)
    assert [(s.kind, s.section, s.text) for s in statements][1:] == [
        ("bullet", "responsibilities", "Own the roadmap"),
        (statements[2].kind, "responsibilities", "Partner with engineering to:"),
        ("bullet", "responsibilities", "ship weekly"),
        ("bullet", "responsibilities", "run the reviews"),
    ]
    assert statements[2].kind != "heading"


@pytest.mark.parametrize(
    ("line", "section"),
    [
        ("Our stack:", None),
        ("🛠 Our tech stack:", None),
        ("Our stack includes:", None),
        ("Ideally you have experience in:", "requirements"),
        ("Who you'll work with:", "about"),
        ("What you'll work on:", "responsibilities"),
        ("WORK CLOSELY WITH:", None),
        ("To:", None),
    ],
)
def test_a_heading_ending_in_a_colon_stays_one(line: str, section: str | None) -> None:
    first = split_statements(f"{line}\n- Python\n", include_headings=True)[0]
    assert (first.kind, first.section) == ("heading", section)


@pytest.mark.parametrize(
    "text",
    [
        "Responsibilities\n- You will:\n  - Own the roadmap\n- Our stack includes:\n"
        "  - Python\n- Partner with engineering to:\n  - ship weekly\n"
        "- MANAGE THE SPRINT BUDGET\n- **Work with legal on:**\n  - contracts\n"
        "- Run discovery with design\n",
        "<h2>Responsibilities</h2><ul><li>You will:<ul><li>Own the roadmap</li></ul></li>"
        "<li>Our stack includes:<ul><li>Python</li></ul></li>"
        "<li>Partner with engineering to:<ul><li>ship weekly</li></ul></li>"
        "<li>MANAGE THE SPRINT BUDGET</li><li><b>Work with legal on:</b>"
        "<ul><li>contracts</li></ul></li><li>Run discovery with design</li></ul>",
    ],
)
def test_a_list_item_is_a_heading_only_when_it_names_a_section(text: str) -> None:
    """A list item ending in a colon or in capitals was a heading whatever it said: the
    item was lost ("Partner with engineering to:", a duty), and one after a listed
    section heading ("- You will:") ended that section, so the duties after it had
    none. Such an item is a statement of its section now, unless its words name a
    section as a whole ("- You will:", "- Requirements:"), which still heads one."""
    statements = split_statements(text, include_headings=True)
    assert [(s.kind, s.section, s.text) for s in statements] == [
        ("heading", "responsibilities", "Responsibilities"),
        ("heading", "responsibilities", "You will:"),
        ("bullet", "responsibilities", "Own the roadmap"),
        ("bullet", "responsibilities", "Our stack includes:"),
        ("bullet", "responsibilities", "Python"),
        ("bullet", "responsibilities", "Partner with engineering to:"),
        ("bullet", "responsibilities", "ship weekly"),
        ("bullet", "responsibilities", "MANAGE THE SPRINT BUDGET"),
        ("bullet", "responsibilities", "Work with legal on:"),
        ("bullet", "responsibilities", "contracts"),
        ("bullet", "responsibilities", "Run discovery with design"),
    ]
    # Not in a list, such lines are headings as before (italics too, for the colon).
    for line in ("Our stack includes:", "*Our stack:*", "**Our stack:**", "OUR STACK"):
        heading = split_statements(f"{line}\n- Python\n", include_headings=True)[0]
        assert heading.kind == "heading", line


def test_a_line_opened_by_an_emoji_and_ending_in_a_colon_stays_a_heading() -> None:
    """Posts put an emoji before their headings as before their bullets ("🛠 Our tech
    stack:"): such a line is still a heading, so the tools below it are no duties; a
    check mark or an arrow before the colon is a bullet's, and the line a statement."""
    text = (
        "🚀 What you'll do:\n👉 Own the growth roadmap\n\n"
        "🛠 Our tech stack:\n👉 Amplitude\n\n"
        "What you'll do:\n✔ Partner with engineering to:\n✔ ship weekly\n"
    )
    statements = split_statements(text, include_headings=True)
    assert [(s.kind, s.section, s.text) for s in statements] == [
        ("heading", "responsibilities", "What you'll do:"),
        ("bullet", "responsibilities", "Own the growth roadmap"),
        ("heading", None, "Our tech stack:"),
        ("bullet", None, "Amplitude"),
        ("heading", "responsibilities", "What you'll do:"),
        ("bullet", "responsibilities", "Partner with engineering to:"),
        ("bullet", "responsibilities", "ship weekly"),
    ]


@pytest.mark.parametrize(
    ("line", "heading"),
    [
        ("# Senior Product Manager, C#", "Senior Product Manager, C#"),
        ("### F# platform team: F#", "F# platform team: F#"),
        ("## Benefits ##", "Benefits"),  # a closing run after a space is no text
        ("# Lead - C# ###", "Lead - C#"),
    ],
)
def test_a_heading_ending_in_a_hash_keeps_it(line: str, heading: str) -> None:
    """Every "#" at the end of a heading was taken off as its closing run, so "# Senior
    Product Manager, C#" was the title "Senior Product Manager, C"; as in CommonMark,
    only a run after white space closes the heading."""
    statements = split_statements(f"{line}\n- Own it\n", include_headings=True)
    assert statements[0].kind == "heading"
    assert statements[0].text == heading


@pytest.mark.parametrize(
    ("line", "heading", "section"),
    [
        ("## \U0001f680 What you'll do", "\U0001f680 What you'll do", "responsibilities"),
        ("## 1. Responsibilities", "1. Responsibilities", "responsibilities"),
        ("### 2) Benefits", "2) Benefits", "benefits"),
        ("## \u2014 Benefits \u2014", "\u2014 Benefits \u2014", "benefits"),
        ("## \U0001f4a1 Our stack", "\U0001f4a1 Our stack", None),
    ],
)
def test_a_markdown_heading_opening_with_an_emoji_or_a_number_is_a_heading(
    line: str, heading: str, section: str | None
) -> None:
    """A "#" heading whose text opened with no letter was a statement, "##" and all, or
    a known heading read as a plain one, "##" in its text and level lost; its HTML
    twin (<h2>1. Responsibilities</h2>) was always a heading."""
    text = f"# Product Manager\n\n{line}\n- Own the roadmap\n"
    statements = split_statements(text, include_headings=True)
    assert [(s.kind, s.section, s.text) for s in statements][1:] == [
        ("heading", section, heading),
        ("bullet", section, "Own the roadmap"),
    ]
    html = f"<h1>Product Manager</h1><h2>{heading}</h2><ul><li>Own the roadmap</li></ul>"
    assert [(s.kind, s.section, s.text) for s in split_statements(html, include_headings=True)][
        1:
    ] == [(s.kind, s.section, s.text) for s in statements][1:]
    # An unknown heading nested deeper keeps the section, as below any other "#" heading.
    nested = split_statements(f"{line}\n- Own it\n#### Tools\n- Jira\n", include_headings=True)
    assert nested[-1].section == section
    # Without a space after the "#", a heading still opens with a letter.
    assert [s.kind for s in split_statements("#1 in our market\n", include_headings=True)] == [
        "sentence"
    ]


@pytest.mark.parametrize(
    ("heading", "section"),
    [
        ("Your responsibilities", "responsibilities"),
        ("Key Responsibilities and Duties", "responsibilities"),
        ("Job duties", "responsibilities"),
        ("Preferred qualifications", "requirements"),
        ("Minimum Qualifications", "requirements"),
        ("Skills & experience", "requirements"),
        ("Your experience", "requirements"),
        ("Perks & benefits", "benefits"),
        ("Our benefits", "benefits"),
        ("Diversity & Inclusion", "legal"),
        ("Roles & Responsibilities", "responsibilities"),
        ("Employee benefits", "benefits"),
        ("Technical skills", "requirements"),
    ],
)
def test_a_qualified_heading_alone_on_its_line_is_a_heading(heading: str, section: str) -> None:
    """A line of qualifiers ("Your", "Preferred", "&") and section phrases was no heading
    of plain text, only the bare phrase was: the heading was a statement of the section
    above, and the duties below it were counted outside the responsibilities."""
    text = f"About us\nWe build tools.\n\n{heading}\nRun the weekly release review.\n"
    statements = split_statements(text, include_headings=True)
    assert [(s.kind, s.section, s.text) for s in statements][2:] == [
        ("heading", section, heading),
        ("sentence", section, "Run the weekly release review."),
    ]


def test_a_qualified_heading_atop_each_page_is_no_running_header() -> None:
    """A known heading repeated atop the pages of its section stays (as "Benefits"
    does); "Perks & benefits" was dropped as a running header, and its section lost."""
    bodies = [
        "Lunch.\nParking.\nA gym.\nBikes.",
        "Stock.\nA pension.\nDental.\nEyes.",
        "Leave.\nA laptop.\nA desk.\nA chair.",
    ]
    text = "\f".join(f"Perks & benefits\n{body}" for body in bodies)
    statements = split_statements(text, include_headings=True)
    assert [s.text for s in statements if s.kind == "heading"] == ["Perks & benefits"] * 3
    assert {s.section for s in statements} == {"benefits"}


@pytest.mark.parametrize(
    "text",
    [
        "Key skills.",  # ends as a sentence
        "key skills",  # lower case: may be the end of a wrapped line
        "Strong communication skills",  # words that qualify no heading
        "Experience with agile teams",
        "Our",
    ],
)
def test_a_line_that_only_names_a_section_word_stays_a_statement(text: str) -> None:
    """The qualified headings above stop short of sentences, and of a list item
    ("- Key skills" is an item of the list it is in)."""
    assert [s.kind for s in split_statements(f"{text}\n", include_headings=True)] == ["sentence"]
    assert [s.kind for s in split_statements(f"- {text}\n", include_headings=True)] == ["bullet"]


@pytest.mark.parametrize(
    ("heading", "section"),
    [
        ("Why you'll love working here", "benefits"),
        ("Why you will love working with us", "benefits"),
        ("What you\u2019ll love about us", "benefits"),
        ("You will love:", "benefits"),
        ("What you will receive", "benefits"),
        ("What you'll gain", "benefits"),
        ("How you'll grow", "benefits"),
        ("Who you'll work with", "about"),
        # unchanged
        ("What you'll do", "responsibilities"),
        ("You will:", "responsibilities"),
    ],
)
def test_what_you_will_love_or_gain_is_no_duty(heading: str, section: str) -> None:
    """ "Why you'll love working here", "What you will receive" or "How you'll grow"
    were read as responsibilities (the phrase "you'll" came first), so the benefits
    below them counted among the duties."""
    assert section_of(heading) == section
    text = f"## What you'll do\n- Own the roadmap\n\n## {heading}\n- Something\n"
    statements = split_statements(text)
    assert [s.section for s in statements] == ["responsibilities", section]


@pytest.mark.parametrize(
    ("heading", "section"),
    [
        ("Who we are looking for", "requirements"),
        ("Who we\u2019re looking for:", "requirements"),
        ("What will you do?", "responsibilities"),
        ("What will you be doing?", "responsibilities"),
        ("What do you need?", "requirements"),
        ("What will you need?", "requirements"),
        ("Essential criteria", "requirements"),
        ("Desirable criteria", "requirements"),
        ("The ideal candidate", "requirements"),
        ("What we look for", "requirements"),
        ("What we're offering", "benefits"),
        ("What's on offer", "benefits"),
        ("What we can offer you", "benefits"),
        ("About the opportunity", "overview"),
        # unchanged
        ("Who we are", "about"),
        ("What do we offer?", "benefits"),
    ],
)
def test_question_and_criteria_headings_name_their_sections(heading: str, section: str) -> None:
    """ "Who we are looking for" was read as "who we are", so the requirements below it
    were "about" the company; questions ("What will you do?", "What do you need?"),
    the "Essential criteria" and "Desirable criteria" of a person specification, "The
    ideal candidate" and "What's on offer" named no section, and alone on a line of
    plain text (as most of them are) no heading but a statement; "About the
    opportunity" was "about"."""
    assert section_of(heading) == section
    text = f"## What you'll do\n- Own the roadmap\n\n### {heading}\n- Something\n"
    statements = split_statements(text, include_headings=True)
    assert [(s.kind, s.section) for s in statements][2:] == [
        ("heading", section),
        ("bullet", section),
    ]


# --- properties -------------------------------------------------------------------------


def _check_offsets(text: str, statements: tuple[Statement, ...]) -> None:
    for s in statements:
        assert 0 <= s.start < s.end <= len(text)
        assert s.text == s.text.strip()
        assert s.text


@given(adversarial_texts())
def test_splitting_is_total_and_offsets_slice_the_original(text: str) -> None:
    """Any string splits without error; every span lies inside it and plain statements match it."""
    for markup in ("auto", "text", "html"):
        statements = split_statements(text, markup=markup, include_headings=True)
        _check_offsets(text, statements)
    for s in split_statements(text, markup="text"):
        assert _source_text(text, s) == s.text


@given(html_postings())
def test_html_offsets_cover_the_visible_text(text: str) -> None:
    """Every HTML statement's span slices the original markup and contains its first word."""
    statements = split_statements(text, markup="html", include_headings=True)
    _check_offsets(text, statements)
    for s in statements:
        raw = text[s.start : s.end]
        word = s.text.split()[0]
        assert word in raw or "&" in raw or "<" in raw


@given(posting_texts())
def test_no_visible_word_is_lost(text: str) -> None:
    """Every letter outside front matter lies inside a statement's or a heading's span."""
    statements = split_statements(text, include_headings=True)
    _check_offsets(text, statements)
    covered = bytearray(len(text))
    for s in statements:
        covered[s.start : s.end] = b"\x01" * (s.end - s.start)
    begin, _ = front_matter(text)
    for match in re.finditer(r"[A-Za-z]+", text[begin:]):
        start = begin + match.start()
        assert all(covered[start : begin + match.end()]), (match.group(), text)


def _clean_html() -> st.SearchStrategy[str]:
    """Well-formed HTML without chrome or scripts, every text a run of POSTING_WORDS."""
    leaf = st.lists(st.sampled_from(POSTING_WORDS), min_size=1, max_size=5).map(
        lambda words: f" {' '.join(words)} "
    )
    tags = st.sampled_from(("p", "li", "ul", "div", "b", "h2", "span", "td", "section"))
    return st.recursive(
        leaf,
        lambda inner: st.builds(
            lambda tag, parts: f"<{tag}>{''.join(parts)}</{tag}>", tags, st.lists(inner, max_size=4)
        ),
        max_leaves=25,
    )


@given(_clean_html())
def test_no_word_of_clean_html_is_lost(text: str) -> None:
    """In well-formed HTML every word of visible text reaches a statement or a heading."""
    statements = split_statements(text, markup="html", include_headings=True)
    got = sorted(word for s in statements for word in s.text.split())
    expected = sorted(word for word in re.sub(r"<[^>]*>", " ", text).split())
    assert got == expected


@given(st.one_of(posting_texts(), adversarial_texts(), html_postings()))
@example("\x0b\ufeff<script>alert(1)</script>")
@example("Define \n- **<svg/> **\n- <nav a='>'>\n  x </NAV>\n- *Own it*\n_a_b_\n")
def test_splitting_split_text_again_changes_nothing(text: str) -> None:
    """Statements joined by blank lines split (as plain text) into the same statements.

    The joined text opens with a blank line: a U+FEFF that opens a text is its byte
    order mark and is skipped, and a statement may start with one (U+FEFF then
    "<script>", once a vertical tab before it is gone)."""
    first = texts_of(text)
    again = texts_of("\n\n" + "\n\n".join(first), markup="text")
    assert again == first


def test_deep_nesting_and_long_inputs_stay_linear() -> None:
    """Deep nesting, a long line, many short lines and runs of < & . split quickly (no blow-up)."""
    started = time.perf_counter()
    nested = split_statements(deeply_nested_html(20_000))
    assert [s.text for s in nested] == ["Track the budget & risks"]
    assert len(split_statements("Plan the budget. " * 10_000)) == 10_000
    assert len(split_statements("- Track\n" * 10_000)) == 10_000
    runs = "." * 200_000 + "<" * 50_000 + "&" * 50_000 + "<a" * 50_000
    split_statements(runs)
    split_statements(runs, markup="html")
    # Quotes in tags: each closed by the next tag's, unclosed, or of both kinds.
    for quoted in ('<a t="x>' * 50_000, "<a t='x>" + '<b u="y>' * 50_000, "<i q='\">" * 50_000):
        split_statements(quoted, markup="html")
    # generous: quadratic behaviour would take minutes here, a slow machine seconds
    assert time.perf_counter() - started < 30


# --- the real postings (measuring data, never copied) -------------------------------------


def _index() -> list[dict[str, str]]:
    index = POSTINGS / "INDEX.jsonl"
    if not index.is_file():
        pytest.skip("shared postings are not available")
    return [json.loads(line) for line in index.read_text(encoding="utf-8").splitlines() if line]


@pytest.mark.parametrize("position", range(9))
def test_real_postings_split_sensibly(position: int) -> None:
    """Each real posting gives a plausible number of statements, most with a section."""
    entries = _index()
    if position >= len(entries):
        pytest.skip("fewer postings than expected")
    entry = entries[position]
    text = (POSTINGS / entry["file"]).read_text(encoding="utf-8")
    statements = split_statements(text)
    assert 15 <= len(statements) <= 80, entry["file"]
    assert all(len(s.text) < 600 for s in statements)
    for s in statements:
        assert 0 <= s.start < s.end <= len(text)
    if entry["format"] == "html":
        assert not any("<" in s.text or "analytics" in s.text.lower() for s in statements)
        assert not any(s.text.upper() == "SIGN IN" for s in statements)
    if Path(entry["file"]).suffix == ".md" and "###Responsibilities" in text:
        assert any(s.section == "responsibilities" for s in statements)


def test_paragraphs_inside_list_items_stay_bullets() -> None:
    """<li><p>...</p></li> (common on job boards) still gives bullet statements."""
    text = "<ul><li><p>Own the roadmap.</p></li><li>Track it</li></ul><p>After the list.</p>"
    got = [(s.text, s.kind) for s in split_statements(text)]
    assert got == [
        ("Own the roadmap.", "bullet"),
        ("Track it", "bullet"),
        ("After the list.", "sentence"),
    ]


def test_crlf_wrapped_bullet() -> None:
    """Windows line endings join a wrapped bullet like Unix ones do."""
    text = "Duties:\r\n- Lead the plan and\r\n  the budget\r\n- Next"
    got = [(s.text, s.section) for s in split_statements(text)]
    assert got == [
        ("Lead the plan and the budget", "responsibilities"),
        ("Next", "responsibilities"),
    ]


def test_fast_statement_constructor_matches_attrs() -> None:
    """The validator-free constructor of the one-line path builds the same Statement."""
    from rolelens.statements import _valid_statement

    args = ("Own the roadmap", 2, 17, "responsibilities", "Duties:", "bullet")
    fast, slow = _valid_statement(*args), Statement(*args)
    assert fast == slow
    assert hash(fast) == hash(slow)
    assert attrs.astuple(fast) == attrs.astuple(slow)
    assert type(fast) is Statement


def test_markdown_with_some_html_keeps_its_lines() -> None:
    """One <br> or <table> makes a Markdown posting HTML; its bullets still become statements
    (they were folded into the heading above them, and so never classified)."""
    text = (
        "## Responsibilities\n- Own the roadmap\n- Run the sprints<br>every week\n\n"
        "We value focus.\n<table><tr><td>Remote</td></tr></table>\n"
    )
    got = [(s.text, s.kind, s.section) for s in split_statements(text, include_headings=True)]
    assert got == [
        ("Responsibilities", "heading", "responsibilities"),
        ("Own the roadmap", "bullet", "responsibilities"),
        ("Run the sprints", "bullet", "responsibilities"),
        ("every week", "sentence", "responsibilities"),
        ("We value focus.", "sentence", "responsibilities"),
        ("Remote", "sentence", "responsibilities"),
    ]
    for s in split_statements(text):
        assert text[s.start : s.end] == s.text


def test_plain_text_pasted_into_html_keeps_its_bullets() -> None:
    """Lines of a <pre> or <div> that start with a bullet or number are statements of their own;
    a line break before other words (even "(EU)" or "a)") still joins them, as in a browser."""
    text = "<pre>Duties:\n- Own the roadmap\n  and the vision\n2. Run sprints</pre>"
    assert [(s.text, s.section) for s in split_statements(text)] == [
        ("Own the roadmap and the vision", "responsibilities"),
        ("Run sprints", "responsibilities"),
    ]
    text = "<p>Applicants must live in the\n(EU) or\na) the UK</p>"
    assert texts_of(text) == ["Applicants must live in the (EU) or a) the UK"]


def test_front_matter_of_markdown_with_some_html_is_skipped() -> None:
    """Front matter is skipped when a <br> makes the posting HTML, as it is in plain text."""
    text = "---\ntitle: Product Owner\n---\n## Duties\n- Own the roadmap<br>\n- Talk to users\n"
    got = [(s.text, s.section) for s in split_statements(text)]
    assert got == [("Own the roadmap", "responsibilities"), ("Talk to users", "responsibilities")]
    assert texts_of("---\n<p>Own the roadmap</p>") == ["Own the roadmap"]  # no closing line


def test_html_reader_finds_the_entity_after_a_lone_ampersand() -> None:
    """In "Q&A\\n  with &amp;" the entity is "&amp;": the line break still collapses.

    The reader took "&A\\n  with &amp;" as one entity, so the statement kept the
    line break and the run of spaces.
    """
    from rolelens._html import html_blocks
    from rolelens.statements import split_statements

    source = "<p>Q&A\n\n   with &amp; friends, &#x41;&#66;&lt; R&D;</p>"
    (block,) = html_blocks(source)
    assert "".join(segment[0] for segment in block.segments) == "Q&A with & friends, AB< R&D;"
    for text, start, end, exact in block.segments:
        assert not exact or source[start:end] == text
    statements = split_statements("<ul><li>Run the Q&A\n   sessions with &amp; users</li></ul>")
    assert [s.text for s in statements] == ["Run the Q&A sessions with & users"]


def test_html_reader_decodes_entities_written_without_a_semicolon() -> None:
    """A browser shows "&nbsp" and "&copy 2024" as a space and a sign; so does the
    reader (the statement kept "&nbsp" as text). Letters after "&" that begin no such
    name, as in "Q&A", "R&D", "AT&T" or "P&L", stay as written, and so does "&ampx"'s
    "x"."""
    from rolelens._html import html_blocks
    from rolelens.statements import split_statements

    source = "<li>Own the roadmap&nbspand pricing, Q&A, R&D, AT&T, P&L &copy 2024 &ampx</li>"
    (block,) = html_blocks(source)
    text = "".join(segment[0] for segment in block.segments)
    assert text == "Own the roadmap and pricing, Q&A, R&D, AT&T, P&L \xa9 2024 &x"
    for piece, start, end, exact in block.segments:
        assert not exact or source[start:end] == piece
    (statement,) = split_statements(f"<ul>{source}</ul>")
    assert statement.text == "Own the roadmap and pricing, Q&A, R&D, AT&T, P&L \xa9 2024 &x"
    assert source[statement.start - 4 : statement.end - 4].endswith("&ampx")


def test_emoji_bullets_lose_their_markers() -> None:
    """Emoji list markers go whole, with the U+FE0F that asks for their emoji form:
    "✔️ Own the roadmap" left an invisible U+FE0F in front of the statement."""
    text = (
        "Duties:\n✔\ufe0f Own the roadmap\n✅ Track the budget\n"
        "➡\ufe0f Plan the sprints\n👉 Talk to users\n"
    )
    statements = split_statements(text)
    assert [s.text for s in statements] == [
        "Own the roadmap",
        "Track the budget",
        "Plan the sprints",
        "Talk to users",
    ]
    assert {s.kind for s in statements} == {"bullet"}
    for s in statements:
        assert text[s.start : s.end] == s.text


def test_a_quoted_greater_than_sign_does_not_end_a_tag() -> None:
    """``title="a>b"`` and markup kept in ``data-`` attributes stay inside their tag;
    a quote that never closes is ignored, as before."""
    cases = {
        '<p title="a>b">Own the roadmap</p>': ["Own the roadmap"],
        '<div data-x=\'{"h": "<b>x</b>"}\'><p>Plan the release</p></div>': ["Plan the release"],
        '<p a="x>y" b=\'>\'>Talk to users</p><p c="">Track the budget</p>': [
            "Talk to users",
            "Track the budget",
        ],
        '<p title="never closed>Own the roadmap</p><p>Plan it</p>': ["Own the roadmap", "Plan it"],
    }
    for source, expected in cases.items():
        assert [s.text for s in split_statements(source, markup="html")] == expected, source


def test_a_quote_not_after_an_equals_sign_opens_no_attribute_value() -> None:
    """``alt=Bob's`` and ``class=it's`` are unquoted values holding an apostrophe: the tag
    ends at its ``>``, as in a browser, instead of running on to the next apostrophe
    (a "Don't" two paragraphs later) and swallowing the statements in between."""
    cases = {
        "<img alt=Bob's><p>Own the roadmap.</p><p>Don't track the budget.</p>": [
            "Own the roadmap.",
            "Don't track the budget.",
        ],
        "<p class=it's>Plan the release.</p><p>We're hiring.</p>": [
            "Plan the release.",
            "We're hiring.",
        ],
        "<p a'b=\"x>y\">Talk to users</p><p title = '>'>Ship it</p>": [
            "Talk to users",
            "Ship it",
        ],
    }
    for source, expected in cases.items():
        assert [s.text for s in split_statements(source, markup="html")] == expected, source


class _CountingSource(str):
    """A str that adds up how many characters its ``find`` calls may scan."""

    scanned = 0

    def find(self, sub: str, start: int | None = None, end: int | None = None) -> int:  # type: ignore[override]
        at = super().find(sub, start, end)
        low = 0 if start is None else start
        high = len(self) if end is None else min(end, len(self))
        _CountingSource.scanned += max(0, (at + len(sub) if at >= 0 else high) - low)
        return at


def test_many_quoted_values_in_one_tag_are_read_in_linear_time() -> None:
    """Each closed quote inside one tag looked for the tag's ``>`` again, to the end of
    the source: a tag holding many quoted values (``<a ='' ='' ... >``) took quadratic
    time, minutes for 10 MB. Counted, not timed: the reader's searches scan each
    character a bounded number of times."""
    from rolelens._html import html_blocks

    for body in ("='' " * 20_000, "a=\"x\" b='y' " * 10_000):
        source = _CountingSource("<a " + body + ">Own the roadmap</a>")
        _CountingSource.scanned = 0
        (block,) = html_blocks(source)
        assert "".join(seg[0] for seg in block.segments) == "Own the roadmap"
        assert _CountingSource.scanned < 10 * len(source)


def test_the_text_of_a_cdata_section_is_read() -> None:
    """A job feed's ``<![CDATA[...]]>`` holds text or markup: it was read as a bogus
    comment up to its first ">", so plain text in it was lost. Only the opener and the
    "]]>" (not one inside a tag) are dropped, in linear time however many openers there
    are."""
    from rolelens._html import html_blocks

    text = "<ul><li>Own the roadmap</li><li><![CDATA[Track the budget]]></li></ul>"
    assert texts_of(text) == ["Own the roadmap", "Track the budget"]
    feed = "<description><![CDATA[<ul><li>Own <a title=']]>'>the</a> roadmap</li></ul>]]>"
    assert texts_of(feed + "</description>") == ["Own the roadmap"]
    assert texts_of("<p>Own the roadmap]]> now</p>") == ["Own the roadmap]]> now"]
    for body in ("<![CDATA[x" * 20_000 + "]]>", "<![CDATA[x" * 20_000):
        source = _CountingSource("<p>" + body)
        _CountingSource.scanned = 0
        (block,) = html_blocks(source)
        assert "".join(seg[0] for seg in block.segments) == "x" * 20_000
        assert _CountingSource.scanned < 10 * len(source)


def _one_line() -> st.SearchStrategy[str]:
    """One trimmed physical line: markers, emphasis, chrome, headings, sentences."""
    words = st.lists(
        st.sampled_from((*POSTING_WORDS, "e.g.", "Own it.", "Then", "and", ":", "!", "x")),
        min_size=1,
        max_size=6,
    ).map(" ".join)
    shapes = st.sampled_from(
        (
            "{}",
            "{}",
            "**{}**",
            "*{}*",
            "_{}_",
            "***{}***",
            "# {}",
            "{}:",
            "<svg/>",
            "**<svg/>**",
            "<button>{}</button>",
            "Benefits",
        )
    )
    markers = st.sampled_from(("", "", *POSTING_MARKERS, "a) ", "- - "))
    return st.builds(
        lambda marker, shape, body: (marker + shape.format(body)).strip(), markers, shapes, words
    ).filter(bool)


@given(_one_line(), st.booleans(), st.booleans())
@example("- **<svg/>**", False, False)
@example("<svg/>", True, True)
@example("Benefits", True, True)
@example("**Own the roadmap.**", False, True)
def test_one_exact_segment_takes_the_short_way_to_the_same_statements(
    line: str, bullet: bool, include_headings: bool
) -> None:
    """An HTML block line that is one exact segment (most lines of text pasted into a
    ``<div>``) goes to ``_Splitter.single``, which must give what ``line`` gives."""
    from rolelens.statements import _heading_of, _Splitter, _strip_markers

    short, full = _Splitter(include_headings), _Splitter(include_headings)
    first = _strip_markers(line, 0, len(line))
    heading = None if first else _heading_of(line, listed=bullet)
    short.single(line, 7, first, heading, bullet=bullet)
    full.line([(line, 7, 7 + len(line), True)], bullet=bullet)
    assert short.out == full.out
    assert (short.section, short.heading) == (full.section, full.heading)


def test_lines_pasted_into_one_div_are_the_statements_of_the_plain_text() -> None:
    """Lines that each open with a marker or a ``#`` heading are cut apart inside one
    ``<div>`` as in plain text: the same statements, offsets moved by the tag."""
    lines = (
        "- Own the roadmap\n* Track budget\n1. Plan sprints\n• Talk to users\n"
        "## Benefits\n- Remote work. Flexible hours\n+ Requirements:\n"
    )
    html = "<div>\n" + lines * 3 + "</div>\n"
    got = split_statements(html, include_headings=True)
    plain = split_statements(lines * 3, include_headings=True)
    assert len(got) == len(plain) == 24
    assert [attrs.evolve(s, start=s.start - 6, end=s.end - 6) for s in got] == list(plain)


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_an_html_block_reads_every_line_end_alike(newline: str) -> None:
    """One Windows line end ("\r\n") was read as a blank line, so every line of a
    paragraph wrapped in its source became a statement of its own; a blank line of
    any line ends still cuts, as in plain text."""
    wrapped = "<div>We own the roadmap{0}and the budget{0}{0}Plan sprints{0}  {0}Ship</div>"
    got = split_statements(wrapped.format(newline))
    assert [s.text for s in got] == ["We own the roadmap and the budget", "Plan sprints", "Ship"]


def test_wrapped_html_prose_is_not_cut_at_hashtags_dashes_or_markup() -> None:
    """In an HTML paragraph wrapped in its source, a line that opens with a #hashtag or
    a dash that goes on the sentence is no new line, and neither is a blank line
    inside a comment: only "# " / "##" headings, list markers and blank lines cut."""
    cases = {
        "<p>We talk in channels like\n#product and #design every day.</p>": [
            "We talk in channels like #product and #design every day."
        ],
        "<p>You will own the roadmap\n  \u2014 from discovery to delivery.</p>": [
            "You will own the roadmap \u2014 from discovery to delivery."
        ],
        "<p>Own the roadmap<!-- a\n\nnote -->\nwith the team.</p>": [
            "Own the roadmap with the team."
        ],
        "<div>\n# Duties\n- Own the roadmap\n## Skills\n- SQL\n</div>": [
            "Duties",
            "Own the roadmap",
            "Skills",
            "SQL",
        ],
    }
    for source, expected in cases.items():
        got = split_statements(source, include_headings=True)
        assert [s.text for s in got] == expected, source


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("---\n# Senior PM\nWe build tools.\n---\n- Own the roadmap\n", 3),
        ("---\n# Senior PM\n---\n- Own the roadmap\n", 2),
        ("---\n# made by a tool\ntitle: Senior PM\n---\n- Own the roadmap\n", 1),
    ],
    ids=["heading-and-prose", "heading-alone", "comment-then-key"],
)
def test_a_rule_then_a_heading_is_no_front_matter(text: str, expected: int) -> None:
    """A block between two ``---`` rules is front matter only if, after any ``#``
    comments, a key opens it: a Markdown heading there is kept."""
    statements = split_statements(text, include_headings=True)
    assert len(statements) == expected, [s.text for s in statements]
    assert statements[-1].text == "Own the roadmap"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "\ufeff# Product Manager\n- Own the roadmap\n",
            [("heading", "Product Manager", None), ("bullet", "Own the roadmap", 21)],
        ),
        ("\ufeff- Own the roadmap\n- Track the budget", [("bullet", "Own the roadmap", 3)]),
        ("\ufeff**Requirements**\n- SQL", [("heading", "Requirements", "requirements")]),
        ("\ufeffProduct Manager\n- Own the roadmap", [("sentence", "Product Manager", 1)]),
    ],
    ids=["markdown-heading", "bullet", "bold-heading", "first-line"],
)
def test_a_byte_order_mark_opening_plain_text_is_skipped(
    text: str, expected: list[tuple[str, str, object]]
) -> None:
    """A U+FEFF opening a plain-text or Markdown posting (a UTF-8 file decoded as
    ``"utf-8"``, not ``"utf-8-sig"``) is a byte order mark, not text: the first line
    reads as it would without it (a heading, a bullet without its marker), and offsets
    still index the text as given. The C splitter and the Python reference agree.
    """
    from rolelens.statements import _Splitter, _text_statements

    reference = _Splitter(include_headings=True)
    _text_statements(text, reference)
    for statements in (split_statements(text, include_headings=True), tuple(reference.out)):
        got = [(s.kind, s.text, s.section if s.kind == "heading" else s.start) for s in statements]
        assert got[: len(expected)] == expected
        assert all("\ufeff" not in s.text for s in statements)
        assert all(text[s.start : s.end] == s.text for s in statements if s.kind != "heading")


# --- bold: a heading by its shape, not by the bold alone -----------------------------------


def _kinds(text: str) -> list[tuple[str, str, str | None]]:
    return [(s.kind, s.text, s.section) for s in split_statements(text, include_headings=True)]


def test_a_bold_html_list_item_is_a_statement_not_a_heading() -> None:
    """``<li><strong>...</strong></li>`` and ``<li><b>...</b></li>`` are duties set in bold:
    they were taken for headings, so they were never classified and the items after
    them lost their section. A list item naming a known section stays a heading, as it
    does without the bold."""
    text = (
        "<h2>Responsibilities</h2><ul><li><strong>Own the onboarding roadmap</strong></li>"
        "<li><b>Run the quarterly planning</b></li><li>Talk to users</li></ul>"
        "<ul><li><b>Benefits</b></li><li>Lunch on Fridays</li></ul>"
    )
    assert _kinds(text) == [
        ("heading", "Responsibilities", "responsibilities"),
        ("bullet", "Own the onboarding roadmap", "responsibilities"),
        ("bullet", "Run the quarterly planning", "responsibilities"),
        ("bullet", "Talk to users", "responsibilities"),
        ("heading", "Benefits", "benefits"),
        ("bullet", "Lunch on Fridays", "benefits"),
    ]
    own = split_statements(text)[0]
    assert text[own.start : own.end] == "Own the onboarding roadmap"


def test_a_bold_html_paragraph_of_a_few_words_is_a_heading_even_ending_like_a_sentence() -> None:
    """A bold paragraph of up to twenty words is a heading written without a heading tag,
    also when it ends in a full stop: in real postings such a line introduces the list
    below it, whose items take its section. A longer one is statements in bold."""
    long_bold = " ".join(["Own the roadmap for onboarding and talk to users weekly."] * 3)
    text = (
        "<p><strong>What you'll do</strong></p><ul><li>Plan the launches.</li></ul>"
        "<p><b>You will bring most of the following.</b></p><ul><li>SQL</li></ul>"
        "<p><b>Why join us?</b></p><p>Lunch.</p>"
        f"<p><b>{long_bold}</b></p>"
    )
    got = _kinds(text)
    assert got[:7] == [
        ("heading", "What you'll do", "responsibilities"),
        ("bullet", "Plan the launches.", "responsibilities"),
        ("heading", "You will bring most of the following.", "requirements"),
        ("bullet", "SQL", "requirements"),
        ("heading", "Why join us?", "benefits"),
        ("sentence", "Lunch.", "benefits"),
        ("sentence", "Own the roadmap for onboarding and talk to users weekly.", "benefits"),
    ]
    assert [kind for kind, _, _ in got[7:]] == ["sentence", "sentence"]


def test_a_bold_markdown_list_item_is_a_statement_as_in_html() -> None:
    """``- **Own the roadmap**`` gives what ``<li><b>Own the roadmap</b></li>`` gives: a
    bullet, without the asterisks, its span inside them. A bold item that is a heading
    by its words ("**Requirements:**") still is one, as "- Requirements:" is."""
    markdown = (
        "## Duties\n- **Own the roadmap**\n* __Run the sprints.__\n- **Requirements:**\n- SQL\n"
    )
    html = (
        "<h2>Duties</h2><ul><li><b>Own the roadmap</b></li><li><b>Run the sprints.</b></li>"
        "<li><b>Requirements:</b></li><li>SQL</li></ul>"
    )
    expected = [
        ("heading", "Duties", "responsibilities"),
        ("bullet", "Own the roadmap", "responsibilities"),
        ("bullet", "Run the sprints.", "responsibilities"),
        ("heading", "Requirements:", "requirements"),
        ("bullet", "SQL", "requirements"),
    ]
    assert _kinds(markdown) == expected
    assert _kinds(html) == expected
    for s in split_statements(markdown):
        assert markdown[s.start : s.end] == s.text


def test_a_bold_markdown_line_is_a_heading_and_a_bold_statement_loses_its_pair() -> None:
    """``**Our stack**`` is a heading, as a short bold line ending in a full stop is; a
    ``#`` heading in bold is a heading, not a statement "# **...**"; a list item whose
    text a pair wraps is cut into sentences without the asterisks, as its HTML twin is."""
    text = (
        "# **Senior Product Manager**\n**What you'll do**\n"
        "- **Own the roadmap. Ship it weekly.**\n**Our stack**\nPython.\n"
    )
    assert _kinds(text) == [
        ("heading", "Senior Product Manager", None),
        ("heading", "What you'll do", "responsibilities"),
        ("bullet", "Own the roadmap.", "responsibilities"),
        ("bullet", "Ship it weekly.", "responsibilities"),
        ("heading", "Our stack", None),
        ("sentence", "Python.", None),
    ]
    html = "<ul><li><b>Own the roadmap. Ship it weekly.</b></li></ul>"
    assert texts_of(html) == ["Own the roadmap.", "Ship it weekly."]
    for s in split_statements(text):
        assert text[s.start : s.end] == s.text


# --- italics and raw chrome elements in Markdown -------------------------------------------


def test_an_italic_markdown_list_item_loses_its_marks_as_in_html() -> None:
    """``- *Own the roadmap*`` gives what ``<li><i>Own the roadmap</i></li>`` gives, as
    ``- **Own the roadmap**`` does: the span lies inside the marks. ``_`` pairs, bold
    italics and a ``_`` inside a word count too; marks that do not wrap all of the
    text, or that hold a mark of their own kind, stay."""
    markdown = (
        "## Duties\n- *Own the roadmap*\n* _Run the sprints._\n1. ***Ship the beta***\n"
        "- ___Close the books___\n- _Name files in snake_case_\n- *Plan it* and more\n"
        "- *Plan* it*\n- _Plan_ it_\n- *Plan it *\n"
    )
    html = (
        "<h2>Duties</h2><ul><li><i>Own the roadmap</i></li><li><em>Run the sprints.</em></li>"
        "<li><b><i>Ship the beta</i></b></li><li><strong><em>Close the books</em></strong></li>"
        "<li><i>Name files in snake_case</i></li></ul>"
    )
    twins = [
        ("heading", "Duties", "responsibilities"),
        ("bullet", "Own the roadmap", "responsibilities"),
        ("bullet", "Run the sprints.", "responsibilities"),
        ("bullet", "Ship the beta", "responsibilities"),
        ("bullet", "Close the books", "responsibilities"),
        ("bullet", "Name files in snake_case", "responsibilities"),
    ]
    assert _kinds(html) == twins
    assert _kinds(markdown) == [
        *twins,
        ("bullet", "*Plan it* and more", "responsibilities"),
        ("bullet", "*Plan* it*", "responsibilities"),
        ("bullet", "_Plan_ it_", "responsibilities"),
        ("bullet", "*Plan it *", "responsibilities"),
    ]
    for s in split_statements(markdown):
        assert markdown[s.start : s.end] == s.text


def test_an_italic_line_is_a_statement_unless_its_words_are_a_heading() -> None:
    """A line in italics is read as its words: a statement (cut into sentences), or a
    heading when the words alone are one ("Benefits", a short line ending in ":");
    italics never make a heading as bold does, so ``*Our stack*`` is a statement."""
    markdown = (
        "*We are a small team. We ship weekly.*\n_Remote first_\n*Benefits*\n- Lunch\n"
        "*Our stack*\n_What you will do:_\n- Plan the releases\n"
    )
    html = (
        "<p><i>We are a small team. We ship weekly.</i></p><p><em>Remote first</em></p>"
        "<p><i>Benefits</i></p><ul><li>Lunch</li></ul><p><i>Our stack</i></p>"
        "<p><em>What you will do:</em></p><ul><li>Plan the releases</li></ul>"
    )
    expected = [
        ("sentence", "We are a small team.", None),
        ("sentence", "We ship weekly.", None),
        ("sentence", "Remote first", None),
        ("heading", "Benefits", "benefits"),
        ("bullet", "Lunch", "benefits"),
        ("sentence", "Our stack", "benefits"),
        ("heading", "What you will do:", "responsibilities"),
        ("bullet", "Plan the releases", "responsibilities"),
    ]
    assert _kinds(markdown) == expected
    assert _kinds(html) == expected
    for s in split_statements(markdown):
        assert markdown[s.start : s.end] == s.text


def test_a_chrome_element_on_its_own_markdown_line_gives_no_statement() -> None:
    """Raw HTML of page chrome alone on a line of Markdown (a button, a form, an svg,
    an iframe: the elements the HTML reader drops) gives no statement, as in HTML. A
    line with text after the element, an element not closed on its line, a tag that
    is not chrome or a chrome tag after other text stays a statement."""
    markdown = (
        "Apply today.\n"
        '<button class="btn" onclick="go(\'/apply?a=1>0\')">Apply now</button>\n'
        '- <form action="/subscribe"><input name="email"><button>Join</button></form>\n'
        '<svg viewBox="0 0 8 8"/>\n'
        "<IFRAME src=//videos.example/intro></IFRAME >\n"
        "- Own the roadmap and\n  <nav><a href='/'>Home</a></nav>\n"
        "<button>Apply</button> and say hello\n"
        "<form action=/subscribe>\n"
        "<b>Bold words</b>\n"
        '<a href="/jobs">See all jobs</a>\n'
        "Click <button>here</button>\n"
        "<buttons>Not a button</buttons>\n"
        "Thanks.\n"
    )
    html = (
        '<p>Apply today.</p><button class="btn" onclick="go(\'/apply?a=1>0\')">Apply now'
        '</button><ul><li><form action="/subscribe"><input name="email"></form></li></ul>'
        '<svg viewBox="0 0 8 8"/><iframe src=//videos.example/intro></iframe><p>Thanks.</p>'
    )
    assert texts_of(html) == ["Apply today.", "Thanks."]
    statements = split_statements(markdown)
    assert [s.text for s in statements] == [
        "Apply today.",
        "Own the roadmap and",
        "<button>Apply</button> and say hello",
        "<form action=/subscribe>",
        "<b>Bold words</b>",
        '<a href="/jobs">See all jobs</a>',
        "Click <button>here</button>",
        "<buttons>Not a button</buttons>",
        "Thanks.",
    ]
    for s in statements:
        assert markdown[s.start : s.end] == s.text


def test_a_chrome_line_needs_its_element_closed_once_at_the_end() -> None:
    """The element runs from its start tag to the first end tag of its name (``>`` in
    a quoted attribute value, ``</buttons>`` and any case read as the HTML reader
    reads them): a second element, or text, after that end tag keeps the line."""
    text = (
        "Intro.\n"
        '<button title="a > b">Go</button >\n'
        "<button>One</button><button>Two</button>\n"
        "<Button>x</buttons> y</BUTTON>\n"
        "<svg/> and text\n"
        "<nav>Open nav\n"
        "End.\n"
    )
    assert texts_of(text) == [
        "Intro.",
        "<button>One</button><button>Two</button>",
        "<svg/> and text",
        "<nav>Open nav",
        "End.",
    ]


def test_a_statement_that_is_one_chrome_element_is_not_given() -> None:
    """What a line would drop is dropped when it is all that is left of a statement:
    a chrome element in emphasis, one continued over two lines, or one an HTML page
    escaped (shown as text). So splitting the split text again changes nothing."""
    text = "Plan the launch.\n- **<svg viewBox='0 0 8 8'/>**\n- <nav class='top'>\n  menu</nav>\n"
    assert texts_of(text) == ["Plan the launch."]
    escaped = "<p>Plan the launch.</p><p>&lt;button&gt;Apply&lt;/button&gt;</p>"
    assert texts_of(escaped) == ["Plan the launch."]
    kept = "- **<button>Apply</button>** today\n- *<b>Plan</b>*\n"
    assert texts_of(kept) == ["**<button>Apply</button>** today", "<b>Plan</b>"]


def test_one_chrome_element_in_emphasis_is_no_heading_and_no_statement() -> None:
    """``**<svg/>**`` alone on its line was a short bold line, so a heading named
    ``<svg/>`` (which also became the heading of the statements below it). A line
    that is one chrome element in emphasis marks now goes as the bare element goes:
    no heading, no statement, and the line before it ends there. In HTML, a bold
    paragraph whose text is one chrome element (markup the page escaped) is no
    heading either."""
    lines = ("<svg/>", "**<svg/>**", "__<button>Apply</button>__", "***<svg/>***", "*<svg/>*")
    for line in (*lines, "_**<nav>x</nav>**_", "- **<svg/>**"):
        text = f"Intro.\n{line}\n- Own the roadmap\n- Plan the\n  {line}\n{line}\nand more"
        got = [(s.kind, s.text, s.heading) for s in split_statements(text, include_headings=True)]
        assert got == [
            ("sentence", "Intro.", None),
            ("bullet", "Own the roadmap", None),
            ("bullet", "Plan the", None),
            ("sentence", "and more", None),
        ], text
    caps = "- **<BUTTON>APPLY NOW</BUTTON>**\n**<SVG/>**\n** <svg/> **\n"
    assert texts_of(caps, include_headings=True) == []
    html = "<p><b>&lt;svg/&gt;</b></p><p>Own the roadmap</p>"
    got = [(s.kind, s.text, s.heading) for s in split_statements(html, include_headings=True)]
    assert got == [("sentence", "Own the roadmap", None)]
    # Anything beside the element, in the marks or after them, keeps the line.
    kept = split_statements("**<svg/> Benefits**\n**<svg/>** and text\n", include_headings=True)
    assert [(s.kind, s.text) for s in kept] == [
        ("heading", "<svg/> Benefits"),
        ("sentence", "**<svg/>** and text"),
    ]


@pytest.mark.parametrize(
    ("heading", "section"),
    [
        (styled("What you'll do:", 0x1D5D4, 0x1D5EE), "responsibilities"),  # sans-serif bold
        (styled("Responsibilities", 0x1D468, 0x1D482), "responsibilities"),  # bold italic
        (styled("Requirements", 0xFF21, 0xFF41), "requirements"),  # fullwidth
        (styled("Benefits", 0x1D5D4, 0x1D5EE), "benefits"),  # alone, no colon
    ],
)
def test_a_heading_in_styled_unicode_letters_names_its_section(heading: str, section: str) -> None:
    """LinkedIn has no bold, so posters write headings in the bold or italic letters of
    Unicode's mathematical alphabets ("𝗪𝗵𝗮𝘁 𝘆𝗼𝘂'𝗹𝗹 𝗱𝗼:"), or in fullwidth ones; the
    classifier reads them as plain letters (NFKC), but the headings named no section,
    so the duties below them had none."""
    assert section_of(heading) == section
    statements = split_statements(f"{heading}\n- Own the roadmap\n", include_headings=True)
    assert [(s.kind, s.section) for s in statements] == [
        ("heading", section),
        ("bullet", section),
    ]


def test_a_list_item_opening_with_a_section_phrase_keeps_its_words_and_starts_it() -> None:
    """A list item that opens with a section phrase but says more ("- What you bring:",
    "- You will be responsible for:") is a statement, as no list item is lost, and
    starts the section it names for itself and the items below it: they were left in
    the section above (the overview here), the requirements among them."""
    text = (
        "About the job\n- We build payments.\n- You will be responsible for:\n"
        "  - Owning the roadmap\n- What you bring:\n  - 5 years in product\n"
        "- Partner with the benefits team to:\n  - plan the offsite\n"
    )
    statements = split_statements(text)
    assert [(s.section, s.text) for s in statements] == [
        ("overview", "We build payments."),
        ("responsibilities", "You will be responsible for:"),
        ("responsibilities", "Owning the roadmap"),
        ("requirements", "What you bring:"),
        ("requirements", "5 years in product"),
        # a phrase further in names no section for the item
        ("requirements", "Partner with the benefits team to:"),
        ("requirements", "plan the offsite"),
    ]


@pytest.mark.parametrize(
    ("item", "section"),
    [
        ("- **What you bring:**", "requirements"),  # in emphasis: its words
        ("- What you bring:*", "overview"),  # a stray mark: no colon at its end
        ("- Own the role:*", "overview"),
    ],
)
def test_a_list_items_lead_in_is_read_alike_in_python_and_c(item: str, section: str) -> None:
    """The C splitter makes a list item that may be no heading by itself, the Python
    one asks whether it leads into a section: only an item ending with a colon, in
    emphasis or not, does, so the two agree on one whose colon a stray mark follows."""
    from rolelens.statements import _Splitter, _text_statements

    text = f"About the job\n- We build payments.\n{item}\n- Five years in product\n"
    reference = _Splitter(include_headings=False)
    _text_statements(text, reference)
    for found in (split_statements(text), tuple(reference.out)):
        assert [s.section for s in found] == ["overview", section, section]


def test_a_statement_kind_of_the_wrong_type_is_a_type_error() -> None:
    """Statement(..., kind=5) raised ArgumentError alone; it is a TypeError too
    (ArgumentTypeError), while an unknown str stays an ArgumentError, and a long one is
    cut in the message."""
    with pytest.raises(TypeError, match=r"^kind must be one of bullet, sentence, heading, got 5$"):
        Statement("Own the roadmap", 0, 15, None, None, 5)  # type: ignore[arg-type]
    with pytest.raises(ArgumentError) as info:
        Statement("Own the roadmap", 0, 15, None, None, "para" * 1000)
    assert not isinstance(info.value, TypeError)
    assert len(str(info.value)) < 100
