"""Tests for rolelens.comparisons: selection, the typed value and every export format.

Golden files in tests/golden/ pin the built-in comparison byte for byte. After
an intended change, regenerate them with::

    ROLELENS_REGEN_GOLDEN=1 pytest tests/test_comparison.py

and review the diff.
"""

from __future__ import annotations

import copy
import csv
import html
import io
import json
import os
import pickle
import re
import shutil
import subprocess
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from rolelens._display import encodable
from rolelens._serialization import structure, unstructure
from rolelens.catalog import default_catalog
from rolelens.comparisons import (
    CSV_COLUMNS,
    FORMATS,
    SCHEMA_VERSION,
    Comparison,
    ComparisonRow,
    comparison,
    from_dict,
    json_schema,
    render,
    to_csv,
    to_dict,
    to_html,
    to_json,
    to_markdown,
)
from rolelens.errors import ArgumentError, CatalogError
from rolelens.labels import Label
from rolelens.model import ID_PATTERN, Catalog, Dimension, Role, Trait
from tests import strategies as s

GOLDEN = Path(__file__).parent / "golden"
GUIDES = Path(__file__).parent.parent / "docs" / "how-to"
GOLDEN_FILES: dict[str, str] = {
    "json": "comparison.json",
    "csv": "comparison.csv",
    "markdown": "comparison.md",
    "html": "comparison.html",
}
REGENERATE = os.environ.get("ROLELENS_REGEN_GOLDEN") == "1"


# --- selecting ------------------------------------------------------------------------


def test_default_is_every_role_and_dimension() -> None:
    """With no selection, columns and rows follow the catalog's order."""
    value = comparison()
    catalog = default_catalog()
    assert value.roles == catalog.roles
    assert value.dimensions == catalog.dimensions
    assert value.cell("project_manager", "primary_responsibility").summary == "how and when"


@given(s.catalog_selections())
def test_selection_orders_rows_and_columns(selection: tuple[Catalog, list[str], list[str]]) -> None:
    """Ids select and order; every cell is the catalog's trait for its role and dimension."""
    catalog, role_ids, dimension_ids = selection
    value = comparison(role_ids, dimension_ids, catalog=catalog)
    assert [r.id for r in value.roles] == role_ids
    assert [d.id for d in value.dimensions] == dimension_ids
    for role_id in role_ids:
        for dimension_id in dimension_ids:
            assert value.cell(role_id, dimension_id) == catalog.trait(role_id, dimension_id)


def test_a_single_id_string_is_one_selection() -> None:
    """Passing "product_manager" selects that role, not its characters."""
    value = comparison("product_manager", "core_focus")
    assert [r.id for r in value.roles] == ["product_manager"]
    assert [d.id for d in value.dimensions] == ["core_focus"]


@pytest.mark.parametrize(
    ("roles", "dimensions", "message"),
    [
        (["product_owner"], None, "unknown role 'product_owner'"),
        (None, ["vision"], "unknown dimension 'vision'"),
        ([], None, "select at least one role"),
        (None, [], "select at least one dimension"),
        (["project_manager", "project_manager"], None, "role 'project_manager' selected twice"),
    ],
)
def test_bad_selection(roles: list[str] | None, dimensions: list[str] | None, message: str) -> None:
    """A bad selection raises CatalogError naming the offending id."""
    with pytest.raises(CatalogError, match=message):
        comparison(roles, dimensions)


@pytest.mark.parametrize(
    ("roles", "dimensions", "message"),
    [
        (5, None, "roles must be an id (str) or a sequence of ids, got int"),
        (None, 3.0, "dimensions must be an id (str) or a sequence of ids, got float"),
        (
            b"product_manager",
            None,
            "roles must be an id (str) or a sequence of ids, got bytes",
        ),
        (["product_manager", 5], None, "roles[1] must be a str, got int"),
        (None, [None], "dimensions[0] must be a str, got NoneType"),
    ],
)
def test_a_selection_of_the_wrong_type_is_a_type_error_naming_it(
    roles: object, dimensions: object, message: str
) -> None:
    """comparison(roles=5) failed with a bare "'int' object is not iterable", and bytes
    or [5] with "unknown role 112" or "unknown role 5": a TypeError names the argument
    and the type."""
    with pytest.raises(TypeError, match=f"^{re.escape(message)}$"):
        comparison(roles, dimensions)  # type: ignore[arg-type]


def test_a_selection_may_be_any_iterable_of_ids() -> None:
    """A tuple of ids selects as a list does."""
    expected = comparison(["project_manager"], ["core_focus"])
    assert comparison(("project_manager",), ("core_focus",)) == expected


def test_cell_with_unknown_ids() -> None:
    """cell() names the id it cannot find."""
    value = comparison(["product_manager"])
    with pytest.raises(CatalogError, match="unknown role 'project_manager'"):
        value.cell("project_manager", "core_focus")
    with pytest.raises(CatalogError, match="unknown dimension 'vision'"):
        value.cell("product_manager", "vision")


def _wide_catalog(dimensions: int) -> Catalog:
    roles = [
        Role("first", "First", Label.PRODUCT, "Why?", "A train.", "Value."),
        Role("second", "Second", Label.PROJECT, "When?", "A plan.", "Delivery."),
    ]
    rows = [Dimension(f"d{n}", f"Dimension {n}", "What differs.") for n in range(dimensions)]
    traits = [Trait(r.id, d.id, "s", "t") for d in rows for r in roles]
    return Catalog(roles, rows, traits)


