"""Fuzz targets for rolelens: the statement splitter, the classifier, the data-file
loaders and the posting report renderers.

Usage::

    python fuzz/fuzz_targets.py --seconds 60                    # every target, 60 s each
    python fuzz/fuzz_targets.py --seconds 600 --target load_rules
    python fuzz/fuzz_targets.py --list
    python fuzz/fuzz_targets.py --engine atheris --seconds 300 --target classify

Each target is a Hypothesis property: a strategy for hostile input plus a
check that the call returns a valid result or raises the documented
:class:`rolelens.RoleLensError` subclass. The default engine runs Hypothesis
in batches with fresh random seeds until the time budget is spent; a failure
is shrunk, printed with its falsifying example and saved to the Hypothesis
example database (``.hypothesis/``), and the script exits 1. With
``--engine atheris`` (``pip install atheris``, optional) the same property
is driven by libFuzzer through Hypothesis' ``fuzz_one_input``.

``tests/test_fuzz_smoke.py`` runs every target for a second or two in CI.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib
import json
import math
import sys
import tempfile
import time
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.database import DirectoryBasedExampleDatabase, ExampleDatabase

import rolelens

# The hostile vocabulary is shared with the test suite (tests/strategies.py).
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.strategies import hostile_text as _hostile_text

from rolelens import (
    CatalogError,
    LexiconError,
    ModelFormatError,
    RoleLensError,
    RuleError,
    Statement,
    Verdict,
)
from rolelens._native import speedups
from rolelens.labels import LABELS
from rolelens.posting_report import FORMATS, render_posting
from rolelens.statements import (
    KINDS,
    MARKUPS,
    _Splitter,
    _text_statements,
    _text_statements_native,
)

# ---------------------------------------------------------------------------
# Hostile input
# ---------------------------------------------------------------------------


def hostile_text(max_parts: int = 40) -> st.SearchStrategy[str]:
    """The tests' hostile text with longer pieces, for longer runs."""
    return _hostile_text(max_parts=max_parts, max_chunk=10, max_controls=6)


def big_text() -> st.SearchStrategy[str]:
    """Hostile text, deep nesting, or a long repeated line."""
    nested = st.builds(
        lambda opener, depth, body: opener * depth + body,
        st.sampled_from(["<div>", "<ul><li>", "<b>", "> ", "- ", "  * ", "**", "<!--"]),
        st.integers(min_value=1, max_value=5000),
        hostile_text(8),
    )
    repeated = st.builds(
        lambda piece, n: piece * n, hostile_text(6), st.integers(min_value=1, max_value=2000)
    )
    return st.one_of(hostile_text(), nested, repeated)


def json_values() -> st.SearchStrategy[Any]:
    """JSON-shaped data with hostile keys and strings."""
    leaf = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(),
        hostile_text(4),
        st.sampled_from(["product", "project", "shared", "other", "b2b", "pending", "rolelens"]),
    )
    keys = st.one_of(
        st.sampled_from(
            [
                *("version", "roles", "dimensions", "traits", "overlaps", "shifts", "b2b"),
                *("id", "name", "side", "group", "label", "phrases", "weight", "cue"),
                *("weights", "dimension", "tags", "rules", "owner", "question", "when"),
                *("priority", "bias", "cues", "phrase", "min_evidence", "temperature"),
            ]
        ),
        hostile_text(3),
    )
    return st.recursive(
        leaf,
        lambda inner: st.one_of(
            st.lists(inner, max_size=5), st.dictionaries(keys, inner, max_size=5)
        ),
        max_leaves=20,
    )


def _builtin_bytes(resource: str) -> bytes:
    return resources.files("rolelens").joinpath(resource).read_bytes()


