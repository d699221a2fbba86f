"""Check Point Gaia (security gateways and management servers), through clish."""

from __future__ import annotations

from netraven_core.models import Platform, Section

PLATFORMS: tuple[Platform, ...] = (
    Platform(
        name="checkpoint_gaia",
        vendor="Check Point",
        description="Check Point Gaia (R80.x, R81.x) in clish; the user's shell must be clish",
        drivers={"ssh": {}, "netmiko": {"device_type": "checkpoint_gaia"}},
        default_driver="ssh",
        # clish "gw-01> ", VSX context "gw-01:2> ", expert mode "[Expert@gw-01:0]# "
        prompt_pattern=r"(?:\[Expert@[\w.\-]{1,64}(?::\d+)?\]#|[\w.\-]{1,64}(?::\d+)?>)\s*$",
        backup_commands=("show configuration",),
        setup_commands=("set clienv rows 0",),
        volatile_patterns=(r"^# Exported by \S+ on ",),
        comment_prefix="#",
        paging_prompt=r"-- ?More ?--",
        error_patterns=(r"^\s*CLINFR\d+\s", r"^\s*NMSHST\d+\s", r"^\s*Invalid command:"),
        completeness_pattern=r"^set ",
        sections=(
            Section("version", "show version all"),
            Section("inventory", "show asset all"),
        ),
    ),
)