def test_repr_of_a_big_comparison_is_short() -> None:
    """A comparison's repr showed every role and every row, each row every trait in
    full: a table of 40 roles by 40 dimensions printed 1,600 traits. Now roles, rows
    and a row's traits name how many and show the first; a small table's repr is
    attrs' own."""
    roles = [
        Role(f"r{n}", f"Role {n}", Label.PRODUCT, "Why?", "A train.", "Value.") for n in range(40)
    ]
    rows = [Dimension(f"d{n}", f"Dimension {n}", "What differs.") for n in range(40)]
    traits = [Trait(r.id, d.id, "s", "t") for d in rows for r in roles]
    table = comparison(catalog=Catalog(roles, rows, traits))
    shown = repr(table)
    assert len(shown) < 1000
    assert "roles=<40 roles: " in shown
    assert "rows=<40 rows: ComparisonRow(" in shown
    assert "traits=<40 traits: " in shown
    assert repr(table.roles[1]) not in shown
    small = comparison()
    assert repr(small) == f"Comparison(roles={small.roles!r}, rows={small.rows!r})"
    assert repr(small.rows[0]) == (
        f"ComparisonRow(dimension={small.rows[0].dimension!r}, traits={small.rows[0].traits!r})"
    )


@pytest.mark.timeout(20)
def test_selecting_and_reading_every_cell_of_a_big_table_stays_linear() -> None:
    """Each id chosen, and each ``cell()`` read, searched the list of ids: choosing the
    20,000 dimensions of a catalog by id took 5 s and reading their 40,000 cells over a
    minute (quadratic); both now look the id up, well under a second."""
    catalog = _wide_catalog(20_000)
    chosen = [dimension.id for dimension in reversed(catalog.dimensions)]
    table = comparison(["second", "first"], chosen, catalog=catalog)
    assert [row.dimension.id for row in table.rows] == chosen
    cells = [table.cell(role, dimension) for dimension in chosen for role in ("first", "second")]
    assert cells == [catalog.trait(t.role, t.dimension) for t in cells]
    assert [(t.role, t.dimension) for t in cells[:2]] == [("first", "d19999"), ("second", "d19999")]
    # The ids are looked up afresh in a table made another way, and after a round trip.
    assert from_dict(to_dict(table)).cell("first", "d0") == table.cell("first", "d0")
    assert attrs.evolve(table, roles=table.roles).cell("second", "d5") == table.cell("second", "d5")
    small = comparison()
    assert pickle.loads(pickle.dumps(small)).cell("project_manager", "core_focus") == small.cell(
        "project_manager", "core_focus"
    )


def test_inconsistent_comparison_is_refused() -> None:
    """Columns must line up with roles: a row with traits in the wrong order is refused."""
    value = comparison()
    row = value.rows[0]
    swapped = ComparisonRow(row.dimension, tuple(reversed(row.traits)))
    with pytest.raises(CatalogError, match="expected") as info:
        Comparison(value.roles, [swapped])
    assert (info.value.entry, info.value.field) == ("rows[0]", "traits")
    with pytest.raises(CatalogError, match="appears twice"):
        Comparison(value.roles, [row, row])
    with pytest.raises(CatalogError, match="at least one role"):
        Comparison([], [])


def test_a_row_out_of_line_is_named_in_a_short_message() -> None:
    """The error for a row whose traits do not match the columns printed every cell
    of the row twice (for 5,000 roles, 400 KB in one line); it names the first trait
    out of place, or the counts when they differ."""
    roles = [
        Role(f"role_{n}", "R", Label.PRODUCT, "Why?", "A train.", "Value.") for n in range(5000)
    ]
    dimension = Dimension("dim", "Dimension", "What differs.")
    traits = [Trait(role.id, "dim", "s", "t") for role in roles]
    swapped = [traits[0], traits[2], traits[1], *traits[3:]]
    with pytest.raises(CatalogError) as info:
        Comparison(roles, [ComparisonRow(dimension, swapped)])
    assert (info.value.entry, info.value.field) == ("rows[0]", "traits")
    assert info.value.problem == (
        "traits[1] is for role 'role_2' on dimension 'dim', expected role 'role_1' "
        "(one trait per role, in column order)"
    )
    with pytest.raises(CatalogError) as info:
        Comparison(roles, [ComparisonRow(dimension, traits[:-1])])
    assert info.value.problem == (
        "4999 traits for 5000 roles (one trait per role, in column order)"
    )
    elsewhere = [*traits[:-1], Trait("role_4999", "other", "s", "t")]
    with pytest.raises(CatalogError) as info:
        Comparison(roles, [ComparisonRow(dimension, elsewhere)])
    assert info.value.problem == (
        "traits[4999] is for role 'role_4999' on dimension 'other', expected dimension 'dim' "
        "(one trait per role, in column order)"
    )


# --- plain data and JSON ------------------------------------------------------------------


@given(s.comparisons())
def test_dict_round_trip(value: Comparison) -> None:
    """to_dict then from_dict is the identity; the converter alone agrees."""
    data = to_dict(value)
    assert next(iter(data)) == "schema_version"
    assert from_dict(data) == value
    assert structure(unstructure(value), Comparison) == value


@given(s.comparisons())
def test_json_round_trip_and_schema(value: Comparison) -> None:
    """The JSON export parses back to the same comparison and validates against the schema."""
    document = json.loads(to_json(value))
    jsonschema.validate(document, json_schema())
    assert from_dict(document) == value


