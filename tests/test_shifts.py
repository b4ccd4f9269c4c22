"""Tests for rolelens.shifts: the mindset coach and its shift data."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from rolelens.catalog import default_catalog
from rolelens.classifier import Evidence, Verdict, classify
from rolelens.labels import Label
from rolelens.shifts import (
    FRAMING_TAGS,
    Reframe,
    _coach,
    _fills,
    _find_object,
    _ShiftSpec,
    leans_project,
    reframe,
    reframe_verdict,
    states_duty,
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
WORK_OBJECTS = ("the onboarding checklist", "all migration tasks")  # work, not things
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
    """Timeline and feature rewrites name the statement's own object; task rewrites quote it.

    A checklist and tasks are work, no thing users get: the feature rewrite asks
    what the release ships instead.
    """
    text = _statement(verb, obj, timeline)
    for item in reframe(text):
        if item.shift == "tasks_to_problems":
            assert item.rewrite.startswith(text)
        elif item.shift == "features_to_value" and obj in WORK_OBJECTS:
            assert item.rewrite == FEATURE.format(RELEASE)
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


@pytest.mark.parametrize("mark", [".", "\u3002", "\uff0e", "\uff01", "\uff1b", "\u2026", "\u3000"])
def test_a_closing_mark_of_another_width_is_left_out_of_rewrites(mark: str) -> None:
    """A statement ending in a fullwidth or CJK mark ("by Q3。", "schedule；") is
    rewritten as the one ending in "." is: only ASCII marks were stripped, so the mark
    was kept in the middle of the rewrite ("by Q3。 to solve <which problem> ...")."""
    want = [r.rewrite for r in reframe("Deliver the reporting module by Q3.")]
    assert [r.rewrite for r in reframe(f"Deliver the reporting module by Q3{mark}")] == want
    plain = [r.rewrite for r in reframe("Manage the project schedule")]
    assert [r.rewrite for r in reframe(f"Manage the project schedule{mark}")] == plain


_MARK_PAIRS = [(": ", "\uff1a"), ("; ", "\uff1b"), (". ", "\u3002"), ("! ", "\uff01")]


@pytest.mark.parametrize(
    ("text", "ascii_mark", "wide_mark"),
    [
        *(("Key duty{mark}Deliver the reporting module by Q3", *p) for p in _MARK_PAIRS),
        *(("Deliver the reporting module{mark}Track the budget by Q3", *p) for p in _MARK_PAIRS),
        *(("Plan{mark}build and deliver the reporting module by Q3", *p) for p in _MARK_PAIRS),
        ("Plan{mark}build and deliver the reporting module by Q3", ", ", "\u3001"),
        ("Deliver the reporting module{mark}Track the budget by Q3", ", ", "\u3001"),
    ],
)
def test_a_mark_of_another_width_parts_a_statement_as_its_ascii_mark(
    text: str, ascii_mark: str, wide_mark: str
) -> None:
    """A fullwidth colon, semicolon or full stop, which needs no space after it, parts
    a statement as ": " does ("Key duty：Deliver ..." is no one phrase, so it is quoted),
    and the ideographic comma joins words as ", " does: only ASCII was read, so the
    object was "key duty：deliver the reporting module by Q3"."""
    want = [r.rewrite for r in reframe(text.format(mark=ascii_mark))]
    got = [r.rewrite for r in reframe(text.format(mark=wide_mark))]
    assert [rewrite.replace(wide_mark, ascii_mark) for rewrite in got] == want


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
    """Two cues matching the same words (opening word and the word) are shown once,
    and words inside a longer match are shown as that match."""
    text = "Deliver the module"
    opening = _evidence(text, "Deliver", cue="opening word: deliver")
    verdict = _verdict(text, opening, _evidence(text, "Deliver"), _evidence(text, "Deliver the"))
    by_shift = {item.shift: item for item in reframe_verdict(verdict)}
    item = by_shift["tasks_to_problems"]
    assert len(item.evidence) == 3
    assert item.words() == ("Deliver the",)
    assert item.describe().endswith('(reacting to "Deliver the")')
    alone = reframe_verdict(_verdict(text, opening, _evidence(text, "Deliver")))
    assert {i.shift: i for i in alone}["tasks_to_problems"].words() == ("Deliver",)


@pytest.mark.timeout(10)
def test_words_of_a_long_statement_stay_linear() -> None:
    """A long statement repeats its cues by the thousand ("Deliver the" and "Deliver"
    in each sentence); finding the words inside a longer match looked at every span
    for each item (60,000 items: minutes, while reframe() itself took a fraction of
    a second). Same answer, each span compared with the spans sorted before it."""
    sentence = "Deliver the module and track it. "
    count = 30_000
    evidence = []
    for n in range(count):
        at = n * len(sentence)
        for matched in ("Deliver", "Deliver the"):
            end = at + len(matched)
            evidence.append(
                Evidence(at, end, matched, matched.lower(), Label.PROJECT, None, (), 1.0)
            )
    item = Reframe("tasks_to_problems", "What problem?", evidence, "Solve it")
    assert item.words() == ("Deliver the",)
    # Equal spans are kept (both shown once), a span holding another drops it.
    text = "Deliver the module"
    same = Reframe(
        "tasks_to_problems",
        "What problem?",
        [_evidence(text, "Deliver the module"), _evidence(text, "the"), _evidence(text, "Deliver")],
        "Solve it",
    )
    assert same.words() == ("Deliver the module",)


def test_reframe_describe() -> None:
    """describe() names the shift, question and quoted evidence."""
    text = "Deliver the module"
    (item,) = reframe_verdict(_verdict(text, _evidence(text, "Deliver")))
    assert item.describe() == (
        'tasks_to_problems: What problem does this solve? (reacting to "Deliver")'
    )
    assert attrs.evolve(item, evidence=[]).evidence == ()


# ------------------------------------------------------------------ grammatical rewrites

TIMELINE = "Achieve <measurable outcome> for <which users> with "
TIMELINE_QUALIFICATION = (
    'Ask for evidence of <measurable outcome> achieved for <which users>, not only "{}"'
)
FEATURE = (
    "Confirm that <which users> will use or pay for {}, and measure <usage signal> after release"
)
RELEASE = "what this release ships"  # the feature shift's release_template, in FEATURE


def _feature_rewrite(text: str) -> str:
    """The feature shift's rewrite of ``text``, reacting to its first character."""
    evidence = Evidence(
        start=0,
        end=1,
        matched=text[0],
        cue=text[0].lower(),
        label=Label.PROJECT,
        dimension=None,
        tags=("feature",),
        contribution=1.0,
    )
    (item,) = reframe_verdict(_verdict(text, evidence))
    return item.rewrite


def _feature_rewrites(text: str) -> list[str]:
    """The feature shift's rewrites of ``text`` (none or one), reacting to its first character."""
    evidence = Evidence(0, 1, text[0], text[0].lower(), Label.PROJECT, None, ("feature",), 1.0)
    return [item.rewrite for item in reframe_verdict(_verdict(text, evidence))]


@pytest.mark.parametrize(
    ("text", "obj"),
    [
        # "feature on time" (a learned pair) and "on time" both close the statement
        ("Ship the reporting feature on time", "the reporting feature"),
        ("Ship the feature by the end of the quarter", "the feature"),
        ("Launch the app by month end", "the app"),
    ],
)
def test_the_closing_timeline_is_found_behind_a_longer_cue(text: str, obj: str) -> None:
    """The real classifier's evidence: the closing timeline is cut off the object."""
    rewrites = {item.shift: item.rewrite for item in reframe(text)}
    assert rewrites["features_to_value"] == FEATURE.format(obj)
    timeline = text[text.index(obj) + len(obj) :].strip()
    assert rewrites["timelines_to_outcomes"] == (
        f"Achieve <measurable outcome> for <which users> with {obj} {timeline}"
    )


