"""Wall time of a full backup run against the simulator (real SSH, real git storage).

Usage: .venv/bin/python bench/engine_backup.py [--devices 100] [--workers 50] [--driver ssh]

Prints one JSON line per run: first run (every configuration new), an unchanged re-run, and a
re-run with one changed device.  The simulator runs in its own process (``netraven simulate``),
so ``client_cpu_s`` is NetRaven's CPU alone; both share the machine's cores.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from netraven_core.engine import run_backup
from netraven_core.engine.hostkeys import MemoryHostKeyStore
from netraven_core.inventory import load_inventory
from netraven_core.plugins import Registry


def cpu() -> float:
    """CPU seconds of this process and of its reaped children (the cleaning worker processes;
    the simulator is reaped only at the end, so it is never counted)."""
    total = 0.0
    for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN):
        usage = resource.getrusage(who)
        total += usage.ru_utime + usage.ru_stime
    return total


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--devices", type=int, default=100)
    parser.add_argument("--workers", type=int, default=50)
    parser.add_argument("--driver", default=None, help="override every device's driver")
    parser.add_argument("--config-size", type=int, default=4096)
    args = parser.parse_args()
    registry = Registry()
    with tempfile.TemporaryDirectory() as tmp:
        configs = Path(tmp) / "configs"
        configs.mkdir()
        sim = subprocess.Popen(
            [sys.executable, "-m", "netraven_core", "simulate", "--count", str(args.devices),
             "--base-port", "0", "--config-size", str(args.config_size), "--config-dir", str(configs),
             "--inventory-out", str(Path(tmp) / "inv.yaml")],
            stdout=subprocess.PIPE, text=True)
        try:
            assert sim.stdout is not None
            for line in sim.stdout:
                if "ready" in line:
                    break
            bench(args, registry, Path(tmp))
        finally:
            sim.terminate()
            sim.wait(timeout=30)


def bench(args: argparse.Namespace, registry: Registry, tmp: Path) -> None:
    from netraven_core.simulator import generate

    inventory = load_inventory(tmp / "inv.yaml", registry=registry)
    if args.driver:
        inventory = replace(inventory, devices=tuple(replace(d, driver=args.driver)
                                                     for d in inventory.devices))
    storage = registry.storage("git", str(tmp / "store"))
    keys = MemoryHostKeyStore()
    for label in ("first", "unchanged", "one-changed"):
        if label == "one-changed":
            device = inventory.devices[0]
            text = generate(device.platform, device.hostname, size=args.config_size).text
            (tmp / "configs" / f"{device.hostname}.cfg").write_text(text.replace(
                f"hostname {device.hostname}", f"hostname {device.hostname}\nsnmp-server location x", 1))
        cpu0, t0 = cpu(), time.perf_counter()
        run = run_backup(inventory, storage, registry=registry, workers=args.workers, timeout=60,
                         host_keys=keys)
        wall, used = time.perf_counter() - t0, cpu() - cpu0
        s = run.summary
        print(json.dumps({"run": label, "devices": s.total, "ok": s.ok, "failed": s.failed,
                          "changed": s.changed, "workers": args.workers,
                          "driver": args.driver or "default", "wall_s": round(wall, 3),
                          "client_cpu_s": round(used, 3),
                          "by_category": s.by_category}))


if __name__ == "__main__":
    main()
