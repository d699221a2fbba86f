"""Compliance overhead: a fleet backup with 20 rules evaluated on every new version, against one without.

    python bench/compliance_overhead.py [--devices 1000] [--workers 50] [--rounds 3]

Two parts:

* per device: the cost of one evaluation (parse once, 20 rules, the fleet facts) on generated
  ~20 kB configurations of every simulator platform, in this process, median of repeats;
* a run: N simulated devices (``netraven simulate`` in its own process, every catalogue platform
  round-robin) backed up into a fresh git store by ``run_backup`` in a client process, once
  plainly and once with a storage that, after every save, evaluates the rules and the facts on
  each saved text: the server's per-version work (``version_checks``)
  minus its database write, done on the engine's batch-writer thread (so on the critical path:
  the worst case).  Every device is new in both runs, so every device is evaluated.  Rounds
  interleave the two so that the machine's load hits both alike; the median-wall run of each is
  shown, and the verdict is the median of the rounds' own with/without ratios (the two runs of a round
  share the machine's load).  The 20 rules carry no platform filter, so they all apply to every
  device.

The target is a ratio (with / without) of at most 1.10 in wall time.  Results are printed and
written to the ``compliance_overhead`` section of ``docs/benchmarks.md`` (``--docs-out``
elsewhere, ``--no-docs`` nowhere).  Expected duration on 2 cores: ~3-5 minutes at 1,000 devices.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parent.parent))

import _benchlib as lib
import yaml

HARDENING = lib.ROOT / "docs" / "examples" / "compliance-hardening.yaml"
# Eight more, so that twenty rules of every kind (line, block, value) apply to every device.
EXTRA_RULES = [
    {"key": "x-no-telnet-line", "title": "no telnet server", "match": "absent",
     "pattern": r"^telnet server"},
    {"key": "x-banner", "title": "a login banner", "match": "present",
     "pattern": r"^banner (motd|login)"},
    {"key": "x-syslog", "title": "syslog host", "match": "present",
     "pattern": r"^(logging|syslog) (host )?\S+"},
    {"key": "x-snmp-v2", "title": "no public community", "match": "absent", "pattern": r"community public"},
    {"key": "x-iface-desc", "title": "interfaces described", "parent": r"^interface ", "match": "present",
     "pattern": r"^description "},
    {"key": "x-iface-shut", "title": "no cdp on interfaces", "parent": r"^interface ", "match": "absent",
     "pattern": r"^cdp enable"},
    {"key": "x-domain", "title": "domain name", "match": "value", "pattern": r"^ip domain[- ]name (\S+)",
     "allowed": ["example.net"], "required": False},
    {"key": "x-hostname", "title": "hostname set", "match": "present", "pattern": r"hostname"},
]


def write_rules(path: Path) -> int:
    """The 12 starter rules without their platform filters, plus 8: 20 rules for every device."""
    rules = yaml.safe_load(HARDENING.read_text())["rules"]
    for rule in rules:
        rule.pop("platforms", None)
    rules += EXTRA_RULES
    path.write_text(yaml.safe_dump({"rules": rules}, sort_keys=False))
    from netraven_core.compliance import load_rules

    return len(load_rules(path.read_text(), source=str(path)))


def per_device_cost(rules_path: Path, config_size: int, repeats: int) -> list[tuple[str, str, float, int]]:
    """``(platform, syntax, ms per evaluation, failing rules)`` for every simulator platform."""
    from netraven_core.compliance import evaluate, load_rules
    from netraven_core.configtext.facts import extract_facts
    from netraven_core.plugins import Registry
    from netraven_core.simulator.configgen import generate

    rules = load_rules(rules_path.read_text())
    reg = Registry()
    out = []
    for name in sorted(n for n in reg.platforms if n in reg.simulator_profiles):
        text = generate(name, "bench-1", size=config_size).text
        times = []
        evaluation = evaluate(rules, text, name)
        for _ in range(repeats):
            t0 = time.perf_counter()
            evaluate(rules, text, name)
            extract_facts(text)
            times.append(time.perf_counter() - t0)
        out.append((name, evaluation.syntax, statistics.median(times) * 1000, len(evaluation.failed)))
    return out


def measure_runs(n: int, args: argparse.Namespace, rules_path: Path) -> dict[str, dict[str, Any]]:
    runs: dict[str, list[dict[str, Any]]] = {"without": [], "with": []}
    with tempfile.TemporaryDirectory(prefix="nr-bench-compliance-") as tmp:
        work = Path(tmp)
        sim = lib.SimulatorProcess(work, n, config_size=args.config_size)
        with lib.status(f"starting the simulator ({n} devices)"):
            sim.__enter__()
        try:
            base = {"inventory": str(sim.inventory), "workers": args.workers}
            if not args.no_warmup:
                with lib.status("warm-up (floor client, not measured)"):
                    lib.run_client("floor", {**base, "out": str(work / "warmup")}, work)
            for round_ in range(args.rounds):
                for label in ("without", "with"):
                    spec = {**base, "out": str(work / f"store-{label}-{round_}")}
                    if label == "with":
                        spec["rules"] = str(rules_path)
                    with lib.status(f"round {round_ + 1}: {label} rules, {n} devices"):
                        runs[label].append(lib.run_client("netraven", spec, work))
        finally:
            sim.__exit__(None, None, None)
    out: dict[str, dict[str, Any]] = {}
    for label, measured in runs.items():
        chosen = sorted(measured, key=lambda r: r["wall_s"])[len(measured) // 2]
        out[label] = {**chosen, "walls": [r["wall_s"] for r in measured]}
    # The machine's load moves between rounds (other work shares it): the two runs of one round
    # saw the same load, so the ratio is taken per round and its median reported.
    pairs = list(zip(runs["without"], runs["with"], strict=True))
    out["ratios"] = {"wall": [w["wall_s"] / wo["wall_s"] for wo, w in pairs],
                     "cpu": [cpu(w) / cpu(wo) for wo, w in pairs]}
    return out


def cpu(run: dict[str, Any]) -> float:
    return run["cpu_s"] + run["children_cpu_s"]


def render(n: int, args: argparse.Namespace, rule_count: int, costs: list[tuple[str, str, float, int]],
           runs: dict[str, dict[str, Any]], info: dict[str, Any]) -> str:
    wo, wi = runs["without"], runs["with"]
    ratio = statistics.median(runs["ratios"]["wall"])
    cpu_ratio = statistics.median(runs["ratios"]["cpu"])
    ms = [c[2] for c in costs]
    rows = [("without rules", wo["ok"], wo["failed"], wo["wall_s"], cpu(wo), "-"),
            (f"with {rule_count} rules", wi["ok"], wi["failed"], wi["wall_s"], cpu(wi), wi.get("checked"))]
    parts = ["## Compliance overhead (`bench/compliance_overhead.py`)", "",
             *lib.machine_lines(info),
             f"- {n} simulated devices over every catalogue platform, ~{args.config_size // 1000} kB "
             f"configurations, {args.workers} workers, a fresh git store per run (every device new, so "
             f"every device evaluated); {rule_count} rules without platform filters (the starter set and 8 "
             "more); 'with' evaluates the rules and the fleet facts on every saved text "
             "on the batch-writer thread (the server's per-version work minus its database write)", "",
             lib.table(("run", "ok", "failed", "wall s", "client CPU s", "versions checked"), rows), "",
             f"- Ratio with/without, median of the {args.rounds} rounds' own ratios (the two runs of a "
             f"round share the machine's load): wall {ratio:.3f}, client CPU {cpu_ratio:.3f} -> "
             f"{'met' if ratio <= 1.10 else 'NOT met'} (target: wall <= 1.10)",
             "- Per-round ratios: wall " + ", ".join(f"{r:.2f}" for r in runs["ratios"]["wall"])
             + "; CPU " + ", ".join(f"{r:.2f}" for r in runs["ratios"]["cpu"]),
             f"- Wall times of the {args.rounds} interleaved rounds (median reported): without "
             + ", ".join(lib.fmt(w) for w in wo["walls"]) + "; with "
             + ", ".join(lib.fmt(w) for w in wi["walls"]),
             "",
             f"Per-device evaluation ({rule_count} rules + facts, one parse; median of {args.repeats}): "
             f"mean {statistics.mean(ms):.2f} ms, max {max(ms):.2f} ms over {len(costs)} platforms", "",
             lib.table(("platform", "syntax", "ms per device", "failing rules"), costs)]
    return "\n".join(parts)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog=__doc__.split("\n\n", 1)[1])
    parser.add_argument("--devices", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=50)
    parser.add_argument("--config-size", type=int, default=20000, help="bytes per generated configuration")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds (default: %(default)s)")
    parser.add_argument("--repeats", type=int, default=20, help="per-device timing repeats")
    parser.add_argument("--no-warmup", action="store_true", help="skip the unmeasured warm-up pass")
    parser.add_argument("--docs-out", type=Path, default=lib.DOCS,
                        help="document to update (default: %(default)s)")
    parser.add_argument("--no-docs", action="store_true", help="print only, write no document")
    args = parser.parse_args(argv)
    info = lib.machine()
    with tempfile.TemporaryDirectory() as tmp:
        rules_path = Path(tmp) / "rules.yaml"
        rule_count = write_rules(rules_path)
        with lib.status(f"per-device cost of {rule_count} rules"):
            costs = per_device_cost(rules_path, args.config_size, args.repeats)
        runs = measure_runs(args.devices, args, rules_path)
        body = render(args.devices, args, rule_count, costs, runs, info)
    print(body)
    if not args.no_docs:
        print(f"written to {lib.write_section('compliance_overhead', body, args.docs_out)}", file=sys.stderr)


if __name__ == "__main__":
    main()
