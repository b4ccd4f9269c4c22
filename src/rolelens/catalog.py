"""Loading role catalogs: the built-in one and a user's own file.

A catalog file (TOML, or JSON for any other suffix) has the arrays
``roles``, ``dimensions`` and ``traits`` and, optionally, ``overlaps``,
``shifts`` and ``b2b``; the field names are those of the classes in
:mod:`rolelens.model`. Loading goes through the project's one converter, so
every mistake (missing field, wrong type, unknown key, unknown id, duplicate
id, a role without a value on some dimension) raises
:class:`~rolelens.errors.CatalogError` naming the file, the entry and the
field. The built-in catalog (``rolelens/data/catalog.toml``) is read on
first use only and then cached.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any

from cattrs.gen import make_dict_structure_fn, override

from rolelens._memo import once
from rolelens._serialization import (
    converter,
    parse_data_text,
    read_data_file,
    register_enum,
    structure,
)
from rolelens.errors import CatalogError
from rolelens.labels import Label
from rolelens.model import ROLE_SIDES, Catalog, Horizon, Level, Role

__all__ = ["DEFAULT_CATALOG_RESOURCE", "catalog_from_data", "default_catalog", "load_catalog"]

#: Where the built-in catalog lives inside the package.
DEFAULT_CATALOG_RESOURCE = "data/catalog.toml"


for _kind in (Label, Level, Horizon):
    register_enum(_kind)


def _role_side(value: Any, _type: Any) -> Label:
    """A role's ``side``, refused naming the two a role can take: the ``Label`` hook
    named all four labels, ``'shared'`` and ``'other'`` among them, which no role can be
    on (the next load refused them in turn)."""
    if isinstance(value, str) and value in _SIDES:
        return Label(value)
    got = f"{value!r:.40}" if isinstance(value, str) else f"{type(value).__name__} {value!r:.40}"
    raise ValueError(f"expected 'product' or 'project', got {got}")


_SIDES = frozenset(side.value for side in ROLE_SIDES)
_role_fields = make_dict_structure_fn(Role, converter, side=override(struct_hook=_role_side))


def _structure_role(value: Any, _type: Any) -> Role:
    if not isinstance(value, Mapping):  # as every other table is checked
        raise TypeError(f"expected a table (mapping), got {type(value).__name__} {value!r:.40}")
    return _role_fields(value, _type)


converter.register_structure_hook(Role, _structure_role)


def catalog_from_data(data: Any, *, path: str | None = None) -> Catalog:
    """Build a :class:`~rolelens.Catalog` from plain data (as parsed from TOML or JSON).

    The data has the shape of a catalog file (see :func:`~rolelens.load_catalog`).
    ``path`` only labels error messages. Raises
    :class:`~rolelens.errors.CatalogError` naming the entry and field that
    are wrong.
    """
    if not isinstance(data, dict):
        raise CatalogError(
            f"expected a table at the top level, got {type(data).__name__}", path=path
        )
    try:
        return structure(data, Catalog, error=CatalogError, path=path)
    except CatalogError as exc:
        inner = _consistency_error(exc.__cause__)
        if inner is not None:
            # A cross-reference problem found by Catalog itself: keep its entry and field.
            raise CatalogError(
                inner.problem, path=path, entry=inner.entry, field=inner.field
            ) from exc
        located = _FIELD_PROBLEM.fullmatch(exc.problem)
        if exc.entry is None and exc.field is not None and located is not None:
            # A model validator said "field: problem" about the entry cattrs located.
            raise CatalogError(
                located.group(2), path=path, entry=exc.field, field=located.group(1)
            ) from exc.__cause__
        raise


#: How model validators phrase a problem: ``"<field>: <what is wrong>"``.
_FIELD_PROBLEM = re.compile(r"([a-z_]+): (.+)", re.DOTALL)


def _consistency_error(exc: BaseException | None) -> CatalogError | None:
    """The :class:`CatalogError` raised by ``Catalog`` itself, if ``exc`` wraps one."""
    if isinstance(exc, CatalogError):
        return exc
    if isinstance(exc, BaseExceptionGroup):
        for inner in exc.exceptions:
            if isinstance(inner, CatalogError):
                return inner
    return None


def load_catalog(path: str | Path) -> Catalog:
    """Load and validate a user's catalog file (TOML for ``.toml``, otherwise JSON).

    Every problem, from an unreadable path to a role missing a dimension,
    raises :class:`~rolelens.errors.CatalogError` naming file, entry and field.
    """
    data = read_data_file(path, error=CatalogError)
    return catalog_from_data(data, path=str(path))


@once
def default_catalog() -> Catalog:
    """Return the built-in catalog of Product Manager vs Project Manager (loaded once)."""
    resource = resources.files("rolelens").joinpath(DEFAULT_CATALOG_RESOURCE)
    name = f"rolelens/{DEFAULT_CATALOG_RESOURCE}"
    text = resource.read_text(encoding="utf-8")
    return catalog_from_data(
        parse_data_text(text, toml=True, error=CatalogError, path=name), path=name
    )
