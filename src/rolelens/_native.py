"""The optional C extension (``rolelens._speedups``), or ``None``.

``None`` where it was not built (no C compiler when rolelens was installed)
or when the environment variable ``ROLELENS_PURE_PYTHON`` is set, which runs
everything on the pure-Python reference code. The two give the same results.
"""

from __future__ import annotations

import os
from typing import Any

speedups: Any
try:
    from rolelens import _speedups as speedups  # type: ignore[attr-defined,no-redef]
except ImportError:  # pragma: no cover - depends on the build
    speedups = None
if os.environ.get("ROLELENS_PURE_PYTHON"):  # pragma: no cover - depends on the environment
    speedups = None
