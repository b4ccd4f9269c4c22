"""Tests for cues, lexicons and cue files (rolelens.lexicon)."""

from __future__ import annotations

import json
import tomllib
from decimal import Decimal
from fractions import Fraction
from importlib import resources
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from rolelens import (
    ArgumentError,
    Classifier,
    Cue,
    Label,
    Lexicon,
    LexiconError,
    default_classifier,
    load_lexicon,
)
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


def test_a_lexicon_is_its_cues(tmp_path: Path) -> None:
    """A loaded lexicon goes straight into ``with_cues``; iterating gives its cues."""
    path = tmp_path / "cues.toml"
    path.write_text(GOOD, encoding="utf-8")
    lexicon = load_lexicon(path)
    assert list(lexicon) == list(lexicon.cues)
    base = Classifier(Lexicon(()))
    assert base.with_cues(lexicon) == base.with_cues(lexicon.cues)


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


def test_cues_given_as_a_mapping_or_bytes_are_named() -> None:
    """``Lexicon(lexicon.by_key())`` iterated the mapping's keys and said "cue 0 is a
    str, expected a Cue"; bytes said "cue 0 is a int"."""
    lexicon = Lexicon((Cue("budget", {"project": 2.0}),))
    message = r"^cues must be an iterable of Cue, got a dict \(of a mapping of cues, pass"
    with pytest.raises(TypeError, match=message):
        Lexicon(lexicon.by_key())  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=message):
        Classifier(lexicon).with_cues(lexicon.by_key())  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"^cues must be an iterable of Cue, got bytes$"):
        lexicon.with_cues(b"budget")  # type: ignore[arg-type]
    assert Lexicon(lexicon.by_key().values()) == lexicon


def test_a_cue_label_that_is_no_str_is_a_type_error() -> None:
    """A weight keyed by None, or a side of 5, was ArgumentError "unknown label None"."""
    with pytest.raises(TypeError, match=r"^weights' labels must be str, got NoneType$"):
        Cue("budget", {None: 2.0})
    with pytest.raises(TypeError, match=r"^side must be a Label, a str or None, got int$"):
        Cue("budget", {"project": 2.0}, side=5)  # type: ignore[arg-type]
    assert Cue("budget", {"project": 2.0}, side="project").side is Label.PROJECT
    with pytest.raises(ArgumentError, match=r"^unknown label 'boss' "):
        Cue("budget", {"boss": 2.0})


def test_cue_reads_its_labels_as_label_read_does() -> None:
    """Cue weights by label name ``{"Product": 2.0}`` and ``side="Product"`` were refused
    as unknown labels, while ``Cue.weight("Product")`` and ``Example`` take any case; a
    label named twice (``"product"`` and ``"Product"``) is refused, not summed or lost."""
    cue = Cue("budget", {"Project": 2.0, " other ": -1.0}, side="PROJECT")
    assert cue.weights == (0.0, 2.0, 0.0, -1.0)
    assert cue.side is Label.PROJECT
    assert cue == Cue("budget", {"project": 2.0, "other": -1.0}, side="project")
    with pytest.raises(ArgumentError, match=r"^weights name the label 'project' twice"):
        Cue("budget", {"project": 2.0, "Project": 1.0})


