"""Simulator profile of the Cisco Small Business (SG300/SG350/CBS) switches."""

from __future__ import annotations

from netraven_core.simulator.profiles import Profile

from .templates import template

_VERSION = (
    "Active-image: flash://system/images/image_cbs_ros_3.3.0.16_release_cisco_signed.bin\n"
    "  Version: 3.3.0.16\n"
    "  MD5 Digest: 1b6ab2a4c2b3c1b4f0b1e3c6a9d8e7f6\n"
    "  Date: 12-Jan-2023\n"
    "  Time: 21:07:40\n"
)
_INVENTORY = (
    'NAME: "1"   DESCR: "CBS350-24P-4G 24-Port Gigabit PoE+ Managed Switch"\n'
    "PID: CBS350-24P-4G       VID: V02     SN: {serial}\n"
)

PROFILES: tuple[Profile, ...] = (
    Profile(
        name="cisco_sb",
        priv_prompt="{host}#",
        config_prompt="{host}(config)#",
        enable_command="enable",
        inband_login=True,
        login_username_prompt="User Name:",
        login_password_prompt="Password:",  # noqa: S106 - a prompt
        telnet=True,
        reply_patterns=(
            (r"terminal datadump", ""),
            (r"terminal no datadump", ""),
            (r"terminal width \d+", ""),
            (r"terminal length \d+", ""),
            (r"show version", _VERSION),
            (r"show inventory", _INVENTORY),
        ),
        backup_commands=("show running-config", "show startup-config"),
        error_reply="{caret}^\n% Unrecognized command\n",
        disable_command="disable",
        more_prompt="More: <space>,  Quit: q or CTRL+Z, One line: <return> ",
        default_hostname="switch0a1b2c",
        config=template("cisco_sb"),
    ),
)
