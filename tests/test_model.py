"""Tests for rolelens.model: invariants of each value and of a whole Catalog."""

from __future__ import annotations

import json
import pickle
from collections.abc import Callable
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import rolelens.catalog  # noqa: F401  (registers the enum hooks on the converter)
from rolelens._serialization import structure, unstructure
from rolelens.catalog import default_catalog
from rolelens.errors import ArgumentError, CatalogError
from rolelens.labels import Label
from rolelens.model import (
    B2BContrast,
    Catalog,
    Dimension,
    Horizon,
    Level,
    MindsetShift,
    Overlap,
    Role,
    Trait,
)
from tests import strategies as s

ROLE_KW: dict[str, Any] = {
    "id": "product_manager",
    "name": "Product Manager",
    "side": Label.PRODUCT,
    "question": "Are we building the right thing?",
    "analogy": "Chooses the destination.",
    "focus": "Value.",
}

MODEL_STRATEGIES: list[tuple[st.SearchStrategy[Any], type[Any]]] = [
    (s.roles(), Role),
    (s.dimensions(), Dimension),
    (s.traits(), Trait),
    (s.overlaps(), Overlap),
    (s.mindset_shifts(), MindsetShift),
    (s.b2b_contrasts(), B2BContrast),
    (s.catalogs(), Catalog),
]
MODEL_IDS = [cls.__name__ for _, cls in MODEL_STRATEGIES]


def _small_catalog(**changes: Any) -> dict[str, Any]:
    """Keyword arguments of a valid two-role, one-dimension catalog, with ``changes`` applied."""
    kwargs: dict[str, Any] = {
        "roles": [Role(**ROLE_KW), attrs.evolve(Role(**ROLE_KW), id="pm2", side=Label.PROJECT)],
        "dimensions": [Dimension("core_focus", "Core focus", "What matters.")],
        "traits": [
            Trait("product_manager", "core_focus", "value", "Owns value."),
            Trait("pm2", "core_focus", "delivery", "Owns delivery."),
        ],
    }
    kwargs.update(changes)
    return kwargs


@pytest.mark.parametrize(("strategy", "cls"), MODEL_STRATEGIES, ids=MODEL_IDS)
@given(data=st.data())
def test_unstructure_then_structure_is_identity(
    strategy: st.SearchStrategy[Any], cls: type[Any], data: st.DataObject
) -> None:
    """Every model type survives the converter unchanged (the catalog file format relies on it)."""
    value = data.draw(strategy)
    assert structure(unstructure(value), cls) == value


@pytest.mark.parametrize(("strategy", "cls"), MODEL_STRATEGIES, ids=MODEL_IDS)
@given(data=st.data())
def test_json_round_trip(
    strategy: st.SearchStrategy[Any], cls: type[Any], data: st.DataObject
) -> None:
    """Every model type survives JSON text, so enums become plain strings and come back typed."""
    value = data.draw(strategy)
    text = json.dumps(unstructure(value))
    back = structure(json.loads(text), cls)
    assert back == value
    assert json.dumps(unstructure(back)) == text


def test_enums_unstructure_to_plain_strings() -> None:
    """Levels, horizons and sides are written as their string values, not enum reprs."""
    trait = Trait("a", "b", "s", "d", level=Level.HIGH, horizon=Horizon.STRATEGIC)
    data = unstructure(trait)
    assert type(data["level"]) is str
    assert data["level"] == "high"
    assert data["horizon"] == "strategic"
    assert type(unstructure(Role(**ROLE_KW))["side"]) is str


def test_structure_gives_typed_enums() -> None:
    """Structuring yields enum members, not bare strings that merely compare equal."""
    role = structure({**ROLE_KW, "side": "project", "titles": []}, Role)
    assert role.side is Label.PROJECT
    trait = structure(
        {"role": "a", "dimension": "b", "summary": "s", "description": "d", "level": "low"},
        Trait,
    )
    assert trait.level is Level.LOW


