"""Tests for rolelens.catalog: the built-in knowledge, user catalogs and every bad-input case."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import given

from rolelens._serialization import unstructure
from rolelens.catalog import catalog_from_data, default_catalog, load_catalog
from rolelens.comparisons import comparison, from_dict, to_dict
from rolelens.errors import ArgumentError, CatalogError
from rolelens.labels import Label
from rolelens.model import Catalog, Horizon, Level, Role
from tests import strategies as s
from tests.conftest import ROOT

BUILTIN = ROOT / "src" / "rolelens" / "data" / "catalog.toml"
PRODUCT_OWNER_EXAMPLE = ROOT / "examples" / "product_owner_catalog.toml"
FIVE_DIMENSIONS = (
    "core_focus",
    "primary_responsibility",
    "success_metrics",
    "user_involvement",
    "decision_making",
)


# --- the built-in catalog -----------------------------------------------------------


def test_builtin_roles_and_questions() -> None:
    """The two roles carry the questions the whole project is built on."""
    catalog = default_catalog()
    assert [role.id for role in catalog.roles] == ["product_manager", "project_manager"]
    product, project = catalog.roles
    assert product.side is Label.PRODUCT
    assert project.side is Label.PROJECT
    assert product.question == "Are we building the right thing?"
    assert project.question == "Are we building it right and on time?"
    assert "destination" in product.analogy
    assert "on time" in project.analogy
    assert "Product Owner" in product.titles
    assert {"Program Manager", "Delivery Manager", "Scrum Master"} <= set(project.titles)


def test_builtin_dimensions_are_the_five() -> None:
    """Comparisons show exactly the five dimensions, in this order."""
    assert tuple(d.id for d in default_catalog().dimensions) == FIVE_DIMENSIONS


def test_builtin_typed_facets() -> None:
    """User involvement is a level (high vs low), decision making a horizon, not only prose."""
    catalog = default_catalog()
    assert catalog.trait("product_manager", "user_involvement").level is Level.HIGH
    assert catalog.trait("project_manager", "user_involvement").level is Level.LOW
    assert catalog.trait("product_manager", "decision_making").horizon is Horizon.STRATEGIC
    assert catalog.trait("project_manager", "decision_making").horizon is Horizon.OPERATIONAL


def test_builtin_summaries() -> None:
    """One-line explanations elsewhere rely on these short phrases."""
    catalog = default_catalog()
    assert catalog.trait("product_manager", "primary_responsibility").summary == "what and why"
    assert catalog.trait("project_manager", "primary_responsibility").summary == "how and when"
    metric = catalog.trait("project_manager", "success_metrics").summary
    assert "on time" in metric
    assert "budget" in metric


def test_builtin_overlap_shifts_and_b2b() -> None:
    """The common ground, the three mindset shifts and the B2B contrast are all present."""
    catalog = default_catalog()
    assert [o.id for o in catalog.overlaps] == [
        "cross_functional_teams",
        "meetings",
        "timelines_and_delivery",
    ]
    questions = {shift.id: shift.question for shift in catalog.shifts}
    assert questions == {
        "tasks_to_problems": "What problem does this solve?",
        "timelines_to_outcomes": "What result should this achieve?",
        "features_to_value": "Will a user actually pay for or use this?",
    }
    assert [(shift.from_, shift.to) for shift in catalog.shifts] == [
        ("tasks", "problems"),
        ("timelines", "outcomes"),
        ("features", "value"),
    ]
    request = catalog.b2b[0]
    assert "decline" in request.product
    assert "complexity" in request.product
    assert "departments" in request.project


def test_default_catalog_is_cached() -> None:
    """The built-in file is read once; later calls return the same value."""
    assert default_catalog() is default_catalog()


def test_import_does_not_load_the_catalog() -> None:
    """`import rolelens` stays cheap: no catalog module, no cattrs, no data file at import."""
    code = (
        "import sys, rolelens; "
        "print(sorted(m for m in ('rolelens.catalog', 'rolelens.model', 'cattrs') "
        "if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_builtin_file_loads_as_user_file() -> None:
    """load_catalog on the shipped TOML gives the same value as default_catalog."""
    assert load_catalog(BUILTIN) == default_catalog()


def test_product_owner_example() -> None:
    """The documented example adds a Product Owner and keeps every built-in entry unchanged."""
    catalog = load_catalog(PRODUCT_OWNER_EXAMPLE)
    builtin = default_catalog()
    assert [r.id for r in catalog.roles] == ["product_manager", "project_manager", "product_owner"]
    assert catalog.role("product_owner").side is Label.PRODUCT
    assert catalog.roles[:2] == builtin.roles
    assert catalog.dimensions == builtin.dimensions
    assert set(builtin.traits) <= set(catalog.traits)
    assert (catalog.overlaps, catalog.shifts, catalog.b2b) == (
        builtin.overlaps,
        builtin.shifts,
        builtin.b2b,
    )
    assert catalog.trait("product_owner", "user_involvement").level is Level.MEDIUM


@given(s.catalogs())
def test_any_catalog_survives_a_json_file(catalog: Catalog) -> None:
    """A catalog written as JSON loads back equal (the JSON flavour of a user catalog)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "catalog.json"
        path.write_text(json.dumps(unstructure(catalog)), encoding="utf-8")
        assert load_catalog(path) == catalog


