"""Classify statements held in Dask collections, on one machine or a cluster.

Needs the extra ``rolelens[dask]`` (dask with dataframe and distributed
support, and pandas). The same :class:`~rolelens.classifier.Classifier`
value runs everywhere: the default one, one with extra cues, or one fitted
on your own examples. It travels to the workers once per computation as a
single graph key (a classifier pickles to its lexicon and rebuilds its
index on arrival), never once per statement.

>>> import dask.bag as db                                   # doctest: +SKIP
>>> verdicts = classify_bag(db.from_sequence(statements))   # doctest: +SKIP
>>> frame = classify_frame(ddf, "text")                     # doctest: +SKIP

The same pattern carries to PySpark, with :func:`classify_pandas` on each
pandas batch of ``mapInPandas``::

    from rolelens import default_classifier
    from rolelens.integrations.dask import classify_pandas

    classifier = default_classifier()      # or rolelens.load("model.json")

    def label_batches(batches):
        for batch in batches:
            yield classify_pandas(batch, "text", classifier)

    schema = ("text string, label string, score_product double, score_project double, "
              "score_shared double, score_other double, confidence double")
    labeled = spark_df.select("text").mapInPandas(label_batches, schema)

With ``classify_pandas(batch, "text", classifier, explain=True)``, add
``explanation string`` to the end of the schema.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from rolelens._checks import must_be, must_have
from rolelens.errors import InputError
from rolelens.labels import LABELS

if TYPE_CHECKING:
    from rolelens.classifier import Classifier, Verdict

__all__ = [
    "EXPLANATION_COLUMN",
    "RESULT_COLUMNS",
    "classify_bag",
    "classify_frame",
    "classify_pandas",
]

#: The columns :func:`classify_frame` and :func:`classify_pandas` add, in order,
#: each after the ``prefix`` they are given (none by default).
RESULT_COLUMNS: tuple[str, ...] = (
    "label",
    *(f"score_{label.value}" for label in LABELS),
    "confidence",
)

#: The column ``explain=True`` adds after :data:`RESULT_COLUMNS` (after the same
#: ``prefix``): :meth:`Verdict.explain() <rolelens.Verdict.explain>`
#: for each row, a ``str``.
EXPLANATION_COLUMN: str = "explanation"


def _require(module: str) -> Any:
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise ImportError(
            f"rolelens.integrations.dask needs {module!r}: pip install 'rolelens[dask]'"
        ) from exc


def _resolve(classifier: Classifier | None) -> Classifier:
    if classifier is None:
        from rolelens.classifier import default_classifier

        return default_classifier()
    # Here, not in a partition: a wrong object failed as an AttributeError about
    # .classify, and in a bag or a Dask frame only when computed.
    must_have(classifier, "classify", "classifier", "Classifier")
    return classifier


def _classify_partition(texts: Any, classifier: Classifier) -> list[Verdict]:
    classify = classifier.classify
    return [classify(text) for text in texts]


def classify_bag(bag: Any, *, classifier: Classifier | None = None) -> Any:
    """A lazy ``dask.bag.Bag`` of :class:`~rolelens.classifier.Verdict`, one per statement.

    ``bag`` holds ``str`` items; order within and across partitions is kept.
    A non-``str`` item raises ``TypeError`` when the bag is computed; a
    ``classifier`` without ``classify()``, at once, and so does a ``bag`` that
    is no ``dask.bag.Bag`` (a data frame's error names the function for it).
    """
    dask = _require("dask")
    if not isinstance(bag, _require("dask.bag").Bag):
        # A list failed as "no attribute 'map_partitions'", a Dask data frame as a
        # NotImplementedError with no message.
        hint = "; make one with dask.bag.from_sequence()"
        raise TypeError(f"classify_bag() expects a dask.bag.Bag of str, {_got(bag, hint=hint)}")
    chosen = _resolve(classifier)
    shared = dask.delayed(chosen, pure=True, traverse=False)
    return bag.map_partitions(_classify_partition, shared)


def _got(value: Any, *, hint: str = "") -> str:
    """What ``value`` is and, for a data frame, the function of this module made for
    it; else ``hint``."""
    kind = type(value)
    name = f"{kind.__module__.partition('.')[0]}.{kind.__name__}"
    frame = getattr(value, "ndim", None) == 2 and hasattr(value, "columns")
    if frame and hasattr(value, "__dask_graph__"):
        return f"got a Dask data frame ({name}); use classify_frame() for it"
    if frame:
        return f"got a pandas data frame ({name}); use classify_pandas() for it"
    return f"got {name}{hint}"


def classify_pandas(
    frame: Any,
    column: str,
    classifier: Classifier | None = None,
    *,
    prefix: str = "",
    explain: bool = False,
) -> Any:
    """Return a copy of a pandas ``frame`` with :data:`RESULT_COLUMNS` added.

    Missing values in ``column`` (whatever pandas counts as missing: ``None``,
    ``NaN``, ``pd.NA`` in a ``string`` column, ``NaT``) are classified as
    empty text: label ``other`` with confidence 0. ``classifier`` defaults to
    :func:`~rolelens.default_classifier`, as for
    :func:`classify_frame`, and one without a ``classify()`` method raises
    ``TypeError``. An unknown ``column`` raises
    :class:`~rolelens.errors.InputError`, listing the columns, and a name that
    picks several (twice in the frame, or the top level of a MultiIndex) raises
    it too, with their count.

    ``prefix`` goes before the name of each column added: ``prefix="predicted_"``
    adds ``predicted_label``, ``predicted_score_product``, ...,
    ``predicted_confidence``. A column of ``frame`` that already has one of
    those names (a gold ``label``, say) is never replaced: the call raises
    :class:`~rolelens.errors.InputError` naming it, and ``frame`` is left as it was.

    ``explain=True`` adds one more column, :data:`EXPLANATION_COLUMN`
    (``explanation``, after the same ``prefix``), last: the
    :meth:`~rolelens.Verdict.explain` line of each row's verdict
    (the label and the strongest evidence for it), as ``str`` values in an
    ``object`` column. A missing value gets the empty text's,
    ``'other: no evidence'``. That name is checked for a clash as the others are.

    A value that is neither text nor missing (a number, ``bytes``) raises
    ``TypeError`` naming the column and the index of its row. A Dask data frame
    raises ``TypeError`` at once: :func:`classify_frame` is for it.
    """
    pd = _require("pandas")
    if hasattr(frame, "__dask_graph__"):  # failed as "'Series' object has no attribute 'tolist'"
        raise TypeError(f"classify_pandas() expects a pandas DataFrame, {_got(frame)}")
    _check_column(frame, column)
    must_be(explain, bool, "explain")
    names = _result_names(frame, prefix, explain=explain)
    classify = _resolve(classifier).classify
    values = frame[column]
    # isna(), not a test for None and float NaN: a string column (Dask makes text
    # columns one by default) holds pd.NA, which classify() refused with a TypeError.
    cells = values.tolist()
    gaps = values.isna().tolist()
    try:
        verdicts = [
            classify("" if missing else value) for value, missing in zip(cells, gaps, strict=True)
        ]
    except TypeError as exc:
        # classify() names the type but not where it is: in a million rows, the row
        # to fix is the news. Sought only now, so a clean frame pays nothing for it.
        at = next(
            (
                n
                for n, (v, gap) in enumerate(zip(cells, gaps, strict=True))
                if not gap and not isinstance(v, str)
            ),
            None,
        )
        if at is None:
            raise
        raise TypeError(f"column {column!r}, row {frame.index[at]!r}: {exc}") from exc
    label_name, *score_names, confidence_name = names[: len(RESULT_COLUMNS)]
    result = frame.copy()
    result[label_name] = pd.Series(
        [v.label.value for v in verdicts], index=frame.index, dtype=object
    )
    for position, name in enumerate(score_names):
        result[name] = pd.Series(
            [v.scores[position] for v in verdicts], index=frame.index, dtype="float64"
        )
    result[confidence_name] = pd.Series(
        [v.confidence for v in verdicts], index=frame.index, dtype="float64"
    )
    if explain:
        result[names[-1]] = pd.Series(
            [v.explain() for v in verdicts], index=frame.index, dtype=object
        )
    return result


def _result_names(frame: Any, prefix: str, *, explain: bool) -> list[str]:
    """The names of the columns to add to ``frame``, :data:`RESULT_COLUMNS` (and
    :data:`EXPLANATION_COLUMN` if ``explain``) after ``prefix``;
    :class:`~rolelens.errors.InputError` if ``frame`` has one already."""
    must_be(prefix, str, "prefix")
    added = (*RESULT_COLUMNS, EXPLANATION_COLUMN) if explain else RESULT_COLUMNS
    names = [prefix + name for name in added]
    taken = [name for name in names if name in frame.columns]
    if taken:
        listed = ", ".join(repr(name) for name in taken)
        some, them = ("columns", "them") if len(taken) > 1 else ("a column", "it")
        raise InputError(
            f"the frame already has {some} {listed}, which the results would replace; "
            f"rename {them} or pass prefix= to name the result columns apart "
            f"(prefix='predicted_' gives 'predicted_{RESULT_COLUMNS[0]}', ...)"
        )
    return names


def _check_column(frame: Any, column: str) -> None:
    columns = getattr(frame, "columns", None)
    if columns is None:  # a Series, say: there is no column to pick
        raise TypeError(f"expected a data frame with a text column, got {type(frame).__name__}")
    if column not in columns:
        known = ", ".join(repr(str(c)) for c in list(columns)[:10]) or "none"
        raise InputError(f"no column {column!r} to classify (columns: {known})")
    # A name twice among the columns, or the top level of a MultiIndex, picks a frame:
    # its rows are no texts, and it failed as an AttributeError deep in the call.
    picked = frame[column]
    if getattr(picked, "ndim", 1) != 1:
        raise InputError(
            f"{column!r} names {len(picked.columns)} columns of the frame, not one; "
            "rename them apart, or give the full name of one"
        )


def _classify_frame_partition(
    frame: Any, column: str, classifier: Classifier, prefix: str, explain: bool
) -> Any:
    return classify_pandas(frame, column, classifier, prefix=prefix, explain=explain)


def classify_frame(
    ddf: Any,
    column: str,
    *,
    classifier: Classifier | None = None,
    prefix: str = "",
    explain: bool = False,
) -> Any:
    """A lazy ``dask.dataframe.DataFrame``: ``ddf`` plus :data:`RESULT_COLUMNS`.

    ``column`` names the text column; an unknown column raises
    :class:`~rolelens.errors.InputError` at once, listing the columns, and so
    does one that names several. A ``classifier`` without ``classify()``
    raises ``TypeError``, at once too, and so does a ``ddf`` that is no Dask
    data frame (a pandas one: :func:`classify_pandas` is for it).
    ``prefix`` goes before the name of each column added, as for
    :func:`classify_pandas`; a column of ``ddf`` that already has one of those
    names is never replaced: :class:`~rolelens.errors.InputError` names it,
    at once. ``explain=True`` adds the ``explanation`` column too, as for
    :func:`classify_pandas`, and the frame's ``meta`` lists it.
    """
    dask = _require("dask")
    _require("dask.dataframe")
    # A pandas frame failed as "no attribute '_meta'", a Dask Series as "no column".
    if not hasattr(ddf, "__dask_graph__") or getattr(ddf, "ndim", None) != 2:
        raise TypeError(f"classify_frame() expects a Dask DataFrame, {_got(ddf)}")
    _check_column(ddf, column)
    must_be(explain, bool, "explain")
    _result_names(ddf, prefix, explain=explain)  # at once, not when computed
    chosen = _resolve(classifier)
    meta = classify_pandas(ddf._meta, column, chosen, prefix=prefix, explain=explain)
    shared = dask.delayed(chosen, pure=True, traverse=False)
    return ddf.map_partitions(_classify_frame_partition, column, shared, prefix, explain, meta=meta)
