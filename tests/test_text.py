"""Tests for normalisation, tokenising and stemming (rolelens.text)."""

from __future__ import annotations

import unicodedata
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import rolelens.text as text_module
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
        # A plural of an "-ing" noun keys as its singular does.
        ("meet", "meeting", "meetings"),
        ("find", "finding", "findings"),
        ("brief", "briefing", "briefings"),
        ("offer", "offering", "offerings"),
    ):
        assert len({stem(word) for word in group}) == 1, group


def test_different_words_keep_different_stems() -> None:
    """Folding is not so aggressive that role-defining words collide."""
    assert stem("product") != stem("project")
    assert stem("management") != stem("manage")
    assert stem("program") != stem("product")
    assert stem("practice") != stem("practical")


@pytest.mark.parametrize(
    ("past", "verb"),
    [
        *[("led", "lead"), ("ran", "running"), ("built", "builds"), ("oversaw", "overseeing")],
        *[("written", "write"), ("undertook", "undertake"), ("sought", "seeking")],
    ],
)
def test_irregular_past_forms_share_their_verbs_stem(past: str, verb: str) -> None:
    """A resume line's "Led" keys as "lead" does, as "planned" keys as "plan"."""
    assert stem(past) == stem(verb)
    assert normalise_phrase(past.title() + " the review") == normalise_phrase(verb + " the review")


@pytest.mark.parametrize(
    ("form", "verb"),
    [
        *[("thought", "think"), ("paid", "pay"), ("driven", "drive"), ("done", "do")],
        *[("found", "find"), ("saw", "see"), ("left", "leave"), ("spoke", "speak")],
    ],
)
def test_past_forms_that_are_also_nouns_keep_their_own_stem(form: str, verb: str) -> None:
    """ "Thought leadership", "paid media", "data-driven", "definition of done",
    "hub and spoke": such forms are not read as their verb."""
    assert stem(form) != stem(verb)


def test_typographic_characters_are_normalised() -> None:
    """Curly quotes, dashes, bullets and full-width letters match their plain forms."""
    assert normalise_phrase("• Own the “roadmap” – now") == normalise_phrase("own the roadmap now")
    assert normalise_phrase("ＲＯＡＤＭＡＰ") == normalise_phrase("roadmap")
    assert normalise_phrase("résumé") == normalise_phrase("resume")


def test_an_ampersand_is_the_word_and() -> None:
    """ "&" is a word whose stem is that of "and", on its own or inside a word, so a cue
    written with either matches both: "plan & track" read as "plan track" had lost
    the word every "and" phrase and clause rule needs."""
    assert normalise_phrase("Plan & track") == normalise_phrase("plan and track")
    assert normalise_phrase("P&L") == normalise_phrase("p and l")
    assert normalise_phrase("profit ＆ loss") == normalise_phrase("profit and loss")  # full width
    assert [(start, end) for _stem, start, end in tokenize("R&D & QA")] == [
        (0, 1),
        (1, 2),
        (2, 3),
        (4, 5),
        (6, 8),
    ]
    assert text_module.boundaries("R&D & QA") == [0, 1, 1, 2, 2, 3, 4, 5, 6, 8]
    assert text_module.stems_of("a&&b") == ["a", "and", "and", "b"]


@given(
    st.lists(st.sampled_from(["plan", "track", "P", "L", "R", "D", "the", "budget"]), max_size=8)
)
def test_an_ampersand_reads_as_and(words: list[str]) -> None:
    """Joined by " & " or by " and ", the same words give the same stems."""
    assert text_module.stems_of(" & ".join(words)) == text_module.stems_of(" and ".join(words))


def test_the_modifier_letter_apostrophe_is_an_apostrophe() -> None:
    """U+02BC, the apostrophe some keyboards and editors type, is a letter to Unicode:
    left alone it glued "donʼt" into one word, so the negation went unseen."""
    assert normalise_phrase("Donʼt own the teamʼs roadmap") == normalise_phrase(
        "Don't own the team's roadmap"
    )
    assert [(s, a, b) for s, a, b in tokenize("donʼt")] == [("don", 0, 3), ("t", 4, 5)]


