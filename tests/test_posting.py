"""Tests for rolelens.posting: profiling whole postings and flagging title mismatches."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given

from rolelens.classifier import Classifier, Evidence, Verdict
from rolelens.errors import ArgumentError
from rolelens.labels import LABELS, Label
from rolelens.posting import (
    AnalyzedStatement,
    Balance,
    DimensionCoverage,
    Mismatch,
    PostingProfile,
    analyze_posting,
    title_side,
)
from rolelens.posting_report import posting_to_json
from rolelens.statements import split_statements
from tests.conftest import SHARED_DATA, StandIn
from tests.strategies import adversarial_texts, html_postings, posting_texts, styled

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "postings"
POSTINGS = SHARED_DATA / "postings"


class KeywordClassifier:
    """A predictable stand-in classifier: a keyword decides the label, with one evidence item."""

    KEYWORDS = (
        ("roadmap", Label.PRODUCT, "core_focus"),
        ("budget", Label.PROJECT, "primary_responsibility"),
        ("together", Label.SHARED, None),
    )

    def classify_many(self, texts: Iterable[str]) -> Iterator[Verdict]:
        for text in texts:
            yield self.classify(text)

    def classify(self, text: str) -> Verdict:
        for word, label, dimension in self.KEYWORDS:
            at = text.find(word)
            if at >= 0:
                evidence = Evidence(at, at + len(word), word, word, label, dimension, (), 1.0)
                scores = tuple(0.7 if x is label else 0.1 for x in LABELS)
                return Verdict(text, label, scores, 0.7, (evidence,))
        return Verdict(text, Label.OTHER, (0.0, 0.0, 0.0, 1.0), 0.0, ())


STUB = KeywordClassifier()


def analyze(text: str, title: str | None = None) -> PostingProfile:
    return analyze_posting(text, title, classifier=STUB)


def _check_consistent(profile: PostingProfile) -> None:
    assert profile.overall.total == len(profile.statements)
    assert profile.responsibilities.total + profile.rest.total == profile.overall.total
    for i in range(len(LABELS)):
        assert (
            profile.responsibilities.counts[i] + profile.rest.counts[i] == profile.overall.counts[i]
        )
    assert 0.0 <= profile.lean_share <= 1.0
    assert profile.summary
    assert "\n" not in profile.summary
    if profile.mismatch is not None:
        assert profile.mismatch.drivers
        assert all(0 <= i < len(profile.statements) for i in profile.mismatch.drivers)


# --- structure, with the stand-in classifier ----------------------------------------------


@pytest.mark.parametrize("mark", ["\uff1b", "\uff1b ", "\ufe54", "\u061b "])
def test_a_semicolon_of_another_width_parts_a_labelled_line(mark: str) -> None:
    """A fullwidth "；" (or another width's or script's) parts the items after a section
    label as "; " does: "Responsibilities: Own the product roadmap；track the project
    schedule" was one statement, of both sides."""
    written = (
        "Product Manager\n\nResponsibilities: Own the product roadmap; "
        "track the project schedule and budget\n"
    )
    wide = written.replace("; ", mark)
    want = analyze_posting(written)
    got = analyze_posting(wide)
    assert [s.text for s in got.statements] == [s.text for s in want.statements]
    assert [s.label for s in got.statements] == [s.label for s in want.statements]
    assert got.responsibilities == want.responsibilities
    assert [(s.kind, s.section) for s in split_statements(wide)] == [
        ("sentence", None),
        ("bullet", "responsibilities"),
        ("bullet", "responsibilities"),
    ]
    assert all(wide[s.start : s.end] == s.text for s in split_statements(wide))


def test_empty_posting_gives_empty_profile() -> None:
    """Empty text is not an error: an empty profile whose summary says so."""
    for text in ("", "  \n ", "<html></html>"):
        profile = analyze(text)
        assert profile.is_empty
        assert profile.summary == "empty posting: no statements found"
        assert profile.lean is None
        assert profile.mismatch is None
        assert profile.overall == Balance()


def test_balance_by_section_and_weight() -> None:
    """Responsibilities are counted apart from the rest; weights sum confidences."""
    text = (
        "Responsibilities:\n- Own the roadmap\n- Own the roadmap too\n- Watch the budget\n"
        "Benefits:\n- A budget for books\n- Lunch"
    )
    profile = analyze(text)
    assert profile.responsibilities.counts == (2, 1, 0, 0)
    assert profile.rest.counts == (0, 1, 0, 1)
    assert profile.overall.counts == (2, 2, 0, 1)
    assert profile.overall.weights == pytest.approx((1.4, 1.4, 0.0, 0.0))
    assert profile.responsibilities.share(Label.PRODUCT) == pytest.approx(2 / 3)
    assert profile.responsibilities.side_share(Label.PROJECT) == pytest.approx(1 / 3)
    assert profile.scope == "responsibilities"
    assert profile.lean is Label.PRODUCT
    assert profile.summary.startswith("leans product-side: 67% of responsibilities")
    _check_consistent(profile)


def test_a_stand_in_class_with_a_static_classify_many_is_taken() -> None:
    """Passing a class is refused only when its method needs an instance (the
    Classifier class itself); a class whose classify_many is static works."""
    from rolelens.classifier import classify as one

    class StandIn:
        @staticmethod
        def classify_many(texts: Iterable[str]) -> Iterator[Verdict]:
            return (one(text) for text in texts)

    profile = analyze_posting("- Own the roadmap\n- Track the budget", classifier=StandIn)
    assert len(profile.statements) == 2
    with pytest.raises(TypeError, match=r"got the class Classifier itself: pass an instance$"):
        analyze_posting("Own the roadmap", classifier=Classifier)  # type: ignore[arg-type]


def test_balance_reads_a_label_as_label_read_does() -> None:
    """``count``, ``share`` and ``side_share`` raised ArgumentError "unknown label None"
    for None and refused "Product", which Label.read takes."""
    balance = analyze("Own the product roadmap.").overall
    assert balance.count(" Product") == balance.count(Label.PRODUCT)
    assert balance.share("PRODUCT") == balance.share(Label.PRODUCT)
    assert balance.side_share("product ") == balance.side_share(Label.PRODUCT)
    for read in (balance.count, balance.share, balance.side_share):
        with pytest.raises(TypeError, match=r"^a label must be a Label or a str, got NoneType$"):
            read(None)  # type: ignore[arg-type]
        with pytest.raises(ArgumentError, match=r"^unknown label 'boss' "):
            read("boss")


def test_in_section_refuses_what_is_no_section_key() -> None:
    """``in_section("Responsibilities")`` (the heading as written) or ``in_section(5)``
    gave ``()``, as if the posting had no such statements."""
    profile = analyze("Responsibilities:\n- Own the roadmap\n")
    assert len(profile.in_section("responsibilities")) == 1
    assert profile.in_section("benefits") == ()  # a key, with no statements
    with pytest.raises(ArgumentError, match=r"^unknown section 'Responsibilities' \(known: "):
        profile.in_section("Responsibilities")
    for wrong, name in ((5, "int"), (b"benefits", "bytes"), (["about"], "list")):
        with pytest.raises(TypeError, match=f"^section must be a str or None, got {name}$"):
            profile.in_section(wrong)  # type: ignore[arg-type]


def test_a_section_heading_before_a_colon_scopes_the_statements_after_it() -> None:
    """ "Responsibilities: Own the roadmap; track the budget" on one line was one
    statement in no section: the lean was read from the whole posting, and the duties
    were no responsibilities."""
    profile = analyze(
        "Product Manager\n\nResponsibilities: Own the roadmap; shape the roadmap themes\n"
        "Benefits: A budget for training\n"
    )
    assert [s.text for s in profile.in_section("responsibilities")] == [
        "Own the roadmap",
        "shape the roadmap themes",
    ]
    assert [s.text for s in profile.in_section("benefits")] == ["A budget for training"]
    assert profile.scope == "responsibilities"
    assert profile.responsibilities.count(Label.PRODUCT) == 2
    _check_consistent(profile)


