"""Hardware and software sections stored as a commented header above the configuration.

A platform's :attr:`~netraven_core.models.Platform.sections` (version, inventory, modules...) are
collected by the drivers in the backup session; the cleaning step turns what the device answered
into a header of comment lines (the platform's ``comment_prefix``), one labelled block per
section, with each section's volatile lines (uptime, clocks, counters) dropped.  The header is
part of the stored text, so a swapped module or an OS upgrade is a change with a diff, while an
unchanged device whose uptime moved on makes no new version.  The format is in
``docs/sections.md``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..models import Platform
from .normalize import normalize

END_LABEL = "-- end of sections --"


def block_label(name: str, command: str) -> str:
    """The line that opens a section's block (after the comment prefix)."""
    return f"-- {name}: {command} --"


def render_header(platform: Platform, sections: Sequence[tuple[str, str]],
                  redact: Callable[[str], str]) -> str:
    """The comment header of ``sections`` (``(name, output)`` pairs, as a driver returned them).

    Each output is normalised with its section's volatile patterns, then passed to ``redact``
    before it is commented, so that the platform's redaction rules see the lines as the device
    printed them.  Sections the platform does not define are ignored; no section gives ``""``.
    """
    defined = {section.name: section for section in platform.sections}
    prefix = platform.comment_prefix.rstrip()
    lines: list[str] = []
    for name, output in sections:
        section = defined.get(name)
        if section is None:
            continue
        body = redact(normalize(output, platform, volatile=section.volatile_patterns))
        lines.append(f"{prefix} {block_label(name, section.command)}")
        lines.extend(f"{prefix} {line}" if line.strip() else prefix for line in body.splitlines())
    if not lines:
        return ""
    lines.append(f"{prefix} {END_LABEL}")
    return "\n".join(lines) + "\n"
