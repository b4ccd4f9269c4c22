"""Tests for evaluation metrics and cross-validation (rolelens.evaluation)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from rolelens import (
    ArgumentError,
    Classifier,
    Cue,
    EvaluationReport,
    Example,
    FitError,
    Label,
    Lexicon,
    Verdict,
    cross_validate,
    evaluate,
)
from rolelens.evaluation import LabelMetrics, Miss, evaluate_predictions
from rolelens.labels import LABELS
from tests.conftest import StandIn
from tests.strategies import adversarial_texts

P, J, S, OT = Label.PRODUCT, Label.PROJECT, Label.SHARED, Label.OTHER


def test_metrics_reads_a_label_as_evaluate_predictions_does() -> None:
    """``metrics("Product")`` gives the product figures: the report was built from
    such labels (``Label.read``), and ``metrics`` refused them ("unknown label")."""
    report = evaluate_predictions(["Product", " project "], ["product", "PRODUCT"])
    assert report.metrics("Product") == report.metrics(P)
    assert report.metrics(" project ") == report.metrics(J)
    with pytest.raises(ArgumentError, match="unknown label 'boss'"):
        report.metrics("boss")


@pytest.mark.parametrize(
    ("misses", "message"),
    [
        (["Own the roadmap"], "misses[0] must be a Miss, got str"),
        ([None], "misses[0] must be a Miss, got NoneType"),
        ("Own the roadmap", "misses must be a sequence of Miss, got str"),
        (Miss("Own the roadmap", P, J, "why"), "misses must be a sequence of Miss, got Miss"),
        (None, "misses must be a sequence of Miss, got NoneType"),
        (3, "misses must be a sequence of Miss, got int"),
        ({Miss("Own the roadmap", P, J, "why"): 1}, "misses must be a sequence of Miss, got dict"),
    ],
)
def test_evaluate_predictions_refuses_misses_that_are_not_misses(
    misses: object, message: str
) -> None:
    """A miss that is not a :class:`Miss` is refused naming it: it was kept, and
    the report's ``to_dict()`` failed later with "'str' object has no attribute
    'text'"."""
    with pytest.raises(TypeError, match=f"^{re.escape(message)}$"):
        evaluate_predictions([P], [J], misses)  # type: ignore[arg-type]


def test_evaluate_predictions_keeps_misses_given_as_any_sequence() -> None:
    miss = Miss("Own the roadmap", P, J, "why")
    report = evaluate_predictions([P], [J], [miss])
    assert report.misses == (miss,)
    assert report.to_dict()["misses"][0]["text"] == "Own the roadmap"


def test_a_miss_made_by_hand_reads_its_labels_and_renders() -> None:
    """A :class:`Miss` made by hand for ``evaluate_predictions`` (predictions made
    elsewhere) may name its labels as strings, as ``Example`` and ``Verdict`` take
    them: it was kept as given, and every rendering of the report then failed with
    "'str' object has no attribute 'value'"."""
    miss = Miss("Own the roadmap", " Product", "project", "project: no evidence")
    assert (miss.expected, miss.predicted) == (P, J)
    report = evaluate_predictions(["product"], ["project"], [miss])
    assert report.to_dict()["misses"][0]["expected"] == "product"
    assert json.loads(report.to_json())["misses"][0]["predicted"] == "project"
    assert "[product -> project] Own the roadmap" in report.to_text(misses=1)
    assert "Own the roadmap" in report.to_markdown()


@pytest.mark.parametrize(
    ("fields", "error", "message"),
    [
        ({"expected": "boss"}, ArgumentError, "unknown label 'boss'"),
        ({"predicted": None}, TypeError, "a label must be a Label or a str, got NoneType"),
        ({"text": None}, TypeError, "Miss.text must be a str, got NoneType"),
        ({"explanation": 5}, TypeError, "Miss.explanation must be a str, got int"),
    ],
)
def test_a_miss_with_a_bad_field_is_refused_when_made(
    fields: dict[str, object], error: type[Exception], message: str
) -> None:
    """A bad field of a :class:`Miss` is named when the miss is made, not by an
    ``AttributeError`` from a report rendered later."""
    values: dict[str, object] = {
        "text": "Own it",
        "expected": P,
        "predicted": J,
        "explanation": "why",
    }
    values.update(fields)
    with pytest.raises(error, match=re.escape(message)):
        Miss(**values)  # type: ignore[arg-type]


