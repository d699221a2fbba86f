"""Cisco Firepower: Threat Defense (FTD) CLI and the FXOS chassis manager (4100/9300)."""

from __future__ import annotations

from dataclasses import replace

from netraven_core.models import Platform, Section

from ._common import CISCO_ERRORS, MORE
from .cisco import PLATFORMS as _CISCO

_ASA = next(p for p in _CISCO if p.name == "cisco_asa")

# FTD's CLISH prompt is a bare "> "; its diagnostic CLI ("system support diagnostic-cli")
# prints ASA-style "host>" / "host#" prompts, which a session may still be sitting in.
_FTD_PROMPT = r"(?<![^\n])(?:>|[\w.\-]{1,63}(?:/[\w.\-]{1,32})?(?:\([\w.\-]{1,40}\))?[>#])\s*$"

# FXOS: "firepower#", "FPR4K-1-A /system #", "FPR4K-1-A /security/local-user* #" (the star marks
# uncommitted changes), "firepower(local-mgmt)#" and "firepower(fxos)#".
_FXOS_PROMPT = r"(?<![^\n])[\w.\-]{1,63}(?:\((?:local-mgmt|fxos|nxos)\))?(?: /[\w.\-/]*)?\*? ?#\s*$"

# "firepower up 12 days 3 hours", "Uptime: 42 days"
_UPTIME = (r"(?i)\buptime\b", r"\bup \d+ (?:years?|weeks?|days?|hours?|mins?)\b")

PLATFORMS: tuple[Platform, ...] = (
    # FTD prints the ASA (Lina) running configuration: ASA's volatile lines, end marker and
    # errors, with FTD's own prompt, pager and "Syntax error" replies.
    replace(
        _ASA,
        name="cisco_ftd",
        description="Cisco Firepower Threat Defense (FTD) CLI; the Lina (ASA) running configuration",
        drivers={"ssh": {}, "netmiko": {"device_type": "cisco_ftd"}},
        prompt_pattern=_FTD_PROMPT,
        # The FTD CLI has no pager command of its own; its pager is answered instead.
        setup_commands=(),
        # "show running-config" needs no enable on FTD.
        enable=None,
        paging_prompt=f"{_ASA.paging_prompt}|{MORE}",
        error_patterns=(*_ASA.error_patterns, r"^\s*Syntax error: "),
        sections=(
            Section("version", "show version", _UPTIME),
            Section("inventory", "show inventory"),
        ),
    ),
    Platform(
        name="cisco_fxos",
        vendor="Cisco",
        description="Cisco Firepower FXOS chassis manager (Firepower 4100/9300 supervisor)",
        # netmiko has no FXOS device type.
        drivers={"ssh": {}},
        default_driver="ssh",
        prompt_pattern=_FXOS_PROMPT,
        backup_commands=("show configuration",),
        setup_commands=("terminal length 0", "terminal width 511"),
        volatile_patterns=(),
        comment_prefix="!",
        paging_prompt=MORE,
        error_patterns=(
            r"^\s*%\s*Invalid (?:Command|input)",
            r"^\s*%\s*Incomplete Command",
            r"^\s*Error: ",
            *CISCO_ERRORS,
        ),
        # "show configuration" ends inside the last scope; there is no end marker.
        completeness_pattern=None,
        sections=(
            Section("version", "show version", _UPTIME),
            # FXOS's "show version" names only the release; the chassis PID and serial are here.
            Section("inventory", "show chassis inventory"),
        ),
    ),
)
