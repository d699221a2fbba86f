"""Simulator profiles of HPE ProCurve / ArubaOS-Switch and Aruba AOS-CX."""

from __future__ import annotations

from netraven_core.simulator.profiles import Profile

from .configs import network as configs

_HP_MORE = "-- MORE --, next page: Space, next line: Enter, quit: Control-C"

PROFILES: tuple[Profile, ...] = (
    Profile(
        name="hp_procurve",
        # The simulator's login is a manager account, which lands in privileged mode; "enable" is
        # accepted (netmiko sends it) and changes nothing.
        priv_prompt="{host}# ",
        config_prompt="{host}(config)# ",
        default_hostname="HP-2920-48G-PoEP",
        telnet=True,  # telnet-server is on by default
        enable_command="enable",
        enable_username_prompt="Username: ",
        enable_failure="Invalid password\n",
        motd=("HP J9729A 2920-48G-POE+ Switch\nSoftware revision WB.16.10.0009\n\n"
              " (C) Copyright 2020 Hewlett Packard Enterprise Development LP\n\n"
              "                   RESTRICTED RIGHTS LEGEND\n"
              " Confidential computer software. Valid license from HPE required for possession,\n"
              " use or copying.\n\n"),
        press_any_key=True,
        reply_patterns=(
            (r"no page", ""),
            (r"terminal width \d+", ""),
            (r"terminal length \d+", ""),
            (r"show version", "Image stamp:    /ws/swbuildm/rel_venice_qaoff/code/build/bom\n"
                              "                WB.16.10.0009\n"),
        ),
        backup_commands=("show running-config", "show config"),
        error_reply="Invalid input: {cmd}\n",
        more_prompt=_HP_MORE,
        logout_confirm="Do you want to log out [y/n]? ",
        config=configs.procurve,
    ),
    Profile(
        name="aruba_aoscx",
        priv_prompt="{host}# ",
        default_hostname="switch",
        config_prompt="{host}(config)# ",
        reply_patterns=(
            (r"no page", ""),
            (r"terminal width \d+", ""),
            (r"terminal length \d+", ""),
            (r"show version", "ArubaOS-CX\nVersion      : FL.10.10.1030\n"),
        ),
        backup_commands=("show running-config",),
        error_reply="Invalid input: {cmd}\n",
        disable_command=None,
        more_prompt=_HP_MORE,
        config=configs.aoscx,
    ),
)
