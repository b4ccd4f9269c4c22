"""The optional C matching pass gives exactly the verdicts of the Python reference.

``Classifier.classify`` runs the C pass (``rolelens._speedups``) on ASCII
statements when it was built; ``Classifier._match`` / ``_decide`` are the
pure-Python reference, which every other statement and every build without
a compiler uses. Scores must agree to the last bit, evidence item by item.

CI builds the extension and checks that it imports (``.ci/run``), so these
tests run there; they skip, saying so, only on a build without a C compiler.
"""

from __future__ import annotations

import html
import math
import re
import sys
import threading
from array import array
from typing import NamedTuple

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from rolelens import Classifier, Cue, Evidence, Label, Lexicon, Verdict, default_classifier
from rolelens._native import speedups
from rolelens.classifier import _VERDICT_SLOTS, _c_found
from rolelens.labels import LABELS
from rolelens.lexicon import default_lexicon
from rolelens.text import normalise
from tests.conftest import run_in_child
from tests.strategies import ROLE_WORDS, hostile_text, statements

pytestmark = pytest.mark.skipif(
    speedups is None,
    reason="the C pass is off: rolelens._speedups was not built, or ROLELENS_PURE_PYTHON is set",
)

_WORDS = st.sampled_from(
    [
        *ROLE_WORDS,
        "not",
        "no",
        "never",
        "without",
        "only",
        "but",
        "and",
        "&",
        "P&L",
        "You",
        "will",
        "We'll",
        "also",
        "the",
        "a",
        "to",
        "of",
        ",",
        ";",
        ".",
        "(",
        "n't",
        "t",
        "T",
        "don",
        "'",
        "non",
        "Non-",
        "cannot",
        "note",
        "Notes",
        "noted",
        "none",
        "nevers",
        "isn",
        "won",
        "`",
        "Own",
        "TRACK",
        "xxmix",
        "xxstart",
        "\x00",
        "\t",
        "\r\n",
        "_",
        "42",
        # A subject before a modal, and what makes words no subject.
        "The",
        "scrum master",
        "owner",
        "shall",
        "must",
        "be",
        "how",
        "or",
        # Collaboration with a stated purpose: lead verbs, links and "to".
        "work",
        "Collaborate",
        "partner",
        "with",
        "alongside",
        "to",
        "to",
        "engineering",
    ]
)
#: ASCII statements dense in cues, negations, stopwords and punctuation.
# Leading numbering and what is nearly numbering: the C pass's numbering_end must set
# aside exactly what rolelens.text._numbering_end does.
_NUMBERING = st.lists(
    st.sampled_from(
        (
            *("1.", "12)", "123.", "1234.", "b)", "B.", "(a)", "(iv)", "(abcde)", "(12)"),
            *("a1)", "-", "*", "(", ")", ".", " ", "\t", "\n", "x", "e.g.", "1.5"),
            *("o", "O", "o.", "o.k.", "oo", "iv.", "XII)", "ivxi.", "mix.", "vi", "&", "(&)"),
        )
    ),
    max_size=4,
)
# Inline HTML: the C pass's markup_end must set aside exactly what
# rolelens.text._MARKUP does, and read the rest as words.
_MARKUP = st.sampled_from(
    (
        *("<b>", "</b>", "<STRONG>", "</strong>", '<a href="x.html">', "</a>", "<br/>", "<br />"),
        *("<li class=x>", "<h2>", "<team name>", "<foo", "</", "<>", "<b", "b>", "<b<i>>", "<1>"),
        *("&amp;", "&AMP;", "&nbsp;", "&rsquo;", "&#8217;", "&#x2019;", "&#X41;", "&#x;", "&#;"),
        *("&#12345678;", "&#12a;", "&foo;", "&amp", "amp;", "&lt;b&gt;", "R&D;", ";", "#"),
    )
)
_ASCII = st.one_of(
    st.lists(_WORDS, max_size=40).map(" ".join),
    st.lists(st.one_of(_WORDS, _MARKUP), max_size=40).map(" ".join),
    st.lists(st.one_of(_WORDS, _MARKUP), max_size=40).map("".join),
    st.lists(_WORDS, max_size=40).map("".join),
    statements().filter(str.isascii),
    st.text(alphabet=st.characters(max_codepoint=127), max_size=80),
    hostile_text().filter(str.isascii),
    st.builds(lambda marks, text: " ".join(marks) + " " + text, _NUMBERING, statements()).filter(
        str.isascii
    ),
    st.builds("".join, _NUMBERING),
)


def reference(classifier: Classifier, text: str) -> Verdict:
    """The pure-Python path, whatever ``classify`` would pick."""
    return classifier._decide(text, *classifier._match(text))


def assert_same(got: Verdict, want: Verdict) -> None:
    # What posting analysis counts, read from the C pass's hits before the evidence
    # is built, then from the reference's Evidence tuples.
    assert got._dimension_cues() == want._dimension_cues()
    assert got.text == want.text  # the caller's text, also where it was normalised
    assert got.label == want.label
    assert got.scores == want.scores  # exactly: same order of sums, same exp()
    assert got.confidence == want.confidence
    assert got.evidence == want.evidence
    assert [type(e) for e in got.evidence] == [type(e) for e in want.evidence]


