"""Every fuzz target in fuzz/fuzz_targets.py runs for a short, bounded time in CI.

The targets are Hypothesis properties over hostile input (see
``fuzz/README.md``); here each gets about a second and a half, so a
regression that Hypothesis finds quickly fails the suite, and the script
itself cannot rot. Longer runs are for ``python fuzz/fuzz_targets.py``.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from collections.abc import Callable
from types import ModuleType
from typing import Any, cast

import pytest

from tests.conftest import ROOT

FUZZ_SCRIPT = ROOT / "fuzz" / "fuzz_targets.py"
SECONDS_PER_TARGET = 1.5
EXPECTED_TARGETS = {
    "split_statements",
    "classify",
    "posting_report",
    "load_catalog",
    "load_lexicon",
    "load_rules",
    "load",
}


def _fuzz_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("rolelens_fuzz_targets", FUZZ_SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # so tracebacks and Hypothesis reports can name it
    spec.loader.exec_module(module)
    return module


FUZZ = _fuzz_module()
run_target = cast(Callable[..., int], FUZZ.run_target)
TARGETS = cast(dict[str, Any], FUZZ.TARGETS)


def test_every_promised_target_exists() -> None:
    """The fuzz script covers the splitter, the classifier, each loader and the renderers."""
    assert set(TARGETS) == EXPECTED_TARGETS


@pytest.mark.parametrize("name", sorted(EXPECTED_TARGETS))
def test_fuzz_target_briefly(name: str) -> None:
    """One fuzz target runs for about 1.5 s without finding a failure."""
    examples = run_target(name, SECONDS_PER_TARGET, database=None)
    assert examples > 0


def test_fuzz_script_command_line() -> None:
    """`python fuzz/fuzz_targets.py --target T --seconds S` runs and reports on stdout."""
    completed = subprocess.run(
        [
            sys.executable,
            str(FUZZ_SCRIPT),
            "--seconds",
            "0.3",
            "--target",
            "split_statements",
            "--no-database",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.startswith("ok   split_statements:"), completed.stdout
