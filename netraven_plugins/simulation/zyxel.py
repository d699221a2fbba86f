"""Simulator profile of Zyxel managed switches (ZyNOS CLI)."""

from __future__ import annotations

from pathlib import Path

from netraven_core.simulator.configgen import from_template_file
from netraven_core.simulator.profiles import Profile

_TEMPLATES = Path(__file__).parent / "templates"

PROFILES: tuple[Profile, ...] = (
    Profile(
        name="zyxel_os",
        # The admin account lands in privileged mode; there is no pager switch to send.
        priv_prompt="{host}# ",
        config_prompt="{host}(config)# ",
        default_hostname="XGS2210-28",
        reply_patterns=(
            (r"show version", " Current ZyNOS version: V4.80(AAZI.7) | 11/22/2024\n"
                              " System Up Time: {up_days} days {up_hours}:{up_mm}:{up_ss}\n"
                              " Bootbase Version: V1.00 | 06/09/2020\n"),
            (r"show system-information",
             " Product Model    : XGS2210-28\n System Name      : {host}\n System Contact   :\n"
             " System Location  :\n System up Time   : {up_days}:{up_hh}:{up_mm}:{up_ss} (1{counter} ticks)\n"
             " Ethernet Address : bc:99:11:22:33:44\n Bootbase Version : V1.00 | 06/09/2020\n"
             " ZyNOS F/W Version: V4.80(AAZI.7) | 11/22/2024\n Config Boot Image: 1\n"
             " Current Boot Image: 1\n Serial Number    : {serial}\n"),
            (r"enable", ""),
        ),
        backup_commands=("show running-config",),
        error_reply="% Invalid command\n",
        disable_command=None,
        config_commands=("configure", "config"),
        config_exit_commands=("exit",),
        more_prompt="-- more --, next page: Space, continue: c, quit: ESC",
        telnet=True,
        config=from_template_file(_TEMPLATES / "zyxel_os.cfg"),
    ),
)
