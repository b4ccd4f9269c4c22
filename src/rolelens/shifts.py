"""The mindset coach: spot project framing in a statement and offer the product-minded shift.

Three shifts move a statement from project thinking to product thinking
(their ids and questions come from the catalog): tasks to problems ("What
problem does this solve?"), timelines to outcomes ("What result should this
achieve?") and features to value ("Will a user actually pay for or use
this?"). :func:`reframe` classifies a statement and, when it leans to the
project side, returns one :class:`Reframe` per shift its evidence calls for,
with a rewrite template that keeps the statement's own words.

Theory of operation
-------------------
1. Only statements whose verdict leans project-side are coached: the label
   is not ``product`` and the project score beats the product score.
   Product-leaning statements get an empty tuple, and so do statements that
   state no duty (see :func:`states_duty`): one that describes a practice, a
   hiring step or a company ("Every implementation ends with a review",
   "Candidates then complete a take-home exercise") has nothing to reframe.
   A duty opens with a lead-in, a verb, or a role and its verb.
2. Each piece of evidence that is not negated gets its framing tags: the
   lexicon's own ``task``/``timeline``/``feature`` tags when the cue has
   them, otherwise the tags of the fallback vocabulary in
   ``data/shifts.toml`` whose stems occur in the evidence's matched words.
   The fallback keeps the coach working with lexicons that carry no framing
   tags (a user's own, or a fitted one).
3. A shift is offered when at least one piece of evidence has its tag; the
   reframe lists that evidence, so every suggestion says what it reacts to.
4. The rewrite fills the shift's template from the statement itself: the
   statement, its timeline phrases, and its object. The object is found
   without a parser, from word lists in ``data/shifts.toml``: past a lead-in
   ("You will", "Responsible for", "Five years of experience"), past the
   leading verbs ("Build and maintain", "Plan, track and report on",
   "Managing") or past a subject and its verb ("The release manager keeps"),
   up to where a second clause starts ("... and publish a report", "... to
   hit the deadline", "..., escalating slips", "... so that ..."). What is left is
   the statement's own words, verbatim ("the project schedule"), or a noun
   phrase statement itself ("Quarterly deadlines"). When the statement's
   shape is not understood (no object after "Ensure ...", two sentences, a
   "Title - subtitle" line) the shift's fallback template, which quotes the
   whole statement, is used instead, so a rewrite does not read as broken
   English. A template that appends to the statement ("... to solve <which
   problem>") is used only when the statement ends on its duty: after a
   clause ("... that falls behind", "..., including X") it gets the fallback,
   and after a purpose naming a result ("... to reduce churn") its
   ``purpose_template``, so no second purpose is added. A shift's topics
   (statements about requirements) come before all of these. An object that
   names people ("a team of 12 engineers") gives way to what a purpose after
   it works on ("... to launch the mobile app"), and a closing timeline after
   a second clause with its own object stays with that clause unless it is a
   deadline ("by Q3"). A rewrite names the object only when the words it
   reacts to are in or before the object, or in a closing timeline that is
   the object's; timeline words in a second clause ("... and then update the
   migration schedule") get the fallback, and so does an object that leaves
   out a purpose, a clause or a recipient after it ("Schedule the work to
   meet the SLA", "Escalate delays to the board"), which it would lose. A
   "so that" clause naming a result ("... so that invoices are paid faster")
   counts as a purpose naming a result.
5. The feature shift (a shift with a ``release_template``) asks about a thing
   users get, so it names one: the object when its head is a thing ("the
   reporting module"), what a rollout or launch ships ("the rollout of the
   new CRM to 400 users" -> "the new CRM"), or the object of a making verb
   later on ("... to launch the mobile app"). Feature words that name only
   the release ("the release plan", "before the launch") get the
   ``release_template``, which asks about what the release ships; words
   that name neither ("integration testing", "release the contractors"),
   a thing on its way out ("Retire the old export feature") and a launched
   meeting ("Launched a dependency review") get no rewrite from the shift.

Everything is linear in the length of the statement.
"""

from __future__ import annotations

import functools
import itertools
import re
import string
from collections.abc import Container, Iterable, Mapping
from collections.abc import Set as AbstractSet
from importlib import resources
from typing import TYPE_CHECKING, Any, Final

import attrs

from rolelens._checks import must_be_str, must_have
from rolelens._collection import collection_paused
from rolelens._serialization import parse_data_text, structure
from rolelens.classifier import STATEMENT_TAG, Evidence, Verdict, _unstructure_evidence
from rolelens.errors import ArgumentError, CatalogError
from rolelens.labels import Label
from rolelens.text import marks_like, normalise_phrase, tokenize

if TYPE_CHECKING:
    from rolelens.classifier import SupportsClassify

__all__ = [
    "FRAMING_TAGS",
    "PLACEHOLDERS",
    "Reframe",
    "leans_project",
    "reframe",
    "reframe_verdict",
    "states_duty",
]

#: The evidence tags the coach reacts to.
FRAMING_TAGS: Final[tuple[str, ...]] = ("task", "timeline", "feature")

#: The placeholders a rewrite template may use.
PLACEHOLDERS: Final[frozenset[str]] = frozenset({"statement", "core", "object", "timeline"})

SHIFTS_RESOURCE: Final = "data/shifts.toml"


def _evidence_tuple(value: Iterable[Any]) -> Any:
    """The evidence as a tuple; what is no list of it (``None``, one str, one
    :class:`~rolelens.classifier.Evidence`, a set) is left for the validator to refuse."""
    given: object = value  # whatever the annotation says, a caller may pass anything
    if isinstance(given, (str, tuple)) or not isinstance(given, Iterable):
        return given  # an Evidence is a tuple: checked item by item below
    if isinstance(given, (AbstractSet, Mapping)):
        return given
    return tuple(value)


def _check_evidence(_instance: object, _attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, tuple) or isinstance(value, Evidence):
        raise TypeError(f"Reframe.evidence must be a list of Evidence, got {type(value).__name__}")
    for position, item in enumerate(value):
        if not isinstance(item, Evidence):
            raise TypeError(
                f"Reframe.evidence[{position}] must be an Evidence, got {type(item).__name__}"
            )


@attrs.frozen
class Reframe:
    """One suggested shift for a statement.

    ``shift`` is the catalog's shift id (``tasks_to_problems``,
    ``timelines_to_outcomes`` or ``features_to_value``), ``question`` the
    product-minded question to ask, ``evidence`` the classifier evidence that
    shows the project framing, and ``rewrite`` a template of the statement
    reframed, with ``<placeholders>`` for the writer to fill in. A field of
    the wrong type (``evidence=None``, a str for ``evidence``, a number for
    ``shift``) raises ``TypeError`` naming it.
    """

    shift: str = attrs.field(validator=must_be_str)
    question: str = attrs.field(validator=must_be_str)
    evidence: tuple[Evidence, ...] = attrs.field(
        converter=_evidence_tuple, validator=_check_evidence
    )
    rewrite: str = attrs.field(validator=must_be_str)

    def words(self) -> tuple[str, ...]:
        """The words it reacts to, each once, in the order of the evidence.

        Two cues can match the same words (an opening-word cue and the word
        itself), and one cue's words can lie inside another's ("Deliver" in
        "Deliver the"), so the evidence may hold them twice; a reader needs
        them once, as the longest match that holds them.
        """
        # A span lies inside a longer one when another span holds it: sorted by start,
        # the longest first, one that reaches as far as a span sorted before it. One
        # pass, not every span against every other: a long statement has thousands.
        inside: set[tuple[int, int]] = set()
        reach = -1
        for start, end in sorted(
            {(item.start, item.end) for item in self.evidence}, key=lambda s: (s[0], -s[1])
        ):
            if end <= reach:
                inside.add((start, end))
            reach = max(reach, end)
        return tuple(
            dict.fromkeys(
                item.matched for item in self.evidence if (item.start, item.end) not in inside
            )
        )

    def describe(self) -> str:
        """One line: the question and the words it reacts to (words found across a
        line break shown with one space, as :meth:`Verdict.explain
        <rolelens.Verdict.explain>` shows them)."""
        words = ", ".join(f'"{" ".join(word.split())}"' for word in self.words())
        return f"{self.shift}: {self.question} (reacting to {words})"

    def to_dict(self) -> dict[str, Any]:
        """This reframe as plain data for JSON, as ``rolelens reframe --format jsonl``
        writes it: ``{"shift", "question", "rewrite", "evidence"}``, each evidence
        item the same record as in :meth:`Verdict.to_dict
        <rolelens.Verdict.to_dict>` (spans into the statement).
        """
        return {
            "shift": self.shift,
            "question": self.question,
            "rewrite": self.rewrite,
            "evidence": [_unstructure_evidence(item) for item in self.evidence],
        }


# --------------------------------------------------------------------------- data


def _check_template(_instance: object, _attribute: attrs.Attribute[Any], value: str) -> None:
    for _literal, name, spec, conversion in string.Formatter().parse(value):
        if name is None:
            continue
        if name not in PLACEHOLDERS or spec or conversion:
            raise ArgumentError(
                f"template placeholder {{{name}}} is not allowed "
                f"(use {', '.join('{' + p + '}' for p in sorted(PLACEHOLDERS))})"
            )


@functools.cache
def _placeholders(template: str) -> frozenset[str]:
    return frozenset(
        name for _literal, name, _spec, _conv in string.Formatter().parse(template) if name
    )


def _check_fallback(instance: object, attribute: attrs.Attribute[Any], value: str) -> None:
    _check_template(instance, attribute, value)
    if _placeholders(value) & {"object", "core"}:
        raise ValueError("a fallback quotes the {statement}: it may not use {object} or {core}")


def _check_tag(_instance: object, _attribute: attrs.Attribute[Any], value: str) -> None:
    if value not in FRAMING_TAGS:
        raise ArgumentError(f"tag must be one of {', '.join(FRAMING_TAGS)}, got {value!r:.40}")


