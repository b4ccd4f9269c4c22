"""The command line as a whole: the same idea reads the same in every command."""

from __future__ import annotations

import argparse
import io
import json
import os
import shlex
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from rolelens import Classifier, Lexicon, save
from rolelens.cli import build_parser, main
from rolelens.cli._options import data_file, input_file, output_file, whole_number
from rolelens.examples import read_examples

#: Two labeled statements as JSON Lines, enough for fit and evaluate.
TWO_LABELED = (
    '{"text": "Own the roadmap", "label": "product"}\n'
    '{"text": "Track the budget", "label": "project"}\n'
)


def _commands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    raise AssertionError("no sub-commands")


COMMANDS = _commands()


def _options(command: str) -> dict[str, argparse.Action]:
    return {
        name: action
        for action in COMMANDS[command]._actions
        for name in action.option_strings
        if name.startswith("--")
    }


def test_output_option_is_the_same_everywhere() -> None:
    """Every command that writes a file names it -o/--output FILE, with the same help."""
    helps = set()
    for command in COMMANDS:
        action = _options(command).get("--output")
        if command == "demo":
            continue
        assert action is not None, command
        assert action.option_strings == ["-o", "--output"], command
        assert action.metavar == "FILE", command
        if command != "fit":  # fit's is the model it writes, and required
            helps.add(action.help)
    assert len(helps) == 1


def test_every_command_that_classifies_takes_a_model() -> None:
    """A model made with `rolelens fit` can be used wherever statements are classified."""
    for command in ("classify", "posting", "reframe", "fit", "evaluate"):
        action = _options(command).get("--model")
        assert action is not None, command
        assert action.metavar == "FILE", command
        assert "default" in (action.help or ""), command


def test_long_running_commands_take_progress() -> None:
    for command in ("classify", "fit", "evaluate"):
        action = _options(command).get("--progress")
        assert isinstance(action, argparse.BooleanOptionalAction), command
        assert "--no-progress" in action.option_strings


def test_number_options_have_a_number_metavar() -> None:
    """--seed N and --epochs N, as --jobs N and --misses N: not SEED and EPOCHS."""
    numbers = 0
    for command in COMMANDS:
        for name, action in _options(command).items():
            if action.type is whole_number:
                numbers += 1
                assert action.metavar in ("N", "K"), (command, name)
    # --jobs, --chunk-size, --seed, --epochs, --min-count, --cv, --seed, --misses
    assert numbers == 8


def test_number_options_are_read_as_whole_numbers() -> None:
    """Every number option goes through whole_number, whose error cuts a long value short;
    argparse's int repeats all of it."""
    for command in COMMANDS:
        for name, action in _options(command).items():
            assert action.type is not int, (command, name)


def test_every_option_states_its_default() -> None:
    """An option that takes a value says what happens without it."""
    for command in COMMANDS:
        for name, action in _options(command).items():
            if action.nargs == 0 or name in ("--help", "--version"):
                continue  # a switch
            help_text = action.help or ""
            assert "default" in help_text or "required" in help_text or action.required, (
                command,
                name,
            )


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_has_examples_that_parse(command: str) -> None:
    """Each command's --help ends with examples, and each is a valid command line."""
    epilog = COMMANDS[command].epilog or ""
    assert epilog.startswith("examples:\n")
    lines = [line.strip() for line in epilog.splitlines()[1:] if line.strip()]
    assert lines
    for line in lines:
        # The rolelens part of a pipeline (`curl ... | rolelens posting -`, `rolelens demo | less`)
        words = shlex.split(next(part for part in line.split("|") if "rolelens" in part))
        assert words[0] == "rolelens", line
        if words[1] != command:
            continue  # an example that shows what follows (fit, then classify)
        args = build_parser().parse_args(words[1:])  # exits 2 on a bad example
        assert args.command == command


