"""Measuring a classifier: accuracy, per-label precision/recall/F1, confusion, cross-validation.

Definitions (the ones the benchmarks print):

* precision of a label = correct predictions of it / all predictions of it
  (0.0 when it is never predicted); recall = correct / all true examples of
  it (0.0 when it never occurs); F1 = their harmonic mean (0.0 when both are 0).
* macro-F1 = the mean F1 over the four labels.
* product/project macro-F1 = the mean F1 of ``product`` and ``project``
  computed over the examples whose true label is one of those two; any
  other prediction for them counts as wrong.
"""

from __future__ import annotations

import collections
import json
import random
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence, Sized
from typing import Any

import attrs

from rolelens._checks import (
    count,
    fraction,
    items_of,
    must_be,
    must_be_str,
    must_have,
    shown_int,
    tuple_of,
    whole_number,
)
from rolelens._display import cut_repr, encodable, markdown_inline, one_line, short_repr
from rolelens.classifier import Classifier, SupportsClassifyMany, Verdict, default_classifier
from rolelens.errors import ArgumentError, FitError
from rolelens.examples import Example, as_examples
from rolelens.fitting import checked_seed
from rolelens.labels import LABELS, Label

__all__ = [
    "EvaluationReport",
    "LabelMetrics",
    "Miss",
    "cross_validate",
    "evaluate",
    "evaluate_predictions",
]


def _read_label(value: object) -> Label:  # a named function, which attrs' mypy plugin reads
    return Label.read(value)


def _check_figures(report: object, fractions: tuple[str, ...], counts: tuple[str, ...]) -> None:
    """Set each field of ``report`` named in ``fractions`` or ``counts`` to its value
    checked by :func:`~rolelens._checks.fraction` or :func:`~rolelens._checks.count`
    (in an ``__attrs_post_init__`` of a frozen class: attrs' mypy plugin takes no
    converter made by a function call). Unchecked, a report made by hand failed only
    when rendered ("Unknown format code 'f' for object of type 'str'"), or wrote NaN,
    which is no JSON, into its JSON."""
    kind = type(report).__name__
    for name in fractions:
        object.__setattr__(report, name, fraction(getattr(report, name), f"{kind}.{name}"))
    for name in counts:
        object.__setattr__(report, name, count(getattr(report, name), f"{kind}.{name}"))


@attrs.frozen
class LabelMetrics:
    """Precision, recall and F1 of one label, with its support (true examples).

    ``label`` may be given as its value, read as :meth:`~rolelens.Label.read` reads
    it; ``precision``, ``recall`` and ``f1`` are numbers from 0 to 1 (kept as
    floats), ``support`` a whole number of 0 or more. A value of another type
    raises ``TypeError``, one out of range (or NaN)
    :class:`~rolelens.errors.ArgumentError`, as the report's renderers need.
    """

    label: Label = attrs.field(converter=_read_label)
    precision: float
    recall: float
    f1: float
    support: int

    def __attrs_post_init__(self) -> None:
        _check_figures(self, ("precision", "recall", "f1"), ("support",))


@attrs.frozen
class Miss:
    """A misclassified statement, as ``EvaluationReport.misses`` lists them.

    ``text`` is the statement, ``expected`` its true label, ``predicted`` the
    classifier's label, and ``explanation`` the verdict's
    :meth:`~rolelens.Verdict.explain` line.

    A miss made by hand (for :func:`evaluate_predictions`, from predictions
    made elsewhere) may give its labels as their values, in any case and with
    surrounding white space (see :meth:`~rolelens.Label.read`); an unknown
    label raises :class:`~rolelens.errors.ArgumentError`, and a ``text`` or
    ``explanation`` that is not a ``str`` ``TypeError``.
    """

    text: str = attrs.field(validator=must_be_str)
    expected: Label = attrs.field(converter=_read_label)
    predicted: Label = attrs.field(converter=_read_label)
    explanation: str = attrs.field(validator=must_be_str)


#: A report of more misses than this shows only the first few and the count in its
#: repr: an evaluation on a large file keeps thousands.
REPR_MISSES = 8


