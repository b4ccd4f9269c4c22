"""Analyse a whole job posting: which side its statements lean to, and whether the title agrees.

Theory of operation
-------------------
:func:`analyze_posting` splits the posting with
:func:`~rolelens.statements.split_statements`, classifies every statement
once, and aggregates the verdicts:

* a :class:`Balance` of product / project / shared / other, by count and
  weighted by confidence, for the ``responsibilities`` section, for the rest
  of the posting and for the whole;
* :class:`DimensionCoverage`: how much evidence speaks to each catalog
  dimension (core focus, primary responsibility, success metrics...);
* the *lean* of the content. It is read from the responsibilities section
  when that holds at least one product or project statement, otherwise from
  the whole posting: the share of product vs project statements (shared and
  other do not count) decides: at least 60% on one side is that side, less
  is ``shared`` (balanced), and no product or project statement at all is
  ``None``;
* the title's side, from the longest known title phrase it contains
  (``data/titles.toml`` plus the catalog's ``Role.titles``), and a
  :class:`Mismatch` when the content leans to the other side, naming the
  statements that drive it.

The title, when not given, is taken from front matter (``title:``), else the
first heading or short first line that names a known title (a list item, or
a line under a known section heading, is not a first line; a heading below
the first statement that reads as a sentence, "Working with the Product
Owner", names a colleague). A label before
it ("Job Title: Program Manager", ``title_labels`` in ``data/titles.toml``)
is not part of the title, nor is Markdown emphasis around its words
("**Senior Product Manager**"), nor an emoji before them ("🚀 Senior Product
Manager", a first line all the same). A first line
taken for the title is not among the statements, as a heading is not; a line
that reads as a sentence ("Work with the project manager daily") is not taken
for the title, since it may be a duty. A first line written as a list ("Senior
Product Manager · Berlin · Full-time"), which the splitter cuts into list items, is
still a first line, taken whole, and so is the rest of a line opened by an
overview heading and a colon ("Job Description: Product Manager"). Failing
all of these, an HTML page's
first ``<h1>`` that names a known title is its title, even inside page chrome.
"""

from __future__ import annotations

import functools
import html
import math
import re
import tomllib
from collections.abc import Callable, Iterable, Iterator, Mapping
from importlib import resources
from itertools import pairwise, starmap
from typing import TYPE_CHECKING, Any

import attrs

from rolelens._checks import (
    count,
    fraction,
    items_of,
    must_be,
    must_be_str,
    must_have,
    real_number,
    tuple_of,
    type_name,
    whole_number,
)
from rolelens._collection import collection_paused
from rolelens._display import cut_repr, known_ids, short_repr
from rolelens._html import first_h1, looks_like_html
from rolelens._native import speedups
from rolelens.errors import ArgumentError
from rolelens.labels import LABELS, Label
from rolelens.statements import (
    _SET_TEXT,
    Statement,
    _item,
    _plain_letters,
    front_matter,
    section_keys,
    split_statements,
)

if TYPE_CHECKING:
    from rolelens.classifier import SupportsClassifyMany, Verdict

__all__ = [
    "LEAN_THRESHOLD",
    "AnalyzedStatement",
    "Balance",
    "DimensionCoverage",
    "Mismatch",
    "PostingProfile",
    "analyze_posting",
    "title_side",
]

#: Share of product-vs-project statements one side needs for the content to lean to it.
LEAN_THRESHOLD = 0.6
#: Share above which the lean reads "mostly" rather than "leans".
STRONG_THRESHOLD = 0.75
#: How many statements a mismatch names.
MAX_DRIVERS = 5

_RESPONSIBILITIES = "responsibilities"
_INDEX = {label: i for i, label in enumerate(LABELS)}
_SIDES = (Label.PRODUCT, Label.PROJECT)


def _four(value: object, noun: str) -> tuple[object, ...]:
    # A mapping (of label to count) too: iterated, it gave its keys, taken for the counts.
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Iterable):
        raise TypeError(f"expected {len(LABELS)} {noun}, got {type(value).__name__}")
    return tuple(value)


def _four_ints(value: Iterable[int]) -> tuple[int, ...]:
    # Whole numbers only: 1.5 or "1" made a total that is no count, and a JSON
    # document its schema refuses.
    result = tuple(whole_number(v, "a count") for v in _four(value, "counts"))
    if len(result) != len(LABELS) or any(v < 0 for v in result):
        raise ArgumentError(f"expected {len(LABELS)} non-negative counts, got {result!r}")
    return result


def _four_floats(value: Iterable[float]) -> tuple[float, ...]:
    # Finite only: NaN passed the sign test, and made every share NaN and the JSON
    # document invalid (NaN is no JSON number).
    result = tuple(real_number(v, "a weight") for v in _four(value, "weights"))
    if len(result) != len(LABELS) or not all(0 <= v < math.inf for v in result):
        raise ArgumentError(
            f"expected {len(LABELS)} non-negative weights, each finite, got {result!r}"
        )
    return result


def _count(value: int) -> int:
    result = whole_number(value, "a count")
    if result < 0:
        raise ArgumentError(f"expected a non-negative count, got {result!r}")
    return result


#: The values of ``PostingProfile.scope`` and ``Mismatch.scope``.
_SCOPES = ("responsibilities", "posting")
#: The values of ``PostingProfile.title_source`` but None, as
#: :data:`rolelens.posting_schema.TITLE_SOURCES` lists them (a test keeps them in step).
_TITLE_SOURCES = ("given", "front matter", "heading", "first line")


def _one_of(value: object, allowed: tuple[str, ...], what: str) -> None:
    """Refuse ``value`` unless it is one of ``allowed``: ``TypeError`` for what is no
    ``str``, :class:`~rolelens.errors.ArgumentError` for another str."""
    if not isinstance(value, str):
        raise TypeError(f"{what} must be a str, got {type_name(value, 'str')}")
    if value not in allowed:
        raise ArgumentError(f"{what} must be one of {', '.join(allowed)}, got {value!r:.40}")


