"""Packaging checks that need no build: what pyproject.toml and the C source promise.

Building and installing the sdist and the wheel is too slow for the test
suite; these pin the packaging defects that can be seen without it.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sysconfig
import tomllib
from pathlib import Path

import pytest

from tests.conftest import ROOT

SPEEDUPS_C = ROOT / "src" / "rolelens" / "_speedups.c"

#: setuptools reads ``project.license`` as an SPDX expression (PEP 639) from
#: 77.0.0 (yanked; 77.0.1 is the first release). Older ones reject the string
#: with "`project.license` must be valid exactly by one definition".
SETUPTOOLS_WITH_LICENSE_EXPRESSION = (77, 0, 1)


def _floors(requirements: list[str]) -> dict[str, tuple[int, ...]]:
    floors = {}
    for requirement in requirements:
        match = re.fullmatch(r"\s*([A-Za-z0-9_.-]+)\s*>=\s*([0-9]+(?:\.[0-9]+)*)\s*", requirement)
        if match is not None:
            floors[match.group(1)] = tuple(int(part) for part in match.group(2).split("."))
    return floors


def test_build_requires_a_setuptools_that_reads_the_license_expression() -> None:
    """``build-system.requires`` must not allow a setuptools that cannot read ``[project]``.

    With an older one (``pip install --no-build-isolation`` on a system whose
    setuptools is 68, such as Ubuntu 24.04's) the build stops at the license.
    """
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert isinstance(pyproject["project"]["license"], str)  # an SPDX expression
    floors = _floors(pyproject["build-system"]["requires"])
    assert floors["setuptools"] >= SETUPTOOLS_WITH_LICENSE_EXPRESSION


def test_c_source_uses_no_gcc_builtin_without_a_guard() -> None:
    """Preprocessed as a compiler that is not GCC or Clang (MSVC), no ``__builtin_`` is left.

    An unguarded GCC builtin makes the optional extension fail to build there,
    and the install then falls back to pure Python without saying so.
    """
    cc = shutil.which("gcc") or shutil.which("cc")
    include = sysconfig.get_paths()["include"]
    if cc is None or not Path(include, "Python.h").is_file():
        pytest.skip("needs a C preprocessor and the Python headers")
    done = subprocess.run(
        [cc, "-E", "-U__GNUC__", "-U__clang__", "-I", include, str(SPEEDUPS_C)],
        capture_output=True,
        text=True,
        check=True,
    )
    ours = False
    leftovers = []
    for line in done.stdout.splitlines():
        if line.startswith("# ") and '"' in line:  # a line marker: '# 12 "file" flags'
            ours = line.split('"')[1].endswith("_speedups.c")
        elif ours and "__builtin_" in line:
            leftovers.append(line.strip())
    assert leftovers == []


def test_runtime_floors_are_versions_rolelens_imports_from() -> None:
    """The declared lowest attrs and cattrs are ones rolelens runs with.

    rolelens._serialization imports ``homogenous_tuple_structure_factory``
    from ``cattrs.cols``, which cattrs 25.2 is the first to have (``cattrs.cols``
    itself is from 24.1); cattrs 25.2 needs attrs 24.3. With the old floors
    (attrs 23.1, cattrs 23.2) an environment that already had cattrs 23.2 to
    25.1 kept it, and ``import rolelens.classifier`` failed. The whole suite
    was run with attrs 24.3.0 and cattrs 25.2.0.
    """
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    floors = _floors(pyproject["project"]["dependencies"])
    assert floors["cattrs"] >= (25, 2)
    assert floors["attrs"] >= (24, 3)
