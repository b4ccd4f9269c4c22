"""Conditions over scenario fields, and deciding whether conditions can hold together.

This is the engine under :mod:`rolelens.scenarios` (which re-exports the
public names): the vocabulary of scenario values, the fixed set of fields a
rule may test (:data:`FIELDS`), the operators (:data:`OPERATORS`), the
:class:`Condition` value, and the satisfiability analysis.

Theory of operation
-------------------
Every field is independent of every other, so a conjunction of conditions
can hold exactly when, field by field, one value passes every condition on
that field. Each field's values fall into finitely many classes with respect
to the constants the conditions mention, so one representative per class is
enough (:func:`candidates`): every choice (plus "not set" for optional
fields), both booleans, each date constant and the days either side of it,
and for a set-valued field the set of required members with or without one
member no condition names. :func:`satisfy` returns such values (a witness)
or ``None``; it is exact, and costs at most the number of conditions on a
field times its number of representatives, for each field.
"""

from __future__ import annotations

import datetime as dt
import enum
import types
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final

import attrs

from rolelens._checks import must_be, yyyy_mm_dd
from rolelens._serialization import converter, register_enum
from rolelens.errors import RuleError, RuleTypeError

if TYPE_CHECKING:
    from rolelens.scenarios import Scenario

__all__ = [
    "FIELDS",
    "OPERATORS",
    "Approval",
    "Condition",
    "ConditionValue",
    "FieldSpec",
    "Rating",
    "Requester",
    "Segment",
    "candidates",
    "operators_for",
    "rule_problem",
    "satisfy",
    "show_witness",
]


# --------------------------------------------------------------------------- vocabulary


class Segment(enum.StrEnum):
    """Who the product is sold to: businesses or consumers."""

    B2B = "b2b"
    B2C = "b2c"


class Requester(enum.StrEnum):
    """Where a feature request came from."""

    CUSTOMER = "customer"
    SALES = "sales"
    EXECUTIVE = "executive"
    ENGINEERING = "engineering"
    SUPPORT = "support"
    MARKETING = "marketing"
    PARTNER = "partner"
    INTERNAL = "internal"


class Rating(enum.StrEnum):
    """An ordered low/medium/high assessment (user value, enterprise complexity)."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class Approval(enum.StrEnum):
    """Where a request stands: not yet decided, approved, deferred or declined."""

    PENDING = "pending"
    APPROVED = "approved"
    DEFERRED = "deferred"
    DECLINED = "declined"


enum_hooks = register_enum


for _kind in (Segment, Requester, Rating, Approval):
    enum_hooks(_kind)


def _structure_date(value: Any, _type: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        raise TypeError(f"expected a date (YYYY-MM-DD), got a date and time {value!r:.40}")
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise TypeError(f"expected a date (YYYY-MM-DD), got {type(value).__name__} {value!r:.40}")
    try:
        return yyyy_mm_dd(value)
    except ValueError:
        raise ValueError(f"expected a date (YYYY-MM-DD), got {value!r:.40}") from None


converter.register_structure_hook(dt.date, _structure_date)
converter.register_unstructure_hook(dt.date, lambda value: value.isoformat())


# --------------------------------------------------------------------------- fields


@attrs.frozen
class FieldSpec:
    """One scenario field a condition may test: the values of :data:`FIELDS`.

    ``name`` is the field's dotted name in a rule (``feature.deadline``) and
    ``description`` says what it holds. ``kind`` is ``choice``, ``ordered``
    (``choices`` in rising order), ``bool``, ``date`` or ``set``; ``choices``
    lists the values of a ``choice`` or ``ordered`` field. ``optional`` fields
    may be unset (``None``).
    """

    name: str
    kind: str
    description: str
    choices: tuple[str, ...] = ()
    optional: bool = False

    def read(self, scenario: Scenario) -> Any:
        """This field's value in ``scenario`` as plain data (str, bool, date, frozenset, None)."""
        value: Any = scenario
        for part in self.name.split("."):
            value = getattr(value, part)
        if isinstance(value, enum.Enum):
            return value.value
        if isinstance(value, tuple):
            return frozenset(value)
        return value


