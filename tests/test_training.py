"""Tests for the shipped model's training script (training/build_model.py).

The script is not part of the package, but what it adds to the corpus decides
what the shipped model learns, so its helpers are tested like library code.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "training"))

import build_model

from tests.conftest import SHARED_DATA

LABEL_VALUES = st.sampled_from(build_model.LABEL_NAMES)
VERBS = st.sampled_from(["Track", "Interview", "Decide", "Chase", "Plan", "Own", "Run"])
WORDS = st.text(alphabet="abcdefghij ", min_size=1, max_size=30)


@st.composite
def corpus_rows(draw: st.DrawFn) -> list[tuple[str, str]]:
    """Distinct statements, some imperative ("Track the ..."), some not ("We ...")."""
    texts = draw(
        st.lists(
            st.one_of(
                st.builds(lambda v, w: f"{v} {w}", VERBS, WORDS),
                st.builds(lambda w: f"We {w}", WORDS),
            ),
            unique=True,
            max_size=60,
        )
    )
    return [(text, draw(LABEL_VALUES)) for text in texts]


def test_imperative_statements() -> None:
    assert build_model.imperative("Track the release plan")
    assert not build_model.imperative("We track the release plan")
    assert not build_model.imperative("The plan is tracked")
    assert not build_model.imperative("track the plan")  # no capital: not a sentence start


@given(corpus_rows())
def test_title_variants_keep_the_corpus_and_the_labels(rows: list[tuple[str, str]]) -> None:
    """The corpus comes first, unchanged; each variant is an imperative statement of the
    corpus with a title lead-in in front, its first letter lowered, and the same label."""
    out = build_model.with_title_variants(rows)
    assert out[: len(rows)] == rows
    originals = dict(rows)
    for text, label in out[len(rows) :]:
        rest = _without_lead_in(text)
        source = next(t for t in originals if t[0].lower() + t[1:] == rest)
        assert build_model.imperative(source)
        assert originals[source] == label
    assert len({text for text, _label in out}) == len(out)  # no duplicates


@given(corpus_rows(), st.data())
def test_title_variants_depend_only_on_each_statement(
    rows: list[tuple[str, str]], data: st.DataObject
) -> None:
    """A subset of the corpus gets exactly the variants of its own statements, so a
    held-out fold never sees a variant of a statement it holds out."""
    subset = [row for row in rows if data.draw(st.booleans())]
    part, expected = _variants_of_part(rows, subset)
    assert part == expected


def _variants_of_part(
    rows: list[tuple[str, str]], part: list[tuple[str, str]]
) -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
    """The variants ``part`` gets, and those of ``rows`` whose statement is in ``part``."""
    full = set(build_model.with_title_variants(rows)[len(rows) :])
    got = set(build_model.with_title_variants(part)[len(part) :])
    kept = {text[0].lower() + text[1:] for text, _label in part}
    return got, {(t, label) for t, label in full if _without_lead_in(t) in kept}


def _without_lead_in(text: str) -> str:
    lead = next(lead for lead in build_model.TITLE_LEAD_INS if text.startswith(lead))
    return text[len(lead) :]


def test_about_a_tenth_of_imperative_statements_get_a_variant() -> None:
    rows = [(f"Track item number {i} for the team", "project") for i in range(4000)]
    extra = len(build_model.with_title_variants(rows)) - len(rows)
    assert 0.08 * len(rows) < extra < 0.12 * len(rows)


def test_title_variants_of_a_fold_are_those_of_its_statements() -> None:
    """The same as the property above, on a corpus large enough to have hundreds of variants."""
    rows = [(f"Plan step {i} of the rollout", "project") for i in range(3000)]
    part, expected = _variants_of_part(rows, rows[::2])
    assert part
    assert part == expected


def test_lead_in_variants_keep_to_their_labels_and_draw_by_salt() -> None:
    """Only statements with one of ``labels`` get a variant, and a salt draws other
    statements (the title and purpose families of the benchmarks do not coincide)."""
    rows = [(f"Plan step {i} of the rollout", ("project", "other")[i % 2]) for i in range(2000)]
    leads = ("Work with the team to ",)
    sided = build_model.lead_in_variants(rows, leads, 0.5, labels=frozenset(["project"]))
    assert sided
    assert {label for _text, label in sided} == {"project"}
    plain = build_model.lead_in_variants(rows, leads, 0.5)
    salted = build_model.lead_in_variants(rows, leads, 0.5, salt=b"other:")
    assert set(sided) < set(plain)
    assert set(plain) != set(salted)
    assert all(text.startswith("Work with the team to plan step") for text, _label in plain)


def _five_word_runs(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"[a-z0-9]+", text.lower())
    return {tuple(words[i : i + 5]) for i in range(len(words) - 4)}


def test_no_training_statement_shares_five_words_in_a_row_with_the_measuring_data() -> None:
    """The corpus and the unfitted statements are written here; none may repeat a
    measuring statement's wording, even in part (the measuring data is for measuring)."""
    dev = SHARED_DATA / "dev.jsonl"
    if not dev.is_file():
        pytest.skip("the measuring data is not beside the repository")
    measured: set[tuple[str, ...]] = set()
    for line in dev.read_text("utf-8").splitlines():
        if line.strip():
            measured |= _five_word_runs(json.loads(line)["text"])
    assert len(measured) > 1000  # the file was read, not skipped over
    training = Path(build_model.__file__).resolve().parent
    files = sorted(training.glob("*/*.jsonl"))
    assert {p.parent.name for p in files} == {"corpus", "independent"}
    shared_runs = [
        f"{path.relative_to(training)}:{number}"
        for path in files
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1)
        if _five_word_runs(json.loads(line)["text"]) & measured
    ]
    assert shared_runs == []


@pytest.mark.parametrize(
    ("scores", "shift"),
    [
        ({0.0: 0.8941, -0.5: 0.8984, -0.75: 0.8989, -1.0: 0.8985}, -0.5),  # within 0.001
        ({0.0: 0.8941, -0.5: 0.8970, -0.75: 0.8989}, -0.75),  # 0.0019 behind: not taken
        ({0.0: 0.9000, -0.25: 0.9009}, 0.0),
        ({-1.0: 0.7, -2.0: 0.7}, -1.0),  # a tie goes to the shift nearer zero
    ],
)
def test_the_shared_shift_nearest_zero_within_the_tolerance_is_chosen(
    scores: dict[float, float], shift: float
) -> None:
    assert build_model.chosen_shift(scores) == shift
