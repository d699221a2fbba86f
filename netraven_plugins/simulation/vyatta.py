"""Simulator profiles of VyOS and Ubiquiti EdgeOS (operational shell, "configure" mode)."""

from __future__ import annotations

from netraven_core.simulator.profiles import Profile

from .templates import template

_VYOS_VERSION = ("Version:          VyOS 1.4.0\nRelease train:    sagitta\n\n"
                 "Built by:         autobuild@vyos.net\nBuilt on:         Mon 03 Jun 2024 12:00 UTC\n"
                 "Architecture:     x86_64\nBoot via:         installed image\n"
                 "System type:      KVM guest\nHardware vendor:  QEMU\n"
                 "Hardware model:   Standard PC (Q35 + ICH9, 2009)\nHardware S/N:     {serial}\n"
                 "Hardware UUID:    5c2c7a7e-8f0d-4b5e-9a43-2a6f1c0e7d11\n\n"
                 "Uptime:           {up_hh}:{up_mm}:{up_ss} up {up_days} days, {up_hours}:{up_mm},  1 user\n")

_VYOS = Profile(
    name="vyos",
    motd=("Welcome to VyOS!\n\n   VyOS 1.4.0 (sagitta)\n\n"
          " * Documentation:  https://docs.vyos.io/en/sagitta\n"
          " * Project news:   https://blog.vyos.io\n"
          " * Bug reports:    https://vyos.dev\n\n"
          "Last login: Thu Dec  3 06:00:00 2026 from 192.168.10.50\n"),
    priv_prompt="{user}@{host}:~$ ",
    config_prompt="[edit]\n{user}@{host}# ",
    default_hostname="vyos",
    reply_patterns=(
        (r"set terminal (?:length|width) \d+", ""),
        (r"show version", _VYOS_VERSION),
    ),
    backup_commands=("show configuration commands",),
    error_reply="\n  Invalid command: [{cmd}]\n\n",
    more_prompt=":",
    config_commands=("configure",),
    config_exit_commands=("exit", "exit discard", "end"),
    disable_command=None,
    exit_commands=("exit", "logout"),
    telnet=True,
    login_username_prompt="{host} login: ",
    config=template("vyos"),
)

PROFILES: tuple[Profile, ...] = (
    _VYOS,
    _VYOS.with_changes(
        name="ubiquiti_edgeos",
        motd=("Welcome to EdgeOS\n\nBy logging in, accessing, or using the Ubiquiti product, you\n"
              "acknowledge that you have read and understood the Ubiquiti\n"
              "License Agreement and agree to be bound by its terms.\n\n"
              "Linux {host} 4.9.79-UBNT #1 SMP Thu Jun 15 11:33:42 UTC 2023 mips64\n"),
        default_hostname="ubnt",
        reply_patterns=(
            (r"terminal (?:length|width) \d+", ""),
            (r"show version", "Version:      v2.0.9-hotfix.7\nBuild ID:     5619227\n"
                              "Build on:     06/15/23 11:33\nCopyright:    2012-2023 Ubiquiti, Inc.\n"
                              "HW model:     EdgeRouter 4\nHW S/N:       {serial}\n"
                              "Uptime:       {up_hh}:{up_mm}:{up_ss} up {up_days} days, "
                              "{up_hours}:{up_mm},  1 user\n"),
        ),
        error_reply="\n  Invalid command: [{cmd}]\n\n",
        config=template("ubiquiti_edgeos"),
    ),
)
