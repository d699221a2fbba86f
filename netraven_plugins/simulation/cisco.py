"""Simulator profiles of the Cisco platforms: IOS, IOS XE, NX-OS, IOS XR and ASA."""

from __future__ import annotations

from netraven_core.simulator.configgen.volatile import VolatileRule, cisco_stamp, ctime_stamp
from netraven_core.simulator.profiles import Profile

from .configs import cisco as configs

_CISCO_COMMON: tuple[tuple[str, str], ...] = (
    (r"terminal length \d+", ""),
    (r"terminal width \d+", ""),
    (r"terminal no monitor|terminal monitor", ""),
    (r"show clock", "*09:00:00.000 UTC Sun Nov 29 2026\n"),
)

_IOS_VERSION = (
    "Cisco IOS Software, C2960X Software (C2960X-UNIVERSALK9-M), Version 15.2(7)E8, RELEASE SOFTWARE (fc1)\n"
    "ROM: Bootstrap program is C2960X boot loader\n"
    "{host} uptime is 12 weeks, 3 days, 4 hours, 5 minutes\n"
    "System image file is \"flash:c2960x-universalk9-mz.152-7.E8.bin\"\n"
)

_XE_VERSION = (
    "Cisco IOS XE Software, Version 17.09.04a\n"
    "Cisco IOS Software [Cupertino], Catalyst L3 Switch Software (CAT9K_IOSXE), Version 17.9.4a\n"
    "{host} uptime is 7 weeks, 1 day, 2 hours, 3 minutes\n"
)


def _current_bytes(m, now, rng) -> str:  # type: ignore[no-untyped-def]
    return f"Current configuration : {len(m.string) + rng.randrange(-40, 40)} bytes"


_IOS_VOLATILE: tuple[VolatileRule, ...] = (
    (r"^Current configuration : \d+ bytes$", _current_bytes),
    (r"^! Last configuration change at .*$",
     lambda m, now, rng: f"! Last configuration change at {cisco_stamp(now)} by admin"),
    (r"^! NVRAM config last updated at .*$",
     lambda m, now, rng: f"! NVRAM config last updated at {cisco_stamp(now)} by admin"),
    (r"^ntp clock-period \d+$", lambda m, now, rng: f"ntp clock-period {rng.randrange(17179000, 17180000)}"),
)
_NXOS_VOLATILE: tuple[VolatileRule, ...] = (
    (r"^!Time: .*$", lambda m, now, rng: f"!Time: {ctime_stamp(now)}"),
    (r"^!Running configuration last done at: .*$",
     lambda m, now, rng: f"!Running configuration last done at: {ctime_stamp(now)}"),
)
_XR_VOLATILE: tuple[VolatileRule, ...] = (
    (r"^!! Last configuration change at .*$",
     lambda m, now, rng: f"!! Last configuration change at {ctime_stamp(now)} by admin"),
)
_ASA_VOLATILE: tuple[VolatileRule, ...] = (
    (r"^: Written by .*$", lambda m, now, rng: f": Written by admin at {cisco_stamp(now)}"),
)

_IOS = Profile(
    name="cisco_ios",
    user_prompt="{host}>",
    priv_prompt="{host}#",
    config_prompt="{host}(config)#",
    enable_command="enable",
    reply_patterns=(*_CISCO_COMMON, (r"show version", _IOS_VERSION)),
    backup_commands=("show running-config", "show startup-config"),
    backup_requires_privilege=True,
    telnet=True,  # "line vty 0 4 / transport input telnet ssh"
    config=configs.ios,
    volatile=_IOS_VOLATILE,
)

PROFILES: tuple[Profile, ...] = (
    _IOS,
    _IOS.with_changes(
        name="cisco_xe",
        reply_patterns=(*_CISCO_COMMON, (r"show version", _XE_VERSION)),
        config=configs.iosxe,
        default_hostname="Switch",  # Catalyst 9000 out of the box
    ),
    Profile(
        name="cisco_nxos",
        priv_prompt="{host}#",
        config_prompt="{host}(config)#",
        reply_patterns=(*_CISCO_COMMON, (r"show version", "Cisco Nexus Operating System (NX-OS) Software\n"
                                                          "  NXOS: version 10.2(5)\n")),
        backup_commands=("show running-config", "show running-config all", "show startup-config"),
        error_reply="                    ^\n% Invalid command at '^' marker.\n",
        disable_command=None,
        default_hostname="switch",
        telnet=True,  # "feature telnet"
        login_username_prompt="login: ",
        config=configs.nxos,
        volatile=_NXOS_VOLATILE,
    ),
    Profile(
        name="cisco_xr",
        priv_prompt="RP/0/RP0/CPU0:{host}#",
        config_prompt="RP/0/RP0/CPU0:{host}(config)#",
        reply_patterns=(*_CISCO_COMMON, (r"show version", "Cisco IOS XR Software, Version 7.5.2\n")),
        backup_commands=("show running-config",),
        disable_command=None,
        default_hostname="ios",
        config=configs.iosxr,
        volatile=_XR_VOLATILE,
    ),
    Profile(
        name="cisco_asa",
        user_prompt="{host}>",
        priv_prompt="{host}#",
        config_prompt="{host}(config)#",
        enable_command="enable",
        enable_failure="Invalid password\n",
        reply_patterns=(
            (r"show curpriv", "Username : {user}\nCurrent privilege level : 1\nCurrent Mode/s : P_UNPR\n"),
            (r"terminal pager \d+", ""),
            (r"terminal width \d+", ""),
            (r"show version", "Cisco Adaptive Security Appliance Software Version 9.16(4)\n"),
            (r"show mode", "Security context mode: single\n"),
        ),
        backup_commands=("show running-config", "more system:running-config"),
        backup_requires_privilege=True,
        privilege_required_reply="ERROR: % Invalid input detected at '^' marker.\n",
        error_reply="ERROR: % Invalid input detected at '^' marker.\n",
        more_prompt="<--- More --->",
        default_hostname="ciscoasa",
        telnet=True,  # "telnet <net> <mask> inside"
        config=configs.asa,
        volatile=_ASA_VOLATILE,
    ),
)
