"""The explainable statement classifier.

Theory of operation
-------------------
A :class:`Classifier` is a linear model whose every feature is a readable
:class:`~rolelens.lexicon.Cue`: a phrase with one weight per label. The
hand-written lexicon provides the first cues; :meth:`Classifier.fit` adds
word n-grams learned from labeled statements and adjusts every weight.

To classify, the statement is tokenised once (:mod:`rolelens.text`); at
each token the matcher extends a key word by word while the words read so
far are a prefix of some cue (cues have at most eight words), so each
position costs a few dictionary lookups and the whole pass is linear. Three
kinds of learned feature ride along in the same pass: the statement's
opening word ("Track...", "Hire..."), pairs of content words a few
stopwords apart ("coach [the] team"), and one statement-level feature
saying whether hand-written cues of the product side, the project side,
both or neither were found, which a plain sum of weights cannot express.
Cues inside the scope of a negation ("not responsible for budgets") are
reported as evidence with the tag ``negated`` and contribute nothing.

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
import threading
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, NamedTuple

import attrs

from rolelens._serialization import converter
from rolelens.labels import LABELS, Label
from rolelens.lexicon import Cue, Lexicon, default_lexicon
from rolelens.text import STOPWORDS, scan, spans

if TYPE_CHECKING:
    from rolelens.examples import Example

__all__ = ["Classifier", "Evidence", "Verdict", "classify", "classify_many", "default_classifier"]

_PRODUCT, _PROJECT, _SHARED, _OTHER = range(4)
_NEGATORS = frozenset({"not", "no", "never", "without", "nor", "neither", "t", "non"})
_NEGATION_RELEASE = frozenset({"only", "just", "limit", "merely"})
_CLAUSE_WORDS = frozenset({"but", "however", "instead", "rather", "while", "whil", "focu", "and"})
_CLAUSE_PUNCT = frozenset(",;:.!?()[]")
_NEGATION_REACH = 6
#: Pseudo-word that starts the key of "first word of the statement" features.
START = "xxstart"
_START_KEY = START + " "
#: Keys of the features saying which sides' hand-written cues a statement holds.
MIX_BOTH, MIX_PRODUCT, MIX_PROJECT, MIX_NONE = MIX_KEYS = (
    "xxmix both",
    "xxmix product only",
    "xxmix project only",
    "xxmix no role cue",
)
#: Content words this many tokens apart or fewer also pair up ("coach the team").
SKIP_REACH = 3
#: Tag of statement-level features; their span is the whole statement.
STATEMENT_TAG = "statement"
_MIX_SHOWN = {
    MIX_BOTH: "mix: product and project cues",
    MIX_PRODUCT: "mix: product cues only",
    MIX_PROJECT: "mix: project cues only",
    MIX_NONE: "mix: no role cue",
}


class Evidence(NamedTuple):
    """One cue found in a statement, and what it did to the verdict.

    ``text[start:end] == matched`` for the statement ``text`` that was
    classified. ``label`` is the label the cue pushes toward most;
    ``contribution`` is its signed effect on the verdict's own label (0.0
    for negated cues, which carry the tag ``"negated"``).

    An immutable named tuple rather than an attrs class: a verdict carries a
    dozen of these and building them is the classifier's hot path.
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


def _unstructure_evidence(item: Evidence) -> dict[str, Any]:
    return {
        "start": item.start,
        "end": item.end,
        "matched": item.matched,
        "cue": item.cue,
        "label": item.label.value,
        "dimension": item.dimension,
        "tags": list(item.tags),
        "contribution": item.contribution,
    }


def _structure_evidence(data: Any, _cls: Any) -> Evidence:
    return Evidence(
        converter.structure(data["start"], int),
        converter.structure(data["end"], int),
        converter.structure(data["matched"], str),
        converter.structure(data["cue"], str),
        Label(data["label"]),
        converter.structure(data["dimension"], str | None),  # type: ignore[arg-type]
        tuple(converter.structure(data["tags"], list[str])),
        converter.structure(data["contribution"], float),
    )


