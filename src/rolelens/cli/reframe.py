"""``rolelens reframe``: coach project-framed statements toward product thinking."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from typing import Any

from rolelens.cli._inputs import INPUT_HELP, add_statement_options, statement_source_problem
from rolelens.cli._options import (
    add_command,
    add_format_option,
    add_model_option,
    add_output_option,
    add_progress_option,
    format_by_output,
)

__all__ = ["add_parser", "run"]

#: ``jsonl`` is another name for ``json``: the output is one JSON object per line.
FORMAT_CHOICES = ("text", "json", "jsonl")
#: The format ``-o FILE`` asks for by its extension when ``--format`` is not given.
SUFFIX_FORMATS = {".txt": "text", ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl"}
#: The format without ``--format``, for standard output or another extension.
DEFAULT_FORMAT = "text"


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Register the ``reframe`` sub-command."""
    parser = add_command(
        subparsers,
        "reframe",
        help="suggest product-minded rewrites of project-framed statements",
        description=(
            "For each statement that leans to project work, name the task, timeline or "
            "feature framing found in it, the product-minded question to ask instead, and a "
            "rewrite template that keeps the statement's own words."
        ),
        examples="""
rolelens reframe "Deliver the reporting module by Q3"
rolelens reframe -i bullets.txt -o reframes.jsonl
rolelens reframe -i bullets.txt --format json -o reframes.log
""",
    )
    add_statement_options(parser, statements_help="statement(s) to coach", input_help=INPUT_HELP)
    add_format_option(
        parser,
        FORMAT_CHOICES,
        "text, or json (also called jsonl): one JSON object per statement and line",
        SUFFIX_FORMATS,
        DEFAULT_FORMAT,
    )
    add_output_option(parser)
    add_model_option(parser)
    add_progress_option(
        parser, when="when reading a file, stderr is a terminal and the output is not printed there"
    )
    parser.set_defaults(func=run)
    return parser


def _statements(args: argparse.Namespace) -> Iterable[tuple[str, int | None]]:
    """The statements to coach with their line in ``-i FILE`` (``None`` for arguments)."""
    if args.input is None:
        statements: list[str] = args.statements
        return ((statement, None) for statement in statements)
    from rolelens.records import read_records

    return (
        (record.text, record.line)
        for record in read_records(
            args.input, input_format=args.input_format, field=args.field, column=args.column
        )
    )


def run(args: argparse.Namespace) -> int:
    """Classify each statement and print its reframes."""
    from rolelens._display import one_line
    from rolelens.cli import fail, say
    from rolelens.cli._inputs import no_statements_note, statement_total
    from rolelens.cli._io import (
        UTF8_FORMATS,
        atomic_output,
        output_on_terminal,
        output_overwrites_input,
    )
    from rolelens.cli._options import command_progress, load_classifier
    from rolelens.records import detect_format
    from rolelens.shifts import leans_project, reframe_verdict, states_duty

    problem = statement_source_problem(args, "reframe")
    if problem is None:
        problem = output_overwrites_input(args.output, {"input": args.input, "--model": args.model})
    if problem is not None:
        return fail(problem)
    classifier = load_classifier(args.model)
    fmt = format_by_output(args.format, args.output, SUFFIX_FORMATS, DEFAULT_FORMAT)
    # As in classify: by default only for a file, when stderr is a terminal; the file's
    # lines are counted for the total only when a bar may be drawn.
    total: int | None = None
    enabled: bool | None = None
    input_format = None if args.input is None else detect_format(args.input, args.input_format)
    if input_format is None:
        total, enabled = len(args.statements), bool(args.progress)
    elif args.progress or (
        # Not by default into reframes printed on the terminal: the line was drawn into them.
        args.progress is None and sys.stderr.isatty() and not output_on_terminal(args.output)
    ):
        total = statement_total(args.input, input_format)
    else:
        enabled = False
    position = 0
    with (
        atomic_output(args.output, utf8=fmt in UTF8_FORMATS) as stream,
        command_progress(args.progress, total=total, enabled=enabled) as progress,
    ):
        for position, (statement, line) in enumerate(_statements(args), 1):
            verdict = classifier.classify(statement)
            reframes = reframe_verdict(verdict)
            if fmt in ("json", "jsonl"):
                # The line, as classify gives it: blank lines are skipped, so the n-th
                # record is not always the n-th line of the file.
                record: dict[str, object] = {} if line is None else {"line": line}
                record |= {
                    "statement": statement,
                    "label": verdict.label.value,
                    "reframes": [item.to_dict() for item in reframes],
                }
                stream.write(json.dumps(record, ensure_ascii=False) + "\n")
                progress.update()
                continue
            if position > 1:
                stream.write("\n")
            stream.write(f"{one_line(statement)}\n")
            if not reframes:
                if verdict.label.value == "product":
                    why = "it already leans to product thinking"
                elif leans_project(verdict) and not states_duty(statement):
                    why = "it describes something rather than stating a duty"
                else:
                    why = "no task, timeline or feature framing found"
                stream.write(f"  no reframe: {why} ({one_line(verdict.explain())})\n")
            for item in reframes:
                words = ", ".join(f'"{one_line(word)}"' for word in item.words())
                stream.write(f"  {item.shift.replace('_', ' ')}: {item.question}\n")
                stream.write(f"    reacts to: {words}\n")
                stream.write(f"    try:       {one_line(item.rewrite)}\n")
            progress.update()
        progress.finish()  # the file's lines, blank ones too, were the total
    if not position and input_format is not None:
        say(no_statements_note(args.input, input_format, "nothing to reframe"))
    return 0
