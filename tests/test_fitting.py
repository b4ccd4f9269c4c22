"""Tests for learning from labeled statements (rolelens.fitting, Classifier.fit)."""

from __future__ import annotations

import pickle
import re
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rolelens import Classifier, Example, FitError, Label, Lexicon, cross_validate, evaluate
from rolelens.classifier import MIX_KEYS, START, STATEMENT_TAG
from rolelens.labels import LABELS
from rolelens.text import normalise_phrase
from tests.strategies import examples, statements

# A tiny house style: this team writes "kiln" work as project and "glaze palette" as product.
TEAM_EXAMPLES = [
    Example("Book the kiln slots for the spring batch", Label.PROJECT),
    Example("Confirm kiln loading order with the studio crew", Label.PROJECT),
    Example("Chase the kiln repair so firing resumes Monday", Label.PROJECT),
    Example("Decide the glaze palette customers will see next season", Label.PRODUCT),
    Example("Test glaze palette ideas with repeat buyers", Label.PRODUCT),
    Example("Drop the glaze palette options nobody buys", Label.PRODUCT),
    Example("Free parking for staff", Label.OTHER),
    Example("Studio open from nine to five", Label.OTHER),
]


def test_fit_learns_a_teams_vocabulary() -> None:
    """Fitting on a few examples teaches new words that the lexicon alone does not know."""
    base = Classifier(Lexicon(()))
    fitted = base.fit(TEAM_EXAMPLES * 3, seed=1)
    assert fitted.classify("Reschedule the kiln for Friday").label is Label.PROJECT
    assert fitted.classify("A new glaze palette for spring").label is Label.PRODUCT


def test_learned_features_show_as_evidence() -> None:
    """Every learned n-gram that fires is in the evidence with its contribution."""
    fitted = Classifier(Lexicon(())).fit(TEAM_EXAMPLES * 3, seed=1)
    probe = "Chase the kiln repair"
    verdict = fitted.classify(probe)
    # The probe's words and word pairs, and its two content words a stopword apart.
    grams = ("chase", "the", "kiln", "repair", "chase the", "the kiln", "kiln repair", "chase kiln")
    learned = fitted.lexicon.by_key()
    firing = [learned[key] for key in map(normalise_phrase, grams) if key in learned]
    assert len(firing) >= 6, "the fit learned the probe's words"
    evidence = {e.cue: e for e in verdict.evidence}
    best = LABELS.index(verdict.label)
    for cue in firing:
        item = evidence[cue.phrase]
        words = normalise_phrase(item.matched).split()
        assert (words[0], words[-1]) == (cue.key.split()[0], cue.key.split()[-1])
        assert item.label is cue.label
        mean = sum(cue.weights) / len(cue.weights)
        assert item.contribution == pytest.approx(cue.weights[best] - mean, abs=1e-12)
    opening = learned[f"{START} {normalise_phrase('chase')}"]
    assert evidence["opening word: chase"].contribution == pytest.approx(
        opening.weights[best] - sum(opening.weights) / 4, abs=1e-12
    )
    # Nothing else: the lexicon holds learned features only.
    shown = {cue.phrase for cue in firing} | {"opening word: chase"}
    assert {e.cue for e in verdict.evidence if STATEMENT_TAG not in e.tags} == shown


def test_fit_learns_the_opening_word_after_a_label() -> None:
    """The opening word the fit learns is the one classification reads: after a label
    of a word or two before a colon ("Kiln duty: chase the repair"), the duty's verb,
    not the label. The fit proposed "opening word: kiln", which never fires on such a
    statement, and no opening word for "chase", which does."""
    examples = [
        Example("Kiln duty: chase the repair", Label.PROJECT),
        Example("Kiln duty: chase the glaze order", Label.PROJECT),
        Example("Palette task: sketch the spring glazes", Label.PRODUCT),
        Example("Palette task: sketch what buyers ask for", Label.PRODUCT),
    ]
    fitted = Classifier(Lexicon(())).fit(examples * 3, seed=1, prune=0.0)
    learned = fitted.lexicon.by_key()
    assert f"{START} {normalise_phrase('chase')}" in learned
    assert f"{START} {normalise_phrase('sketch')}" in learned
    assert f"{START} kiln" not in learned
    assert "opening word: chase" in {e.cue for e in fitted.classify(examples[0].text).evidence}


