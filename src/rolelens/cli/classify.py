"""``rolelens classify``: label statements as product, project, shared or other.

Statements come from the arguments or from a file (``-i FILE``, ``-`` for
stdin) in plain text, JSONL or CSV (:mod:`rolelens.records`); results go
to stdout or ``-o FILE`` as a table, JSONL or CSV.

Default output format: ``table`` when the statements are arguments or
stdout is a terminal; with ``-o FILE`` it is ``csv`` for a ``.csv`` extension
and ``jsonl`` otherwise; ``jsonl`` when piping a file's results.

Interruption (Ctrl-C) and failures: ``-o FILE`` is written to a temporary
file that is renamed to ``FILE`` only when the whole run succeeds, so
``FILE`` never holds a partial result. On Ctrl-C the records finished so
far (whole lines only, never half a record) are kept in ``FILE.partial``
(or, when a file of that name exists already, which is never replaced, in the
first free one of ``FILE.partial.2``, ``FILE.partial.3``, ...; where the
directory refuses new files, in the system's temporary directory)
and the command says so on stderr and exits 130 (SIGTERM likewise: it
says "terminated" and exits 143; SIGHUP, "hung up" and 129). A worker
process that dies (``--jobs``) keeps them too, before its error (exit 2). On stdout every record is
written as one whole line, so a reader never sees half a record either: with
``--jobs``, the line being written into a pipe when the interruption comes is
finished first (see :func:`rolelens.cli._io.write_lines`; only a reader that
takes nothing for two seconds gets it cut).
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import functools
import io
import json
import os
import stat
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, TextIO, cast

from rolelens._display import one_line
from rolelens._memo import remember
from rolelens._native import speedups
from rolelens._serialization import csv_line, names_a_descriptor
from rolelens.cli import _arena
from rolelens.cli._inputs import (
    INPUT_HELP,
    add_statement_options,
    no_statements_note,
    statement_source_problem,
    statement_total,
)
from rolelens.cli._options import (
    add_command,
    add_model_option,
    add_output_option,
    add_progress_option,
    add_spreadsheet_safe_option,
    command_progress,
    format_by_output,
    load_classifier,
    shown_number,
    spreadsheet_safe_problem,
    whole_number,
)
from rolelens.errors import InputError, WorkerError
from rolelens.labels import Label
from rolelens.records import (
    _STDIN_NAME,
    LineBlock,
    Record,
    detect_format,
    parse_block,
    read_line_blocks,
    read_records,
)

if TYPE_CHECKING:
    from rolelens.classifier import Classifier, Verdict

__all__ = ["add_parser", "run"]

#: ``text`` is another name for ``table``: the human-readable format of the other commands.
FORMAT_CHOICES = ("table", "text", "jsonl", "csv")
#: The format ``-o FILE`` asks for by its extension when ``--format`` is not given.
SUFFIX_FORMATS = {".csv": "csv"}
#: How many skipped records are described one by one before only counting.
SHOWN_SKIPS = 10

#: One encoder for every line: json.dumps would build a new one per call.
_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))

_SCORE_COLUMNS = ("score_product", "score_project", "score_shared", "score_other")


# Each worker is a process holding the classifier, and each chunk is held in memory
# whole: beyond these, more only costs (a typo could start thousands of processes).
MAX_JOBS = 256  # rolelens.parallel.MAX_JOBS; not imported, as that loads the classifier
MAX_CHUNK_SIZE = 1_000_000


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Register the ``classify`` sub-command."""
    parser = add_command(
        subparsers,
        "classify",
        help="label statements as product, project, shared or other",
        description=(
            "Label each statement as product, project, shared or other, with scores, "
            "confidence and the evidence behind the verdict. Statements come from the "
            "arguments or from -i FILE (plain text one per line, JSONL, or CSV)."
        ),
        examples="""
rolelens classify "Own the product roadmap" "Keep the release on schedule"
rolelens classify -i bullets.txt -o verdicts.csv
rolelens classify -i scraped.jsonl -o verdicts.csv --spreadsheet-safe
rolelens classify -i statements.jsonl --field statement --explain --format jsonl
""",
    )
    add_statement_options(
        parser,
        statements_help="statement(s) to classify",
        input_help=INPUT_HELP,
    )
    add_output_option(parser)
    parser.add_argument(
        "--format",
        type=str.lower,  # "JSON" as "-o out.JSON" reads it
        choices=FORMAT_CHOICES,
        default=None,
        help=(
            "table (also called text), jsonl (one JSON object per line) or csv (default: "
            "table for arguments or a terminal; with -o, csv for a .csv extension, else jsonl)"
        ),
    )
    add_spreadsheet_safe_option(parser)
    parser.add_argument(
        "--explain", action="store_true", help="add the one-line explanation of each verdict"
    )
    parser.add_argument(
        "--jobs",
        type=whole_number,
        default=1,
        metavar="N",
        help=f"worker processes: 0 = one per CPU, at most {MAX_JOBS} (default: 1)",
    )
    parser.add_argument(
        "--chunk-size",
        type=whole_number,
        default=2000,
        metavar="N",
        help=(
            "statements per work chunk (lines, for text and JSONL files), at most "
            f"{MAX_CHUNK_SIZE:,} (default: 2000)"
        ),
    )
    add_model_option(parser)
    parser.add_argument(
        "--skip-invalid",
        action="store_true",
        help=(
            "skip unreadable records (reported and counted on stderr) instead of stopping "
            "(default: stop at the first)"
        ),
    )
    add_progress_option(
        parser, when="when reading a file, stderr is a terminal and the output is not printed there"
    )
    parser.set_defaults(func=run)
    return parser


