"""``rolelens compare``: the side-by-side comparison of roles in JSON, CSV, Markdown or HTML."""

from __future__ import annotations

import argparse
from typing import Any

from rolelens.cli._options import (
    OneFile,
    add_command,
    add_format_option,
    add_output_option,
    add_spreadsheet_safe_option,
    data_file,
    format_by_output,
    spreadsheet_safe_problem,
)

__all__ = ["add_parser", "run"]

FORMAT_CHOICES = ("json", "csv", "markdown", "html")
#: The format ``-o FILE`` asks for by its extension when ``--format`` is not given.
SUFFIX_FORMATS = {
    ".json": "json",
    ".csv": "csv",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
}
#: The format without ``--format``, for standard output or another extension.
DEFAULT_FORMAT = "markdown"


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Register the ``compare`` sub-command."""
    parser = add_command(
        subparsers,
        "compare",
        help="compare the roles dimension by dimension",
        description=(
            "Print the roles (columns) across the dimensions (rows) of the built-in "
            "catalog or of your own catalog file."
        ),
        examples="""
rolelens compare
rolelens compare --format csv --roles project_manager product_manager --dimensions core_focus
rolelens compare --catalog my_catalog.toml -o roles.html
rolelens compare --catalog their_catalog.toml --spreadsheet-safe -o roles.csv
rolelens compare --format json -o roles.txt
""",
    )
    add_format_option(
        parser,
        FORMAT_CHOICES,
        "json, csv, markdown or an html <table> fragment",
        SUFFIX_FORMATS,
        DEFAULT_FORMAT,
    )
    add_spreadsheet_safe_option(parser)
    parser.add_argument(
        "--roles",
        action="extend",
        nargs="+",
        metavar="ID",
        help="role ids to show, in this order; given twice, the lists join (default: every role)",
    )
    parser.add_argument(
        "--dimensions",
        action="extend",
        nargs="+",
        metavar="ID",
        help=(
            "dimension ids to show, in this order; given twice, the lists join "
            "(default: every dimension)"
        ),
    )
    parser.add_argument(
        "--catalog",
        action=OneFile,
        type=data_file,
        metavar="FILE",
        help="catalog file, TOML or JSON (default: the built-in catalog)",
    )
    add_output_option(parser)
    parser.set_defaults(func=run)
    return parser


def run(args: argparse.Namespace) -> int:
    """Render the requested comparison; catalog mistakes surface as ``CatalogError``."""
    from rolelens.catalog import load_catalog
    from rolelens.cli import fail
    from rolelens.cli._io import UTF8_FORMATS, atomic_output, output_overwrites_input
    from rolelens.comparisons import comparison, render
    from rolelens.errors import CatalogError

    fmt = format_by_output(args.format, args.output, SUFFIX_FORMATS, DEFAULT_FORMAT)
    problem = spreadsheet_safe_problem(args, fmt)
    if problem is not None:
        return fail(problem)
    clash = output_overwrites_input(args.output, {"--catalog": args.catalog})
    if clash is not None:
        return fail(clash)
    catalog = load_catalog(args.catalog) if args.catalog is not None else None
    try:
        table = comparison(args.roles, args.dimensions, catalog=catalog)
    except CatalogError as exc:
        if exc.field in ("roles", "dimensions") and exc.path is None:
            # A selection from the flags: name the flag the user typed.
            return fail(f"--{exc.field}: {exc.problem}")
        raise
    text = render(table, fmt, spreadsheet_safe=args.spreadsheet_safe)
    with atomic_output(args.output, utf8=fmt in UTF8_FORMATS) as stream:
        stream.write(text)
    return 0
