"""rolelens: tell Product Manager work from Project Manager work.

A typed model of the two roles, an explainable classifier for task and
responsibility statements, job-posting analysis, scenario rules and
comparison data for renderers. Public names are imported lazily so that
``import rolelens`` stays cheap; data files load on first use.
"""

# Nothing is imported here but the version: `typing` alone took ten milliseconds,
# and the console script imports this package before rolelens.__main__.main can
# catch Ctrl-C, so Ctrl-C then was a traceback. Type checkers take any name
# TYPE_CHECKING as true.
TYPE_CHECKING = False


def _module_run(words: "list[str]") -> str:
    """The module that the Python command line ``words`` (``sys.orig_argv``) runs with
    ``-m``, read as Python reads its options; ``""`` for none.

    Options may be joined (``-Im rolelens``, ``-Bmrolelens``), and ``-c``, ``-m``,
    ``-W`` and ``-X`` take the rest of the word or the next one: only ``-m`` alone
    was looked for, and ``python -Im rolelens`` still printed a traceback.
    """
    at = 1
    while at < len(words):
        word = words[at]
        at += 1
        if word == "--check-hash-based-pycs":  # the one long option with a value
            at += 1
            continue
        if word.startswith("--"):
            continue
        if not word.startswith("-") or word == "-":  # a script, or one from stdin
            return ""
        for place, flag in enumerate(word[1:], 2):
            if flag in "cmWX":
                value = word[place:]
                if not value:
                    value = words[at] if at < len(words) else ""
                    at += 1
                if flag == "c":
                    return ""
                if flag == "m":
                    return value
                break
    return ""


def _no_traceback_for_ctrl_c_at_start() -> None:
    """Started as the ``rolelens`` command, Ctrl-C before its own handling runs exits
    as Ctrl-C later does: ``rolelens: interrupted``, status 130, and no traceback.

    :func:`rolelens.__main__.main` catches Ctrl-C from its first line, but the
    console script (``from rolelens.__main__ import main``) and ``python -m
    rolelens`` import this package, and then that module, before it runs: Ctrl-C
    meanwhile was a Python traceback. From here on, until the process ends, an
    uncaught ``KeyboardInterrupt`` is told in one line instead; any other error
    is left to the hook that was there. Nothing changes when the package is
    imported by any other program. (Ctrl-C before this line runs, while Python
    starts or finds this package, stays out of reach.)
    """
    import sys

    argv = getattr(sys, "argv", None) or [""]
    name = str(argv[0]).replace("\\", "/").rsplit("/", 1)[-1].lower().removesuffix(".exe")
    if name == "-m":  # `python -m rolelens`: sys.argv[0] is "-m" while the package loads
        name = _module_run(list(getattr(sys, "orig_argv", ())))
    # `python -m rolelens.__main__` runs the same main() as the other two: a traceback
    # there when the package's hook looked for "rolelens" alone.
    if name not in ("rolelens", "rolelens.__main__"):
        return
    previous = sys.excepthook

    def hook(kind: "type[BaseException]", value: BaseException, traceback: "object") -> None:
        if not issubclass(kind, KeyboardInterrupt):
            previous(kind, value, traceback)  # type: ignore[arg-type]
            return
        try:
            if sys.stdout is not None:
                sys.stdout.flush()
        except BaseException:  # a reader gone, Ctrl-C again: exit all the same
            pass
        try:
            if sys.stderr is not None:
                print("rolelens: interrupted", file=sys.stderr, flush=True)
        except BaseException:
            pass
        import os

        os._exit(130)  # as rolelens.cli.main returns it; sys.exit cannot leave a hook

    sys.excepthook = hook


_no_traceback_for_ctrl_c_at_start()
del _no_traceback_for_ctrl_c_at_start

from rolelens._version import __version__ as __version__  # noqa: E402

if TYPE_CHECKING:
    from rolelens.catalog import default_catalog as default_catalog
    from rolelens.catalog import load_catalog as load_catalog
    from rolelens.classifier import Classifier as Classifier
    from rolelens.classifier import Evidence as Evidence
    from rolelens.classifier import Verdict as Verdict
    from rolelens.classifier import classify as classify
    from rolelens.classifier import classify_many as classify_many
    from rolelens.classifier import default_classifier as default_classifier
    from rolelens.comparisons import Comparison as Comparison
    from rolelens.comparisons import comparison as comparison
    from rolelens.comparisons import json_schema as json_schema
    from rolelens.errors import ArgumentError as ArgumentError
    from rolelens.errors import CatalogError as CatalogError
    from rolelens.errors import DataFileError as DataFileError
    from rolelens.errors import FitError as FitError
    from rolelens.errors import InputError as InputError
    from rolelens.errors import LexiconError as LexiconError
    from rolelens.errors import ModelFormatError as ModelFormatError
    from rolelens.errors import RoleLensError as RoleLensError
    from rolelens.errors import RuleError as RuleError
    from rolelens.errors import ScenarioError as ScenarioError
    from rolelens.errors import WorkerError as WorkerError
    from rolelens.evaluation import EvaluationReport as EvaluationReport
    from rolelens.evaluation import LabelMetrics as LabelMetrics
    from rolelens.evaluation import cross_validate as cross_validate
    from rolelens.evaluation import evaluate as evaluate
    from rolelens.examples import Example as Example
    from rolelens.labels import Label as Label
    from rolelens.lexicon import Cue as Cue
    from rolelens.lexicon import Lexicon as Lexicon
    from rolelens.lexicon import load_lexicon as load_lexicon
    from rolelens.model import B2BContrast as B2BContrast
    from rolelens.model import Catalog as Catalog
    from rolelens.model import Dimension as Dimension
    from rolelens.model import Horizon as Horizon
    from rolelens.model import Level as Level
    from rolelens.model import MindsetShift as MindsetShift
    from rolelens.model import Overlap as Overlap
    from rolelens.model import Role as Role
    from rolelens.model import Trait as Trait
    from rolelens.persistence import load as load
    from rolelens.persistence import save as save
    from rolelens.posting import PostingProfile as PostingProfile
    from rolelens.posting import analyze_posting as analyze_posting
    from rolelens.scenarios import Approval as Approval
    from rolelens.scenarios import Condition as Condition
    from rolelens.scenarios import Decision as Decision
    from rolelens.scenarios import Feature as Feature
    from rolelens.scenarios import Question as Question
    from rolelens.scenarios import Rating as Rating
    from rolelens.scenarios import Requester as Requester
    from rolelens.scenarios import Rule as Rule
    from rolelens.scenarios import Scenario as Scenario
    from rolelens.scenarios import Segment as Segment
    from rolelens.scenarios import decide as decide
    from rolelens.scenarios import default_rules as default_rules
    from rolelens.scenarios import load_rules as load_rules
    from rolelens.shifts import Reframe as Reframe
    from rolelens.shifts import reframe as reframe
    from rolelens.statements import Statement as Statement
    from rolelens.statements import split_statements as split_statements