def _custom() -> Classifier:
    """A lexicon-only classifier with the shared rule on and a high evidence bar."""
    extra = [
        Cue("keep the lights on", {Label.PROJECT: 1.5}, dimension="core_focus"),
        Cue("talk to users", {Label.PRODUCT: 1.2, Label.SHARED: 0.3}),
    ]
    return Classifier(
        default_lexicon(), bias=(0.1, -0.2, -0.5, 0.4), min_evidence=0.9, shared_floor=0.2
    ).with_cues(extra)


_CUSTOM = _custom()


@settings(max_examples=400, deadline=None)
@given(_ASCII)
def test_c_pass_equals_the_reference_on_the_default_model(text: str) -> None:
    classifier = default_classifier()
    assert classifier._core is not None
    assert_same(classifier.classify(text), reference(classifier, text))


@settings(max_examples=200, deadline=None)
@given(_ASCII)
def test_c_pass_equals_the_reference_on_a_custom_classifier(text: str) -> None:
    assert_same(_CUSTOM.classify(text), reference(_CUSTOM, text))


def test_c_pass_sets_aside_every_markup_name_as_the_reference_does() -> None:
    """Each tag and entity name the reference knows, in either case, and names one
    letter off, which are words."""
    from rolelens.text import ENTITY_NAMES, TAG_NAMES

    classifier = default_classifier()
    pieces = [f"<{name}>x</{name.upper()}>" for name in TAG_NAMES]
    pieces += [f"<{name}x>y" for name in TAG_NAMES] + [f"<{name[:-1]}>" for name in TAG_NAMES]
    pieces += [f"&{name};x &{name.upper()};" for name in ENTITY_NAMES]
    pieces += [f"&{name}s;" for name in ENTITY_NAMES] + [f"&{name[1:]};" for name in ENTITY_NAMES]
    for piece in pieces:
        text = f"Own the {piece} roadmap"
        assert_same(classifier.classify(text), reference(classifier, text))
        assert_same(_CUSTOM.classify(text), reference(_CUSTOM, text))


def test_c_pass_weighs_a_purpose_as_the_reference_does() -> None:
    """A purpose of cues without a side: the C pass's sums of their weights pick the
    same collaborations as means as the reference's, negated cues left out."""
    lexicon = Lexicon(
        (
            Cue("work with", {Label.SHARED: 2.0}),
            Cue("decide bets", {Label.PRODUCT: 1.5, Label.OTHER: 0.4}),
            Cue("quarter", {Label.SHARED: 0.3, Label.PROJECT: 0.5}),
            Cue("book rooms", {Label.OTHER: 1.5, Label.PROJECT: 0.2}),
            Cue("ties", {Label.PRODUCT: 0.5, Label.OTHER: 0.5}),
        )
    )
    classifier = Classifier(lexicon)
    for text in (
        "Work with engineering to decide bets this quarter",
        "Work with engineering to book rooms",
        "Work with engineering to not decide bets",
        "Work with sales to ties",
        "Work with sales to book rooms, work with design to decide bets",
        "work with work with work with to decide bets to book rooms quarter",
    ):
        assert_same(classifier.classify(text), reference(classifier, text))


def test_c_pass_sets_aside_subjects_as_the_reference_does() -> None:
    classifier = default_classifier()
    for text in (
        "The scrum master will order the backlog",
        "Key duty: the product owner must track the budget",
        "The product owner will",
        "Product owners will be consulted on the budget",
        "Work out how we'll track the budget",
        "Not every scrum master will own the roadmap",
        "The scrum master will work with engineering to ship on time",
        "a b c d will own it",
        "a b c d e will own it",
        "Ability to track the budget",
        "Key duty: ability to own the roadmap",
        "ability to",
        "ability to be",
        "Strong experience in running user interviews",
        "Key duty: proven track record of tracking the budget",
        "Track experience of new users",
        "Strong proven solid deep experience in tracking budgets",
        "strong solid experience in",
        "experience in x",
        "track record of",
        "Skilled at the budget will own it",
        "Not strong experience in owning the roadmap",
        "Proven ability to track the budget",
        "A strong background in running discovery",
        "able to",
        "Able to: own the roadmap",
        "5+ years of strong experience in running discovery",
        "At least 3 years experience owning the roadmap",
        "Key duty: 10 yrs of track record of tracking the budget",
        "2 months experience",
        "several or more years of a b c experience in x",
        "5 years of",
        "Candidates should be able to own the roadmap",
        "Must be able to",
        "must be able to x",
        "Key duty: the scrum master will be able to track the budget",
        "a b c d e should be able to own it",
        "The role involves owning the roadmap",
        "Key duty: typical tasks also include tracking the budget",
        "the the the the the the includes x",
        "Include the budget",
        "The role involves",
    ):
        assert_same(classifier.classify(text), reference(classifier, text))
        assert_same(_CUSTOM.classify(text), reference(_CUSTOM, text))


