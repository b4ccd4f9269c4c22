"""Hypothesis strategies for every rolelens model type, in one place.

Later test modules import from here; add new strategies in their own
section at the end of the file.
"""

from __future__ import annotations