@given(statements())
def test_token_spans_slice_the_original_text(text: str) -> None:
    """Every token span points into the caller's text at a word made of letters or
    digits once normalised: a symbol such as "㈀" (NFKC "(ᄀ)") is the span of its letter."""
    for _stem, start, end in tokenize(text):
        assert 0 <= start < end <= len(text)
        word = unicodedata.normalize("NFKC", text[start:end])
        assert any(c.isalnum() for c in word) or "&" in word


def test_a_symbol_that_expands_to_a_letter_is_its_span() -> None:
    """The one character that NFKC turns into "(ᄀ)" is the whole span of that token."""
    assert [(start, end) for _stem, start, end in tokenize("plan ㈀ now")] == [
        (0, 4),
        (5, 6),
        (7, 10),
    ]


@given(st.text(max_size=200))
def test_tokenize_is_total_and_ordered(text: str) -> None:
    """Any string tokenises; spans come in order (one character may expand to several tokens)."""
    previous_start = 0
    for _stem, start, _end in tokenize(text):
        assert start >= previous_start
        previous_start = start


@given(st.text(alphabet=st.characters(categories=("Ll", "Lu")), min_size=1, max_size=20))
def test_stem_is_deterministic_and_never_empty(word: str) -> None:
    """A word always gets the same, non-empty key, whatever was stemmed before: with
    nothing cached, after words that begin or end like it, and from the shared cache."""
    lowered = word.lower()
    cache = text_module._stem_cache
    saved = dict(cache)
    cache.clear()
    try:
        fresh = stem(lowered)
        cache.clear()
        for other in (lowered[:-1], lowered[:2], lowered + "s", "x" + lowered, lowered[::-1]):
            stem(other)
        after_others = stem(lowered)
    finally:
        cache.clear()
        cache.update(saved)
    assert fresh
    assert after_others == fresh
    assert stem(lowered) == fresh


#: British spellings and their American forms, one word per ending that rolelens.text
#: folds (written here from the spellings, not copied from the stemmer's table).
_BRITISH_AMERICAN = (
    ("organisations", "organizations"),
    ("prioritisation", "prioritization"),
    ("prioritising", "prioritizing"),
    ("finalised", "finalized"),
    ("standardises", "standardizes"),
    ("monetise", "monetize"),
    ("analysing", "analyzing"),
    ("catalysed", "catalyzed"),
    ("paralyses", "paralyzes"),
    ("analyse", "analyze"),
    ("behaviours", "behaviors"),
    ("colour", "color"),
    ("centre", "center"),
    ("centres", "centers"),
    ("centred", "centered"),
    ("metres", "meters"),
    ("organisational", "organizational"),
    ("behavioural", "behavioral"),
    ("favourable", "favorable"),
    ("travelled", "traveled"),
    ("modelling", "modeling"),
    ("catalogue", "catalog"),
    # Whole-word variants that no ending rule meets, each with an inflection.
    ("programme", "program"),
    ("programmes", "programs"),
    ("licence", "license"),
    ("licences", "licenses"),
    ("defence", "defense"),
    ("offences", "offenses"),
    ("practise", "practice"),
    ("practising", "practicing"),
    ("judgement", "judgment"),
    ("acknowledgements", "acknowledgments"),
    ("enrol", "enroll"),
    ("enrolment", "enrollment"),
    ("fulfil", "fulfill"),
    ("fulfilment", "fulfillment"),
    ("artefacts", "artifacts"),
    ("focussed", "focused"),
    ("learnt", "learned"),
    ("enquiries", "inquiries"),
    ("skilful", "skillful"),
)


@pytest.mark.parametrize(("british", "american"), _BRITISH_AMERICAN)
def test_british_and_american_spellings_share_a_stem(british: str, american: str) -> None:
    """A British spelling stems as its American form, and so does its phrase in any
    case (the key a cue is stored under)."""
    key = stem(american)
    assert key
    assert stem(british) == key, (british, american)
    assert normalise_phrase(british.upper()) == normalise_phrase(american.title()) == key


def test_inline_html_markup_is_no_word() -> None:
    """Tags of HTML elements and entities carried in Markdown or pasted text give no
    token; the words around and between them keep their spans in the original."""
    text = "<strong>Interview</strong> customers &nbsp;every&#8217;s week"
    assert [text[start:end] for _stem, start, end in tokenize(text)] == [
        "Interview",
        "customers",
        "every",
        "s",
        "week",
    ]
    assert text_module.stems_of('<a href="https://example.org/x">Own</a> the <B>roadmap</B>') == [
        "own",
        "the",
        "roadmap",
    ]
    # The "&" of "&amp;" is the word "and", as a bare "&" is.
    assert text_module.stems_of("Plan &amp; track") == text_module.stems_of("plan and track")
    assert text_module.boundaries("P&amp;L") == [0, 1, 1, 2, 6, 7]


