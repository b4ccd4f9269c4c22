"""A small Sphinx extension that draws parts of the docs from rolelens itself.

The pages about the roles, the scenario rules and the command line must not
drift from the code, so they are not written by hand: these directives read
the built-in catalog, the built-in rules and the argument parser at build
time and turn them into document nodes.

``rolelens-comparison``
    The comparison table: one row per dimension, one column per role.
``rolelens-catalog LIST``
    ``roles``, ``dimensions``, ``overlaps``, ``shifts`` or ``b2b`` from the
    built-in catalog, as a definition list.
``rolelens-rules``
    The built-in scenario rules, one per item, as the rules describe themselves.
``rolelens-cli``
    The ``--help`` text of ``rolelens`` and of every sub-command.
``rolelens-examples``
    Every script in ``examples/``, with the summary line of its docstring.

It also keeps autodoc from describing a constant by its type's docstring
(see ``_drop_type_docstring``), and from giving a protocol a call signature
(see ``_no_protocol_signature``).

Nothing here touches the network or writes files.
"""

from __future__ import annotations

import contextlib
import inspect
import os
from collections.abc import Iterator
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

__all__ = ["setup"]


def _paragraph(*parts: nodes.Node | str) -> nodes.paragraph:
    para = nodes.paragraph()
    for part in parts:
        para += nodes.Text(part) if isinstance(part, str) else part
    return para


def _table(header: list[str], rows: list[list[list[nodes.Node]]]) -> nodes.table:
    """A docutils table; each cell is a list of body nodes."""
    table = nodes.table(classes=["rolelens-table"])
    group = nodes.tgroup(cols=len(header))
    table += group
    for _ in header:
        group += nodes.colspec(colwidth=1)
    head = nodes.thead()
    group += head
    head_row = nodes.row()
    head += head_row
    for title in header:
        entry = nodes.entry()
        entry += _paragraph(title)
        head_row += entry
    body = nodes.tbody()
    group += body
    for cells in rows:
        row = nodes.row()
        for cell in cells:
            entry = nodes.entry()
            for node in cell:
                entry += node
            row += entry
        body += row
    return table


def _definitions(items: list[tuple[str, list[nodes.Node]]]) -> nodes.definition_list:
    listing = nodes.definition_list()
    for term, body in items:
        item = nodes.definition_list_item()
        item += nodes.term("", "", nodes.strong(text=term))
        definition = nodes.definition()
        for node in body:
            definition += node
        item += definition
        listing += item
    return listing