converter.register_unstructure_hook(Evidence, _unstructure_evidence)
converter.register_structure_hook(Evidence, _structure_evidence)


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
        support = [e for e in self.evidence if e.contribution > 0 and STATEMENT_TAG not in e.tags]
        if not support:
            return f"{self.label.value}: no evidence"
        support.sort(key=lambda e: -e.contribution)
        # Strongest first, skipping words already covered by a stronger cue.
        chosen: list[Evidence] = []
        for item in support:
            if all(item.end <= c.start or item.start >= c.end for c in chosen):
                chosen.append(item)
                if len(chosen) == limit:
                    break
        shown = sorted(chosen, key=_evidence_order)
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
    except Exception:  # an explanation must never fail, whatever the catalog holds
        return name
    return name


def _softmax(z0: float, z1: float, z2: float, z3: float) -> tuple[float, ...]:
    top = max(z0, z1, z2, z3)
    e0 = math.exp(z0 - top)
    e1 = math.exp(z1 - top)
    e2 = math.exp(z2 - top)
    e3 = math.exp(z3 - top)
    total = e0 + e1 + e2 + e3
    return (e0 / total, e1 / total, e2 / total, e3 / total)


# A compiled cue: weights, shown phrase, dimension, tags, argmax label, centred weights,
# key, side index (0 product, 1 project, -1 none).
_Entry = tuple[
    tuple[float, ...], str, "str | None", tuple[str, ...], Label, tuple[float, ...], str, int
]


def _compile(lexicon: Lexicon) -> tuple[dict[str, _Entry], frozenset[str]]:
    index: dict[str, _Entry] = {}
    prefixes: set[str] = set()
    for cue in lexicon.cues:
        key = cue.key
        mean = sum(cue.weights) / len(cue.weights)
        centred = tuple(w - mean for w in cue.weights)
        shown = _MIX_SHOWN.get(key, cue.phrase)
        if key.startswith(_START_KEY):
            shown = f"opening word: {cue.phrase.split(' ', 1)[1]}"
        side = {Label.PRODUCT: 0, Label.PROJECT: 1}.get(cue.side, -1) if cue.side else -1
        index[key] = (cue.weights, shown, cue.dimension, cue.tags, cue.label, centred, key, side)
        words = key.split(" ")
        for n in range(1, len(words)):
            prefixes.add(" ".join(words[:n]))
    return index, frozenset(prefixes)


def _check_bias(_inst: object, _attr: object, value: tuple[float, ...]) -> None:
    if len(value) != len(LABELS) or any(v != v or abs(v) > 1e6 for v in value):
        raise ValueError("bias needs one finite number per label")


def _float_tuple(values: Iterable[float]) -> tuple[float, ...]:
    return tuple(float(v) for v in values)


