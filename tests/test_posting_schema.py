"""The JSON Schema of the posting document: valid, complete, and strict enough to fail."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from rolelens import ArgumentError, analyze_posting
from rolelens.posting_report import posting_to_dict, posting_to_json
from rolelens.posting_schema import TITLE_SOURCES, json_schema
from rolelens.statements import section_keys, section_of
from tests.conftest import SHARED_DATA
from tests.strategies import html_postings, posting_texts

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "postings"
POSTINGS = SHARED_DATA / "postings"
VALIDATOR = jsonschema.Draft202012Validator(json_schema())

PRODUCT_POSTING = """\
# Senior Product Manager

## What you will do
- Own the roadmap for our billing product and decide what we build next
- Interview customers every week to find the problems worth solving
- Keep the release on schedule with the delivery lead

## Requirements
- Five years of product management experience

## Benefits
- Remote-first team
"""


def _document(text: str, **options: Any) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(posting_to_json(analyze_posting(text, **options)))
    return document


def test_the_schema_is_a_valid_draft_2020_12_schema() -> None:
    """The schema itself follows the meta-schema, and each call returns a fresh copy."""
    schema = json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    schema["properties"].clear()
    assert json_schema()["properties"], "a caller's change does not reach the next call"


@given(text=posting_texts() | html_postings())
@example(text="")
@example(text=PRODUCT_POSTING)
def test_every_posting_document_follows_the_schema(text: str) -> None:
    """Any posting's document, with or without its statements, validates."""
    VALIDATOR.validate(_document(text))
    VALIDATOR.validate(posting_to_dict(analyze_posting(text), statements=False))


_LABEL_NAMES = [None, "product", " Project", "SHARED", "other", "boss", 3]


@given(
    text=st.sampled_from(["", PRODUCT_POSTING, "Project Manager\n\n- Track the budget\n"]),
    lean=st.sampled_from(_LABEL_NAMES),
    title_side=st.sampled_from(_LABEL_NAMES),
    lean_share=st.floats(allow_nan=True, allow_infinity=True) | st.integers(-2, 2) | st.just("1"),
    scope=st.sampled_from(["responsibilities", "posting", "Posting", None]),
    title_source=st.sampled_from([None, *TITLE_SOURCES, "guessed"]),
    title=st.sampled_from([None, "Product Manager", 7]),
    as_lists=st.booleans(),
)
def test_a_profile_made_by_hand_follows_the_schema_or_is_refused(
    text: str,
    lean: object,
    title_side: object,
    lean_share: object,
    scope: object,
    title_source: object,
    title: object,
    as_lists: bool,
) -> None:
    """A PostingProfile made by hand (for a renderer) either renders to a document the
    schema accepts, or is refused as it is made with TypeError or ArgumentError. It
    took anything: a lean given as "product" failed in posting_to_json() with "'str'
    object has no attribute 'value'", a list of statements with the C extension's
    "statements_json(items, ...)", and a NaN share was written as JSON's invalid NaN."""
    made = analyze_posting(text)
    changes: dict[str, Any] = {
        "lean": lean,
        "title_side": title_side,
        "lean_share": lean_share,
        "scope": scope,
        "title_source": title_source,
        "title": title,
    }
    if as_lists:
        changes["statements"] = list(made.statements)
        changes["coverage"] = list(made.coverage)
    try:
        profile = attrs.evolve(made, **changes)
    except (TypeError, ArgumentError):
        return
    VALIDATOR.validate(json.loads(posting_to_json(profile)))
    VALIDATOR.validate(json.loads(posting_to_json(profile, indent=None)))
    assert isinstance(profile.statements, tuple)
    assert attrs.evolve(profile) == profile


def test_the_title_sources_a_profile_takes_are_the_schemas() -> None:
    """PostingProfile checks title_source against its own copy of TITLE_SOURCES."""
    from rolelens.posting import _TITLE_SOURCES

    assert _TITLE_SOURCES == TITLE_SOURCES


def test_the_example_postings_follow_the_schema() -> None:
    """The postings shipped in examples/ (plain text, Markdown, HTML) validate."""
    paths = sorted(EXAMPLES.iterdir())
    assert len(paths) >= 3
    for path in paths:
        VALIDATOR.validate(_document(path.read_text(encoding="utf-8")))


def test_real_postings_follow_the_schema() -> None:
    """The real postings beside the repository validate (skipped when they are absent)."""
    index = POSTINGS / "INDEX.jsonl"
    if not index.is_file():
        pytest.skip("shared postings are not available")
    for line in index.read_text(encoding="utf-8").splitlines():
        if line:
            entry = json.loads(line)
            VALIDATOR.validate(_document((POSTINGS / entry["file"]).read_text(encoding="utf-8")))


@pytest.mark.parametrize(
    ("text", "options", "source"),
    [
        (PRODUCT_POSTING, {"title": "Product Manager"}, "given"),
        ("---\ntitle: Delivery Manager\n---\n- Track the plan\n", {}, "front matter"),
        (PRODUCT_POSTING, {}, "heading"),
        (
            "Project Manager\n\nKeep the plan on track and report progress weekly.\n",
            {},
            "first line",
        ),
    ],
)
def test_each_title_source_occurs(text: str, options: dict[str, str], source: str) -> None:
    """The schema's title sources are those the analysis gives: none is stale."""
    assert source in TITLE_SOURCES
    assert _document(text, **options)["title_source"] == source


def test_the_section_keys_are_those_section_of_gives() -> None:
    """The section keys are those headings name, and each is a section the schema takes."""
    keys = section_keys()
    assert keys[:3] == ("responsibilities", "requirements", "benefits")
    for heading, key in [("What you'll do", "responsibilities"), ("Perks", "benefits")]:
        assert section_of(heading) == key
        assert key in keys
    document = _document(PRODUCT_POSTING)
    for section in (*keys, None):
        document["statements"][0]["section"] = section
        VALIDATOR.validate(document)


def _broken(change: str) -> dict[str, Any]:
    document = _document(PRODUCT_POSTING)
    if change == "missing title":
        del document["title"]
    elif change == "unknown key":
        document["colour"] = "red"
    elif change == "unknown label":
        document["statements"][0]["label"] = "boss"
    elif change == "unknown section":
        document["statements"][0]["section"] = "perks"
    elif change == "negative count":
        document["balance"]["overall"]["total"] = -1
    elif change == "other version":
        document["version"] = 99
    elif change == "score above 1":
        document["statements"][0]["scores"]["product"] = 1.5
    elif change == "evidence without a cue":
        del document["statements"][0]["evidence"][0]["cue"]
    return document


@pytest.mark.parametrize(
    "change",
    [
        "missing title",
        "unknown key",
        "unknown label",
        "unknown section",
        "negative count",
        "other version",
        "score above 1",
        "evidence without a cue",
    ],
)
def test_a_broken_document_fails_the_schema(change: str) -> None:
    """The schema is strict: each kind of damage to a valid document is caught."""
    document = _broken(change)
    VALIDATOR.validate(_document(PRODUCT_POSTING))
    with pytest.raises(jsonschema.ValidationError):
        VALIDATOR.validate(copy.deepcopy(document))
