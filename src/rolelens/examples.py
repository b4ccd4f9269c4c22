"""Labeled examples: the input of fitting and evaluation."""

from __future__ import annotations

import csv
import io
import itertools
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

import attrs

from rolelens._checks import must_be, must_be_str
from rolelens._serialization import (
    csv_open_quote,
    csv_row_too_long,
    json_document_problem,
    next_csv_row,
    other_delimiter,
    shown_names,
    unique_keys,
    value_problem,
)
from rolelens.errors import ArgumentError, ExamplesTypeError, FitError, InputError
from rolelens.labels import Label

__all__ = ["Example", "as_examples", "read_examples"]

_LINE_ENDS = re.compile(r"\r\n|\r|\n")
_EMPTY_TEXT = "text is empty: a label needs its statement"


def _read_label(value: object) -> Label:  # a named function, which attrs' mypy plugin reads
    if not isinstance(value, str):  # as Example.text's message does, naming the field
        raise TypeError(f"Example.label must be a Label or a str, got {type(value).__name__}")
    return Label.read(value)


@attrs.frozen
class Example:
    """One statement with its true label (``"Product"`` or ``" project "`` is read as
    its label too)."""

    text: str = attrs.field(validator=must_be_str)
    label: Label = attrs.field(converter=_read_label)


def as_examples(items: Iterable[object]) -> Iterator[Example]:
    """Yield :class:`Example` values from examples, ``(text, label)`` pairs or mappings.

    A pair may be a tuple or a two-item list (``["text", "label"]``, as
    :func:`json.load` gives a JSON array of pairs). A bad item raises
    :class:`~rolelens.errors.FitError` naming its index and what is wrong
    with it. One str, bytes or mapping given as ``items`` (it would be
    iterated as its characters or keys, and its first taken for a bad
    example), or a table that iterates its column names (a pandas DataFrame),
    raises :class:`~rolelens.errors.ExamplesTypeError`, a ``TypeError`` and a
    ``FitError``; ``items`` that is not iterable at all (``None``) raises
    ``TypeError``. An example whose text is empty or only white space is a
    ``FitError`` too, as :func:`read_examples` refuses it.
    """
    whole: object = items  # whatever the annotation says, a caller may pass anything
    if isinstance(whole, (str, bytes, Mapping)):
        if isinstance(whole, Mapping):
            problem = (
                f"got one {type(whole).__name__}: examples are rows, each a mapping with "
                "text and label keys or a (text, label) pair, not columns (put one such "
                "mapping in a list; of a mapping of text to label, pass its .items())"
            )
        else:
            problem = f"got a {type(whole).__name__}"
        # A type mistake, as classify_many("...") is; a FitError too, as it was.
        raise ExamplesTypeError(f"examples must be an iterable of examples, {problem}")
    if not isinstance(whole, Iterable) and not hasattr(whole, "__getitem__"):
        # None gave Python's "'NoneType' object is not iterable", naming no argument.
        raise TypeError(f"examples must be an iterable of examples, got {type(whole).__name__}")
    for index, item in enumerate(items):
        if isinstance(item, Example):
            if not item.text.strip():  # as read_examples refuses it
                raise FitError(_EMPTY_TEXT, index=index)
            yield item
            continue
        if isinstance(item, str) and hasattr(whole, "columns"):
            # A pandas DataFrame: "example 0: ... got str" would name a column as an example.
            raise ExamplesTypeError(
                f"examples must be rows, got a {type(whole).__name__}, which iterates its "
                f"column names ({item[:40]!r} first): pass df.to_dict('records')"
            )
        text: object
        label: object
        if isinstance(item, Mapping):
            missing = [key for key in ("text", "label") if key not in item]
            if missing:
                raise FitError(f"mapping has no {' or '.join(map(repr, missing))} key", index=index)
            text, label = item["text"], item["label"]
        elif isinstance(item, (tuple, list)):
            # A list too: json.load gives a JSON array of [text, label] pairs as lists.
            if len(item) != 2:
                raise FitError(
                    "expected an Example, a (text, label) pair or a mapping, "
                    f"got a {type(item).__name__} of {len(item)} item(s)",
                    index=index,
                )
            text, label = item
        else:
            raise FitError(
                "expected an Example, a (text, label) pair or a mapping, "
                f"got {type(item).__name__}",
                index=index,
            )
        if not isinstance(text, str):
            raise FitError(f"text must be a string, got {type(text).__name__}", index=index)
        if not text.strip():
            # read_examples refused a label with an empty statement; ("", "product")
            # here was fitted on, and counted by evaluate, as a statement.
            raise FitError(_EMPTY_TEXT, index=index)
        try:
            yield Example(text, Label.read(label))
        except (TypeError, ValueError) as exc:  # Label's message lists the known labels
            raise FitError(str(exc), index=index) from None