def test_c_pass_on_written_statements() -> None:
    classifier = default_classifier()
    for text in (
        "Not responsible for budgets, but owns the product roadmap",
        "Coach the team on agile practices and keep the release on time and within budget",
        "Work with engineering to understand customer needs",
        "Work with engineering to ship on time",
        "Collaborate with design; to be clear, track the budget",
        "Partner closely with sales and finance to not miss the budget, and to own the roadmap",
        "Work with engineering, design and data to track milestones",
        "Team up with support to the roadmap",
        "Never miss a milestone; report status to the steering committee",
        "",
        "   ",
        "!!!",
        "roadmap",
        "no",
        "Talk to users. Keep the lights on.",
        "Key responsibility: track the budget",
        ": own the roadmap",
        "Duties: you will: track the budget",
        "Track the budget: weekly",
        "Key duty:",
        "1. Key duty: to will",
        "Work with design to own the roadmap",
        "Ability to chair the go/no-go meeting",
        "9:30 stand-up: track the budget",
        "https://example.com: own the roadmap",
        "Key duty:\u00a0track the budget",
        "Key duty:\ttrack the budget",
        "Own the T-Mobile product roadmap; don't track budgets",
        "At AT&T, don\u2019t own the product roadmap",
        "Can't t own it",
        "n't own the roadmap",
        "Lead non-technical product discovery",
        "Non-profit roadmap; no non budget",
        "non",
        "t roadmap",
        "We cannot own the roadmap",
        "Don\u00b4t own it; won`t track it; can t plan it; isn t, wouldn't",
        "t t n't n t",
        "Note the plan; notes: noting none, noted nevers without",
        "Budget: no. Own the product roadmap",
        "Not, own the roadmap",
        "non(work",
        "Non. track milestones",
        "No budget focus on product roadmap whilst you track it",
    ):
        got = classifier.classify(text)
        assert_same(got, reference(classifier, text))
        assert_same(_CUSTOM.classify(text), reference(_CUSTOM, text))


#: Statements with typographic and invisible characters whose normalised form is
#: ASCII (the C pass maps spans back through the offset map), and other scripts.
_UNICODE = st.one_of(
    st.lists(
        st.one_of(
            _WORDS,
            st.sampled_from(
                [
                    "\u2022",
                    "\u2014",
                    "don\u2019t",
                    "roadmap\u0301",
                    "product\u2028roadmap",
                    "product\r\n\troadmap",
                    "e\u0301\u200b\u0301",
                    "\u0301",
                    "AT\uff06T",
                    "\u201cquoted\u201d",
                    "\u200b",
                    "\ufeff",
                    "\uff0c",  # a full-width comma: NFKC makes it ",", the scope rule must not
                    "\u00ad",
                    "r\u00e9sum\u00e9",
                    "\ufb01nance",
                    "Stra\u00dfe",
                    "\u65e5\u672c",
                    "\u0301",
                ]
            ),
        ),
        max_size=40,
    ).map(" ".join),
    hostile_text(),
    statements(),
)


@settings(max_examples=300, deadline=None)
@given(_UNICODE)
def test_c_pass_equals_the_reference_on_unicode_text(text: str) -> None:
    classifier = default_classifier()
    assert_same(classifier.classify(text), reference(classifier, text))
    assert_same(_CUSTOM.classify(text), reference(_CUSTOM, text))


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(), _UNICODE, hostile_text()))
def test_c_normalise_equals_the_reference(text: str) -> None:
    from rolelens.text import _normalise_char, _normalise_reference, normalise

    if text.isascii():  # both take the same ASCII fast path; check the C pass anyway
        assert speedups.normalise(text, _normalise_char) == (text.lower(), None)
        return
    assert normalise(text) == _normalise_reference(text)


def test_c_normalise_rejects_bad_arguments() -> None:
    with pytest.raises(TypeError, match="normalise"):
        speedups.normalise(b"bytes", str.lower)
    with pytest.raises(TypeError, match="mapped_of"):
        speedups.normalise("caf\u00e9", lambda char: 1)
    with pytest.raises(ZeroDivisionError):  # an error in mapped_of comes through as is
        speedups.normalise("caf\u00e9", lambda char: 1 / 0)
    with pytest.raises(TypeError, match="known"):
        speedups.normalise("caf\u00e9", str.lower, ["not", "a", "dict"])


def test_c_normalise_reads_known_forms_before_asking() -> None:
    asked: list[str] = []

    def mapped_of(char: str) -> str:
        asked.append(char)
        return "?"

    known = {"\u00e9": "e", "\u00df": 1}  # a value that is not a str is asked again
    assert speedups.normalise("Caf\u00e9 \u00df", mapped_of, known) == ("cafe ?", None)
    assert asked == ["\u00df"]