def _label_in(value: object, allowed: tuple[Label, ...], what: str) -> Label:
    """``value`` read as a :class:`~rolelens.Label` (its value in any case too), which
    must be one of ``allowed``: else ``TypeError`` or
    :class:`~rolelens.errors.ArgumentError` naming ``what``."""
    if not isinstance(value, str):
        raise TypeError(f"{what} must be a Label or a str, got {type_name(value, 'str')}")
    label = Label.read(value)
    if label not in allowed:
        names = ", ".join(side.value for side in allowed)
        raise ArgumentError(f"{what} must be one of {names}, got {label.value!r}")
    return label


def _optional_str(value: object, what: str) -> None:
    if value is not None and not isinstance(value, str):
        raise TypeError(f"{what} must be a str or None, got {type_name(value, 'str')}")


def _check_statement(_instance: object, _attribute: object, value: Any) -> None:
    must_be(value, Statement, "AnalyzedStatement.statement")


def _check_verdict(instance: Any, _attribute: object, value: Any) -> None:
    from rolelens.classifier import Verdict

    must_be(value, Verdict, "AnalyzedStatement.verdict")
    # The statement is checked first (attrs runs validators in field order). A verdict
    # on another text was kept: the HTML report showed the verdict's text, the others
    # the statement's, and the JSON gave evidence offsets into a text it did not hold.
    if value.text != instance.statement.text:
        raise ArgumentError(
            f"AnalyzedStatement.verdict is for the text {cut_repr(value.text, 40)}, not the "
            f"statement's {cut_repr(instance.statement.text, 40)}: classify the statement's text"
        )


@attrs.frozen
class AnalyzedStatement:
    """A statement of the posting together with its verdict.

    One made by hand takes a :class:`~rolelens.statements.Statement` and a
    :class:`~rolelens.Verdict` of the statement's text, or raises ``TypeError``
    naming the field (:class:`~rolelens.errors.ArgumentError` for a verdict of
    another text).
    """

    statement: Statement = attrs.field(validator=_check_statement)
    verdict: Verdict = attrs.field(validator=_check_verdict)

    @property
    def text(self) -> str:
        """The statement's text."""
        return self.statement.text

    @property
    def label(self) -> Label:
        """The verdict's label."""
        return self.verdict.label

    @property
    def section(self) -> str | None:
        """The section key of the statement, or ``None``."""
        return self.statement.section


# AnalyzedStatement's slot setters, in field order (the check keeps them in step).
_ANALYZED_FIELDS = ("statement", "verdict")
if tuple(f.name for f in attrs.fields(AnalyzedStatement)) != _ANALYZED_FIELDS:  # pragma: no cover
    raise AssertionError("_ANALYZED_FIELDS must list AnalyzedStatement's fields")
_SET_STATEMENT, _SET_VERDICT = (AnalyzedStatement.__dict__[n].__set__ for n in _ANALYZED_FIELDS)


def _analyzed(statement: Statement, verdict: Verdict) -> AnalyzedStatement:
    """``AnalyzedStatement(statement, verdict)`` without attrs' per-field calls (no validators)."""
    item: AnalyzedStatement = object.__new__(AnalyzedStatement)
    _SET_STATEMENT(item, statement)
    _SET_VERDICT(item, verdict)
    return item


@attrs.frozen
class Balance:
    """How many statements carry each label, and their summed confidence.

    ``counts`` and ``weights`` follow :data:`~rolelens.labels.LABELS` order: four
    non-negative whole numbers, and four non-negative finite numbers. Others raise
    ``TypeError`` (``1.5`` or ``"1"`` as a count) or
    :class:`~rolelens.errors.ArgumentError` (a negative one, NaN or infinity).
    """

    counts: tuple[int, ...] = attrs.field(default=(0, 0, 0, 0), converter=_four_ints)
    weights: tuple[float, ...] = attrs.field(default=(0.0, 0.0, 0.0, 0.0), converter=_four_floats)

    @classmethod
    def from_verdicts(cls, verdicts: Iterable[Verdict]) -> Balance:
        """Count and weigh ``verdicts`` by label.

        ``verdicts`` that is no iterable of :class:`~rolelens.Verdict` (``None``, one
        verdict, a str) raises ``TypeError`` naming it.
        """
        from rolelens.classifier import Verdict

        if isinstance(verdicts, str | Verdict) or not isinstance(verdicts, Iterable):
            raise TypeError(
                f"verdicts must be an iterable of Verdict, got {type(verdicts).__name__}"
            )
        counts = [0, 0, 0, 0]
        weights = [0.0, 0.0, 0.0, 0.0]
        for position, verdict in enumerate(verdicts):
            if not isinstance(verdict, Verdict):
                # "'str' object has no attribute 'label'" named neither argument nor item.
                raise TypeError(
                    f"verdict {position} is a {type(verdict).__name__}, expected a Verdict"
                )
            i = _INDEX[verdict.label]
            counts[i] += 1
            weights[i] += verdict.confidence
        return cls(counts, weights)

    @property
    def total(self) -> int:
        """The number of statements counted."""
        return sum(self.counts)

    def count(self, label: Label | str) -> int:
        """Statements labelled ``label``.

        ``label`` is a :class:`~rolelens.Label` or its value, read as
        :meth:`~rolelens.Label.read` reads it (``"Product"`` too), here and in
        :meth:`share` and :meth:`side_share`; an unknown one raises
        :class:`~rolelens.errors.ArgumentError`, also when the balance is empty.
        """
        return self.counts[_INDEX[Label.read(label)]]

    def share(self, label: Label | str, *, weighted: bool = False) -> float:
        """Fraction of statements (or of summed confidence) labelled ``label``; 0.0 when empty.

        ``label`` is read as :meth:`count` reads it; ``weighted`` that is not a bool
        raises ``TypeError``.
        """
        must_be(weighted, bool, "weighted")  # "no" is true: it gave the other share
        i = _INDEX[Label.read(label)]  # before the empty case, which hid a typo as 0.0
        values: tuple[float, ...] = self.weights if weighted else tuple(map(float, self.counts))
        total = sum(values)
        return values[i] / total if total else 0.0

    def side_share(self, label: Label | str) -> float:
        """Share of ``label``, product or project, among the product and project
        statements only; 0.0 when none.

        ``shared`` and ``other`` are no side (:meth:`share` gives their share of
        every statement) and raise :class:`~rolelens.errors.ArgumentError`: the
        shared statements over the product and project ones is no share of them.
        """
        side = Label.read(label)
        if side is not Label.PRODUCT and side is not Label.PROJECT:
            raise ArgumentError(
                f"side_share takes product or project, got {side.value!r}; "
                "share() gives a label's share of every statement"
            )
        product, project = self.counts[0], self.counts[1]
        return self.count(side) / (product + project) if product + project else 0.0


