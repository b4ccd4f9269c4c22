"""The vocabulary of the two roles: roles, dimensions, traits, overlap, shifts, B2B contrast.

Every class here is a frozen, slotted attrs value, validated on construction
and free of any file-format logic: :mod:`rolelens.catalog` turns TOML into
these values and :mod:`rolelens.comparisons` turns them into tables.

A :class:`Catalog` holds a whole body of knowledge and checks that it is
consistent: ids are unique, every trait names a known role and dimension,
and every role has exactly one trait on every dimension.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Mapping
from collections.abc import Set as AbstractSet
from typing import Any, TypeVar

import attrs

from rolelens._checks import must_be
from rolelens._display import bounded_repr, known_ids, shown_id
from rolelens.errors import ArgumentError, ArgumentTypeError, CatalogError
from rolelens.labels import Label

__all__ = [
    "ID_PATTERN",
    "ROLE_SIDES",
    "B2BContrast",
    "Catalog",
    "Dimension",
    "Horizon",
    "Level",
    "MindsetShift",
    "Overlap",
    "Role",
    "Trait",
]

#: Every id (role, dimension, overlap, shift, B2B contrast) matches this pattern.
ID_PATTERN = re.compile(r"[a-z][a-z0-9_]{0,63}")

#: The labels a role may lean to; ``shared`` and ``other`` describe statements, not roles.
ROLE_SIDES: frozenset[Label] = frozenset({Label.PRODUCT, Label.PROJECT})
_SIDE_VALUES = frozenset(side.value for side in ROLE_SIDES)


class Level(enum.StrEnum):
    """How strongly a role engages on a dimension (for example, with users)."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class Horizon(enum.StrEnum):
    """The time horizon of a role's decisions.

    ``STRATEGIC``: long-term direction. ``OPERATIONAL``: day-to-day execution.
    """

    STRATEGIC = "strategic"
    OPERATIONAL = "operational"


def _valid_id(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str) or ID_PATTERN.fullmatch(value) is None:
        # An id that is no str (5, None) is of the wrong type: a TypeError too.
        error = ArgumentError if isinstance(value, str) else ArgumentTypeError
        raise error(
            f"{attribute.name}: {value!r:.40} is not a valid id "
            "(lowercase letter first, then lowercase letters, digits or '_', at most 64)"
        )


def _text(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str):
        raise TypeError(f"{attribute.name}: expected a string, got {type(value).__name__}")
    if not value.strip():
        raise ArgumentError(f"{attribute.name}: must not be empty")


def _a_list(attribute: attrs.Attribute[Any], value: object) -> None:
    """Refuse what :func:`_as_tuple` left as it was, naming the field: ``None``, a
    mapping (only its keys would be kept), a set (it has no order, and order is
    meaningful here), a single value, a string."""
    if isinstance(value, tuple):
        return
    if isinstance(value, str):  # a lone string would silently become its characters
        raise TypeError(f"{attribute.name}: expected a list, got the string {value!r:.40}")
    why = " (a set has no order)" if isinstance(value, AbstractSet) else ""
    raise TypeError(f"{attribute.name}: expected a list, got {type(value).__name__}{why}")


def _texts(instance: object, attribute: attrs.Attribute[Any], value: tuple[str, ...]) -> None:
    _a_list(attribute, value)
    for item in value:
        _text(instance, attribute, item)


def _side(_instance: object, attribute: attrs.Attribute[Any], value: Label) -> None:
    if value not in ROLE_SIDES:
        raise ArgumentError(
            f"{attribute.name}: must be 'product' or 'project', got {value.value!r}"
        )


def _as_tuple(value: Iterable[Any]) -> Any:
    """A list (or any ordered iterable) as a tuple; anything else is left as it is, for
    the field's validator to refuse naming the field (see :func:`_a_list`)."""
    given: object = value  # whatever the annotation says, a caller may pass anything
    if isinstance(given, (str, Mapping, AbstractSet)) or not isinstance(given, Iterable):
        return given
    return tuple(value)