def test_fit_starts_from_the_default_rather_than_replacing_it() -> None:
    """A small fit keeps what the built-in classifier knows about unrelated statements.

    Every built-in cue stays, with its phrase, dimension, tags and side; a cue that
    fires in none of the examples keeps its exact weight; and the fit still learns the
    team's words.
    """
    from rolelens import default_classifier

    base = default_classifier()
    fitted = base.fit(TEAM_EXAMPLES, seed=0)
    for text in (
        "Own the product roadmap and decide what the team builds next",
        "Maintain the risk register and escalate blockers to the steering group",
    ):
        assert fitted.classify(text).label is base.classify(text).label
    before, after = base.lexicon.by_key(), fitted.lexicon.by_key()
    assert set(before) < set(after)
    fired = {e.cue for example in TEAM_EXAMPLES for e in base.classify(example.text).evidence}
    moved = 0
    for key, cue in before.items():
        kept = after[key]
        assert (kept.phrase, kept.dimension, kept.tags, kept.side) == (
            cue.phrase,
            cue.dimension,
            cue.tags,
            cue.side,
        )
        statement_level = key in MIX_KEYS or key.startswith(START + " ")
        if cue.phrase not in fired and not statement_level:
            assert kept.weights == cue.weights, key
        moved += kept.weights != cue.weights
    assert moved > 0, "the examples' cues were adjusted"
    assert normalise_phrase("kiln") in set(after) - set(before)
    assert base.classify("Book the kiln slots for the spring batch").label is Label.OTHER
    assert fitted.classify("Book the kiln slots for the spring batch").label is Label.PROJECT


def test_fit_is_deterministic_for_a_seed() -> None:
    """The same examples and seed give an identical classifier; the seed is used: another
    one shuffles the examples into another order, and SGD lands on other weights."""
    base = Classifier(Lexicon(()))
    first = base.fit(TEAM_EXAMPLES, seed=3)
    again = base.fit(TEAM_EXAMPLES, seed=3)
    assert first == again
    assert first.to_json() == again.to_json()
    other = base.fit(TEAM_EXAMPLES, seed=4)
    assert [c.key for c in other.lexicon.cues] == [c.key for c in first.lexicon.cues]
    assert other.lexicon != first.lexicon
    assert other.bias != first.bias


def test_progress_is_told_when_the_epochs_begin_and_after_each() -> None:
    """``progress`` hears (0, epochs) once the statements are read, so a bar can time
    the epochs alone (the reading had been taken for the first epoch's time, and
    the ETA was about three times too long), then (epoch, epochs) after each."""
    calls: list[tuple[int, int]] = []
    Classifier(Lexicon(())).fit(
        TEAM_EXAMPLES, epochs=3, progress=lambda done, total: calls.append((done, total))
    )
    assert calls == [(0, 3), (1, 3), (2, 3), (3, 3)]


@settings(max_examples=25)
@given(examples(), st.integers(min_value=0, max_value=5), statements())
def test_fit_on_any_small_set_gives_valid_verdicts(
    items: list[Example], seed: int, probe: str
) -> None:
    """Fitting any small labeled set succeeds and the result classifies any text validly."""
    fitted = Classifier(Lexicon(())).fit(items, seed=seed, epochs=2)
    verdict = fitted.classify(probe)
    assert verdict.label in LABELS
    assert abs(sum(verdict.scores) - 1.0) < 1e-9


@pytest.mark.parametrize(
    ("items", "message"),
    [
        ([], "no examples"),
        ([("a", "product"), ("b", "product")], "at least two labels"),
        ([("a", "product"), ("b", "boss")], "example 1: unknown label 'boss'"),
        ([("a", "product"), (42, "project")], "example 1: text must be a string"),
        ([("a", "product"), "not a pair"], "example 1: expected an Example"),
    ],
)
def test_bad_examples_raise_fit_error_naming_the_example(items: list[object], message: str) -> None:
    """Unusable examples raise FitError saying which example and why."""
    with pytest.raises(FitError, match=message):
        Classifier(Lexicon(())).fit(items)  # type: ignore[arg-type]