def test_without_responsibilities_the_whole_posting_decides() -> None:
    """With no responsibilities section the lean is read from every statement."""
    profile = analyze("Track the budget.\nPlan the budget.\nSay hello.")
    assert profile.scope == "posting"
    assert profile.lean is Label.PROJECT
    assert profile.summary.startswith("mostly project-side: 100% of statements")


def test_balanced_and_signal_free_postings() -> None:
    """Equal product and project reads as shared; no role statement gives lean None."""
    balanced = analyze("Duties:\n- Own the roadmap\n- Watch the budget")
    assert balanced.lean is Label.SHARED
    assert balanced.summary.startswith("balanced between product and project")
    silent = analyze("We have a nice office.\nLunch is free.")
    assert silent.lean is None
    assert silent.summary.startswith("no product or project signal in 2 statements")
    # One statement is one, not "1 statements".
    one = analyze("We are an equal opportunity employer.")
    assert one.summary == (
        "no product or project signal in 1 statement (0 product, 0 project, 0 shared, 1 other)"
    )


def test_coverage_counts_dimensions_of_evidence() -> None:
    """Coverage lists every catalog dimension, counting statements and evidence on each."""
    profile = analyze("- Own the roadmap\n- Own the roadmap again\n- Watch the budget")
    coverage = {c.dimension: c for c in profile.coverage}
    assert list(coverage)[:5] == [
        "core_focus",
        "primary_responsibility",
        "success_metrics",
        "user_involvement",
        "decision_making",
    ]
    assert coverage["core_focus"].statements == 2
    assert coverage["core_focus"].by_label == (2, 0, 0, 0)
    assert coverage["primary_responsibility"].evidence == 1
    assert coverage["success_metrics"].statements == 0


@pytest.mark.parametrize(
    "duty",
    [
        "Not responsible for budgets or the product roadmap",
        "Work closely with the engineering leads to keep the release on schedule",
        "The scrum master will order the backlog by value",
    ],
)
def test_coverage_leaves_out_the_evidence_the_classifier_sets_aside(duty: str) -> None:
    """Coverage counts the cues that count toward the verdict, as ``DimensionCoverage``
    now says: not the negated ones, nor the ``means`` or ``subject`` ones (the
    docstring said only "non-negated")."""
    profile = analyze_posting(f"- {duty}")
    (item,) = profile.statements
    aside = {"negated", "means", "subject"}
    counted = [e for e in item.verdict.evidence if e.dimension and not aside & set(e.tags)]
    assert any(aside & set(e.tags) for e in item.verdict.evidence if e.dimension)
    for row in profile.coverage:
        mine = [e for e in counted if e.dimension == row.dimension]
        assert row.evidence == len(mine)
        assert row.statements == (1 if mine else 0)
        assert row.by_label == tuple(sum(e.label is x for e in mine) for x in LABELS)


def test_mismatch_names_the_driving_statements() -> None:
    """A product title over project content is flagged, naming the project statements."""
    text = "Responsibilities:\n- Guard the budget\n- Own the roadmap\n- Cut the budget\n- Chat"
    profile = analyze(text, "Senior Product Manager")
    assert profile.title_side is Label.PRODUCT
    assert profile.lean is Label.PROJECT
    mismatch = profile.mismatch
    assert mismatch is not None
    assert (mismatch.title_side, mismatch.content_side) == (Label.PRODUCT, Label.PROJECT)
    assert [profile.statements[i].text for i in mismatch.drivers] == [
        "Guard the budget",
        "Cut the budget",
    ]
    assert "Guard the budget" in mismatch.message
    assert profile.summary.endswith("title suggests product-side")
    assert analyze(text, "Project Manager").mismatch is None
    assert analyze(text, "Data Scientist").mismatch is None


def test_title_inference_order() -> None:
    """A given title beats front matter, which beats a heading naming a known title."""
    text = "---\ntitle: Scrum Master\n---\n# Product Owner\n- Own the roadmap\n"
    assert analyze(text).title == "Scrum Master"
    assert analyze(text).title_source == "front matter"
    assert analyze(text, "Program Manager").title_source == "given"
    heading_only = analyze("# Product Owner\n- Own the roadmap\n")
    assert (heading_only.title, heading_only.title_source) == ("Product Owner", "heading")
    first_line = analyze("Delivery Manager\n\nYou will run the budget.\n")
    assert (first_line.title, first_line.title_source) == ("Delivery Manager", "first line")
    # The title line names the job: like a heading, it is no statement of it.
    assert [item.statement.text for item in first_line.statements] == ["You will run the budget."]
    assert first_line.overall.counts == tuple(
        1 if label is first_line.statements[0].verdict.label else 0 for label in LABELS
    )
    assert analyze("Own the roadmap.").title is None
    # A first line that is a sentence naming a role is no title: it may be a duty, so it
    # stays a statement (taken for the title, it was dropped from the statements and the
    # balance, and made a title mismatch out of a duty).
    for sentence in ("Work with the project manager daily", "Report to the Product Manager."):
        profile = analyze(f"{sentence}\n\nYou will run the budget.\n")
        assert (profile.title, profile.title_source, profile.mismatch) == (None, None, None)
        assert [item.statement.text for item in profile.statements] == [
            sentence,
            "You will run the budget.",
        ]
    for title in ("Senior Product Manager   ", "Delivery Manager (Remote)"):
        profile = analyze(f"{title}\n\nYou will run the budget.\n")
        assert [item.statement.text for item in profile.statements] == ["You will run the budget."]
    # A blank title names nothing, so it is inferred like None; a given one is trimmed.
    for blank in ("", "   "):
        assert (analyze(text, blank).title, analyze(text, blank).title_source) == (
            "Scrum Master",
            "front matter",
        )
    assert analyze(text, "  Program Manager ").title == "Program Manager"


def test_front_matter_title_of_a_site_page_is_the_job() -> None:
    """A site's front matter names the job at the top level: an indented search-entry
    title or a comment after the value is not the title (it was, so a Scrum Master page
    had no title side, "Careers | Acme")."""
    text = (
        "---\nlayout: job\nseo:\n  title: Careers | Acme\n"
        "title: Scrum Master # imported\n---\n- Own the product roadmap\n"
    )
    profile = analyze(text)
    assert (profile.title, profile.title_source) == ("Scrum Master", "front matter")
    assert profile.title_side is Label.PROJECT


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (
            "Senior Product Manager \u00b7 Berlin \u00b7 Full-time\n\nDuties:\n- Run the budget\n",
            "Senior Product Manager \u00b7 Berlin \u00b7 Full-time",
        ),
        (
            "Senior Product Manager \u2022 Berlin \u2022 Remote\n\nDuties:\n- Run the budget\n",
            "Senior Product Manager \u2022 Berlin \u2022 Remote",
        ),
        (  # tabs between columns of a table pasted as text, kept as written
            "Senior Product Manager\tBerlin \t\tFull-time\n\nDuties:\n- Run the budget\n",
            "Senior Product Manager\tBerlin \t\tFull-time",
        ),
        (
            "\ufeffProduct Manager \u2022 Berlin \u2022 Remote\r\n\r\n"
            "Duties:\r\n- Run the budget\r\n",
            "Product Manager \u2022 Berlin \u2022 Remote",
        ),
        (
            "<div><span>Senior Product Manager &middot; Berlin &middot; Full-time</span></div>"
            "<h2>Duties</h2><ul><li>Run the budget</li></ul>",
            "Senior Product Manager \u00b7 Berlin \u00b7 Full-time",
        ),
    ],
)
def test_a_first_line_written_as_a_list_is_the_title(text: str, title: str) -> None:
    """The job line of many careers pages parts its facts with middle dots or bullets;
    the splitter cuts such a line into list items, and a list item was no first line:
    the posting had no title (so no mismatch check) and three statements more."""
    profile = analyze(text)
    assert (profile.title, profile.title_source) == (title, "first line")
    assert profile.title_side is Label.PRODUCT
    assert [item.text for item in profile.statements] == ["Run the budget"]