def test_metrics_match_a_hand_computed_example() -> None:
    """Precision, recall, F1, macro-F1 and accuracy equal figures worked out by hand."""
    expected = [P, P, P, J, J, OT]
    predicted = [P, P, J, J, OT, OT]
    report = evaluate_predictions(expected, predicted)
    # product: tp=2, predicted 2, support 3 -> p=1, r=2/3, f1=0.8
    assert report.metrics(P).precision == 1.0
    assert report.metrics(P).recall == pytest.approx(2 / 3)
    assert report.metrics(P).f1 == pytest.approx(0.8)
    # project: tp=1, predicted 2, support 2 -> p=0.5, r=0.5, f1=0.5
    assert report.metrics(J).f1 == pytest.approx(0.5)
    # other: tp=1, predicted 2, support 1 -> p=0.5, r=1, f1=2/3
    assert report.metrics(OT).f1 == pytest.approx(2 / 3)
    # shared: never expected nor predicted -> all zeros
    assert report.metrics(S) == report.metrics("shared")
    assert (report.metrics(S).precision, report.metrics(S).recall, report.metrics(S).f1) == (
        0,
        0,
        0,
    )
    assert report.macro_f1 == pytest.approx((0.8 + 0.5 + 0 + 2 / 3) / 4)
    assert report.accuracy == pytest.approx(4 / 6)
    assert report.confusion[0] == (2, 1, 0, 0)
    # product/project: product p=2/2 r=2/3 -> 0.8; project p=1/(1+1) r=1/2 -> 0.5
    assert report.product_project_macro_f1 == pytest.approx((0.8 + 0.5) / 2)


def test_label_absent_from_predictions_scores_zero() -> None:
    """A label that occurs but is never predicted has precision 0, recall 0, F1 0."""
    report = evaluate_predictions([S, S, P], [P, P, P])
    assert report.metrics(S).support == 2
    assert report.metrics(S).f1 == 0.0
    assert report.metrics(P).precision == pytest.approx(1 / 3)


@given(st.lists(st.tuples(st.sampled_from(LABELS), st.sampled_from(LABELS)), max_size=40))
def test_confusion_matrix_accounts_for_every_example(pairs: list[tuple[Label, Label]]) -> None:
    """The confusion matrix sums to the number of examples and its diagonal to the hits."""
    report = evaluate_predictions([a for a, _ in pairs], [b for _, b in pairs])
    assert sum(map(sum, report.confusion)) == len(pairs) == report.total
    assert sum(report.confusion[i][i] for i in range(4)) == sum(a == b for a, b in pairs)
    for m in report.per_label:
        assert 0.0 <= m.f1 <= 1.0


def test_evaluate_lists_misses_with_explanations() -> None:
    """Misclassified statements come back with their explanation."""
    model = Classifier(Lexicon((Cue("roadmap", {"product": 2.0}),)), min_evidence=0.1)
    report = evaluate(model, [("own the roadmap", "project"), ("own the roadmap", "product")])
    assert report.accuracy == 0.5
    (miss,) = report.misses
    assert miss.expected is Label.PROJECT
    assert miss.predicted is Label.PRODUCT
    assert '"roadmap"' in miss.explanation


@pytest.mark.parametrize("render", ["to_text", "to_markdown"])
def test_misses_count_up_to_n_and_never_from_the_end(render: str) -> None:
    """``misses=N`` shows N misses (0, 1, 2 of two); a negative count is a ValueError."""
    model = Classifier(Lexicon((Cue("roadmap", {"product": 2.0}),)), min_evidence=0.1)
    report = evaluate(model, [("own the roadmap", "project"), ("the roadmap", "project")])
    assert len(report.misses) == 2
    for count in (0, 1, 2):
        shown = getattr(report, render)(misses=count)
        assert sum(line.startswith("- ") for line in shown.splitlines()) == count
    with pytest.raises(ValueError, match="misses must be 0 or more, got -1"):
        getattr(report, render)(misses=-1)


def test_markdown_misses_are_inert_and_on_one_line() -> None:
    """A missed statement is the user's own text: in the Markdown list of misses its
    markup stays text, a line break of any kind (not only "\\n") does not end the list
    item, and an escape sequence does not reach the terminal the report is shown on.
    Only "|" and "\\n" were escaped: "\\r# Heading" made a heading, "<img ...>" an
    image, and ESC went out raw."""
    text = "Own <img src=x onerror=alert(1)> *it*\r# Heading\u2028[a](javascript:x)\x1b]0;t\x07"
    miss = Miss(text, Label.PROJECT, Label.PRODUCT, "product: no evidence")
    report = evaluate_predictions([Label.PROJECT], [Label.PRODUCT], [miss])
    lines = report.to_markdown(misses=1).splitlines()
    assert lines[-1] == (
        "- `project → product` Own &lt;img src=x onerror=alert(1)\\> \\*it\\* \\# Heading "
        "\\[a\\](javascript:x)&#x1B;\\]0;t&#x07;"
    )


def test_markdown_misses_escape_dollar_signs() -> None:
    """GitHub reads "$...$" as maths: a missed "Cut $5k and $10k" showed a formula."""
    miss = Miss("Cut $5k and $10k", Label.PROJECT, Label.PRODUCT, "product: no evidence")
    report = evaluate_predictions([Label.PROJECT], [Label.PRODUCT], [miss])
    assert report.to_markdown(misses=1).splitlines()[-1].endswith(" Cut \\$5k and \\$10k")