def test_which_texts_the_c_pass_takes() -> None:
    classifier = default_classifier()
    core = classifier._core
    assert speedups.scan("Own the roadmap", core) is not None
    # Not ASCII: the caller normalises first and passes the original text along.
    assert speedups.scan("Own the roadmap \u2014 not the budget", core) is None
    assert classifier._scan("Own the roadmap \u2014 not the budget") is not None
    assert classifier._scan("\u65e5\u672c roadmap") is None  # another script: the reference
    for text in (
        "\u2022 Own the roadmap \u2014 not the budget\uff0c track milestones",
        "Not responsible for budgets\uff0c but owns the roadmap",
        "\ufeffNot\u200b responsible for the r\u00e9sum\u00e9 budget",
    ):
        assert classifier._scan(text) is not None
        assert_same(classifier.classify(text), reference(classifier, text))


def test_one_long_statement() -> None:
    """Thousands of tokens, with negations sprinkled in: the arrays grow, nothing breaks."""
    classifier = default_classifier()
    text = " ".join(
        ["Own the roadmap, not the budget; track milestones and interview customers."] * 400
    )
    assert_same(classifier.classify(text), reference(classifier, text))


def test_threads_share_one_c_context() -> None:
    classifier = default_classifier()
    texts = [f"Track the budget and milestone {k}, not the roadmap" for k in range(300)]
    want = [reference(classifier, t) for t in texts]
    results: list[list[Verdict]] = []

    def work() -> None:
        results.append([classifier.classify(t) for t in texts])

    threads = [threading.Thread(target=work) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 8
    for got in results:
        for a, b in zip(got, want, strict=True):
            assert_same(a, b)


def test_new_words_fill_the_stem_cache_through_python() -> None:
    """A word never seen before goes through rolelens.text.stem, cache and all."""
    from rolelens import text as text_module

    word = "zqxprioritizations"
    text_module._stem_cache.pop(word, None)
    verdict = default_classifier().classify(f"Own {word} for the roadmap")
    assert text_module._stem_cache[word] == text_module.stem(word)
    assert verdict.label == reference(default_classifier(), verdict.text).label


@given(statements())
@settings(max_examples=150, deadline=None)
def test_scan_hands_over_character_spans(text: str) -> None:
    """Each packed hit spans whole words of the text the C pass read, so the
    evidence is built without tokenising it again (often in another process)."""
    classifier = default_classifier()
    source = classifier._scan(text)
    if source is None:
        return
    flat = array("i", source[3])
    norm = text if text.isascii() else normalise(text)[0]
    spans = [(flat[k], flat[k + 1]) for k in range(0, len(flat), 4)]
    words = [(m.start(), m.end()) for m in re.finditer(r"[A-Za-z0-9]+", norm)]
    starts, ends = {a for a, _ in words}, {b for _, b in words}
    for start, end in spans:
        assert 0 <= start < end <= len(norm)
        assert start in starts
        assert end in ends


def packed(*numbers: int) -> bytes:
    """Hits packed as scan() packs them: (start, end, cue position, negated) each,
    native 32-bit ints."""
    return array("i", numbers).tobytes()


def test_bad_arguments_raise_instead_of_crashing() -> None:
    classifier = default_classifier()
    core = classifier._core
    with pytest.raises(TypeError):
        speedups.scan(b"bytes", core)
    with pytest.raises(ValueError, match="PyCapsule"):
        speedups.scan("text", object())
    assert speedups.evidence("two words", packed(4, 9, 0, 0), 0, core)[0].matched == "words"
    with pytest.raises(ValueError, match="scan"):  # a span past the text's end
        speedups.evidence("two words", packed(4, 10, 0, 0), 0, core)
    with pytest.raises(ValueError, match="scan"):  # a span before the start
        speedups.evidence("two words", packed(-1, 3, 0, 0), 0, core)
    with pytest.raises(ValueError, match="scan"):  # an empty span
        speedups.evidence("two words", packed(3, 3, 0, 0), 0, core)
    with pytest.raises(ValueError, match="scan"):  # a cue position outside the lexicon
        speedups.evidence("two words", packed(0, 3, 10**9, 0), 0, core)
    with pytest.raises(ValueError, match="scan"):  # not four numbers per hit
        speedups.evidence("two words", packed(0, 3, 0), 0, core)
    with pytest.raises(TypeError, match="evidence"):  # numbers, not packed
        speedups.evidence("two words", (0, 0, 0, 0), 0, core)
    with pytest.raises(TypeError, match="verdict"):
        speedups.verdict(b"bytes", core)
    with pytest.raises(TypeError, match="verdict"):
        speedups.verdict("text", core, "extra")
    assert speedups.verdict("caf\u00e9", core) is None  # not ASCII: the caller's part
    slots = tuple(Verdict.__dict__[name] for name in _VERDICT_SLOTS)
    with pytest.raises(ValueError, match="bound already"):  # a context binds one class
        speedups.bind_verdicts(core, Verdict, slots, None, len)
    with pytest.raises(TypeError, match="settable"):
        speedups.bind_verdicts(core, Verdict, (len,) * 5, None, len)
    with pytest.raises(TypeError):
        speedups.context()
    with pytest.raises(ValueError, match="offsets"):  # an offset map of the wrong size
        speedups.scan("own it", core, "own it!", [0, 1])
    flat = speedups.scan("own the roadmap", core)[3]
    assert flat
    with pytest.raises(ValueError, match="offsets"):  # offsets pointing past the text
        speedups.evidence("own the roadmap", flat, 0, core, "own", [99] * 15)
    with pytest.raises(TypeError, match="offsets"):
        speedups.scan("own it", core, "own it", "not a list")
    with pytest.raises(ValueError, match="scan"):
        speedups.dimension_cues(packed(0, 0, -1, 0), core)
    with pytest.raises(TypeError, match="dimension_cues"):
        speedups.dimension_cues((0, 0, 0, 0), core)
    with pytest.raises(TypeError, match="bound Verdict"):  # only a Verdict has the slots
        speedups.verdict_evidence(("text", "label", (), 0.0, ()))
    with pytest.raises(TypeError, match="member descriptor"):
        speedups.bind_evidence(Verdict, len, len, None, len)
    with pytest.raises(TypeError, match="bind_evidence"):
        speedups.bind_evidence(Verdict, None, None, None, None)


def test_evidence_is_read_by_the_c_getter_and_built_once() -> None:
    """``Verdict.evidence`` is the C getter, which builds the tuple on first read
    (in C for ASCII text, through the Python builder for other text, which it calls
    back), keeps it, and reads slots a user filled as they are."""
    assert Verdict.__dict__["evidence"].fget is speedups.verdict_evidence
    assert Verdict.__dict__["evidence"].__doc__
    classifier = default_classifier()
    for text in ("Own the roadmap, not the budget", "Own the roadmap \u2014 not the budget"):
        verdict = classifier.classify(text)
        first = verdict.evidence
        assert first == reference(classifier, text).evidence
        assert verdict.evidence is first
    given_whole = Verdict(text, Label.OTHER, (0.0, 0.0, 0.0, 1.0), 0.0, first)
    assert given_whole.evidence is first
    with pytest.raises(AttributeError):  # slots never filled, as with the Python getter
        Verdict.__new__(Verdict).evidence  # noqa: B018 - reading it is the point


def test_c_writers_read_the_evidence_slot_without_building_it() -> None:
    """The attribute ``_evidence`` is the built evidence (what ``attrs.evolve`` reads
    and passes on); the C pass's writers read the slot itself, so they still find the
    hits unbuilt and write from them, not from Evidence tuples built first. A verdict
    that is no Verdict goes to the fallback."""
    from types import SimpleNamespace

    from rolelens.classifier import _UNBUILT
    from rolelens.cli.classify import _tail_json
    from rolelens.posting_report import _pretty_parts
    from rolelens.statements import Statement

    verdict = default_classifier().classify("Own the roadmap and track the budget")
    statement = Statement("s", 0, 1, None, None, "sentence")

    def no_fallback(index: int, item: object) -> str:
        raise AssertionError("the C writer fell back to Python")

    written = speedups.statements_json(
        (SimpleNamespace(statement=statement, verdict=verdict),), 0, _pretty_parts, no_fallback
    )
    assert '"roadmap"' in written
    assert verdict._evidence_json(_tail_json) is not None
    assert verdict.explain().startswith(verdict.label.value)
    assert verdict._dimension_cues()
    assert verdict._found[0] is _UNBUILT
    assert verdict._evidence == verdict.evidence
    assert verdict._found is verdict.evidence
    stand_in = SimpleNamespace(text=verdict.text, _evidence=())
    assert (
        speedups.statements_json(
            (SimpleNamespace(statement=statement, verdict=stand_in),),
            0,
            _pretty_parts,
            lambda index, item: "fallback",
        )
        == "fallback"
    )


def test_word_cache_fills_past_its_limit_and_stays_right() -> None:
    """The C pass remembers each word's stem in a table it empties when full; the
    verdicts before, across and after that stay the reference's."""
    classifier = default_classifier()
    statement = "Own the product roadmap, not the budget, and interview customers"
    before = classifier.classify(statement)
    # More distinct words than the table holds (200,000), with cue words among them.
    filler = " ".join(f"zq{k}x" for k in range(210_000))
    long_text = f"{statement} {filler} track the delivery plan"
    assert_same(classifier.classify(long_text), reference(classifier, long_text))
    after = classifier.classify(statement)
    assert_same(after, before)
    assert_same(after, reference(classifier, statement))


def _unbuilt_and_built(classifier: Classifier, text: str) -> tuple[Verdict, Verdict]:
    """Two verdicts on ``text``: one whose evidence is still unbuilt (what the C pass
    reads), one whose evidence is built (what the Python code reads)."""
    unbuilt, built = classifier.classify(text), classifier.classify(text)
    built.evidence  # noqa: B018 - building it is the point
    return unbuilt, built


@settings(max_examples=300, deadline=None)
@given(st.one_of(_ASCII, _UNICODE), st.integers(min_value=1, max_value=6))
def test_c_explanations_equal_the_reference(text: str, limit: int) -> None:
    """explain() from the C pass's hits is the explanation of the built evidence."""
    for classifier in (default_classifier(), _CUSTOM):
        unbuilt, built = _unbuilt_and_built(classifier, text)
        assert unbuilt.explain(limit=limit) == built.explain(limit=limit)
        if _c_found(classifier.classify(text)) is not None:  # the C pass's own verdict:
            assert _c_found(unbuilt) is not None  # explained without building the evidence


@settings(max_examples=300, deadline=None)
@given(st.one_of(_ASCII, _UNICODE, hostile_text()))
# Every cue negated: no statement-level feature marks the whole text, so the
# negated spans must stay unmarked on their own.
@example("Not the budget")
@example("No budget, no milestones")
def test_c_report_pieces_equal_the_reference(text: str) -> None:
    """The posting report's highlighted statement and evidence array, written by the
    C pass from the hits, equal what the Python code writes from built evidence."""
    from rolelens.posting import _analyzed
    from rolelens.posting_report import (
        _evidence_json,
        _highlighted,
        _statement_json,
        _statement_row,
    )
    from rolelens.statements import Statement

    for classifier in (default_classifier(), _CUSTOM):
        unbuilt, built = _unbuilt_and_built(classifier, text)
        statement = Statement(
            text="A statement", start=0, end=11, kind="bullet", section="<b>&'\"</b>"
        )
        # Unchecked (as analyze_posting makes them): the verdict is of any text, so it
        # is for another text than the statement's, which AnalyzedStatement refuses.
        fast, slow = (_analyzed(statement, v) for v in (unbuilt, built))
        c_made = _c_found(unbuilt) is not None
        for driver in (False, True):
            assert _statement_row(3, fast, driver) == _statement_row(3, slow, driver)
        assert _statement_json(3, fast) == _statement_json(3, slow)
        assert "evidence" in _statement_json(3, fast)
        assert _evidence_json(built.evidence) in _statement_json(3, fast)
        assert (_c_found(unbuilt) is not None) == c_made  # the C pass wrote them: unbuilt
        assert _highlighted(fast) == _highlighted(slow)  # last: builds fast's evidence


@settings(max_examples=300, deadline=None)
@given(st.lists(st.floats(allow_nan=True, allow_infinity=True), max_size=6))
def test_rounded_reprs_are_pythons(values: list[float]) -> None:
    made = speedups.round_reprs(tuple(values), 4)
    if all(math.isfinite(x) for x in values):
        assert made == tuple(repr(round(x, 4)) for x in values)
    else:
        assert made is None  # left to the caller


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), hostile_text(), st.text(alphabet="<>&\"'a \u00e9")))
def test_html_escape_is_the_standard_librarys(text: str) -> None:
    assert speedups.html_escape(text) == html.escape(text, quote=True)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.one_of(_ASCII, _UNICODE), max_size=6), st.integers(0, 10**6))
