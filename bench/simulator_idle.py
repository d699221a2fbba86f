"""Idle cost of the device simulator: start N devices, then measure CPU and memory while idle.

    .venv/bin/python bench/simulator_idle.py --count 1000 --seconds 30

CPU is read from /proc/self/stat (user + system ticks) over the idle window; the process stops
by itself when the window ends.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from netraven_core.simulator import SimulatorThread


def cpu_seconds() -> float:
    fields = Path(f"/proc/{os.getpid()}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_mb() -> float:
    for line in Path(f"/proc/{os.getpid()}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seconds", type=float, default=30.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        started = time.monotonic()
        with SimulatorThread(args.count, base_port=0, host_key_path=Path(tmp) / "key"):
            startup = time.monotonic() - started
            time.sleep(2)  # let start-up settle
            c0, w0 = cpu_seconds(), time.monotonic()
            time.sleep(args.seconds)
            c1, w1 = cpu_seconds(), time.monotonic()
            idle = 100 * (c1 - c0) / (w1 - w0)
            print(f"{args.count} devices: started in {startup:.2f} s; idle CPU {idle:.3f} % "
                  f"over {w1 - w0:.0f} s; RSS {rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
