"""``netraven check``: evaluate compliance rules on the latest stored version of every device.

Made for CI pipelines that gate on policy without a server: exit status 0 when every applicable
rule passes, 1 when any fails, 2 for bad input (a rules file with an error names its file, line
and field).  Devices take their platform and tags from ``--inventory``; without one, rules
limited to platforms or tags cannot be matched to a device and are skipped (and said so), since
the storage holds text only.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from ..compliance import RuleError, evaluate, load_rules
from ..compliance.rules import SEVERITIES, Rule
from .history import _STORAGE_DIR, NotFound, open_storage


class BadRules(click.ClickException):
    """The rules file cannot be used: a usage problem, exit status 2."""

    exit_code = 2

    def show(self, file: Any = None) -> None:
        click.echo(f"error: {self.format_message()}", err=True)


def read_rules(path: Path) -> list[Rule]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise BadRules(f"cannot read rules file {path}: {exc}") from None
    try:
        rules = load_rules(text, source=str(path))
    except RuleError as exc:
        raise BadRules(str(exc)) from None
    if not rules:
        raise BadRules(f"{path}: no rules in the file")
    return rules


def device_facts(inventory_path: Path | None) -> dict[str, tuple[str, tuple[str, ...]]]:
    """hostname -> (platform, tags) from the inventory, if one was given."""
    if inventory_path is None:
        return {}
    from ..inventory import load_inventory

    inventory = load_inventory(inventory_path)
    return {d.hostname: (d.platform, tuple(sorted(d.tags))) for d in inventory.devices}


def check_device(storage: Any, hostname: str, rules: list[Rule], platform: str,
                 tags: tuple[str, ...]) -> dict[str, Any]:
    """One device's report: its latest version and every applicable rule's result."""
    versions = storage.history(hostname, 1)
    text = storage.read(hostname)
    evaluation = evaluate(rules, text, platform, tags)
    by_key = {r.key: r for r in rules}
    results = [{**r.as_dict(), "severity": by_key[r.rule].severity, "title": by_key[r.rule].title}
               for r in evaluation.results]
    return {"hostname": hostname, "platform": platform or None, "tags": list(tags),
            "version": versions[0].version if versions else None, "syntax": evaluation.syntax or None,
            "results": results, "failed": sum(1 for r in results if not r["passed"])}


def _print_table(reports: list[dict[str, Any]], verbose_findings: int) -> None:
    for report in reports:
        mark = "FAIL" if report["failed"] else "ok"
        click.echo(f"{mark:4}  {report['hostname']}  ({len(report['results'])} rules, "
                   f"{report['failed']} failed)")
        for result in report["results"]:
            if result["passed"]:
                continue
            click.echo(f"      [{result['severity']}] {result['rule']}: {result['title']}")
            for finding in result["findings"][:verbose_findings]:
                click.echo(f"          {finding}")


@click.command("check")
@click.option("--storage", "-s", "storage_dir", required=True, type=_STORAGE_DIR,
              help="Storage directory written by 'netraven backup'.")
@click.option("--storage-backend", default=None, help="Storage backend plugin (default: detected).")
@click.option("--rules", "-r", "rules_path", required=True,
              type=click.Path(exists=True, dir_okay=False, path_type=Path), help="Rules file (YAML).")
@click.option("--inventory", "-i", "inventory_path",
              type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Inventory giving each device's platform and tags.")
@click.option("--device", "-d", "devices", multiple=True, help="Check only this hostname (repeatable).")
@click.option("--fail-on", type=click.Choice(SEVERITIES), default="info", show_default=True,
              help="Exit 1 only for failures of this severity or a higher one.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document instead of a table.")
def check(storage_dir: Path, storage_backend: str | None, rules_path: Path, inventory_path: Path | None,
          devices: tuple[str, ...], fail_on: str, as_json: bool) -> None:
    """Check the latest stored configuration of every device against a rules file.

    Exit status: 0 all applicable rules pass, 1 a rule failed, 2 bad input.
    """
    rules = read_rules(rules_path)
    facts = device_facts(inventory_path)
    storage = open_storage(storage_dir, storage_backend)
    stored = storage.hostnames()
    hostnames = list(devices) or sorted(stored)
    unknown = [h for h in hostnames if h not in stored]
    if unknown:
        raise NotFound(f"no stored configuration for {', '.join(unknown)}")
    skipped = [] if facts else [r.key for r in rules if r.platforms or r.tags]
    reports = []
    for hostname in hostnames:
        platform, tags = facts.get(hostname, ("", ()))
        reports.append(check_device(storage, hostname, rules, platform, tags))
    gate = SEVERITIES[:SEVERITIES.index(fail_on) + 1]
    blocking = sum(1 for rep in reports for r in rep["results"] if not r["passed"] and r["severity"] in gate)
    summary = {"devices": len(reports), "failing_devices": sum(1 for r in reports if r["failed"]),
               "failures": sum(r["failed"] for r in reports), "blocking_failures": blocking,
               "rules": len(rules), "skipped_rules": skipped}
    if as_json:
        click.echo(json.dumps({"summary": summary, "devices": reports}, indent=2))
    else:
        _print_table(reports, verbose_findings=5)
        click.echo(f"{summary['devices']} device(s), {summary['failing_devices']} failing, "
                   f"{summary['failures']} failure(s) ({blocking} at or above {fail_on})")
    if skipped and not as_json:
        click.echo(f"note: no --inventory, so rules limited to platforms or tags were skipped: "
                   f"{', '.join(skipped)}", err=True)
    raise SystemExit(1 if blocking else 0)


COMMANDS = [check]
