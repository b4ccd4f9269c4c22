"""Cue phrases and the compiled lexicon that finds them in one pass.

A :class:`Cue` is a phrase with a weight per label, the catalog dimension
it speaks to and framing tags ("task", "timeline", "feature"). A
:class:`Lexicon` is a tuple of cues; the classifier compiles it
(``_compile`` in :mod:`rolelens.classifier`) into dictionaries keyed by the
cues' normalised stems, one-word cues apart from phrases, plus the proper
prefixes of the longer phrases, so matching walks forward from a word only
while the words read so far are the beginning of some cue.

Cue files are TOML (or JSON) with groups that share a label, weight,
dimension and tags, and single cues::

    version = 1

    [[group]]
    label = "product"
    weight = 2.0
    dimension = "primary_responsibility"
    tags = []
    phrases = ["product roadmap", "product vision"]

    [[cue]]
    phrase = "on time and within budget"
    weights = { project = 3.0 }
    dimension = "success_metrics"
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from collections.abc import Set as AbstractSet
from importlib import resources
from pathlib import Path
from typing import Any

import attrs

from rolelens._checks import must_be_str, real_number
from rolelens._memo import once
from rolelens._serialization import parse_data_text, read_data_file, structure
from rolelens.errors import ArgumentError, LexiconError
from rolelens.labels import LABELS, Label
from rolelens.text import normalise_phrase

__all__ = ["RESERVED_WORDS", "Cue", "Lexicon", "default_lexicon", "load_lexicon"]

LEXICON_VERSION = 1
_TAG = re.compile(r"[a-z][a-z0-9_]*\Z")


def _weights(value: Mapping[Any, float] | Iterable[float]) -> tuple[float, ...]:
    if type(value) is tuple and _FLOATS.issuperset(map(type, value)):
        return value  # plain floats, as a loaded model or a cue file gives: no checks
    # A str is iterable, so it would be read one character at a time; a set has
    # no order, so its numbers would go to labels by chance.
    if isinstance(value, (str, bytes, bytearray, AbstractSet)) or not isinstance(value, Iterable):
        raise TypeError(
            "weights must be a mapping of label to number or one number per label, "
            f"got {type(value).__name__}"
        )
    if isinstance(value, Mapping):
        out = [0.0] * len(LABELS)
        given: dict[Label, str] = {}
        for key, weight in value.items():
            if not isinstance(key, str):  # None was ArgumentError "unknown label None"
                raise TypeError(f"weights' labels must be str, got {type(key).__name__}")
            # Any case, as Cue.weight() and Example read a label ("Product" was refused).
            label = Label.read(key)
            if label in given:
                raise ArgumentError(
                    f"weights name the label {label.value!r} twice: {given[label]!r} and {key!r}"
                )
            given[label] = key
            out[LABELS.index(label)] = real_number(weight, f"weight {key!r}")
        return tuple(out)
    weights = tuple(value)
    if _FLOATS.issuperset(map(type, weights)):
        return weights
    return tuple(real_number(weight, f"weight {i}") for i, weight in enumerate(weights))


_FLOATS = frozenset({float})


def _check_weights(_inst: object, _attr: object, value: tuple[float, ...]) -> None:
    if len(value) != len(LABELS):
        raise ArgumentError(f"weights need one number per label {[str(x) for x in LABELS]}")
    for w in value:  # a loop, not any() over a generator: a model checks 20,000 cues
        if w != w or abs(w) > 1e6:
            raise ArgumentError("weights must be finite numbers between -1e6 and 1e6")


#: Longest cue phrase, in words: bounds the matcher's work per token, so
#: classifying stays linear in the text whatever a user's lexicon holds.
MAX_CUE_WORDS = 8


def _check_unicode(value: str, what: str) -> None:
    """Refuse a lone surrogate ("x\\ud800y"): it classifies, but no file can hold it,
    so saving the classifier would fail long after the cue was accepted."""
    if not value.isascii():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise ArgumentError(
                f"{what} {value[:60]!r} is not valid Unicode (it holds a lone surrogate)"
            ) from None


def _check_key(value: str, key: str) -> None:
    words = key.split()
    if not words:
        raise ArgumentError(f"phrase {value!r} has no words")
    if len(words) > MAX_CUE_WORDS:
        raise ArgumentError(
            f"phrase {value[:60]!r} has {len(words)} words; cues have at most {MAX_CUE_WORDS}"
        )


#: Pseudo-words that open the keys of the classifier's own learned features, the
#: statement's opening word (``"xxstart own"``) and which sides' cues a statement
#: holds (``"xxmix both"``). A cue file's phrase that begins with one of them is
#: refused (:func:`~rolelens.load_lexicon`): it would not be matched as words but
#: taken for such a feature.
RESERVED_WORDS: frozenset[str] = frozenset({"xxstart", "xxmix"})


def _check_reserved(value: str, key: str) -> None:
    """Refuse a cue file's cue whose key opens with a reserved word (see
    :data:`~rolelens.lexicon.RESERVED_WORDS`). Not in :class:`Cue` itself: a model's own features
    are cues keyed so, built, copied, evolved and merged as any cue is."""
    if key.startswith("xx") and key.split(" ", 1)[0] in RESERVED_WORDS:
        first = key.split(" ", 1)[0]
        raise ArgumentError(
            f"phrase {value[:60]!r} begins with {first!r}, a word rolelens reserves for "
            "its own learned features (the opening word, the mix of sides); "
            "a cue cannot use it"
        )


#: Tags the classifier gives evidence it sets aside: a cue tagged so by hand counted
#: in the verdict, yet read as set aside wherever evidence is read by its tags (its
#: dimension vanished from a posting's counts once the evidence was built).
SET_ASIDE_TAGS: frozenset[str] = frozenset({"negated", "means", "subject"})
#: The tag of the classifier's features of the whole statement (``xxmix ...``), which
#: explanations and the coach pass over: ``rolelens.classifier.STATEMENT_TAG``.
WHOLE_STATEMENT_TAG = "statement"


def _check_tags(_inst: object, _attr: object, value: tuple[str, ...]) -> None:
    for tag in value:
        if not _TAG.match(tag):
            raise ArgumentError(f"tag {tag!r} must be lower_snake_case")
        if tag in SET_ASIDE_TAGS:
            raise ArgumentError(
                f"tag {tag!r} is the classifier's own: it tags the evidence it sets aside "
                "(negated, the means of a collaboration whose purpose is stated, or the "
                "subject before 'will')"
            )


def _str_tuple(values: Iterable[str]) -> tuple[str, ...]:
    if type(values) is tuple:  # as a loaded model gives them: ordered, and no str
        for tag in values:
            if not isinstance(tag, str):
                raise TypeError(f"tag {tag!r} must be a str, got {type(tag).__name__}")
        return values
    if isinstance(values, str):
        # Iterable, so "timeline" would become eight one-letter tags.
        raise TypeError(f"tags must be a list of str, got the str {values!r}")
    given: object = values  # whatever the annotation says, a caller may pass anything
    # A mapping iterates, but only its keys would be kept; None gave Python's
    # "'NoneType' object is not iterable", naming no field.
    if isinstance(given, Mapping) or not isinstance(given, Iterable):
        raise TypeError(f"tags must be a list of str, got {type(given).__name__}")
    if isinstance(given, AbstractSet):
        # A set has no order: the tags, and the evidence showing them, came out in
        # an order that changed from run to run (weights refuse a set likewise).
        raise TypeError(
            f"tags must be a list of str, got {type(given).__name__} "
            "(a set has no order: pass sorted(tags))"
        )
    out = tuple(values)
    for tag in out:
        if not isinstance(tag, str):
            raise TypeError(f"tag {tag!r} must be a str, got {type(tag).__name__}")
    return out


def _check_dimension(_inst: object, _attr: object, value: Any) -> None:
    if value is None:
        return
    if not isinstance(value, str):
        raise TypeError(f"dimension must be a str or None, got {type(value).__name__}")
    if not value.strip():
        raise ArgumentError("dimension must not be blank (use None for no dimension)")
    _check_unicode(value, "dimension")


def _cue_side(value: Label | str | None) -> Label | None:
    given: object = value  # whatever the annotation says, a caller may pass anything
    if given is None or type(given) is Label:  # a loaded model's 20,000 cues: no call
        return value  # type: ignore[return-value]
    if not isinstance(given, str):  # 5 was ArgumentError "unknown label 5"
        raise TypeError(f"side must be a Label, a str or None, got {type(given).__name__}")
    return Label.read(given)  # "Product" too


def _check_side(_inst: object, _attr: object, value: Label | None) -> None:
    # Only the two roles have sides: the classifier counts "product cues only",
    # "project cues only" or "both", so a shared side would be read as neither.
    if value is not None and value not in (Label.PRODUCT, Label.PROJECT):
        raise ArgumentError(f"side must be product, project or None, got {value.value!r}")


@attrs.frozen
class Cue:
    """A phrase that signals a label, with the dimension it speaks to.

    ``weights`` holds one number per label in :data:`~rolelens.labels.LABELS`
    order (a mapping such as ``{"product": 2.0}`` is accepted too, its labels and
    ``side`` read as :meth:`Label.read <rolelens.Label.read>` reads them); ``tags``
    is a list or tuple of lower_snake_case words, kept in the order given (a
    set, which has none, is refused); ``"negated"``, ``"means"`` and
    ``"subject"``, which the classifier gives evidence it sets aside, are refused,
    and so is ``"statement"``, which marks its features of the whole statement
    (explanations pass over them), on any phrase but such a feature's.

    A phrase whose first word normalises to one of :data:`~rolelens.lexicon.RESERVED_WORDS`
    (``"xxstart own"``, ``"xxmix both"``) is the key of one of the classifier's
    learned features, not words to match: ``"xxstart own"`` weighs on every
    statement that opens with *own*, ``"xxmix both"`` on every statement holding
    cues of both sides. A fitted model holds them as cues of its own, to copy,
    evolve or replace with :meth:`Lexicon.with_cues`; a cue file may not use
    them (:func:`~rolelens.load_lexicon` refuses such a phrase).
    """

    phrase: str = attrs.field(validator=must_be_str)
    weights: tuple[float, ...] = attrs.field(converter=_weights, validator=_check_weights)
    dimension: str | None = attrs.field(default=None, validator=_check_dimension)
    tags: tuple[str, ...] = attrs.field(default=(), converter=_str_tuple, validator=_check_tags)
    #: The role side a hand-written cue was written for (product or project);
    #: ``None`` for learned n-grams and for cues that favour neither side. Lets
    #: the classifier tell "both sides present" from "one side only", which a
    #: sum of weights cannot.
    side: Label | None = attrs.field(default=None, converter=_cue_side, validator=_check_side)
    # Worked out once: a fitted model holds tens of thousands of cues, and both
    # checking a cue and compiling the classifier need its key.
    _key: str = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        _check_unicode(self.phrase, "phrase")
        key = normalise_phrase(self.phrase)
        _check_key(self.phrase, key)
        if WHOLE_STATEMENT_TAG in self.tags and key.split(" ", 1)[0] not in RESERVED_WORDS:
            # Explanations and the coach pass over evidence tagged so: a cue of words
            # tagged "statement" weighed in the verdict but was never shown for it.
            raise ArgumentError(
                f"tag {WHOLE_STATEMENT_TAG!r} is the classifier's own: it marks its "
                "features of the whole statement (the mix of sides), which explanations "
                f"pass over; the cue {self.phrase[:60]!r} would weigh but never be shown"
            )
        object.__setattr__(self, "_key", key)

    @property
    def key(self) -> str:
        """The normalised stems the phrase is matched by."""
        return self._key

    @property
    def label(self) -> Label:
        """The label this cue pushes toward most."""
        best = max(range(len(LABELS)), key=lambda i: self.weights[i])
        return LABELS[best]

    def weight(self, label: Label | str) -> float:
        """This cue's weight for ``label``, read as :meth:`Label.read <rolelens.Label.read>`
        reads it; an unknown one raises :class:`~rolelens.errors.ArgumentError`, one
        that is no ``str`` ``TypeError``."""
        return self.weights[LABELS.index(Label.read(label))]


def _cue_tuple(values: Iterable[Cue]) -> tuple[Cue, ...]:
    given: object = values  # whatever the annotation says, a caller may pass anything
    if isinstance(given, Cue):
        raise TypeError("cues must be an iterable of Cue, got one Cue (put it in a list)")
    if isinstance(given, Mapping):
        # Iterated as its keys: Lexicon(lexicon.by_key()) said "cue 0 is a str".
        raise TypeError(
            f"cues must be an iterable of Cue, got a {type(given).__name__} "
            "(of a mapping of cues, pass its .values())"
        )
    if isinstance(given, (str, bytes, bytearray, memoryview)) or not isinstance(given, Iterable):
        raise TypeError(f"cues must be an iterable of Cue, got {type(given).__name__}")
    cues = tuple(values)
    for position, cue in enumerate(cues):
        if not isinstance(cue, Cue):
            # Caught here, or "'str' object has no attribute 'key'" surfaces far away.
            raise TypeError(f"cue {position} is a {type(cue).__name__}, expected a Cue")
    return cues


#: A lexicon with more cues than this shows only the first few and the count in its
#: repr: the built-in classifier's holds tens of thousands (megabytes of text).
REPR_CUES = 8


@attrs.frozen(repr=False)
class Lexicon:
    """An ordered collection of cues; later cues override earlier ones with the same key."""

    cues: tuple[Cue, ...] = attrs.field(converter=_cue_tuple)

    def __len__(self) -> int:
        return len(self.cues)

    def __iter__(self) -> Iterator[Cue]:
        """The cues in order, so a lexicon can be passed wherever cues are taken
        (``classifier.with_cues(load_lexicon(path))``)."""
        return iter(self.cues)

    def __repr__(self) -> str:
        if len(self.cues) <= REPR_CUES:
            return f"Lexicon(cues={self.cues!r})"
        first = ", ".join(map(repr, self.cues[:3]))
        return f"Lexicon(<{len(self.cues)} cues: {first}, ...>)"

    def with_cues(self, cues: Iterable[Cue]) -> Lexicon:
        """Return a lexicon with ``cues`` added after this one's cues.

        A cue of this lexicon with the :attr:`~Cue.key` of a cue added is left
        out: the added cue replaces it, as the last cue with a key wins. So the
        length grows only by the keys that are new, and ``lexicon.with_cues(lexicon)``
        equals ``lexicon``. ``cues`` are kept as given, in order.
        """
        added = _cue_tuple(cues)  # checked alone, so an error counts from the first one added
        replaced = {cue.key for cue in added}
        return Lexicon((*[cue for cue in self.cues if cue.key not in replaced], *added))

    def by_key(self) -> dict[str, Cue]:
        """Return the cues keyed by normalised phrase; the last one with a key wins."""
        return {cue.key: cue for cue in self.cues}


# -- file format --------------------------------------------------------------


@attrs.frozen
class _Group:
    label: Label
    phrases: tuple[str, ...]
    weight: float = 1.0
    dimension: str | None = None
    tags: tuple[str, ...] = ()


@attrs.frozen
class _Single:
    phrase: str
    weights: dict[str, float]
    dimension: str | None = None
    tags: tuple[str, ...] = ()


@attrs.frozen
class _LexiconFile:
    version: int
    group: tuple[_Group, ...] = ()
    cue: tuple[_Single, ...] = ()


def _side(weights: tuple[float, ...]) -> Label | None:
    """The side a cue from a file was written for: the role label its weights favour.

    Only a weight above zero that no other label matches makes a side: a cue
    that only weighs against project ("{ project = -3 }") or ties product and
    project speaks for neither role, and given ``product`` (the first largest
    weight) it would count as product evidence.
    """
    top = max(weights)
    if not top > 0 or weights.count(top) > 1:  # NaN too: the Cue refuses it
        return None
    label = LABELS[weights.index(top)]
    return label if label in (Label.PRODUCT, Label.PROJECT) else None


def _file_cue(
    phrase: str, given: Mapping[Any, float], dimension: str | None, tags: tuple[str, ...]
) -> Cue:
    """A cue of a file, with the side its weights favour, built once (a file may hold
    hundreds of thousands: building each twice, then adding the side, doubled the time)."""
    weights = _weights(given)  # a mapping gives one number per label
    cue = Cue(phrase, weights, dimension, tags, _side(weights))
    _check_reserved(phrase, cue.key)
    return cue


def _no_weight(cue: Cue) -> str | None:
    """Why a cue from a file cannot work: all its weights are zero (``weights = {}``)."""
    if any(cue.weights):
        return None
    return f"cue {cue.phrase[:60]!r} has no weight: give at least one label a non-zero weight"


def _check_entry(
    entry: str, path: str | None, dimension: str | None, tags: tuple[str, ...]
) -> None:
    """An entry's dimension and tags, checked before its cues are made, so that an error
    names the field: a group's blank dimension or bad tag was blamed on phrases[0]."""
    try:
        _check_dimension(None, None, dimension)
    except ValueError as exc:
        raise LexiconError(str(exc), path=path, entry=entry, field="dimension") from exc
    try:
        _check_tags(None, None, tags)
    except ValueError as exc:
        raise LexiconError(str(exc), path=path, entry=entry, field="tags") from exc
    if WHOLE_STATEMENT_TAG in tags:  # a cue file has no feature of the whole statement
        raise LexiconError(
            f"tag {WHOLE_STATEMENT_TAG!r} is the classifier's own: it marks its features "
            "of the whole statement, which explanations pass over; a cue tagged so would "
            "weigh but never be shown",
            path=path,
            entry=entry,
            field="tags",
        )


