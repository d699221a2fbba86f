"""Git storage at scale: build a store of DEVICES x VERSIONS, then time history/read/diff.

    python bench/git_history.py [--store DIR] [--devices 1000 --versions 100 --size 8000]

The store is built through ``GitStorage.save`` (one commit per simulated run, every device
changed), so it is exactly what NetRaven writes.  An existing store is reused (the default
store lives under the temp directory, named after its size, so a second run skips the build:
building 1,000 x 100 takes a few minutes on 2 cores).  Timings are of a fresh ``GitStorage``
in this process; ``git log -- <file>`` is timed for comparison.  Writes the ``git_history``
section of ``docs/benchmarks.md`` (``--docs-out`` elsewhere, ``--no-docs`` nowhere).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parent.parent))

import _benchlib as lib

from netraven_core.models import ConfigToStore
from netraven_core.simulator.configgen import generate
from netraven_plugins.storage.git import GitStorage

PLATFORMS = ("cisco_ios", "arista_eos", "juniper_junos", "cisco_nxos")


def build(store: Path, devices: int, versions: int, size: int) -> None:
    names = [f"dev{i:05d}" for i in range(devices)]
    base = {n: generate(PLATFORMS[i % len(PLATFORMS)], n, size=size).text.splitlines()
            for i, n in enumerate(names)}
    s = GitStorage(str(store), checkout=False)
    done = len(s.history(names[0]))
    commit_times = []
    for v in range(done, versions):
        configs = []
        for n in names:
            lines = list(base[n])
            # a few lines differ per version: a description, an ACL entry, a changed VLAN name
            lines.insert(len(lines) // 3, f" description change {v}")
            lines.insert(len(lines) // 2, f"access-list 10 permit 10.{v % 250}.0.0 0.0.255.255")
            lines[-2:-2] = [f"vlan {100 + v}", f" name v{v}"]
            configs.append(ConfigToStore(n, "\n".join(lines) + "\n", 4, 4 if v else 0))
        t = time.perf_counter()
        s.save(configs, run_id=f"bench-{v:03d}")
        commit_times.append(time.perf_counter() - t)
        if v % 10 == 0:
            print(f"version {v}: commit of {devices} configs took {commit_times[-1]:.2f}s", flush=True)
    if commit_times:
        print(f"commit of {devices} changed configs: median {statistics.median(commit_times):.2f}s")
    s.close()


def timed(func, runs: list[float]):
    t = time.perf_counter()
    result = func()
    runs.append((time.perf_counter() - t) * 1000)
    return result


def measure(store: Path, samples: int) -> dict[str, float]:
    t = time.perf_counter()
    s = GitStorage(str(store), checkout=False)
    opened = (time.perf_counter() - t) * 1000
    names = s.hostnames()
    rng = random.Random(1)
    hist, read, diff, gitlog = [], [], [], []
    for _ in range(samples):
        name = rng.choice(names)
        versions = timed(lambda n=name: s.history(n), hist)
        a, b = rng.sample(versions, 2)
        timed(lambda n=name, v=a.version: s.read(n, v), read)
        timed(lambda n=name, x=a.version, y=b.version: s.diff(n, x, y), diff)
    for name in rng.sample(names, min(5, len(names))):
        path = s.path_for(name)
        t = time.perf_counter()
        subprocess.run(["git", "log", "--format=%H", "--", path], cwd=store, capture_output=True, check=True)
        gitlog.append((time.perf_counter() - t) * 1000)
    s.close()
    return {"devices": len(names), "versions_per_device": len(versions), "open_ms": round(opened, 2),
            "history_median_ms": round(statistics.median(hist), 3),
            "read_median_ms": round(statistics.median(read), 3),
            "diff_median_ms": round(statistics.median(diff), 3),
            "git_log_file_median_ms": round(statistics.median(gitlog), 1)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--store", type=Path, default=None,
                    help="store to build or reuse (default: <tmp>/netraven-bench-history-DEVICESxVERSIONS)")
    ap.add_argument("--devices", type=int, default=1000)
    ap.add_argument("--versions", type=int, default=100)
    ap.add_argument("--size", type=int, default=8000, help="approximate bytes per configuration")
    ap.add_argument("--samples", type=int, default=200)
    ap.add_argument("--docs-out", type=Path, default=lib.DOCS,
                    help="document to update (default: %(default)s)")
    ap.add_argument("--no-docs", action="store_true", help="print only, write no document")
    args = ap.parse_args()
    if args.store is None:
        args.store = Path(tempfile.gettempdir()) / f"netraven-bench-history-{args.devices}x{args.versions}"
    info = lib.machine()
    build(args.store, args.devices, args.versions, args.size)
    result = measure(args.store, args.samples)
    print(json.dumps(result, indent=1))
    body = render(args, result, info)
    print(body)
    if not args.no_docs:
        print(f"\nwritten to {lib.write_section('git_history', body, args.docs_out)}")


def render(args: argparse.Namespace, r: dict[str, float], info: dict) -> str:
    total = r["devices"] * r["versions_per_device"]
    rows = [["list one device's history (all its versions)", r["history_median_ms"]],
            ["read one version", r["read_median_ms"]],
            ["diff two versions", r["diff_median_ms"]],
            ["open the store (fresh `GitStorage`)", r["open_ms"]],
            ["`git log --format=%H -- <file>` (comparison)", r["git_log_file_median_ms"]]]
    measured = (("History list", r["history_median_ms"]), ("Version read", r["read_median_ms"]),
                ("Diff", r["diff_median_ms"]))
    verdicts = [f"- {name} under 50 ms at the median: {ms:.2f} ms -> {'**met**' if ms < 50 else '**missed**'}"
                for name, ms in measured]
    return "\n".join([
        "## History (`bench/git_history.py`)", "", *lib.machine_lines(info),
        f"- Git store of {r['devices']:,} devices x {r['versions_per_device']} versions = {total:,} versions "
        f"(~{args.size // 1000} kB configurations, a few lines changed per version), built through "
        f"`GitStorage.save`; {args.samples} random samples per operation through the library", "",
        lib.table(("operation", "median ms"), rows), "",
        "Targets:", "", *verdicts, "",
        "Through the API (server running, large database): see the `api_speed` section."])


if __name__ == "__main__":
    main()