def test_reports_render_as_text_json_and_markdown() -> None:
    """The three renderings carry the same figures."""
    report = evaluate_predictions([P, J, OT, S], [P, J, J, S])
    data = json.loads(report.to_json())
    assert data["accuracy"] == 0.75
    assert data["confusion"][3] == [0, 1, 0, 0]
    assert "accuracy: 0.750" in report.to_text()
    assert "| project | 0.500 | 1.000 | 0.667 | 1 |" in report.to_markdown()


def test_markdown_counts_one_example_in_the_singular() -> None:
    """A report of one statement opened "**1 examples**"."""
    assert evaluate_predictions([P], [P]).to_markdown().startswith("**1 example** ")
    assert evaluate_predictions([P, J], [P, J]).to_markdown().startswith("**2 examples** ")


def test_labels_are_read_in_any_case_as_examples_read_them() -> None:
    """read_examples() took "Product" and " project " while evaluate_predictions()
    refused them; both read labels with Label.read() now. A near miss still fails."""
    typed = evaluate_predictions(
        ["Product", " project ", "SHARED"], ["product", "Project", "other"]
    )
    assert typed == evaluate_predictions([P, J, S], [P, J, OT])
    assert Label.read(P) is P
    with pytest.raises(ArgumentError, match=r"^unknown label 'prodcut' \(expected one of"):
        evaluate_predictions(["prodcut"], [P])


def test_label_read_names_the_type_of_a_label_that_is_no_str() -> None:
    """Label.read(None) and Label.read(7) raised ArgumentError "unknown label None", a
    ValueError: the wrong type is a TypeError naming it; a wrong str stays an
    ArgumentError. Examples read from data still name the example or the line."""
    for wrong, name in ((None, "NoneType"), (7, "int"), (b"product", "bytes")):
        with pytest.raises(TypeError, match=f"^a label must be a Label or a str, got {name}$"):
            Label.read(wrong)
    with pytest.raises(ArgumentError, match=r"^unknown label 'boss' "):
        Label.read("boss")
    with pytest.raises(TypeError, match=r"^a label must be a Label or a str, got NoneType$"):
        evaluate_predictions([None], [P])  # type: ignore[list-item]
    with pytest.raises(TypeError, match=r"^Example\.label must be a Label or a str, got int$"):
        Example("Own the roadmap", 1)
    with pytest.raises(FitError, match=r"^example 1: a label must be a Label or a str, got int$"):
        evaluate(None, [("Plan the sprint", "project"), ("Own the roadmap", 1)])  # type: ignore[list-item]


def test_cross_validate_pools_every_fold(monkeypatch: pytest.MonkeyPatch) -> None:
    """Cross-validation predicts every example exactly once, each by a classifier fitted
    without it, on folds of near-equal size."""
    items = [(f"plan the kiln batch {i}", "project") for i in range(6)] + [
        (f"choose the glaze palette {i}", "product") for i in range(6)
    ]
    texts = [text for text, _ in items]
    # Learned from nothing, weights stay small: no evidence floor.
    start = Classifier(Lexicon(()), min_evidence=0.0)
    trained_on: dict[int, set[str]] = {}  # id of each fitted model -> its training texts
    predicted_by: list[tuple[int, str]] = []  # (model id, text) for every prediction
    fitted: list[Classifier] = []  # keeps the models alive, so their ids stay theirs
    fitting = False  # whatever fit() itself classifies is not a prediction

    def fit(base: Classifier, train: list[Example]) -> Classifier:
        nonlocal fitting
        assert base is start
        fitting = True
        try:
            model = base.fit(train, seed=0)
        finally:
            fitting = False
        fitted.append(model)
        trained_on[id(model)] = {e.text for e in train}
        return model

    real_classify = Classifier.classify

    def classify(self: Classifier, text: str) -> Verdict:
        if not fitting:
            predicted_by.append((id(self), text))
        return real_classify(self, text)

    monkeypatch.setattr(Classifier, "classify", classify)
    report = cross_validate(items, k=3, seed=0, classifier=start, fit=fit)
    monkeypatch.undo()
    assert len(trained_on) == 3
    assert sorted(text for _, text in predicted_by) == sorted(texts)  # each exactly once
    for model, text in predicted_by:
        assert text not in trained_on[model], f"{text!r} was predicted by a model fitted on it"
    held = {model: len(texts) - len(train) for model, train in trained_on.items()}
    assert sorted(held.values()) == [4, 4, 4]
    assert report.total == 12
    assert [sum(row) for row in report.confusion] == [6, 6, 0, 0]  # each example's own label
    assert report.accuracy > 0.8


def test_cross_validate_rejects_impossible_folds() -> None:
    """k below 2 or above the number of examples is a FitError."""
    with pytest.raises(FitError, match="k must be"):
        cross_validate([("a", "product"), ("b", "project")], k=1)
    with pytest.raises(FitError, match="cannot make 5 folds"):
        cross_validate([("a", "product"), ("b", "project")], k=5)


