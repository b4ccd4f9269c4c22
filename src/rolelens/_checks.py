"""attrs validators shared by the public models, with messages that say what was expected."""

from __future__ import annotations

import datetime as dt
import operator
import re
from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from rolelens.errors import ArgumentError

T = TypeVar("T")


def type_name(value: object, expected: str) -> str:
    """The name of ``value``'s type for "must be a ``expected``, got ..." messages:
    the bare name, or the full one where the bare one is ``expected`` (NumPy's
    ``bool`` is named "bool": "must be a bool, got bool" told nothing)."""
    kind = type(value)
    if kind.__name__ != expected:
        return kind.__name__
    return f"{kind.__module__}.{kind.__qualname__}"


def must_be_str(instance: object, attribute: Any, value: Any) -> None:
    """Refuse a non-``str`` field: "Cue.phrase must be a str, got int".

    attrs' own ``instance_of`` raises a ``TypeError`` whose message is a tuple
    holding the whole attribute definition, which no user should have to read.
    """
    if not isinstance(value, str):
        raise TypeError(
            f"{type(instance).__name__}.{attribute.name} must be a str, "
            f"got {type_name(value, 'str')}"
        )


def real_number(value: object, what: str) -> float:
    """``value`` as a float if it is a real number; else ``TypeError`` naming ``what``.

    ``float()`` alone would take "0.3" and True; both are mistakes here, not
    numbers. A number too large for a float (``10**400``) raises
    :class:`~rolelens.errors.ArgumentError` "``what`` is too large", not
    ``OverflowError``.
    """
    if type(value) is float:
        return value
    # float() takes NumPy's scalars, Fraction and Decimal too, but also "0.3" and True.
    if isinstance(value, (str, bytes, bytearray, bool)) or value is None:
        raise TypeError(f"{what} must be a number, got {type(value).__name__}")
    try:
        return float(value)  # type: ignore[arg-type]
    except OverflowError:
        raise ArgumentError(f"{what} is too large") from None
    except (TypeError, ValueError):
        raise TypeError(f"{what} must be a number, got {type(value).__name__}") from None


def whole_number(value: object, what: str, *, expected: str = "an int") -> int:
    """``value`` as an int if it is a whole number (NumPy's too, not a bool); else
    ``TypeError`` "``what`` must be ``expected``"."""
    if type(value) is int:
        return value
    # The type first: False == 0 and True == 1 would otherwise pass as numbers.
    if isinstance(value, bool):
        raise TypeError(f"{what} must be {expected}, got bool")
    try:
        return operator.index(value)  # type: ignore[arg-type]
    except TypeError:
        raise TypeError(f"{what} must be {expected}, got {type(value).__name__}") from None


def fraction(value: object, what: str) -> float:
    """``value`` as a float from 0 to 1 (a share, a precision): ``TypeError`` naming
    ``what`` for what is no number (``"0.5"``, ``None``),
    :class:`~rolelens.errors.ArgumentError` for one out of range or NaN, which no
    renderer can show and no JSON can hold."""
    number = real_number(value, what)
    if not 0.0 <= number <= 1.0:  # NaN too
        raise ArgumentError(f"{what} must be from 0 to 1, got {number!r}")
    return number


def count(value: object, what: str) -> int:
    """``value`` as a whole number of 0 or more (``TypeError`` for 1.5 or ``"3"``,
    :class:`~rolelens.errors.ArgumentError` for a negative one)."""
    number = whole_number(value, what)
    if number < 0:
        raise ArgumentError(f"{what} must be 0 or more, got {shown_int(number)}")
    return number


def items_of(
    value: object, what: str, expected: str, *, whole: tuple[type, ...] = ()
) -> Iterable[Any]:
    """``value`` when it holds items: ``TypeError`` ("``what`` must be ``expected``, got
    str") for a str, bytes or mapping, which iterated give letters, ints or keys, for
    what is not iterable, and for an instance of ``whole`` (one item given whole)."""
    if isinstance(value, (str, bytes, Mapping, *whole)) or not isinstance(value, Iterable):
        raise TypeError(f"{what} must be {expected}, got {type(value).__name__}")
    return value