def _choices(kind: type[enum.Enum]) -> tuple[str, ...]:
    return tuple(member.value for member in kind)


#: The scenario fields a rule condition may test, by dotted name.
# Read-only: a rule set checked against a changed FIELDS would be checked against
# other fields than the ones rules are evaluated on.
FIELDS: Final[Mapping[str, FieldSpec]] = types.MappingProxyType(
    {
        spec.name: spec
        for spec in (
            FieldSpec("segment", "choice", "b2b or b2c", _choices(Segment)),
            FieldSpec(
                "feature.requested_by", "choice", "who asked", _choices(Requester), optional=True
            ),
            FieldSpec(
                "feature.user_value", "ordered", "value to users", _choices(Rating), optional=True
            ),
            FieldSpec(
                "feature.enterprise_complexity",
                "ordered",
                "complexity it adds for enterprise users",
                _choices(Rating),
                optional=True,
            ),
            FieldSpec("feature.approval", "choice", "approval state", _choices(Approval)),
            FieldSpec("feature.departments", "set", "departments involved"),
            FieldSpec("feature.deadline", "date", "delivery deadline", optional=True),
            FieldSpec("feature.at_risk", "bool", "delivery is at risk"),
            FieldSpec("feature.user_evidence", "bool", "evidence that users need it"),
            FieldSpec("tags", "set", "free-form tags"),
        )
    }
)

_KIND_OPERATORS: Final[Mapping[str, frozenset[str]]] = {
    "choice": frozenset({"eq", "ne", "in", "not_in"}),
    "ordered": frozenset({"eq", "ne", "in", "not_in", "gt", "gte", "lt", "lte"}),
    "bool": frozenset({"eq", "ne"}),
    "date": frozenset({"eq", "ne", "gt", "gte", "lt", "lte"}),
    "set": frozenset({"contains", "not_contains", "is_set"}),
}

#: Every operator a condition may use.
OPERATORS: Final[tuple[str, ...]] = (
    "eq",
    "ne",
    "in",
    "not_in",
    "gt",
    "gte",
    "lt",
    "lte",
    "contains",
    "not_contains",
    "is_set",
)


def operators_for(spec: FieldSpec) -> frozenset[str]:
    """The operators a condition on ``spec``'s field may use."""
    extra = {"is_set"} if spec.optional else set()
    return _KIND_OPERATORS[spec.kind] | extra


# --------------------------------------------------------------------------- conditions

#: The plain values a condition may compare with.
ConditionValue = str | bool | tuple[str, ...]


def _structure_value(value: Any, _type: Any) -> ConditionValue:
    if isinstance(value, bool | str):
        return value
    if isinstance(value, dt.datetime):
        raise TypeError(f"expected a date without a time, got {value!r:.40}")
    if isinstance(value, dt.date):  # a TOML date literal
        return value.isoformat()
    if isinstance(value, list | tuple) and all(isinstance(item, str) for item in value):
        return tuple(value)
    raise TypeError(
        f"expected a string, true/false or a list of strings, got {type(value).__name__} "
        f"{value!r:.40}"
    )


converter.register_structure_hook_func(lambda t: t == ConditionValue, _structure_value)


def rule_problem(field: str, message: str, *, wrong_type: bool = False) -> RuleError:
    """The error for ``field`` of a condition or rule: a :class:`RuleTypeError` (a
    ``TypeError`` too) when the value given is of the wrong Python type, as a ``str``
    where a list belongs. :mod:`rolelens.scenarios` raises its rules' errors with it."""
    return (RuleTypeError if wrong_type else RuleError)(message, field=field)