@pytest.mark.parametrize(
    ("seed", "error", "message"),
    [
        (-1, FitError, "seed must be a whole number of at least 0, got -1"),
        (None, TypeError, "seed must be an int, got NoneType"),
        (True, TypeError, "seed must be an int, got bool"),
    ],
)
def test_cross_validate_refuses_a_seed_that_is_not_one(
    seed: object, error: type[Exception], message: str
) -> None:
    """The folds are shuffled by the seed too: None (the clock) or a negative one (the same
    folds as its absolute value) is refused before any work, even with a fit of your own;
    one of the wrong type with a TypeError, as the errors' documentation says."""
    items = [("Own the roadmap", "product"), ("Track the plan", "project")] * 2

    def never(_c: Classifier, _train: list[Example]) -> Classifier:
        raise AssertionError("fitted before the seed was checked")

    with pytest.raises(error, match=f"^{re.escape(message)}$"):
        cross_validate(items, k=2, seed=seed, fit=never)  # type: ignore[arg-type]


@pytest.mark.parametrize(("k", "name"), [("3", "str"), (2.0, "float"), (True, "bool")])
def test_cross_validate_names_a_k_of_the_wrong_type(k: object, name: str) -> None:
    """k that is no int was a FitError (a ValueError); the wrong type is a TypeError."""
    items = [("Own the roadmap", "product"), ("Track the plan", "project")] * 2
    with pytest.raises(TypeError, match=f"^k must be an int, got {name}$"):
        cross_validate(items, k=k)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("example", "message"),
    [
        ({"text": "Own the roadmap"}, "mapping has no 'label' key"),
        ({"label": "product"}, "mapping has no 'text' key"),
        ({}, "mapping has no 'text' or 'label' key"),
        ({"text": "Own the roadmap", "label": "boss"}, "unknown label 'boss'"),
    ],
)
def test_a_mapping_example_names_what_it_lacks(example: dict[str, str], message: str) -> None:
    """A mapping without a key says which key (it said "unknown label None")."""
    with pytest.raises(FitError, match=re.escape(message)) as caught:
        evaluate(None, [("Plan the sprint", "project"), example])
    assert caught.value.index == 1


def test_evaluate_refuses_no_examples() -> None:
    """Evaluating nothing is a FitError, as fitting on nothing is; it gave a report of
    accuracy 0 that read like a classifier getting everything wrong."""
    model = Classifier(Lexicon((Cue("roadmap", {"product": 2.0}),)))
    with pytest.raises(FitError, match=r"^no examples to evaluate$"):
        evaluate(model, [])
    with pytest.raises(FitError, match=r"^no examples to evaluate$"):
        evaluate(None, iter(()))


def test_cross_validate_names_a_fold_left_with_one_label() -> None:
    """Two product examples and one project in three folds: the fold holding the project
    example trains on product alone. The error says so and what to do; it blamed the
    examples ("all examples have the label 'product'"), which hold two labels."""
    items = [
        ("Decide which features reach customers first", "product"),
        ("Shape the pricing page around buyer feedback", "product"),
        ("Book the kiln slots for the spring batch", "project"),
    ]
    with pytest.raises(FitError) as info:
        cross_validate(items, k=3)
    message = str(info.value)
    assert re.fullmatch(
        r"fold [123] of 3: its training part \(the other folds\) has only the label "
        r"'product', and fitting needs two; use fewer folds, or more examples of each label",
        message,
    )
    assert "all examples" not in message


def test_cross_validate_refuses_one_label_before_fitting() -> None:
    """Examples of one label are refused up front, with a fit of one's own too; a
    fold whose training part has one label is refused before the default fitting."""

    def never(base: Classifier, train: list[Example]) -> Classifier:
        raise AssertionError("fitted")

    with pytest.raises(FitError, match="all examples have the label 'project'"):
        cross_validate([("a", "project"), ("b", "project")], k=2, fit=never)
    one_sided = [("a", "project"), ("b", "project"), ("c", "other")]
    with pytest.raises(
        FitError, match=r"fold [123] of 3: its training part .* 'project'.*use fewer folds"
    ):
        cross_validate(one_sided, k=3)
    with pytest.raises(FitError, match=r"fold [12] of 2: .*; add more examples of each label"):
        cross_validate([("a", "project"), ("b", "other")], k=2)


def test_a_fit_of_ones_own_gets_one_label_folds() -> None:
    """The two-label rule is the default fitting's; a fit of one's own (here one that
    keeps the classifier as it is) is given every fold, as the docstring says."""
    seen: list[set[Label]] = []

    def keep(base: Classifier, train: list[Example]) -> Classifier:
        seen.append({example.label for example in train})
        return base

    examples = [("Own the product vision", "product")] * 5 + [("Track the schedule", "project")]
    report = cross_validate(examples, k=3, fit=keep)
    assert report.total == 6
    assert {"product"} in [{label.value for label in labels} for labels in seen]