@attrs.frozen
class _Topic:
    """A template for statements about one topic ("requirements"), found by its words."""

    words: tuple[str, ...]
    template: str = attrs.field(validator=_check_fallback)
    # The words must open the statement (after any number: "Five years of experience").
    opens: bool = False
    # With ``opens``: up to two modifiers may precede the words ("Proven experience"),
    # and a marker closing a statement that opens with no verb matches too.
    modifiers: tuple[str, ...] = ()
    markers: tuple[str, ...] = ()


@attrs.frozen
class _TopicStems:
    """A topic with its words, modifiers and markers as stem tuples, built with the coach."""

    topic: _Topic
    words: frozenset[tuple[str, ...]]
    modifiers: frozenset[tuple[str, ...]]
    markers: frozenset[tuple[str, ...]]


@attrs.frozen
class _ShiftSpec:
    id: str
    tag: str = attrs.field(validator=_check_tag)
    template: str = attrs.field(validator=_check_template)
    vocabulary: tuple[str, ...] = ()
    fallback: str = attrs.field(default="", validator=_check_fallback)
    # The template appends to the statement: only a statement that ends on its duty takes it.
    appends: bool = False
    purpose_template: str = attrs.field(default="", validator=_check_template)
    topics: tuple[_Topic, ...] = ()
    # The shift asks about a thing users get: its rewrite names one, or asks about
    # what a release ships when the statement names only a release (see _value).
    release_template: str = attrs.field(default="", validator=_check_fallback)
    # For a qualification ("Five years of experience ..."), which is no duty.
    qualification_template: str = attrs.field(default="", validator=_check_fallback)


@attrs.frozen
class _Qualifications:
    """The words that make a statement a qualification (see ``shifts.toml``)."""

    words: tuple[str, ...] = ()
    modifiers: tuple[str, ...] = ()
    markers: tuple[str, ...] = ()


@attrs.frozen
class _ShiftFile:
    shifts: tuple[_ShiftSpec, ...]
    verbs: tuple[str, ...] = ()
    clause_verbs: tuple[str, ...] = ()
    verb_lead_ins: tuple[str, ...] = ()
    lead_ins: tuple[str, ...] = ()
    numbers: tuple[str, ...] = ()
    number_joins: tuple[str, ...] = ()
    determiners: tuple[str, ...] = ()
    prepositions: tuple[str, ...] = ()
    conjunctions: tuple[str, ...] = ()
    clause_breaks: tuple[str, ...] = ()
    pronouns: tuple[str, ...] = ()
    clause_words: tuple[str, ...] = ()
    object_heads: tuple[str, ...] = ()
    object_head_links: tuple[str, ...] = ()
    articles: tuple[str, ...] = ()
    object_openers: tuple[str, ...] = ()
    timeline_starts: tuple[str, ...] = ()
    timeline_joins: tuple[str, ...] = ()
    clause_markers: tuple[str, ...] = ()
    result_verbs: tuple[str, ...] = ()
    thing_words: tuple[str, ...] = ()
    release_words: tuple[str, ...] = ()
    frequency_starts: tuple[str, ...] = ()
    frequency_units: tuple[str, ...] = ()
    frequency_words: tuple[str, ...] = ()
    making_verbs: tuple[str, ...] = ()
    work_heads: tuple[str, ...] = ()
    destinations: tuple[str, ...] = ()
    released_not_shipped: tuple[str, ...] = ()
    news_words: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    deadline_starts: tuple[str, ...] = ()
    description_verbs: tuple[str, ...] = ()
    scene_openers: tuple[str, ...] = ()
    changing_verbs: tuple[str, ...] = ()
    recipient_verbs: tuple[str, ...] = ()
    result_clauses: tuple[str, ...] = ()
    result_clause_words: tuple[str, ...] = ()
    retiring_words: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    qualifications: _Qualifications = _Qualifications()
    version: int = 1


@attrs.frozen
class _Coach:
    """The loaded shift data, keyed for lookups."""

    shifts: tuple[_ShiftSpec, ...]
    questions: Mapping[str, str]
    vocabulary: Mapping[tuple[str, ...], frozenset[str]]  # stems -> tags
    verbs: frozenset[tuple[str, ...]]
    starts: frozenset[str]
    lead_in: frozenset[str]
    longest: int
    # Finding the object (see _find_object): phrases as stem tuples, single words as stems.
    clause_verbs: frozenset[tuple[str, ...]] = frozenset()
    lead_ins: Mapping[tuple[str, ...], bool] = attrs.Factory(dict)  # -> whether a verb follows
    clause_breaks: frozenset[tuple[str, ...]] = frozenset()
    numbers: frozenset[str] = frozenset()
    number_joins: frozenset[str] = frozenset()
    determiners: frozenset[str] = frozenset()
    prepositions: frozenset[str] = frozenset()
    conjunctions: frozenset[str] = frozenset()
    pronouns: frozenset[str] = frozenset()
    clause_words: frozenset[str] = frozenset()
    object_heads: frozenset[tuple[str, ...]] = frozenset()
    object_head_links: frozenset[str] = frozenset()
    articles: frozenset[str] = frozenset()
    object_openers: frozenset[str] = frozenset()
    # Choosing a template (see _shape and _template).
    clause_markers: frozenset[tuple[str, ...]] = frozenset()
    result_verbs: frozenset[tuple[str, ...]] = frozenset()
    topics: Mapping[str, tuple[_TopicStems, ...]] = attrs.Factory(dict)
    # Things and releases (see _value).
    thing_words: frozenset[tuple[str, ...]] = frozenset()
    release_words: frozenset[tuple[str, ...]] = frozenset()
    frequency_starts: frozenset[str] = frozenset()  # where a thing ends (see _thing)
    frequency_units: frozenset[str] = frozenset()
    frequency_words: frozenset[str] = frozenset()
    making_verbs: frozenset[tuple[str, ...]] = frozenset()
    work_heads: frozenset[tuple[str, ...]] = frozenset()
    destinations: frozenset[str] = frozenset()
    released_not_shipped: frozenset[tuple[str, ...]] = frozenset()
    news_words: frozenset[str] = frozenset()  # "press releases" (see _freed)
    people: frozenset[tuple[str, ...]] = frozenset()
    deadline_starts: frozenset[str] = frozenset()
    # Descriptions (see _describes).
    description_verbs: frozenset[tuple[str, ...]] = frozenset()
    scene_openers: frozenset[str] = frozenset()
    changing_verbs: frozenset[tuple[str, ...]] = frozenset()
    recipient_verbs: frozenset[tuple[str, ...]] = frozenset()  # "Escalate X to Y"
    result_clauses: frozenset[tuple[str, ...]] = frozenset()
    result_clause_words: frozenset[tuple[str, ...]] = frozenset()
    retiring_words: frozenset[tuple[str, ...]] = frozenset()
    roles: frozenset[tuple[str, ...]] = frozenset()  # subjects whose duties are said (see _duty)
    qualifications: _TopicStems | None = None  # what makes a qualification (see _qualification)


def _stems(phrase: str) -> tuple[str, ...]:
    return tuple(normalise_phrase(phrase).split())


