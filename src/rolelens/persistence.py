"""Saving and loading classifiers as versioned, checksummed JSON (never pickle).

The document::

    {"format": "rolelens-classifier", "version": 1, "sha256": "...",
     "model": {"bias": [...], "min_evidence": 0.5, "shared_floor": 1.0,
               "cues": [{"phrase": "roadmap", "weights": [...],
                         "dimension": "primary_responsibility", "tags": []}, ...]}}

``sha256`` covers the canonical JSON of ``model``, so a truncated or
hand-edited file is reported instead of silently changing verdicts.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import attrs

from rolelens._checks import must_be
from rolelens._serialization import (
    MAX_DATA_FILE_BYTES,
    atomic_text_file,
    check_path,
    parse_data_text,
    path_name,
    read_data_file,
    structure,
    unknown_fields,
    unstructure,
)
from rolelens.classifier import Classifier
from rolelens.errors import ArgumentError, ModelFormatError
from rolelens.labels import Label
from rolelens.lexicon import Cue, Lexicon

__all__ = ["FORMAT", "FORMAT_VERSION", "from_json", "load", "save", "to_json"]

#: The ``"format"`` of a saved classifier; a document with another is not a rolelens model.
FORMAT = "rolelens-classifier"
#: The ``"version"`` of the saved format this rolelens writes, and the only one it reads.
FORMAT_VERSION = 1


@attrs.frozen
class _CueRecord:
    phrase: str
    weights: tuple[float, ...]
    dimension: str | None = None
    tags: tuple[str, ...] = ()
    side: Label | None = None


@attrs.frozen
class _ModelRecord:
    bias: tuple[float, ...]
    min_evidence: float
    shared_floor: float
    cues: tuple[_CueRecord, ...]
    temperature: float = 1.0


def _record(classifier: Classifier) -> _ModelRecord:
    def r(values: tuple[float, ...]) -> tuple[float, ...]:
        # Exact: JSON's float text reads back to the same float, and any rounding
        # could flip a near tie, so a loaded model would not be the saved one.
        # (+ 0.0 writes -0.0 as 0.0, so equal models give equal text.)
        return tuple(v + 0.0 for v in values)

    return _ModelRecord(
        bias=r(classifier.bias),
        # A threshold of -0.0 equals 0.0 too (min_evidence=-0.0 is in range).
        min_evidence=classifier.min_evidence + 0.0,
        shared_floor=classifier.shared_floor + 0.0,
        temperature=classifier.temperature,
        cues=tuple(
            _CueRecord(cue.phrase, r(cue.weights), cue.dimension, cue.tags, cue.side)
            for cue in classifier.lexicon.cues
        ),
    )


def _canonical(model: Any) -> str:
    return json.dumps(model, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def to_json(classifier: Classifier) -> str:
    """Serialise ``classifier`` to deterministic JSON text, the text :func:`~rolelens.save` writes.

    The same classifier always gives the same text, with its checksum;
    :func:`from_json` reads it back. A classifier whose text would be over the
    size limit of a model file (64 MiB as UTF-8), which :func:`from_json` and
    :func:`~rolelens.load` refuse, raises :class:`~rolelens.errors.ArgumentError`.
    """
    must_be(classifier, Classifier, "classifier")
    model = unstructure(_record(classifier))
    digest = hashlib.sha256(_canonical(model).encode("utf-8")).hexdigest()
    document = {"format": FORMAT, "version": FORMAT_VERSION, "sha256": digest, "model": model}
    text = json.dumps(document, sort_keys=True, ensure_ascii=False, separators=(",", ":")) + "\n"
    # Checked here, not when loading only: a large fit (200,000 varied statements
    # with min_count=1: 81 MB) was saved, minutes of work, as a file no load reads.
    size = len(text) if text.isascii() else len(text.encode("utf-8"))
    if size > MAX_DATA_FILE_BYTES:
        raise ArgumentError(
            f"the classifier is {size:,} bytes as JSON, over the {MAX_DATA_FILE_BYTES:,}-byte "
            f"limit of a model file, so it could not be loaded back; it has "
            f"{len(classifier.lexicon):,} cues: fit it with a larger min_count or prune "
            "(options of Classifier.fit; --min-count and --prune of rolelens fit) to learn fewer"
        )
    return text


def _from_data(data: Any, path: str | None) -> Classifier:
    if not isinstance(data, dict):
        raise ModelFormatError("not a rolelens model document (expected a JSON object)", path=path)
    if data.get("format") != FORMAT:
        found = (
            f"format is {data['format']!r:.60}"
            if "format" in data
            else f'no "format": "{FORMAT}" field'
        )
        raise ModelFormatError(
            f"not a rolelens model ({found})",
            path=path,
            field="format",
        )
    version = data.get("version")
    if type(version) is not int or version != FORMAT_VERSION:  # not True, not 1.0
        # A later version comes from a later rolelens: say what would read it.
        newer = (
            "; it was saved by a newer rolelens: upgrade rolelens to load it"
            if type(version) is int and version > FORMAT_VERSION
            else ""
        )
        raise ModelFormatError(
            f"model format version {version!r:.20} is not supported (this rolelens reads "
            f"version {FORMAT_VERSION}){newer}",
            path=path,
            field="version",
        )
    known = ("format", "version", "sha256", "model")
    unknown = sorted(set(data) - set(known))
    if unknown:
        raise ModelFormatError(unknown_fields(unknown, known), path=path)
    for field in ("model", "sha256"):
        # Else "checksum mismatch ... edited or damaged": true, but not what is wrong.
        if field not in data:
            raise ModelFormatError("required field missing", path=path, field=field)
    if not isinstance(data["sha256"], str):
        raise ModelFormatError(
            f"expected a string (the model's SHA-256), got {type(data['sha256']).__name__}",
            path=path,
            field="sha256",
        )
    model = data["model"]
    try:
        digest = hashlib.sha256(_canonical(model).encode("utf-8")).hexdigest()
    except UnicodeEncodeError as exc:  # a lone surrogate written as a \ud800 escape
        raise ModelFormatError("the model holds text that is not valid Unicode", path=path) from exc
    if data.get("sha256") != digest:
        raise ModelFormatError(
            "checksum mismatch: the model was edited or damaged after it was saved",
            path=path,
            field="sha256",
        )
    record = structure(model, _ModelRecord, error=ModelFormatError, path=path)
    cues = []
    for position, c in enumerate(record.cues):
        try:
            cues.append(Cue(c.phrase, c.weights, c.dimension, c.tags, c.side))
        except ValueError as exc:  # named, or one bad cue in ten thousand is hard to find
            raise ModelFormatError(str(exc), path=path, entry=f"cues[{position}]") from exc
    try:
        return Classifier(
            Lexicon(tuple(cues)),
            bias=record.bias,
            min_evidence=record.min_evidence,
            shared_floor=record.shared_floor,
            temperature=record.temperature,
        )
    except ValueError as exc:
        raise ModelFormatError(f"invalid model: {exc}", path=path) from exc


def from_json(text: str, *, path: str | None = None) -> Classifier:
    """Load a classifier from JSON text made by :func:`to_json`.

    ``path`` only labels error messages. Raises
    :class:`~rolelens.errors.ModelFormatError` for text that is not a
    rolelens model, another format version, or truncated or edited text.
    """
    if not isinstance(text, str):
        raise TypeError(f"from_json() expects a str, got {type(text).__name__}")
    if len(text) > MAX_DATA_FILE_BYTES:
        raise ModelFormatError(
            f"model text is {len(text):,} characters, over the {MAX_DATA_FILE_BYTES:,}-byte "
            "limit of a model file",
            path=path,
        )
    # A byte-order mark, as a file read with the "utf-8" codec keeps it: load() takes one.
    data = parse_data_text(
        text.removeprefix("\ufeff"), toml=False, error=ModelFormatError, path=path
    )
    return _from_data(data, path)


_MODEL_FIELDS = frozenset({"bias", "min_evidence", "shared_floor", "temperature", "cues"})


def _from_built(data: Any, path: str) -> Classifier | None:
    """The classifier of a document whose bytes are the built-in model file's, as
    ``training/build_model.py`` wrote them (checked by their SHA-256 before this is
    called), or ``None`` if the document is not of the shape that script writes.

    The file's own checksum is not computed again (the digest of its bytes covers
    all of them), and its known shape is read directly instead of through cattrs;
    every value still goes through the ``Cue``, ``Lexicon`` and ``Classifier``
    constructors, which make the same checks as for any loaded model.
    """
    if not isinstance(data, dict) or data.keys() != {"format", "version", "sha256", "model"}:
        return None
    model = data["model"]
    version = data["version"]
    if data["format"] != FORMAT or type(version) is not int or version != FORMAT_VERSION:
        return None
    if not isinstance(model, dict) or model.keys() != _MODEL_FIELDS:
        return None
    try:
        cues = tuple(
            [
                Cue(c["phrase"], tuple(c["weights"]), c["dimension"], tuple(c["tags"]), c["side"])
                for c in model["cues"]
            ]
        )
        return Classifier(
            Lexicon(cues),
            bias=tuple(model["bias"]),
            min_evidence=model["min_evidence"],
            shared_floor=model["shared_floor"],
            temperature=model["temperature"],
        )
    except (KeyError, TypeError, ValueError) as exc:
        # The constructors' checks (bytes with the recorded digest pass them, unless
        # the build and this reader part ways): say so rather than load something else.
        raise ModelFormatError(f"invalid built-in model: {exc}", path=path) from exc


def load_builtin(raw: bytes, digest: str, *, path: str) -> Classifier:
    """Load the built-in model file from its bytes ``raw``.

    If their SHA-256 is ``digest``, the one recorded when the file was built,
    they are the build's own and are read by a faster path (see
    :func:`_from_built`). Any other bytes (a damaged, edited or rewritten file)
    are loaded by :func:`from_json`, with every check: damage raises
    :class:`~rolelens.errors.ModelFormatError` naming ``path``.
    """
    if hashlib.sha256(raw).hexdigest() == digest:
        made = _from_built(json.loads(raw), path)
        if made is not None:
            return made
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ModelFormatError(
            f"the built-in model file is not UTF-8 text (byte {exc.start}): "
            "it is damaged; reinstall rolelens",
            path=path,
        ) from exc
    return from_json(text, path=path)


def _path_error(problem: str, *, path: str) -> ArgumentError:
    return ArgumentError(f"{path}: {problem}" if path else problem)


def save(classifier: Classifier, path: str | Path) -> None:
    """Write ``classifier`` to ``path`` atomically (temporary file, then rename; a
    file with hard links, or in a directory where no file can be made, is
    rewritten from the complete temporary file instead, keeping its links).

    The file is JSON whatever its name (:func:`load` reads it back from any).
    A ``path`` that is neither ``str`` nor ``os.PathLike`` raises
    ``TypeError``; an empty one, or one with a NUL character, raises
    :class:`~rolelens.errors.ArgumentError`, as does a classifier too large
    for :func:`load` to read back (see :func:`~rolelens.persistence.to_json`), before anything is
    written; failing to write raises ``OSError``, and a ``path`` that is a
    read-only file (or one the process may not write) ``PermissionError``,
    the file left as it was.
    """
    name = path_name(path)
    check_path(name, _path_error)
    text = to_json(classifier)
    with atomic_text_file(name) as stream:
        stream.write(text)


def load(path: str | Path) -> Classifier:
    """Load a classifier saved by :func:`save`; raises ``ModelFormatError``.

    The file is read as JSON whatever its suffix: :func:`save` writes JSON
    even to a name such as ``model.toml``.
    """
    data = read_data_file(path, error=ModelFormatError, toml=False)
    return _from_data(data, str(path))
