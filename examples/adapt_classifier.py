"""Adapt the classifier to a team's own wording, measure it honestly, and save it as JSON.

    python examples/adapt_classifier.py [OUTPUT_DIR]

The fitted model is saved as ``studio-model.json`` in ``OUTPUT_DIR``, or in a
new temporary directory when none is given (the last line says where).

A film studio labels a dozen of its own statements, written the way it
writes them (shoots, dailies, the writers room), and fits a model that starts
from the built-in one. It then checks the fit the honest way, by
cross-validation, and on statements the fit never saw.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import rolelens

# Statements a (fictional) studio wrote and labeled itself.
STUDIO = [
    ("Lock the shoot schedule and book crews for each location day", "project"),
    ("Keep the shoot inside the agreed budget and report overruns daily", "project"),
    ("Chase the dailies delivery so editing starts on the planned date", "project"),
    ("Arrange permits and catering for the second unit", "project"),
    ("Decide which stories the audience wants next season", "product"),
    ("Test the pilot with viewers and decide whether to greenlight a season", "product"),
    ("Choose the release window that reaches the most subscribers", "product"),
    ("Study why viewers drop off after episode two", "product"),
    ("Our studio is based in Leeds", "other"),
    ("Free screenings every Friday", "other"),
    ("Run the weekly sync with the writers room and the production office", "shared"),
    ("Keep the showrunner and the network updated on story and schedule", "shared"),
]


# New statements in the studio's wording, not among the labeled ones.
UNSEEN = [
    "Move the shoot schedule so the dailies arrive before the edit",
    "Find out which stories keep viewers watching past episode two",
    "Sync with the writers room and the network every Monday",
]


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp())
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:  # OUTPUT_DIR names a file, or a place we cannot write
        sys.exit(f"adapt_classifier: cannot save the model in {out}/: {exc}")
    base = rolelens.default_classifier()
    fitted = base.fit(STUDIO * 4, seed=0)

    # Never judge a fit on the statements it was fitted on: it has seen the answers.
    before = rolelens.evaluate(base, STUDIO)
    folds = rolelens.cross_validate(STUDIO, k=3, classifier=base, fit=lambda c, t: c.fit(t * 4))
    print(f"built-in, on the studio's statements:  accuracy {before.accuracy:.2f}")
    print(f"fitted, under 3-fold cross-validation: accuracy {folds.accuracy:.2f}")
    print("(twelve labels are too few to measure a gain: label a few hundred)\n")

    for statement in UNSEEN:
        was, now = base.classify(statement), fitted.classify(statement)
        print(statement)
        print(f"  built-in: {was.label.value:<8} {was.confidence:.2f}   {was.explain()}")
        print(f"  fitted:   {now.label.value:<8} {now.confidence:.2f}   {now.explain()}")

    path = out / "studio-model.json"
    rolelens.save(fitted, path)
    again = rolelens.load(path)
    assert again == fitted  # saved exactly: the same verdicts, scores included
    print(f"\nsaved to {path} ({path.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main()
