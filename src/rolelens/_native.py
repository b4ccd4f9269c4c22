"""The optional C extension (``rolelens._speedups``), or ``None``.

``None`` where it was not built (no C compiler when rolelens was installed)
or when the environment variable ``ROLELENS_PURE_PYTHON`` is set to anything
but ``0``, ``false``, ``no``, ``off`` or nothing, which runs everything on the
pure-Python reference code. The two give the same results.

It is also ``None``, with a warning, when it was compiled from another
version of the checkout's ``_speedups.c``: in a checkout with an editable install
(``pip install -e .`` compiles the extension into ``src/rolelens/``), a
``git pull`` or an edit of the C file leaves the old build in place, and its
verdicts then differed from the reference's without a word (``rolelens
--version`` still said "C extension"). ``setup.py`` stamps each build with the
SHA-256 of the source it compiled, which is compared with the ``_speedups.c``
beside this file (beside its target, where an editable install in strict mode
links the package's files); an installed wheel carries no C source, so nothing
is compared there, and a build without the stamp (compiled by hand) is trusted.
"""

from __future__ import annotations

import hashlib
import os
import warnings
from pathlib import Path
from typing import Any

#: The file the extension is compiled from, beside this one in a source checkout.
SOURCE_NAME = "_speedups.c"
SOURCE = Path(__file__).resolve().with_name(SOURCE_NAME)


def out_of_date(module: Any, source: Path = SOURCE) -> bool:
    """Whether ``module`` was compiled from another C file than ``source``
    (``False`` without the stamp, or without the C file)."""
    built = getattr(module, "source_sha256", None)
    if not isinstance(built, str):
        return False
    try:
        code = source.read_bytes()
    except OSError:  # an installed wheel: no C source to compare with
        return False
    return hashlib.sha256(code).hexdigest() != built


#: Why :data:`speedups` is ``None``, as ``rolelens --version`` says it; ``None``
#: when the extension runs.
why_not: str | None = None
speedups: Any
try:
    from rolelens import _speedups as speedups  # type: ignore[attr-defined,no-redef]
except ImportError:  # pragma: no cover - depends on the build
    speedups = None
    why_not = "the C extension was not built"
# "=0" turned the C pass off too, as any value did, and nothing said so but --version.
_OFF = ("", "0", "false", "no", "off")
if os.environ.get("ROLELENS_PURE_PYTHON", "").strip().lower() not in _OFF:  # pragma: no cover
    speedups = None
    why_not = "ROLELENS_PURE_PYTHON is set"
elif speedups is not None and out_of_date(speedups):
    warnings.warn(
        f"{speedups.__file__} was not compiled from {SOURCE} as it is now; "
        "rolelens runs its pure-Python code instead. "
        "Rebuild the extension: pip install -e .",
        RuntimeWarning,
        stacklevel=1,
    )
    speedups = None
    why_not = "the C extension is out of date"