def _quoted(text: str) -> str:
    return FEATURE.format(f'the result of "{text}"')


def _object(text: str) -> str | None:
    """The object the rewrites name for ``text``: ``None`` when they quote it instead.

    (The object finder alone: which shift names it, and how, is tested apart.)
    """
    fills = _fills(text, [], _coach())
    if not fills.whole or fills.spot is None:
        return None
    return fills.spot.text


@pytest.mark.parametrize(
    ("text", "obj"),
    [
        # the reviewer's cases: "X and Y ..." and verbs the list did not know
        (
            "Build and maintain the project schedule and status reports",
            "the project schedule and status reports",
        ),
        ("Keep the release schedule on track", "the release schedule on track"),
        ("Plan, track and report on the migration budget", "the migration budget"),
        ("Set up and run the weekly release train", "the weekly release train"),
        ("Develop & release the export feature", "the export feature"),
        # lead-ins
        (
            "You will run the rollout from kickoff to handover.",
            "the rollout from kickoff to handover",
        ),
        ("You'll coordinate releases and hit quarterly deadlines", "releases"),
        ("Responsible for delivering the analytics module", "the analytics module"),
        ("Responsible for the project timeline", "the project timeline"),
        ("Ability to manage multiple deadlines", "multiple deadlines"),
        ("Five years of experience delivering IT projects", "IT projects"),
        ("Experience managing external vendors and contracts.", "external vendors and contracts"),
        ("We need you to deliver the new integration", "the new integration"),
        ("Have ownership of the release plan", "the release plan"),
        # -ing forms
        ("Managing the project schedule and tracking milestones", "the project schedule"),
        ("Planning and scheduling release activities", "release activities"),
        # noun phrases, verbatim but for the capital
        (
            "Quarterly deadlines for the reporting features",
            "quarterly deadlines for the reporting features",
        ),
        (
            "On-time delivery of all project milestones",
            "on-time delivery of all project milestones",
        ),
        ("API deadlines", "API deadlines"),
        # a second clause ends the object
        (
            "Run the change request process and keep scope under control.",
            "the change request process",
        ),
        ("Streamline the release process to hit monthly deadlines", "the release process"),
        ("Clear blockers for the squads so the release goes out", "blockers for the squads"),
        ("Manage IT projects and ensure they land on budget", "IT projects"),
        # a noun for the work around a thing is not the thing
        ("Manage the timeline for the mobile app launch", "the mobile app launch"),
        ("Timeline for the mobile app launch", "the mobile app launch"),
        ("Own the rollout of the new CRM", "the new CRM"),
        ("Manage the schedule of work for the release", "the release"),
        ("Manage the schedule for it", "the schedule for it"),
        ("Own the plan, of course", "the plan, of course"),
        # an aside after "and" ends the object
        ("Deliver the feature and, by Q3, ship it", "the feature"),
        ("Deliver the module and then, once approved, the docs", "the module"),
        # an unknown verb is known by the determiner after it
        ("Champion the new onboarding flow", "the new onboarding flow"),
        # a list marker is not part of the statement
        (
            "• Build and maintain the project plan, schedule and milestones for all six sites.",
            "the project plan, schedule and milestones for all six sites",
        ),
    ],
)
def test_rewrites_name_the_object_grammatically(text: str, obj: str) -> None:
    """The object is the statement's own words, without lead-in, verbs or a second clause."""
    assert _object(text) == obj


@pytest.mark.parametrize(
    "text",
    [
        "Ensure the mobile app launches on schedule",  # a clause, not an object
        "Help the team ship features faster",
        "Work with engineering to ship the notifications feature",  # a partner, not an object
        "Project Manager - Warehouse Systems Rollout",  # a title line
        "Deliver the integration: phase one by June",  # heading: text
        "distribution centres. You will run the rollout",  # two sentences
        "As project manager you will hit every milestone",  # a clause
        "Ship it",  # a pronoun says nothing
    ],
)
def test_statements_without_an_object_are_quoted(text: str) -> None:
    """When no object can be found the fallback quotes the statement instead of garbling it."""
    assert _object(text) is None


def test_task_fallback_for_statements_that_are_not_one_phrase() -> None:
    """The task shift quotes a title line; it keeps a plain statement, without its list marker."""
    title = "Project Manager - Warehouse Systems Rollout"
    (item,) = reframe_verdict(_verdict(title, _evidence(title, "Project", tags=("task",))))
    assert item.rewrite == f'Make "{title}" solve <which problem> for <which users>'
    bullet = "• Close each phase with a formal sign-off."
    (item,) = reframe_verdict(_verdict(bullet, _evidence(bullet, "Close", tags=("task",))))
    assert (
        item.rewrite
        == "Close each phase with a formal sign-off to solve <which problem> for <which users>"
    )


@pytest.mark.parametrize(
    ("text", "shift", "rewrite"),
    [
        (
            "Build and maintain the project schedule and status reports",
            "timelines_to_outcomes",
            TIMELINE + "the project schedule and status reports",
        ),
        (
            "Keep the release schedule on track",
            "timelines_to_outcomes",
            TIMELINE + "the release schedule on track",
        ),
        # a rollout is the act of shipping, not a thing users get: the feature
        # shift asks what it ships (these two named the rollout itself before)
        (
            "You will run the rollout from kickoff to handover.",
            "features_to_value",
            FEATURE.format(RELEASE),
        ),
        (
            "Project Manager - Warehouse Systems Rollout",
            "features_to_value",
            FEATURE.format(RELEASE),
        ),
        # a second clause after "and then": the object does not keep the "and"
        (
            "Deliver the feature and then ship it by Q3",
            "features_to_value",
            FEATURE.format("the feature"),
        ),
        (
            "Deliver the feature and then ship it by Q3",
            "timelines_to_outcomes",
            TIMELINE + "the feature by Q3",
        ),
        # "on time" is the timeline, not the object of "deliver on"
        (
            "Deliver on time",
            "timelines_to_outcomes",
            'Achieve <measurable outcome> for <which users> through "Deliver on time"',
        ),
    ],
)
def test_reviewed_statements_read_as_english(text: str, shift: str, rewrite: str) -> None:
    """The statements a reviewer found garbled, through the built-in classifier."""
    by_shift = {item.shift: item for item in reframe(text)}
    assert by_shift[shift].rewrite == rewrite


def test_fallback_templates_may_not_use_the_object() -> None:
    """A fallback quotes the statement: {object} and {core} are refused there."""
    for fallback in ("with {object}", "{core} again"):
        with pytest.raises(ValueError, match="fallback"):
            _ShiftSpec("tasks_to_problems", "task", "{statement}", (), fallback)
    assert all(spec.fallback for spec in _coach().shifts)