def test_cue_weight_reads_a_label_as_label_read_does() -> None:
    """``Cue.weight(None)`` raised ArgumentError "unknown label None", and
    ``weight("Project")`` refused a label Label.read takes."""
    cue = Cue("budget", {"project": 2.0})
    assert cue.weight("Project") == cue.weight(Label.PROJECT) == 2.0
    with pytest.raises(TypeError, match=r"^a label must be a Label or a str, got NoneType$"):
        cue.weight(None)  # type: ignore[arg-type]
    with pytest.raises(ArgumentError, match=r"^unknown label 'boss' "):
        cue.weight("boss")


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
    ("weight", "phrases"), [("nan", '["roadmap"]'), ("inf", '["x"]'), ("-2e6", "[]")]
)
def test_a_groups_bad_weight_is_named_as_the_groups_weight(
    weight: str, phrases: str, tmp_path: Path
) -> None:
    """A group's weight out of range was reported at phrases[0] as "weights", a field
    no group has (and with no phrases, not at all)."""
    path = tmp_path / "cues.toml"
    path.write_text(
        f'version = 1\n[[group]]\nlabel = "product"\nweight = {weight}\nphrases = {phrases}\n',
        encoding="utf-8",
    )
    with pytest.raises(LexiconError, match=r"group\[0\]\.weight: weight must be a finite number"):
        load_lexicon(path)


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        ('[[group]]\nlabel = "product"\ndimension = " "\nphrases = ["x"]', "group[0].dimension"),
        ('[[group]]\nlabel = "product"\ntags = ["Bad"]\nphrases = ["x"]', "group[0].tags"),
        ('[[cue]]\nphrase = "x"\nweights = { product = 1 }\ntags = ["Bad"]', "cue[0].tags"),
        ('[[cue]]\nphrase = "x"\nweights = { product = 1 }\ndimension = ""', "cue[0].dimension"),
        ('[[cue]]\nphrase = "x"\nweights = { products = 1 }', "cue[0].weights"),
        ('[[cue]]\nphrase = "x"\nweights = { product = inf }', "cue[0].weights"),
        ('[[cue]]\nphrase = "!!"\nweights = { product = 1 }', "cue[0].phrase"),
    ],
)
def test_a_cue_file_error_names_the_field(entry: str, expected: str, tmp_path: Path) -> None:
    """A group's blank dimension or bad tag was blamed on its phrases[0]; a cue's bad
    tag, dimension, weights or phrase named the cue but not the field."""
    path = tmp_path / "cues.toml"
    path.write_text(f"version = 1\n{entry}\n", encoding="utf-8")
    with pytest.raises(LexiconError) as info:
        load_lexicon(path)
    assert str(info.value).startswith(f"{path}: {expected}: ")


@pytest.mark.parametrize("tag", ["negated", "means", "subject"])
def test_the_classifiers_own_set_aside_tags_are_refused(tag: str, tmp_path: Path) -> None:
    """A cue tagged "negated", "means" or "subject" by hand counted in the verdict, yet was read
    as set aside once its evidence was built: its dimension left a posting's counts."""
    with pytest.raises(ArgumentError, match=f"tag '{tag}' is the classifier's own"):
        Cue("cadence review", {"project": 3.0}, tags=("task", tag))
    path = tmp_path / "cues.toml"
    path.write_text(
        f'version = 1\n[[cue]]\nphrase = "cadence review"\nweights = {{ project = 3.0 }}\n'
        f'tags = ["{tag}"]\n',
        encoding="utf-8",
    )
    with pytest.raises(LexiconError, match=r"cues\.toml: cue\[0\]\.tags: tag"):
        load_lexicon(path)
    # The classifier's own tags on set-aside evidence are unaffected.
    verdict = default_classifier().classify("You are not responsible for budgets")
    assert any("negated" in e.tags for e in verdict.evidence)


def test_the_whole_statement_tag_is_refused_on_a_cue_of_words(tmp_path: Path) -> None:
    """A cue of words tagged "statement" (the tag of the classifier's features of the
    whole statement, which ``explain()`` and the coach pass over) weighed in the
    verdict but was never shown for it: "Chair the cadence review" explained itself
    without "cadence review". The features themselves keep the tag."""
    with pytest.raises(ArgumentError, match="tag 'statement' is the classifier's own"):
        Cue("cadence review", {"project": 3.0}, tags=("statement",))
    path = tmp_path / "cues.toml"
    path.write_text(
        'version = 1\n[[group]]\nlabel = "project"\nweight = 3.0\n'
        'phrases = ["cadence review"]\ntags = ["timeline", "statement"]\n',
        encoding="utf-8",
    )
    with pytest.raises(LexiconError, match=r"cues\.toml: group\[0\]\.tags: tag 'statement'"):
        load_lexicon(path)
    mix = Cue("xxmix both", {"shared": 1.0}, tags=("statement",))
    assert mix.tags == ("statement",)
    fitted = [c for c in default_classifier().lexicon.cues if "statement" in c.tags]
    assert fitted
    assert all(c.phrase.startswith("xxmix ") for c in fitted)
    shown = default_classifier().with_cues([Cue("cadence review", {"project": 3.0})])
    assert '"cadence review"' in shown.classify("Chair the cadence review").explain()


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


