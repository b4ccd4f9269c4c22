"""The benchmark scripts run on a user's own small labeled file, and fail with a message.

Nothing here is timed, and no figure of a benchmark on real data is asserted:
the scripts are run on a few statements written here, and what they print is
checked against the figures rolelens itself computes for them.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from rolelens import default_classifier, evaluate

ROOT = Path(__file__).resolve().parent.parent

#: Written for these tests: one statement of each label, labels as people type them.
STATEMENTS = [
    ("Own the product roadmap and the vision for our customers", "Product"),
    ("Keep the migration project on schedule and within budget", " project "),
    ("Enjoy a flexible schedule and a yearly learning budget", "OTHER"),
]


def run_script(script: str, *args: str) -> subprocess.CompletedProcess[str]:
    """``python benchmarks/SCRIPT ARGS...`` with this checkout's rolelens."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), *sys.path])}
    return subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / script), *args],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        env=env,
    )


def run_accuracy(*args: str) -> subprocess.CompletedProcess[str]:
    return run_script("accuracy.py", *args)


def write_jsonl(path: Path, rows: list[tuple[str, str]], prefix: bytes = b"") -> Path:
    lines = "".join(json.dumps({"text": text, "label": label}) + "\n" for text, label in rows)
    path.write_bytes(prefix + lines.encode("utf-8"))
    return path


@pytest.mark.parametrize("prefix", [b"", b"\xef\xbb\xbf"], ids=["plain", "byte-order mark"])
def test_accuracy_reads_labels_in_any_case_and_a_bom(tmp_path: Path, prefix: bytes) -> None:
    # Labels as rolelens evaluate reads them ("Product", " project "), and a file
    # saved with a byte-order mark: each ended in a traceback before.
    path = write_jsonl(tmp_path / "mine.jsonl", STATEMENTS, prefix)
    done = run_accuracy(str(path))
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert f"({len(STATEMENTS)} statements)" in done.stdout
    ours = evaluate(default_classifier(), STATEMENTS)
    (row,) = [line for line in done.stdout.splitlines() if line.startswith("rolelens default ")]
    assert row.split()[2:5] == [
        f"{ours.accuracy:.3f}",
        f"{ours.macro_f1:.3f}",
        f"{ours.product_project_macro_f1:.3f}",
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'{"text": "Own the roadmap", "label": "product"}\n7\n', ":2: expected a JSON object"),
        (b'{"text": "Own the roadmap", "label": "product"}\n{"text": \n', ":2: not valid JSON"),
        (b'{"text": "Own the roadmap", "label": "produkt"}\n', ":1: unknown label 'produkt'"),
        (b"\n\n", "has no labeled statements"),
    ],
    ids=["not an object", "broken JSON", "unknown label", "no statements"],
)
def test_accuracy_names_a_bad_line_without_a_traceback(
    tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "mine.jsonl"
    path.write_bytes(content)
    done = run_accuracy(str(path))
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert message in done.stderr
    assert "mine.jsonl" in done.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--cv", "1"], "argument --cv: must be 0 (no cross-validation) or at least 2 folds"),
        (["--misses", "-1"], "argument --misses: must be at least 0, got -1"),
        (["--seed", "-3"], "argument --seed: must be at least 0, got -3"),
    ],
)
def test_accuracy_refuses_bad_options_before_measuring(
    tmp_path: Path, args: list[str], message: str
) -> None:
    path = write_jsonl(tmp_path / "mine.jsonl", STATEMENTS)
    done = run_accuracy(str(path), *args)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert message in done.stderr
    assert done.stdout == ""


def test_accuracy_says_when_there_are_too_few_statements_for_the_folds(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "mine.jsonl", STATEMENTS)
    done = run_accuracy(str(path), "--cv", "4")
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "--cv 4: 3 examples cannot make 4 folds" in done.stderr


def test_accuracy_says_when_its_data_is_missing(tmp_path: Path) -> None:
    done = run_accuracy(str(tmp_path / "absent.jsonl"))
    assert done.returncode == 1
    assert "benchmark data not found" in done.stderr
    assert "Traceback" not in done.stderr