# Statements built the way job descriptions write them: a lead-in, one to three
# joined verbs, an object, maybe a second clause and a closing timeline phrase.
BASE_LEAD_INS = ("", "You will ", "You'll ", "Ability to ", "We need you to ", "Must be able to ")
ING_LEAD_INS = ("", "Responsible for ", "Experience ", "Five years of experience ")
VERB_FORMS = (
    ("deliver", "delivering"),
    ("build", "building"),
    ("maintain", "maintaining"),
    ("plan", "planning"),
    ("track", "tracking"),
    ("manage", "managing"),
    ("coordinate", "coordinating"),
    ("roll out", "rolling out"),
    ("set up", "setting up"),
    ("keep", "keeping"),
)
GRAMMAR_OBJECTS = (
    "the reporting module",
    "the project schedule and status reports",
    "the billing integration for enterprise customers",
    "all open tickets",
    "release schedules for the mobile apps",
    "the cut-over plan, RAID log and change log",
    "IT projects",
)
SECOND_CLAUSES = (  # for the base and -ing forms
    ("", ""),
    (" and publish a weekly report", " and publishing a weekly report"),
    (" to hit the deadline", " to hit the deadline"),
    (" so that the launch stays on track", " so that the launch stays on track"),
)


@st.composite
def job_statements(draw: st.DrawFn) -> tuple[str, str]:
    """``(statement, object)``."""
    ing = draw(st.booleans())
    lead = draw(st.sampled_from(ING_LEAD_INS if ing else BASE_LEAD_INS))
    verbs = [
        form[ing] for form in draw(st.lists(st.sampled_from(VERB_FORMS), min_size=1, max_size=3))
    ]
    joined = verbs[0] if len(verbs) == 1 else ", ".join(verbs[:-1]) + " and " + verbs[-1]
    obj = draw(st.sampled_from(GRAMMAR_OBJECTS))
    text = f"{lead}{joined} {obj}{draw(st.sampled_from(SECOND_CLAUSES))[ing]}"
    return text[0].upper() + text[1:], obj


# Lead-ins that make a statement a qualification, not a duty: its rewrite asks for evidence.
QUALIFICATION_LEAD_INS = ("Ability to ", "Experience ", "Five years of experience ")


@given(job_statements(), st.sampled_from(("", " by Q3", " before the deadline")))
def test_job_statements_keep_their_object(statement: tuple[str, str], timeline: str) -> None:
    """Whatever the lead-in, verbs and second clause, the rewrite names exactly the object."""
    text, obj = statement
    text += timeline
    matched = timeline.strip() or text.split()[0]
    verdict = _verdict(text, _evidence(text, matched, tags=("timeline",)))
    (item,) = reframe_verdict(verdict)
    if text.startswith(QUALIFICATION_LEAD_INS):
        assert item.rewrite == TIMELINE_QUALIFICATION.format(text)
    elif " to hit " in text or " so that " in text:  # the object alone would lose them
        assert item.rewrite == TIMELINE_QUOTED.format(text)
    else:
        assert item.rewrite == f"{TIMELINE}{obj}{timeline}"
    assert _find_object(text[: len(text) - len(timeline)], _coach()).text == obj


WORDS = (
    "Deliver",
    "build",
    "and",
    "or",
    "then",
    ",",
    "&",
    "the",
    "module",
    "You",
    "will",
    "Responsible",
    "for",
    "to",
    "hit",
    "ensure",
    "it",
    "•",
    "-",
    ":",
    ".",
    "Q3",
    "by",
    "managing",
    "schedule",
    "so",
    "that",
    "is",
    "Quarterly",
    "deadlines",
    "API",
    "experience",
    "five",
    "years",
    "of",
)


@given(
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=12).map(" ".join)
    | st.text(min_size=1, max_size=60)
)
@example("Deliver the app and weekly")  # the thing cut before "weekly" kept its "and"
def test_the_object_is_always_the_statements_own_words(text: str) -> None:
    """Any statement's object, and the thing the feature shift names, are words of the
    statement, verbatim but for the first capital, never opening with "and"/"or"; or the
    rewrite quotes the statement whole (or asks what a release ships)."""
    if not text.strip():
        return
    names = [_object(text)]
    prefix, suffix = FEATURE.split("{}")
    for rewrite in _feature_rewrites(text):
        assert "  " not in rewrite
        assert rewrite.startswith(prefix)
        assert rewrite.endswith(suffix)
        names.append(rewrite[len(prefix) : -len(suffix)])
    flat = " ".join(text.split())
    for obj in names:
        if obj is None or obj == RELEASE or (obj.startswith('the result of "') and obj[-1] == '"'):
            continue
        assert obj in flat or obj[:1].upper() + obj[1:] in flat
        assert obj.split()[0].lower() not in {"and", "or"}
        assert obj.split()[-1].lower().strip(",&") not in {"and", "or", "then", ""}


# ------------------------------------------------------------------ a review of rewrites


@pytest.mark.parametrize(
    ("text", "obj"),
    [
        # a subject opens the statement: the object follows its verb
        ("The launch coordinator owns the cutover runbook", "the cutover runbook"),
        (
            "The data steward maintains a register of every feed and chases owners",
            "a register of every feed",
        ),
        ("Scrum masters track open change tickets", "open change tickets"),
        ("The PMO refreshes the portfolio dashboard", "the portfolio dashboard"),
        # plural nouns that are also verbs are no verb of a subject
        ("Weekly reports for the board", "weekly reports for the board"),
        ("Status plans, budgets and forecasts", "status plans, budgets and forecasts"),
        ("Site plans showing every crane position", "site plans showing every crane position"),
        # a word in "-ed" describes the noun after it, which is no verb
        ("Milestone-based plans set the order of works", "the order of works"),
        # duty verbs the list did not know, leading and in a second clause
        ("Records snag lists for each floor", "snag lists for each floor"),
        ("Hold a weekly vendor call and log the outcomes", "a weekly vendor call"),
        ("Coach new team leads on estimating", "new team leads on estimating"),
        ("Sorts out access requests for contractors", "access requests for contractors"),
        ("Draft the test plan and book the lab for two days", "the test plan"),
        ("Set clear entry criteria for each stage", "clear entry criteria for each stage"),
        # a purpose, a means or a participle clause ends the object
        ("Stagger the depot upgrades to avoid downtime", "the depot upgrades"),
        ("Improved handovers by writing a one-page checklist", "handovers"),
        ("Own the vendor roadmap, escalating slips to the sponsor", "the vendor roadmap"),
        ("Own the plan, testing and reporting", "the plan, testing and reporting"),
        # a clause break after a preposition or inside a word is none
        ("Run several small pilots at once", "several small pilots at once"),
        ("Run what-if scenarios for the budget", "what-if scenarios for the budget"),
        # "once" and "if" end the object like "when" does
        ("Close the work orders once the site is handed over", "the work orders"),
        # the path to a thing is not the thing
        ("Map the critical path for the depot opening", "the depot opening"),
        ("Own the release of the partner portal", "the partner portal"),
    ],
)
def test_reviewed_objects(text: str, obj: str) -> None:
    """Objects a review of rewrites found garbled: a subject, unknown verbs, clauses."""
    assert _object(text) == obj


@pytest.mark.parametrize(
    "text",
    [
        "When the scope changes, redo the estimate",  # opens with a clause
        "Once the freeze starts, route every change to the board",
        "If a vendor slips, escalate the same day",
        "Made sure each crew had its permits in hand",  # "make sure" takes a clause
        "Coordinate tightly with finance on accruals",  # an adverb, no object
        "Document how each team estimates work",  # a "how" clause
        "The onboarding guide helps new starters find their feet",  # a clause verb
        "The review board is chaired by the sponsor",
        "The analyst checks the log isn't growing",
    ],
)
def test_reviewed_statements_without_an_object(text: str) -> None:
    """Statements whose object is a clause, or none, are quoted whole."""
    assert _object(text) is None