def tuple_of(value: object, kind: type[T], what: str) -> tuple[T, ...]:
    """``value``'s items as a tuple, each a ``kind``: ``TypeError`` naming ``what`` for
    one item given whole, a str, bytes, a mapping, what is not iterable, or an item
    of another type (``what[2] must be a Miss, got dict``)."""
    items = tuple(items_of(value, what, f"a sequence of {kind.__name__}", whole=(kind,)))
    for position, item in enumerate(items):
        if not isinstance(item, kind):
            a = "an" if kind.__name__[0] in "AEIOU" else "a"
            got = type_name(item, kind.__name__)
            raise TypeError(f"{what}[{position}] must be {a} {kind.__name__}, got {got}")
    return items


def shown_int(value: int) -> str:
    """``value`` for an error message: whole up to nine digits, then short (``1e+30``).

    ``str()`` refuses an int of more than 4,300 digits and ``format(value, ".3g")``
    one past a float's range, so an error naming ``jobs=-10**5000`` or
    ``chunk_size=10**400`` raised ``ValueError`` or ``OverflowError`` instead;
    :class:`decimal.Decimal` does neither.

    >>> shown_int(12), shown_int(-(2**63)), shown_int(10**30), shown_int(-(10**5000))
    ('12', '-9.22e+18', '1e+30', '-1.00e+5000')
    """
    if -(10**9) < value < 10**9:
        return str(value)
    if -(10**300) < value < 10**300:
        return f"{value:.3g}"  # as a float shows it
    import decimal  # only here: an error message is not worth the import time

    return format(decimal.Decimal(value), ".3g")


def whole_number_or_none(value: object, what: str) -> int | None:
    """:func:`whole_number`, or ``None`` for ``None``."""
    return None if value is None else whole_number(value, what, expected="an int or None")


def must_be(value: object, cls: type, what: str) -> None:
    """Refuse ``value`` unless it is a ``cls``: "classifier must be a Classifier, got str".

    Without it, the wrong object fails later, deep inside, with an
    ``AttributeError`` about a method the caller never named.
    """
    if not isinstance(value, cls):
        raise TypeError(f"{what} must be a {cls.__name__}, got {type_name(value, cls.__name__)}")


def must_have(value: object, method: str, what: str, usual: str) -> None:
    """Refuse ``value`` unless it has a callable ``method``; the message names ``usual``.

    For arguments that take any object with that method (a stand-in
    classifier, say), where :func:`must_be` would be too strict.
    """
    if isinstance(value, type) and _instance_method(value, method):
        # A class has the method too, unbound: evaluate(Classifier, ...) failed inside
        # with "Classifier.classify_many() missing 1 required positional argument". A
        # class whose method is a static or class method is a stand-in that works.
        raise TypeError(
            f"{what} must be a {usual} (or have a .{method}() method), got the class "
            f"{value.__name__} itself: pass an instance"
        )
    if not callable(getattr(value, method, None)):
        raise TypeError(
            f"{what} must be a {usual} (or have a .{method}() method), got {type(value).__name__}"
        )


def _instance_method(cls: type, method: str) -> bool:
    """Whether ``cls.method`` is a plain function, which needs an instance to call."""
    import inspect  # only for this mistake: not on every import

    try:
        found = inspect.getattr_static(cls, method)
    except AttributeError:
        return False
    return inspect.isfunction(found)


_YYYY_MM_DD = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")


def yyyy_mm_dd(text: str) -> dt.date:
    """The date ``text`` writes as YYYY-MM-DD, the one form rolelens documents; raises
    ``ValueError`` for any other text. Python 3.11's ``date.fromisoformat`` alone took
    other ISO 8601 forms too: ``20270101``, and week dates (``2027-W01-1`` is 4 January)."""
    if not _YYYY_MM_DD.match(text):
        raise ValueError(f"not a date written YYYY-MM-DD: {text!r:.40}")
    return dt.date.fromisoformat(text)