@pytest.mark.parametrize(
    "text",
    [
        "- Senior Product Manager \u00b7 Berlin \u00b7 Full-time\n- Run the budget\n",
        "<ul><li>Senior Product Manager \u00b7 Berlin \u00b7 Full-time</li></ul>",
        "Own the roadmap \u2022 Work with the Product Manager \u2022 Ship weekly\n",
    ],
)
def test_an_item_of_a_real_list_or_a_list_of_duties_is_no_title(text: str) -> None:
    """An item of a list written as such, or a first line of duties, names no title."""
    profile = analyze(text)
    assert (profile.title, profile.title_source) == (None, None)
    assert len(profile.statements) >= 3


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("🚀 Senior Product Manager\n\nDuties:\n- Run the budget\n", "Senior Product Manager"),
        ("💼\ufe0f  Program Manager (Remote)\r\n- Run the budget\r\n", "Program Manager (Remote)"),
        ("👩\u200d💻 Product Manager\n- Run the budget\n", "Product Manager"),
        (
            "<p>🚀 Senior Product Manager</p><ul><li>Run the budget</li></ul>",
            "Senior Product Manager",
        ),
    ],
)
def test_a_first_line_opened_by_an_emoji_is_the_title(text: str, title: str) -> None:
    """Posts put an emoji before the job's name as before a heading, and the splitter
    takes it off as a list marker: a list item was no first line, so the posting had no
    title (no mismatch check) and its title was classified as a duty."""
    profile = analyze(text)
    assert (profile.title, profile.title_source) == (title, "first line")
    assert [item.text for item in profile.statements] == ["Run the budget"]
    # A bullet, a check mark or an emoji after another marker still makes a list item.
    for marker in ("- ", "✔ ", "- 🚀 "):
        listed = analyze(f"{marker}Senior Product Manager\n- Run the budget\n")
        assert (listed.title, len(listed.statements)) == (None, 2)


@pytest.mark.parametrize(
    "text",
    [
        "# 🚀 Senior Product Manager\n- Run the budget\n",
        "<h1>🚀 Senior Product Manager</h1><ul><li>Run the budget</li></ul>",
        "<p>🚀 <b>Senior Product Manager</b></p><ul><li>Run the budget</li></ul>",
    ],
)
def test_a_title_heading_opened_by_an_emoji_is_the_title_without_it(text: str) -> None:
    """The title read from a heading kept the emoji before it ("🚀 Senior Product
    Manager"), which the reports then quoted as the job's name."""
    profile = analyze(text)
    assert (profile.title, profile.title_source) == ("Senior Product Manager", "heading")


def test_a_list_item_or_a_sectioned_line_is_no_first_line_title() -> None:
    """A bullet "- Scrum Master certification" under Requirements is not the job title (it made a
    title mismatch out of nothing); a short line opening the posting still is one."""
    text = (
        "# Acme Corp\n\n## Requirements\n- Scrum Master certification\n"
        "## Responsibilities\n- Define the product vision and strategy\n"
        "- Interview customers to find their problems\n"
    )
    profile = analyze(text)
    assert (profile.title, profile.title_source, profile.mismatch) == (None, None, None)
    assert analyze("Requirements:\nProduct Owner certification\n").title is None
    opening = analyze("<h1>Acme</h1><p>Scrum Master</p><p>You will run the sprints.</p>")
    assert (opening.title, opening.title_source) == ("Scrum Master", "first line")


_PROJECT_DUTIES = (
    "\n\nResponsibilities\n- Keep the budget on track\n"
    "- Track the budget across teams\n- Report on the budget weekly\n"
)  # project-side to the stub classifier, as "budget" is


@pytest.mark.parametrize(
    ("opening", "title", "source"),
    [
        ("Job Title: Program Manager", "Program Manager", "first line"),
        ("JOB TITLE : Program Manager", "Program Manager", "first line"),
        ("Title:Program Manager", "Program Manager", "first line"),
        ("Job title - Program Manager", "Program Manager", "first line"),
        ("Vacancy \u2014 Program Manager", "Program Manager", "first line"),
        ("Role: Program Manager", "Program Manager", "first line"),
        ("## Position: Program Manager", "Program Manager", "heading"),
        ("<h1>Job: Program Manager</h1>", "Program Manager", "heading"),
        ('---\ntitle: "Job Title: Program Manager"\n---', "Program Manager", "front matter"),
        # Markdown emphasis around the label, closed after or before its colon.
        ("**Job Title:** Program Manager", "Program Manager", "first line"),
        ("**Position**: Program Manager", "Program Manager", "first line"),
        ("__Role - __ Program Manager", "Program Manager", "first line"),
        # Seven words with the label, five without: the label no longer hides the title.
        (
            "Job Title: Senior Technical Program Manager (Remote)",
            "Senior Technical Program Manager (Remote)",
            "first line",
        ),
        # Emphasis that is no label's: its marks go as the label's do, and a "#" heading
        # in bold is a heading, no longer a first line "# **...**".
        ("**Senior Program Manager** (Remote)", "Senior Program Manager (Remote)", "first line"),
        ("__Senior Program Manager__, Berlin", "Senior Program Manager, Berlin", "first line"),
        ("*Senior Program Manager*", "Senior Program Manager", "first line"),
        ("Title: **Senior Program Manager**", "Senior Program Manager", "first line"),
        ("**Role:** **Senior Program Manager**", "Senior Program Manager", "first line"),
        ("# **Senior Program Manager**", "Senior Program Manager", "heading"),
        ("## ***Senior Program Manager***", "Senior Program Manager", "heading"),
        ('---\ntitle: "**Senior Program Manager**"\n---', "Senior Program Manager", "front matter"),
    ],
)
def test_a_title_label_or_markdown_emphasis_is_no_part_of_the_inferred_title(
    opening: str, title: str, source: str
) -> None:
    """ "Job Title: Program Manager" was the title, label and all, in every report and
    mismatch message (and a label could push a title line past six words); a title in
    bold or italics kept its marks ("**Senior Program Manager** (Remote)")."""
    profile = analyze(opening + _PROJECT_DUTIES)
    assert (profile.title, profile.title_source, profile.title_side) == (
        title,
        source,
        Label.PROJECT,
    )
    # The title line is no statement, as before: only the three duties are.
    assert [item.section for item in profile.statements] == ["responsibilities"] * 3


@pytest.mark.parametrize(
    ("opening", "title"),
    [
        (
            "Sr. Program Manager \u2013 Payments (Berlin) \u2013 Req ID 48213",
            "Sr. Program Manager \u2013 Payments (Berlin) \u2013 Req ID 48213",
        ),
        (
            "Senior Technical Program Manager, Cloud Infrastructure (Remote, US)",
            "Senior Technical Program Manager, Cloud Infrastructure (Remote, US)",
        ),
        (
            "Senior Program Manager - Data Platform - Remote - REQ-2024-118",
            "Senior Program Manager - Data Platform - Remote - REQ-2024-118",
        ),
        (
            "Program Manager | London, UK | Hybrid | 3 days",
            "Program Manager | London, UK | Hybrid | 3 days",
        ),
    ],
)
def test_a_first_line_title_with_a_location_or_an_id_after_it(opening: str, title: str) -> None:
    """A title line with a team, a location or a requisition ID after it counted every
    word of them against the six words of a title, and read "US" as the word "us" of a
    sentence: such a line was no title, so the posting had none and its title line was
    classified as a duty."""
    profile = analyze(opening + _PROJECT_DUTIES)
    assert (profile.title, profile.title_source, profile.title_side) == (
        title,
        "first line",
        Label.PROJECT,
    )
    assert [item.section for item in profile.statements] == ["responsibilities"] * 3