def test_json_blocks_equal_statement_by_statement(texts: list[str], first: int) -> None:
    """A block of report statements written by the C pass (which calls back for
    verdicts it did not find, or whose evidence is built) equals the statements
    written one by one."""
    from rolelens.posting import _analyzed
    from rolelens.posting_report import _pretty_parts, _statement_json
    from rolelens.statements import Statement

    classifier = default_classifier()
    items = []
    for k, text in enumerate(texts):
        verdict = classifier.classify(text)
        if k % 3 == 2:
            verdict.evidence  # noqa: B018 - built: the C pass must call back
        statement = Statement(text=f"Statement {k}", start=k, end=k + 11, section=None)
        items.append(_analyzed(statement, verdict))  # unchecked: a verdict of any text
    block = tuple(items)
    want = ",\n".join(_statement_json(first + k, item) for k, item in enumerate(block))
    assert speedups.statements_json(block, first, _pretty_parts, _statement_json) == want


class _PlainItem(tuple):  # type: ignore[type-arg]
    """Laid out exactly as a tuple, like ``Evidence``: items are made directly."""

    __slots__ = ()


class _LooseItem(tuple):  # type: ignore[type-arg]
    """Has a ``__dict__``: items must be made by the type's own ``tp_alloc``."""


@pytest.mark.parametrize("item_type", [_PlainItem, _LooseItem])
def test_c_evidence_items_of_either_layout_match_the_usual_ones(
    monkeypatch: pytest.MonkeyPatch, item_type: type
) -> None:
    """The C pass makes evidence items of a tuple-laid-out type without tp_alloc and
    falls back to it for any other layout; both give the same values, untracked."""
    import gc

    captured: list[tuple[object, ...]] = []
    real = speedups.context

    def spy(*args: object) -> object:
        captured.append(args)
        return real(*args)

    monkeypatch.setattr(speedups, "context", spy)
    default = default_classifier()
    Classifier(default.lexicon, bias=default.bias, temperature=default.temperature)
    monkeypatch.undo()
    args = captured[-1]  # the default classifier may be compiled here too
    at = args.index(Evidence)
    core = real(*args[:at], item_type, *args[at + 1 :])
    text = "Own the roadmap, track the budget and coordinate the release plan"
    usual = speedups.scan(text, default._core)
    found = speedups.scan(text, core)
    assert found[:3] == usual[:3]
    best = usual[0]
    want = speedups.evidence(text, usual[3], best, default._core)
    got = speedups.evidence(text, found[3], best, core)
    assert len(got) == len(want) > 5
    assert all(type(item) is item_type for item in got)
    assert [tuple(item) for item in got] == [tuple(item) for item in want]
    assert not any(gc.is_tracked(item) for item in got)
    del got  # freed without error, whichever way each item was made


