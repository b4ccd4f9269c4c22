"""Tests for the Dask integration (rolelens.integrations.dask) on a real local cluster."""

from __future__ import annotations

import random
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rolelens import Cue, default_classifier
from rolelens.errors import InputError
from rolelens.integrations.dask import (
    EXPLANATION_COLUMN,
    RESULT_COLUMNS,
    _require,
    classify_bag,
    classify_frame,
    classify_pandas,
)
from tests.strategies import ROLE_WORDS, statements

dask = pytest.importorskip("dask")
db = pytest.importorskip("dask.bag")
dd = pytest.importorskip("dask.dataframe")
pd = pytest.importorskip("pandas")
distributed = pytest.importorskip("distributed")

# Some tests compute with scheduler="sync" (an error reaches the caller as raised)
# while the module's cluster is still up. Dask up to at least 2024.1, which the
# test extra allows, then warns that a distributed client is active, and
# filterwarnings = error failed five tests that pass on later Dask.
pytestmark = pytest.mark.filterwarnings(
    "ignore:Running on a single-machine scheduler when a distributed client is active:UserWarning"
)


def _generated(count: int, *, seed: int = 11) -> list[str]:
    rng = random.Random(seed)
    vocabulary = (*ROLE_WORDS, "—", "é", "\u200b", "")
    return [" ".join(rng.choices(vocabulary, k=rng.randint(0, 30))) for _ in range(count)]


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    """Two worker processes with one thread each, on loopback only."""
    with (
        distributed.LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            dashboard_address="127.0.0.1:0",  # any free port: 8787 may be taken
            host="127.0.0.1",
        ) as cluster,
        distributed.Client(cluster) as dask_client,
    ):
        yield dask_client


@pytest.mark.timeout(120)
def test_bag_equals_single_process(client: Any) -> None:
    """classify_bag on two worker processes gives the single-process verdicts, in order."""
    texts = _generated(400)
    bag = db.from_sequence(texts, npartitions=6)
    got = classify_bag(bag).compute()
    assert got == [default_classifier().classify(t) for t in texts]
    # Asked of the scheduler directly: scheduler_info() returns a cache that the
    # client's periodic refresh can overwrite with one that lists no workers.
    assert len(client.nthreads()) == 2


@pytest.mark.timeout(120)
def test_frame_adds_result_columns(client: Any) -> None:
    """classify_frame keeps the frame and adds label, four scores and confidence per row."""
    texts = _generated(300, seed=5)
    frame = pd.DataFrame({"id": range(len(texts)), "text": texts})
    ddf = dd.from_pandas(frame, npartitions=4)
    out = classify_frame(ddf, "text").compute()
    assert list(out.columns) == ["id", "text", *RESULT_COLUMNS]
    assert list(out["id"]) == list(range(len(texts)))
    classifier = default_classifier()
    for text, label, product, confidence in zip(
        out["text"], out["label"], out["score_product"], out["confidence"], strict=True
    ):
        verdict = classifier.classify(text)
        assert label == verdict.label.value
        assert product == pytest.approx(verdict.scores[0])
        assert confidence == pytest.approx(verdict.confidence)


@pytest.mark.timeout(120)
def test_custom_classifier_runs_on_the_cluster(client: Any) -> None:
    """A classifier with extra cues is the one the workers use."""
    custom = default_classifier().with_cues([Cue("zorblax", (6.0, 0.0, 0.0, 0.0), None, ())])
    bag = db.from_sequence(["We zorblax every week", "Plan the sprint"], npartitions=2)
    got = classify_bag(bag, classifier=custom).compute()
    assert got == [custom.classify("We zorblax every week"), custom.classify("Plan the sprint")]
    assert any(e.cue == "zorblax" for e in got[0].evidence)


def test_unknown_column_is_an_input_error() -> None:
    """Naming a column the frame lacks fails at once, listing the columns."""
    ddf = dd.from_pandas(pd.DataFrame({"bullet": ["x"]}), npartitions=1)
    with pytest.raises(InputError, match="'bullet'"):
        classify_frame(ddf, "text")


