"""The documentation's promises: every example runs, every public name is documented.

Four checks that build no Sphinx output (``.ci/run`` builds it with
warnings as errors, including ``-b doctest`` for the Python examples; one
test runs Sphinx's no-output builder to check that cross-references resolve):

* every ``examples/*.py`` script runs to completion and prints something;
* every name in ``rolelens.__all__`` has an autodoc entry in ``docs/reference``,
  and so does every name in the ``__all__`` of each public module; the modules,
  classes, functions and methods among them have docstrings;
* every shell command shown in a ``console`` block of the docs runs and exits 0,
  unless the block is preceded by ``<!-- test: skip ... -->`` with a reason, and
  prints the output shown under it, if any (``...`` standing for any text);
* every ``>>>`` example in a docstring of any rolelens module passes, including
  modules the reference pages do not pull in.
"""

from __future__ import annotations

import doctest
import importlib
import importlib.util
import inspect
import os
import pkgutil
import re
import shlex
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import rolelens
from tests.conftest import ROOT

DOCS = ROOT / "docs"
EXAMPLES = ROOT / "examples"
TIMEOUT = 180

SCRIPTS = sorted(EXAMPLES.glob("*.py"))


def _environment() -> dict[str, str]:
    """The test interpreter's environment, with its ``bin`` directory first on PATH."""
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    env["PYTHONIOENCODING"] = "utf-8"
    env.pop("COLUMNS", None)
    return env


# -- examples/*.py ----------------------------------------------------------------------


def test_there_are_example_scripts() -> None:
    """The docs point readers to examples/; an empty directory would make the next test vacuous."""
    assert SCRIPTS, f"no example scripts found in {EXAMPLES}"


def _run_script(script: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return _run_python(cwd, str(script), *args)


def _run_python(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """This interpreter run with ``args`` in ``cwd``, its output captured as text."""
    return subprocess.run(
        [sys.executable, *args],
        cwd=cwd,
        env=_environment(),
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )


@pytest.mark.parametrize("script", SCRIPTS, ids=[p.name for p in SCRIPTS])
def test_example_script_runs(script: Path, tmp_path: Path) -> None:
    """Each example script exits 0 and prints output, run from a scratch directory.

    Scripts run as a reader would first run them: without arguments, so files
    they write by default land in the scratch directory. A script that insists
    on an argument (argparse's usage error, exit 2) is run again with a
    scratch output directory as that argument; nothing is skipped.
    """
    result = _run_script(script, tmp_path)
    if result.returncode == 2 and "usage:" in result.stderr:
        result = _run_script(script, tmp_path, str(tmp_path / "out"))
    assert result.returncode == 0, f"{script.name} failed:\n{result.stdout}\n{result.stderr}"
    assert result.stdout.strip(), f"{script.name} printed nothing"


@pytest.mark.parametrize("name", ["adapt_classifier.py", "render_posting_reports.py"])
def test_example_script_says_so_when_its_output_dir_is_a_file(name: str, tmp_path: Path) -> None:
    """A script's ``OUTPUT_DIR`` that names a file (``report.html``, taken for the
    output's name) ends the script with one line naming the directory, as
    ``classify_bullets.py`` does for its CSV: it ended in a ``FileExistsError``
    traceback from ``mkdir``."""
    taken = tmp_path / "report.html"
    taken.write_text("keep me", encoding="utf-8")
    result = _run_script(EXAMPLES / name, tmp_path, str(taken))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith(f"{name.removesuffix('.py')}: cannot ")
    assert str(taken) in result.stderr
    assert taken.read_text(encoding="utf-8") == "keep me"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("id,text\n1,Own the roadmap\n2\n", "bad.csv:3: fewer fields than the header"),
        ('id,text\n1,"Own the roadmap\n', "cannot read bad.csv: unexpected end of data"),
        ("id,bullet\n", "bad.csv needs the columns 'id' and 'text'"),
    ],
    ids=["short-row", "open-quote", "header-only"],
)
def test_classify_bullets_says_so_when_the_csv_is_malformed(
    content: str, message: str, tmp_path: Path
) -> None:
    """``classify_bullets.py`` given a CSV of the reader's own ends with one line
    naming the problem: a row shorter than the header ended in a ``TypeError``
    traceback from ``classify(None)``, a quote left open was read as the rest of the
    file in one statement, and a header without ``text`` over no rows passed."""
    (tmp_path / "bad.csv").write_text(content, encoding="utf-8")
    result = _run_script(EXAMPLES / "classify_bullets.py", tmp_path, "bad.csv")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.strip() == f"classify_bullets: {message}"


# -- the API reference --------------------------------------------------------------------

_AUTODOC = re.compile(r"^\.\. auto(?:function|class|exception|data)::\s+rolelens\.(\w+)\s*$", re.M)