def _per_label(value: Iterable[LabelMetrics]) -> tuple[LabelMetrics, ...]:
    """One :class:`LabelMetrics` per label, in :data:`~rolelens.labels.LABELS` order:
    :meth:`EvaluationReport.metrics` looks a label up by that position. A list is kept
    as a tuple, as the report is frozen (and hashable)."""
    items = tuple_of(value, LabelMetrics, "EvaluationReport.per_label")
    labels = tuple(m.label for m in items)
    if labels != LABELS:
        raise ArgumentError(
            "EvaluationReport.per_label must hold one LabelMetrics per label, in the order "
            f"{', '.join(label.value for label in LABELS)}; got "
            f"{', '.join(label.value for label in labels) or 'none'}"
        )
    return items


def _misses(value: Iterable[Miss]) -> tuple[Miss, ...]:
    return tuple_of(value, Miss, "EvaluationReport.misses")


def _confusion(value: Iterable[Iterable[int]]) -> tuple[tuple[int, ...], ...]:
    """Four rows of four counts of 0 or more (true label by predicted label)."""
    n = len(LABELS)
    what = "EvaluationReport.confusion"
    rows = []
    for i, row in enumerate(items_of(value, what, f"{n} rows of {n} counts")):
        cells = items_of(row, f"{what}[{i}]", f"a row of {n} counts")
        rows.append(tuple(count(cell, f"{what}[{i}][{j}]") for j, cell in enumerate(cells)))
    if len(rows) != n or any(len(row) != n for row in rows):
        shape = ", ".join(str(len(row)) for row in rows) or "none"
        raise ArgumentError(f"{what} must be {n} rows of {n} counts, got rows of {shape}")
    return tuple(rows)