def test_example_and_label_mistakes_say_what_was_expected() -> None:
    """A wrong Example field names it and its type; an unknown label lists the known ones."""
    with pytest.raises(TypeError, match=r"^Example\.text must be a str, got int$"):
        Example(5, "product")  # type: ignore[arg-type]
    known = r"\(expected one of product, project, shared, other\)$"
    with pytest.raises(ValueError, match="^unknown label 'boss' " + known):
        Example("Own the roadmap", "boss")
    with pytest.raises(ValueError, match="^unknown label 7 " + known):
        Label(7)  # type: ignore[arg-type]
    assert Label("shared") is Label.SHARED


@pytest.mark.parametrize(
    ("setting", "value", "message"),
    [
        ("epochs", 0, "epochs must be a whole number of at least 1, got 0"),
        ("min_count", -2, "min_count must be a whole number of at least 1, got -2"),
        ("learning_rate", float("nan"), "learning_rate must be a finite number above 0, got nan"),
        ("learning_rate", 0.0, "learning_rate must be a finite number above 0, got 0.0"),
        ("l2", -1.0, "l2 must be a finite number of at least 0, got -1.0"),
        ("prune", float("inf"), "prune must be a finite number of at least 0, got inf"),
        # Random(-5) is Random(5).
        ("seed", -5, "seed must be a whole number of at least 0, got -5"),
        pytest.param(
            "seed",
            -(10**5000),
            "seed must be a whole number of at least 0, got a large negative number",
            id="seed-huge",
        ),
        # Too large for a float: was an OverflowError; its 401 digits are not shown.
        pytest.param(
            "l2",
            10**400,
            "l2 must be a finite number of at least 0, got a number too large",
            id="l2-huge",
        ),
        pytest.param(
            "learning_rate",
            -(10**400),
            "learning_rate must be a finite number above 0, got a number too large",
            id="learning_rate-huge",
        ),
        pytest.param(
            "prune",
            10**400,
            "prune must be a finite number of at least 0, got a number too large",
            id="prune-huge",
        ),
    ],
)
def test_bad_settings_raise_fit_error_naming_the_setting(
    setting: str, value: object, message: str
) -> None:
    """A setting no fit can use is refused before any work, naming it and its value."""
    with pytest.raises(FitError, match=re.escape(message)):
        Classifier(Lexicon(())).fit(TEAM_EXAMPLES, **{setting: value})  # type: ignore[arg-type]
    # The same setting with a usable value fits: the check is on the value, not the name.
    usable = {"epochs": 1, "min_count": 1, "learning_rate": 0.5, "l2": 0.0, "prune": 0.0, "seed": 0}
    options: Any = {setting: usable[setting]}
    assert Classifier(Lexicon(())).fit(TEAM_EXAMPLES, **options).lexicon


class _Count:
    """An int-like that is not an int (as NumPy's integers are not)."""

    def __init__(self, value: int) -> None:
        self.value = value

    def __index__(self) -> int:
        return self.value


@pytest.mark.parametrize(
    ("setting", "value", "message"),
    [
        ("epochs", "3", "epochs must be an int, got str"),
        ("epochs", True, "epochs must be an int, got bool"),
        ("epochs", 5.0, "epochs must be an int, got float"),
        ("min_count", 1.5, "min_count must be an int, got float"),
        ("learning_rate", "0.5", "learning_rate must be a number, got str"),
        ("l2", None, "l2 must be a number, got NoneType"),
        ("prune", True, "prune must be a number, got bool"),
        # Random(None) seeds from the clock.
        ("seed", None, "seed must be an int, got NoneType"),
        ("seed", 1.5, "seed must be an int, got float"),
        ("seed", False, "seed must be an int, got bool"),
        ("fit_bias", 1, "fit_bias must be a bool, got int"),
        ("fit_bias", "no", "fit_bias must be a bool, got str"),
        ("progress", 5, "progress must be callable or None, got int"),
    ],
)
def test_settings_of_the_wrong_type_raise_type_error_naming_the_setting(
    setting: str, value: object, message: str
) -> None:
    """A setting of the wrong Python type is a TypeError naming it and the type, as
    docs/reference/errors.md promises; it was a FitError (a ValueError), or for a bool
    count a fit that went ahead."""
    with pytest.raises(TypeError, match=f"^{re.escape(message)}$"):
        Classifier(Lexicon(())).fit(TEAM_EXAMPLES, **{setting: value})  # type: ignore[arg-type]


