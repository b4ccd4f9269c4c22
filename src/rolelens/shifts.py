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
   Product-leaning statements get an empty tuple.
2. Each piece of evidence that is not negated gets its framing tags: the
   lexicon's own ``task``/``timeline``/``feature`` tags when the cue has
   them, otherwise the tags of the fallback vocabulary in
   ``data/shifts.toml`` whose stems occur in the evidence's matched words.
   The fallback keeps the coach working with lexicons that carry no framing
   tags (a user's own, or a fitted one).
3. A shift is offered when at least one piece of evidence has its tag; the
   reframe lists that evidence, so every suggestion says what it reacts to.
4. The rewrite fills the shift's template from the statement itself: the
   statement, its timeline phrases, and its object (the words after a
   leading verb such as "Deliver").

Everything is linear in the length of the statement.
"""

from __future__ import annotations

import functools
import string
from collections.abc import Iterable, Mapping
from importlib import resources
from typing import TYPE_CHECKING, Any, Final

import attrs

from rolelens._checks import must_have
from rolelens._collection import collection_paused
from rolelens._serialization import parse_data_text, structure
from rolelens.classifier import STATEMENT_TAG
from rolelens.errors import ArgumentError, CatalogError
from rolelens.labels import Label
from rolelens.text import normalise_phrase, tokenize

if TYPE_CHECKING:
    from rolelens.classifier import Classifier, Evidence, Verdict

__all__ = ["FRAMING_TAGS", "PLACEHOLDERS", "Reframe", "leans_project", "reframe", "reframe_verdict"]

#: The evidence tags the coach reacts to.
FRAMING_TAGS: Final[tuple[str, ...]] = ("task", "timeline", "feature")

#: The placeholders a rewrite template may use.
PLACEHOLDERS: Final[frozenset[str]] = frozenset({"statement", "core", "object", "timeline"})

SHIFTS_RESOURCE: Final = "data/shifts.toml"


def _as_tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    return tuple(value)


@attrs.frozen
class Reframe:
    """One suggested shift for a statement.

    ``shift`` is the catalog's shift id (``tasks_to_problems``,
    ``timelines_to_outcomes`` or ``features_to_value``), ``question`` the
    product-minded question to ask, ``evidence`` the classifier evidence that
    shows the project framing, and ``rewrite`` a template of the statement
    reframed, with ``<placeholders>`` for the writer to fill in.
    """

    shift: str
    question: str
    evidence: tuple[Evidence, ...] = attrs.field(converter=_as_tuple)
    rewrite: str

    def words(self) -> tuple[str, ...]:
        """The words it reacts to, each once, in the order of the evidence.

        Two cues can match the same words (an opening-word cue and the word
        itself), so the evidence may hold them twice; a reader needs them once.
        """
        return tuple(dict.fromkeys(item.matched for item in self.evidence))

    def describe(self) -> str:
        """One line: the question and the words it reacts to."""
        words = ", ".join(f'"{word}"' for word in self.words())
        return f"{self.shift}: {self.question} (reacting to {words})"


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


def _check_tag(_instance: object, _attribute: attrs.Attribute[Any], value: str) -> None:
    if value not in FRAMING_TAGS:
        raise ArgumentError(f"tag must be one of {', '.join(FRAMING_TAGS)}, got {value!r:.40}")


@attrs.frozen
class _ShiftSpec:
    id: str
    tag: str = attrs.field(validator=_check_tag)
    template: str = attrs.field(validator=_check_template)
    vocabulary: tuple[str, ...] = ()


@attrs.frozen
class _ShiftFile:
    shifts: tuple[_ShiftSpec, ...]
    verbs: tuple[str, ...] = ()
    timeline_starts: tuple[str, ...] = ()
    timeline_joins: tuple[str, ...] = ()
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
    verbs = frozenset(_stems(verb) for verb in data.verbs) - {()}
    return _Coach(
        shifts=data.shifts,
        questions={spec.id: catalog_questions[spec.id] for spec in data.shifts},
        vocabulary={key: frozenset(tags) for key, tags in vocabulary.items()},
        verbs=verbs,
        starts=frozenset(normalise_phrase(word) for word in data.timeline_starts),
        lead_in=frozenset(
            normalise_phrase(word) for word in (*data.timeline_starts, *data.timeline_joins)
        ),
        longest=max((len(key) for key in (*vocabulary, *verbs)), default=1),
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


def leans_project(verdict: Verdict) -> bool:
    """Whether the coach treats ``verdict`` as project-side framing."""
    return verdict.label is not Label.PRODUCT and verdict.score(Label.PROJECT) > verdict.score(
        Label.PRODUCT
    )


def reframe_verdict(verdict: Verdict) -> tuple[Reframe, ...]:
    """The reframes for an already classified statement (see :func:`reframe`)."""
    if not leans_project(verdict):
        return ()
    coach = _coach()
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
            rewrite = " ".join(spec.template.format_map(fills).split())
            result.append(Reframe(spec.id, coach.questions[spec.id], reacts_to, rewrite))
    return tuple(result)


def reframe(statement: str, *, classifier: Classifier | None = None) -> tuple[Reframe, ...]:
    """Offer product-minded reframes for a task-, timeline- or feature-centred ``statement``.

    Uses ``classifier`` (default: the built-in one). Statements that lean
    product-side, or show no such framing, get an empty tuple.

    >>> timeline = [r for r in reframe("Deliver the reporting module by Q3")
    ...             if r.shift == "timelines_to_outcomes"][0]
    >>> timeline.question
    'What result should this achieve?'
    >>> [e.matched for e in timeline.evidence]
    ['by Q3']
    """
    if not isinstance(statement, str):  # the classifier's TypeError, named for this call
        raise TypeError(f"reframe() expects a str, got {type(statement).__name__}")
    if classifier is None:
        from rolelens.classifier import default_classifier

        classifier = default_classifier()
    must_have(classifier, "classify", "classifier", "Classifier")
    # A megabyte-long statement makes evidence by the million (see rolelens._collection).
    with collection_paused(len(statement)):
        return reframe_verdict(classifier.classify(statement))


# --------------------------------------------------------------------------- rewriting

_TRAILING: Final = " \t\r\n.;:,!?-"
_WINDOW: Final = 200  # characters looked at around a phrase boundary


def _fills(text: str, timeline: list[Evidence], coach: _Coach) -> dict[str, str]:
    """Template values taken from the statement's own words."""
    statement = " ".join(text.split()).rstrip(_TRAILING) or " ".join(text.split())
    cut = _timeline_tail(text, timeline, coach)
    core = " ".join(text[:cut].split()).rstrip(_TRAILING)
    return {
        "statement": statement,
        "core": core or statement,
        "object": _object(core, coach) or "this work",
        "timeline": " ".join(text[cut:].split()).rstrip(_TRAILING),
    }


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
    closing = [item for item in timeline if item.end >= end and item.start < end]
    if not closing:
        return len(text)
    cut = min(item.start for item in closing)
    window = max(0, cut - _WINDOW)  # lead-in words are few and short
    tokens = tokenize(text[window:cut])
    while tokens and tokens[-1][0] in coach.lead_in:
        cut = window + tokens.pop()[1]
    phrase = tokenize(text[cut:end])
    if not phrase or phrase[0][0] not in coach.starts:
        return len(text)
    return cut


def _object(core: str, coach: _Coach) -> str:
    """``core`` without a leading verb: "Deliver the reporting module" -> "the reporting module"."""
    tokens = tokenize(core[:_WINDOW])  # a leading verb is a word or two
    for size in range(min(coach.longest, len(tokens)), 0, -1):
        if tuple(token[0] for token in tokens[:size]) in coach.verbs:
            return core[tokens[size - 1][2] :].strip(_TRAILING)
    if not core:
        return ""
    first = core.split(maxsplit=1)[0]
    keep_case = len(first) > 1 and first[1:2].isupper()  # an acronym such as "API"
    return core if keep_case else core[0].lower() + core[1:]