class _Places:
    """Where each key of a cue file was first given, to refuse a key given again
    with other settings.

    Two phrases with one key (the same words once normalised: "Prioritise backlog"
    and "prioritize backlogs") are one cue, and the later one silently replaced
    the earlier, weights and all. Spelling variants listed side by side with the
    same weights, dimension, tags and side change nothing, so they may stay.
    """

    def __init__(self, path: str | None) -> None:
        self.path = path
        self.seen: dict[str, tuple[str, Cue]] = {}

    def add(self, cue: Cue, entry: str, field: str) -> None:
        earlier = self.seen.get(cue.key)
        if earlier is None:
            self.seen[cue.key] = (f"{entry}.{field}", cue)
            return
        place, first = earlier
        if (first.weights, first.dimension, first.tags, first.side) == (
            cue.weights,
            cue.dimension,
            cue.tags,
            cue.side,
        ):
            return
        if first.phrase == cue.phrase:
            problem = f"phrase {cue.phrase[:60]!r} is given already at {place}"
        else:
            problem = (
                f"phrase {cue.phrase[:60]!r} is the cue {first.phrase[:60]!r} of {place} again "
                f"(both normalise to {cue.key[:60]!r})"
            )
        raise LexiconError(
            f"{problem}, with other weights, dimension, tags or side: the later would "
            "replace the earlier, so list each cue once",
            path=self.path,
            entry=entry,
            field=field,
        )


