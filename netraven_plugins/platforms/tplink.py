"""TP-Link JetStream / Omada managed switches (T1600G, T2600G, T3700G, SG3428)."""

from __future__ import annotations

from netraven_core.models import EnableSpec, Platform, Section

from ._common import CISCO_ERRORS, CISCO_STYLE_PROMPT

PLATFORMS: tuple[Platform, ...] = (
    Platform(
        name="tplink_jetstream",
        vendor="TP-Link",
        description="TP-Link JetStream and Omada managed switches",
        drivers={"ssh": {}, "netmiko": {"device_type": "tplink_jetstream"}},
        default_driver="ssh",
        # T2600G-28TS>, T2600G-28TS#, T2600G-28TS(config)#, T2600G-28TS(config-if)#
        prompt_pattern=CISCO_STYLE_PROMPT,
        backup_commands=("show running-config",),
        setup_commands=("terminal length 0",),
        enable=EnableSpec(),
        volatile_patterns=(),
        comment_prefix="!",
        paging_prompt=r"Press\s?any\s?key\s?to\s?continue\s?\(Q\s?to\s?quit\)",
        error_patterns=(r"^\s*Error: ", *CISCO_ERRORS),
        completeness_pattern=r"^end\s*$",
        transports=("ssh", "telnet"),
        sections=(Section("system", "show system-info", (r"^\s*System Time\s", r"^\s*Running Time\s")),),
    ),
)
