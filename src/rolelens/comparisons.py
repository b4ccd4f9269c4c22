"""Side-by-side comparison of roles across dimensions, and its exports.

:func:`comparison` selects roles (columns) and dimensions (rows) from a
catalog and returns a typed :class:`Comparison`. The value knows nothing
about file formats; module functions at the edge turn it into plain data
(:func:`to_dict`), JSON (:func:`to_json`, versioned by
:data:`SCHEMA_VERSION` and described by :func:`json_schema`), CSV
(:func:`to_csv`), a Markdown table (:func:`to_markdown`) and an HTML table
(:func:`to_html`, every string escaped). Every export is deterministic: the
same comparison always gives the same bytes.

Every export is valid Unicode, so it can be encoded as UTF-8 whatever the
catalog held: a lone surrogate (``"\\ud800"`` in a JSON catalog file reads as
one) is written as its escape, the six characters ``\\ud800``, as the command
line writes it and as the posting reports do. In the JSON document that is
JSON's own escape, which reads back as the same character. :func:`to_dict`
keeps every text as it is.
"""

from __future__ import annotations

import copy
import functools
import html
import json
import types
from collections.abc import Callable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from typing import Any

import attrs

from rolelens._checks import must_be
from rolelens._display import (
    bounded_repr,
    controls_as_html_references,
    encodable,
    known_ids,
    markdown_inline,
    shown_id,
)
from rolelens._serialization import csv_line, schema_object, structure, unstructure
from rolelens.catalog import _FIELD_PROBLEM, _consistency_error, default_catalog
from rolelens.errors import ArgumentError, CatalogError
from rolelens.model import (
    ID_PATTERN,
    REPR_ITEMS,
    Catalog,
    Dimension,
    Horizon,
    Level,
    Role,
    Trait,
    _as_tuple,
    _items_of,
)

__all__ = [
    "CSV_COLUMNS",
    "FORMATS",
    "SCHEMA_VERSION",
    "Comparison",
    "ComparisonRow",
    "comparison",
    "from_dict",
    "json_schema",
    "render",
    "to_csv",
    "to_dict",
    "to_html",
    "to_json",
    "to_markdown",
]

#: Version of the exported document; bumped whenever its shape changes.
SCHEMA_VERSION = 1

#: The header row of :func:`to_csv`, which writes one record per (dimension, role) cell,
#: dimensions first.
CSV_COLUMNS: tuple[str, ...] = (
    "dimension_id",
    "dimension",
    "role_id",
    "role",
    "summary",
    "level",
    "horizon",
    "description",
)


def _dimension(_instance: object, _attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, Dimension):
        raise TypeError(f"dimension: expected a Dimension, got {type(value).__name__}")


@attrs.frozen
class ComparisonRow:
    """One dimension with each selected role's trait, in column order."""

    dimension: Dimension = attrs.field(validator=_dimension)
    traits: tuple[Trait, ...] = attrs.field(converter=_as_tuple, validator=_items_of(Trait))

    def __repr__(self) -> str:
        return bounded_repr(self, {"traits": "traits"}, most=REPR_ITEMS, shown=1)


