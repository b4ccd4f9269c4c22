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
import math
import re
from collections.abc import Mapping, Sequence
from pathlib import PurePath
from typing import TYPE_CHECKING, Any

from rolelens._display import cut_text

if TYPE_CHECKING:
    from rolelens.classifier import Classifier
    from rolelens.examples import Example
    from rolelens.progress import Progress

__all__ = [
    "LABELED_HELP",
    "LABELED_NAMES",
    "MAX_EPOCHS",
    "MAX_FOLDS",
    "MAX_SEED",
    "OUTPUT_HELP",
    "OneFile",
    "add_command",
    "add_format_option",
    "add_labeled_options",
    "add_model_option",
    "add_output_option",
    "add_progress_option",
    "add_spreadsheet_safe_option",
    "data_file",
    "format_by_output",
    "format_by_output_help",
    "input_file",
    "labeled_name",
    "load_classifier",
    "output_file",
    "range_problem",
    "read_labeled",
    "shown_number",
    "shown_text",
    "spreadsheet_safe_problem",
    "whole_number",
]

#: The help of ``-o/--output`` in every command but ``fit`` (whose output is required).
OUTPUT_HELP = "write to FILE, replaced only when the command succeeds (default: stdout)"


#: The most passes ``fit --epochs`` makes: the fit averages its later epochs and settles
#: long before (the default is 6); a hundred passes over a large file take hours.
MAX_EPOCHS = 100
#: The most folds ``evaluate --cv`` makes: each fold is a fit of its own (about a second
#: even for a small file), and a hundred folds are leave-one-out for a hundred statements.
MAX_FOLDS = 100
#: The largest ``--seed``: 32 bits, as NumPy's. A negative seed would fit the very model
#: its absolute value fits (Python's ``random`` drops the sign), so none is taken.
MAX_SEED = 2**32 - 1

#: The most characters of a bad number an error message repeats.
_SHOWN_CHARS = 20
#: What ``int()`` reads as a whole number (``\d`` takes any Unicode digit, as it does).
_WHOLE_NUMBER = re.compile(r"\s*[+-]?\d+(?:_\d+)*\s*")


def whole_number(text: str) -> int:
    """An argparse ``type``: ``int(text)``; the error repeats at most 20 characters of it.

    ``type=int`` would repeat all of a 5,000-digit value in its one error line. A
    number of more digits than Python converts is called too long, not "not a
    whole number".
    """
    try:
        return int(text)
    except ValueError as exc:
        shown = _shown_value(text)
        # int() refuses more digits than sys.get_int_max_str_digits() with a ValueError too.
        if _WHOLE_NUMBER.fullmatch(text):
            from rolelens._serialization import value_problem  # imported on an error only

            raise argparse.ArgumentTypeError(
                f"too long: {value_problem(exc)}, got {shown}"
            ) from None
        raise argparse.ArgumentTypeError(f"expected a whole number, got {shown}") from None


def real_number_arg(text: str) -> float:
    """An argparse ``type``: a finite ``float(text)``; the error repeats at most 20
    characters of it (``nan`` and ``inf`` are no settings)."""
    try:
        number = float(text)
    except ValueError:
        number = math.nan
    if not math.isfinite(number):
        shown = _shown_value(text)
        raise argparse.ArgumentTypeError(f"expected a finite number, got {shown}") from None
    return number


def _shown_value(text: str) -> str:
    """A bad number for its error: at most its first 20 characters, and its length
    when it is longer."""
    return shown_text(text, most=_SHOWN_CHARS)


def shown_text(text: str, *, most: int = 60) -> str:
    """An option's value quoted in an error: at most its first ``most`` characters,
    then ``...`` and its length when it is longer. Repeated whole, a paragraph (or a
    file's content) pasted as a value made the one error line as long as it.

    >>> shown_text("2026-13-01"), shown_text("x" * 70, most=3)
    ("'2026-13-01'", "'xxx' ... (70 characters)")
    """
    more = f" ... ({len(text):,} characters)" if len(text) > most else ""
    return repr(text[:most]) + more


def range_problem(
    option: str, value: int, low: int, high: int | None, what: str = ""
) -> str | None:
    """``--epochs must be 1 to 100, got 0``, or ``None`` when ``value`` is in range.

    ``high`` is ``None`` for no upper bound (``must be 0 or more``); ``what``
    follows the range in parentheses (``folds``).
    """
    if value >= low and (high is None or value <= high):
        return None
    note = f" ({what})" if what else ""
    bounds = f"{low:,} or more" if high is None else f"{low:,} to {high:,}"
    return f"{option} must be {bounds}{note}, got {shown_number(value)}"


def shown_number(value: int) -> str:
    """``value`` for an error message: its first 20 digits and the count of all, when longer."""
    return cut_text(str(value), _SHOWN_CHARS)


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


