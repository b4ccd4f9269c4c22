"""Render a :class:`~rolelens.posting.PostingProfile` as JSON, text, Markdown or HTML.

The JSON document is versioned (``"format": "rolelens.posting"``,
``"version": 1``) and deterministic: keys sorted, floats rounded to four
places, statements in document order. The HTML report needs nothing but a
browser: inline CSS, an inline SVG bar chart of the balance, no JavaScript,
no network. Every string that comes from the input (statement text,
headings, title, evidence) goes through ``html.escape(..., quote=True)``
before it reaches the page, and the page forbids scripts with a
Content-Security-Policy as a second line of defence. In the HTML and
Markdown reports a control character from the input (ESC, NUL, C1) is a
character reference (``&#x1B;``; in HTML a C1 control is ``&#xFFFD;``, since
HTML reads ``&#x80;``-``&#x9F;`` as Windows-1252 characters), as the text
report shows it as ``\\x1b``:
a report printed to a terminal sends it no escape sequence. A control that is
white space to Python but drawn by a browser (VT, FF, U+001C-U+001F, NEL), which the text
and Markdown reports show as a space, is a line break in the HTML report, where a
browser showed it as an empty box between two words. Text from the input takes
its own direction in the HTML report, so that Hebrew or Arabic reads right to
left in the left-to-right page: a statement's cell has ``dir="auto"`` (its
explanation stays left-to-right), and the title and the statements a mismatch
quotes are each in a ``<bdi>``.

Every report is valid Unicode, so it can be encoded as UTF-8 (written to a
file, sent as a web response) whatever string the posting was: a lone
surrogate in the input (``"\\ud800"``, which ``json.loads('"\\\\ud800"')``
gives and :func:`~rolelens.posting.analyze_posting` accepts) is written as
its escape, the six characters ``\\ud800``, as the command line writes it.
In the JSON document that is JSON's own escape, so it reads back as the same
character (two such escapes of a high and a low surrogate in a row read back
as one character, as JSON defines). :func:`posting_to_dict` keeps every text
as it is.
"""

from __future__ import annotations

import functools
import html
import io
import json
from collections.abc import Callable, Iterator
from typing import Any, TextIO

from rolelens._checks import must_be, must_have, shown_int, whole_number
from rolelens._collection import collection_paused
from rolelens._display import controls_as_html_references, encodable, markdown_inline, one_line
from rolelens._memo import remember
from rolelens._native import speedups
from rolelens.classifier import Evidence, Verdict, _c_found
from rolelens.errors import ArgumentError
from rolelens.labels import LABELS, Label
from rolelens.posting import AnalyzedStatement, Balance, PostingProfile, _mismatch_message
from rolelens.statements import Statement

__all__ = [
    "FORMATS",
    "MAX_INDENT",
    "POSTING_FORMAT",
    "POSTING_VERSION",
    "posting_to_dict",
    "posting_to_html",
    "posting_to_json",
    "posting_to_markdown",
    "posting_to_text",
    "render_posting",
    "write_posting",
]

#: The ``"format"`` of the JSON document of :func:`posting_to_json`.
POSTING_FORMAT = "rolelens.posting"
#: The ``"version"`` of that document; bumped whenever its shape changes.
POSTING_VERSION = 1
#: Output formats of :func:`render_posting`.
FORMATS: tuple[str, ...] = ("text", "json", "markdown", "html")

_COLOURS = {
    Label.PRODUCT: "#2563eb",
    Label.PROJECT: "#ea580c",
    Label.SHARED: "#7c3aed",
    Label.OTHER: "#9ca3af",
}


def _round(value: float) -> float:
    return round(value, 4)


def _balance_dict(balance: Balance) -> dict[str, Any]:
    return {
        "counts": {label.value: balance.counts[i] for i, label in enumerate(LABELS)},
        "weighted": {label.value: _round(balance.weights[i]) for i, label in enumerate(LABELS)},
        "total": balance.total,
    }


