"""Alcatel-Lucent Enterprise OmniSwitch AOS 6 and AOS 8."""

from __future__ import annotations

from netraven_core.models import Platform, Section

PLATFORMS: tuple[Platform, ...] = (
    Platform(
        name="alcatel_aos",
        vendor="Alcatel-Lucent Enterprise",
        description="OmniSwitch AOS 6 / AOS 8 (OS6450, OS6860, OS6900, OS9900); login is privileged",
        drivers={"ssh": {}, "netmiko": {"device_type": "alcatel_aos"}},
        default_driver="ssh",
        # "->" by default; "sw1-> " or "sw1 ->" after "session prompt default"
        prompt_pattern=r"[\w.\-@:()]{0,64} ?-> ?$",
        # "write terminal" prints the same snapshot of the running configuration.
        backup_commands=("show configuration snapshot",),
        setup_commands=(),
        volatile_patterns=(),
        comment_prefix="!",
        paging_prompt=r"More\? \[next screen",
        error_patterns=(r"^\s*ERROR: ",),
        # The snapshot has no closing line.
        completeness_pattern=None,
        transports=("ssh", "telnet"),
        sections=(
            Section("chassis", "show chassis", (r"^\s*(?:Up Time|System Up Time|Temperature)\b",)),
            Section("hardware", "show hardware-info", (r"^\s*(?:Up Time|Temperature)\b",)),
            Section("licence", "show license-info", (r"^\s*.*\bTime Remaining\b",)),
            # The running release ("Description: ... OS6860E-P24 8.9.221.R03 GA").
            Section("system", "show system", (r"^\s*(?:Up Time|Date & Time)\s*:",)),
        ),
    ),
)