def read_examples(
    path: str | Path, *, text_field: str = "text", label_field: str = "label"
) -> list[Example]:
    """Read labeled examples from a JSONL file (or a CSV file with a header row).

    Each JSONL line is an object with ``text`` and ``label`` (other keys are
    ignored); a CSV needs ``text`` and ``label`` columns. ``text_field`` and
    ``label_field`` name other keys or columns to read instead. A label is
    read whatever its case and surrounding white space (``"Product"``,
    ``"project "``). Blank lines are skipped, and so is a CSV row of empty
    fields only (``,,``); a label whose statement is empty or only white
    space is an error. Problems raise
    :class:`~rolelens.errors.InputError` naming the file and line; a ``path``
    that is not a ``str`` or ``os.PathLike``, or a field name that is not a
    ``str``, raises ``TypeError``, and one name for both fields
    :class:`~rolelens.errors.ArgumentError`.
    """
    from rolelens._reading import read_file
    from rolelens._serialization import path_name

    name = path_name(path)  # str(None) would be a file named "None"
    # Else "no None field", "unhashable type: 'list'" or, in CSV, "sequence item 0:
    # expected str instance" (TypeError); one name for both read every label as the
    # statement and "evaluated" the labels themselves, without a word.
    must_be(text_field, str, "text_field")
    must_be(label_field, str, "label_field")
    if text_field == label_field:
        raise ArgumentError(
            f"text_field and label_field cannot both be {shown_names([text_field])}: the statement "
            "and its label are two fields (or columns)"
        )
    return _parse_examples(
        read_file(name),
        name,
        csv_format=Path(name).suffix.lower() == ".csv",
        text_field=text_field,
        label_field=label_field,
    )