def test_bad_enum_value_is_named() -> None:
    """An unknown level is refused with the allowed values in the message."""
    data = {"role": "a", "dimension": "b", "summary": "s", "description": "d", "level": "huge"}
    with pytest.raises(CatalogError, match="'high', 'medium', 'low'") as info:
        structure(data, Trait, error=CatalogError)
    assert info.value.field == "level"


def test_lists_become_tuples() -> None:
    """Converters make sequences immutable all the way down."""
    role = Role(**ROLE_KW, titles=["Product Manager", "Product Owner"])
    assert role.titles == ("Product Manager", "Product Owner")
    catalog = Catalog(**_small_catalog())
    assert isinstance(catalog.roles, tuple)
    assert isinstance(catalog.traits, tuple)


def test_a_lone_string_is_not_a_list_of_titles() -> None:
    """titles="Product Manager" is refused instead of becoming a tuple of letters."""
    with pytest.raises(TypeError, match="expected a list"):
        Role(**ROLE_KW, titles="Product Manager")


def test_models_are_frozen() -> None:
    """Values cannot be changed after construction; attrs.evolve makes a changed copy."""
    role = Role(**ROLE_KW)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        role.name = "Other"  # type: ignore[misc]
    assert attrs.evolve(role, name="Other").name == "Other"


@pytest.mark.parametrize("bad_id", ["", "Product", "1role", "role-id", "role id", "a" * 65, "é"])
def test_bad_ids_are_refused(bad_id: str) -> None:
    """Ids must be lowercase identifiers, so they are safe in files, CSV, HTML attributes."""
    with pytest.raises(ValueError, match=r"id: .* is not a valid id"):
        Role(**{**ROLE_KW, "id": bad_id})


@given(s.ids())
def test_generated_ids_are_accepted(good_id: str) -> None:
    """The ids strategy only makes ids the model accepts (other strategies rely on it)."""
    assert Dimension(good_id, "Name", "Description").id == good_id


@pytest.mark.parametrize("blank", ["", "   ", "\n"])
def test_blank_text_is_refused(blank: str) -> None:
    """Names, questions and descriptions must say something."""
    with pytest.raises(ValueError, match="question: must not be empty"):
        Role(**{**ROLE_KW, "question": blank})
    with pytest.raises(ValueError, match="titles: must not be empty"):
        Role(**ROLE_KW, titles=["ok", blank])


@pytest.mark.parametrize("side", [Label.SHARED, Label.OTHER])
def test_role_side_is_product_or_project(side: Label) -> None:
    """A role leans to product or project; shared and other describe statements only."""
    with pytest.raises(ValueError, match="side: must be 'product' or 'project'"):
        Role(**{**ROLE_KW, "side": side})


def test_facets_accept_their_string_values() -> None:
    """Levels, horizons and sides given as strings become enum members; others are refused."""
    trait = Trait("a", "b", "s", "d", level="high", horizon="operational")
    assert trait.level is Level.HIGH
    assert trait.horizon is Horizon.OPERATIONAL
    assert Role(**{**ROLE_KW, "side": "project"}).side is Label.PROJECT
    with pytest.raises(ValueError, match="level: expected one of 'high', 'medium', 'low'"):
        Trait("a", "b", "s", "d", level="huge")
    with pytest.raises(ValueError, match="horizon: expected one of"):
        Trait("a", "b", "s", "d", horizon=3)  # type: ignore[arg-type]


# --- Catalog consistency ------------------------------------------------------


def _catalog_error(**changes: Any) -> CatalogError:
    with pytest.raises(CatalogError) as info:
        Catalog(**_small_catalog(**changes))
    return info.value


def test_duplicate_role_id() -> None:
    """Two roles with one id are refused, naming the second entry and the id field."""
    roles = [Role(**ROLE_KW), Role(**ROLE_KW)]
    error = _catalog_error(roles=roles)
    assert (error.entry, error.field) == ("roles[1]", "id")
    assert "'product_manager'" in str(error)