def _items_of(kind: type) -> Any:
    """A validator: every item of the (tuple) field is a ``kind``.

    Without it a role passed where an overlap belongs is silently kept, and a
    plain string fails later with an ``AttributeError`` about ``.id``.
    """

    article = "an" if kind.__name__[0] in "AEIOU" else "a"

    def check(_instance: object, attribute: attrs.Attribute[Any], value: tuple[Any, ...]) -> None:
        _a_list(attribute, value)
        for position, item in enumerate(value):
            if not isinstance(item, kind):
                raise TypeError(
                    f"{attribute.name}[{position}]: expected {article} {kind.__name__}, "
                    f"got {type(item).__name__}"
                )

    return check


_Choice = TypeVar("_Choice", Label, Level, Horizon)


def _choice(kind: type[_Choice], value: object, field: str) -> _Choice:
    """``value`` as a member of ``kind`` (members pass, their string values convert)."""
    if isinstance(value, kind):
        return value
    if isinstance(value, str):
        for member in kind:
            if member.value == value:
                return member
    allowed = ", ".join(repr(member.value) for member in kind)
    error = ArgumentError if isinstance(value, str) else ArgumentTypeError  # level=5
    raise error(f"{field}: expected one of {allowed}, got {value!r:.40}")


def _to_label(value: Label | str) -> Label:
    # Named by the two sides a role can take: "expected one of" all four labels sent a
    # catalog's author to 'shared' or 'other', which _side then refused.
    given: object = value  # whatever the annotation says, a caller may pass anything
    if isinstance(given, Label) or (isinstance(given, str) and given in _SIDE_VALUES):
        return _choice(Label, value, "side")
    error = ArgumentError if isinstance(given, str) else ArgumentTypeError  # side=None
    raise error(f"side: expected 'product' or 'project', got {given!r:.40}")


def _to_level(value: Level | str | None) -> Level | None:
    return None if value is None else _choice(Level, value, "level")


def _to_horizon(value: Horizon | str | None) -> Horizon | None:
    return None if value is None else _choice(Horizon, value, "horizon")


@attrs.frozen
class Role:
    """One role: the question it asks, its analogy, its focus, the titles that lean to it.

    ``side`` says which label the role's work carries (``product`` or
    ``project``); a user catalog may add, say, a Product Owner on the product
    side. ``titles`` are job titles that usually mean this role.
    """

    id: str = attrs.field(validator=_valid_id)
    name: str = attrs.field(validator=_text)
    side: Label = attrs.field(converter=_to_label, validator=_side)
    question: str = attrs.field(validator=_text)
    analogy: str = attrs.field(validator=_text)
    focus: str = attrs.field(validator=_text)
    titles: tuple[str, ...] = attrs.field(default=(), converter=_as_tuple, validator=_texts)


@attrs.frozen
class Dimension:
    """An axis on which the roles differ, such as ``success_metrics``."""

    id: str = attrs.field(validator=_valid_id)
    name: str = attrs.field(validator=_text)
    description: str = attrs.field(validator=_text)


@attrs.frozen
class Trait:
    """The value of one role on one dimension.

    ``summary`` is a short phrase fit for one-line explanations ("how and
    when"); ``description`` is the prose. ``level`` and ``horizon`` are typed
    facets for dimensions that have them (user involvement, decision making).
    """

    role: str = attrs.field(validator=_valid_id)
    dimension: str = attrs.field(validator=_valid_id)
    summary: str = attrs.field(validator=_text)
    description: str = attrs.field(validator=_text)
    level: Level | None = attrs.field(default=None, converter=_to_level)
    horizon: Horizon | None = attrs.field(default=None, converter=_to_horizon)


@attrs.frozen
class Overlap:
    """Common ground both roles share, such as cross-functional teams."""

    id: str = attrs.field(validator=_valid_id)
    name: str = attrs.field(validator=_text)
    description: str = attrs.field(validator=_text)