def test_c_verdicts_and_evidence_stay_out_of_the_cycle_collector() -> None:
    """Verdicts and Evidence the C pass makes are untracked, and refcounting frees them.

    Untracked: a program holding many verdicts does not make every garbage
    collection walk them. Freed: nothing they hold refers back to them, so
    dropping the last reference frees a verdict and its evidence at once,
    with the collector switched off (an untracked cycle would leak instead).
    """
    import gc
    import weakref

    classifier = default_classifier()
    texts = [f"Own the roadmap and track the budget for release {n}" for n in range(300)]
    verdict = classifier.classify(texts[0])
    evidence = verdict.evidence
    assert evidence
    assert not gc.is_tracked(verdict)
    assert not gc.is_tracked(evidence)
    assert not any(gc.is_tracked(item) for item in evidence)
    assert not gc.is_tracked(verdict.scores)

    was_enabled = gc.isenabled()
    gc.disable()
    try:
        kept = [classifier.classify(text) for text in texts]
        items = [v.evidence for v in kept]
        assert all(items)
        refs = [weakref.ref(v) for v in kept]
        baseline = sys.getrefcount(items[0])
        del kept
        assert all(ref() is None for ref in refs)  # freed by reference counting alone
        after = sys.getrefcount(items[0])  # outside the assert: pytest's rewrite adds one
        assert after == baseline - 1  # the verdict let go of it
    finally:
        if was_enabled:
            gc.enable()


