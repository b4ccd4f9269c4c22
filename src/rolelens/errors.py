"""Every error rolelens raises on purpose.

The hierarchy::

    RoleLensError                  the root: catch this to catch them all
    ├── DataFileError (ValueError) a user-supplied file or document is wrong
    │   ├── CatalogError           role catalog (roles, dimensions, shifts)
    │   ├── LexiconError           cue lexicon
    │   ├── RuleError              scenario rule file
    │   └── ModelFormatError       saved classifier (wrong version, truncated, edited)
    ├── InputError (ValueError)    an input record to classify/analyse is unusable
    ├── ScenarioError (ValueError) a scenario lacks a field or has a bad value
    ├── FitError (ValueError)      labeled examples cannot train or evaluate a classifier
    ├── ArgumentError (ValueError) an argument's value is unusable (out of range, unknown)
    └── WorkerError (RuntimeError) a worker process died or would not start (``jobs`` > 1)

Each error keeps the facts a program may want as attributes (``path``,
``entry``, ``field``, ``line``, ``index``), and its message names them too,
so the command line can print it on one line.

A value of the wrong Python *type* (a ``str`` where a number belongs, ``None``
for a classifier) raises ``TypeError`` naming the type instead: that is a
programming mistake, not a bad value.

Where an error of the tree above was raised for such a mistake before, the
mistake now raises a class that is both, so that ``except`` clauses written for
either catch it: :class:`ArgumentTypeError` (an :class:`ArgumentError`),
:class:`ExamplesTypeError` (a :class:`FitError`),
:class:`ScenarioTypeError` (a :class:`ScenarioError`) and :class:`RuleTypeError`
(a :class:`RuleError`) are ``TypeError`` too. :class:`MarkupError`, an unknown
``markup`` name, is an :class:`ArgumentError` as every unknown option name is,
and an :class:`InputError` as it was before.
"""

from __future__ import annotations

__all__ = [
    "ArgumentError",
    "ArgumentTypeError",
    "CatalogError",
    "DataFileError",
    "ExamplesTypeError",
    "FitError",
    "InputError",
    "LexiconError",
    "MarkupError",
    "ModelFormatError",
    "RoleLensError",
    "RuleError",
    "RuleTypeError",
    "ScenarioError",
    "ScenarioTypeError",
    "WorkerError",
]


class RoleLensError(Exception):
    """Root of every error rolelens raises deliberately."""


class DataFileError(RoleLensError, ValueError):
    """A data file or document (catalog, lexicon, rules, model) is invalid.

    ``path`` is the file (``None`` for in-memory data), ``entry`` the item
    inside it (for example ``roles[1]`` or ``"budget"``), ``field`` the
    offending field; any of them may be ``None`` when unknown.
    """

    def __init__(
        self,
        problem: str,
        *,
        path: str | None = None,
        entry: str | None = None,
        field: str | None = None,
    ) -> None:
        self.problem = problem
        self.path = path
        self.entry = entry
        self.field = field
        super().__init__(self._render())

    def _render(self) -> str:
        where = []
        if self.path is not None:
            where.append(str(self.path))
        location = ".".join(part for part in (self.entry, self.field) if part)
        if location:
            where.append(location)
        prefix = ": ".join(where)
        return f"{prefix}: {self.problem}" if prefix else self.problem

    def __reduce__(self) -> tuple[object, ...]:
        # Keyword-only arguments need help to cross process boundaries.
        return (_rebuild, (type(self), self.problem, self.path, self.entry, self.field))


def _rebuild(
    cls: type[DataFileError],
    problem: str,
    path: str | None,
    entry: str | None,
    field: str | None,
) -> DataFileError:
    return cls(problem, path=path, entry=entry, field=field)


class CatalogError(DataFileError):
    """A role catalog is malformed or inconsistent."""


class LexiconError(DataFileError):
    """A cue lexicon is malformed or inconsistent."""


class RuleError(DataFileError):
    """A scenario rule file is malformed, inconsistent or contradictory."""


class ModelFormatError(DataFileError):
    """A saved classifier cannot be loaded: other version, truncated, or edited."""


