"""Simulator profile of Cisco SD-WAN Viptela OS (vEdge, vSmart)."""

from __future__ import annotations

from netraven_core.simulator.profiles import Profile

from .templates import template

_INVENTORY = (
    "hw-type  hw-idx  version  part-number   serial-number  description\n"
    "Chassis  0       3.1      vEdge-1000    {serial}    vEdge-1000\n"
)

PROFILES: tuple[Profile, ...] = (
    Profile(
        name="cisco_viptela",
        priv_prompt="{host}# ",
        config_prompt="{host}(config)# ",
        config_commands=("config", "config terminal", "conf terminal", "conf t"),
        motd="viptela 20.9.4\n\n",
        reply_patterns=(
            (r"paginate (?:false|true)", ""),
            (r"screen-length \d+", ""),
            (r"screen-width \d+", ""),
            (r"show version", "20.9.4\n"),
            (r"show hardware inventory", _INVENTORY),
        ),
        backup_commands=("show running-config",),
        error_reply="{caret}^\nsyntax error: unknown command\n",
        disable_command=None,
        exit_commands=("exit", "logout"),
        more_prompt="--More--",
        default_hostname="vedge",
        config=template("cisco_viptela"),
    ),
)