@functools.cache
def _coach() -> _Coach:
    """Load ``data/shifts.toml`` once, checking each shift against the catalog."""
    from rolelens.catalog import default_catalog

    name = f"rolelens/{SHIFTS_RESOURCE}"
    text = resources.files("rolelens").joinpath(SHIFTS_RESOURCE).read_text("utf-8")
    data = structure(
        parse_data_text(text, toml=True, error=CatalogError, path=name),
        _ShiftFile,
        error=CatalogError,
        path=name,
    )
    catalog_questions = {shift.id: shift.question for shift in default_catalog().shifts}
    vocabulary: dict[tuple[str, ...], set[str]] = {}
    for position, spec in enumerate(data.shifts):
        if spec.id not in catalog_questions:
            raise CatalogError(
                f"unknown shift {spec.id!r} (catalog has: {', '.join(catalog_questions)})",
                path=name,
                entry=f"shifts[{position}]",
                field="id",
            )
        for phrase in spec.vocabulary:
            vocabulary.setdefault(_stems(phrase), set()).add(spec.tag)
    vocabulary.pop((), None)

    def phrases(entries: Iterable[str]) -> frozenset[tuple[str, ...]]:
        return frozenset(_stems(entry) for entry in entries) - {()}

    def words(entries: Iterable[str]) -> frozenset[str]:
        return frozenset(normalise_phrase(entry) for entry in entries) - {""}

    # The stemmer folds most inflections onto the base form, not all ("rolling"
    # is "rol", "roll" is "roll"; "raises" is "raiz", "raise" is "rais"): each
    # verb's "-ing", "-ed" and "-s" forms are added.
    def inflected(entries: Iterable[str]) -> frozenset[tuple[str, ...]]:
        return phrases(
            f"{first}{suffix} {rest}"
            for first, _, rest in (verb.partition(" ") for verb in entries)
            for suffix in ("", "ing", "ed", "s")
        )

    verbs = inflected(data.verbs)
    making_verbs = inflected(data.making_verbs)
    changing_verbs = inflected(data.changing_verbs)
    recipient_verbs = inflected(data.recipient_verbs)
    result_clauses = phrases(data.result_clauses)
    result_clause_words = phrases(data.result_clause_words)
    retiring_words = phrases(data.retiring_words)
    thing_words = phrases(data.thing_words)
    release_words = phrases(data.release_words)
    work_heads = phrases(data.work_heads)
    released_not_shipped = phrases(data.released_not_shipped)
    people = phrases(data.people)
    lead_ins = dict.fromkeys(phrases(data.lead_ins), False)
    lead_ins.update(dict.fromkeys(phrases(data.verb_lead_ins), True))
    clause_verbs = phrases(data.clause_verbs)
    clause_breaks = phrases(data.clause_breaks)
    object_heads = phrases(data.object_heads)
    clause_markers = phrases(data.clause_markers)
    result_verbs = phrases(data.result_verbs)
    description_verbs = phrases(data.description_verbs)
    roles = phrases(data.roles)
    topics = {
        spec.id: tuple(
            _TopicStems(
                topic, phrases(topic.words), phrases(topic.modifiers), phrases(topic.markers)
            )
            for topic in spec.topics
        )
        for spec in data.shifts
    }
    found = data.qualifications
    qualifications = _TopicStems(
        _Topic(found.words, "{statement}", True, found.modifiers, found.markers),
        phrases(found.words),
        phrases(found.modifiers),
        phrases(found.markers),
    )
    topic_words = (
        key
        for entry in (*itertools.chain.from_iterable(topics.values()), qualifications)
        for key in (*entry.words, *entry.markers, *entry.modifiers)
    )
    keys = (
        *vocabulary,
        *verbs,
        *lead_ins,
        *clause_verbs,
        *clause_breaks,
        *object_heads,
        *clause_markers,
        *result_verbs,
        *topic_words,
        *making_verbs,
        *thing_words,
        *release_words,
        *work_heads,
        *released_not_shipped,
        *people,
        *changing_verbs,
        *recipient_verbs,
        *description_verbs,
        *result_clauses,
        *result_clause_words,
        *retiring_words,
        *roles,
    )
    return _Coach(
        shifts=data.shifts,
        questions={spec.id: catalog_questions[spec.id] for spec in data.shifts},
        vocabulary={key: frozenset(tags) for key, tags in vocabulary.items()},
        verbs=verbs,
        starts=frozenset(normalise_phrase(word) for word in data.timeline_starts),
        lead_in=frozenset(
            normalise_phrase(word) for word in (*data.timeline_starts, *data.timeline_joins)
        ),
        longest=max((len(key) for key in keys), default=1),
        clause_verbs=clause_verbs,
        lead_ins=lead_ins,
        clause_breaks=clause_breaks,
        numbers=words(data.numbers),
        number_joins=words(data.number_joins),
        determiners=words(data.determiners),
        prepositions=words(data.prepositions),
        conjunctions=words(data.conjunctions),
        pronouns=words(data.pronouns),
        clause_words=words(data.clause_words),
        object_heads=object_heads,
        object_head_links=words(data.object_head_links),
        articles=words(data.articles),
        object_openers=words(data.object_openers),
        clause_markers=clause_markers,
        result_verbs=result_verbs,
        topics=topics,
        thing_words=thing_words,
        release_words=release_words,
        frequency_starts=words(data.frequency_starts),
        frequency_units=words(data.frequency_units),
        frequency_words=words(data.frequency_words),
        making_verbs=making_verbs,
        work_heads=work_heads,
        destinations=words(data.destinations),
        released_not_shipped=released_not_shipped,
        news_words=frozenset(word.lower() for word in data.news_words),
        people=people,
        deadline_starts=words(data.deadline_starts),
        changing_verbs=changing_verbs,
        recipient_verbs=recipient_verbs,
        description_verbs=description_verbs,
        scene_openers=words(data.scene_openers),
        result_clauses=result_clauses,
        result_clause_words=result_clause_words,
        retiring_words=retiring_words,
        roles=roles,
        qualifications=qualifications,
    )


# --------------------------------------------------------------------------- coaching


def _framing_tags(evidence: Evidence, coach: _Coach) -> frozenset[str]:
    """The framing tags of one piece of evidence: the lexicon's, else the vocabulary's."""
    # Negated cues frame nothing; statement-level features point at no words of their own.
    if "negated" in evidence.tags or STATEMENT_TAG in evidence.tags:
        return frozenset()
    own = frozenset(evidence.tags) & frozenset(FRAMING_TAGS)
    if own:
        return own
    words = tuple(token[0] for token in tokenize(evidence.matched))
    found: set[str] = set()
    for start in range(len(words)):
        for size in range(1, min(coach.longest, len(words) - start) + 1):
            found |= coach.vocabulary.get(words[start : start + size], frozenset())
    return frozenset(found)


def _check_verdict(verdict: object, function: str) -> None:
    """Refuse what is not a :class:`~rolelens.classifier.Verdict`, naming ``function``: a
    statement given where its verdict belongs failed with "'str' object has no attribute
    'label'"."""
    if not isinstance(verdict, Verdict):
        hint = "; use reframe() for a statement" if isinstance(verdict, str) else ""
        raise TypeError(f"{function}() expects a Verdict, got {type(verdict).__name__}{hint}")


def leans_project(verdict: Verdict) -> bool:
    """Whether the coach treats ``verdict`` as project-side framing.

    Anything but a :class:`~rolelens.classifier.Verdict` raises ``TypeError``.
    """
    _check_verdict(verdict, "leans_project")
    return _leans_project(verdict)


def _leans_project(verdict: Verdict) -> bool:
    return verdict.label is not Label.PRODUCT and verdict.score(Label.PROJECT) > verdict.score(
        Label.PRODUCT
    )


def reframe_verdict(verdict: Verdict) -> tuple[Reframe, ...]:
    """The reframes for an already classified statement (see :func:`~rolelens.reframe`).

    Anything but a :class:`~rolelens.classifier.Verdict` raises ``TypeError``; for a
    statement's text, call :func:`~rolelens.reframe`.
    """
    _check_verdict(verdict, "reframe_verdict")
    if not _leans_project(verdict):
        return ()
    coach = _coach()
    if not _states_duty(verdict.text, coach):
        return ()  # no duty to reframe
    seen: dict[tuple[str, tuple[str, ...]], frozenset[str]] = {}  # long texts repeat cues
    # One pass, evidence in text order under each framing tag it carries.
    by_tag: dict[str, list[Evidence]] = {}
    for item in verdict.evidence:
        key = (item.matched, item.tags)
        tags = seen.get(key)
        if tags is None:
            tags = seen[key] = _framing_tags(item, coach)
        for tag in tags:
            by_tag.setdefault(tag, []).append(item)
    fills = _fills(verdict.text, by_tag.get("timeline", []), coach)
    result = []
    for spec in coach.shifts:
        reacts_to = tuple(by_tag.get(spec.tag, ()))
        if reacts_to:
            values = fills.values
            qualification = (
                spec.qualification_template and fills.whole and _qualification(fills, coach)
            )
            if spec.release_template:  # a thing users get, else what a release ships
                kind, thing = _value(fills, coach)
                if kind == "none":
                    continue  # (a qualification too: "SAFe Release Train Engineer certified")
                template = {"object": spec.template, "release": spec.release_template}.get(
                    kind, spec.fallback or spec.template
                )
                values = {**values, "object": thing}
                if qualification:
                    template = spec.qualification_template
            elif qualification:
                template = spec.qualification_template
            else:
                template = _template(spec, fills, coach)
                if (
                    template == spec.template
                    and "object" in _placeholders(template)
                    and (
                        not _about_object(reacts_to, fills)
                        or ("with {object}" in template and _partnered(fills, coach))
                        or fills.leaves_out
                    )
                ):
                    # "Validate the concept with pilot customers and then manage the
                    # rollout schedule": the words it reacts to are not in the object.
                    # "Agree timelines with clients": "with timelines with clients".
                    # "Schedule the work to meet the SLA": the object alone loses the
                    # purpose, as "Escalate delays to the board" loses whom to.
                    template = spec.fallback or template
            rewrite = " ".join(template.format_map(values).split())
            result.append(Reframe(spec.id, coach.questions[spec.id], reacts_to, rewrite))
    return tuple(result)


def reframe(statement: str, *, classifier: SupportsClassify | None = None) -> tuple[Reframe, ...]:
    """Offer product-minded reframes for a task-, timeline- or feature-centred ``statement``.

    Uses ``classifier`` (default: the built-in one), whose ``classify`` must
    return a :class:`~rolelens.classifier.Verdict` (else ``TypeError``).
    Statements that lean product-side, or show no such framing, get an empty
    tuple.

    >>> timeline = [r for r in reframe("Deliver the reporting module by Q3")
    ...             if r.shift == "timelines_to_outcomes"][0]
    >>> timeline.question
    'What result should this achieve?'
    >>> [e.matched for e in timeline.evidence]
    ['by Q3']
    >>> timeline.rewrite
    'Achieve <measurable outcome> for <which users> with the reporting module by Q3'
    >>> [r.rewrite for r in reframe("Build and maintain the project schedule and status reports")
    ...  if r.shift == "timelines_to_outcomes"]
    ['Achieve <measurable outcome> for <which users> with the project schedule and status reports']
    """
    if not isinstance(statement, str):  # the classifier's TypeError, named for this call
        raise TypeError(f"reframe() expects a str, got {type(statement).__name__}")
    if classifier is None:
        from rolelens.classifier import default_classifier

        classifier = default_classifier()
    must_have(classifier, "classify", "classifier", "Classifier")
    # A megabyte-long statement makes evidence by the million (see rolelens._collection).
    with collection_paused(len(statement)):
        verdict = classifier.classify(statement)
        if not isinstance(verdict, Verdict):
            # reframe_verdict's own error pointed to reframe(), the very call made.
            raise TypeError(
                f"reframe(): classifier.classify() returned {type(verdict).__name__}, "
                "expected a Verdict"
            )
        return reframe_verdict(verdict)


_SCENE_WORDS: Final = 6  # words of a subject or an opening scene looked at