def run(args: argparse.Namespace) -> int:
    """Classify the statements and write one result per statement."""
    from rolelens.cli import fail
    from rolelens.cli._io import (
        UTF8_FORMATS,
        Interrupted,
        atomic_output,
        output_on_terminal,
        output_overwrites_input,
        write_lines,
    )
    from rolelens.parallel import WINDOW_PER_JOB, effective_jobs, map_chunk_results

    problem = statement_source_problem(args, "classify")
    if problem is not None:
        return fail(problem)
    if not 0 <= args.jobs <= MAX_JOBS:
        return fail(f"--jobs must be 0 (one per CPU) to {MAX_JOBS}, got {shown_number(args.jobs)}")
    if not 1 <= args.chunk_size <= MAX_CHUNK_SIZE:
        return fail(
            f"--chunk-size must be 1 to {MAX_CHUNK_SIZE:,}, got {shown_number(args.chunk_size)}"
        )
    clash = output_overwrites_input(args.output, {"input": args.input, "--model": args.model})
    if clash is not None:
        return fail(clash)
    fmt = args.format or _default_format(args)
    if fmt == "text":
        fmt = "table"
    problem = spreadsheet_safe_problem(args, fmt)
    if problem is not None:
        return fail(problem)
    classifier = load_classifier(args.model)

    skips = _SkipReport()
    total: int | None = None
    show_progress = args.progress
    with_line = args.input is not None
    input_format = None if args.input is None else detect_format(args.input, args.input_format)
    if args.input is None:
        show_progress = bool(show_progress)
    elif show_progress or (
        # Not by default into results printed on the terminal: the line was drawn
        # into them ("... 67,782 statements/s]product   0.95  Own the roadmap").
        show_progress is None and sys.stderr.isatty() and not output_on_terminal(args.output)
    ):
        show_progress = True
        total = statement_total(args.input, cast(str, input_format))
    else:
        show_progress = False

    def invalid(problem: str, line: int) -> None:
        error = InputError(
            problem, path=_STDIN_NAME if args.input == "-" else args.input, line=line
        )
        if not args.skip_invalid:
            raise error
        skips(error)

    jobs = effective_jobs(args.jobs)
    method = _start_method()
    with (
        atomic_output(args.output, utf8=fmt in UTF8_FORMATS) as stream,
        contextlib.ExitStack() as resources,
    ):
        # Encoded by the workers only when there are workers: in one process the
        # lines go straight to the stream, with no joined copy of a chunk.
        sink = _byte_sink(stream) if jobs > 1 else None
        options = {
            "fmt": fmt,
            "explain": args.explain,
            "spreadsheet_safe": args.spreadsheet_safe,
            "encoding": None if sink is None else stream.encoding,
            "errors": stream.errors or "strict",
        }
        arena: _arena.Arena | None = None
        items: Iterable[Any]
        worker: Callable[..., list[_Chunk]]
        if input_format in ("text", "jsonl"):
            # Text and JSONL lines are parsed where they are classified: the
            # parent only cuts the input into blocks of lines.
            blocks = read_line_blocks(args.input, input_format=input_format, lines=args.chunk_size)
            if sink is not None and method == "fork":
                arena = _arena.open_arena(jobs * WINDOW_PER_JOB + 1)
            if arena is not None:
                resources.enter_context(arena)
                slots = arena.slots
                items = ((k % slots, block) for k, block in enumerate(blocks))
            else:
                items = ((None, block) for block in blocks)
            worker = functools.partial(
                encoded_block, input_format=input_format, field=args.field, **options
            )
            chunk_size = 1  # one block per chunk
        else:
            records: Iterable[Record] = (
                [Record(text, n) for n, text in enumerate(args.statements, 1)]
                if args.input is None
                else read_records(
                    args.input,
                    input_format="csv",
                    column=args.column,
                    skip_invalid=args.skip_invalid,
                    on_invalid=skips,
                )
            )
            items = ((r.line if with_line else None, r.text) for r in records)
            worker = functools.partial(encoded_chunk, **options)
            chunk_size = args.chunk_size
        chunks = map_chunk_results(
            classifier, items, worker, jobs=jobs, chunk_size=chunk_size, start_method=method
        )
        try:
            # The first result starts the workers: forked before tqdm starts its thread.
            pending = next(chunks, None)
            classified = 0
            with command_progress(args.progress, total=total, enabled=show_progress) as progress:
                stream.write(_header(fmt, explain=args.explain, with_line=with_line))
                stream.flush()
                while pending is not None:  # one block: whole lines, in input order
                    ((count, payload, problems),) = pending
                    for problem, line in problems:
                        invalid(problem, line)
                    if isinstance(payload, list):
                        stream.writelines(payload)
                    elif isinstance(payload, bytes):
                        write_lines(cast("BinaryIO", sink), payload)
                    else:  # (slot, size) in the arena; copied out before the slot is reused
                        cast("_arena.Arena", arena).copy(*payload, cast("BinaryIO", sink))
                    progress.update(count)
                    classified += count
                    pending = next(chunks, None)
                # The total was the file's lines: blank ones, a CSV record's extra
                # lines and skipped records are counted there but are no statements.
                progress.finish()
            if skips.count and not classified:
                # Every record was skipped (a mistyped --field, the wrong file): a
                # failure, not an empty result in place of the -o file.
                where = (
                    "no records written"  # stdout has had the header, if the format has one
                    if args.output in (None, "-")
                    else f"{args.output} not written"
                )
                raise InputError(
                    f"no record could be read ({skips.count} skipped); {where}",
                    path=_STDIN_NAME if args.input == "-" else args.input,
                )
            if not classified and args.input is not None:
                _say(no_statements_note(args.input, cast(str, input_format), "nothing to classify"))
        except KeyboardInterrupt as exc:
            _close(chunks)
            if args.output not in (None, "-"):
                _keep_partial(stream, args.output, stopped=exc)
                raise Interrupted from None
            raise
        except WorkerError as exc:
            # A worker killed (out of memory, kill -9): the chunks done are kept as
            # after Ctrl-C, not thrown away with the temporary file; then the error.
            _close(chunks)
            if args.output not in (None, "-"):
                _keep_partial(stream, args.output, stopped=exc)
            raise
        finally:
            _close(chunks)
            if sink is not None:
                sink.flush()
            skips.summarise(_STDIN_NAME if args.input == "-" else args.input)
    return 0