def _statement_dict(index: int, item: AnalyzedStatement) -> dict[str, Any]:
    statement, verdict = item.statement, item.verdict
    return {
        "index": index,
        "text": statement.text,
        "start": statement.start,
        "end": statement.end,
        "kind": statement.kind,
        "section": statement.section,
        "heading": statement.heading,
        "label": verdict.label.value,
        "confidence": _round(verdict.confidence),
        "scores": {label.value: _round(verdict.scores[i]) for i, label in enumerate(LABELS)},
        "explanation": verdict.explain(),
        "evidence": [
            {
                "start": ev.start,
                "end": ev.end,
                "matched": ev.matched,
                "cue": ev.cue,
                "label": ev.label.value,
                "dimension": ev.dimension,
                "tags": list(ev.tags),
                "contribution": _round(ev.contribution),
            }
            for ev in verdict.evidence
        ],
    }


def posting_to_dict(profile: PostingProfile, *, statements: bool = True) -> dict[str, Any]:
    """Plain data for ``profile`` (the JSON document, before encoding).

    ``statements=False`` leaves out the ``"statements"`` list (the bulk of a
    long posting's document); a ``statements`` that is not a bool raises
    ``TypeError``.
    """
    must_be(profile, PostingProfile, "profile")
    must_be(statements, bool, "statements")  # "no" is true: it kept what it meant to drop
    mismatch = profile.mismatch
    return {
        "format": POSTING_FORMAT,
        "version": POSTING_VERSION,
        "title": profile.title,
        "title_source": profile.title_source,
        "title_side": None if profile.title_side is None else profile.title_side.value,
        "summary": profile.summary,
        "scope": profile.scope,
        "lean": None if profile.lean is None else profile.lean.value,
        "lean_share": _round(profile.lean_share),
        "balance": {
            "responsibilities": _balance_dict(profile.responsibilities),
            "rest": _balance_dict(profile.rest),
            "overall": _balance_dict(profile.overall),
        },
        "coverage": [
            {
                "dimension": c.dimension,
                "name": c.name,
                "statements": c.statements,
                "evidence": c.evidence,
                "by_label": {label.value: c.by_label[i] for i, label in enumerate(LABELS)},
            }
            for c in profile.coverage
        ],
        "mismatch": None
        if mismatch is None
        else {
            "title": mismatch.title,
            "title_side": mismatch.title_side.value,
            "content_side": mismatch.content_side.value,
            "share": _round(mismatch.share),
            "scope": mismatch.scope,
            "drivers": list(mismatch.drivers),
            "message": mismatch.message,
        },
    } | (
        {"statements": [_statement_dict(i, s) for i, s in enumerate(profile.statements)]}
        if statements
        else {}
    )


#: The widest ``indent`` :func:`posting_to_json` takes: spaces per level past it are
#: no layout anyone reads, and ``indent=2**31`` asked for gigabytes of spaces.
MAX_INDENT = 64


def posting_to_json(profile: PostingProfile, *, indent: int | None = 2) -> str:
    """The versioned, deterministic JSON document for ``profile``.

    ``indent`` is the number of spaces per level (2 by default, which is what
    the command line writes; 0 puts each value on its own line, unindented),
    or ``None`` for the whole document on one line. A negative ``indent``, or
    one over :data:`MAX_INDENT`, raises :class:`~rolelens.errors.ArgumentError`;
    one that is not an int
    (``"2"``, which :func:`json.dumps` would take as the indent *text*, or
    ``2.0``, ``True``), ``TypeError`` naming its type.
    """
    must_be(profile, PostingProfile, "profile")
    if indent is not None:
        indent = whole_number(indent, "indent")
        if indent < 0:
            raise ArgumentError(f"indent must be 0 or more, or None, got {shown_int(indent)}")
        if indent > MAX_INDENT:
            # json.dumps raised OverflowError past a machine int, and below that wrote
            # every line's indent whole: 2**31 spaces a level ran out of memory.
            raise ArgumentError(f"indent must be at most {MAX_INDENT}, got {shown_int(indent)}")
    if indent == 2:
        return "".join(map(encodable, _json_pieces(profile)))
    return encodable(
        json.dumps(posting_to_dict(profile), indent=indent, sort_keys=True, ensure_ascii=False)
    )