def test_cross_validate_reports_progress_per_fold() -> None:
    """progress is called with (folds done, k) after each fold, in order; a
    non-callable is refused before any fitting."""
    calls: list[tuple[int, int]] = []
    examples = [("Own the product vision", "product"), ("Track the schedule", "project")] * 3
    cross_validate(examples, k=3, fit=lambda base, train: base, progress=lambda *a: calls.append(a))
    assert calls == [(1, 3), (2, 3), (3, 3)]
    with pytest.raises(TypeError, match="progress must be callable or None, got int"):
        cross_validate(examples, k=3, progress=5)  # type: ignore[arg-type]


# --- lone surrogates -------------------------------------------------------------------

#: A lone surrogate, as a JSONL file's "\ud800" reads.
_LONE = json.loads('"\\ud800"')


def test_a_missed_statement_with_a_lone_surrogate_is_written_as_its_escape() -> None:
    """A labeled statement can hold a lone surrogate (JSONL's "\\ud800"); misclassified,
    it is in the report's misses, and the JSON, text and Markdown of the report then
    raised UnicodeEncodeError once encoded as UTF-8 (written to a file). Each now
    writes the six-character escape, as the posting reports and the command line do;
    the JSON reads it back as the same character."""
    model = Classifier(Lexicon((Cue("roadmap", {"product": 2.0}),)), min_evidence=0.1)
    text = f"own the {_LONE} roadmap"
    report = evaluate(model, [(text, "project"), ("own the roadmap", "product")])
    assert [miss.text for miss in report.misses] == [text]
    for rendered in (report.to_json(), report.to_text(misses=1), report.to_markdown(misses=1)):
        rendered.encode("utf-8")
        assert "own the \\ud800 roadmap" in rendered
    assert json.loads(report.to_json())["misses"][0]["text"] == text
    assert report.to_dict()["misses"][0]["text"] == text  # plain data keeps the text


@given(text=adversarial_texts(), explanation=adversarial_texts())
@example(text=f"Ship it {_LONE}", explanation=json.loads('"\\udfff"'))
def test_every_rendering_of_any_miss_encodes_as_utf8(text: str, explanation: str) -> None:
    """Whatever a missed statement holds, the report encodes as UTF-8 and its JSON reads
    back as a JSON encoder that escapes everything would have it: nothing is lost."""
    report = evaluate_predictions([P], [J], [Miss(text, P, J, explanation)])
    report.to_text(misses=1).encode("utf-8")
    report.to_markdown(misses=1).encode("utf-8")
    document = report.to_json()
    document.encode("utf-8")
    assert json.loads(document) == json.loads(json.dumps(report.to_dict()))


def test_a_report_says_when_a_label_has_no_example() -> None:
    """Two correct verdicts gave macro-F1 0.500 with nothing to say why: the labels no
    example has count with F1 0 by definition. The text and Markdown reports now name
    them; with every label present there is no note."""
    pair = [Label.PRODUCT, Label.PROJECT]
    report = evaluate_predictions(pair, pair)
    note = (
        "note: no example is labeled shared, other; an F1 of 0 for each such label "
        "lowers the 4-label macro-F1 whatever the predictions"
    )
    assert report.macro_f1 == 0.5
    assert report.to_text().splitlines()[4] == note
    assert f"*{note}*" in report.to_markdown().splitlines()
    every = evaluate_predictions(list(LABELS), list(LABELS))
    assert "note:" not in every.to_text() + every.to_markdown()
    assert "note:" not in evaluate_predictions([], []).to_text()


def test_the_note_names_the_product_project_macro_f1_when_one_of_them_is_absent() -> None:
    """One product statement, classified right, gave accuracy 1.000 and product/project
    macro-F1 0.500 under a note saying only that the 4-label macro-F1 was lowered;
    with product or project absent the note names the product/project macro-F1 too."""
    report = evaluate_predictions([Label.PRODUCT], [Label.PRODUCT])
    assert (report.accuracy, report.product_project_macro_f1) == (1.0, 0.5)
    note = (
        "note: no example is labeled project, shared, other; an F1 of 0 for each such "
        "label lowers the 4-label and the product/project macro-F1 whatever the predictions"
    )
    assert report.to_text().splitlines()[4] == note
    assert f"*{note}*" in report.to_markdown().splitlines()


def _verdict(text: str) -> Verdict:
    return Verdict(text, "project", (0.1, 0.7, 0.1, 0.1), 0.7)


@given(st.lists(st.sampled_from(["Own the roadmap", "Plan it", "Ship"]), min_size=1, max_size=6))
def test_a_stand_in_giving_the_wrong_number_of_verdicts_is_named(texts: list[str]) -> None:
    """evaluate() takes any object with classify_many: one giving fewer or more verdicts
    than examples raised zip()'s "argument 2 is shorter than argument 1" (a ValueError
    naming neither the classifier nor the count); now ArgumentError says which."""
    examples = [(text, "project") for text in texts]
    fewer = StandIn(lambda given: [_verdict(t) for t in given[:-1]])
    with pytest.raises(ArgumentError, match=rf"gave {len(texts) - 1} verdicts for {len(texts)}"):
        evaluate(fewer, examples)
    more = StandIn(lambda given: iter([_verdict(t) for t in given] + [_verdict("x")]))
    with pytest.raises(ArgumentError, match=rf"more verdicts than the {len(texts)} examples"):
        evaluate(more, examples)
    exact = StandIn(lambda given: (_verdict(t) for t in given))
    assert evaluate(exact, examples).accuracy == 1.0


