"""Tests for rolelens.shifts: the mindset coach and its shift data."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from rolelens.catalog import default_catalog
from rolelens.classifier import Evidence, Verdict, classify
from rolelens.labels import Label
from rolelens.shifts import (
    FRAMING_TAGS,
    Reframe,
    _coach,
    _ShiftSpec,
    leans_project,
    reframe,
    reframe_verdict,
)

QUESTIONS = {
    "tasks_to_problems": "What problem does this solve?",
    "timelines_to_outcomes": "What result should this achieve?",
    "features_to_value": "Will a user actually pay for or use this?",
}

# Statements written for these tests: project framing in several shapes.
VERBS = ("Deliver", "Complete", "Ship", "Build", "Finish", "Implement", "Roll out")
OBJECTS = (
    "the reporting module",
    "the billing integration",
    "the onboarding checklist",
    "all migration tasks",
    "the new export feature",
)
TIMELINES = ("by Q3", "by Q1", "before the deadline", "on time", "on schedule", "")
PRODUCT_STATEMENTS = (
    "Define the product vision and roadmap based on customer research",
    "Interview customers to understand which problems matter most to them",
    "Decide what to build next from user research and business goals",
)


def _statement(verb: str, obj: str, timeline: str) -> str:
    return " ".join(part for part in (verb, obj, timeline) if part)


statements = st.builds(
    _statement, st.sampled_from(VERBS), st.sampled_from(OBJECTS), st.sampled_from(TIMELINES)
)


def _evidence(
    text: str, matched: str, *, tags: tuple[str, ...] = (), cue: str | None = None
) -> Evidence:
    start = text.index(matched)
    return Evidence(
        start=start,
        end=start + len(matched),
        matched=matched,
        cue=matched.lower() if cue is None else cue,
        label=Label.PROJECT,
        dimension=None,
        tags=tags,
        contribution=1.0,
    )


def _verdict(text: str, *evidence: Evidence, label: Label = Label.PROJECT) -> Verdict:
    scores = {
        Label.PROJECT: (0.1, 0.8, 0.05, 0.05),
        Label.PRODUCT: (0.8, 0.1, 0.05, 0.05),
        Label.OTHER: (0.05, 0.15, 0.05, 0.75),
    }[label]
    return Verdict(text, label, scores, max(scores), evidence)


# ------------------------------------------------------------------ the article's example


def test_reporting_module_example() -> None:
    """The issue's example gets the timeline shift, reacting to "by Q3", keeping its subject."""
    text = "Deliver the reporting module by Q3"
    by_shift = {item.shift: item for item in reframe(text)}
    timeline = by_shift["timelines_to_outcomes"]
    assert timeline.question == "What result should this achieve?"
    assert [e.matched for e in timeline.evidence] == ["by Q3"]
    assert "the reporting module" in timeline.rewrite
    assert timeline.rewrite.endswith("the reporting module by Q3")
    assert "tasks_to_problems" in by_shift
    assert by_shift["tasks_to_problems"].rewrite.startswith("Deliver the reporting module by Q3")


@pytest.mark.parametrize("text", PRODUCT_STATEMENTS)
def test_product_statements_get_no_reframe(text: str) -> None:
    """A statement the classifier labels product gets an empty tuple."""
    assert classify(text).label is Label.PRODUCT
    assert reframe(text) == ()


def test_questions_come_from_the_catalog() -> None:
    """Each shift's question is the catalog's, and the coach covers every catalog shift."""
    catalog = {shift.id: shift.question for shift in default_catalog().shifts}
    coach = _coach()
    assert dict(coach.questions) == {spec.id: catalog[spec.id] for spec in coach.shifts}
    assert set(coach.questions) == set(catalog) == set(QUESTIONS)
    assert {spec.tag for spec in coach.shifts} == set(FRAMING_TAGS)


# ------------------------------------------------------------------ properties


@given(statements)
def test_reframes_only_for_project_leaning_statements(text: str) -> None:
    """A reframe appears only when the classifier leans project-side."""
    verdict = classify(text)
    if reframe(text):
        assert verdict.label is not Label.PRODUCT
        assert verdict.score(Label.PROJECT) > verdict.score(Label.PRODUCT)


@given(st.sampled_from(PRODUCT_STATEMENTS) | statements | st.text(max_size=80))
def test_every_reframe_names_its_evidence(text: str) -> None:
    """Each reframe lists evidence from the verdict, located exactly in the statement."""
    verdict = classify(text)
    reframes = reframe(text)
    assert reframes == reframe_verdict(verdict)  # deterministic
    assert len({item.shift for item in reframes}) == len(reframes)
    for item in reframes:
        assert item.question == QUESTIONS[item.shift]
        assert item.evidence
        for evidence in item.evidence:
            assert evidence in verdict.evidence
            assert text[evidence.start : evidence.end] == evidence.matched
            assert "negated" not in evidence.tags
        assert item.rewrite.strip() == item.rewrite
        assert "{" not in item.rewrite or "{" in text


@given(st.sampled_from(VERBS[:4]), st.sampled_from(OBJECTS), st.sampled_from(TIMELINES))
def test_rewrites_keep_the_statements_object(verb: str, obj: str, timeline: str) -> None:
    """Timeline and feature rewrites name the statement's own object; task rewrites quote it."""
    text = _statement(verb, obj, timeline)
    for item in reframe(text):
        if item.shift == "tasks_to_problems":
            assert item.rewrite.startswith(text)
        else:
            assert obj in item.rewrite