@attrs.frozen(repr=False)
class EvaluationReport:
    """The figures of one evaluation.

    ``confusion[i][j]`` counts examples whose true label is ``LABELS[i]`` and
    predicted label is ``LABELS[j]``.

    Its JSON, text and Markdown always encode as UTF-8: a lone surrogate in a
    missed statement (``"\\ud800"`` in a JSONL file reads as one) is written as
    its escape, the six characters ``\\ud800``, as the command line writes it;
    in the JSON that is JSON's own escape, which reads back as the same
    character. :meth:`to_dict` keeps every text as it is.

    A report made by hand (for a renderer, say) is checked as it is made:
    ``total`` a whole number of 0 or more, the three figures numbers from 0 to 1,
    ``per_label`` one :class:`LabelMetrics` per label in
    :data:`~rolelens.labels.LABELS` order, ``confusion`` four rows of four counts,
    ``misses`` :class:`~rolelens.evaluation.Miss` values; lists are kept as
    tuples. A value of the wrong type raises ``TypeError``, one out of range or
    of the wrong shape
    :class:`~rolelens.errors.ArgumentError`.
    """

    total: int
    accuracy: float
    macro_f1: float
    product_project_macro_f1: float
    per_label: tuple[LabelMetrics, ...] = attrs.field(converter=_per_label)
    confusion: tuple[tuple[int, ...], ...] = attrs.field(converter=_confusion)
    misses: tuple[Miss, ...] = attrs.field(default=(), converter=_misses)

    def __attrs_post_init__(self) -> None:
        _check_figures(self, ("accuracy", "macro_f1", "product_project_macro_f1"), ("total",))

    def __repr__(self) -> str:
        return short_repr(self, "misses", "misses", most=REPR_MISSES, shown=3)

    def metrics(self, label: Label | str) -> LabelMetrics:
        """The metrics of one label, a member or its value in any case and with
        surrounding white space (see :meth:`~rolelens.Label.read`), as
        :func:`~rolelens.evaluation.evaluate_predictions` reads them; an unknown one raises
        :class:`~rolelens.errors.ArgumentError`."""
        return self.per_label[LABELS.index(Label.read(label))]

    def to_dict(self, *, misses: int | None = None) -> dict[str, Any]:
        """Plain data (for JSON), with every miss or, given ``misses``, the first that many.

        Raises :class:`~rolelens.errors.ArgumentError` when ``misses`` is negative.
        """
        if misses is not None:
            _check_misses(misses)
        return {
            "total": self.total,
            "accuracy": self.accuracy,
            "macro_f1": self.macro_f1,
            "product_project_macro_f1": self.product_project_macro_f1,
            "per_label": [
                {
                    "label": m.label.value,
                    "precision": m.precision,
                    "recall": m.recall,
                    "f1": m.f1,
                    "support": m.support,
                }
                for m in self.per_label
            ],
            "labels": [label.value for label in LABELS],
            "confusion": [list(row) for row in self.confusion],
            "misses": [
                {
                    "text": m.text,
                    "expected": m.expected.value,
                    "predicted": m.predicted.value,
                    "explanation": m.explanation,
                }
                for m in self.misses[:misses]
            ],
        }

    def to_json(self, *, misses: int | None = None) -> str:
        """Deterministic JSON text of :meth:`to_dict` (``misses`` as there)."""
        document = json.dumps(self.to_dict(misses=misses), indent=2, ensure_ascii=False)
        return encodable(document) + "\n"

    def _absent_labels_note(self) -> list[str]:
        """One line naming the labels no example has, if any: their F1 is 0 by the
        definitions above, which lowers macro-F1 whatever the classifier does."""
        absent = [m.label.value for m in self.per_label if m.support == 0]
        if not absent or not self.total:
            return []
        named = ", ".join(absent)
        # Product or project absent lowers the product/project figure too, which a
        # perfect run on the other one shows as 0.500 with nothing else to say why.
        lowered = (
            "4-label and the product/project macro-F1"
            if {Label.PRODUCT.value, Label.PROJECT.value} & set(absent)
            else "4-label macro-F1"
        )
        return [
            f"note: no example is labeled {named}; an F1 of 0 for each such label "
            f"lowers the {lowered} whatever the predictions"
        ]

    def to_text(self, *, misses: int = 0) -> str:
        """A plain-text table; ``misses`` adds up to that many misclassified statements.

        Raises :class:`~rolelens.errors.ArgumentError` when ``misses`` is negative.
        """
        _check_misses(misses)
        lines = [
            f"examples: {self.total}",
            f"accuracy: {self.accuracy:.3f}",
            f"macro-F1 (4 labels): {self.macro_f1:.3f}",
            f"macro-F1 (product/project): {self.product_project_macro_f1:.3f}",
            *self._absent_labels_note(),
            "",
            f"{'label':<9} {'precision':>9} {'recall':>7} {'F1':>6} {'support':>8}",
        ]
        for m in self.per_label:
            lines.append(
                f"{m.label.value:<9} {m.precision:>9.3f} {m.recall:>7.3f} {m.f1:>6.3f} "
                f"{m.support:>8}"
            )
        lines += ["", "confusion (rows: true, columns: predicted)"]
        lines.append(" " * 9 + "".join(f"{label.value:>9}" for label in LABELS))
        for label, row in zip(LABELS, self.confusion, strict=True):
            lines.append(f"{label.value:<9}" + "".join(f"{n:>9}" for n in row))
        for miss in self.misses[:misses]:
            lines.append(
                f"- [{miss.expected.value} -> {miss.predicted.value}] {one_line(miss.text)}"
            )
            lines.append(f"    {one_line(miss.explanation)}")
        return encodable("\n".join(lines)) + "\n"

    def to_markdown(self, *, misses: int = 10) -> str:
        """A Markdown report with metric and confusion tables, and up to ``misses`` misclassified.

        Raises :class:`~rolelens.errors.ArgumentError` when ``misses`` is negative.
        """
        _check_misses(misses)
        lines = [
            f"**{self.total} example{'' if self.total == 1 else 's'}** — "
            f"accuracy {self.accuracy:.3f}, "
            f"macro-F1 {self.macro_f1:.3f}, product/project macro-F1 "
            f"{self.product_project_macro_f1:.3f}",
            *(f"\n*{line}*" for line in self._absent_labels_note()),
            "",
            "| label | precision | recall | F1 | support |",
            "| --- | ---: | ---: | ---: | ---: |",
        ]
        for m in self.per_label:
            lines.append(
                f"| {m.label.value} | {m.precision:.3f} | {m.recall:.3f} | {m.f1:.3f} "
                f"| {m.support} |"
            )
        lines += [
            "",
            "| true \\ predicted | " + " | ".join(label.value for label in LABELS) + " |",
            "| --- |" + " ---: |" * len(LABELS),
        ]
        for label, row in zip(LABELS, self.confusion, strict=True):
            lines.append(f"| {label.value} | " + " | ".join(str(n) for n in row) + " |")
        if self.misses and misses:
            lines += ["", "Misclassified:", ""]
            for miss in self.misses[:misses]:
                # The user's own text: inert and on one line, as in the posting report.
                text = markdown_inline(miss.text)
                lines.append(f"- `{miss.expected.value} → {miss.predicted.value}` {text}")
        return encodable("\n".join(lines)) + "\n"


