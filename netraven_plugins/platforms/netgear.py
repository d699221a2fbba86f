"""Netgear ProSAFE / M-series managed switches (M4100, M4200, M4300, GSM7xxx)."""

from __future__ import annotations

from netraven_core.models import EnableSpec, Platform, Section

from ._common import CISCO_ERRORS

PLATFORMS: tuple[Platform, ...] = (
    Platform(
        name="netgear_prosafe",
        vendor="Netgear",
        description="Netgear ProSAFE and M-series managed switches (FASTPATH CLI)",
        drivers={"ssh": {}, "netmiko": {"device_type": "netgear_prosafe"}},
        default_driver="ssh",
        # "(M4300-52G) >", "(M4300-52G) #", "(M4300-52G) (Config)#", "(Netgear Switch) (Interface 1/0/1)#"
        prompt_pattern=(r"(?:\([\w .\-+/]{1,64}\)|[\w.\-+]{1,64}) ?(?:\([\w .\-/]{1,40}\) ?)?[>#]\s*$"),
        backup_commands=("show running-config",),
        setup_commands=("terminal length 0",),
        enable=EnableSpec(),
        volatile_patterns=(
            r"^!System Up Time\b",
            r"^!Current SNTP Synchronized Time\b",
            r"^!Current System Time\b",
        ),
        comment_prefix="!",
        paging_prompt=r"--More-- or \(q\)uit",
        error_patterns=(*CISCO_ERRORS, r"^\s*(?:Error!|An invalid |Command not found)"),
        completeness_pattern=None,
        transports=("ssh", "telnet"),
        sections=(
            Section("version", "show version", (r"^\s*(?:System Up Time|Current Time)\b",)),
            Section("bootvar", "show bootvar"),
        ),
    ),
)