@pytest.mark.parametrize(
    ("field", "make"),
    [
        ("dimensions", lambda: Dimension("core_focus", "Again", "Repeated.")),
        ("overlaps", lambda: Overlap("meetings", "Meetings", "Both meet.")),
        ("shifts", lambda: MindsetShift("x", "tasks", "problems", "Why?", "Shift.")),
        ("b2b", lambda: B2BContrast("x", "A request.", "Decides.", "Delivers.")),
    ],
)
def test_duplicate_ids_in_every_collection(field: str, make: Any) -> None:
    """Every id-bearing collection rejects repeats, naming the entry."""
    existing = list(_small_catalog()[field]) if field == "dimensions" else []
    items = [*existing, make(), make()] if not existing else [*existing, make()]
    error = _catalog_error(**{field: items})
    assert error.entry == f"{field}[{len(items) - 1}]"
    assert error.field == "id"


def test_trait_for_unknown_role() -> None:
    """A trait naming a role the catalog lacks is refused, naming entry and field."""
    traits = [*_small_catalog()["traits"], Trait("ghost", "core_focus", "s", "d")]
    error = _catalog_error(traits=traits)
    assert (error.entry, error.field) == ("traits[2]", "role")
    assert "'ghost'" in str(error)


def test_trait_for_unknown_dimension() -> None:
    """A trait naming a dimension the catalog lacks is refused."""
    traits = [*_small_catalog()["traits"], Trait("pm2", "vision", "s", "d")]
    error = _catalog_error(traits=traits)
    assert (error.entry, error.field) == ("traits[2]", "dimension")
    assert "'vision'" in str(error)


def test_second_trait_for_same_pair() -> None:
    """One role has exactly one value per dimension."""
    traits = [*_small_catalog()["traits"], Trait("pm2", "core_focus", "again", "Again.")]
    error = _catalog_error(traits=traits)
    assert error.entry == "traits[2]"
    assert "traits[1]" in str(error)


def test_missing_trait() -> None:
    """A role without a value on some dimension is refused, naming role and dimension."""
    error = _catalog_error(traits=_small_catalog()["traits"][:1])
    assert (error.entry, error.field) == ("roles[1]", "traits")
    assert "'pm2'" in str(error)
    assert "'core_focus'" in str(error)


@pytest.mark.parametrize("field", ["roles", "dimensions"])
def test_empty_catalog_is_refused(field: str) -> None:
    """A catalog with no roles or no dimensions cannot compare anything."""
    error = _catalog_error(**{field: [], "traits": []})
    assert error.field == field


# --- Catalog lookups ------------------------------------------------------------


@given(s.catalogs())
def test_lookups_find_every_entry(catalog: Catalog) -> None:
    """role(), dimension() and trait() return exactly the catalog's entries."""
    for role in catalog.roles:
        assert catalog.role(role.id) is role
        for dimension in catalog.dimensions:
            assert catalog.dimension(dimension.id) is dimension
            trait = catalog.trait(role.id, dimension.id)
            assert (trait.role, trait.dimension) == (role.id, dimension.id)


@given(s.catalogs())
def test_roles_on_side_partitions_roles(catalog: Catalog) -> None:
    """Every role is on exactly one side, and catalog order is kept."""
    product = catalog.roles_on_side(Label.PRODUCT)
    project = catalog.roles_on_side(Label.PROJECT)
    # Each side's roles as the catalog lists them, in its order (not merely the same set).
    assert product == tuple(role for role in catalog.roles if role.side is Label.PRODUCT)
    assert project == tuple(role for role in catalog.roles if role.side is Label.PROJECT)
    assert len(product) + len(project) == len(catalog.roles)


@pytest.mark.parametrize("side", ["Product", " project ", "PRODUCT"])
def test_roles_on_side_reads_the_side_as_label_read_does(side: str) -> None:
    """``roles_on_side("Product")`` raised ArgumentError, while evaluate_predictions and
    the example readers take "Product" for the product label: the side is read with
    ``Label.read`` now."""
    catalog = default_catalog()
    wanted = Label.read(side)
    assert catalog.roles_on_side(side) == catalog.roles_on_side(wanted)
    assert [role.side for role in catalog.roles_on_side(side)] == [wanted]