def _start_method() -> str:
    """``fork`` where it is safe and cheap: Linux, and no other thread in this process.

    Forked workers inherit the compiled classifier instead of each receiving
    and compiling it again (half a second of every worker's start).
    """
    from rolelens.parallel import default_start_method

    return default_start_method()


def _byte_sink(stream: TextIO) -> BinaryIO | None:
    """The binary stream under ``stream`` when chunks may be written to it as bytes.

    Workers then encode their chunk themselves (into the shared arena, or as
    one ``bytes`` object): a fraction of the cost of pickling thousands of
    strings and of encoding them again in the parent, whose time is what
    limits N processes. Only where that changes nothing: no newline
    translation, and a stream that really has a buffer (a test's
    ``StringIO`` does not).
    """
    buffer = getattr(stream, "buffer", None)
    if buffer is None or os.linesep != "\n" or not isinstance(stream, io.TextIOWrapper):
        return None
    return cast("BinaryIO", buffer)


def _default_format(args: argparse.Namespace) -> str:
    """The format without ``--format``: for ``-o FILE`` by its extension, read as the
    other commands read it (a file named ``.csv`` has none, and gets JSON Lines)."""
    if args.output not in (None, "-"):
        return format_by_output(None, args.output, SUFFIX_FORMATS, "jsonl")
    if args.input is None or (sys.stdout is not None and sys.stdout.isatty()):
        return "table"
    return "jsonl"