def test_number_likes_are_taken_as_numbers() -> None:
    """Integer-likes (``__index__``), Fraction and Decimal work wherever a number goes."""
    fitted = Classifier(Lexicon(())).fit(
        TEAM_EXAMPLES,
        epochs=_Count(1),  # type: ignore[arg-type]
        seed=_Count(3),  # type: ignore[arg-type]
        learning_rate=Decimal("0.5"),  # type: ignore[arg-type]
    )
    verdict = fitted.classify("Plan the sprint")
    assert verdict.explain(limit=_Count(2)) == verdict.explain(limit=2)  # type: ignore[arg-type]
    assert Classifier(Lexicon(()), min_evidence=Fraction(1, 4)).min_evidence == 0.25
    assert type(Classifier(Lexicon(()), bias=(Decimal(1), 0, 0, 0)).bias[0]) is float


def test_fit_accepts_pairs_and_mappings() -> None:
    """(text, label) pairs and {'text', 'label'} mappings are accepted like Examples."""
    pairs = [(e.text, e.label.value) for e in TEAM_EXAMPLES]
    mappings = [{"text": e.text, "label": e.label.value} for e in TEAM_EXAMPLES]
    base = Classifier(Lexicon(()))
    assert base.fit(pairs) == base.fit(TEAM_EXAMPLES) == base.fit(mappings)


def test_two_item_lists_are_pairs_as_json_load_gives_them() -> None:
    """A JSON array of ``[text, label]`` pairs, read with json.load, gives lists: they
    were refused ("expected an Example, a (text, label) pair or a mapping, got list")
    by fit, evaluate and calibrate alike. A list of another length is still refused,
    saying how many items it has."""
    import json

    from rolelens import evaluate
    from rolelens.examples import as_examples

    loaded = json.loads(json.dumps([[e.text, e.label.value] for e in TEAM_EXAMPLES]))
    assert all(type(item) is list for item in loaded)
    assert list(as_examples(loaded)) == list(TEAM_EXAMPLES)
    base = Classifier(Lexicon(()))
    fitted = base.fit(loaded)
    assert fitted == base.fit(TEAM_EXAMPLES)
    assert evaluate(fitted, loaded) == evaluate(fitted, TEAM_EXAMPLES)
    for wrong, count in ((["Own it"], 1), (["Own it", "product", "x"], 3), ([], 0)):
        message = f"^example 0: expected an Example, .* got a list of {count} item"
        with pytest.raises(FitError, match=message):
            list(as_examples([wrong]))
    with pytest.raises(FitError, match=r"^example 0: text must be a string, got int$"):
        list(as_examples([[5, "product"]]))


def test_calibrate_picks_a_candidate_and_refuses_unusable_candidates() -> None:
    """calibrate returns the classifier with one of ``candidates`` as its temperature;
    no candidates (which returned the classifier unchanged, as if calibrated) or one
    that is not a usable temperature raises FitError naming ``candidates``."""
    from rolelens import default_classifier
    from rolelens.fitting import calibrate

    held_out = [("Own the product roadmap", "product"), ("Track the delivery plan", "project")]
    base = default_classifier()
    calibrated = calibrate(base, held_out, candidates=[0.5, 2.0])
    assert calibrated.temperature in (0.5, 2.0)
    assert calibrated.lexicon is base.lexicon
    for bad in ([], (), [0.0], [float("nan")], [1.0, 1000.0]):
        with pytest.raises(FitError, match="candidates"):
            calibrate(base, held_out, candidates=bad)
    # The wrong type is a TypeError naming it (it was a FitError, a ValueError).
    with pytest.raises(TypeError, match=r"^each of candidates must be a number, got str$"):
        calibrate(base, held_out, candidates=["1.0"])  # type: ignore[list-item]
    with pytest.raises(TypeError, match=r"^each of candidates must be a number, got bool$"):
        calibrate(base, held_out, candidates=[True])
    message = "^candidates must be an iterable of temperatures to try, got float$"
    with pytest.raises(TypeError, match=message):
        calibrate(base, held_out, candidates=1.5)  # type: ignore[arg-type]