@pytest.mark.parametrize(
    "opening",
    [
        # The title's own name is still six words at most, and a sentence is no title.
        "Coordinate closely each and every day program manager, weekly",
        "Work with us as our Program Manager - Berlin",
        "Report to the Program Manager, Berlin",
    ],
)
def test_a_long_or_sentence_first_line_with_a_separator_is_no_title(opening: str) -> None:
    assert analyze(opening + _PROJECT_DUTIES).title is None


@pytest.mark.parametrize(
    "text",
    [
        "Scrum Master\n\nResponsibilities\n- Track the budget weekly\n\n"
        "## Working with the Product Owner\n- Help the Product Owner plan\n",
        "<p>Scrum Master</p><h3>Responsibilities</h3><ul><li>Track the budget</li></ul>"
        "<h3>Your relationship with the Product Manager</h3><p>You will partner.</p>",
    ],
)
def test_a_heading_that_names_a_colleague_is_no_title(text: str) -> None:
    """A heading further down that names another role in a sentence ("Working with
    the Product Owner") was taken for the title, before the posting's own first line,
    and made a product-side title mismatch out of a Scrum Master posting."""
    profile = analyze(text)
    assert (profile.title, profile.title_source, profile.mismatch) == (
        "Scrum Master",
        "first line",
        None,
    )


def test_a_sentence_heading_that_opens_the_posting_is_still_its_title() -> None:
    """Before any statement, a heading naming a known title is the title, as before."""
    profile = analyze("# Product Manager for the Payments team\n\n- Own the roadmap\n")
    assert (profile.title, profile.title_source) == (
        "Product Manager for the Payments team",
        "heading",
    )


def test_a_labelled_title_makes_a_mismatch_that_names_the_title_alone() -> None:
    """A product title over project duties is a mismatch quoting "Product Manager"."""
    profile = analyze("Job Title: Product Manager" + _PROJECT_DUTIES)
    assert profile.mismatch is not None
    assert (profile.mismatch.title, profile.mismatch.title_side) == (
        "Product Manager",
        Label.PRODUCT,
    )
    assert profile.mismatch.message.startswith('title "Product Manager" suggests product work')


def test_an_overview_heading_before_a_colon_labels_the_title_line() -> None:
    """ "Job Description: Product Manager" opens the overview with its heading, and the
    rest of the line is still the posting's first line: the title."""
    profile = analyze("Job Description: Product Manager" + _PROJECT_DUTIES)
    assert (profile.title, profile.title_source) == ("Product Manager", "first line")
    assert "Product Manager" not in [s.text for s in profile.statements]
    # Another section's heading labels no title: the line is a statement of it.
    duties = analyze("Responsibilities: Product Manager duties, budget" + _PROJECT_DUTIES)
    assert duties.title is None
    assert duties.statements[0].text == "Product Manager duties, budget"


@pytest.mark.parametrize(
    "opening",
    [
        "Hiring: Product Manager",  # not a label in titles.toml
        "Role-Based Product Manager",  # a dash with no spaces belongs to the title
        "Product Manager - Job",  # a label only counts at the start
        "**Job Title: Product Manager",  # emphasis never closed: no label was marked out
    ],
)
def test_a_title_without_a_label_is_kept_whole(opening: str) -> None:
    """Only a listed label, at the start, before a colon or a spaced dash, is dropped."""
    assert analyze(opening + _PROJECT_DUTIES).title == opening


@pytest.mark.parametrize(
    "text",
    [
        "Senior Product Manager\n\nTrack the budget.\nRun the weekly status meeting.\n",
        "Senior Product Manager \u00b7 Berlin \u00b7 Remote\n\nTrack the budget.\n",
    ],
)
def test_a_given_title_leaves_the_same_statements(text: str) -> None:
    """With a title given, the posting's own title line was one of its statements: the
    same posting had one "other" statement more with --title than without."""
    inferred = analyze(text)
    given = analyze(text, "Program Manager")
    assert (given.title, given.title_source) == ("Program Manager", "given")
    assert [s.text for s in given.statements] == [s.text for s in inferred.statements]
    assert given.overall == inferred.overall
    assert "Senior Product Manager" not in [s.text for s in given.statements]


def test_a_label_alone_or_a_given_title_keeps_its_words() -> None:
    """A label with nothing after it is no title; a title given by the caller is theirs."""
    alone = analyze("Job Title:" + _PROJECT_DUTIES)
    assert (alone.title, alone.title_source) == (None, None)
    given = analyze("Responsibilities\n- Own the roadmap\n", "Job Title: Product Manager")
    assert (given.title, given.title_source) == ("Job Title: Product Manager", "given")


def test_what_you_will_need_is_no_responsibility() -> None:
    """Requirements under "What you'll need" were counted as responsibilities (the
    heading read as one), so a product posting asking for project skills was flagged as
    a project role, its requirements named as the drivers."""
    text = (
        "# Product Manager\n\n## What you'll do\n- Own the roadmap\n- Shape the roadmap\n\n"
        "## What you'll need\n- Experience keeping a budget\n- A budget mindset\n"
        "- Budget reporting\n\n## What you'll get\n- A training budget\n"
    )
    profile = analyze(text)
    assert [item.section for item in profile.statements] == [
        *["responsibilities"] * 2,
        *["requirements"] * 3,
        "benefits",
    ]
    assert (profile.lean, profile.mismatch) == (Label.PRODUCT, None)


@pytest.mark.parametrize(
    "text",
    [
        "\ufeff# Product Owner\n\n## Responsibilities\n- Own the roadmap\n",
        "\ufeffProduct Owner\n\nResponsibilities:\n- Own the roadmap\n",
    ],
    ids=["markdown", "plain"],
)
def test_a_byte_order_mark_hides_neither_title_nor_heading(text: str) -> None:
    """A web app that decodes an uploaded UTF-8 file as ``"utf-8"`` passes its byte order
    mark on: the title was ``"\\ufeff# Product Owner"`` (its heading read as a first line,
    "#" and all), or the mark was part of it."""
    profile = analyze(text)
    assert (profile.title, profile.title_side) == ("Product Owner", Label.PRODUCT)
    assert [(item.section, item.text) for item in profile.statements] == [
        ("responsibilities", "Own the roadmap")
    ]


@pytest.mark.parametrize(
    ("title", "side"),
    [
        ("Product Manager", Label.PRODUCT),
        ("Group Product Manager, Growth", Label.PRODUCT),
        ("Hustle: Senior Product Owner", Label.PRODUCT),
        ("Project Manager", Label.PROJECT),
        ("Senior Program Manager", Label.PROJECT),
        ("Software Delivery Manager", Label.PROJECT),
        ("Scrum Master (contract)", Label.PROJECT),
        ("Product Program Manager", Label.PROJECT),
        ("Data Scientist", None),
        ("Product Designer", None),
        ("", None),
        (None, None),
    ],
)
def test_title_side(title: str | None, side: Label | None) -> None:
    """Known product and project titles lean their way; everything else is unknown."""
    assert title_side(title) is side


@pytest.mark.parametrize(
    "title",
    [
        "Program Lead",
        "Programme Lead, Digital",
        "Senior Program Director",
        "Programme Director",
        "Head of Delivery",
        "Delivery Director (Public Sector)",
    ],
)
def test_programme_and_delivery_leadership_titles_are_project_side(title: str) -> None:
    """ "Project Lead", "Project Director", "Product Lead" and "Head of Product" had a
    side, but their programme and delivery twins had none, so such a posting never
    got a title side or a mismatch."""
    assert title_side(title) is Label.PROJECT


