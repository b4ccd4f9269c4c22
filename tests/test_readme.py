"""The README's Python example runs as written."""

from __future__ import annotations

import doctest

from tests.conftest import ROOT


def test_readme_python_example_runs() -> None:
    """Every `>>>` line in README.md gives the output the README shows."""
    result = doctest.testfile(str(ROOT / "README.md"), module_relative=False)
    assert result.attempted > 0
    assert result.failed == 0