@given(st.text(max_size=200) | st.builds("{} {}".format, statements, st.text(max_size=40)))
def test_reframe_is_total_on_arbitrary_text(text: str) -> None:
    """Any text returns a tuple of Reframes, never an exception (not even a RoleLensError:
    there is nothing wrong a string could hold), exactly as reframe_verdict gives it.

    Half the texts open with a project statement, so reframes are made, not only
    the empty tuple of text with no project lean.
    """
    result = reframe(text)
    assert isinstance(result, tuple)
    assert all(isinstance(item, Reframe) for item in result)
    assert result == reframe_verdict(classify(text))


# ------------------------------------------------------------------ the fallback vocabulary


def test_fallback_vocabulary_tags_untagged_evidence() -> None:
    """Evidence without framing tags is tagged from shifts.toml's vocabulary by word stems."""
    text = "Delivering the payroll module"
    verdict = _verdict(text, _evidence(text, "Delivering"), _evidence(text, "module"))
    shifts = {item.shift: item for item in reframe_verdict(verdict)}
    assert set(shifts) == {"tasks_to_problems", "features_to_value"}
    assert [e.matched for e in shifts["tasks_to_problems"].evidence] == ["Delivering"]
    assert "the payroll module" in shifts["features_to_value"].rewrite


def test_lexicon_tags_win_over_the_vocabulary() -> None:
    """When the lexicon tags a cue, its tags are used as they are, even for unknown words."""
    text = "Hit the quarterly gate"
    verdict = _verdict(text, _evidence(text, "quarterly gate", tags=("timeline",)))
    (item,) = reframe_verdict(verdict)
    assert item.shift == "timelines_to_outcomes"


def test_negated_evidence_is_ignored() -> None:
    """Evidence the classifier marks as negated does not trigger a shift."""
    text = "Not about deadlines"
    verdict = _verdict(text, _evidence(text, "deadlines", tags=("timeline", "negated")))
    assert reframe_verdict(verdict) == ()


@pytest.mark.parametrize("label", [Label.PRODUCT, Label.OTHER])
def test_gate_uses_the_verdict(label: Label) -> None:
    """A product verdict, or one where product outscores project, is never coached."""
    text = "Deliver the module"
    verdict = _verdict(text, _evidence(text, "Deliver"), label=label)
    expected = label is Label.OTHER and leans_project(verdict)
    assert bool(reframe_verdict(verdict)) is expected


@pytest.mark.parametrize(
    ("text", "timeline_rewrite"),
    [
        (
            "Ship the billing feature before the deadline.",
            "Achieve <measurable outcome> for <which users> with the billing feature "
            "before the deadline",
        ),
        ("by Q3", "Achieve <measurable outcome> for <which users> with this work by Q3"),
        (
            "Review the deadlines",
            "Achieve <measurable outcome> for <which users> with the deadlines",
        ),
        (
            "Quarterly deadlines",
            "Achieve <measurable outcome> for <which users> with quarterly deadlines",
        ),
        ("API deadlines", "Achieve <measurable outcome> for <which users> with API deadlines"),
    ],
)
def test_closing_timeline_phrase(text: str, timeline_rewrite: str) -> None:
    """Only a closing phrase led in by "by", "before the"... is treated as the timeline."""
    words = text.rstrip(".").split()
    matched = "by Q3" if "Q3" in text else words[-1]
    verdict = _verdict(text, _evidence(text, matched, tags=("timeline",)))
    (item,) = reframe_verdict(verdict)
    assert item.rewrite == timeline_rewrite


def test_templates_accept_only_known_placeholders() -> None:
    """A template with an unknown placeholder, attribute access or format spec is refused."""
    for template in ("{statement.__class__}", "{secret}", "{object!r}", "{core:>10}"):
        with pytest.raises(ValueError, match="not allowed"):
            _ShiftSpec("tasks_to_problems", "task", template)
    with pytest.raises(ValueError, match="tag must be"):
        _ShiftSpec("tasks_to_problems", "chore", "{statement}")


def test_braces_in_statements_are_not_formatted() -> None:
    """Curly braces in a user's statement come through verbatim, never as placeholders."""
    text = "Deliver {object} {0} module"
    verdict = _verdict(text, _evidence(text, "Deliver"))
    (item,) = reframe_verdict(verdict)
    assert item.rewrite.startswith("Deliver {object} {0} module to solve")


def test_words_are_listed_once_each() -> None:
    """Two cues matching the same words (opening word and the word) are shown once."""
    text = "Deliver the module"
    opening = _evidence(text, "Deliver", cue="opening word: deliver")
    verdict = _verdict(text, opening, _evidence(text, "Deliver"), _evidence(text, "Deliver the"))
    by_shift = {item.shift: item for item in reframe_verdict(verdict)}
    item = by_shift["tasks_to_problems"]
    assert len(item.evidence) == 3
    assert item.words() == ("Deliver", "Deliver the")
    assert item.describe().endswith('(reacting to "Deliver", "Deliver the")')


def test_reframe_describe() -> None:
    """describe() names the shift, question and quoted evidence."""
    text = "Deliver the module"
    (item,) = reframe_verdict(_verdict(text, _evidence(text, "Deliver")))
    assert item.describe() == (
        'tasks_to_problems: What problem does this solve? (reacting to "Deliver")'
    )
    assert attrs.evolve(item, evidence=[]).evidence == ()