@pytest.mark.parametrize(
    ("text", "rewrite"),
    [
        # the closing timeline belongs to the participle clause, not the object
        (
            "Run the depot programme, keeping every site on schedule",
            TIMELINE + "the depot programme",
        ),
        # it stays with the object otherwise
        ("Run the depot programme on schedule", TIMELINE + "the depot programme on schedule"),
    ],
)
def test_a_participle_clause_keeps_its_timeline(text: str, rewrite: str) -> None:
    """A timeline closing a participle clause is not glued to the object."""
    verdict = _verdict(text, _evidence(text, "on schedule", tags=("timeline",)))
    (item,) = reframe_verdict(verdict)
    assert item.rewrite == rewrite


# ------------------------------------------------------------------ the task shift's templates

TASK = "{} to solve <which problem> for <which users>"
TASK_QUOTED = 'Make "{}" solve <which problem> for <which users>'


def _task_rewrite(text: str, *timeline: str) -> str:
    """The task shift's rewrite of ``text``, reacting to its first word (and ``timeline``)."""
    first = text.split()[0]
    evidence = [_evidence(text, first, tags=("task",))]
    evidence += [_evidence(text, words, tags=("timeline",)) for words in timeline]
    by_shift = {item.shift: item for item in reframe_verdict(_verdict(text, *evidence))}
    return by_shift["tasks_to_problems"].rewrite


@pytest.mark.parametrize(
    "text",
    [
        "Deliver the stock-count app",
        "Coordinate UAT with the pilot stores and log defects",  # a second duty
        "Track defects through retest and sign-off",  # "off" ends a hyphenated word
        "Implement the courier integration before the peak",
    ],
)
def test_the_task_purpose_follows_a_statement_that_ends_on_its_duty(text: str) -> None:
    """The purpose is appended to a statement whose last words are its duty."""
    assert _task_rewrite(text) == TASK.format(text)


@pytest.mark.parametrize(
    "text",
    [
        # a clause after the object: the purpose would belong to it
        "Maintain a dashboard that shows which depots are behind",
        "Deliver the warehouse move and escalate any slot that slips when trucks run late",
        "Complete the vendor audits so finance can close the year",
        "Run the depot programme, chasing suppliers for their updates",
        "Execute the cut-over plan, including the data checks",
        "Implement whatever the steering group signs off rather than what teams ask for",
        "Finish the handbook the new starters rely on",  # a dangling preposition
        # a purpose that is another task: "... to ship X to solve ..." doubles it
        "Coordinate three squads to ship the billing release",
    ],
)
def test_the_task_shift_quotes_a_statement_that_goes_on_past_its_duty(text: str) -> None:
    """A statement ending on a clause gets the quoted fallback, not a purpose glued to its end."""
    assert _task_rewrite(text) == TASK_QUOTED.format(text)


@pytest.mark.parametrize(
    ("text", "timeline", "rewrite"),
    [
        (
            "Launch the self-service portal to cut call volumes",
            (),
            "Launch the self-service portal to cut call volumes for <which users>",
        ),
        (
            "Rolled out the shift-swap tool to reduce overtime",
            (),
            "Rolled out the shift-swap tool to reduce overtime for <which users>",
        ),
        (
            "Deliver the returns portal in order to speed up refunds by Q2",
            ("by Q2",),
            "Deliver the returns portal in order to speed up refunds for <which users> by Q2",
        ),
    ],
)
def test_a_stated_result_is_not_given_a_second_purpose(
    text: str, timeline: tuple[str, ...], rewrite: str
) -> None:
    """A statement that already says what it achieves is asked for whom, not for a problem."""
    assert _task_rewrite(text, *timeline) == rewrite


@pytest.mark.parametrize(
    "text",
    [
        "Collect requirements from the finance team",
        "Signed off the requirements for the claims portal before build",
        "Write user stories for the admin console",
        "Complete the functional specification by Friday",
    ],
)
def test_requirements_lines_ask_for_the_problem_behind_each(text: str) -> None:
    """A statement about requirements asks which problem each requirement solves."""
    assert _task_rewrite(text) == (
        f"{text}, naming the problem each requirement solves for <which users>"
    )


def test_a_requirements_line_that_is_not_one_phrase_is_quoted() -> None:
    """A "Heading: text" line about requirements still gets the quoted fallback."""
    text = "Analysis: gather requirements from each depot"
    (item,) = reframe_verdict(_verdict(text, _evidence(text, "gather", tags=("task",))))
    assert item.rewrite == TASK_QUOTED.format(text)


@pytest.mark.parametrize(
    ("text", "obj"),
    [
        ("Draw up the cut-over schedule", "the cut-over schedule"),
        ("Work out the staffing plan for each phase", "the staffing plan for each phase"),
        ("Calculate float for every activity", "float for every activity"),
        ("Propose a revised milestone plan", "a revised milestone plan"),
    ],
)
def test_more_duty_verbs_are_not_part_of_the_object(text: str, obj: str) -> None:
    """Duty verbs a second review found missing ("Draw up", "Work out") open no object."""
    (item,) = reframe_verdict(_verdict(text, _evidence(text, text.split()[-1], tags=("timeline",))))
    assert item.rewrite == TIMELINE + obj


# ------------------------------------------------------------------ things users get

RELEASE_REWRITE = FEATURE.format(RELEASE)


def _rewrites(text: str) -> dict[str, str]:
    return {item.shift: item.rewrite for item in reframe(text)}


@pytest.mark.parametrize(
    "text",
    [
        "Chase every sign-off before the release",
        "Publish the release notes every Friday",
        "Keep the launch checklist current for the billing release",
        "Sequence the store rollout so busy sites go last",
    ],
)
def test_release_process_words_ask_what_the_release_ships(text: str) -> None:
    """A release, its notes, checklist or rollout is no thing users pay for: the
    feature rewrite asks about what the release ships, not "the release notes"."""
    assert _rewrites(text)["features_to_value"] == RELEASE_REWRITE


@pytest.mark.parametrize(
    ("text", "thing"),
    [
        # what a launch, rollout or deploy ships, without where it goes
        ("Led the launch of the partner portal across APAC", "the partner portal"),
        ("Deploy the new scanner firmware to every depot", "the new scanner firmware"),
        ("Own the rollout of the expense app to all 40 offices", "the expense app"),
        # the people are not the thing: what they are to launch is
        ("Coordinated three squads to launch the loyalty app", "the loyalty app"),
        # a rollout plan is work around the thing it is for
        ("Draft the rollout plan for the new payments module", "the new payments module"),
    ],
)
def test_the_feature_rewrite_names_the_thing_users_get(text: str, thing: str) -> None:
    """The feature rewrite names what users would use, not its rollout, route or team."""
    assert _rewrites(text)["features_to_value"] == FEATURE.format(thing)


@pytest.mark.parametrize(
    "text",
    [
        "Release the contractors once testing ends",  # releasing people ships nothing
        "Released the project team after handover",
        "Schedule integration testing with the bank",  # testing is work, not a thing
    ],
)
def test_no_feature_rewrite_without_a_thing_or_a_release(text: str) -> None:
    """Feature words that name neither a thing nor a release get no feature rewrite."""
    assert "features_to_value" not in _rewrites(text)


