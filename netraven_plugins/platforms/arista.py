"""Arista EOS."""

from __future__ import annotations

from netraven_core.models import EnableSpec, Platform, Section

from ._common import CISCO_ERRORS, CISCO_STYLE_PROMPT, MORE

PLATFORMS: tuple[Platform, ...] = (
    Platform(
        name="arista_eos",
        vendor="Arista",
        description="Arista EOS switches and routers",
        drivers={
            "ssh": {},
            "netmiko": {"device_type": "arista_eos"},
            "scrapli": {"platform": "arista_eos"},
        },
        default_driver="ssh",
        prompt_pattern=CISCO_STYLE_PROMPT,
        backup_commands=("show running-config",),
        setup_commands=("terminal length 0", "terminal width 32767"),
        enable=EnableSpec(),
        volatile_patterns=(
            # "! device: leaf1 (DCS-7050TX-64, EOS-4.28.3M)" follows the running image, and the
            # time/uptime comments change on every fetch.
            r"^! Command: show running-config",
            r"^! device: ",
            r"^! Time: ",
            r"^! Uptime: ",
            r"^! Startup-config last modified at ",
            r"^ntp clock-period \d+\s*$",
        ),
        comment_prefix="!",
        paging_prompt=MORE,
        error_patterns=CISCO_ERRORS,
        completeness_pattern=r"^end\s*$",
        sections=(
            Section("version", "show version", (r"^Uptime:", r"^Free memory:")),
            Section("inventory", "show inventory"),
        ),
        transports=("ssh", "telnet"),
    ),
)