class _Pair(NamedTuple):
    """A NamedTuple of our own, for the tests of ``tuple_dealloc``."""

    left: object
    right: object


def test_evidence_items_free_everything_they_hold_and_their_class() -> None:
    """Evidence frees as tuple does (the extension gives it tuple's dealloc): each
    item, made by the C pass or in Python, lets go of its values and its class."""

    matched, cue = "".join(["road", "map"]), "".join(["road", "maps"])  # fresh objects
    counts = sys.getrefcount(matched), sys.getrefcount(cue), sys.getrefcount(Evidence)
    items = [Evidence(0, 7, matched, cue, Label.PRODUCT, None, (), 1.5) for _ in range(500)]
    assert sys.getrefcount(Evidence) >= counts[2] + 500
    del items
    assert (sys.getrefcount(matched), sys.getrefcount(cue)) == counts[:2]
    assert sys.getrefcount(Evidence) == counts[2]

    text = "Own the roadmap and track the budget"
    classifier = default_classifier()
    verdicts = [classifier.classify(text) for _ in range(200)]
    made = [item for verdict in verdicts for item in verdict.evidence]
    assert made
    assert all(type(item) is Evidence for item in made)
    before = sys.getrefcount(Evidence)
    del verdicts, made
    assert sys.getrefcount(Evidence) < before


def test_tuple_dealloc_keeps_what_python_promises() -> None:
    """A class given tuple's dealloc still frees deep nests (the trashcan), and its
    subclasses still run their finalizers and clear their ``__dict__``."""

    speedups.tuple_dealloc(_Pair)
    nest: object = None
    for _ in range(300_000):  # deep enough to overflow the C stack without the trashcan
        nest = _Pair(nest, None)
    del nest

    finalized: list[int] = []

    class Loose(_Pair):
        def __del__(self) -> None:
            finalized.append(1)

    held = object()
    count = sys.getrefcount(held)
    item = Loose(held, 2)
    item.note = held  # type: ignore[attr-defined]
    del item  # freed by reference counting alone: the class has no cycle through it
    assert finalized == [1]

    class Late(NamedTuple):
        value: object

    speedups.tuple_dealloc(Late)
    Late.__del__ = lambda self: finalized.append(2)  # type: ignore[attr-defined]
    del finalized[:]
    Late(held)
    assert finalized == [2]
    assert sys.getrefcount(held) == count


def test_tuple_dealloc_refuses_classes_it_does_not_fit() -> None:
    class WithDict(tuple):  # type: ignore[type-arg]
        pass

    class Finalized(tuple):  # type: ignore[type-arg]
        __slots__ = ()

        def __del__(self) -> None:
            pass

    class Deeper(_Pair):  # laid out as a tuple, but not made from tuple itself
        __slots__ = ()

    for wrong in (WithDict, Finalized, Deeper, tuple, int, "Evidence"):
        with pytest.raises(TypeError, match="made directly from tuple"):
            speedups.tuple_dealloc(wrong)


