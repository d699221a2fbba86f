"""Simulator profiles of Huawei VRP and the USG firewalls."""

from __future__ import annotations

from netraven_core.simulator.configgen.volatile import VolatileRule
from netraven_core.simulator.profiles import Profile

from .templates import template

_VRP_VERSION = (
    "Huawei Versatile Routing Platform Software\n"
    "VRP (R) software, Version 5.170 (S5720 V200R021C10SPC600)\n"
    "Copyright (C) 2000-2023 HUAWEI TECH Co., Ltd.\n"
    "HUAWEI S5720-28X-SI-AC Routing Switch uptime is {up_days} days, {up_hours} hours, {up_minutes} minutes\n"
)
_USG_VERSION = (
    "Huawei Versatile Routing Platform Software\n"
    "VRP (R) software, Version 5.170 (USG6500E V600R007C20SPC600)\n"
    "Copyright (C) 2014-2023 Huawei Technologies Co., Ltd\n"
    "USG6555E uptime is {up_days} days, {up_hours} hours, {up_minutes} minutes\n"
)
_DEVICE = (
    "S5720-28X-SI-AC's Device status:\n"
    "Slot Sub  Type                   Online    Power    Register     Status   Role\n"
    "-------------------------------------------------------------------------------\n"
    "0    -    S5720-28X-SI           Present   PowerOn  Registered   Normal   Master\n"
)
_USG_DEVICE = (
    "USG6555E's Device status:\n"
    "Slot # Type       Online    Register     Status       Role\n"
    "-------------------------------------------------------------------------------\n"
    "0      MPU        Present   Registered   Normal       Master\n"
    "1      PWR        Present   Registered   Normal       NA\n"
)
_ESN = "ESN of slot 0: {serial}\n"
_LICENSE = "Active License : /cfcard/license.dat\nLicense state  : Normal\n"

_STAMP = "%Y-%m-%d %H:%M:%S+00:00"
_VRP_VOLATILE: tuple[VolatileRule, ...] = (
    (r"^!Last configuration was updated at .*$",
     lambda m, now, rng: f"!Last configuration was updated at {now.strftime(_STAMP)} by admin"),
)

_VRP = Profile(
    name="huawei_vrp",
    priv_prompt="<{host}>",
    config_prompt="[{host}]",
    config_commands=("system-view", "system", "sys"),
    config_exit_commands=("return", "quit"),
    motd="\nInfo: The max number of VTY users is 10, and the number\n"
         "      of current VTY users on line is 1.\n"
         "      The current login time is 2026-11-29 09:00:00+00:00.\n",
    reply_patterns=(
        (r"screen-length 0 temporary",
         "Info: The configuration takes effect on the current user terminal interface only.\n"),
        (r"undo terminal monitor", ""),
        (r"display version", _VRP_VERSION),
        (r"display device", _DEVICE),
        (r"display esn", _ESN),
    ),
    backup_commands=("display current-configuration", "display saved-configuration"),
    error_reply="{caret}^\nError: Unrecognized command found at '^' position.\n",
    disable_command=None,
    exit_commands=("quit", "exit", "logout"),
    more_prompt="  ---- More ----",
    default_hostname="HUAWEI",
    telnet=True,
    config=template("huawei_vrp"),
    volatile=_VRP_VOLATILE,
)

PROFILES: tuple[Profile, ...] = (
    _VRP,
    _VRP.with_changes(
        name="huawei_usg",
        reply_patterns=(
            *(r for r in _VRP.reply_patterns if r[0] not in (r"display version", r"display device")),
            (r"display version", _USG_VERSION),
            (r"display device", _USG_DEVICE),
            (r"display license", _LICENSE),
        ),
        default_hostname="USG6000",
        config=template("huawei_usg"),
    ),
)
