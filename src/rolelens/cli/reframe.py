"""``rolelens reframe``: coach project-framed statements toward product thinking."""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterable
from typing import Any

from rolelens.cli._inputs import add_statement_options, statement_source_problem

__all__ = ["add_parser", "run"]

FORMAT_CHOICES = ("text", "json")


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Register the ``reframe`` sub-command."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "reframe",
        help="suggest product-minded rewrites of project-framed statements",
        description=(
            "For each statement that leans to project work, name the task, timeline or "
            "feature framing found in it, the product-minded question to ask instead, and a "
            "rewrite template that keeps the statement's own words."
        ),
    )
    add_statement_options(
        parser,
        statements_help="statement(s) to coach",
        input_help=(
            "read statements from FILE ('-' for stdin): plain text one per line, JSONL with "
            "a 'text' field or CSV with a 'text' column, by extension or --input-format"
        ),
    )
    parser.add_argument(
        "--format",
        choices=FORMAT_CHOICES,
        default="text",
        help="text, or json: one JSON object per statement and line (default: text)",
    )
    parser.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    parser.set_defaults(func=run)
    return parser


def _statements(args: argparse.Namespace) -> Iterable[str]:
    """The statements to coach: the arguments, or the records of ``-i FILE``."""
    if args.input is None:
        statements: list[str] = args.statements
        return statements
    from rolelens.records import read_records

    return (
        record.text
        for record in read_records(
            args.input, input_format=args.input_format, field=args.field, column=args.column
        )
    )


def run(args: argparse.Namespace) -> int:
    """Classify each statement and print its reframes."""
    from rolelens._display import one_line
    from rolelens.classifier import default_classifier
    from rolelens.cli import fail
    from rolelens.cli._io import atomic_output, output_overwrites_input
    from rolelens.shifts import reframe_verdict

    problem = statement_source_problem(args, "reframe")
    if problem is None:
        problem = output_overwrites_input(args.output, {"input": args.input})
    if problem is not None:
        return fail(problem)
    classifier = default_classifier()
    with atomic_output(args.output) as stream:
        for position, statement in enumerate(_statements(args)):
            verdict = classifier.classify(statement)
            reframes = reframe_verdict(verdict)
            if args.format == "json":
                record = {
                    "statement": statement,
                    "label": verdict.label.value,
                    "reframes": [
                        {
                            "shift": item.shift,
                            "question": item.question,
                            "rewrite": item.rewrite,
                            "evidence": [
                                {
                                    "matched": e.matched,
                                    "cue": e.cue,
                                    "start": e.start,
                                    "end": e.end,
                                    "tags": list(e.tags),
                                }
                                for e in item.evidence
                            ],
                        }
                        for item in reframes
                    ],
                }
                stream.write(json.dumps(record, ensure_ascii=False) + "\n")
                continue
            if position:
                stream.write("\n")
            stream.write(f"{one_line(statement)}\n")
            if not reframes:
                why = (
                    "it already leans to product thinking"
                    if verdict.label.value == "product"
                    else "no task, timeline or feature framing found"
                )
                stream.write(f"  no reframe: {why} ({one_line(verdict.explain())})\n")
            for item in reframes:
                words = ", ".join(f'"{one_line(word)}"' for word in item.words())
                stream.write(f"  {item.shift.replace('_', ' ')}: {item.question}\n")
                stream.write(f"    reacts to: {words}\n")
                stream.write(f"    try:       {one_line(item.rewrite)}\n")
    return 0