@attrs.frozen
class DimensionCoverage:
    """How much of a posting's evidence speaks to one catalog dimension.

    ``statements`` counts statements with at least one cue on the dimension
    that counts toward their verdict, ``evidence`` those cues, ``by_label``
    those cues by the label they push toward, in
    :data:`~rolelens.labels.LABELS` order. Evidence the classifier sets aside
    is left out: a cue tagged ``negated``, ``means`` (the collaboration of a
    stated purpose) or ``subject`` (who does the duty, before "will").
    ``dimension`` and ``name`` that are no ``str`` raise ``TypeError``.
    """

    dimension: str = attrs.field(validator=must_be_str)
    name: str = attrs.field(validator=must_be_str)
    statements: int = attrs.field(default=0, converter=_count)
    evidence: int = attrs.field(default=0, converter=_count)
    by_label: tuple[int, ...] = attrs.field(default=(0, 0, 0, 0), converter=_four_ints)


@attrs.frozen
class Mismatch:
    """The title promises one side, the content leans to the other.

    ``share`` is the content side's share of the product/project statements
    in ``scope`` (``"responsibilities"`` or ``"posting"``); ``drivers`` are
    indices into ``PostingProfile.statements`` of the most confident
    statements on the content side.

    One made by hand is checked as the posting document's schema
    (:mod:`rolelens.posting_schema`) would check it: the sides are ``product``
    or ``project`` (a :class:`~rolelens.Label` or its value), ``share`` a number
    from 0 to 1, ``drivers`` whole numbers of 0 or more (a list is kept as a
    tuple). A value of the wrong type raises ``TypeError``, another bad one
    :class:`~rolelens.errors.ArgumentError`, naming the field.
    """

    title: str = attrs.field(validator=must_be_str)
    title_side: Label
    content_side: Label
    share: float
    scope: str
    drivers: tuple[int, ...]
    message: str = attrs.field(validator=must_be_str)

    def __attrs_post_init__(self) -> None:
        # Unchecked, a label given as its value failed in posting_to_json() with "'str'
        # object has no attribute 'value'", and "0.9" for share with "type str doesn't
        # define __round__ method"; NaN was written as JSON's invalid NaN.
        for name in ("title_side", "content_side"):
            side = _label_in(getattr(self, name), _SIDES, f"Mismatch.{name}")
            object.__setattr__(self, name, side)
        object.__setattr__(self, "share", fraction(self.share, "Mismatch.share"))
        _one_of(self.scope, _SCOPES, "Mismatch.scope")
        # A mapping too, as the other sequence fields refuse one: iterated, it gave its
        # keys, so {3: "why"} was taken for the drivers (3,).
        drivers = items_of(self.drivers, "Mismatch.drivers", "a sequence of int")
        checked = tuple(count(d, f"Mismatch.drivers[{i}]") for i, d in enumerate(drivers))
        object.__setattr__(self, "drivers", checked)


#: A profile of more statements than this shows only the first and the count in its
#: repr: each statement carries its verdict and evidence, a posting of hundreds of
#: bullets megabytes of them.
REPR_STATEMENTS = 3


@attrs.frozen(repr=False)
class PostingProfile:
    """Everything :func:`analyze_posting` found in one posting.

    ``lean`` is ``product`` or ``project`` when the content leans to a side,
    ``shared`` when it is balanced, ``None`` when no statement leans to
    either; ``lean_share`` is that side's share of the product and project
    statements in ``scope``: when balanced, the larger side's (0.5 up to
    :data:`~rolelens.posting.LEAN_THRESHOLD`), and 0.0 when ``lean`` is ``None``. ``title_side``
    is ``product``, ``project`` or ``None`` (unknown or no title).

    One made by hand (for a renderer, say) is checked as the posting document's
    schema (:mod:`rolelens.posting_schema`) would check it: ``statements`` and
    ``coverage`` hold :class:`~rolelens.posting.AnalyzedStatement` and
    :class:`~rolelens.posting.DimensionCoverage` values (a list is kept as a
    tuple), the balances are :class:`~rolelens.posting.Balance` values,
    ``scope``, ``title_source``, ``title_side`` and ``lean`` are among the values
    the schema lists (a label as a :class:`~rolelens.Label` or its value),
    ``lean_share`` is a number from 0 to 1, and each driver of the ``mismatch``
    indexes a statement. A value of the wrong type raises ``TypeError``, another
    bad one :class:`~rolelens.errors.ArgumentError`, naming the field.
    """

    statements: tuple[AnalyzedStatement, ...]
    title: str | None
    title_source: str | None
    title_side: Label | None
    responsibilities: Balance
    rest: Balance
    overall: Balance
    coverage: tuple[DimensionCoverage, ...]
    scope: str
    lean: Label | None
    lean_share: float
    mismatch: Mismatch | None
    summary: str = attrs.field(validator=must_be_str)

    def __attrs_post_init__(self) -> None:
        # Unchecked, a list of statements failed in posting_to_json() with the C
        # extension's "statements_json(items, first_index, parts, fallback[, sink])",
        # and a lean given as its value with "'str' object has no attribute 'value'".
        items = tuple_of(self.statements, AnalyzedStatement, "PostingProfile.statements")
        object.__setattr__(self, "statements", items)
        _optional_str(self.title, "PostingProfile.title")
        if self.title_source is not None:
            _one_of(self.title_source, _TITLE_SOURCES, "PostingProfile.title_source")
        if self.title_side is not None:
            side = _label_in(self.title_side, _SIDES, "PostingProfile.title_side")
            object.__setattr__(self, "title_side", side)
        for name in ("responsibilities", "rest", "overall"):
            must_be(getattr(self, name), Balance, f"PostingProfile.{name}")
        coverage = tuple_of(self.coverage, DimensionCoverage, "PostingProfile.coverage")
        object.__setattr__(self, "coverage", coverage)
        _one_of(self.scope, _SCOPES, "PostingProfile.scope")
        if self.lean is not None:
            leans = (*_SIDES, Label.SHARED)
            object.__setattr__(self, "lean", _label_in(self.lean, leans, "PostingProfile.lean"))
        object.__setattr__(
            self, "lean_share", fraction(self.lean_share, "PostingProfile.lean_share")
        )
        mismatch = self.mismatch
        if mismatch is not None:
            must_be(mismatch, Mismatch, "PostingProfile.mismatch")
            for driver in mismatch.drivers:
                if driver >= len(items):
                    raise ArgumentError(
                        f"PostingProfile.mismatch.drivers: {driver} indexes no statement "
                        f"(there are {len(items)})"
                    )

    @property
    def is_empty(self) -> bool:
        """True when the posting holds no statement."""
        return not self.statements

    def in_section(self, section: str | None) -> tuple[AnalyzedStatement, ...]:
        """The statements whose section key is ``section`` (``None``: those under no
        known heading). A ``section`` that is no ``str`` raises ``TypeError``, and one
        that is no section key (see :func:`~rolelens.statements.section_keys`; a heading
        as written, "Responsibilities", is not one) nor any statement's section,
        :class:`~rolelens.errors.ArgumentError` listing the keys: either gave ``()``,
        as if the posting had no such statements."""
        if section is not None and not isinstance(section, str):
            raise TypeError(f"section must be a str or None, got {type(section).__name__}")
        found = tuple(s for s in self.statements if s.section == section)
        if not found and section is not None and section not in section_keys():
            raise ArgumentError(
                f"unknown section {section!r:.60} (known: {known_ids(section_keys(), most=20)})"
            )
        return found

    def __repr__(self) -> str:
        return short_repr(self, "statements", "statements", most=REPR_STATEMENTS, shown=1)