def test_a_collection_of_the_wrong_kind_is_a_type_error_naming_the_right_function() -> None:
    """Each function refuses, at once, what another of them is for, and a list. A
    pandas frame given to classify_frame failed as "no attribute '_meta'", a Dask
    frame given to classify_pandas as "'Series' object has no attribute 'tolist'",
    and one given to classify_bag as a NotImplementedError with no message."""
    rows = pd.DataFrame({"text": ["Own the product roadmap"]})
    ddf = dd.from_pandas(rows, npartitions=1)
    with pytest.raises(TypeError, match=r"expects a Dask DataFrame, .*use classify_pandas\(\)"):
        classify_frame(rows, "text")
    with pytest.raises(TypeError, match=r"expects a Dask DataFrame, got dask\.Series"):
        classify_frame(ddf["text"], "text")
    with pytest.raises(TypeError, match=r"expects a pandas DataFrame, .*use classify_frame\(\)"):
        classify_pandas(ddf, "text")
    with pytest.raises(TypeError, match=r"expects a dask\.bag\.Bag .*use classify_frame\(\)"):
        classify_bag(ddf)
    with pytest.raises(TypeError, match=r"got builtins\.list; make one with dask\.bag"):
        classify_bag(["Own the product roadmap"])


def test_missing_values_are_empty_text() -> None:
    """None and NaN in the text column are classified as empty text: other, confidence 0."""
    frame = pd.DataFrame({"text": ["Own the product roadmap", None, float("nan")]}, dtype=object)
    out = classify_pandas(frame, "text", default_classifier())
    assert list(out["label"])[1:] == ["other", "other"]
    assert list(out["confidence"])[1:] == [0.0, 0.0]


def test_missing_extra_names_it() -> None:
    """Without the optional packages the ImportError tells the user which extra to install."""
    with pytest.raises(ImportError, match=r"rolelens\[dask\]"):
        _require("surely_not_installed_rolelens_dep")


def test_missing_extra_names_the_module_that_failed() -> None:
    """``dask`` installed without its dataframe support: the message names ``dask.dataframe``.

    It said "needs 'dask'" (the top-level name only), with dask installed.
    """
    with pytest.raises(ImportError, match=r"needs 'json\.surely_not_a_submodule'"):
        _require("json.surely_not_a_submodule")


def test_a_cell_that_is_not_text_is_named_by_column_and_row() -> None:
    """A number among the texts raised classify()'s "expects a str, got int", which
    named neither the column nor the row to fix; both come first now, in pandas and
    when a Dask frame holding objects is computed. A missing value is still empty text."""
    frame = pd.DataFrame(
        {"id": [1, 2, 3, 4], "text": ["Own the roadmap", None, 42, b"bytes"]},
        index=["a", "b", "c", "d"],
    )
    expected = r"^column 'text', row 'c': classify\(\) expects a str, got int$"
    with pytest.raises(TypeError, match=expected):
        classify_pandas(frame, "text")
    # Dask turns an object column into strings by default ("42"): keep the objects.
    with dask.config.set({"dataframe.convert-string": False}):
        lazy = classify_frame(dd.from_pandas(frame, npartitions=1), "text")
        with pytest.raises(TypeError, match=expected):
            lazy.compute(scheduler="sync")


def test_missing_values_of_a_string_column_are_empty_text() -> None:
    """pd.NA, the missing value of pandas' string columns, is empty text too. It raised
    "classify() expects a str, got NAType", and so did a Dask frame with any None in
    its text column, as Dask makes text columns string columns by default."""
    strings = pd.DataFrame(
        {"text": pd.array(["Own the product roadmap", pd.NA], dtype="string")}, index=[7, 3]
    )
    out = classify_pandas(strings, "text", default_classifier())
    assert list(out["label"]) == ["product", "other"]
    assert list(out["confidence"])[1] == 0.0
    rows = pd.DataFrame({"text": ["Own the product roadmap", None, "Track the budget", None]})
    frame = classify_frame(dd.from_pandas(rows, npartitions=2), "text")
    computed = frame.compute(scheduler="sync")
    assert list(computed["label"]) == ["product", "other", "project", "other"]
    assert list(computed.index) == [0, 1, 2, 3]


