"""Simulator profile of MikroTik RouterOS."""

from __future__ import annotations

from netraven_core.simulator.configgen.volatile import VolatileRule
from netraven_core.simulator.profiles import Profile

from .configs import servers as configs

_VOLATILE: tuple[VolatileRule, ...] = (
    (r"^# \d{4}-\d\d-\d\d \d\d:\d\d:\d\d by RouterOS (.*)$",
     lambda m, now, rng: f"# {now:%Y-%m-%d %H:%M:%S} by RouterOS {m.group(1)}"),
)

PROFILES: tuple[Profile, ...] = (
    Profile(
        name="mikrotik_routeros",
        priv_prompt="[{user}@{host}] > ",
        default_hostname="MikroTik",
        telnet=True,  # /ip service telnet
        login_username_prompt="Login: ",
        reply_patterns=((r"/system identity print", "  name: {host}\n"),),
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
