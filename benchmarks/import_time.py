"""How long ``import rolelens`` takes, from ``python -X importtime``.

    python benchmarks/import_time.py [--repeat 5] [--show 10]

Runs ``python -X importtime -c "import rolelens"`` R times in fresh
processes and reports the cumulative time of the ``rolelens`` import
(everything it pulls in) and the sum of every module's self time in the
run (the interpreter's own start-up modules included), best and median.
The target is ``rolelens`` under 100 ms.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys


def one_run() -> tuple[int, int, list[tuple[int, str]]]:
    """(rolelens cumulative µs, sum of self µs, [(self µs, module)]) for one fresh import."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import rolelens"],
        capture_output=True,
        text=True,
        check=True,
    )
    total_self = 0
    rolelens_cumulative = 0
    modules: list[tuple[int, str]] = []
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        self_us, cumulative_us, name = line.removeprefix("import time:").split("|")
        total_self += int(self_us)
        modules.append((int(self_us), name.rstrip()))
        if name.strip() == "rolelens":
            rolelens_cumulative = int(cumulative_us)
    return rolelens_cumulative, total_self, modules


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--show", type=int, default=10, help="slowest modules to list")
    args = parser.parse_args()
    if args.repeat < 1:  # else "no median for empty data", a traceback
        parser.error(f"argument --repeat: must be at least 1, got {args.repeat}")

    runs = [one_run() for _ in range(args.repeat)]
    ours = [r[0] / 1000 for r in runs]
    every = [r[1] / 1000 for r in runs]
    print(f'python -X importtime -c "import rolelens", {args.repeat} fresh processes')
    for label, values in (
        ("import rolelens (cumulative)", ours),
        ("all imports (sum of self)", every),
    ):
        median = statistics.median(values)
        print(f"{label:<30} best {min(values):.1f} ms, median {median:.1f} ms")
    print("slowest modules in the last run (self time):")
    for self_us, name in sorted(runs[-1][2], reverse=True)[: args.show]:
        print(f"  {self_us / 1000:>7.2f} ms  {name.strip()}")


if __name__ == "__main__":
    main()