def test_schema_is_valid_and_strict() -> None:
    """The published schema is valid draft 2020-12 and rejects documents it should."""
    schema = json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    good = json.loads(to_json(comparison()))
    validator = jsonschema.Draft202012Validator(schema)
    assert validator.is_valid(good)
    assert not validator.is_valid({**good, "extra": 1})
    assert not validator.is_valid({**good, "schema_version": SCHEMA_VERSION + 1})
    bad_level = json.loads(json.dumps(good))
    bad_level["rows"][3]["traits"][0]["level"] = "huge"
    assert not validator.is_valid(bad_level)
    blank = json.loads(json.dumps(good))
    blank["rows"][0]["traits"][1]["summary"] = " \t "
    assert not validator.is_valid(blank)
    with pytest.raises(CatalogError):  # which the models refuse too
        from_dict(blank)
    # An id with a final line break: Python's "$" matched before it, so the schema (in
    # Python validators) passed what from_dict() refuses.
    newline_id = json.loads(json.dumps(good))
    newline_id["roles"][0]["id"] += "\n"
    assert not validator.is_valid(newline_id)
    with pytest.raises(CatalogError):
        from_dict(newline_id)


def test_json_schema_returns_a_copy() -> None:
    """Callers may mutate the schema they get without affecting later calls."""
    schema = json_schema()
    schema["title"] = "changed"
    assert json_schema()["title"] != "changed"


@pytest.mark.parametrize("version", [None, 0, 2, "1", True, 1.5, float("nan")])
def test_from_dict_checks_the_version(version: Any) -> None:
    """A document of another schema version is refused instead of misread.

    ``true`` equals 1 in Python but not in the published schema.
    """
    data = to_dict(comparison())
    data["schema_version"] = version
    with pytest.raises(CatalogError, match="schema_version"):
        from_dict(data)
    with pytest.raises(CatalogError, match="expected an object"):
        from_dict([data])


def test_from_dict_reads_the_version_written_as_a_float() -> None:
    """``1.0`` is the number 1 in JSON and in the published schema, which validates a
    document with it: from_dict refused that document ("unsupported schema_version
    1.0"). ``true`` the schema refuses, and so does from_dict."""
    validator = jsonschema.Draft202012Validator(json_schema())
    data = json.loads(json.dumps({**to_dict(comparison()), "schema_version": 1.0}))
    assert validator.is_valid(data)
    assert from_dict(data) == comparison()
    data["schema_version"] = True
    assert not validator.is_valid(data)
    with pytest.raises(CatalogError, match="schema_version"):
        from_dict(data)


#: Values put in place of one value of a valid document, to find a document that the
#: schema and from_dict() judge differently.
_ODD_VALUES: tuple[Any, ...] = (
    *(None, 0, 1, 1.0, 2, -1, 2**70, 0.5, True, False, [], ["x"], [""], {}, {"id": "x"}),
    *("", " ", "\t\n", "\u00a0", "\ufeff", "\x1c", "\x85", "\u200b", "\ud800", "x"),
    *("a\n", "A", "a-b", "x" * 64, "x" * 65, "high", "low", "strategic", "product", "shared"),
)