@pytest.mark.parametrize(
    ("title", "side"),
    [
        ("Produktmanager (m/w/d)", Label.PRODUCT),
        ("Senior Produktmanagerin Payments", Label.PRODUCT),
        ("Chef de produit", Label.PRODUCT),
        ("Gerente de Producto", Label.PRODUCT),
        ("Projektleiter (m/w/d) Logistik", Label.PROJECT),
        ("Cheffe de projet informatique (H/F)", Label.PROJECT),
        ("Jefe de Proyecto - Madrid", Label.PROJECT),
        ("Projectleider ICT", Label.PROJECT),
        ("Produktdesigner (m/w/d)", None),
    ],
)
def test_german_french_spanish_and_dutch_titles_have_their_side(
    title: str, side: Label | None
) -> None:
    """Headings in those languages name their sections, but the titles had no side, so a
    "Produktmanager (m/w/d)" posting full of project duties showed no mismatch."""
    assert title_side(title) is side


def test_a_german_posting_reads_its_title_and_its_mismatch() -> None:
    posting = analyze_posting(
        "Produktmanager (m/w/d)\n\nDeine Aufgaben:\n"
        "- Track the project budget and the schedule\n"
        "- Run the weekly status meeting and clear blockers\n"
    )
    assert posting.title == "Produktmanager (m/w/d)"
    assert posting.title_side is Label.PRODUCT
    assert posting.mismatch is not None


@pytest.mark.parametrize("title", [b"Product Manager", 5, ["Product Manager"]])
def test_title_side_refuses_what_is_not_a_str(title: object) -> None:
    """b"Product Manager" failed with "'int' object has no attribute 'isalnum'"."""
    with pytest.raises(
        TypeError, match=f"^title must be a str or None, got {type(title).__name__}$"
    ):
        title_side(title)  # type: ignore[arg-type]


def test_analyzed_statement_shortcuts() -> None:
    """AnalyzedStatement exposes its statement's text/section and its verdict's label."""
    item = analyze("Duties:\n- Own the roadmap").statements[0]
    assert isinstance(item, AnalyzedStatement)
    assert (item.text, item.section, item.label) == (
        "Own the roadmap",
        "responsibilities",
        Label.PRODUCT,
    )
    assert analyze("Duties:\n- Own the roadmap").in_section("responsibilities") == (item,)


def test_balance_validates_its_shape() -> None:
    """Balance refuses counts or weights of the wrong length or sign."""
    with pytest.raises(ValueError, match="4 non-negative counts"):
        Balance((1, 2, 3), (0.0, 0.0, 0.0, 0.0))
    with pytest.raises(ValueError, match="4 non-negative weights"):
        Balance((0, 0, 0, 0), (0.0, -1.0, 0.0, 0.0))
    assert Balance().share(Label.PRODUCT) == 0.0
    assert Balance().side_share(Label.PRODUCT) == 0.0


def test_balance_share_refuses_a_weighted_that_is_not_a_bool() -> None:
    """``weighted="no"`` is true: it gave the share of confidence, not of statements."""
    balance = Balance((3, 1, 0, 0), (0.5, 0.9, 0.0, 0.0))
    assert balance.share(Label.PRODUCT) == 0.75
    for flag in ("no", 0, None):
        with pytest.raises(TypeError, match="weighted must be a bool"):
            balance.share(Label.PRODUCT, weighted=flag)  # type: ignore[arg-type]


@pytest.mark.parametrize("label", ["shared", Label.OTHER, " Shared "])
def test_balance_side_share_refuses_a_label_that_is_no_side(label: Label | str) -> None:
    """``side_share`` is a side's share of the product and project statements:
    ``side_share("shared")`` divided the shared statements by those, 0.5 here
    and above 1.0 when shared ones outnumber them, which no share can be."""
    balance = Balance((1, 3, 2, 0), (0.5, 2.0, 1.0, 0.0))
    assert balance.side_share("project") == balance.side_share(Label.PROJECT) == 0.75
    with pytest.raises(ArgumentError, match="side_share takes product or project"):
        balance.side_share(label)
    with pytest.raises(ArgumentError, match="side_share takes product or project"):
        Balance((0, 0, 5, 0)).side_share(label)


@pytest.mark.parametrize("method", ["count", "share", "side_share"])
def test_balance_refuses_an_unknown_label_also_when_empty(method: str) -> None:
    """A mistyped label (``"prodcut"``) is an :class:`ArgumentError` whatever the
    balance holds: ``share`` and ``side_share`` returned 0.0 for it on an empty
    balance (a posting with no statements) and raised on any other. A label as
    people type it (``" Product "``) is read as ``Label.read`` reads it, as
    ``EvaluationReport.metrics`` and ``Catalog.roles_on_side`` read theirs."""
    for balance in (Balance(), Balance((3, 1, 0, 0), (0.5, 0.9, 0.0, 0.0))):
        with pytest.raises(ArgumentError, match="unknown label 'prodcut'"):
            getattr(balance, method)("prodcut")
        assert getattr(balance, method)(" Product ") == getattr(balance, method)(Label.PRODUCT)


@pytest.mark.parametrize(
    ("verdicts", "message"),
    [
        (None, "verdicts must be an iterable of Verdict, got NoneType"),
        ("Own the roadmap", "verdicts must be an iterable of Verdict, got str"),
        (["Own the roadmap"], "verdict 0 is a str, expected a Verdict"),
    ],
)
def test_balance_from_verdicts_names_what_is_no_verdict(verdicts: object, message: str) -> None:
    """None gave "'NoneType' object is not iterable" and a list of texts "'str' object has
    no attribute 'label'", naming neither the argument nor the item."""
    with pytest.raises(TypeError, match=re.escape(message)):
        Balance.from_verdicts(verdicts)  # type: ignore[arg-type]
    verdict = Verdict("Own the roadmap", Label.PRODUCT, (1.0, 0.0, 0.0, 0.0), 1.0)
    with pytest.raises(TypeError, match="got Verdict"):
        Balance.from_verdicts(verdict)  # type: ignore[arg-type]
    assert Balance.from_verdicts([verdict]) == Balance((1, 0, 0, 0), (1.0, 0.0, 0.0, 0.0))


@pytest.mark.parametrize(
    ("counts", "weights", "error", "message"),
    [
        ((1.5, 0, 0, 0), (0.0, 0.0, 0.0, 0.0), TypeError, "a count must be an int, got float"),
        ((True, 0, 0, 0), (0.0, 0.0, 0.0, 0.0), TypeError, "a count must be an int, got bool"),
        (("1", 0, 0, 0), (0.0, 0.0, 0.0, 0.0), TypeError, "a count must be an int, got str"),
        ((1, 0, 0, 0), (float("nan"), 0.0, 0.0, 0.0), ArgumentError, "each finite"),
        ((1, 0, 0, 0), (float("inf"), 0.0, 0.0, 0.0), ArgumentError, "each finite"),
        ((1, 0, 0, 0), ("0.5", 0.0, 0.0, 0.0), TypeError, "a weight must be a number, got str"),
        (None, (0.0, 0.0, 0.0, 0.0), TypeError, "expected 4 counts, got NoneType"),
        ("1000", (0.0, 0.0, 0.0, 0.0), TypeError, "expected 4 counts, got str"),
        # A mapping of label to count iterated its keys, taken for the counts.
        ({0: 1, 1: 2, 2: 0, 3: 0}, (0.0, 0.0, 0.0, 0.0), TypeError, "expected 4 counts, got dict"),
        ((1, 0, 0, 0), dict.fromkeys(range(4), 1.0), TypeError, "expected 4 weights, got dict"),
    ],
)
def test_balance_refuses_counts_and_weights_that_are_no_such_numbers(
    counts: object, weights: object, error: type[Exception], message: str
) -> None:
    """A count of 1.5, True or "1", or a weight of NaN or inf, was kept: the total was no
    count, every share NaN, and posting_to_json wrote NaN (no JSON number) or a count its
    schema refuses; "1000" was read as four counts of "1" and "0"."""
    with pytest.raises(error, match=re.escape(message)):
        Balance(counts, weights)  # type: ignore[arg-type]


