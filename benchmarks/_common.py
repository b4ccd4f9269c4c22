"""Shared pieces of the benchmark scripts: the data path, the keyword baseline and
the command line's classify path."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from rolelens import Classifier, Label, default_classifier
from rolelens.cli import main
from rolelens.errors import InputError
from rolelens.evaluation import EvaluationReport
from rolelens.examples import read_examples
from rolelens.labels import LABELS

ROOT = Path(__file__).resolve().parent.parent
DEV_FILE = ROOT.parent / "shared" / "data" / "dev.jsonl"
CORPUS = ROOT / "training" / "corpus"


def at_least(low: int) -> Callable[[str], int]:
    """An argparse ``type``: a whole number of at least ``low``, else a usage error
    (a bad count or seed was a traceback from deep in a run, or a division by zero)."""

    def read(value: str) -> int:
        try:
            number = int(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
        if number < low:
            raise argparse.ArgumentTypeError(f"must be at least {low}, got {number}")
        return number

    return read


def read_jsonl(path: Path) -> list[dict[str, str]]:
    """Rows with ``text`` and ``label`` from a JSONL file, or exit with a message.

    Read as :func:`rolelens.examples.read_examples` reads it (a byte-order mark, a label
    in any case and with white space around it, a ``.csv`` file with a header);
    each label is given as its value (``"product"``). A line that cannot be
    read exits naming the file and line, not with a traceback.
    """
    if not path.is_file():
        sys.exit(f"benchmark data not found: {path} (pass a JSONL file with text and label)")
    try:
        examples = read_examples(path)
    except InputError as exc:
        sys.exit(f"benchmark data: {exc}")
    if not examples:
        sys.exit(f"benchmark data: {path} has no labeled statements")
    return [{"text": example.text, "label": example.label.value} for example in examples]


def corpus_rows() -> list[tuple[str, str]]:
    """(text, label) pairs from the training corpus."""
    rows = []
    for path in sorted(CORPUS.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                rows.append((row["text"], row["label"]))
    if not rows:
        sys.exit(f"no corpus found under {CORPUS}")
    return rows


def fitted_sklearn_pipeline() -> Any:
    """What a user would otherwise pick: scikit-learn's ``TfidfVectorizer`` +
    ``LogisticRegression``, fitted on the training corpus (ImportError without
    scikit-learn, the ``bench`` extra)."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    rows = corpus_rows()
    model = make_pipeline(
        TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True), LogisticRegression(max_iter=1000)
    )
    model.fit([text for text, _ in rows], [label for _, label in rows])
    return model


def report_header() -> str:
    """The column titles of :func:`report_row`."""
    labels = " ".join(f"{label.value:>8}" for label in LABELS)
    return f"{'':<28} {'accuracy':>8} {'macro-F1':>10} {'prod/proj':>10} {labels}"


def report_row(name: str, report: EvaluationReport) -> str:
    """One line of figures: accuracy, both macro-F1s and the F1 of each label."""
    f1 = " ".join(f"{m.f1:>8.3f}" for m in report.per_label)
    return (
        f"{name:<28} {report.accuracy:>8.3f} {report.macro_f1:>10.3f} "
        f"{report.product_project_macro_f1:>10.3f} {f1}"
    )


# The keyword baseline: what a developer might write in half an hour.
PRODUCT_WORDS = (
    "product",
    "roadmap",
    "customer",
    "user",
    "market",
    "vision",
    "strategy",
    "prioritize",
    "prioritise",
    "feature",
    "research",
    "value",
    "requirements",
)
PROJECT_WORDS = (
    "project",
    "schedule",
    "timeline",
    "deadline",
    "budget",
    "milestone",
    "risk",
    "plan",
    "deliver",
    "resources",
    "scope",
    "status",
    "track",
    "coordinate",
)


def keyword_baseline(text: str) -> Label:
    """Count product and project keywords; the larger count wins, a tie is shared."""
    lowered = text.lower()
    product = sum(word in lowered for word in PRODUCT_WORDS)
    project = sum(word in lowered for word in PROJECT_WORDS)
    if product == project == 0:
        return Label.OTHER
    if product == project:
        return Label.SHARED
    return Label.PRODUCT if product > project else Label.PROJECT


@contextlib.contextmanager
def jsonl_file(texts: list[str]) -> Iterator[str]:
    """A temporary JSONL file of ``{"text": ...}`` lines, removed afterwards."""
    handle, path = tempfile.mkstemp(suffix=".jsonl")
    try:
        with open(handle, "w", encoding="utf-8") as stream:
            stream.writelines(json.dumps({"text": text}) + "\n" for text in texts)
        yield path
    finally:
        os.unlink(path)


def cli_lines(model: Classifier, path: str, jobs: int) -> Callable[[], None]:
    """``rolelens classify -i FILE.jsonl --format jsonl --jobs N``, stdout to ``os.devnull``.

    The command line's own code, run in this process, with the model already
    loaded (``model`` must be the default classifier): the parent cuts the
    file into blocks of lines; workers (forked on Linux) parse them,
    classify, write the JSONL lines with evidence and encode them; the
    parent writes them out. The disk is left out: this times the work.
    """
    if model is not default_classifier():
        raise ValueError("cli_lines runs the command line, which uses the default classifier")
    argv = ["classify", "-i", path, "--format", "jsonl", "--jobs", str(jobs), "--no-progress"]

    def run() -> None:
        with open(os.devnull, "w", encoding="utf-8") as sink, contextlib.redirect_stdout(sink):
            if main(argv) != 0:
                raise RuntimeError("rolelens classify failed")

    return run
