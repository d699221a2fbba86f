"""HPE Comware (FlexFabric, FlexNetwork, 5130/5510/5940) and H3C switches, routers and firewalls."""

from __future__ import annotations

from netraven_core.models import Platform, Section

from ._common import MORE, VRP_STYLE_PROMPT

# Comware prints its rejections under a caret: "% Unrecognized command found at '^' position."
COMWARE_ERRORS: tuple[str, ...] = (
    r"^\s*% ?(?:Unrecognized command|Incomplete command|Too many parameters|Ambiguous command|"
    r"Wrong parameter)\b",
    r"^\s*% ?(?:Permission denied|Unknown command)",
)

PLATFORMS: tuple[Platform, ...] = (
    Platform(
        name="hp_comware",
        vendor="HPE",
        description="HPE Comware 5/7 and H3C (FlexFabric, FlexNetwork, 5130/5510/5710/5940, MSR)",
        drivers={"ssh": {}, "netmiko": {"device_type": "hp_comware"}},
        default_driver="ssh",
        prompt_pattern=VRP_STYLE_PROMPT,
        backup_commands=("display current-configuration",),
        setup_commands=("screen-length disable",),
        volatile_patterns=(),
        comment_prefix="#",
        paging_prompt=MORE,
        error_patterns=COMWARE_ERRORS,
        completeness_pattern=r"^return\s*$",
        transports=("ssh", "telnet"),
        sections=(
            Section("version", "display version", (r"(?i)\buptime is\b", r"(?i)^Last reboot",)),
            Section("inventory", "display device manuinfo"),
        ),
    ),
)