class InputError(RoleLensError, ValueError):
    """An input record cannot be read (bad encoding, missing column, broken JSON line).

    ``path`` and ``line`` locate it when known.
    """

    def __init__(self, problem: str, *, path: str | None = None, line: int | None = None) -> None:
        self.problem = problem
        self.path = path
        self.line = line
        where = path or ""
        if line is not None:
            where = f"{where}:{line}" if where else f"line {line}"
        super().__init__(f"{where}: {problem}" if where else problem)

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild_input, (self.problem, self.path, self.line))


def _rebuild_input(problem: str, path: str | None, line: int | None) -> InputError:
    return InputError(problem, path=path, line=line)


class ScenarioError(RoleLensError, ValueError):
    """A scenario is missing a required field or holds a value of the wrong kind.

    ``field`` is the offending field (``feature.deadline``), ``path`` the file the
    scenario was read from (``None`` for in-memory data); the message names both.
    """

    def __init__(self, problem: str, *, field: str | None = None, path: str | None = None) -> None:
        self.problem = problem
        self.field = field
        self.path = path
        where = ": ".join(part for part in (path, field) if part)
        super().__init__(f"{where}: {problem}" if where else problem)

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild_scenario, (self.problem, self.field, self.path))


def _rebuild_scenario(problem: str, field: str | None, path: str | None = None) -> ScenarioError:
    return ScenarioError(problem, field=field, path=path)


class FitError(RoleLensError, ValueError):
    """Labeled examples cannot train or evaluate a classifier; ``index`` names the bad example."""

    def __init__(self, problem: str, *, index: int | None = None) -> None:
        self.problem = problem
        self.index = index
        super().__init__(f"example {index}: {problem}" if index is not None else problem)

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild_fit, (self.problem, self.index))


def _rebuild_fit(problem: str, index: int | None) -> FitError:
    return FitError(problem, index=index)


class ArgumentError(RoleLensError, ValueError):
    """An argument has the right type but a value rolelens cannot use.

    For example an unknown label (``Example("...", "boss")``), a number out of
    range (``chunk_size=0``, ``shared_floor=2``, a weight too large for a
    float) or a cue phrase with no words. Functions that read a file report
    the same problems as that file's error instead (a bad cue in a lexicon
    file is a :class:`LexiconError` naming the entry).
    """


class WorkerError(RoleLensError, RuntimeError):
    """A worker process died before returning its chunk (killed, crashed, out of memory),
    or could not be started (the system's limit on processes or open files)."""


class MarkupError(ArgumentError, InputError):
    """An unknown ``markup`` name (``split_statements(text, markup="md")``).

    An :class:`ArgumentError`, as any other unknown option name is; also the
    :class:`InputError` it was alone before, for code that catches that.
    """

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild_with, (MarkupError, self.problem, {"path": self.path, "line": self.line}))


class ArgumentTypeError(ArgumentError, TypeError):
    """A field given a value of the wrong Python type where a bad value of the right
    type is an :class:`ArgumentError`: a catalog model's id, side, level or horizon
    (``Role(id=5, ...)``, ``Trait(..., level=5)``), ``Decision(question=5)``,
    ``Statement(kind=5)``. A ``TypeError``, and the :class:`ArgumentError` (a
    ``ValueError``) it was before."""


class ExamplesTypeError(FitError, TypeError):
    """Labeled examples given as one ``str``, ``bytes`` or mapping instead of an
    iterable of examples: a ``TypeError``, and the :class:`FitError` it was before."""

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild_with, (ExamplesTypeError, self.problem, {"index": self.index}))


def _rebuild_with(cls: type[Exception], problem: str, facts: dict[str, object]) -> Exception:
    """``cls(problem, **facts)``: how the errors above that are two at once cross
    process boundaries, their facts (``path``, ``line``, ``index``) kept."""
    return cls(problem, **facts)


class ScenarioTypeError(ScenarioError, TypeError):
    """A scenario field given a value of the wrong Python type (``Feature(name=3)``):
    a ``TypeError``, and the :class:`ScenarioError` naming the field it was before."""

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild_scenario_type, (self.problem, self.field, self.path))


def _rebuild_scenario_type(problem: str, field: str | None, path: str | None) -> ScenarioTypeError:
    return ScenarioTypeError(problem, field=field, path=path)


class RuleTypeError(RuleError, TypeError):
    """A rule or condition given a value of the wrong Python type (``Rule(3, ...)``,
    ``priority="1"``): a ``TypeError``, and the :class:`RuleError` naming the field it
    was before."""