@pytest.mark.parametrize(
    ("text", "rewrite"),
    [
        # people are not what a timeline is achieved with: the purpose's object is
        (
            "Coordinate two vendor teams to deliver the warehouse scanner upgrade by Q3",
            TIMELINE + "the warehouse scanner upgrade by Q3",
        ),
        # and with no purpose the statement is quoted
        (
            "Keep the board briefed on slips against the project timeline",
            'Achieve <measurable outcome> for <which users> through "Keep the board briefed'
            ' on slips against the project timeline"',
        ),
        (
            "Brief the squads weekly so the migration finishes on time",
            'Achieve <measurable outcome> for <which users> through "Brief the squads weekly'
            ' so the migration finishes on time"',
        ),
        # a closing "on schedule" that belongs to a second clause is not the object's
        # (this once named "each defect", as if the defects were the timeline's work)
        (
            "Logged each defect and reported its effect on schedule",
            'Achieve <measurable outcome> for <which users> through "Logged each defect'
            ' and reported its effect on schedule"',
        ),
        # a deadline covers the whole statement
        (
            "Finish the data export and publish the guide by Q3",
            TIMELINE + "the data export by Q3",
        ),
    ],
)
def test_timeline_rewrites_name_the_work_not_the_people(text: str, rewrite: str) -> None:
    """The timeline rewrite's object is work, and its timeline is the object's own."""
    assert _rewrites(text)["timelines_to_outcomes"] == rewrite


# ------------------------------------------------------------------ a review of a fresh sample

TIMELINE_QUOTED = 'Achieve <measurable outcome> for <which users> through "{}"'


def _timeline_rewrite(text: str, matched: str) -> str:
    """The timeline shift's rewrite of ``text``, reacting to ``matched``."""
    verdict = _verdict(text, _evidence(text, matched, tags=("timeline",)))
    (item,) = reframe_verdict(verdict)
    return item.rewrite


@pytest.mark.parametrize(
    ("text", "matched", "rewrite"),
    [
        # duty verbs the list lacked: "joins", "send", "explain"
        (
            "Joins vendor reviews, demos and planning sessions for the fleet team",
            "planning",
            TIMELINE + "vendor reviews, demos and planning sessions for the fleet team",
        ),
        (
            "Update the release tracker and send reminders before the deadline",
            "deadline",
            TIMELINE + "the release tracker before the deadline",
        ),
        (
            "Draft the cutover plan and explain it to the board by Friday",
            "by Friday",
            TIMELINE + "the cutover plan by Friday",
        ),
        # an "-s" form the stemmer folds apart from its base form ("raises": "raiz")
        (
            "Raises purchase orders ahead of each milestone",
            "milestone",
            TIMELINE + "purchase orders ahead of each milestone",
        ),
        # "be expected to" is a lead-in, not the object
        (
            "You will be expected to keep supplier milestones current",
            "milestones",
            TIMELINE + "supplier milestones current",
        ),
        # verbs whose complement is a role, a partner or a question: the statement is quoted
        (
            "Acts as the single point of contact for go-live dates",
            "go-live dates",
            TIMELINE_QUOTED.format("Acts as the single point of contact for go-live dates"),
        ),
        (
            "Sync with finance each month on the budget timeline",
            "timeline",
            TIMELINE_QUOTED.format("Sync with finance each month on the budget timeline"),
        ),
        (
            "Liaise between the agency and the printers on proof deadlines",
            "deadlines",
            TIMELINE_QUOTED.format("Liaise between the agency and the printers on proof deadlines"),
        ),
        (
            "Join us to run the delivery schedule for our stores",
            "schedule",
            TIMELINE_QUOTED.format("Join us to run the delivery schedule for our stores"),
        ),
        (
            "Prioritise which defects to fix before the deadline",
            "deadline",
            TIMELINE_QUOTED.format("Prioritise which defects to fix before the deadline"),
        ),
        # "turn X into Y" names no thing: "customer complaints into a ranked list"
        (
            "Turn customer complaints into a ranked list of fixes by March",
            "by March",
            TIMELINE_QUOTED.format("Turn customer complaints into a ranked list of fixes by March"),
        ),
        (
            "Translate the audit findings into remediation tasks before the deadline",
            "deadline",
            TIMELINE_QUOTED.format(
                "Translate the audit findings into remediation tasks before the deadline"
            ),
        ),
    ],
)
def test_fresh_sample_timeline_objects(text: str, matched: str, rewrite: str) -> None:
    """The timeline rewrite names a noun phrase the statement works on, or quotes it."""
    assert _timeline_rewrite(text, matched) == rewrite


@pytest.mark.parametrize(
    ("text", "matched", "rewrite"),
    [
        # the timeline words are in a second clause: the first clause's object is not theirs
        (
            "Review the vendor contracts and then update the migration schedule",
            "schedule",
            TIMELINE_QUOTED.format(
                "Review the vendor contracts and then update the migration schedule"
            ),
        ),
        (
            "Collect the survey results and report progress against the programme plan",
            "programme plan",
            TIMELINE_QUOTED.format(
                "Collect the survey results and report progress against the programme plan"
            ),
        ),
        # in the leading verb or the object they are the object's
        (
            "Schedule the warehouse cutover and brief the night shift",
            "Schedule",
            TIMELINE + "the warehouse cutover",
        ),
        (
            "Keep the timeline for the kiosk refresh and brief the stores",
            "timeline",
            TIMELINE + "the kiosk refresh",
        ),
    ],
)
def test_a_timeline_in_a_second_clause_is_not_pinned_on_the_first_object(
    text: str, matched: str, rewrite: str
) -> None:
    """Only timeline words in or before the object (or a closing deadline) name the object."""
    assert _timeline_rewrite(text, matched) == rewrite


@pytest.mark.parametrize(
    ("text", "rewrite"),
    [
        # a "so that" clause naming a result is the purpose: no second one, no quoting
        (
            "Automate the expense approvals so that claims are reimbursed faster",
            "Automate the expense approvals so that claims are reimbursed faster for <which users>",
        ),
        (
            "Redesign the returns form so refunds need fewer manual checks",
            "Redesign the returns form so refunds need fewer manual checks for <which users>",
        ),
        # one about the people doing the work, or with no result word, stays quoted
        (
            "Book the test lab early so the developers start sooner",
            TASK_QUOTED.format("Book the test lab early so the developers start sooner"),
        ),
        (
            "Order the handsets so they arrive before training",
            TASK_QUOTED.format("Order the handsets so they arrive before training"),
        ),
        # a purpose through a clause verb ("to ensure") is a purpose: no second one
        (
            "Review supplier invoices weekly to ensure spending stays within tolerance",
            TASK_QUOTED.format(
                "Review supplier invoices weekly to ensure spending stays within tolerance"
            ),
        ),
        # a qualification is no duty: ask for the problems it solved
        (
            "Three or more years of experience leading data migrations",
            "Ask for evidence of <which problem> solved for <which users>, not only"
            ' "Three or more years of experience leading data migrations"',
        ),
        (
            "Certified PRINCE2 Practitioner",
            "Ask for evidence of <which problem> solved for <which users>, not only"
            ' "Certified PRINCE2 Practitioner"',
        ),
        (
            "Familiarity with earned value management",
            "Ask for evidence of <which problem> solved for <which users>, not only"
            ' "Familiarity with earned value management"',
        ),
        # the qualification words must open the statement
        (
            "Improve the checkout experience for returning shoppers",
            TASK.format("Improve the checkout experience for returning shoppers"),
        ),
    ],
)
def test_fresh_sample_task_rewrites(text: str, rewrite: str) -> None:
    """Result clauses, clause-verb purposes and qualifications get rewrites that read right."""
    assert _task_rewrite(text) == rewrite