@pytest.mark.parametrize(
    ("weights", "side"),
    [
        ("{ product = 2.0 }", Label.PRODUCT),
        ("{ project = 1.5, other = 0.5 }", Label.PROJECT),
        ("{ shared = 1.0 }", None),
        # Only against project: it speaks for no side. It used to get side product
        # (the first of the equal largest weights, all 0).
        ("{ project = -3.0 }", None),
        ("{ project = -0.5, shared = -0.5 }", None),
        # Product and project equally: neither side alone.
        ("{ product = 1.0, project = 1.0 }", None),
    ],
)
def test_a_cue_gets_the_side_its_weights_favour(
    tmp_path: Path, weights: str, side: Label | None
) -> None:
    """A single cue's side is the role label its largest weight is for, when that weight
    is above 0 and no other label has as much; otherwise it has none."""
    path = tmp_path / "cues.toml"
    path.write_text(f"version = 1\n[[cue]]\nphrase = 'steering memo'\nweights = {weights}\n")
    (cue,) = load_lexicon(path).cues
    assert cue.side is side


def test_a_group_weighing_against_its_label_gets_no_side(tmp_path: Path) -> None:
    """A group with a negative weight pushes away from its label: no side (it had that label)."""
    path = tmp_path / "cues.toml"
    path.write_text("version = 1\n[[group]]\nlabel = 'product'\nweight = -2\nphrases = ['memo']\n")
    (cue,) = load_lexicon(path).cues
    assert cue.weights == (-2.0, 0.0, 0.0, 0.0)
    assert cue.side is None


def test_a_cue_against_project_does_not_count_as_product_evidence(tmp_path: Path) -> None:
    """Adding a cue that only weighs against project changes verdicts by its weight alone,
    as the same cue with no side does; with the side product it was given, a project
    statement holding it turned shared (product and project evidence both present)."""
    path = tmp_path / "cues.toml"
    path.write_text(
        "version = 1\n[[cue]]\nphrase = 'steering memo'\nweights = { project = -0.5 }\n"
    )
    base = default_classifier()
    from_file = base.with_cues(load_lexicon(path).cues)
    by_hand = base.with_cues([Cue("steering memo", {"project": -0.5})])
    text = "Track the delivery schedule and write the steering memo"
    assert from_file.classify(text) == by_hand.classify(text)
    assert from_file.classify(text).label is Label.PROJECT


@pytest.mark.parametrize(
    ("content", "where", "message"),
    [
        (
            "[[cue]]\nphrase = 'steering memo'\nweights = {}\n",
            "cue[0].weights",
            "cue 'steering memo' has no weight: give at least one label a non-zero weight",
        ),
        (
            "[[cue]]\nphrase = 'steering memo'\nweights = { project = 0.0 }\n",
            "cue[0].weights",
            "cue 'steering memo' has no weight: give at least one label a non-zero weight",
        ),
        (
            "[[group]]\nlabel = 'project'\nweight = 0\nphrases = ['steering memo']\n",
            "group[0].weight",
            "weight is 0, so cue 'steering memo' would have no effect",
        ),
    ],
)
def test_a_cue_with_no_weight_is_refused(
    tmp_path: Path, content: str, where: str, message: str
) -> None:
    """A cue whose weights are all 0 can change no verdict, and was given the side product:
    the file is refused, naming the entry and the phrase."""
    path = tmp_path / "cues.toml"
    path.write_text("version = 1\n" + content)
    with pytest.raises(LexiconError) as info:
        load_lexicon(path)
    assert str(info.value) == f"{path}: {where}: {message}"