# public name -> module that defines it
_EXPORTS: dict[str, str] = {
    "Approval": "rolelens.scenarios",
    "ArgumentError": "rolelens.errors",
    "B2BContrast": "rolelens.model",
    "CatalogError": "rolelens.errors",
    "Catalog": "rolelens.model",
    "Classifier": "rolelens.classifier",
    "Comparison": "rolelens.comparisons",
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
    "Horizon": "rolelens.model",
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
    "Question": "rolelens.scenarios",
    "Rating": "rolelens.scenarios",
    "Reframe": "rolelens.shifts",
    "Requester": "rolelens.scenarios",
    "Role": "rolelens.model",
    "RoleLensError": "rolelens.errors",
    "Rule": "rolelens.scenarios",
    "RuleError": "rolelens.errors",
    "Scenario": "rolelens.scenarios",
    "ScenarioError": "rolelens.errors",
    "Segment": "rolelens.scenarios",
    "Statement": "rolelens.statements",
    "Trait": "rolelens.model",
    "Verdict": "rolelens.classifier",
    "WorkerError": "rolelens.errors",
    "analyze_posting": "rolelens.posting",
    "classify": "rolelens.classifier",
    "classify_many": "rolelens.classifier",
    "comparison": "rolelens.comparisons",
    "cross_validate": "rolelens.evaluation",
    "decide": "rolelens.scenarios",
    "default_catalog": "rolelens.catalog",
    "default_classifier": "rolelens.classifier",
    "default_rules": "rolelens.scenarios",
    "evaluate": "rolelens.evaluation",
    "json_schema": "rolelens.comparisons",
    "load": "rolelens.persistence",
    "load_catalog": "rolelens.catalog",
    "load_lexicon": "rolelens.lexicon",
    "load_rules": "rolelens.scenarios",
    "reframe": "rolelens.shifts",
    "save": "rolelens.persistence",
    "split_statements": "rolelens.statements",
}

# A literal list, not computed from _EXPORTS: type checkers read only a literal
# __all__, and with a computed one `from rolelens import *` gave them no names
# (tests/test_api.py keeps the two in step; tests/typing/user_mistakes.py, checked
# by mypy, uses the star import).
__all__ = [
    "Approval",
    "ArgumentError",
    "B2BContrast",
    "Catalog",
    "CatalogError",
    "Classifier",
    "Comparison",
    "Condition",
    "Cue",
    "DataFileError",
    "Decision",
    "Dimension",
    "EvaluationReport",
    "Evidence",
    "Example",
    "Feature",
    "FitError",
    "Horizon",
    "InputError",
    "Label",
    "LabelMetrics",
    "Level",
    "Lexicon",
    "LexiconError",
    "MindsetShift",
    "ModelFormatError",
    "Overlap",
    "PostingProfile",
    "Question",
    "Rating",
    "Reframe",
    "Requester",
    "Role",
    "RoleLensError",
    "Rule",
    "RuleError",
    "Scenario",
    "ScenarioError",
    "Segment",
    "Statement",
    "Trait",
    "Verdict",
    "WorkerError",
    "__version__",
    "analyze_posting",
    "classify",
    "classify_many",
    "comparison",
    "cross_validate",
    "decide",
    "default_catalog",
    "default_classifier",
    "default_rules",
    "evaluate",
    "json_schema",
    "load",
    "load_catalog",
    "load_lexicon",
    "load_rules",
    "reframe",
    "save",
    "split_statements",
]


if not TYPE_CHECKING:  # hidden from type checkers so a typo stays a type error

    def __getattr__(name: str) -> object:
        module = _EXPORTS.get(name)
        if module is None:
            raise AttributeError(f"module 'rolelens' has no attribute {name!r}")
        import importlib

        value = getattr(importlib.import_module(module), name)
        globals()[name] = value  # later lookups skip this function
        return value


def __dir__() -> list[str]:
    return __all__
