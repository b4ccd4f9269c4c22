"""The four labels a statement can carry (see ``docs/explanation/labels``)."""

from __future__ import annotations

import enum

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
    def _missing_(cls, value: object) -> Label:
        # Enum's own "'boss' is not a valid Label" does not say what is valid.
        known = ", ".join(member.value for member in cls)
        raise ArgumentError(f"unknown label {value!r:.40} (expected one of {known})")


#: The labels in their canonical order; score tuples follow this order.
LABELS: tuple[Label, ...] = (Label.PRODUCT, Label.PROJECT, Label.SHARED, Label.OTHER)