def _check_misses(misses: int) -> None:
    misses = whole_number(misses, "misses")
    # A negative count would slice from the end: "all but the last N", never what was meant.
    if misses < 0:
        raise ArgumentError(f"misses must be 0 or more, got {shown_int(misses)}")


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def evaluate_predictions(
    expected: Sequence[Label | str],
    predicted: Sequence[Label | str],
    misses: Sequence[Miss] = (),
) -> EvaluationReport:
    """Build a report from parallel sequences of true and predicted labels.

    Labels may be :class:`~rolelens.Label` members or their values, in any
    case and with surrounding white space (see :meth:`~rolelens.Label.read`);
    ``misses`` are kept in the report as given (:func:`~rolelens.evaluate`
    lists the misclassified statements there); one that is not a :class:`Miss`
    raises ``TypeError`` naming it, and so does ``expected`` or ``predicted``
    given as one label (a ``str``) or as an iterator with no length. Raises
    :class:`~rolelens.errors.ArgumentError` when the sequences differ in
    length or a label is unknown. Two empty sequences are no mistake here, unlike
    in :func:`~rolelens.evaluate`, which refuses no examples with a
    :class:`~rolelens.errors.FitError`: they give a report of 0 examples whose
    every figure is 0.0, which measures nothing.

    >>> report = evaluate_predictions(["product", "project"], ["product", "product"])
    >>> report.accuracy
    0.5
    >>> evaluate_predictions([], []).total
    0
    """
    for name, labels in (("expected", expected), ("predicted", predicted)):
        # One label is a str, whose letters were read as labels ("unknown label 'p'"),
        # and a generator has no len() ("object of type 'generator' has no len()").
        whole: object = labels
        if isinstance(whole, (str, bytes, Mapping)) or not isinstance(whole, Sized):
            raise TypeError(
                f"{name} must be a sequence of labels (a list, one per example), "
                f"got {type(whole).__name__}"
            )
    if len(expected) != len(predicted):
        raise ArgumentError("expected and predicted differ in length")
    # One miss, a str, a mapping (iterated, its keys), None or a number is no list of
    # them; an item of another kind was kept, and to_dict() or to_text() failed on it.
    misses = tuple_of(misses, Miss, "misses")
    n = len(LABELS)
    confusion = [[0] * n for _ in range(n)]
    for gold, pred in zip(expected, predicted, strict=True):
        # Label.read(): "product" and "Product" work, as in read_examples(), and an
        # unknown one says which labels exist.
        confusion[LABELS.index(Label.read(gold))][LABELS.index(Label.read(pred))] += 1
    per_label = []
    for i, label in enumerate(LABELS):
        tp = confusion[i][i]
        predicted_i = sum(confusion[k][i] for k in range(n))
        support = sum(confusion[i])
        precision = tp / predicted_i if predicted_i else 0.0
        recall = tp / support if support else 0.0
        per_label.append(LabelMetrics(label, precision, recall, _f1(precision, recall), support))
    total = len(expected)
    correct = sum(confusion[i][i] for i in range(n))
    # Product/project: restricted to items truly labeled product or project.
    pp = []
    for i in (0, 1):
        tp = confusion[i][i]
        other_true = 1 - i
        fp = confusion[other_true][i]  # only items of the two labels are counted
        support = sum(confusion[i])
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / support if support else 0.0
        pp.append(_f1(precision, recall))
    return EvaluationReport(
        total=total,
        accuracy=correct / total if total else 0.0,
        macro_f1=sum(m.f1 for m in per_label) / n,
        product_project_macro_f1=sum(pp) / 2,
        per_label=tuple(per_label),
        confusion=tuple(tuple(row) for row in confusion),
        misses=misses,
    )