# json.dumps(indent=2) runs the pure-Python encoder, some 60 us per statement and a
# string piece per token: a 10 MB posting took minutes and gigabytes. Statements
# are written directly instead, byte for byte as json.dumps(indent=2,
# sort_keys=True, ensure_ascii=False) writes them (tests compare the two).
_STR = json.encoder.encode_basestring  # the C string encoder behind ensure_ascii=False
_FLOAT = float.__repr__  # how json writes a finite float
#: Statements from which rendering pauses the garbage collector.
_PAUSE_FROM_STATEMENTS = 20_000
_STATEMENTS_KEY = '\n  "statements": []'  # the top-level key; nested ones sit deeper


def _json_pieces(
    profile: PostingProfile, write: Callable[[str], object] | None = None
) -> Iterator[str]:
    """The JSON document (``indent=2``) in pieces: the rest, then the statements a block
    at a time. With ``write`` (the stream's, taking pieces of any length: see
    :func:`_in_slices`), a block of enormous statements also goes to ``write`` a
    megabyte or more at a time while it is made, between the pieces this yields,
    which the caller must write as they come: one 30 MB statement of cues makes
    gigabytes of JSON, never held whole then."""
    document = posting_to_dict(profile, statements=False)
    document["statements"] = []
    head = json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False)
    if not profile.statements:
        yield head
        return
    before, after = head.split(_STATEMENTS_KEY)
    yield before + '\n  "statements": [\n'
    statements = profile.statements
    # A piece per _PIECE statements: fewer, larger writes, and one C call per block.
    fallback = _statement_json if write is None else functools.partial(_statement_json, sink=write)
    for first in range(0, len(statements), _PIECE):
        block = statements[first : first + _PIECE]
        if speedups is not None:  # the C pass writes the block, calling back where it must
            if write is None:
                text: str = speedups.statements_json(block, first, _pretty_parts, fallback)
            else:
                text = speedups.statements_json(block, first, _pretty_parts, fallback, write)
        else:
            text = ",\n".join(map(_statement_json, range(first, first + len(block)), block))
        # Yielded apart, not added: that would copy a block of enormous statements whole.
        yield text
        yield ",\n" if first + _PIECE < len(statements) else "\n"
    yield "  ]" + after


#: Characters per write of a long piece (see _in_slices).
_SLICE = 1 << 20


def _in_slices(write: Callable[[str], object]) -> Callable[[str], None]:
    """``write`` for pieces of any length, a long one passed on a slice at a time: a
    text stream encodes what it is given whole, a second copy of a piece that may
    be gigabytes long."""

    def sliced(piece: str) -> None:
        if len(piece) <= _SLICE:
            write(piece)
            return
        for at in range(0, len(piece), _SLICE):
            write(piece[at : at + _SLICE])

    return sliced


_PIECE = 256


def _rounded(values: tuple[float, ...]) -> tuple[str, ...]:
    """``repr(round(x, 4))`` for each value: in C where it can (round() and repr()
    were a third of a statement's time)."""
    if speedups is not None:
        made: tuple[str, ...] | None = speedups.round_reprs(values, 4)
        if made is not None:
            return made
    return tuple([_FLOAT(round(x, 4)) for x in values])


