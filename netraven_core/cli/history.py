"""``netraven history|show|diff``: browse the stored versions of a device.

Versions are named as the storage backend names them (a commit id, or a prefix of it, for git);
``HEAD~N`` (or ``~N``, which some shells expand) means the N-th version before the latest.
"""

from __future__ import annotations

import difflib
import json
import re
import sys
from pathlib import Path
from typing import Any

import click

from ..errors import StorageError

_STORAGE_DIR = click.Path(exists=True, file_okay=False, path_type=Path)


class NotFound(click.ClickException):
    """Unknown device or version: a usage problem, exit status 2."""

    exit_code = 2

    def show(self, file: Any = None) -> None:
        click.echo(f"error: {self.format_message()}", err=True)


def detect_backend(storage_dir: Path) -> str:
    """``git`` for a git repository, ``filesystem`` for a NetRaven filesystem store."""
    if (storage_dir / ".git").is_dir():
        return "git"
    from netraven_plugins.storage.filesystem import MARKER

    if (storage_dir / MARKER).exists():
        return "filesystem"
    raise NotFound(f"{storage_dir} is not a NetRaven storage directory (no git repository or store marker)")


def open_storage(storage_dir: Path, backend: str | None) -> Any:
    """Open an existing storage directory for reading (never creates one)."""
    from ..plugins import Registry

    name = backend or detect_backend(storage_dir)
    return Registry().storage(name, str(storage_dir))


def _storage_options(func: Any) -> Any:
    func = click.option("--storage-backend", default=None,
                        help="Storage backend plugin (default: detected from the directory).")(func)
    return click.option("--storage", "-s", "storage_dir", required=True, type=_STORAGE_DIR,
                        help="Storage directory written by 'netraven backup'.")(func)


def _known(storage: Any, hostname: str) -> None:
    if not storage.history(hostname, 1):
        known = storage.hostnames()
        close = difflib.get_close_matches(hostname, known, n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise NotFound(f"no stored configuration for {hostname!r}{hint} ({len(known)} device(s) stored)")


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def terminal_safe(text: str) -> str:
    """Make control characters visible (``^[``, ``\\x9b``) so that a stored configuration cannot
    send escape sequences to the user's terminal; output to a pipe or file stays exact."""
    def visible(match: re.Match[str]) -> str:
        code = ord(match.group())
        return f"^{chr(code ^ 0x40)}" if code < 0x80 else f"\\x{code:02x}"

    return _CONTROL.sub(visible, text)


def _short(version: str) -> str:
    return version[:12] if len(version) == 40 else version


@click.command("history")
@_storage_options
@click.argument("hostname")
@click.option("--limit", "-n", type=click.IntRange(min=1), help="Show only the newest N versions.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON lines instead of a table.")
def history(storage_dir: Path, storage_backend: str | None, hostname: str, limit: int | None,
            as_json: bool) -> None:
    """List the stored versions of HOSTNAME, newest first."""
    storage = open_storage(storage_dir, storage_backend)
    _known(storage, hostname)
    versions = storage.history(hostname, limit)
    if as_json:
        for v in versions:
            click.echo(json.dumps({"version": v.version, "timestamp": v.timestamp.isoformat(), "size": v.size,
                                   "lines_added": v.lines_added, "lines_removed": v.lines_removed,
                                   "run_id": v.run_id, "content_hash": v.content_hash}))
        return
    rows = [("VERSION", "TIME (UTC)", "SIZE", "+/-", "RUN")]
    rows += [(_short(v.version), v.timestamp.strftime("%Y-%m-%d %H:%M:%S"), str(v.size),
              f"+{v.lines_added} -{v.lines_removed}", v.run_id or "-") for v in versions]
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    for row in rows:
        click.echo("  ".join(cell.ljust(widths[i]) if i < 4 else cell for i, cell in enumerate(row)).rstrip())


@click.command("show")
@_storage_options
@click.argument("hostname")
@click.argument("version", required=False)
def show(storage_dir: Path, storage_backend: str | None, hostname: str, version: str | None) -> None:
    """Print a stored configuration of HOSTNAME.

    VERSION: a version id (or prefix) from 'netraven history', or HEAD~N for N versions before
    the latest (default: the latest).
    """
    storage = open_storage(storage_dir, storage_backend)
    _known(storage, hostname)
    try:
        text = storage.read(hostname, version)
    except (LookupError, StorageError) as exc:
        raise NotFound(str(exc)) from None
    if sys.stdout.isatty():
        text = terminal_safe(text)
    click.echo(text, nl=not text.endswith("\n"))


def _colour(line: str) -> str:
    if line.startswith(("+++", "---")):
        return click.style(line, bold=True)
    if line.startswith("+"):
        return click.style(line, fg="green")
    if line.startswith("-"):
        return click.style(line, fg="red")
    if line.startswith("@@"):
        return click.style(line, fg="cyan")
    return line


@click.command("diff")
@_storage_options
@click.argument("hostname")
@click.argument("version_a", required=False)
@click.argument("version_b", required=False)
@click.option("--color/--no-color", "colour", default=None,
              help="Colour the diff (default: only when writing to a terminal).")
def diff(storage_dir: Path, storage_backend: str | None, hostname: str, version_a: str | None,
         version_b: str | None, colour: bool | None) -> None:
    """Show what changed in HOSTNAME's configuration.

    No version: the last two versions.  One: from VERSION_A to the latest.  Two: from VERSION_A
    to VERSION_B.  Versions are ids (or prefixes) from 'netraven history', or HEAD~N.
    """
    storage = open_storage(storage_dir, storage_backend)
    _known(storage, hostname)
    try:
        text = storage.diff(hostname, version_a, version_b)
    except (LookupError, StorageError) as exc:
        raise NotFound(str(exc)) from None
    tty = sys.stdout.isatty()
    if colour is None:
        colour = tty
    if tty or colour:
        text = terminal_safe(text)
    for line in text.splitlines():
        click.echo(_colour(line) if colour else line, color=colour)


COMMANDS = [history, show, diff]