def evaluate(
    classifier: SupportsClassifyMany | None,
    examples: Iterable[Example | tuple[str, str] | list[str] | Mapping[str, str]],
) -> EvaluationReport:
    """Classify every example and compare with its true label.

    ``classifier`` ``None`` means the default classifier; any object with a
    ``classify_many`` method that gives one :class:`~rolelens.Verdict` per text,
    in order, will do. Raises :class:`~rolelens.errors.FitError` naming the
    example when one is not text, is empty text (or only white space) or has an
    unknown label, and when there are no examples. ``examples`` given as one
    ``str``, ``bytes`` or mapping raise
    :class:`~rolelens.errors.ExamplesTypeError` (a ``TypeError`` and a ``FitError``),
    ``None`` ``TypeError``. A ``classify_many`` that gives something other than a
    ``Verdict`` raises ``TypeError`` naming the example, and one that gives
    fewer or more verdicts than examples, or a verdict on another text than its
    example's (out of order), :class:`~rolelens.errors.ArgumentError`.
    """
    model = classifier if classifier is not None else default_classifier()
    must_have(model, "classify_many", "classifier", "Classifier")
    data = list(as_examples(examples))
    if not data:
        raise FitError("no examples to evaluate")
    expected: list[Label] = []
    predicted: list[Label] = []
    misses: list[Miss] = []
    for example, verdict in zip(data, _verdicts(model, [e.text for e in data]), strict=True):
        expected.append(example.label)
        predicted.append(verdict.label)
        if verdict.label != example.label:
            misses.append(Miss(example.text, example.label, verdict.label, verdict.explain()))
    return evaluate_predictions(expected, predicted, misses)


def _verdicts(
    model: SupportsClassifyMany, texts: list[str], noun: str = "examples"
) -> Iterator[Verdict]:
    """``model.classify_many(texts)``, checked as it is read: one
    :class:`~rolelens.Verdict` per text, or an error saying what came instead.

    A stand-in classifier that broke that promise failed inside :func:`evaluate`
    (and :func:`rolelens.analyze_posting`), with ``zip()``'s "argument 2 is shorter
    than argument 1" or "'str' object has no attribute 'label'". ``noun`` names
    the texts in the errors."""
    given = model.classify_many(iter(texts))
    try:
        verdicts = iter(given)
    except TypeError:
        raise TypeError(
            "classifier.classify_many() must return an iterable of Verdict, "
            f"got {type(given).__name__}"
        ) from None
    singular = noun.removesuffix("s")
    for index in range(len(texts)):
        verdict = next(verdicts, _END)
        if verdict is _END:
            raise ArgumentError(
                f"classifier.classify_many() gave {index} verdicts for {len(texts)} {noun}: "
                "it must give one per text, in order"
            )
        yield _checked_verdict(verdict, "classifier.classify_many()", index, singular, texts[index])
    if next(verdicts, _END) is not _END:
        raise ArgumentError(
            f"classifier.classify_many() gave more verdicts than the {len(texts)} {noun}: "
            "it must give one per text, in order"
        )


_END: Any = object()


def _checked_verdict(verdict: object, source: str, index: int, noun: str, text: str) -> Verdict:
    """``verdict`` if it is a :class:`~rolelens.Verdict` on ``text``, the text of ``noun``
    ``index``; else ``TypeError`` or :class:`~rolelens.errors.ArgumentError` saying so.

    A stand-in giving the verdicts out of order (as a pool gives them when each is
    done) was scored against the wrong labels: evaluate() reported a wrong accuracy,
    and analyze_posting() profiled each statement by another's verdict, without a word.
    """
    if not isinstance(verdict, Verdict):
        raise TypeError(
            f"{source} gave a {type(verdict).__name__} for {noun} {index}, expected a Verdict"
        )
    if verdict.text != text:
        raise ArgumentError(
            f"{source} gave a verdict on {cut_repr(verdict.text, 40)} for {noun} {index}, "
            f"which is {cut_repr(text, 40)}: it must give one verdict per text, on that text, "
            "in order"
        )
    return verdict


def folds(n: int, k: int, seed: int) -> list[list[int]]:
    """Split ``range(n)`` into ``k`` shuffled folds (deterministic for a seed)."""
    order = list(range(n))
    random.Random(seed).shuffle(order)
    return [order[i::k] for i in range(k)]


