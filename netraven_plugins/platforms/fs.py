"""FS.com (Fiberstore) switches running FSOS (S3900, S5800, S5850, S8050)."""

from __future__ import annotations

from netraven_core.models import EnableSpec, Platform, Section

from ._common import CISCO_ERRORS, CISCO_STYLE_PROMPT, MORE

PLATFORMS: tuple[Platform, ...] = (
    Platform(
        name="fs_fsos",
        vendor="FS.com",
        description="FS.com switches running FSOS (Cisco-like CLI)",
        drivers={"ssh": {}, "netmiko": {"device_type": "fiberstore_fsosv2"}},
        default_driver="ssh",
        prompt_pattern=CISCO_STYLE_PROMPT,
        backup_commands=("show running-config",),
        setup_commands=("terminal length 0", "terminal width 256"),
        enable=EnableSpec(),
        volatile_patterns=(
            r"^Building configuration\.\.\.\s*$",
            r"^Current configuration ?: ?\d+ bytes\s*$",
        ),
        comment_prefix="!",
        paging_prompt=MORE,
        error_patterns=(*CISCO_ERRORS, r"^\s*%\s*(?:Unrecognized command|Authentication Failed)"),
        completeness_pattern=None,
        transports=("ssh", "telnet"),
        sections=(Section("version", "show version", (r"\buptime is\b", r"^\s*System uptime\b")),),
    ),
)
