"""Build the optional C extension; all other metadata is in pyproject.toml.

``optional=True``: where no C compiler is available the build carries on
without it and rolelens runs its pure-Python matcher, which gives the same
verdicts (see "Two implementations, one answer" in ``docs/explanation/classifier.md``).
"""

from setuptools import Extension, setup

setup(
    ext_modules=[
        Extension("rolelens._speedups", ["src/rolelens/_speedups.c"], optional=True),
    ]
)