def test_text_that_only_looks_like_markup_stays_words() -> None:
    """A placeholder in angle brackets, an unknown entity name or an unfinished tag is
    read as words: only the names of ``TAG_NAMES`` and ``ENTITY_NAMES`` are markup."""
    assert text_module.stems_of("Own the <team name> roadmap") == [
        "own",
        "the",
        "team",
        stem("name"),
        "roadmap",
    ]
    assert text_module.stems_of("R&D; S&OP;") == ["r", "and", "d", "s", "and", "op"]
    assert text_module.stems_of("<b budget") == ["b", "budget"]
    assert text_module.stems_of("&#12345678; &#x;") == ["and", "12345678", "and", "x"]
    # A name that is not markup may hold markup that is: "&amp;" inside "<team ...>".
    assert text_module.stems_of("<team &amp; name>") == ["team", "and", stem("name")]


@given(
    st.lists(st.sampled_from(["Own", "the", "roadmap", "track", "budget", "P", "L"]), max_size=8),
    st.lists(
        st.sampled_from(
            sorted(f"<{name}>" for name in text_module.TAG_NAMES)
            + sorted(f"</{name.upper()}>" for name in text_module.TAG_NAMES)
            + sorted(f"&{name};" for name in text_module.ENTITY_NAMES - {"amp"})
            + ['<a href="x.html" title="a/b">', "<br/>", "<br />", "&#8217;", "&#X2019;"]
        ),
        max_size=8,
    ),
)
def test_markup_between_words_changes_no_stem(words: list[str], marks: list[str]) -> None:
    """Words with tags and entities between them give the stems of the words alone."""
    pieces = [
        piece
        for pair in zip(words, (marks + [" "] * len(words))[: len(words)], strict=True)
        for piece in pair
    ]
    assert text_module.stems_of(" ".join(pieces)) == text_module.stems_of(" ".join(words))


@pytest.mark.parametrize(
    "function",
    [
        text_module.normalise,
        text_module.tokenize,
        text_module.stems_of,
        text_module.boundaries,
        text_module.normalise_phrase,
        text_module.stem,
    ],
)
@pytest.mark.parametrize("value", [b"Own it", None, 3, ["own"]])
def test_text_functions_refuse_what_is_not_a_str(function: Any, value: object) -> None:
    """A TypeError naming the function and the type: normalise(b"Own") returned bytes,
    and the others raised an AttributeError naming no argument."""
    with pytest.raises(TypeError, match=rf"{function.__name__}\(\) expects a str, got "):
        function(value)


def test_a_word_span_keeps_the_accents_written_after_its_last_letter() -> None:
    """Decomposed text (NFD, as macOS and some PDFs give it) writes "café" as "cafe"
    and a combining accent: the word's span ended before the accent, so evidence
    showed "cafe" and a highlight cut the letter from its accent."""
    text = "Launch the cafe\u0301 menu, cafe\u0301\u0327"
    words = [text[start:end] for _, start, end in tokenize(text)]
    assert words == ["Launch", "the", "cafe\u0301", "menu", "cafe\u0301\u0327"]
    assert text_module.boundaries(text) == [
        x for _, start, end in tokenize(text) for x in (start, end)
    ]
    # Invisible format characters after a word stay outside it, as before.
    spaced = "cafe\u0301\u200b\u0301 x"
    assert [spaced[start:end] for _, start, end in tokenize(spaced)] == ["cafe\u0301", "x"]


@pytest.mark.parametrize(("start", "end"), [(5, 2), (4, 9), (3, 9), (0, 0), (-1, 3), (1, 3)])
def test_gap_text_slices_as_documented_past_the_end(start: int, end: int) -> None:
    """``gap_text`` is documented as ``text[start:end]``: a ``start`` past the end of
    the text gave an ``IndexError`` from looking for the "&" of "&amp;" before it,
    where the slice is empty."""
    assert text_module.gap_text("a&b", start, end) == "a&b"[start:end]
    assert text_module.gap_text("x &amp;y", 3, 8) == " y"