@pytest.mark.parametrize(
    "argv",
    [
        ["classify", "--format", "text", "Own the roadmap"],
        ["evaluate", "{labeled}", "--format", "text"],
    ],
)
def test_format_text_is_accepted_where_the_human_format_is_a_table(
    argv: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--format text works in every command with a human-readable format."""
    labeled = tmp_path / "labeled.jsonl"
    labeled.write_text(TWO_LABELED, encoding="utf-8")
    argv = [word.replace("{labeled}", str(labeled)) for word in argv]
    assert main(argv) == 0
    as_text = capsys.readouterr().out
    assert main(["table" if word == "text" else word for word in argv]) == 0
    assert capsys.readouterr().out == as_text


def test_reframe_format_jsonl_is_its_json(capsys: pytest.CaptureFixture[str]) -> None:
    """reframe's json is one object per line: --format jsonl names it as classify does."""
    words = ["reframe", "Deliver the reporting module by Q3", "Own the roadmap"]
    assert main([*words, "--format", "jsonl"]) == 0
    jsonl = capsys.readouterr().out
    assert main([*words, "--format", "json"]) == 0
    assert capsys.readouterr().out == jsonl
    assert [json.loads(line)["statement"] for line in jsonl.splitlines()] == words[1:]


def _empty_model(tmp_path: Path) -> Path:
    model = tmp_path / "empty-model.json"
    save(Classifier(Lexicon(())), model)
    return model


def test_reframe_and_posting_use_the_model(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """With a model that knows no cues, nothing leans to project work: no reframe."""
    model = _empty_model(tmp_path)
    statement = "Deliver the reporting module by Q3"
    assert main(["reframe", statement, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["label"] == "project"
    assert main(["reframe", statement, "--format", "json", "--model", str(model)]) == 0
    assert json.loads(capsys.readouterr().out)["label"] == "other"

    posting = tmp_path / "posting.md"
    posting.write_text("# Product Manager\n\n- Own the product roadmap\n", encoding="utf-8")
    assert main(["posting", str(posting), "--format", "json"]) == 0
    assert '"product"' in capsys.readouterr().out
    assert main(["posting", str(posting), "--format", "json", "--model", str(model)]) == 0
    profile = json.loads(capsys.readouterr().out)
    assert '"label": "product"' not in json.dumps(profile)


def test_model_that_is_the_output_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    model = _empty_model(tmp_path)
    posting = tmp_path / "posting.md"
    posting.write_text("Own the product roadmap\n", encoding="utf-8")
    before = model.read_bytes()
    for argv in (
        ["reframe", "x", "--model", str(model), "-o", str(model)],
        ["posting", str(posting), "--model", str(model), "-o", str(model)],
    ):
        assert main(argv) == 2
        assert "is the --model file" in capsys.readouterr().err
    assert model.read_bytes() == before


@pytest.mark.parametrize(
    "content",
    [
        TWO_LABELED,
        "text,label\nOwn the roadmap,product\nTrack the budget,project\n",
    ],
    ids=["jsonl", "csv"],
)
def test_fit_and_evaluate_read_stdin(
    content: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """LABELED may be '-', as every other command's input may."""
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(content.encode())))
    assert main(["evaluate", "-", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["total"] == 2
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(content.encode())))
    model = tmp_path / "model.json"
    assert main(["fit", "-", "-o", str(model)]) == 0
    assert "fitted on 2 statements" in capsys.readouterr().err


@pytest.mark.parametrize(
    "content",
    [
        "\ntext,label\nOwn the roadmap,product\nTrack the budget,project\n",
        "\ufeff\r\n  \r\ntext,label\r\nOwn the roadmap,product\r\nTrack the budget,project\r\n",
        # Not a JSON object, though it starts with '{': a CSV whose first column is "{id}".
        "{id},text,label\n1,Own the roadmap,product\n2,Track the budget,project\n",
        "[id],text,label\n1,Own the roadmap,product\n2,Track the budget,project\n",
    ],
    ids=["blank line first", "BOM, CRLF, blank lines first", "brace column", "bracket column"],
)
def test_stdin_csv_is_read_whatever_comes_first(
    content: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The first line that is not blank decides CSV, and the CSV reader starts there too:
    it took the blank line for the header ('no column(s) named label, text'), and a
    header starting with '{' was read as broken JSON."""
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(content.encode())))
    assert main(["evaluate", "-", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["total"] == 2


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            '[{"text": "Own the roadmap", "label": "product"}]\n',
            "<stdin>:1: a JSON array; '-' reads JSON Lines (one object per line) or CSV "
            "with a header",
        ),
        (
            '\n{"text": "Own the roadmap", "label": "product"\n',
            "<stdin>:2: not valid JSON (Expecting ',' delimiter: line 1 column 47 (char 46))",
        ),
    ],
    ids=["JSON array", "broken first JSON line"],
)
def test_stdin_that_is_neither_jsonl_nor_csv_says_why(
    content: str, message: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A JSON array said 'no column(s) named label, text', as if it were a CSV."""
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(content.encode())))
    assert main(["evaluate", "-"]) == 2
    assert capsys.readouterr().err == f"rolelens: error: {message}\n"


def test_a_csv_file_may_start_with_blank_lines(tmp_path: Path) -> None:
    path = tmp_path / "labeled.csv"
    path.write_text("\n\ntext,label\nOwn the roadmap,product\n", encoding="utf-8")
    assert [e.text for e in read_examples(path)] == ["Own the roadmap"]


def test_empty_stdin_to_evaluate_says_no_examples(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"")))
    assert main(["evaluate", "-"]) == 2
    assert capsys.readouterr().err == (
        "rolelens: error: <stdin>: no labeled statements (it is empty or has only blank "
        "lines); nothing to evaluate\n"
    )