def documented_names() -> set[str]:
    """Names given an autodoc entry anywhere under ``docs/reference``."""
    names: set[str] = set()
    for page in sorted((DOCS / "reference").glob("*.md")):
        names.update(_AUTODOC.findall(page.read_text(encoding="utf-8")))
    return names


def test_every_public_name_is_in_the_reference() -> None:
    """A name added to ``rolelens.__all__`` must get a reference entry (and no entry is stale)."""
    public = {name for name in rolelens.__all__ if not name.startswith("_")}
    documented = documented_names()
    missing = sorted(public - documented)
    assert not missing, f"public names without an entry in docs/reference: {missing}"
    stale = sorted(documented - public)
    assert not stale, f"docs/reference documents names that are not public: {stale}"


_MODULE_AUTODOC = re.compile(
    r"^\.\. auto(function|class|exception|data|module)::\s+(rolelens(?:\.\w+)+)\s*$"
    r"(\n[ \t]+:no-members:[ \t]*$)?",
    re.M,
)


def documented_entries() -> tuple[set[str], set[str]]:
    """``(objects, modules)`` given an autodoc entry under ``docs/reference``, by dotted name.

    ``objects`` holds the names of ``autofunction``, ``autoclass``,
    ``autoexception`` and ``autodata`` entries (``rolelens.classify``,
    ``rolelens.parallel.MAX_JOBS``); ``modules`` the names of ``automodule``
    entries, which document every name of the module's ``__all__`` (``conf.py``
    sets ``members`` for every autodoc directive).
    """
    objects: set[str] = set()
    modules: set[str] = set()
    for page in sorted((DOCS / "reference").glob("*.md")):
        for directive, name, alone in _MODULE_AUTODOC.findall(page.read_text(encoding="utf-8")):
            if directive != "module":
                objects.add(name)
            elif not alone:  # an automodule with :no-members: shows its docstring only
                modules.add(name)
    return objects, modules


def rendered_module_docstrings() -> set[str]:
    """Modules whose own docstring the reference shows: each ``automodule`` entry's."""
    return {
        name
        for page in sorted((DOCS / "reference").glob("*.md"))
        for directive, name, _ in _MODULE_AUTODOC.findall(page.read_text(encoding="utf-8"))
        if directive == "module"
    }


def _is_public(module: str) -> bool:
    """A module whose dotted parts after ``rolelens`` are public, outside ``rolelens.cli``.

    ``rolelens.cli`` and its command modules are left out: their ``add_parser``
    and ``run`` are the command line's internals, and ``docs/reference/cli.md``
    documents the commands themselves, from the parser's help.
    """
    parts = module.split(".")[1:]
    return not any(part.startswith("_") for part in parts) and parts[0] != "cli"


PUBLIC_MODULES = sorted(
    info.name
    for info in pkgutil.walk_packages(rolelens.__path__, prefix="rolelens.")
    if _is_public(info.name)
)


def test_public_modules_are_found() -> None:
    """The check below must see the public modules, and only those, or it would pass vacuously."""
    assert {"rolelens.text", "rolelens.progress", "rolelens.integrations.dask"} <= set(
        PUBLIC_MODULES
    )
    assert not [name for name in PUBLIC_MODULES if name.startswith(("rolelens.cli", "rolelens._"))]


def test_every_public_name_of_every_public_module_is_in_the_reference() -> None:
    """Every name in the ``__all__`` of a public module has a reference entry.

    Code uses these names from their own modules, not only ``rolelens.__all__``:
    a web app reads a scenario from a request's JSON with
    ``rolelens.scenarios.scenario_from_data`` and reframes a posting's verdicts
    with ``rolelens.shifts.reframe_verdict``; it reads a title's side with
    ``rolelens.posting.title_side`` and renders a comparison with
    ``rolelens.comparisons.render``. Functions, classes and constants alike need
    an entry: one naming ``module.name``, or ``rolelens.name`` when rolelens
    exports the same object at the top level, or an ``automodule`` of the module.
    """
    objects, modules = documented_entries()
    without_all = []
    missing = []
    for name in PUBLIC_MODULES:
        module = importlib.import_module(name)
        if not hasattr(module, "__all__"):
            without_all.append(name)
            continue
        if name in modules:
            continue
        for attr in module.__all__:
            if f"{name}.{attr}" in objects:
                continue
            top = f"rolelens.{attr}"
            if top in objects and getattr(rolelens, attr, None) is getattr(module, attr):
                continue
            missing.append(f"{name}.{attr}")
    assert not without_all, f"public modules without __all__: {without_all}"
    assert not missing, f"public names without an entry in docs/reference: {missing}"


