"""attrs validators shared by the public models, with messages that say what was expected."""

from __future__ import annotations

from typing import Any


def must_be_str(instance: object, attribute: Any, value: Any) -> None:
    """Refuse a non-``str`` field: "Cue.phrase must be a str, got int".

    attrs' own ``instance_of`` raises a ``TypeError`` whose message is a tuple
    holding the whole attribute definition, which no user should have to read.
    """
    if not isinstance(value, str):
        raise TypeError(
            f"{type(instance).__name__}.{attribute.name} must be a str, got {type(value).__name__}"
        )
