"""Layouts of pasted and Markdown postings the splitter reads: Word's ``o`` and ``§``
bullets, setext headings, ``<br>`` inside an HTML block, and Markdown pipe tables.

Every example text here is written for these tests.
"""

from __future__ import annotations

import time

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from rolelens import analyze_posting
from rolelens.statements import Statement, split_statements

# Short duties in words only (no marker, no sentence boundary, no heading shape).
_DUTY = st.lists(
    st.sampled_from(
        ("Own", "the", "roadmap", "track", "budget", "plan", "sprints", "with", "teams", "users")
    ),
    min_size=1,
    max_size=6,
).map(lambda words: " ".join(["Lead", *words]))


def _rows(found: tuple[Statement, ...]) -> list[tuple[str, str, str | None]]:
    return [(s.kind, s.text, s.section) for s in found]


def _spans_hold_texts(text: str, found: tuple[Statement, ...]) -> None:
    for statement in found:
        if "\n" not in text[statement.start : statement.end]:
            assert text[statement.start : statement.end] == statement.text


# --- "o" and "§" bullets, as Word and PDF paste them ---------------------------------------


def test_o_and_section_sign_bullets_lose_their_markers() -> None:
    text = "Duties:\no Own the roadmap\no Track the budget\n§ Plan the sprints\n"
    found = split_statements(text)
    assert _rows(found) == [
        ("bullet", "Own the roadmap", "responsibilities"),
        ("bullet", "Track the budget", "responsibilities"),
        ("bullet", "Plan the sprints", "responsibilities"),
    ]
    _spans_hold_texts(text, found)


def test_a_run_of_o_bullets_after_an_open_line_is_a_list() -> None:
    """Without the ``:`` the line before might go on into the next one; a run of two
    ``o`` lines is a list all the same."""
    text = "Things you will do\no Own the roadmap\no Track the budget\n"
    assert _rows(split_statements(text)) == [
        ("sentence", "Things you will do", None),
        ("bullet", "Own the roadmap", None),
        ("bullet", "Track the budget", None),
    ]


def test_o_bullets_under_other_bullets_and_tabs() -> None:
    text = "\u00b7\tLead the launch\no\tOwn the roadmap\n\to\tTrack the budget\n"
    assert _rows(split_statements(text)) == [
        ("bullet", "Lead the launch", None),
        ("bullet", "Own the roadmap", None),
        ("bullet", "Track the budget", None),
    ]


def test_a_wrapped_o_bullet_is_joined_without_its_marker() -> None:
    text = "o Own the product roadmap\n  with the design team\no Track it\n"
    found = split_statements(text)
    assert _rows(found) == [
        ("bullet", "Own the product roadmap with the design team", None),
        ("bullet", "Track it", None),
    ]
    assert text[found[0].start : found[0].start + 3] == "Own"


def test_a_lone_o_that_may_continue_a_sentence_is_left_alone() -> None:
    """One ``o`` line after a line that may go on (no bullet before it, none after it)
    stays a wrapped line: in some languages "o" is a word."""
    text = "Experience with one issue tracker\no similar tool\n\nAfter.\n"
    assert [s.text for s in split_statements(text)] == [
        "Experience with one issue tracker o similar tool",
        "After.",
    ]


def test_words_that_start_with_o_are_no_markers() -> None:
    text = "o.k. is fine here\nO'Reilly books are on the shelf\nO Captain is a poem\nonly one\n"
    found = [s.text for s in split_statements(text)]
    assert found == [
        "o.k. is fine here",
        "O'Reilly books are on the shelf",
        "O Captain is a poem only one",
    ]
    assert [s.text for s in split_statements("o 3 things\n\no\n\no ok\n")] == [
        "3 things",
        "o",
        "ok",
    ]
    # A section sign before a number cites a law: it stays.
    assert [s.text for s in split_statements("\u00a7 22 of the act applies\n")] == [
        "\u00a7 22 of the act applies"
    ]