# --- titles ------------------------------------------------------------------------------


def _words(text: str) -> str:
    # Styled letters ("𝗣𝗿𝗼𝗱𝘂𝗰𝘁 𝗠𝗮𝗻𝗮𝗴𝗲𝗿", fullwidth ones) as the plain ones they are,
    # as headings are read.
    text = _plain_letters(text)
    return " ".join("".join(ch if ch.isalnum() else " " for ch in text.lower()).split())


@functools.cache
def _titles_data() -> dict[str, Any]:
    """``data/titles.toml``, read once for the title phrases, labels and sentence words."""
    raw = resources.files("rolelens").joinpath("data/titles.toml").read_text(encoding="utf-8")
    return tomllib.loads(raw)


@functools.cache
def _title_phrases() -> tuple[tuple[str, Label], ...]:
    data = _titles_data()
    phrases: dict[str, Label] = {}
    conflicted: set[str] = set()

    def add(phrase: str, side: Label) -> None:
        key = _words(phrase)
        if not key:
            return
        if phrases.get(key, side) != side:
            conflicted.add(key)
        phrases[key] = side

    for side in _SIDES:
        for phrase in data.get(side.value, ()):
            add(phrase, side)
    try:
        from rolelens.catalog import default_catalog

        roles = default_catalog().roles
    except ImportError:  # pragma: no cover - catalog always ships with the package
        roles = ()
    for role in roles:
        if role.side in _SIDES:
            for title in role.titles:
                add(title, role.side)
    return tuple((p, s) for p, s in phrases.items() if p not in conflicted)


def _title_match(title: str) -> tuple[str, Label] | None:
    padded = f" {_words(title[:300])} "
    best: list[tuple[int, str, Label]] = []
    for phrase, side in _title_phrases():
        if f" {phrase} " in padded:
            best.append((phrase.count(" ") + 1, phrase, side))
    if not best:
        return None
    longest = max(n for n, _, _ in best)
    sides = {side for n, _, side in best if n == longest}
    if len(sides) != 1:
        return None
    phrase = min(p for n, p, _ in best if n == longest)
    return phrase, sides.pop()


def title_side(title: str | None) -> Label | None:
    """The side a job title leans to: ``Label.PRODUCT``, ``Label.PROJECT`` or ``None``.

    >>> title_side("Senior Product Manager")
    <Label.PRODUCT: 'product'>
    >>> title_side("Scrum Master")
    <Label.PROJECT: 'project'>
    >>> title_side("Data Scientist") is None
    True

    The side comes from the longest known title phrase in ``title`` (whole
    words, any case; ``data/titles.toml`` and the catalog's role titles); no
    such phrase, one of each side, ``""`` or ``None`` is ``None``. A ``title``
    that is neither a ``str`` nor ``None`` raises ``TypeError`` naming its type.
    """
    if title is None:
        return None
    if not isinstance(title, str):
        raise TypeError(f"title must be a str or None, got {type(title).__name__}")
    if not title:
        return None
    found = _title_match(title)
    return None if found is None else found[1]