def _statement_json(
    index: int, item: AnalyzedStatement, sink: Callable[[str], object] | None = None
) -> str:
    """``_statement_dict(index, item)`` as json.dumps(indent=2) writes it two levels deep.

    With ``sink``, the C pass may write the beginning of it there (see
    :func:`_json_pieces`) and return the rest."""
    statement, verdict = item.statement, item.verdict
    section, heading = statement.section, statement.heading
    c_found = _c_found(verdict)
    if c_found is not None:  # written whole by the C pass, without building the evidence
        norm, flat, best, core, rest = c_found
        fields = (
            norm, flat, best, core, _pretty_parts, index, statement.start, statement.end,
            statement.kind, section, heading, statement.text, verdict.scores,
            verdict.confidence, *rest,
        )  # fmt: skip
        made: str | None = (
            speedups.statement_json(*fields)
            if sink is None
            else speedups.statement_json_to(sink, *fields)
        )
        if made is not None:
            return made
    p, q, r, o, confidence = _rounded((*verdict.scores, verdict.confidence))
    explanation = verdict.explain()  # before the evidence is built: made without it
    evidence_json = _evidence_json(verdict.evidence)
    return (
        f'    {{\n      "confidence": {confidence},\n'
        f'      "end": {statement.end},\n'
        f'      "evidence": {evidence_json},\n'
        f'      "explanation": {_STR(explanation)},\n'
        f'      "heading": {"null" if heading is None else _STR(heading)},\n'
        f'      "index": {index},\n'
        f'      "kind": {_STR(statement.kind)},\n'
        f'      "label": "{verdict.label.value}",\n'
        f'      "scores": {{\n        "other": {o},\n        "product": {p},\n'
        f'        "project": {q},\n        "shared": {r}\n      }},\n'
        f'      "section": {"null" if section is None else _STR(section)},\n'
        f'      "start": {statement.start},\n'
        f'      "text": {_STR(statement.text)}\n'
        "    }"
    )


def _evidence_json(evidence: tuple[Evidence, ...]) -> str:
    """The ``"evidence"`` array of a statement, as json.dumps(indent=2) writes it."""
    if not evidence:
        return "[]"
    parts = _EVIDENCE_PARTS
    items = []
    for e in evidence:
        key = e[3:]  # cue, label, dimension, tags, contribution: shared by many items
        fixed = parts.get(key)
        if fixed is None:
            fixed = remember(parts, key, _evidence_parts(*key), _EVIDENCE_PARTS_LIMIT)
        items.append(
            f'{fixed[0]}{e.end}{fixed[1]}{_STR(e.matched)},\n          "start": {e.start}{fixed[2]}'
        )
    return "[\n" + ",\n".join(items) + "\n      ]"


# The constant pieces of an evidence object, around its end, matched text and start.
_EVIDENCE_PARTS: dict[tuple[Any, ...], tuple[str, str, str]] = {}
_EVIDENCE_PARTS_LIMIT = 100_000


def _evidence_parts(
    cue: str, label: Label, dimension: str | None, tags: tuple[str, ...], contribution: float
) -> tuple[str, str, str]:
    return (
        f'        {{\n          "contribution": {_FLOAT(round(contribution, 4))},\n'
        f'          "cue": {_STR(cue)},\n'
        f'          "dimension": {"null" if dimension is None else _STR(dimension)},\n'
        '          "end": ',
        f',\n          "label": "{label.value}",\n          "matched": ',
        f',\n          "tags": {_tags_json(tags)}\n        }}',
    )


def _pretty_parts(tail: tuple[Any, ...], label: Label) -> tuple[str, str, str]:
    """``_evidence_parts`` of a compiled cue's evidence tail (for the C pass, which
    keeps what this returns per cue: one function, always this one)."""
    return _evidence_parts(tail[0], label, tail[2], tail[3], tail[4])


def _tags_json(tags: tuple[str, ...]) -> str:
    if not tags:
        return "[]"
    inner = ",\n".join(f"            {_STR(tag)}" for tag in tags)
    return f"[\n{inner}\n          ]"


# --- text and Markdown ---------------------------------------------------------------------


def _percents(balance: Balance) -> tuple[int, ...]:
    """Each label's share of ``balance`` in whole percents that add up to 100 (0 each
    when it is empty): rounded down, then the points left go to the largest remainders,
    the first label first among equal ones. Rounded each on its own, 1, 1 and 5 of 7
    read 14%, 14% and 71%."""
    total = balance.total
    if not total:
        return (0,) * len(LABELS)
    parts = [divmod(100 * count, total) for count in balance.counts]
    percents = [whole for whole, _ in parts]
    by_remainder = sorted(range(len(parts)), key=lambda i: -parts[i][1])
    for i in by_remainder[: 100 - sum(percents)]:
        percents[i] += 1
    return tuple(percents)


def _percent_line(balance: Balance) -> str:
    if not balance.total:
        return "no statements"
    percents = _percents(balance)
    return ", ".join(
        f"{label.value} {balance.count(label)} ({percents[i]}%)" for i, label in enumerate(LABELS)
    )


