"""How long the built-in classifier takes to load on first use.

    python benchmarks/load_time.py [--repeat 7] [--cli]

Each measurement is a fresh ``python`` process that imports rolelens (the
classifier and persistence modules too, untimed) and then times, alone, one
of two ways of loading the package's own model file:

* ``validated``: ``Classifier.from_json`` on the file's text, with every check
  a user's model file gets (what ``default_classifier()`` did before it had a
  fast path): the JSON parse, the checksum of the canonical model, cattrs
  structuring, the constructors, compiling;
* ``default``: ``rolelens.default_classifier()``, which reads the file as
  bytes, checks their SHA-256 against the digest recorded when the file was
  built (``rolelens/_model_digest.py``) and then reads the known shape
  directly, still through the constructors and their checks.

The two run in turn, R times each, so both see the same machine; the medians
of wall and CPU seconds and their ratios are printed (on a machine shared
with other busy processes, CPU seconds are the steadier figure). With
``--cli``, also the wall time of the whole command ``rolelens classify
"..."`` in a fresh process (start-up, imports, loading, one verdict), R times.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

from _common import at_least

_SETUP = "import time, rolelens, rolelens.classifier, rolelens.persistence\n"
_TIMED = {
    "validated": (
        "from importlib import resources\n"
        "from rolelens import Classifier\n"
        "t, c = time.perf_counter(), time.process_time()\n"
        'text = resources.files("rolelens").joinpath("data/model.json").read_text("utf-8")\n'
        "model = Classifier.from_json(text)\n"
        "print(time.perf_counter() - t, time.process_time() - c)\n"
    ),
    "default": (
        "t, c = time.perf_counter(), time.process_time()\n"
        "model = rolelens.default_classifier()\n"
        "print(time.perf_counter() - t, time.process_time() - c)\n"
    ),
}
STATEMENT = "Own the product roadmap and decide what we build next"


def one_load(way: str) -> tuple[float, float]:
    """Wall and CPU seconds one fresh process took to load the built-in model ``way``."""
    done = subprocess.run(
        [sys.executable, "-c", _SETUP + _TIMED[way]],
        capture_output=True,
        text=True,
        check=True,
    )
    wall, cpu = done.stdout.split()
    return float(wall), float(cpu)


def one_command() -> float:
    """Wall seconds of ``rolelens classify STATEMENT`` in a fresh process."""
    began = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "rolelens", "classify", STATEMENT],
        capture_output=True,
        check=True,
    )
    return time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=at_least(1), default=7)
    parser.add_argument("--cli", action="store_true", help="also time the whole command")
    args = parser.parse_args()

    times: dict[str, list[tuple[float, float]]] = {way: [] for way in _TIMED}
    for _ in range(args.repeat):
        for way in _TIMED:
            times[way].append(one_load(way))
    print(f"first use of the built-in classifier, {args.repeat} fresh processes each, in turn")
    medians = {}
    for way, runs in times.items():
        wall = [w for w, _cpu in runs]
        cpu = [c for _wall, c in runs]
        medians[way] = statistics.median(wall), statistics.median(cpu)
        print(
            f"{way:<10} wall median {medians[way][0]:.3f} s (best {min(wall):.3f} s), "
            f"CPU median {medians[way][1]:.3f} s (best {min(cpu):.3f} s)"
        )
    wall_ratio = medians["default"][0] / medians["validated"][0]
    cpu_ratio = medians["default"][1] / medians["validated"][1]
    print(f"default / validated (medians): wall {wall_ratio:.2f}x, CPU {cpu_ratio:.2f}x")
    if args.cli:
        command = [one_command() for _ in range(args.repeat)]
        print(
            f'rolelens classify "..." (whole command), median {statistics.median(command):.3f} s, '
            f"best {min(command):.3f} s"
        )
        if sys.dont_write_bytecode:  # PYTHONDONTWRITEBYTECODE: no .pyc files are kept
            print("  (no bytecode caches here: every command compiles its modules from source)")


if __name__ == "__main__":
    main()
