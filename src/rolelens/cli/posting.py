"""``rolelens posting``: profile a whole job posting and check its title."""

from __future__ import annotations

import argparse
from typing import Any

__all__ = ["add_parser", "run"]

FORMAT_CHOICES = ("text", "json", "markdown", "html")


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Register the ``posting`` sub-command."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "posting",
        help="profile a job posting: product vs project balance and title mismatch",
        description=(
            "Split a job posting (plain text, Markdown or HTML) into statements, classify "
            "each, and report the balance of product and project work, the dimensions the "
            "evidence speaks to, and whether the content matches the job title."
        ),
    )
    parser.add_argument("file", metavar="FILE", help="the posting to read, or - for stdin")
    parser.add_argument(
        "--title",
        help=(
            "the job title (default: from front matter, else a heading or a short "
            "first line that names a known title)"
        ),
    )
    parser.add_argument(
        "--format",
        choices=FORMAT_CHOICES,
        default="text",
        help="text, json, markdown or a self-contained html report (default: text)",
    )
    parser.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    parser.set_defaults(func=run)
    return parser


def run(args: argparse.Namespace) -> int:
    """Analyse the posting and write the report."""
    from rolelens.cli import fail
    from rolelens.cli._io import atomic_output, output_overwrites_input, read_text
    from rolelens.posting import analyze_posting
    from rolelens.posting_report import write_posting

    clash = output_overwrites_input(args.output, {"input": args.file})
    if clash is not None:
        return fail(clash)
    text = read_text(args.file)
    profile = analyze_posting(text, args.title or None)
    with atomic_output(args.output) as stream:
        write_posting(profile, stream, args.format)
    return 0
