"""The public API: exactly the curated names, importable, and a light import."""

from __future__ import annotations

import subprocess
import sys

import pytest

import rolelens
from rolelens import _EXPORTS


def test_all_is_exactly_the_public_names() -> None:
    """__all__ lists every exported name once, sorted, plus __version__."""
    assert rolelens.__all__ == sorted([*_EXPORTS, "__version__"])
    assert len(set(rolelens.__all__)) == len(rolelens.__all__)


def test_every_public_name_resolves_to_its_module() -> None:
    """Each name in __all__ is importable and defined where _EXPORTS says."""
    for name, module in _EXPORTS.items():
        value = getattr(rolelens, name)
        assert getattr(sys.modules[module], name) is value


def test_unknown_attribute_is_an_attribute_error() -> None:
    """A typo gives a normal AttributeError naming the attribute."""
    with pytest.raises(AttributeError, match="clasify"):
        rolelens.clasify  # type: ignore[attr-defined]  # noqa: B018


def test_import_is_light() -> None:
    """Importing rolelens loads no data file and none of the heavy modules."""
    code = (
        "import sys, rolelens; "
        "heavy = [m for m in ('rolelens.classifier', 'rolelens.catalog', 'cattrs', "
        "'rolelens.posting', 'dask', 'pandas') if m in sys.modules]; print(heavy)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


def test_version_is_a_string() -> None:
    """The version lives in one place and is exposed."""
    from rolelens._version import __version__

    assert rolelens.__version__ == __version__
    assert __version__.count(".") == 2


def test_names_the_splitter_takes_from_the_html_reader_are_not_private_nor_public() -> None:
    """``rolelens.statements`` reads chrome lines with three names of the private
    ``rolelens._html``: names one module gives another carry no underscore there (they
    are in its ``__all__``), and these three stay out of rolelens' API."""
    import ast
    import inspect

    from rolelens import _html, statements

    imported = {
        alias.name
        for node in ast.walk(ast.parse(inspect.getsource(statements)))
        if isinstance(node, ast.ImportFrom) and node.module == "rolelens._html"
        for alias in node.names
    }
    shared = {"CHROME_TAGS", "TAG_NAME", "tag_end"}
    assert shared <= imported
    assert sorted(name for name in imported if name.startswith("_")) == []
    assert imported <= set(_html.__all__)
    for name in shared:
        assert name not in rolelens.__all__
        assert not hasattr(rolelens, name)