def posting_to_text(profile: PostingProfile) -> str:
    """A short plain-text report for a terminal."""
    must_be(profile, PostingProfile, "profile")
    return "".join(map(encodable, _text_pieces(profile)))


def _text_pieces(profile: PostingProfile) -> Iterator[str]:
    """The text report in pieces: the head, then the statements' lines a block at a time."""
    lines = [one_line(profile.summary)]
    if profile.title:
        side = profile.title_side.value if profile.title_side else "unknown"
        lines.append(f"title: {one_line(profile.title)} (side: {side})")
    lines.append(f"responsibilities: {_percent_line(profile.responsibilities)}")
    lines.append(f"rest: {_percent_line(profile.rest)}")
    if profile.mismatch is not None:
        lines.append(f"mismatch: {one_line(profile.mismatch.message)}")
    lines.append("")
    yield "\n".join(lines) + "\n"
    yield from _row_pieces(profile, _text_row)


def _text_row(i: int, statement: Statement, verdict: Verdict) -> str:
    # Fields read directly (not through properties or Label.value): a long posting
    # has a line per statement.
    return (
        f"{i:>3} {_LABEL_VALUE[verdict.label]:<8} {verdict.confidence:4.2f} "
        f"[{one_line(statement.section or '-')}] {one_line(statement.text)}\n"
    )


def _row_pieces(
    profile: PostingProfile, row: Callable[[int, Statement, Verdict], str]
) -> Iterator[str]:
    """One ``row`` per statement, joined into pieces of :data:`_PIECE` rows: a long
    posting's report is written a piece at a time, never held whole."""
    statements = profile.statements
    for first in range(0, len(statements), _PIECE):
        chunk = enumerate(statements[first : first + _PIECE], first)
        yield "".join([row(i, item.statement, item.verdict) for i, item in chunk])


_LABEL_VALUE = {label: label.value for label in LABELS}
#: Input text made inert inside a Markdown table cell or paragraph.
_md = markdown_inline


def posting_to_markdown(profile: PostingProfile) -> str:
    """A Markdown report: summary, balance table, coverage, mismatch, statements."""
    must_be(profile, PostingProfile, "profile")
    return "".join(map(encodable, _markdown_pieces(profile)))


def _markdown_pieces(profile: PostingProfile) -> Iterator[str]:
    """The Markdown report in pieces: everything up to the statements' table rows, then
    the rows a block at a time."""
    title = _md(profile.title) if profile.title else "Untitled posting"
    lines = [f"# Posting profile: {title}", "", f"**Summary:** {_md(profile.summary)}", ""]
    if profile.title:
        side = profile.title_side.value if profile.title_side else "unknown"
        lines += [f"**Title side:** {side}", ""]
    if profile.mismatch is not None:
        lines += [f"> **Title mismatch:** {_md(profile.mismatch.message)}", ""]
    lines += ["## Balance", "", "| part | " + " | ".join(x.value for x in LABELS) + " | total |"]
    lines.append("|---|" + "---:|" * (len(LABELS) + 1))
    for name, balance in (
        ("responsibilities", profile.responsibilities),
        ("rest", profile.rest),
        ("whole posting", profile.overall),
    ):
        percents = _percents(balance)
        cells = " | ".join(f"{balance.count(x)} ({percents[i]}%)" for i, x in enumerate(LABELS))
        lines.append(f"| {name} | {cells} | {balance.total} |")
    lines += ["", "## Dimension coverage", "", "| dimension | statements | evidence |"]
    lines.append("|---|---:|---:|")
    for c in profile.coverage:
        lines.append(f"| {_md(c.name)} | {c.statements} | {c.evidence} |")
    lines += ["", "## Statements", "", "| # | section | label | confidence | statement |"]
    lines.append("|---:|---|---|---:|---|")
    yield "\n".join(lines) + "\n"
    yield from _row_pieces(profile, _markdown_row)


def _markdown_row(i: int, statement: Statement, verdict: Verdict) -> str:
    return (
        f"| {i} | {_md(statement.section or '')} | {_LABEL_VALUE[verdict.label]} | "
        f"{verdict.confidence:.2f} | {_md(statement.text)} |\n"
    )