class ComparisonDirective(SphinxDirective):
    """Render the built-in comparison: dimensions as rows, roles as columns."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        from rolelens import default_catalog

        catalog = default_catalog()
        roles = list(catalog.roles)
        header = ["Dimension", *(role.name for role in roles)]
        rows: list[list[list[nodes.Node]]] = []
        for dimension in catalog.dimensions:
            cells: list[list[nodes.Node]] = [
                [_paragraph(nodes.strong(text=dimension.name)), _paragraph(dimension.description)]
            ]
            for role in roles:
                trait = catalog.trait(role.id, dimension.id)
                facets = [
                    f"{name}: {value}"
                    for name, value in (("level", trait.level), ("horizon", trait.horizon))
                    if value is not None
                ]
                summary = trait.summary + (f" ({', '.join(facets)})" if facets else "")
                cells.append(
                    [_paragraph(nodes.strong(text=summary)), _paragraph(trait.description)]
                )
            rows.append(cells)
        return [_table(header, rows)]


class CatalogDirective(SphinxDirective):
    """Render one list of the built-in catalog as a definition list."""

    required_arguments = 1
    has_content = False
    option_spec: ClassVar[dict[str, Any]] = {"ids": directives.flag}

    def run(self) -> list[nodes.Node]:
        from rolelens import Label, default_catalog

        catalog = default_catalog()
        which = self.arguments[0]
        show_ids = "ids" in self.options
        items: list[tuple[str, list[nodes.Node]]] = []
        if which == "roles":
            for role in catalog.roles:
                body: list[nodes.Node] = [
                    _paragraph(nodes.emphasis(text=role.question)),
                    _paragraph(role.focus),
                    _paragraph("Analogy: ", role.analogy),
                ]
                if role.titles:
                    body.append(
                        _paragraph(
                            "Titles that usually mean this role: ", ", ".join(role.titles) + "."
                        )
                    )
                items.append((self._term(role.name, role.id, show_ids), body))
        elif which == "dimensions":
            for dimension in catalog.dimensions:
                items.append(
                    (
                        self._term(dimension.name, dimension.id, show_ids),
                        [_paragraph(dimension.description)],
                    )
                )
        elif which == "overlaps":
            for overlap in catalog.overlaps:
                items.append(
                    (
                        self._term(overlap.name, overlap.id, show_ids),
                        [_paragraph(overlap.description)],
                    )
                )
        elif which == "shifts":
            for shift in catalog.shifts:
                term = f"From {shift.from_} to {shift.to}"
                items.append(
                    (
                        self._term(term, shift.id, show_ids),
                        [
                            _paragraph(nodes.emphasis(text=shift.question)),
                            _paragraph(shift.description),
                        ],
                    )
                )
        elif which == "b2b":
            for contrast in catalog.b2b:
                product = catalog.roles_on_side(Label.PRODUCT)[0].name
                project = catalog.roles_on_side(Label.PROJECT)[0].name
                items.append(
                    (
                        self._term(contrast.situation, contrast.id, show_ids),
                        [
                            _paragraph(nodes.strong(text=f"{product}: "), contrast.product),
                            _paragraph(nodes.strong(text=f"{project}: "), contrast.project),
                        ],
                    )
                )
        else:
            raise self.error(
                f"unknown catalog list {which!r}: use roles, dimensions, overlaps, shifts or b2b"
            )
        return [_definitions(items)]

    @staticmethod
    def _term(name: str, item_id: str, show_ids: bool) -> str:
        return f"{name} ({item_id})" if show_ids else name


class RulesDirective(SphinxDirective):
    """Render the built-in scenario rules as a bullet list."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        from rolelens import default_catalog, default_rules

        names = {role.id: role.name for role in default_catalog().roles}
        listing = nodes.bullet_list()
        for rule in default_rules():
            joiner = " and " if rule.match == "all" else " or "
            when = joiner.join(str(condition) for condition in rule.when) or "always"
            item = nodes.list_item()
            item += _paragraph(
                nodes.strong(text=rule.id),
                " — when ",
                nodes.literal(text=when),
                f": the {names.get(rule.owner, rule.owner)} answers ",
                nodes.emphasis(text=rule.question.phrase),
                ".",
            )
            item += _paragraph(rule.recommendation)
            item += _paragraph("Why: ", rule.rationale)
            listing += item
        return [listing]


@contextlib.contextmanager
def _columns(width: int) -> Iterator[None]:
    """Make argparse wrap help at ``width`` whatever the terminal."""
    old = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = str(width)
    try:
        yield
    finally:
        if old is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = old


def cli_help() -> list[tuple[str, str]]:
    """``(command line, help text)`` for ``rolelens`` and each sub-command, in order."""
    import argparse

    from rolelens.cli import build_parser

    with _columns(88):
        parser = build_parser()
        out = [("rolelens --help", parser.format_help())]
        for action in parser._actions:  # argparse keeps sub-commands here
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    out.append((f"rolelens {name} --help", sub.format_help()))
    return out