def test_a_phrase_with_a_lone_surrogate_is_refused_when_loaded(tmp_path: Path) -> None:
    """JSON can write a lone surrogate ("\\ud800"); the cue classified, but saving the
    classifier then failed with a raw UnicodeEncodeError. Now the file is refused."""
    path = tmp_path / "cues.json"
    path.write_text(
        '{"version": 1, "cue": [{"phrase": "road\\ud800map", "weights": {"product": 1}}]}'
    )
    with pytest.raises(LexiconError, match=r"cue\[0\]\.phrase: phrase .* is not valid Unicode"):
        load_lexicon(path)


def test_a_number_too_large_for_a_float_in_a_file(tmp_path: Path) -> None:
    """A weight of 400 digits is "too large", not "OverflowError: int too large to convert"."""
    path = tmp_path / "cues.json"
    digits = "1" * 400
    path.write_text(
        f'{{"version": 1, "cue": [{{"phrase": "x", "weights": {{"product": {digits}}}}}]}}'
    )
    with pytest.raises(LexiconError) as info:
        load_lexicon(path)
    assert str(info.value) == f"{path}: cue[0].weights['product']: the number is too large"


def test_repr_of_a_large_lexicon_and_classifier_is_short() -> None:
    """The built-in classifier holds tens of thousands of cues: its repr (what a REPL
    prints for ``default_classifier()``) names how many and shows the first few, not
    megabytes of cues; a small lexicon still shows every cue."""
    classifier = default_classifier()
    shown = repr(classifier)
    assert len(shown) < 1000
    assert f"{len(classifier.lexicon)} cues" in shown
    assert repr(classifier.lexicon.cues[0]) in shown
    assert "min_evidence=" in shown
    assert "temperature=" in shown
    small = Lexicon([Cue("pricing page", {"product": 2.0}), Cue("site visit", {"project": 1.0})])
    assert repr(small) == f"Lexicon(cues={small.cues!r})"


# Statements of my own: ASCII and not, negated, with a means, with no cue at all.
WITH_CUES_STATEMENTS = (
    "Own the product roadmap and decide what we build next",
    "Track the budget and keep the delivery plan on schedule",
    "Not responsible for budgets; interview customers every week",
    "Work with engineering to ship the pricing page on time",
    "Run the steering committee and report risks to sponsors",
    "G\u00e9rer le budget \u2014 and own the roadmap",
    "Coach the team on estimation",
    "Water the office plants",
    "",
)


def _seen(classifier: Classifier) -> list[tuple[object, ...]]:
    return [
        (v.label, v.scores, v.confidence, v.evidence, v.explain())
        for v in classifier.classify_many(WITH_CUES_STATEMENTS)
    ]


def test_with_cues_of_the_whole_lexicon_changes_nothing() -> None:
    """``c.with_cues(c.lexicon)`` doubled the lexicon (every cue twice, the first of
    each dead) and a saved model with it; again and again it grew without bound. Now
    the added cues replace the ones with their keys: the same lexicon, verdicts,
    evidence and saved model."""
    from rolelens.persistence import to_json

    base = default_classifier()
    again = base.with_cues(base.lexicon)
    assert len(again.lexicon) == len(base.lexicon)
    assert again.lexicon == base.lexicon
    assert again.with_cues(again.lexicon).with_cues(base.lexicon.cues).lexicon == base.lexicon
    assert _seen(again) == _seen(base)
    assert to_json(again) == to_json(base)
    hand_written = default_lexicon()  # holds some keys twice: only the last one counts
    assert hand_written.with_cues(hand_written) == hand_written
    assert Classifier(hand_written).with_cues(hand_written).lexicon == hand_written


