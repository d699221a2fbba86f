"""Regenerate the catalogue tables of ``docs/platforms.md`` from the built-in platform catalogue.

    python scripts/gen_platforms_doc.py           # rewrite the generated part of the page
    python scripts/gen_platforms_doc.py --check   # exit 1 when the page is out of date

The hand-written part of the page (above :data:`BEGIN`) is kept as it is; everything between
:data:`BEGIN` and :data:`END` is generated, so adding a platform to the catalogue and running
this script is all the page needs.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "platforms.md"
COMMAND = "python scripts/gen_platforms_doc.py"
BEGIN = f"<!-- BEGIN GENERATED CATALOGUE: do not edit by hand, run `{COMMAND}` -->"
END = "<!-- END GENERATED CATALOGUE -->"
NONE = "\u2013"  # an en dash: "nothing" in a table cell


def _code(text: str) -> str:
    """``text`` as inline code inside a table cell (pipes escaped)."""
    return "`" + text.replace("|", "\\|") + "`"


def _cell(items: Iterable[str]) -> str:
    return ", ".join(items) or NONE


def _driver(name: str, options: Mapping[str, Any]) -> str:
    return " ".join([name, *(f"{key}={_code(str(value))}" for key, value in sorted(options.items()))])


def _notes(p: Any) -> str:
    """What the dialogue does beyond prompt, enable and commands, read off the platform's data."""
    notes = []
    if getattr(p, "inband_login", False):
        notes.append("in-band login: the shell asks for the user name and password (again) after "
                     "SSH; the drivers answer it")
    if getattr(p, "login_gates", ()):
        notes.append("a banner waits for a key before the first prompt (sent)")
    if getattr(p, "status_line_patterns", ()):
        notes.append("role/status lines above the prompt are dropped")
    if getattr(p, "contexts", None) is not None:
        notes.append("multi-context mode: every context's configuration is fetched")
    if getattr(p, "section_scope", None) is not None:
        notes.append("multi-domain mode: the sections run inside a scope")
    if "telnet" in p.transports:
        notes.append("telnet sends the password in clear text")
    return "; ".join(notes) or NONE


def render_catalogue(platforms: Iterable[Any]) -> str:
    """The generated Markdown for ``platforms`` (Platform objects), between the markers."""
    ordered = sorted(platforms, key=lambda p: p.name)
    lines = [BEGIN, "", f"{len(ordered)} built-in platforms.", "",
             "| Platform | Vendor | Description | Drivers (options) | Transports | Privileged mode "
             "| Backup commands | Complete when | Notes |",
             "|---|---|---|---|---|---|---|---|---|"]
    for p in ordered:
        drivers = [_driver(name, options) + (" (default)" if name == p.default_driver else "")
                   for name, options in sorted(p.drivers.items())]
        enable = _code(p.enable.command) if p.enable else NONE
        complete = _code(p.completeness_pattern) if p.completeness_pattern else f"{NONE} (no marker)"
        lines.append(f"| `{p.name}` | {p.vendor} | {p.description} | {_cell(drivers)} "
                     f"| {_cell(p.transports)} | {enable} | {_cell(map(_code, p.backup_commands))} "
                     f"| {complete} | {_notes(p)} |")
    lines += ["", "### Sections (hardware/software header)", "",
              "| Platform | Sections (name: command) |", "|---|---|"]
    for p in ordered:
        sections = [f"{s.name}: {_code(s.command)}" + ("" if s.optional else " (required)")
                    for s in getattr(p, "sections", ())]
        lines.append(f"| `{p.name}` | {_cell(sections)} |")
    return "\n".join([*lines, "", END]) + "\n"


def render_page(current: str, platforms: Iterable[Any]) -> str:
    """``current`` with its generated part replaced (appended when the markers are missing)."""
    head = current.split(BEGIN, 1)[0] if BEGIN in current else current.rstrip("\n") + "\n\n"
    tail = current.split(END, 1)[1].lstrip("\n") if END in current else ""
    return head + render_catalogue(platforms) + (f"\n{tail}" if tail else "")


def catalogue() -> list[Any]:
    """The live built-in catalogue (what the installed ``netraven_plugins`` define)."""
    from netraven_plugins.platforms import builtin_platforms

    return builtin_platforms()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when the page is out of date")
    args = parser.parse_args(argv)
    current = PAGE.read_text()
    wanted = render_page(current, catalogue())
    if args.check:
        if wanted != current:
            print(f"{PAGE} is out of date: run `{COMMAND}`", file=sys.stderr)
            return 1
        return 0
    PAGE.write_text(wanted)
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
