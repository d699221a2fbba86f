"""Simulator profile of FS.com FSOS switches."""

from __future__ import annotations

from pathlib import Path

from netraven_core.simulator.configgen import from_template_file
from netraven_core.simulator.profiles import CISCO_INVALID, Profile

_TEMPLATES = Path(__file__).parent / "templates"

PROFILES: tuple[Profile, ...] = (
    Profile(
        name="fs_fsos",
        user_prompt="{host}>",
        priv_prompt="{host}#",
        config_prompt="{host}(config)#",
        enable_command="enable",
        default_hostname="Switch",
        reply_patterns=(
            (r"terminal length \d+", ""),
            (r"terminal width \d+", ""),
            (r"show version", "Fiberstore Co., Limited Internetwork Operating System Software\n"
                              "S3900-24T4S Series Software, Version 2.5.0F Build 107890, RELEASE SOFTWARE\n"
                              "System image file is \"Switch.bin\"\n"
                              "System uptime is {up_days} days {up_hours} hours {up_minutes} minutes\n"
                              "Serial No.: {serial}\n"),
        ),
        backup_commands=("show running-config", "show startup-config"),
        backup_requires_privilege=True,
        error_reply=CISCO_INVALID,
        config_commands=("configure terminal", "config"),
        telnet=True,
        config=from_template_file(_TEMPLATES / "fs_fsos.cfg"),
    ),
)
