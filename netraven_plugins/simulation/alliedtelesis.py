"""Simulator profile of Allied Telesis AlliedWare Plus."""

from __future__ import annotations

from pathlib import Path

from netraven_core.simulator.configgen import from_template_file
from netraven_core.simulator.profiles import CISCO_INVALID, Profile

_TEMPLATES = Path(__file__).parent / "templates"

_SHOW_VERSION = (
    "AlliedWare Plus (TM) 5.5.3 07/12/24 01:23:45\n\n"
    "Build name : x530-5.5.3-0.1.rel\n"
    "Build date : Fri Jul 12 01:23:45 NZST 2024\n"
    "Build type : RELEASE\n"
)
_SHOW_SYSTEM = (
    "Switch System Status                                   Mon Nov 30 10:11:12 2026\n\n"
    "Board       ID  Bay   Board Name                         Rev   Serial number\n"
    "--------------------------------------------------------------------------------\n"
    "Base       494        x530L-28GPX                        A-0   {serial}\n"
    "--------------------------------------------------------------------------------\n"
    "RAM:  Total: 1011332 kB Free: 612344 kB\n"
    "Flash: 1.0GB Used: 98.5MB Available: 925.5MB\n"
    "--------------------------------------------------------------------------------\n"
    "Environment Status : Normal\n"
    "Uptime             : {up_days} days {up_hh}:{up_mm}:{up_ss}\n"
    "Bootloader version : 6.2.32\n\n"
    "Current software   : x530-5.5.3-0.1.rel\n"
    "Software version   : 5.5.3-0.1\n"
    "Build date         : Fri Jul 12 01:23:45 NZST 2024\n\n"
    "Current boot config: flash:/default.cfg (file exists)\n\n"
    "System Name\n {host}\n"
)

PROFILES: tuple[Profile, ...] = (
    Profile(
        name="alliedtelesis_awplus",
        user_prompt="{host}>",
        priv_prompt="{host}#",
        config_prompt="{host}(config)#",
        enable_command="enable",
        default_hostname="awplus",
        unnamed_user_prompt="awplus>",
        unnamed_priv_prompt="awplus#",
        motd="\nAlliedWare Plus (TM) 5.5.3 07/12/24 01:23:45\n\n",
        reply_patterns=(
            (r"terminal length \d+", ""),
            (r"terminal width \d+", ""),
            (r"show version", _SHOW_VERSION),
            (r"show system", _SHOW_SYSTEM),
        ),
        backup_commands=("show running-config", "show startup-config"),
        backup_requires_privilege=True,
        error_reply=CISCO_INVALID,
        more_prompt=" --More-- ",
        telnet=True,
        config=from_template_file(_TEMPLATES / "alliedtelesis_awplus.cfg"),
    ),
)
