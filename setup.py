"""Build the optional C extension; all other metadata is in pyproject.toml.

``optional=True``: where no C compiler is available the build carries on
without it and rolelens runs its pure-Python matcher, which gives the same
verdicts (see "Two implementations, one answer" in ``docs/explanation/classifier.md``).

Each build is stamped with the SHA-256 of the C source it compiled
(``rolelens._speedups.source_sha256``): in a checkout, ``rolelens._native``
compares it with the ``_speedups.c`` beside the extension and does not use a
build left over from another version of the file.
"""

import hashlib
from pathlib import Path

from setuptools import Extension, setup

SOURCE = "src/rolelens/_speedups.c"
# A bare token, made a string in the C file: a quoted value on the command line
# loses its quotes on some compilers (MSVC).
DIGEST = hashlib.sha256(Path(__file__).resolve().parent.joinpath(SOURCE).read_bytes()).hexdigest()

setup(
    ext_modules=[
        Extension(
            "rolelens._speedups",
            [SOURCE],
            define_macros=[("ROLELENS_SOURCE_SHA256", DIGEST)],
            optional=True,
        ),
    ]
)