def test_classify_pandas_takes_the_default_classifier_and_checks_its_column() -> None:
    """classify_pandas needs no classifier, as classify_frame and classify_bag do not,
    and a column the frame lacks is the InputError classify_frame raises, not a
    KeyError; a Series, which has no columns, is a TypeError saying so."""
    frame = pd.DataFrame({"text": ["Own the product roadmap"]})
    assert list(classify_pandas(frame, "text")["label"]) == ["product"]
    with pytest.raises(InputError, match=r"no column 'body' to classify \(columns: 'text'\)"):
        classify_pandas(frame, "body")
    with pytest.raises(TypeError, match="expected a data frame with a text column, got Series"):
        classify_pandas(frame["text"], "text")


def test_a_column_name_that_picks_several_columns_is_an_input_error() -> None:
    """Two columns named ``text``, or the top level of a MultiIndex, pick a frame, not a
    column: the call failed with AttributeError ("'DataFrame' object has no attribute
    'tolist'"), from classify_frame too; now an InputError says how many it names."""
    twice = pd.DataFrame([["Own the product roadmap", "x"]], columns=["text", "text"])
    nested = pd.DataFrame({("body", "text"): ["Own the roadmap"], ("body", "id"): ["1"]})
    for frame, column in ((twice, "text"), (nested, "body")):
        message = rf"^{column!r} names 2 columns of the frame, not one"
        with pytest.raises(InputError, match=message):
            classify_pandas(frame, column)
        with pytest.raises(InputError, match=message):
            classify_frame(dd.from_pandas(frame, npartitions=1), column)


def test_a_classifier_of_the_wrong_type_is_a_type_error() -> None:
    """A classifier without .classify() failed with AttributeError about that method;
    now a TypeError names the argument, at once for classify_frame and classify_bag."""
    frame = pd.DataFrame({"text": ["Own the product roadmap"]})
    message = r"^classifier must be a Classifier \(or have a \.classify\(\) method\), got str$"
    with pytest.raises(TypeError, match=message):
        classify_pandas(frame, "text", "model.json")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=message):
        classify_frame(dd.from_pandas(frame, npartitions=1), "text", classifier="model.json")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=message):
        classify_bag(db.from_sequence(["Own it"]), classifier="model.json")  # type: ignore[arg-type]


def test_classify_pandas_never_replaces_a_column_of_the_frame() -> None:
    """A frame with its own ``label`` (gold labels, in the project's labeled format)
    had it replaced by the predictions, silently; now the call refuses, naming the
    column, and leaves the frame as it was."""
    frame = pd.DataFrame(
        {"text": ["Own the product roadmap"], "label": ["project"], "confidence": [0.5]}
    )
    before = frame.copy()
    message = (
        r"^the frame already has columns 'label', 'confidence', which the results would "
        r"replace; rename them or pass prefix= to name the result columns apart "
        r"\(prefix='predicted_' gives 'predicted_label', \.\.\.\)$"
    )
    with pytest.raises(InputError, match=message):
        classify_pandas(frame, "text")
    pd.testing.assert_frame_equal(frame, before)
    with pytest.raises(InputError, match=r"^the frame already has a column 'label', "):
        classify_pandas(frame[["text", "label"]], "text")


def test_classify_pandas_prefix_names_the_result_columns() -> None:
    """prefix= puts the results beside the gold labels; the default names are unchanged."""
    frame = pd.DataFrame({"text": ["Own the product roadmap"], "label": ["project"]})
    out = classify_pandas(frame, "text", prefix="predicted_")
    assert list(out.columns) == ["text", "label", *(f"predicted_{c}" for c in RESULT_COLUMNS)]
    assert list(out["label"]) == ["project"]
    assert list(out["predicted_label"]) == ["product"]
    verdict = default_classifier().classify("Own the product roadmap")
    assert list(out["predicted_score_product"]) == [pytest.approx(verdict.scores[0])]
    assert list(out["predicted_confidence"]) == [pytest.approx(verdict.confidence)]
    with pytest.raises(TypeError, match=r"^prefix must be a str, got NoneType$"):
        classify_pandas(frame, "text", prefix=None)  # type: ignore[arg-type]


