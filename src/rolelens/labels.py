"""The four labels a statement can carry (see ``docs/explanation/labels``)."""

from __future__ import annotations

import enum

from rolelens._checks import type_name
from rolelens.errors import ArgumentError

__all__ = ["LABELS", "Label"]


class Label(enum.StrEnum):
    """Which role a statement's substance belongs to.

    ``PRODUCT``: what to build and why (value, outcomes).
    ``PROJECT``: how and when it gets done (plans, scope, budget, delivery).
    ``SHARED``: genuinely both, or the roles' common ground.
    ``OTHER``: neither role (qualifications, benefits, company text).
    """

    PRODUCT = "product"
    PROJECT = "project"
    SHARED = "shared"
    OTHER = "other"

    @classmethod
    def read(cls, value: object) -> Label:
        """The label ``value`` names, whatever its case and surrounding white space:
        labels typed by people come as "Product" or "project ". A member is returned
        as is; any other text raises :class:`~rolelens.errors.ArgumentError` naming
        ``value`` as written, as ``Label(value)`` does, and a ``value`` that is no
        ``str`` (``None``, a number) ``TypeError`` naming its type.

        >>> Label.read(" Product")
        <Label.PRODUCT: 'product'>
        """
        if not isinstance(value, str):
            # None and 7 were an ArgumentError, "unknown label None": the wrong type
            # is a TypeError, as everywhere in rolelens.
            raise TypeError(f"a label must be a Label or a str, got {type_name(value, 'str')}")
        if value not in _VALUES:
            folded = value.strip().lower()
            if folded in _VALUES:
                return cls(folded)
        return cls(value)

    @classmethod
    def _missing_(cls, value: object) -> Label:
        # Enum's own "'boss' is not a valid Label" does not say what is valid.
        known = ", ".join(member.value for member in cls)
        raise ArgumentError(f"unknown label {value!r:.40} (expected one of {known})")


_VALUES = frozenset(label.value for label in Label)

#: The labels in their canonical order; score tuples follow this order.
LABELS: tuple[Label, ...] = (Label.PRODUCT, Label.PROJECT, Label.SHARED, Label.OTHER)
