"""Simulator profile of TP-Link JetStream switches."""

from __future__ import annotations

from pathlib import Path

from netraven_core.simulator.configgen import from_template_file
from netraven_core.simulator.profiles import Profile

_TEMPLATES = Path(__file__).parent / "templates"

_SYSTEM_INFO = (
    "\n System Description     - JetStream 24-Port Gigabit L2+ Managed Switch with 4 SFP Slots\n"
    " System Name            - {host}\n"
    " System Location        - DC1 Row 3 Rack 5\n"
    " Contact Information    - noc@example.net\n"
    " Hardware Version       - T2600G-28TS 3.0\n"
    " Software Version       - 3.0.0 Build 20240412 Rel.61234\n"
    " Bootloader Version     - TP-LINK BOOTUTIL(v1.0.0)\n"
    " Mac Address            - 50-C7-BF-11-22-33\n"
    " Serial Number          - {serial}\n"
    " System Time            - 2026-11-30 10:11:12\n"
    " Running Time           - {up_days} day - {up_hours} hour - {up_minutes} min - {up_seconds} sec\n\n"
)

PROFILES: tuple[Profile, ...] = (
    Profile(
        name="tplink_jetstream",
        user_prompt="{host}>",
        priv_prompt="{host}#",
        config_prompt="{host}(config)#",
        enable_command="enable",
        default_hostname="T2600G-28TS",
        reply_patterns=(
            (r"terminal length \d+", ""),
            # netmiko follows "enable" with "enable-admin" (needed by non-admin roles).
            (r"enable-admin", ""),
            (r"show system-info", _SYSTEM_INFO),
        ),
        backup_commands=("show running-config", "show startup-config"),
        error_reply="Error: Bad command\n",
        config_commands=("configure",),
        config_exit_commands=("end", "exit"),
        exit_commands=("exit", "logout"),
        more_prompt="Press any key to continue (Q to quit)",
        telnet=True,
        login_username_prompt="User:",
        config=from_template_file(_TEMPLATES / "tplink_jetstream.cfg"),
    ),
)