class OneFile(argparse.Action):
    """The ``action`` of an option that names a file: ``-i``, ``-o``, ``--model``,
    ``--rules``, ``--catalog``. Given twice it is a usage error naming both values.

    argparse keeps the last value of an option given twice, so ``-i a.txt -i b.txt``
    read only ``b.txt`` without a word, and ``-o x -o y`` wrote only ``y``. Other
    options keep the last value, as usual: no file is left out by it, and a shell
    alias's ``--format`` can be overridden.
    """

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: Any,
        option_string: str | None = None,
    ) -> None:
        earlier = getattr(namespace, self.dest, None)
        if earlier is not None:
            raise argparse.ArgumentError(
                self,
                f"given twice ({shown_text(earlier)} and {shown_text(values)}); it names one file",
            )
        setattr(namespace, self.dest, values)


def add_output_option(
    parser: argparse.ArgumentParser, *, help: str = OUTPUT_HELP, required: bool = False
) -> None:
    """``-o/--output FILE``: written atomically (see :func:`~rolelens.cli._io.atomic_output`)."""
    parser.add_argument(
        "-o",
        "--output",
        action=OneFile,
        type=output_file,
        metavar="FILE",
        required=required,
        help=help,
    )


def format_by_output(
    chosen: str | None, output: str | None, by_suffix: Mapping[str, str], default: str
) -> str:
    """The output format: ``chosen`` (``--format``) when given, else the one
    ``by_suffix`` maps the extension of ``-o output`` to (in any case: ``.JSON``
    too), else ``default``.

    ``rolelens compare -o roles.json`` wrote a Markdown table into ``roles.json``;
    an extension the command does not know, or standard output, keeps ``default``.
    """
    if chosen is not None:
        return chosen
    if output is None or output == "-":
        return default
    return by_suffix.get(PurePath(output).suffix.lower(), default)


def add_format_option(
    parser: argparse.ArgumentParser,
    choices: Sequence[str],
    what: str,
    by_suffix: Mapping[str, str],
    default: str,
) -> None:
    """``--format``, one of ``choices`` in any case ("JSON" as ``-o out.JSON`` reads
    it), chosen by :func:`format_by_output` when not given; its help is ``what``,
    then what the ``-o`` extension picks (:func:`format_by_output_help`)."""
    parser.add_argument(
        "--format",
        type=str.lower,
        choices=choices,
        help=f"{what} ({format_by_output_help(by_suffix, default)})",
    )


def format_by_output_help(by_suffix: Mapping[str, str], default: str) -> str:
    """The ``(default: ...)`` of a ``--format`` that :func:`format_by_output` picks:
    ``default: from the -o extension, .json json, .md or .markdown markdown; else text``."""
    suffixes: dict[str, list[str]] = {}
    for suffix, fmt in by_suffix.items():
        suffixes.setdefault(fmt, []).append(suffix)
    listed = ", ".join(f"{' or '.join(names)} {fmt}" for fmt, names in suffixes.items())
    return f"default: from the -o extension, {listed}; else {default}"


def input_file(text: str) -> str:
    """An argparse ``type`` for a command's own input (``-i``, ``POSTING``, ``LABELED``,
    ``SCENARIO``): refuses an empty name, so that the error names the option.

    ``Path("")`` is the current directory; read further on, the error said only "the
    path is empty", and not which of the command's paths was.
    """
    return _named_file(text, "or '-' for standard input")


def output_file(text: str) -> str:
    """An argparse ``type`` for ``-o``: :func:`input_file`, for the output."""
    return _named_file(text, "or '-' for standard output")


def data_file(text: str) -> str:
    """An argparse ``type`` for ``--model``, ``--rules`` and ``--catalog``: a file's name.

    These options name a saved file that is read whole, and in every command
    but ``compare`` standard input is already the command's own input (``-i
    -``, ``POSTING``, ``LABELED``, ``SCENARIO``), so ``-`` is refused rather
    than taken for stdin in some commands only; ``/dev/stdin`` still works
    where nothing else reads it. An empty name is refused too: leaving the
    option out is how to ask for the built-in model, rules or catalog.
    """
    if text == "-":
        raise argparse.ArgumentTypeError(
            "'-' (standard input) is not read here; name the file ('./-' for a file called '-')"
        )
    return _named_file(text, "or leave the option out for the built-in one")


def _named_file(text: str, otherwise: str) -> str:
    """``text``, unless it is empty: then the usage error, ending in what to give instead."""
    if not text:
        raise argparse.ArgumentTypeError(f"the path is empty; name a file, {otherwise}")
    return text