def _close(iterator: Iterator[Any]) -> None:
    close = getattr(iterator, "close", None)
    if close is not None:
        close()


class _SkipReport:
    """Called for each record ``--skip-invalid`` skips: show the first few, count all."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, error: InputError) -> None:
        self.count += 1
        if self.count <= SHOWN_SKIPS:
            _say(f"skipped {error}")

    def summarise(self, path: str | None) -> None:
        if self.count:
            more = f" ({self.count - SHOWN_SKIPS} not shown)" if self.count > SHOWN_SKIPS else ""
            _say(f"skipped {self.count} invalid record(s) in {path}{more}")


def _say(message: str) -> None:
    from rolelens.cli import say  # here: rolelens.cli imports this module

    say(message)


def _keep_partial(stream: TextIO, output: str, *, stopped: BaseException | None = None) -> None:
    """Copy the complete records written so far to ``OUTPUT.partial`` and say so.

    ``stopped`` is what stopped the run: the message says "terminated" for
    SIGTERM, "hung up" for SIGHUP (:class:`~rolelens.cli._io.Terminated`),
    "stopped" for an error (a worker that died), else "interrupted".

    The temporary file behind ``stream`` is about to be removed by
    :func:`~rolelens.cli._io.atomic_output`; its complete lines are read
    back through the open descriptor (no name needed) and put aside whole
    (:func:`_put_aside`), never over an existing file: a ``.partial`` file
    already there (an earlier run's, or the user's own) is left as it is, and
    the lines go to ``OUTPUT.partial.2`` (``.3``, ...) instead. Best effort:
    if anything fails, say that nothing was kept.
    """
    from rolelens.cli._io import stop_words

    if stopped is None or isinstance(stopped, KeyboardInterrupt):
        verb, noun = stop_words(stopped or KeyboardInterrupt())
    else:
        verb, noun = "stopped", "failure"
    try:
        stream.flush()
        fd = stream.fileno()
        written = os.fstat(fd)
        if names_a_descriptor(output) or not stat.S_ISREG(written.st_mode):
            # A pipe, a device or the shell's own file was written directly: what
            # was sent has arrived, and no .partial file belongs beside it.
            _say(f"{verb}; {output} received the lines written before the {noun}")
            return
        end = _whole_lines_end(fd, written.st_size)
        why = ""
        try:
            target, done = _put_aside(fd, end, output)
        except _NoFileBeside as exc:
            # A directory that refuses new files (the output, a file one may write, went
            # to a temporary file elsewhere): the lines go to the temporary directory.
            import tempfile

            elsewhere = os.path.join(tempfile.gettempdir(), os.path.basename(output))
            if os.path.samefile(os.path.dirname(elsewhere), os.path.dirname(exc.filename)):
                raise
            # Private there: a shared directory's other users have no business with them.
            target, done = _put_aside(fd, end, elsewhere, private=True)
            why = f" (no file can be made beside it: {exc.strerror})"
    except (OSError, ValueError):
        _say(f"{verb}; nothing written to {output}")
        return
    _say(
        f"{verb}; {output} not written{why}, "
        f"the {done} complete line(s) done so far are in {target}"
    )


#: The most ``.partial`` names tried beside one output before giving up.
_PARTIAL_NAMES = 100
#: What ``os.link`` fails with on a file system without hard links (FAT, some FUSE).
_NO_HARD_LINKS = frozenset(
    getattr(errno, name)
    for name in ("EPERM", "ENOTSUP", "EOPNOTSUPP", "ENOSYS")
    if hasattr(errno, name)
)


class _NoFileBeside(OSError):
    """No file can be made in the output's directory; ``filename`` names it."""


