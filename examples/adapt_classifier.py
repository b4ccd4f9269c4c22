"""Adapt the classifier to a team's own wording, measure it, and save it as JSON.

    python examples/adapt_classifier.py [OUTPUT_DIR]

A film studio labels its own statements; "shoot" and "dailies" vocabulary is
new to rolelens. The fitted model starts from the built-in one.
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


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp())
    out.mkdir(parents=True, exist_ok=True)
    base = rolelens.default_classifier()
    fitted = base.fit(STUDIO * 4, seed=0)
    probe = "Move the shoot schedule so the dailies arrive before the edit"
    print("before:", base.classify(probe).explain())
    print("after: ", fitted.classify(probe).explain())
    report = rolelens.evaluate(fitted, STUDIO)
    print(f"accuracy on the studio's own statements: {report.accuracy:.2f}")
    path = out / "studio-model.json"
    rolelens.save(fitted, path)
    again = rolelens.load(path)
    assert again.classify(probe) == fitted.classify(probe)
    print(f"saved to {path} ({path.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main()