@attrs.frozen
class Comparison:
    """Rows are dimensions, columns are roles; both keep their catalog ids.

    ``rows[i].traits[j]`` is the value of ``roles[j]`` on ``rows[i].dimension``;
    construction checks that this holds.
    """

    roles: tuple[Role, ...] = attrs.field(converter=_as_tuple, validator=_items_of(Role))
    rows: tuple[ComparisonRow, ...] = attrs.field(
        converter=_as_tuple, validator=_items_of(ComparisonRow)
    )

    # Column and row by id, for cell(): a search of the ids made each call cost the
    # size of the table, and reading every cell its square.
    _column_index: dict[str, int] = attrs.field(init=False, eq=False, repr=False)
    _row_index: dict[str, int] = attrs.field(init=False, eq=False, repr=False)

    def __repr__(self) -> str:
        # A table of many roles or dimensions printed every role and row in full.
        return bounded_repr(self, {"roles": "roles", "rows": "rows"}, most=REPR_ITEMS, shown=1)

    def __attrs_post_init__(self) -> None:
        if not self.roles:
            raise CatalogError("a comparison needs at least one role", field="roles")
        if not self.rows:
            raise CatalogError("a comparison needs at least one dimension", field="rows")
        role_ids = [role.id for role in self.roles]
        columns = _no_repeats("roles", role_ids, "id")
        rows = _no_repeats("rows", [row.dimension.id for row in self.rows], "dimension")
        for position, row in enumerate(self.rows):
            problem = _out_of_line(row, role_ids)
            if problem is not None:
                raise CatalogError(problem, entry=f"rows[{position}]", field="traits")
        object.__setattr__(self, "_column_index", columns)
        object.__setattr__(self, "_row_index", rows)

    @property
    def dimensions(self) -> tuple[Dimension, ...]:
        """The dimensions, in row order."""
        return tuple(row.dimension for row in self.rows)

    def cell(self, role_id: str, dimension_id: str) -> Trait:
        """Return the trait of ``role_id`` on ``dimension_id``; unknown ids raise CatalogError
        (and an id that is not a ``str``, ``TypeError``)."""
        must_be(role_id, str, "role_id")
        must_be(dimension_id, str, "dimension_id")
        column = _position("role", self._column_index, role_id)
        row = _position("dimension", self._row_index, dimension_id)
        return self.rows[row].traits[column]


def _out_of_line(row: ComparisonRow, role_ids: Sequence[str]) -> str | None:
    """What is wrong when ``row.traits`` are not, in order, the traits of ``role_ids`` on
    the row's dimension: the counts, or the first trait out of place. ``None`` if nothing."""
    rule = "(one trait per role, in column order)"
    if len(row.traits) != len(role_ids):
        return f"{len(row.traits)} traits for {len(role_ids)} roles {rule}"
    dimension = row.dimension.id
    for at, (trait, role_id) in enumerate(zip(row.traits, role_ids, strict=True)):
        if (trait.role, trait.dimension) != (role_id, dimension):
            wanted = [
                f"{kind} {value!r}"
                for kind, value, found in (
                    ("role", role_id, trait.role),
                    ("dimension", dimension, trait.dimension),
                )
                if value != found
            ]
            return (
                f"traits[{at}] is for role {trait.role!r} on dimension {trait.dimension!r}, "
                f"expected {' on '.join(wanted)} {rule}"
            )
    return None


def _no_repeats(kind: str, ids: Sequence[str], field: str) -> dict[str, int]:
    """Each id's position; an id given twice raises ``CatalogError`` naming the second."""
    index: dict[str, int] = {}
    for position, item_id in enumerate(ids):
        if item_id in index:
            raise CatalogError(
                f"{item_id!r} appears twice", entry=f"{kind}[{position}]", field=field
            )
        index[item_id] = position
    return index


def _position(kind: str, index: Mapping[str, int], wanted: str) -> int:
    """Where ``wanted`` is in ``index`` (ids in order); an unknown id raises ``CatalogError``."""
    position = index.get(wanted)
    if position is None:
        raise CatalogError(
            f"unknown {kind} {shown_id(wanted)} (known: {known_ids(index)})", field=f"{kind}s"
        )
    return position


def _select(kind: str, wanted: Sequence[str] | str | None, known: Sequence[str]) -> list[str]:
    if wanted is None:
        return list(known)
    if isinstance(wanted, str):
        chosen = [wanted]
    else:
        # bytes iterate as ints ("unknown role 112"); a number does not iterate at all;
        # a set has no order (the columns came out by chance) and a mapping gives its keys.
        problem = isinstance(wanted, (bytes, bytearray, AbstractSet, Mapping))
        if not problem:
            try:
                chosen = list(wanted)
            except TypeError:
                problem = True
        if problem:
            raise TypeError(
                f"{kind}s must be an id (str) or a sequence of ids, got {type(wanted).__name__}"
            )
        for position, item in enumerate(chosen):
            if not isinstance(item, str):
                raise TypeError(f"{kind}s[{position}] must be a str, got {type(item).__name__}")
    if not chosen:
        raise CatalogError(f"select at least one {kind}", field=f"{kind}s")
    index = {item_id: position for position, item_id in enumerate(known)}
    seen: set[str] = set()
    for item in chosen:
        _position(kind, index, item)
        if item in seen:
            raise CatalogError(f"{kind} {item!r} selected twice", field=f"{kind}s")
        seen.add(item)
    return chosen


