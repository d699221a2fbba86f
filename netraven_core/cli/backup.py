"""``netraven backup``: back up every device of an inventory into a storage directory."""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Any

import click

from ..engine import run_backup
from ..engine.hostkeys import JsonHostKeyStore
from ..errors import NetRavenError, PluginError
from ..inventory import load_inventory
from ..models import BackupRun, DeviceResult, HostKeyMode, Transport
from ..plugins import Registry

# Rows of changed/failed devices shown in the summary table before "... and N more".
TABLE_ROWS = 40


def known_hosts_path(storage_dir: Path, backend: str) -> Path:
    """Where host keys live by default: inside ``.git`` for the git backend (never committed),
    else a dot-file next to the configurations."""
    if backend == "git" and (storage_dir / ".git").is_dir():
        return storage_dir / ".git" / "netraven" / "known_hosts.json"
    return storage_dir / ".netraven-known_hosts.json"


def build_notifiers(registry: Registry, specs: tuple[str, ...]) -> list[Any]:
    """``TYPE`` or ``TYPE:URL`` (e.g. ``log``, ``webhook:https://example.net/hook``)."""
    notifiers = []
    for spec in specs:
        kind, _sep, url = spec.partition(":")
        options = {"url": url} if url else {}
        try:
            notifiers.append(registry.notifier(kind.strip(), **options))
        except (TypeError, ValueError) as exc:
            raise click.BadParameter(f"{kind}: {exc}", param_hint="--notify") from None
    return notifiers


def _progress_reporter(console: Any, total: int) -> tuple[Any, Any]:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    progress = Progress(TextColumn("[bold]backup"), BarColumn(), MofNCompleteColumn(),
                        TextColumn("{task.fields[failed]} failed"), TimeElapsedColumn(),
                        console=console, transient=True)
    task = progress.add_task("backup", total=total, failed=0)
    failed = 0

    def update(result: DeviceResult, done: int, _total: int) -> None:
        nonlocal failed
        failed += 0 if result.ok else 1
        progress.update(task, completed=done, failed=failed)

    return progress, update


def print_summary(run: BackupRun, console: Any) -> None:
    """A table of changed and failed devices, then the counts."""
    from rich.markup import escape
    from rich.table import Table

    s = run.summary
    failed = [r for r in run.results if not r.ok]
    changed = [r for r in run.results if r.ok and r.changed]
    if failed or changed:
        table = Table(title=f"run {s.run_id}", show_lines=False)
        for column in ("device", "status", "details"):
            table.add_column(column, overflow="fold")
        for r in failed[:TABLE_ROWS]:
            category = r.error_category.value if r.error_category else "?"
            table.add_row(r.hostname, f"[red]failed ({category})[/red]", escape(r.error or ""))
        if len(failed) > TABLE_ROWS:
            table.add_row(f"... and {len(failed) - TABLE_ROWS} more failed", "", "")
        for r in changed[:TABLE_ROWS]:
            # No diff on a changed result means there was no previous version: a first backup.
            status = "[green]changed[/green]" if r.diff is not None else "[cyan]new[/cyan]"
            table.add_row(r.hostname, status, f"+{r.lines_added} -{r.lines_removed}")
        if len(changed) > TABLE_ROWS:
            table.add_row(f"... and {len(changed) - TABLE_ROWS} more changed", "", "")
        console.print(table)
    categories = ", ".join(f"{k}: {v}" for k, v in sorted(s.by_category.items()))
    console.print(f"{s.total} device(s): {s.ok} ok ({s.changed} changed, {s.unchanged} unchanged), "
                  f"{s.failed} failed{f' ({categories})' if categories else ''} in {s.duration:.1f}s",
                  highlight=False)


@click.command("backup")
@click.option("--inventory", "-i", "inventory_path", required=True,
              type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Inventory file (YAML or CSV), or a YAML file naming a source (source: netbox).")
@click.option("--storage", "-s", "storage_dir", required=True,
              type=click.Path(file_okay=False, path_type=Path),
              help="Storage directory (a git repository with the default backend; created if missing).")
@click.option("--storage-backend", default="git", show_default=True, help="Storage backend plugin.")
@click.option("--workers", "-w", default=50, show_default=True, type=click.IntRange(1, 5000),
              help="Devices backed up at once.")
@click.option("--timeout", "-t", default=60.0, show_default=True, type=click.FloatRange(min=0.1),
              help="Hard time limit per device in seconds, retries included.")
@click.option("--retries", default=2, show_default=True, type=click.IntRange(0, 20),
              help="Extra attempts per credential for errors a retry can fix.")
@click.option("--host-key-mode", type=click.Choice([m.value for m in HostKeyMode]), default="tofu",
              show_default=True, help="tofu: remember keys on first use; strict: known keys only.")
@click.option("--known-hosts", type=click.Path(dir_okay=False, path_type=Path),
              help="Host key file (default: inside the storage directory, outside version control).")
@click.option("--notify", multiple=True, metavar="TYPE[:URL]",
              help="Send events to a notifier, e.g. 'log' or 'webhook:https://...'. Repeatable.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object with every result.")
@click.option("--sections/--no-sections", default=True, show_default=True,
              help="Store the platforms' hardware/software sections (version, inventory...) as a "
              "comment header.")
def backup(inventory_path: Path, storage_dir: Path, storage_backend: str, workers: int, timeout: float,
           retries: int, host_key_mode: str, known_hosts: Path | None, notify: tuple[str, ...],
           as_json: bool, sections: bool) -> None:
    """Back up every device of an inventory.

    Exits 0 when every device succeeded, 1 when any failed, 2 on bad input.
    """
    from rich.console import Console

    # urllib3 logs request paths at DEBUG, and webhook URLs often carry a token.
    logging.getLogger("urllib3").setLevel(max(logging.INFO, logging.getLogger().getEffectiveLevel()))
    registry = Registry()
    inventory = load_inventory(inventory_path, registry=registry)
    try:
        storage_dir.mkdir(parents=True, exist_ok=True)
        storage = registry.storage(storage_backend, str(storage_dir))
    except PluginError:
        raise  # unknown backend: reported by main() with exit status 2
    except (OSError, NetRavenError) as exc:
        raise click.BadParameter(str(exc), param_hint="--storage") from None
    notifiers = build_notifiers(registry, notify)
    try:
        host_keys = JsonHostKeyStore(known_hosts or known_hosts_path(storage_dir, storage_backend))
    except OSError as exc:
        raise click.BadParameter(str(exc), param_hint="--known-hosts") from None

    err_console = Console(stderr=True)
    telnet = [d.hostname for d in inventory.devices if d.transport == Transport.TELNET]
    if telnet:
        click.echo(f"warning: {len(telnet)} device(s) use telnet, which sends the password in clear "
                   f"text: {', '.join(telnet)}", err=True)
    reporter = None
    progress = None
    if err_console.is_terminal and inventory.devices:
        reporter, progress = _progress_reporter(err_console, len(inventory.devices))
        reporter.start()
    try:
        run = run_backup(inventory, storage, registry=registry, workers=workers, timeout=timeout,
                         retries=retries, host_keys=host_keys, host_key_mode=HostKeyMode(host_key_mode),
                         notifiers=notifiers, progress=progress, sections=sections)
    finally:
        if reporter is not None:
            reporter.stop()

    if as_json:
        payload = {"run_id": run.summary.run_id, "devices": [r.as_dict() for r in run.results],
                   "summary": run.summary.as_dict()}
        click.echo(json.dumps(payload, indent=2))
    else:
        print_summary(run, Console())
    sys.exit(1 if run.summary.failed else 0)


COMMANDS = [backup]
