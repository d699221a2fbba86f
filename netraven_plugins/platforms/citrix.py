"""Citrix ADC / NetScaler ADC (and VPX/SDX instances)."""

from __future__ import annotations

from netraven_core.models import Platform, Section

PLATFORMS: tuple[Platform, ...] = (
    Platform(
        name="citrix_adc",
        vendor="Citrix",
        description="Citrix ADC / NetScaler ADC (12.1-14.1) CLI",
        drivers={"ssh": {}, "netmiko": {"device_type": "netscaler"}},
        default_driver="ssh",
        # "> " by default; "nsroot@adc-01-Primary> " with "set cli prompt %u@%h-%s"
        prompt_pattern=r"(?:[\w.\-@:]{1,80}(?:\([\w.\-]{1,40}\))?)?>\s*$",
        backup_commands=("show ns runningConfig",),
        setup_commands=("set cli mode -page OFF",),
        volatile_patterns=(
            r"^# Last modified ",
            # The CLI confirms every command with " Done"; netmiko strips it, the shell keeps it.
            r"^\s*Done\s*$",
        ),
        comment_prefix="#",
        paging_prompt=r"--More--|Press <space> for next page",
        error_patterns=(r"^\s*ERROR: ", r"^\s*Warning: No such "),
        completeness_pattern=None,
        sections=(
            Section("version", "show ns version"),
            Section("hardware", "show ns hardware"),
            Section("licence", "show ns license"),
        ),
    ),
)
