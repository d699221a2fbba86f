"""Simulator profile of Palo Alto PAN-OS."""

from __future__ import annotations

from netraven_core.simulator.profiles import Profile

from .configs import servers as configs

PROFILES: tuple[Profile, ...] = (
    Profile(
        name="paloalto_panos",
        priv_prompt="{user}@{host}> ",
        default_hostname="PA-VM",
        config_prompt="{user}@{host}# ",
        reply_patterns=(
            (r"set cli scripting-mode (on|off)", ""),
            (r"set cli terminal width \d+", ""),
            (r"set cli pager (on|off)", ""),
            (r"set cli config-output-format \S+", ""),
            (r"show system info", "hostname: {host}\nip-address: 192.0.2.10\nmodel: PA-3220\n"
                                  "sw-version: 10.2.9-h1\noperational-mode: normal\n"),
        ),
        backup_commands=("show config running", "show config merged"),
        error_reply="Unknown command: {cmd}\nInvalid syntax.\n",
        more_prompt="lines {start}-{end} ",
        config_commands=("configure",),
        config_exit_commands=("exit", "quit"),
        disable_command=None,
        config=configs.panos,
    ),
)
