"""``rolelens demo``: a short tour of rolelens on its built-in data."""

from __future__ import annotations

import argparse
import contextlib
from typing import Any

from rolelens.cli._options import add_command

__all__ = ["add_parser", "run"]


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Register the ``demo`` sub-command."""
    parser = add_command(
        subparsers,
        "demo",
        help="show what rolelens does, on built-in data",
        description=(
            "Introduce the two roles, print their comparison and classify a few sample "
            "job-description bullets with the evidence behind each verdict."
        ),
        examples="""
rolelens demo
rolelens demo | less
""",
    )
    parser.set_defaults(func=run)
    return parser


def run(args: argparse.Namespace) -> int:
    """Print the introduction and the comparison table."""
    from rolelens.cli._io import atomic_output

    # Through atomic_output like every command's output: a closed stdout is an error.
    with atomic_output(None, can_name_file=False) as stream, contextlib.redirect_stdout(stream):
        _print_intro()
        print()
        _print_comparison()
        print()
        _print_classified()
    return 0


def _print_intro() -> None:
    from rolelens.catalog import default_catalog

    catalog = default_catalog()
    print("rolelens tells Product Manager work from Project Manager work.")
    print()
    for role in catalog.roles:
        print(f"{role.name}: {role.question}")
        print(f"  {role.analogy}")


def _print_comparison() -> None:
    from rolelens.comparisons import comparison, to_markdown

    print("How the roles differ:")
    print()
    print(to_markdown(comparison()), end="")


#: Sample bullets written for the demo: one of each kind, and two that need context.
SAMPLE_BULLETS: tuple[str, ...] = (
    "Interview customers every week and turn what you learn into the roadmap",
    "Keep the migration on schedule and within budget, escalating risks early",
    "Run the weekly sync with design, engineering and sales",
    "Work with engineering to ship the release on time",
    "Work with engineering to understand what customers struggle with",
    "You will not own budgets; you will decide which problems we solve next",
    "Bachelor's degree and a generous learning allowance",
)


def _print_classified() -> None:
    from rolelens.classifier import classify

    print("Sample bullets, classified:")
    print()
    for text in SAMPLE_BULLETS:
        verdict = classify(text)
        print(f"- {text}")
        print(f"    {verdict.explain()}  (confidence {verdict.confidence:.2f})")
