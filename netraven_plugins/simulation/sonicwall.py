"""Simulator profile of a SonicWall firewall (SonicOS 7 CLI)."""

from __future__ import annotations

from netraven_core.simulator.profiles import Profile

from ._stamps import uptime_parts
from .templates import template


def _uptime(m, now, rng) -> str:  # type: ignore[no-untyped-def]
    days, hours, minutes, seconds = uptime_parts(now)
    return f'system-uptime "{days} Days, {hours} Hours, {minutes} Minutes, {seconds} Seconds"'


PROFILES: tuple[Profile, ...] = (
    Profile(
        name="sonicwall_sonicos",
        motd="Using username '{user}'.\nLast login: 12/03/2026 06:00:00\n",
        priv_prompt="{user}@{host}> ",
        config_prompt="config({host})# ",
        default_hostname="2CB8ED694A04",
        reply_patterns=(
            (r"no cli pager session", ""),
            (r"show version", "firmware-version \"SonicOS 7.0.1-5145-R5175\"\nrom-version \"7.0.0.0-9\"\n"
                              "model \"TZ 370\"\nserial-number {serial}\n"
                              "system-uptime \"41 Days, 3 Hours, 12 Minutes, 9 Seconds\"\n"),
        ),
        backup_commands=("show current-config",),
        error_reply="% Invalid command: {cmd}\n",
        more_prompt="--MORE--",
        config_commands=("configure", "configure terminal"),
        config_exit_commands=("end", "exit"),
        disable_command=None,
        config=template("sonicwall_sonicos"),
        volatile=(
            (r'^system-time ".*"$', lambda m, now, rng: f'system-time "{now:%m/%d/%Y %H:%M:%S}.000"'),
            (r'^system-uptime ".*"$', _uptime),
        ),
    ),
)
