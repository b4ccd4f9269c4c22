"""Tests for cues, lexicons and cue files (rolelens.lexicon)."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given

from rolelens import Classifier, Cue, Label, Lexicon, LexiconError, load_lexicon
from rolelens.lexicon import default_lexicon
from tests.strategies import cues

GOOD = """
version = 1

[[group]]
label = "product"
weight = 2.5
dimension = "core_focus"
tags = ["feature"]
phrases = ["pricing page", "win-loss review"]

[[cue]]
phrase = "site inspection"
weights = { project = 1.5, other = 0.5 }
"""


def test_default_lexicon_covers_every_label() -> None:
    """The built-in lexicon has cues pushing toward each of the four labels."""
    labels = {cue.label for cue in default_lexicon().cues}
    assert labels == set(Label)


def test_load_lexicon_reads_groups_and_single_cues(tmp_path: Path) -> None:
    """Groups expand to one cue per phrase; single cues keep their per-label weights."""
    path = tmp_path / "cues.toml"
    path.write_text(GOOD, encoding="utf-8")
    lexicon = load_lexicon(path)
    by_phrase = {cue.phrase: cue for cue in lexicon.cues}
    assert by_phrase["pricing page"].weight(Label.PRODUCT) == 2.5
    assert by_phrase["pricing page"].tags == ("feature",)
    assert by_phrase["site inspection"].weights == (0.0, 1.5, 0.0, 0.5)
    assert by_phrase["site inspection"].label is Label.PROJECT


def test_user_cues_change_verdicts(tmp_path: Path) -> None:
    """A classifier extended with a user's cues finds them in text."""
    path = tmp_path / "cues.toml"
    path.write_text(GOOD, encoding="utf-8")
    base = Classifier(Lexicon(()))
    extended = base.with_cues(load_lexicon(path).cues)
    assert base.classify("Weekly site inspection").label is Label.OTHER
    verdict = extended.classify("Weekly site inspection")
    assert verdict.label is Label.PROJECT
    assert [e.matched for e in verdict.evidence] == ["site inspection"]


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        ("version = 1\n[[group]]\nlabel = 'product'\nphrases = 'roadmap'\n", "group"),
        ("version = 1\n[[group]]\nlabel = 'boss'\nphrases = ['x']\n", "label"),
        ("version = 1\n[[group]]\nlabel = 'product'\nphrases = ['x']\ncolour = 1\n", "colour"),
        ("version = 1\n[[group]]\nlabel = 'product'\nphrases = ['...']\n", "phrases[0]"),
        ("version = 2\n", "version"),
        ("version = 1\n[[cue]]\nphrase = 'x'\nweights = { product = 'high' }\n", "cue"),
        ("this is [not toml", "not valid TOML"),
    ],
)
def test_bad_cue_files_name_the_problem(tmp_path: Path, content: str, needle: str) -> None:
    """A malformed cue file raises LexiconError naming the file and the entry or field."""
    path = tmp_path / "bad.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(LexiconError) as info:
        load_lexicon(path)
    assert str(path) in str(info.value)
    assert needle in str(info.value)


def test_missing_and_directory_paths_are_lexicon_errors(tmp_path: Path) -> None:
    """Unreadable paths are reported as LexiconError, not OSError, naming the path and
    what is wrong with it (the needles are not in the path: tmp_path holds this
    test's name, which says "directory")."""
    missing = tmp_path / "cues.toml"
    with pytest.raises(LexiconError) as info:
        load_lexicon(missing)
    assert not isinstance(info.value, OSError)
    assert str(info.value).startswith(f"{missing}: ")
    assert "no such file" in str(info.value).lower()
    folder = tmp_path / "folder.toml"
    folder.mkdir()
    with pytest.raises(LexiconError) as info:
        load_lexicon(folder)
    assert not isinstance(info.value, OSError)
    assert str(info.value).startswith(f"{folder}: ")
    assert "is a directory" in str(info.value).lower()
    assert "no such file" not in str(info.value).lower()


