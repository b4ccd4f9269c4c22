"""Optional adapters to other systems, each imported only when used.

``rolelens.integrations.dask`` runs a classifier over Dask bags and
dataframes (extra ``rolelens[dask]``). Nothing here is imported by
``import rolelens``.
"""

from __future__ import annotations

__all__: list[str] = []
