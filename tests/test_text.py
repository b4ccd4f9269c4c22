"""Tests for normalisation, tokenising and stemming (rolelens.text)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from rolelens.text import normalise_phrase, stem, tokenize
from tests.strategies import statements


def test_spelling_variants_share_a_stem() -> None:
    """British/American spellings and inflections fold to one key, so one cue matches all."""
    for group in (
        ("prioritise", "prioritize", "prioritizing", "prioritization", "prioritised"),
        ("organisation", "organization", "organizations"),
        ("analyse", "analyze", "analyzing"),
        ("budget", "budgets", "budgeting"),
        ("plan", "plans", "planned", "planning"),
    ):
        assert len({stem(word) for word in group}) == 1, group


def test_different_words_keep_different_stems() -> None:
    """Folding is not so aggressive that role-defining words collide."""
    assert stem("product") != stem("project")
    assert stem("management") != stem("manage")


def test_typographic_characters_are_normalised() -> None:
    """Curly quotes, dashes, bullets and full-width letters match their plain forms."""
    assert normalise_phrase("• Own the “roadmap” – now") == normalise_phrase("own the roadmap now")
    assert normalise_phrase("ＲＯＡＤＭＡＰ") == normalise_phrase("roadmap")
    assert normalise_phrase("résumé") == normalise_phrase("resume")


@given(statements())
def test_token_spans_slice_the_original_text(text: str) -> None:
    """Every token span points into the caller's text at a word made of letters or digits."""
    for _stem, start, end in tokenize(text):
        assert 0 <= start < end <= len(text)
        assert any(c.isalnum() for c in text[start:end])


@given(st.text(max_size=200))
def test_tokenize_is_total_and_ordered(text: str) -> None:
    """Any string tokenises; spans come in order (one character may expand to several tokens)."""
    previous_start = 0
    for _stem, start, _end in tokenize(text):
        assert start >= previous_start
        previous_start = start


@given(st.text(alphabet=st.characters(categories=("Ll", "Lu")), min_size=1, max_size=20))
def test_stem_is_deterministic_and_never_empty(word: str) -> None:
    """A word always gets the same, non-empty key."""
    lowered = word.lower()
    assert stem(lowered) == stem(lowered)
    assert stem(lowered)
