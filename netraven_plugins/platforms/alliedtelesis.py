"""Allied Telesis AlliedWare Plus (x230, x530, x930, SBx908, AR-series firewalls)."""

from __future__ import annotations

from netraven_core.models import EnableSpec, Platform, Section

from ._common import CISCO_ERRORS, CISCO_STYLE_PROMPT, MORE

PLATFORMS: tuple[Platform, ...] = (
    Platform(
        name="alliedtelesis_awplus",
        vendor="Allied Telesis",
        description="Allied Telesis AlliedWare Plus switches and routers",
        drivers={"ssh": {}, "netmiko": {"device_type": "allied_telesis_awplus"}},
        default_driver="ssh",
        # awplus>, awplus#, awplus(config)#, awplus(config-if)#
        prompt_pattern=CISCO_STYLE_PROMPT,
        backup_commands=("show running-config",),
        setup_commands=("terminal length 0",),
        enable=EnableSpec(),
        volatile_patterns=(),
        comment_prefix="!",
        paging_prompt=MORE,
        error_patterns=(*CISCO_ERRORS, r"^\s*%\s*(?:Unrecognized command|Insufficient privileges)"),
        completeness_pattern=r"^end\s*$",
        transports=("ssh", "telnet"),
        sections=(
            Section("version", "show version", (r"^\s*Uptime\s*:", r"^\s*Build date\s*:.*\d:\d")),
            Section("system", "show system", (
                r"^\s*Uptime\s*:", r"^System Status\s", r"^\s*RAM\s*:", r"^\s*Flash\s*:",
                r"^\s*Temperature", r"^\s*Fan\b", r"^\s*Environment Status",
            )),
        ),
    ),
)
