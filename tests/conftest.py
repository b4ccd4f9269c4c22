"""Shared test configuration: Hypothesis profiles and paths to optional shared data."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, settings

# "ci" keeps the whole suite within a few minutes on two cores, and draws the
# same examples on every run (derandomize): a result depends on the code alone,
# so a rare example cannot fail one CI run of unchanged code and pass the next.
# "deep" searches afresh on each run, with 2,000 examples a test, to find such
# examples before CI does: HYPOTHESIS_PROFILE=deep pytest
settings.register_profile(
    "ci",
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("deep", max_examples=2000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

ROOT = Path(__file__).resolve().parent.parent
#: The labeled measuring data lives beside the repository, never inside it.
SHARED_DATA = ROOT.parent / "shared" / "data"


def run_in_child(code: str) -> subprocess.CompletedProcess[str]:
    """Run ``code`` in a new interpreter, so that a crash fails the test instead of
    ending the session. A fixed mmap threshold makes glibc give large blocks a
    mapping of their own, returned on free: reading one after the free faults at
    once instead of reading stale bytes."""
    env = {**os.environ, "MALLOC_MMAP_THRESHOLD_": "65536"}
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env=env,
    )


def wait_for_output(directory: Path, prefix: str, seconds: float = 60) -> None:
    """Wait until a file of ``directory`` named ``prefix...`` holds something (a
    command's temporary ``-o`` file is being written), or ``seconds`` pass."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        temps = [p for p in directory.iterdir() if p.name.startswith(prefix)]
        if temps and temps[0].stat().st_size > 0:
            return
        time.sleep(0.02)


class StandIn:
    """A classifier of one's own whose ``classify_many`` gives what ``give`` makes of
    the texts: right or wrong, as a test wants it."""

    def __init__(self, give: Callable[[list[str]], object]) -> None:
        self.give = give

    def classify_many(self, texts: Iterable[str]) -> Any:
        return self.give(list(texts))
