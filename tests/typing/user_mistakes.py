"""Never executed: type-checked by mypy (``mypy src tests``, strict) as a user's program.

Strict mode reports a ``# type: ignore[code]`` that silences nothing, so each
ignore below asserts that mypy *does* catch that mistake, and each
``assert_type`` that a public name reaches users typed, not as ``Any``.
"""

from __future__ import annotations

from typing import assert_type

from rolelens import *  # noqa: F403 - what the star import gives is the point
from rolelens import default_classifier as get_default

examples = [("Own the roadmap", "product"), ("Track the plan", "project")]

# The star import brings typed names (a computed __all__ hid every one from mypy).
assert_type(classify("Plan the sprint"), Verdict)  # noqa: F405
assert_type(default_classifier(), Classifier)  # noqa: F405
assert_type(classify("x").label, Label)  # noqa: F405

# Classifier.fit's options are a TypedDict, not **Any: mistakes are type errors.
get_default().fit(examples, epoch=3)  # type: ignore[call-arg]
get_default().fit(examples, progress=5)  # type: ignore[arg-type]
get_default().fit(examples, seed="1")  # type: ignore[arg-type]
assert_type(
    get_default().fit(examples, seed=1, epochs=2, progress=lambda done, total: None),
    Classifier,  # noqa: F405
)

# Scenario and Feature take an enum member or its value, and nothing else.
feature = Feature(approval="approved", user_value=Rating.HIGH, departments=["sales"])  # noqa: F405
Scenario(segment="b2b", feature=feature)  # noqa: F405
Scenario(segment=42, feature=feature)  # type: ignore[arg-type]  # noqa: F405
Feature(approval=Approval.PENDING, user_value=3)  # type: ignore[arg-type]  # noqa: F405

# Thresholds and biases are numbers.
Classifier(default_classifier().lexicon, min_evidence=0.4, bias=(0, 0, 0.5, 0))  # noqa: F405
Classifier(default_classifier().lexicon, min_evidence="0.4")  # type: ignore[arg-type]  # noqa: F405
