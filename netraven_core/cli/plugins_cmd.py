"""``netraven plugins``: what the loaded plugins contribute."""

from __future__ import annotations

import json
from typing import Any

import click

from ..plugins import Registry


def _origin(obj: Any) -> str:
    return getattr(obj, "__module__", "") or ""


def describe(registry: Registry) -> dict[str, Any]:
    """Every loaded plugin and contribution, as plain data."""
    return {
        "plugins": registry.plugin_names(),
        "drivers": [{"name": name, "kind": "async" if getattr(cls, "asynchronous", False) else "blocking",
                     "module": _origin(cls)} for name, cls in sorted(registry.drivers.items())],
        "platforms": [{"name": p.name, "vendor": p.vendor, "default_driver": p.default_driver,
                       "drivers": sorted(p.drivers), "description": p.description}
                      for p in sorted(registry.platforms.values(), key=lambda p: p.name)],
        "storage": [{"name": name, "module": _origin(cls)}
                    for name, cls in sorted(registry.storage_backends.items())],
        "notifiers": [{"name": name, "module": _origin(cls)}
                      for name, cls in sorted(registry.notifier_types.items())],
        "inventory_sources": [{"name": name, "suffixes": list(getattr(cls, "suffixes", ())),
                               "module": _origin(cls)}
                              for name, cls in sorted(registry.inventory_sources.items())],
        "redaction_rules": len(registry.redaction_rules),
        "job_types": sorted(registry.job_types),
    }


@click.command("plugins")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def plugins(as_json: bool) -> None:
    """List the loaded plugins, drivers, platforms, storage backends and notifiers."""
    info = describe(Registry())
    if as_json:
        click.echo(json.dumps(info, indent=2))
        return
    from rich.console import Console
    from rich.table import Table

    console = Console()
    console.print("[bold]Plugins[/bold]: " + ", ".join(info["plugins"]))
    drivers = Table(title="Drivers")
    for column in ("name", "kind", "module"):
        drivers.add_column(column)
    for d in info["drivers"]:
        drivers.add_row(d["name"], d["kind"], d["module"])
    console.print(drivers)
    platforms = Table(title="Platforms")
    for column in ("name", "vendor", "default driver", "drivers"):
        platforms.add_column(column)
    for p in info["platforms"]:
        platforms.add_row(p["name"], p["vendor"], p["default_driver"], ", ".join(p["drivers"]))
    console.print(platforms)
    for key, title in (("storage", "Storage backends"), ("notifiers", "Notifiers")):
        console.print(f"[bold]{title}[/bold]: "
                      + ", ".join(f"{x['name']} ({x['module']})" for x in info[key]))
    console.print("[bold]Inventory sources[/bold]: "
                  + ", ".join(f"{x['name']} ({' '.join(x['suffixes'])})" for x in info["inventory_sources"]))
    console.print(f"[bold]Redaction rules[/bold]: {info['redaction_rules']}")
    if info["job_types"]:
        console.print("[bold]Job types[/bold]: " + ", ".join(info["job_types"]))


COMMANDS = [plugins]