def _infer_title(
    text: str, headings: list[Statement], statements: list[Statement]
) -> tuple[str, str, int]:
    """``(title, source, n)``: the title inferred and where from, ``("", "", 0)`` when
    none; ``n`` statements open the posting that are the title's line (a first line)."""
    first = statements[0] if statements else None
    _, fm_title = front_matter(text)
    if fm_title:
        return _plain_title(fm_title), "front matter", 0
    for heading in headings[:8]:
        candidate = _heading_title(heading.text, heading.start, first)
        if candidate:
            return candidate, "heading", 0
    # A first line written as a list ("Senior Product Manager · Berlin · Full-time")
    # gives a list item per item: the line is still the posting's first, no list item.
    pieces = _first_line_items(text, statements)
    # Only a line that opens the posting: not a list item, nor one under a known section
    # ("- Scrum Master certification" under Requirements names no job title).
    if (
        first is not None
        and (first.kind != "bullet" or pieces or _emoji_opened(text, first))
        and (first.section is None or _labelled_opening(text, headings, first))
    ):
        candidate = _plain_title(pieces[0] if pieces else first.text)
        # The job's name is six words at most; a team, a place or an ID may follow it
        # ("Senior Program Manager - Data Platform - Remote - REQ-2024-118").
        if (
            len(candidate) <= _TITLE_LIMIT
            and len(_TITLE_TAIL.split(candidate, maxsplit=1)[0].split()) <= 6
            and _title_shaped(candidate)  # "Report to the Product Manager." is a duty
            and _title_match(candidate)
        ):
            return candidate, "first line", max(1, len(pieces) - 1)
    # A page's <h1> inside its chrome (a <header>: WordPress and many careers pages put
    # the job's name there) gives no heading above, as chrome gives no statement.
    found = first_h1(text) if looks_like_html(text) else None
    if found is not None:
        candidate = _heading_title(*found, first)
        if candidate:
            return candidate, "heading", 0
    return "", "", 0


def _emoji_opened(text: str, first: Statement) -> bool:
    """Whether ``first``, the posting's first statement, is a list item only for the
    emoji before it on its line ("🚀 Senior Product Manager", in HTML tags or not),
    which posts put before a title as before a heading (the splitter reads such a
    heading as the line without it): a check mark or an arrow is a bullet, and so is
    any other marker. The line is still the posting's first."""
    opens = max(text.rfind("\n", 0, first.start), text.rfind("\r", 0, first.start)) + 1
    if first.start - opens > _ITEM_REACH:
        return False
    lead = _ANY_TAG.sub("", text[opens : first.start]).strip()
    return (
        bool(lead)
        and not _item(lead, 1, True)
        and all(ch.isspace() or ch in "\ufe0f\u200d" or _is_emoji(ch) for ch in lead)
    )


def _without_emoji(title: str) -> str:
    """``title`` without the emoji opening it ("🚀 Senior Product Manager", "# 🚀 ..."
    as a heading keeps it), which decorates the job's name and is none of it; the
    title itself when it is nothing else."""
    at = 0
    while at < len(title) and (
        title[at].isspace() or title[at] in "\ufe0f\u200d" or _is_emoji(title[at])
    ):
        at += 1
    return title[at:] if 0 < at < len(title) else title


def _is_emoji(ch: str) -> bool:
    """Whether ``ch`` is an emoji or a dingbat, as the splitter's markers read them."""
    code = ord(ch)
    return 0x1F300 <= code <= 0x1FAFF or 0x2600 <= code <= 0x27BF or code == 0x2B50


_ANY_TAG = re.compile(r"<[^<>]*>")


def _labelled_opening(text: str, headings: list[Statement], first: Statement) -> bool:
    """Whether ``first``, the posting's first statement, follows on its line the
    overview heading that opens the posting and labels it ("Job Description: Product
    Manager", whose heading is "Job Description:"): the posting's first line still."""
    if not headings or first.section != "overview":
        return False
    heading = headings[0]
    between = text[heading.end : first.start]
    return (
        heading.start < first.start
        and heading.section == "overview"
        and "\n" not in between
        and "\r" not in between
    )


# What may stand before a posting's first statement on its line when that is no list
# item: white space (a byte-order mark too), and in HTML tags other than a list item's
# ("<div><span>").
_NO_MARKER = re.compile(r"(?:[\s\ufeff]|<(?![Ll][Ii][\s>/])[^<>]*>)*")
# What parts two items of a list written on one line, as the splitter cuts one: a bullet
# or a middle dot (in HTML, also as a character reference) with white space each side,
# or in plain text spaces and tabs with a tab (the columns of a table pasted as text).
_ITEM_GAP = re.compile(
    r"(?:\s|<[^<>]*>)*([\u2022\u25cf\u25aa\uf0b7\u00b7])(?:\s|<[^<>]*>)*|( *\t[ \t]*)"
)
#: The most characters of a title taken from the posting.
_TITLE_LIMIT = 120
#: Characters looked at before the first statement, and between two items.
_ITEM_REACH = 2000


def _first_line_items(text: str, statements: list[Statement]) -> tuple[str, ...]:
    """When the posting's first line is a list written on one line ("Senior Product
    Manager · Berlin · Full-time"), which the splitter makes a list item per item: the
    line as one title (``"Senior Product Manager · Berlin · Full-time"``), then each
    item; ``()`` otherwise, as for an item of a real list ("- Product Manager · Berlin")."""
    if not statements or statements[0].kind != "bullet":
        return ()
    first = statements[0]
    opens = max(text.rfind("\n", 0, first.start), text.rfind("\r", 0, first.start)) + 1
    if first.start - opens > _ITEM_REACH or not _NO_MARKER.fullmatch(text, opens, first.start):
        return ()
    items = [first.text]
    line = first.text
    for before, item in pairwise(statements):
        if len(line) > _TITLE_LIMIT:
            return ()  # no title: the line is too long to be one (a list of duties, say)
        if item.kind != "bullet" or item.section != first.section:
            break
        gap = text[before.end : item.start]
        if len(gap) > _ITEM_REACH:
            break
        found = _ITEM_GAP.fullmatch(html.unescape(gap) if "&" in gap else gap)
        if found is None:
            break
        items.append(item.text)
        # Tabs as they are written: the line as it was before the splitter cut it.
        line += found.group(2) + item.text if found.group(2) else f" {found.group(1)} {item.text}"
    return (line, *items) if len(items) > 1 else ()


def _heading_title(heading: str, start: int, first: Statement | None) -> str:
    """The title a heading at ``start`` names, or ``""``: a known title, and below the
    first statement not one that reads as a sentence, which names a colleague
    ("Working with the Product Owner"), not the job."""
    candidate = _plain_title(heading)
    if (
        len(candidate) <= _TITLE_LIMIT
        and _title_match(candidate) is not None
        and (first is None or start < first.start or _title_shaped(candidate))
    ):
        return candidate
    return ""