EMPTY_INPUTS = {
    "empty.txt": "",
    "blank.txt": "\n  \r\n\t\n",
    "blank.jsonl": "\n\n",
    "header.csv": "text,label\n\n",
}


@pytest.mark.parametrize("name", sorted(EMPTY_INPUTS))
@pytest.mark.parametrize("command", ["classify", "reframe"])
def test_no_statements_in_a_file_is_a_note_naming_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str, name: str
) -> None:
    """`classify -i` and `reframe -i` on a file with no statement exit 0 (no statements
    in, none out is an answer) but say so on stderr, naming the file; they wrote nothing
    and said nothing, so a mistyped or truncated file passed unnoticed."""
    path = tmp_path / name
    path.write_text(EMPTY_INPUTS[name], encoding="utf-8")
    out = tmp_path / "out.txt"
    assert main([command, "-i", str(path), "-o", str(out)]) == 0
    why = (
        "it has no rows after its header"
        if name.endswith(".csv")
        else "it is empty or has only blank lines"
    )
    assert capsys.readouterr().err == (
        f"rolelens: {path} has no statements ({why}); nothing to {command}\n"
    )
    assert out.exists()  # the run succeeded: its (empty) output is in place


@pytest.mark.parametrize("command", ["classify", "reframe"])
def test_no_statements_on_stdin_is_a_note(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"\n\n")))
    assert main([command, "-i", "-", "--format", "jsonl"]) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        "rolelens: <stdin> has no statements (it is empty or has only blank lines); "
        f"nothing to {command}\n"
    )


@pytest.mark.parametrize("command", ["classify", "reframe"])
@pytest.mark.parametrize("statements", [["-"], ["Own the roadmap", "-"]])
def test_a_dash_statement_is_refused_not_read_as_text(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    command: str,
    statements: list[str],
) -> None:
    """`classify - < file` classified the one statement "-", left the piped file
    unread and exited 0; "-" means standard input everywhere else, so it is refused
    with the option that reads it."""
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"Own the roadmap\n")))
    assert main([command, *statements]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        f"rolelens: error: '-' is not a statement to {command}; to read standard input, use -i -\n"
    )


