"""Thread safety: one Classifier (and the posting and scenario functions) shared by 8 threads.

Every thread runs the same inputs, started together behind a barrier with
a tiny interpreter switch interval so threads interleave inside the calls;
each must get exactly what one thread gets. A fresh interpreter checks the
first use too, when the built-in lexicon, catalog and rules are loaded and
cached while 8 threads ask for them at once.
"""

from __future__ import annotations

import functools
import json
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from typing import TypeVar

import pytest

import rolelens
from rolelens import Classifier, Lexicon, Scenario, Verdict
from rolelens.scenarios import scenario_from_data
from tests.conftest import ROOT

T = TypeVar("T")
THREADS = 8

STATEMENTS: tuple[str, ...] = (
    "Define the product vision and roadmap based on customer research",
    "Track project milestones, budget and risks against the delivery plan",
    "Interview users to learn which problems matter most to them",
    "Prepare weekly status reports for the steering committee",
    "Decide which features the team builds next and which it drops",
    "Keep the Gantt chart and resource plan up to date",
    "Work with engineering, design and sales",
    "Bachelor's degree or equivalent experience",
    "Flexible hours and a generous learning budget",
    "Own pricing and positioning for the enterprise plan",
    "Manage change requests and vendor contracts",
    "Deliver the reporting module by Q3 on time and on budget",
    "",
    "\x00\u200b\u202e\ud800 roadmap\r\nbudget\u2028",
    "<ul><li>Own the backlog</li><li>Run the stand-ups</li></ul>",
)

POSTINGS: tuple[str, ...] = (
    "Senior Product Manager\n\nResponsibilities:\n"
    "- Own the product roadmap and vision\n- Talk to customers every week\n"
    "- Prioritise the backlog by value\n\nRequirements:\n- 5 years of experience\n",
    "<h1>Project Manager</h1><h2>What you will do</h2><ul><li>Plan schedules and milestones"
    "</li><li>Track the budget and risks</li><li>Report status to stakeholders</li></ul>",
    "## Duties\n* Coordinate releases across teams\n* Define success metrics for adoption\n",
    "",
)


def _scenarios() -> list[Scenario]:
    scenarios = []
    for segment in ("b2b", "b2c"):
        for approval in ("pending", "approved", "deferred", "declined"):
            for at_risk in (False, True):
                feature = {
                    "approval": approval,
                    "name": "Audit log export",
                    "requested_by": "customer",
                    "departments": ["sales", "support"],
                    "at_risk": at_risk,
                    "user_evidence": not at_risk,
                }
                scenarios.append(scenario_from_data({"segment": segment, "feature": feature}))
    return scenarios


@contextmanager
def _fast_switching() -> Iterator[None]:
    """Make the interpreter switch threads very often, so calls interleave."""
    previous = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        yield
    finally:
        sys.setswitchinterval(previous)


def _in_threads(work: Callable[[], T]) -> list[T]:
    """Run ``work`` in THREADS threads started together; return every thread's result."""
    barrier = threading.Barrier(THREADS)

    def start() -> T:
        barrier.wait()
        return work()

    with _fast_switching(), ThreadPoolExecutor(max_workers=THREADS) as pool:
        futures = [pool.submit(start) for _ in range(THREADS)]
        return [future.result(timeout=120) for future in futures]


def _classify_all(classifier: Classifier) -> list[Verdict]:
    return [classifier.classify(text) for text in STATEMENTS]


def _all_same(results: Sequence[T], expected: T) -> None:
    for index, result in enumerate(results):
        assert result == expected, f"thread {index} differs from the single-threaded result"


def test_shared_default_classifier() -> None:
    """8 threads classifying through one default Classifier get the single-thread verdicts."""
    classifier = rolelens.default_classifier()
    inputs = list(STATEMENTS) * 4
    expected = [classifier.classify(text) for text in inputs]
    _all_same(_in_threads(lambda: [classifier.classify(text) for text in inputs]), expected)


def test_shared_classifier_classify_many() -> None:
    """classify_many on one shared Classifier from 8 threads streams the same verdicts."""
    classifier = rolelens.default_classifier()
    inputs = list(STATEMENTS) * 4
    expected = list(classifier.classify_many(inputs))
    _all_same(_in_threads(lambda: list(classifier.classify_many(inputs))), expected)