def test_with_cues_of_an_existing_key_replaces_that_cue() -> None:
    """One cue with the key of a cue already there replaces it: the length stays and
    the classifier uses the new weights, in the verdict and in the evidence."""
    base = default_classifier()
    old = base.lexicon.by_key()["roadmap"]
    new = Cue("Roadmaps", (-3.0, 4.0, 0.0, 0.0), "core_focus", ("task",))
    assert new.key == old.key
    changed = base.with_cues([new])
    assert len(changed.lexicon) == len(base.lexicon)
    assert changed.lexicon.cues[-1] is new
    assert changed.lexicon.by_key()["roadmap"] is new
    assert [c for c in changed.lexicon.cues if c.key == "roadmap"] == [new]
    text = "Own the roadmap"
    before = [e for e in base.classify(text).evidence if e.cue == "roadmap"]
    after = [e for e in changed.classify(text).evidence if e.cue == "Roadmaps"]
    assert before
    assert after
    assert after[0].dimension == "core_focus"
    assert after[0].tags == ("task",)
    assert after[0].contribution != before[0].contribution
    assert changed.classify(text).scores != base.classify(text).scores
    # Every other cue is kept, in order.
    rest = [c for c in base.lexicon.cues if c.key != "roadmap"]
    assert list(changed.lexicon.cues[:-1]) == rest


@given(st.lists(cues(), max_size=12), st.lists(cues(), max_size=6))
def test_with_cues_replaces_and_classifies_as_appending_did(
    first: list[Cue], added: list[Cue]
) -> None:
    """Property: ``with_cues`` keeps the cues whose keys are not added, in order, then
    the added ones as given; the last cue with a key wins as before, so a classifier
    from it gives the verdicts and evidence that the lexicon with both (the old
    result) gave."""
    lexicon = Lexicon(first)
    merged = lexicon.with_cues(added)
    keys = {cue.key for cue in added}
    assert merged.cues == (*[c for c in first if c.key not in keys], *added)
    appended = Lexicon((*first, *added))
    assert merged.by_key() == appended.by_key()
    assert len(merged.with_cues(merged)) == len(merged)
    statements = [
        " ".join(c.phrase for c in (*first, *added)),
        " not ".join(c.phrase for c in added),
        *[c.phrase for c in added],
    ]
    assert _verdicts(Classifier(merged), statements) == _verdicts(Classifier(appended), statements)


def _verdicts(classifier: Classifier, texts: list[str]) -> list[tuple[object, ...]]:
    return [(v.label, v.scores, v.evidence) for v in classifier.classify_many(texts)]


@pytest.mark.parametrize(
    "phrase", ["xxstart own", "XXStarts Own", "xxmix both", "xxmix product only", "xxstart"]
)
def test_a_phrase_opening_with_a_reserved_word_is_refused(phrase: str, tmp_path: Path) -> None:
    """The classifier keys its opening-word and mix features "xxstart own" and
    "xxmix both": a cue file's cue with such a key was silently taken for one of them
    ("xxstart own" weighed in on every statement opening with "Own", never on the
    words), so it is refused, naming the word."""
    path = tmp_path / "cues.json"
    path.write_text(
        json.dumps({"version": 1, "cue": [{"phrase": phrase, "weights": {"project": 5.0}}]}),
        encoding="utf-8",
    )
    with pytest.raises(
        LexiconError, match=r"begins with 'xx(start|mix)', a word rolelens reserves"
    ):
        load_lexicon(path)


def test_a_models_own_features_are_cues_to_copy_and_evolve() -> None:
    """The shipped model's opening-word and mix features are cues: rounding or
    averaging their weights with attrs.evolve (as training/build_model.py and
    benchmarks/fit_sensitivity.py do) builds them again, and must work."""
    model = default_classifier()
    features = [cue for cue in model.lexicon.cues if cue.key.split()[0] in ("xxstart", "xxmix")]
    assert features
    rounded = [
        attrs.evolve(cue, weights=tuple(round(w, 2) for w in cue.weights)) for cue in features
    ]
    assert [cue.key for cue in rounded] == [cue.key for cue in features]
    assert attrs.evolve(model, lexicon=Lexicon(rounded)).classify("Own the roadmap").evidence


