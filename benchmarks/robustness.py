"""How often a harmless rewording changes a verdict, on statements the model never saw.

    python benchmarks/robustness.py [--limit 6000]

Takes the imperative statements of ``training/independent`` (written for
rolelens but not fitted into the shipped model: see its README), that is
those starting with a capitalised verb such as "Track..." or "Interview...",
and puts a lead-in in front of each, as job postings and role descriptions
do ("You will track...", "The project manager will track..."). For each
lead-in it prints how many verdicts changed and the accuracy against the
writers' labels before and after. The Hypothesis properties in the tests
cover case, surrounding whitespace, bullet markers and closing punctuation,
which must never change a verdict; these rewrites may, and this measures
how much.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "training"))

import build_model  # noqa: E402
from independent_corpus import independent_rows  # noqa: E402

from rolelens import default_classifier  # noqa: E402

#: Lead-ins put in front of an imperative statement (whose first letter is lowered).
LEAD_INS = (
    "You will ",
    "You'll ",
    "In this role you will ",
    "Key responsibility: ",
    "Help ",
    "Ability to ",
    "The product manager will ",
    "The project manager will ",
    "The delivery manager will ",
    # Titles and wordings the shipped model's title variants do not use
    # (training/build_model.py, TITLE_LEAD_INS): does what it learned carry over?
    "Our senior project manager will ",
    "The programme manager is responsible to ",
    "The product owner will ",
    "The scrum master will ",
)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=6000, help="statements (default 6000)")
    args = parser.parse_args()
    model = default_classifier()
    independent = independent_rows(build_model.corpus())
    rows = [(text, label) for text, label in independent if build_model.imperative(text)]
    rows = rows[: args.limit]
    before = [model.classify(text).label.value for text, _label in rows]
    right = sum(p == label for p, (_t, label) in zip(before, rows, strict=True))
    print(f"{len(rows)} imperative statements of training/independent")
    print(f"accuracy as written: {right / len(rows):.3f}")
    print(f"{'lead-in':<42} {'changed':>8} {'accuracy':>9}")
    for lead in LEAD_INS:
        changed = correct = 0
        for (text, label), was in zip(rows, before, strict=True):
            now = model.classify(build_model.led_by(lead, text)).label.value
            changed += now != was
            correct += now == label
        print(f"{lead!r:<42} {changed / len(rows):>8.3f} {correct / len(rows):>9.3f}")


if __name__ == "__main__":
    main()