# Where a title line's name ends and what qualifies it begins: a comma, a bracket, or a
# dash, bar or dot with a space each side ("Program Manager, Growth (Remote) | Berlin").
_TITLE_TAIL = re.compile(r"[,(\[]|\s[-\u2013\u2014|\u00b7\u2022\u25cf\u25aa\uf0b7]\s")

#: Characters of a title candidate in which a leading label is looked for.
_LABEL_REACH = 100


@functools.cache
def _title_label() -> re.Pattern[str]:
    """A leading title label ("Job Title:", "Position -"): ``title_labels`` in
    ``data/titles.toml``, any case, then a colon or a dash with a space each side;
    also in Markdown emphasis closed before or after that mark ("**Job Title:**",
    "**Role**:"), which a first line keeps as written."""
    labels = sorted(
        {" ".join(label.split()) for label in _titles_data().get("title_labels", ())} - {""},
        key=len,
        reverse=True,
    )
    alternatives = "|".join(r"\s+".join(map(re.escape, label.split())) for label in labels)
    mark = r"(?:\s*[:\uff1a]|\s*\s[-\u2013\u2014]\s)"
    emphasised = rf"(?P<em>\*\*|__|\*|_)(?:{alternatives})(?:{mark}(?P=em)|(?P=em){mark})"
    return re.compile(rf"(?:(?:{alternatives}){mark}|{emphasised})", re.IGNORECASE)


def _unlabelled(title: str) -> str:
    """``title`` without a leading label ("Job Title: Program Manager" is "Program
    Manager"); ``title`` itself when it has none or nothing follows the label."""
    stripped = title.lstrip()
    found = _title_label().match(stripped, 0, _LABEL_REACH)
    if found is None:
        return title
    rest = stripped[found.end() :].strip()
    return rest or title


# A closed pair of Markdown emphasis marks around words: "**Senior PM**", "_Remote_".
# The words hold no mark, so each search ends at the next one: linear time.
_EMPHASIS = re.compile(r"(?<!\w)(\*\*|__|\*|_)(?=[^\s*_])([^*_]*?[^\s*_])\1(?!\w)")
#: Times emphasis is taken off a title: each removes one level ("***Senior PM***" is two).
_EMPHASIS_PASSES = 3


def _plain_title(title: str) -> str:
    """``title`` without a leading label (:func:`_unlabelled`) and without Markdown
    emphasis: "**Job Title:** Program Manager", "**Senior Product Manager**" and "Title:
    **Senior Product Manager** (Remote)" are "Program Manager", "Senior Product Manager"
    and "Senior Product Manager (Remote)". Only closed pairs count, as for the label:
    "**Job Title: Product Manager" keeps its asterisks."""
    title = _unlabelled(_without_emoji(title))
    for _ in range(_EMPHASIS_PASSES):
        if "*" not in title and "_" not in title:
            break
        title = _EMPHASIS.sub(r"\2", title)
    return title


@functools.cache
def _sentence_words() -> frozenset[str]:
    return frozenset(_words(word) for word in _titles_data().get("sentence_words", ()))


# A word in capitals of two letters or more ("US", "(Remote, US)"): an acronym, not the
# sentence word it spells in lower case.
_ACRONYM = re.compile(r"\W*[A-Z]{2,}\W*").fullmatch


def _title_shaped(line: str) -> bool:
    """Whether ``line`` is only a job title ("Senior Product Manager", "Delivery Manager
    (Remote)"), not a sentence that names one ("Report to the Product Manager.")."""
    if line.rstrip().endswith((".", "!", "?")):
        return False
    words = line.split() if line.isupper() else [w for w in line.split() if not _ACRONYM(w)]
    return _sentence_words().isdisjoint(_words(" ".join(words)).split())


# --- aggregation -------------------------------------------------------------------------


@functools.cache
def _dimension_names() -> tuple[tuple[str, str], ...]:
    from rolelens.catalog import default_catalog

    return tuple((d.id, d.name) for d in default_catalog().dimensions)


def _coverage(analyzed: tuple[AnalyzedStatement, ...]) -> tuple[DimensionCoverage, ...]:
    known = dict(_dimension_names())
    # One row per dimension: cues by label (LABELS order), then statements, then the
    # index of the last statement counted (a cheaper "seen" than a set per statement).
    # Known dimensions come first, in catalog order; others as they are first met.
    rows: dict[str, list[int]] = {d: [0, 0, 0, 0, 0, -1] for d in known}
    get = rows.get
    index = _INDEX
    for i, item in enumerate(analyzed):
        # Only the cues that speak to a dimension, without building every Evidence.
        for dimension, label in item.verdict._dimension_cues():
            row = get(dimension)
            if row is None:
                row = rows[dimension] = [0, 0, 0, 0, 0, -1]
            row[index[label]] += 1
            if row[5] != i:
                row[5] = i
                row[4] += 1
    return tuple(
        DimensionCoverage(
            d,
            known.get(d, d.replace("_", " ").capitalize()),
            row[4],
            row[0] + row[1] + row[2] + row[3],
            row[:4],
        )
        for d, row in rows.items()
    )


def _lean(balance: Balance) -> tuple[Label | None, float]:
    product, project = balance.count(Label.PRODUCT), balance.count(Label.PROJECT)
    if product + project == 0:
        return None, 0.0
    share = product / (product + project)
    if share >= LEAN_THRESHOLD:
        return Label.PRODUCT, share
    if 1.0 - share >= LEAN_THRESHOLD:
        return Label.PROJECT, 1.0 - share
    return Label.SHARED, max(share, 1.0 - share)


def _counts_phrase(balance: Balance) -> str:
    return (
        f"{balance.count(Label.PRODUCT)} product, {balance.count(Label.PROJECT)} project, "
        f"{balance.count(Label.SHARED)} shared, {balance.count(Label.OTHER)} other"
    )