@given(
    label=st.sampled_from(LABELS),
    case=st.sampled_from([str.lower, str.upper, str.title, str.capitalize]),
    before=st.sampled_from(["", " ", "\t", "  "]),
    after=st.sampled_from(["", " ", "\t", " \u00a0"]),
)
def test_an_example_label_is_read_whatever_its_case_and_spaces(
    label: Label, case: Any, before: str, after: str
) -> None:
    """Labels typed in a spreadsheet ("Product", "project ") were refused as unknown; they
    are read as their label, in an Example, a pair or a mapping alike."""
    written = before + case(label.value) + after
    assert Example("Own it", written).label is label
    from rolelens.examples import as_examples

    for item in (("Own it", written), {"text": "Own it", "label": written}):
        assert [example.label for example in as_examples([item])] == [label]


def test_a_label_that_is_no_label_in_any_case_is_refused_as_written() -> None:
    """Folding case does not make a near miss a label: "Products" and "pm" are refused,
    and the message quotes the label as written, not as folded."""
    for wrong in ("Products", " PM ", "prod uct"):
        with pytest.raises(ValueError, match=f"^unknown label {re.escape(repr(wrong))} "):
            Example("Own it", wrong)


def test_labeled_files_read_labels_whatever_their_case(tmp_path: Any) -> None:
    """read_examples (what `rolelens fit` and `evaluate` read) takes "Product" from a CSV
    and " PROJECT " from JSON Lines."""
    from rolelens.examples import read_examples

    table = tmp_path / "labeled.csv"
    table.write_text("text,label\nOwn the roadmap,Product\n", encoding="utf-8")
    lines = tmp_path / "labeled.jsonl"
    lines.write_text('{"text": "Track the budget", "label": " PROJECT "}\n', encoding="utf-8")
    assert [e.label for e in read_examples(table) + read_examples(lines)] == [
        Label.PRODUCT,
        Label.PROJECT,
    ]


def test_a_label_without_its_statement_is_an_error_naming_the_line(tmp_path: Any) -> None:
    """A CSV row whose statement cell was cleared but for its label (",project") was read
    as the example "": evaluate counted it a sure miss, fit learned from it, without a
    word. It is an InputError naming the file, the line and the field."""
    from rolelens.errors import InputError
    from rolelens.examples import read_examples

    table = tmp_path / "labeled.csv"
    table.write_text("label,bullet\nproduct,Own the roadmap\nproject,\t \n", encoding="utf-8")
    with pytest.raises(InputError, match=r"labeled\.csv:3: 'bullet' is empty") as info:
        read_examples(table, text_field="bullet")
    assert info.value.line == 3
    lines = tmp_path / "labeled.jsonl"
    lines.write_text('{"text": "Own it", "label": "product"}\n{"text": "", "label": "x"}\n')
    with pytest.raises(InputError, match=r"labeled\.jsonl:2: 'text' is empty"):
        read_examples(lines)


def test_an_example_without_its_statement_is_refused_in_python_as_in_a_file() -> None:
    """read_examples refused a label whose statement is empty, but as_examples (what fit,
    evaluate and calibrate read) took ("", "product") as an example and fitted on it. An
    empty or white-space text is a FitError naming the example, as a pair, a mapping or
    an Example alike."""
    from rolelens import evaluate
    from rolelens.examples import as_examples

    for text in ("", "  \t\n"):
        for item in ((text, "product"), {"text": text, "label": "product"}, Example(text, "other")):
            with pytest.raises(FitError, match=r"^example 1: text is empty: a label needs its"):
                list(as_examples([("Own it", "product"), item]))
    bad: list[Example | tuple[str, str]] = [*TEAM_EXAMPLES, ("", "project")]
    base = Classifier(Lexicon(()))
    with pytest.raises(FitError, match="text is empty"):
        base.fit(bad)
    with pytest.raises(FitError, match="text is empty"):
        evaluate(base, bad)


