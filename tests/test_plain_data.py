"""Plain data for JSON: ``Verdict.to_dict``/``from_dict``, ``Reframe.to_dict``,
``Scenario.to_dict`` and ``Decision.to_dict``, and the command-line records they match."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given

from rolelens import ArgumentError, Verdict, classify
from rolelens._serialization import converter, unstructure
from rolelens.cli import main
from rolelens.scenarios import Decision, Feature, Rule, Scenario, decide, scenario_from_data
from rolelens.shifts import Reframe, reframe
from tests.strategies import hostile_text, rule_sets, scenarios, statements


def _via_json(data: dict[str, Any]) -> dict[str, Any]:
    back: dict[str, Any] = json.loads(json.dumps(data))
    return back


@given(text=statements() | hostile_text())
@example(text="Work with engineering to ship on time, not responsible for budgets")
@example(text="")
def test_a_verdict_comes_back_from_its_dict(text: str) -> None:
    """Whatever the text, ``from_dict`` of ``to_dict`` (through JSON) is the same verdict,
    and it explains itself the same way."""
    verdict = classify(text)
    data = verdict.to_dict(explain=True)
    # JSON reads an escaped surrogate pair back as the one character it encodes: text
    # holding surrogate code points (no valid Unicode) comes back another text.
    valid = not any("\ud800" <= char <= "\udfff" for char in text)
    back = Verdict.from_dict(_via_json(data) if valid else data)
    assert back == verdict
    assert back.evidence == verdict.evidence
    assert back.explain() == verdict.explain()
    assert back.to_dict() == verdict.to_dict()


def test_a_classify_jsonl_record_is_a_verdict(tmp_path: Path) -> None:
    """What ``rolelens classify --format jsonl --explain`` writes reads back as the verdicts
    ``classify`` gives, its ``line`` and ``explanation`` left out."""
    lines = ["Own the product roadmap", "Keep the release on schedule", "Order lunch"]
    source = tmp_path / "in.txt"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert (
        main(["classify", "-i", str(source), "--format", "jsonl", "--explain", "-o", str(out)]) == 0
    )
    records = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert [record["line"] for record in records] == [1, 2, 3]
    assert [Verdict.from_dict(record) for record in records] == [classify(t) for t in lines]


def _record(**changes: object) -> dict[str, Any]:
    record = classify("Track the budget").to_dict()
    record.update(changes)
    return record


def _evidence(**changes: object) -> dict[str, Any]:
    record = classify("Track the budget").to_dict()
    record["evidence"][0].update(changes)
    return record


def _without(key: str) -> dict[str, Any]:
    record = classify("Track the budget").to_dict()
    del record[key]
    return record


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (_without("scores"), "verdict: missing scores"),
        (_record(lable="project"), "verdict: unknown field(s): lable (did you mean 'label'?)"),
        (_record(label="boss"), "unknown label 'boss'"),
        (_record(label=3), "label"),
        (_record(text=5), "text must be a str, got int"),
        (_record(scores=[0.1, 0.7, 0.1, 0.1]), "scores must map each label"),
        (_record(scores={"product": 1.0}), "scores must map each label"),
        (_record(confidence=1.5), "confidence out of range"),
        (_record(evidence="none"), "evidence must be a list, got str"),
        (_record(evidence=[7]), "evidence 0 must be a mapping, got int"),
        (_evidence(start=4), "evidence 0 matched 'Track the budget' but text[4:16]"),
        (_evidence(tags="statement"), "evidence 0 tags must be a tuple of str"),
        (_evidence(colour="red"), "evidence 0: unknown field(s): colour"),
        (_evidence(label="boss"), "unknown label 'boss'"),
    ],
)
def test_a_record_no_verdict_could_give_is_refused(data: dict[str, Any], message: str) -> None:
    """Each way a stored record can be wrong is an ArgumentError saying which part."""
    with pytest.raises(ArgumentError) as info:
        Verdict.from_dict(data)
    assert message in str(info.value)


@pytest.mark.parametrize("data", [None, "{}", [("text", "x")], 5])
def test_from_dict_wants_a_mapping(data: object) -> None:
    """Anything but a mapping is a TypeError naming its type."""
    with pytest.raises(TypeError, match=rf"expects a mapping, got {type(data).__name__}$"):
        Verdict.from_dict(data)  # type: ignore[arg-type]


@pytest.mark.parametrize("explain", ["no", 0, None, 1])
def test_to_dict_explain_must_be_a_bool(explain: object) -> None:
    """``explain="no"`` added the explanation it meant to leave out: any value was taken
    for its truth. A flag that is not a bool is a TypeError naming it, as
    ``spreadsheet_safe`` and the data-frame functions' ``explain`` are."""
    with pytest.raises(TypeError, match=rf"^explain must be a bool, got {type(explain).__name__}$"):
        classify("Own the roadmap").to_dict(explain=explain)  # type: ignore[arg-type]


