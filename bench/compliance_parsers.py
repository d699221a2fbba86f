"""Block rules through three parsers: NetRaven's line index, hier-config and ciscoconfparse2.

    python bench/compliance_parsers.py [--repeats 5] [--platforms a,b,c] [--libraries netraven,...]

For every catalogue platform's simulated configuration (``simulator.configgen.generate``, ~20 kB,
as ``bench/compliance_overhead.py`` makes them, the commented header left out), each library
parses the text and evaluates the same block rules through its own API: the blocks whose line
matches the parent pattern (at any depth), and for each, whether one of its descendants matches
the child pattern.  Each library gets the syntax option that fits the platform where it has one
(hier-config: ios/iosxe/iosxr/nxos/eos/junos/vyos, its Junos options for every brace-style text;
ciscoconfparse2: ios/nxos/iosxr/asa, 'junos' for every brace-style text); otherwise its default.

Reported per library: the median ms per device (parse + rules, median of ``--repeats`` per
platform, then the median over platforms), the platforms where it raises, and the platforms where
its block findings (per rule: blocks selected, blocks failing) differ from NetRaven's index.
A library that is not importable is skipped with a line saying so (the shared venv has neither;
run under a venv that has them, e.g. ``/tmp/parsers/bin/python``).  Results are printed and written
to the ``compliance_parsers`` section of ``docs/benchmarks.md`` (``--docs-out`` elsewhere,
``--no-docs`` nowhere).
"""

from __future__ import annotations

import argparse
import importlib.metadata
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parent.parent))

import _benchlib as lib

# (key, parent pattern, child pattern, "present" | "absent"): rules on indented blocks, the kind
# hier-config and ciscoconfparse2 are made for.
RULES = [
    ("vty-ssh", r"^line vty", r"^transport input ssh", "present"),
    ("iface-description", r"^interface ", r"^description ", "present"),
    ("iface-no-cdp", r"^interface ", r"^cdp enable", "absent"),
]
COMPILED = [(key, re.compile(parent), re.compile(child), match) for key, parent, child, match in RULES]
LIBRARIES = ("netraven", "hier-config", "ciscoconfparse2")

# Findings: per rule, (blocks selected, sorted lines of the failing blocks).
Findings = dict[str, tuple[int, tuple[str, ...]]]
# A library: (name, version, evaluate(text, platform, family) -> Findings) or a reason it is skipped.
Evaluator = Callable[[str, str, str], Findings]


def verdicts(blocks: list[tuple[str, list[str]]]) -> Findings:
    """``blocks`` ([(stripped block line, stripped descendant lines)] of every block in the text,
    any depth) judged by every rule: the same judgement for each library, only the parse differs."""
    out: Findings = {}
    for key, parent, child, match in COMPILED:
        selected = [(line, kids) for line, kids in blocks if parent.search(line)]
        failing = [line for line, kids in selected
                   if any(child.search(k) for k in kids) != (match == "present")]
        out[key] = (len(selected), tuple(sorted(failing)))
    return out


def netraven_evaluator() -> Evaluator:
    from netraven_core.compliance.parsing import ParsedConfig

    def evaluate(text: str, platform: str, family: str) -> Findings:
        parsed = ParsedConfig(text, platform)
        out: Findings = {}
        for key, parent, child, match in COMPILED:
            blocks = list(parsed.blocks(parent))
            failing = [b.line for b in blocks
                       if any(child.search(k) for k in b.children) != (match == "present")]
            out[key] = (len(blocks), tuple(sorted(failing)))
        return out

    return evaluate


HIER_OS = {"cisco_ios": "ios", "cisco_xe": "iosxe", "cisco_xr": "iosxr", "cisco_nxos": "nxos",
           "arista_eos": "eos", "juniper_junos": "junos", "vyos": "vyos"}


def hier_os(platform: str, family: str) -> str:
    return HIER_OS.get(platform) or ("junos" if family == "brace" else "generic")


HIER3_PLATFORM = {"arista_eos": "ARISTA_EOS", "aruba_aoscx": "ARUBA_AOSCX", "cisco_ios": "CISCO_IOS",
                  "cisco_xe": "CISCO_IOS", "cisco_nxos": "CISCO_NXOS", "cisco_xr": "CISCO_XR",
                  "fortinet": "FORTINET_FORTIOS", "hp_comware": "HP_COMWARE5", "hp_procurve": "HP_PROCURVE",
                  "huawei_vrp": "HUAWEI_VRP", "juniper_junos": "JUNIPER_JUNOS", "nokia_srlinux": "NOKIA_SRL",
                  "ruckus_fastiron": "RUCKUS_FASTIRON", "vyos": "VYOS"}


def hier_blocks(children: Any) -> list[tuple[str, list[str]]]:
    """The children (any depth) some rule's parent selects, with their descendants' lines."""
    parents = [rx for _k, rx, _c, _m in COMPILED]
    return [(c.text, [d.text for d in c.all_children()]) for c in children
            if any(rx.search(c.text) for rx in parents)]