def test_a_learned_phrase_that_opens_like_numbering_keeps_its_first_word() -> None:
    """An n-gram whose first word reads as numbering at a statement's start ("o", as
    in "O&M") keeps that word in its key: its phrase "o &" was keyed "and", so the
    learned weights of "O&M" fell on every "and" and "&", a stopword fitting never
    learns alone."""
    assert normalise_phrase("o &") == "o and"
    assert normalise_phrase("1. Own") == "1 own"
    examples = [
        ("Plan the O&M budget for each site", Label.PROJECT),
        ("Track O&M costs against the plan", Label.PROJECT),
        ("Decide what customers need next", Label.PRODUCT),
        ("Talk to users and shape the product", Label.PRODUCT),
    ]
    fitted = Classifier(Lexicon(())).fit(examples * 3, seed=1, prune=0.0)
    learned = fitted.lexicon.by_key()
    assert "o and" in learned
    assert learned["o and"].phrase == "o &"
    assert all(cue.key == normalise_phrase(cue.phrase) for cue in fitted.lexicon.cues)
    assert "and" not in learned


def test_the_shipped_model_reads_no_stopword_alone() -> None:
    """No cue of the shipped model is a stopword alone: "and" weighed on every
    statement holding "and" or "&", shown as the cue "o &"."""
    from rolelens import default_classifier
    from rolelens.text import STOPWORDS

    model = default_classifier()
    assert not [cue.phrase for cue in model.lexicon.cues if cue.key in STOPWORDS]
    verdict = model.classify("Own the roadmap and the budget")
    assert [e.cue for e in verdict.evidence if e.matched == "and"] == []


def test_every_learned_cue_is_keyed_by_an_ngram_the_statements_hold() -> None:
    """A learned cue is keyed by the n-gram that was counted and trained. "½" is one
    character but two words ("1 2"): the bigram "plan 1" was shown as "plan ½", which
    reads back as the trigram "plan 1 2", so the fit saved another feature than the
    one it counted and trained."""
    from rolelens.fitting import _candidate_ngrams
    from rolelens.text import tokenize

    examples = [
        ("Plan the ½ day budget review", Label.PROJECT),
        ("Plan the ½ day vendor call", Label.PROJECT),
        ("Ask users what ⅓ of them need", Label.PRODUCT),
        ("Ask users what ⅓ of them miss", Label.PRODUCT),
    ]
    fitted = Classifier(Lexicon(())).fit(examples * 3, seed=1, prune=0.0)
    grams = {gram for text, _ in examples for gram in _candidate_ngrams(text, tokenize(text))}
    keys = [cue.key for cue in fitted.lexicon.cues]
    assert sorted(set(keys) - grams) == []
    assert "plan 1" in keys  # learned, shown in words that read back as it


class _Table:
    """What matters here of a pandas DataFrame: it iterates its column names."""

    columns = ("text", "label")

    def __iter__(self) -> Any:
        return iter(self.columns)


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ({"text": "Own the roadmap", "label": "product"}, "got one dict: examples are rows"),
        ({"text": ["Own it", "Plan it"], "label": ["product", "project"]}, "not columns"),
        ({"Own the roadmap": "product"}, r"pass its \.items\(\)"),
        ("Own the roadmap", "got a str"),
        (_Table(), r"iterates its column names .*to_dict\('records'\)"),
    ],
)
def test_examples_given_whole_as_one_value_say_so(given: object, message: str) -> None:
    """One mapping, a mapping of columns, a str or a table (a DataFrame) is iterated as
    its keys, characters or column names, so fitting said "example 0: expected an
    Example, ... got str", naming as example 0 a key or a column name."""
    for run in (
        lambda: Classifier(Lexicon(())).fit(given),  # type: ignore[arg-type]
        lambda: evaluate(Classifier(Lexicon(())), given),  # type: ignore[arg-type]
    ):
        with pytest.raises(FitError, match=message) as info:
            run()
        assert info.value.index is None