@given(st.lists(_DUTY, min_size=1, max_size=6), st.sampled_from(("Duties:", "", "Our team")))
@example(["Lead it"], "Our team")
def test_o_bullets_split_as_dash_bullets_do(duties: list[str], before: str) -> None:
    """``o `` and ``- `` are as long: the statements are the same, offsets included,
    when the ``o`` lines are a list (a run of them, or after a line that ends)."""
    if before == "Our team" and len(duties) == 1:
        before = "Our team."
    body = "".join(f"{{}} {duty}\n" for duty in duties)
    dashes = split_statements(before + "\n" + body.format(*["-"] * len(duties)))
    oes = split_statements(before + "\n" + body.format(*["o"] * len(duties)))
    assert oes == dashes


_O_LINES = (
    # "o" as a word (Portuguese "the", Spanish "or") at the start of a wrapped line
    ("Experiência com gestão de produto e", "o time de engenharia"),
    ("Experiencia en producto", "o en proyectos de datos"),
    # Word's "o" bullets: after a sentence, in a run, under a list item, before one
    ("Duties", "o Own the roadmap", "o Track the budget"),
    ("We build tools.", "o Own the roadmap"),
    ("- Experience with Jira and", "o similar tools"),
    ("Experience with Jira", "o similar tools", "- Plan sprints"),
    ("Duties", "\u00a7 Own the roadmap"),
)


@pytest.mark.parametrize("lines", _O_LINES)
def test_o_lines_in_html_read_as_the_same_lines_of_plain_text(lines: tuple[str, ...]) -> None:
    """An ``o`` opening a line after a ``<br>``, or a line of source text in a ``<div>``,
    is a bullet where it would be one in plain text, and a word that goes on from the
    line before where plain text reads one: "o time" was cut off as a bullet in HTML."""
    expected = _rows(split_statements("\n".join(lines) + "\n", include_headings=True))
    for html in (
        "<p>" + "<br>".join(lines) + "</p>",
        "<div>" + "\n".join(lines) + "</div>",
    ):
        found = split_statements(html, include_headings=True)
        assert _rows(found) == expected, html


def test_a_word_o_after_a_br_goes_on_and_keeps_its_offsets() -> None:
    html = "<p>Experiência com gestão de produto e<br>o time de engenharia</p>"
    (found,) = split_statements(html)
    assert found.text == "Experiência com gestão de produto e o time de engenharia"
    assert html[found.start : found.end] == (
        "Experiência com gestão de produto e<br>o time de engenharia"
    )


def test_markers_of_plain_text_pasted_into_a_div_are_read() -> None:
    """Text with its own bullets pasted into one ``div`` keeps them; a letter or a dash
    opening a line of HTML source goes on the sentence, as a browser shows it."""
    html = (
        "<div>Duties:\n- Own the roadmap\n* Track the budget\n• Talk to users\n"
        "1. Hire well\n\nWe value focus\n– and speed\na) and care</div>"
    )
    assert _rows(split_statements(html)) == [
        ("bullet", "Own the roadmap", "responsibilities"),
        ("bullet", "Track the budget", "responsibilities"),
        ("bullet", "Talk to users", "responsibilities"),
        ("bullet", "Hire well", "responsibilities"),
        ("sentence", "We value focus – and speed a) and care", "responsibilities"),
    ]


# --- setext headings -------------------------------------------------------------------------


def test_setext_headings_are_headings_and_their_underlines_nothing() -> None:
    text = (
        "Our Platform Team\n=================\nWe build tools.\n\n"
        "What we value\n-----\nCalm work.\n"
    )
    found = split_statements(text, include_headings=True)
    assert [(s.kind, s.text, s.heading) for s in found] == [
        ("heading", "Our Platform Team", "Our Platform Team"),
        ("sentence", "We build tools.", "Our Platform Team"),
        ("heading", "What we value", "What we value"),
        ("sentence", "Calm work.", "What we value"),
    ]
    assert (found[0].start, found[0].end) == (0, len("Our Platform Team"))


def test_a_setext_heading_sets_the_section_and_the_title() -> None:
    text = (
        "Senior Product Manager\n======================\n\n"
        "Your role each day\n------------------\n- Own the roadmap\n- Talk to users\n"
    )
    found = split_statements(text)
    assert [(s.text, s.section, s.heading) for s in found] == [
        ("Own the roadmap", "responsibilities", "Your role each day"),
        ("Talk to users", "responsibilities", "Your role each day"),
    ]
    profile = analyze_posting(text)
    assert (profile.title, profile.title_source) == ("Senior Product Manager", "heading")


