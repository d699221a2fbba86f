"""Start-up time of the ``netraven`` command: ``--version``, ``--help`` and a one-device backup.

Each command runs ``--repeat`` times in a fresh process; the median wall time is reported, also
as a ratio against ``python -c pass`` measured in the same run (the interpreter's own start-up).
The backup goes to one simulated device (``netraven simulate`` in another process), into a git
store that holds its configuration already (the steady state of a scheduled backup).

    .venv/bin/python bench/cli_startup.py [--repeat 15] [--docs-out docs/benchmarks.md | --no-docs]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import _benchlib as lib

NETRAVEN = [sys.executable, "-m", "netraven_core"]
TARGETS_S = {"netraven --version": 0.15, "netraven --help": 0.15, "netraven backup (1 device)": 0.5}


def timed(argv: list[str], repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=lib.ROOT)
        times.append(time.perf_counter() - t0)
    return times


def entry_point() -> list[str]:
    """The installed ``netraven`` script next to this interpreter, else ``python -m netraven_core``."""
    script = Path(sys.executable).with_name("netraven")
    return [str(script)] if script.exists() else NETRAVEN


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=15)
    ap.add_argument("--docs-out", type=Path, default=lib.DOCS,
                    help="document to update (default: %(default)s)")
    ap.add_argument("--no-docs", action="store_true", help="print only, write no document")
    args = ap.parse_args()
    info = lib.machine()
    cmd = entry_point()
    work = Path(tempfile.mkdtemp(prefix="netraven-bench-cli-"))
    try:
        with lib.SimulatorProcess(work, 1, config_size=20000) as sim:
            backup = [*cmd, "backup", "-i", str(sim.inventory), "-s", str(work / "store"), "--json"]
            subprocess.run(backup, check=True, stdout=subprocess.DEVNULL, cwd=lib.ROOT)  # first version
            runs = {"python -c pass": [sys.executable, "-c", "pass"],
                    "netraven --version": [*cmd, "--version"],
                    "netraven --help": [*cmd, "--help"],
                    "netraven backup (1 device)": backup}
            times: dict[str, list[float]] = {name: [] for name in runs}
            for _ in range(args.repeat):  # interleaved, so that load changes hit every command alike
                for name, argv in runs.items():
                    times[name] += timed(argv, 1)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    body = render(args, info, cmd, times)
    print(body)
    if not args.no_docs:
        print(f"\nwritten to {lib.write_section('cli_startup', body, args.docs_out)}")


def render(args: argparse.Namespace, info: dict, cmd: list[str], times: dict[str, list[float]]) -> str:
    base = statistics.median(times["python -c pass"])
    rows, verdicts = [], []
    for name, samples in times.items():
        median = statistics.median(samples)
        rows.append([name, 1000 * median, 1000 * min(samples), median / base])
        if name in TARGETS_S:
            met = median < TARGETS_S[name]
            verdicts.append(f"- `{name}` under {TARGETS_S[name]:g} s: {median:.3f} s -> "
                            f"{'**met**' if met else '**missed**'}")
    return "\n".join([
        "## CLI start-up (`bench/cli_startup.py`)", "", *lib.machine_lines(info),
        f"- {args.repeat} runs of each command, interleaved, each in a fresh process "
        f"(`{Path(cmd[0]).name}`{' ' + ' '.join(cmd[1:]) if cmd[1:] else ''}); the backup: one simulated "
        "device, ~20 kB configuration, unchanged since the previous run, git storage", "",
        lib.table(("command", "median ms", "min ms", "x python -c pass"), rows), "",
        "Targets:", "", *verdicts])


if __name__ == "__main__":
    main()