@given(cues())
def test_cue_label_is_the_heaviest_weight(cue: Cue) -> None:
    """A cue's label is the label with its largest weight."""
    assert cue.weight(cue.label) == max(cue.weights)


def test_cue_rejects_bad_values() -> None:
    """Cues validate on construction: words, weight count, finite weights, tag syntax."""
    with pytest.raises(ValueError, match="no words"):
        Cue("  -- ", (1.0, 0.0, 0.0, 0.0))
    with pytest.raises(ValueError, match="one number per label"):
        Cue("roadmap", (1.0, 0.0))
    with pytest.raises(ValueError, match="finite"):
        Cue("roadmap", (float("nan"), 0.0, 0.0, 0.0))
    # A finite weight beyond the bound is refused with the bound in the message.
    with pytest.raises(ValueError, match="between -1e6 and 1e6"):
        Cue("roadmap", (1e308, 0.0, 0.0, 0.0))
    assert Cue("roadmap", (1e6, 0.0, 0.0, -1e6)).weights == (1e6, 0.0, 0.0, -1e6)
    with pytest.raises(ValueError, match="tag 'Bad Tag' must be lower_snake_case"):
        Cue("roadmap", (1.0, 0.0, 0.0, 0.0), tags=("Bad Tag",))


@pytest.mark.parametrize(
    ("phrase", "weights", "error", "message"),
    [
        (5, {"product": 1.0}, TypeError, "Cue.phrase must be a str, got int"),
        ("roadmap", "product", TypeError, "weights must be a mapping of label to number"),
        ("roadmap", {"product": "2"}, TypeError, "weight 'product' must be a number, got str"),
        ("roadmap", {"product": True}, TypeError, "weight 'product' must be a number, got bool"),
        ("roadmap", (1.0, 0.0, "a", 0.0), TypeError, "weight 2 must be a number, got str"),
        ("roadmap", {"boss": 1.0}, ValueError, "unknown label 'boss' \\(expected one of product"),
    ],
)
def test_cue_mistakes_say_what_was_expected(
    phrase: object, weights: object, error: type[Exception], message: str
) -> None:
    """A wrong phrase or weight names the field and the type, not attrs' internals."""
    with pytest.raises(error, match=message):
        Cue(phrase, weights)  # type: ignore[arg-type]


def _exact_floats(cue: Cue) -> tuple[float, ...]:
    """The cue's weights, after checking that each is a plain float."""
    assert all(type(w) is float for w in cue.weights), cue.weights
    return cue.weights


def test_any_real_number_is_a_weight() -> None:
    """ints, floats, Fractions and Decimals are weights, by label or one per label, and
    are kept as plain floats (what a saved model holds and the C pass reads)."""
    by_label = Cue(
        "roadmap",
        {"product": 2, "project": Fraction(1, 2), "other": Decimal("-0.25")},  # type: ignore[arg-type]
    )
    assert _exact_floats(by_label) == (2.0, 0.5, 0.0, -0.25)
    in_order = Cue("roadmap", (Fraction(3, 4), Decimal("1.5"), -3, 0.125))  # type: ignore[arg-type]
    assert _exact_floats(in_order) == (0.75, 1.5, -3.0, 0.125)
    assert in_order.label is Label.PROJECT
    # A complex number is no real number, even with no imaginary part.
    with pytest.raises(TypeError, match="weight 0 must be a number, got complex"):
        Cue("roadmap", (complex(1, 0), 0.0, 0.0, 0.0))  # type: ignore[arg-type]


def test_numpy_scalars_are_weights() -> None:
    """NumPy's integer and floating scalars are weights too, kept as plain floats."""
    np = pytest.importorskip("numpy")
    cue = Cue("roadmap", (np.float32(0.5), np.float64(-1.25), np.int64(3), np.int8(-2)))
    assert _exact_floats(cue) == (0.5, -1.25, 3.0, -2.0)
    mapped = Cue("roadmap", {"shared": np.float16(0.25), "project": np.uint16(7)})
    assert _exact_floats(mapped) == (0.0, 7.0, 0.25, 0.0)