def test_verdicts_with_equal_scores_share_the_tuple() -> None:
    """The C pass hands out the scores tuple it made last for the same four values
    (statements with the same cues): equal values, one tuple; others get their own."""
    classifier = default_classifier()
    a = classifier.classify("Own the roadmap")
    b = classifier.classify("- Own the roadmap!")
    c = classifier.classify("Track the budget")
    assert a.scores == b.scores
    assert a.scores is b.scores
    assert a.confidence is a.scores[LABELS.index(a.label)]
    assert c.scores != a.scores
    assert c.scores is not a.scores
    assert classifier.classify("").scores is classifier.classify("nothing here at all").scores


_TEXT_REPLACED_DURING_WRITE = """
from types import SimpleNamespace
from rolelens import default_classifier
from rolelens._native import speedups
from rolelens.posting_report import _pretty_parts, _statement_json
from rolelens.statements import Statement

classifier = default_classifier()
# The verdict holds the only reference to its text (a long one: its own mapping).
verdict = classifier.classify(" ".join(["own the roadmap and track the budget"] * 3000))
length = len(verdict.text)
item = SimpleNamespace(statement=Statement("s", 0, 1, None, None, "sentence"), verdict=verdict)
whole = speedups.statements_json((item,), 0, _pretty_parts, _statement_json)
pieces = []


def sink(piece):
    if not pieces:  # between two pieces of the verdict's JSON: a new text, the old freed
        verdict.__setstate__({"text": "y" * length})
        [bytes(range(256)) * 1000 for _ in range(50)]
    pieces.append(piece)


rest = speedups.statements_json((item,), 0, _pretty_parts, _statement_json, sink)
assert len(pieces) > 1, len(pieces)
assert "".join(pieces) + rest == whole
print("ok")
"""


def test_json_writer_keeps_the_verdict_text_while_a_sink_runs() -> None:
    """statements_json() streams a long statement's JSON to the sink while reading
    the verdict's text; it held the text only through the verdict, so a write()
    that set the verdict's slots (``__setstate__``) freed it under the writer:
    a crash. It now holds the text as it holds the hits."""
    done = run_in_child(_TEXT_REPLACED_DURING_WRITE)
    assert (done.returncode, done.stdout.strip()) == (0, "ok"), done.stderr[-2000:]


_OFFSETS_SHORTENED_DURING_WRITE = """
from rolelens import default_classifier
from rolelens._native import speedups
from rolelens.classifier import _c_found
from rolelens.posting_report import _pretty_parts

classifier = default_classifier()
text = " ".join(["Own the roadmap\u2026 and track the budget"] * 3000)
verdict = classifier.classify(text)
norm, flat, best, core, (original, offsets) = _c_found(verdict)
assert isinstance(offsets, list)


def sink(piece):
    offsets.clear()  # the offset map the writer reads between two pieces


try:
    speedups.statement_json_to(
        sink, norm, flat, best, core, _pretty_parts, 0, 0, len(text), "sentence", None,
        None, text, verdict.scores, verdict.confidence, original, offsets,
    )
except ValueError as exc:
    assert "offsets" in str(exc), exc
    print("ok")
"""


def test_offset_map_shortened_by_a_sink_raises_instead_of_crashing() -> None:
    """The writers read the offset map (a list the caller passes, checked once) after
    calling Python code; a sink that shortened it made them read past its end."""
    done = run_in_child(_OFFSETS_SHORTENED_DURING_WRITE)
    assert (done.returncode, done.stdout.strip()) == (0, "ok"), done.stderr[-2000:]


class _SaysAscii(str):
    __slots__ = ()

    def isascii(self) -> bool:
        return True


class _SaysNotAscii(str):
    __slots__ = ()

    def isascii(self) -> bool:
        return False


@pytest.mark.parametrize("kind", [_SaysAscii, _SaysNotAscii])
@pytest.mark.parametrize(
    "text", ["Own the roadmap", "Caf\u00e9 owner: own the roadmap", "\u7ba1\u7406 own the roadmap"]
)
def test_str_subclass_whose_isascii_is_wrong_still_gets_a_verdict(kind: type, text: str) -> None:
    """classify() picks the C pass by ``text.isascii()``; the C pass checks the
    characters themselves and returns None for text that is not ASCII, which
    classify() returned as the verdict. It now asks the reference then, as a build
    without the C pass does."""
    classifier = default_classifier()
    odd = kind(text)
    verdict = classifier.classify(odd)
    assert isinstance(verdict, Verdict)
    expected = reference(classifier, odd)
    assert (verdict.label, verdict.scores, verdict.confidence) == (
        expected.label,
        expected.scores,
        expected.confidence,
    )
    assert verdict.evidence == expected.evidence