def test_dimension_coverage_counts_are_whole_and_not_negative() -> None:
    """DimensionCoverage took statements=1.5 or evidence=-1, which its JSON schema refuses."""
    with pytest.raises(TypeError, match="a count must be an int, got float"):
        DimensionCoverage("core_focus", "Core focus", statements=1.5)  # type: ignore[arg-type]
    with pytest.raises(ArgumentError, match="non-negative count, got -1"):
        DimensionCoverage("core_focus", "Core focus", evidence=-1)
    assert DimensionCoverage("core_focus", "Core focus", 1, 2).evidence == 2


@given(adversarial_texts())
def test_analysis_is_total_and_consistent(text: str) -> None:
    """Any string gives a consistent profile with the real classifier, never an exception."""
    _check_consistent(analyze_posting(text))


@given(posting_texts())
def test_analysis_of_posting_like_text_is_consistent(text: str) -> None:
    """Posting-like text (headings, bullets, front matter) gives a consistent profile."""
    _check_consistent(analyze_posting(text))


@given(html_postings())
def test_analysis_of_html_is_consistent(text: str) -> None:
    """HTML postings, hostile markup included, give a consistent profile."""
    _check_consistent(analyze_posting(text))


# --- the example postings, with the real classifier ----------------------------------------


@pytest.mark.parametrize(
    ("duties", "lean", "share"),
    [
        (["roadmap"] * 3 + ["budget"] * 2, Label.PRODUCT, 0.6),
        (["roadmap"] * 11 + ["budget"] * 9, Label.SHARED, 0.55),  # the larger side's
        (["roadmap"] * 9 + ["budget"] * 11, Label.SHARED, 0.55),
        (["roadmap", "budget"], Label.SHARED, 0.5),
        (["work together", "nothing"], None, 0.0),
    ],
)
def test_lean_share_is_as_the_profile_says(
    duties: list[str], lean: Label | None, share: float
) -> None:
    """``PostingProfile.lean_share`` as its docstring says: the leaning side's share of
    the product and project statements, the larger side's when balanced, 0.0 with
    no lean (the docstring named only "that side's share")."""
    posting = "Responsibilities:\n" + "".join(f"- Duty {i}: {d}\n" for i, d in enumerate(duties))
    profile = analyze(posting)
    assert profile.lean == lean
    assert profile.lean_share == pytest.approx(share)


def test_example_product_posting_leans_product() -> None:
    """The clear product example leans product and its title agrees."""
    profile = analyze_posting((EXAMPLES / "product-manager.md").read_text(encoding="utf-8"))
    assert profile.title_side is Label.PRODUCT
    assert profile.lean is Label.PRODUCT
    assert profile.mismatch is None


def test_example_project_posting_leans_project() -> None:
    """The clear project example (plain text) leans project and its title agrees."""
    profile = analyze_posting((EXAMPLES / "project-manager.txt").read_text(encoding="utf-8"))
    assert profile.title_side is Label.PROJECT
    assert profile.lean is Label.PROJECT
    assert profile.mismatch is None


def test_example_disguised_project_role_is_flagged() -> None:
    """The 'Product Manager' HTML posting that is project work is flagged, with drivers."""
    text = (EXAMPLES / "product-manager-in-name-only.html").read_text(encoding="utf-8")
    profile = analyze_posting(text)
    assert profile.title == "Product Manager"
    assert profile.mismatch is not None
    assert profile.mismatch.content_side is Label.PROJECT
    for i in profile.mismatch.drivers:
        assert profile.statements[i].section == "responsibilities"
        assert profile.statements[i].label is Label.PROJECT
    assert not any("cookies" in s.text.lower() for s in profile.statements)


# --- the real postings (measuring data, read in place, never copied) ----------------------


def _entries() -> list[dict[str, str]]:
    index = POSTINGS / "INDEX.jsonl"
    if not index.is_file():
        pytest.skip("shared postings are not available")
    return [json.loads(line) for line in index.read_text(encoding="utf-8").splitlines() if line]


def test_real_postings_title_sides_and_leans() -> None:
    """Real titles get their side; product-leaning postings never lean project, and vice versa."""
    for entry in _entries():
        text = (POSTINGS / entry["file"]).read_text(encoding="utf-8")
        profile = analyze_posting(text, entry["title"])
        expected = Label.PRODUCT if "Product Manager" in entry["title"] else Label.PROJECT
        assert profile.title_side is expected, entry["title"]
        note = entry["note"]
        if note.startswith("product-leaning"):
            assert profile.lean is not Label.PROJECT, entry["file"]
            assert profile.mismatch is None, entry["file"]
        if note.startswith("project-leaning"):
            assert profile.lean is not Label.PRODUCT, entry["file"]
            assert profile.mismatch is None, entry["file"]
        _check_consistent(profile)


def test_real_postings_infer_their_titles() -> None:
    """Without --title, postings with front matter or a title heading find their title."""
    for entry in _entries():
        text = (POSTINGS / entry["file"]).read_text(encoding="utf-8")
        profile = analyze_posting(text)
        if entry["format"] != "text":
            assert profile.title is not None, entry["file"]
            assert title_side(profile.title) is title_side(entry["title"]), entry["file"]


class _Asked:
    """rolelens' own classifier behind another type: asked for every statement."""

    def __init__(self) -> None:
        from rolelens import default_classifier

        self.inner = default_classifier()
        self.asked: list[str] = []

    def classify_many(self, texts: Iterable[str]) -> Iterator[Verdict]:
        for text in texts:
            self.asked.append(text)
            yield self.inner.classify(text)


@given(posting_texts())
def test_repeated_statements_share_one_verdict(text: str) -> None:
    """Statements with equal texts share the verdict (and the text) the first one
    got; the profile is the one that classifying every statement gives."""
    text += "\nDuties:\n- Own the roadmap\n- Track the budget\n- Own the roadmap\n"
    profile = analyze_posting(text)
    other = _Asked()
    assert analyze_posting(text, classifier=other) == profile
    assert len(other.asked) == len(profile.statements)
    first: dict[str, AnalyzedStatement] = {}
    for item in profile.statements:
        earlier = first.setdefault(item.text, item)
        assert item.verdict is earlier.verdict
        assert item.statement.text is earlier.statement.text is item.verdict.text
    own = [item for item in profile.statements if item.text == "Own the roadmap"]
    assert len(own) >= 2
    assert own[0].statement.start < own[-1].statement.start


@pytest.mark.parametrize("limit", [16, 32, 100_000])
def test_statements_that_hardly_repeat_are_classified_each(
    monkeypatch: pytest.MonkeyPatch, limit: int
) -> None:
    """Once the table of texts fills up with hardly a repeat, the rest are classified
    each, not looked up: the same profile either way."""
    import rolelens.posting

    monkeypatch.setattr(rolelens.posting, "_SEEN_LIMIT", limit)
    lines = [f"- Own roadmap item {k}" for k in range(40)] + ["- Track the budget"] * 20
    text = "Duties:\n" + "\n".join(lines + lines[:10]) + "\n"
    profile = analyze_posting(text)
    other = _Asked()
    assert analyze_posting(text, classifier=other) == profile
    assert len(profile.statements) == 70
    budget = [item.verdict for item in profile.statements if item.text == "Track the budget"]
    assert len({id(verdict) for verdict in budget}) == (1 if limit > 40 else 20)


def _project(text: str) -> Verdict:
    return Verdict(text, "project", (0.1, 0.7, 0.1, 0.1), 0.7)


_TWO_DUTIES = "- Own the roadmap with the design team\n- Track the plan every week\n"