@attrs.frozen
class MindsetShift:
    """A change of framing for moving from project to product thinking.

    ``from_`` is what a project mind looks at (tasks), ``to`` what a product
    mind looks at instead (problems), ``question`` the question that makes
    the shift.
    """

    id: str = attrs.field(validator=_valid_id)
    from_: str = attrs.field(validator=_text)
    to: str = attrs.field(validator=_text)
    question: str = attrs.field(validator=_text)
    description: str = attrs.field(validator=_text)


@attrs.frozen
class B2BContrast:
    """How each side handles one B2B situation, such as an enterprise feature request."""

    id: str = attrs.field(validator=_valid_id)
    situation: str = attrs.field(validator=_text)
    product: str = attrs.field(validator=_text)
    project: str = attrs.field(validator=_text)


def _unique(kind: str, ids: Iterable[str]) -> dict[str, int]:
    index: dict[str, int] = {}
    for position, item_id in enumerate(ids):
        if item_id in index:
            raise CatalogError(
                f"duplicate id {item_id!r} (first used by {kind}[{index[item_id]}])",
                entry=f"{kind}[{position}]",
                field="id",
            )
        index[item_id] = position
    return index


#: How many items of each kind a catalog's repr shows in full: with more, it
#: shows how many and the first.
REPR_ITEMS = 12
_REPR_NOUNS = {
    "roles": "roles",
    "dimensions": "dimensions",
    "traits": "traits",
    "overlaps": "overlaps",
    "shifts": "shifts",
    "b2b": "contrasts",
}


