"""Simulator profiles of Cisco wireless LAN controllers: AireOS and the Catalyst 9800."""

from __future__ import annotations

from netraven_core.simulator.profiles import Profile

from .cisco import PROFILES as _CISCO
from .templates import template

_XE = next(p for p in _CISCO if p.name == "cisco_xe")

_SYSINFO = (
    "Manufacturer's Name.............................. Cisco Systems Inc.\n"
    "Product Name..................................... Cisco Controller\n"
    "Product Version.................................. 8.10.185.0\n"
    "Bootloader Version............................... 8.5.103.0\n"
    "Build Type....................................... DATA + WPS\n"
    "\n"
    "System Name...................................... {host}\n"
    "System Location.................................. DC1 row 4\n"
    "IP Address....................................... 10.0.10.6\n"
    "System Up Time................................... {up_days} days {up_hours} hrs {up_minutes} "
    "mins {up_seconds} secs\n"
    "Number of Active Clients......................... 312\n"
)
_AIREOS_INVENTORY = (
    'NAME: "Chassis"    , DESCR: "Cisco 5520 Wireless Controller"\n'
    "PID: AIR-CT5520-K9, VID: V01, SN: {serial}\n"
)
_9800_VERSION = (
    "Cisco IOS XE Software, Version 17.09.05\n"
    "Cisco IOS Software [Cupertino], C9800 Software (C9800_IOSXE-K9), Version 17.9.5, "
    "RELEASE SOFTWARE (fc3)\n"
    "{host} uptime is {uptime}\n"
    "cisco C9800-40-K9 (KATAR) processor (revision KATAR) with 15993104K/6147K bytes of memory.\n"
)

_9800_INVENTORY = (
    'NAME: "Chassis", DESCR: "Cisco Catalyst 9800-40 Wireless Controller"\n'
    "PID: C9800-40-K9      , VID: V02  , SN: {serial}\n\n"
    'NAME: "Power Supply Module 0", DESCR: "Cisco Catalyst 9800-40 750W AC Power Supply"\n'
    "PID: C9800-AC-750W    , VID: V01  , SN: {module_serial}\n"
)

PROFILES: tuple[Profile, ...] = (
    Profile(
        name="cisco_aireos",
        priv_prompt="({host}) >",
        config_prompt="({host}) config>",
        config_commands=("config",),
        config_exit_commands=("end", "exit"),
        # SSH accepts any login; the controller then asks again in the shell.
        motd="(Cisco Controller)\n",
        inband_login=True,
        login_username_prompt="User: ",
        login_password_prompt="Password:",  # noqa: S106 - a prompt
        reply_patterns=(
            (r"config paging (?:disable|enable)", ""),
            (r"show sysinfo", _SYSINFO),
            (r"show inventory", _AIREOS_INVENTORY),
        ),
        backup_commands=("show run-config commands",),
        error_reply="\nIncorrect usage. Use the '?' or <TAB> key to list commands.\n",
        disable_command=None,
        exit_commands=("logout", "exit"),
        more_prompt="--More-- or (q)uit",
        unnamed_priv_prompt="(Cisco Controller) >",
        default_hostname="Cisco Controller",
        config=template("cisco_aireos"),
    ),
    _XE.with_changes(
        name="cisco_wlc9800",
        reply_patterns=(*(r for r in _XE.reply_patterns if r[0] not in (r"show version", r"show inventory")),
                        (r"show version", _9800_VERSION), (r"show inventory", _9800_INVENTORY)),
        default_hostname="WLC",
        config=template("cisco_wlc9800"),
    ),
)