@pytest.mark.parametrize("name", ["empty.jsonl", "blank.jsonl", "header.csv"])
@pytest.mark.parametrize(
    ("argv", "verb"),
    [(["fit", "-o", "model.json"], "fit on"), (["evaluate", "--cv", "2"], "evaluate")],
    ids=["fit", "evaluate-cv"],
)
def test_no_labeled_statements_is_an_error_naming_the_file(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    verb: str,
    name: str,
) -> None:
    """fit and evaluate need examples: none is an error, and now it names the file
    ("no examples to fit on" did not, nor "0 examples cannot make 2 folds")."""
    monkeypatch.chdir(tmp_path)
    Path(name).write_text(EMPTY_INPUTS.get(name, ""), encoding="utf-8")
    assert main([argv[0], name, *argv[1:]]) == 2
    why = (
        "it has no rows after its header"
        if name.endswith(".csv")
        else "it is empty or has only blank lines"
    )
    assert capsys.readouterr().err == (
        f"rolelens: error: {name}: no labeled statements ({why}); nothing to {verb}\n"
    )
    assert not Path("model.json").exists()


def test_fit_progress_can_be_forced_onto_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    labeled = tmp_path / "labeled.jsonl"
    labeled.write_text(TWO_LABELED, encoding="utf-8")
    assert main(["fit", str(labeled), "-o", "-", "--epochs", "2", "--progress"]) == 0
    captured = capsys.readouterr()
    assert "epochs" in captured.err
    assert json.loads(captured.out)  # stdout holds the model alone


def test_demo_with_stdout_closed_is_an_error() -> None:
    """`rolelens demo >&-` says it could not write, as the other commands do, not exit 0."""
    result = subprocess.run(
        [sys.executable, "-m", "rolelens", "demo"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        check=False,
        close_fds=True,
        preexec_fn=lambda: os.close(1),
    )
    assert result.returncode == 2
    # demo has no -o, so the message does not suggest one
    assert result.stderr == "rolelens: error: standard output is closed\n"


@pytest.mark.parametrize(
    "argv",
    [
        ["classify", "--model", "{value}", "Own the roadmap"],
        ["posting", "{posting}", "--model", "{value}"],
        ["reframe", "--model", "{value}", "Deliver the module by Q3"],
        ["fit", "{labeled}", "-o", "{out}", "--model", "{value}"],
        ["evaluate", "{labeled}", "-o", "{out}", "--model", "{value}"],
        ["decide", "--segment", "b2b", "--approved", "no", "--rules", "{value}", "-o", "{out}"],
        ["compare", "--catalog", "{value}", "-o", "{out}"],
    ],
    ids=lambda argv: (
        f"{argv[0]} {next(w for w in argv if w in ('--model', '--rules', '--catalog'))}"
    ),
)
@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("-", "'-' (standard input) is not read here; name the file ('./-' for a file called '-')"),
        ("", "the path is empty; name a file, or leave the option out for the built-in one"),
    ],
    ids=["dash", "empty"],
)
def test_model_rules_and_catalog_name_a_file_not_stdin(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    value: str,
    message: str,
) -> None:
    """--model - said "-: No such file or directory" (a file called '-'); --model '' meant
    the built-in model in fit and evaluate but an error elsewhere. Both are refused the
    same way everywhere, before any work, and -o is left as it was."""
    labeled = tmp_path / "labeled.jsonl"
    labeled.write_text(TWO_LABELED, encoding="utf-8")
    posting = tmp_path / "posting.md"
    posting.write_text("# Product Manager\n\n- Own the roadmap\n", encoding="utf-8")
    out = tmp_path / "out.txt"
    out.write_text("earlier\n", encoding="utf-8")
    words = {"{value}": value, "{labeled}": str(labeled), "{posting}": str(posting)}
    words["{out}"] = str(out)
    option = next(w for w in argv if w in ("--model", "--rules", "--catalog"))
    with pytest.raises(SystemExit) as exit_info:
        main([words.get(word, word) for word in argv])
    assert exit_info.value.code == 2
    last = capsys.readouterr().err.splitlines()[-1]
    assert last == f"rolelens {argv[0]}: error: argument {option}: {message}"
    assert out.read_text(encoding="utf-8") == "earlier\n"


