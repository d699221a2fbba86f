"""Ciena SAOS 6 / SAOS 8 packet switches (3900, 5100, 5160, 8700)."""

from __future__ import annotations

from netraven_core.models import Platform, Section

PLATFORMS: tuple[Platform, ...] = (
    Platform(
        name="ciena_saos",
        vendor="Ciena",
        description="Ciena SAOS 6.x / 8.x service aggregation switches; configuration as CLI commands",
        drivers={"ssh": {}, "netmiko": {"device_type": "ciena_saos"}},
        default_driver="ssh",
        # "sw1>", and "sw1*>" while the running configuration differs from the saved one
        prompt_pattern=r"[\w.\-]{1,64}\*?[>#]\s*$",
        backup_commands=("configuration show",),
        # The session form: "system shell set more off" would change the saved defaults (and
        # so raise the unsaved-configuration star).
        setup_commands=("system shell session set more off",),
        volatile_patterns=(r"^! Created: ", r"^! On terminal: "),
        comment_prefix="!",
        paging_prompt=r"--More--|Press any key to continue",
        error_patterns=(r"^SHELL PARSER FAILURE", r"^\s*ERROR: "),
        completeness_pattern=r"^! END OF CONFIG FILE",
        transports=("ssh", "telnet"),
        sections=(
            Section("device", "chassis show device-id"),
            Section("software", "software show", (r"^\|\s*(?:Bank status|Last Install|Uptime)\b",)),
        ),
    ),
)