# --- bad input ----------------------------------------------------------------------


def _write(tmp_path: Path, text: str, name: str = "mine.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _broken(tmp_path: Path, old: str, new: str) -> CatalogError:
    """Load the built-in catalog text with ``old`` (which must occur) replaced by ``new``."""
    text = BUILTIN.read_text(encoding="utf-8")
    assert old in text
    path = _write(tmp_path, text.replace(old, new, 1))
    with pytest.raises(CatalogError) as info:
        load_catalog(path)
    error = info.value
    assert error.path == str(path)
    assert str(path) in str(error)
    return error


def test_missing_field(tmp_path: Path) -> None:
    """A role without its question names the file, roles[0] and question."""
    error = _broken(tmp_path, 'question = "Are we building the right thing?"\n', "")
    assert (error.entry, error.field) == ("roles[0]", "question")
    assert "roles[0].question: required field missing" in str(error)


def test_wrong_type(tmp_path: Path) -> None:
    """A level written as a number is refused with the entry and the field."""
    error = _broken(tmp_path, 'level = "high"', "level = 3")
    assert (error.entry, error.field) == ("traits[6]", "level")
    assert "int" in error.problem


def test_wrong_type_for_text(tmp_path: Path) -> None:
    """A name written as a number is not silently turned into a string."""
    error = _broken(tmp_path, 'name = "Core focus"', "name = 42")
    assert (error.entry, error.field) == ("dimensions[0]", "name")


def test_bad_enum_value(tmp_path: Path) -> None:
    """A side outside product/project is refused, naming the allowed values."""
    error = _broken(tmp_path, 'side = "project"', 'side = "delivery"')
    assert (error.entry, error.field) == ("roles[1]", "side")
    assert "'product'" in error.problem


def test_bad_side_names_only_the_sides_a_role_can_take(tmp_path: Path) -> None:
    """A wrong side is refused naming 'product' and 'project' only: the message listed
    'shared' and 'other' too, and a catalog that took one of them was refused in turn."""
    for wrong in ("Product", "delivery", "shared", "other"):
        error = _broken(tmp_path, 'side = "project"', f'side = "{wrong}"')
        assert (error.entry, error.field) == ("roles[1]", "side")
        assert error.problem == f"expected 'product' or 'project', got {wrong!r}"
    with pytest.raises(ArgumentError, match=r"^side: expected 'product' or 'project', got 'x'$"):
        Role("a_role", "A role", "x", "Why?", "A train.", "Value.")
    document = to_dict(comparison())
    document["roles"][0]["side"] = "other"
    with pytest.raises(CatalogError) as info:
        from_dict(document)
    assert (info.value.entry, info.value.field) == ("roles[0]", "side")
    assert info.value.problem == "expected 'product' or 'project', got 'other'"


def test_unknown_dimension(tmp_path: Path) -> None:
    """A trait for a dimension the catalog lacks names the trait and its dimension field."""
    error = _broken(tmp_path, 'dimension = "decision_making"', 'dimension = "vision"')
    assert (error.entry, error.field) == ("traits[8]", "dimension")
    assert "'vision'" in str(error)


def test_duplicate_id(tmp_path: Path) -> None:
    """Two overlaps with one id name the second entry and the id field."""
    error = _broken(tmp_path, 'id = "meetings"', 'id = "cross_functional_teams"')
    assert (error.entry, error.field) == ("overlaps[1]", "id")
    assert "duplicate id 'cross_functional_teams'" in str(error)


def test_missing_value_for_a_dimension(tmp_path: Path) -> None:
    """A role that lacks a trait on some dimension is refused."""
    error = _broken(
        tmp_path,
        'role = "project_manager"\ndimension = "decision_making"',
        'role = "product_manager"\ndimension = "decision_making"',
    )
    assert error.entry == "traits[9]"
    assert "second trait" in str(error)


def test_invalid_id_syntax(tmp_path: Path) -> None:
    """An id with capitals or spaces names the entry and the id."""
    error = _broken(tmp_path, 'id = "core_focus"', 'id = "Core Focus"')
    assert (error.entry, error.field) == ("dimensions[0]", "id")
    assert "dimensions[0].id: 'Core Focus' is not a valid id" in str(error)


def test_blank_text(tmp_path: Path) -> None:
    """An empty name is refused, naming the entry and the field."""
    error = _broken(tmp_path, 'name = "Project Manager"', 'name = "  "')
    assert (error.entry, error.field) == ("roles[1]", "name")
    assert "roles[1].name: must not be empty" in str(error)


def test_unknown_field(tmp_path: Path) -> None:
    """A misspelt key is an error, not silently ignored."""
    error = _broken(tmp_path, "analogy = ", "analogie = ")
    assert "roles[0]" in str(error)
    assert "analogie" in str(error)


def test_not_toml(tmp_path: Path) -> None:
    """A file that is not TOML at all names the file."""
    path = _write(tmp_path, "<html>this is not a catalog</html>\n")
    with pytest.raises(CatalogError, match="not valid TOML") as info:
        load_catalog(path)
    assert info.value.path == str(path)


def test_not_a_table_at_the_top(tmp_path: Path) -> None:
    """A JSON list instead of an object is refused with the file named."""
    path = _write(tmp_path, "[1, 2, 3]", name="mine.json")
    with pytest.raises(CatalogError, match="expected a table at the top level, got list"):
        load_catalog(path)


def test_empty_file(tmp_path: Path) -> None:
    """An empty TOML file lacks the required arrays."""
    path = _write(tmp_path, "")
    with pytest.raises(CatalogError, match="required field missing") as info:
        load_catalog(path)
    assert info.value.field in {"roles", "dimensions", "traits"}


def test_unreadable_path(tmp_path: Path) -> None:
    """A path that does not exist is a CatalogError naming it, not an OSError traceback."""
    path = tmp_path / "nowhere.toml"
    with pytest.raises(CatalogError, match=r"nowhere\.toml"):
        load_catalog(path)


def test_directory(tmp_path: Path) -> None:
    """A directory instead of a file is refused with its name."""
    with pytest.raises(CatalogError, match="is a directory") as info:
        load_catalog(tmp_path)
    assert info.value.path == str(tmp_path)


def test_not_utf8(tmp_path: Path) -> None:
    """Bytes that are not UTF-8 are refused with the file named."""
    path = tmp_path / "latin1.toml"
    path.write_bytes('name = "caf\u00e9"'.encode("latin-1"))
    with pytest.raises(CatalogError, match="UTF-8"):
        load_catalog(path)


def test_catalog_from_data_without_path() -> None:
    """In-memory data gets the same checks, just without a file name."""
    with pytest.raises(CatalogError, match=r"^roles: required field missing") as info:
        catalog_from_data({"dimensions": [], "traits": []})
    assert info.value.path is None


@pytest.mark.parametrize(
    ("path", "message"), [("", "the path is empty"), ("a\0b.toml", "NUL character")]
)
def test_impossible_paths_are_catalog_errors(path: str, message: str) -> None:
    """An empty path (not "the current directory") or a NUL in it is a CatalogError too."""
    with pytest.raises(CatalogError, match=message):
        load_catalog(path)
