"""Adtran AOS (NetVanta routers and switches, Total Access)."""

from __future__ import annotations

from netraven_core.models import EnableSpec, Platform, Section

from ._common import CISCO_ERRORS, MORE

PLATFORMS: tuple[Platform, ...] = (
    Platform(
        name="adtran_aos",
        vendor="Adtran",
        description="Adtran AOS (NetVanta, Total Access); Cisco-like CLI",
        drivers={"ssh": {}, "netmiko": {"device_type": "adtran_os"}},
        default_driver="ssh",
        # sub-modes name the interface: "nv1(config-giga-swx 0/1)#"
        prompt_pattern=r"[\w.\-@/:]{1,80}(?:\([\w.\- /]{1,40}\))?[>#]\s*$",
        backup_commands=("show running-config",),
        setup_commands=("terminal length 0", "terminal width 132"),
        enable=EnableSpec(),
        volatile_patterns=(r"^Building configuration\.\.\.\s*$",),
        comment_prefix="!",
        paging_prompt=MORE,
        error_patterns=(*CISCO_ERRORS, r"^\s*%\s*(?:Unrecognized command|Invalid or incomplete)"),
        completeness_pattern=r"^end\s*$",
        transports=("ssh", "telnet"),
        sections=(Section("version", "show version", (
            r"\buptime is\b", r"^\s*System returned to ROM\b", r"^\s*Current system time\b",
            r"^\s*Boot ROM Version.*\buptime\b",
        )),),
    ),
)