def undocumented_names() -> list[str]:
    """Public modules, classes, functions and methods that have no docstring of their own.

    An autodoc entry for a name without a docstring still builds, showing a bare
    signature, and ``members`` leaves out a method without one: the checks above
    cannot see either. Constants are left out (their text is a ``#:`` comment
    or is written in the reference page, which only Sphinx reads).
    """
    missing = []
    for name in ["rolelens", *PUBLIC_MODULES]:
        module = importlib.import_module(name)
        if not (module.__doc__ or "").strip():
            missing.append(name)
        for attr in getattr(module, "__all__", []):
            obj = getattr(module, attr)
            if not (inspect.isclass(obj) or inspect.isroutine(obj)):
                continue
            if not (obj.__doc__ or "").strip():
                missing.append(f"{name}.{attr}")
            if not inspect.isclass(obj) or not obj.__module__.startswith("rolelens"):
                continue
            for member, value in vars(obj).items():
                function = value.fget if isinstance(value, property) else value
                function = getattr(function, "__func__", function)
                if member.startswith("_") or not inspect.isfunction(function):
                    continue
                if not (function.__doc__ or "").strip():
                    missing.append(f"{name}.{attr}.{member}")
    return sorted(set(missing))


def test_every_public_name_has_a_docstring() -> None:
    """Every public module, and every class, function and method it exports, says what it is."""
    missing = undocumented_names()
    assert not missing, f"public names without a docstring: {missing}"


def public_docstrings() -> Iterator[tuple[str, str]]:
    """``(name, docstring)`` of every public module and of each class, function,
    method and property it exports, as :func:`undocumented_names` walks them."""
    seen: set[int] = set()
    for name in ["rolelens", *PUBLIC_MODULES]:
        module = importlib.import_module(name)
        yield name, inspect.getdoc(module) or ""
        for attr in getattr(module, "__all__", []):
            obj = getattr(module, attr)
            if not (inspect.isclass(obj) or inspect.isroutine(obj)) or id(obj) in seen:
                continue
            seen.add(id(obj))
            yield f"{name}.{attr}", inspect.getdoc(obj) or ""
            if not inspect.isclass(obj) or not obj.__module__.startswith("rolelens"):
                continue
            for member, value in vars(obj).items():
                function = value.fget if isinstance(value, property) else value
                function = getattr(function, "__func__", function)
                if not member.startswith("_") and inspect.isfunction(function):
                    yield f"{name}.{attr}.{member}", inspect.getdoc(function) or ""


def test_docstrings_have_no_broken_inline_literals() -> None:
    """A double-backquoted literal renders as code in the reference only when its
    text neither starts nor ends with a space; otherwise reStructuredText reads both
    pairs of backquotes as text, without a warning even under ``-W``. The
    ``statements.front_matter`` docstring wrote an indented key as
    ````  title: Careers````, which the reference showed backquotes and all.
    Each public docstring is parsed as Sphinx parses it (cross-reference roles
    read as literals) and no ```` `` ```` may be left in its text."""
    nodes = pytest.importorskip("docutils.nodes")
    core = pytest.importorskip("docutils.core")
    roles = pytest.importorskip("docutils.parsers.rst.roles")
    for role in ("class", "func", "meth", "data", "attr", "mod", "exc", "obj"):
        roles.register_generic_role(role, nodes.literal)
    quiet = {"report_level": 5, "halt_level": 5, "warning_stream": False}
    broken = []
    for name, doc in public_docstrings():
        tree = core.publish_doctree(doc, settings_overrides=quiet)
        for text in tree.findall(nodes.Text):
            if "``" in text.astext() and not isinstance(
                text.parent, (nodes.literal, nodes.literal_block, nodes.doctest_block)
            ):
                broken.append(f"{name}: {text.astext()[:200]!r}")
    assert not broken, "\n".join(broken)


def test_a_docstring_pointing_to_its_module_docstring_finds_it_in_the_reference() -> None:
    """``Statement`` and ``read_records`` sent their readers to "the module docstring"
    for the relation of ``text`` to its span and for the input formats, but the
    reference did not show the docstring of ``rolelens.statements`` or of
    ``rolelens.records``: a pointer to nothing. A docstring of a public module that
    points to the module's docstring needs that docstring in the reference."""
    import ast

    pointing = set()
    for name in PUBLIC_MODULES:
        module = importlib.import_module(name)
        source = Path(inspect.getfile(module)).read_text(encoding="utf-8")
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, (ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef)):
                doc = " ".join((ast.get_docstring(node) or "").split())
                if re.search(r"(?i)the module docstring|see the module\b", doc):
                    pointing.add(name)
    assert {"rolelens.statements", "rolelens.records"} <= pointing
    unshown = sorted(pointing - rendered_module_docstrings())
    assert not unshown, f"docstrings point to module docstrings the reference omits: {unshown}"