def _put_aside(source: int, size: int, output: str, *, private: bool = False) -> tuple[str, int]:
    """Copy the first ``size`` bytes of the file open as ``source`` to the first of
    ``OUTPUT.partial``, ``OUTPUT.partial.2``, ... that does not exist; return its
    name and the number of lines copied.

    The bytes go to a temporary file first, a piece at a time (an output of
    gigabytes was read into memory whole: out of memory, and nothing kept), and
    it is then linked to the name: a link is refused where anything (even a
    dangling symlink) has the name, so no file is ever replaced, and the name
    holds all the lines or none. Where the file system has no hard links, the
    temporary file is renamed to a name found free. The temporary file is
    removed in any case. :class:`_NoFileBeside` is raised when the directory
    refuses even the temporary file. ``private`` keeps the file readable by
    its owner only (mkstemp's 0600), not by the mode a new file gets.
    """
    import tempfile

    from rolelens._serialization import _temporary_prefix, new_file_mode

    first = f"{output}.partial"
    names = [first, *(f"{first}.{n}" for n in range(2, _PARTIAL_NAMES + 1))]
    directory = os.path.dirname(os.path.abspath(first))
    try:
        fd, tmp = tempfile.mkstemp(
            prefix=_temporary_prefix(Path(os.path.abspath(first))), suffix=".tmp", dir=directory
        )
    except OSError as exc:
        raise _NoFileBeside(exc.errno, exc.strerror, os.path.join(directory, "")) from exc
    try:
        lines = 0
        with open(fd, "wb") as partial:
            done = 0
            while done < size:
                piece = _read_at(source, min(_PIECE, size - done), done)
                if not piece:
                    break
                partial.write(piece)
                lines += piece.count(b"\n")
                done += len(piece)
        if not private:
            os.chmod(tmp, new_file_mode())  # mkstemp makes it 0600: as open() would make it
        for name in names:
            try:
                os.link(tmp, name)
            except FileExistsError:
                continue
            except OSError as exc:  # no hard links here: renamed, if the name is still free
                if exc.errno not in _NO_HARD_LINKS:
                    raise
                if os.path.lexists(name):
                    continue
                os.rename(tmp, name)
            return name, lines
        raise FileExistsError(errno.EEXIST, "every name for the lines done is taken", first)
    finally:
        # A full disk (or a second Ctrl-C) must not leave it behind either.
        with contextlib.suppress(OSError):
            os.unlink(tmp)


#: How much of the output is read at a time when its lines are put aside.
_PIECE = 1 << 20


def _whole_lines_end(fd: int, size: int) -> int:
    """Where the last whole line of the first ``size`` bytes of ``fd`` ends (0: none),
    read from the end backwards, a piece at a time."""
    end = size
    while end > 0:
        start = max(0, end - _PIECE)
        piece = _read_at(fd, end - start, start)
        at = piece.rfind(b"\n")
        if at >= 0:
            return start + at + 1
        end = start
    return 0


