"""``rolelens posting``: profile a whole job posting and check its title."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from rolelens.cli._options import (
    add_command,
    add_format_option,
    add_model_option,
    add_output_option,
    add_progress_option,
    format_by_output,
    input_file,
    shown_text,
)

if TYPE_CHECKING:
    from rolelens.progress import Progress

__all__ = ["add_parser", "run"]

FORMAT_CHOICES = ("text", "json", "markdown", "html")
#: The format ``-o FILE`` asks for by its extension when ``--format`` is not given.
SUFFIX_FORMATS = {
    ".txt": "text",
    ".json": "json",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
}
#: The format without ``--format``, for standard output or another extension.
DEFAULT_FORMAT = "text"


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Register the ``posting`` sub-command."""
    parser = add_command(
        subparsers,
        "posting",
        help="profile a job posting: product vs project balance and title mismatch",
        description=(
            "Split a job posting (plain text, Markdown or HTML) into statements, classify "
            "each, and report the balance of product and project work, the dimensions the "
            "evidence speaks to, and whether the content matches the job title."
        ),
        examples="""
rolelens posting posting.md
rolelens posting posting.html --title "Product Manager" -o report.html
rolelens posting posting.md --format markdown -o report.txt
curl -s https://example.com/job | rolelens posting - --format json
""",
    )
    parser.add_argument(
        "file", type=input_file, metavar="POSTING", help="the posting to read ('-' for stdin)"
    )
    parser.add_argument(
        "--title",
        metavar="TEXT",
        help=(
            "the job title, not empty (default: from front matter, else a heading or a "
            "short first line that names a known title)"
        ),
    )
    add_format_option(
        parser,
        FORMAT_CHOICES,
        "text, json, markdown or a self-contained html report",
        SUFFIX_FORMATS,
        DEFAULT_FORMAT,
    )
    add_output_option(parser)
    add_model_option(parser)
    add_progress_option(parser, when="when stderr is a terminal")
    parser.set_defaults(func=run)
    return parser


def run(args: argparse.Namespace) -> int:
    """Analyse the posting and write the report."""
    from rolelens.cli import fail
    from rolelens.cli._io import (
        UTF8_FORMATS,
        atomic_output,
        output_on_terminal,
        output_overwrites_input,
        read_text,
    )
    from rolelens.cli._options import command_progress, load_classifier
    from rolelens.posting import analyze_posting
    from rolelens.posting_report import write_posting

    if args.title is not None and not args.title.strip():
        # analyze_posting takes a blank title for none and infers one: from the command
        # line that is a mistake (an unset shell variable), not a request.
        return fail(
            f"--title: expected a non-empty title, got {shown_text(args.title)} (leave the option "
            "out to take the title from the posting)"
        )
    fmt = format_by_output(args.format, args.output, SUFFIX_FORMATS, DEFAULT_FORMAT)
    clash = output_overwrites_input(args.output, {"input": args.file, "--model": args.model})
    if clash is not None:
        return fail(clash)
    text = read_text(args.file)
    classifier = load_classifier(args.model)
    bar: Progress | None = None

    def progress(done: int, total: int) -> None:
        nonlocal bar
        if bar is None:  # made once the statements are found, and so counted
            bar = command_progress(args.progress, total=total)
        # The last step waits for the report: writing a long posting's report takes over
        # half as long as classifying it, and a full bar meanwhile says the command is done.
        if done < total:
            bar.update(done - bar.count)

    def finish() -> None:
        if bar is not None:
            bar.update((bar.total or 0) - bar.count)
            bar.close()

    try:
        # Opened first, as every command's output: an -o that cannot be written (read-only,
        # in a missing directory) fails before the analysis, not after seconds of it.
        with atomic_output(args.output, utf8=fmt in UTF8_FORMATS) as stream:
            profile = analyze_posting(text, args.title, classifier=classifier, progress=progress)
            if output_on_terminal(args.output):
                finish()  # the bar ends first, or the report would be printed into its line
            write_posting(profile, stream, fmt)
        finish()
    finally:
        if bar is not None:
            bar.close()  # as far as it got, when the work stopped short
    return 0
