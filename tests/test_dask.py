"""Tests for the Dask integration (rolelens.integrations.dask) on a real local cluster."""

from __future__ import annotations

import random
from collections.abc import Iterator
from typing import Any

import pytest

from rolelens import Cue, default_classifier
from rolelens.errors import InputError
from rolelens.integrations.dask import (
    RESULT_COLUMNS,
    _require,
    classify_bag,
    classify_frame,
    classify_pandas,
)
from tests.strategies import ROLE_WORDS

db = pytest.importorskip("dask.bag")
dd = pytest.importorskip("dask.dataframe")
pd = pytest.importorskip("pandas")
distributed = pytest.importorskip("distributed")


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