def _coerce(spec: FieldSpec, operator: str, value: ConditionValue) -> Any:
    """Check ``value`` suits ``operator`` on ``spec``; return it in the form tests compare."""
    if operator == "is_set":
        if not isinstance(value, bool):
            raise rule_problem(
                "value", f"'is_set' takes true or false, got {value!r:.40}", wrong_type=True
            )
        return value
    if operator in ("in", "not_in"):
        if not isinstance(value, tuple) or not value:
            raise rule_problem(
                "value",
                f"{operator!r} takes a non-empty list, got {value!r:.40}",
                wrong_type=not isinstance(value, tuple),
            )
        return frozenset(_scalar(spec, item) for item in value)
    if isinstance(value, tuple):
        raise rule_problem(
            "value", f"{operator!r} takes a single value, got a list {value!r:.40}", wrong_type=True
        )
    if spec.kind == "set":
        if not isinstance(value, str) or not value.strip():
            raise rule_problem(
                "value",
                f"{operator!r} takes a non-empty string, got {value!r:.40}",
                wrong_type=not isinstance(value, str),
            )
        return value.strip().lower()
    return _scalar(spec, value)


def _scalar(spec: FieldSpec, value: str | bool) -> Any:
    if spec.kind == "bool":
        if not isinstance(value, bool):
            raise rule_problem(
                "value", f"{spec.name} is true or false, got {value!r:.40}", wrong_type=True
            )
        return value
    if not isinstance(value, str):
        raise rule_problem(
            "value", f"{spec.name} takes a string, got {value!r:.40}", wrong_type=True
        )
    if spec.kind == "date":
        try:
            return yyyy_mm_dd(value)
        except ValueError:
            raise rule_problem(
                "value", f"expected a date (YYYY-MM-DD), got {value!r:.40}"
            ) from None
    if value not in spec.choices:
        raise rule_problem(
            "value", f"{spec.name} is one of {', '.join(spec.choices)}; got {value!r:.40}"
        )
    return value


def _rank(spec: FieldSpec, value: Any) -> Any:
    return spec.choices.index(value) if spec.kind == "ordered" else value


def _test(spec: FieldSpec, operator: str, expected: Any, actual: Any) -> bool:
    """Does ``actual`` (a field value as read by ``spec``) pass ``operator expected``?"""
    if operator == "is_set":
        present = bool(actual) if spec.kind == "set" else actual is not None
        return bool(present == expected)
    if spec.kind == "set":
        return (expected in actual) == (operator == "contains")
    if operator == "eq":
        return bool(actual == expected)
    if operator == "ne":
        return bool(actual != expected)
    if operator == "in":
        return actual in expected
    if operator == "not_in":
        return actual not in expected
    if actual is None:  # ordering tests need a value
        return False
    left, right = _rank(spec, actual), _rank(spec, expected)
    if operator == "gt":
        return bool(left > right)
    if operator == "gte":
        return bool(left >= right)
    if operator == "lt":
        return bool(left < right)
    return bool(left <= right)  # lte