@pytest.mark.parametrize("side", [Label.SHARED, "shared", Label.OTHER, "Other"])
def test_roles_on_side_refuses_a_side_no_role_can_carry(side: Label | str) -> None:
    """``roles_on_side("shared")`` gave ``()``, as if the catalog merely lacked such
    roles, though a role's side can only be product or project: it is an unknown side,
    an error as "bogus" is."""
    with pytest.raises(ArgumentError, match=r"^side must be 'product' or 'project'"):
        default_catalog().roles_on_side(side)
    with pytest.raises(ArgumentError, match=r"^unknown label 'bogus'"):
        default_catalog().roles_on_side("bogus")


def test_roles_on_side_names_a_side_that_is_no_str() -> None:
    """``roles_on_side(None)`` raised ArgumentError "unknown label None"."""
    with pytest.raises(TypeError, match=r"^side must be a Label or a str, got NoneType$"):
        default_catalog().roles_on_side(None)  # type: ignore[arg-type]


def test_unknown_lookups_name_the_id() -> None:
    """Looking up a missing id raises CatalogError naming it and the known ids."""
    catalog = Catalog(**_small_catalog())
    with pytest.raises(CatalogError, match=r"unknown role 'ghost'.*product_manager"):
        catalog.role("ghost")
    with pytest.raises(CatalogError, match="unknown dimension 'vision'"):
        catalog.dimension("vision")
    with pytest.raises(CatalogError, match="unknown dimension 'vision'"):
        catalog.trait("pm2", "vision")


def test_catalog_equality_ignores_lookup_indexes() -> None:
    """Two catalogs built from the same data are equal and hash alike."""
    first = Catalog(**_small_catalog())
    second = Catalog(**_small_catalog())
    assert first == second
    assert hash(first) == hash(second)
    assert "_role_index" not in repr(first)


@given(s.catalogs())
def test_catalog_crosses_process_boundaries(catalog: Catalog) -> None:
    """A pickled catalog (as sent to worker processes) is equal and its lookups still work."""
    copy = pickle.loads(pickle.dumps(catalog))
    assert copy == catalog
    role, dimension = catalog.roles[-1], catalog.dimensions[-1]
    assert copy.trait(role.id, dimension.id) == catalog.trait(role.id, dimension.id)


def test_catalog_refuses_items_of_the_wrong_type() -> None:
    """A role where an overlap belongs, or a bare string, is a TypeError naming the slot.

    Without the check the first was kept silently and the second failed with an
    AttributeError about ``.id``.
    """
    kwargs = _small_catalog()
    with pytest.raises(TypeError, match=r"overlaps\[0\]: expected an Overlap, got Role"):
        Catalog(**kwargs, overlaps=kwargs["roles"])
    with pytest.raises(TypeError, match=r"roles\[1\]: expected a Role, got str"):
        Catalog(**{**kwargs, "roles": [kwargs["roles"][0], "pm2"]})
    with pytest.raises(TypeError, match=r"b2b\[0\]: expected a B2BContrast, got dict"):
        Catalog(**kwargs, b2b=[{"id": "x"}])


def _many_roles(count: int) -> Catalog:
    """A valid catalog of ``count`` roles on one dimension."""
    roles = [attrs.evolve(Role(**ROLE_KW), id=f"role_{n}") for n in range(count)]
    dimension = Dimension("core_focus", "Core focus", "What matters.")
    traits = [Trait(role.id, "core_focus", "value", "Owns value.") for role in roles]
    return Catalog(roles, [dimension], traits)


def test_repr_of_a_big_catalog_is_short() -> None:
    """A catalog's repr (what a REPL prints for ``load_catalog(...)``) showed every role
    and every trait in full: for 500 roles, 500 traits more. Now each kind with many
    items names how many and shows the first; a small catalog's repr is attrs' own."""
    catalog = _many_roles(500)
    shown = repr(catalog)
    assert len(shown) < 1500
    assert "roles=<500 roles: " in shown
    assert "traits=<500 traits: " in shown
    assert repr(catalog.roles[0]) in shown
    assert repr(catalog.roles[1]) not in shown
    assert f"dimensions={catalog.dimensions!r}" in shown
    small = default_catalog()
    assert repr(small) == (
        "Catalog("
        + ", ".join(f"{f.name}={getattr(small, f.name)!r}" for f in attrs.fields(Catalog) if f.repr)
        + ")"
    )


