"""Who decides what: scenario rules for feature requests, held as data.

A :class:`Scenario` describes one feature request (B2B or B2C, who asked,
its value to users, its complexity for enterprise users, its approval state,
the departments involved, the deadline and whether it is at risk). A
:class:`Rule` says, for the scenarios its conditions match, which role owns
which question (``what_why`` or ``how_when``) and what that role should do.
:func:`decide` applies rules to a scenario and returns :class:`Decision`
values. Rules are plain data: the built-in ones live in
``rolelens/data/rules.toml`` and a user's own file loads with
:func:`load_rules`. Nothing in a rule is ever executed.

Theory of operation
-------------------
A :class:`Condition` tests one field from a fixed set (:data:`FIELDS`) with
one operator; a rule combines its conditions with ``all`` or ``any`` (no
nesting). Every field is independent of every other, so whether two rules
can hold in the same situation is decided exactly and cheaply:

1. Each rule becomes a disjunction of conjunctions (``all``: one conjunction
   of every condition; ``any``: one conjunction per condition).
2. Two conjunctions can hold together when, for every field they mention,
   one value of that field passes every condition on it; trying one
   representative of each class of values the conditions cannot tell apart
   is enough (see :mod:`rolelens._conditions`), so the check is exact.

:func:`check_rules` uses this to refuse rule sets where two rules give
different owners to the same question in a situation both match, naming
both rule ids and an example situation, and rules that can never match.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import itertools
from collections.abc import Callable, Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import attrs
from cattrs.errors import AttributeValidationNote, ClassValidationError
from cattrs.gen import make_dict_structure_fn

from rolelens._checks import must_be, must_be_str
from rolelens._conditions import (
    FIELDS,
    OPERATORS,
    Approval,
    Condition,
    FieldSpec,
    Rating,
    Requester,
    Segment,
    enum_hooks,
    rule_problem,
    satisfy,
    show_witness,
)
from rolelens._display import encodable, known_ids, one_line
from rolelens._memo import once
from rolelens._serialization import (
    converter,
    parse_data_text,
    read_data_file,
    structure,
    unknown_fields,
    unstructure,
)
from rolelens.errors import (
    ArgumentError,
    ArgumentTypeError,
    CatalogError,
    DataFileError,
    RoleLensError,
    RuleError,
    ScenarioError,
    ScenarioTypeError,
)

if TYPE_CHECKING:
    from rolelens.model import Catalog

__all__ = [
    "DEFAULT_RULES_RESOURCE",
    "FIELDS",
    "OPERATORS",
    "Approval",
    "Condition",
    "Decision",
    "Feature",
    "FieldSpec",
    "Question",
    "Rating",
    "Requester",
    "Rule",
    "Scenario",
    "Segment",
    "check_rules",
    "decide",
    "default_rules",
    "load_rules",
    "load_scenario",
    "render_decisions",
    "rules_from_data",
    "rules_to_data",
    "scenario_from_data",
]

T = TypeVar("T")
E = TypeVar("E", bound=enum.Enum)

#: Where the built-in rules live inside the package.
DEFAULT_RULES_RESOURCE = "data/rules.toml"


# --------------------------------------------------------------------------- vocabulary


class Question(enum.StrEnum):
    """The question a decision answers: what and why to build, or how and when."""

    WHAT_WHY = "what_why"
    HOW_WHEN = "how_when"

    @property
    def phrase(self) -> str:
        """``"what/why"`` or ``"how/when"``."""
        return self.value.replace("_", "/")


enum_hooks(Question)


# --------------------------------------------------------------------------- scenarios


def _scenario_check(
    kind: type, name: str | None = None
) -> Callable[[object, attrs.Attribute[Any], Any], None]:
    if name is None:  # an enum: list what it takes
        members: type[enum.Enum] = kind
        name = "one of " + ", ".join(repr(member.value) for member in members)

    def check(_instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        wrong = not isinstance(value, kind) or (kind is not bool and isinstance(value, bool))
        # A datetime is a date too, but compares with neither dates nor deadlines.
        if wrong or (kind is dt.date and isinstance(value, dt.datetime)):
            # A str naming no member of an enum is a bad value; anything else (3 for an
            # enum, "yes" for a bool, a dict for a Feature) is of the wrong type.
            unknown_name = isinstance(value, str) and issubclass(kind, enum.Enum)
            error = ScenarioError if unknown_name else ScenarioTypeError
            raise error(f"expected {name}, got {value!r:.40}", field=attribute.name)

    return check


def _enum_value(kind: type[E], value: Any) -> Any:
    """``value`` as a member of ``kind`` when it names one; anything else is left for
    the validator to refuse, so that ``Feature(approval="approved")`` works."""
    if isinstance(value, str) and not isinstance(value, kind):
        try:
            return kind(value)
        except ValueError:
            return value
    return value


# Named converters: attrs' mypy plugin reads named functions only.
def _approval(value: Approval | str) -> Approval:
    return _enum_value(Approval, value)  # type: ignore[no-any-return]


def _requester(value: Requester | str | None) -> Requester | None:
    return _enum_value(Requester, value)  # type: ignore[no-any-return]


def _rating(value: Rating | str | None) -> Rating | None:
    return _enum_value(Rating, value)  # type: ignore[no-any-return]


def _segment(value: Segment | str) -> Segment:
    return _enum_value(Segment, value)  # type: ignore[no-any-return]


def _optional(
    check: Callable[[object, attrs.Attribute[Any], Any], None],
) -> Callable[[object, attrs.Attribute[Any], Any], None]:
    def optional(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        if value is not None:
            check(instance, attribute, value)

    return optional


def _names(value: str | Iterable[str]) -> Any:
    """Tags and departments compare case-insensitively; keep first occurrences in order.

    What is not a string or a list of them (``None``, a number, a mapping) is
    left as it is, for :func:`_check_names` to refuse naming the field.
    """
    given: object = (value,) if isinstance(value, str) else value  # a caller may pass anything
    # A set has no first-seen order: kept as it is, it is refused naming the field.
    if isinstance(given, (Mapping, AbstractSet)) or not isinstance(given, Iterable):
        return given
    return tuple(
        dict.fromkeys(item.strip().lower() if isinstance(item, str) else item for item in given)
    )


def _check_names(_instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, tuple):
        why = " (a set has no order)" if isinstance(value, AbstractSet) else ""
        raise ScenarioTypeError(
            f"expected a list of strings, got {type(value).__name__} {value!r:.40}{why}",
            field=attribute.name,
        )
    for item in value:
        if not isinstance(item, str) or not item:
            error = ScenarioError if isinstance(item, str) else ScenarioTypeError
            raise error(f"expected non-empty strings, got {item!r:.40}", field=attribute.name)


def _check_text(_instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, str) or not value.strip():
        error = ScenarioError if isinstance(value, str) else ScenarioTypeError
        raise error(f"expected a non-empty string, got {value!r:.40}", field=attribute.name)


@attrs.frozen(kw_only=True)
class Feature:
    """The feature a scenario is about.

    ``approval`` is required; everything else has a neutral default: who
    asked, user value and enterprise complexity are "not assessed" (``None``),
    no departments, no deadline, not at risk, and no user evidence yet.

    A bad value raises :class:`~rolelens.errors.ScenarioError` naming the field; a
    value of the wrong type (``name=3``, ``at_risk="yes"``, a deadline written as
    a str) a :class:`~rolelens.errors.ScenarioTypeError`, a ``TypeError`` too.
    """

    approval: Approval = attrs.field(converter=_approval, validator=_scenario_check(Approval))
    name: str = attrs.field(default="the feature", validator=_check_text)
    requested_by: Requester | None = attrs.field(
        default=None, converter=_requester, validator=_optional(_scenario_check(Requester))
    )
    user_value: Rating | None = attrs.field(
        default=None, converter=_rating, validator=_optional(_scenario_check(Rating))
    )
    enterprise_complexity: Rating | None = attrs.field(
        default=None, converter=_rating, validator=_optional(_scenario_check(Rating))
    )
    departments: tuple[str, ...] = attrs.field(default=(), converter=_names, validator=_check_names)
    deadline: dt.date | None = attrs.field(
        default=None, validator=_optional(_scenario_check(dt.date, "a date without a time"))
    )
    at_risk: bool = attrs.field(default=False, validator=_scenario_check(bool, "true or false"))
    user_evidence: bool = attrs.field(
        default=False, validator=_scenario_check(bool, "true or false")
    )


@attrs.frozen(kw_only=True)
class Scenario:
    """A feature request in its market: the input to :func:`decide`.

    ``segment`` is the market, a :class:`Segment` or its value (``"b2b"``,
    ``"b2c"``); ``feature`` the :class:`Feature` requested; ``tags`` free-form
    words that rules may test (``tags`` with ``contains``, for example), kept
    lower-cased in first-seen order, a single string being one tag (a set,
    which has no order, is refused; so are a feature's ``departments`` as a
    set). A bad
    value raises :class:`~rolelens.errors.ScenarioError` naming the field; a value
    of the wrong type (``3`` for a segment, a dict for the feature) a
    :class:`~rolelens.errors.ScenarioTypeError`, which is a ``TypeError`` too.
    """

    segment: Segment = attrs.field(converter=_segment, validator=_scenario_check(Segment))
    feature: Feature = attrs.field(validator=_scenario_check(Feature, "a feature"))
    tags: tuple[str, ...] = attrs.field(default=(), converter=_names, validator=_check_names)

    def describe(self) -> str:
        """One line for people, e.g. ``b2b: "SSO export" (approval pending; ...; on track;
        no user evidence)``: the facts that are set, separated by ``"; "``. A line
        break or other run of white space in a name or tag is one space, as in
        :meth:`Verdict.explain <rolelens.Verdict.explain>`."""
        f = self.feature
        facts = [f"approval {f.approval}"]
        if f.requested_by is not None:
            facts.append(f"requested by {f.requested_by}")
        if f.user_value is not None:
            facts.append(f"user value {f.user_value}")
        if f.enterprise_complexity is not None:
            facts.append(f"enterprise complexity {f.enterprise_complexity}")
        if f.departments:
            facts.append("departments " + ", ".join(f.departments))
        if f.deadline is not None:
            facts.append(f"deadline {f.deadline.isoformat()}")
        facts.append("at risk" if f.at_risk else "on track")
        facts.append("user evidence" if f.user_evidence else "no user evidence")
        if self.tags:
            facts.append("tags " + ", ".join(self.tags))
        # One line: a name from a request's JSON may hold a line break ("SSO\nexport").
        return " ".join(f'{self.segment}: "{f.name}" ({"; ".join(facts)})'.split())

    def to_dict(self) -> dict[str, Any]:
        """This scenario as plain data for JSON, the ``"scenario"`` of ``rolelens decide
        --format json``: enums as their values, the deadline as ``YYYY-MM-DD``, every
        field present. :func:`~rolelens.scenarios.scenario_from_data` reads it back to an
        equal scenario.
        """
        return unstructure(self)  # type: ignore[no-any-return]


# --------------------------------------------------------------------------- rules


def _is_id(value: object) -> bool:
    return (
        isinstance(value, str)
        and 0 < len(value) <= 64
        and value[0].isascii()
        and value[0].isalpha()
        and all(c.isascii() and (c.isalnum() or c in "_-") for c in value)
    )


def _rule_id(_instance: object, attribute: attrs.Attribute[Any], value: str) -> None:
    if not _is_id(value):
        raise rule_problem(
            attribute.name,
            f"{value!r:.40} is not a valid id (a letter, then letters, digits, '_' or '-'; "
            "at most 64)",
            wrong_type=not isinstance(value, str),
        )


def _rule_text(_instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, str) or not value.strip():
        raise rule_problem(
            attribute.name, "must be a non-empty string", wrong_type=not isinstance(value, str)
        )


def _conditions(value: Iterable[Condition]) -> tuple[Any, ...]:
    unordered = isinstance(value, AbstractSet)  # rules_to_data and describe() need an order
    # A mapping too: iterated, its keys were taken, so {condition: note} passed as a list.
    whole = isinstance(value, (str, bytes, Condition, Mapping))
    if whole or unordered or not isinstance(value, Iterable):
        # one condition, a str split into letters, or None: not a list of conditions
        raise rule_problem(
            "when",
            f"expected a list of Condition values, got {type(value).__name__}",
            wrong_type=True,
        )
    out = tuple(value)
    for condition in out:
        if not isinstance(condition, Condition):
            raise rule_problem(
                "when",
                f"expected Condition values, got {type(condition).__name__}",
                wrong_type=True,
            )
    return out


def _question(value: Question | str) -> Question:
    return _enum_value(Question, value)  # type: ignore[no-any-return]


@attrs.frozen
class Rule:
    """When the conditions in ``when`` hold (``match``: all or any), ``owner`` answers ``question``.

    ``owner`` is a role id from the catalog (``product_manager`` or
    ``project_manager`` in the built-in one). Matching rules come out of
    :func:`decide` by descending ``priority``, then in rule-file order.

    A bad value raises :class:`~rolelens.errors.RuleError` naming the field; a value
    of the wrong type (an ``id`` that is no ``str``, ``priority="1"``, ``when`` that
    is no list of :class:`Condition`) a :class:`~rolelens.errors.RuleTypeError`,
    which is a ``TypeError`` too.
    """

    id: str = attrs.field(validator=_rule_id)
    owner: str = attrs.field(validator=_rule_id)
    question: Question = attrs.field(converter=_question)
    recommendation: str = attrs.field(validator=_rule_text)
    rationale: str = attrs.field(validator=_rule_text)
    when: tuple[Condition, ...] = attrs.field(default=(), converter=_conditions)
    match: str = attrs.field(default="all")
    priority: int = attrs.field(default=0)

    @question.validator
    def _check_question(self, attribute: attrs.Attribute[Any], value: Question) -> None:
        if not isinstance(value, Question):
            raise rule_problem(
                attribute.name,
                f"expected 'what_why' or 'how_when', got {value!r:.40}",
                wrong_type=not isinstance(value, str),
            )

    @match.validator
    def _check_match(self, attribute: attrs.Attribute[Any], value: str) -> None:
        if value not in ("all", "any"):
            raise rule_problem(
                attribute.name,
                f"expected 'all' or 'any', got {value!r:.40}",
                wrong_type=not isinstance(value, str),
            )
        if value == "any" and not self.when:
            raise rule_problem("when", "a rule matching 'any' needs at least one condition")

    @priority.validator
    def _check_priority(self, attribute: attrs.Attribute[Any], value: Any) -> None:
        if not isinstance(value, int) or isinstance(value, bool):
            raise rule_problem(
                attribute.name, f"expected an integer, got {value!r:.40}", wrong_type=True
            )

    def matches(self, scenario: Scenario) -> bool:
        """Whether this rule applies to ``scenario``.

        A ``scenario`` that is not a :class:`Scenario` (its plain data, say: see
        :func:`~rolelens.scenarios.scenario_from_data`) raises ``TypeError``.
        """
        # Unchecked, a rule without conditions said it applied to a dict, and one with
        # conditions failed with "'dict' object has no attribute 'segment'".
        must_be(scenario, Scenario, "scenario")
        return self._matches(scenario)

    def _matches(self, scenario: Scenario) -> bool:
        tests = (condition._holds(scenario) for condition in self.when)
        return all(tests) if self.match == "all" else any(tests)

    def describe(self) -> str:
        """One line: ``id: when <conditions> -> owner answers question: recommendation``.

        A line break or other run of white space (a recommendation written as a
        TOML multi-line string) is one space.
        """
        joiner = " and " if self.match == "all" else " or "
        when = joiner.join(str(c) for c in self.when) or "always"
        line = f"{self.id}: when {when} -> {self.owner} ({self.question.phrase}): "
        return " ".join((line + self.recommendation).split())


def _decision_question(_instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, Question):
        # 5 or None is of the wrong type: a TypeError too; a str naming no question is not.
        error = ArgumentError if isinstance(value, str) else ArgumentTypeError
        raise error(
            f"Decision.{attribute.name}: expected 'what_why' or 'how_when', got {value!r:.40}"
        )


@attrs.frozen
class Decision:
    """One answer for a scenario: ``owner`` answers ``question`` by doing ``recommendation``.

    ``question`` may be given as its value (``"what_why"``), as for a :class:`Rule`.
    A text field that is not a ``str`` raises ``TypeError`` naming it, and a question
    that names none :class:`~rolelens.errors.ArgumentError` (one that is no ``str``
    at all, :class:`~rolelens.errors.ArgumentTypeError`, a ``TypeError`` too).
    """

    rule: str = attrs.field(validator=must_be_str)
    owner: str = attrs.field(validator=must_be_str)
    question: Question = attrs.field(converter=_question, validator=_decision_question)
    recommendation: str = attrs.field(validator=must_be_str)
    rationale: str = attrs.field(validator=must_be_str)

    @classmethod
    def from_rule(cls, rule: Rule) -> Decision:
        """The decision ``rule`` gives when it matches; anything but a :class:`Rule`
        raises ``TypeError``."""
        must_be(rule, Rule, "rule")
        return cls(rule.id, rule.owner, rule.question, rule.recommendation, rule.rationale)

    def to_dict(self) -> dict[str, Any]:
        """This decision as plain data for JSON, one of the ``"decisions"`` of
        ``rolelens decide --format json``: ``{"rule", "owner", "question",
        "recommendation", "rationale"}``, the question as its value (``"what_why"``).
        """
        return unstructure(self)  # type: ignore[no-any-return]


def _wrap_field_errors(cls: type[T], strings_not_lists: tuple[str, ...] = ()) -> None:
    """Structure ``cls`` so that errors its constructor raises name their field.

    The constructors above raise :class:`RuleError`/:class:`ScenarioError`
    with ``field`` set; cattrs reports them at the class level, so re-raise
    them as cattrs' own per-attribute validation error. ``strings_not_lists``
    names list fields where a bare string must be refused (cattrs would split
    it into characters).
    """
    base = make_dict_structure_fn(cls, converter)

    def hook(data: Any, _type: Any) -> T:
        if not isinstance(data, dict):
            raise TypeError(f"expected a table, got {type(data).__name__} {data!r:.40}")
        try:
            for name in strings_not_lists:
                if isinstance(data.get(name), str):
                    raise _field_error(cls, name, "expected a list of strings, got a string")
            return base(data, cls)
        except (RuleError, ScenarioError) as exc:  # raised outside cattrs' own wrapping
            raise _field_error(cls, exc.field or "?", exc.problem) from None
        except ClassValidationError as exc:
            own = [
                inner
                for inner in exc.exceptions
                if isinstance(inner, RuleError | ScenarioError)
                and not getattr(inner, "__notes__", None)
            ]
            if len(own) != 1 or len(exc.exceptions) != 1:
                raise
            raise _field_error(cls, own[0].field or "?", own[0].problem) from None

    converter.register_structure_hook(cls, hook)


def _field_error(cls: type, name: str, problem: str) -> ClassValidationError:
    inner = ValueError(problem)
    inner.__notes__ = [
        AttributeValidationNote(
            f"Structuring class {cls.__name__} @ attribute {name}", name, object
        )
    ]
    return ClassValidationError(f"While structuring {cls.__name__}", [inner], cls)


_wrap_field_errors(Condition)
_wrap_field_errors(Rule)
_wrap_field_errors(Feature, ("departments",))
_wrap_field_errors(Scenario, ("tags",))


# --------------------------------------------------------------------------- checking


def _conjunctions(rule: Rule) -> tuple[tuple[Condition, ...], ...]:
    if rule.match == "all":
        return (rule.when,)
    return tuple((condition,) for condition in rule.when)


def _role_ids(catalog: Catalog | None) -> tuple[str, ...]:
    if catalog is None:
        from rolelens.catalog import default_catalog

        catalog = default_catalog()
    else:
        _check_catalog(catalog)
    return tuple(role.id for role in catalog.roles)


def _check_catalog(catalog: object) -> None:
    """``TypeError`` naming ``catalog`` when it is not a :class:`~rolelens.model.Catalog`:
    a catalog file's path given for the loaded catalog (``load_rules(path,
    catalog="po.toml")``) failed with "'str' object has no attribute 'roles'"."""
    from rolelens.model import Catalog

    must_be(catalog, Catalog, "catalog")


#: Upper bound on the condition pairs :func:`check_rules` compares (keeps loading linear-ish).
MAX_CHECK_WORK = 50_000
#: Upper bound on the number of rules in one set.
MAX_RULES = 1_000


def _check_rule_list(rules: object) -> None:
    """``TypeError`` naming ``rules`` when it is no list of rules at all: ``None`` or a
    number gave Python's "'NoneType' object is not iterable", and bytes, iterated as
    ints, "expected a Rule, got int"."""
    refused = (str, bytes, bytearray, memoryview, Rule, Mapping)
    if isinstance(rules, refused) or not isinstance(rules, Iterable):
        raise TypeError(f"rules must be a list of Rule, got {type(rules).__name__}")


def check_rules(
    rules: Iterable[Rule], *, catalog: Catalog | None = None, path: str | None = None
) -> tuple[Rule, ...]:
    """Return ``rules`` as a tuple after checking them as a set.

    Raises :class:`~rolelens.errors.RuleError` for a duplicate id, an owner
    that is not a role of ``catalog`` (default: the built-in catalog), a rule
    that can never match, or two rules that give different owners to the
    same question in a situation both match (the error names both ids and
    such a situation). ``path`` only labels error messages. ``rules`` that
    are no list at all (``None``, a number, a mapping, one :class:`Rule`),
    and a ``catalog`` that is not a :class:`~rolelens.model.Catalog`, raise
    ``TypeError`` naming the argument.
    """
    _check_rule_list(rules)
    roles = _role_ids(catalog)
    rules = tuple(rules)
    if len(rules) > MAX_RULES:
        raise RuleError(f"{len(rules)} rules; a rule set holds at most {MAX_RULES}", path=path)
    seen: dict[str, int] = {}
    for position, rule in enumerate(rules):
        if not isinstance(rule, Rule):
            raise RuleError(f"expected a Rule, got {type(rule).__name__}", path=path)
        if rule.id in seen:
            raise RuleError(
                f"duplicate id (also rules[{seen[rule.id]}])", path=path, entry=rule.id, field="id"
            )
        seen[rule.id] = position
        if rule.owner not in roles:
            raise RuleError(
                f"unknown role {rule.owner!r} (known: {known_ids(roles)})",
                path=path,
                entry=rule.id,
                field="owner",
            )
        if all(satisfy(conj) is None for conj in _conjunctions(rule)):
            raise RuleError(
                "conditions contradict each other, so the rule can never apply",
                path=path,
                entry=rule.id,
                field="when",
            )
    rivals = [
        (first, second)
        for first, second in itertools.combinations(rules, 2)
        if first.question == second.question and first.owner != second.owner
    ]
    # The check is exact but pairwise; bound it so a huge file fails fast.
    work = sum(len(_conjunctions(a)) * len(_conjunctions(b)) for a, b in rivals)
    if work > MAX_CHECK_WORK:
        raise RuleError(
            f"too many rival rule and condition pairs to check for contradictions ({work}, "
            f"limit {MAX_CHECK_WORK}); split the file or use fewer 'any' conditions",
            path=path,
        )
    for first, second in rivals:
        for left, right in itertools.product(_conjunctions(first), _conjunctions(second)):
            witness = satisfy(left + right)
            if witness is not None:
                raise RuleError(
                    f"contradicts rule {second.id!r}: both answer {first.question.phrase}, "
                    f"one for {first.owner} and one for {second.owner}, and both apply when "
                    f"{show_witness(witness)}",
                    path=path,
                    entry=first.id,
                    field="owner",
                )
    return rules


@functools.lru_cache(maxsize=32)
def _checked(rules: tuple[Rule, ...]) -> tuple[Rule, ...]:
    return check_rules(rules)


# --------------------------------------------------------------------------- loading


def rules_from_data(
    data: Any, *, catalog: Catalog | None = None, path: str | None = None
) -> tuple[Rule, ...]:
    """Build and check rules from plain data: ``{"rules": [ {...}, ... ]}``.

    Every mistake raises :class:`~rolelens.errors.RuleError` naming the rule
    (by id when it has one, else ``rules[i]``) and the field. A ``catalog`` that
    is not a :class:`~rolelens.model.Catalog` raises ``TypeError``.
    """
    if catalog is not None:
        _check_catalog(catalog)
    if not isinstance(data, dict):
        raise RuleError(f"expected a table at the top level, got {type(data).__name__}", path=path)
    unknown = sorted(set(data) - {"rules", "version"})
    if unknown:
        raise RuleError(unknown_fields(unknown, ("rules", "version")), path=path)
    version = data.get("version", 1)
    if type(version) is not int or version != 1:  # True and 1.0 equal 1, but are no version
        raise RuleError(
            f"unsupported version {version!r:.20} (expected 1)", path=path, field="version"
        )
    raw_rules = data.get("rules")
    if not isinstance(raw_rules, list):
        raise RuleError("expected a list of rules", path=path, field="rules")
    rules = []
    for position, raw in enumerate(raw_rules):
        raw_id = raw.get("id") if isinstance(raw, dict) else None
        entry = raw_id if isinstance(raw_id, str) and _is_id(raw_id) else f"rules[{position}]"
        try:
            rules.append(structure(raw, Rule, error=RuleError, path=path))
        except RuleError as exc:
            field = ".".join(part for part in (exc.entry, exc.field) if part) or None
            raise RuleError(exc.problem, path=path, entry=entry, field=field) from exc
    return check_rules(rules, catalog=catalog, path=path)


def rules_to_data(rules: Iterable[Rule]) -> dict[str, Any]:
    """Plain data for ``rules`` that :func:`rules_from_data` reads back unchanged.

    ``rules`` that are no list of :class:`Rule` values (``None``, one rule, a list
    holding a dict) raise ``TypeError`` naming the argument or the item.
    """
    _check_rule_list(rules)
    given = tuple(rules)
    for position, rule in enumerate(given):
        # A dict went out unchanged, as data no reader takes back.
        must_be(rule, Rule, f"rules[{position}]")
    return {"version": 1, "rules": [unstructure(rule) for rule in given]}


def load_rules(path: str | Path, *, catalog: Catalog | None = None) -> tuple[Rule, ...]:
    """Load and check a user's rule file (TOML for ``.toml``, otherwise JSON).

    The file is size-limited and parsed as data only; any problem raises
    :class:`~rolelens.errors.RuleError` naming the file, the rule and the field.
    Each rule's ``owner`` must be a role of ``catalog`` (default: the built-in
    catalog), as :func:`decide` checks with the same catalog; a ``catalog`` that is
    not a :class:`~rolelens.model.Catalog` (its file's path, say) raises ``TypeError``.
    """
    if catalog is not None:
        _check_catalog(catalog)
    return rules_from_data(read_data_file(path, error=RuleError), catalog=catalog, path=str(path))


@once
def default_rules() -> tuple[Rule, ...]:
    """The built-in B2B/B2C rules (``rolelens/data/rules.toml``), loaded once."""
    name = f"rolelens/{DEFAULT_RULES_RESOURCE}"
    text = resources.files("rolelens").joinpath(DEFAULT_RULES_RESOURCE).read_text("utf-8")
    return rules_from_data(parse_data_text(text, toml=True, error=RuleError, path=name), path=name)


def scenario_from_data(data: Any) -> Scenario:
    """Build a :class:`Scenario` from plain data, or raise ``ScenarioError`` naming the field."""
    if not isinstance(data, dict):
        raise ScenarioError(f"expected a table/object, got {type(data).__name__}")
    try:
        return structure(data, Scenario, error=DataFileError)
    except DataFileError as exc:
        field = ".".join(part for part in (exc.entry, exc.field) if part) or None
        raise ScenarioError(exc.problem, field=field) from exc


def load_scenario(path: str | Path) -> Scenario:
    """Load a scenario file (TOML for ``.toml``, otherwise JSON).

    An unreadable or unparsable file raises :class:`~rolelens.errors.DataFileError`;
    a missing or wrong field raises :class:`~rolelens.errors.ScenarioError`. Both
    name the file (``path``) as well as the field.
    """
    data = read_data_file(path, error=DataFileError)
    try:
        return scenario_from_data(data)
    except ScenarioError as exc:
        raise ScenarioError(exc.problem, field=exc.field, path=str(path)) from exc


# --------------------------------------------------------------------------- deciding


def decide(
    scenario: Scenario, *, rules: Iterable[Rule] | None = None, catalog: Catalog | None = None
) -> tuple[Decision, ...]:
    """Who owns which decision in ``scenario``, and what they should do.

    Uses the built-in rules unless ``rules`` is given (checked with
    :func:`~rolelens.scenarios.check_rules` against ``catalog``, default the built-in one, so at
    most one role answers each question). Whichever rules are used, every owner must be a
    role of ``catalog``: the built-in rules with a catalog that lacks the built-in roles
    raise :class:`~rolelens.errors.RuleError` naming the rule and its owner. The result lists one
    :class:`Decision` per matching rule, by descending priority, then in rule
    order; with the built-in rules it is never empty. ``rules`` that are no
    list of rules (``5``, a mapping) raise ``TypeError`` naming the argument, as does a
    ``scenario`` that is no :class:`Scenario`.
    """
    must_be(scenario, Scenario, "scenario")
    if catalog is not None:
        from rolelens.model import Catalog

        must_be(catalog, Catalog, "catalog")
    if rules is None:
        chosen = default_rules()
        if catalog is not None:
            _built_in_owners_in(catalog)
    elif catalog is None:
        _check_rule_list(rules)
        given = tuple(rules)
        for rule in given:  # _checked hashes the rules: refuse a dict before it tries
            if not isinstance(rule, Rule):
                raise RuleError(f"expected a Rule, got {type(rule).__name__}")
        chosen = _checked(given)
    else:
        chosen = check_rules(rules, catalog=catalog)
    matching = [(index, rule) for index, rule in enumerate(chosen) if rule._matches(scenario)]
    matching.sort(key=lambda pair: (-pair[1].priority, pair[0]))
    return tuple(Decision.from_rule(rule) for _, rule in matching)


def _built_in_owners_in(catalog: Catalog) -> None:
    """Raise :class:`RuleError` when a built-in rule's owner is not a role of ``catalog``.

    The rest of what :func:`check_rules` checks does not depend on the catalog, and
    the built-in rules passed it when they loaded.
    """
    for rule in default_rules():
        try:
            catalog.role(rule.owner)  # a look-up: decide() runs this on every call
        except CatalogError:
            roles = _role_ids(catalog)
            raise RuleError(
                f"unknown role {rule.owner!r} (known: {known_ids(roles)}); the built-in "
                "rules name the built-in catalog's roles: give rules whose owners are "
                "roles of this catalog",
                path=f"rolelens/{DEFAULT_RULES_RESOURCE}",
                entry=rule.id,
                field="owner",
            ) from None


def _role_names(catalog: Catalog | None) -> dict[str, str]:
    """Each role's name by its id, from ``catalog`` (default: the built-in catalog)."""
    if catalog is not None:
        return {role.id: role.name for role in catalog.roles}
    try:
        from rolelens.catalog import default_catalog

        return {role.id: role.name for role in default_catalog().roles}
    except RoleLensError:  # pragma: no cover - the built-in catalog is checked by its tests
        return {}


def _decision_list(decisions: object) -> tuple[Decision, ...]:
    if isinstance(decisions, (str, Decision, Mapping)) or not isinstance(decisions, Iterable):
        raise TypeError(f"decisions must be a list of Decision, got {type(decisions).__name__}")
    given = tuple(decisions)
    for position, decision in enumerate(given):
        if not isinstance(decision, Decision):
            raise TypeError(
                f"decisions[{position}] must be a Decision, got {type(decision).__name__}"
            )
    return given


def render_decisions(
    scenario: Scenario, decisions: Sequence[Decision], *, catalog: Catalog | None = None
) -> str:
    """Readable text: the scenario, then who decides what, the recommendation and why;
    each line ends with a newline, the last one too, as the other renderers' text does.

    Owners are named as ``catalog`` names them (default: the built-in catalog):
    pass the catalog the decisions were made with, as given to :func:`~rolelens.decide`.
    An owner the catalog does not have is shown by its id. A ``catalog`` that is
    not a :class:`~rolelens.model.Catalog` raises ``TypeError``.

    Scenario fields and rule texts come from users' files, so each is shown on
    one line with control characters written as ``\\xNN``: a name holding an
    escape sequence cannot retitle or clear the reader's terminal. A lone
    surrogate (``json.loads('"\\\\ud800"')`` makes one) is written as its escape,
    the six characters ``\\ud800``, as the command line writes it, so the text
    always encodes as UTF-8. A ``scenario`` that is not a :class:`Scenario`, or
    ``decisions`` that are not :class:`Decision` values, raise ``TypeError``.
    """
    must_be(scenario, Scenario, "scenario")
    decisions = _decision_list(decisions)
    if catalog is not None:
        from rolelens.model import Catalog

        must_be(catalog, Catalog, "catalog")
    names = _role_names(catalog)
    lines = [f"Scenario: {one_line(scenario.describe())}"]
    if not decisions:
        lines.append("No rule applies to this scenario.")
    for decision in decisions:
        who = one_line(names.get(decision.owner, decision.owner))
        lines.append("")
        lines.append(f"{decision.question.phrase}: {who} decides  [rule {one_line(decision.rule)}]")
        lines.append(f"  Do:  {one_line(decision.recommendation)}")
        lines.append(f"  Why: {one_line(decision.rationale)}")
    return encodable("\n".join(lines)) + "\n"
