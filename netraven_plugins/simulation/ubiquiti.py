"""Simulator profile of the Ubiquiti EdgeSwitch (FASTPATH CLI: user mode, enable, configure)."""

from __future__ import annotations

from netraven_core.simulator.profiles import Profile

from ._stamps import uptime_parts
from .templates import template


def _up_time(m, now, rng) -> str:  # type: ignore[no-untyped-def]
    days, hours, minutes, seconds = uptime_parts(now)
    return f'!System Up Time          "{days} days {hours} hrs {minutes} mins {seconds} secs"'


PROFILES: tuple[Profile, ...] = (
    Profile(
        name="ubiquiti_edgeswitch",
        user_prompt="({host}) >",
        priv_prompt="({host}) #",
        config_prompt="({host}) (Config)#",
        enable_command="enable",
        enable_password_prompt="Password:",  # noqa: S106 - a prompt
        enable_failure="% Access denied\n",
        default_hostname="UBNT EdgeSwitch",
        reply_patterns=(
            (r"terminal length \d+", ""),
            (r"terminal width \d+", ""),
            (r"show version", "Switch: 1\n\nSystem Description............................. "
                              "EdgeSwitch 24-Port 250W, 1.9.3.5089835, Linux 3.6.5-f4a26ed5\n"
                              "Machine Type................................... EdgeSwitch 24-Port 250W\n"
                              "Serial Number.................................. {serial}\n"
                              "Software Version............................... 1.9.3.5089835\n"),
        ),
        backup_commands=("show running-config",),
        backup_requires_privilege=True,
        config_commands=("configure",),
        config_exit_commands=("exit", "end"),
        more_prompt="--More-- or (q)uit",
        telnet=True,
        login_username_prompt="User:",
        login_password_prompt="Password:",  # noqa: S106 - a prompt
        config=template("ubiquiti_edgeswitch"),
        volatile=(
            (r'^!System Up Time +".*"$', _up_time),
            (r"^!Current SNTP Synchronized Time: .*$",
             lambda m, now, rng: "!Current SNTP Synchronized Time: "
                                 + now.strftime("%b %d %H:%M:%S %Y UTC")),
        ),
    ),
)
