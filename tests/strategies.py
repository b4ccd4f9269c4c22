"""Hypothesis strategies for every rolelens model type, in one place.

Later test modules import from here; add new strategies in their own
section at the end of the file.
"""

from __future__ import annotations

import string
from typing import TypeVar

from hypothesis import strategies as st

from rolelens.comparisons import Comparison, comparison
from rolelens.examples import Example
from rolelens.labels import LABELS, Label
from rolelens.lexicon import Cue
from rolelens.model import (
    B2BContrast,
    Catalog,
    Dimension,
    Horizon,
    Level,
    MindsetShift,
    Overlap,
    Role,
    Trait,
)

# ---------------------------------------------------------------------------
# Section 1: the role model, catalogs and comparisons (model.py, comparisons.py)
# ---------------------------------------------------------------------------

#: Strings a hostile or careless catalog author might write; renderers must survive them.
HOSTILE_TEXTS: tuple[str, ...] = (
    "<script>alert('x')</script>",
    '"quoted", with comma',
    "pipe | in | cell",
    "ampersand & <b>bold</b> &amp; entity",
    "line one\nline two",
    "back\\slash `code` *star* _under_ [link](http://example.invalid)",
    "  padded  ",
    "naïve café — “quotes” – 日本語",
)

_ID_HEAD = string.ascii_lowercase
_ID_TAIL = string.ascii_lowercase + string.digits + "_"


def ids() -> st.SearchStrategy[str]:
    """Valid ids: a lowercase letter, then lowercase letters, digits or underscores."""
    return st.builds(
        lambda head, tail: head + tail,
        st.sampled_from(_ID_HEAD),
        st.text(alphabet=_ID_TAIL, max_size=12),
    )


def texts(*, max_size: int = 40) -> st.SearchStrategy[str]:
    """Non-blank text, printable Unicode or one of :data:`HOSTILE_TEXTS`."""
    plain = st.text(
        alphabet=st.characters(exclude_categories=("Cs", "Cc")), min_size=1, max_size=max_size
    ).filter(lambda s: s.strip() != "")
    return st.one_of(plain, st.sampled_from(HOSTILE_TEXTS))


def levels() -> st.SearchStrategy[Level]:
    """Any :class:`Level`."""
    return st.sampled_from(Level)


def horizons() -> st.SearchStrategy[Horizon]:
    """Any :class:`Horizon`."""
    return st.sampled_from(Horizon)


def labels() -> st.SearchStrategy[Label]:
    """Any of the four labels."""
    return st.sampled_from(LABELS)


def role_sides() -> st.SearchStrategy[Label]:
    """A label a role may carry: product or project."""
    return st.sampled_from((Label.PRODUCT, Label.PROJECT))


