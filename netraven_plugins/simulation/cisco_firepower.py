"""Simulator profiles of Cisco Firepower Threat Defense and the FXOS chassis manager."""

from __future__ import annotations

from netraven_core.simulator.configgen.volatile import VolatileRule
from netraven_core.simulator.profiles import Profile

from .templates import template

_FTD_VERSION = (
    "-------------------[ {host} ]--------------------\n"
    "Model                     : Cisco Firepower 2130 Threat Defense (77) Version 7.2.5 (Build 208)\n"
    "UUID                      : 2f5a8c3e-1b7d-11ee-9a4f-8d3c2b1a0f9e\n"
    "LSP version               : lsp-rel-20231129-1200\n"
    "VDB version               : 376\n"
    "----------------------------------------------------\n"
    "\n"
    "Cisco Adaptive Security Appliance Software Version 9.18(3)56\n"
    "SSP Operating System Version 2.12(0.498)\n"
    "\n"
    "{host} up {up_days} days {up_hours} hours\n"
)
_FTD_INVENTORY = (
    'Name: "Chassis", DESCR: "Cisco Firepower 2130 Threat Defense, 1U, 8 x 1G, 4 x 10G SFP+"\n'
    "PID: FPR-2130           , VID: V02     , SN: {serial}\n"
)
_FTD_VOLATILE: tuple[VolatileRule, ...] = (
    (r"^Cryptochecksum:[0-9a-f]+$", lambda m, now, rng: f"Cryptochecksum:{rng.getrandbits(128):032x}"),
)

PROFILES: tuple[Profile, ...] = (
    Profile(
        name="cisco_ftd",
        # The FTD CLI prompt carries no host name.
        priv_prompt="> ",
        motd=("Copyright 2004-2023, Cisco and/or its affiliates. All rights reserved.\n"
              "Cisco is a registered trademark of Cisco Systems, Inc.\n"
              "All other trademarks are property of their respective owners.\n\n"
              "Cisco Firepower Extensible Operating System (FX-OS) v2.12.0 (build 498)\n"
              "Cisco Firepower 2130 Threat Defense v7.2.5 (build 208)\n\n"),
        reply_patterns=(
            (r"show version", _FTD_VERSION),
            (r"show inventory", _FTD_INVENTORY),
            (r"terminal pager \d+|terminal pager lines \d+", ""),
        ),
        backup_commands=("show running-config", "show running-config all"),
        error_reply="Syntax error: Illegal parameter\n",
        disable_command=None,
        config_prompt=None,
        more_prompt="<--- More --->",
        default_hostname="firepower",
        config=template("cisco_ftd"),
        volatile=_FTD_VOLATILE,
    ),
    Profile(
        name="cisco_fxos",
        priv_prompt="{host}# ",
        motd="Cisco Firepower Extensible Operating System (FX-OS) Software\n"
             "TAC support: http://www.cisco.com/tac\n"
             "Copyright (c) 2009-2023, Cisco Systems, Inc. All rights reserved.\n\n",
        reply_patterns=(
            (r"terminal length \d+", ""),
            (r"terminal width \d+", ""),
            (r"show version", "Version: 2.12(0.498)\nStartup-Vers: 2.12(0.498)\n"),
            (r"show chassis inventory",
             "Chassis    PID                 Vendor            Serial (SN) HW Revision\n"
             "---------- ------------------- ----------------- ----------- -----------\n"
             "         1 FPR-2130            Cisco Systems, In {serial} 0.1\n"),
        ),
        backup_commands=("show configuration",),
        error_reply="{caret}^\n% Invalid Command at '^' marker\n",
        disable_command=None,
        config_prompt=None,
        default_hostname="firepower",
        config=template("cisco_fxos"),
    ),
)