def mutated(seed_file: bytes) -> st.SearchStrategy[bytes]:
    """``seed_file`` truncated, spliced with hostile bytes, or with bytes flipped."""

    def mutate(cut: float, insert: str, flips: list[tuple[float, int]], drop: int) -> bytes:
        data = bytearray(seed_file)
        at = int(len(data) * cut)
        data[at:at] = insert.encode("utf-8", "surrogatepass")
        for where, value in flips:
            if data:
                data[int((len(data) - 1) * where)] = value
        return bytes(data[: len(data) - drop] if drop else data)

    return st.builds(
        mutate,
        st.floats(min_value=0.0, max_value=1.0),
        hostile_text(4),
        st.lists(st.tuples(st.floats(0.0, 1.0), st.integers(0, 255)), max_size=3),
        st.integers(min_value=0, max_value=len(seed_file)),
    )


def file_bytes(seed_resource: str) -> st.SearchStrategy[tuple[bytes, str]]:
    """(content, suffix): mutated built-in file, arbitrary bytes or JSON junk."""
    return _file_bytes(_builtin_bytes(seed_resource), Path(seed_resource).suffix)


def _file_bytes(seed: bytes, seed_suffix: str) -> st.SearchStrategy[tuple[bytes, str]]:
    return st.one_of(
        st.tuples(mutated(seed), st.just(seed_suffix)),
        st.tuples(st.binary(max_size=300), st.sampled_from([".toml", ".json", ".txt"])),
        st.tuples(json_values().map(lambda v: json.dumps(v).encode("ascii")), st.just(".json")),
    )