@pytest.mark.parametrize(
    ("give", "error", "message"),
    [
        (lambda texts: ["project" for _ in texts], TypeError, "gave a str for statement 0"),
        (lambda texts: [_project(texts[0]), None], TypeError, "gave a NoneType for statement 1"),
        (lambda texts: None, TypeError, "must return an iterable of Verdict, got NoneType"),
        (lambda texts: [_project(texts[0])], ArgumentError, "gave 1 verdicts for 2 statements"),
        (
            lambda texts: [*map(_project, texts), _project("x")],
            ArgumentError,
            "more verdicts than the 2 statements",
        ),
        # Out of order, as a pool gives them: each statement was profiled by the
        # other's verdict, without a word.
        (
            lambda texts: [*map(_project, reversed(texts))],
            ArgumentError,
            "gave a verdict on 'Track the plan every week' for statement 0, which is",
        ),
    ],
)
def test_a_stand_in_classifier_that_breaks_its_promise_is_named(
    give: Callable[[list[str]], object], error: type[Exception], message: str
) -> None:
    """analyze_posting takes any object with classify_many; one giving labels, None or
    the wrong number of verdicts failed inside it with AttributeError ("'str' object
    has no attribute 'label'") or zip()'s "argument 2 is shorter", or went on with
    verdicts for the wrong statements. Now the error says what came instead."""
    with pytest.raises(error, match=re.escape(message)):
        analyze_posting(_TWO_DUTIES, classifier=StandIn(give))
    good = analyze_posting(_TWO_DUTIES, classifier=StandIn(lambda t: map(_project, t)))
    assert [s.verdict.label for s in good.statements] == [Label.PROJECT, Label.PROJECT]


_DUTIES = (
    '<div class="entry-content"><h2>What you will do</h2><ul>'
    "<li>Track the delivery plan, budget and risks</li>"
    "<li>Run the weekly status meeting and report progress</li></ul></div>"
)


@pytest.mark.parametrize(
    "header",
    [
        '<header class="entry-header"><h1 class="entry-title">Senior Product Manager</h1></header>',
        '<div class="page-header"><h1>Senior <b>Product</b>&nbsp;Manager</h1></div>',
        '<nav><a href="/">Jobs</a></nav>'
        '<header><H1 id="t">Job Title: Senior Product Manager</H1></header>',
    ],
    ids=["wordpress", "page-header", "labelled"],
)
def test_an_h1_in_the_page_chrome_names_the_job(header: str) -> None:
    """WordPress and many careers pages put the job's name in an <h1> inside their
    header, which is chrome and gave no heading: such a posting had no title, so no
    mismatch could be found. The first <h1> is now read for the title, wherever it
    sits, and only for the title: it gives no statement."""
    profile = analyze_posting(f"<html><body>{header}{_DUTIES}</body></html>")
    assert (profile.title, profile.title_source) == ("Senior Product Manager", "heading")
    assert profile.title_side is Label.PRODUCT
    assert profile.mismatch is not None
    assert all("Manager" not in item.statement.text for item in profile.statements)


@pytest.mark.parametrize(
    "page",
    [
        # No known title in the <h1>, or no <h1> but a <title>: no title, as before.
        f'<header class="site-header"><h1>Acme Careers</h1></header>{_DUTIES}',
        f"<html><head><title>Senior Product Manager | Acme</title></head><body>{_DUTIES}",
        # An <h1> never closed names nothing.
        "Track the delivery plan, budget and risks\n\nWe use <h1> for a product manager.\n",
        # An <h1> below the duties that reads as a sentence names a colleague.
        f"{_DUTIES}<footer><h1>Working with the Product Manager</h1></footer>",
    ],
    ids=["unknown", "title-element", "unclosed", "colleague"],
)
def test_no_title_from_an_h1_that_names_no_job(page: str) -> None:
    profile = analyze_posting(page)
    assert profile.title is None
    assert profile.title_source is None


@pytest.mark.parametrize(
    "inside",
    [
        '<svg aria-hidden="true"><title>Acme logo</title><path d="M0 0h1"/></svg> ',
        "<script>window.dataLayer = []</script>",
        "<style>.title { color: red }</style>",
        "<noscript>Enable JavaScript</noscript>",
    ],
    ids=["svg-logo", "script", "style", "noscript"],
)
def test_an_h1_in_the_chrome_names_the_job_without_what_it_hides(inside: str) -> None:
    """The <h1> of a page's chrome is read as the page's blocks are: the body of an
    <svg> (a logo's <title>), <script>, <style> or <noscript> inside it is no part of
    the name. Every body was kept: the title read "Acme logo Senior Product Manager",
    in the reports and the mismatch's message."""
    page = f"<html><body><header><h1>{inside}Senior<br>Product&nbsp;Manager</h1></header>{_DUTIES}"
    profile = analyze_posting(page)
    assert (profile.title, profile.title_source) == ("Senior Product Manager", "heading")
    assert profile.mismatch is not None
    assert '"Senior Product Manager"' in profile.mismatch.message


@pytest.mark.parametrize(
    "before",
    [
        "<!-- <h1>Project Manager</h1> -->",
        '<script type="text/template"><h1>{{ job.title }}</h1></script>',
        "<template><h1>Project Manager</h1></template>",
        "<head><title>Jobs <h1> at Acme</title></head>",
    ],
    ids=["comment", "script-template", "template", "title-text"],
)
def test_an_h1_no_browser_shows_does_not_name_the_job(before: str) -> None:
    """The first <h1> a browser shows names the job: one in a comment (a heading
    commented out) or in a script's template was read before it, so the page took
    another title, or none (a template's "{{ job.title }}" named no job, and hid the
    page's own <h1>)."""
    page = f"<html>{before}<body><header><h1>Senior Product Manager</h1></header>{_DUTIES}"
    profile = analyze_posting(page)
    assert (profile.title, profile.title_source) == ("Senior Product Manager", "heading")
    assert profile.mismatch is not None


def _product(text: str) -> Verdict:
    return Verdict(text, "product", (0.7, 0.1, 0.1, 0.1), 0.7)


@pytest.mark.parametrize(
    ("product", "project", "title", "summary", "message"),
    [
        # 146 of 195 is 74.87%: "leans", not "mostly", so not 75% either, but 74.9%.
        (146, 49, None, "leans product-side: 74.9% of responsibilities", None),
        (147, 49, None, "mostly product-side: 75% of responsibilities", None),
        (3, 2, None, "leans product-side: 60% of responsibilities", None),
        (59, 40, None, "balanced between product and project: 59.6% product-side", None),
        (40, 59, None, "balanced between product and project: 40.4% product-side", None),
        (49, 146, "Product Manager", "leans project-side: 74.9%", "but 74.9% of the"),
    ],
)
def test_a_shown_share_agrees_with_the_threshold_it_is_judged_by(
    product: int, project: int, title: str | None, summary: str, message: str | None
) -> None:
    """The summary rounded its share alone: 74.87% read "leans product-side: 75%", though
    75% is "mostly", and a balance of 59.6% read "60% product-side", though 60% leans.
    Such a share now takes a decimal; others stay whole."""
    text = "Duties:\n" + "".join(f"- Duty {i}\n" for i in range(product + project))
    verdicts = [_product] * product + [_project] * project
    classifier = StandIn(lambda texts: [v(t) for v, t in zip(verdicts, texts, strict=True)])
    profile = analyze_posting(text, title, classifier=classifier)
    assert profile.summary.startswith(summary), profile.summary
    if message is not None:
        assert profile.mismatch is not None
        assert message in profile.mismatch.message


def test_a_title_in_styled_unicode_letters_has_its_side() -> None:
    """A job title in Unicode's bold letters ("𝗦𝗲𝗻𝗶𝗼𝗿 𝗣𝗿𝗼𝗱𝘂𝗰𝘁 𝗠𝗮𝗻𝗮𝗴𝗲𝗿", as LinkedIn
    posts write bold) or in fullwidth ones named no side: the mismatch of its content
    went unreported."""
    bold = styled("Senior Product Manager", 0x1D5D4, 0x1D5EE)
    assert title_side(bold) is Label.PRODUCT
    assert title_side(styled("Project Manager", 0xFF21, 0xFF41)) is Label.PROJECT
    profile = analyze_posting(f"{bold}\n\nResponsibilities\n- Own the roadmap\n")
    assert profile.title == bold
    assert profile.title_side is Label.PRODUCT


