"""Simulator profile of MikroTik RouterOS."""

from __future__ import annotations

from netraven_core.simulator.configgen.volatile import VolatileRule
from netraven_core.simulator.profiles import Profile

from .configs import servers as configs

_VOLATILE: tuple[VolatileRule, ...] = (
    (r"^# \d{4}-\d\d-\d\d \d\d:\d\d:\d\d by RouterOS (.*)$",
     lambda m, now, rng: f"# {now:%Y-%m-%d %H:%M:%S} by RouterOS {m.group(1)}"),
)

# Facts and moving values: see netraven_core.simulator.facts.
_RESOURCE = (
    "                   uptime: {uptime_compact}\n"
    "                  version: 7.16.1 (stable)\n"
    "               build-time: 2024-10-10 14:03:32\n"
    "         factory-software: 7.5\n"
    "              free-memory: {free_kb}KiB\n"
    "             total-memory: 1024.0MiB\n"
    "                      cpu: ARM64\n"
    "                cpu-count: 4\n"
    "            cpu-frequency: 864MHz\n"
    "                 cpu-load: {percent}%\n"
    "           free-hdd-space: 98.7MiB\n"
    "          total-hdd-space: 128.0MiB\n"
    "  write-sect-since-reboot: {counter}\n"
    "         write-sect-total: 1{counter}\n"
    "               bad-blocks: 0%\n"
    "        architecture-name: arm64\n"
    "               board-name: hAP ax^3\n"
    "                 platform: MikroTik\n"
)
_ROUTERBOARD = (
    "       routerboard: yes\n"
    "        board-name: hAP ax^3\n"
    "             model: C53UiG+5HPaxD2HPaxD\n"
    "          revision: r2\n"
    "     serial-number: {serial}\n"
    "     firmware-type: ipq6000\n"
    "  factory-firmware: 7.8\n"
    "  current-firmware: 7.16.1\n"
    "  upgrade-firmware: 7.16.1\n"
)

PROFILES: tuple[Profile, ...] = (
    Profile(
        name="mikrotik_routeros",
        priv_prompt="[{user}@{host}] > ",
        default_hostname="MikroTik",
        telnet=True,  # /ip service telnet
        login_username_prompt="Login: ",
        reply_patterns=(
            (r"/system identity print", "  name: {host}\n"),
            (r"/system resource print", _RESOURCE),
            (r"/system routerboard print", _ROUTERBOARD),
        ),
        backup_commands=("/export", "/export terse", "/export verbose", "export"),
        error_reply="bad command name {cmd} (line 1 column 1)\n",
        more_prompt="-- [Q quit|D dump|down]",
        config_commands=(),
        exit_commands=("/quit", "quit", "exit"),
        disable_command=None,
        config=configs.routeros,
        volatile=_VOLATILE,
    ),
)