@pytest.mark.parametrize(
    ("give", "message"),
    [
        (lambda given: ["project" for _ in given], "gave a str for example 0, expected a Verdict"),
        (lambda given: [_verdict(given[0]), None], "gave a NoneType for example 1"),
        (lambda given: None, "must return an iterable of Verdict, got NoneType"),
        (lambda given: 5, "must return an iterable of Verdict, got int"),
    ],
)
def test_a_stand_in_giving_no_verdicts_is_named(
    give: Callable[[list[str]], object], message: str
) -> None:
    """Labels, None or no iterable at all from a stand-in's classify_many raised
    AttributeError ("'str' object has no attribute 'label'") or Python's "not
    iterable" from inside evaluate(); now TypeError names the example."""
    examples = [("Own the roadmap", "product"), ("Plan it", "project")]
    with pytest.raises(TypeError, match=re.escape(message)):
        evaluate(StandIn(give), examples)


def test_a_stand_in_giving_verdicts_out_of_order_is_named() -> None:
    """A stand-in whose classify_many gives its verdicts in another order (as a pool
    gives them when each is done) was scored against the wrong labels: evaluate()
    reported an accuracy of 0.0 for a classifier right on every example. Now
    ArgumentError names the example and the text the verdict is on; a verdict of
    cross_validate's fitted stand-in on another text is named too."""
    examples = [("Own the roadmap", "product"), ("Plan it", "project")]
    right = {"Own the roadmap": "product", "Plan it": "project"}

    def verdict(text: str) -> Verdict:
        scores = (0.7, 0.1, 0.1, 0.1) if right[text] == "product" else (0.1, 0.7, 0.1, 0.1)
        return Verdict(text, right[text], scores, 0.7)

    assert evaluate(StandIn(lambda given: map(verdict, given)), examples).accuracy == 1.0
    reversed_ = StandIn(lambda given: [verdict(t) for t in reversed(given)])
    message = "gave a verdict on 'Plan it' for example 0, which is 'Own the roadmap'"
    with pytest.raises(ArgumentError, match=re.escape(message)):
        evaluate(reversed_, examples)

    class Other:
        def classify(self, text: str) -> Verdict:
            return verdict("Plan it" if text == "Own the roadmap" else "Own the roadmap")

    with pytest.raises(ArgumentError, match="classify\\(\\) of what fit returned gave a verdict"):
        cross_validate(examples * 2, k=2, fit=lambda base, train: Other())  # type: ignore[arg-type,return-value]


def test_a_fit_returning_a_classifier_that_gives_no_verdict_is_named() -> None:
    """A fit of one's own may return any object with classify(); one whose classify()
    gives a label instead of a Verdict raised AttributeError from inside
    cross_validate(); now TypeError says so."""

    class Labels:
        def classify(self, text: str) -> str:
            return "project"

    examples = [("Own the product vision", "product"), ("Track the schedule", "project")] * 3
    with pytest.raises(TypeError, match=r"classify\(\) of what fit returned gave a str"):
        cross_validate(examples, k=3, fit=lambda base, train: Labels())  # type: ignore[arg-type,return-value]


@pytest.mark.parametrize(
    ("expected", "predicted", "named", "got"),
    [
        ("product", "project", "expected", "str"),
        (Label.PRODUCT, [Label.PRODUCT], "expected", "Label"),
        (["product"], "product", "predicted", "str"),
        ((label for label in ["product"]), ["product"], "expected", "generator"),
        (None, ["product"], "expected", "NoneType"),
        ({"product": "product"}, ["product"], "expected", "dict"),
    ],
    ids=["two strs", "one Label", "a str predicted", "generator", "None", "dict"],
)
def test_evaluate_predictions_names_labels_that_are_no_sequence(
    expected: object, predicted: object, named: str, got: str
) -> None:
    """One label where a list of them belongs was read letter by letter ("unknown
    label 'p'"); a generator or None failed in len() without naming the argument."""
    with pytest.raises(TypeError, match=rf"^{named} must be a sequence of labels .*, got {got}$"):
        evaluate_predictions(expected, predicted)  # type: ignore[arg-type]


def test_evaluate_predictions_takes_any_sized_sequence() -> None:
    report = evaluate_predictions((P, J), [P, P])
    assert report.accuracy == 0.5
    assert report == evaluate_predictions([P, J], (P, P))