def test_linkedins_job_criteria_under_a_pasted_posting_are_no_duties() -> None:
    """A posting copied from LinkedIn ends with its job criteria, a label and its value
    on two lines ("Job function" then "Product Management"): the labels named no
    section, so the values counted among the responsibilities above them, and a
    Project Manager's duties read as 67% project-side, "Product Management" a product
    duty. The labels are headings of the overview now."""
    text = (
        "Project Manager\n\nResponsibilities\n- Track the project budget and schedule\n"
        "- Report status to the steering committee\n\n"
        "Seniority level\nMid-Senior level\nEmployment type\nFull-time\n"
        "Job function\nProduct Management and Marketing\nIndustries\nSoftware Development\n"
    )
    profile = analyze_posting(text)
    assert [s.text for s in profile.in_section("responsibilities")] == [
        "Track the project budget and schedule",
        "Report status to the steering committee",
    ]
    assert [s.text for s in profile.in_section("overview")] == [
        "Mid-Senior level",
        "Full-time",
        "Product Management and Marketing",
        "Software Development",
    ]
    assert profile.lean is Label.PROJECT
    assert profile.lean_share == 1.0


def test_repr_of_a_long_posting_profile_is_short() -> None:
    """A profile holds every statement with its verdict and evidence: its repr (what a
    REPL prints for ``analyze_posting(text)``) names how many and shows the first, not
    megabytes of verdicts; a profile of few statements still shows every one."""
    text = "\n".join(f"- Own the pricing roadmap for market {n}" for n in range(300))
    profile = analyze_posting(text, title="Product Manager")
    shown = repr(profile)
    assert len(shown) < 5000
    assert "<300 statements: " in shown
    assert repr(profile.statements[0]) in shown
    assert repr(profile.statements[1]) not in shown
    assert f"summary={profile.summary!r}" in shown
    assert f"overall={profile.overall!r}" in shown
    assert str(profile) == shown
    small = analyze_posting("- Own the pricing roadmap\n- Track the budget")
    assert repr(small) == (
        "PostingProfile("
        + ", ".join(f"{f.name}={getattr(small, f.name)!r}" for f in attrs.fields(PostingProfile))
        + ")"
    )


# -- report values made by hand are checked as they are made ----------------------

_MISMATCHED = analyze_posting(
    "Product Manager\n\nResponsibilities:\n- Plan the sprint schedule and track the budget\n"
    "- Manage the timeline and the risks\n"
)


def _evolve(value: Any, **changes: Any) -> Any:
    """``attrs.evolve``, out of the type checker's sight: wrong values on purpose."""
    return attrs.evolve(value, **changes)


def _mismatch(**changes: object) -> Mismatch:
    assert _MISMATCHED.mismatch is not None
    made: Mismatch = _evolve(_MISMATCHED.mismatch, **changes)
    return made


BAD_PARTS: dict[str, tuple[Callable[[], object], type[Exception], str]] = {
    "a side that is no side": (
        lambda: _mismatch(title_side="shared"),
        ArgumentError,
        r"^Mismatch\.title_side must be one of product, project, got 'shared'$",
    ),
    "a side as None": (
        lambda: _mismatch(content_side=None),
        TypeError,
        r"^Mismatch\.content_side must be a Label or a str, got NoneType$",
    ),
    "a share as a str": (
        lambda: _mismatch(share="0.9"),
        TypeError,
        r"^Mismatch\.share must be a number, got str$",
    ),
    "a share of NaN": (
        lambda: _mismatch(share=float("nan")),
        ArgumentError,
        r"^Mismatch\.share must be from 0 to 1, got nan$",
    ),
    "an unknown scope": (
        lambda: _mismatch(scope="everything"),
        ArgumentError,
        r"^Mismatch\.scope must be one of responsibilities, posting, got 'everything'$",
    ),
    "a negative driver": (
        lambda: _mismatch(drivers=(0, -1)),
        ArgumentError,
        r"^Mismatch\.drivers\[1\] must be 0 or more, got -1$",
    ),
    "drivers as a mapping": (  # iterated, it gave its keys: {0: "why"} read as (0,)
        lambda: _mismatch(drivers={0: "the budget"}),
        TypeError,
        r"^Mismatch\.drivers must be a sequence of int, got dict$",
    ),
    "a driver past the statements": (
        lambda: _evolve(_MISMATCHED, mismatch=_mismatch(drivers=(5,))),
        ArgumentError,
        r"^PostingProfile\.mismatch\.drivers: 5 indexes no statement \(there are 2\)$",
    ),
    "a message as None": (
        lambda: _mismatch(message=None),
        TypeError,
        r"^Mismatch\.message must be a str, got NoneType$",
    ),
    "a coverage's name as None": (
        lambda: DimensionCoverage("core_focus", None),  # type: ignore[arg-type]
        TypeError,
        r"^DimensionCoverage\.name must be a str, got NoneType$",
    ),
    "an analyzed statement of str": (
        lambda: AnalyzedStatement("Own it", _MISMATCHED.statements[0].verdict),  # type: ignore[arg-type]
        TypeError,
        r"^AnalyzedStatement\.statement must be a Statement, got str$",
    ),
    # Kept, the HTML report showed the verdict's text and the others the statement's.
    "a verdict of another text": (
        lambda: AnalyzedStatement(
            _MISMATCHED.statements[0].statement, _MISMATCHED.statements[1].verdict
        ),
        ArgumentError,
        r"^AnalyzedStatement\.verdict is for the text 'Manage the timeline and the risks', "
        r"not the statement's 'Plan the sprint schedule and track the b'\.\.\.: classify",
    ),
    "statements holding a str": (
        lambda: _evolve(_MISMATCHED, statements=["Own it"]),
        TypeError,
        r"^PostingProfile\.statements\[0\] must be an AnalyzedStatement, got str$",
    ),
    "a balance as None": (
        lambda: _evolve(_MISMATCHED, rest=None),
        TypeError,
        r"^PostingProfile\.rest must be a Balance, got NoneType$",
    ),
    "a lean of other": (
        lambda: _evolve(_MISMATCHED, lean="other"),
        ArgumentError,
        r"^PostingProfile\.lean must be one of product, project, shared, got 'other'$",
    ),
    "an unknown title source": (
        lambda: _evolve(_MISMATCHED, title_source="guessed"),
        ArgumentError,
        r"^PostingProfile\.title_source must be one of given, front matter, heading, first line",
    ),
    "a mismatch as a str": (
        lambda: _evolve(_MISMATCHED, mismatch="title says product"),
        TypeError,
        r"^PostingProfile\.mismatch must be a Mismatch, got str$",
    ),
}


@pytest.mark.parametrize("name", sorted(BAD_PARTS))
def test_a_profile_part_made_by_hand_is_checked_as_it_is_made(name: str) -> None:
    """PostingProfile, Mismatch, DimensionCoverage and AnalyzedStatement took anything;
    the renderers failed later ("'str' object has no attribute 'value'", "type str
    doesn't define __round__ method") or wrote what the posting schema refuses."""
    call, error, message = BAD_PARTS[name]
    with pytest.raises(error, match=message):
        call()


def test_labels_of_a_profile_made_by_hand_may_be_their_values() -> None:
    """A side or lean given as its value, in any case, is read as its Label, and the
    lists of statements and drivers are kept as tuples, so the document renders."""
    profile = _evolve(
        _MISMATCHED,
        lean=" Project",
        title_side="product",
        statements=list(_MISMATCHED.statements),
        mismatch=_mismatch(title_side="Product", content_side="project", drivers=[0, 1]),
    )
    assert profile == _MISMATCHED
    assert posting_to_json(profile) == posting_to_json(_MISMATCHED)