def _describes(words: _Words, coach: _Coach) -> bool:
    """Whether ``words`` say how something is, not what someone does (see ``shifts.toml``).

    "Planning poker is used in refinement", "A programme is a temporary
    structure", "In a Sprint Review, stakeholders see the increment"; not
    "Ensure the launch is a success" or "In this role, you will run ...".
    """
    stems = words.stems
    count = len(words)
    if not count:
        return False
    if stems[0] in coach.scene_openers:
        for at in range(2, min(_SCENE_WORDS + 2, count)):
            if words.gap_joins(at):
                # "At the weekly sync, the squads agree ...", not "At Acme, led the ..."
                return (
                    _comma(words, at)
                    and not words.verb(at)
                    and all(stem not in coach.clause_words for stem in stems[at : at + 2])
                )
        return False
    if words.verb(0) or words.match(coach.clause_verbs, 0) or words.match(coach.lead_ins, 0):
        return False
    return any(
        words.match(coach.description_verbs, at)
        and not words.gap_joins(at)
        and _form(words.word(at)) != "ing"  # "Status reports including risks ..."
        for at in range(1, min(_SCENE_WORDS + 1, count))
    )


_DEADLINE_WORDS: Final = 6  # "by the end of the quarter"
_OPENING_WORDS: Final = 8  # words of an opening phrase ("In this role, ...") looked past
_HEADING_END: Final = re.compile(r"[:\u2013\u2014]|\s-+\s")  # "Key duty: ...", "Title - ..."


def states_duty(statement: str) -> bool:
    """Whether ``statement`` states a duty, the only kind of statement
    :func:`~rolelens.reframe` rewrites.

    A duty opens with a lead-in ("You will", "Responsible for"), a verb
    ("Coordinate ...", "Led ...") or a role and its verb ("The project
    manager reconciles ..."). A statement that describes a practice, a
    hiring step or a company states none, whatever its words lean to.

    >>> states_duty("Coordinate the vendor cutover by Q3")
    True
    >>> states_duty("Candidates then complete a take-home exercise and present it to a panel")
    False
    """
    if not isinstance(statement, str):
        raise TypeError(f"states_duty() expects a str, got {type(statement).__name__}")
    return _states_duty(statement, _coach())


def _states_duty(text: str, coach: _Coach) -> bool:
    words = _Words(_unlisted(text), coach)  # read once for both tests
    return not _describes(words, coach) and _duty(words, coach)


def _duty(words: _Words, coach: _Coach) -> bool:
    """Whether ``words`` have the shape of a duty, the only thing a rewrite can reframe.

    A duty opens with a lead-in ("You will", "Responsible for", "Ability
    to"), with a verb ("Coordinate ...", "Led ...", "Managing ...", "Chair
    the ..."), or with a role and its verb ("The project manager reconciles
    ...", "Delivery managers run ..."), maybe after an opening phrase that
    a comma ends ("In this role, ...") or a heading ("Key duty: ..."). A
    statement with no such shape describes something ("Every implementation
    ends with a review", "Candidates then complete a take-home exercise").
    """
    count = len(words)
    if not count:
        return False
    if _duty_at(words, 0) or (count <= _DEADLINE_WORDS and words.stems[0] in coach.deadline_starts):
        return True  # (a bare deadline, "by Q3", is one for the work it is written under)
    opener = words.stems[0] in coach.prepositions or words.stems[0] in coach.scene_openers
    opener = opener or words.stems[0] == "as" or words.word(0).endswith("ly")
    # "Once a quarter, ...", not "Each gate in stage-gate has ..., and ..."
    opener = opener or words.stems[0] in coach.frequency_starts - coach.determiners
    for at in range(1, min(_OPENING_WORDS + 1, count)):
        gap = words.gap(at)
        if _HEADING_END.search(gap) or (opener and "," in gap):
            return _duty_at(_Words(words.core[words.tokens[at][1] :], coach), 0)
    return False


def _duty_at(words: _Words, position: int) -> bool:
    """Whether the words from ``position`` open with a duty's shape (see :func:`_duty`)."""
    coach = words.coach
    stems = words.stems
    count = len(words)
    start = position
    while start < count and (stems[start] in coach.numbers or stems[start].isdigit()):
        start += 1
    if start < count and words.match(coach.lead_ins, start):
        return True
    if stems[position] in ("is", "are") and words.match(coach.lead_ins, position + 1):
        return True  # "Is able to set up ...": a job ad's subject goes without saying
    if position < count - 1 and words.word(position).endswith("ly"):
        position += 1  # "Proactively manage ..."
    if position >= count:
        return False
    if words.match(coach.clause_verbs, position):
        return True
    joining = coach.conjunctions | coach.prepositions
    closed = joining | coach.determiners | coach.pronouns
    # A role and its verb: "The project manager reconciles ...", "PMs also help ..."
    for at in range(position, min(position + _SUBJECT_WORDS, count)):
        size = words.match(coach.roles, at)
        if not size:
            continue
        if words.match(coach.lead_ins, at):
            return True  # "In this role you'll own ..."
        if stems[at] != "you" and any(
            stems[before] in coach.prepositions or stems[before] in coach.clause_words
            for before in range(position, at)
        ):
            # "In each phase the team agrees ...", "Engineers on the team write ...",
            # "Twice a year we survey engineering leaders ...": no subject here.
            continue
        after = at + size
        if after < count and (words.word(after).endswith("ly") or stems[after] in _ADVERBS):
            after += 1  # "PMs also help ...", "The program manager then builds ..."
        if after >= count or words.gap_joins(after):
            continue
        if stems[after] in coach.prepositions:  # "The person in this role decides ..."
            after = next(
                (
                    later
                    for later in range(after + 1, min(after + 5, count))
                    if words.match(coach.lead_ins, later)
                    or (_form(words.word(later)) == "s" and stems[later] not in closed)
                ),
                after,
            )
        if stems[after] in ("is", "are") and after + 1 < count:
            after += 1  # "The project manager is responsible for ..."
            if after + 1 < count and words.word(after).endswith("ly"):
                after += 1  # "... is personally accountable for ..."
        if words.match(coach.lead_ins, after) or words.match(coach.clause_verbs, after):
            return True
        word = words.word(after)
        if words.verb(after) and _form(word) != "ing":
            return True
        plural = _form(words.word(after - 1)) == "s" or stems[after - 1] in _ADVERBS
        if (
            stems[after] not in closed
            and stems[after] not in coach.clause_words
            and (_form(word) == "s" or (plural and _form(word) == "" and not word.endswith("ed")))
        ):
            return True  # "The PM reconciles ...", "TPMs use ...": an unknown verb
    if stems[position] in closed or stems[position] in coach.clause_words:
        return False  # "Every implementation ends ...", "We offer ...": a subject first
    if stems[position] in coach.frequency_starts:
        return False  # "Twice a year we survey ...": a scene, then a subject
    if words.verb(position):
        word = words.word(position)
        if _form(word) == "" and not word.endswith("ed"):
            return True  # "Coordinate ...": an imperative
        if position + 1 < count and stems[position + 1] in coach.object_openers:
            return True  # "Led the ...", "Develops the ..."
        # "Tracks ...", "Managing vendors", not "Planning poker gives each ..."
        return _finite(words, position, closed) is None
    if (
        position + 1 < count
        and stems[position + 1] in coach.determiners
        and not words.gap_joins(position + 1)
    ):
        return True  # an unknown verb: "Teach the teams ...", "Chair the committee"
    if position + 1 < count and words.word(position + 1) in _RELATIVES:
        return False  # "Developers who find extra work add it ...": a subject first
    # An unknown verb ("Attend daily stand-ups") or a noun phrase ("Go-live
    # readiness"), not a subject and its verb ("Candidates then complete ...").
    return _finite(words, position, closed) is None


_RELATIVES: Final = frozenset({"who", "whose"})  # not "Chose which ...", "Knows that ..."


_ADVERBS: Final = frozenset({"also", "then", "together", "jointly"})
_QUESTION_WORDS: Final = frozenset({"how", "whether", "what", "why", "when", "where", "which"})


def _finite(words: _Words, position: int, closed: frozenset[str]) -> int | None:
    """Where a verb with a subject before it follows the opening word at ``position``.

    The subject is up to six words with no comma, clause marker or
    conjunction but "then" in them ("Planning poker gives ...", "Candidates
    then complete ...", "Delivery dates are shared ..."); its verb is "is",
    a modal, a clause verb in "-s" form ("Shiftbase helps ..."), a word in
    "-s" form with a determiner, a number or a question word after it
    ("gives each", "measures how"), or a word in its base form after a
    plural with a determiner after it ("Candidates complete a ...",
    "Milestone-based plans tie each ..."). ``None`` for none.
    """
    coach = words.coach
    stems = words.stems
    count = len(words)
    openers = coach.determiners | coach.object_openers | _QUESTION_WORDS
    for at in range(position + 1, min(position + _SUBJECT_WORDS + 1, count)):
        if (
            words.gap_joins(at)
            or (stems[at] in coach.conjunctions and stems[at] != "then")
            or words.match(coach.clause_breaks, at)
            or words.match(coach.clause_markers, at)  # "... plans that connect ..."
        ):
            return None
        if stems[at] in ("is", "are", "was", "were", "will", "can", "must", "should", "would"):
            return at
        if stems[at] in coach.clause_words:  # "... before they are submitted": a new clause
            return None
        word = words.word(at)
        form = _form(word)
        following = stems[at + 1] if at + 1 < count else ""
        if (
            form == "s"
            and stems[at] not in closed
            and (
                (following in openers and (following not in _QUESTION_WORDS or at > position + 1))
                or following.isdigit()
                or following in coach.numbers
                or words.match(coach.clause_verbs, at)  # "Shiftbase helps ..."
            )
        ):
            return at
        before = words.word(at - 1)
        if (
            form == ""
            and not word.endswith(("ed", "ly"))
            and stems[at] not in closed
            and stems[at] not in coach.clause_words
            and following in openers
            and (_form(before) == "s" or (stems[at - 1] == "then" and at - 1 > position))
            and not (at - 1 == position and words.verb(position))  # "Tracks translation ..."
        ):
            return at
    return None


