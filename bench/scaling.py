"""Scaling: how NetRaven's wall time, CPU and memory grow with the fleet (100, 1,000, 5,000).

    python bench/scaling.py [--sizes 100,1000,5000] [--workers 50] [--competitors netraven]

For each size a fresh simulator (its own process) serves N devices (~20 kB configurations, all
catalogue platforms) and each requested client backs them up in its own process, exactly as in
``bench/fleet_backup.py`` (first run into a fresh git store, no warm-up re-runs).  Growth is
relative to the smallest size.  Add ``--competitors netraven,nornir`` to compare (Nornir at
5,000 devices takes several minutes).  Writes the ``scaling`` section of ``docs/benchmarks.md``.

Expected duration on 2 cores (NetRaven only): ~2-3 minutes for 100 + 1,000 + 5,000.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _benchlib as lib
import fleet_backup


def sizes(text: str) -> list[int]:
    try:
        values = sorted({int(x) for x in text.split(",") if x.strip()})
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"--sizes wants integers, e.g. 100,1000,5000 ({exc})") from None
    if not values or values[0] < 1:
        raise argparse.ArgumentTypeError("--sizes wants positive integers")
    return values


def render(args: argparse.Namespace, by_size: dict[int, dict[str, Any]], info: dict[str, Any]) -> str:
    headers = ("client", "devices", "wall s", "devices/s", "client CPU s", "CPU ms/device", "peak RSS MB",
               "children MB",
               "wall growth", "CPU growth", "RSS growth")
    rows: list[list[Any]] = []
    first = min(by_size)
    verdicts: list[str] = []
    for kind in args.competitors:
        base = by_size[first].get(kind)
        for n, results in sorted(by_size.items()):
            r = results.get(kind)
            if r is None or base is None:
                continue
            cpu, base_cpu = r["cpu_s"] + r["children_cpu_s"], base["cpu_s"] + base["children_cpu_s"]
            rows.append([fleet_backup.LABELS[kind], n, r["wall_s"], n / r["wall_s"], cpu, 1000 * cpu / n,
                         r["peak_rss_mb"], r.get("child_peak_rss_mb", 0.0),
                         f"{r['wall_s'] / base['wall_s']:.1f}x", f"{cpu / base_cpu:.1f}x",
                         f"{fleet_backup.total_rss(r) / fleet_backup.total_rss(base):.2f}x"])
    nr = {n: res["netraven"] for n, res in by_size.items() if "netraven" in res}
    if 1000 in nr:
        rss = fleet_backup.total_rss(nr[1000])
        verdicts.append(f"- Peak RSS under 250 MB at 1,000 devices: {rss:.0f} MB -> "
                        f"{'**met**' if rss < 250 else '**missed**'}")
        if 5000 in nr:
            ratio = fleet_backup.total_rss(nr[5000]) / rss
            verdicts.append(f"- 5,000 devices under 2x the RSS of 1,000 (sub-linear): {ratio:.2f}x -> "
                            f"{'**met**' if ratio < 2 else '**missed**'}")
    failed = {f"{k}@{n}": r["failed"] for n, res in by_size.items() for k, r in res.items()
              if r.get("failed")}
    parts = ["## Scaling (`bench/scaling.py`)", "", *lib.machine_lines(info),
             f"- ~{args.config_size // 1000} kB configurations, all catalogue platforms, "
             f"{args.workers} workers; "
             "first run into a fresh git store; growth relative to the smallest fleet", "",
             lib.table(headers, rows), ""]
    if verdicts:
        parts += ["Targets:", "", *verdicts]
    if failed:
        parts += ["", f"Failed devices: {failed}"]
    return "\n".join(parts)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog=__doc__.split("\n\n", 1)[1])
    parser.add_argument("--sizes", type=sizes, default=[100, 1000, 5000],
                        help="fleet sizes (default: %(default)s)")
    parser.add_argument("--competitors", type=fleet_backup.parse_competitors, default=("netraven",),
                        help=f"comma-separated subset of {','.join(fleet_backup.ALL)} (default: netraven)")
    fleet_backup.common_args(parser)
    args = parser.parse_args(argv)
    lib.raise_nofile()
    info = lib.machine()
    if args.priority is not None:
        info["priority"] = lib.raise_priority(args.priority)
    by_size = {n: fleet_backup.measure_fleet(n, workers=args.workers, config_size=args.config_size,
                                             competitors=args.competitors, reruns=False,
                                             driver=args.driver, warmup=not args.no_warmup,
                                             profile_dir=args.profile, rounds=args.rounds,
                                             clean_processes=args.clean_processes)
               for n in args.sizes}
    body = render(args, by_size, info)
    print(body)
    if not args.no_docs:
        print(f"\nwritten to {lib.write_section('scaling', body, args.docs_out)}")


if __name__ == "__main__":
    main()
