"""Simulator profile of Edgecore ECS switches."""

from __future__ import annotations

from pathlib import Path

from netraven_core.simulator.configgen import from_template_file
from netraven_core.simulator.profiles import CISCO_INVALID, Profile

_TEMPLATES = Path(__file__).parent / "templates"

_SYSTEM = (
    "System Description : ECS4120-28Fv2-I\n"
    "System OID String  : 1.3.6.1.4.1.259.10.1.45.104\n"
    "System Information\n"
    " System Up Time    : {up_days} days, {up_hours} hours, {up_minutes} minutes, and "
    "{up_seconds}.13 seconds\n"
    " System Name       : {host}\n"
    " System Location   : DC1-Row6-Rack1\n"
    " System Contact    : noc@example.net\n"
    " MAC Address (Unit 1) : 04-F8-F8-6A-2B-10\n"
    " Web Server        : Enabled\n"
    " Web Server Port   : 80\n"
    " Temperature 1:  37 degrees\n"
)
_VERSION = (
    "Unit 1\n"
    " Serial Number           : {serial}\n"
    " Hardware Version        : R0B\n"
    " EPLD Version            : 0.00\n"
    " Number of Ports         : 28\n"
    " Main Power Status       : Up\n"
    " Role                    : Master\n"
    " Loader Version          : 1.0.0.6\n"
    " Linux Kernel Version    : 3.10.0-0.rc8\n"
    " Operation Code Version  : 1.2.3.4\n"
)

PROFILES: tuple[Profile, ...] = (
    Profile(
        name="edgecore",
        user_prompt="{host}>",
        priv_prompt="{host}#",
        config_prompt="{host}(config)#",
        enable_command="enable",
        default_hostname="Console",
        reply_patterns=(
            (r"terminal length \d+", ""),
            (r"terminal width \d+", ""),
            (r"show system", _SYSTEM),
            (r"show version", _VERSION),
        ),
        backup_commands=("show running-config", "show startup-config"),
        backup_requires_privilege=True,
        error_reply=CISCO_INVALID,
        more_prompt="---More---",
        telnet=True,
        config=from_template_file(_TEMPLATES / "edgecore.cfg"),
    ),
)