def test_a_file_called_dash_is_read_as_dot_slash_dash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    save(Classifier(Lexicon(())), tmp_path / "-")
    assert main(["classify", "--model", "./-", "--format", "jsonl", "Own the roadmap"]) == 0
    assert json.loads(capsys.readouterr().out)["label"] == "other"  # a model with no cues


@pytest.mark.parametrize(
    ("argv", "option", "stream"),
    [
        (["classify", "-i", "", "-o", "{out}"], "-i/--input", "input"),
        (["reframe", "-i", "", "-o", "{out}"], "-i/--input", "input"),
        (["posting", "", "-o", "{out}"], "POSTING", "input"),
        (["fit", "", "-o", "{out}"], "LABELED", "input"),
        (["evaluate", "", "-o", "{out}"], "LABELED", "input"),
        (["decide", "", "-o", "{out}"], "SCENARIO", "input"),
        (["classify", "Own the roadmap", "-o", ""], "-o/--output", "output"),
        (["fit", "{labeled}", "-o", ""], "-o/--output", "output"),
        (["compare", "-o", ""], "-o/--output", "output"),
    ],
    ids=lambda value: " ".join(value) if isinstance(value, list) else None,
)
def test_an_empty_file_name_names_its_option(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    option: str,
    stream: str,
) -> None:
    """`-i ""` said only "the path is empty", not which of the command's paths was
    empty; every input and output path now says it as --model "" does, naming the
    option, before any work, and leaves -o as it was."""
    labeled = tmp_path / "labeled.jsonl"
    labeled.write_text(TWO_LABELED, encoding="utf-8")
    out = tmp_path / "out.txt"
    out.write_text("earlier\n", encoding="utf-8")
    words = {"{out}": str(out), "{labeled}": str(labeled)}
    with pytest.raises(SystemExit) as exit_info:
        main([words.get(word, word) for word in argv])
    assert exit_info.value.code == 2
    last = capsys.readouterr().err.splitlines()[-1]
    assert last == (
        f"rolelens {argv[0]}: error: argument {option}: the path is empty; "
        f"name a file, or '-' for standard {stream}"
    )
    assert out.read_text(encoding="utf-8") == "earlier\n"


@pytest.mark.parametrize(
    ("argv", "option"),
    [
        (["classify", "-i", "{a}", "-i", "{b}", "-o", "{out}"], "-i/--input"),
        (["reframe", "--input", "{a}", "-i", "{b}", "-o", "{out}"], "-i/--input"),
        (["classify", "Own the roadmap", "-o", "{out}", "--output", "{b}"], "-o/--output"),
        (["fit", "{labeled}", "-o", "{out}", "-o", "{b}"], "-o/--output"),
        (["classify", "--model", "{a}", "--model", "{b}", "-o", "{out}", "x"], "--model"),
        (["evaluate", "{labeled}", "--model", "{a}", "--model", "{b}", "-o", "{out}"], "--model"),
        (["compare", "--catalog", "{a}", "--catalog", "{b}", "-o", "{out}"], "--catalog"),
        (
            ["decide", "--segment", "b2b", "--approved", "no", "--rules", "{a}", "--rules", "{b}"],
            "--rules",
        ),
    ],
    ids=lambda value: " ".join(value) if isinstance(value, list) else None,
)
def test_a_file_option_given_twice_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], option: str
) -> None:
    """argparse keeps an option's last value: `-i a -i b` classified b alone and
    `-o x -o y` wrote y alone, without a word. An option that names a file is a usage
    error when given twice, naming both values, before any work; -o is left as it was."""
    labeled = tmp_path / "labeled.jsonl"
    labeled.write_text(TWO_LABELED, encoding="utf-8")
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("Own the roadmap\n", encoding="utf-8")
    out = tmp_path / "out.txt"
    out.write_text("earlier\n", encoding="utf-8")
    words = {"{out}": str(out), "{labeled}": str(labeled)}
    words |= {"{a}": str(tmp_path / "a.txt"), "{b}": str(tmp_path / "b.txt")}
    with pytest.raises(SystemExit) as exit_info:
        main([words.get(word, word) for word in argv])
    assert exit_info.value.code == 2
    last = capsys.readouterr().err.splitlines()[-1]
    assert last.startswith(f"rolelens {argv[0]}: error: argument {option}: given twice (")
    assert last.endswith("); it names one file")
    assert (tmp_path / "b.txt").read_text(encoding="utf-8") == "Own the roadmap\n"
    assert out.read_text(encoding="utf-8") == "earlier\n"


