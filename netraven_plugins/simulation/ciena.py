"""Simulator profile of Ciena SAOS 6."""

from __future__ import annotations

from pathlib import Path

from netraven_core.simulator.configgen import from_template_file
from netraven_core.simulator.configgen.volatile import VolatileRule, ctime_stamp
from netraven_core.simulator.profiles import Profile

_TEMPLATES = Path(__file__).parent / "templates"

_DEVICE_ID = (
    "+-------------------------- DEVICE ID ---------------------------+\n"
    "| Parameter                | Value                               |\n"
    "+--------------------------+-------------------------------------+\n"
    "| Device Type              | 5160                                |\n"
    "| Part Number/Revision     | 170-5160-900/005                    |\n"
    "| Serial Number            | {serial}                         |\n"
    "| Manufactured Date        | 20220614                            |\n"
    "| CLEI Code                | INMJK00ERA                          |\n"
    "| Base MAC Address         | 00:03:18:11:22:33                   |\n"
    "+--------------------------+-------------------------------------+\n"
)
_SOFTWARE = (
    "+------------------------------------------------------------------------------+\n"
    "| Installed Package   : saos-06-20-01-0123                                     |\n"
    "| Running Package     : saos-06-20-01-0123                                     |\n"
    "| Application Build   : 0123 - Mon Jun 10 12:00:00 2024                        |\n"
    "| Bank status         : Validated                                              |\n"
    "+------------------------------------------------------------------------------+\n"
)
_VOLATILE: tuple[VolatileRule, ...] = (
    (r"^! Created: .*$", lambda m, now, rng: f"! Created: {ctime_stamp(now)}"),
)

PROFILES: tuple[Profile, ...] = (
    Profile(
        name="ciena_saos",
        priv_prompt="{host}> ",
        default_hostname="saos",
        motd="\nCiena 5160 Service Aggregation Switch\nSAOS 6.20.1\n\n",
        reply_patterns=(
            (r"system shell session set more off", ""),
            (r"system shell set more off", ""),
            (r"chassis show device-id", _DEVICE_ID),
            (r"software show", _SOFTWARE),
        ),
        backup_commands=("configuration show",),
        error_reply="SHELL PARSER FAILURE: '{cmd}' - Invalid input\n",
        disable_command=None,
        config_commands=(),
        exit_commands=("exit", "logout"),
        telnet=True,
        login_username_prompt="login: ",
        config=from_template_file(_TEMPLATES / "ciena_saos.cfg"),
        volatile=_VOLATILE,
    ),
)