def _check_temperature(_inst: object, _attr: object, value: float) -> None:
    if not 0.05 <= value <= 100.0:
        raise ValueError(f"temperature out of range [0.05, 100]: {value!r}")


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
    (1.0 turns that rule off), and ``temperature`` the softening applied to
    the summed weights before the softmax, fitted so that confidences are
    calibrated. Safe to share between threads and to send to other processes.
    """

    lexicon: Lexicon
    bias: tuple[float, ...] = attrs.field(
        default=(0.0, 0.0, 0.0, 0.0), converter=_float_tuple, validator=_check_bias
    )
    min_evidence: float = attrs.field(default=0.5, converter=float, validator=_check_unit)
    shared_floor: float = attrs.field(default=1.0, converter=float, validator=_check_unit)
    temperature: float = attrs.field(default=1.0, converter=float, validator=_check_temperature)
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
            "temperature": self.temperature,
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
        stems, norm, offsets = scan(text)
        hits, z, active = self._match(stems, text, norm, offsets)
        located = spans(norm, offsets) if hits else None
        return self._decide(text, hits, z, active, located)

    def classify_many(
        self, texts: Iterable[str], *, jobs: int | None = 1, chunk_size: int = 2000
    ) -> Iterator[Verdict]:
        """Classify statements lazily, in input order, in constant memory.

        ``jobs`` > 1 spreads chunks of ``chunk_size`` statements over that many
        worker processes (``None`` or 0: one per CPU); output order is still
        input order and only a bounded number of chunks is in flight.
        """
        if jobs != 1:
            from rolelens.parallel import classify_parallel

            return classify_parallel(self, texts, jobs=jobs, chunk_size=chunk_size)
        return map(self.classify, texts)

    def _match(
        self, stems: list[str], text: str, norm: str, offsets: list[int] | None
    ) -> tuple[list[tuple[int, int, _Entry, bool]], list[float], bool]:
        """Cue occurrences as (first token, last token, entry, negated), the summed
        scores of the ones not negated, and whether there were any."""
        get = self._index.get
        prefixes = self._prefixes
        n = len(stems)
        hits: list[tuple[int, int, _Entry, bool]] = []
        z = list(self.bias)
        if not n:
            return hits, z, False
        z0, z1, z2, z3 = z
        active = False
        product_side = project_side = False
        # Weights are summed inline at each of the four kinds of hit below, not in a
        # helper: this is the hot loop, and a call per hit costs more than the sum.
        # The opening word of a statement ("Track...", "Hire...") carries its own weight.
        entry = get(f"{START} {stems[0]}")
        if entry is not None:
            hits.append((0, 0, entry, False))
            w = entry[0]
            z0 += w[0]
            z1 += w[1]
            z2 += w[2]
            z3 += w[3]
            active = True
        negated_to = -1
        located: list[tuple[int, int]] | None = None
        previous = -1  # last content word, for pairs across stopwords
        previous_negated = False
        skipped = False
        for i, key in enumerate(stems):
            if key in _NEGATORS and i + 1 < n and stems[i + 1] not in _NEGATION_RELEASE:
                if located is None:
                    located = spans(norm, offsets)
                negated_to = max(negated_to, _negation_end(text, located, stems, i))
            negated = i < negated_to
            if key not in STOPWORDS:
                if previous >= 0 and 1 < i - previous <= SKIP_REACH:
                    entry = get(f"{stems[previous]} {key}")
                    if entry is not None:
                        skipped = True
                        hits.append((previous, i, entry, previous_negated))
                        if not previous_negated:
                            active = True
                            w = entry[0]
                            z0 += w[0]
                            z1 += w[1]
                            z2 += w[2]
                            z3 += w[3]
                previous = i
                previous_negated = negated
            j = i
            while True:
                entry = get(key)
                if entry is not None:
                    hits.append((i, j, entry, negated))
                    if not negated:
                        active = True
                        w = entry[0]
                        z0 += w[0]
                        z1 += w[1]
                        z2 += w[2]
                        z3 += w[3]
                        side = entry[7]
                        if side == 0:
                            product_side = True
                        elif side == 1:
                            project_side = True
                j += 1
                if j >= n or key not in prefixes:
                    break
                key = f"{key} {stems[j]}"
        if skipped:  # pairs were found late: restore text order for the evidence
            hits.sort(key=_hit_order)
        # Which sides' hand-written cues are present: a pattern a sum of weights misses.
        entry = get((MIX_NONE, MIX_PRODUCT, MIX_PROJECT, MIX_BOTH)[product_side + 2 * project_side])
        if entry is not None and active:  # spans the whole statement, so it sorts first
            hits.insert(0, (0, n - 1, entry, False))
            w = entry[0]
            z0 += w[0]
            z1 += w[1]
            z2 += w[2]
            z3 += w[3]
        return hits, [z0, z1, z2, z3], active

    def _decide(
        self,
        text: str,
        hits: list[tuple[int, int, _Entry, bool]],
        z: list[float],
        active: bool,
        located: list[tuple[int, int]] | None,
    ) -> Verdict:
        if not hits or located is None:
            return Verdict(text, Label.OTHER, (0.0, 0.0, 0.0, 1.0), 0.0, ())
        if not active:  # every cue negated: nothing to weigh
            evidence, _ = _evidence(text, hits, located, _OTHER)
            return Verdict(text, Label.OTHER, (0.0, 0.0, 0.0, 1.0), 0.0, tuple(evidence))
        t = self.temperature
        scores = _softmax(z[0] / t, z[1] / t, z[2] / t, z[3] / t)
        best = chosen = max(range(4), key=scores.__getitem__)
        evidence, support = _evidence(text, hits, located, best)
        if best != _OTHER:
            if support < self.min_evidence:
                chosen = _OTHER
            elif best in (_PRODUCT, _PROJECT) and min(scores[0], scores[1]) >= self.shared_floor:
                chosen = _SHARED
            if chosen != best:  # rare: contributions are relative to the chosen label
                best = chosen
                evidence, _ = _evidence(text, hits, located, best)
        return Verdict(text, LABELS[best], scores, scores[best], tuple(evidence))


def _hit_order(hit: tuple[int, int, _Entry, bool]) -> tuple[int, int]:
    return (hit[0], hit[1])


def _evidence(
    text: str,
    hits: list[tuple[int, int, _Entry, bool]],
    located: list[tuple[int, int]],
    best: int,
) -> tuple[list[Evidence], float]:
    """Evidence for label index ``best`` and the strongest support any cue gives it."""
    new = tuple.__new__
    evidence: list[Evidence] = []
    append = evidence.append
    support = 0.0
    for i, j, en, negated in hits:
        s = located[i][0]
        e = located[j][1]
        if negated:
            append(new(Evidence, (s, e, text[s:e], en[1], en[4], en[2], (*en[3], "negated"), 0.0)))
        else:
            c = en[5][best]
            if c > support:
                support = c
            append(new(Evidence, (s, e, text[s:e], en[1], en[4], en[2], en[3], c)))
    return evidence, support


def _negation_end(text: str, located: list[tuple[int, int]], stems: list[str], at: int) -> int:
    """Index of the first token after the negation that starts at token ``at``."""
    end = at + 1
    limit = min(len(stems), at + 1 + _NEGATION_REACH)
    while end < limit:
        if end > at + 1:
            gap = text[located[end - 1][1] : located[end][0]]
            if any(c in _CLAUSE_PUNCT for c in gap) or stems[end] in _CLAUSE_WORDS:
                break
        end += 1
    return end


_DEFAULT: list[Classifier] = []
_DEFAULT_LOCK = threading.Lock()


def default_classifier() -> Classifier:
    """The built-in classifier: the shipped fitted model, loaded once on first use.

    Falls back to the hand-written lexicon alone if the model file is absent.
    Thread-safe: concurrent first calls load the model once.
    """
    if _DEFAULT:
        return _DEFAULT[0]
    with _DEFAULT_LOCK:
        if not _DEFAULT:
            from importlib import resources

            resource = resources.files("rolelens").joinpath("data/model.json")
            if resource.is_file():
                model = Classifier.from_json(resource.read_text("utf-8"))
            else:
                model = Classifier(default_lexicon(), bias=(0.0, 0.0, -0.5, 0.5))
            _DEFAULT.append(model)
    return _DEFAULT[0]


def classify(text: str) -> Verdict:
    """Classify one statement with the default classifier.

    >>> classify("Own the product roadmap and decide what we build next").label
    <Label.PRODUCT: 'product'>
    """
    return default_classifier().classify(text)


def classify_many(
    texts: Iterable[str], *, jobs: int | None = 1, chunk_size: int = 2000
) -> Iterator[Verdict]:
    """Classify statements lazily with the default classifier, preserving order.

    See :meth:`Classifier.classify_many` for ``jobs`` and ``chunk_size``.
    """
    return default_classifier().classify_many(texts, jobs=jobs, chunk_size=chunk_size)