def _unknown_role_errors(catalog: Catalog) -> list[Exception]:
    """The error of each way to name a role the catalog lacks, in the library."""
    from rolelens.comparisons import comparison
    from rolelens.errors import RuleError
    from rolelens.scenarios import Approval, Feature, Question, Rule, Scenario, decide

    stray = Trait("nobody", "core_focus", "value", "Owns value.")
    rule = Rule("r", "nobody", Question.WHAT_WHY, "Do it.", "Because.")
    scenario = Scenario(segment="b2b", feature=Feature(approval=Approval.PENDING))
    attempts: list[Callable[[], object]] = [
        lambda: Catalog(catalog.roles, catalog.dimensions, (*catalog.traits, stray)),
        lambda: catalog.role("nobody"),
        lambda: comparison(["nobody"], catalog=catalog),
        lambda: comparison(catalog=catalog).cell("nobody", "core_focus"),
        lambda: decide(scenario, rules=[rule], catalog=catalog),
        lambda: decide(scenario, catalog=catalog),  # the built-in rules' owners
    ]
    errors: list[Exception] = []
    for attempt in attempts:
        with pytest.raises((CatalogError, RuleError)) as info:
            attempt()
        errors.append(info.value)
    return errors


def test_an_unknown_id_error_lists_a_bounded_number_of_the_known_ones() -> None:
    """ "(known: ...)" listed every id of the catalog: with 50,000 roles, one error line
    of 590 KB on stderr. Now at most ten ids, then how many more; a small catalog's
    ids are all listed as before."""
    for error in _unknown_role_errors(_many_roles(5_000)):
        message = str(error)
        assert len(message) < 500, message[:600]
        assert "role_0, role_1," in message
        assert "role_9 and 4,990 more" in message
        assert "role_10," not in message
    for error in _unknown_role_errors(_many_roles(3)):
        assert "role_0, role_1, role_2" in str(error)
        assert "more" not in str(error)


WRONG_TYPES: dict[str, Callable[[], object]] = {
    "a role id of 5": lambda: Role(**{**ROLE_KW, "id": 5}),
    "a role side of None": lambda: Role(**{**ROLE_KW, "side": None}),
    "a dimension id of None": lambda: Dimension(None, "Focus", "What it is about"),  # type: ignore[arg-type]
    "a trait level of 5": lambda: Trait("a", "b", "s", "d", level=5),  # type: ignore[arg-type]
    "a trait horizon of True": lambda: Trait("a", "b", "s", "d", horizon=True),  # type: ignore[arg-type]
}


@pytest.mark.parametrize("name", sorted(WRONG_TYPES))
def test_a_model_field_of_the_wrong_type_is_a_type_error(name: str) -> None:
    """Role(id=5), side=None and level=5 raised ArgumentError alone, where a name of the
    wrong type is a TypeError (docs/reference/errors.md); they are both now
    (ArgumentTypeError), so code catching ArgumentError or ValueError still works,
    and the error pickles as itself."""
    from rolelens.errors import ArgumentTypeError

    with pytest.raises(TypeError) as info:
        WRONG_TYPES[name]()
    assert isinstance(info.value, ArgumentError)
    again = pickle.loads(pickle.dumps(info.value))
    assert type(again) is ArgumentTypeError
    assert str(again) == str(info.value)


def test_a_bad_model_value_of_the_right_type_is_no_type_error() -> None:
    """An id, side or level that is a str but names nothing stays an ArgumentError alone."""
    for call in (
        lambda: Role(**{**ROLE_KW, "id": "Product Manager"}),
        lambda: Role(**{**ROLE_KW, "side": "shared"}),
        lambda: Trait("a", "b", "s", "d", level="huge"),
    ):
        with pytest.raises(ArgumentError) as info:
            call()
        assert not isinstance(info.value, TypeError)