def test_public_docstrings_are_found() -> None:
    """The check above must read the docstrings, or it would pass on none."""
    names = dict(public_docstrings())
    assert "``title: >``" in names["rolelens.statements.front_matter"]
    assert "rolelens.Classifier.classify" in names
    assert len(names) > 200


def test_threshold_docstrings_give_the_ranges_and_errors() -> None:
    """``Classifier.with_thresholds`` said only "Return a copy with other thresholds",
    and the class named no range: the reference gave a reader no way to know that
    ``shared_floor=2`` is refused, nor with which error. Both now say so, and the
    ranges they give are the ones enforced."""
    doc = inspect.getdoc(rolelens.Classifier.with_thresholds) or ""
    for words in ("min_evidence", "shared_floor", "ArgumentError", "TypeError", "from 0 to 100"):
        assert words in doc
    class_doc = inspect.getdoc(rolelens.Classifier) or ""
    for words in ("from 0 to 100", "from 0 to 1", "from 0.05\nto 100", "ArgumentError"):
        assert words in class_doc
    classifier = rolelens.default_classifier()
    assert classifier.with_thresholds(min_evidence=100, shared_floor=0).min_evidence == 100.0
    for bad in ({"min_evidence": 100.5}, {"shared_floor": 1.5}, {"shared_floor": float("nan")}):
        with pytest.raises(rolelens.ArgumentError, match=next(iter(bad))):
            classifier.with_thresholds(**bad)
    with pytest.raises(TypeError, match="min_evidence"):
        classifier.with_thresholds(min_evidence="0.5")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "name",
    ["Classifier.classify_many", "effective_jobs", "classify_parallel", "map_chunks"],
)
def test_jobs_docstrings_name_the_range_of_jobs(name: str) -> None:
    """Every function taking ``jobs`` refuses a negative one or one above
    ``MAX_JOBS`` with ``ArgumentError``, and none of their docstrings said so
    (``effective_jobs``, which does the checking, named only ``TypeError``)."""
    parallel = importlib.import_module("rolelens.parallel")
    owner, _, attr = name.rpartition(".")
    obj = getattr(rolelens.Classifier if owner else parallel, attr)
    doc = " ".join((inspect.getdoc(obj) or "").split())
    assert "MAX_JOBS" in doc
    assert "negative ``jobs``" in doc or "``jobs`` is negative" in doc
    with pytest.raises(rolelens.ArgumentError, match="jobs must be at most 256"):
        parallel.effective_jobs(parallel.MAX_JOBS + 1)
    with pytest.raises(rolelens.ArgumentError, match="jobs must be >= 0"):
        list(rolelens.classify_many(["Own the roadmap"], jobs=-1))


def test_no_evidence_explanation_is_documented_for_verdicts_with_evidence() -> None:
    """``explain()`` says "no evidence" for a verdict whose evidence all argues
    against its label (an ``other`` verdict the bias decided), though its
    ``evidence`` is not empty: the docstring said only "the strongest evidence for
    it" and the tutorial tied "no evidence" to a statement with no cue at all, so
    ``rolelens classify --explain`` printing it over a list of cues read as a bug.
    """
    against = rolelens.Evidence(0, 4, "Ship", "shipping", rolelens.Label.PROJECT, None, (), -0.6)
    verdict = rolelens.Verdict(
        "Ship the feature", "other", (0.2, 0.2, 0.2, 0.4), 0.4, evidence=[against]
    )
    assert verdict.evidence
    assert verdict.explain() == "other: no evidence"
    doc = " ".join((inspect.getdoc(rolelens.Verdict.explain) or "").split())
    assert "all argue for other labels" in doc
    assert "negative contribution" in doc
    tutorial = " ".join((DOCS / "tutorial.md").read_text(encoding="utf-8").split())
    assert "no cue *for* its label" in tutorial


def test_docstring_check_sees_public_methods() -> None:
    """The check above must reach methods and properties, or it would pass vacuously."""
    classifier = importlib.import_module("rolelens.classifier")
    assert inspect.isfunction(vars(classifier.Classifier)["classify"])
    assert inspect.getdoc(classifier.Classifier.classify)


def test_documented_name_pattern_finds_entries() -> None:
    """The scans above must actually find entries, or the tests would pass on an empty reference."""
    assert "classify" in documented_names()
    assert "Verdict" in documented_names()
    objects, modules = documented_entries()
    assert {"rolelens.classify", "rolelens.parallel.classify_parallel"} <= objects
    assert "rolelens.posting_schema" in modules


