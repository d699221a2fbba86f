"""Simulator profile of a WatchGuard Firebox (Fireware CLI, admin account)."""

from __future__ import annotations

from netraven_core.simulator.profiles import Profile

from .templates import template

PROFILES: tuple[Profile, ...] = (
    Profile(
        name="watchguard_fireware",
        motd="--\n-- WatchGuard Fireware OS Version 12.10.3.B690516\n-- Support: https://www.watchguard.com/support\n"
             "-- Copyright (C) 1996-2024 WatchGuard Technologies Inc.\n--\n",
        # Fireware prints "WG" whatever the device is called.
        priv_prompt="WG#",
        config_prompt="WG(config)#",
        reply_patterns=(
            (r"show sysinfo", "Model:            T45\nSerial Number:    {serial}\n"
                              "Software Version: 12.10.3.B690516\nSystem Time:      {iso_clock}\n"
                              "Up Time:          {up_days} days {up_hh}:{up_mm}:{up_ss}\n"
                              "CPU Usage:        {percent}%\nMemory Usage:     1{percent}%\n"),
        ),
        backup_commands=("export config to console",),
        error_reply="% Invalid command: {cmd}\n",
        more_prompt="--More--",
        config_commands=("configure",),
        config_exit_commands=("exit", "end"),
        disable_command=None,
        config=template("watchguard_fireware"),
    ),
)
