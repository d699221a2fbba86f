"""Simulator profile of an OpenBSD router (the files a BSD backup reads)."""

from __future__ import annotations

from pathlib import Path

from netraven_core.simulator.configgen import from_template_file
from netraven_core.simulator.profiles import Profile

from ..platforms.bsd import BACKUP_COMMAND

_TEMPLATES = Path(__file__).parent / "templates"

PROFILES: tuple[Profile, ...] = (
    Profile(
        name="bsd",
        user_prompt="{host}$ ",
        priv_prompt="{host}# ",
        enable_command="sudo -s || doas -s",
        # sudo from packages answers first ("doas -s" only runs where sudo is missing)
        enable_password_prompt="[sudo] password for {user}: ",  # noqa: S106 - a prompt
        enable_failure="Sorry, try again.\nsudo: 1 incorrect password attempt\n",
        disable_command=None,
        default_hostname="Amnesiac",
        motd="OpenBSD 7.6 (GENERIC.MP) #338: Mon Sep 30 08:55:35 MDT 2024\n\n"
             "Welcome to OpenBSD: The proactively secure Unix-like operating system.\n\n",
        reply_patterns=(
            (r"uname -a", "OpenBSD {host} 7.6 GENERIC.MP#338 amd64\n"),
            (r"uname -srm", "OpenBSD 7.6 amd64\n"),
            (r"sysctl hw\.vendor hw\.product hw\.serialno",
             "hw.vendor=Supermicro\nhw.product=SYS-E300-9A-4C\nhw.serialno={serial}\n"),
            (r"hostname", "{host}\n"),
            (r"whoami", "{user}\n"),
        ),
        backup_commands=(BACKUP_COMMAND,),
        backup_requires_privilege=True,
        privilege_required_reply="tail: /etc/hostname.iwx0: Permission denied\n",
        error_reply="ksh: {cmd}: not found\n",
        config_commands=(),
        exit_commands=("exit", "logout"),
        exit_drops_privilege=True,
        config=from_template_file(_TEMPLATES / "bsd.cfg"),
    ),
)
