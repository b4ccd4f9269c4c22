"""``rolelens decide``: who owns which decision for a feature request, and what to do."""

from __future__ import annotations

import argparse
import json
from typing import Any

from rolelens.cli._options import (
    OneFile,
    add_command,
    add_format_option,
    add_output_option,
    data_file,
    format_by_output,
    input_file,
    shown_text,
)

__all__ = ["add_parser", "run"]

FORMAT_CHOICES = ("text", "json")
#: The format ``-o FILE`` asks for by its extension when ``--format`` is not given.
SUFFIX_FORMATS = {".txt": "text", ".json": "json"}
#: The format without ``--format``, for standard output or another extension.
DEFAULT_FORMAT = "text"
YES_NO = ("yes", "no")

# flag destination -> the scenario field it sets (dotted path)
_FLAG_FIELDS: dict[str, str] = {
    "segment": "segment",
    "name": "feature.name",
    "requested_by": "feature.requested_by",
    "value": "feature.user_value",
    "complexity": "feature.enterprise_complexity",
    "approval": "feature.approval",
    "departments": "feature.departments",
    "deadline": "feature.deadline",
    "at_risk": "feature.at_risk",
    "user_evidence": "feature.user_evidence",
    "tags": "tags",
}


def _flag_for(field: str | None) -> str | None:
    """The flag that sets a scenario field, as a user of the flags typed it."""
    for dest, path in _FLAG_FIELDS.items():
        if path == field:
            return {"approval": "--approved/--approval", "tags": "--tag"}.get(
                dest, "--" + dest.replace("_", "-")
            )
    return None


def _shown(path: str) -> str:
    """The scenario's name in messages: ``<stdin>`` for ``-``, as the other commands say."""
    return "<stdin>" if path == "-" else path


def _deadline(text: str) -> str:
    """An argparse type: the text of a valid date, checked here so the error names the flag."""
    from rolelens._checks import yyyy_mm_dd

    try:
        yyyy_mm_dd(text)
    except ValueError:
        shown = shown_text(text)
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, got {shown}") from None
    return text


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Register the ``decide`` sub-command."""
    from rolelens.scenarios import Approval, Rating, Requester, Segment

    parser = add_command(
        subparsers,
        "decide",
        help="say who decides what for a feature request",
        description=(
            "Apply the scenario rules (built-in, or your own with --rules) to one feature "
            "request, given as a scenario file (JSON, or TOML with a .toml suffix) or as "
            "flags, and print who owns each decision, the recommendation and the rationale."
        ),
        examples="""
