"""A user's mistakes in the knowledge they build or load: cue files, catalogs,
saved models, fitting settings. Each must be an error that names what is wrong."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest

import rolelens
from rolelens import (
    CatalogError,
    Classifier,
    Cue,
    FitError,
    Lexicon,
    LexiconError,
    ModelFormatError,
    comparisons,
    cross_validate,
    load_lexicon,
)
from rolelens._serialization import unstructure
from rolelens.catalog import catalog_from_data, default_catalog
from rolelens.persistence import FORMAT, FORMAT_VERSION, _canonical, from_json, to_json


def _model_document(model: Any) -> str:
    """A saved-model document around ``model`` whose checksum is right."""
    digest = hashlib.sha256(_canonical(model).encode("utf-8")).hexdigest()
    return json.dumps(
        {"format": FORMAT, "version": FORMAT_VERSION, "sha256": digest, "model": model}
    )


_EMPTY_MODEL = {"bias": [0, 0, 0, 0], "min_evidence": 0.5, "shared_floor": 1.0, "cues": []}


@pytest.mark.parametrize("value", [None, 3, 2.5])
def test_a_lexicon_file_that_is_no_table_says_so(tmp_path: Path, value: object) -> None:
    """``null`` as a whole cue file gave "argument of type 'NoneType' is not iterable"."""
    path = tmp_path / "cues.json"
    path.write_text(json.dumps(value), encoding="utf-8")
    with pytest.raises(LexiconError, match=r"expected a table \(mapping\), got"):
        load_lexicon(path)


def test_a_cue_entry_that_is_no_table_says_so(tmp_path: Path) -> None:
    path = tmp_path / "cues.json"
    path.write_text('{"version": 1, "cue": [null]}', encoding="utf-8")
    with pytest.raises(LexiconError, match=r"cue\[0\]: expected a table \(mapping\), got NoneType"):
        load_lexicon(path)


@pytest.mark.parametrize(
    ("model", "where"),
    [(None, ""), (7, ""), ({**_EMPTY_MODEL, "cues": [None]}, r"cues\[0\]: ")],
)
def test_a_saved_model_part_that_is_no_table_says_so(model: Any, where: str) -> None:
    with pytest.raises(ModelFormatError, match=where + r"expected a table \(mapping\), got"):
        from_json(_model_document(model))


@pytest.mark.parametrize("value", [None, 3])
def test_a_catalog_role_that_is_no_table_says_so(value: object) -> None:
    data = unstructure(default_catalog())
    data["roles"][0] = value
    with pytest.raises(CatalogError, match=r"roles\[0\]: expected a table \(mapping\), got"):
        catalog_from_data(data, path="mine.toml")


@pytest.mark.parametrize(
    ("zero", "negative_zero"),
    [
        (Classifier(Lexicon(()), min_evidence=0.0), Classifier(Lexicon(()), min_evidence=-0.0)),
        (Classifier(Lexicon(()), shared_floor=0.0), Classifier(Lexicon(()), shared_floor=-0.0)),
    ],
    ids=["min_evidence", "shared_floor"],
)
def test_equal_classifiers_save_as_equal_text(zero: Classifier, negative_zero: Classifier) -> None:
    """A threshold of -0.0 was written as "-0.0": equal models, different text and checksum."""
    assert zero == negative_zero
    assert to_json(negative_zero) == to_json(zero)


_EXAMPLES = [
    ("Own the product roadmap", "product"),
    ("Own the product vision", "product"),
    ("Track the project schedule", "project"),
    ("Manage the project budget and schedule", "project"),
    ("Write code", "other"),
    ("Write tests and code", "other"),
] * 3


@pytest.mark.parametrize("settings", [{"learning_rate": 1e9}, {"l2": 1e6}])
def test_fitting_that_diverges_is_a_fit_error(settings: dict[str, float]) -> None:
    """Finite settings the checks accept can still make training diverge; the weights then
    failed deep inside as an ArgumentError about cue weights, naming no setting."""
    start = Classifier(Lexicon([Cue("roadmap", {"product": 1.0})]))
    with pytest.raises(FitError, match=r"training diverged.*smaller learning_rate or l2"):
        start.fit(_EXAMPLES, **settings)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("cue", "problem"),
    [
        ({"phrase": "", "weights": [1, 0, 0, 0]}, "phrase '' has no words"),
        ({"phrase": "roadmap", "weights": [1, 0, 0]}, "weights need one number per label"),
        ({"phrase": "roadmap", "weights": [1, 0, 0, 0], "side": "shared"}, "side must be"),
    ],
)
def test_a_bad_cue_in_a_saved_model_is_named(cue: dict[str, Any], problem: str) -> None:
    """The error said "invalid model: ..." without saying which of the cues was wrong."""
    good = {"phrase": "vision", "weights": [1, 0, 0, 0]}
    document = _model_document({**_EMPTY_MODEL, "cues": [good, cue]})
    with pytest.raises(ModelFormatError, match=r"^model\.json: cues\[1\]: " + problem) as caught:
        from_json(document, path="model.json")
    assert caught.value.entry == "cues[1]"


@pytest.mark.parametrize("bias", [{0.4, 0.1, 0.2, 0.3}, frozenset({1.0, 2.0, 3.0, 4.0})])
def test_a_bias_without_order_is_refused(bias: Any) -> None:
    """A set of four numbers was taken, each number going to whichever label its place
    in the set's order fell on; a Cue's weights refuse a set for that reason."""
    with pytest.raises(TypeError, match=r"bias must be one number per label, got (set|frozenset)"):
        Classifier(Lexicon(()), bias=bias)


def test_a_bias_mapping_is_refused_as_such() -> None:
    """A mapping iterated as its keys: "bias must be a number, got str"."""
    with pytest.raises(TypeError, match="got dict"):
        Classifier(Lexicon(()), bias={"product": 1.0})  # type: ignore[dict-item]


@pytest.mark.parametrize("tags", [None, 5])
def test_cue_tags_that_are_no_list_are_named(tags: Any) -> None:
    """``Cue(..., tags=None)`` raised "'NoneType' object is not iterable", naming no field."""
    with pytest.raises(TypeError, match="tags must be a list of str, got"):
        Cue("roadmap", {"product": 1.0}, tags=tags)


def test_a_long_schema_version_is_cut_in_the_message() -> None:
    """The whole value went into the message: a megabyte string, a megabyte line."""
    data = comparisons.to_dict(comparisons.comparison())
    data["schema_version"] = "x" * 100_000
    with pytest.raises(CatalogError, match="unsupported schema_version") as caught:
        comparisons.from_dict(data)
    assert len(str(caught.value)) < 200


_FOLDS = [("Own the roadmap", "product"), ("Track the schedule", "project")] * 3
# The loaders of data files a user writes in JSON or TOML, each with its error.
_DATA_FILE_LOADERS = [
    (load_lexicon, LexiconError),
    (rolelens.load_catalog, CatalogError),
    (rolelens.load_rules, rolelens.RuleError),
]


def test_cross_validate_refuses_a_fit_that_is_not_callable() -> None:
    """``fit=5`` failed in the first fold with "'int' object is not callable"."""
    with pytest.raises(TypeError, match="fit must be callable or None, got int"):
        cross_validate(_FOLDS, k=2, fit=5)  # type: ignore[arg-type]


def test_cross_validate_names_a_fit_that_returns_no_classifier() -> None:
    """A fit that forgot to return gave "'NoneType' object has no attribute 'classify'"."""
    with pytest.raises(TypeError, match=r"what fit returned must be a Classifier.*got NoneType"):
        cross_validate(_FOLDS, k=2, fit=lambda classifier, train: None)  # type: ignore[arg-type,return-value]


@pytest.mark.parametrize(("loader", "error"), _DATA_FILE_LOADERS)
@pytest.mark.parametrize("name", ["cues.txt", "cues", "cues.tml", "cues.toml.bak"])
def test_a_toml_file_with_another_name_is_told_it_was_read_as_json(
    tmp_path: Path, loader: Any, error: type[Exception], name: str
) -> None:
    """A data file whose name does not end in .toml is read as JSON: TOML in a
    "cues.txt" said only "not valid JSON: Expecting value", and its writer had no
    reason to think of JSON. The error now says why JSON."""
    path = tmp_path / name
    path.write_text('version = 1\n[[group]]\nlabel = "product"\nphrases = ["x"]\n')
    with pytest.raises(error, match=r"not valid JSON: .*; a file whose name does not end in "):
        loader(path)
    path = tmp_path / "cues.json"  # named JSON: no hint, as there is no doubt
    path.write_text("version = 1\n")
    with pytest.raises(error, match=r"not valid JSON: [^;]*\Z"):
        loader(path)


@pytest.mark.parametrize(("loader", "error"), _DATA_FILE_LOADERS)
def test_json_under_a_toml_name_is_told_so(
    tmp_path: Path, loader: Any, error: type[Exception]
) -> None:
    """JSON saved as "cues.toml" said only "not valid TOML: Invalid statement": no TOML
    document opens with "{", so the error now says it looks like JSON. TOML that is
    merely broken gets no such hint."""
    path = tmp_path / "cues.toml"
    path.write_text('\ufeff  {"version": 1, "group": []}\n', encoding="utf-8")
    with pytest.raises(error, match=r"not valid TOML: .*; it looks like JSON, .*rename it"):
        loader(path)
    path.write_text("version = = 1\n", encoding="utf-8")
    with pytest.raises(error, match=r"not valid TOML: [^;]*\Z"):
        loader(path)


@pytest.mark.parametrize(("loader", "error"), _DATA_FILE_LOADERS)
@pytest.mark.parametrize("name", [".toml", ".TOML"])
def test_a_file_named_dot_toml_is_read_as_toml(
    tmp_path: Path, loader: Any, error: type[Exception], name: str
) -> None:
    """A file whose whole name is ".toml" ends in .toml, so it is TOML: ``Path.suffix``
    of such a name is empty, and the file was read as JSON with an error saying its
    name did not end in .toml."""
    path = tmp_path / name
    path.write_text("version = 1\nunknown_key = 1\n", encoding="utf-8")
    with pytest.raises(error) as info:
        loader(path)
    assert "JSON" not in str(info.value)
    assert "unknown_key" in str(info.value)
