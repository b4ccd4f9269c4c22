"""The public API as a type checker sees it: mypy --strict on a user's program.

``tests/typing/api_usage.py`` proves that correct code type-checks (``mypy src
tests``); these tests prove that mistakes are caught and that no public name
reaches a user as ``Any``.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

api = pytest.importorskip("mypy.api")

PROGRAM = """
from rolelens import *
from rolelens import default_classifier as get_default

reveal_type(classify)
reveal_type(Classifier)
examples = [("Own the roadmap", "product"), ("Track the plan", "project")]
get_default().fit(examples, epoch=3)
get_default().fit(examples, progress=5)
get_default().fit(examples, seed=1, epochs=2, progress=lambda done, total: None)
"""


@pytest.fixture(scope="module")
def mypy_output(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    where = tmp_path_factory.mktemp("typing")
    program = where / "user_program.py"
    program.write_text(textwrap.dedent(PROGRAM), encoding="utf-8")
    out, err, _status = api.run(
        ["--strict", "--cache-dir", str(where / "cache"), "--no-error-summary", str(program)]
    )
    assert not err, err
    return [line.split(":", 2)[-1].strip() for line in out.splitlines()]


def test_star_import_gives_typed_names(mypy_output: list[str]) -> None:
    """``from rolelens import *`` brings every public name, typed (``__all__`` is a
    literal list that mypy reads; a computed one hid every name from it)."""
    joined = "\n".join(mypy_output)
    assert "is not defined" not in joined
    assert 'Revealed type is "def (text: str) -> rolelens.classifier.Verdict"' in joined
    assert 'Revealed type is "Any"' not in joined


def test_fit_options_are_checked(mypy_output: list[str]) -> None:
    """``Classifier.fit`` options are typed: a misspelt option or a progress that is
    not callable is a type error, not ``**options: Any``."""
    joined = "\n".join(mypy_output)
    assert 'Unexpected keyword argument "epoch"' in joined
    assert '"progress"' in joined
    errors = [line for line in mypy_output if line.startswith("error")]
    assert len(errors) == 2, mypy_output


def test_all_matches_the_exports() -> None:
    """The literal ``__all__`` and the lazy-import table list the same names."""
    import rolelens
    from rolelens import _EXPORTS

    assert sorted(rolelens.__all__) == sorted([*_EXPORTS, "__version__"])
    assert Path(rolelens.__file__).read_text(encoding="utf-8").count("__all__ = [") == 1