# --------------------------------------------------------------------------- rewriting

# The marks of other widths and scripts too: "by Q3。" ended a rewrite's middle as
# "by Q3。 to solve ...".
_TRAILING: Final = " \t\r\n\u3000" + marks_like(".;:,!?") + "-"
_WINDOW: Final = 200  # characters looked at around a phrase boundary
# Not part of an object at either end.
_EDGES: Final = " \t\r\n\u3000" + marks_like(".;:,!?") + "-–—&/"
# A list marker opening a line ("• ", "- ", "1. ", "(2) "): not the statement's words.
_LIST_MARKER: Final = re.compile(r"(?:[•·▪‣◦●○■□➢➤►*+\-–—]+|\(?\d{1,3}[.)])\s+")
# Signs that a statement is not one phrase: a sentence ends inside it, or it is a
# "Heading: text" or "Title - subtitle" line.
# A full stop, colon or semicolon of another width or script ("。", "：") needs no
# space after it: "Key duty：deliver the module" was taken for one phrase, its object
# "key duty：deliver the module".
_WIDE_ENDS: Final = "".join(c for c in marks_like(".!?") if not c.isascii())
_WIDE_BREAKS: Final = "".join(c for c in marks_like(":;") if not c.isascii())
_NOT_ONE_PHRASE: Final = re.compile(
    r"[.!?][\"'”’)\]]*\s+[\"'“‘(\[]?[A-Z0-9]|[:;|]\s|\s[-–—]+\s"
    rf"|[{_WIDE_ENDS}][\"'”’)\]]*\s*[\"'“‘(\[]?[A-Z0-9]|[{_WIDE_BREAKS}]"
)
# A gap holding one of these joins two words, as "and" does; "，", "、", "＆" and "／" too.
_JOINS: Final = frozenset(marks_like(",") + "&/\uff06\ufe60\uff0f")


@attrs.frozen
class _Fills:
    """What a rewrite template is filled with, and whether the template can be used."""

    values: dict[str, str]
    found: bool  # an object was found in the statement (else "object" is the core as written)
    whole: bool  # the statement reads as one phrase
    # How the statement ends, for templates that append to it (see _shape): "plain"
    # (on its duty), "result" (on a purpose naming a result) or "open" (anything else).
    shape: str = "open"
    stems: tuple[str, ...] = ()  # the statement's word stems, for topics
    core: str = ""  # the statement without its closing timeline
    spot: _Spot | None = None  # where the core's object is (None: not looked for)
    # Where the object used ("object") is in the statement as classified, and
    # where its closing timeline starts (see _about_object).
    span: tuple[int, int] | None = None
    cut: int = 0
    # A participle clause (", keeping ...") follows the object first found, even where
    # that object (people) gave way to its purpose's: the clause still goes on about
    # the duty, so _about_object counts its words.
    participle: bool = False
    # The object used leaves out a purpose, a clause or a recipient (see _Spot).
    leaves_out: bool = False


_MODIFIERS: Final = 2  # modifiers before an opening topic's words ("Proven, relevant experience")


def _opens_topic(stems: tuple[str, ...], entry: _TopicStems, coach: _Coach) -> bool:
    """Whether the words of ``entry`` open ``stems``, after any number and up to two of
    its modifiers."""
    start = 0
    while start < len(stems) and (  # "Two or more years of experience"
        stems[start] in coach.numbers
        or stems[start].isdigit()
        or (start and stems[start] in coach.number_joins)
    ):
        start += 1
    for _ in range(_MODIFIERS + 1):
        if any(stems[start : start + len(phrase)] == phrase for phrase in entry.words):
            return True
        size = next((len(m) for m in entry.modifiers if stems[start : start + len(m)] == m), 0)
        if not size:
            return False
        start += size
    return False


def _template(spec: _ShiftSpec, fills: _Fills, coach: _Coach) -> str:
    """The template of ``spec`` that reads right for the statement ``fills`` came from."""
    if not spec.fallback:
        return spec.template
    if not fills.whole:
        return spec.fallback
    if spec.qualification_template and _qualification(fills, coach):
        return spec.qualification_template
    for entry in coach.topics.get(spec.id, ()):
        if _has_topic(entry, fills, coach):
            return entry.topic.template
    if not fills.found and "object" in _placeholders(spec.template):
        return spec.fallback
    if spec.appends and spec.tag in coach.vocabulary.get(fills.stems, frozenset()):
        return spec.fallback  # "Tasks", "Deliverables": a heading, no duty to append to
    if spec.appends and fills.shape != "plain":
        if fills.shape == "result" and spec.purpose_template:
            return spec.purpose_template
        return spec.fallback
    return spec.template


def _has_topic(entry: _TopicStems, fills: _Fills, coach: _Coach) -> bool:
    """Whether the statement ``fills`` came from is about the topic ``entry``."""
    if not entry.topic.opens:
        return _mentions(fills.stems, entry.words, coach.longest)
    if _opens_topic(fills.stems, entry, coach):
        return True
    # "PMP certification required", not "Ensure the required approvals ..."
    if any(fills.stems[-len(marker) :] == marker for marker in entry.markers):
        opening = _Words(fills.values["statement"], coach)
        return not (
            opening.verb(0)
            or opening.match(coach.clause_verbs, 0)
            or opening.match(coach.lead_ins, 0)
        )
    return False


def _qualification(fills: _Fills, coach: _Coach) -> bool:
    """Whether the statement ``fills`` came from is a qualification ("Five years of
    experience ...", "PMP certification preferred"), which is no duty to reframe."""
    return coach.qualifications is not None and _has_topic(coach.qualifications, fills, coach)


def _mentions(stems: tuple[str, ...], phrases: Container[tuple[str, ...]], longest: int) -> bool:
    """Whether one of ``phrases`` occurs in ``stems``."""
    return any(
        stems[start : start + size] in phrases
        for start in range(len(stems))
        for size in range(1, min(longest, len(stems) - start) + 1)
    )


def _unlisted(text: str) -> str:
    """``text`` with whitespace collapsed, without a leading list marker."""
    text = " ".join(text.split())
    marker = _LIST_MARKER.match(text)
    return text[marker.end() :] if marker else text


def _fills(text: str, timeline: list[Evidence], coach: _Coach) -> _Fills:
    """Template values taken from the statement's own words."""
    statement = _unlisted(text).rstrip(_TRAILING) or " ".join(text.split())
    cut = _timeline_tail(text, timeline, coach)
    core = _unlisted(text[:cut]).rstrip(_TRAILING)
    whole = _NOT_ONE_PHRASE.search(statement) is None
    spot = _find_object(core, coach) if whole else _NO_OBJECT
    found, participle, end = spot.text, spot.participle, spot.end
    leaves_out = spot.leaves_out
    shape = _shape(core, spot, coach) if found is not None else "open"
    if found is not None and _names_people(found, coach):
        # "Coordinated a team of 12 engineers to launch the mobile app": the work
        # is what the purpose works on; with no such purpose there is none.
        found, participle, end, leaves_out = _purpose_object(core, end, coach)
    # A closing timeline after a clause with an object of its own belongs to
    # that clause ("... and assessed their impact on budget and schedule"),
    # unless it is a deadline for the whole statement ("... by Q3").
    closing = tokenize(text[cut:])
    participle = participle or (
        found is not None
        and not (closing and closing[0][0] in coach.deadline_starts)
        and _own_clause(core[end:], coach)
    )
    span = None
    if found is not None:
        span = (_text_at(text, core, end - len(found)), _text_at(text, core, end))
    written = " ".join(text[cut:].split()).rstrip(_TRAILING)  # the closing timeline
    if not core:  # the statement is its timeline ("by Q3")
        found, shape = "this work", "plain"
        first, space, rest = written.partition(" ")
        if normalise_phrase(first) in coach.lead_in:  # "By Q3" -> "by Q3", not "BY Q3"
            written = _lower_capital(first) + space + rest
    return _Fills(
        values={
            "statement": statement,
            "core": core or statement,
            "object": found or core or statement,
            "timeline": "" if participle else written,
        },
        found=found is not None,
        whole=whole,
        shape=shape,
        stems=tuple(token[0] for token in tokenize(statement)),
        core=core,
        spot=spot if core else None,
        span=span,
        cut=cut,
        participle=spot.participle,
        leaves_out=leaves_out,
    )


def _text_at(text: str, core: str, at: int) -> int:
    """The place in ``text`` of the place ``at`` in ``core``, ``text`` unlisted (see _fills).

    ``core`` is ``text`` without a list marker and with its whitespace collapsed,
    so the two hold the same other characters: count them.
    """
    marker = _LIST_MARKER.match(" ".join(text.split()))
    wanted = sum(not char.isspace() for char in core[:at])
    wanted += sum(not char.isspace() for char in marker.group()) if marker else 0
    seen = 0
    for place, char in enumerate(text):
        if seen >= wanted and not char.isspace():
            return place
        seen += not char.isspace()
    return len(text)


def _about_object(evidence: Iterable[Evidence], fills: _Fills) -> bool:
    """Whether a piece of ``evidence`` is in or before the object that ``fills`` name.

    Words up to the end of the object ("Schedule the cutover", "the timeline
    for the app") are about it, and so is the closing timeline ("... by Q3")
    unless it belongs to a second clause with an object of its own ("... and
    reported its effect on schedule"). A second clause's words ("... and
    then manage the rollout schedule") are not: a rewrite naming the object
    would pin them on it.
    """
    if fills.span is None:
        return True
    end = fills.span[1]
    # The closing phrase is the whole statement's, or a participle clause's that
    # goes on about the object ("the depot programme, keeping every site on schedule").
    closing = bool(fills.values["timeline"]) or fills.participle
    return any(item.start < end or (closing and item.start >= fills.cut) for item in evidence)