class CliDirective(SphinxDirective):
    """Render the help of every command, as captured from the real parser."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        result: list[nodes.Node] = []
        for command, text in cli_help():
            target_id = nodes.make_id(command.replace(" --help", "").replace(" ", "-"))
            section_title = nodes.rubric(text=command.replace(" --help", ""), ids=[target_id])
            result.append(section_title)
            block = nodes.literal_block(f"$ {command}\n{text}", f"$ {command}\n{text}")
            block["language"] = "text"
            result.append(block)
        return result


class RuleFieldsDirective(SphinxDirective):
    """Tabulate the scenario fields a rule condition may test, with their operators."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        from rolelens._conditions import FIELDS, OPERATORS, operators_for

        values = {
            "bool": "true or false",
            "date": "a date, YYYY-MM-DD",
            "set": "any names; compared without case",
        }
        rows: list[list[list[nodes.Node]]] = []
        for spec in FIELDS.values():
            value = " < ".join(spec.choices) if spec.kind == "ordered" else ", ".join(spec.choices)
            allowed = [op for op in OPERATORS if op in operators_for(spec)]
            rows.append(
                [
                    [_paragraph(nodes.literal(text=spec.name))],
                    [_paragraph(spec.description + (" (may be unset)" if spec.optional else ""))],
                    [_paragraph(value or values[spec.kind])],
                    [_paragraph(", ".join(allowed))],
                ]
            )
        return [_table(["Field", "Meaning", "Values", "Operators"], rows)]


class ExamplesDirective(SphinxDirective):
    """Show every ``examples/*.py`` script: its name, its summary, its source."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        import ast
        from pathlib import Path

        folder = Path(self.env.srcdir).parent / "examples"
        result: list[nodes.Node] = []
        for script in sorted(folder.glob("*.py")):
            self.env.note_dependency(str(script))
            source = script.read_text(encoding="utf-8")
            docstring = ast.get_docstring(ast.parse(source)) or ""
            summary = docstring.strip().split("\n\n", 1)[0].replace("\n", " ")
            name = f"examples/{script.name}"
            result.append(nodes.rubric(text=name, ids=[nodes.make_id(name)]))
            if summary:
                result.append(_paragraph(summary))
            result.append(_paragraph("Run it: ", nodes.literal(text=f"python {name}")))
            block = nodes.literal_block(source, source)
            block["language"] = "python"
            result.append(block)
        if not result:
            raise self.error(f"no example scripts found in {folder}")
        return result


def _drop_type_docstring(
    app: Sphinx, what: str, name: str, obj: object, options: object, lines: list[str]
) -> None:
    """Drop the docstring a constant only has from its type (``dict``, ``tuple``, ...).

    autodoc describes a constant by the ``#:`` comment above it in the module
    the directive names. A constant that module imports from another has no
    comment there, and autodoc falls back to its type's docstring ("dict() ->
    new empty dictionary ..."). Such an entry says what it is in the
    directive's own content instead.
    """
    if what != "data" or isinstance(obj, type):
        return
    inherited = inspect.cleandoc(type(obj).__doc__ or "")
    if inherited and "\n".join(lines).strip() == inherited:
        lines.clear()


def _no_protocol_signature(
    app: Sphinx,
    what: str,
    name: str,
    obj: object,
    options: object,
    signature: str | None,
    return_annotation: str | None,
) -> tuple[str, str | None] | None:
    """Show a protocol (``VerdictStream``, ``SupportsClassify``...) without a call
    signature: autodoc gave it ``Protocol``'s own ``(*args, **kwargs)``, as if it
    could be made, and calling one raises ``TypeError``. It is a type to annotate
    with and to check against, not a class to construct."""
    if what == "class" and inspect.isclass(obj) and getattr(obj, "_is_protocol", False):
        return "", return_annotation
    return None


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("autodoc-process-docstring", _drop_type_docstring)
    app.connect("autodoc-process-signature", _no_protocol_signature)
    app.add_directive("rolelens-comparison", ComparisonDirective)
    app.add_directive("rolelens-catalog", CatalogDirective)
    app.add_directive("rolelens-rules", RulesDirective)
    app.add_directive("rolelens-rule-fields", RuleFieldsDirective)
    app.add_directive("rolelens-cli", CliDirective)
    app.add_directive("rolelens-examples", ExamplesDirective)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