def add_model_option(parser: argparse.ArgumentParser, *, help: str | None = None) -> None:
    """``--model FILE``: a classifier saved by ``rolelens fit`` or :func:`rolelens.save`."""
    parser.add_argument(
        "--model",
        action=OneFile,
        type=data_file,
        metavar="FILE",
        help=help
        or "classify with a model saved by 'rolelens fit' or rolelens.save (default: the "
        "built-in classifier)",
    )


#: How long a run with progress chosen by default (stderr a terminal, no --progress)
#: must last before the bar appears: a short input leaves the terminal as it was.
AUTO_PROGRESS_DELAY = 0.5


#: How often the line of work counted in long steps (``tick=True``) is redrawn on a
#: terminal between the steps.
TICK_SECONDS = 1.0


def command_progress(
    choice: bool | None,
    *,
    total: int | None,
    unit: str = "statements",
    enabled: bool | None = None,
    tick: bool = False,
) -> Progress:
    """A command's :class:`~rolelens.progress.Progress` for ``--progress/--no-progress``
    (``choice``; ``enabled`` when the command decides otherwise): drawn at once when
    the user asked for it, else only once the run has lasted :data:`AUTO_PROGRESS_DELAY`.

    ``tick`` is for work counted in long steps (``fit``'s epochs, ``evaluate --cv``'s
    folds): on a terminal, the line is also drawn when the delay is up and redrawn
    every :data:`TICK_SECONDS`, not only when a step ends. Never with a command
    that forks workers: a thread may hold a lock at the fork."""
    from rolelens.progress import Progress

    bar = Progress(
        total=total,
        unit=unit,
        enabled=choice if enabled is None else enabled,
        delay=0.0 if choice else AUTO_PROGRESS_DELAY,
    )
    if tick:
        bar._tick_every(TICK_SECONDS)
    return bar


def add_progress_option(parser: argparse.ArgumentParser, *, when: str) -> None:
    """``--progress/--no-progress``: a progress bar on stderr; ``None`` = the command decides."""
    parser.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help=(
            f"show progress on stderr, at once (default: {when}, "
            f"once the run has lasted {AUTO_PROGRESS_DELAY:g} s)"
        ),
    )


def add_spreadsheet_safe_option(parser: argparse.ArgumentParser) -> None:
    """``--spreadsheet-safe``: guard CSV cells against formula injection (off by default).

    Off by default because the guard changes the text: programs read these
    files back as data, and CSV as written must give back every cell as it was.
    """
    parser.add_argument(
        "--spreadsheet-safe",
        action="store_true",
        help=(
            "for CSV a person will open in a spreadsheet: put ' before any text cell that "
            "starts with =, +, -, @, a tab or a carriage return (also after spaces), so it is not "
            "run as a formula (default: every cell as read)"
        ),
    )


def spreadsheet_safe_problem(args: argparse.Namespace, fmt: str) -> str | None:
    """Why ``--spreadsheet-safe`` cannot apply to output in ``fmt``, or ``None``.

    Only CSV is opened in spreadsheets; taking the flag for another format
    and writing it unchanged would let the user believe it was guarded.
    """
    if not args.spreadsheet_safe or fmt == "csv":
        return None
    return f"--spreadsheet-safe guards CSV output, but the output format is {fmt}; add --format csv"


def load_classifier(model: str | None) -> Classifier:
    """The classifier saved in ``model``, or the built-in one when it is ``None``."""
    if model is None:
        from rolelens.classifier import default_classifier

        return default_classifier()
    from rolelens.persistence import load

    return load(model)


#: The help of the LABELED argument of ``fit`` and ``evaluate``.
LABELED_HELP = (
    "labeled statements: JSONL with text and label fields, or CSV (.csv) with text and "
    "label columns (other names: --field/--label-field, --column/--label-column); '-' for "
    "stdin, read as CSV when its first line is not a JSON object"
)

#: The options that name where a labeled record keeps its text and label, with their
#: defaults. The parser default is ``None``, so that one given can be told from the default.
LABELED_NAMES = {"field": "text", "label_field": "label", "column": "text", "label_column": "label"}


def add_labeled_options(parser: argparse.ArgumentParser) -> None:
    """``LABELED`` and the options naming its text and label: ``--field``,
    ``--label-field`` (JSONL) and ``--column``, ``--label-column`` (CSV), as
    ``classify -i`` names its text with ``--field`` and ``--column``."""
    parser.add_argument("examples", type=input_file, metavar="LABELED", help=LABELED_HELP)
    for option, what, kind in (
        ("field", "statement", "JSONL field"),
        ("label_field", "label", "JSONL field"),
        ("column", "statement", "CSV column"),
        ("label_column", "label", "CSV column"),
    ):
        parser.add_argument(
            "--" + option.replace("_", "-"),
            metavar="NAME",
            help=f"{kind} with the {what} (default: {LABELED_NAMES[option]})",
        )