def test_a_setext_heading_in_emphasis_loses_its_marks() -> None:
    text = "**Our stack**\n---\nWe use boring tools.\n_Our office_\n===\nIt is quiet.\n"
    found = split_statements(text, include_headings=True)
    assert [(s.kind, s.text) for s in found] == [
        ("heading", "Our stack"),
        ("sentence", "We use boring tools."),
        ("heading", "Our office"),
        ("sentence", "It is quiet."),
    ]


def test_what_stays_a_statement_above_a_rule() -> None:
    """A list item, an ATX heading, a line wrapped over two, a line that ends like a
    sentence or a line of more than twenty words above ``---`` keeps its statements:
    the rule is a separator."""
    long_line = " ".join(["Lead"] + ["the"] * 20 + ["launch"])
    text = (
        "- Own the roadmap\n---\n## Team\n---\nTrack the budget\nand the plan\n---\n"
        f"{long_line}\n===\nWe ship weekly.\n---\nWho are we?\n=\n"
    )
    found = split_statements(text, include_headings=True)
    assert [(s.kind, s.text) for s in found] == [
        ("bullet", "Own the roadmap"),
        ("heading", "Team"),
        ("sentence", "Track the budget and the plan"),
        ("sentence", long_line),
        ("sentence", "We ship weekly."),
        ("sentence", "Who are we?"),
    ]


@given(st.lists(_DUTY, min_size=1, max_size=4), st.sampled_from(("=", "-")), st.integers(1, 30))
def test_setext_and_atx_headings_give_the_same_statements(
    duties: list[str], mark: str, width: int
) -> None:
    body = "".join(f"- {duty}\n" for duty in duties)
    level = "#" if mark == "=" else "##"
    atx = split_statements(f"# Skills\n{level} Our toolbox\n{body}")
    setext = split_statements(f"# Skills\nOur toolbox\n{mark * width}\n{body}")
    assert [(s.text, s.section, s.heading, s.kind) for s in setext] == [
        (s.text, s.section, s.heading, s.kind) for s in atx
    ]


# --- <br> inside an HTML block -------------------------------------------------------------


def test_a_br_inside_a_list_item_continues_it_as_a_wrapped_line() -> None:
    text = "<ul><li>Own the product roadmap<br>with the design team</li><li>Track it</li></ul>"
    found = split_statements(text)
    assert _rows(found) == [
        ("bullet", "Own the product roadmap with the design team", None),
        ("bullet", "Track it", None),
    ]
    assert text[found[0].start : found[0].end].startswith("Own the product roadmap<br>")
    assert text[found[0].start : found[0].end].endswith("design team")


def test_a_br_after_a_full_stop_or_before_a_capital_starts_a_new_line() -> None:
    text = (
        "<ul><li>Own the roadmap.<br>share it weekly</li>"
        "<li>Budget:<br/>track the spend</li>"
        "<li>Own the roadmap<br>Track the budget</li>"
        "<li>Own the roadmap<br><br>and a blank line</li></ul>"
    )
    assert _rows(split_statements(text, include_headings=True)) == [
        ("bullet", "Own the roadmap.", None),
        ("bullet", "share it weekly", None),
        ("bullet", "Budget:", None),
        ("bullet", "track the spend", None),
        ("bullet", "Own the roadmap", None),
        ("bullet", "Track the budget", None),
        ("bullet", "Own the roadmap", None),
        ("bullet", "and a blank line", None),
    ]


def test_a_br_inside_a_paragraph_reads_as_a_line_break_of_plain_text() -> None:
    html = "<p>We build tools for the<br>teams that plan<br>Our office is in town</p>"
    plain = "We build tools for the\nteams that plan\nOur office is in town\n"
    assert [s.text for s in split_statements(html)] == [s.text for s in split_statements(plain)]
    assert [s.text for s in split_statements(html)] == [
        "We build tools for the teams that plan",
        "Our office is in town",
    ]


def test_a_bold_heading_before_a_br_is_not_continued() -> None:
    found = split_statements("<p><b>Our stack</b><br>boring tools only</p>", include_headings=True)
    assert [(s.kind, s.text) for s in found] == [
        ("heading", "Our stack"),
        ("sentence", "boring tools only"),
    ]


