"""Ubiquiti EdgeSwitch (FASTPATH-based; EdgeRouters are in :mod:`.vyatta`)."""

from __future__ import annotations

from netraven_core.models import EnableSpec, Platform, Section

from ._common import CISCO_ERRORS, MORE

PLATFORMS: tuple[Platform, ...] = (
    Platform(
        name="ubiquiti_edgeswitch",
        vendor="Ubiquiti",
        description="Ubiquiti EdgeSwitch (ES-8/16/24/48, ES-XG); Cisco-like CLI",
        drivers={"ssh": {}, "netmiko": {"device_type": "ubiquiti_edgeswitch"}},
        default_driver="ssh",
        # "(UBNT EdgeSwitch) >", "(sw-core-01) #", "(UBNT EdgeSwitch) (Config)#",
        # "(UBNT EdgeSwitch) (Interface 0/1)#"
        prompt_pattern=r"\([\w .\-]{1,64}\) ?(?:\([\w .\-/]{1,48}\) ?)?[>#]\s*$",
        backup_commands=("show running-config",),
        setup_commands=("terminal length 0",),
        enable=EnableSpec(),
        volatile_patterns=(
            r"^!System Up Time ",
            r"^!Current SNTP Synchronized Time",
        ),
        comment_prefix="!",
        paging_prompt=MORE,
        error_patterns=(
            *CISCO_ERRORS,
            r"^\s*Command not found / Incomplete command",
            r"^\s*An invalid (?:interface|parameter) has been entered",
        ),
        # The listing ends in "exit", as every block in it does: no reliable end marker.
        completeness_pattern=None,
        transports=("ssh", "telnet"),
        sections=(
            Section("version", "show version", (r"(?i)^\s*System Up Time", r"(?i)^\s*Current Time")),
        ),
    ),
)