def test_protocols_are_shown_without_a_call_signature() -> None:
    """The reference showed ``VerdictStream(*args, **kwargs)``,
    ``SupportsClassify(*args, **kwargs)`` and ``SupportsClassifyMany(*args,
    **kwargs)``, ``Protocol``'s own signature, as if they could be made; calling
    any of them raises ``TypeError``. The docs' extension gives a protocol no
    signature, and leaves every other class's alone."""
    pytest.importorskip("sphinx")
    spec = importlib.util.spec_from_file_location(
        "rolelens_docs", DOCS / "_ext" / "rolelens_docs.py"
    )
    assert spec is not None
    assert spec.loader is not None
    extension = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(extension)
    classifier = importlib.import_module("rolelens.classifier")
    protocols = [classifier.VerdictStream, classifier.SupportsClassify]
    protocols.append(classifier.SupportsClassifyMany)
    for protocol in protocols:
        with pytest.raises(TypeError):
            protocol()
        shown = extension._no_protocol_signature(
            None, "class", protocol.__qualname__, protocol, {}, "(*args, **kwargs)", None
        )
        assert shown == ("", None)
    for obj, what in [(rolelens.Verdict, "class"), (rolelens.classify, "function")]:
        assert extension._no_protocol_signature(None, what, "x", obj, {}, "(text)", None) is None


def test_cross_references_in_the_docs_resolve(tmp_path: Path) -> None:
    """Every ``:class:``, ``:func:`` or ``:data:`` reference in the pages and in the
    docstrings they pull in names something the reference documents. Sphinx renders
    one it cannot resolve as plain text, and says so only when nitpicky: the
    ``EvaluationReport`` docstring's ``Miss``, the ``PostingProfile`` docstring's
    ``Balance``, ``DimensionCoverage``, ``AnalyzedStatement`` and ``LEAN_THRESHOLD``
    and the ``comparisons.from_dict`` docstring's ``json_schema`` were unqualified
    names that Sphinx looked up under the top-level ``rolelens`` (or the wrong
    module), so none of them was a link. ``conf.py`` is nitpicky now, so the
    ``-W`` build fails on such a reference; this runs Sphinx's no-output builder
    to check it where the tests run (some ten seconds)."""
    pytest.importorskip("sphinx")
    pytest.importorskip("myst_parser")
    options = ["-n", "-W", "--keep-going", "-E", "-q", "-b", "dummy"]
    done = _run_python(ROOT, "-m", "sphinx", *options, str(DOCS), str(tmp_path / "dummy"))
    assert "reference target not found" not in done.stderr, done.stderr[-3000:]
    assert done.returncode == 0, done.stderr[-3000:]


# -- docstring examples -----------------------------------------------------------------

MODULES = sorted(info.name for info in pkgutil.walk_packages(rolelens.__path__, prefix="rolelens."))


def test_modules_are_found() -> None:
    """The docstring check below must see the package's modules, not an empty list."""
    assert "rolelens.classifier" in MODULES


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_pass(name: str) -> None:
    """Every ``>>>`` example in the module's docstrings gives the output it shows."""
    module = importlib.import_module(name)
    finder = doctest.DocTestFinder(exclude_empty=True)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    for test in finder.find(module, name):
        runner.run(test)
    result = runner.summarize(verbose=False)
    assert result.failed == 0, f"{result.failed} docstring example(s) failed in {name}"


# -- console blocks in the docs --------------------------------------------------------------

_FENCE = re.compile(r"^(`{3,})console[^\n]*\n(.*?)^\1\s*$", re.M | re.S)
_SKIP = re.compile(r"<!--\s*test:\s*skip\b[^>]*-->\s*$")


def console_transcripts(page: Path) -> list[tuple[int, list[tuple[str, list[str]]], bool]]:
    """``(line number, [(command, shown output lines)], skipped)`` for each
    ``console`` block of ``page``.

    A command starts with ``$ ``; a line ending with ``\\`` continues it, and a
    here-document (``<<'EOF'``) runs to its closing ``EOF`` line. The lines after
    a command, up to the next one, are the output the page shows for it (none,
    often): :func:`test_console_output_in_docs_matches` holds the command to it,
    ``...`` standing for any text, as in a doctest, so a page shows what its
    volatile parts are (scores, counts) by eliding them.
    """
    text = page.read_text(encoding="utf-8")
    blocks = []
    for match in _FENCE.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        before = text[: match.start()].rstrip("\n").rsplit("\n", 1)[-1]
        skipped = bool(_SKIP.search(before))
        commands: list[tuple[str, list[str]]] = []
        lines = match.group(2).splitlines()
        i = 0
        while i < len(lines):
            current = lines[i]
            i += 1
            if not current.startswith("$ "):
                if commands:
                    commands[-1][1].append(current)
                continue
            command = current[2:]
            last = command
            while last.endswith("\\") and i < len(lines):
                last = lines[i]
                command += "\n" + last
                i += 1
            heredoc = re.search(r"<<-?\s*'?(\w+)'?", command)
            if heredoc:
                end = heredoc.group(1)
                while i < len(lines):
                    command += "\n" + lines[i]
                    i += 1
                    if lines[i - 1].strip() == end:
                        break
            commands.append((command, []))
        blocks.append((line, commands, skipped))
    return blocks