def _summary(total: int, scope: str, balance: Balance, lean: Label | None, share: float) -> str:
    where = "responsibilities" if scope == _RESPONSIBILITIES else "statements"
    if total == 0:
        return "empty posting: no statements found"
    if lean is None:
        noun = "statement" if total == 1 else "statements"
        return f"no product or project signal in {total} {noun} ({_counts_phrase(balance)})"
    if lean is Label.SHARED:
        # Neither side reaches LEAN_THRESHOLD: the product side's share lies between.
        lean_at = round(LEAN_THRESHOLD * 100, 6)  # 0.6 * 100 is 60.00000000000001
        product = _percent(balance.side_share(Label.PRODUCT), 100 - lean_at, lean_at)
        return (
            f"balanced between product and project: {product} "
            f"product-side of {where} that lean to a side ({_counts_phrase(balance)})"
        )
    strength = "mostly" if share >= STRONG_THRESHOLD else "leans"
    return (
        f"{strength} {lean.value}-side: {_lean_percent(share)} of {where} that lean to a side "
        f"({_counts_phrase(balance)})"
    )


def _percent(share: float, above: float = -1.0, below: float = 101.0) -> str:
    """``share`` as a percent strictly between ``above`` and ``below`` percent: whole
    (as ``f"{share:.0%}"``) when that is, else with the fewest decimals that are.
    Rounded to whole percents alone, 146 product statements of 195 (74.87%) read
    "leans product-side: 75%", and 59 of 99 (59.6%) "balanced ... 60% product-side",
    which the thresholds they are judged by (75% and 60%) contradict."""
    for places in range(_MAX_PLACES + 1):
        shown = format(share, f".{places}%")
        if above < float(shown[:-1]) < below:
            break
    return shown


#: Decimals a share shown beside a threshold may take (a share of 1 in a million).
_MAX_PLACES = 6


def _lean_percent(share: float) -> str:
    """The share of a side the content leans to, as a percent below
    :data:`STRONG_THRESHOLD` when it is ("leans"), else as rounded ("mostly")."""
    return (
        _percent(share, below=round(STRONG_THRESHOLD * 100, 6))
        if share < STRONG_THRESHOLD
        else f"{share:.0%}"
    )


def _mismatch(
    title: str,
    side: Label | None,
    lean: Label | None,
    share: float,
    scope: str,
    analyzed: tuple[AnalyzedStatement, ...],
) -> Mismatch | None:
    if side is None or lean is None or lean not in _SIDES or side is lean:
        return None
    everywhere = scope != _RESPONSIBILITIES
    # Sort keys directly (not pairs by a key function): the same order, less Python.
    in_scope = [
        (-a.verdict.confidence, i)
        for i, a in enumerate(analyzed)
        if a.verdict.label is lean and (everywhere or a.statement.section == _RESPONSIBILITIES)
    ]
    in_scope.sort()
    drivers = tuple(sorted(i for _, i in in_scope[:MAX_DRIVERS]))
    texts = [analyzed[i].text for i in drivers]
    message = _mismatch_message(title, side, lean, share, scope, texts)
    return Mismatch(title, side, lean, share, scope, drivers, message)


def _as_is(text: str) -> str:
    return text


def _mismatch_message(
    title: str,
    side: Label,
    lean: Label,
    share: float,
    scope: str,
    texts: Iterable[str],
    escape: Callable[[str], str] = _as_is,
    quote: Callable[[str], str] = _as_is,
) -> str:
    """:attr:`Mismatch.message` of a mismatch of these fields, ``texts`` the drivers'
    statements: each piece written by ``escape``, and the title and each statement,
    cut short, by ``quote`` (the HTML report isolates each in a ``<bdi>``)."""
    where = "responsibilities" if scope == _RESPONSIBILITIES else "statements"
    quoted = "; ".join(f'"{quote(_short(text))}"' for text in texts)
    return (
        f'title "{quote(_short(title))}"'
        + escape(
            f" suggests {side.value} work, but {_lean_percent(share)} of the {where} "
            f"that lean to a side are {lean.value}-side, for example: "
        )
        + quoted
    )


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def analyze_posting(
    text: str,
    title: str | None = None,
    *,
    classifier: SupportsClassifyMany | None = None,
    progress: Callable[[int, int], object] | None = None,
) -> PostingProfile:
    """Split a posting into statements, classify each, and profile the whole.

    ``title`` is the job title; when ``None`` or blank it is inferred from the
    posting (front matter, a heading naming a known title, or a short first
    line naming one), without a leading label such as "Job Title:" or "Position:", and
    stays ``None`` when nothing names one. A given ``title`` is kept as it is (trimmed);
    a first line the posting would take for its title is not among the statements then
    either, so the statements do not depend on whether a title is given. ``classifier``
    defaults to :func:`rolelens.default_classifier`. Empty text gives an
    empty profile whose summary says so; any string is accepted, and
    anything else (as ``text`` or ``title``) raises ``TypeError`` naming its type. On texts of a
    megabyte or more, Python's cyclic garbage collector is paused for the
    call: it would otherwise keep walking
    the millions of statements being made. With rolelens' own
    :class:`~rolelens.classifier.Classifier`, statements with equal texts share
    one verdict object (and one text string), classified once.

    ``progress``, if given, is called as ``progress(done, total)`` while the
    statements are classified (most of the work on a long posting): every
    thousand statements, and once at the end with ``done ==
    total``, the number of statements found (also when it is 0); anything
    neither callable nor ``None`` raises ``TypeError``.

    >>> profile = analyze_posting("")
    >>> profile.summary
    'empty posting: no statements found'
    """
    if not isinstance(text, str):
        raise TypeError(f"analyze_posting() expects a str, got {type(text).__name__}")
    if title is not None and not isinstance(title, str):
        raise TypeError(
            f"analyze_posting() title must be a str or None, got {type(title).__name__}"
        )
    if classifier is None:
        from rolelens.classifier import default_classifier

        classifier = default_classifier()
    must_have(classifier, "classify_many", "classifier", "Classifier")
    if progress is not None and not callable(progress):
        raise TypeError(
            f"analyze_posting() progress must be callable or None, got {type(progress).__name__}"
        )
    with collection_paused(len(text)):
        return _analyze(text, title, classifier, progress)


#: How many statements :func:`analyze_posting` classifies between calls of ``progress``.
_PROGRESS_EVERY = 1000