def _check_folds(data: Sequence[Example], splits: Sequence[Sequence[int]]) -> None:
    """Raise :class:`~rolelens.errors.FitError` naming the first fold whose training
    part (every other fold) holds one label only: the default fitting needs two.

    ``splits`` are the held-out indexes of each fold, as :func:`folds` makes them.
    """
    k = len(splits)
    totals = collections.Counter(e.label for e in data)
    for number, held in enumerate(splits, 1):
        left = totals - collections.Counter(data[i].label for i in held)
        if len(left) < 2:
            (only,) = left
            remedy = "use fewer folds, or more" if k > 2 else "add more"
            raise FitError(
                f"fold {number} of {k}: its training part (the other folds) has only the "
                f"label {only.value!r}, and fitting needs two; {remedy} examples of each label"
            )


def cross_validate(
    examples: Iterable[Example | tuple[str, str] | list[str] | Mapping[str, str]],
    *,
    k: int = 5,
    seed: int = 0,
    classifier: Classifier | None = None,
    fit: Callable[[Classifier, list[Example]], Classifier] | None = None,
    progress: Callable[[int, int], object] | None = None,
) -> EvaluationReport:
    """K-fold cross-validation of fitting ``classifier`` (default: the built-in one).

    Each fold is predicted by a classifier fitted on the other folds; the
    report pools every fold's predictions. ``fit`` replaces the default
    ``lambda c, train: c.fit(train, seed=seed)``. ``progress``, if given, is
    called with ``(folds done, k)`` after each fold.

    Raises :class:`~rolelens.errors.FitError` when ``k`` is less than 2, when
    ``seed`` is negative, when there are fewer examples than folds, when all
    examples have one label, and, with the default fitting, when the other
    folds of some fold hold only one label to train on (fewer folds, or more
    examples of each label, fix that). ``k`` or ``seed`` that is no int (a str,
    a float, a bool), or ``fit`` or ``progress`` neither callable nor ``None``,
    raises ``TypeError`` naming it. A ``fit`` of your
    own is given every fold's training part as it is; what it returns must have
    a ``classify`` method that returns a :class:`~rolelens.Verdict`, or
    ``TypeError`` says so, on the text it is given, or
    :class:`~rolelens.errors.ArgumentError` does.
    """
    k = whole_number(k, "k")
    data = list(as_examples(examples))
    if k < 2:
        raise FitError(f"k must be at least 2, got {shown_int(k)}")
    if len(data) < k:
        if k < 10**9:
            raise FitError(f"{len(data)} examples cannot make {k} folds")
        raise FitError(f"{len(data)} examples cannot make k={shown_int(k)} folds")
    totals = collections.Counter(e.label for e in data)
    if len(totals) < 2:
        raise FitError(
            f"all examples have the label {data[0].label.value!r}; "
            "cross-validation needs at least two labels"
        )
    if progress is not None and not callable(progress):
        raise TypeError(f"progress must be callable or None, got {type(progress).__name__}")
    if fit is not None and not callable(fit):
        raise TypeError(f"fit must be callable or None, got {type(fit).__name__}")
    seed = checked_seed(seed)
    splits = folds(len(data), k, seed)
    if fit is None:  # all checked before minutes of fitting
        _check_folds(data, splits)
    base = classifier if classifier is not None else default_classifier()
    if fit is None:  # a fit of your own may start from a stand-in of your own
        must_be(base, Classifier, "classifier")
    expected: list[Label] = []
    predicted: list[Label] = []
    misses: list[Miss] = []
    for done, held in enumerate(splits, 1):
        held_set = set(held)
        train = [e for i, e in enumerate(data) if i not in held_set]
        model = fit(base, train) if fit is not None else base.fit(train, seed=seed)
        # Else "'NoneType' object has no attribute 'classify'" for a fit that forgot to return.
        must_have(model, "classify", "what fit returned", "Classifier")
        for i in held:
            text = data[i].text
            verdict = _checked_verdict(
                model.classify(text), "classify() of what fit returned", i, "example", text
            )
            expected.append(data[i].label)
            predicted.append(verdict.label)
            if verdict.label != data[i].label:
                misses.append(Miss(data[i].text, data[i].label, verdict.label, verdict.explain()))
        if progress is not None:
            progress(done, k)
    return evaluate_predictions(expected, predicted, misses)
