"""Never executed: type-checked by mypy to prove the public API reads well to a user."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from pathlib import Path

import rolelens
from rolelens import Classifier, Evidence, Label, Verdict


def classify_some(texts: list[str]) -> list[tuple[Label, float]]:
    verdicts: list[Verdict] = list(rolelens.classify_many(texts))
    return [(v.label, v.confidence) for v in verdicts]


def first_label(texts: Iterable[str]) -> Label | None:
    # The workers stop when the block is left, whatever jobs is.
    with contextlib.closing(rolelens.classify_many(texts, jobs=2)) as verdicts:
        first = next(verdicts, None)
    return None if first is None else first.label


def explain_one(text: str) -> str:
    verdict = rolelens.classify(text)
    spans: list[tuple[int, int]] = [e.span for e in verdict.evidence]
    first: Evidence | None = verdict.evidence[0] if verdict.evidence else None
    return f"{verdict.explain()} {spans} {first.cue if first else ''}"


def adapt(path: Path, examples: list[tuple[str, str]]) -> Classifier:
    model = rolelens.default_classifier().fit(examples, seed=1)
    rolelens.save(model, path)
    report = rolelens.evaluate(rolelens.load(path), examples)
    print(report.to_markdown(), report.macro_f1)
    return model


def adapt_from_json(path: Path) -> float:
    # A JSON array of [text, label] pairs, as json.load reads it: lists, not tuples.
    pairs: list[list[str]] = [["Own the roadmap", "product"], ["Track the budget", "project"]]
    model = rolelens.default_classifier().fit(pairs)
    return rolelens.evaluate(model, pairs).accuracy


def compare_and_decide() -> None:
    table = rolelens.comparison(roles=["product_manager"], dimensions=None)
    print(table, rolelens.json_schema()["$schema"])
    profile = rolelens.analyze_posting(
        "Responsibilities\n- Own the roadmap", title="Product Manager"
    )
    print(profile)
    for statement in rolelens.split_statements("- one\n- two"):
        print(statement.start, statement.end, statement.section)
    for reframe in rolelens.reframe("Deliver the reporting module by Q3"):
        print(reframe)


class CachedClassifier:
    """A stand-in of a user's own: evaluate, analyze_posting and reframe take it
    without a cast (they are typed with the SupportsClassify protocols)."""

    def __init__(self) -> None:
        self.cache: dict[str, Verdict] = {}

    def classify(self, text: str) -> Verdict:
        if text not in self.cache:
            self.cache[text] = rolelens.classify(text)
        return self.cache[text]

    def classify_many(self, texts: Iterable[str]) -> list[Verdict]:
        return [self.classify(text) for text in texts]


def use_a_stand_in(examples: list[tuple[str, str]]) -> None:
    mine = CachedClassifier()
    print(rolelens.evaluate(mine, examples).accuracy)
    print(rolelens.analyze_posting("- Own the roadmap", classifier=mine).title)
    print(rolelens.reframe("Deliver the module by Q3", classifier=mine))
