"""Simulator profile of Netgear ProSAFE / M-series switches (FASTPATH CLI)."""

from __future__ import annotations

from pathlib import Path

from netraven_core.simulator.configgen import from_template_file
from netraven_core.simulator.configgen.volatile import VolatileRule
from netraven_core.simulator.profiles import CISCO_INVALID, Profile

_TEMPLATES = Path(__file__).parent / "templates"

_VERSION = (
    "Switch: 1\n\n"
    "System Description............................. M4300-52G ProSAFE 48-port 1G and 4-port 10G\n"
    "Machine Type................................... M4300-52G\n"
    "Machine Model.................................. M4300-52G\n"
    "Serial Number.................................. {serial}\n"
    "Part Number.................................... 0XSM4352-100NES\n"
    "Maintenance Level.............................. A\n"
    "Manufacturer................................... 0xbc00\n"
    "Burned In MAC Address.......................... 3C:37:86:11:22:33\n"
    "Software Version............................... 12.0.9.3\n"
    "Current Time................................... Nov 30 10:11:12 2026 UTC\n"
)


def _uptime(m, now, rng) -> str:  # type: ignore[no-untyped-def]
    return f'!System Up Time          "{rng.randrange(1, 400)} days {rng.randrange(24)} hrs 4 mins 5 secs"'


_VOLATILE: tuple[VolatileRule, ...] = (
    (r'^!System Up Time .*$', _uptime),
    (r"^!Current SNTP Synchronized Time: .*$",
     lambda m, now, rng: f"!Current SNTP Synchronized Time: {now:%b %d %H:%M:%S %Y} UTC"),
)

PROFILES: tuple[Profile, ...] = (
    Profile(
        name="netgear_prosafe",
        user_prompt="({host}) >",
        priv_prompt="({host}) #",
        config_prompt="({host}) (Config)#",
        enable_command="enable",
        default_hostname="M4300-52G",
        reply_patterns=(
            (r"terminal length \d+", ""),
            (r"show version", _VERSION),
            (r"show bootvar", "Image Descriptions\n\n image1 : default image\n image2 :\n\n"
                              " Images currently available on Flash\n\n"
                              "--------------------------------------------------------------------\n"
                              " unit      image1      image2     current-active        next-active\n"
                              "--------------------------------------------------------------------\n"
                              "    1    12.0.9.3     12.0.2.20          image1             image1\n"),
        ),
        backup_commands=("show running-config",),
        backup_requires_privilege=True,
        error_reply=CISCO_INVALID,
        config_commands=("configure",),
        config_exit_commands=("exit", "end"),
        exit_commands=("quit", "logout", "exit"),
        more_prompt="--More-- or (q)uit",
        telnet=True,
        login_username_prompt="User:",
        config=from_template_file(_TEMPLATES / "netgear_prosafe.cfg"),
        volatile=_VOLATILE,
    ),
)