def test_robustness_reads_its_file_before_measuring(tmp_path: Path) -> None:
    """--refit-purpose FILE is read first: a mistyped name was said only after the
    tables and a refit of the model (minutes), and the tables had been printed."""
    done = run_script(
        "robustness.py", "--limit", "1", "--refit-purpose", str(tmp_path / "no.jsonl")
    )
    assert done.returncode == 1
    assert "benchmark data not found" in done.stderr
    assert done.stdout == ""


def test_robustness_with_a_small_limit_says_what_it_has_none_of() -> None:
    """--limit 1 may keep no product or project statement: the second table divided
    by zero (a traceback) instead of saying there was nothing to measure."""
    done = run_script("robustness.py", "--limit", "1")
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    # The one statement kept (the first imperative one) is product or project, or not.
    sided = "product and project statements among them"
    assert f"1 {sided}" in done.stdout or f"no {sided}: nothing to measure" in done.stdout
    refused = run_script("robustness.py", "--limit", "0")
    assert refused.returncode == 2
    assert "argument --limit: must be at least 1, got 0" in refused.stderr


@pytest.mark.parametrize("option", ["--n", "--repeat", "--jobs", "--chunk-size"])
def test_throughput_refuses_a_count_of_zero_before_timing_anything(option: str) -> None:
    """Nothing is timed here: the count is refused as the command line is read. Zero
    statements or rounds divided by zero, and zero jobs failed after every row."""
    done = run_script("throughput.py", option, "0", "--no-sklearn")
    assert done.returncode == 2
    assert f"argument {option}: must be at least 1, got 0" in done.stderr
    assert "Traceback" not in done.stderr
    assert done.stdout == ""


@pytest.mark.parametrize(
    ("script", "args", "message"),
    [
        ("scale_out.py", ["--n", "0"], "argument --n: must be at least 1, got 0"),
        ("scale_out.py", ["--repeat", "0"], "argument --repeat: must be at least 1, got 0"),
        ("scale_out.py", ["--jobs", "0"], "argument --jobs: must be at least 1, got 0"),
        ("scaling.py", ["--repeat", "0"], "argument --repeat: must be at least 1, got 0"),
        ("scaling.py", ["--sizes", "10", "0"], "argument --sizes: must be at least 1, got 0"),
        (
            "scaling.py",
            ["--sizes", "10", "10"],
            "argument --sizes: a growth exponent needs two different values",
        ),
        (
            "scaling.py",
            ["--words", "64"],
            "argument --words: a growth exponent needs two different values",
        ),
        ("import_time.py", ["--repeat", "0"], "argument --repeat: must be at least 1, got 0"),
        ("load_time.py", ["--repeat", "0"], "argument --repeat: must be at least 1, got 0"),
        ("fit_speed.py", ["--n", "0"], "argument --n: must be at least 1, got 0"),
        ("fit_memory.py", ["--sizes", "0"], "argument --sizes: must be at least 1, got 0"),
        ("fit_memory.py", ["--epochs", "0"], "argument --epochs: must be at least 1, got 0"),
        ("posting_speed.py", ["--repeat", "0"], "argument --repeat: must be at least 1, got 0"),
        ("spawn_runs.py", ["--runs", "0"], "argument --runs: must be at least 1, got 0"),
        ("spawn_runs.py", ["--jobs", "0"], "argument --jobs: must be at least 1, got 0"),
    ],
)
def test_benchmarks_refuse_counts_that_measure_nothing(
    script: str, args: list[str], message: str
) -> None:
    """Nothing is timed here: each count is refused as the command line is read. They
    were tracebacks (an empty min() or median, a division by zero, an index out of
    range), some after minutes of measuring."""
    done = run_script(script, *args)
    assert done.returncode == 2
    assert message in done.stderr
    assert "Traceback" not in done.stderr
    assert done.stdout == ""