@given(st.lists(st.tuples(_DUTY, _DUTY.map(str.lower)), min_size=1, max_size=5))
def test_br_in_list_items_splits_as_wrapped_markdown_bullets(pairs: list[tuple[str, str]]) -> None:
    html = "<ul>" + "".join(f"<li>{a}<br>{b}</li>" for a, b in pairs) + "</ul>"
    text = "".join(f"- {a}\n  {b}\n" for a, b in pairs)
    assert _rows(split_statements(html)) == _rows(split_statements(text))


# --- Markdown pipe tables --------------------------------------------------------------------


def test_a_pipe_table_gives_one_statement_per_cell_and_none_for_its_separator() -> None:
    text = (
        "| Area | Duty |\n"
        "|:-----|-----:|\n"
        "| Roadmap | Own the roadmap. Share it. |\n"
        "| Budget | track the spend |\n"
        "| | |\n"
    )
    found = split_statements(text)
    assert [(s.kind, s.text) for s in found] == [
        ("sentence", "Area"),
        ("sentence", "Duty"),
        ("sentence", "Roadmap"),
        ("sentence", "Own the roadmap."),
        ("sentence", "Share it."),
        ("sentence", "Budget"),
        ("sentence", "track the spend"),
    ]
    _spans_hold_texts(text, found)


def test_table_cells_are_read_as_lines_of_their_own() -> None:
    """A cell that is a known heading is one (as an HTML ``<th>`` is), an escaped pipe
    stays in its cell (and reads as a pipe), a row without its closing pipe still
    counts, and the line after a row never continues it."""
    text = (
        "| Responsibilities | How often |\n| --- | --- |\n"
        "| - Own a \\| b | weekly\nand more\n| ALL HANDS MEETING |\n"
    )
    found = split_statements(text, include_headings=True)
    assert [(s.kind, s.text, s.section) for s in found] == [
        ("heading", "Responsibilities", "responsibilities"),
        ("sentence", "How often", "responsibilities"),
        ("bullet", "Own a | b", "responsibilities"),
        ("sentence", "weekly", "responsibilities"),
        ("sentence", "and more", "responsibilities"),
        ("heading", "ALL HANDS MEETING", None),
    ]


def test_an_escaped_pipe_in_a_cell_reads_as_a_pipe_and_its_span_keeps_the_backslash() -> None:
    """GFM reads ``\\|`` in a cell as a literal ``|``: the statement says "|", and its
    span, which still slices the source, covers the backslash."""
    text = (
        "| Area | Duty |\n|---|---|\n"
        "| Pricing | Choose build \\| buy \\| partner for each module |\n"
        "| \\|Ops\\| | Keep the on-call rota |\n"
        "| \\| | - Plan it \\| Track it. Then ship \\|\n"
    )
    found = split_statements(text)
    assert _rows(found) == [
        ("sentence", "Area", None),
        ("sentence", "Duty", None),
        ("sentence", "Pricing", None),
        ("sentence", "Choose build | buy | partner for each module", None),
        ("sentence", "|Ops|", None),
        ("sentence", "Keep the on-call rota", None),
        ("bullet", "Plan it | Track it.", None),
        ("bullet", "Then ship |", None),
    ]
    for statement in found:
        source = text[statement.start : statement.end]
        assert source.replace("\\|", "|") == statement.text
    choose = found[3]
    assert text[choose.start : choose.end] == "Choose build \\| buy \\| partner for each module"


_SIDE_BY_SIDE = [
    # Markdown, with a column of row labels whose header names no section, and Windows
    # line endings
    "Senior Product Manager\r\n\r\n"
    "| Year | Responsibilities | Requirements |\r\n|---|:---|---|\r\n"
    "| 1 | Own the roadmap | 5 years in product |\r\n"
    "| 2 | Talk to customers | - SQL |\r\n\r\n"
    "We value focus.\r\n",
    # HTML, header cells in <th>, a cell of two lines
    "<p>Senior Product Manager</p><table><thead><tr><th>Year</th>"
    "<th>Responsibilities</th><th>Requirements</th></tr></thead><tbody>"
    "<tr><td>1</td><td>Own the roadmap</td><td>5 years in product</td></tr>"
    "<tr><td>2</td><td>Talk to customers</td><td><ul><li>SQL</li></ul></td></tr>"
    "</tbody></table><p>We value focus.</p>",
    # HTML, a caption row spanning the table above the row of sections
    "<p>Senior Product Manager</p><table><tr><td colspan=3>Acme, Berlin</td></tr>"
    "<tr><td>Year</td><td><b>Responsibilities</b></td><td><b>Requirements</b></td></tr>"
    "<tr><td>1</td><td>Own the roadmap</td><td>5 years in product</td></tr>"
    "<tr><td>2</td><td>Talk to customers</td><td>- SQL</td></tr>"
    "</table><p>We value focus.</p>",
]


