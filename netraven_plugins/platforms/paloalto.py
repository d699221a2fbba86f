"""Palo Alto Networks PAN-OS."""

from __future__ import annotations

from netraven_core.models import Platform, Section

PLATFORMS: tuple[Platform, ...] = (
    Platform(
        name="paloalto_panos",
        vendor="Palo Alto Networks",
        description="Palo Alto Networks firewalls and Panorama (PAN-OS), hierarchical format",
        drivers={"ssh": {}, "netmiko": {"device_type": "paloalto_panos"}},
        default_driver="ssh",
        # "admin@PA-VM> ", "admin@PA-VM# ", "admin@PA-3220(active)> "
        prompt_pattern=r"[\w.\-]{1,64}@[\w.\-]{1,64}(?:\([\w\-]{1,40}\))?[>#]\s*$",
        backup_commands=("show config running",),
        setup_commands=("set cli pager off",),
        volatile_patterns=(),
        comment_prefix="#",
        paging_prompt=r"^lines \d+-\d+",
        error_patterns=(
            r"^\s*Invalid syntax\.?",
            r"^\s*Unknown command: ",
            r"^\s*Server error: ",
        ),
        completeness_pattern=r"^\}\s*$",
        sections=(
            # Besides the clock and uptime, the content versions and their release dates
            # (applications, antivirus, threats, WildFire, URL filtering, GlobalProtect data) are
            # dropped: the firewall installs new content by itself, hourly for WildFire, so they
            # would make a new version every few hours with nothing changed by an operator.
            # Model, serial, PAN-OS version, MAC and licensing mode are kept.
            Section("system", "show system info", (
                r"^(?:up)?time: ",
                r"^(?:app|av|threat|wildfire|wf-private|url-filtering|global-protect|"
                r"device-dictionary)[\w-]*: ",
            )),
        ),
    ),
)
