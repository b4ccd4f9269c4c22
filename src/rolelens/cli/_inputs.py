"""Where a command's statements come from: arguments, or the records of ``-i FILE``.

``classify`` and ``reframe`` take statements the same way; this module holds
their shared options and checks. It imports nothing heavy, because every
command's parser is built at start-up.
"""

from __future__ import annotations

import argparse

__all__ = [
    "FILE_OPTIONS",
    "INPUT_FORMAT_CHOICES",
    "INPUT_HELP",
    "add_statement_options",
    "no_statements_note",
    "statement_source_problem",
    "statement_total",
]

#: The ``--input-format`` values: ``auto`` picks by the file's extension.
INPUT_FORMAT_CHOICES = ("auto", "text", "jsonl", "csv")

#: The help of ``-i/--input`` wherever statements may come from a file.
INPUT_HELP = (
    "read statements from FILE ('-' for stdin): plain text one per line, JSONL or CSV, "
    "by extension or --input-format (default: the STATEMENT arguments)"
)

#: Options that describe the records of ``-i FILE``, with their defaults. Their parser
#: default is ``None``, so that one given without ``-i`` can be told from the default.
FILE_OPTIONS = {"field": "text", "column": "text", "input_format": "auto"}


def add_statement_options(
    parser: argparse.ArgumentParser,
    *,
    statements_help: str,
    input_help: str,
) -> None:
    """Add ``STATEMENT ...``, ``-i FILE``, ``--input-format``, ``--field`` and ``--column``."""
    parser.add_argument("statements", nargs="*", metavar="STATEMENT", help=statements_help)
    from rolelens.cli._options import OneFile, input_file

    parser.add_argument(
        "-i", "--input", action=OneFile, type=input_file, metavar="FILE", help=input_help
    )
    parser.add_argument(
        "--input-format",
        type=str.lower,  # "CSV" as a file's ".CSV" extension reads it
        choices=INPUT_FORMAT_CHOICES,
        help=(
            "auto (by extension: .jsonl/.ndjson/.json, .csv, else text), text, jsonl or csv "
            "(default: auto)"
        ),
    )
    parser.add_argument(
        "--field", metavar="NAME", help="JSONL field with the statement (default: text)"
    )
    parser.add_argument(
        "--column", metavar="NAME", help="CSV column with the statement (default: text)"
    )


def statement_source_problem(args: argparse.Namespace, verb: str) -> str | None:
    """What is wrong with where the statements come from, or ``None``.

    Statements must come from arguments or ``-i FILE``, exactly one of the two;
    an option of :data:`FILE_OPTIONS` or ``--skip-invalid`` without ``-i`` would
    do nothing, and so would ``--field`` for a file not read as JSONL or
    ``--column`` for one not read as CSV, even when it names the default.
    Puts the defaults of those options in ``args``.
    """
    if args.input is not None and args.statements:
        return "give statements as arguments or -i FILE, not both"
    if args.input is None and not args.statements:
        return f"nothing to {verb}: give statements as arguments, or -i FILE ('-' = stdin)"
    if "-" in args.statements:
        # `rolelens classify - < file` read the one statement "-" and left the
        # piped file unread, with exit status 0.
        return f"'-' is not a statement to {verb}; to read standard input, use -i -"
    given: set[str] = set()  # the options the user gave, even as their default
    for name, default in FILE_OPTIONS.items():
        if not hasattr(args, name):
            continue
        if getattr(args, name) is None:
            setattr(args, name, default)
        else:
            given.add(name)
    if getattr(args, "skip_invalid", False):
        given.add("skip_invalid")
    if args.input is None:
        for name in FILE_OPTIONS:
            if name in given:
                flag = "--" + name.replace("_", "-")
                return f"{flag} describes the records of -i FILE; it does nothing without -i"
        if "skip_invalid" in given:
            return "--skip-invalid skips bad records of -i FILE; it does nothing without -i"
    else:
        from rolelens.records import detect_format

        fmt = detect_format(args.input, args.input_format)
        source = "standard input" if args.input == "-" else args.input
        for option, wanted in (("field", "jsonl"), ("column", "csv")):
            # Given at all, even as its default: the option does nothing for this file.
            if fmt != wanted and option in given:
                return (
                    f"--{option} names a {wanted.upper()} {option}, but {source} is read "
                    f"as {fmt.upper()}; add --input-format {wanted}"
                )
    return None


def statement_total(path: str, input_format: str) -> int | None:
    """The progress total of ``-i path`` read as ``input_format``: its lines, less a CSV
    header; ``None`` when it cannot be counted before reading (stdin, a pipe)."""
    from rolelens.records import count_lines

    total = count_lines(path)
    if total and input_format == "csv":
        total -= 1  # the header
    return total


def no_statements_note(path: str, input_format: str, done: str) -> str:
    """What a command says on stderr when ``-i path`` held no statement at all.

    Not an error: no statements in, no results out is a correct answer (a
    batch that happened to be empty); but a run that wrote nothing and said
    nothing left the user to guess whether the right file was read.
    """
    name = "<stdin>" if path == "-" else path
    why = (
        "it has no rows after its header"
        if input_format == "csv"
        else "it is empty or has only blank lines"
    )
    return f"{name} has no statements ({why}); {done}"