def _places(data: Any, at: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """The path of every value in ``data``, the document itself (``()``) first."""
    found = [at]
    items = (
        data.items()
        if isinstance(data, dict)
        else enumerate(data)
        if isinstance(data, list)
        else ()
    )
    for key, value in items:
        found += _places(value, (*at, key))
    return found


_SMALL = to_dict(comparison(dimensions=["core_focus", "user_involvement", "decision_making"]))
_PLACES = _places(_SMALL)[1:]
_CROSS_REFERENCE = ("(one trait per role, in column order)", "appears twice")


@given(
    changes=st.lists(
        st.tuples(
            st.sampled_from(_PLACES),
            st.sampled_from(["set", "drop", "add"]),
            st.sampled_from(_ODD_VALUES),
        ),
        min_size=1,
        max_size=3,
    )
)
@example(changes=[(("schema_version",), "set", 1.0)])
def test_the_schema_and_from_dict_agree(changes: list[tuple[tuple[Any, ...], str, Any]]) -> None:
    """A document the published schema validates is one from_dict() reads, but for the
    cross-references no JSON Schema can state (traits in column order, ids that repeat);
    one from_dict() reads follows the schema once the fields it may leave out (``titles``,
    ``level``, ``horizon``) are written."""
    document = copy.deepcopy(_SMALL)
    for place, change, value in changes:
        holder = document
        try:
            for key in place[:-1]:
                holder = holder[key]
            if change == "add" and isinstance(holder, dict):
                holder["extra"] = value
            elif change == "drop":
                del holder[place[-1]]
            else:
                holder[place[-1]] = value
        except (KeyError, IndexError, TypeError):
            continue  # an earlier change moved or removed this place
    validator = jsonschema.Draft202012Validator(json_schema())
    valid = validator.is_valid(document)
    try:
        loaded = from_dict(document)
    except CatalogError as exc:
        problem = exc.problem
    else:
        jsonschema.validate(to_dict(loaded), json_schema())
        assert valid or validator.is_valid(_with_defaults(document))
        return
    assert not valid or problem.endswith(_CROSS_REFERENCE), problem


def _with_defaults(data: dict[str, Any]) -> dict[str, Any]:
    """``data`` with the fields from_dict() fills in when they are missing written."""
    filled = copy.deepcopy(data)
    for role in filled["roles"]:
        role.setdefault("titles", [])
    for row in filled["rows"]:
        for trait in row["traits"]:
            trait.setdefault("level", None)
            trait.setdefault("horizon", None)
    return filled


# --- CSV, Markdown, HTML -----------------------------------------------------------------


@given(s.comparisons())
def test_csv_parses_back_to_the_cells(value: Comparison) -> None:
    """Each CSV line is one cell, dimensions first, with every text intact."""
    rows = list(csv.reader(io.StringIO(to_csv(value), newline="")))
    assert tuple(rows[0]) == CSV_COLUMNS
    expected = [
        [
            row.dimension.id,
            row.dimension.name,
            role.id,
            role.name,
            trait.summary,
            trait.level.value if trait.level else "",
            trait.horizon.value if trait.horizon else "",
            trait.description,
        ]
        for row in value.rows
        for role, trait in zip(value.roles, row.traits, strict=True)
    ]
    assert rows[1:] == expected


def _unescape_md(cell: str) -> str:
    """``cell`` as written: backslash escapes undone, "&lt;" (the writer's "<") read as
    "<", and the writer's word joiners (after "@", "#" or an emoji's colon) left out."""
    out, escaped, at = [], False, 0
    while at < len(cell):
        ch = cell[at]
        at += 1
        if not escaped and ch == "&":
            written = next((r for r in ("lt;", "#x2060;") if cell.startswith(r, at)), None)
            if written is not None:
                out.append("<" if written == "lt;" else "")
                at += len(written)
                continue
        if escaped or ch != "\\":
            out.append(ch)
            escaped = False
        else:
            escaped = True
    return "".join(out)


def _split_md_row(line: str) -> list[str]:
    """Split a table line on unescaped pipes."""
    cells, current, escaped = [], "", False
    for ch in line:
        if ch == "|" and not escaped:
            cells.append(current)
            current = ""
        else:
            current += ch
        escaped = ch == "\\" and not escaped
    cells.append(current)
    return [cell.strip() for cell in cells[1:-1]]


@given(s.comparisons())
def test_markdown_table_shape_and_escaping(value: Comparison) -> None:
    """One line per dimension, one cell per role, and no raw markup leaks from the catalog."""
    lines = to_markdown(value).splitlines()
    assert len(lines) == len(value.rows) + 2
    header = _split_md_row(lines[0])
    assert [_unescape_md(c) for c in header[1:]] == [" ".join(r.name.split()) for r in value.roles]
    for line, row in zip(lines[2:], value.rows, strict=True):
        cells = _split_md_row(line)
        assert len(cells) == len(value.roles) + 1
        for cell, trait in zip(cells[1:], row.traits, strict=True):
            summary = " ".join(trait.summary.split())
            description = " ".join(trait.description.split())
            assert _unescape_md(cell) == f"**{summary}** — {description}"
    assert "<script>" not in to_markdown(value)


class _TableReader(HTMLParser):
    """Collect the text and attributes of every header and data cell."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.cells: list[tuple[str, dict[str, str | None], str]] = []
        self.tags: list[str] = []
        self._open: tuple[str, dict[str, str | None]] | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag in {"th", "td"}:
            self._open = (tag, dict(attrs))
            self._text = []

    def handle_endtag(self, tag: str) -> None:
        if tag in {"th", "td"} and self._open is not None:
            self.cells.append((self._open[0], self._open[1], "".join(self._text)))
            self._open = None

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._text.append(data)


@given(s.comparisons())
def test_html_escapes_everything(value: Comparison) -> None:
    """Catalog strings come back as text, never as markup: only the table's own tags
    appear. The fragment is ASCII (it showed mojibake opened with no charset), and
    its character references read back as the catalog's own characters."""
    html_text = to_html(value)
    assert html_text.isascii()
    reader = _TableReader()
    reader.feed(html_text)
    reader.close()
    assert set(reader.tags) <= {"table", "thead", "tbody", "tr", "th", "td", "strong"}
    header = reader.cells[: len(value.roles) + 1]
    assert [text for _, _, text in header[1:]] == [role.name for role in value.roles]
    assert [attrs["title"] for _, attrs, _ in header[1:]] == [r.question for r in value.roles]
    body = reader.cells[len(value.roles) + 1 :]
    expected = [
        text
        for row in value.rows
        for text in (
            row.dimension.name,
            *(f"{t.summary} — {t.description}" for t in row.traits),
        )
    ]
    assert [text for _, _, text in body] == expected


#: Any non-blank text at all: controls, NUL, lone surrogates and line breaks of every kind.
_ANY_TEXT = st.text(min_size=1, max_size=30).filter(lambda text: text.strip() != "")


def _one_cell(name: str, summary: str, description: str) -> Comparison:
    return Comparison(
        roles=[Role("a", name, Label.PRODUCT, question=name, analogy="a", focus="f")],
        rows=[
            ComparisonRow(
                dimension=Dimension("d", name, description),
                traits=[Trait("a", "d", summary, description)],
            )
        ],
    )


@given(name=_ANY_TEXT, summary=_ANY_TEXT, description=_ANY_TEXT)
@example(name="a\x85b", summary="\x9b2J\x1b[31m", description="\ud800|`<script>&\r\n")
def test_any_text_survives_every_format(name: str, summary: str, description: str) -> None:
    """Whatever the catalog's text: the JSON validates and reads back to the same value,
    the CSV reads back to the same cells (a lone surrogate as its escape), the Markdown
    table keeps one line per row and one cell per column, the HTML fragment is ASCII
    with only its own tags, and every export encodes as UTF-8."""
    value = _one_cell(name, summary, description)
    for fmt in FORMATS:
        render(value, fmt).encode("utf-8")
    document = json.loads(to_json(value))
    jsonschema.validate(document, json_schema())
    assert from_dict(document) == value
    [header, row] = csv.reader(io.StringIO(to_csv(value), newline=""))
    assert tuple(header) == CSV_COLUMNS
    assert row == ["d", *map(encodable, (name, "a", name, summary)), "", "", encodable(description)]
    lines = to_markdown(value).split("\n")
    assert lines[-1] == ""
    assert len(lines) == 4
    assert [len(_split_md_row(line)) for line in lines[:-1]] == [2, 2, 2]
    reader = _TableReader()
    reader.feed(to_html(value))
    reader.close()
    assert set(reader.tags) <= {"table", "thead", "tbody", "tr", "th", "td", "strong"}
    assert len(reader.cells) == 4
    # No reference a browser reads as a Windows-1252 character the text never held, and
    # no control a browser shows as an empty box.
    fragment = to_html(value)
    assert re.search(r"&#(?:12[89]|1[3-5][0-9]);|&#x[89][0-9A-Fa-f];", fragment) is None
    assert re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", fragment) is None


@pytest.mark.parametrize("control", ["\x85", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x1f"])
def test_html_writes_a_white_space_control_as_a_line_break(control: str) -> None:
    """VT, U+001C-U+001F and NEL are white space to rolelens (the Markdown table shows a
    space), so no control made a reference: browsers showed the raw character as an
    empty box between the words it glued, and NEL's ``&#133;`` (the ASCII encoding's)
    as "…", a character the catalog never held. Each is a line break in the HTML."""
    value = _one_cell(f"Product{control}Manager", f"value{control}and outcomes", "Owns it")
    fragment = to_html(value)
    assert control not in fragment
    assert "&#133;" not in fragment
    reader = _TableReader()
    reader.feed(fragment)
    reader.close()
    assert [text for _, _, text in reader.cells] == [
        "Dimension",
        "Product\nManager",
        "Product\nManager",
        "value\nand outcomes — Owns it",
    ]
    assert "| **Product Manager** | **value and outcomes** — Owns it |" in to_markdown(value)


def test_hostile_catalog_is_escaped_in_html() -> None:
    """A user's catalog with a script tag and quotes cannot inject markup or break attributes."""
    hostile = '<script>alert("x")</script>'
    catalog = Catalog(
        roles=[
            Role(
                "evil",
                hostile,
                Label.PRODUCT,
                question='" onmouseover="steal()',
                analogy="a",
                focus="f",
            )
        ],
        dimensions=[Dimension("core_focus", "<b>Core</b>", "x' onclick='y")],
        traits=[Trait("evil", "core_focus", "&amp; <i>", hostile)],
    )
    html_text = to_html(comparison(catalog=catalog))
    assert "<script>" not in html_text
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html_text
    assert 'title="&quot; onmouseover=&quot;steal()"' in html_text
    assert "x&#x27; onclick=&#x27;y" in html_text
    assert "&amp;amp; &lt;i&gt;" in html_text
    markdown = to_markdown(comparison(catalog=catalog))
    assert "<script>" not in markdown
    assert "&lt;script\\>" in markdown


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_exports_are_deterministic(fmt: str) -> None:
    """Rendering twice, from freshly built values, gives identical text."""
    first = render(comparison(), fmt)
    second = render(attrs.evolve(comparison()), fmt)
    assert first == second


def test_render_unknown_format() -> None:
    """An unknown format name is refused with the choices."""
    with pytest.raises(ArgumentError, match=r"unknown format 'pdf'.*markdown"):
        render(comparison(), "pdf")


@pytest.mark.parametrize("fmt", [["json"], None, b"json"])
def test_render_refuses_a_format_that_is_not_a_str(fmt: object) -> None:
    """["json"] is a TypeError naming the type, not "unhashable type: 'list'"."""
    with pytest.raises(TypeError, match=f"^format must be a str, got {type(fmt).__name__}$"):
        render(comparison(), fmt)  # type: ignore[arg-type]


# --- golden files -----------------------------------------------------------------------

RENDERERS: dict[str, Callable[[Comparison], str]] = {
    "json": to_json,
    "csv": to_csv,
    "markdown": to_markdown,
    "html": to_html,
}


@pytest.mark.parametrize("fmt", sorted(GOLDEN_FILES))
def test_golden_files(fmt: str) -> None:
    """The built-in comparison renders byte for byte as reviewed (ROLELENS_REGEN_GOLDEN=1)."""
    path = GOLDEN / GOLDEN_FILES[fmt]
    rendered = RENDERERS[fmt](comparison()).encode("utf-8")
    if REGENERATE:
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(rendered)
    assert path.read_bytes() == rendered


def test_the_guide_names_every_data_attribute_of_the_html_table() -> None:
    """The guide for consumers lists the ``data-*`` attributes to style or script
    against; it left out ``data-level`` and ``data-horizon``, which cells carry."""
    written = set(re.findall(r"\bdata-[a-z]+", to_html(comparison())))
    assert written >= {"data-role", "data-side", "data-dimension", "data-level", "data-horizon"}
    guide = (GUIDES / "comparison-data.md").read_text(encoding="utf-8")
    assert {name for name in written if f"`{name}`" not in guide} == set()


def test_golden_markdown_has_five_dimensions_for_both_roles() -> None:
    """The reviewed Markdown golden shows both roles across the five dimensions."""
    lines = (GOLDEN / GOLDEN_FILES["markdown"]).read_text(encoding="utf-8").splitlines()
    assert lines[0] == "| Dimension | Product Manager | Project Manager |"
    assert [line.split(" | ")[0] for line in lines[2:]] == [
        "| **Core focus**",
        "| **Primary responsibility**",
        "| **Success metrics**",
        "| **User involvement**",
        "| **Decision making**",
    ]


# --- review fixes -------------------------------------------------------------------------


def test_rows_and_columns_refuse_the_wrong_types() -> None:
    """A comparison built by hand names the slot holding the wrong kind of value."""
    value = comparison()
    row = value.rows[0]
    with pytest.raises(TypeError, match="dimension: expected a Dimension, got str"):
        ComparisonRow("core_focus", row.traits)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"traits\[0\]: expected a Trait, got Role"):
        ComparisonRow(row.dimension, value.roles)
    with pytest.raises(TypeError, match=r"roles\[0\]: expected a Role, got str"):
        Comparison(["product_manager"], value.rows)
    with pytest.raises(TypeError, match=r"rows\[0\]: expected a ComparisonRow, got Dimension"):
        Comparison(value.roles, [row.dimension])


def test_from_dict_names_entry_and_field_of_consistency_problems() -> None:
    """Problems Comparison itself finds keep their entry and field through from_dict."""
    good = to_dict(comparison())
    swapped = json.loads(json.dumps(good))
    swapped["rows"][0]["traits"].reverse()
    repeated_role = {**good, "roles": [*good["roles"], good["roles"][0]]}
    repeated_row = {**good, "rows": [*good["rows"], good["rows"][0]]}
    cases = [
        (swapped, "rows[0]", "traits"),
        (repeated_role, "roles[2]", "id"),
        (repeated_row, "rows[5]", "dimension"),
        ({**good, "roles": []}, None, "roles"),
        ({**good, "rows": []}, None, "rows"),
    ]
    for document, entry, field in cases:
        with pytest.raises(CatalogError) as info:
            from_dict(document, path="table.json")
        assert (info.value.path, info.value.entry, info.value.field) == ("table.json", entry, field)


def test_from_dict_names_entry_and_field_of_a_value_the_models_refuse() -> None:
    """A value a model refuses (a blank name, a bad id, a side no role has) is located as
    load_catalog locates it: the entry, then the field, not "field: problem" in the
    problem with the entry taken for the field."""
    good = to_dict(comparison())
    cases: list[tuple[Callable[[dict[str, Any]], None], str, str, str]] = [
        (lambda d: d["roles"][0].update(name=" "), "roles[0]", "name", "must not be empty"),
        (lambda d: d["roles"][1].update(side="shared"), "roles[1]", "side", "expected 'product'"),
        (
            lambda d: d["rows"][1]["dimension"].update(id="Bad"),
            "rows[1].dimension",
            "id",
            "'Bad' is not a valid id",
        ),
        (
            lambda d: d["rows"][1]["traits"][0].update(summary="\t"),
            "rows[1].traits[0]",
            "summary",
            "must not be empty",
        ),
    ]
    for change, entry, field, problem in cases:
        document = json.loads(json.dumps(good))
        change(document)
        with pytest.raises(CatalogError) as info:
            from_dict(document, path="table.json")
        error = info.value
        assert (error.path, error.entry, error.field) == ("table.json", entry, field)
        assert error.problem.startswith(problem)
        assert str(error).startswith(f"table.json: {entry}.{field}: {problem}")


def _one_cell_comparison(summary: str, description: str) -> Comparison:
    role = Role("a_role", "A role", Label.PRODUCT, "Why?", "A train.", "Value.")
    dimension = Dimension("a_dim", "A dimension", "What differs.")
    catalog = Catalog([role], [dimension], [Trait("a_role", "a_dim", summary, description)])
    return comparison(catalog=catalog)


def test_markdown_escapes_strikethrough_and_control_characters() -> None:
    """GFM's ~~strikethrough~~ is escaped; ESC, NUL and DEL become character references.

    Markdown is the default output on a terminal: a catalog must not be able to
    send escape sequences to it.
    """
    text = to_markdown(_one_cell_comparison("~~gone~~", "red\x1b[31m\x00bell\x07del\x7f\x9b"))
    cell = _split_md_row(text.splitlines()[2])[1]
    assert cell == r"**\~\~gone\~\~** — red&#x1B;\[31m&#x00;bell&#x07;del&#x7F;&#x9B;"
    assert not any(ord(ch) < 0x20 or 0x7F <= ord(ch) < 0xA0 for ch in text.replace("\n", ""))


def test_html_writes_control_characters_as_character_references() -> None:
    """ESC, NUL, BEL, DEL and CSI in a catalog text reach the HTML table as character
    references, as they reach the Markdown one: the table is written to the terminal
    when no ``-o`` is given, and was a way to send it escape sequences."""
    text = to_html(_one_cell_comparison("red\x1b[31m", "\x00bell\x07del\x7f\x9b2J\x80"))
    assert (
        "<strong>red&#x1B;[31m</strong> &#8212; &#x00;bell&#x07;del&#x7F;&#xFFFD;2J&#xFFFD;" in text
    )
    assert not any(ord(ch) < 0x20 or 0x7F <= ord(ch) < 0xA0 for ch in text.replace("\n", ""))
    # HTML reads &#x80;-&#x9F; as Windows-1252 ("&#x9B;" as "›", "&#x80;" as "€"): a
    # browser showed characters the catalog never held.
    read = html.unescape(text)
    assert "\u203a" not in read
    assert "\u20ac" not in read
    assert "2J\ufffd" in read


def test_csv_quotes_a_lone_carriage_return() -> None:
    """A catalog text with a bare CR (easy in a JSON catalog) stays one cell of one record.

    The csv module of Python 3.11 left such a field unquoted with ``\\n`` line
    endings, so every reader split the record in two there.
    """
    value = _one_cell_comparison("before\rafter", 'say "hi",\r\nthen\nstop\r')
    text = to_csv(value)
    assert text.endswith("\n")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[1][4:] == ["before\rafter", "", "", 'say "hi",\r\nthen\nstop\r']
    assert len(rows) == 2


# --- lone surrogates -------------------------------------------------------------------

#: A lone surrogate, as a JSON catalog's "\ud800" reads.
_LONE = json.loads('"\\ud800"')


def _as_the_command_line_writes(text: str) -> str:
    """``text`` as it reads back from a file written with ``errors="backslashreplace"``."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def test_a_lone_surrogate_is_written_as_its_escape_in_every_export() -> None:
    """A JSON catalog can hold a lone surrogate ("\\ud800"); the JSON, CSV and
    Markdown exports kept it, so encoding them as UTF-8 (writing them to a file)
    raised UnicodeEncodeError, and HTML wrote "&#55296;", which a browser shows
    as U+FFFD. Each now writes the six-character escape, as the posting reports
    and the command line do; JSON reads it back as the same character."""
    low = json.loads('"\\udfff"')
    value = _one_cell_comparison(f"Own {_LONE}", f"the roadmap {low}{_LONE}")
    for fmt in FORMATS:
        exported = render(value, fmt)
        exported.encode("utf-8")
        assert "\\ud800" in exported
        assert "\\udfff" in exported
        assert "&#55296;" not in exported
    assert json.loads(to_json(value)) == to_dict(value)
    assert to_dict(value)["rows"][0]["traits"][0]["summary"] == f"Own {_LONE}"  # plain data
    safe = render(value, "csv", spreadsheet_safe=True)
    assert list(csv.reader(io.StringIO(safe, newline="")))[1][4] == "Own \\ud800"


@given(
    summary=s.adversarial_texts().filter(str.strip),
    description=s.adversarial_texts().filter(str.strip),
)
@example(summary=f"{_LONE}=1", description=json.loads('"\\udfff\\ud800"'))
def test_every_export_of_any_text_encodes_as_utf8(summary: str, description: str) -> None:
    """Whatever text a catalog holds, each export encodes as UTF-8 and loses nothing:
    JSON reads back as a JSON encoder that escapes everything would have it, and the
    CSV cells read back as the command line writes the texts."""
    value = _one_cell_comparison(summary, description)
    for fmt in FORMATS:
        render(value, fmt).encode("utf-8")
    assert json.loads(to_json(value)) == json.loads(json.dumps(to_dict(value)))
    rows = list(csv.reader(io.StringIO(to_csv(value), newline="")))
    assert rows[1][4] == _as_the_command_line_writes(summary)
    assert rows[1][7] == _as_the_command_line_writes(description)


# --- the schema means the same in every validator ------------------------------------------

# Shorthand classes whose members differ between ECMA-262 (the regular expressions of
# JSON Schema, and of validators written in JavaScript) and Python's re: "\s" takes
# U+FEFF in ECMA-262 but not in Python, and U+001C to U+001F and U+0085 in Python only.
# "[\s\S]" (any character) means the same in both, so it is allowed.
_DIALECT_SHORTHAND = re.compile(r"\\[sSwWdDbB]")


def _schema_patterns(node: object) -> list[str]:
    if isinstance(node, dict):
        found = [node["pattern"]] if isinstance(node.get("pattern"), str) else []
        return found + [p for value in node.values() for p in _schema_patterns(value)]
    if isinstance(node, list):
        return [p for value in node for p in _schema_patterns(value)]
    return []


def test_schema_patterns_use_no_shorthand_class_whose_meaning_differs_by_dialect() -> None:
    """Every ``pattern`` of the schema spells its characters out: with ``\\S`` a name of
    U+FEFF alone, which the models keep, failed a JavaScript validator."""
    patterns = _schema_patterns(json_schema())
    assert patterns, "the schema has patterns to check"
    for pattern in patterns:
        assert _DIALECT_SHORTHAND.findall(pattern.replace("[\\s\\S]", "")) == [], pattern


#: Texts on both sides of the line between white space and not, in either dialect.
_EDGE_TEXTS = [
    *(chr(code) for code in range(0x3001) if chr(code).isspace()),
    "\ufeff",
    "\u180e",
    "\u200b",
    "\x1c x",
    " \ufeff ",
    "a",
    "abc\n",
    "product_manager",
    "Product",
]


def test_schema_text_pattern_is_the_models_rule_in_python() -> None:
    """In Python, a text passes the schema's text pattern exactly when the models keep it
    (it holds a character ``str.strip`` keeps), whatever the character."""
    text_pattern = re.compile(json_schema()["$defs"]["dimension"]["properties"]["name"]["pattern"])
    every_space = [chr(code) for code in range(0x110000) if chr(code).isspace()]
    for text in [*_EDGE_TEXTS, *every_space, "".join(every_space)]:
        assert (text_pattern.search(text) is not None) == bool(text.strip()), repr(text)


_NODE = shutil.which("node")


@pytest.mark.skipif(_NODE is None, reason="node (a JavaScript engine) is not installed")
def test_schema_patterns_mean_in_javascript_what_the_models_do() -> None:
    """A JavaScript validator (ECMA-262 expressions, with or without the ``u`` flag)
    reads the text and id patterns as the models do: a name of U+FEFF alone, which
    ``to_json`` writes, passed in Python and failed in JavaScript."""
    properties = json_schema()["$defs"]["dimension"]["properties"]
    cases = [
        (properties[field]["pattern"], text, expected)
        for text in _EDGE_TEXTS
        for field, expected in (
            ("name", bool(text.strip())),
            ("id", ID_PATTERN.fullmatch(text) is not None),
        )
    ]
    script = (
        "const cases = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
        "const out = cases.map(([p, t]) => [new RegExp(p, 'u').test(t), new RegExp(p).test(t)]);"
        "process.stdout.write(JSON.stringify(out));"
    )
    assert _NODE is not None
    done = subprocess.run(
        [_NODE, "-e", script],
        input=json.dumps([[pattern, text] for pattern, text, _ in cases]),
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
        timeout=60,
    )
    results = json.loads(done.stdout)
    wrong = [
        (pattern, text, expected, found)
        for (pattern, text, expected), found in zip(cases, results, strict=True)
        if found != [expected, expected]
    ]
    assert wrong == []


# --- the Markdown table as a GFM parser reads it --------------------------------------------

#: Pieces of Markdown and GFM syntax that could end a cell, open a span or make a block.
_MARKDOWN_SCRAPS = [
    *"|\\`*_~[]()<>!#&=+-:.>'\"\n\r\t ",
    "**",
    "~~",
    "``",
    "\\|",
    "&amp;",
    "&#60;",
    "&lt;",
    "<b>",
    "</td>",
    "<!--",
    "-->",
    "[x]: /u",
    "](http://example.invalid)",
    "http://example.invalid",
    "www.example.invalid",
    "a@example.invalid",
    "@ana",
    ":rocket:",
    ":white_check_mark:",
    "1. ",
    "> ",
    "---",
    "\u2028",
    "\x85",
    "\u202e",
    "x",
    "$",
    "$$",
    "$5k",
]

_markdown_texts = st.lists(
    st.sampled_from(_MARKDOWN_SCRAPS) | st.text(max_size=3), min_size=1, max_size=12
).map("".join)


class _ParsedTable(HTMLParser):
    """The cells of every row, and the text of every ``<strong>``, of a rendered table."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[list[str]] = []
        self.strong: list[str] = []
        self.tags: set[str] = set()
        self._cell: list[str] | None = None
        self._bold: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = []
        elif tag == "strong":
            self._bold = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append("".join(self._cell))
            self._cell = None
        elif tag == "strong" and self._bold is not None:
            self.strong.append("".join(self._bold))
            self._bold = None

    def handle_data(self, data: str) -> None:
        for part in (self._cell, self._bold):
            if part is not None:
                part.append(data.replace("\u2060", ""))


def _as_a_gfm_reader_shows(text: str) -> str:
    """``text`` on one line as the table holds it, read back by a CommonMark parser: a
    control character's reference reads as U+FFFD, as CommonMark decodes it. Word
    joiners, which show as nothing, are left out (here and in the parsed cells): the
    report writes one after an "@" or an emoji's colon, which GitHub reads apart."""
    shown = encodable(" ".join(text.split())).replace("\u2060", "")
    return "".join("\ufffd" if ord(c) in _INVALID_REFERENCES else c for c in shown)


#: Code points whose character reference CommonMark readers decode to U+FFFD.
_INVALID_REFERENCES = frozenset((*range(0x09), 0x0B, *range(0x0E, 0x20), *range(0x7F, 0xA0)))


@given(
    name=_markdown_texts.filter(str.strip),
    summary=_markdown_texts.filter(str.strip),
    description=_markdown_texts.filter(str.strip),
)
@example(name="a | b", summary="`x|y`", description="\\|")
@example(name="**", summary="*", description="x\\")
@example(name="$x$", summary="$$ y $$", description="$5k and $10k")
def test_a_gfm_parser_reads_the_markdown_table_back(
    name: str, summary: str, description: str
) -> None:
    """A real GFM parser (markdown-it's) reads the table as made: a header row and one
    row per dimension, one cell per role plus the dimension's, each cell the catalog's
    text, the bold parts exactly the dimension name and the summary, and no tag from
    the text, whatever Markdown it holds."""
    markdown_it = pytest.importorskip("markdown_it")
    roles = [
        Role("first", name, Label.PRODUCT, "Why?", "A train.", "Value."),
        Role("second", "Second", Label.PROJECT, "When?", "A plan.", "Delivery."),
    ]
    catalog = Catalog(
        roles,
        [Dimension("dim", name, "What differs.")],
        [
            Trait("first", "dim", summary, description),
            Trait("second", "dim", "plain", "text"),
        ],
    )
    # Without GFM's autolinks (linkify-it is not installed): a URL in the text is a link there.
    parser = markdown_it.MarkdownIt("gfm-like").disable("linkify")
    try:  # GitHub's maths, $...$ and $$...$$: "$5k and $10k" showed a formula
        from mdit_py_plugins.dollarmath import dollarmath_plugin
    except ImportError:
        pass
    else:
        parser.use(dollarmath_plugin, allow_digits=True, allow_space=True)
    rendered = parser.render(to_markdown(comparison(catalog=catalog)))
    table = _ParsedTable()
    table.feed(rendered)
    table.close()
    shown = _as_a_gfm_reader_shows
    assert table.rows == [
        ["Dimension", shown(name), "Second"],
        [shown(name), f"{shown(summary)} — {shown(description)}", "plain — text"],
    ]
    assert table.strong == [shown(name), shown(summary), "plain"]
    assert table.tags <= {"table", "thead", "tbody", "tr", "th", "td", "strong"}


@given(
    st.lists(st.sampled_from([*"$\\`*_[]<>|#!~&", "$$", "\\$"]) | st.text(max_size=4)).map("".join)
)
@example("Pay $5k and $10k")
@example("\\$5k")
def test_markdown_inline_leaves_no_special_character_unescaped(text: str) -> None:
    """Every Markdown special character of the text, "$" (GitHub's maths) among them,
    is preceded by an odd run of backslashes: it is escaped, never markup. "$5k and
    $10k" went out as it was, and GitHub showed "5k and " as a formula."""
    from rolelens._display import markdown_inline

    # A control's character reference (&#x1B;) is the one unescaped "&" and "#".
    written = re.sub("&#x[0-9A-F]+;", "x", markdown_inline(text))
    for at, ch in enumerate(written):
        if ch in "$`*_[]<>|#!~":
            run = len(written[:at]) - len(written[:at].rstrip("\\"))
            assert run % 2 == 1, (text, written, at)
    assert written.count("$") == text.count("$")


def test_the_public_lookup_tables_are_read_only() -> None:
    """comparisons.FORMATS and scenarios.FIELDS were plain dicts: a caller's stray
    assignment changed what render() and every rule check saw, for the whole process."""
    from rolelens import comparisons, scenarios

    for table, key in ((comparisons.FORMATS, "json"), (scenarios.FIELDS, "segment")):
        assert key in table
        with pytest.raises(TypeError):
            table[key] = table[key]  # type: ignore[index]
