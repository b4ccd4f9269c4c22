"""Peak memory (RSS) and time of ``rolelens fit`` on N generated labeled statements.

    python benchmarks/fit_memory.py [--sizes 20000 200000] [--epochs 6] [--against REV]

For each size it writes N labeled statements built from templates written
here (a verb, an object, a tail, sometimes a pair of made-up site codes and a
second clause), so that, as in real text, the vocabulary keeps growing with N
and most word pairs are seen once. It then runs ``rolelens fit FILE -o MODEL``
in a fresh Python process and reads that process's peak RSS and CPU seconds
with ``resource.getrusage``. The growth per million statements is the slope
between the two largest sizes.

``--against REV`` runs the same fits with the ``src`` tree of git revision
REV of this repository (extracted with ``git archive``), prints the ratio of
the peaks and of the CPU seconds, and whether both wrote the same model file,
byte for byte. The C extension is not in git: this tree's build is copied in
when REV's ``_speedups.c`` is the same file, else REV runs its pure-Python
code, which the script says. POSIX only.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import ROOT, at_least

# Runs in the measured process: fit, then report peak RSS in KiB (Linux reports
# ru_maxrss in KiB, macOS in bytes) and CPU seconds.
CHILD = """
import resource, sys
from rolelens.cli import main
code = main(sys.argv[1:])
usage = resource.getrusage(resource.RUSAGE_SELF)
scale = 1024 if sys.platform == "darwin" else 1
print(code, usage.ru_maxrss // scale, usage.ru_utime + usage.ru_stime)
"""

VERBS = {
    "product": ("Shape", "Prioritise", "Define", "Discover", "Research", "Validate", "Own"),
    "project": ("Schedule", "Track", "Coordinate", "Escalate", "Report", "Chase", "Budget"),
    "shared": ("Align", "Communicate", "Negotiate", "Facilitate", "Present", "Balance"),
    "other": ("Maintain", "Configure", "Write", "Answer", "Clean", "Order", "Sort"),
}
OBJECTS = {
    "product": (
        "the roadmap",
        "customer needs",
        "the feature backlog",
        "pricing experiments",
        "user interviews",
        "the product vision",
    ),
    "project": (
        "milestones",
        "the delivery schedule",
        "vendor contracts",
        "risk registers",
        "status reports",
        "resource plans",
    ),
    "shared": ("stakeholder priorities", "trade-offs", "team goals", "release scope"),
    "other": ("office supplies", "the server racks", "meeting rooms", "the help desk queue"),
}
TAILS = (
    "with engineering",
    "for the regional teams",
    "across three offices",
    "every week",
    "before each release",
    "using shared dashboards",
    "within the agreed budget",
    "with design and sales",
    "",
    "",
)
#: Made-up site codes: a statement holding two of them holds a word pair almost no
#: other statement holds, as names, places and products make pairs in real text.
SITES = 4000


def write_corpus(path: Path, n: int) -> None:
    """N JSONL lines of generated labeled statements (the same N, the same file)."""
    rng = random.Random(7)
    labels = list(VERBS)
    with path.open("w", encoding="utf-8") as stream:
        for _ in range(n):
            label = labels[rng.randrange(4)]
            other = label if rng.random() < 0.8 else labels[rng.randrange(4)]
            words = [rng.choice(VERBS[other]), rng.choice(OBJECTS[label]), rng.choice(TAILS)]
            if rng.random() < 0.5:
                words.append(f"at site{rng.randrange(SITES)} and site{rng.randrange(SITES)}")
            if rng.random() < 0.3:
                words.append(f"and {rng.choice(VERBS[label]).lower()} {rng.choice(OBJECTS[other])}")
            text = " ".join(word for word in words if word)
            stream.write(json.dumps({"text": text, "label": label}) + "\n")


@dataclass
class Run:
    wall: float
    cpu: float
    peak_kib: int
    model: bytes


def fit_once(src: Path, path: Path, out: Path, epochs: int) -> Run:
    """``rolelens fit`` of ``path`` with the rolelens package under ``src``."""
    command = [sys.executable, "-c", CHILD, "fit", str(path), "-o", str(out)]
    command += ["--epochs", str(epochs), "--no-progress"]
    env = {**os.environ, "PYTHONPATH": str(src)}
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False, env=env)
    wall = time.perf_counter() - started
    if done.returncode != 0 or not done.stdout.strip():
        sys.exit(f"fit failed ({src}): {done.stderr.strip()}")
    code, peak, cpu = done.stdout.split()
    if code != "0":
        sys.exit(f"fit exited {code} ({src}): {done.stderr.strip()}")
    model = out.read_bytes()
    out.unlink()
    return Run(wall, float(cpu), int(peak), model)


def extract(revision: str, into: Path) -> Path:
    """The ``src`` tree of git ``revision`` of this repository, under ``into``."""
    archive = into / "src.tar"
    done = subprocess.run(
        ["git", "-C", str(ROOT), "archive", "-o", str(archive), revision, "src"],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        sys.exit(f"cannot extract {revision!r}: {done.stderr.strip()}")
    with tarfile.open(archive) as tar:
        tar.extractall(into, filter="data")
    package = into / "src" / "rolelens"
    here = ROOT / "src" / "rolelens"
    if (package / "_speedups.c").read_bytes() == (here / "_speedups.c").read_bytes():
        for built in here.glob("_speedups.*[!c]"):  # .so or .pyd, not the C file
            shutil.copy2(built, package / built.name)
    else:
        print(f"{revision}: another _speedups.c, so it runs without the C extension")
    return into / "src"


def per_million(sizes: list[int], peaks: list[int]) -> str:
    """MB of peak RSS per million statements, between the two largest sizes."""
    if len(sizes) < 2 or sizes[-1] == sizes[-2]:
        return "-"
    return f"{(peaks[-1] - peaks[-2]) / 1024 / (sizes[-1] - sizes[-2]) * 1e6:,.0f} MB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=at_least(1), nargs="+", default=[20_000, 200_000])
    parser.add_argument("--epochs", type=at_least(1), default=6)
    parser.add_argument("--against", metavar="REV", help="also fit with git revision REV")
    args = parser.parse_args()
    sizes = sorted(args.sizes)

    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        trees = {"this tree": ROOT / "src"}
        if args.against:
            (folder / "old").mkdir()
            trees[args.against] = extract(args.against, folder / "old")
        print(f"rolelens fit FILE -o MODEL --epochs {args.epochs}, generated statements")
        heads = ("statements", "code", "wall s", "CPU s", "peak RSS MB")
        print(f"{heads[0]:>12} {heads[1]:>12} " + " ".join(f"{h:>12}" for h in heads[2:]))
        peaks: dict[str, list[int]] = {name: [] for name in trees}
        for n in sizes:
            path = folder / f"labeled_{n}.jsonl"
            write_corpus(path, n)
            runs = {}
            for name, src in trees.items():
                run = fit_once(src, path, folder / "model.json", args.epochs)
                runs[name] = run
                peaks[name].append(run.peak_kib)
                print(
                    f"{n:>12,} {name[:12]:>12} {run.wall:>12.1f} {run.cpu:>12.1f} "
                    f"{run.peak_kib / 1024:>12.1f}"
                )
            if args.against:
                new, old = runs["this tree"], runs[args.against]
                same = "yes" if new.model == old.model else "NO"
                print(
                    f"{'':>12} {'ratio':>12} {new.wall / old.wall:>12.2f} "
                    f"{new.cpu / old.cpu:>12.2f} {new.peak_kib / old.peak_kib:>12.2f}"
                    f"   same model file: {same}"
                )
            path.unlink()
        for name, values in peaks.items():
            print(f"peak RSS growth per million statements, {name}: {per_million(sizes, values)}")


if __name__ == "__main__":
    main()