@pytest.mark.parametrize("text", _SIDE_BY_SIDE)
def test_a_table_with_a_section_per_column_gives_each_cell_its_columns_section(
    text: str,
) -> None:
    """A table with a row naming a section in two columns or more
    ("Responsibilities | Requirements") put every cell below in the section of the
    last header: the duties counted as requirements. Each cell takes its own column's
    section and heading now (a column whose header names none, the section before the
    table), and the text after the table the section before it."""
    found = [s for s in split_statements(text, include_headings=True) if s.kind != "heading"]
    assert [(s.text, s.section, s.heading) for s in found if s.start >= text.find("Year")] == [
        ("Year", None, None),
        ("1", None, None),
        ("Own the roadmap", "responsibilities", "Responsibilities"),
        ("5 years in product", "requirements", "Requirements"),
        ("2", None, None),
        ("Talk to customers", "responsibilities", "Responsibilities"),
        ("SQL", "requirements", "Requirements"),
        ("We value focus.", None, None),
    ]
    profile = analyze_posting(text)
    assert [s.text for s in profile.in_section("responsibilities")] == [
        "Own the roadmap",
        "Talk to customers",
    ]


def test_a_table_in_a_cell_of_a_table_of_sections_reads_in_that_cells_section() -> None:
    """A table nested in a cell of a layout table whose header row names a section per
    column was read with the section of the last header of that row, another column's:
    the duties in the first column's inner table counted as requirements."""
    text = (
        "<table><tr><td><h2>Responsibilities</h2></td><td><h2>Requirements</h2></td></tr>"
        "<tr><td><table><tr><td><p>Own the roadmap</p></td></tr>"
        "<tr><td><h3>Benefits</h3></td></tr><tr><td><p>A pension</p></td></tr></table></td>"
        "<td><table><tr><td><p>Five years of SQL</p></td></tr></table></td></tr>"
        "<tr><td><p>Run discovery</p></td><td><p>Some Python</p></td></tr>"
        "</table><p>We value focus.</p>"
    )
    found = split_statements(text)
    assert [(s.text, s.section) for s in found] == [
        ("Own the roadmap", "responsibilities"),
        ("A pension", "benefits"),  # a heading in the inner table heads the rest of it
        ("Five years of SQL", "requirements"),
        ("Run discovery", "benefits"),  # the first column's cells go on from the last
        ("Some Python", "requirements"),
        ("We value focus.", None),
    ]
    # A table in a layout table's one column reads on from what is above it, as before.
    single = (
        "<table><tr><td><b>About us</b></td></tr><tr><td><table><tr><td>"
        "<h3>Duties</h3></td></tr><tr><td>Own the roadmap</td></tr></table></td></tr>"
        "<tr><td>We are small.</td></tr></table>"
    )
    assert [(s.text, s.section) for s in split_statements(single)] == [
        ("Own the roadmap", "responsibilities"),
        ("We are small.", "responsibilities"),
    ]


def test_tables_nested_thousands_deep_split_in_linear_time() -> None:
    """A table in a cell of a table, thousands deep (a hostile page, or a broken page
    builder), raised RecursionError from about 900 deep: each table's cell was entered
    by a call of its own. And each tag listed every table around it, so 8,000 deep took
    18 s. The sections of a layout table still reach the tables nested in its cells."""
    layout = (
        "<table><tr><td><h2>Responsibilities</h2></td><td><h2>Requirements</h2></td></tr>"
        "<tr><td><table><tr><td><p>Own the roadmap</p></td></tr></table></td>"
        "<td><table><tr><td><p>Five years of SQL</p></td></tr></table></td></tr></table>"
    )
    alone = [(s.text, s.section) for s in split_statements(layout)]
    assert alone == [("Own the roadmap", "responsibilities"), ("Five years of SQL", "requirements")]
    started = time.perf_counter()
    for depth in (3_000, 20_000):
        wrapped = "<table><tr><td>" * depth + layout + "</td></tr></table>" * depth
        assert [(s.text, s.section) for s in split_statements(wrapped)] == alone
    lone = "<table><tr><td>" * 20_000 + "Own the roadmap"  # never closed
    assert [s.text for s in split_statements(lone)] == ["Own the roadmap"]
    assert time.perf_counter() - started < 15  # about 1 s; quadratic took minutes


