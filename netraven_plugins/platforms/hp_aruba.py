"""HPE: ProCurve / ArubaOS-Switch and Aruba AOS-CX."""

from __future__ import annotations

from netraven_core.models import Platform, Section

from ._common import CISCO_ERRORS, CISCO_STYLE_PROMPT

PLATFORMS: tuple[Platform, ...] = (
    Platform(
        name="hp_procurve",
        vendor="HPE Aruba",
        description="HP ProCurve / ArubaOS-Switch (2530, 2930, 3810, 5400R)",
        drivers={"ssh": {}, "netmiko": {"device_type": "hp_procurve"}},
        default_driver="ssh",
        # Factory host names have spaces: "ProCurve Switch 2810-24G# ", "HP Switch 2530(config)# "
        prompt_pattern=r"[\w.\-@/: ]{0,79}[\w.\-@/:](?:\([\w.\-]{1,40}\))?[>#]\s*$",
        backup_commands=("show running-config",),
        setup_commands=("no page", "terminal width 511"),
        # Managers log in privileged; operators would need "enable" with a manager login,
        # which NetRaven does not attempt.
        enable=None,
        volatile_patterns=(),
        comment_prefix=";",
        paging_prompt=r"-- MORE --",
        error_patterns=(r"^\s*Invalid input: ", r"^\s*Ambiguous input: ", *CISCO_ERRORS),
        completeness_pattern=None,
        sections=(
            # Two columns per line: a line holding uptime, CPU, free memory or packet/buffer
            # counters goes whole (its neighbour column is a counter too, or the total memory).
            Section("system", "show system information", (
                r"Up Time\s+:",
                r"CPU Util",
                r"Pkts [RT]x\s+:",
                r"^\s+(?:Buffers\s+)?Free\s+:",
                r"Lowest\s+:",
                r"Missed\s+:",
            )),
            Section("modules", "show modules"),
        ),
        transports=("ssh", "telnet"),
    ),
    Platform(
        name="aruba_aoscx",
        vendor="HPE Aruba",
        description="Aruba AOS-CX switches (6000, 6300, 8300, 8400, 10000)",
        drivers={"ssh": {}, "netmiko": {"device_type": "aruba_aoscx"}},
        default_driver="ssh",
        prompt_pattern=CISCO_STYLE_PROMPT,
        backup_commands=("show running-config",),
        setup_commands=("no page",),
        volatile_patterns=(),
        comment_prefix="!",
        paging_prompt=r"-- MORE --",
        error_patterns=CISCO_ERRORS,
        completeness_pattern=None,
        sections=(
            Section("version", "show version"),
            Section("system", "show system", (
                r"^Up Time\s+:",
                r"^CPU Util",
                r"^Memory Usage",
                r"^Pkts [RT]x\s+:",
            )),
        ),
    ),
)