def _read_at(fd: int, size: int, offset: int) -> bytes:
    """``size`` bytes of ``fd`` from ``offset`` (fewer at its end), the position untouched
    where the platform can."""
    pread = getattr(os, "pread", None)
    if pread is not None:
        data: bytes = pread(fd, size, offset)
        return data
    os.lseek(fd, offset, os.SEEK_SET)  # pragma: no cover - platforms without pread
    return os.read(fd, size)  # pragma: no cover


# -- formatting (runs in the worker processes too: module-level, picklable) ------


def _header(fmt: str, *, explain: bool, with_line: bool) -> str:
    if fmt == "csv":
        names = ["line"] if with_line else []
        names += ["text", "label", "confidence", *_SCORE_COLUMNS]
        if explain:
            names.append("explanation")
        return csv_line(names)
    if fmt == "table":
        return f"{'label':<8} {'conf':>5}  statement\n"
    return ""


def format_chunk(
    classifier: Classifier,
    chunk: Sequence[tuple[int | None, str]],
    *,
    fmt: str,
    explain: bool,
    spreadsheet_safe: bool = False,
) -> list[str]:
    """Classify a chunk and return one finished output line (or row) per statement.

    ``spreadsheet_safe`` is for ``csv``: see
    :func:`~rolelens._serialization.csv_line`; the line number, confidence and
    scores are numbers, and stay as they are.
    """
    classify = classifier.classify
    out: list[str] = []
    core = classifier._core
    if fmt == "jsonl" and not explain and core is not None:
        # The common case: the C pass classifies and writes each line in one call
        # (called directly for ASCII text, the usual statement: no wrapper per line).
        jsonl_line = speedups.jsonl_line
        for line, text in chunk:
            made = None
            if isinstance(text, str):
                if text.isascii():
                    made = jsonl_line(text, core, _tail_json, line)
                else:
                    made = classifier._jsonl_line(text, line, _tail_json)
            out.append(made if made is not None else _jsonl(classify(text), line, explain=False))
        return out
    for line, text in chunk:
        verdict = classify(text)
        if fmt == "jsonl":
            out.append(_jsonl(verdict, line, explain=explain))
        elif fmt == "csv":
            row: list[object] = [] if line is None else [line]
            row += [text, verdict.label.value, verdict.confidence, *verdict.scores]
            if explain:
                row.append(verdict.explain())
            out.append(csv_line(row, spreadsheet_safe=spreadsheet_safe))
        else:
            out.append(_table_row(verdict, explain=explain))
    return out


#: One chunk's work as a worker returns it: the number of statements, their
#: output and the ``(problem, line)`` of each bad input record in it. The
#: output is the lines themselves (one process), or encoded: as ``bytes``, or
#: put in the parent's shared arena, given as ``(slot, size)``.
_Chunk = tuple[int, "list[str] | bytes | tuple[int, int]", list[tuple[str, int]]]


def encoded_chunk(
    classifier: Classifier,
    chunk: list[tuple[int | None, str]],
    *,
    fmt: str,
    explain: bool,
    spreadsheet_safe: bool = False,
    encoding: str | None = None,
    errors: str = "backslashreplace",
) -> list[_Chunk]:
    """:func:`format_chunk`'s lines as one ``(count, output, problems)`` item.

    The output is the lines joined and encoded into one ``bytes`` object (far
    cheaper to send between processes than thousands of strings, and the
    parent need not encode it again), or the list of lines itself when
    ``encoding`` is ``None``. ``encoding`` and ``errors`` are those of the
    text stream the bytes go under, so the file holds what writing the lines
    as text would give. ``problems`` is empty: records were read already.
    """
    lines = format_chunk(
        classifier, chunk, fmt=fmt, explain=explain, spreadsheet_safe=spreadsheet_safe
    )
    return [(len(lines), _payload(lines, encoding, errors), [])]


