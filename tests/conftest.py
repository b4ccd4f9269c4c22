"""Shared test configuration: Hypothesis profiles and paths to optional shared data."""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import HealthCheck, settings

# "ci" keeps the whole suite within a few minutes on two cores; "deep" is for
# longer local runs: HYPOTHESIS_PROFILE=deep pytest
settings.register_profile(
    "ci",
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("deep", max_examples=2000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

ROOT = Path(__file__).resolve().parent.parent
#: The labeled measuring data lives beside the repository, never inside it.
SHARED_DATA = ROOT.parent / "shared" / "data"