@pytest.mark.parametrize("suffix", [".jsonl", ".csv"])
@pytest.mark.parametrize(
    ("names", "error", "message"),
    [
        ({"text_field": None}, TypeError, "text_field must be a str, got NoneType"),
        ({"label_field": 5}, TypeError, "label_field must be a str, got int"),
        ({"text_field": ["text"]}, TypeError, "text_field must be a str, got list"),
        (
            {"text_field": "label"},
            ArgumentError,
            "text_field and label_field cannot both be 'label'",
        ),
    ],
    ids=["None", "int", "list", "the same name"],
)
def test_read_examples_checks_the_names_of_its_fields(
    tmp_path: Path, suffix: str, names: dict[str, object], error: type[Exception], message: str
) -> None:
    """A name that is no str failed with "no None field", "unhashable type" or, in CSV,
    "sequence item 0: expected str instance"; one name for both fields read each label
    as the statement, so "evaluating" the labels themselves went on without a word."""
    from rolelens.examples import read_examples

    path = tmp_path / f"labeled{suffix}"
    path.write_text(
        "text,label\nOwn the roadmap,product\n"
        if suffix == ".csv"
        else '{"text": "Own the roadmap", "label": "product"}\n',
        encoding="utf-8",
    )
    with pytest.raises(error, match=re.escape(message)):
        read_examples(path, **names)  # type: ignore[arg-type]


def test_labeled_json_lines_joined_with_a_byte_order_mark_are_read(tmp_path: Path) -> None:
    """A byte-order mark opening a later line (two labeled files joined with ``cat``)
    is dropped, as ``classify`` drops it: ``evaluate`` refused the line as bad JSON."""
    from rolelens.examples import read_examples

    path = tmp_path / "joined.jsonl"
    mark = "\ufeff".encode()
    path.write_bytes(
        mark
        + b'{"text": "Own the roadmap", "label": "product"}\n'
        + mark
        + b'{"text": "Track the budget", "label": "project"}\n'
        + mark
        + b"\n"
    )
    examples = read_examples(path)
    assert [(e.text, e.label) for e in examples] == [
        ("Own the roadmap", Label.PRODUCT),
        ("Track the budget", Label.PROJECT),
    ]


def test_repr_of_a_report_with_many_misses_is_short() -> None:
    """A report keeps every miss: its repr (what a REPL prints for ``evaluate(...)``)
    names how many and shows the first few, not a line per missed statement; a report
    of few misses still shows every one."""
    examples = [(f"Own the pricing roadmap for market {n}", "project") for n in range(500)]
    report = evaluate(None, examples)
    assert len(report.misses) == 500
    shown = repr(report)
    assert len(shown) < 3000
    assert "<500 misses: " in shown
    assert repr(report.misses[0]) in shown
    assert repr(report.misses[-1]) not in shown
    assert f"per_label={report.per_label!r}" in shown
    assert f"confusion={report.confusion!r}" in shown
    small = evaluate(None, examples[:2])
    assert repr(small) == (
        "EvaluationReport("
        + ", ".join(f"{f.name}={getattr(small, f.name)!r}" for f in attrs.fields(EvaluationReport))
        + ")"
    )


# -- reports made by hand are checked as they are made -----------------------------


def _report(**changes: object) -> EvaluationReport:
    """A real report, with ``changes`` made to its fields, built again by hand."""
    made = evaluate_predictions(["product", "project", "other"], ["product", "product", "other"])
    fields: dict[str, Any] = {f.name: getattr(made, f.name) for f in attrs.fields(EvaluationReport)}
    fields.update(changes)
    return EvaluationReport(**fields)


_METRICS = evaluate_predictions(["product"], ["product"]).per_label

