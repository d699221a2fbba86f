"""``netraven redact FILE --platform P``: what NetRaven would store of a configuration file
(normalised and redacted) and which rule removed what — never the secrets themselves."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..configtext.normalize import normalize
from ..configtext.redact import Explanation, Redactor
from ..plugins import Registry


def explain_file(path: Path, platform_name: str, registry: Registry | None = None) -> Explanation:
    """The normalised, redacted text of ``path`` for ``platform_name`` and what was removed.

    :raises click.UsageError: unknown platform or unreadable file (the CLI exits with 2).
    """
    registry = registry or Registry()
    platform = registry.platforms.get(platform_name)
    if platform is None:
        known = ", ".join(sorted(registry.platforms))
        raise click.UsageError(f"unknown platform {platform_name!r} (known: {known})")
    try:
        raw = path.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise click.UsageError(f"cannot read {path}: {exc.strerror or exc}") from None
    return Redactor(registry.redaction_rules).explain(normalize(raw, platform), platform.name)


@click.command("redact")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("-p", "--platform", "platform_name", required=True, help="Catalogue platform name.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def redact(file: Path, platform_name: str, as_json: bool) -> None:
    """Print FILE as it would be stored (normalised, secrets redacted) and list, per rule, the
    lines where something was removed."""
    explained = explain_file(file, platform_name)
    findings = [{"rule": f.rule, "line": f.line, "text": f.text, "values": f.values}
                for f in explained.findings]
    if as_json:
        click.echo(json.dumps({"file": str(file), "platform": platform_name,
                               "text": explained.text, "findings": findings}, indent=2))
        return
    click.echo(explained.text, nl=False)
    click.echo(f"\n# {sum(f['values'] for f in findings)} value(s) removed by "
               f"{len({f['rule'] for f in findings})} rule(s):", err=True)
    for f in findings:
        click.echo(f"# {f['rule']}  line {f['line']}: {f['text'].strip()}", err=True)


COMMANDS = [redact]