@pytest.mark.parametrize(
    "text",
    [
        "| Responsibilities | Own the roadmap |\n|---|---|\n"
        "| Requirements | 5 years in product |\n\n"
        "| Benefits | Requirements |\n|---|---|\n| Be kind | Work hard |\n",
        "<table><tr><td>Responsibilities</td><td>Own the roadmap</td></tr>"
        "<tr><td>Requirements</td><td>5 years in product</td></tr></table>"
        "<table><tr><th>Benefits</th><th>Requirements</th></tr>"
        "<tr><td>Be kind</td><td>Work hard</td></tr></table>",
    ],
)
def test_a_table_of_section_labels_per_row_keeps_reading_row_by_row(text: str) -> None:
    """A table whose header row names one section at most reads as before, row by row
    (a label cell heads the cells after it), and a table after it is a new one."""
    found = split_statements(text)
    assert [(s.text, s.section) for s in found] == [
        ("Own the roadmap", "responsibilities"),
        ("5 years in product", "requirements"),
        ("Be kind", "benefits"),
        ("Work hard", "requirements"),
    ]


_CELL = st.text(alphabet=st.sampled_from("abc XYZ.-:*_#=\\"), max_size=12)


@given(st.lists(st.lists(_CELL, min_size=1, max_size=4), max_size=5))
def test_no_statement_of_a_table_holds_a_pipe_or_comes_from_a_separator(
    rows: list[list[str]],
) -> None:
    width = max((len(row) for row in rows), default=1)
    lines = ["| " + " | ".join(row) + " |" for row in rows]
    separator = "|" + ":---|" * width
    lines.insert(min(1, len(lines)), separator)
    text = "\n".join(lines) + "\n"
    at = text.index(separator)
    for statement in split_statements(text, include_headings=True):
        assert "|" not in statement.text
        assert any(ch.isalnum() for ch in statement.text)
        assert statement.end <= at or statement.start >= at + len(separator)


# --- time ------------------------------------------------------------------------------------


def test_new_layouts_stay_linear_on_long_hostile_input() -> None:
    shapes = (
        "x\no a\n" * 20000,
        "o a\n" * 40000,
        "|" * 200000,
        "| a " * 50000 + "\n",
        ("| a | b |\n" + "|---|---|\n") * 10000,
        "x\n=\n" * 40000,
        "<li>" + "a<br>" * 40000 + "</li>",
        "<p>" + "<br>" * 80000 + "x</p>",
        "<p>x and" + "<br>o a and" * 40000 + "</p>",
        "<div>x and" + "\no a and" * 40000 + "</div>",
        "<div>" + "ii. " * 40000 + "x and" + "\no a" * 40000 + "</div>",
        "<li>" + "ii. " * 40000 + "x and" + "<br>o a" * 40000 + "</li>",
    )
    for text in shapes:
        started = time.perf_counter()
        split_statements(text, include_headings=True)
        assert time.perf_counter() - started < 10, text[:20]


@pytest.mark.parametrize(
    "text",
    [
        "Duties:\no Own the roadmap. Talk to users weekly.\no Plan sprints\n",
        "<p>Duties:</p><div>o Own the roadmap. Talk to users weekly.\no Plan sprints</div>",
    ],
)
def test_an_o_bullet_of_two_sentences_loses_its_o(text: str) -> None:
    """A Word "o" bullet holding two sentences kept its "o" in the first one ("o Own
    the roadmap."): the line went on to be cut into sentences with its markers, and
    only the "o" of a line known to be a list item is one. The Python reference kept
    it where the C splitter did not ("o 1. **", markers and a stray mark, gave the
    statement "o 1. **" in Python, nothing in C)."""
    from rolelens.statements import _Splitter, _text_statements

    assert _rows(split_statements(text)) == [
        ("bullet", "Own the roadmap.", "responsibilities"),
        ("bullet", "Talk to users weekly.", "responsibilities"),
        ("bullet", "Plan sprints", "responsibilities"),
    ]
    reference = _Splitter(include_headings=False)
    _text_statements("o 1. **\n\nOwn it\n", reference)
    assert [s.text for s in reference.out] == [
        s.text for s in split_statements("o 1. **\n\nOwn it\n")
    ]
    assert [s.text for s in reference.out] == ["Own it"]