def test_classify_frame_never_replaces_a_column_of_the_frame() -> None:
    """classify_frame refuses a clash at once, before anything is computed, and with
    prefix= keeps the gold labels, its meta naming the columns the partitions make."""
    rows = pd.DataFrame(
        {"text": ["Own the product roadmap", "Track the budget"], "label": ["shared", "other"]}
    )
    ddf = dd.from_pandas(rows, npartitions=2)
    with pytest.raises(InputError, match=r"^the frame already has a column 'label', "):
        classify_frame(ddf, "text")
    lazy = classify_frame(ddf, "text", prefix="rolelens_")
    expected = ["text", "label", *(f"rolelens_{c}" for c in RESULT_COLUMNS)]
    assert list(lazy.columns) == expected
    out = lazy.compute(scheduler="sync")
    assert list(out.columns) == expected
    assert list(out["label"]) == ["shared", "other"]
    assert list(out["rolelens_label"]) == ["product", "project"]


def test_classify_pandas_explain_adds_the_explanation_column() -> None:
    """explain=True adds ``explanation`` last, each row's verdict.explain() from the
    classifier given, in the frame's own row order; without it the columns are
    exactly those of before, and the other columns are the same either way."""
    custom = default_classifier().with_cues([Cue("zorblax", (6.0, 0.0, 0.0, 0.0), None, ())])
    texts = ["We zorblax every week", *_generated(40, seed=3)]
    frame = pd.DataFrame({"id": range(len(texts)), "text": texts}, index=range(len(texts), 0, -1))
    plain = classify_pandas(frame, "text", custom)
    assert list(plain.columns) == ["id", "text", *RESULT_COLUMNS]
    out = classify_pandas(frame, "text", custom, explain=True)
    assert EXPLANATION_COLUMN == "explanation"
    assert list(out.columns) == ["id", "text", *RESULT_COLUMNS, "explanation"]
    assert out["explanation"].dtype == object
    assert list(out.index) == list(frame.index)
    assert list(out["explanation"]) == [custom.classify(t).explain() for t in texts]
    assert '"zorblax"' in out["explanation"].iloc[0]
    pd.testing.assert_frame_equal(out.drop(columns="explanation"), plain)
    with pytest.raises(TypeError, match=r"^explain must be a bool, got str$"):
        classify_pandas(frame, "text", explain="yes")  # type: ignore[arg-type]
    # NumPy's bool is named "bool" too: the message names it in full, not "got bool".
    numpy_bool = pd.Series([True]).to_numpy()[0]
    with pytest.raises(TypeError, match=r"^explain must be a bool, got (numpy\.bool|bool_)$"):
        classify_pandas(frame, "text", explain=numpy_bool)


def test_explanation_of_a_missing_value_is_the_empty_texts() -> None:
    """None, NaN and pd.NA are explained as empty text is: 'other: no evidence'."""
    empty = default_classifier().classify("").explain()
    assert empty == "other: no evidence"
    objects = pd.DataFrame({"text": ["Own the product roadmap", None, float("nan")]}, dtype=object)
    out = classify_pandas(objects, "text", explain=True)
    first = default_classifier().classify("Own the product roadmap").explain()
    assert list(out["explanation"]) == [first, empty, empty]
    strings = pd.DataFrame(
        {"text": pd.array([pd.NA, "Own the product roadmap"], dtype="string")}, index=[7, 3]
    )
    out = classify_pandas(strings, "text", explain=True)
    assert list(out["explanation"]) == [empty, first]
    rows = pd.DataFrame({"text": [None, "Track the budget", None]})
    lazy = classify_frame(dd.from_pandas(rows, npartitions=2), "text", explain=True)
    budget = default_classifier().classify("Track the budget").explain()
    assert list(lazy.compute(scheduler="sync")["explanation"]) == [empty, budget, empty]