# --- HTML --------------------------------------------------------------------------------


def _escape(text: str) -> str:
    return html.escape(text, quote=True)


# The same in one C pass where the extension is built (a few per statement).
_e: Callable[[str], str] = _escape if speedups is None else speedups.html_escape


_CSS = """
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 70rem; color: #111827;
       padding: 0 1rem; line-height: 1.45; }
h1 { font-size: 1.6rem; margin-bottom: .25rem; }
.summary { font-size: 1.15rem; background: #f3f4f6; padding: .75rem 1rem; border-radius: .5rem; }
.mismatch { border-left: .4rem solid #dc2626; background: #fef2f2; padding: .75rem 1rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1.5rem; }
th, td { border-bottom: 1px solid #e5e7eb; padding: .35rem .5rem; text-align: start;
         vertical-align: top; }
table.narrow { width: auto; min-width: 30rem; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.badge { display: inline-block; padding: 0 .45rem; border-radius: .3rem; color: #fff;
         font-size: .85rem; }
.product { background: #2563eb; } .project { background: #ea580c; }
.shared { background: #7c3aed; } .other { background: #9ca3af; }
mark { background: #fde68a; padding: 0; }
.why { color: #4b5563; font-size: .85rem; }
.driver { outline: 2px solid #dc2626; }
"""


