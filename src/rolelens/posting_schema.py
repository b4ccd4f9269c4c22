"""The JSON Schema of the posting document (:func:`~rolelens.posting_report.posting_to_json`).

For apps that store, check or render the document in another language: the
schema names every field, its type, and each closed set of values (labels,
sections, statement kinds, where the title came from). It follows
``"version"``: a change of the document that would break a reader comes with
a new version and a new schema.
"""

from __future__ import annotations

import copy
import functools
from typing import Any

from rolelens._serialization import schema_object
from rolelens.labels import LABELS
from rolelens.posting_report import POSTING_FORMAT, POSTING_VERSION
from rolelens.statements import KINDS, section_keys

__all__ = ["TITLE_SOURCES", "json_schema"]

#: Where :func:`~rolelens.analyze_posting` took a posting's title from.
TITLE_SOURCES: tuple[str, ...] = ("given", "front matter", "heading", "first line")

_LABEL: dict[str, Any] = {"enum": [label.value for label in LABELS]}
_SIDE: dict[str, Any] = {"enum": ["product", "project"]}
_COUNT: dict[str, Any] = {"type": "integer", "minimum": 0}
_SHARE: dict[str, Any] = {"type": "number", "minimum": 0, "maximum": 1}


def _per_label(value: dict[str, Any]) -> dict[str, Any]:
    return schema_object({label.value: value for label in LABELS})


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    return {"anyOf": [schema, {"type": "null"}]}


@functools.cache
def _schema() -> dict[str, Any]:
    # Built on first use: the section keys are read from the package's data.
    evidence = schema_object(
        {
            "start": _COUNT,
            "end": _COUNT,
            "matched": {"type": "string"},
            "cue": {"type": "string"},
            "label": _LABEL,
            "dimension": _nullable({"type": "string"}),
            "tags": {"type": "array", "items": {"type": "string"}},
            "contribution": {"type": "number"},
        }
    )
    statement = schema_object(
        {
            "index": _COUNT,
            "text": {"type": "string"},
            "start": _COUNT,
            "end": _COUNT,
            "kind": {"enum": list(KINDS)},
            "section": {"enum": [*section_keys(), None]},
            "heading": _nullable({"type": "string"}),
            "label": _LABEL,
            "confidence": _SHARE,
            "scores": _per_label(_SHARE),
            "explanation": {"type": "string"},
            "evidence": {"type": "array", "items": evidence},
        }
    )
    balance = schema_object(
        {
            "counts": _per_label(_COUNT),
            "weighted": _per_label({"type": "number", "minimum": 0}),
            "total": _COUNT,
        }
    )
    coverage = schema_object(
        {
            "dimension": {"type": "string"},
            "name": {"type": "string"},
            "statements": _COUNT,
            "evidence": _COUNT,
            "by_label": _per_label(_COUNT),
        }
    )
    mismatch = schema_object(
        {
            "title": {"type": "string"},
            "title_side": _SIDE,
            "content_side": _SIDE,
            "share": _SHARE,
            "scope": {"enum": ["responsibilities", "posting"]},
            "drivers": {"type": "array", "items": _COUNT},
            "message": {"type": "string"},
        }
    )
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"urn:rolelens:schema:posting:{POSTING_VERSION}",
        "title": "rolelens posting profile",
        "description": (
            "One job posting as rolelens analysed it: the balance of product and project "
            "statements, coverage of the role dimensions, a title mismatch, and each "
            "statement with its verdict. Statement offsets index the posting's text; "
            "evidence offsets index the statement's text."
        ),
        **schema_object(
            {
                "format": {"const": POSTING_FORMAT},
                "version": {"const": POSTING_VERSION},
                "title": _nullable({"type": "string"}),
                "title_source": {"enum": [*TITLE_SOURCES, None]},
                "title_side": {"enum": ["product", "project", None]},
                "summary": {"type": "string"},
                "scope": {"enum": ["responsibilities", "posting"]},
                "lean": {"enum": ["product", "project", "shared", None]},
                "lean_share": _SHARE,
                "balance": schema_object(
                    {"responsibilities": balance, "rest": balance, "overall": balance}
                ),
                "coverage": {"type": "array", "items": coverage},
                "mismatch": _nullable(mismatch),
                "statements": {"type": "array", "items": statement},
            },
            # posting_to_dict(statements=False) leaves the statements out.
            optional=("statements",),
        ),
    }


def json_schema() -> dict[str, Any]:
    """Return (a fresh copy of) the JSON Schema, draft 2020-12, of the posting document:
    what :func:`~rolelens.posting_report.posting_to_json` and ``rolelens posting
    --format json`` write, and :func:`~rolelens.posting_report.posting_to_dict` gives."""
    return copy.deepcopy(_schema())