def test_shared_fitted_and_reloaded_classifier() -> None:
    """A fitted classifier, and its JSON reload, are just as safe to share as the default."""
    labels = ("product", "project", "product", "project", "product", "project", "shared", "other")
    examples = list(zip(STATEMENTS, labels, strict=False))
    fitted = Classifier(Lexicon(())).fit(examples, min_count=1, epochs=4)
    reloaded = Classifier.from_json(fitted.to_json())
    for classifier in (fitted, reloaded):
        expected = [classifier.classify(text) for text in STATEMENTS]
        _all_same(_in_threads(functools.partial(_classify_all, classifier)), expected)


def test_analyze_posting_in_threads() -> None:
    """analyze_posting (splitting, classifying, profiling) gives every thread the same profile."""
    expected = [rolelens.analyze_posting(text) for text in POSTINGS]
    _all_same(_in_threads(lambda: [rolelens.analyze_posting(text) for text in POSTINGS]), expected)


def test_decide_in_threads() -> None:
    """decide over shared rules gives every thread the same decisions, with and without rules."""
    scenarios = _scenarios()
    rules = rolelens.default_rules()
    expected = [rolelens.decide(s) for s in scenarios]
    _all_same(_in_threads(lambda: [rolelens.decide(s) for s in scenarios]), expected)
    explicit = [rolelens.decide(s, rules=rules) for s in scenarios]
    _all_same(_in_threads(lambda: [rolelens.decide(s, rules=rules) for s in scenarios]), explicit)


def test_split_and_reframe_in_threads() -> None:
    """split_statements and reframe are pure: every thread gets the single-thread result."""

    def work() -> tuple[object, ...]:
        return (
            [rolelens.split_statements(text, include_headings=True) for text in POSTINGS],
            [rolelens.reframe(text) for text in STATEMENTS],
        )

    _all_same(_in_threads(work), work())


_COLD_START = """
import json, sys, threading
sys.setswitchinterval(1e-4)
import rolelens
from rolelens.scenarios import scenario_from_data

STATEMENTS = json.loads(sys.argv[1])
POSTING = sys.argv[2]
barrier = threading.Barrier(8)
results = [None] * 8

def scenario():
    return scenario_from_data({"segment": "b2b", "feature": {"approval": "pending"}})

def work(index):
    barrier.wait()
    results[index] = repr((
        [rolelens.classify(s) for s in STATEMENTS],
        rolelens.analyze_posting(POSTING),
        rolelens.decide(scenario()),
        rolelens.comparison(),
    ))

threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
for t in threads:
    t.start()
for t in threads:
    t.join()
single = repr((
    [rolelens.classify(s) for s in STATEMENTS],
    rolelens.analyze_posting(POSTING),
    rolelens.decide(scenario()),
    rolelens.comparison(),
))
print(json.dumps([r == single for r in results]))
"""


@pytest.mark.timeout(120)
def _fresh_python(code: str, *args: str) -> subprocess.CompletedProcess[str]:
    """``code`` run by a new interpreter in the project's root, which must succeed."""
    completed = subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    return completed


def test_first_use_from_8_threads_in_a_fresh_interpreter() -> None:
    """8 threads making the very first calls (lazy loading and caches) agree with one thread."""
    statements = [s for s in STATEMENTS if "\ud800" not in s]  # argv cannot carry surrogates
    completed = _fresh_python(_COLD_START, json.dumps(statements), POSTINGS[0])
    assert json.loads(completed.stdout) == [True] * THREADS


_LOADED_ONCE = """
import json, sys, threading
sys.setswitchinterval(1e-6)
from rolelens.catalog import default_catalog
from rolelens.lexicon import default_lexicon
from rolelens.scenarios import default_rules
seen = {}
for load in (default_lexicon, default_catalog, default_rules):
    barrier = threading.Barrier(8)
    got = []
    def first_call():
        barrier.wait()
        got.append(id(load()))
    threads = [threading.Thread(target=first_call) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seen[load.__name__] = len({*got, id(load())})
print(json.dumps(seen))
"""


@pytest.mark.timeout(120)
def test_the_built_in_data_is_loaded_once_whatever_the_threads() -> None:
    """default_lexicon(), default_catalog() and default_rules() say the data loads once
    and later calls return the same value. Under functools.cache, 8 threads making the
    first call together each loaded it (five or six loads of the lexicon) and got
    objects of their own; now every thread, and every later call, gets the one."""
    completed = _fresh_python(_LOADED_ONCE)
    assert json.loads(completed.stdout) == {
        "default_lexicon": 1,
        "default_catalog": 1,
        "default_rules": 1,
    }
