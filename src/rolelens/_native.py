"""The optional C extension (``rolelens._speedups``), or ``None``.

``None`` where it was not built (no C compiler when rolelens was installed)
or when the environment variable ``ROLELENS_PURE_PYTHON`` is set, which runs
everything on the pure-Python reference code. The two give the same results.

It is also ``None``, with a warning, when it was compiled from another
``_speedups.c`` than the one beside it: in a checkout with an editable install
(``pip install -e .`` compiles the extension into ``src/rolelens/``), a
``git pull`` or an edit of the C file leaves the old build in place, and its
verdicts then differed from the reference's without a word (``rolelens
--version`` still said "C extension"). ``setup.py`` stamps each build with the
SHA-256 of the source it compiled; an installed wheel carries no C source, so
nothing is compared there, and a build without the stamp (compiled by hand) is
trusted.
"""

from __future__ import annotations

import hashlib
import os
import warnings
from pathlib import Path
from typing import Any

#: The file the extension is compiled from, beside it in a source checkout.
SOURCE_NAME = "_speedups.c"


def out_of_date(module: Any) -> bool:
    """Whether ``module`` was compiled from another ``_speedups.c`` than the one
    beside its file (``False`` without the stamp or without the C file)."""
    built = getattr(module, "source_sha256", None)
    where = getattr(module, "__file__", None)
    if not isinstance(built, str) or not isinstance(where, str):
        return False
    try:
        source = Path(where).with_name(SOURCE_NAME).read_bytes()
    except OSError:  # an installed wheel: no C source to compare with
        return False
    return hashlib.sha256(source).hexdigest() != built


#: Why :data:`speedups` is ``None``, as ``rolelens --version`` says it; ``None``
#: when the extension runs.
why_not: str | None = None
speedups: Any
try:
    from rolelens import _speedups as speedups  # type: ignore[attr-defined,no-redef]
except ImportError:  # pragma: no cover - depends on the build
    speedups = None
    why_not = "the C extension was not built"
if os.environ.get("ROLELENS_PURE_PYTHON"):  # pragma: no cover - depends on the environment
    speedups = None
    why_not = "ROLELENS_PURE_PYTHON is set"
elif speedups is not None and out_of_date(speedups):
    warnings.warn(
        f"{speedups.__file__} was compiled from another version of {SOURCE_NAME} "
        "than the one beside it; rolelens runs its pure-Python code instead. "
        "Rebuild the extension: pip install -e .",
        RuntimeWarning,
        stacklevel=1,
    )
    speedups = None
    why_not = "the C extension is out of date"