def _bar_chart(profile: PostingProfile) -> str:
    rows = (
        ("Responsibilities", profile.responsibilities),
        ("Rest of posting", profile.rest),
        ("Whole posting", profile.overall),
    )
    width, label_w, bar_w, row_h = 760, 150, 520, 34
    height = 40 + row_h * len(rows) + 30
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="Balance of labels">'
    ]
    x = label_w
    for label in LABELS:  # legend
        parts.append(
            f'<rect x="{x}" y="8" width="14" height="14" fill="{_COLOURS[label]}"/>'
            f'<text x="{x + 20}" y="20" font-size="13">{label.value}</text>'
        )
        x += 110
    for r, (name, balance) in enumerate(rows):
        y = 40 + r * row_h
        parts.append(f'<text x="0" y="{y + 18}" font-size="13">{name}</text>')
        if not balance.total:
            parts.append(
                f'<rect x="{label_w}" y="{y}" width="{bar_w}" height="24" fill="#f3f4f6"/>'
                f'<text x="{label_w + 8}" y="{y + 17}" font-size="12">no statements</text>'
            )
            continue
        x0 = float(label_w)
        percents = _percents(balance)
        for i, label in enumerate(LABELS):
            share = balance.share(label)
            if share <= 0:
                continue
            w = bar_w * share
            parts.append(
                f'<rect x="{x0:.1f}" y="{y}" width="{w:.1f}" height="24" '
                f'fill="{_COLOURS[label]}"><title>{label.value}: {balance.count(label)} '
                f"({percents[i]}%)</title></rect>"
            )
            if w >= 34:
                parts.append(
                    f'<text x="{x0 + 4:.1f}" y="{y + 17}" font-size="12" fill="#fff">'
                    f"{percents[i]}%</text>"
                )
            x0 += w
        parts.append(
            f'<text x="{label_w + bar_w + 8}" y="{y + 17}" font-size="12">n={balance.total}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _highlighted(item: AnalyzedStatement) -> str:
    """The statement with its evidence spans in ``<mark>``, every piece escaped (the C
    pass writes the same in ``_statement_row``)."""
    text = item.verdict.text
    spans = sorted(
        (ev.start, ev.end)
        for ev in item.verdict.evidence
        if 0 <= ev.start < ev.end <= len(text) and "negated" not in ev.tags
    )
    merged: list[list[int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    out, at = [], 0
    for start, end in merged:
        out.append(_e(text[at:start]))
        out.append(f"<mark>{_e(text[start:end])}</mark>")
        at = end
    out.append(_e(text[at:]))
    return "".join(out)


def _statement_row(index: int, item: AnalyzedStatement, driver: bool) -> str:
    """The statement's row of the HTML report's table, every piece escaped."""
    verdict = item.verdict
    c_found = _c_found(verdict)
    if c_found is not None:  # written whole by the C pass, without building the evidence
        norm, flat, best, core, rest = c_found
        row: str | None = speedups.statement_html(
            norm, flat, best, core, index, driver, item.statement.section,
            verdict.confidence, *rest,
        )  # fmt: skip
        if row is not None:
            return row
    css = ' class="driver"' if driver else ""
    label = item.label.value
    why = verdict.explain()  # before _highlighted builds the evidence
    return (
        f'<tr{css}><td class="num">{index}</td><td>{_e(item.section or "")}</td>'
        f'<td><span class="badge {_e(label)}">{_e(label)}</span></td>'
        f'<td class="num">{verdict.confidence:.2f}</td>'
        f'<td dir="auto">{_highlighted(item)}'
        f'<div class="why" dir="ltr">{_e(why)}</div></td></tr>'
    )


def posting_to_html(profile: PostingProfile) -> str:
    """A self-contained HTML page: summary, mismatch, SVG balance chart, coverage, statements."""
    must_be(profile, PostingProfile, "profile")
    return "".join(map(encodable, _html_pieces(profile)))


def _html_pieces(profile: PostingProfile) -> Iterator[str]:
    """The HTML page in pieces: everything before the statements' rows, the rows a
    block at a time, the end (a long posting's page is never held whole). Control
    characters are written as character references: html.escape (and the C pass)
    leave an escape sequence in a statement or the title as it is, and the page goes
    to the terminal without ``-o``."""
    return map(controls_as_html_references, _html_parts(profile))


def _isolated(text: str) -> str:
    return f"<bdi>{_e(text)}</bdi>"


def _mismatch_html(profile: PostingProfile) -> str:
    """The mismatch's message, escaped, with the title and each statement it quotes
    isolated in a ``<bdi>``: a right-to-left statement among the left-to-right words
    took the quotes and the "; " between two statements into its own run, which
    showed them swapped. A message written by hand is escaped whole."""
    mismatch = profile.mismatch
    assert mismatch is not None
    statements = profile.statements
    texts = [statements[i].text for i in mismatch.drivers if i < len(statements)]
    fields = (mismatch.title, mismatch.title_side, mismatch.content_side, mismatch.share)
    if _mismatch_message(*fields, mismatch.scope, texts) != mismatch.message:
        return _e(mismatch.message)
    return _mismatch_message(*fields, mismatch.scope, texts, _e, _isolated)


def _html_parts(profile: PostingProfile) -> Iterator[str]:
    title = profile.title or "Untitled posting"
    drivers = set(profile.mismatch.drivers) if profile.mismatch else set()
    side = profile.title_side.value if profile.title_side else "unknown"
    body = [
        f"<h1>Posting profile: <bdi>{_e(title)}</bdi></h1>",
        f'<p class="summary">{_e(profile.summary)}</p>',
        f"<p>Title side: <strong>{_e(side)}</strong>"
        + (f" (title from {_e(profile.title_source)})" if profile.title_source else "")
        + "</p>",
    ]
    if profile.mismatch is not None:
        body.append(
            f'<div class="mismatch"><strong>Title mismatch.</strong> '
            f"{_mismatch_html(profile)}</div>"
        )
    body += ["<h2>Balance</h2>", _bar_chart(profile), "<h2>Dimension coverage</h2>"]
    body.append(
        '<table class="narrow"><tr><th>dimension</th><th class="num">statements</th>'
        '<th class="num">evidence</th></tr>'
    )
    for c in profile.coverage:
        body.append(
            f'<tr><td>{_e(c.name)}</td><td class="num">{c.statements}</td>'
            f'<td class="num">{c.evidence}</td></tr>'
        )
    body.append("</table><h2>Statements</h2>")
    statements = profile.statements
    if not statements:
        body.append("<p>No statements found.</p>")
    else:
        body.append(
            '<table><tr><th class="num">#</th><th>section</th><th>label</th>'
            '<th class="num">confidence</th><th>statement</th></tr>'
        )
    yield (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta http-equiv="Content-Security-Policy" '
        "content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">"
        f"<title>{_e(title)} - rolelens posting profile</title>"
        f"<style>{_CSS}</style></head><body>\n" + "\n".join(body)
    )
    for first in range(0, len(statements), _PIECE):
        block = statements[first : first + _PIECE]
        yield "".join(
            "\n" + _statement_row(i, item, i in drivers) for i, item in enumerate(block, first)
        )
    yield ("\n</table>" if statements else "") + "\n</body></html>\n"


def _check_format(fmt: object) -> None:
    """Refuse a ``fmt`` that is not one of :data:`FORMATS`: ``TypeError`` for a
    non-``str``, :class:`~rolelens.errors.ArgumentError` for an unknown name."""
    must_be(fmt, str, "fmt")
    if fmt not in FORMATS:
        raise ArgumentError(f"fmt must be one of {', '.join(FORMATS)}, got {fmt!r:.60}")


def write_posting(profile: PostingProfile, stream: TextIO, fmt: str = "text") -> None:
    """Write ``render_posting(profile, fmt)`` to ``stream`` a piece at a time (a long
    posting's report is never held whole).

    ``stream`` is a text stream (an open text file, ``sys.stdout``, ``io.StringIO``):
    anything with a ``write(str)`` method; anything else, a binary stream
    (``open(path, "wb")``, ``io.BytesIO``) included, raises ``TypeError``.
    ``fmt`` is checked as by :func:`render_posting`.
    """
    must_be(profile, PostingProfile, "profile")
    must_have(stream, "write", "stream", "text stream")
    given: object = stream  # typed TextIO, but a caller's mistake is what this is for
    if isinstance(given, (io.RawIOBase, io.BufferedIOBase)):
        # It has write() too, and failed at the first piece with io's "a bytes-like
        # object is required", which names neither the stream nor the way out.
        raise TypeError(
            f"stream must be a text stream, got the binary {type(given).__name__}; "
            "open the file in text mode ('w'), or wrap it in io.TextIOWrapper"
        )
    _check_format(fmt)
    # One write per piece, in order: the JSON writer also writes to the stream
    # between its pieces (see _json_pieces), which writelines() need not allow.
    stream_write = stream.write
    write = _in_slices(lambda piece: stream_write(encodable(piece)))
    with collection_paused(len(profile.statements), _PAUSE_FROM_STATEMENTS):
        for piece in _pieces(profile, fmt, write):
            write(piece)


def _pieces(
    profile: PostingProfile, fmt: str, write: Callable[[str], object] | None = None
) -> Iterator[str]:
    """The report in ``fmt`` in pieces, which joined are ``render_posting(profile, fmt)``."""
    if fmt == "json":
        yield from _json_pieces(profile, write)
        yield "\n"
    elif fmt == "html":
        yield from _html_pieces(profile)
    elif fmt == "markdown":
        yield from _markdown_pieces(profile)
    else:
        yield from _text_pieces(profile)


def render_posting(profile: PostingProfile, fmt: str = "text") -> str:
    """Render ``profile`` as ``fmt``: ``"text"``, ``"json"``, ``"markdown"`` or ``"html"``
    (:data:`FORMATS`); the same text as :func:`posting_to_text` and the others.

    Another ``fmt`` raises :class:`~rolelens.errors.ArgumentError` naming the
    formats; a ``fmt`` that is not a ``str``, ``TypeError`` naming its type.

    Every report encodes as UTF-8, whatever string the posting was: a lone
    surrogate from the input (``json.loads('"\\ud800"')``) is written as its
    six-character escape ``\\ud800``, as the command line writes it, which the
    JSON document reads back as the same character. The same holds for
    :func:`write_posting` and the ``posting_to_*`` renderers, but not for
    :func:`posting_to_dict`, which keeps every text as it is.
    """
    must_be(profile, PostingProfile, "profile")
    _check_format(fmt)
    # Rendering a long posting makes objects by the million (see rolelens._collection).
    with collection_paused(len(profile.statements), _PAUSE_FROM_STATEMENTS):
        return "".join(map(encodable, _pieces(profile, fmt)))