@given(text=statements())
@example(text="Deliver the reporting module by Q3")
@example(text="Manage the project plan and track the tasks")
def test_a_reframe_as_data_is_what_the_command_line_writes(text: str) -> None:
    """``Reframe.to_dict`` holds the shift, question, rewrite and each evidence record as
    ``Verdict.to_dict`` gives it; ``rolelens reframe --format jsonl`` writes exactly those."""
    verdict = classify(text)
    items = reframe(text)
    records = {json.dumps(e, sort_keys=True) for e in verdict.to_dict()["evidence"]}
    for item in items:
        data = _via_json(item.to_dict())
        assert list(data) == ["shift", "question", "rewrite", "evidence"]
        assert (data["shift"], data["question"], data["rewrite"]) == (
            item.shift,
            item.question,
            item.rewrite,
        )
        assert len(data["evidence"]) == len(item.evidence)
        assert {json.dumps(e, sort_keys=True) for e in data["evidence"]} <= records


def test_reframe_jsonl_records_use_to_dict(capsys: pytest.CaptureFixture[str]) -> None:
    """The command line's reframes are ``Reframe.to_dict`` records, evidence labels included."""
    text = "Deliver the reporting module by Q3"
    assert main(["reframe", text, "--format", "jsonl"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["reframes"], "a project-framed statement gets a reframe"
    assert record["reframes"] == [_via_json(item.to_dict()) for item in reframe(text)]
    assert {"label", "dimension", "contribution"} <= set(record["reframes"][0]["evidence"][0])


@given(scenario=scenarios())
def test_a_scenario_comes_back_from_its_dict(scenario: Scenario) -> None:
    """``scenario_from_data`` reads ``Scenario.to_dict`` (through JSON) back to an equal
    scenario, and each decision's dict holds its fields with the question as its value."""
    assert scenario_from_data(_via_json(scenario.to_dict())) == scenario
    for decision in decide(scenario):
        data = _via_json(decision.to_dict())
        assert data == {
            "rule": decision.rule,
            "owner": decision.owner,
            "question": decision.question.value,
            "recommendation": decision.recommendation,
            "rationale": decision.rationale,
        }


def test_decide_json_is_made_of_the_dicts(capsys: pytest.CaptureFixture[str]) -> None:
    """``rolelens decide --format json`` prints ``Scenario.to_dict`` and ``Decision.to_dict``."""
    flags = ["--segment", "b2b", "--complexity", "high", "--approval", "pending"]
    assert main(["decide", *flags, "--deadline", "2027-01-31", "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    scenario = scenario_from_data(document["scenario"])
    assert document["scenario"] == _via_json(scenario.to_dict())
    assert document["scenario"]["feature"]["deadline"] == "2027-01-31"
    assert document["decisions"] == [_via_json(d.to_dict()) for d in decide(scenario)]


@given(text=statements() | hostile_text())
@example(text="Deliver the reporting module by Q3")
def test_a_reframe_comes_back_through_the_converter(text: str) -> None:
    """Every reframe of any statement survives the one converter, through JSON text too
    when the statement is valid Unicode (no lone surrogate)."""
    valid = not any("\ud800" <= char <= "\udfff" for char in text)
    for item in reframe(text):
        data = unstructure(item)
        assert converter.structure(data, Reframe) == item
        if valid:
            assert converter.structure(_via_json(data), Reframe) == item


@given(scenario=scenarios(), rule_set=rule_sets())
def test_decisions_come_back_through_the_converter(
    scenario: Scenario, rule_set: tuple[Rule, ...]
) -> None:
    """Every decision, of the built-in rules or of any valid rule set, survives the
    converter through JSON; so does the scenario's feature on its own."""
    feature = scenario.feature
    assert converter.structure(_via_json(unstructure(feature)), Feature) == feature
    for decision in (*decide(scenario), *decide(scenario, rules=rule_set)):
        assert converter.structure(_via_json(unstructure(decision)), Decision) == decision
