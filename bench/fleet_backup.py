"""Fleet backup: NetRaven against Nornir+netmiko, a netmiko thread pool and a raw asyncssh floor.

    python bench/fleet_backup.py [--devices 1000] [--workers 50] [--competitors netraven,nornir,netmiko,floor]

N simulated devices (``netraven simulate`` in its own process; ~20 kB configurations with
secrets; all 13 catalogue platforms round-robin) are backed up by each client in its own
process, one after the other, against the same simulator and with the same worker count:

* netraven: ``run_backup`` into a fresh git store (default driver), then an unchanged re-run
  (must make no commit) and a run with 10 % of the devices changed;
* nornir: Nornir 3 threaded runner, ``nornir_netmiko`` ``netmiko_send_command`` (enable where
  the platform needs it), one file per device;
* netmiko: ``ConnectHandler`` in a ``ThreadPoolExecutor``, one file per device;
* floor: the cheapest client, asyncssh: log in, enable, pager off, read the configuration.

Each client measures itself (wall time and CPU around the backup, after its imports; CPU of
child processes such as ``git`` included; peak RSS from ``VmHWM``).  A warm-up pass (floor
client, not measured) first makes the simulator generate every configuration.  The results
table, the ratios and the target verdicts are printed and written to the ``fleet_backup``
section of ``docs/benchmarks.md`` (``--docs-out`` elsewhere, ``--no-docs`` nowhere).

Expected duration on 2 cores: ~2-3 minutes at 1,000 devices with every competitor.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parent.parent))

import _benchlib as lib

ALL = ("netraven", "nornir", "netmiko", "floor")
# On request: NetRaven cleaning on its event loop thread (before/after); NetRaven without the
# hardware/software sections (the configuration alone, as the other clients fetch it).
EXTRA = ("netraven-inprocess", "netraven-nosections")
LABELS = {"netraven": "NetRaven", "nornir": "Nornir 3 + nornir_netmiko", "netmiko": "netmiko thread pool",
          "floor": "raw floor (asyncssh)", "netraven-unchanged": "NetRaven, unchanged re-run",
          "netraven-changed": "NetRaven, 10 % changed",
          "netraven-inprocess": "NetRaven, cleaning in-process (before)",
          "netraven-nosections": "NetRaven, no sections"}


def commits(store: Path) -> int:
    proc = subprocess.run(["git", "-C", str(store), "rev-list", "--all", "--count"], capture_output=True,
                          text=True, check=False)
    return int(proc.stdout.strip() or 0) if proc.returncode == 0 else 0


def fleet_platforms(competitors: Sequence[str]) -> tuple[str, ...]:
    """Every catalogue platform with a simulator profile; when a netmiko-based client competes,
    only those netmiko drives too, so that every client backs up the same fleet."""
    from netraven_core.plugins import Registry

    reg = Registry()
    names = sorted(n for n in reg.platforms if n in reg.simulator_profiles)
    if any(c.split("-")[0] in ("nornir", "netmiko") for c in competitors):
        names = [n for n in names if "netmiko" in reg.platforms[n].drivers]
    return tuple(names)


def change_configs(sim: lib.SimulatorProcess, fraction: float, tag: str) -> int:
    """Serve a changed configuration (one added line) from ``fraction`` of the devices."""
    import yaml

    from netraven_core.simulator.configgen import generate

    devices = yaml.safe_load(sim.inventory.read_text())["devices"]
    step = max(1, round(1 / fraction)) if fraction > 0 else 0
    chosen = devices[::step] if step else []
    for d in chosen:
        lines = generate(d["platform"], d["hostname"], size=sim.config_size).text.split("\n")
        comment = "#" if d["platform"] in ("linux", "mikrotik_routeros") else "!"
        lines.insert(2, f"{comment} bench change {tag}")
        (sim.config_dir / f"{d['hostname']}.cfg").write_text("\n".join(lines))
    return len(chosen)


def measure_fleet(n: int, *, workers: int, config_size: int, competitors: tuple[str, ...],
                  reruns: bool = True, change_fraction: float = 0.1, driver: str | None = None,
                  warmup: bool = True, profile_dir: Path | None = None, rounds: int = 1,
                  clean_processes: int | None = None) -> dict[str, Any]:
    """Run every requested client against one simulator of ``n`` devices; results by run name."""
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="nr-bench-") as tmp:
        work = Path(tmp)
        sim = lib.SimulatorProcess(work, n, config_size=config_size, platforms=fleet_platforms(competitors))
        with lib.status(f"starting the simulator ({n} devices)"):
            sim.__enter__()
        try:
            base = {"inventory": str(sim.inventory), "workers": workers, "clean_processes": clean_processes}

            def run(name: str, kind: str, **extra: Any) -> dict[str, Any]:
                if profile_dir is not None and name != "warm-up":
                    profile_dir.mkdir(parents=True, exist_ok=True)
                    extra["profile"] = str(profile_dir.resolve() / f"{name}-{n}.txt")
                with lib.status(f"{name}: {n} devices, {workers} workers"):
                    cpu0 = sim.cpu_seconds()
                    r = lib.run_client(kind, {**base, **extra}, work)
                    r["simulator_cpu_s"] = sim.cpu_seconds() - cpu0
                shown = {k: (round(v, 3) if isinstance(v, float) else v) for k, v in r.items()}
                print(f"  {name}: {json.dumps(shown)}", file=sys.stderr, flush=True)
                return r

            if warmup:
                run("warm-up", "floor", out=str(work / "warmup"))
            # Rounds interleave the clients so that a change in the machine's load hits all of
            # them alike; each client's reported run is its median-wall one.
            runs: dict[str, list[dict[str, Any]]] = {kind: [] for kind in competitors}
            store = work / "store"
            for round_ in range(rounds):
                store = work / f"store-{round_}"
                for kind in competitors:
                    out = {"netraven": store, "netraven-inprocess": work / f"store-inprocess-{round_}",
                           "netraven-nosections": work / f"store-nosections-{round_}"}.get(
                        kind, work / f"out-{kind}")
                    extra: dict[str, Any] = {"out": str(out)}
                    if kind.startswith("netraven") and driver:
                        extra["driver"] = driver
                    if kind == "netraven-inprocess":  # the engine as it was before the cleaning worker
                        extra["clean_processes"] = 0
                    if kind == "netraven-nosections":
                        extra["sections"] = False
                    r = run(kind, kind.split("-")[0], **extra)
                    if kind.startswith("netraven"):
                        r["commits"] = commits(out)
                    runs[kind].append(r)
                if "netraven" in competitors and reruns:
                    # In the same round (same machine load) and on this round's store: an
                    # unchanged re-run, then a run after editing the same 10 % of the devices.
                    extra = {"out": str(store), **({"driver": driver} if driver else {})}
                    before = commits(store)
                    r = run("netraven-unchanged", "netraven", **extra)
                    r["commits"] = commits(store) - before
                    runs.setdefault("netraven-unchanged", []).append(r)
                    changed = change_configs(sim, change_fraction, f"r{round_}")
                    before = commits(store)
                    r = run("netraven-changed", "netraven", **extra)
                    r["commits"] = commits(store) - before
                    r["expected_changed"] = changed
                    runs.setdefault("netraven-changed", []).append(r)
            for kind, measured in runs.items():
                ordered = sorted(measured, key=lambda r: r["wall_s"])
                results[kind] = {**ordered[(len(ordered) - 1) // 2], "walls": [r["wall_s"] for r in measured]}
                if kind == "netraven-unchanged":  # every one of them must have made no commit
                    results[kind]["commits"] = sum(r["commits"] for r in measured)
        finally:
            sim.__exit__()
    return results


def rows(n: int, results: dict[str, Any]) -> list[list[Any]]:
    out = []
    for name, r in results.items():
        cpu = r["cpu_s"] + r["children_cpu_s"]
        out.append([LABELS.get(name, name), f"{r['ok']}/{n}", r["wall_s"], n / r["wall_s"],
                    1000 * cpu / n, r["peak_rss_mb"], r.get("child_peak_rss_mb", 0.0), r.get("changed", "-"),
                    r.get("commits", "-"), 1000 * r["simulator_cpu_s"] / n])
    return out


HEADERS = ("client", "ok", "wall s", "devices/s", "client CPU ms/device", "peak RSS MB",
           "children MB", "changed", "commits", "simulator CPU ms/device")


def total_rss(r: dict[str, Any]) -> float:
    """Peak RSS of the client process plus the peak private memory of its child processes."""
    return r["peak_rss_mb"] + r.get("child_peak_rss_mb", 0.0)


def verdicts(n: int, results: dict[str, Any]) -> tuple[list[list[Any]], list[str]]:
    """Ratio table rows and target verdict lines."""
    ratios, lines = [], []
    nr = results.get("netraven")

    def cpu(r: dict[str, Any]) -> float:
        return r["cpu_s"] + r["children_cpu_s"]

    def verdict(ok: bool) -> str:
        return "**met**" if ok else "**missed**"

    if nr and "nornir" in results:
        wall_ratio = nr["wall_s"] / results["nornir"]["wall_s"]
        cpu_ratio = cpu(nr) / cpu(results["nornir"])
        ratios.append(["NetRaven / Nornir", wall_ratio, cpu_ratio,
                       total_rss(nr) / total_rss(results["nornir"])])
        lines.append(f"- NetRaven at least 1.5x faster than Nornir+netmiko: {1 / wall_ratio:.2f}x -> "
                     f"{verdict(1 / wall_ratio >= 1.5)}")
        lines.append(f"- Client CPU per device at most 0.6x Nornir's: {cpu_ratio:.2f}x -> "
                     f"{verdict(cpu_ratio <= 0.6)}")
    if nr and "netmiko" in results:
        r = results["netmiko"]
        ratios.append(["NetRaven / netmiko pool", nr["wall_s"] / r["wall_s"], cpu(nr) / cpu(r),
                       total_rss(nr) / total_rss(r)])
    if nr and "floor" in results:
        r = results["floor"]
        wall_ratio = nr["wall_s"] / r["wall_s"]
        ratios.append(["NetRaven / floor", wall_ratio, cpu(nr) / cpu(r),
                       total_rss(nr) / total_rss(r)])
        lines.append(f"- NetRaven within 1.5x of the raw floor: {wall_ratio:.2f}x -> "
                     f"{verdict(wall_ratio <= 1.5)}")
    before = results.get("netraven-inprocess")
    if before and "floor" in results:
        r = results["floor"]
        ratios.append(["NetRaven cleaning in-process (before) / floor", before["wall_s"] / r["wall_s"],
                       cpu(before) / cpu(r), total_rss(before) / total_rss(r)])
    bare = results.get("netraven-nosections")
    if nr and bare:
        ratios.append(["NetRaven with sections / without", nr["wall_s"] / bare["wall_s"],
                       cpu(nr) / cpu(bare), total_rss(nr) / total_rss(bare)])
    if nr:
        lines.append(f"- Peak RSS under 250 MB at {n} devices: {total_rss(nr):.0f} MB (process + "
                     f"children) -> {verdict(total_rss(nr) < 250)}"
                     + ("" if n == 1000 else " (target is stated at 1,000)"))
    un = results.get("netraven-unchanged")
    if nr and un:
        lines.append(f"- Unchanged re-run at least as fast as the first and no commit: {un['wall_s']:.2f} s "
                     f"vs "
                     f"{nr['wall_s']:.2f} s, {un['commits']} commit(s) -> "
                     f"{verdict(un['wall_s'] <= nr['wall_s'] and un['commits'] == 0)}")
    ch = results.get("netraven-changed")
    if ch:
        lines.append(f"- 10 % changed: {ch['changed']} changed of {ch['expected_changed']} edited, "
                     f"{ch['commits']} commit(s)")
    return ratios, lines


def render(n: int, args: argparse.Namespace, results: dict[str, Any], info: dict[str, Any]) -> str:
    ratios, lines = verdicts(n, results)
    parts = ["## Fleet backup (`bench/fleet_backup.py`)", "",
             *lib.machine_lines(info),
             f"- {n} simulated devices, round-robin over the catalogue platforms netmiko also drives "
             f"(when a netmiko-based client runs; else all), ~{args.config_size // 1000} kB "
             f"configurations with secrets; {args.workers} workers for every client; each client in its own "
             "process (CPU includes its children: `git`, NetRaven's cleaning worker), the simulator in "
             "another; "
             "children MB = peak private memory (USS) of the client's child processes, sampled", "",
             lib.table(HEADERS, rows(n, results)), ""]
    if ratios:
        parts += [lib.table(("ratio", "wall time", "client CPU", "peak RSS"), ratios), ""]
    parts += ["Targets:", "", *lines]
    if args.rounds > 1:
        walls = "; ".join(f"{LABELS[k]} " + ", ".join(lib.fmt(w) for w in r["walls"])
                          for k, r in results.items() if "walls" in r)
        parts += ["", f"Wall times of the {args.rounds} interleaved rounds (median reported): {walls}"]
    failures = {k: r.get("errors") for k, r in results.items() if r.get("failed")}
    if failures:
        parts += ["", "Failures (first errors): " + json.dumps(failures)[:1500]]
    return "\n".join(parts)


def parse_competitors(text: str) -> tuple[str, ...]:
    names = tuple(x.strip() for x in text.split(",") if x.strip())
    unknown = set(names) - set(ALL) - set(EXTRA)
    if unknown:
        raise argparse.ArgumentTypeError(f"unknown competitor(s) {sorted(unknown)}; "
                                         f"choose from {ALL + EXTRA}")
    return names


def common_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--workers", type=int, default=50, help="concurrent devices, same for every client")
    parser.add_argument("--config-size", type=int, default=20000, help="bytes per generated configuration")
    parser.add_argument("--driver", default=None, help="NetRaven driver for every device (default: each "
                        "platform's default, i.e. ssh)")
    parser.add_argument("--clean-processes", type=int, default=None, metavar="N",
                        help="NetRaven's cleaning worker processes (default: the engine's choice; 0: clean "
                        "on the event loop thread, as before the worker existed)")
    parser.add_argument("--rounds", type=int, default=1, help="interleaved rounds of every client; the "
                        "median-wall run of each is reported (default: %(default)s)")
    parser.add_argument("--no-warmup", action="store_true", help="skip the unmeasured warm-up pass")
    parser.add_argument("--profile", type=Path, default=None, metavar="DIR",
                        help="write a pyinstrument profile of each measured client run into DIR")
    parser.add_argument("--priority", type=int, default=None, metavar="NICE",
                        help="run the benchmark (simulator and every client) at this nice value, e.g. -10, "
                        "to shield it from other work on a shared machine (root only)")
    parser.add_argument("--docs-out", type=Path, default=lib.DOCS,
                        help="document to update (default: %(default)s)")
    parser.add_argument("--no-docs", action="store_true", help="print only, write no document")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog=__doc__.split("\n\n", 1)[1])
    parser.add_argument("--devices", type=int, default=1000)
    parser.add_argument("--competitors", type=parse_competitors, default=ALL,
                        help="comma-separated subset of " + ",".join(ALL + EXTRA) + " (default: "
                        + ",".join(ALL) + ")")
    parser.add_argument("--no-reruns", action="store_true", help="skip NetRaven's unchanged and 10 %% runs")
    common_args(parser)
    args = parser.parse_args(argv)
    lib.raise_nofile()
    info = lib.machine()
    if args.priority is not None:
        info["priority"] = lib.raise_priority(args.priority)
    results = measure_fleet(args.devices, workers=args.workers, config_size=args.config_size,
                            competitors=args.competitors, reruns=not args.no_reruns, driver=args.driver,
                            warmup=not args.no_warmup, profile_dir=args.profile, rounds=args.rounds,
                            clean_processes=args.clean_processes)
    body = render(args.devices, args, results, info)
    print(body)
    if not args.no_docs:
        print(f"\nwritten to {lib.write_section('fleet_backup', body, args.docs_out)}")


if __name__ == "__main__":
    main()