def comparison(
    roles: Sequence[str] | None = None,
    dimensions: Sequence[str] | None = None,
    *,
    catalog: Catalog | None = None,
) -> Comparison:
    """Compare ``roles`` across ``dimensions`` (ids; both select and order).

    ``None`` means every role (or dimension) of ``catalog`` in catalog order,
    and one id may be given as a ``str``; ``catalog`` defaults to the built-in
    one. An unknown or repeated id raises
    :class:`~rolelens.errors.CatalogError` naming it; ``roles`` or
    ``dimensions`` that is neither ``None``, a ``str`` nor an ordered iterable
    of ``str`` (``5``, ``b"..."``, ``[5]``, a set, which has no order, or a
    mapping) raises ``TypeError`` naming the argument and the type.
    """
    source = catalog if catalog is not None else default_catalog()
    must_be(source, Catalog, "catalog")
    role_ids = _select("role", roles, [r.id for r in source.roles])
    dimension_ids = _select("dimension", dimensions, [d.id for d in source.dimensions])
    return Comparison(
        roles=[source.role(role_id) for role_id in role_ids],
        rows=[
            ComparisonRow(
                dimension=source.dimension(dimension_id),
                traits=[source.trait(role_id, dimension_id) for role_id in role_ids],
            )
            for dimension_id in dimension_ids
        ],
    )


# --- exports -----------------------------------------------------------------


def to_dict(value: Comparison) -> dict[str, Any]:
    """Return the comparison as JSON-ready plain data with ``schema_version`` first."""
    must_be(value, Comparison, "value")
    data: dict[str, Any] = {"schema_version": SCHEMA_VERSION}
    data.update(unstructure(value))
    return data


def from_dict(data: Any, *, path: str | None = None) -> Comparison:
    """Rebuild a comparison from :func:`to_dict` output; a bad document raises ``CatalogError``.

    A document that follows :func:`~rolelens.json_schema` is accepted, but for what no JSON
    Schema can say: each row's traits must be those of the roles, one per role in
    column order, and no role or dimension id may appear twice. ``schema_version``
    may be written ``1.0``, as the schema allows (JSON has one kind of number), but
    not ``true``.
    """
    if not isinstance(data, dict):
        raise CatalogError("expected an object at the top level", path=path)
    version = data.get("schema_version")
    # True == 1 in Python, but JSON's true is no number. 1.0 is: JSON has one kind of
    # number, and the published schema's "const": 1 passes 1.0 (which Python's json.dumps
    # writes for a float), so a document the schema validated was refused here.
    if type(version) not in (int, float) or version != SCHEMA_VERSION:
        raise CatalogError(
            f"unsupported schema_version {version!r:.20}, expected {SCHEMA_VERSION}",
            path=path,
            field="schema_version",
        )
    body = {key: value for key, value in data.items() if key != "schema_version"}
    try:
        return structure(body, Comparison, error=CatalogError, path=path)
    except CatalogError as exc:
        inner = _consistency_error(exc.__cause__)
        if inner is not None:
            # A problem found by Comparison itself (a repeated id, traits out of column
            # order): keep the entry and field it named, which cattrs' wrapping drops.
            raise CatalogError(
                inner.problem, path=path, entry=inner.entry, field=inner.field
            ) from exc
        located = _FIELD_PROBLEM.fullmatch(exc.problem)
        if exc.field is None or located is None:
            raise
        # A model validator said "field: problem" about the item cattrs located (as
        # entry and field): that item is the entry, as load_catalog reports it.
        entry = f"{exc.entry}.{exc.field}" if exc.entry else exc.field
        raise CatalogError(
            located.group(2), path=path, entry=entry, field=located.group(1)
        ) from exc.__cause__


def to_json(value: Comparison) -> str:
    """Return the comparison as indented JSON text ending in a newline.

    A lone surrogate is written as JSON's escape (``\\ud800``), which reads back
    as the same character; every other character as itself.
    """
    return encodable(json.dumps(to_dict(value), indent=2, ensure_ascii=False)) + "\n"


def _facet(value: Level | Horizon | None) -> str:
    return "" if value is None else value.value


