"""Who decides what when an enterprise customer asks for a feature?

Run with ``python examples/decide_b2b.py``. It walks one B2B request through
its life (requested, approved, at risk), prints the decisions the built-in
rules give at each step, then applies a team's own rule file.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import attrs

from rolelens.scenarios import (
    Approval,
    Feature,
    Rating,
    Requester,
    Scenario,
    Segment,
    decide,
    load_rules,
    render_decisions,
)

request = Scenario(
    segment=Segment.B2B,
    feature=Feature(
        name="Custom approval workflows",
        approval=Approval.PENDING,
        requested_by=Requester.SALES,
        user_value=Rating.MEDIUM,
        enterprise_complexity=Rating.HIGH,
        departments=("engineering", "support", "sales"),
    ),
    tags=("enterprise",),
)

approved = attrs.evolve(
    request,
    feature=attrs.evolve(
        request.feature,
        approval=Approval.APPROVED,
        enterprise_complexity=Rating.MEDIUM,
        deadline=dt.date(2027, 9, 30),
    ),
)
at_risk = attrs.evolve(approved, feature=attrs.evolve(approved.feature, at_risk=True))

for title, scenario in (("Requested", request), ("Approved", approved), ("At risk", at_risk)):
    print(f"== {title} ==")
    print(render_decisions(scenario, decide(scenario)))  # its text ends with a newline

# A team's own rules replace the built-in ones; they are checked on load.
team_rules = load_rules(Path(__file__).with_name("rules_custom.toml"))
print("== Approved, with the team's own rules ==")
for decision in decide(approved, rules=team_rules):
    print(f"{decision.owner} ({decision.question.phrase}): {decision.recommendation}")