def _partnered(fills: _Fills, coach: _Coach) -> bool:
    """Whether the object of ``fills`` goes on with "with" after its head.

    "timelines with clients", "the audit timeline with the methodology team":
    the "with" names whom the verb works with, and a template that puts
    "with" before the object would read "with timelines with clients".
    """
    words = _Words(fills.values["object"], coach)
    head = _head_end(words, 0, len(words))
    return head < len(words) and words.stems[head] == "with" and not _comma(words, head)


def _names_people(found: str, coach: _Coach) -> bool:
    """Whether the head of the object ``found`` names people ("a team of 12 engineers").

    The people word ends the head, or a participle or an adverb follows it
    ("stakeholders informed of ...", "the squads weekly"): "stakeholder needs"
    names needs.
    """
    words = _Words(found, coach)
    head = _head_end(words, 0, len(words))
    for at in range(head):
        after = at + words.match(coach.people, at)
        if after > at and (after == head or words.word(after).endswith(("ed", "ly"))):
            return True
    return False


def _purpose_object(core: str, at: int, coach: _Coach) -> tuple[str | None, bool, int, bool]:
    """The object of a purpose at ``at`` in ``core`` ("to launch the mobile app").

    Returns its text (``None`` for none), whether a participle clause
    follows it, where it ends in ``core``, and whether it leaves out a
    purpose, a clause or a recipient of its own (see :class:`_Spot`).
    """
    rest = core[at:]
    words = _Words(rest, coach)
    if not len(words) or words.stems[0] != "to":
        return None, False, at, False
    spot = _find_object(rest, coach)
    if spot.text is None or _names_people(spot.text, coach):
        return None, False, at, False
    return spot.text, spot.participle, at + spot.end, spot.leaves_out


def _own_clause(rest: str, coach: _Coach) -> bool:
    """Whether ``rest``, what follows an object, is a clause with an object of its own.

    "and assessed their impact" and "so integration testing finished" are;
    "and then ship it" and "and ensure it lands" are not.
    """
    words = _Words(rest, coach)
    at = 0
    while at < len(words):
        size = words.match(coach.clause_breaks, at) or int(words.stems[at] in coach.conjunctions)
        if not size:
            break
        at += size
    if at >= len(words):
        return False
    return _find_object(rest[words.tokens[at][1] :], coach).text is not None


def _head_end(words: _Words, start: int, end: int) -> int:
    """Where the head of the phrase at ``start`` ends: its first preposition or comma."""
    head = start + 1
    while head < end and not _comma(words, head):
        if words.stems[head] in words.coach.prepositions and not _hyphened(words, head):
            break  # (not in "point-of-sale", "end-of-life")
        head += 1
    return head


def _shape(core: str, spot: _Spot, coach: _Coach) -> str:
    """How ``core`` ends, past the object at ``spot``: what a template may append to it.

    "plain": the statement ends on its duty ("Deliver the module", "Coordinate UAT
    and log defects"), so a purpose can follow it. "result": it ends on a purpose
    that names a result ("... to reduce onboarding time"), which a second purpose
    would double. "open": it ends on anything else, where an appended purpose
    would belong to the last clause ("... that falls behind its milestone",
    "..., including governance", "... so releases go out on time", "... talk to").
    """
    words = _Words(core, coach)
    stems = words.stems
    count = len(words)
    first = next((at for at in range(count) if words.tokens[at][1] >= spot.start), count)
    dangling = stems[-1] in coach.prepositions and not core.startswith("-", words.tokens[-1][1] - 1)
    if first >= count or dangling:  # "... teams that don't usually talk to", not "... sign-off"
        return "open"
    purpose: int | None = None
    for at in range(first, count):
        size = words.match(coach.result_clauses, at)
        subject = at + size + (at + size < count and stems[at + size] in coach.determiners)
        if (
            size
            and subject < count
            and stems[subject] not in coach.clause_words  # not "... so you know ..."
            and not words.match(coach.people, subject)  # not "... so the team starts sooner"
            and any(
                words.match(coach.result_clause_words, later) for later in range(subject, count)
            )
        ):
            return "result"  # "... so that invoices are paid faster"
        if words.match(coach.clause_markers, at) or stems[at] in coach.clause_words:
            return "open"
        if at > first and words.match(coach.clause_verbs, at):
            return "open"  # "... and ensures releases have approved tickets": its clause
        word = words.word(at)
        if (
            at > first
            and _comma(words, at)
            and (stems[at] in coach.prepositions or _form(word) == "ing" or word.endswith("ed"))
        ):
            return "open"  # "..., including X", "..., with support staffed", "..., managing X"
        if (
            purpose is None
            and stems[at] == "to"
            and at + 1 < count
            and (
                (words.verb(at + 1, "") and not words.word(at + 1).endswith("ed"))
                or words.match(coach.result_verbs, at + 1)  # "to speed up"
                or words.match(coach.clause_verbs, at + 1)  # "to ensure X complies"
            )
        ):
            purpose = at + 1
    if purpose is not None:
        return "result" if words.match(coach.result_verbs, purpose) else "open"
    tail = next((at for at in range(first, count) if words.tokens[at][1] >= spot.end), count)
    if tail >= count:
        return "plain"
    # A second duty: "... and log defects", ", then ship it".
    if stems[tail] in coach.conjunctions or words.gap_joins(tail):
        return "plain"
    return "open"


def _timeline_tail(text: str, timeline: list[Evidence], coach: _Coach) -> int:
    """Where the statement's closing timeline phrase ("... before the deadline") starts.

    The phrase is the timeline evidence that ends the statement (before any
    closing punctuation) together with the lead-in words in front of it
    ("by", "before the", "against the"); it must begin with a preposition
    such as "by", so "Deliver the module by Q3" has one and "Review the
    deadlines" does not.
    Returns ``len(text)`` when there is none.
    """
    end = len(text.rstrip(_TRAILING))
    # The longest closing phrase that reads as one: of "feature on time" and
    # "on time" (a learned pair and a cue), only "on time" starts with "on".
    for start in sorted({item.start for item in timeline if item.end >= end and item.start < end}):
        cut = start
        window = max(0, cut - _WINDOW)  # lead-in words are few and short
        tokens = tokenize(text[window:cut])
        while tokens and tokens[-1][0] in coach.lead_in:
            cut = window + tokens.pop()[1]
        phrase = tokenize(text[cut:end])
        if phrase and phrase[0][0] in coach.starts:
            return cut
    return len(text)


def _form(word: str) -> str:
    """A verb's inflection, roughly: "ing", "s" or "" (base form or past tense)."""
    if len(word) > 4 and word.endswith("ing"):
        return "ing"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return "s"
    return ""


class _Words:
    """The words of a core, with the look-ups :func:`_find_object` makes."""

    def __init__(self, core: str, coach: _Coach) -> None:
        self.core = core
        self.coach = coach
        self.tokens = tokenize(core)
        self.stems = [token[0] for token in self.tokens]

    def __len__(self) -> int:
        return len(self.tokens)

    def word(self, at: int) -> str:
        """The word at ``at`` as written, lower-cased."""
        return self.core[self.tokens[at][1] : self.tokens[at][2]].lower()

    def match(self, phrases: Container[tuple[str, ...]], at: int) -> int:
        """The length of the longest of ``phrases`` starting at ``at`` (0 for none)."""
        for size in range(min(self.coach.longest, len(self.stems) - at), 0, -1):
            if tuple(self.stems[at : at + size]) in phrases:
                return size
        return 0

    def gap(self, at: int) -> str:
        """The text between word ``at - 1`` and word ``at`` (spaces, punctuation)."""
        return self.core[self.tokens[at - 1][2] : self.tokens[at][1]]

    def gap_joins(self, at: int) -> bool:
        """Whether the text between word ``at - 1`` and word ``at`` joins them ("," "&" "/")."""
        return not _JOINS.isdisjoint(self.gap(at))

    def verb(self, at: int, form: str | None = None) -> int:
        """The length of a known verb at ``at`` (of inflection ``form``, if given), else 0."""
        size = self.match(self.coach.verbs, at)
        if size and form is not None and _form(self.word(at)) != form:
            return 0
        return size


_SUBJECT_WORDS: Final = 6  # a subject longer than this is not looked for


def _subject(
    words: _Words, joining: frozenset[str], closed: frozenset[str]
) -> tuple[int, int] | None:
    """Where the verb of a statement that opens with its subject is, and its length.

    "The release manager keeps a calendar" -> the position of "keeps" and 1.
    The verb is a known one in its "-s" form ("keeps"), or in its base form
    after a plural ("Scrum masters track ..."); an unknown "-s" word counts
    when the statement opens with an article and an article or possessive
    follows it ("The programme combines a ..."), or after a role ("The
    project manager reconciles team velocity ..."). A verb needs an object
    after it, so "Status reports for the board" and "Release plans, budgets
    and forecasts" hold no verb. A clause verb ("The roadmap helps teams
    ...") gives a length of 0. ``None`` when there is no such verb.
    """
    coach = words.coach
    stems = words.stems
    count = len(words)
    for at in range(1, min(_SUBJECT_WORDS + 1, count - 1)):
        before, word = words.word(at - 1), words.word(at)
        if stems[at - 1] in closed or stems[at] in closed or words.gap_joins(at):
            continue
        if before.endswith("ed"):  # "Milestone-based plans", "Planned releases"
            continue
        form = _form(word)
        plural = _form(before) == "s"
        clause = words.match(coach.clause_verbs, at)
        size = clause or words.verb(at)
        after = at + size
        if size and (form == "s" or (form == "" and plural and not word.endswith("ed"))):
            following = words.word(after) if after < count else ""
            if following and words.verb(after, "s"):  # "Product Operations coordinates"
                continue
            if (
                following
                and stems[after] not in joining
                and stems[after] not in coach.pronouns
                and stems[after] not in coach.clause_words
                and not words.match(coach.clause_breaks, after)  # "... releases so ..."
                and not words.match(coach.lead_ins, after)  # "Game launches have ..."
                and _form(following) != "ing"
                and not following.endswith("ed")
                and not words.gap_joins(after)
            ):
                return at, 0 if clause else size
        elif (
            not size
            and (form == "s" or (form == "" and plural and not word.endswith("ed")))
            and not words.gap_joins(at + 1)
            and (
                (
                    form == "s"
                    and stems[0] in coach.articles
                    and stems[at + 1] in coach.object_openers
                )
                # "The project manager reconciles team velocity ...", "Site managers
                # tally ...": a role's verb
                or (
                    any(words.match(coach.roles, role) == at - role for role in range(at))
                    and not words.match(coach.roles, at)  # "engineering leaders"
                    and stems[at] not in closed
                    and stems[at] not in coach.clause_words  # "Owners are ..."
                    and joining.isdisjoint(stems[:at])  # not "Intervene with X leaders"
                    and coach.clause_words.isdisjoint(stems[:at])  # not "The team you'll lead"
                    and stems[at + 1] not in joining
                    and stems[at + 1] not in coach.clause_words
                    and stems[at + 1] not in _ADVERBS
                    and not words.word(at + 1).endswith("ly")
                )
            )
        ):
            return at, 1
    return None


