"""Tests for loading the built-in model (rolelens.default_classifier's fast path).

The package's own model file is read by a faster path only when its bytes have
the SHA-256 recorded when it was built (rolelens._model_digest); it must give
the classifier the validated path gives, and any other bytes must be loaded
with every check, a damaged file reported rather than used.
"""

from __future__ import annotations

import hashlib
import json
import sys
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

import rolelens.classifier
from rolelens import Classifier, ModelFormatError, default_classifier
from rolelens._model_digest import MODEL_SHA256
from rolelens.persistence import load_builtin

PATH = "rolelens/data/model.json"

# Statements written for these tests, one or more for each label and for the
# classifier's special features (negation, a role title, a collaboration).
STATEMENTS = (
    "Own the product roadmap and decide what we build next",
    "Track the delivery plan against the budget and the agreed milestones",
    "Interview customers to learn which problems are worth solving",
    "Chase the vendor for the signed contract before the kickoff",
    "Balance the release scope with the launch date and customer value",
    "Keep the office plants watered",
    "Do not manage the project schedule",
    "The project manager will run the weekly status meeting",
    "Work with design and engineering to ship features users love",
    "Plan sprints, groom the backlog and report progress to stakeholders",
)


def _raw() -> bytes:
    return resources.files("rolelens").joinpath("data/model.json").read_bytes()


def _damaged(raw: bytes) -> bytes:
    """``raw`` with one cue's weight changed, still valid JSON: a damaged file that
    would give other verdicts if it were used."""
    document = json.loads(raw)
    weights = document["model"]["cues"][0]["weights"]
    weights[0] += 1.0
    return (json.dumps(document, sort_keys=True, separators=(",", ":")) + "\n").encode()


def test_recorded_digest_is_the_shipped_files() -> None:
    """The digest the fast path checks is the shipped file's, so the fast path is taken."""
    assert hashlib.sha256(_raw()).hexdigest() == MODEL_SHA256


def test_fast_path_gives_the_validated_classifier(monkeypatch: pytest.MonkeyPatch) -> None:
    """The fast path, taken (from_json is never called), gives a classifier equal to
    ``Classifier.from_json`` on the same text, with the same verdicts."""
    raw = _raw()
    validated = Classifier.from_json(raw.decode("utf-8"))

    def refuse(*_args: Any, **_kwargs: Any) -> Classifier:
        raise AssertionError("the validated path was taken for the built file")

    with monkeypatch.context() as patch:
        patch.setattr(rolelens.persistence, "from_json", refuse)
        fast = load_builtin(raw, MODEL_SHA256, path=PATH)
    assert fast == validated
    assert fast.to_json() == validated.to_json() == raw.decode("utf-8")
    assert default_classifier() == validated
    for text in STATEMENTS:
        assert fast.classify(text) == validated.classify(text)
        assert fast.classify(text).evidence == validated.classify(text).evidence


def test_damaged_builtin_bytes_are_reported() -> None:
    """Bytes without the recorded digest are loaded with every check: a changed
    weight, a truncated file and bytes that are not UTF-8 each raise, naming the file."""
    raw = _raw()
    with pytest.raises(ModelFormatError, match="checksum mismatch") as changed:
        load_builtin(_damaged(raw), MODEL_SHA256, path=PATH)
    assert changed.value.path == PATH
    with pytest.raises(ModelFormatError) as truncated:
        load_builtin(raw[: len(raw) // 2], MODEL_SHA256, path=PATH)
    assert truncated.value.path == PATH
    with pytest.raises(ModelFormatError, match="not UTF-8") as binary:
        load_builtin(b"\xff" + raw, MODEL_SHA256, path=PATH)
    assert binary.value.path == PATH


def test_default_classifier_reports_a_damaged_builtin_file(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``default_classifier()`` on a damaged package file raises, not a model with
    other verdicts; and it is not cached, so nothing is silently kept."""
    damaged = _damaged(_raw())

    class Resource:
        def __str__(self) -> str:
            return PATH

        def is_file(self) -> bool:
            return True

        def read_bytes(self) -> bytes:
            return damaged

        def joinpath(self, _name: str) -> Resource:
            return self

    monkeypatch.setattr(rolelens.classifier, "_DEFAULT", [])
    monkeypatch.setattr(resources, "files", lambda _package: Resource())
    with pytest.raises(ModelFormatError, match="checksum mismatch") as caught:
        rolelens.classifier.default_classifier()
    assert caught.value.path == PATH
    assert rolelens.classifier._DEFAULT == []


def test_harmless_rewrite_of_the_builtin_file_loads_by_the_validated_path() -> None:
    """Other bytes holding the same model (line ends rewritten as CR LF, as a checkout
    may do) skip the fast path and load, with every check, to the same classifier."""
    raw = _raw()
    rewritten = raw.replace(b"\n", b"\r\n")
    assert hashlib.sha256(rewritten).hexdigest() != MODEL_SHA256
    assert load_builtin(rewritten, MODEL_SHA256, path=PATH) == default_classifier()


def test_fast_path_keeps_the_constructors_checks() -> None:
    """Bytes with a matching digest still have every value checked by the Cue and
    Classifier constructors: a cue with three weights, or a bias out of range, is
    reported, not loaded."""
    document = json.loads(_raw())
    document["model"]["cues"] = document["model"]["cues"][:3]
    document["model"]["cues"][1]["weights"] = [1.0, 2.0, 3.0]
    raw = json.dumps(document).encode()
    with pytest.raises(ModelFormatError, match="one number per label") as caught:
        load_builtin(raw, hashlib.sha256(raw).hexdigest(), path=PATH)
    assert caught.value.path == PATH
    document = json.loads(_raw())
    document["model"]["cues"] = document["model"]["cues"][:3]
    document["model"]["bias"][0] = 1e9
    raw = json.dumps(document).encode()
    with pytest.raises(ModelFormatError, match="bias"):
        load_builtin(raw, hashlib.sha256(raw).hexdigest(), path=PATH)


def test_fast_path_refuses_another_shape() -> None:
    """Bytes with a matching digest but not the build's document shape (another
    format version, an extra field) go to the validated path and its messages."""
    document = json.loads(_raw())
    document["version"] = 2
    raw = json.dumps(document).encode()
    with pytest.raises(ModelFormatError, match="version 2 is not supported"):
        load_builtin(raw, hashlib.sha256(raw).hexdigest(), path=PATH)
    document = json.loads(_raw())
    document["model"]["extra"] = 1
    raw = json.dumps(document).encode()
    with pytest.raises(ModelFormatError, match="checksum mismatch"):
        load_builtin(raw, hashlib.sha256(raw).hexdigest(), path=PATH)


def test_build_script_writes_the_committed_digest_module() -> None:
    """training/build_model.py renders rolelens/_model_digest.py as committed, so
    ``build_model.py --check`` compares like with like."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "training"))
    import build_model

    raw = build_model.MODEL.read_bytes()
    expected = build_model.DIGEST_MODULE.format(digest=hashlib.sha256(raw).hexdigest())
    assert build_model.DIGEST.read_text("utf-8") == expected