@pytest.mark.parametrize(
    "given",
    [
        "Own the roadmap",
        b"Own the roadmap",
        {"Own the roadmap": "product"},
        {"text": "Own the roadmap", "label": "product"},
        _Table(),
    ],
)
def test_examples_given_whole_as_one_value_are_a_type_error(given: object) -> None:
    """``evaluate(c, "a str")`` raised FitError alone, where ``classify_many("a str")`` is a
    TypeError: one str, bytes, mapping or table for the examples is a type mistake. It
    is both now (ExamplesTypeError), so code catching FitError still catches it."""
    from rolelens.errors import ExamplesTypeError

    for run in (
        lambda: Classifier(Lexicon(())).fit(given),  # type: ignore[arg-type]
        lambda: evaluate(Classifier(Lexicon(())), given),  # type: ignore[arg-type]
        lambda: cross_validate(given, classifier=Classifier(Lexicon(()))),  # type: ignore[arg-type]
    ):
        with pytest.raises(TypeError, match=r"^examples must be") as info:
            run()
        assert isinstance(info.value, FitError)
        again = pickle.loads(pickle.dumps(info.value))
        assert type(again) is ExamplesTypeError
        assert str(again) == str(info.value)


@pytest.mark.parametrize("given", [None, 5])
def test_examples_that_are_not_iterable_are_a_type_error_naming_them(given: object) -> None:
    """``fit(None)``, ``evaluate(c, None)`` and ``cross_validate(None)`` said "'NoneType'
    object is not iterable", naming no argument."""
    message = f"examples must be an iterable of examples, got {type(given).__name__}"
    for run in (
        lambda: Classifier(Lexicon(())).fit(given),  # type: ignore[arg-type]
        lambda: evaluate(Classifier(Lexicon(())), given),  # type: ignore[arg-type]
        lambda: cross_validate(given, classifier=Classifier(Lexicon(()))),  # type: ignore[arg-type]
    ):
        with pytest.raises(TypeError, match=f"^{re.escape(message)}$"):
            run()


def _reference_fit(
    start: Classifier,
    items: list[tuple[str, str]],
    *,
    seed: int,
    epochs: int,
    min_count: int,
    prune: float,
    learning_rate: float = 0.5,
    l2: float = 0.002,
) -> Classifier:
    """The fit written plainly, one Python list of feature ids and one Example per
    statement, as rolelens fitted before it held them in flat arrays: what
    :func:`rolelens.fitting.fit` must still return, to the bit."""
    import math
    import random

    from rolelens.fitting import _candidate_ngrams, _learned_cue
    from rolelens.lexicon import Cue
    from rolelens.text import tokenize

    data = [Example(text, Label.read(label)) for text, label in items]
    doc_freq: dict[str, int] = {}
    surface: dict[str, str] = {}
    for example in data:
        for gram, form in _candidate_ngrams(example.text, tokenize(example.text)).items():
            doc_freq[gram] = doc_freq.get(gram, 0) + 1
            surface.setdefault(gram, form)
    known = start.lexicon.by_key()
    learned = [
        cue
        for gram in sorted(doc_freq)
        if doc_freq[gram] >= min_count and gram not in known
        if (cue := _learned_cue(gram, surface[gram])) is not None
    ]
    cues = list(known.values()) + learned
    work = Classifier(Lexicon(tuple(cues)), bias=start.bias)
    ids = {cue.key: i for i, cue in enumerate(cues)}
    rows = [
        (
            [ids[hit[3][5]] for hit in work._match(e.text, subjects=False)[0] if not hit[4]],
            LABELS.index(e.label),
        )
        for e in data
    ]
    prior = [list(cue.weights) for cue in cues]
    weights = [list(w) for w in prior]
    bias = list(start.bias)
    grad_sq = [1.0] * len(cues)
    bias_sq = 1.0
    sums = [[0.0] * 4 for _ in cues]
    bias_sum = [0.0] * 4
    rng = random.Random(seed)
    order = list(range(len(rows)))
    for epoch in range(epochs):
        rng.shuffle(order)
        for r in order:
            feats, gold = rows[r]
            z = bias[:]
            for f in feats:
                for k in range(4):
                    z[k] += weights[f][k]
            top = max(z)
            e = [math.exp(v - top) for v in z]
            total = e[0] + e[1] + e[2] + e[3]
            g = [e[0] / total, e[1] / total, e[2] / total, e[3] / total]
            g[gold] -= 1.0
            gnorm = g[0] * g[0] + g[1] * g[1] + g[2] * g[2] + g[3] * g[3]
            bias_sq += gnorm
            for k in range(4):
                bias[k] -= learning_rate / math.sqrt(bias_sq) * g[k]
            for f in feats:
                grad_sq[f] += gnorm
                step = learning_rate / math.sqrt(grad_sq[f])
                for k in range(4):
                    weights[f][k] -= step * (g[k] + l2 * (weights[f][k] - prior[f][k]))
        if epoch >= epochs // 2:
            for f, w in enumerate(weights):
                for k in range(4):
                    sums[f][k] += w[k]
            for k in range(4):
                bias_sum[k] += bias[k]
    averaged = epochs - epochs // 2
    kept = []
    for f, cue in enumerate(cues):
        mean = tuple(round(v / averaged, 6) + 0.0 for v in sums[f])
        if f < len(known) or max(mean) - min(mean) >= prune:
            kept.append(Cue(cue.phrase, mean, cue.dimension, cue.tags, cue.side))
    return Classifier(
        Lexicon(tuple(kept)),
        bias=tuple(round(v / averaged, 6) + 0.0 for v in bias_sum),
        min_evidence=start.min_evidence,
        shared_floor=start.shared_floor,
        temperature=start.temperature,
    )