@pytest.mark.parametrize(
    ("text", "rewrites"),
    [
        # a thing on its way out is no thing users get
        ("Plan the end-of-life timeline for the legacy invoicing module", []),
        ("Decommission the old export feature by June", []),
        # ... but a new one launched alongside it is
        (
            "Retire the old export feature and launch the new sharing feature",
            [FEATURE.format("the new sharing feature")],
        ),
        # launching a meeting releases nothing
        ("Launched a fortnightly dependency review for the four squads", []),
        ("Launch the weekly release readiness review", [RELEASE_REWRITE]),
    ],
)
def test_fresh_sample_feature_rewrites(text: str, rewrites: list[str]) -> None:
    """The feature rewrite names no retired thing, and no release for launched meetings."""
    assert _feature_rewrites(text) == rewrites


@pytest.mark.parametrize(
    ("text", "matched", "described"),
    [
        # how something is or works: no duty to reframe
        ("Story mapping is used to plan releases around user journeys", "releases", True),
        ("A release train is a long-lived team of agile teams", "release", True),
        ("The delivery lead is measured by milestones hit on time", "on time", True),
        ("During PI planning, teams agree their objectives and dates", "dates", True),
        # duties, even with a scene or an "is" in them
        ("In this role, you will run the release schedule", "schedule", False),
        ("At Acme, led the rollout of the new CRM by Q3", "by Q3", False),
        ("Ensure the launch is a success by Q3", "by Q3", False),
        ("Deliver the stock-count app by Q3", "by Q3", False),
    ],
)
def test_descriptions_get_no_rewrite(text: str, matched: str, described: bool) -> None:
    """A statement that describes a practice or a role, rather than a duty, is not reframed."""
    verdict = _verdict(text, _evidence(text, matched, tags=("timeline", "feature", "task")))
    assert (reframe_verdict(verdict) == ()) is described


# ------------------------------------------------------------------ a third sample


@pytest.mark.parametrize(
    ("text", "matched", "described"),
    [
        # definitions and explanations: "X is the ...", "X is about ...", "X means ..."
        (
            "The burndown chart is the team's daily view of the work left in the sprint",
            "sprint",
            True,
        ),
        ("Change control is about keeping the baseline schedule honest", "schedule", True),
        ("Timeboxing means ending every meeting on time, finished or not", "on time", True),
        ("Backlog refinement is continuous and runs through the whole sprint", "sprint", True),
        # how a practice runs: "... are issued", "... is tracked"
        ("Highlight reports are issued to the board after each milestone", "milestone", True),
        ("Supplier spend is tracked against the delivery schedule each month", "schedule", True),
        # a step of the hiring process
        (
            "Shortlisted applicants will be asked to walk the panel through a schedule",
            "schedule",
            True,
        ),
        # a scene opened with "With ..."
        ("With a fixed-price contract, the scope gives way before the deadline", "deadline", True),
        # duties keep their rewrites
        ("With the platform team, deliver the billing module by Q3", "by Q3", False),
        ("Make sure the release is the one customers were promised by Q3", "by Q3", False),
        ("Ship the tariff calculator on schedule", "on schedule", False),
    ],
)
def test_third_sample_descriptions_get_no_rewrite(text: str, matched: str, described: bool) -> None:
    """Definitions, "is about", "means", "are issued" and "With X, ..." scenes are no duties."""
    verdict = _verdict(text, _evidence(text, matched, tags=("timeline", "feature", "task")))
    assert (reframe_verdict(verdict) == ()) is described


@pytest.mark.parametrize(
    ("text", "rewrites"),
    [
        # a Release Train Engineer ships nothing
        ("Served as release train engineer for the payments teams", []),
        ("Coach the release train engineers on PI planning", []),
        # a release train that is a release schedule is still a release
        ("Plan and run the monthly release train", [RELEASE_REWRITE]),
    ],
)
def test_a_release_train_engineer_is_no_release(text: str, rewrites: list[str]) -> None:
    """The feature shift does not ask what a Release Train Engineer ships."""
    at = text.lower().index("release")
    evidence = Evidence(
        at, at + 7, text[at : at + 7], "release", Label.PROJECT, None, ("feature",), 1.0
    )
    assert [item.rewrite for item in reframe_verdict(_verdict(text, evidence))] == rewrites


@pytest.mark.parametrize(
    ("text", "matched", "rewrite"),
    [
        # "Interviews" is a verb, not the object's first word
        (
            "Interviews clinicians about referral delays and keeps the triage project on schedule",
            "on schedule",
            TIMELINE_QUOTED.format(
                "Interviews clinicians about referral delays and keeps the triage project"
                " on schedule"
            ),
        ),
        # "and prove ..." is a second clause
        (
            "Ship the loyalty app on time and prove it lifted repeat orders",
            "on time",
            TIMELINE + "the loyalty app on time",
        ),
    ],
)
def test_third_sample_timeline_objects(text: str, matched: str, rewrite: str) -> None:
    """Verbs the lists lacked no longer run into the timeline rewrite's object."""
    assert _timeline_rewrite(text, matched) == rewrite


# ------------------------------------------------------------------ duties only


@pytest.mark.parametrize(
    ("text", "matched", "duty"),
    [
        # no duty's shape: a practice, a hiring step, a company, a definition
        ("Each quarter closes with a retro on the delivery schedule", "schedule", False),
        ("Shortlisted people then sit a timed exercise on release planning", "release", False),
        ("Velocity charts show how much work the squad finishes per sprint", "sprint", False),
        ("Burn-up reports tell the board how far the rollout is", "rollout", False),
        ("Tallyworks helps councils schedule bin collections", "schedule", False),
        ("Onboarding tasks are tracked in a shared sheet", "tasks", False),
        ("Our releases go out every second Thursday", "releases", False),
        # duties: an imperative, a CV verb, a lead-in, a role and its verb
        ("Coordinate the depot cutover by Q3", "by Q3", True),
        ("Sequenced the warehouse go-lives against the peak season deadline", "deadline", True),
        ("Reconciled supplier invoices before the month-end deadline", "deadline", True),
        ("You will own the depot rollout schedule", "schedule", True),
        ("Responsible for the payroll migration timeline", "timeline", True),
        ("The release coordinator reconciles the cutover plan with the schedule", "schedule", True),
        ("Delivery leads chair the weekly milestone review", "milestone", True),
        ("In this role, you will run the quarterly release schedule", "schedule", True),
        ("Attend every sprint review with the squad", "sprint", True),
    ],
)
def test_only_duties_are_reframed(text: str, matched: str, duty: bool) -> None:
    """A rewrite is offered only for a statement shaped as a duty, not for a description."""
    verdict = _verdict(text, _evidence(text, matched, tags=("timeline", "feature", "task")))
    assert states_duty(text) is duty
    assert bool(reframe_verdict(verdict)) is duty


@pytest.mark.parametrize(
    ("text", "matched", "rewrite"),
    [
        # "with" after the object's head names a partner: no "with X with Y"
        (
            "Settle delivery dates with the franchise owners",
            "delivery dates",
            TIMELINE_QUOTED.format("Settle delivery dates with the franchise owners"),
        ),
        (
            "Negotiate the depot cutover schedule with regional managers",
            "schedule",
            TIMELINE_QUOTED.format("Negotiate the depot cutover schedule with regional managers"),
        ),
        # a role opens the statement: its verb is no part of the object
        (
            "The release coordinator juggles freeze dates for each store by Friday",
            "by Friday",
            TIMELINE + "freeze dates for each store by Friday",
        ),
        (
            "Site managers tally crew hours against the schedule",
            "the schedule",
            TIMELINE + "crew hours against the schedule",
        ),
        # no partner, or "with" inside a longer head: the object stays
        (
            "Publish the cutover schedule",
            "schedule",
            TIMELINE + "the cutover schedule",
        ),
        (
            "Plan the merger of the depot with the hub by June",
            "by June",
            TIMELINE + "the merger of the depot with the hub by June",
        ),
    ],
)
def test_timeline_objects_read_right(text: str, matched: str, rewrite: str) -> None:
    """The timeline rewrite names no "with" partner twice and takes no subject for its object."""
    verdict = _verdict(text, _evidence(text, matched, tags=("timeline",)))
    assert [item.rewrite for item in reframe_verdict(verdict)] == [rewrite]