def to_csv(value: Comparison, *, spreadsheet_safe: bool = False) -> str:
    """Return one CSV record per cell (columns :data:`CSV_COLUMNS`), ``\\n`` line endings.

    Every text is written as it is in the catalog, so the CSV reads back to
    exactly the same cells; only a lone surrogate, which UTF-8 cannot encode,
    is written as its six-character escape (``\\ud800``). With
    ``spreadsheet_safe=True``, a cell that a spreadsheet program could take for
    a formula (one that starts with ``=``, ``+``, ``-``, ``@``, a tab or a
    carriage return, also after leading white space) gets a ``'`` in front,
    which spreadsheets read as "this is text": use it for a file a person will
    open from a catalog you did not write. The added ``'`` is part of the cell
    for any other reader.
    """
    must_be(value, Comparison, "value")
    must_be(spreadsheet_safe, bool, "spreadsheet_safe")
    line = functools.partial(csv_line, spreadsheet_safe=spreadsheet_safe)
    lines = [line(CSV_COLUMNS)]
    for row in value.rows:
        for role, trait in zip(value.roles, row.traits, strict=True):
            cells = (
                row.dimension.id,
                row.dimension.name,
                role.id,
                role.name,
                trait.summary,
                _facet(trait.level),
                _facet(trait.horizon),
                trait.description,
            )
            lines.append(line(cells))
    return encodable("".join(lines))


#: Escape text for one Markdown table cell: no markup, no HTML, one line, control
#: characters as character references (shared with the posting report).
_md = markdown_inline


def to_markdown(value: Comparison) -> str:
    """Return a Markdown (GFM) table: a row per dimension, a column per role."""
    must_be(value, Comparison, "value")
    header = ["Dimension", *(_md(role.name) for role in value.roles)]
    lines = [
        "| " + " | ".join(header) + " |",
        "|" + "|".join(" --- " for _ in header) + "|",
    ]
    for row in value.rows:
        cells = [f"**{_md(row.dimension.name)}**"]
        cells.extend(f"**{_md(t.summary)}** — {_md(t.description)}" for t in row.traits)
        lines.append("| " + " | ".join(cells) + " |")
    return encodable("\n".join(lines)) + "\n"


def _h(text: str) -> str:
    return html.escape(text, quote=True)


def to_html(value: Comparison) -> str:
    """Return an HTML ``<table>`` fragment; every catalog string is escaped.

    The fragment is ASCII: other characters are written as character
    references (``&#8212;``), so it reads the same in a page of any encoding
    and in a file opened with no charset declared; so are control characters
    such as ESC (``&#x1B;``), which a terminal shown the fragment would obey (a
    C1 control as ``&#xFFFD;``: HTML reads ``&#x9B;`` as "›"). A control that is
    white space, a line break, to rolelens but drawn by a browser (VT, FF, U+001C to
    U+001F, NEL: the Markdown table shows a space) is written as a line break ``\\n``: a
    browser showed an empty box for it, and for NEL's reference ``&#133;`` "…". A
    lone surrogate, which no character reference can stand for, is written as its
    escape ``\\ud800``.
    """
    must_be(value, Comparison, "value")
    out = ['<table class="rolelens-comparison">', "  <thead>", "    <tr>"]
    out.append('      <th scope="col">Dimension</th>')
    for role in value.roles:
        out.append(
            f'      <th scope="col" data-role="{_h(role.id)}" data-side="{_h(role.side.value)}"'
            f' title="{_h(role.question)}">{_h(role.name)}</th>'
        )
    out += ["    </tr>", "  </thead>", "  <tbody>"]
    for row in value.rows:
        dimension = row.dimension
        out.append(f'    <tr data-dimension="{_h(dimension.id)}">')
        out.append(
            f'      <th scope="row" title="{_h(dimension.description)}">{_h(dimension.name)}</th>'
        )
        for trait in row.traits:
            facets = "".join(
                f' data-{name}="{_h(facet.value)}"'
                for name, facet in (("level", trait.level), ("horizon", trait.horizon))
                if facet is not None
            )
            out.append(
                f'      <td data-role="{_h(trait.role)}"{facets}>'
                f"<strong>{_h(trait.summary)}</strong> — {_h(trait.description)}</td>"
            )
        out.append("    </tr>")
    out += ["  </tbody>", "</table>"]
    # Controls as references too, as in the Markdown table: html.escape leaves them.
    page = controls_as_html_references(encodable("\n".join(out) + "\n"))  # "&#55296;": U+FFFD
    return page.encode("ascii", "xmlcharrefreplace").decode("ascii")