def encoded_block(
    classifier: Classifier,
    blocks: list[tuple[int | None, LineBlock]],
    *,
    input_format: str,
    field: str,
    fmt: str,
    explain: bool,
    spreadsheet_safe: bool = False,
    encoding: str | None = None,
    errors: str = "backslashreplace",
) -> list[_Chunk]:
    """:func:`encoded_chunk` for blocks of input lines, parsed here.

    Each block comes with the arena slot its output may use (``None``: send
    it home). Bad records are returned with the output, for the parent to
    report in input order (see :func:`~rolelens.records.parse_block`).
    """
    out: list[_Chunk] = []
    for slot, block in blocks:
        records, problems = parse_block(block, input_format=input_format, field=field)
        lines = format_chunk(
            classifier, records, fmt=fmt, explain=explain, spreadsheet_safe=spreadsheet_safe
        )
        count = len(lines)
        if slot is not None and encoding is not None:
            size = _arena.put(slot, lines, encoding, errors)
            if size is not None:
                out.append((count, (slot, size), problems))
                continue
        out.append((count, _payload(lines, encoding, errors), problems))
    return out


def _payload(lines: list[str], encoding: str | None, errors: str) -> list[str] | bytes:
    if encoding is None:
        return lines
    text = "".join(lines)
    lines.clear()  # at most two copies of the chunk's output at once, not three
    return text.encode(encoding, errors)


_STR = json.encoder.encode_basestring  # the C encoder behind ensure_ascii=False
_FLOAT = float.__repr__  # how json writes a finite float
# The part of an evidence object after "matched", by (cue, label, dimension, tags,
# contribution): a few thousand distinct values, each encoded once instead of per line.
_TAILS: dict[tuple[Any, ...], str] = {}
_TAILS_LIMIT = 200_000


def _encode_tail(
    cue: str, label: Label, dimension: str | None, tags: tuple[str, ...], contribution: float
) -> str:
    """The part of an evidence object after "matched", closing brace included."""
    record = {
        "cue": cue,
        "label": label,
        "dimension": dimension,
        "tags": tags,
        "contribution": contribution,
    }
    return _JSON.encode(record)[1:]


def _tail_json(tail: tuple[Any, ...], label: Label) -> str:
    """:func:`_encode_tail` of a compiled cue's evidence tail (for the C pass)."""
    shown, _, dimension, tags, contribution = tail
    return _encode_tail(shown, label, dimension, tags, contribution)


def _jsonl(verdict: Verdict, line: int | None, *, explain: bool) -> str:
    """``verdict.to_dict()`` as one JSONL line, exactly as ``_JSON`` writes it, faster.

    Encoding the evidence dictionaries was most of the command's time; their
    constant parts are encoded once and the rest is formatted directly.
    """
    evidence = verdict._evidence_json(_tail_json)  # from the C pass, if it found it
    if evidence is None:
        tails = _TAILS
        items = []
        for e in verdict.evidence:
            key = e[3:]
            tail = tails.get(key)
            if tail is None:
                tail = remember(tails, key, _encode_tail(*key), _TAILS_LIMIT)
            items.append(f'{{"start":{e.start},"end":{e.end},"matched":{_STR(e.matched)},{tail}')
        evidence = f"[{','.join(items)}]"
    # Scores and confidence are finite floats, which json writes as repr() does.
    p, q, r, o = map(_FLOAT, verdict.scores)
    head = "{" if line is None else f'{{"line":{line},'
    text = (
        f'{head}"text":{_STR(verdict.text)},"label":"{verdict.label.value}",'
        f'"confidence":{_FLOAT(verdict.confidence)},"scores":{{"product":{p},'
        f'"project":{q},"shared":{r},"other":{o}}},"evidence":{evidence}'
    )
    if explain:
        text += f',"explanation":{_STR(verdict.explain())}'
    return text + "}\n"


def _table_row(verdict: Verdict, *, explain: bool) -> str:
    text = one_line(verdict.text)
    row = f"{verdict.label.value:<8} {verdict.confidence:>5.2f}  {text}\n"
    if explain:
        row += f"{'':<16}{one_line(verdict.explain())}\n"
    return row