def hierconfig_evaluator() -> Evaluator:
    """hier-config 3 (``get_hconfig`` and a platform driver) or 2 (``Host`` and an OS name):
    ciscoconfparse2 depends on hier-config < 3, so a venv with both has version 2."""
    import hier_config

    if hasattr(hier_config, "get_hconfig"):
        from hier_config import Platform, get_hconfig

        def evaluate3(text: str, platform: str, family: str) -> Findings:
            name = HIER3_PLATFORM.get(platform) or ("JUNIPER_JUNOS" if family == "brace" else "GENERIC")
            return verdicts(hier_blocks(get_hconfig(Platform[name], text).all_children()))

        return evaluate3
    from hier_config import HConfig, Host

    def evaluate2(text: str, platform: str, family: str) -> Findings:
        config = HConfig(host=Host(platform, hier_os(platform, family)))
        config.load_from_string(text)
        return verdicts(hier_blocks(config.all_children()))

    return evaluate2


CCP_SYNTAX = {"cisco_nxos": "nxos", "cisco_xr": "iosxr", "cisco_asa": "asa", "cisco_ftd": "asa"}


def ccp_syntax(platform: str, family: str) -> str:
    return CCP_SYNTAX.get(platform) or ("junos" if family == "brace" else "ios")


def ciscoconfparse2_evaluator() -> Evaluator:
    from ciscoconfparse2 import CiscoConfParse

    def evaluate(text: str, platform: str, family: str) -> Findings:
        parse = CiscoConfParse(text.splitlines(), syntax=ccp_syntax(platform, family), loguru=False)
        blocks = {}  # by line number: two rules on '^interface ' select the same objects
        for _key, parent, _child, _match in COMPILED:
            # find_objects matches the raw line (with its indentation): the parent at any depth
            rx = r"^\s*" + parent.pattern.removeprefix("^")
            for obj in parse.find_objects(rx):
                blocks[obj.linenum] = (obj.text.strip(), [c.text.strip() for c in obj.all_children])
        return verdicts([blocks[n] for n in sorted(blocks)])

    return evaluate


FACTORIES = {"netraven": (netraven_evaluator, "netraven"),
             "hier-config": (hierconfig_evaluator, "hier-config"),
             "ciscoconfparse2": (ciscoconfparse2_evaluator, "ciscoconfparse2")}


def load(names: list[str]) -> tuple[dict[str, tuple[str, Evaluator]], list[str]]:
    """The importable libraries ``{name: (version, evaluate)}`` and a line per skipped one."""
    ready, skipped = {}, []
    for name in names:
        factory, dist = FACTORIES[name]
        try:
            evaluate = factory()
        except ImportError as exc:
            skipped.append(f"{name}: skipped, not importable ({exc})")
            continue
        try:
            version = importlib.metadata.version(dist)
        except importlib.metadata.PackageNotFoundError:
            version = "source tree"
        ready[name] = (version, evaluate)
    return ready, skipped


def measure(libraries: dict[str, tuple[str, Evaluator]], platforms: list[str], size: int,
            repeats: int) -> list[dict[str, Any]]:
    """Per platform: its family and, per library, ms (median) and findings, or the error raised."""
    from netraven_core.compliance.parsing import detect_syntax, strip_header
    from netraven_core.simulator.configgen import generate

    rows = []
    for platform in platforms:
        text = strip_header(generate(platform, "bench-1", size=size).text)
        row: dict[str, Any] = {"platform": platform, "family": detect_syntax(text), "kB": len(text) / 1000}
        for name, (_version, evaluate) in libraries.items():
            try:
                findings = evaluate(text, platform, row["family"])
                times = []
                for _ in range(repeats):
                    t0 = time.perf_counter()
                    evaluate(text, platform, row["family"])
                    times.append(time.perf_counter() - t0)
                row[name] = {"ms": statistics.median(times) * 1000, "findings": findings}
            except Exception as exc:  # a library failing on a platform is a result, not a crash
                row[name] = {"error": f"{type(exc).__name__}: {str(exc)[:80]}"}
        rows.append(row)
    return rows


def summary(name: str, version: str, rows: list[dict[str, Any]]) -> tuple[tuple[Any, ...], list[str]]:
    """The library's table row and its lines: which platforms raise, which differ."""
    ok = [r for r in rows if "ms" in r[name]]
    raised = [r["platform"] for r in rows if "error" in r[name]]
    differ = [r["platform"] for r in ok if "ms" in r.get("netraven", {})
              and r[name]["findings"] != r["netraven"]["findings"]]
    ms = [r[name]["ms"] for r in ok]
    row = (f"{name} {version}", statistics.median(ms) if ms else "-", max(ms) if ms else "-",
           f"{len(raised)}/{len(rows)}", f"{len(differ)}/{len(ok)}" if "netraven" in rows[0] else "-")
    lines = [f"- {name} raises on: {', '.join(raised)}"] if raised else []
    lines += [f"- {name} findings differ on: {', '.join(differ)}"] if differ and name != "netraven" else []
    return row, lines