def console_blocks(page: Path) -> list[tuple[int, list[str], bool]]:
    """``(line number, commands, skipped)`` for each ``console`` block of ``page``
    (see :func:`console_transcripts`, which also gives each command's shown output)."""
    return [
        (line, [command for command, _output in commands], skipped)
        for line, commands, skipped in console_transcripts(page)
    ]


PAGES = sorted(p for p in DOCS.rglob("*.md") if "_build" not in p.parts)
PAGES_WITH_CONSOLE = [p for p in PAGES if console_blocks(p)]


def test_console_block_parser(tmp_path: Path) -> None:
    """Prompts, continuations, here-documents and skip markers are read as the docs mean them."""
    sample = (
        "<!-- test: skip (needs the network) -->\n"
        "```console\n$ pip install rolelens\n```\n\n"
        "```console\n$ cat > a.txt <<'EOF'\none\n$ not a prompt inside\nEOF\n"
        "$ rolelens classify \\\n  -i a.txt\noutput line\n```\n"
    )
    page = tmp_path / "sample.md"
    page.write_text(sample, encoding="utf-8")
    blocks = console_blocks(page)
    assert [b[2] for b in blocks] == [True, False]
    assert blocks[0][1] == ["pip install rolelens"]
    assert blocks[1][1] == [
        "cat > a.txt <<'EOF'\none\n$ not a prompt inside\nEOF",
        "rolelens classify \\\n  -i a.txt",
    ]


def test_docs_show_console_commands() -> None:
    """The how-to guides teach the command line; finding no command means the parser broke."""
    assert len(PAGES_WITH_CONSOLE) >= 3


#: Where a page's script writes the standard output of each command the page shows
#: output for, as ``<n>.out`` (``n`` counting the page's commands that run, from 0).
OUTPUTS = "_outputs"


def shown_outputs(page: Path) -> list[tuple[int, int, str, list[str]]]:
    """``(n, block line, command, shown lines)`` for each command of ``page`` that
    runs and has output shown under it, ``n`` counting as :data:`OUTPUTS` does."""
    found = []
    n = 0
    for line, commands, skipped in console_transcripts(page):
        if skipped:
            continue
        for command, output in commands:
            if any(text.strip() for text in output):
                found.append((n, line, command, output))
            n += 1
    return found