def _value_tuple(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


@attrs.frozen
class Condition:
    """``field operator value``, e.g. ``feature.enterprise_complexity gte "high"``.

    Construction raises :class:`~rolelens.errors.RuleError` naming ``field``,
    ``operator`` or ``value`` when the field is unknown, the operator does not
    suit the field, or the value does not suit the operator; when that is a
    matter of type (a ``field`` or ``operator`` that is no ``str``, a number where
    a string or list belongs), the error is a
    :class:`~rolelens.errors.RuleTypeError`, a ``TypeError`` too.
    """

    field: str
    operator: str
    value: ConditionValue = attrs.field(converter=_value_tuple)
    _expected: Any = attrs.field(init=False, eq=False, repr=False, hash=False)

    def __attrs_post_init__(self) -> None:
        name: Any = self.field  # may be anything when built by hand
        spec = FIELDS.get(name) if isinstance(name, str) else None
        if spec is None:
            raise rule_problem(
                "field",
                f"unknown field {self.field!r:.60} (known: {', '.join(FIELDS)})",
                wrong_type=not isinstance(name, str),
            )
        operator: Any = self.operator
        if not isinstance(operator, str) or operator not in operators_for(spec):
            raise rule_problem(
                "operator",
                f"operator {self.operator!r:.40} does not apply to {self.field} "
                f"(use one of {', '.join(sorted(operators_for(spec)))})",
                wrong_type=not isinstance(operator, str),
            )
        object.__setattr__(self, "_expected", _coerce(spec, self.operator, self.value))

    @property
    def spec(self) -> FieldSpec:
        """The :class:`~rolelens.scenarios.FieldSpec` of the tested field."""
        return FIELDS[self.field]

    def holds(self, scenario: Scenario) -> bool:
        """Whether ``scenario`` passes this condition.

        A ``scenario`` that is not a :class:`~rolelens.scenarios.Scenario` (its plain
        data, say: see :func:`~rolelens.scenarios.scenario_from_data`) raises ``TypeError``.
        """
        from rolelens.scenarios import Scenario

        must_be(scenario, Scenario, "scenario")
        return self._holds(scenario)

    def _holds(self, scenario: Scenario) -> bool:
        return self._passes(self.spec.read(scenario))

    def _passes(self, actual: Any) -> bool:
        return _test(self.spec, self.operator, self._expected, actual)

    def __str__(self) -> str:
        value = self.value
        shown = "[" + ", ".join(value) + "]" if isinstance(value, tuple) else str(value).lower()
        return f"{self.field} {self.operator} {shown}"


def _unstructure_condition(condition: Condition) -> dict[str, Any]:
    value = condition.value
    return {
        "field": condition.field,
        "operator": condition.operator,
        "value": list(value) if isinstance(value, tuple) else value,
    }


converter.register_unstructure_hook(Condition, _unstructure_condition)


# --------------------------------------------------------------------------- satisfiability

_FRESH: Final = "\x00unmentioned"  # a set member no condition names
_NOTHING: Final = object()


def candidates(spec: FieldSpec, conditions: Sequence[Condition]) -> Iterable[Any]:
    """One value per class of values the ``conditions`` (all on ``spec``) cannot tell apart."""
    if spec.kind in ("choice", "ordered"):
        yield from spec.choices
    elif spec.kind == "bool":
        yield from (False, True)
    elif spec.kind == "date":
        yield dt.date(2000, 1, 1)
        for condition in conditions:
            if condition.operator == "is_set":
                continue
            constants = condition._expected
            for day in constants if isinstance(constants, frozenset) else (constants,):
                for step in (-1, 0, 1):
                    try:
                        yield day + dt.timedelta(days=step)
                    except OverflowError:
                        continue
    else:  # set: the required members, with and without one more
        required = frozenset(c._expected for c in conditions if c.operator == "contains")
        yield required
        yield required | {_FRESH}
    if spec.optional:
        yield None


def satisfy(conditions: Iterable[Condition]) -> dict[str, Any] | None:
    """Field values passing every one of ``conditions``, or ``None`` if none exist."""
    by_field: dict[str, list[Condition]] = {}
    for condition in conditions:
        by_field.setdefault(condition.field, []).append(condition)
    witness: dict[str, Any] = {}
    for name, group in by_field.items():
        spec = FIELDS[name]
        found = next(
            (v for v in candidates(spec, group) if all(c._passes(v) for c in group)), _NOTHING
        )
        if found is _NOTHING:
            return None
        witness[name] = found
    return witness


def show_witness(witness: Mapping[str, Any]) -> str:
    """A witness from :func:`satisfy` for people: ``segment = b2b, tags = [pilot]``."""
    parts = []
    for name, value in sorted(witness.items()):
        if isinstance(value, frozenset):
            members = sorted(m for m in value if m != _FRESH)
            if _FRESH in value:
                members.append("<any other>")
            parts.append(f"{name} = [{', '.join(members)}]")
        elif value is None:
            parts.append(f"{name} unset")
        else:
            shown = value.isoformat() if isinstance(value, dt.date) else str(value).lower()
            parts.append(f"{name} = {shown}")
    return ", ".join(parts) or "any situation"