BAD_REPORTS: dict[str, tuple[Callable[[], object], type[Exception], str]] = {
    "a figure as a str": (
        lambda: _report(accuracy="0.5"),
        TypeError,
        r"^EvaluationReport\.accuracy must be a number, got str$",
    ),
    "a figure of NaN": (
        lambda: _report(macro_f1=float("nan")),
        ArgumentError,
        r"^EvaluationReport\.macro_f1 must be from 0 to 1, got nan$",
    ),
    "a figure over 1": (
        lambda: _report(product_project_macro_f1=1.5),
        ArgumentError,
        r"^EvaluationReport\.product_project_macro_f1 must be from 0 to 1, got 1\.5$",
    ),
    "a negative total": (
        lambda: _report(total=-1),
        ArgumentError,
        r"^EvaluationReport\.total must be 0 or more, got -1$",
    ),
    "a total as a float": (
        lambda: _report(total=2.0),
        TypeError,
        r"^EvaluationReport\.total must be an int, got float$",
    ),
    "per_label of two labels": (
        lambda: _report(per_label=_METRICS[:2]),
        ArgumentError,
        r"one LabelMetrics per label, in the order product, project, shared, other; "
        r"got product, project$",
    ),
    "per_label holding a dict": (
        lambda: _report(per_label=[*_METRICS[:3], {"label": "other"}]),
        TypeError,
        r"^EvaluationReport\.per_label\[3\] must be a LabelMetrics, got dict$",
    ),
    "one LabelMetrics for per_label": (
        lambda: _report(per_label=_METRICS[0]),
        TypeError,
        r"^EvaluationReport\.per_label must be a sequence of LabelMetrics, got LabelMetrics$",
    ),
    "a confusion of two rows": (
        lambda: _report(confusion=[[1, 0, 0, 0], [0, 1, 0, 0]]),
        ArgumentError,
        r"^EvaluationReport\.confusion must be 4 rows of 4 counts, got rows of 4, 4$",
    ),
    "a negative count in the confusion": (
        lambda: _report(confusion=[[1, 0, 0, 0], [0, -1, 0, 0], [0] * 4, [0] * 4]),
        ArgumentError,
        r"^EvaluationReport\.confusion\[1\]\[1\] must be 0 or more, got -1$",
    ),
    "a confusion row as a str": (
        lambda: _report(confusion=["1000", [0] * 4, [0] * 4, [0] * 4]),
        TypeError,
        r"^EvaluationReport\.confusion\[0\] must be a row of 4 counts, got str$",
    ),
    "a miss as a str": (
        lambda: _report(misses=["Own the roadmap"]),
        TypeError,
        r"^EvaluationReport\.misses\[0\] must be a Miss, got str$",
    ),
    "a metric's label as None": (
        lambda: LabelMetrics(None, 0.5, 0.5, 0.5, 1),
        TypeError,
        r"^a label must be a Label or a str, got NoneType$",
    ),
    "a metric's label unknown": (
        lambda: LabelMetrics("boss", 0.5, 0.5, 0.5, 1),
        ArgumentError,
        r"^unknown label 'boss'",
    ),
    "a precision as a str": (
        lambda: LabelMetrics("product", "0.5", 0.5, 0.5, 1),  # type: ignore[arg-type]
        TypeError,
        r"^LabelMetrics\.precision must be a number, got str$",
    ),
    "a negative recall": (
        lambda: LabelMetrics("product", 0.5, -0.1, 0.5, 1),
        ArgumentError,
        r"^LabelMetrics\.recall must be from 0 to 1, got -0\.1$",
    ),
    "a support of 1.5": (
        lambda: LabelMetrics("product", 0.5, 0.5, 0.5, 1.5),  # type: ignore[arg-type]
        TypeError,
        r"^LabelMetrics\.support must be an int, got float$",
    ),
}


@pytest.mark.parametrize("name", sorted(BAD_REPORTS))
def test_a_report_made_by_hand_is_checked_as_it_is_made(name: str) -> None:
    """LabelMetrics and EvaluationReport took anything: a report made by hand (for a
    renderer) with a str figure, a label as a str, two rows of confusion or a str
    among its misses failed only when rendered, with "Unknown format code 'f'",
    "'str' object has no attribute 'value'" or zip()'s "argument 2 is shorter", and a
    NaN figure made JSON that is no JSON. Each is refused, naming the field."""
    call, error, message = BAD_REPORTS[name]
    with pytest.raises(error, match=message):
        call()


def test_a_metric_given_its_label_as_a_str_renders() -> None:
    """LabelMetrics("product", ...) kept the str, and to_dict() failed on .value."""
    metrics = tuple(LabelMetrics(label.value.title(), 0.5, 0.5, 0.5, 1) for label in LABELS)
    assert metrics[0].label is Label.PRODUCT
    assert _report(per_label=metrics).to_dict()["per_label"][0]["label"] == "product"


@given(st.lists(st.tuples(st.sampled_from(LABELS), st.sampled_from(LABELS)), max_size=40))
def test_a_report_built_again_from_its_fields_as_lists_is_equal(
    pairs: list[tuple[Label, Label]],
) -> None:
    """Any report, built again from its fields with lists for tuples (as from JSON), is
    equal to it and hashable: the lists are kept as tuples, as the report is frozen."""
    report = evaluate_predictions([a for a, _ in pairs], [b for _, b in pairs])
    again = EvaluationReport(
        total=report.total,
        accuracy=report.accuracy,
        macro_f1=report.macro_f1,
        product_project_macro_f1=report.product_project_macro_f1,
        per_label=list(report.per_label),
        confusion=[list(row) for row in report.confusion],
        misses=list(report.misses),
    )
    assert again == report
    assert hash(again) == hash(report)
    assert again.to_json() == report.to_json()


@given(
    figure=st.floats(allow_nan=True, allow_infinity=True) | st.integers(-3, 3),
    support=st.integers(-(2**70), 2**70),
)
def test_a_metric_is_made_in_range_or_refused_as_a_bad_value(figure: float, support: int) -> None:
    """Any number for a figure and any whole number for the support give metrics whose
    figures are floats from 0 to 1 and support 0 or more, or ArgumentError."""
    try:
        metrics = LabelMetrics(Label.SHARED, figure, figure, figure, support)
    except ArgumentError:
        assert not 0 <= figure <= 1 or support < 0
        return
    assert type(metrics.f1) is float
    assert 0.0 <= metrics.precision == metrics.recall == metrics.f1 <= 1.0
    assert metrics.support == support >= 0
