"""SonicWall firewalls (SonicOS 7 CLI)."""

from __future__ import annotations

from netraven_core.models import Platform, Section

PLATFORMS: tuple[Platform, ...] = (
    Platform(
        name="sonicwall_sonicos",
        vendor="SonicWall",
        description="SonicWall TZ/NSa/NSsp firewalls, SonicOS 6.5 and 7 CLI",
        drivers={"ssh": {}},
        default_driver="ssh",
        # "admin@2CB8ED694A04> ", configuration "config(2CB8ED694A04)# ",
        # sub-modes "(add-interface[X2])# ", "(edit-address-object[Web])# "
        prompt_pattern=r"(?:[\w.\-]{1,64}@[\w.\-]{1,64}>|[\w\-]{0,40}\([\w.\-\[\]: /]{1,80}\)#)\s*$",
        backup_commands=("show current-config",),
        setup_commands=("no cli pager session",),
        volatile_patterns=(
            r"^\s*system-time ",
            r"^\s*system-uptime ",
            r"^\s*checksum \d+\s*$",
        ),
        comment_prefix="!",
        paging_prompt=r"--MORE--|--More--",
        error_patterns=(
            r"^\s*% (?:Error|Unknown|Invalid|Incomplete|Ambiguous)",
            r"^\s*Error: (?:Invalid|Unknown|Incomplete) ",
        ),
        completeness_pattern=None,
        sections=(
            Section("version", "show version",
                    (r"(?i)^\s*(?:system-time|system-uptime|up time|current time)\b",)),
        ),
    ),
)