@attrs.frozen
class _Spot:
    """Where a statement's object is: its words (``None`` for none) and their place."""

    text: str | None
    participle: bool = False  # a participle clause follows the object
    start: int = 0  # where the object starts in the core
    end: int = 0  # where it ends, before any second clause
    # What the object leaves out that a rewrite naming it alone would lose: a
    # purpose or a clause after it ("... to meet the SLA", "... so each site is
    # trained"), or the recipient of its verb ("Escalate delays to the board").
    leaves_out: bool = False


_NO_OBJECT: Final = _Spot(None)


def _find_object(core: str, coach: _Coach) -> _Spot:
    """What ``core`` works on, in its own words, and where (``text`` is ``None`` for none).

    "Deliver the reporting module" -> "the reporting module"; "Build and
    maintain the schedule and publish reports" -> "the schedule"; "You will
    run the rollout" -> "the rollout"; "Quarterly deadlines" -> "quarterly
    deadlines"; "Ensure the app launches" -> ``None``. The text is a slice
    of ``core``, except that a noun phrase statement's capital is lowered.
    ``participle`` says whether a participle clause follows the object ("the
    vendor plan, keeping each site on schedule"): a closing timeline belongs
    to that clause, not to the object. ``start`` and ``end`` are where the
    object's words start and stop in ``core`` (before a second clause).
    """
    words = _Words(core, coach)
    count = len(words)
    stems = words.stems
    position = 0
    lead: bool | None = None  # None: no lead-in; True: a verb follows it; False: a noun or -ing
    for _ in range(3):  # "You will" + "be responsible for"
        start = position
        while start < count and (stems[start] in coach.numbers or stems[start].isdigit()):
            start += 1
        size = words.match(coach.lead_ins, start)
        if not size:
            break
        lead = coach.lead_ins[tuple(stems[start : start + size])]
        position = start + size
    if (
        position >= count
        or words.match(coach.clause_verbs, position)
        # "When the plan changes, ...", "Once an initiative starts, ...": a clause.
        or words.match(coach.clause_breaks, position)
    ):
        return _NO_OBJECT
    joining = coach.conjunctions | coach.prepositions
    closed = joining | coach.determiners | coach.pronouns  # never an unknown verb
    size = words.verb(position, "ing" if lead is False else None)
    if not size and stems[position] not in closed and not words.match(coach.lead_ins, position):
        # An unknown word where a verb must be ("You will champion ..."), or
        # one a determiner follows ("Chair the committee").
        followed = position + 1 < count and stems[position + 1] in coach.determiners
        if lead is True or (lead is None and followed and not words.gap_joins(position + 1)):
            size = 1
    if not size and lead is None and stems[position] not in joining:
        # "The release manager keeps a calendar ...": a subject and its verb; the
        # object follows the verb as it follows a leading one.
        subject = _subject(words, joining, closed)
        if subject is not None:
            if not subject[1]:  # "The roadmap helps teams ...": a clause follows
                return _NO_OBJECT
            position, size = subject
    form: str | None = None  # the leading verb's inflection
    changing = bool(size) and words.match(coach.changing_verbs, position) == size
    recipient = False  # a leading verb names a recipient with "to" (see recipient_verbs)
    if size:
        form = _form(words.word(position))
        recipient = words.match(coach.recipient_verbs, position) == size
        position += size
        while position < count:  # more verbs: "Build and maintain", "Plan, track and report on"
            at = position
            joined = words.gap_joins(at)
            if stems[at] in coach.conjunctions:
                at += 1
                joined = True
            if not joined or at >= count:
                break
            more = words.verb(at, form)
            if (  # "Build and X the ...": after "and", only a verb can come here.
                not more
                and at > position
                and stems[at] not in closed
                and at + 1 < count
                and stems[at + 1] in coach.determiners
            ):
                more = 1
            if not more:
                break
            recipient = recipient or words.match(coach.recipient_verbs, at) == more
            position = at + more
    if position >= count:
        return _NO_OBJECT
    hyphenated = core.startswith("-", words.tokens[position][2])  # "On-time delivery"
    if stems[position] in joining and not hyphenated:
        return _NO_OBJECT
    # "Coordinate closely with QA": an adverb and a preposition, no object.
    if (
        words.word(position).endswith("ly")
        and position + 1 < count
        and stems[position + 1] in coach.prepositions
    ):
        return _NO_OBJECT
    end = len(core)
    participle = leaves_out = False
    for at in range(position + 1, count):
        # ("at once", "for when" and "what-if" are no second clause)
        if (
            words.match(coach.clause_breaks, at)
            and stems[at - 1] not in coach.prepositions
            and not core.startswith("-", words.tokens[at - 1][2])
        ):
            end = words.tokens[at][1]
            leaves_out = True
            break
        # "Escalate supplier delays to the steering committee": whom it goes to.
        if recipient and stems[at] == "to" and not words.gap_joins(at):
            leaves_out = True
        # "the feature and, by Q3, ship it": an aside opens after "and"; the object ends.
        if (
            stems[at] in coach.conjunctions
            and at + 1 < count
            and "," in core[words.tokens[at][2] : words.tokens[at + 1][1]]
        ):
            end = words.tokens[at][1]
            break
        # A second verb phrase: "... and publish a report", "..., then ship it".
        # Its verb has an object of its own, so "the plan, schedule and milestones"
        # is one object: a verb that a conjunction, a comma or a preposition
        # follows is taken for a noun.
        then = at + 1 if stems[at] in coach.conjunctions else at
        if then < count and (then > at or words.gap_joins(at)):
            if then > at and words.match(coach.clause_verbs, then):  # "... and ensure ..."
                end = words.tokens[at][1]
                break
            length = words.verb(then, form if form is not None else "ing")
            after = then + length
            if (
                length
                and after < count
                and not words.gap_joins(after)
                and stems[after] not in joining
            ):
                end = words.tokens[at - 1][2] if then == at else words.tokens[at][1]
                break
        # A purpose: "... to hit the deadline"; a means: "... by tracking the burn-up".
        if (
            stems[at] == "to"
            and at + 1 < count
            and words.verb(at + 1, "")
            and not words.word(at + 1).endswith("ed")
        ):
            end = words.tokens[at][1]
            leaves_out = True
            break
        if stems[at] == "by" and at + 2 < count and words.verb(at + 1, "ing"):
            end = words.tokens[at][1]
            break
        # A participle clause after a comma: "..., escalating through the team".
        # One a conjunction or "of" follows is a noun in a list ("the plan,
        # testing and reporting", "the plan, tracking of risks").
        if (
            words.gap_joins(at)
            and words.verb(at, "ing")
            and at + 1 < count
            and stems[at + 1] not in coach.conjunctions
            and stems[at + 1] != "of"
            and not words.gap_joins(at + 1)
        ):
            end = words.tokens[at - 1][2]
            participle = True
            break
    # A cut just after a conjunction ("the feature and | then ship it") leaves it
    # dangling: end the object before it.
    tail = position
    for at in range(position, count):
        if words.tokens[at][1] >= end:
            break
        tail = at
    while tail > position and stems[tail] in coach.conjunctions:
        end = words.tokens[tail][1]
        tail -= 1
    found = core[words.tokens[position][1] : end].strip(_EDGES)
    if not found or (found.lower() == words.word(position) and stems[position] in coach.pronouns):
        return _NO_OBJECT
    last = words.tokens[position][1] + len(found)
    inside = [
        stem
        for stem, _, _ in itertools.takewhile(
            lambda token: token[1] < last, words.tokens[position:]
        )
    ]
    if not coach.clause_words.isdisjoint(inside):
        return _NO_OBJECT
    # "Turn stakeholder needs into a backlog": "stakeholder needs into a backlog" is no thing.
    if changing and "into" in inside:
        return _NO_OBJECT
    # "the timeline for the app launch" -> "the app launch": the plan is not what users get.
    head = position + 1 if stems[position] in coach.determiners else position
    heading = words.match(coach.object_heads, head)
    link = head + heading
    at_start = True  # the object starts where the statement does
    if heading and link + 1 < count and stems[link] in coach.object_head_links:
        rest = core[words.tokens[link + 1][1] : last].strip(_EDGES)
        if rest and rest.lower() not in coach.pronouns and not words.gap_joins(link):
            found, at_start = rest, False
    if position == 0 and lead is None and at_start:  # a noun phrase: lower its capital
        found = _lower_capital(found)
    return _Spot(found, participle, words.tokens[position][1], end, leaves_out)