def _chunked(items: list[tuple[str, str]], size: int) -> Any:
    """``items`` as a one-pass generator, built from chunks of ``size``."""
    import itertools

    return itertools.chain.from_iterable(items[i : i + size] for i in range(0, len(items), size))


@settings(max_examples=15, deadline=None)
@given(
    examples(min_size=2, max_size=20),
    st.integers(min_value=0, max_value=3),
    st.integers(min_value=1, max_value=3),
    st.integers(min_value=1, max_value=7),
)
def test_fit_equals_the_plain_reference_whatever_the_input_form(
    items: list[Example], seed: int, min_count: int, chunk: int
) -> None:
    """Fitting keeps each statement's features in one flat array, not a list each:
    the classifier is the one the plain per-statement fit gives, to the bit, and
    the same whether the examples come as a list or as a one-pass generator."""
    pairs = [(e.text, e.label.value) for e in items * 2]
    start = Classifier(Lexicon(()), bias=(0.1, -0.2, -0.5, 0.3))
    expected = _reference_fit(start, pairs, seed=seed, epochs=3, min_count=min_count, prune=0.05)
    options: dict[str, Any] = {"seed": seed, "epochs": 3, "min_count": min_count}
    assert start.fit(pairs, **options).to_json() == expected.to_json()
    assert start.fit(_chunked(pairs, chunk), **options).to_json() == expected.to_json()


def test_fit_from_the_default_classifier_equals_the_plain_reference() -> None:
    """As above, from the shipped classifier (its cues, their dimensions and sides)
    with a few repeated statements, so that learned n-grams reach ``min_count``, one
    of them written otherwise ("Kiln Repairs") after it was first seen."""
    from rolelens import default_classifier

    pairs = [(e.text, e.label.value) for e in TEAM_EXAMPLES] * 2 + [
        ("Sequence the kiln firings around the glaze palette trials", "shared"),
        ("Not the kiln: the glaze palette decides what customers see", "product"),
        ("Key duty: book the kiln and chase the glaze supplier", "project"),
        ("Tidy the studio kitchen on Fridays", "other"),
        ("Log Kiln Repairs for the studio crew", "project"),  # "kiln repair" shown as first seen
    ]
    start = default_classifier()
    expected = _reference_fit(start, pairs, seed=2, epochs=4, min_count=2, prune=0.05)
    fitted = start.fit(iter(pairs), seed=2, epochs=4)
    assert fitted.to_json() == expected.to_json()
    assert len(fitted.lexicon) > len(start.lexicon)  # n-grams were learned
