"""Tests for learning from labeled statements (rolelens.fitting, Classifier.fit)."""

from __future__ import annotations

import re
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rolelens import Classifier, Example, FitError, Label, Lexicon
from rolelens.labels import LABELS
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
    verdict = fitted.classify("kiln repair")
    cues = {e.cue for e in verdict.evidence}
    assert "kiln" in cues
    kiln = next(e for e in verdict.evidence if e.cue == "kiln")
    assert kiln.contribution > 0


def test_fit_starts_from_the_default_rather_than_replacing_it() -> None:
    """A small fit keeps what the built-in classifier knows about unrelated statements."""
    from rolelens import default_classifier

    base = default_classifier()
    fitted = base.fit(TEAM_EXAMPLES, seed=0)
    for text in (
        "Own the product roadmap and decide what the team builds next",
        "Maintain the risk register and escalate blockers to the steering group",
    ):
        assert fitted.classify(text).label is base.classify(text).label


def test_fit_is_deterministic_for_a_seed() -> None:
    """The same examples and seed give an identical classifier."""
    base = Classifier(Lexicon(()))
    assert base.fit(TEAM_EXAMPLES, seed=3) == base.fit(TEAM_EXAMPLES, seed=3)


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
        ("epochs", "3", "epochs must be a whole number of at least 1, got '3'"),
        ("min_count", 1.5, "min_count must be a whole number of at least 1, got 1.5"),
        ("learning_rate", float("nan"), "learning_rate must be a finite number above 0, got nan"),
        ("learning_rate", 0.0, "learning_rate must be a finite number above 0, got 0.0"),
        ("l2", -1.0, "l2 must be a finite number of at least 0, got -1.0"),
        ("prune", float("inf"), "prune must be a finite number of at least 0, got inf"),
        ("prune", True, "prune must be a finite number of at least 0, got True"),
    ],
)
def test_bad_settings_raise_fit_error_naming_the_setting(
    setting: str, value: object, message: str
) -> None:
    """A setting no fit can use is refused before any work, naming it and its value."""
    with pytest.raises(FitError, match=re.escape(message)):
        Classifier(Lexicon(())).fit(TEAM_EXAMPLES, **{setting: value})
    # The same setting with a usable value fits: the check is on the value, not the name.
    usable = {"epochs": 1, "min_count": 1, "learning_rate": 0.5, "l2": 0.0, "prune": 0.0}
    assert Classifier(Lexicon(())).fit(TEAM_EXAMPLES, **{setting: usable[setting]}).lexicon


class _Count:
    """An int-like that is not an int (as NumPy's integers are not)."""

    def __init__(self, value: int) -> None:
        self.value = value

    def __index__(self) -> int:
        return self.value


def test_number_likes_are_taken_as_numbers() -> None:
    """Integer-likes (``__index__``), Fraction and Decimal work wherever a number goes."""
    fitted = Classifier(Lexicon(())).fit(
        TEAM_EXAMPLES,
        epochs=_Count(1),
        seed=_Count(3),
        learning_rate=Decimal("0.5"),
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
    assert base.fit(pairs) == base.fit(TEAM_EXAMPLES) == base.fit(mappings)  # type: ignore[arg-type]
