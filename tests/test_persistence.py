"""Tests for saving and loading classifiers (rolelens.persistence)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rolelens import (
    ArgumentError,
    Classifier,
    Cue,
    Example,
    Label,
    Lexicon,
    ModelFormatError,
    Verdict,
    default_classifier,
    load,
    save,
)
from tests.strategies import cues, examples, statements

SMALL = Classifier(
    Lexicon(
        (
            Cue("roadmap", {"product": 2.0}, "primary_responsibility", ("feature",)),
            Cue("deadline", {"project": 1.5}, None, ("timeline",)),
        )
    ),
    bias=(0.1, 0.2, -0.3, 0.4),
    min_evidence=0.3,
    shared_floor=0.4,
)


def test_round_trip_is_identical(tmp_path: Path) -> None:
    """save then load gives an equal classifier and the same JSON."""
    path = tmp_path / "model.json"
    save(SMALL, path)
    loaded = load(path)
    assert loaded == SMALL
    assert loaded.to_json() == SMALL.to_json()


@settings(max_examples=30)
@given(statements())
def test_loaded_default_gives_identical_verdicts(text: str) -> None:
    """The default classifier survives a JSON round trip verdict for verdict."""
    model = default_classifier()
    again = _default_round_trip()
    assert again.classify(text) == model.classify(text)


_cache: list[Classifier] = []


def _default_round_trip() -> Classifier:
    if not _cache:
        _cache.append(Classifier.from_json(default_classifier().to_json()))
    return _cache[0]


@given(cues(), st.sampled_from([None, Label.PRODUCT, Label.PROJECT]))
def test_any_cue_round_trips(cue: Cue, side: Label | None) -> None:
    """Any valid cue survives to_json/from_json exactly: phrase, every weight to the
    last bit, dimension, tags and side."""
    cue = attrs.evolve(cue, side=side)
    model = Classifier(Lexicon((cue,)))
    again = Classifier.from_json(model.to_json())
    assert len(again.lexicon.cues) == 1
    loaded = again.lexicon.cues[0]
    assert loaded.phrase == cue.phrase
    assert loaded.key == cue.key
    assert loaded.weights == cue.weights
    assert all(type(w) is float for w in loaded.weights)
    assert loaded.dimension == cue.dimension
    assert loaded.tags == cue.tags
    assert loaded.side is cue.side
    assert loaded == cue
    assert again == model


def test_output_is_deterministic() -> None:
    """The same classifier always serialises to the same bytes."""
    assert SMALL.to_json() == Classifier.from_json(SMALL.to_json()).to_json()


def _document() -> dict[str, object]:
    data: dict[str, object] = json.loads(SMALL.to_json())
    return data


def test_other_version_is_rejected() -> None:
    """A model of another format version raises ModelFormatError naming the version."""
    data = _document()
    data["version"] = 99
    with pytest.raises(ModelFormatError, match="version 99"):
        Classifier.from_json(json.dumps(data))


@given(st.integers(min_value=2, max_value=10**30))
def test_a_later_version_says_to_upgrade(version: int) -> None:
    """A file from a later format version was refused like a damaged one ("version 2
    is not supported"); it comes from a newer rolelens, and the message now says that
    an upgrade reads it. An older or odd version gets no such advice."""
    data = _document()
    data["version"] = version
    with pytest.raises(ModelFormatError, match="saved by a newer rolelens: upgrade rolelens"):
        Classifier.from_json(json.dumps(data))
    for older in (0, -version, str(version), float(version)):
        data["version"] = older
        with pytest.raises(
            ModelFormatError, match=r"not supported \(this rolelens reads version 1\)\Z"
        ):
            Classifier.from_json(json.dumps(data))


@pytest.mark.parametrize("version", [True, 1.0, "1"])
def test_a_version_must_be_the_integer(version: object) -> None:
    """``true`` and ``1.0`` equal 1 in Python, but no writer produces them: refused."""
    data = _document()
    data["version"] = version
    with pytest.raises(ModelFormatError, match=f"version {version!r} is not supported"):
        Classifier.from_json(json.dumps(data))


def test_truncated_file_is_rejected(tmp_path: Path) -> None:
    """A truncated file raises ModelFormatError naming the file and the JSON problem."""
    path = tmp_path / "model.json"
    path.write_text(SMALL.to_json()[:-40], encoding="utf-8")
    with pytest.raises(ModelFormatError, match="not valid JSON") as info:
        load(path)
    assert str(path) in str(info.value)


def test_edited_weights_are_rejected() -> None:
    """Changing a weight by hand breaks the checksum."""
    text = SMALL.to_json().replace("2.0", "9.0", 1)
    with pytest.raises(ModelFormatError, match="checksum"):
        Classifier.from_json(text)


def test_other_files_are_rejected(tmp_path: Path) -> None:
    """Non-model JSON, non-objects, missing files and directories are ModelFormatError,
    each saying which it is (and naming the path)."""
    wrong_format = r"not a rolelens model \(format is 'something-else'\)"
    with pytest.raises(ModelFormatError, match=wrong_format):
        Classifier.from_json('{"format": "something-else"}')
    # Another program's JSON: the message says what is missing, not "format is None".
    with pytest.raises(ModelFormatError, match=r'not a rolelens model \(no "format": "rolelens'):
        Classifier.from_json('{"bad": 1}')
    with pytest.raises(ModelFormatError, match="expected a JSON object"):
        Classifier.from_json("[1, 2]")
    missing = tmp_path / "missing.json"
    with pytest.raises(ModelFormatError) as caught:
        load(missing)
    # The system's wording of the missing file; the path holds neither needle.
    assert str(caught.value).startswith(f"{missing}: ")
    assert "no such file" in str(caught.value).lower()
    assert "is a directory" not in str(caught.value)
    assert caught.value.path == str(missing)
    folder = tmp_path / "folder.json"
    folder.mkdir()
    with pytest.raises(ModelFormatError) as caught:
        load(folder)
    assert str(caught.value) == f"{folder}: is a directory, expected a file"
    assert caught.value.path == str(folder)


def test_unknown_fields_are_reported() -> None:
    """An extra top-level key is reported rather than ignored."""
    data = _document()
    data["extra"] = 1
    with pytest.raises(ModelFormatError, match="unknown field"):
        Classifier.from_json(json.dumps(data))


@pytest.mark.parametrize("field", ["model", "sha256"])
def test_a_missing_field_is_named(field: str) -> None:
    """A document without its model or its checksum said "checksum mismatch: the model
    was edited or damaged", naming the checksum even when the model was what lacked;
    now the error names the field that is missing."""
    data = _document()
    del data[field]
    with pytest.raises(ModelFormatError, match="required field missing") as caught:
        Classifier.from_json(json.dumps(data))
    assert caught.value.field == field


@pytest.mark.parametrize("checksum", [None, 5, ["abc"]])
def test_a_checksum_that_is_no_string_is_named(checksum: object) -> None:
    """A checksum of another type is not a mismatch: the error says what it should be."""
    data = _document()
    data["sha256"] = checksum
    with pytest.raises(ModelFormatError, match=r"sha256: expected a string \(the model's SHA-256"):
        Classifier.from_json(json.dumps(data))


def test_save_is_atomic_when_serialising_fails(tmp_path: Path) -> None:
    """A failed save leaves any existing model file untouched and no temporary file behind."""
    path = tmp_path / "model.json"
    save(SMALL, path)
    before = path.read_bytes()
    with pytest.raises(TypeError, match="classifier must be a Classifier, got str"):
        save("not a classifier", path)  # type: ignore[arg-type]
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["model.json"]


_FITTED: list[Classifier] = []


def _fitted() -> Classifier:
    if not _FITTED:
        items = [
            ("Book the kiln slots for the spring batch", "project"),
            ("Chase the kiln repair so firing resumes", "project"),
            ("Decide the glaze palette customers see next", "product"),
            ("Test glaze palette ideas with buyers", "product"),
            ("Free parking for staff", "other"),
        ]
        _FITTED.append(Classifier(Lexicon(SMALL.lexicon.cues)).fit(items * 2, seed=4))
    return _FITTED[0]


@settings(max_examples=40)
@given(statements())
def test_fitted_model_round_trip_gives_identical_verdicts(text: str) -> None:
    """A freshly fitted classifier and its saved-then-loaded copy agree verdict for verdict."""
    model = _fitted()
    again = Classifier.from_json(model.to_json())
    assert again == model
    assert again.classify(text) == model.classify(text)


def test_save_to_a_missing_directory_names_the_target(tmp_path: Path) -> None:
    """The OSError names the file the caller asked for, not the temporary sibling."""
    target = tmp_path / "missing" / "model.json"
    with pytest.raises(FileNotFoundError) as caught:
        save(SMALL, target)
    assert caught.value.filename == str(target)
    assert not (tmp_path / "missing").exists()


def test_near_ties_survive_a_round_trip() -> None:
    """Weights are saved exactly: rounding them could flip a verdict between two labels."""
    near_tie = Classifier(Lexicon((Cue("alpha", (0.4999996, 0.5, 0.0, 0.0)),)), min_evidence=0.0)
    again = Classifier.from_json(near_tie.to_json())
    assert again == near_tie
    assert again.classify("alpha").label is near_tie.classify("alpha").label is Label.PROJECT


@pytest.mark.parametrize(
    ("path", "kind"), [(None, "NoneType"), (3, "int"), (b"model.json", "bytes")]
)
def test_save_refuses_a_path_that_is_not_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, path: object, kind: str
) -> None:
    """str() took anything: save(c, None) wrote ./None, save(c, b"o.json") ./b'o.json'."""
    monkeypatch.chdir(tmp_path)
    with pytest.raises(TypeError, match=rf"^path must be a str or os.PathLike, got {kind}$"):
        save(SMALL, path)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=rf"^path must be a str or os.PathLike, got {kind}$"):
        load(path)  # type: ignore[arg-type]
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("path", "message"),
    [("", "the path is empty"), ("a\0b", "'a\\x00b': a file name cannot contain a NUL")],
)
def test_save_refuses_impossible_paths_as_load_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, path: str, message: str
) -> None:
    """An empty path or one with a NUL is a RoleLensError with load's message (a NUL was a
    bare ValueError from open(), an empty path an OSError), and nothing is written."""
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ArgumentError) as saved:
        save(SMALL, path)
    with pytest.raises(ModelFormatError) as loaded:
        load(path)
    assert str(saved.value) == str(loaded.value)
    assert str(saved.value).startswith(message)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name", ["model.toml", "model.TOML", "model.bin", "model"])
def test_a_model_loads_whatever_its_name(tmp_path: Path, name: str) -> None:
    """save writes JSON to any name; load read "model.toml" as TOML ("not valid TOML")."""
    path = tmp_path / name
    save(SMALL, path)
    assert load(path) == SMALL
    assert load(str(path)) == SMALL


@pytest.mark.parametrize("side", ["shared", "other"])
def test_a_cue_side_that_is_no_role_is_refused(side: str) -> None:
    """A cue's side is product or project (or none): the classifier reads sides as
    "product cues only", "project cues only" or "both". A model whose cue says
    shared or other (edited, and its checksum made again) loaded and was used."""
    document = json.loads(SMALL.to_json())
    document["model"]["cues"][0]["side"] = side
    canonical = json.dumps(
        document["model"], sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
    document["sha256"] = hashlib.sha256(canonical.encode("utf-8")).hexdigest()
    with pytest.raises(ModelFormatError, match="side must be product, project or None"):
        Classifier.from_json(json.dumps(document))
    with pytest.raises(ArgumentError, match=f"got {side!r}"):
        Cue("roadmap", {"product": 1.0}, side=side)


def test_a_classifier_too_large_to_load_back_is_not_saved(tmp_path: Path) -> None:
    """What to_json() and save() write, from_json() and load() read: a classifier whose
    JSON is over the size limit of a model file (a fit on 200,000 varied statements
    with min_count=1 is) was saved, and loading it was then refused. It is refused when
    saved, saying how to learn fewer cues, and no file is written."""
    word = "a" * 40_000  # long phrases: few cues make a large document
    large = Classifier(Lexicon(tuple(Cue(f"{word}{i}", {"product": 1.0}) for i in range(1700))))
    path = tmp_path / "model.json"
    with pytest.raises(ArgumentError, match=r"over the 67,108,864-byte limit .* min_count"):
        save(large, path)
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(ArgumentError, match="1,700 cues"):
        large.to_json()


@settings(max_examples=25, deadline=None)
@given(
    examples(max_size=12),
    st.integers(min_value=0, max_value=10**6),
    st.sampled_from([(1, 0.0), (2, 0.05), (1, 1.0)]),
    st.booleans(),
    st.booleans(),
    st.lists(statements(), max_size=3),
)
def test_any_fitted_classifier_round_trips_to_identical_verdicts(
    items: list[Example],
    seed: int,
    counts: tuple[int, float],
    fit_bias: bool,
    from_small: bool,
    probes: list[str],
) -> None:
    """Whatever it was fitted on and with, a fitted classifier's JSON reads back as an
    equal classifier with the same JSON, and both give the same valid verdicts, by the
    C pass and by the pure-Python reference alike, on its own statements and others."""
    min_count, prune = counts
    base = SMALL if from_small else Classifier(Lexicon(()))
    fitted = base.fit(
        items, seed=seed, epochs=2, min_count=min_count, prune=prune, fit_bias=fit_bias
    )
    text = fitted.to_json()
    again = Classifier.from_json(text)
    assert again == fitted
    assert again.to_json() == text
    for probe in [*probes, *(e.text for e in items)]:
        verdict = again.classify(probe)
        assert verdict == fitted.classify(probe)
        reference = again._decide(probe, *again._match(probe))
        assert (reference.label, reference.scores, reference.evidence) == (
            verdict.label,
            verdict.scores,
            verdict.evidence,
        )
        # Made by hand from its fields, a verdict is checked: scores, confidence, spans.
        assert (
            Verdict(probe, verdict.label, verdict.scores, verdict.confidence, verdict.evidence)
            == verdict
        )


@pytest.mark.parametrize("value", [1e7, -2e6, float("nan")])
def test_a_bias_out_of_range_says_what_range(value: float) -> None:
    """A model's bias of 1e7 was refused as "bias needs one finite number per label",
    though 1e7 is finite: the bound, as a cue weight's error gives it, is said."""
    with pytest.raises(ArgumentError, match=r"between -1e6 and 1e6"):
        Classifier(Lexicon(()), bias=(value, 0.0, 0.0, 0.0))
    document = json.loads(SMALL.to_json())
    document["model"]["bias"][0] = value
    canonical = json.dumps(
        document["model"], sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
    document["sha256"] = hashlib.sha256(canonical.encode("utf-8")).hexdigest()
    with pytest.raises(ModelFormatError, match=r"invalid model: bias .* between -1e6 and 1e6"):
        Classifier.from_json(json.dumps(document))


def test_from_json_takes_a_byte_order_mark_as_load_does(tmp_path: Path) -> None:
    """load() reads a model file with a UTF-8 byte-order mark (an editor may add one);
    from_json() refused the same text read with the "utf-8" codec, which keeps it."""
    path = tmp_path / "model.json"
    path.write_bytes(b"\xef\xbb\xbf" + SMALL.to_json().encode("utf-8"))
    assert load(path) == SMALL
    assert Classifier.from_json(path.read_text(encoding="utf-8")) == SMALL


def test_model_text_over_the_limit_says_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    """ "model text is over the size limit" said neither the size nor the limit."""
    import rolelens.persistence

    monkeypatch.setattr(rolelens.persistence, "MAX_DATA_FILE_BYTES", 100)
    with pytest.raises(ModelFormatError, match=r"is 150 characters, over the 100-byte limit"):
        Classifier.from_json(" " * 150)
