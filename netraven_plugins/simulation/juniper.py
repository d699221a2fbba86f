"""Simulator profile of Juniper Junos."""

from __future__ import annotations

from netraven_core.simulator.configgen.volatile import VolatileRule
from netraven_core.simulator.profiles import Profile

from .configs import network as configs

_VOLATILE: tuple[VolatileRule, ...] = (
    (r"^## Last commit: .*$", lambda m, now, rng: f"## Last commit: {now:%Y-%m-%d %H:%M:%S} UTC by admin"),
)

PROFILES: tuple[Profile, ...] = (
    Profile(
        name="juniper_junos",
        priv_prompt="{user}@{host}> ",
        config_prompt="{user}@{host}# ",
        # No host-name configured: "admin> "; in a chassis cluster "{primary:node0}" above it.
        unnamed_priv_prompt="{user}> ",
        status_line="{{{role}:{node}}}",
        telnet=True,  # "set system services telnet"
        login_username_prompt="login: ",
        reply_patterns=(
            (r"set cli screen-width (\d+)", "Screen width set to {0}\n"),
            (r"set cli screen-length (\d+)", "Screen length set to {0}\n"),
            (r"set cli complete-on-space off", "Disabling complete-on-space\n"),
            (r"set cli complete-on-space on", "Enabling complete-on-space\n"),
            (r"show version", "Hostname: {host}\nModel: mx204\nJunos: 22.4R3-S2.11\n"),
        ),
        backup_commands=("show configuration",),
        error_reply="                    ^\nunknown command.\n",
        config_commands=("configure", "edit", "configure private"),
        config_exit_commands=("exit", "quit", "exit configuration-mode"),
        disable_command=None,
        more_prompt="---(more {pct}%)---",
        config=configs.junos,
        volatile=_VOLATILE,
    ),
)
