"""Labeled examples: the input of fitting and evaluation."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import attrs

from rolelens.errors import FitError
from rolelens.labels import Label

__all__ = ["Example", "as_examples"]


@attrs.frozen
class Example:
    """One statement with its true label."""

    text: str = attrs.field(validator=attrs.validators.instance_of(str))
    label: Label = attrs.field(converter=Label)


def as_examples(items: Iterable[Example | tuple[str, str] | Mapping[str, Any]]) -> Iterator[Example]:
    """Yield :class:`Example` values from examples, ``(text, label)`` pairs or mappings.

    A bad item raises :class:`~rolelens.errors.FitError` naming its index and
    what is wrong with it.
    """
    for index, item in enumerate(items):
        if isinstance(item, Example):
            yield item
            continue
        if isinstance(item, Mapping):
            text, label = item.get("text"), item.get("label")
        elif isinstance(item, tuple) and len(item) == 2:
            text, label = item
        else:
            raise FitError(
                f"expected an Example, a (text, label) pair or a mapping, got {type(item).__name__}",
                index=index,
            )
        if not isinstance(text, str):
            raise FitError(f"text must be a string, got {type(text).__name__}", index=index)
        try:
            yield Example(text, label)
        except ValueError:
            known = ", ".join(label.value for label in Label)
            raise FitError(f"unknown label {label!r} (expected one of {known})", index=index) from None
