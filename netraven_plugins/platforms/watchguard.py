"""WatchGuard Firebox (Fireware OS) CLI."""

from __future__ import annotations

from netraven_core.models import Platform

PLATFORMS: tuple[Platform, ...] = (
    Platform(
        name="watchguard_fireware",
        vendor="WatchGuard",
        description="WatchGuard Firebox (Fireware OS 12.x); the configuration is its XML profile",
        drivers={"ssh": {}, "netmiko": {"device_type": "watchguard_fireware"}},
        default_driver="ssh",
        # "WG#", "WG>", "WG(config)#", "[FAULT]WG<managed-by-wsm><master>#"
        prompt_pattern=r"(?:\[[\w\-]{1,20}\])?[\w.\-]{1,64}(?:<[\w\-]{1,40}>)*(?:\([\w\-/]{1,40}\))?[#>]\s*$",
        backup_commands=("export config to console",),
        setup_commands=(),
        volatile_patterns=(),
        comment_prefix="#",
        paging_prompt=r"--More--",
        error_patterns=(
            r"^\s*%\s*(?:Error|Invalid|Unrecognized|Incomplete|Unknown)",
            r"^\s*Error: ",
        ),
        completeness_pattern=r"</profile>\s*$",
        # "show sysinfo" is XML-unfriendly as a '#' header in front of the XML profile; left out.
        # No sections: a header of "#" lines would make the stored XML profile unusable for a
        # restore (the simulator's "show sysinfo" has the model, serial and version nonetheless).
        sections=(),
    ),
)