def differences(names: list[str], rows: list[dict[str, Any]]) -> list[str]:
    """One line per platform and library whose findings are not NetRaven's: what differs."""
    out = []
    for row in rows:
        reference = row.get("netraven", {}).get("findings")
        for name in names:
            findings = row[name].get("findings")
            if name == "netraven" or reference is None or findings is None or findings == reference:
                continue
            parts = []
            for key, (count, failing) in findings.items():
                ref_count, ref_failing = reference[key]
                if (count, failing) == (ref_count, ref_failing):
                    continue
                extra = sorted(set(failing) - set(ref_failing))[:2]
                parts.append(f"{key}: {count} blocks, {len(failing)} failing (NetRaven {ref_count}, "
                             f"{len(ref_failing)})" + (f", failing only here: {extra}" if extra else ""))
            out.append(f"- {row['platform']} / {name}: " + "; ".join(parts))
    return out


def cell(entry: dict[str, Any], reference: dict[str, Any] | None) -> str:
    if "error" in entry:
        return "raises " + entry["error"].split(":", 1)[0]
    same = reference is None or "findings" not in reference or entry["findings"] == reference["findings"]
    return f"{lib.fmt(entry['ms'])}" + ("" if same else " (differs)")


def render(args: argparse.Namespace, libraries: dict[str, tuple[str, Evaluator]], skipped: list[str],
           rows: list[dict[str, Any]], info: dict[str, Any]) -> str:
    names = list(libraries)
    summaries = [summary(n, libraries[n][0], rows) for n in names]
    rules = "; ".join(f"`{p}` block {'has' if m == 'present' else 'has no'} `{c}`" for _k, p, c, m in RULES)
    measured = ", ".join(f"{n} {libraries[n][0]}" for n in names)
    parts = [f"## Block rules through {measured} (`bench/compliance_parsers.py`)", "",
             *lib.machine_lines(info), f"- Interpreter: `{sys.executable}`",
             f"- {len(rows)} catalogue platforms' simulated configurations (~{args.config_size // 1000} kB, "
             f"header left out); rules: {rules}; each parse + rules timed {args.repeats} times, median", "",
             *[f"- {line}" for line in skipped], *([""] if skipped else []),
             lib.table(("library", "median ms per device", "max ms", "platforms raising",
                        "findings differ from NetRaven"), [s[0] for s in summaries]), "",
             *[line for s in summaries for line in s[1]], "",
             "Per platform: ms per device (parse + rules), or what it raises; '(differs)': block findings "
             "not those of NetRaven's index", "",
             lib.table(("platform", "family", "blocks (NetRaven)", *names),
                       [(r["platform"], r["family"],
                         sum(n for n, _f in r["netraven"]["findings"].values())
                         if "findings" in r.get("netraven", {}) else "-",
                         *[cell(r[n], r.get("netraven") if n != "netraven" else None) for n in names])
                        for r in rows]),
             "", "Differences in findings (blocks selected, failing) from NetRaven's index:", "",
             *(differences(names, rows) or ["- none"])]
    return "\n".join(parts)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog=__doc__.split("\n\n", 1)[1])
    parser.add_argument("--libraries", default=",".join(LIBRARIES),
                        help="comma-separated, of %(default)s (default: all)")
    parser.add_argument("--platforms", default="",
                        help="comma-separated platforms (default: every catalogue one)")
    parser.add_argument("--config-size", type=int, default=20000, help="bytes per generated configuration")
    parser.add_argument("--repeats", type=int, default=5, help="timing repeats per platform and library")
    parser.add_argument("--docs-out", type=Path, default=lib.DOCS,
                        help="document to update (default: %(default)s)")
    parser.add_argument("--section", default="compliance_parsers",
                        help="section of the document to write (default: %(default)s)")
    parser.add_argument("--no-docs", action="store_true", help="print only, write no document")
    args = parser.parse_args(argv)
    names = [n.strip() for n in args.libraries.split(",") if n.strip()]
    unknown = [n for n in names if n not in FACTORIES]
    if unknown:
        parser.error(f"--libraries: unknown {', '.join(unknown)} (known: {', '.join(LIBRARIES)})")
    from netraven_core.plugins import Registry

    reg = Registry()
    catalogue = sorted(n for n in reg.platforms if n in reg.simulator_profiles)
    platforms = [p.strip() for p in args.platforms.split(",") if p.strip()] or catalogue
    if missing := [p for p in platforms if p not in catalogue]:
        parser.error(f"--platforms: not catalogue platforms with a simulator profile: {', '.join(missing)}")
    info = lib.machine()
    libraries, skipped = load(names)
    for line in skipped:
        print(line, file=sys.stderr)
    with lib.status(f"{len(platforms)} platforms x {len(libraries)} libraries"):
        rows = measure(libraries, platforms, args.config_size, args.repeats)
    body = render(args, libraries, skipped, rows, info)
    print(body)
    if not args.no_docs:
        print(f"written to {lib.write_section(args.section, body, args.docs_out)}", file=sys.stderr)


if __name__ == "__main__":
    main()
