"""Peak memory (RSS) of streaming N statements through ``rolelens classify``.

    python benchmarks/memory.py [--sizes 10000 2000000] [--jobs 1] [--keep DIR]

For each size it writes a plain-text file of N statements (the training
corpus, cycled), then runs ``rolelens classify -i FILE -o OUT --format
jsonl`` in a fresh Python process and reads that process's peak RSS with
``resource.getrusage`` (and, with ``--jobs`` > 1, the largest worker's).
Flat memory means the peak barely moves between sizes. POSIX only.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import corpus_rows

# Runs in the measured process: classify the file, then report peak RSS in KiB
# (Linux reports ru_maxrss in KiB, macOS in bytes).
CHILD = """
import resource, sys
from rolelens.cli import main
code = main(sys.argv[1:])
scale = 1024 if sys.platform == "darwin" else 1
own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // scale
workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // scale
print(code, own, workers)
"""


def write_input(path: Path, n: int) -> None:
    """N statements, one per line, cycling the corpus."""
    texts = [" ".join(text.split()) for text, _label in corpus_rows()]
    with path.open("w", encoding="utf-8") as stream:
        for i in range(n):
            stream.write(texts[i % len(texts)] + "\n")


def measure(path: Path, out: Path, jobs: int) -> tuple[float, int, int]:
    """(seconds, peak RSS KiB of the main process, peak RSS KiB of the largest worker)."""
    command = [sys.executable, "-c", CHILD, "classify", "-i", str(path), "-o", str(out)]
    command += ["--format", "jsonl", "--no-progress", "--jobs", str(jobs)]
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"classify failed: {done.stderr.strip()}")
    code, own, workers = (int(v) for v in done.stdout.split())
    if code != 0:
        sys.exit(f"classify exited {code}: {done.stderr.strip()}")
    return seconds, own, workers


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 2_000_000])
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="write the files here instead of a temp dir")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        print(f"rolelens classify -i FILE -o OUT --format jsonl --jobs {args.jobs}")
        heads = ("statements", "input MB", "seconds", "peak RSS MB", "worker MB")
        print(" ".join(f"{h:>12}" for h in heads))
        for n in args.sizes:
            path = folder / f"statements_{n}.txt"
            write_input(path, n)
            out = folder / f"out_{n}.jsonl"
            seconds, own, workers = measure(path, out, args.jobs)
            size = path.stat().st_size / 1e6
            shown = f"{workers / 1024:>12.1f}" if args.jobs != 1 else f"{'-':>12}"
            print(f"{n:>12,} {size:>12.1f} {seconds:>12.1f} {own / 1024:>12.1f} {shown}")
            out.unlink()
            if args.keep is None:
                path.unlink()


if __name__ == "__main__":
    main()