# ------------------------------------------------------------------ a reviewer's defects

QUALIFICATION = 'Ask for evidence of <which problem> solved for <which users>, not only "{}"'


@pytest.mark.parametrize(
    ("text", "rewrite"),
    [
        # one or two modifiers before the qualification words
        (
            "Demonstrable experience running vendor selections",
            QUALIFICATION.format("Demonstrable experience running vendor selections"),
        ),
        (
            "Excellent knowledge of change control",
            QUALIFICATION.format("Excellent knowledge of change control"),
        ),
        (
            "Deep, hands-on familiarity with SAFe",
            QUALIFICATION.format("Deep, hands-on familiarity with SAFe"),
        ),
        # a marker closing a statement that opens with no verb
        ("MSP certification preferred", QUALIFICATION.format("MSP certification preferred")),
        # (with a verb, "A Scrum certification is desirable" describes: no rewrite at all)
        ("Scrum certification desirable", QUALIFICATION.format("Scrum certification desirable")),
        (
            "Excellent risk management skills",
            QUALIFICATION.format("Excellent risk management skills"),
        ),
        # duties holding such words keep their rewrite
        (
            "Confirm the preferred supplier has signed the contract",
            TASK.format("Confirm the preferred supplier has signed the contract"),
        ),
        (
            "Build the squad's estimation skills",
            TASK.format("Build the squad's estimation skills"),
        ),
        # a heading that is only a task word has no duty to append a purpose to
        ("Action items", TASK_QUOTED.format("Action items")),
        ("Workload", TASK_QUOTED.format("Workload")),
    ],
)
def test_qualifications_and_headings_get_no_appended_purpose(text: str, rewrite: str) -> None:
    """Modified or marked qualifications ask for evidence; a lone task noun is quoted."""
    assert _task_rewrite(text) == rewrite


@pytest.mark.parametrize(
    ("text", "thing"),
    [
        ("Launch the stock-count app before peak season", "the stock-count app"),
        ("Deploy the kiosk software each month", "the kiosk software"),
        ("Roll out the driver app fortnightly", "the driver app"),
        ("Roll out the driver app weekly to all depots", "the driver app"),
    ],
)
def test_the_thing_stops_before_a_deadline_or_a_frequency(text: str, thing: str) -> None:
    """The feature rewrite's thing does not run into "before ...", "each month" or "weekly"."""
    assert _feature_rewrites(text) == [FEATURE.format(thing)]


@pytest.mark.parametrize(
    ("text", "matched", "rewrite"),
    [
        # a capital before a digit is an acronym's: "H2" stays
        ("H2 milestones", "milestones", TIMELINE + "H2 milestones"),
        # a timeline that is the whole statement is lowered like an opening word
        ("Before Q4", "Before Q4", TIMELINE + "this work before Q4"),
        ("By June", "By June", TIMELINE + "this work by June"),
    ],
)
def test_opening_capitals_are_lowered_only_on_words(text: str, matched: str, rewrite: str) -> None:
    """Only an opening word's capital is lowered, not an acronym's ("H2") or a name's."""
    assert _timeline_rewrite(text, matched) == rewrite


@pytest.mark.parametrize("function", [reframe_verdict, leans_project])
@pytest.mark.parametrize(
    "value", ["Deliver the reporting module by Q3", None, {"label": "project"}]
)
def test_a_verdict_function_given_no_verdict_names_the_type(
    function: object, value: object
) -> None:
    """reframe_verdict("Deliver ...") (reframe's job) raised AttributeError: 'str' object
    has no attribute 'label'; it is a TypeError naming the function and the type, and a
    statement is pointed to reframe()."""
    name = function.__name__  # type: ignore[attr-defined]
    with pytest.raises(
        TypeError, match=rf"^{name}\(\) expects a Verdict, got {type(value).__name__}"
    ):
        function(value)  # type: ignore[operator]
    if isinstance(value, str):
        with pytest.raises(TypeError, match=r"use reframe\(\) for a statement"):
            function(value)  # type: ignore[operator]


# ------------------------------------------------------------------ a fourth review: qualifications

FEATURE_QUALIFICATION = (
    'Ask for evidence that <which users> used or paid for what was shipped, not only "{}"'
)


@pytest.mark.parametrize(
    ("text", "matched", "tag", "rewrite"),
    [
        # a qualification's timeline or feature is no work to give an outcome or users
        (
            "Proven ability to keep vendor programmes on schedule",
            "on schedule",
            "timeline",
            TIMELINE_QUALIFICATION.format("Proven ability to keep vendor programmes on schedule"),
        ),
        (
            "Experience with scheduling tools such as Primavera P6",
            "scheduling",
            "timeline",
            TIMELINE_QUALIFICATION.format("Experience with scheduling tools such as Primavera P6"),
        ),
        (
            "Experience launching consumer banking apps",
            "launching",
            "feature",
            FEATURE_QUALIFICATION.format("Experience launching consumer banking apps"),
        ),
        # years in a field, with or without "of experience"
        (
            "12+ years in retail store operations",
            "operations",
            "task",
            QUALIFICATION.format("12+ years in retail store operations"),
        ),
        (
            "Eight years running warehouse fit-outs to deadline",
            "deadline",
            "timeline",
            TIMELINE_QUALIFICATION.format("Eight years running warehouse fit-outs to deadline"),
        ),
        # a certification named last, in a statement that opens with no verb
        (
            "ISTQB, CSM or equivalent agile certification",
            "agile",
            "task",
            QUALIFICATION.format("ISTQB, CSM or equivalent agile certification"),
        ),
        (
            "NEBOSH General Certificate or equivalent",
            "General",
            "task",
            QUALIFICATION.format("NEBOSH General Certificate or equivalent"),
        ),
        # a duty that ends on such a word stays a duty
        (
            "Prepare the site team for the ISO 9001 certification",
            "Prepare",
            "task",
            TASK.format("Prepare the site team for the ISO 9001 certification"),
        ),
        (
            "Ship the loyalty module to the years-ahead planning group",
            "Ship",
            "feature",
            FEATURE.format("the loyalty module"),
        ),
    ],
)
def test_a_qualification_gets_no_duty_rewrite(
    text: str, matched: str, tag: str, rewrite: str
) -> None:
    """A qualification ("Experience with ...", "12+ years in ...", "... or equivalent
    certification") was given a purpose, an outcome or users as if it were a duty
    ("Achieve <measurable outcome> for <which users> with scheduling tools such as ...");
    each shift asks for evidence of what it achieved instead."""
    verdict = _verdict(text, _evidence(text, matched, tags=(tag,)))
    assert [item.rewrite for item in reframe_verdict(verdict)] == [rewrite]


