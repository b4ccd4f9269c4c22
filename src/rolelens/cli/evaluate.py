"""``rolelens evaluate``: measure a classifier on labeled statements."""

from __future__ import annotations

import argparse
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from rolelens.cli._options import (
    MAX_FOLDS,
    MAX_SEED,
    add_command,
    add_format_option,
    add_labeled_options,
    add_model_option,
    add_output_option,
    add_progress_option,
    command_progress,
    format_by_output,
    whole_number,
)

if TYPE_CHECKING:
    from rolelens.classifier import Classifier, Verdict
    from rolelens.progress import Progress

__all__ = ["add_parser", "run"]

#: ``text`` is another name for ``table``: the human-readable format of the other commands.
FORMAT_CHOICES = ("table", "text", "json", "markdown")
#: The format ``-o FILE`` asks for by its extension when ``--format`` is not given.
SUFFIX_FORMATS = {".txt": "text", ".json": "json", ".md": "markdown", ".markdown": "markdown"}
#: The format without ``--format``, for standard output or another extension.
DEFAULT_FORMAT = "table"


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Register the ``evaluate`` sub-command."""
    parser = add_command(
        subparsers,
        "evaluate",
        help="measure accuracy and per-label F1 on labeled statements",
        description=(
            "Evaluate the built-in classifier (or --model) on labeled statements (JSONL with "
            "text and label fields, or CSV with text and label columns, or the fields and "
            "columns you name), or with --cv K, K-fold cross-validation of fitting on them."
        ),
        examples="""
rolelens evaluate labeled.jsonl --misses 5
rolelens evaluate holdout.jsonl --model model.json -o report.json
rolelens evaluate labeled.csv --cv 5
rolelens evaluate reviewed.jsonl --field statement --label-field gold
""",
    )
    add_labeled_options(parser)
    add_model_option(
        parser,
        help="evaluate a model saved by 'rolelens fit' (default: the built-in classifier); "
        "with --cv, fit starting from it",
    )
    parser.add_argument(
        "--cv",
        type=whole_number,
        metavar="K",
        help=f"K-fold cross-validation of fitting, K from 2 to {MAX_FOLDS} and at most the "
        "number of statements (default: no fitting, evaluate the model as it is)",
    )
    parser.add_argument(
        "--seed",
        type=whole_number,
        metavar="N",
        help=f"fold shuffling and fitting seed, with --cv only, 0 to {MAX_SEED:,} (default: 0)",
    )
    add_format_option(
        parser,
        FORMAT_CHOICES,
        "table (also called text), json or markdown",
        SUFFIX_FORMATS,
        DEFAULT_FORMAT,
    )
    parser.add_argument(
        "--misses",
        type=whole_number,
        metavar="N",
        help="list up to N misclassified statements (default: none in a table or Markdown, "
        "all in JSON)",
    )
    add_output_option(parser)
    add_progress_option(parser, when="when stderr is a terminal")
    parser.set_defaults(func=run)
    return parser


def run(args: argparse.Namespace) -> int:
    """Evaluate and print the report."""
    from rolelens.cli import fail
    from rolelens.cli._io import UTF8_FORMATS, atomic_output, output_overwrites_input
    from rolelens.cli._options import labeled_name, load_classifier, range_problem, read_labeled
    from rolelens.errors import FitError, InputError
    from rolelens.evaluation import cross_validate, evaluate

    if args.misses is not None and (problem := range_problem("--misses", args.misses, 0, None)):
        return fail(problem)
    if args.cv is not None and (problem := range_problem("--cv", args.cv, 2, MAX_FOLDS, "folds")):
        return fail(problem)
    if args.seed is not None and args.cv is None:
        # Without --cv nothing is fitted or shuffled: the seed would change nothing.
        return fail("--seed seeds the folds and fitting of --cv; it does nothing without --cv")
    if args.seed is None:
        args.seed = 0
    if problem := range_problem("--seed", args.seed, 0, MAX_SEED):
        return fail(problem)
    clash = output_overwrites_input(args.output, {"input": args.examples, "--model": args.model})
    if clash is not None:
        return fail(clash)
    examples = read_labeled(args, "evaluate")
    if args.cv is not None and args.cv > len(examples):
        return fail(
            f"--cv {args.cv}: {labeled_name(args.examples)} has {len(examples)} labeled "
            f"statement(s), and each of the {args.cv} folds needs one; use fewer folds"
        )
    model = load_classifier(args.model)
    fmt = format_by_output(args.format, args.output, SUFFIX_FORMATS, DEFAULT_FORMAT)
    # Opened first: a bad -o fails before a cross-validation that may take minutes.
    with atomic_output(args.output, utf8=fmt in UTF8_FORMATS) as stream:
        if args.cv is not None:
            # Folds done on stderr; by default only when stderr is a terminal.
            with command_progress(args.progress, total=args.cv, unit="folds", tick=True) as bar:
                try:
                    report = cross_validate(
                        examples,
                        k=args.cv,
                        seed=args.seed,
                        classifier=model,
                        progress=lambda _done, _all: bar.update(),
                    )
                except FitError as exc:
                    # What the examples lack (a second label, in every fold's training
                    # part): checked before any fold is fitted.
                    raise InputError(str(exc), path=labeled_name(args.examples)) from None
        else:
            # Statements classified on stderr; by default only when stderr is a terminal.
            with command_progress(args.progress, total=len(examples)) as bar:
                report = evaluate(_Counted(model, bar) if bar.enabled else model, examples)
        if fmt == "json":
            stream.write(report.to_json(misses=args.misses))
        elif fmt == "markdown":
            stream.write(report.to_markdown(misses=args.misses or 0))
        else:
            stream.write(report.to_text(misses=args.misses or 0))
    return 0


class _Counted:
    """A classifier whose ``classify_many`` counts each verdict on a progress bar."""

    def __init__(self, model: Classifier, bar: Progress) -> None:
        self.model = model
        self.bar = bar

    def classify_many(self, texts: Iterable[str]) -> Iterator[Verdict]:
        update = self.bar.update
        for verdict in self.model.classify_many(texts):
            update()
            yield verdict