rolelens decide --segment b2b --complexity high --approved no --requested-by sales
rolelens decide request.json --format json
rolelens decide request.toml --rules my_rules.toml -o decision.txt
rolelens decide request.toml --rules po_rules.toml --catalog po_catalog.toml
rolelens decide request.toml -o decision.json
""",
    )
    parser.add_argument(
        "scenario",
        nargs="?",
        type=input_file,
        metavar="SCENARIO",
        help="scenario file, JSON or TOML ('-' for stdin, read as JSON); or give the flags",
    )
    flags = parser.add_argument_group("scenario flags")
    flags.add_argument(
        "--segment",
        choices=[m.value for m in Segment],
        help="market segment (required without SCENARIO)",
    )
    flags.add_argument("--name", metavar="TEXT", help="feature name (default: the feature)")
    flags.add_argument(
        "--requested-by",
        choices=[m.value for m in Requester],
        help="who asked for it (default: not given)",
    )
    ratings = [m.value for m in Rating]
    flags.add_argument(
        "--value", choices=ratings, help="expected value to users (default: not given)"
    )
    flags.add_argument(
        "--complexity",
        choices=ratings,
        help="complexity it adds for enterprise users (default: not given)",
    )
    approval = flags.add_mutually_exclusive_group()
    approval.add_argument(
        "--approved",
        choices=YES_NO,
        help="shorthand: yes = approved, no = pending (this or --approval is required)",
    )
    approval.add_argument(
        "--approval",
        choices=[m.value for m in Approval],
        help="approval state (this or --approved is required)",
    )
    flags.add_argument(
        "--departments",
        metavar="LIST",
        help="comma-separated departments involved, none of them empty (default: none)",
    )
    flags.add_argument(
        "--deadline", type=_deadline, metavar="YYYY-MM-DD", help="delivery deadline (default: none)"
    )
    flags.add_argument("--at-risk", choices=YES_NO, help="is delivery at risk? (default: no)")
    flags.add_argument(
        "--user-evidence", choices=YES_NO, help="is there evidence users need it? (default: no)"
    )
    flags.add_argument(
        "--tag",
        dest="tags",
        action="append",
        metavar="TAG",
        help="a free-form tag, repeatable (default: none)",
    )
    parser.add_argument(
        "--rules",
        action=OneFile,
        type=data_file,
        metavar="FILE",
        help="rule file, TOML or JSON (default: the built-in rules)",
    )
    parser.add_argument(
        "--catalog",
        action=OneFile,
        type=data_file,
        metavar="FILE",
        help=(
            "catalog file, TOML or JSON, whose roles the rules' owners are and the "
            "text names (default: the built-in catalog)"
        ),
    )
    add_format_option(
        parser,
        FORMAT_CHOICES,
        "text, or json: one JSON document with the scenario and decisions",
        SUFFIX_FORMATS,
        DEFAULT_FORMAT,
    )
    add_output_option(parser)
    parser.set_defaults(func=run)
    return parser


def _flag_data(args: argparse.Namespace) -> dict[str, Any]:
    """The scenario as plain data from the flags that were given."""
    if args.approved is not None:
        args.approval = "approved" if args.approved == "yes" else "pending"
    data: dict[str, Any] = {}
    for dest, path in _FLAG_FIELDS.items():
        value = getattr(args, dest)
        if value is None:
            continue
        if dest == "departments":
            # Every item is kept, not an empty one dropped without a word: run() has
            # refused "a,,b" and " " already, and Feature refuses an empty name too.
            value = [part.strip() for part in value.split(",")]
        elif dest in ("at_risk", "user_evidence"):
            value = value == "yes"
        target = data
        *parents, leaf = path.split(".")
        for parent in parents:
            target = target.setdefault(parent, {})
        target[leaf] = value
    return data


def run(args: argparse.Namespace) -> int:
    """Decide for the scenario; bad files and fields surface as one-line errors."""
    from rolelens._serialization import MAX_DATA_FILE_BYTES, parse_file_text
    from rolelens.cli import fail
    from rolelens.cli._io import (
        UTF8_FORMATS,
        atomic_output,
        output_overwrites_input,
        read_text,
    )
    from rolelens.errors import DataFileError, ScenarioError
    from rolelens.scenarios import decide, load_rules, render_decisions, scenario_from_data

    clash = output_overwrites_input(
        args.output, {"scenario": args.scenario, "--rules": args.rules, "--catalog": args.catalog}
    )
    if clash is not None:
        return fail(clash)
    if args.departments is not None and not all(
        part.strip() for part in args.departments.split(",")
    ):
        return fail(
            f"--departments: an empty name in {shown_text(args.departments)}; give department "
            "names separated by commas (leave the option out for none)"
        )
    data = _flag_data(args)
    if args.scenario is not None:
        if data:
            return fail("give a scenario file or scenario flags, not both")
        # A scenario is a data file, held to their limit rather than to a posting's.
        text = read_text(args.scenario, max_bytes=MAX_DATA_FILE_BYTES)
        # Parsed as load_scenario parses the file, with the same hints: TOML in a file
        # not named .toml, or JSON in one that is, said only "not valid JSON/TOML".
        stdin = args.scenario == "-"  # read as JSON, whatever it holds
        try:
            data = parse_file_text(
                text, path=_shown(args.scenario), toml=False if stdin else None, error=DataFileError
            )
        except DataFileError as exc:
            if not stdin or not exc.problem.startswith("not valid JSON"):
                raise
            # TOML piped in (`decide - < scenario.toml`) said "not valid JSON" alone, where
            # a file of any name but .toml gets the reason it was read as JSON.
            raise DataFileError(
                f"{exc.problem}; standard input is read as JSON (name a .toml file for TOML)",
                path=exc.path,
            ) from exc
    else:
        missing = [
            flag
            for flag, given in (
                ("--segment", args.segment is not None),
                ("--approved or --approval", args.approval is not None),
            )
            if not given
        ]
        if missing:
            return fail(
                f"missing {' and '.join(missing)} (or give a scenario file; "
                "see rolelens decide --help)"
            )
    try:
        scenario = scenario_from_data(data)
    except ScenarioError as exc:
        if args.scenario is not None:
            return fail(f"{_shown(args.scenario)}: {exc}")
        # From flags, name the flag: the user never typed "feature.name".
        flag = _flag_for(exc.field)
        return fail(f"{flag}: {exc.problem}" if flag else str(exc))
    from rolelens.catalog import load_catalog

    # Owners are checked against, and named from, the catalog the rules were written for.
    catalog = load_catalog(args.catalog) if args.catalog is not None else None
    rules = load_rules(args.rules, catalog=catalog) if args.rules is not None else None
    decisions = decide(scenario, rules=rules, catalog=catalog)
    fmt = format_by_output(args.format, args.output, SUFFIX_FORMATS, DEFAULT_FORMAT)
    if fmt == "json":
        document = {
            "scenario": scenario.to_dict(),
            "decisions": [decision.to_dict() for decision in decisions],
        }
        output = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    else:
        output = render_decisions(scenario, decisions, catalog=catalog)
    with atomic_output(args.output, utf8=fmt in UTF8_FORMATS) as stream:
        stream.write(output)
    return 0