def model_bytes() -> st.SearchStrategy[tuple[bytes, str]]:
    """Model files: the generic shapes, plus junk behind a valid envelope and checksum."""

    def envelope(model: Any) -> bytes:
        canonical = json.dumps(model, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        digest = hashlib.sha256(canonical.encode("utf-8", "surrogatepass")).hexdigest()
        document = {"format": "rolelens-classifier", "version": 1, "sha256": digest, "model": model}
        return json.dumps(document).encode("ascii")

    # A small model as the seed: the shipped one has tens of thousands of cues
    # and takes most of a second to load, which would starve the fuzzer.
    cues = (
        rolelens.Cue("product roadmap", {"product": 1.5}, "primary_responsibility"),
        rolelens.Cue("budget", {"project": 1.0}, None, ("timeline",)),
        rolelens.Cue("stakeholders", {"shared": 0.5, "project": 0.2}),
    )
    seed_text = rolelens.Classifier(rolelens.Lexicon(cues)).to_json()
    small_model = json.loads(seed_text)["model"]
    return st.one_of(
        _file_bytes(seed_text.encode("utf-8"), ".json"),
        st.tuples(json_values().map(envelope), st.just(".json")),
        st.tuples(
            st.dictionaries(st.sampled_from(sorted(small_model)), json_values(), max_size=5).map(
                lambda edits: envelope({**small_model, **edits})
            ),
            st.just(".json"),
        ),
    )


# ---------------------------------------------------------------------------
# Known defects, pinned by xfail tests; delete an entry when its bug is fixed.
# ---------------------------------------------------------------------------


def _known_bug(exc: BaseException) -> str | None:
    """The pinned test for ``exc`` if it is a known, already reported defect.

    Empty now: the defects first listed here (huge integers and deep nesting
    in data files, lone surrogates in models) are fixed and have regression
    tests in tests/test_hostile.py. Add an entry as
    ``if <exc matches>: return "<path>::<xfail test>"`` while a bug is open.
    """
    del exc
    return None


KNOWN_BUG_HITS: dict[str, int] = {}


# ---------------------------------------------------------------------------
# Checks
# ---------------------------------------------------------------------------


def check_statements(statements: tuple[Statement, ...], text: str) -> None:
    """Statements are located inside ``text``, non-empty and in document order."""
    previous = -1
    for statement in statements:
        assert isinstance(statement, Statement)
        assert 0 <= statement.start < statement.end <= len(text)
        assert statement.text.strip()
        assert statement.kind in KINDS
        assert statement.start >= previous
        previous = statement.start


def check_verdict(verdict: Verdict, text: str) -> None:
    """Everything a Verdict promises, for any text."""
    assert verdict.text == text
    assert verdict.label in LABELS
    assert len(verdict.scores) == len(LABELS)
    assert all(math.isfinite(s) and -1e-9 <= s <= 1 + 1e-9 for s in verdict.scores)
    assert math.isclose(sum(verdict.scores), 1.0, abs_tol=1e-6)
    assert math.isfinite(verdict.confidence)
    assert -1e-9 <= verdict.confidence <= 1 + 1e-9
    # located evidence in text order; zero-width items are whole-statement features
    starts = [e.start for e in verdict.evidence if e.end > e.start]
    assert starts == sorted(starts)
    for item in verdict.evidence:
        assert 0 <= item.start <= item.end <= len(text)
        assert text[item.start : item.end] == item.matched
    assert isinstance(verdict.explain(), str)


def _load_file(loader: Callable[[Path], object], error: type[RoleLensError], case: Any) -> object:
    """The loaded value, or None after the loader's own error (or a known, pinned bug)."""
    data, suffix = case
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / f"input{suffix}"
        path.write_bytes(data)
        try:
            return loader(path)
        except error as exc:
            message = str(exc)
            if str(path) not in message:
                raise AssertionError(f"error does not name the file: {message}") from exc
        except Exception as exc:
            pinned = _known_bug(exc)
            if pinned is None:
                raise
            KNOWN_BUG_HITS[pinned] = KNOWN_BUG_HITS.get(pinned, 0) + 1
    return None


def target_split_statements(case: Any) -> None:
    """split_statements is total in every markup mode and locates every statement; plain
    text gives the same statements whether the C splitter or the pure-Python reference
    read it."""
    text, markup, headings = case
    check_statements(
        rolelens.split_statements(text, markup=markup, include_headings=headings), text
    )
    if speedups is not None:
        reference, native = _Splitter(headings), _Splitter(headings)
        _text_statements(text, reference)
        _text_statements_native(text, native)
        assert native.out == reference.out


def target_classify(text: Any) -> None:
    """classify returns a valid, located and repeatable verdict for any str, the same
    whether the C pass or the pure-Python reference found it."""
    verdict = rolelens.classify(text)
    check_verdict(verdict, text)
    assert rolelens.classify(text) == verdict
    classifier = rolelens.default_classifier()
    assert classifier._decide(text, *classifier._match(text)) == verdict


def target_posting_report(case: Any) -> None:
    """analyze_posting accepts any text and title; every renderer produces safe text."""
    text, title = case
    profile = rolelens.analyze_posting(text, title)
    for fmt in FORMATS:
        rendered = render_posting(profile, fmt)
        assert isinstance(rendered, str)
        if fmt == "json":
            json.loads(rendered)
        if fmt == "html":
            assert "<script" not in rendered.lower()


def target_load_catalog(case: Any) -> None:
    """load_catalog gives a Catalog or a CatalogError naming the file."""
    _load_file(rolelens.load_catalog, CatalogError, case)


def target_load_lexicon(case: Any) -> None:
    """load_lexicon gives a Lexicon or a LexiconError naming the file."""
    _load_file(rolelens.load_lexicon, LexiconError, case)


def target_load_rules(case: Any) -> None:
    """load_rules gives rules or a RuleError naming the file."""
    _load_file(rolelens.load_rules, RuleError, case)


def target_load_model(case: Any) -> None:
    """rolelens.load gives a Classifier (which then classifies) or a ModelFormatError."""
    classifier = _load_file(rolelens.load, ModelFormatError, case)
    if classifier is not None:
        assert isinstance(classifier, rolelens.Classifier)
        for text in ("Own the product roadmap", "\x00\ud800 budget", ""):
            check_verdict(classifier.classify(text), text)


#: name -> (strategy factory, check)
TARGETS: dict[str, tuple[Callable[[], st.SearchStrategy[Any]], Callable[[Any], None]]] = {
    "split_statements": (
        lambda: st.tuples(big_text(), st.sampled_from(MARKUPS), st.booleans()),
        target_split_statements,
    ),
    "classify": (big_text, target_classify),
    "posting_report": (
        lambda: st.tuples(big_text(), st.one_of(st.none(), hostile_text(6))),
        target_posting_report,
    ),
    "load_catalog": (lambda: file_bytes("data/catalog.toml"), target_load_catalog),
    "load_lexicon": (lambda: file_bytes("data/cues.toml"), target_load_lexicon),
    "load_rules": (lambda: file_bytes("data/rules.toml"), target_load_rules),
    "load": (model_bytes, target_load_model),
}


# ---------------------------------------------------------------------------
# Engines
# ---------------------------------------------------------------------------


def _property(name: str, max_examples: int, database: ExampleDatabase | None) -> Callable[[], None]:
    make_strategy, check = TARGETS[name]

    @settings(
        max_examples=max_examples,
        deadline=None,
        database=database,
        derandomize=False,
        suppress_health_check=list(HealthCheck),
        print_blob=True,
    )
    @given(make_strategy())
    def prop(case: Any) -> None:
        check(case)

    prop.__name__ = f"fuzz_{name}"
    return prop


def run_target(
    name: str,
    seconds: float,
    *,
    database: ExampleDatabase | None = None,
) -> int:
    """Run target ``name`` for about ``seconds``; return the number of examples tried.

    Hypothesis runs in batches, each with a fresh random seed; a batch starts
    small and doubles while it takes well under the remaining time, so short
    budgets are kept closely. Raises whatever the property raises on a
    failing input, after Hypothesis has shrunk and printed it.
    """
    if name not in TARGETS:
        raise KeyError(f"unknown target {name!r}; choose from {', '.join(TARGETS)}")
    deadline = time.monotonic() + seconds
    examples = 0
    batch = 2
    while True:
        started = time.monotonic()
        _property(name, batch, database)()
        examples += batch
        now = time.monotonic()
        if now >= deadline:
            return examples
        if (now - started) * 4 < deadline - now:
            batch = min(batch * 2, 500)


def _run_atheris(name: str, seconds: float) -> int:  # pragma: no cover - optional engine
    try:
        atheris: Any = importlib.import_module("atheris")
    except ImportError:
        print("the atheris engine needs: pip install atheris", file=sys.stderr)
        return 2
    prop: Any = _property(name, 10**9, None)
    argv = [sys.argv[0], f"-max_total_time={max(1, int(seconds))}"]
    atheris.Setup(argv, prop.hypothesis.fuzz_one_input)
    atheris.Fuzz()
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--seconds", type=float, default=10.0, help="time budget per target")
    parser.add_argument("--target", choices=sorted(TARGETS), action="append", help="repeatable")
    parser.add_argument("--engine", choices=("hypothesis", "atheris"), default="hypothesis")
    parser.add_argument("--list", action="store_true", help="list the targets and exit")
    parser.add_argument(
        "--no-database", action="store_true", help="do not save failures to .hypothesis/"
    )
    args = parser.parse_args(argv)
    if args.list:
        for name, (_, check) in TARGETS.items():
            doc = (check.__doc__ or "").strip()
            print(f"{name:18} {doc}")
        return 0
    names = args.target or list(TARGETS)
    if args.engine == "atheris":
        if len(names) != 1:
            parser.error("--engine atheris runs one --target at a time")
        return _run_atheris(names[0], args.seconds)
    database = None if args.no_database else DirectoryBasedExampleDatabase(".hypothesis/examples")
    failed = 0
    for name in names:
        started = time.monotonic()
        try:
            examples = run_target(name, args.seconds, database=database)
        except Exception as exc:
            failed += 1
            print(f"FAIL {name}: {type(exc).__name__}: {exc}", file=sys.stderr)
            continue
        took = time.monotonic() - started
        print(f"ok   {name}: {examples} examples in {took:.1f} s")
    for pinned, hits in sorted(KNOWN_BUG_HITS.items()):
        print(f"known bug hit {hits} time(s), pinned by {pinned}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
