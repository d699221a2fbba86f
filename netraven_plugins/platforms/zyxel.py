"""Zyxel managed switches (GS1920, GS2210, XGS2210, XGS4600, XS3800; ZyNOS-style CLI)."""

from __future__ import annotations

from netraven_core.models import Platform, Section

from ._common import CISCO_STYLE_PROMPT

PLATFORMS: tuple[Platform, ...] = (
    Platform(
        name="zyxel_os",
        vendor="Zyxel",
        description="Zyxel managed switches with the ZyNOS CLI; the admin login is privileged",
        drivers={"ssh": {}, "netmiko": {"device_type": "zyxel_os"}},
        default_driver="ssh",
        # GS2210#, GS2210(config)#, GS2210(config-vlan)#, GS2210(config-interface)#
        prompt_pattern=CISCO_STYLE_PROMPT,
        backup_commands=("show running-config",),
        # ZyNOS has no command that turns paging off for the session.
        setup_commands=(),
        volatile_patterns=(),
        comment_prefix="!",
        paging_prompt=r"-- ?[Mm][Oo][Rr][Ee] ?--",
        error_patterns=(
            r"^\s*%?\s*(?:[Ii]nvalid (?:command|input|parameter)|[Uu]nknown command|"
            r"[Ii]ncomplete command|[Aa]mbiguous command)",
        ),
        completeness_pattern=None,
        transports=("ssh", "telnet"),
        sections=(
            Section("version", "show version", (r"^\s*(?:System Up Time|Current Time)\b",)),
            # Model and serial number; "System up Time" counts on, and is dropped.
            Section("system", "show system-information", (r"(?i)^\s*(?:System up Time|Current Time)\b",)),
        ),
    ),
)
