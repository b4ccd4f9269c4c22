"""Output files and pipes from the command line (rolelens.cli._io, rolelens.cli.main)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from rolelens import Classifier, Lexicon, save
from rolelens._serialization import new_file_mode
from rolelens.cli import main


def test_output_file_gets_the_usual_mode(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """-o files and saved models are readable like any new file, not private 0600 temp files."""
    out = tmp_path / "out.jsonl"
    assert main(["classify", "Own the roadmap", "-o", str(out)]) == 0
    assert out.stat().st_mode & 0o777 == new_file_mode()
    model = tmp_path / "model.json"
    save(Classifier(Lexicon(())), model)
    assert model.stat().st_mode & 0o777 == new_file_mode()


def test_new_file_mode_matches_the_umask() -> None:
    """The mode read from /proc equals 0o666 less the process umask."""
    umask = os.umask(0)
    os.umask(umask)
    assert new_file_mode() == 0o666 & ~umask


def test_closed_pipe_is_not_an_error(tmp_path: Path) -> None:
    """`rolelens classify ... | head -1` exits quietly when the reader stops early."""
    source = tmp_path / "many.txt"
    source.write_text("Own the roadmap\n" * 50_000, encoding="utf-8")
    script = (
        "import sys; from rolelens.cli import main; "
        f"sys.exit(main(['classify', '-i', {str(source)!r}, '--format', 'jsonl']))"
    )
    producer = subprocess.Popen(
        [sys.executable, "-c", script],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert producer.stdout is not None
    first = producer.stdout.readline()
    producer.stdout.close()  # the reader goes away mid-stream
    producer.wait(timeout=120)
    assert first.startswith(b"{")
    assert producer.stderr is not None
    err = producer.stderr.read().decode()
    producer.stderr.close()
    assert "Traceback" not in err
    assert "error" not in err
    assert producer.returncode == 0