@attrs.frozen
class Catalog:
    """Everything rolelens knows about the two roles, checked for consistency.

    Construction raises :class:`~rolelens.errors.CatalogError` naming the
    entry and field when ids repeat, a trait refers to an unknown role or
    dimension, a role/dimension pair has two traits, or a role lacks a trait
    on some dimension. Order is meaningful: comparisons follow it.
    """

    roles: tuple[Role, ...] = attrs.field(converter=_as_tuple, validator=_items_of(Role))
    dimensions: tuple[Dimension, ...] = attrs.field(
        converter=_as_tuple, validator=_items_of(Dimension)
    )
    traits: tuple[Trait, ...] = attrs.field(converter=_as_tuple, validator=_items_of(Trait))
    overlaps: tuple[Overlap, ...] = attrs.field(
        default=(), converter=_as_tuple, validator=_items_of(Overlap)
    )
    shifts: tuple[MindsetShift, ...] = attrs.field(
        default=(), converter=_as_tuple, validator=_items_of(MindsetShift)
    )
    b2b: tuple[B2BContrast, ...] = attrs.field(
        default=(), converter=_as_tuple, validator=_items_of(B2BContrast)
    )

    _role_index: dict[str, int] = attrs.field(init=False, eq=False, repr=False)
    _dimension_index: dict[str, int] = attrs.field(init=False, eq=False, repr=False)
    _trait_index: dict[tuple[str, str], int] = attrs.field(init=False, eq=False, repr=False)

    def __repr__(self) -> str:
        # A catalog of hundreds of roles has a trait for each role on each dimension:
        # its repr, what a REPL prints, was every one of them in full.
        return bounded_repr(self, _REPR_NOUNS, most=REPR_ITEMS, shown=1)

    def __attrs_post_init__(self) -> None:
        if not self.roles:
            raise CatalogError("a catalog needs at least one role", field="roles")
        if not self.dimensions:
            raise CatalogError("a catalog needs at least one dimension", field="dimensions")
        roles = _unique("roles", (r.id for r in self.roles))
        dimensions = _unique("dimensions", (d.id for d in self.dimensions))
        _unique("overlaps", (o.id for o in self.overlaps))
        _unique("shifts", (s.id for s in self.shifts))
        _unique("b2b", (b.id for b in self.b2b))
        traits: dict[tuple[str, str], int] = {}
        for position, trait in enumerate(self.traits):
            entry = f"traits[{position}]"
            if trait.role not in roles:
                raise CatalogError(
                    f"unknown role {trait.role!r} (known: {known_ids(roles)})",
                    entry=entry,
                    field="role",
                )
            if trait.dimension not in dimensions:
                raise CatalogError(
                    f"unknown dimension {trait.dimension!r} (known: {known_ids(dimensions)})",
                    entry=entry,
                    field="dimension",
                )
            key = (trait.role, trait.dimension)
            if key in traits:
                raise CatalogError(
                    f"second trait for role {trait.role!r} on dimension {trait.dimension!r} "
                    f"(first is traits[{traits[key]}])",
                    entry=entry,
                    field="dimension",
                )
            traits[key] = position
        for role_position, role in enumerate(self.roles):
            for dimension in self.dimensions:
                if (role.id, dimension.id) not in traits:
                    raise CatalogError(
                        f"role {role.id!r} has no trait on dimension {dimension.id!r}",
                        entry=f"roles[{role_position}]",
                        field="traits",
                    )
        object.__setattr__(self, "_role_index", roles)
        object.__setattr__(self, "_dimension_index", dimensions)
        object.__setattr__(self, "_trait_index", traits)

    def role(self, role_id: str) -> Role:
        """Return the role with ``role_id`` or raise ``CatalogError`` naming it.

        A ``role_id`` that is not a ``str`` raises ``TypeError`` naming its type.
        """
        must_be(role_id, str, "role_id")
        position = self._role_index.get(role_id)
        if position is None:
            raise CatalogError(
                f"unknown role {shown_id(role_id)} (known: {known_ids(self._role_index)})",
                field="roles",
            )
        return self.roles[position]

    def dimension(self, dimension_id: str) -> Dimension:
        """Return the dimension with ``dimension_id`` or raise ``CatalogError`` naming it.

        A ``dimension_id`` that is not a ``str`` raises ``TypeError`` naming its type.
        """
        must_be(dimension_id, str, "dimension_id")
        position = self._dimension_index.get(dimension_id)
        if position is None:
            raise CatalogError(
                f"unknown dimension {shown_id(dimension_id)} "
                f"(known: {known_ids(self._dimension_index)})",
                field="dimensions",
            )
        return self.dimensions[position]

    def trait(self, role_id: str, dimension_id: str) -> Trait:
        """Return the value of ``role_id`` on ``dimension_id``; unknown ids raise CatalogError
        (and an id that is not a ``str``, ``TypeError``)."""
        self.role(role_id)
        self.dimension(dimension_id)
        return self.traits[self._trait_index[(role_id, dimension_id)]]

    def roles_on_side(self, side: Label | str) -> tuple[Role, ...]:
        """Return the roles whose work carries ``side`` (product or project), in catalog order.

        ``side`` is read as :meth:`Label.read <rolelens.Label.read>` reads a
        label, so ``"Product"`` and ``" project "`` name their sides. A side no role
        may carry (``shared``, ``other``: see :data:`~rolelens.model.ROLE_SIDES`) or no label at all
        raises :class:`~rolelens.errors.ArgumentError`, and a ``side`` that is no ``str``
        ``TypeError``. A side with no role in this catalog gives ``()``.

        >>> from rolelens import default_catalog
        >>> [role.id for role in default_catalog().roles_on_side("Product")]
        ['product_manager']
        """
        if not isinstance(side, str):
            raise TypeError(f"side must be a Label or a str, got {type(side).__name__}")
        wanted = Label.read(side)
        # An unknown side is an error, not "no roles": shared and other are labels of
        # statements, and no role can be on them, so asking for them is a mistake.
        if wanted not in ROLE_SIDES:
            raise ArgumentError(
                f"side must be 'product' or 'project' (a role's side), got {wanted.value!r}"
            )
        return tuple(role for role in self.roles if role.side == wanted)