def test_explanation_column_takes_the_prefix_and_is_never_replaced() -> None:
    """The explanation column is named after ``prefix`` as the others are; a column of
    the frame with its name is refused (with explain=True only), naming it, and the
    frame is left as it was, by classify_pandas and, at once, by classify_frame."""
    frame = pd.DataFrame({"text": ["Own the product roadmap"], "explanation": ["gold notes"]})
    before = frame.copy()
    plain = classify_pandas(frame, "text")
    assert list(plain.columns) == ["text", "explanation", *RESULT_COLUMNS]
    assert list(plain["explanation"]) == ["gold notes"]
    message = r"^the frame already has a column 'explanation', which the results would replace"
    with pytest.raises(InputError, match=message):
        classify_pandas(frame, "text", explain=True)
    pd.testing.assert_frame_equal(frame, before)
    ddf = dd.from_pandas(frame, npartitions=1)
    with pytest.raises(InputError, match=message):
        classify_frame(ddf, "text", explain=True)
    with pytest.raises(InputError, match=r"^the frame already has columns 'label', 'explanation'"):
        classify_pandas(frame.assign(label=["x"]), "text", explain=True)
    out = classify_pandas(frame, "text", explain=True, prefix="predicted_")
    expected = ["text", "explanation", *(f"predicted_{c}" for c in RESULT_COLUMNS)]
    assert list(out.columns) == [*expected, "predicted_explanation"]
    assert list(out["explanation"]) == ["gold notes"]
    verdict = default_classifier().classify("Own the product roadmap")
    assert list(out["predicted_explanation"]) == [verdict.explain()]
    lazy = classify_frame(ddf, "text", explain=True, prefix="predicted_")
    assert list(lazy.columns) == [*expected, "predicted_explanation"]
    taken = frame.rename(columns={"explanation": "predicted_explanation"})
    with pytest.raises(InputError, match=r"^the frame already has a column 'predicted_expl"):
        classify_pandas(taken, "text", explain=True, prefix="predicted_")


def test_classify_frame_meta_lists_the_explanation_only_when_asked() -> None:
    """The Dask meta has the explanation column, as an object column, with explain=True,
    and is the meta of before without it; the meta matches what the partitions make."""
    rows = pd.DataFrame({"id": [1, 2], "text": ["Own the product roadmap", "Track the budget"]})
    ddf = dd.from_pandas(rows, npartitions=2)
    plain = classify_frame(ddf, "text")
    assert list(plain._meta.columns) == ["id", "text", *RESULT_COLUMNS]
    lazy = classify_frame(ddf, "text", explain=True)
    assert list(lazy._meta.columns) == ["id", "text", *RESULT_COLUMNS, "explanation"]
    assert lazy._meta["explanation"].dtype == object
    pd.testing.assert_series_equal(lazy._meta.dtypes, lazy.compute(scheduler="sync").dtypes)
    with pytest.raises(TypeError, match=r"^explain must be a bool, got int$"):
        classify_frame(ddf, "text", explain=1)  # type: ignore[arg-type]


@pytest.mark.timeout(120)
def test_frame_explanations_equal_classify_pandas(client: Any) -> None:
    """classify_frame(explain=True) on two worker processes gives the columns
    classify_pandas(explain=True) gives on the whole frame, row by row."""
    texts: list[str | None] = [*_generated(300, seed=17)]
    texts[5] = None
    frame = pd.DataFrame({"id": range(len(texts)), "text": texts})
    ddf = dd.from_pandas(frame, npartitions=4)
    out = classify_frame(ddf, "text", explain=True, prefix="p_").compute()
    expected = classify_pandas(frame, "text", explain=True, prefix="p_")
    added = [f"p_{c}" for c in (*RESULT_COLUMNS, EXPLANATION_COLUMN)]
    assert list(out.columns) == ["id", "text", *added]
    pd.testing.assert_frame_equal(out[added], expected[added])
    assert out["p_explanation"].iloc[5] == "other: no evidence"


@given(st.lists(statements(), max_size=8))
def test_explanation_is_each_verdicts_explain(texts: list[str]) -> None:
    """For any statements, the explanation column holds classify(text).explain() per
    row, and asking for it changes none of the other columns."""
    classifier = default_classifier()
    frame = pd.DataFrame({"text": pd.Series(texts, dtype=object)})
    out = classify_pandas(frame, "text", classifier, explain=True)
    assert list(out["explanation"]) == [classifier.classify(t).explain() for t in texts]
    pd.testing.assert_frame_equal(
        out.drop(columns="explanation"), classify_pandas(frame, "text", classifier)
    )
