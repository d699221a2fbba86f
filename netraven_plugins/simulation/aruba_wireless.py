"""Simulator profiles of ArubaOS mobility controllers and Aruba Instant APs."""

from __future__ import annotations

from netraven_core.simulator.profiles import Profile

from .templates import template

_AOS_VERSION = (
    "Aruba Operating System Software.\n"
    "ArubaOS (MODEL: Aruba7030), Version 8.10.0.7\n"
    "Website: http://www.arubanetworks.com\n"
    "Compiled on 2023-06-01 at 10:12:13 UTC (build 87654) by p4build\n"
    "Switch uptime is {up_days} days {up_hours} hours {up_minutes} minutes {up_seconds} seconds\n"
    "Reboot Time and Cause: Reboot caused by User reboot\n"
)
_AOS_INVENTORY = (
    "Supervisor Card slot        : 0\n"
    "System Serial#              : {serial} (Date:03/14/22)\n"
    "SC Model#                   : Aruba7030\n"
)
_IAP_VERSION = (
    "Aruba Operating System Software.\n"
    "ArubaOS (MODEL: 515), Version 8.10.0.7\n"
    "AP uptime is {up_days} days {up_hours} hours {up_minutes} minutes {up_seconds} seconds\n"
    "Reboot Time and Cause: AP rebooted Wed Jan  1 00:00:00 UTC 2026; Configuration change\n"
)
_IAP_INVENTORY = (
    "System Serial#              : {serial} (Date:05/21/22)\n"
    "System Wired MAC            : 20:4c:03:0a:1b:2c\n"
    "SKU Number                  : R2H22A\n"
    "AP Model                    : 515\n"
)
_ARUBA_INVALID = "{caret}^\n% Invalid input detected at '^' marker.\n"

PROFILES: tuple[Profile, ...] = (
    Profile(
        name="aruba_os",
        user_prompt="({host}) [mynode] >",
        priv_prompt="({host}) [mynode] #",
        config_prompt="({host}) [mynode] (config) #",
        enable_command="enable",
        enable_password_prompt="Password:",  # noqa: S106 - a prompt
        reply_patterns=(
            (r"no paging", ""),
            (r"encrypt (?:enable|disable)", ""),
            (r"show version", _AOS_VERSION),
            (r"show inventory", _AOS_INVENTORY),
            (r"show license", "License Table\n-------------\nKey  Installed  Expires  Flags  Service Type\n"),
        ),
        backup_commands=("show running-config",),
        backup_requires_privilege=True,
        privilege_required_reply=_ARUBA_INVALID,
        error_reply=_ARUBA_INVALID,
        config_commands=("configure terminal", "configure term", "conf t"),
        more_prompt="--More-- (q) quit (u) pageup (/) search (n) repeat",
        default_hostname="Aruba7030",
        telnet=True,
        config=template("aruba_os"),
    ),
    Profile(
        name="aruba_instant",
        priv_prompt="{host}# ",
        config_prompt="{host} (config) # ",
        config_commands=("configure terminal", "configure term", "conf t"),
        reply_patterns=(
            (r"no paging", ""),
            (r"show version", _IAP_VERSION),
            (r"show inventory", _IAP_INVENTORY),
        ),
        backup_commands=("show running-config", "show running-config no-encrypt"),
        error_reply="{caret}^\n% Parse error\n",
        disable_command=None,
        more_prompt="--More--",
        # An Instant AP without a name shows its MAC address.
        default_hostname="20:4c:03:0a:1b:2c",
        config=template("aruba_instant"),
    ),
)