def test_other_options_given_twice_keep_the_last(capsys: pytest.CaptureFixture[str]) -> None:
    """Options that name no file keep their last value, as argparse does (an alias's
    --format can be overridden); --roles and --dimensions given twice join their lists."""
    assert main(["classify", "--format", "csv", "--format", "jsonl", "Own the roadmap"]) == 0
    assert json.loads(capsys.readouterr().out)["label"] == "product"
    argv = ["compare", "--format", "csv", "--dimensions", "core_focus"]
    assert main([*argv, "--roles", "product_manager", "--roles", "project_manager"]) == 0
    rows = capsys.readouterr().out.splitlines()[1:]
    assert [row.split(",")[2] for row in rows] == ["product_manager", "project_manager"]


@pytest.mark.parametrize(
    ("file_type", "takes_dash", "otherwise"),
    [
        (input_file, True, "or '-' for standard input"),
        (output_file, True, "or '-' for standard output"),
        (data_file, False, "or leave the option out for the built-in one"),
    ],
    ids=["input_file", "output_file", "data_file"],
)
def test_file_name_types_give_back_any_name_but_an_empty_one(
    file_type: Callable[[str], str], takes_dash: bool, otherwise: str
) -> None:
    """The argparse types of file names share one check for an empty name; each keeps
    its own way out in the message, and any other name is given back as typed."""
    for name in ("a.txt", " ", "./-", "dir/"):
        assert file_type(name) == name
    if takes_dash:
        assert file_type("-") == "-"
    with pytest.raises(argparse.ArgumentTypeError) as info:
        file_type("")
    assert str(info.value) == f"the path is empty; name a file, {otherwise}"


#: A command line of each command whose --format follows the -o extension.
_FORMAT_BY_OUTPUT = {
    "compare": ["compare"],
    "posting": ["posting", "{posting}"],
    "decide": ["decide", "--segment", "b2b", "--approved", "no"],
    "evaluate": ["evaluate", "{labeled}"],
    "reframe": ["reframe", "Deliver the reporting module by Q3"],
}


def _format_by_output_argv(command: str, tmp_path: Path) -> list[str]:
    """The command line of ``command`` in ``_FORMAT_BY_OUTPUT``, its files written."""
    posting = tmp_path / "posting.md"
    posting.write_text("# Product Manager\n\n- Own the roadmap\n", encoding="utf-8")
    labeled = tmp_path / "labeled.jsonl"
    labeled.write_text(TWO_LABELED, encoding="utf-8")
    files = {"{posting}": str(posting), "{labeled}": str(labeled)}
    return [files.get(word, word) for word in _FORMAT_BY_OUTPUT[command]]


@pytest.mark.parametrize(
    ("command", "name", "fmt"),
    [
        ("compare", "roles.json", "json"),
        ("compare", "roles.CSV", "csv"),
        ("compare", "roles.md", "markdown"),
        ("compare", "roles.markdown", "markdown"),
        ("compare", "roles.html", "html"),
        ("compare", "roles.htm", "html"),
        ("compare", "roles.txt", "markdown"),  # an extension it does not know: the default
        ("posting", "report.json", "json"),
        ("posting", "report.md", "markdown"),
        ("posting", "report.HTML", "html"),
        ("posting", "report.txt", "text"),
        ("posting", "report.csv", "text"),
        ("decide", "decision.json", "json"),
        ("decide", "decision.txt", "text"),
        ("decide", "decision.jsonl", "text"),
        ("evaluate", "report.json", "json"),
        ("evaluate", "report.MD", "markdown"),
        ("evaluate", "report.markdown", "markdown"),
        ("evaluate", "report.txt", "table"),
        ("evaluate", "report.html", "table"),
        ("reframe", "reframes.json", "json"),
        ("reframe", "reframes.jsonl", "jsonl"),
        ("reframe", "reframes.NDJSON", "jsonl"),
        ("reframe", "reframes.txt", "text"),
        ("reframe", "reframes.csv", "text"),
    ],
)
def test_output_format_follows_the_o_extension(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str, name: str, fmt: str
) -> None:
    """`compare -o roles.json` wrote a Markdown table into roles.json, `posting -o
    report.html` a text report, `decide -o decision.json` text, `evaluate -o
    report.json` a table and `reframe -o out.jsonl` text, as classify does not:
    without --format, they now write the format the -o extension names, as --format
    would to stdout; an extension they do not know keeps the default."""
    argv = _format_by_output_argv(command, tmp_path)
    out = tmp_path / name
    assert main([*argv, "-o", str(out)]) == 0
    assert main([*argv, "--format", fmt]) == 0
    assert out.read_text(encoding="utf-8") == capsys.readouterr().out