def _from_document(data: object, path: str | None) -> Lexicon:
    document = structure(data, _LexiconFile, error=LexiconError, path=path)
    if document.version != LEXICON_VERSION:
        raise LexiconError(
            f"unsupported version {document.version}, expected {LEXICON_VERSION}",
            path=path,
            field="version",
        )
    cues: list[Cue] = []
    places = _Places(path)
    for g_index, group in enumerate(document.group):
        weight = group.weight
        if weight != weight or abs(weight) > 1e6:  # NaN too
            # Checked here, not by each cue: the error named phrases[0] and "weights",
            # a field no group has.
            raise LexiconError(
                f"weight must be a finite number between -1e6 and 1e6, got {weight!r}",
                path=path,
                entry=f"group[{g_index}]",
                field="weight",
            )
        _check_entry(f"group[{g_index}]", path, group.dimension, group.tags)
        for p_index, phrase in enumerate(group.phrases):
            try:
                cue = _file_cue(phrase, {group.label: group.weight}, group.dimension, group.tags)
            except ValueError as exc:
                raise LexiconError(
                    str(exc), path=path, entry=f"group[{g_index}]", field=f"phrases[{p_index}]"
                ) from exc
            if not group.weight:
                raise LexiconError(
                    f"weight is 0, so cue {phrase[:60]!r} would have no effect",
                    path=path,
                    entry=f"group[{g_index}]",
                    field="weight",
                )
            places.add(cue, f"group[{g_index}]", f"phrases[{p_index}]")
            cues.append(cue)
    for c_index, single in enumerate(document.cue):
        _check_entry(f"cue[{c_index}]", path, single.dimension, single.tags)
        try:
            weights = _weights(single.weights)
            _check_weights(None, None, weights)
        except ValueError as exc:
            raise LexiconError(
                str(exc), path=path, entry=f"cue[{c_index}]", field="weights"
            ) from exc
        try:
            cue = _file_cue(single.phrase, single.weights, single.dimension, single.tags)
        except ValueError as exc:
            raise LexiconError(
                str(exc), path=path, entry=f"cue[{c_index}]", field="phrase"
            ) from exc
        problem = _no_weight(cue)
        if problem is not None:
            raise LexiconError(problem, path=path, entry=f"cue[{c_index}]", field="weights")
        places.add(cue, f"cue[{c_index}]", "phrase")
        cues.append(cue)
    return Lexicon(tuple(cues))


