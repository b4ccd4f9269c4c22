"""The explainable statement classifier.

Theory of operation
-------------------
A :class:`Classifier` is a linear model whose every feature is a readable
:class:`~rolelens.lexicon.Cue`: a phrase with one weight per label. The
hand-written lexicon provides the first cues; :meth:`Classifier.fit` adds
word n-grams learned from labeled statements and adjusts every weight.

To classify, the statement is tokenised once (:mod:`rolelens.text`); at
each token the matcher extends a key word by word while the words read so
far are a prefix of some cue, so each position costs a few dictionary
lookups and the whole pass is linear. Cues inside the scope of a negation
("not responsible for budgets") are reported as evidence with the tag
``negated`` and contribute nothing.

The label scores are the softmax of the bias plus the summed weights of the
cues found. Two thresholds then apply: a statement whose best role cue
carries less than ``min_evidence`` of support is ``other``; a product or
project verdict whose rival side also scores at least ``shared_floor`` is
``shared`` (strong, balanced evidence for both sides).

Each verdict keeps its evidence: the span of original text, the cue, the
dimension it speaks to and its contribution to the chosen label.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

import attrs

from rolelens.labels import LABELS, Label
from rolelens.lexicon import Cue, Lexicon, default_lexicon
from rolelens.text import tokenize

if TYPE_CHECKING:
    from rolelens.examples import Example

__all__ = ["Classifier", "Evidence", "Verdict", "classify", "classify_many", "default_classifier"]

_PRODUCT, _PROJECT, _SHARED, _OTHER = range(4)
_NEGATORS = frozenset({"not", "no", "never", "without", "nor", "neither", "t", "non"})
_NEGATION_RELEASE = frozenset({"only", "just", "limit", "merely"})
_CLAUSE_WORDS = frozenset({"but", "however", "instead", "rather", "while", "whil", "focu", "and"})
_CLAUSE_PUNCT = frozenset(",;:.!?()[]")
_NEGATION_REACH = 6


@attrs.frozen
class Evidence:
    """One cue found in a statement, and what it did to the verdict.

    ``text[start:end] == matched`` for the statement ``text`` that was
    classified. ``label`` is the label the cue pushes toward most;
    ``contribution`` is its signed effect on the verdict's own label (0.0
    for negated cues, which carry the tag ``"negated"``).
    """

    start: int
    end: int
    matched: str
    cue: str
    label: Label
    dimension: str | None
    tags: tuple[str, ...]
    contribution: float

    @property
    def span(self) -> tuple[int, int]:
        """``(start, end)`` character offsets into the classified text."""
        return (self.start, self.end)


def _evidence_order(item: Evidence) -> tuple[int, int]:
    return (item.start, item.end)


@attrs.frozen
class Verdict:
    """The label of one statement, its scores, confidence and evidence.

    ``scores`` has one probability per label in
    :data:`~rolelens.labels.LABELS` order and sums to 1. ``confidence`` is
    the score of the chosen label, and 0.0 when there is no evidence at all.
    """

    text: str
    label: Label
    scores: tuple[float, ...]
    confidence: float
    evidence: tuple[Evidence, ...] = ()

    def score(self, label: Label | str) -> float:
        """The score of ``label``."""
        return self.scores[LABELS.index(Label(label))]

    def explain(self, *, limit: int = 4) -> str:
        """One readable line: the label and the strongest evidence for it.

        >>> from rolelens import classify
        >>> classify("").explain()
        'other: no evidence'
        """
        support = [e for e in self.evidence if e.contribution > 0]
        if not support:
            return f"{self.label.value}: no evidence"
        support.sort(key=lambda e: -e.contribution)
        shown = sorted(support[:limit], key=_evidence_order)
        parts = []
        for item in shown:
            gloss = _gloss(self.label, item.dimension)
            parts.append(f'"{item.matched}" ({gloss})' if gloss else f'"{item.matched}"')
        return f"{self.label.value}: " + ", ".join(parts)


@functools.cache
def _gloss(label: Label, dimension: str | None) -> str:
    """``"primary responsibility: how and when"`` from the catalog, or a plain fallback."""
    if dimension is None:
        return ""
    name = dimension.replace("_", " ")
    try:
        from rolelens.catalog import default_catalog

        catalog = default_catalog()
        name = catalog.dimension(dimension).name.lower()
        roles = catalog.roles_on_side(label)
        if roles:
            return f"{name}: {catalog.trait(roles[0].id, dimension).summary}"
    except Exception:  # noqa: BLE001 - an explanation must never fail
        return name
    return name


def _softmax(z: list[float]) -> tuple[float, ...]:
    top = max(z)
    exps = [math.exp(v - top) for v in z]
    total = sum(exps)
    return tuple(v / total for v in exps)


# A compiled cue: weights, phrase, dimension, tags, argmax label, centred weights, key.
_Entry = tuple[tuple[float, ...], str, "str | None", tuple[str, ...], Label, tuple[float, ...], str]


def _compile(lexicon: Lexicon) -> tuple[dict[str, _Entry], frozenset[str]]:
    index: dict[str, _Entry] = {}
    prefixes: set[str] = set()
    for cue in lexicon.cues:
        key = cue.key
        mean = sum(cue.weights) / len(cue.weights)
        centred = tuple(w - mean for w in cue.weights)
        index[key] = (cue.weights, cue.phrase, cue.dimension, cue.tags, cue.label, centred, key)
        words = key.split(" ")
        for n in range(1, len(words)):
            prefixes.add(" ".join(words[:n]))
    return index, frozenset(prefixes)


def _check_bias(_inst: object, _attr: object, value: tuple[float, ...]) -> None:
    if len(value) != len(LABELS) or any(v != v or abs(v) > 1e6 for v in value):
        raise ValueError("bias needs one finite number per label")


def _check_unit(_inst: object, attr: attrs.Attribute[float], value: float) -> None:
    if not 0.0 <= value <= 1.0 and not (attr.name == "min_evidence" and 0.0 <= value <= 100.0):
        raise ValueError(f"{attr.name} out of range: {value!r}")


@attrs.frozen
class Classifier:
    """An immutable, explainable classifier: a weighted lexicon plus two thresholds.

    ``lexicon`` holds every feature (hand-written cues and learned n-grams),
    ``bias`` one number per label, ``min_evidence`` the support a role label
    needs before it beats ``other``, and ``shared_floor`` the score the
    weaker of product/project must reach for a balanced ``shared`` verdict
    (1.0 turns that rule off). Safe to share between threads and to send to
    other processes.
    """

    lexicon: Lexicon
    bias: tuple[float, ...] = attrs.field(
        default=(0.0, 0.0, 0.0, 0.0), converter=tuple, validator=_check_bias
    )
    min_evidence: float = attrs.field(default=0.5, converter=float, validator=_check_unit)
    shared_floor: float = attrs.field(default=1.0, converter=float, validator=_check_unit)
    _index: dict[str, _Entry] = attrs.field(init=False, repr=False, eq=False)
    _prefixes: frozenset[str] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        index, prefixes = _compile(self.lexicon)
        object.__setattr__(self, "_index", index)
        object.__setattr__(self, "_prefixes", prefixes)

    def __getstate__(self) -> dict[str, Any]:
        # The compiled index is rebuilt on arrival: smaller to ship to workers.
        return {
            "lexicon": self.lexicon,
            "bias": self.bias,
            "min_evidence": self.min_evidence,
            "shared_floor": self.shared_floor,
        }

    def __setstate__(self, state: dict[str, Any]) -> None:
        for name, value in state.items():
            object.__setattr__(self, name, value)
        self.__attrs_post_init__()

    # -- building -------------------------------------------------------------

    def with_cues(self, cues: Iterable[Cue]) -> Classifier:
        """Return a classifier whose lexicon also has ``cues`` (same key: replaced)."""
        return attrs.evolve(self, lexicon=self.lexicon.with_cues(cues))

    def with_thresholds(
        self, *, min_evidence: float | None = None, shared_floor: float | None = None
    ) -> Classifier:
        """Return a copy with other thresholds."""
        return attrs.evolve(
            self,
            min_evidence=self.min_evidence if min_evidence is None else min_evidence,
            shared_floor=self.shared_floor if shared_floor is None else shared_floor,
        )

    def fit(self, examples: Iterable[Example | tuple[str, str]], **options: Any) -> Classifier:
        """Return a new classifier fitted to labeled ``examples``, starting from this one.

        See :func:`rolelens.fitting.fit` for the options (``seed``, ``epochs``...).
        """
        from rolelens.fitting import fit

        return fit(self, examples, **options)

    def to_json(self) -> str:
        """This classifier as versioned JSON text (see :func:`rolelens.save`)."""
        from rolelens.persistence import to_json

        return to_json(self)

    @staticmethod
    def from_json(text: str) -> Classifier:
        """Load a classifier from :meth:`to_json` text; raises ``ModelFormatError``."""
        from rolelens.persistence import from_json

        return from_json(text)

    # -- classifying ----------------------------------------------------------

    def classify(self, text: str) -> Verdict:
        """Label one statement and say why.

        >>> from rolelens import classify
        >>> classify("Track progress against the delivery plan and budget").label
        <Label.PROJECT: 'project'>
        """
        if not isinstance(text, str):
            raise TypeError(f"classify() expects a str, got {type(text).__name__}")
        hits = self._match(text)
        return self._decide(text, hits)

    def classify_many(self, texts: Iterable[str]) -> Iterator[Verdict]:
        """Classify statements lazily, in input order, in constant memory."""
        classify = self.classify
        for text in texts:
            yield classify(text)

    def _match(self, text: str) -> list[tuple[int, int, _Entry, bool]]:
        """Every cue occurrence as (first token, end token, entry, negated)."""
        tokens = tokenize(text)
        index = self._index
        prefixes = self._prefixes
        n = len(tokens)
        hits: list[tuple[int, int, _Entry, bool]] = []
        negated_to = -1
        for i in range(n):
            key = tokens[i][0]
            if key in _NEGATORS and i + 1 < n and tokens[i + 1][0] not in _NEGATION_RELEASE:
                negated_to = max(negated_to, _negation_end(text, tokens, i))
            j = i + 1
            while True:
                entry = index.get(key)
                if entry is not None:
                    hits.append((i, j, entry, i < negated_to))
                if j >= n or key not in prefixes:
                    break
                key = f"{key} {tokens[j][0]}"
                j += 1
        if hits:
            # Remember spans as character offsets for the evidence.
            return [(tokens[i][1], tokens[j - 1][2], entry, neg) for i, j, entry, neg in hits]
        return hits

    def _decide(self, text: str, hits: list[tuple[int, int, _Entry, bool]]) -> Verdict:
        z = list(self.bias)
        active = False
        for _s, _e, entry, negated in hits:
            if negated:
                continue
            active = True
            weights = entry[0]
            z[0] += weights[0]
            z[1] += weights[1]
            z[2] += weights[2]
            z[3] += weights[3]
        if not active:
            evidence = tuple(
                Evidence(s, e, text[s:e], entry[1], entry[4], entry[2], (*entry[3], "negated"), 0.0)
                for s, e, entry, _neg in hits
            )
            return Verdict(text, Label.OTHER, (0.0, 0.0, 0.0, 1.0), 0.0, evidence)
        scores = _softmax(z)
        best = max(range(4), key=scores.__getitem__)
        if best != _OTHER:
            support = 0.0
            for _s, _e, entry, negated in hits:
                if not negated and entry[5][best] > support:
                    support = entry[5][best]
            if support < self.min_evidence:
                best = _OTHER
            elif best in (_PRODUCT, _PROJECT) and min(scores[0], scores[1]) >= self.shared_floor:
                best = _SHARED
        label = LABELS[best]
        evidence = tuple(
            Evidence(
                s,
                e,
                text[s:e],
                entry[1],
                entry[4],
                entry[2],
                (*entry[3], "negated") if negated else entry[3],
                0.0 if negated else entry[5][best],
            )
            for s, e, entry, negated in hits
        )
        return Verdict(text, label, scores, scores[best], evidence)


def _negation_end(text: str, tokens: list[tuple[str, int, int]], at: int) -> int:
    """Index of the first token after the negation that starts at token ``at``."""
    end = at + 1
    limit = min(len(tokens), at + 1 + _NEGATION_REACH)
    while end < limit:
        if end > at + 1:
            gap = text[tokens[end - 1][2] : tokens[end][1]]
            if any(c in _CLAUSE_PUNCT for c in gap) or tokens[end][0] in _CLAUSE_WORDS:
                break
        end += 1
    return end


@functools.cache
def default_classifier() -> Classifier:
    """The built-in classifier: the shipped fitted model, loaded on first use.

    Falls back to the hand-written lexicon alone if the model file is absent.
    """
    from importlib import resources

    resource = resources.files("rolelens").joinpath("data/model.json")
    if resource.is_file():
        return Classifier.from_json(resource.read_text("utf-8"))
    return Classifier(default_lexicon(), bias=(0.0, 0.0, -0.5, 0.5))


def classify(text: str) -> Verdict:
    """Classify one statement with the default classifier.

    >>> classify("Own the product roadmap and decide what we build next").label
    <Label.PRODUCT: 'product'>
    """
    return default_classifier().classify(text)


def classify_many(texts: Iterable[str]) -> Iterator[Verdict]:
    """Classify statements lazily with the default classifier, preserving order."""
    return default_classifier().classify_many(texts)