def _lower_capital(found: str) -> str:
    """A noun phrase statement's words with the capital of its first word lowered.

    "Quarterly deadlines" -> "quarterly deadlines"; names and titles keep theirs
    ("API deadlines", "Project Manager", "Warehouse Systems Rollout").
    """
    first, _, rest = found.partition(" ")
    title_case = rest[:1].isupper()
    # "Q3 deadline" keeps its capital: the rest of the word holds no lowercase letter.
    if first[:1].isupper() and (first[1:].islower() or not first[1:]) and not title_case:
        return found[0].lower() + found[1:]
    return found


# --------------------------------------------------------------------------- things users get

_LINKS: Final = 3  # "the schedule for the rollout of X": links followed to a thing
_MAKING_TRIES: Final = 4  # making verbs after the object looked at for a thing


def _value(fills: _Fills, coach: _Coach) -> tuple[str, str]:
    """What a shift that asks about a thing users get can name in ``fills``' statement.

    ``("object", thing)`` for a thing, in the statement's words: the object
    when it is one ("the reporting module", "the new CRM" of "the rollout of
    the new CRM to 400 users"), else the object of a making verb after it
    ("Coordinated a team of 12 engineers to launch the mobile app").
    ``("quote", "")`` for a statement whose object cannot be found but that
    names a thing somewhere ("Work with engineering to ship the notifications
    feature"). ``("release", "")`` when its feature words name only the act of
    releasing ("Coordinate the release plan with QA", "Close all tickets
    before the release"), and ``("none", "")`` when they name neither
    ("integration testing", "Release resources from the project").
    """
    core = _Words(fills.core, coach)
    count = len(core)
    spot = fills.spot
    closed = coach.determiners | coach.numbers
    after = 0  # where making verbs are looked for
    retired = False
    verb = range(0)  # a making verb that works on work, not on a thing
    if fills.whole and spot is not None and spot.text is not None:
        first = next((at for at in range(count) if core.tokens[at][1] >= spot.start), count)
        last = next((at for at in range(first, count) if core.tokens[at][1] >= spot.end), count)
        led = any(
            core.match(coach.making_verbs, at) == first - at
            and not _freed(core, at, first)
            # "two launches since ...", "the launch and ...": a noun, no verb
            and not (at and (core.stems[at - 1] in closed or core.stems[at - 1].isdigit()))
            for at in range(max(0, first - 3), first)
        )
        found = _thing(core, first, last, led=led)
        # "Plan the end-of-life timeline for the old module", "Retire the legacy
        # feature": a thing on its way out is no thing users get.
        retired = any(core.match(coach.retiring_words, at) for at in range(max(0, first - 3), last))
        if found is not None and not retired:
            return "object", found
        if led and found is None:  # "Launched a monthly dependency review": no release
            verb = range(max(0, first - 3), first)
        after = last
    tries = 0
    for at in range(after, count):
        size = core.match(coach.making_verbs, at)
        if not size or not _verb_place(core, at, size):
            continue
        tries += 1
        rest = fills.core[core.tokens[at][1] :]
        sub = _find_object(rest, coach)
        if sub.text is not None:
            words = _Words(rest, coach)
            first = next(i for i in range(len(words)) if words.tokens[i][1] >= sub.start)
            last = next(
                (i for i in range(first, len(words)) if words.tokens[i][1] >= sub.end),
                len(words),
            )
            found = _thing(words, first, last, led=True)
            if found is not None:
                return ("object", found) if after else ("quote", "")
        if tries >= _MAKING_TRIES:
            break
    if retired:
        return "none", ""
    statement = _Words(fills.values["statement"], coach)
    if not after and _names_thing(statement):
        return "quote", ""
    if any(
        (size := statement.match(coach.release_words, at))
        and not _freed(statement, at, at + size)
        and at not in verb
        for at in range(len(statement))
    ):
        return "release", ""
    return "none", ""


def _verb_place(words: _Words, at: int, size: int) -> bool:
    """Whether the making verb at ``at`` (of ``size`` words) stands where a verb goes.

    It does after "to", a conjunction or a comma ("... to launch the app", "...
    and build the portal"), before a determiner ("the contractor building the
    app"), and at the start: not "a shared release", "the launch plan".
    """
    stems = words.stems
    if at + size < len(words) and stems[at + size] in words.coach.determiners:
        return not _freed(words, at, at + size)
    return (
        at == 0 or stems[at - 1] == "to" or stems[at - 1] in words.coach.conjunctions
    ) and not _freed(words, at, at + size)


_BEING: Final = frozenset({"is", "are", "was", "were", "be", "been", "get", "got"})


def _freed(words: _Words, at: int, end: int) -> bool:
    """Whether the release word at ``at``, ending at ``end``, frees people or money,
    or names news.

    "release of resources", "releasing the team", "deploy staff": a word of
    released_not_shipped follows, maybe after "of", a determiner or a "'s";
    "team released", "resources are deployed": one comes just before, maybe
    with "are" or "be"; "press releases": a word of news_words comes before.
    """
    coach = words.coach
    stems = words.stems
    # (by the word as written: "news" and "new" share a stem)
    if at and words.word(at - 1) in coach.news_words and not words.gap_joins(at):
        return True
    before = at
    while before and stems[before - 1] in _BEING and not words.gap_joins(before):
        before -= 1
    # A participle with no object after it: "team released.", "resources are
    # deployed where ...", not "the team launched three products", "cross-team releases".
    passive = words.word(end - 1).endswith("ed") and (
        before < at
        or end >= len(words)
        or words.gap_joins(end)
        or stems[end] in coach.conjunctions
        or stems[end] in coach.prepositions
        or words.match(coach.clause_breaks, end) > 0
    )
    if passive and any(
        before - size >= 0
        and not words.gap_joins(before)
        and not (before - size and _hyphened(words, before - size))
        and words.match(coach.released_not_shipped, before - size) == size
        for size in (1, 2)
    ):
        return True
    while end < len(words) and (stems[end] in coach.determiners or stems[end] in ("of", "s")):
        end += 1
    return words.match(coach.released_not_shipped, end) > 0


def _names_thing(words: _Words) -> bool:
    """Whether ``words`` hold a thing word that does not head work ("the export feature")."""
    for at in range(len(words)):
        size = words.match(words.coach.thing_words, at)
        if size and not words.match(words.coach.work_heads, at + size):
            return True
    return False


def _thing(words: _Words, start: int, end: int, *, led: bool) -> str | None:
    """The thing users get in words ``start`` to ``end``, in their own words, or ``None``.

    The phrase's head (its words up to the first preposition or comma) decides,
    as ``data/shifts.toml`` describes at thing_words; ``led`` says whether a
    making verb leads the phrase.
    """
    coach = words.coach
    stems = words.stems
    for _ in range(_LINKS):
        if start >= end:
            return None
        head = _head_end(words, start, end)
        release = work = thing = False
        release_end = -1
        at = start
        while at < head:
            size = words.match(coach.release_words, at)
            if size and not _freed(words, at, at + size):
                release, release_end = True, at + size
            elif size := words.match(coach.work_heads, at) or words.match(coach.object_heads, at):
                # a word of a compound is no head: "point-of-sale terminals", "high-impact"
                work = work or not (
                    (at and _hyphened(words, at))
                    or (at + size < len(words) and _hyphened(words, at + size))
                )
            elif (size := words.match(coach.thing_words, at)) > 0:
                thing = True
            at += max(size, 1)
        link = head < end and not _comma(words, head)
        if release and link and release_end == head and stems[head] == "of":
            start, led = head + 1, True  # "the rollout of X"
            continue
        if release or work:
            # "the schedule for X", "the rollout plan for X"
            if link and stems[head] in coach.object_head_links:
                start, led = head + 1, False
                continue
            return None
        if not (thing or led):
            return None
        stop = start + 1
        while (
            stop < end
            and stems[stop] not in coach.destinations
            and not _comma(words, stop)
            and not _thing_ends(words, stop, end)
        ):
            stop += 1
        # A deadline or frequency cut after a joining word leaves it dangling: "the
        # app and | weekly reports".
        while stop - 1 > start and stems[stop - 1] in coach.conjunctions:
            stop -= 1
        found = words.core[words.tokens[start][1] : words.tokens[stop - 1][2]].strip(_EDGES)
        if not found or found.lower() in coach.pronouns:
            return None
        return _lower_capital(found) if start == 0 else found
    return None


def _thing_ends(words: _Words, at: int, end: int) -> bool:
    """Whether a deadline or a frequency starts at word ``at`` (before ``end``), after a thing.

    "the payments integration by March", "the app every two weeks", "the app
    weekly"; not "the weekly report" (see frequency_starts in ``data/shifts.toml``).
    """
    coach = words.coach
    stems = words.stems
    if stems[at] in coach.deadline_starts:
        return True
    if stems[at] in coach.frequency_starts:
        unit = at + 1  # "every two weeks", "once a month": numbers before the unit
        while unit < min(end, at + 4) and (
            stems[unit] in coach.numbers or stems[unit].isdigit() or stems[unit] in coach.articles
        ):
            unit += 1
        return unit < end and stems[unit] in coach.frequency_units
    return stems[at] in coach.frequency_words and (
        at + 1 == end
        or stems[at + 1] in coach.prepositions
        or stems[at + 1] in coach.destinations
        or _comma(words, at + 1)
    )


def _hyphened(words: _Words, at: int) -> bool:
    """Whether a hyphen joins word ``at - 1`` and word ``at`` ("point-of-sale")."""
    return words.gap(at) == "-"


def _comma(words: _Words, at: int) -> bool:
    """Whether a comma stands between word ``at - 1`` and word ``at``."""
    return "," in words.gap(at)