def page_script(page: Path) -> str:
    """A bash script running the page's commands in order, stopping at the first failure.

    Before each block it prints the block's place in the docs on stderr, and a
    failing command is echoed too, so a failure names the page, line and command.
    A command the page shows output for has its standard output written to
    :data:`OUTPUTS`, to compare with what the page shows.
    """
    lines = [
        "set -euo pipefail",
        "trap 'echo \"failed: $BASH_COMMAND\" >&2' ERR",
        f"mkdir -p {OUTPUTS}",
    ]
    shown = {n for n, _line, _command, _output in shown_outputs(page)}
    n = 0
    for line, commands, skipped in console_blocks(page):
        if skipped:
            continue
        lines.append(f"echo {shlex.quote(f'== {page.relative_to(DOCS)}:{line}')} >&2")
        for command in commands:
            lines.append(f"{{ {command}\n}} > {OUTPUTS}/{n}.out" if n in shown else command)
            n += 1
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def console_runs(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[dict[Path, tuple[subprocess.Popen[bytes], Path]]]:
    """Start every page's commands at once, each page in its own scratch directory.

    Pages are independent, so running them side by side keeps this file fast;
    within a page, commands run in order because later ones use earlier files.
    The scratch directory links ``examples/`` so commands can use the shipped
    sample files, as a reader in a checkout would. Output goes to files, not
    pipes, so a page with long output never blocks.
    """
    runs: dict[Path, tuple[subprocess.Popen[bytes], Path]] = {}
    env = _environment()
    for page in PAGES_WITH_CONSOLE:
        work = tmp_path_factory.mktemp(page.stem)
        (work / "examples").symlink_to(EXAMPLES, target_is_directory=True)
        with (work / "_stdout").open("wb") as out, (work / "_stderr").open("wb") as err:
            process = subprocess.Popen(
                ["bash", "-c", page_script(page)], cwd=work, env=env, stdout=out, stderr=err
            )
        runs[page] = (process, work)
    yield runs
    for process, _work in runs.values():
        if process.poll() is None:
            process.kill()
            process.wait()


@pytest.mark.parametrize(
    "page", PAGES_WITH_CONSOLE, ids=[str(p.relative_to(DOCS)) for p in PAGES_WITH_CONSOLE]
)
def test_console_commands_in_docs_run(
    page: Path, console_runs: dict[Path, tuple[subprocess.Popen[bytes], Path]]
) -> None:
    """Every command a page shows exits 0, run in order as a reader would type them."""
    process, work = console_runs[page]
    try:
        process.wait(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        pytest.fail(f"{page.relative_to(DOCS)}: commands still running after {TIMEOUT} s")
    stdout = (work / "_stdout").read_text(encoding="utf-8", errors="replace")
    stderr = (work / "_stderr").read_text(encoding="utf-8", errors="replace")
    assert process.returncode == 0, (
        f"{page.relative_to(DOCS)}: a command exited {process.returncode}\n"
        f"--- stderr (last lines)\n{stderr[-3000:]}\n--- stdout (last lines)\n{stdout[-2000:]}"
    )


PAGES_WITH_OUTPUT = [p for p in PAGES_WITH_CONSOLE if shown_outputs(p)]


def test_pages_with_shown_output_are_found() -> None:
    """The test below must see the pages that show a command's output, or it would
    pass on nothing: the tutorial and the file guide show several."""
    assert DOCS / "tutorial.md" in PAGES_WITH_OUTPUT
    assert DOCS / "how-to" / "classify-files.md" in PAGES_WITH_OUTPUT


def test_console_transcript_parser(tmp_path: Path) -> None:
    """Output lines belong to the command above them, here-document bodies never."""
    page = tmp_path / "sample.md"
    page.write_text(
        "```console\n$ cat > a.txt <<'EOF'\none\nEOF\n$ rolelens classify -i a.txt\n"
        "label ...\nproduct ...\n$ true\n```\n",
        encoding="utf-8",
    )
    assert console_transcripts(page) == [
        (
            1,
            [
                ("cat > a.txt <<'EOF'\none\nEOF", []),
                ("rolelens classify -i a.txt", ["label ...", "product ..."]),
                ("true", []),
            ],
            False,
        )
    ]
    assert [(n, command) for n, _line, command, _out in shown_outputs(page)] == [
        (1, "rolelens classify -i a.txt")
    ]


@pytest.mark.parametrize(
    "page", PAGES_WITH_OUTPUT, ids=[str(p.relative_to(DOCS)) for p in PAGES_WITH_OUTPUT]
)
def test_console_output_in_docs_matches(
    page: Path, console_runs: dict[Path, tuple[subprocess.Popen[bytes], Path]]
) -> None:
    """The output a page shows under a command is what the command prints, ``...``
    standing for any text (as ``doctest.ELLIPSIS`` reads it) and trailing white
    space ignored: a verdict, a label or a message shown in the docs is checked like
    a doctest's, so it cannot drift from the code unseen."""
    process, work = console_runs[page]
    process.wait(timeout=TIMEOUT)
    assert process.returncode == 0, f"{page.relative_to(DOCS)}: its commands failed"
    checker = doctest.OutputChecker()
    for n, line, command, output in shown_outputs(page):
        got = (work / OUTPUTS / f"{n}.out").read_text(encoding="utf-8")
        want = "".join(text.rstrip() + "\n" for text in output)
        got = "".join(text.rstrip() + "\n" for text in got.splitlines())
        assert checker.check_output(want, got, doctest.ELLIPSIS), (
            f"{page.relative_to(DOCS)}:{line}: $ {command}\n--- shown\n{want}--- printed\n{got}"
        )


# -- Python blocks after a page's commands ----------------------------------------------------

_PYTHON_FENCE = re.compile(r"^```python\n(.*?)^```\s*$", re.M | re.S)
#: A Python block that says so in its first line is a pattern for another system
#: (Spark), not run here.
_NOT_RUN = "(not run in the docs build)"


def python_blocks(page: Path) -> list[str]:
    """The ``python`` blocks of ``page`` that are meant to run."""
    blocks = _PYTHON_FENCE.findall(page.read_text(encoding="utf-8"))
    return [block for block in blocks if _NOT_RUN not in block.split("\n", 1)[0]]


PAGES_WITH_PYTHON = [p for p in PAGES_WITH_CONSOLE if python_blocks(p)]


def test_pages_with_python_blocks_are_found() -> None:
    """The test below must see the rules guide's block, which reads the file its
    commands write, or it would pass on nothing."""
    assert DOCS / "how-to" / "write-rules.md" in PAGES_WITH_PYTHON
    assert all(_NOT_RUN not in b for p in PAGES_WITH_PYTHON for b in python_blocks(p))


@pytest.mark.parametrize(
    "page", PAGES_WITH_PYTHON, ids=[str(p.relative_to(DOCS)) for p in PAGES_WITH_PYTHON]
)
def test_python_blocks_in_docs_run_after_the_commands(
    page: Path, console_runs: dict[Path, tuple[subprocess.Popen[bytes], Path]]
) -> None:
    """A plain ``python`` block (no doctest output to compare) runs without error in the
    directory the page's commands ran in, as a reader who typed them would run it:
    CONTRIBUTING asks every example to run, and nothing ran these."""
    process, work = console_runs[page]
    process.wait(timeout=TIMEOUT)
    assert process.returncode == 0, f"{page.relative_to(DOCS)}: its commands failed"
    for block in python_blocks(page):
        done = _run_python(work, "-c", block)
        assert done.returncode == 0, f"{page.relative_to(DOCS)}:\n{block}\n{done.stderr[-3000:]}"
        assert done.stdout.strip(), f"{page.relative_to(DOCS)}: the block printed nothing"


def test_postings_page_says_a_given_title_is_trimmed() -> None:
    """The postings explanation said a title passed in "is kept as it is", but
    ``analyze_posting`` trims it and reads a blank one as none, inferring the title
    from the posting (as its docstring says)."""
    posting = "Product Manager\n- Own the roadmap"
    assert rolelens.analyze_posting(posting, "  Delivery Lead \n").title == "Delivery Lead"
    assert rolelens.analyze_posting(posting, "   ").title == "Product Manager"
    page = " ".join((DOCS / "explanation" / "postings.md").read_text(encoding="utf-8").split())
    assert "A title you pass in is kept as it is." not in page
    assert "but for the white space around it, which is trimmed" in page
    assert "counts as none" in page


#: Pages outside ``docs/`` that name rolelens' functions for readers.
PROSE = ["README.md", "CHANGELOG.md", "CONTRIBUTING.md", "SECURITY.md", "benchmarks/README.md"]

_DOTTED = re.compile(r"`(rolelens(?:\.\w+)+)(?:\(\))?`")


def _resolves(dotted: str) -> bool:
    """Whether ``dotted`` names a module of rolelens or something one of them holds."""
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            found: object = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for part in parts[cut:]:
            if not hasattr(found, part):
                return False
            found = getattr(found, part)
        return True
    return False


def test_names_in_prose_exist() -> None:
    """Every dotted ``rolelens`` name that the README, the changelog, the
    contributing and security pages, the benchmark README and the docs' pages
    write in code is something a reader can import or look up. The changelog told of
    ``rolelens.write_posting`` and ``rolelens.read_examples``, which
    ``import rolelens`` does not give (they are ``rolelens.posting_report``'s
    and ``rolelens.examples``')."""
    pages = [ROOT / name for name in PROSE] + PAGES
    assert _resolves("rolelens.posting_report.write_posting")
    assert not _resolves("rolelens.write_posting")
    missing = []
    for page in pages:
        text = page.read_text(encoding="utf-8")
        for match in _DOTTED.finditer(text):
            if not _resolves(match.group(1)):
                line = text.count("\n", 0, match.start()) + 1
                missing.append(f"{page.relative_to(ROOT)}:{line}: {match.group(1)}")
    assert not missing, "\n".join(missing)


def test_evaluate_predictions_documents_empty_sequences() -> None:
    """``evaluate([])`` raises ``FitError``, but ``evaluate_predictions([], [])``
    gives a report of 0 examples with every figure 0.0: its docstring listed the
    errors it raises and not this, so a caller could not tell which to expect."""
    evaluation = importlib.import_module("rolelens.evaluation")
    report = evaluation.evaluate_predictions([], [])
    assert report.total == 0
    assert report.accuracy == report.macro_f1 == 0.0
    with pytest.raises(rolelens.FitError, match="no examples"):
        rolelens.evaluate(None, [])
    doc = " ".join((inspect.getdoc(evaluation.evaluate_predictions) or "").split())
    assert "Two empty sequences" in doc
    assert "report of 0 examples" in doc


def test_the_catalog_guide_shows_the_error_its_broken_file_gives(tmp_path: Path) -> None:
    """The catalog guide's failing command is skipped by the console check (it fails
    on purpose, and its file is made by a doctest), so the error line it shows was
    held to nothing: make ``broken.toml`` as the guide's doctest does and compare."""
    page = DOCS / "how-to" / "extend-catalog.md"
    [(_line, [(command, shown)], skipped)] = [
        block
        for block in console_transcripts(page)
        if any("broken.toml" in command for command, _ in block[1])
    ]
    assert skipped
    assert command == "rolelens compare --catalog broken.toml"
    source = (EXAMPLES / "product_owner_catalog.toml").read_text(encoding="utf-8")
    broken = source.replace('level = "medium"', 'level = "sometimes"')
    (tmp_path / "broken.toml").write_text(broken, encoding="utf-8")
    done = _run_python(tmp_path, "-m", "rolelens", *shlex.split(command)[1:])
    assert done.returncode == 2
    assert done.stdout == ""
    want = "".join(text + "\n" for text in shown)
    assert doctest.OutputChecker().check_output(want, done.stderr, doctest.ELLIPSIS), (
        f"shown:\n{want}printed:\n{done.stderr}"
    )
