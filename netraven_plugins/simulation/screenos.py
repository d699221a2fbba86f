"""Simulator profile of Juniper ScreenOS (NetScreen / SSG)."""

from __future__ import annotations

from netraven_core.simulator.profiles import Profile

from .templates import template

_SYSTEM = (
    "Product Name: SSG5-Serial\n"
    "Serial Number: {serial}, Control Number: 00000000\n"
    "Hardware Version: 0710(0)-(00), FPGA checksum: 00000000, VLAN1 IP (0.0.0.0)\n"
    "Flash Type: Samsung\n"
    "Software Version: 6.3.0r27.0, Type: Firewall+VPN\n"
    "Feature: AV-K\n"
    "BOOT Loader Version: 1.3.2\n"
    "Base Mac: 0017.cbd2.1234\n"
    "File Name: ssg5ssg20.6.3.0r27.0, Checksum: 2f4c9a1b\n"
    "Date 11/29/2026 09:00:00, Daylight Saving Time disabled\n"
    "Up {up_total_hours} hours {up_minutes} minutes {up_seconds} seconds Since 1 Jan 2026 00:00:00\n"
)

PROFILES: tuple[Profile, ...] = (
    Profile(
        name="juniper_screenos",
        priv_prompt="{host}-> ",
        reply_patterns=(
            (r"set console page \d+", ""),
            (r"get system", _SYSTEM),
        ),
        backup_commands=("get config",),
        error_reply="{caret}^-----unknown keyword {cmd}\n",
        disable_command=None,
        config_prompt=None,
        more_prompt="--- more --- ",
        default_hostname="ssg5-serial",
        telnet=True,
        config=template("juniper_screenos"),
    ),
)