def _parse_examples(
    content: str,
    name: str,
    *,
    csv_format: bool,
    text_field: str = "text",
    label_field: str = "label",
) -> list[Example]:
    """The examples in ``content``, read as :func:`read_examples` reads a file's text.

    ``name`` names the source in errors; ``csv_format`` reads CSV with a
    header row instead of JSON Lines.
    """
    examples: list[Example] = []
    if csv_format:
        # Strict, as statements are read: a quote left open is an error naming its line,
        # not the rest of the file read as one field of a row then said to lack a label.
        rows = csv.reader(io.StringIO(content, newline=""), strict=True)
        header: list[str] = []
        start = 1
        try:
            # Blank lines before the header are skipped, as blank lines are everywhere.
            while not any(cell.strip() for cell in header):
                start = rows.line_num + 1
                header = next_csv_row(rows)
        except StopIteration:
            pass
        except csv.Error as exc:
            where = _csv_error_line(content, start, rows.line_num)
            raise InputError(f"unreadable CSV header: {exc}", path=name, line=where) from exc
        at = rows.line_num or 1
        missing = {text_field, label_field} - set(header)
        if missing:
            raise InputError(
                f"no column(s) named {', '.join(map(_cut, sorted(missing)))} "
                f"(columns: {shown_names(header)}){other_delimiter(header)}",
                path=name,
                line=at,
            )
        for field in (text_field, label_field):
            if header.count(field) > 1:  # which copy counts would be a guess
                raise InputError(
                    f"column {shown_names([field])} appears twice in the header", path=name, line=at
                )
        while True:
            start = rows.line_num + 1  # a record may span lines: name its first
            try:
                row = next_csv_row(rows)
            except StopIteration:
                break
            except csv.Error as exc:  # a quote left open, a field over MAX_CSV_FIELD characters
                where = _csv_error_line(content, start, rows.line_num)
                raise InputError(f"broken CSV row: {exc}", path=name, line=where) from exc
            # A blank line is no record, nor is one of spaces or of empty fields only
            # (",,", as spreadsheets save a row emptied), as classify -i reads them.
            if not any(cell.strip() for cell in row):
                continue
            if (problem := csv_row_too_long(row, header)) is not None:
                raise InputError(problem, path=name, line=start)
            # A short row lacks fields: zip stops, get() gives None.
            examples.append(
                _example(dict(zip(header, row, strict=False)), text_field, label_field, name, start)
            )
        return examples
    # Only \n, \r\n or \r end a JSON Lines record (JSON escapes both inside strings);
    # splitlines() would also cut at U+2028, U+0085 and others a string may hold.
    for number, line in enumerate(_LINE_ENDS.split(content), 1):
        # A byte-order mark opening a later line (files joined with `cat`) is
        # dropped, as read_records drops it: `classify` read what `evaluate` refused.
        line = line.removeprefix("\ufeff")
        if not line.strip():
            continue
        try:
            row = json.loads(line, object_pairs_hook=unique_keys)
        except RecursionError as exc:
            raise InputError("not valid JSON (nested too deeply)", path=name, line=number) from exc
        except ValueError as exc:  # also huge integers, keys twice
            problem = f"not valid JSON ({value_problem(exc)})"
            if (whole := json_document_problem(line)) is not None:
                problem = whole
            elif not examples and not line.lstrip().startswith("{"):
                # The first record is no JSON at all: most often a CSV header in a file
                # not named .csv, which "Expecting value" alone did not explain.
                problem += "; only a file named .csv is read as CSV, any other as JSON Lines"
            raise InputError(problem, path=name, line=number) from exc
        if not isinstance(row, dict):
            whole = json_document_problem(line) if isinstance(row, list) else None
            raise InputError(whole or "expected a JSON object", path=name, line=number)
        examples.append(_example(row, text_field, label_field, name, number))
    return examples


def _csv_error_line(content: str, start: int, end: int) -> int:
    """The line to name for a CSV error in the record on lines ``start`` to ``end`` of
    ``content``: where a quote left open starts, else the record's first line."""
    lines = itertools.islice(io.StringIO(content, newline=""), start - 1, end)
    quoted = [(number, line) for number, line in enumerate(lines, start) if '"' in line]
    return csv_open_quote(quoted) or start


def _cut(name: str) -> str:
    """A field's name for a message: at most 60 characters, ``...`` showing the cut."""
    return name[:60] + "..." if len(name) > 60 else name


def _example(
    row: Mapping[str, object], text_field: str, label_field: str, path: str, line: int
) -> Example:
    text, label = row.get(text_field), row.get(label_field)
    for field, value in ((text_field, text), (label_field, label)):
        if value is None:  # a short CSV row leaves it None too
            raise InputError(
                f"no {shown_names([field])} field (or it is null)", path=path, line=line
            )
    if not isinstance(text, str) or not isinstance(label, str):  # a JSON number or list
        field, value = (text_field, text) if not isinstance(text, str) else (label_field, label)
        raise InputError(
            f"{shown_names([field])} must be a string, got {type(value).__name__}",
            path=path,
            line=line,
        )
    if not text.strip():
        # A label whose statement cell was left empty (a spreadsheet row cleared but
        # for its label): evaluate counted "" as a miss, and fit learned from it.
        raise InputError(
            f"{shown_names([text_field])} is empty: a label needs its statement",
            path=path,
            line=line,
        )
    try:
        return Example(text, Label.read(label))
    except ValueError as exc:  # Label's message lists the known labels
        raise InputError(str(exc), path=path, line=line) from None