def _reported(
    items: Iterable[Any], total: int, progress: Callable[[int, int], object]
) -> Iterator[Any]:
    """``items``, calling ``progress(done, total)`` every :data:`_PROGRESS_EVERY` of them.

    ``done`` counts the items taken before the one being handed out: a loop
    asks for the next only when it is done with the last.
    """
    for done, item in enumerate(items):
        if done and not done % _PROGRESS_EVERY:
            progress(done, total)
        yield item


#: Distinct statement texts :func:`_classified` remembers at a time.
_SEEN_LIMIT = 100_000


def _classified(
    classifier: SupportsClassifyMany,
    statements: list[Statement],
    progress: Callable[[int, int], object] | None = None,
) -> list[Verdict]:
    """The verdict of each statement, in order; ``progress`` as :func:`analyze_posting`
    says.

    rolelens' own :class:`~rolelens.classifier.Classifier` gives equal verdicts
    for equal texts, so a statement whose text came before gets the verdict
    made then: the same object, frozen and equal to a new one. A verdict (its
    scores, its settled evidence) is most of a statement's memory, and a long
    posting, hostile or generated, repeats its lines: a million copies of five
    bullets made a million verdicts. Where the texts hardly repeat (fewer than
    one repeat per eight distinct texts while the table filled up), looking
    them up costs more than it saves, and the rest are classified each.
    Any other classifier is asked for every statement, through
    ``classify_many``, as always.
    """
    from rolelens.classifier import Classifier

    total = len(statements)
    if type(classifier) is not Classifier:
        from rolelens.evaluation import _verdicts  # checked: a stand-in may break its promise

        found = _verdicts(classifier, [s.text for s in statements], "statements")
        if progress is None:
            return list(found)
        # Counted as they come: the next verdict is asked for once the last is kept.
        checked = list(_reported(found, total, progress))
        progress(total, total)
        return checked
    classify = classifier.classify
    # What classify() does first for an ASCII text, without its Python frame.
    core = classifier._core
    made = None if core is None else speedups.verdict
    verdicts: list[Verdict] = []
    append = verdicts.append
    seen: dict[str, Verdict] = {}
    get = seen.get
    rest = iter(statements) if progress is None else _reported(statements, total, progress)
    looked = 0  # statements looked up since the table was last emptied
    for statement in rest:
        looked += 1
        text = statement.text
        verdict = get(text)
        if verdict is None:
            verdict = made(text, core) if made is not None and text.isascii() else classify(text)
            if len(seen) >= _SEEN_LIMIT:  # as _memo.remember, without the call
                if looked < _SEEN_LIMIT + _SEEN_LIMIT // 8:
                    append(verdict)
                    break  # texts that hardly repeat: classify the rest each
                seen.clear()
                looked = 0
            seen[text] = verdict
        elif verdict.text is not text:
            # The statement was made just now, by this call: it may still take the
            # equal string its verdict holds, and its own copy is freed.
            _SET_TEXT(statement, verdict.text)
        append(verdict)
    for statement in rest:
        text = statement.text
        append(made(text, core) if made is not None and text.isascii() else classify(text))
    if progress is not None:
        progress(total, total)
    return verdicts


def _analyze(
    text: str,
    title: str | None,
    classifier: SupportsClassifyMany,
    progress: Callable[[int, int], object] | None = None,
) -> PostingProfile:
    pieces = split_statements(text, include_headings=True)
    statements = [s for s in pieces if s.kind != "heading"]
    title = title.strip() if title else None  # a blank title names nothing: infer one
    title_source: str | None = "given" if title else None
    # Read even when a title is given: the posting's own title line is no duty either,
    # and the same posting gives the same statements with --title or without.
    inferred, source, lines = _infer_title(
        text, [s for s in pieces if s.kind == "heading"], statements
    )
    if not title:
        title, title_source = (inferred, source) if inferred else (None, None)
    # The job's name, not a duty: as a heading would be (each item of a first line
    # written as a list: "Senior Product Manager · Berlin · Full-time").
    statements = statements[lines:]
    del pieces  # a long posting's containers are tens of megabytes: no more than needed
    # Every verdict first, then the pairs: classifying without other work in between
    # keeps the classifier's tables in the cache (a tenth faster on long postings).
    verdicts = _classified(classifier, statements, progress)
    analyzed = tuple(starmap(_analyzed, zip(statements, verdicts, strict=True)))
    # Both balances in one pass; each still sums its own statements in document order,
    # so the weights are the same floats as Balance.from_verdicts would give.
    in_counts, in_weights = [0, 0, 0, 0], [0.0, 0.0, 0.0, 0.0]
    out_counts, out_weights = [0, 0, 0, 0], [0.0, 0.0, 0.0, 0.0]
    for statement, verdict in zip(statements, verdicts, strict=True):
        i = _INDEX[verdict.label]
        if statement.section == _RESPONSIBILITIES:
            in_counts[i] += 1
            in_weights[i] += verdict.confidence
        else:
            out_counts[i] += 1
            out_weights[i] += verdict.confidence
    del statements, verdicts
    responsibilities = Balance(in_counts, in_weights)
    rest = Balance(out_counts, out_weights)
    overall = Balance(
        (a + b for a, b in zip(responsibilities.counts, rest.counts, strict=True)),
        (a + b for a, b in zip(responsibilities.weights, rest.weights, strict=True)),
    )
    role_in_responsibilities = responsibilities.count(Label.PRODUCT) + responsibilities.count(
        Label.PROJECT
    )
    scope = _RESPONSIBILITIES if role_in_responsibilities else "posting"
    scoped = responsibilities if scope == _RESPONSIBILITIES else overall
    lean, share = _lean(scoped)
    side = title_side(title)
    mismatch = _mismatch(title or "", side, lean, share, scope, analyzed)
    summary = _summary(len(analyzed), scope, scoped, lean, share)
    if mismatch is not None:
        summary += f"; title suggests {mismatch.title_side.value}-side"
    return PostingProfile(
        statements=analyzed,
        title=title,
        title_source=title_source,
        title_side=side,
        responsibilities=responsibilities,
        rest=rest,
        overall=overall,
        coverage=_coverage(analyzed),
        scope=scope,
        lean=lean,
        lean_share=share,
        mismatch=mismatch,
        summary=summary,
    )
