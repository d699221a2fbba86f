"""Simulator profile of Adtran AOS (NetVanta)."""

from __future__ import annotations

from pathlib import Path

from netraven_core.simulator.configgen import from_template_file
from netraven_core.simulator.profiles import CISCO_INVALID, Profile

_TEMPLATES = Path(__file__).parent / "templates"

_VERSION = (
    "ADTRAN, Inc. OS version R13.12.0.E\n"
    "  Checksum: 2F61A1D3, built on: Wed Mar 20 11:02:33 2024\n"
    "  Upgrade key: 7b2c9e3f7aa0c1de\n"
    "Boot ROM version R13.12.0.E\n"
    "  Checksum: 5D4E, built on: Wed Mar 20 11:04:01 2024\n"
    "Copyright (c) 1999-2024 ADTRAN, Inc.\n"
    "Platform: NetVanta 3448, part number 1200821E1\n"
    "Serial number {serial}\n"
    "Flash: 33554432 bytes  DRAM: 134217728 bytes\n\n"
    "{host} uptime is {up_days} days, {up_hours} hours, {up_minutes} minutes, {up_seconds} seconds\n\n"
    "System returned to ROM by External Hard Reset\n"
    "Current system image file is \"NV3448A-R13-12-0-E.biz\"\n"
    "Boot system image file is \"NV3448A-R13-12-0-E.biz\"\n"
)

PROFILES: tuple[Profile, ...] = (
    Profile(
        name="adtran_aos",
        user_prompt="{host}>",
        priv_prompt="{host}#",
        config_prompt="{host}(config)#",
        enable_command="enable",
        default_hostname="ADTRAN",
        reply_patterns=(
            (r"terminal length \d+", ""),
            (r"terminal width \d+", ""),
            (r"show version", _VERSION),
        ),
        backup_commands=("show running-config", "show startup-config"),
        backup_requires_privilege=True,
        error_reply=CISCO_INVALID,
        config_commands=("config terminal", "configure terminal", "config term"),
        telnet=True,
        config=from_template_file(_TEMPLATES / "adtran_aos.cfg"),
    ),
)