def test_reserved_words_are_those_of_the_features() -> None:
    """RESERVED_WORDS covers the first word of every feature key the classifier makes."""
    from rolelens.classifier import MIX_KEYS, START
    from rolelens.lexicon import RESERVED_WORDS

    assert {key.split()[0] for key in (*MIX_KEYS, f"{START} own")} <= RESERVED_WORDS


def test_a_reserved_word_elsewhere_in_a_phrase_is_a_word() -> None:
    """Only the first word is reserved: "the xxstart" is an ordinary two-word cue."""
    cue = Cue("the xxstart", {"project": 1.0})
    verdict = Classifier(Lexicon([cue])).classify("Deploy the xxstart build")
    assert [item.matched for item in verdict.evidence] == ["the xxstart"]


@pytest.mark.parametrize(
    ("entry", "needle"),
    [
        ('[[group]]\nlabel = "project"\nphrases = ["own", "xxstart own"]', "group[0]"),
        ('[[cue]]\nphrase = "xxmix both"\nweights = { other = 9.0 }', "cue[0]"),
    ],
)
def test_a_cue_file_with_a_reserved_phrase_names_the_entry(
    tmp_path: Path, entry: str, needle: str
) -> None:
    """In a cue file, the error names the file and the entry."""
    path = tmp_path / "cues.toml"
    path.write_text(f"version = 1\n\n{entry}\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"a word rolelens reserves") as caught:
        load_lexicon(path)
    assert needle in str(caught.value)
    assert str(path) in str(caught.value)


def test_a_cue_keyed_as_a_feature_is_that_feature() -> None:
    """In Python, a cue keyed "xxstart own" is the opening-word feature, as documented:
    it replaces the model's own (with_cues) and weighs on an opening "Own", and a
    model's feature cues copy into another lexicon as any cue does."""
    classifier = default_classifier()
    features = [cue for cue in classifier.lexicon.cues if cue.key.startswith("xxstart ")]
    assert features, "the shipped model has opening-word features"
    assert classifier.classify("Own the roadmap").label is Label.PRODUCT
    swapped = classifier.with_cues([Cue("xxstart own", {"project": 50.0})])
    assert len(swapped.lexicon) == len(classifier.lexicon)
    assert swapped.classify("Own the roadmap").label is Label.PROJECT
    assert Classifier(Lexicon(features)).classify("Own the roadmap").evidence


def test_a_reserved_word_in_training_text_makes_no_feature() -> None:
    """Fitting on text holding the word "xxstart" learned "xxstart own" as an n-gram,
    which the classifier then read as the feature for an opening "Own"."""
    from rolelens.fitting import _candidate_ngrams
    from rolelens.text import tokenize

    text = "Plan xxstart own the release"
    grams = _candidate_ngrams(text, tokenize(text))
    assert not [g for g in grams if g.startswith("xxstart ") and g != "xxstart plan"]
    assert "xxstart" not in grams


def test_cue_tags_are_kept_in_the_order_given() -> None:
    """Tags come in a list or tuple and keep its order; a set, which has none, is refused
    (it gave an order that changed with the hash seed from run to run)."""
    assert Cue("sprint", {"project": 1.0}, tags=["timeline", "task"]).tags == ("timeline", "task")
    with pytest.raises(TypeError, match="a set has no order"):
        Cue("sprint", {"project": 1.0}, tags={"timeline", "task"})


def test_a_file_cue_is_the_cue_its_values_make() -> None:
    """load_lexicon builds each cue once, with its side: the same cue, side included,
    that Cue() gives for the same values and side."""
    lexicon = default_lexicon()
    for cue in lexicon.cues[:500]:
        again = Cue(cue.phrase, cue.weights, cue.dimension, cue.tags, cue.side)
        assert again == cue
        assert again.key == cue.key


@pytest.mark.parametrize(
    ("content", "where", "first", "second"),
    [
        (  # the same phrase in two groups with other weights
            "[[group]]\nlabel = 'project'\nphrases = ['steering memo', 'site walk']\n"
            "[[group]]\nlabel = 'project'\nweight = 1.5\nphrases = ['steering memo']\n",
            "group[1].phrases[0]",
            "'steering memo'",
            "group[0].phrases[0]",
        ),
        (  # one weight, another dimension
            "[[group]]\nlabel = 'project'\nphrases = ['site walk']\n"
            "[[group]]\nlabel = 'project'\ndimension = 'success_metrics'\n"
            "phrases = ['site walks']\n",
            "group[1].phrases[0]",
            "'site walks'",
            "group[0].phrases[0]",
        ),
        (  # phrases that normalise to one key, in two groups with other weights
            "[[group]]\nlabel = 'product'\nphrases = ['Prioritise backlog']\n"
            "[[group]]\nlabel = 'project'\nweight = 3.0\nphrases = ['prioritize backlogs']\n",
            "group[1].phrases[0]",
            "'prioritize backlogs'",
            "group[0].phrases[0]",
        ),
        (  # a single cue repeating a group's phrase
            "[[group]]\nlabel = 'product'\nphrases = ['pricing page']\n"
            "[[cue]]\nphrase = 'Pricing pages'\nweights = { other = 1.0 }\n",
            "cue[0].phrase",
            "'Pricing pages'",
            "group[0].phrases[0]",
        ),
        (  # two single cues
            "[[cue]]\nphrase = 'site walk'\nweights = { project = 1.0 }\n"
            "[[cue]]\nphrase = 'site walks'\nweights = { project = 2.0 }\n",
            "cue[1].phrase",
            "'site walks'",
            "cue[0].phrase",
        ),
    ],
)
def test_a_cue_file_naming_one_cue_twice_is_refused(
    tmp_path: Path, content: str, where: str, first: str, second: str
) -> None:
    """Two phrases of one cue file with the same key (the same words once normalised)
    are one cue: the later one silently replaced the earlier, weights and all. The
    file is refused, naming the phrase and both places."""
    for name, text in (("cues.toml", content), ("cues.json", None)):
        path = tmp_path / name
        if text is None:
            path.write_text(json.dumps(tomllib.loads("version = 1\n" + content)))
        else:
            path.write_text("version = 1\n" + text)
        with pytest.raises(LexiconError) as info:
            load_lexicon(path)
        message = str(info.value)
        assert message.startswith(f"{path}: {where}: phrase {first} ")
        assert second in message
        assert "once" in message


def test_spelling_variants_of_one_cue_may_be_listed_together(tmp_path: Path) -> None:
    """Phrases with one key and the same settings ("prioritize", "prioritisation" in
    one group, as the built-in file lists them) are one cue given twice the same
    way: nothing is replaced, so the file loads and classifies as if listed once."""
    once = tmp_path / "once.toml"
    once.write_text("version = 1\n[[group]]\nlabel = 'project'\nphrases = ['site walk']\n")
    twice = tmp_path / "twice.toml"
    twice.write_text(
        "version = 1\n[[group]]\nlabel = 'project'\nphrases = ['site walk', 'Site walks']\n"
        "[[cue]]\nphrase = 'site walking'\nweights = { project = 1.0 }\n"
    )
    statement = "Lead the weekly site walk with the contractor"
    single = Classifier(load_lexicon(once)).classify(statement)
    repeated = Classifier(load_lexicon(twice)).classify(statement)
    assert repeated.label == single.label == Label.PROJECT
    assert repeated.scores == single.scores


def test_the_built_in_cue_file_passes_the_same_check() -> None:
    """The package's own cues.toml lists spelling variants of one key side by side,
    and no cue twice with other settings (it gave "product decisions" and "on
    schedule" twice, and the later silently won)."""
    path = resources.files("rolelens").joinpath("data/cues.toml")
    with resources.as_file(path) as file:
        assert load_lexicon(file) == default_lexicon()
    assert len(default_lexicon()) > 700
