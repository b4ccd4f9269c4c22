"""``rolelens evaluate``: measure a classifier on labeled statements."""

from __future__ import annotations

import argparse
from typing import Any

__all__ = ["add_parser", "run"]


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Register the ``evaluate`` sub-command."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "evaluate",
        help="measure accuracy and per-label F1 on labeled statements",
        description=(
            "Evaluate the built-in classifier (or --model) on labeled statements, or "
            "with --cv K, K-fold cross-validation of fitting on them."
        ),
    )
    parser.add_argument("examples", metavar="LABELED", help="labeled statements (.jsonl or .csv)")
    parser.add_argument("--model", metavar="FILE", help="evaluate this saved model")
    parser.add_argument("--cv", type=int, metavar="K", help="K-fold cross-validation of fitting")
    parser.add_argument(
        "--seed", type=int, default=0, help="fold shuffling seed, with --cv (default: %(default)s)"
    )
    parser.add_argument(
        "--format",
        choices=("table", "json", "markdown"),
        default="table",
        help="report format (default: %(default)s)",
    )
    parser.add_argument(
        "--misses",
        type=int,
        metavar="N",
        help="list up to N misclassified statements (default: none in a table or Markdown, "
        "all in JSON)",
    )
    parser.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    parser.set_defaults(func=run)
    return parser


def run(args: argparse.Namespace) -> int:
    """Evaluate and print the report."""
    from rolelens.classifier import default_classifier
    from rolelens.cli import fail
    from rolelens.cli._io import atomic_output, output_overwrites_input
    from rolelens.evaluation import cross_validate, evaluate
    from rolelens.examples import read_examples
    from rolelens.persistence import load
    from rolelens.progress import Progress

    if args.misses is not None and args.misses < 0:
        return fail(f"--misses must be 0 or more, got {args.misses}")
    if args.cv is not None and args.cv < 2:
        return fail(f"--cv must be at least 2 (folds), got {args.cv}")
    clash = output_overwrites_input(args.output, {"input": args.examples, "--model": args.model})
    if clash is not None:
        return fail(clash)
    examples = read_examples(args.examples)
    model = load(args.model) if args.model else default_classifier()
    # Opened first: a bad -o fails before a cross-validation that may take minutes.
    with atomic_output(args.output) as stream:
        if args.cv is not None:
            # Folds done on stderr, shown only when stderr is a terminal.
            with Progress(total=args.cv, unit="folds") as bar:
                report = cross_validate(
                    examples,
                    k=args.cv,
                    seed=args.seed,
                    classifier=model,
                    progress=lambda _done, _all: bar.update(),
                )
        else:
            report = evaluate(model, examples)
        if args.format == "json":
            stream.write(report.to_json(misses=args.misses))
        elif args.format == "markdown":
            stream.write(report.to_markdown(misses=args.misses or 0))
        else:
            stream.write(report.to_text(misses=args.misses or 0))
    return 0
