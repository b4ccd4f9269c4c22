"""Sphinx configuration for the rolelens documentation.

Build it with ``python -m sphinx -W --keep-going -b html docs docs/_build/html``.
Every Python example is a doctest (``-b doctest``); the shell examples run in
``tests/test_docs.py``. No extension here needs the network.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "_ext"))

import rolelens  # noqa: E402  (the path above must be set first)

project = "rolelens"
author = "rolelens developers"
copyright = "rolelens developers"
release = rolelens.__version__
version = ".".join(release.split(".")[:2])

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.doctest",
    "rolelens_docs",
]

source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
root_doc = "index"
exclude_patterns = ["_build", "Thumbs.db", ".DS_Store"]
# Every cross-reference to a rolelens name must resolve (a docstring's :class:`Miss`
# on a class documented as ``rolelens.EvaluationReport`` rendered as plain text).
# Other packages' names (the standard library's: ``collections.abc.Iterable``,
# ``pathlib.Path``, ``json.dumps``...) are documented elsewhere and not linked: no
# intersphinx, which needs the network.
nitpicky = True
nitpick_ignore_regex = [
    (r"py:.*", r"(?!rolelens\.)\w+(\.\w+)+"),
    (r"py:class", r"Path"),  # a string annotation of scenarios.load_rules
    (r"py:class", r"rolelens\.parallel\.[TR]"),  # map_chunks' type variables
]

# MyST: ``{doctest}`` fences, definition lists for the glossary, ``(name)=`` targets.
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

# autodoc: signatures stay short, types go into the parameter descriptions.
autodoc_typehints = "description"
autodoc_typehints_description_target = "all"
autodoc_member_order = "bysource"
autodoc_default_options = {"members": True}
napoleon_google_docstring = True
napoleon_numpy_docstring = False

# doctest: every example starts from the public API; only the label or the
# structure of a verdict is checked, never scores that move when the model improves.
doctest_global_setup = f"""
import os
os.chdir({str(HERE.parent)!r})  # examples use paths relative to the checkout, as readers do
import rolelens
for _name in rolelens.__all__:
    try:
        globals()[_name] = getattr(rolelens, _name)
    except ImportError:  # a missing module shows up as an autodoc warning instead
        pass
del _name
import importlib.util
HAVE_DASK = all(importlib.util.find_spec(m) for m in ("dask", "pandas"))
HAVE_JSONSCHEMA = importlib.util.find_spec("jsonschema") is not None
"""
# Bare ``>>>`` blocks come from docstrings pulled in by autodoc; they need their
# module's globals, so tests/test_docs.py runs them with doctest against each
# module instead. The ``{doctest}`` blocks of the pages are run here.
doctest_test_doctest_blocks = ""
doctest_default_flags = (
    __import__("doctest").ELLIPSIS
    | __import__("doctest").NORMALIZE_WHITESPACE
    | __import__("doctest").DONT_ACCEPT_TRUE_FOR_1
)

html_theme = "furo"
html_title = f"rolelens {release}"
html_static_path: list[str] = []

# linkcheck: only internal references are checked (external URLs are ignored in CI).
linkcheck_anchors = False