#: Export format name -> renderer; the CLI's ``--format`` choices. Read-only, as
#: :func:`render` and the command line share it.
FORMATS: Mapping[str, Callable[[Comparison], str]] = types.MappingProxyType(
    {
        "json": to_json,
        "csv": to_csv,
        "markdown": to_markdown,
        "html": to_html,
    }
)


def render(value: Comparison, format: str, *, spreadsheet_safe: bool = False) -> str:
    """Render ``value`` in ``format`` (a key of :data:`FORMATS`).

    An unknown ``format`` raises :class:`~rolelens.errors.ArgumentError` naming
    the formats; one that is not a ``str`` (``["json"]``), ``TypeError`` naming
    its type. ``spreadsheet_safe`` is :func:`to_csv`'s: with any format but
    ``"csv"``, ``True`` raises :class:`~rolelens.errors.ArgumentError` rather
    than seeming to guard a file it does not change.
    """
    must_be(format, str, "format")
    try:
        renderer = FORMATS[format]
    except KeyError:
        raise ArgumentError(
            f"unknown format {format!r:.60}; expected one of {', '.join(FORMATS)}"
        ) from None
    must_be(spreadsheet_safe, bool, "spreadsheet_safe")
    if spreadsheet_safe:
        if format != "csv":
            raise ArgumentError(f"spreadsheet_safe applies to CSV only, not to format {format!r}")
        return to_csv(value, spreadsheet_safe=True)
    return renderer(value)


# --- JSON Schema ---------------------------------------------------------------

#: What ``str.isspace`` calls white space, every such code point (all are below U+3001).
_WHITE_SPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004"
    "\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
# The models refuse text that is only white space, so the schema does too: a text holds
# one character outside _WHITE_SPACE. Spelled out, not "\S": ECMA-262 (JSON Schema's
# dialect, and JavaScript validators') counts U+FEFF as white space and U+001C-U+001F and
# U+0085 not, so "\S" failed a name the models keep and passed one they refuse.
_TEXT: dict[str, Any] = {
    "type": "string",
    "minLength": 1,
    "pattern": "[^" + "".join(f"\\u{ord(c):04x}" for c in _WHITE_SPACE) + "]",
}
# (?![\s\S]), not "$": Python's re (and so Python validators) lets "$" match before a
# final "\n", which would pass an id "abc\n" that from_dict() refuses. It means the
# end of the string in ECMA-262 and Python alike.
_ID: dict[str, Any] = {"type": "string", "pattern": f"^{ID_PATTERN.pattern}(?![\\s\\S])"}


_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": f"urn:rolelens:schema:comparison:{SCHEMA_VERSION}",
    "title": "rolelens comparison",
    "description": "Roles (columns) compared across dimensions (rows), as exported by rolelens.",
    **schema_object(
        {
            "schema_version": {"const": SCHEMA_VERSION},
            "roles": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/role"}},
            "rows": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/row"}},
        }
    ),
    "$defs": {
        "role": schema_object(
            {
                "id": _ID,
                "name": _TEXT,
                "side": {"enum": ["product", "project"]},
                "question": _TEXT,
                "analogy": _TEXT,
                "focus": _TEXT,
                "titles": {"type": "array", "items": _TEXT},
            }
        ),
        "dimension": schema_object({"id": _ID, "name": _TEXT, "description": _TEXT}),
        "trait": schema_object(
            {
                "role": _ID,
                "dimension": _ID,
                "summary": _TEXT,
                "description": _TEXT,
                "level": {"enum": [*(level.value for level in Level), None]},
                "horizon": {"enum": [*(horizon.value for horizon in Horizon), None]},
            }
        ),
        "row": schema_object(
            {
                "dimension": {"$ref": "#/$defs/dimension"},
                "traits": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/trait"}},
            }
        ),
    },
}


def json_schema() -> dict[str, Any]:
    """Return (a fresh copy of) the JSON Schema, draft 2020-12, of
    :func:`~rolelens.comparisons.to_json` output."""
    return copy.deepcopy(_SCHEMA)