@pytest.mark.parametrize("command", sorted(_FORMAT_BY_OUTPUT))
def test_an_explicit_format_wins_over_the_o_extension(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    """--format is what the user asked for, whatever the -o file is called."""
    argv = _format_by_output_argv(command, tmp_path)
    out = tmp_path / "out.html"
    assert main([*argv, "--format", "json", "-o", str(out)]) == 0
    assert main([*argv, "--format", "json"]) == 0
    assert out.read_text(encoding="utf-8") == capsys.readouterr().out
    json.loads(out.read_text(encoding="utf-8"))


@pytest.mark.parametrize("command", [*sorted(_FORMAT_BY_OUTPUT), "classify"])
def test_a_format_is_read_in_any_case(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    """`--format JSON` was refused while `-o out.JSON` picked JSON: both read any case."""
    argv = (
        ["classify", "Own the roadmap"]
        if command == "classify"
        else _format_by_output_argv(command, tmp_path)
    )
    fmt = "jsonl" if command == "classify" else "json"
    assert main([*argv, "--format", fmt.upper()]) == 0
    upper = capsys.readouterr().out
    assert main([*argv, "--format", fmt]) == 0
    assert upper == capsys.readouterr().out


def test_an_input_format_is_read_in_any_case(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--input-format CSV` reads CSV, as a file's `.CSV` extension does."""
    path = tmp_path / "bullets.dat"
    path.write_text("text\nOwn the roadmap\n", encoding="utf-8")
    argv = ["classify", "-i", str(path), "--format", "jsonl", "--input-format"]
    assert main([*argv, "CSV"]) == 0
    upper = capsys.readouterr().out
    assert main([*argv, "csv"]) == 0
    assert upper == capsys.readouterr().out
    assert '"Own the roadmap"' in upper


def test_compare_spreadsheet_safe_takes_a_csv_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`compare --spreadsheet-safe -o roles.csv` is CSV by its name, as in classify; with
    a name of another format the flag is refused, naming the format."""
    out = tmp_path / "roles.csv"
    assert main(["compare", "--spreadsheet-safe", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("dimension_id,")
    markdown = tmp_path / "roles.md"
    assert main(["compare", "--spreadsheet-safe", "-o", str(markdown)]) == 2
    assert capsys.readouterr().err == (
        "rolelens: error: --spreadsheet-safe guards CSV output, but the output format is "
        "markdown; add --format csv\n"
    )
    assert not markdown.exists()


@pytest.mark.parametrize("command", sorted(_FORMAT_BY_OUTPUT))
def test_format_help_says_the_o_extension_picks_it(command: str) -> None:
    """The default of --format is no longer one format: its help says how it is picked."""
    help_text = _options(command)["--format"].help or ""
    assert "default: from the -o extension, " in help_text
    assert ".json json" in help_text


#: A paragraph pasted where a short value belongs: 3,000 characters.
_PASTED = "Own the roadmap and talk to customers " * 79


def _last_error_line(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    """The error line of a run of ``argv`` that fails (argparse's exit or main's 2)."""
    try:
        code = main(argv)
    except SystemExit as stopped:
        code = int(stopped.code or 0)
    assert code == 2
    return capsys.readouterr().err.strip().splitlines()[-1]


def _choice_options() -> list[tuple[str, str]]:
    return sorted(
        {
            (command, action.option_strings[-1])
            for command in COMMANDS
            for action in COMMANDS[command]._actions
            if action.option_strings and action.choices
        }
    )


@pytest.mark.parametrize(("command", "option"), _choice_options())
def test_a_long_value_that_is_no_choice_is_quoted_cut(
    capsys: pytest.CaptureFixture[str], command: str, option: str
) -> None:
    """argparse's "invalid choice: '...'" repeated a pasted value whole: one error line
    of thousands of characters. It quotes 60 characters and tells the length."""
    line = _last_error_line([command, option, _PASTED], capsys)
    assert "invalid choice: 'own the roadmap" in line.lower()
    assert "... (3,002 characters)" in line
    assert len(line) < 400, line


@pytest.mark.parametrize(
    "argv",
    [
        pytest.param([_PASTED], id="command"),
        pytest.param(["classify", "Own the roadmap", "--bogus=" + "x" * 3000], id="unrecognized"),
        pytest.param(
            ["decide", "--segment", "b2b", "--approved", "no", "--deadline", _PASTED],
            id="decide-deadline",
        ),
        pytest.param(
            ["decide", "--segment", "b2b", "--approved", "no", "--departments", "a,," + _PASTED],
            id="decide-departments",
        ),
        pytest.param(["posting", "-", "--title", " " * 3000], id="posting-title"),
        pytest.param(["classify", "-i", "a.txt", "--input", _PASTED], id="input-twice"),
    ],
)
def test_a_long_option_value_is_quoted_cut(
    capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    """Errors that quote a value repeated a pasted paragraph whole; they show its
    first 60 characters and its length."""
    line = _last_error_line(argv, capsys)
    assert " characters)" in line, line
    assert len(line) < 400, line


@pytest.mark.parametrize(
    ("command", "data", "option"),
    [
        ("classify", "statements.jsonl", "--field"),
        ("classify", "statements.csv", "--column"),
        ("evaluate", "labeled.jsonl", "--field"),
        ("evaluate", "labeled.jsonl", "--label-field"),
        ("evaluate", "labeled.csv", "--column"),
        ("fit", "labeled.csv", "--label-column"),
    ],
)
def test_a_long_field_name_is_quoted_cut(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str, data: str, option: str
) -> None:
    """A field or column named by a pasted paragraph was repeated whole in "no ... field"."""
    source = tmp_path / data
    if data.endswith(".csv"):
        source.write_text("text,label\nOwn the roadmap,product\n", encoding="utf-8")
    else:
        source.write_text('{"text": "Own the roadmap", "label": "product"}\n', encoding="utf-8")
    argv = [command, "-i", str(source)] if command == "classify" else [command, str(source)]
    if command == "fit":
        argv += ["-o", str(tmp_path / "model.json")]
    line = _last_error_line([*argv, option, _PASTED], capsys)
    assert "Own the roadmap and talk" in line, line
    assert len(line) < 400 + len(str(tmp_path)), line


@pytest.mark.parametrize(
    "argv",
    [
        pytest.param(["classify", "Own the roadmap", "-o"], id="output"),
        pytest.param(["classify", "Own the roadmap", "--model"], id="model"),
        pytest.param(["compare", "--catalog"], id="catalog"),
        pytest.param(["decide", "--segment", "b2b", "--approved", "no", "--rules"], id="rules"),
        pytest.param(["classify", "-i"], id="input"),
    ],
)
def test_a_file_name_too_long_is_quoted_cut(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    """A file name longer than the system takes was repeated whole before "File name
    too long" (-o, and the files read whole: --model, --catalog, --rules)."""
    line = _last_error_line([*argv, str(tmp_path / ("x" * 3000))], capsys)
    assert line.endswith("File name too long"), line
    assert len(line) < 400 + len(str(tmp_path)), line
