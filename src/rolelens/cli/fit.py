"""``rolelens fit``: adapt the classifier to your own labeled statements and save it."""

from __future__ import annotations

import argparse
from typing import Any

from rolelens.cli._options import (
    MAX_EPOCHS,
    MAX_SEED,
    add_command,
    add_labeled_options,
    add_model_option,
    add_output_option,
    add_progress_option,
    command_progress,
    real_number_arg,
    whole_number,
)

__all__ = ["add_parser", "run"]


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Register the ``fit`` sub-command."""
    parser = add_command(
        subparsers,
        "fit",
        help="fit a classifier on labeled statements and save it as JSON",
        description=(
            "Fit a classifier on labeled statements (JSONL with text and label fields, or CSV "
            "with text and label columns, or the fields and columns you name), starting from "
            "the built-in one or --model."
        ),
        examples="""
rolelens fit labeled.jsonl -o model.json
rolelens fit more.csv --model model.json -o model.json --epochs 10
rolelens fit sheet.csv --column sentence --label-column category -o model.json
rolelens classify --model model.json "Chase the vendor for the signed contract"
""",
    )
    add_labeled_options(parser)
    add_output_option(
        parser,
        required=True,
        help="model file to write ('-' for stdout); replaced only when the fit succeeds",
    )
    add_model_option(
        parser, help="start from a model saved by 'rolelens fit' (default: the built-in one)"
    )
    parser.add_argument(
        "--seed",
        type=whole_number,
        default=0,
        metavar="N",
        help=f"random seed, 0 to {MAX_SEED:,} (default: %(default)s)",
    )
    parser.add_argument(
        "--epochs",
        type=whole_number,
        default=6,
        metavar="N",
        help=f"passes over the data, 1 to {MAX_EPOCHS} (default: %(default)s)",
    )
    parser.add_argument(
        "--min-count",
        type=whole_number,
        default=2,
        metavar="N",
        help="statements a word or word pair must appear in to be learned as a cue, "
        "1 or more (default: %(default)s)",
    )
    parser.add_argument(
        "--prune",
        type=real_number_arg,
        default=0.05,
        metavar="X",
        help="drop a learned cue whose weights spread less than X, 0 or more; larger "
        "values give smaller models (default: %(default)s)",
    )
    add_progress_option(parser, when="when stderr is a terminal")
    parser.set_defaults(func=run)
    return parser


def run(args: argparse.Namespace) -> int:
    """Fit, save atomically, report what was learned on stderr."""
    from rolelens.cli import fail, say
    from rolelens.cli._io import atomic_output, output_overwrites_input
    from rolelens.cli._options import labeled_name, load_classifier, range_problem, read_labeled
    from rolelens.errors import FitError
    from rolelens.persistence import to_json

    for problem in (
        range_problem("--epochs", args.epochs, 1, MAX_EPOCHS),
        range_problem("--seed", args.seed, 0, MAX_SEED),
        range_problem("--min-count", args.min_count, 1, None),
        None if args.prune >= 0 else f"--prune must be 0 or more, got {args.prune:g}",
    ):
        if problem is not None:
            return fail(problem)
    # -o over --model is allowed: refitting a saved model in place is a deliberate update.
    clash = output_overwrites_input(args.output, {"input": args.examples})
    if clash is not None:
        return fail(clash)
    examples = read_labeled(args, "fit on")
    base = load_classifier(args.model)
    # The output is opened first, so an unwritable path fails before a long fit, not after.
    try:
        with atomic_output(args.output, utf8=True) as stream:  # a model is JSON
            # Progress in epochs on stderr; by default only when stderr is a terminal.
            with command_progress(
                args.progress, total=args.epochs, unit="epochs", tick=True
            ) as bar:
                model = base.fit(
                    examples,
                    seed=args.seed,
                    epochs=args.epochs,
                    min_count=args.min_count,
                    prune=args.prune,
                    # Timed from the first epoch: reading the statements is no epoch's.
                    progress=lambda done, _all: bar.update() if done else bar.start_timing(),
                )
            stream.write(to_json(model))
    except FitError as exc:
        # What the examples lack (a second label): checked before any pass over them.
        return fail(f"{labeled_name(args.examples)}: {exc}")
    where = "standard output" if args.output == "-" else args.output
    say(f"fitted on {len(examples)} statements: {len(model.lexicon)} cues; wrote {where}")
    return 0