@pytest.mark.parametrize("br", ["<br>", "<br/>", "<BR />"])
def test_a_line_break_tag_in_a_markdown_table_cell_keeps_the_table(br: str) -> None:
    """GFM table cells hold no line break, so Markdown postings write ``<br>`` in them;
    that tag made the whole posting HTML, whose reader knows no pipe table: rows came
    out as statements with their pipes, the header row joined to the first cell. A
    posting whose only HTML is such tags in table rows is read as Markdown, and each
    ``<br>`` ends a line of its cell."""
    text = (
        "Senior Product Manager\n\n| Responsibilities | Requirements |\n|---|---|\n"
        f"| Own the roadmap{br}Talk to users | 5 years{br}- SQL |\n\nWe value focus.\n"
    )
    found = split_statements(text)
    assert _rows(found) == [
        ("sentence", "Senior Product Manager", None),
        ("sentence", "Own the roadmap", "responsibilities"),
        ("sentence", "Talk to users", "responsibilities"),
        ("sentence", "5 years", "requirements"),
        ("bullet", "SQL", "requirements"),
        ("sentence", "We value focus.", None),
    ]
    _spans_hold_texts(text, found)
    # A <br> outside a table row still makes the posting HTML, as before.
    assert _rows(split_statements("Own it<br>Ship it\n\n| a | b |\n"))[0][1] == "Own it"


def test_a_markdown_table_in_a_posting_with_some_html_is_still_a_table() -> None:
    """Markdown with some HTML in it is read as HTML, keeping its own lines; a pipe table
    in it was one statement, every row and its pipes joined. Its rows are table rows,
    as in Markdown: a cell a line, each in its column's section."""
    text = (
        "Senior Product Manager\n\n<p>We are hiring.</p>\n\n"
        "| Responsibilities | Requirements |\n|---|---|\n"
        "| Own the roadmap | SQL |\n| Talk to users | - Jira |\nWe value focus.\n"
    )
    found = split_statements(text)
    assert _rows(found) == [
        ("sentence", "Senior Product Manager", None),
        ("sentence", "We are hiring.", None),
        ("sentence", "Own the roadmap", "responsibilities"),
        ("sentence", "SQL", "requirements"),
        ("sentence", "Talk to users", "responsibilities"),
        ("bullet", "Jira", "requirements"),
        ("sentence", "We value focus.", None),
    ]
    _spans_hold_texts(text, found)


@pytest.mark.parametrize(
    ("page", "heading"),
    [
        ("<h3>🚀 What you'll<br>do</h3>", "🚀 What you'll do"),
        ("<h3>What You'll<br>Do</h3>", "What You'll Do"),
        ("<h2>Your key<br>\nresponsibilities</h2>", "Your key responsibilities"),
        (
            "<h3>Responsibilities<br><small>for this role</small></h3>",
            "Responsibilities for this role",
        ),
        ("<p><b>🚀 What you'll<br>do</b></p>", "🚀 What you'll do"),
        ("<table><tr><td><h3>What you'll<br>do</h3>", "What you'll do"),
    ],
)
def test_a_heading_a_br_wraps_is_one_heading(page: str, heading: str) -> None:
    """A <br> inside an h1-h6 (or a bold paragraph, before a lower-case word) cut the
    heading in two, each a heading of its own: the second ("do", "Do"), naming no
    section at the same level, ended the section the first had started, so the duties
    below it had none."""
    text = f"<h2>About us</h2><p>We build tools.</p>{page}<ul><li>Plan the launch</li></ul>"
    found = split_statements(text, include_headings=True)
    assert [(s.kind, s.text, s.section) for s in found][2:] == [
        ("heading", heading, "responsibilities"),
        ("bullet", "Plan the launch", "responsibilities"),
    ]
    assert found[3].heading == heading
    # Two <br> (a blank line) still part two headings; so do two bold lines that are no
    # wrapped one.
    apart = split_statements("<h3>Benefits<br><br>Perks</h3>", include_headings=True)
    assert [s.text for s in apart] == ["Benefits", "Perks"]
    bold = split_statements("<p><b>Benefits</b><br><b>Pension</b></p>", include_headings=True)
    assert [s.text for s in bold] == ["Benefits", "Pension"]
    # An h1 is most often the job's name, then its place: the place is no part of it.
    named = split_statements("<h1>Product Manager<br>Berlin</h1>", include_headings=True)
    assert [s.text for s in named] == ["Product Manager", "Berlin"]
    wrapped = split_statements("<h1>What you'll<br>do</h1>", include_headings=True)
    assert [s.text for s in wrapped] == ["What you'll do"]


