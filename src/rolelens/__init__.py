"""rolelens: tell Product Manager work from Project Manager work.

A typed model of the two roles, an explainable classifier for task and
responsibility statements, job-posting analysis, scenario rules and
comparison data for renderers. Public names are imported lazily so that
``import rolelens`` stays cheap; data files load on first use.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from rolelens._version import __version__

if TYPE_CHECKING:
    from rolelens.catalog import default_catalog, load_catalog
    from rolelens.classifier import (
        Classifier,
        Evidence,
        Verdict,
        classify,
        classify_many,
        default_classifier,
    )
    from rolelens.comparison import Comparison, comparison, json_schema
    from rolelens.errors import (
        CatalogError,
        DataFileError,
        FitError,
        InputError,
        LexiconError,
        ModelFormatError,
        RoleLensError,
        RuleError,
        ScenarioError,
    )
    from rolelens.evaluation import EvaluationReport, LabelMetrics, cross_validate, evaluate
    from rolelens.examples import Example
    from rolelens.labels import Label
    from rolelens.lexicon import Cue, Lexicon, load_lexicon
    from rolelens.model import (
        B2BContrast,
        Catalog,
        Dimension,
        Level,
        MindsetShift,
        Overlap,
        Role,
        Trait,
    )
    from rolelens.persistence import load, save
    from rolelens.posting import PostingProfile, analyze_posting
    from rolelens.scenarios import (
        Condition,
        Decision,
        Feature,
        Rule,
        Scenario,
        decide,
        default_rules,
        load_rules,
    )
    from rolelens.shifts import Reframe, reframe
    from rolelens.statements import Statement, split_statements

# public name -> module that defines it
_EXPORTS: dict[str, str] = {
    "B2BContrast": "rolelens.model",
    "CatalogError": "rolelens.errors",
    "Catalog": "rolelens.model",
    "Classifier": "rolelens.classifier",
    "Comparison": "rolelens.comparison",
    "Condition": "rolelens.scenarios",
    "Cue": "rolelens.lexicon",
    "DataFileError": "rolelens.errors",
    "Decision": "rolelens.scenarios",
    "Dimension": "rolelens.model",
    "EvaluationReport": "rolelens.evaluation",
    "Evidence": "rolelens.classifier",
    "Example": "rolelens.examples",
    "Feature": "rolelens.scenarios",
    "FitError": "rolelens.errors",
    "InputError": "rolelens.errors",
    "Label": "rolelens.labels",
    "LabelMetrics": "rolelens.evaluation",
    "Level": "rolelens.model",
    "Lexicon": "rolelens.lexicon",
    "LexiconError": "rolelens.errors",
    "MindsetShift": "rolelens.model",
    "ModelFormatError": "rolelens.errors",
    "Overlap": "rolelens.model",
    "PostingProfile": "rolelens.posting",
    "Reframe": "rolelens.shifts",
    "Role": "rolelens.model",
    "RoleLensError": "rolelens.errors",
    "Rule": "rolelens.scenarios",
    "RuleError": "rolelens.errors",
    "Scenario": "rolelens.scenarios",
    "ScenarioError": "rolelens.errors",
    "Statement": "rolelens.statements",
    "Trait": "rolelens.model",
    "Verdict": "rolelens.classifier",
    "analyze_posting": "rolelens.posting",
    "classify": "rolelens.classifier",
    "classify_many": "rolelens.classifier",
    "comparison": "rolelens.comparison",
    "cross_validate": "rolelens.evaluation",
    "decide": "rolelens.scenarios",
    "default_catalog": "rolelens.catalog",
    "default_classifier": "rolelens.classifier",
    "default_rules": "rolelens.scenarios",
    "evaluate": "rolelens.evaluation",
    "json_schema": "rolelens.comparison",
    "load": "rolelens.persistence",
    "load_catalog": "rolelens.catalog",
    "load_lexicon": "rolelens.lexicon",
    "load_rules": "rolelens.scenarios",
    "reframe": "rolelens.shifts",
    "save": "rolelens.persistence",
    "split_statements": "rolelens.statements",
}

__all__ = sorted([*_EXPORTS, "__version__"])


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'rolelens' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list[str]:
    return __all__