@pytest.mark.parametrize(
    ("text", "matched", "rewrite"),
    [
        # a purpose or a clause after the object: the object alone would lose it
        (
            "Plan the depot refits to keep every store trading through December",
            "Plan",
            TIMELINE_QUOTED.format(
                "Plan the depot refits to keep every store trading through December"
            ),
        ),
        (
            "Stagger the kitchen installs so each ward keeps one working pantry",
            "Stagger",
            TIMELINE_QUOTED.format(
                "Stagger the kitchen installs so each ward keeps one working pantry"
            ),
        ),
        (
            "Draft the cutover plan to migrate payroll onto the new ledger by April",
            "by April",
            TIMELINE_QUOTED.format(
                "Draft the cutover plan to migrate payroll onto the new ledger by April"
            ),
        ),
        # a verb whose "to" names the recipient or the target
        (
            "Escalate slipping vendor dates to the programme board",
            "vendor dates",
            TIMELINE_QUOTED.format("Escalate slipping vendor dates to the programme board"),
        ),
        (
            "Map every squad's backlog to the quarterly milestones",
            "milestones",
            TIMELINE_QUOTED.format("Map every squad's backlog to the quarterly milestones"),
        ),
        # "to" that is part of the object's own noun phrase stays
        (
            "Track changes to the fit-out schedule",
            "schedule",
            TIMELINE + "changes to the fit-out schedule",
        ),
        (
            "Plan the move of the archive to the new store by June",
            "by June",
            TIMELINE + "the move of the archive to the new store by June",
        ),
        # duty verbs the list lacked were read as part of the object
        (
            "Map out the payroll cutover and chase each sign-off",
            "Map",
            TIMELINE + "the payroll cutover",
        ),
        (
            "Contribute to the station rebuild timeline",
            "timeline",
            TIMELINE + "the station rebuild timeline",
        ),
        (
            "Rebaseline the works schedule and put extra crews on the late blocks",
            "schedule",
            TIMELINE + "the works schedule",
        ),
    ],
)
def test_the_timeline_object_keeps_what_goes_with_it(text: str, matched: str, rewrite: str) -> None:
    """The timeline rewrite named the object alone where it loses what goes with it
    ("Schedule the work to meet the SLA" gave "with the work"; "Escalate delays to the
    board" gave "with delays to the board") or took an unknown verb for the object
    ("with map out the payroll cutover and chase ..."): it quotes the statement, or
    finds the object past the verb."""
    assert _timeline_rewrite(text, matched) == rewrite


@pytest.mark.parametrize(
    ("text", "matched", "duty"),
    [
        # a role inside an opening phrase or after a subject of its own is no subject
        ("In each release cycle the team agrees its test plan", "release", False),
        ("During each sprint the team agrees its test plan", "sprint", False),
        ("Each spring we ask engineering leads how the roadmap dates held up", "dates", False),
        ("Twice a year we audit the delivery schedule with finance", "schedule", False),
        # what a thing holds, when it happens, a rule
        ("The platform team includes a tester and a release manager", "release", False),
        ("Gate reviews take place before each launch", "launch", False),
        ("Postmortems happen within a week of every release", "release", False),
        ("Fire and safety training is mandatory before the go-live date", "go-live date", False),
        # duties, which these rules leave alone
        ("In this role you will run the store rollout schedule", "schedule", True),
        ("Once a quarter, run the release readiness review", "release", True),
        ("The launch manager takes the checklist to every go-live", "go-live", True),
        ("Weekly status reports including schedule risks", "schedule", True),
        ("Include the vendor dates in the master schedule", "schedule", True),
    ],
)
def test_fourth_sample_descriptions_get_no_rewrite(text: str, matched: str, duty: bool) -> None:
    """Descriptions with a duty's shape were rewritten: a role inside an opening phrase
    ("In every release cycle the squad agrees ...") or after "we" was taken for the
    subject, and what a thing includes or when it happens read as a duty."""
    verdict = _verdict(text, _evidence(text, matched, tags=("timeline", "feature", "task")))
    assert states_duty(text) is duty
    assert bool(reframe_verdict(verdict)) is duty


def test_a_qualification_naming_no_release_gets_no_feature_rewrite() -> None:
    """A qualification whose feature word names no release (a Release Train Engineer)
    gets no feature rewrite, as a duty with it gets none."""
    text = "SAFe Release Train Engineer certification preferred"
    assert _feature_rewrites(text) == []
    assert _task_rewrite(text) == QUALIFICATION.format(text)


@pytest.mark.parametrize(
    ("text", "rewrites"),
    [
        # people or money released, or news: no release
        ("Close out the pilot with the team released to other work", []),
        ("Hand over the depot with contractors released and keys returned", []),
        ("Make sure the freed budget is released before year end", []),
        ("Draft press releases for the store openings", []),
        ("Write the news release for the merger", []),
        # a release by people, or of a new thing, stays one
        ("Make sure engineering teams ship on the same day", [FEATURE.format(RELEASE)]),
        ("Book the cross-team release review", [FEATURE.format(RELEASE)]),
        ("Scope the new release with the squad leads", [FEATURE.format(RELEASE)]),
    ],
)
def test_people_released_or_press_releases_ship_nothing(text: str, rewrites: list[str]) -> None:
    """The feature shift asked what a release ships for people or money freed ("team
    released", "resources are deployed") and for press releases."""
    at = next(
        i for i, word in enumerate(text.lower().split()) if word.startswith(("releas", "ship"))
    )
    start = len(" ".join(text.split()[:at])) + bool(at)
    word = text.split()[at]
    evidence = Evidence(
        start, start + len(word), word, word.lower(), Label.PROJECT, None, ("feature",), 1.0
    )
    assert [item.rewrite for item in reframe_verdict(_verdict(text, evidence))] == rewrites


@pytest.mark.parametrize(
    ("text", "rewrite"),
    [
        # a second duty with a clause verb ends on that clause: a purpose would join it
        (
            "Book the venue and make sure every speaker has a slot",
            TASK_QUOTED.format("Book the venue and make sure every speaker has a slot"),
        ),
        (
            "Runs the quarterly audit and ensures each finding gets an owner",
            TASK_QUOTED.format("Runs the quarterly audit and ensures each finding gets an owner"),
        ),
        (
            "Set up the team board and help the squad limit work in progress",
            TASK_QUOTED.format("Set up the team board and help the squad limit work in progress"),
        ),
        # a second duty with a plain verb still takes the purpose
        (
            "Book the venue and brief every speaker",
            TASK.format("Book the venue and brief every speaker"),
        ),
    ],
)
def test_a_purpose_is_not_appended_to_a_clause_verbs_clause(text: str, rewrite: str) -> None:
    """ "... and make sure every speaker has a slot to solve <which problem>" read as
    the purpose of the last clause; the task shift quotes such a statement."""
    assert _task_rewrite(text) == rewrite


@pytest.mark.parametrize(
    ("text", "duty"),
    [
        ("Testers who find a blocker before launch raise it in the channel", False),
        ("Anyone whose task slips past the deadline flags it at stand-up", False),
        ("Chair the launch review and whoever owns a slipped task reports on it", True),
        ("Attend whichever launch review your squad is in", True),
    ],
)
def test_a_subject_with_who_is_no_duty(text: str, duty: bool) -> None:
    """ "Developers who discover extra tasks ... add them ..." opens with a subject and
    its relative clause, not an unknown verb: it describes a practice."""
    assert states_duty(text) is duty


def test_reframe_describe_is_one_line_when_a_cue_spans_a_line_break() -> None:
    """``Reframe.describe`` is "one line": words found across a line break of the
    statement ("release\\nschedule") kept it, as ``Verdict.explain`` does not."""
    lines = [item.describe() for item in reframe("Own the release\nschedule and the plan")]
    assert lines
    assert not any("\n" in line for line in lines)
    assert any('"release schedule"' in line for line in lines)
