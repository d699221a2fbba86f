"""Simulator profile of HPE Comware / H3C."""

from __future__ import annotations

from netraven_core.simulator.profiles import Profile

from .templates import template

_VERSION = (
    "HPE Comware Software, Version 7.1.070, Release 3507P10\n"
    "Copyright (c) 2010-2023 Hewlett Packard Enterprise Development LP\n"
    "HPE 5130 24G 4SFP+ EI Switch uptime is {uptime}\n"
    "Last reboot reason : User reboot\n"
)
_MANUINFO = (
    "Slot 1 CPU 0:\n"
    "DEVICE_NAME          : HPE 5130 24G 4SFP+ EI JG932A\n"
    "DEVICE_SERIAL_NUMBER : {serial}\n"
    "MAC_ADDRESS          : F0E1-D2C3-B4A5\n"
    "MANUFACTURING_DATE   : 2022-03-14\n"
    "VENDOR_NAME          : HPE\n"
)

PROFILES: tuple[Profile, ...] = (
    Profile(
        name="hp_comware",
        priv_prompt="<{host}>",
        config_prompt="[{host}]",
        config_commands=("system-view", "system", "sys"),
        config_exit_commands=("return", "quit"),
        motd="******************************************************************************\n"
             "* Copyright (c) 2010-2023 Hewlett Packard Enterprise Development LP          *\n"
             "* Without the owner's prior written consent,                                 *\n"
             "* no decompiling or reverse-engineering shall be allowed.                    *\n"
             "******************************************************************************\n\n",
        reply_patterns=(
            (r"screen-length disable", ""),
            (r"undo screen-length disable", ""),
            (r"undo terminal monitor", ""),
            (r"display version", _VERSION),
            (r"display device manuinfo", _MANUINFO),
        ),
        backup_commands=("display current-configuration", "display saved-configuration"),
        error_reply="{caret}^\n % Unrecognized command found at '^' position.\n",
        disable_command=None,
        exit_commands=("quit", "exit", "logout"),
        more_prompt="  ---- More ----",
        default_hostname="HPE",
        telnet=True,
        config=template("hp_comware"),
    ),
)