def read_labeled(args: argparse.Namespace, verb: str) -> list[Example]:
    """The examples of ``LABELED`` (``args.examples``), named by the options of
    :func:`add_labeled_options`: a file, or stdin for ``-`` (JSONL, or CSV by its
    first line). None at all is an :class:`~rolelens.errors.InputError` naming the
    file and that there is nothing to ``verb`` (``fit on``, ``evaluate``): fitting
    and evaluating need at least one example.

    ``--field`` and ``--label-field`` name the text and label of a JSONL
    record, ``--column`` and ``--label-column`` those of a CSV row; an option
    left out is the default name. Naming a JSONL field for an input read as
    CSV, or the other way round, is an :class:`~rolelens.errors.ArgumentError`:
    the option would do nothing.
    """
    from rolelens.examples import _parse_examples, read_examples

    path: str = args.examples
    given: dict[str, str | None] = {key: getattr(args, key) for key in LABELED_NAMES}
    names = {key: LABELED_NAMES[key] if value is None else value for key, value in given.items()}
    text_key, label_key = "field", "label_field"
    if path != "-":
        from pathlib import Path

        is_csv = Path(path).suffix.lower() == ".csv"  # as read_examples decides
        if is_csv:
            text_key, label_key = "column", "label_column"
        why = "by its .csv name" if is_csv else "only a .csv file is read as CSV"
        _check_labeled_names(given, names, is_csv, path, why)
        examples = read_examples(path, text_field=names[text_key], label_field=names[label_key])
        return _some(examples, path, is_csv, verb)
    from rolelens.cli._io import read_text
    from rolelens.errors import InputError

    content = read_text("-")
    number, first = _first_line(content)
    columns = {names["column"], names["label_column"]}
    # Empty input is read as JSONL, to say "no examples", not that a CSV header is missing.
    is_csv = bool(first) and not _json_object(first)
    if is_csv and first.startswith("{") and not _has_columns(first, columns):
        is_csv = False  # a broken first JSON line: say what is wrong with it, as JSON
    if is_csv and first.startswith("[") and not _has_columns(first, columns):
        raise InputError(
            "a JSON array; '-' reads JSON Lines (one object per line) or CSV with a header",
            path="<stdin>",
            line=number,
        )
    if is_csv:
        text_key, label_key = "column", "label_column"
    why = "its first line is not a JSON object" if is_csv else "its first line is a JSON object"
    _check_labeled_names(given, names, is_csv, "standard input", why)
    examples = _parse_examples(
        content,
        "<stdin>",
        csv_format=is_csv,
        text_field=names[text_key],
        label_field=names[label_key],
    )
    return _some(examples, "-", is_csv, verb)


def labeled_name(path: str) -> str:
    """``LABELED`` as messages name it: ``<stdin>`` for ``-``."""
    return "<stdin>" if path == "-" else path


def _some(examples: list[Example], path: str, is_csv: bool, verb: str) -> list[Example]:
    """``examples``, unless there are none: then the error that names the file."""
    if examples:
        return examples
    from rolelens.errors import InputError

    why = "it has no rows after its header" if is_csv else "it is empty or has only blank lines"
    raise InputError(
        f"no labeled statements ({why}); nothing to {verb}",
        path=labeled_name(path),
    )


#: The option naming the same thing in the other format: the one to use instead.
_COUNTERPART = {
    "field": "column",
    "label_field": "label_column",
    "column": "field",
    "label_column": "label_field",
}


def _check_labeled_names(
    given: dict[str, str | None], names: dict[str, str], is_csv: bool, source: str, why: str
) -> None:
    """Refuse an option of the other format, and one name for both the text and the label.

    ``source`` and ``why`` say what is read and why it is read so: ``labeled.jsonl``
    and ``by its .csv name``.
    """
    from rolelens.errors import ArgumentError

    read_as = "CSV" if is_csv else "JSONL"
    for option, value in given.items():
        if value is None or option.endswith("column") == is_csv:
            continue
        kind = "CSV column" if option.endswith("column") else "JSONL field"
        raise ArgumentError(
            f"{_flag(option)} names a {kind}, but {source} is read as {read_as} ({why}); "
            f"use {_flag(_COUNTERPART[option])}"
        )
    text, label = ("column", "label_column") if is_csv else ("field", "label_field")
    if names[text] == names[label]:
        kind = "column" if is_csv else "field"
        raise ArgumentError(
            f"the statement and the label cannot both be the {kind} {shown_text(names[text])} "
            f"(see {_flag(text)} and {_flag(label)})"
        )


def _flag(option: str) -> str:
    return "--" + option.replace("_", "-")


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


def _has_columns(line: str, columns: set[str]) -> bool:
    """Whether ``line``, read as a CSV header, names all of ``columns``."""
    try:
        header = next(csv.reader([line]), [])
    except csv.Error:
        return False
    return columns <= set(header)
