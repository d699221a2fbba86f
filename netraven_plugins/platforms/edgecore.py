"""Edgecore ECS switches (ECS2100, ECS4100, ECS4120, ECS5520) with the Cisco-like ECS CLI."""

from __future__ import annotations

from netraven_core.models import EnableSpec, Platform, Section

from ._common import CISCO_ERRORS, CISCO_STYLE_PROMPT, MORE

PLATFORMS: tuple[Platform, ...] = (
    Platform(
        name="edgecore",
        vendor="Edgecore",
        description="Edgecore ECS switches (not SONiC); netmiko has no driver for this CLI",
        drivers={"ssh": {}},
        default_driver="ssh",
        # Console>, Console#, Console(config)#, Console(config-if)#
        prompt_pattern=CISCO_STYLE_PROMPT,
        backup_commands=("show running-config",),
        setup_commands=("terminal length 0", "terminal width 300"),
        enable=EnableSpec(),
        volatile_patterns=(r"^Building running configuration\. Please wait\.\.\.\s*$",),
        comment_prefix="!",
        paging_prompt=MORE,
        error_patterns=CISCO_ERRORS,
        completeness_pattern=r"^end\s*$",
        transports=("ssh", "telnet"),
        sections=(
            Section("system", "show system", (
                r"\bUp Time\s*:", r"\bTemperature \d*:", r"^\s*!?\s*Fan \d+ speed:",
            )),
            Section("version", "show version", (r"\buptime is\b",)),
        ),
    ),
)