def roles(*, role_id: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[Role]:
    """Valid :class:`Role` values."""
    return st.builds(
        Role,
        id=role_id if role_id is not None else ids(),
        name=texts(),
        side=role_sides(),
        question=texts(),
        analogy=texts(),
        focus=texts(),
        titles=st.lists(texts(max_size=20), max_size=3).map(tuple),
    )


def dimensions(
    *, dimension_id: st.SearchStrategy[str] | None = None
) -> st.SearchStrategy[Dimension]:
    """Valid :class:`Dimension` values."""
    return st.builds(
        Dimension,
        id=dimension_id if dimension_id is not None else ids(),
        name=texts(),
        description=texts(),
    )


def traits(
    *,
    role_id: st.SearchStrategy[str] | None = None,
    dimension_id: st.SearchStrategy[str] | None = None,
) -> st.SearchStrategy[Trait]:
    """Valid :class:`Trait` values (optionally for given role and dimension ids)."""
    return st.builds(
        Trait,
        role=role_id if role_id is not None else ids(),
        dimension=dimension_id if dimension_id is not None else ids(),
        summary=texts(max_size=20),
        description=texts(),
        level=st.none() | levels(),
        horizon=st.none() | horizons(),
    )


def overlaps() -> st.SearchStrategy[Overlap]:
    """Valid :class:`Overlap` values."""
    return st.builds(Overlap, id=ids(), name=texts(), description=texts())


def mindset_shifts() -> st.SearchStrategy[MindsetShift]:
    """Valid :class:`MindsetShift` values."""
    return st.builds(
        MindsetShift,
        id=ids(),
        from_=texts(max_size=20),
        to=texts(max_size=20),
        question=texts(),
        description=texts(),
    )


def b2b_contrasts() -> st.SearchStrategy[B2BContrast]:
    """Valid :class:`B2BContrast` values."""
    return st.builds(B2BContrast, id=ids(), situation=texts(), product=texts(), project=texts())


_Identified = TypeVar("_Identified", Role, Dimension, Overlap, MindsetShift, B2BContrast)


def _unique_by_id(
    items: st.SearchStrategy[_Identified], *, min_size: int, max_size: int
) -> st.SearchStrategy[list[_Identified]]:
    return st.lists(items, min_size=min_size, max_size=max_size, unique_by=lambda x: x.id)


_ROLES = roles()
_DIMENSIONS = dimensions()
_OVERLAPS = overlaps()
_SHIFTS = mindset_shifts()
_B2B = b2b_contrasts()
_TRAIT_PARTS = st.tuples(texts(max_size=20), texts(), st.none() | levels(), st.none() | horizons())


@st.composite
def catalogs(draw: st.DrawFn, *, max_roles: int = 3, max_dimensions: int = 4) -> Catalog:
    """Valid, consistent :class:`Catalog` values: one trait per role and dimension."""
    role_list = draw(_unique_by_id(_ROLES, min_size=1, max_size=max_roles))
    dimension_list = draw(_unique_by_id(_DIMENSIONS, min_size=1, max_size=max_dimensions))
    trait_list = [
        Trait(role.id, dimension.id, *draw(_TRAIT_PARTS))
        for role in role_list
        for dimension in dimension_list
    ]
    trait_list = draw(st.permutations(trait_list))
    return Catalog(
        roles=role_list,
        dimensions=dimension_list,
        traits=trait_list,
        overlaps=draw(_unique_by_id(_OVERLAPS, min_size=0, max_size=3)),
        shifts=draw(_unique_by_id(_SHIFTS, min_size=0, max_size=3)),
        b2b=draw(_unique_by_id(_B2B, min_size=0, max_size=2)),
    )


@st.composite
def catalog_selections(
    draw: st.DrawFn,
) -> tuple[Catalog, list[str], list[str]]:
    """A catalog with a non-empty, ordered selection of its role and dimension ids."""
    catalog = draw(catalogs())
    role_ids = draw(
        st.lists(st.sampled_from([r.id for r in catalog.roles]), min_size=1, unique=True)
    )
    dimension_ids = draw(
        st.lists(st.sampled_from([d.id for d in catalog.dimensions]), min_size=1, unique=True)
    )
    return catalog, role_ids, dimension_ids


def comparisons() -> st.SearchStrategy[Comparison]:
    """Valid :class:`Comparison` values built from generated catalogs and selections."""
    return catalog_selections().map(lambda sel: comparison(sel[1], sel[2], catalog=sel[0]))


# ---------------------------------------------------------------------------
# Section: scenario rules and the mindset coach (scenarios.py, shifts.py)
# ---------------------------------------------------------------------------

import datetime as _dt  # noqa: E402 - kept with the section that uses it

from rolelens.errors import RuleError as _RuleError  # noqa: E402
from rolelens.scenarios import (  # noqa: E402
    FIELDS,
    Approval,
    Condition,
    Feature,
    FieldSpec,
    Question,
    Rating,
    Requester,
    Rule,
    Scenario,
    Segment,
    check_rules,
)

#: Names that rules and scenarios share often enough for conditions to hit them.
SCENARIO_NAMES: tuple[str, ...] = ("legal", "sales", "support", "security", "finance", "pilot")

_NAMES = st.sampled_from(SCENARIO_NAMES) | texts(max_size=12)
_DATES = st.dates(min_value=_dt.date(2020, 1, 1), max_value=_dt.date(2030, 12, 31))
#: The built-in catalog's roles; rules name their owner by role id.
OWNER_IDS: tuple[str, ...] = ("product_manager", "project_manager")


def features() -> st.SearchStrategy[Feature]:
    """Valid :class:`Feature` values over every field's whole range."""
    return st.builds(
        Feature,
        approval=st.sampled_from(Approval),
        name=texts(max_size=30),
        requested_by=st.none() | st.sampled_from(Requester),
        user_value=st.none() | st.sampled_from(Rating),
        enterprise_complexity=st.none() | st.sampled_from(Rating),
        departments=st.lists(_NAMES, max_size=4).map(tuple),
        deadline=st.none() | _DATES,
        at_risk=st.booleans(),
        user_evidence=st.booleans(),
    )


def scenarios() -> st.SearchStrategy[Scenario]:
    """Valid :class:`Scenario` values."""
    return st.builds(
        Scenario,
        segment=st.sampled_from(Segment),
        feature=features(),
        tags=st.lists(_NAMES, max_size=4).map(tuple),
    )


def _scalar_values(spec: FieldSpec) -> st.SearchStrategy[str | bool]:
    if spec.kind == "bool":
        return st.booleans()
    if spec.kind == "date":
        return _DATES.map(lambda day: day.isoformat())
    return st.sampled_from(spec.choices)


@st.composite
def conditions(draw: st.DrawFn) -> Condition:
    """Valid :class:`Condition` values: any field, an operator that suits it, a fitting value."""
    spec = draw(st.sampled_from(sorted(FIELDS.values(), key=lambda s: s.name)))
    operators = {
        "choice": ["eq", "ne", "in", "not_in"],
        "ordered": ["eq", "ne", "in", "not_in", "gt", "gte", "lt", "lte"],
        "bool": ["eq", "ne"],
        "date": ["eq", "ne", "gt", "gte", "lt", "lte"],
        "set": ["contains", "not_contains", "is_set"],
    }[spec.kind]
    if spec.optional:
        operators.append("is_set")
    operator = draw(st.sampled_from(operators))
    value: str | bool | tuple[str, ...]
    if operator == "is_set":
        value = draw(st.booleans())
    elif operator in ("in", "not_in"):
        value = tuple(draw(st.lists(st.sampled_from(spec.choices), min_size=1, max_size=3)))
    elif spec.kind == "set":
        value = draw(st.sampled_from(SCENARIO_NAMES))
    else:
        value = draw(_scalar_values(spec))
    return Condition(spec.name, operator, value)


_RULE_IDS = st.builds(
    lambda head, tail: head + tail,
    st.sampled_from(string.ascii_lowercase),
    st.text(alphabet=string.ascii_lowercase + string.digits + "-_", max_size=10),
)


@st.composite
def rules(draw: st.DrawFn, *, owner: str | None = None, question: Question | None = None) -> Rule:
    """Valid :class:`Rule` values (each may still be unsatisfiable or clash with others)."""
    when = tuple(draw(st.lists(conditions(), max_size=3)))
    return Rule(
        id=draw(_RULE_IDS),
        owner=owner if owner is not None else draw(st.sampled_from(OWNER_IDS)),
        question=question if question is not None else draw(st.sampled_from(Question)),
        recommendation=draw(texts()),
        rationale=draw(texts()),
        when=when,
        match=draw(st.sampled_from(("all", "any"))) if when else "all",
        priority=draw(st.integers(-5, 5)),
    )


def _passes_check(items: list[Rule]) -> bool:
    try:
        check_rules(items)
    except _RuleError:
        return False
    return True


def rule_sets(*, max_size: int = 5) -> st.SearchStrategy[tuple[Rule, ...]]:
    """Rule sets that :func:`~rolelens.scenarios.check_rules` accepts."""
    return (
        st.lists(rules(), min_size=1, max_size=max_size, unique_by=lambda r: r.id)
        .filter(_passes_check)
        .map(tuple)
    )


# ---------------------------------------------------------------------------
# Section: statements, cues and labeled examples (text.py, lexicon.py, classifier.py)
# ---------------------------------------------------------------------------

#: Words from both roles' vocabularies, so generated statements hit real cues.
ROLE_WORDS: tuple[str, ...] = (
    "own",
    "the",
    "product",
    "roadmap",
    "track",
    "progress",
    "budget",
    "deadline",
    "customer",
    "interviews",
    "risk",
    "register",
    "stakeholders",
    "cross-functional",
    "prioritise",
    "prioritization",
    "delivery",
    "plan",
    "not",
    "no",
    "never",
    "vision",
    "scope",
    "schedule",
    "users",
    "value",
    "on",
    "time",
    "degree",
    "years",
    "experience",
    "salary",
    "remote",
    "and",
    "with",
    "to",
    "for",
    "of",
    "milestones",
    "Gantt",
)


def statements() -> st.SearchStrategy[str]:
    """Statements: role vocabulary mixed with arbitrary Unicode, punctuation and controls."""
    words = st.lists(
        st.one_of(
            st.sampled_from(ROLE_WORDS),
            st.text(max_size=6),
            st.sampled_from(("-", "•", "1.", ",", ";", "’", "“", "\u200b", "\u0301", "é", "\n")),
        ),
        max_size=25,
    )
    return st.one_of(words.map(" ".join), st.text(max_size=80))


def cue_phrases() -> st.SearchStrategy[str]:
    """Phrases with at least one word, usable as a cue."""
    return st.lists(st.sampled_from(ROLE_WORDS), min_size=1, max_size=3).map(" ".join)


def cues() -> st.SearchStrategy[Cue]:
    """Any valid :class:`~rolelens.lexicon.Cue`."""
    weight = st.floats(min_value=-5, max_value=5, allow_nan=False)
    return st.builds(
        Cue,
        cue_phrases(),
        st.tuples(weight, weight, weight, weight),
        st.one_of(st.none(), st.sampled_from(("core_focus", "success_metrics"))),
        st.lists(st.sampled_from(("task", "timeline", "feature")), max_size=2).map(tuple),
    )


def examples(*, min_size: int = 2, max_size: int = 30) -> st.SearchStrategy[list[Example]]:
    """Small labeled sets with at least two different labels (and no empty statement,
    which fitting refuses)."""
    texts = statements().filter(str.strip)
    return st.lists(
        st.builds(Example, texts, labels()), min_size=min_size, max_size=max_size
    ).filter(lambda items: len({e.label for e in items}) >= 2)


# ---------------------------------------------------------------------------
# Section: job postings (statements.py, posting.py, posting_report.py)
# ---------------------------------------------------------------------------

#: Markup and text a hostile posting may carry; no report may show it unescaped.
HOSTILE_POSTING_FRAGMENTS: tuple[str, ...] = (
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "<a href=\"javascript:alert(1)\" onclick='alert(2)'>click</a>",
    "&lt;script&gt;alert(3)&lt;/script&gt;",
    "<svg onload=alert(4)>",
    "<iframe src=//evil.invalid></iframe>",
    '"><script>alert(5)</script>',
    "<<b>>nested<</b>>",
    "<style>body{display:none}</style>",
    "<!-- <script>alert(6)</script> -->",
    "&#60;script&#62;alert(7)&#60;/script&#62;",
)


def hostile_text(
    *, max_parts: int = 24, max_chunk: int = 6, max_controls: int = 4
) -> st.SearchStrategy[str]:
    """Strings spliced from hostile characters, markup fragments and arbitrary Unicode.

    ``max_chunk`` bounds each arbitrary-text piece, ``max_controls`` each run of
    surrogates, controls, format characters, combining marks and line separators.
    """
    part = st.one_of(
        st.sampled_from(HOSTILE_CHARS),
        st.sampled_from(FRAGMENTS),
        st.text(max_size=max_chunk),
        st.text(
            alphabet=st.characters(categories=["Cs", "Cc", "Cf", "Mn", "Zl", "Zp"]),
            max_size=max_controls,
        ),
    )
    return st.lists(part, max_size=max_parts).map("".join)


#: Letter-only words for postings whose every word can be traced back.
POSTING_WORDS: tuple[str, ...] = (
    "Define",
    "roadmap",
    "Track",
    "budget",
    "customers",
    "plan",
    "milestones",
    "research",
    "team",
    "Scope",
    "risks",
    "users",
    "vision",
    "delivery",
)
#: List markers without letters (lettered markers would hide letters on purpose).
POSTING_MARKERS: tuple[str, ...] = ("- ", "* ", "• ", "· ", "1. ", "2) ", "+ ", "● ", "– ")
_HEADINGS = (
    "Responsibilities",
    "What you'll do:",
    "## Requirements",
    "###Benefits",
    "**About us**",
)
_BREAKS = ("\n", "\r\n", "\r", "\n\n", "\n  ")
_TRICKY = (
    "\u200b",
    "\u202e",
    "\u0301",
    "\x00",
    "\x0b",
    "\x1c",
    "\x85",
    "\u2028",
    "\ud800",
    "\udfff",
    "\ufeff",
    "---\n",
    "+++\n",
    "# ",
    "**",
    "1. ",
    "a) ",
    "(iv) ",
    "e.g. ",
    ". ",
    "? ",
    ":",
    "\r",
    "\n",
    "\r\n",
    "<li>",
    "</p>",
    "<br>",
    "<script>",
    "&amp;",
    "&#x41;",
    "&",
    "<",
    ">",
)


def adversarial_texts(*, max_size: int = 40) -> st.SearchStrategy[str]:
    """Any string: control and format characters, lone surrogates, markup scraps, mixed newlines."""
    fragment = st.one_of(
        st.sampled_from(_TRICKY),
        st.sampled_from(HOSTILE_POSTING_FRAGMENTS),
        st.text(max_size=6),
        st.text(alphabet=st.characters(codec=None, categories=("Cs", "Cc", "Cf", "Mn", "Zs"))),
        st.sampled_from(POSTING_WORDS),
    )
    return st.lists(fragment, max_size=max_size).map("".join)


def posting_lines() -> st.SearchStrategy[str]:
    """One line of a plain-text posting: an optional marker, words, optional punctuation."""
    return st.builds(
        lambda marker, words, end: marker + " ".join(words) + end,
        st.sampled_from(("", "", *POSTING_MARKERS)),
        st.lists(st.sampled_from(POSTING_WORDS), min_size=1, max_size=8),
        st.sampled_from(("", ".", ". Then plan.", "!", "?", ":", ";", ",")),
    )


def posting_texts() -> st.SearchStrategy[str]:
    """Plain-text/Markdown postings: POSTING_WORDS, headings, blank lines, mixed CR/LF."""
    line = st.one_of(posting_lines(), st.sampled_from(_HEADINGS), st.just(""), st.just("---"))
    body = st.lists(st.tuples(line, st.sampled_from(_BREAKS)), max_size=25).map(
        lambda items: "".join(text + brk for text, brk in items)
    )
    front = st.sampled_from(("", "---\ntitle: Product Manager\n---\n", "+++\ntitle = 'x'\n+++\n"))
    return st.builds(lambda head, text: head + text, front, body)


def html_postings() -> st.SearchStrategy[str]:
    """HTML postings: nested lists, paragraphs, headings, chrome, entities and hostile markup."""
    leaf = st.one_of(
        st.lists(st.sampled_from(POSTING_WORDS), min_size=1, max_size=6).map(" ".join),
        st.sampled_from(HOSTILE_POSTING_FRAGMENTS),
        st.sampled_from(
            ("&amp;", "&nbsp;", "&#8212;", "&bogus;", "a < b", "x > y", "&nbsp", "&copyx", "AT&T")
        ),
    )
    tags = st.sampled_from(("p", "li", "ul", "div", "b", "h2", "span", "nav", "footer", "td", "ui"))

    def wrap(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
        return st.builds(
            lambda tag, inner, close: f"<{tag}>{''.join(inner)}" + (f"</{tag}>" if close else ""),
            tags,
            st.lists(children, max_size=4),
            st.booleans(),
        )

    return st.recursive(leaf, wrap, max_leaves=30)


def deeply_nested_html(depth: int) -> str:
    """``depth`` nested ``div``/``ul``/``li`` levels around a hostile core."""
    opened = "".join(("<div>", "<ul>", "<li>")[i % 3] for i in range(depth))
    return opened + "Track the budget <script>alert(1)</script> &amp; risks" + "</div>" * depth


# ---------------------------------------------------------------------------
# Section: scale-out and input records (parallel.py, records.py, cli/classify.py)
# ---------------------------------------------------------------------------


def statement_batches(*, min_size: int = 0, max_size: int = 40) -> st.SearchStrategy[list[str]]:
    """Lists of :func:`statements`, as a stream to classify in chunks."""
    return st.lists(statements(), min_size=min_size, max_size=max_size)


def file_texts(*, max_size: int = 40) -> st.SearchStrategy[str]:
    """Text that survives a UTF-8 file: any character but lone surrogates."""
    return st.text(alphabet=st.characters(codec="utf-8"), max_size=max_size)


def file_lines(*, max_size: int = 40) -> st.SearchStrategy[str]:
    """One line of a plain-text input file: :func:`file_texts` without ``\\n`` or ``\\r``."""
    return file_texts(max_size=max_size).map(lambda s: s.replace("\n", " ").replace("\r", " "))


# ---------------------------------------------------------------------------
# Section: hostile input, shared by tests/test_hostile.py and fuzz/fuzz_targets.py
# ---------------------------------------------------------------------------

#: Single characters that break naive text handling: marks, invisibles, bidi,
#: controls, lone surrogates, case-folding and NFKC oddities.
HOSTILE_CHARS: tuple[str, ...] = (
    "\u0301",
    "\u0308",
    "\u20dd",
    "\u0338",
    "\u200b",
    "\u200c",
    "\u200d",
    "\u2060",
    "\ufeff",
    "\xad",
    "\u202a",
    "\u202b",
    "\u202c",
    "\u202d",
    "\u202e",
    "\u2066",
    "\u2067",
    "\u2068",
    "\u2069",
    "\u200e",
    "\u200f",
    "\u061c",
    "\x00",
    "\x01",
    "\x07",
    "\x08",
    "\x0b",
    "\x0c",
    "\x1b",
    "\x1c",
    "\x7f",
    "\x9f",
    "\n",
    "\r",
    "\r\n",
    "\x85",
    "\u2028",
    "\u2029",
    "\ud800",
    "\udbff",
    "\udc80",
    "\udfff",
    "\u0130",
    "\xdf",
    "\u1e9e",
    "\ufb01",
    "\ufdfa",
    "\u216b",
    "\uff21",
    "\u2460",
    "\u339e",
    "\ufffd",
    "\uffff",
    "\U0010ffff",
    "\U0001f600",
    "\U0001f1fa\U0001f1f8",
    "\t",
    "\xa0",
    "\u3000",
)

#: Pieces of postings (headings, bullet markers, Markdown and HTML) to build hostile documents from.
FRAGMENTS: tuple[str, ...] = (
    "Own the product roadmap",
    "Track project milestones and budget",
    "roadmap",
    "budget",
    "by Q3",
    "customer",
    "Responsibilities:",
    "## Requirements",
    "**Benefits**",
    "- ",
    "* ",
    "\u2022 ",
    "1. ",
    "a) ",
    "(iv) ",
    "[ ] ",
    "> ",
    "# ",
    "---\n",
    "+++\n",
    "```",
    "|",
    "<ul>",
    "</ul>",
    "<li>",
    "</li>",
    "<p>",
    "</p>",
    "<br>",
    "<b>",
    "</b>",
    "<h2>",
    "</h2>",
    "<div>",
    "<table><tr><td>",
    "<script>alert(1)</script>",
    "<style>p{}</style>",
    "<!--",
    "-->",
    "<![CDATA[",
    "<",
    ">",
    "&",
    "&amp;",
    "&#0;",
    "&#xd800;",
    "&#99999999;",
    "&nosuchentity;",
    ". ",
    "e.g. ",
    "U.S. ",
    "not",
    "ABOUT US",
    "[x] ",
    "<br/>",
    "<h3>",
    "</h3>",
    "<div class='nav'>",
    "</div>",
    "<style>",
    "&nosuch;",
    '"',
    "'",
    "=",
    "[",
    "]",
    "{",
    "}",
    "\\",
)


# ---------------------------------------------------------------------------
# Section: spreadsheet formula injection (csv_line, comparisons.to_csv, classify --format csv)
# ---------------------------------------------------------------------------

#: What a spreadsheet may run as a formula when a cell starts with it (OWASP's list),
#: written out here rather than imported, so that the tests check the rule itself.
SPREADSHEET_TRIGGERS = "=+-@\t\r"

#: Cell openings: formulas and DDE calls, their look-alikes and text already marked.
_CELL_HEADS: tuple[str, ...] = (
    *SPREADSHEET_TRIGGERS,
    '=HYPERLINK("http://example.invalid","x")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A2)",
    "'",
    "'=1+1",
    '"=1"',
    "\uff1d",  # FULLWIDTH EQUALS SIGN, not a trigger
    "- ",
    "1",
)


def formula_texts(*, max_size: int = 20) -> st.SearchStrategy[str]:
    """Text that often starts, or starts after white space, with what a spreadsheet runs."""
    space = st.text(alphabet=" \t\r\n\x0b\x0c\xa0\u3000", max_size=3)
    rest = st.one_of(st.text(max_size=max_size), hostile_text(max_parts=4))
    built = st.builds(lambda a, b, c: a + b + c, space, st.sampled_from(_CELL_HEADS), rest)
    return st.one_of(built, st.text(max_size=max_size))


def _formula_text() -> st.SearchStrategy[str]:
    """A :func:`formula_texts` that a catalog takes: not blank."""
    return formula_texts().filter(lambda t: t.strip() != "")


def formula_comparisons() -> st.SearchStrategy[Comparison]:
    """One-cell comparisons whose every free text (role and dimension names, the trait's
    summary and description) is a :func:`formula_texts`."""

    def build(role_name: str, dimension_name: str, summary: str, description: str) -> Comparison:
        role = Role("a_role", role_name, Label.PRODUCT, "Why?", "A train.", "Value.")
        dimension = Dimension("a_dim", dimension_name, "What differs.")
        trait = Trait("a_role", "a_dim", summary, description, level=Level.HIGH)
        return comparison(catalog=Catalog([role], [dimension], [trait]))

    text = _formula_text()
    return st.builds(build, text, text, text, text)


def styled(text: str, capital_a: int, small_a: int) -> str:
    """``text`` with its ASCII letters in one of Unicode's styled alphabets."""
    return "".join(
        chr(capital_a + ord(ch) - 65)
        if "A" <= ch <= "Z"
        else chr(small_a + ord(ch) - 97)
        if "a" <= ch <= "z"
        else ch
        for ch in text
    )