def _sections_table(left: str, right: str) -> str:
    return (
        "<h2>Responsibilities</h2><table><tr><th>Responsibilities</th><th>Requirements</th>"
        f"</tr><tr><td><p>Own the roadmap</p>{left}<p>Run discovery</p></td>"
        f"<td><p>Five years of SQL</p>{right}<p>Strong writing</p></td></tr></table>"
        "<p>Apply today.</p>"
    )


_NESTED_SECTIONS: list[tuple[str, str | None]] = [
    ("Own the roadmap", "responsibilities"),
    ("Run discovery", "responsibilities"),
    ("Five years of SQL", "requirements"),
    ("Some Python", "requirements"),
    ("Strong writing", "requirements"),
    ("Apply today.", "responsibilities"),
]


@pytest.mark.parametrize("depth", [1, 31, 32, 33, 40, 500])
def test_a_table_of_sections_reaches_tables_nested_any_depth_in_its_cells(depth: int) -> None:
    """Only the 32 tables right around a cell were kept: a layout table of sections
    more than 32 tables out was forgotten, and the nested cell took the section of
    the other column ("Some Python" counted as a responsibility)."""
    nested = "<table><tr><td>" * depth + "<p>Some Python</p>" + "</td></tr></table>" * depth
    found = split_statements(_sections_table("", nested))
    assert sorted((s.text, s.section) for s in found) == sorted(_NESTED_SECTIONS)


def test_a_table_of_sections_keeps_them_past_many_tables_in_its_cells() -> None:
    """The splitter remembers 64 tables at a time: after more in a cell of a table of
    sections, the table itself was forgotten while still open, and the rest of its
    columns had no section."""
    small = "".join(f"<table><tr><td>Tool {n}</td></tr></table>" for n in range(40))
    found = split_statements(_sections_table(small, small + "<p>Some Python</p>"))
    rows = [(s.text, s.section) for s in found if not s.text.startswith("Tool")]
    assert sorted(rows) == sorted(_NESTED_SECTIONS)
    tools = [s.section for s in found if s.text.startswith("Tool")]
    assert tools == ["responsibilities"] * 40 + ["requirements"] * 40


def test_each_line_of_a_pre_is_a_line() -> None:
    """A <pre> shows its line breaks, but they were read as a browser reads them in a
    <p>, as spaces: plain text pasted into one became a single statement but where a
    blank line or a list marker parted it ("Responsibilities Own it Track it")."""
    text = (
        "<pre>Responsibilities\n\tOwn the roadmap\n\tTrack the budget\n\n"
        "Requirements\r\n  Five years of SQL\n  and of Python</pre><p>We value\nfocus.</p>"
    )
    found = split_statements(text, include_headings=True)
    assert [(s.kind, s.text, s.section) for s in found] == [
        ("heading", "Responsibilities", "responsibilities"),
        ("sentence", "Own the roadmap", "responsibilities"),
        ("sentence", "Track the budget", "responsibilities"),
        ("heading", "Requirements", "requirements"),
        ("sentence", "Five years of SQL and of Python", "requirements"),
        ("sentence", "We value focus.", "requirements"),  # a <p> joins its lines
    ]
    assert [text[s.start : s.end] for s in found[:4]] == [s.text for s in found[:4]]