def load_lexicon(path: str | Path) -> Lexicon:
    """Load a user's cue file (TOML for a ``.toml`` name, otherwise JSON), validating
    every entry.

    Each cue's :attr:`~Cue.side` is the product or project label its weights
    favour, when that label's weight is above zero and no other label's is as
    large; otherwise it has none. Raises
    :class:`~rolelens.errors.LexiconError` naming the file, the entry and the
    field when anything is wrong, including a cue whose weights are all zero
    (``weights = {}``, or a group's ``weight = 0``), which could change no
    verdict, and a phrase with the :attr:`~Cue.key` of an earlier phrase of the
    file ("Prioritise backlog" and "prioritize backlogs") but other weights,
    dimension, tags or side, which is the same cue and would replace it (spelling
    variants listed side by side in one group are fine).
    """
    return _from_document(read_data_file(path, error=LexiconError), str(path))


@once
def default_lexicon() -> Lexicon:
    """The built-in cue lexicon, read from package data on first use.

    Later calls return the same :class:`~rolelens.Lexicon`, and so do threads
    that make the first call together: it is read once.
    """
    text = resources.files("rolelens").joinpath("data/cues.toml").read_text("utf-8")
    data = parse_data_text(text, toml=True, error=LexiconError, path="rolelens/data/cues.toml")
    return _from_document(data, "rolelens/data/cues.toml")
