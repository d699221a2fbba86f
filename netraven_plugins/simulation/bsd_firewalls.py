"""Simulator profiles of pfSense and OPNsense, reached with a shell account (not the menu)."""

from __future__ import annotations

from netraven_core.simulator.profiles import Profile

from .templates import template

_PFSENSE = Profile(
    name="pfsense",
    motd="Last login: Thu Dec  3 06:00:00 2026 from 192.168.1.50\n",
    priv_prompt="[2.7.2-RELEASE][{user}@{host}]/home/{user}: ",
    default_hostname="pfSense",
    reply_patterns=(
        (r"hostname", "{host}\n"),
        (r"cat /etc/version", "2.7.2-RELEASE\n"),
        (r"uname -a", "FreeBSD {host} 14.0-CURRENT FreeBSD 14.0-CURRENT amd64 1400094 #1 "
                      "RELENG_2_7_2-n255948-8d2b56da39c: Wed Dec  6 20:45:47 UTC 2023 amd64\n"),
    ),
    backup_commands=("cat /cf/conf/config.xml",),
    error_reply="{cmd}: Command not found.\n",
    more_prompt="--More--({pct}%)",
    config_commands=(),
    disable_command=None,
    exit_commands=("exit", "logout"),
    config=template("pfsense"),
)

PROFILES: tuple[Profile, ...] = (
    _PFSENSE,
    _PFSENSE.with_changes(
        name="opnsense",
        priv_prompt="{user}@{host}:~ $ ",
        default_hostname="OPNsense",
        reply_patterns=(
            (r"hostname", "{host}\n"),
            (r"opnsense-version", "OPNsense 24.7.9_1 (amd64)\n"),
        ),
        backup_commands=("cat /conf/config.xml",),
        error_reply="sh: {cmd}: not found\n",
        config=template("opnsense"),
    ),
)
