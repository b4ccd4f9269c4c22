"""Options that several commands share, so that each reads the same everywhere.

The same idea has the same name, metavar, default and wording in every
command that takes it: ``-o/--output FILE``, ``--model FILE``,
``--progress/--no-progress``. Like :mod:`rolelens.cli._inputs`, this
module imports nothing heavy: every command's parser is built at start-up.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rolelens.classifier import Classifier
    from rolelens.examples import Example

__all__ = [
    "LABELED_HELP",
    "OUTPUT_HELP",
    "add_command",
    "add_model_option",
    "add_output_option",
    "add_progress_option",
    "load_classifier",
    "read_labeled",
]

#: The help of ``-o/--output`` in every command but ``fit`` (whose output is required).
OUTPUT_HELP = "write to FILE, replaced only when the command succeeds (default: stdout)"


def add_command(
    subparsers: Any, name: str, *, help: str, description: str, examples: str
) -> argparse.ArgumentParser:
    """A sub-command's parser, with ``examples`` (one per line) shown under its options."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        name,
        help=help,
        description=description,
        epilog="examples:\n" + "\n".join(f"  {line}" for line in examples.strip().splitlines()),
        formatter_class=_Formatter,
    )
    return parser


class _Formatter(argparse.HelpFormatter):
    """Wraps the description and options as usual, and keeps the epilog's lines as written."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        if text.startswith("examples:\n"):
            return "".join(indent + line for line in text.splitlines(keepends=True))
        return super()._fill_text(text, width, indent)


def add_output_option(
    parser: argparse.ArgumentParser, *, help: str = OUTPUT_HELP, required: bool = False
) -> None:
    """``-o/--output FILE``: written atomically (see :func:`~rolelens.cli._io.atomic_output`)."""
    parser.add_argument("-o", "--output", metavar="FILE", required=required, help=help)


def add_model_option(parser: argparse.ArgumentParser, *, help: str | None = None) -> None:
    """``--model FILE``: a classifier saved by ``rolelens fit`` or :func:`rolelens.save`."""
    parser.add_argument(
        "--model",
        metavar="FILE",
        help=help
        or "classify with a model saved by 'rolelens fit' or rolelens.save (default: the "
        "built-in classifier)",
    )


def add_progress_option(parser: argparse.ArgumentParser, *, when: str) -> None:
    """``--progress/--no-progress``: a progress bar on stderr; ``None`` = the command decides."""
    parser.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help=f"show progress on stderr (default: {when})",
    )


def load_classifier(model: str | None) -> Classifier:
    """The classifier saved in ``model``, or the built-in one when it is ``None``."""
    if model is None:
        from rolelens.classifier import default_classifier

        return default_classifier()
    from rolelens.persistence import load

    return load(model)


#: The help of the LABELED argument of ``fit`` and ``evaluate``.
LABELED_HELP = (
    "labeled statements: JSONL with text and label, or CSV (.csv) with text and label "
    "columns; '-' for stdin, read as CSV when its first line is not a JSON object"
)


def read_labeled(path: str) -> list[Example]:
    """The examples of ``LABELED``: a file, or stdin for ``-`` (JSONL, or CSV by its first line)."""
    from rolelens.examples import _parse_examples, read_examples

    if path != "-":
        return read_examples(path)
    from rolelens.cli._io import read_text
    from rolelens.errors import InputError

    content = read_text("-")
    number, first = _first_line(content)
    # Empty input is read as JSONL, to say "no examples", not that a CSV header is missing.
    is_csv = bool(first) and not _json_object(first)
    if is_csv and first.startswith("{") and not _has_columns(first):
        is_csv = False  # a broken first JSON line: say what is wrong with it, as JSON
    if is_csv and first.startswith("[") and not _has_columns(first):
        raise InputError(
            "a JSON array; '-' reads JSON Lines (one object per line) or CSV with a header",
            path="<stdin>",
            line=number,
        )
    return _parse_examples(content, "<stdin>", csv_format=is_csv)


def _first_line(content: str) -> tuple[int, str]:
    """The number and text (left-stripped) of the first line that is not blank, or ``(0, "")``."""
    # newline="": lines end at \n, \r\n or \r, as the JSONL and CSV readers end them,
    # and one at a time: no list of a million lines to find the first.
    for number, line in enumerate(io.StringIO(content, newline=""), 1):
        if line.strip():
            return number, line.strip()
    return 0, ""


def _json_object(line: str) -> bool:
    """Whether ``line`` is a JSON object (the first line of JSON Lines)."""
    if not line.startswith("{"):
        return False
    try:
        return isinstance(json.loads(line), dict)
    except (ValueError, RecursionError):
        return False


def _has_columns(line: str) -> bool:
    """Whether ``line``, read as a CSV header, names the text and label columns."""
    try:
        header = next(csv.reader([line]), [])
    except csv.Error:
        return False
    return {"text", "label"} <= set(header)
