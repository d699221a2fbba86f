"""Simulator profile of Alcatel-Lucent Enterprise OmniSwitch (AOS 8)."""

from __future__ import annotations

from pathlib import Path

from netraven_core.simulator.configgen import from_template_file
from netraven_core.simulator.profiles import Profile

_TEMPLATES = Path(__file__).parent / "templates"

_CHASSIS = (
    "Local Chassis ID 1 (Master)\n"
    "  Model Name:                    OS6860E-P24,\n"
    "  Module Type:                   0x6062202,\n"
    "  Description:                   Chassis,\n"
    "  Part Number:                   903583-90,\n"
    "  Hardware Revision:             07,\n"
    "  Serial Number:                 {serial},\n"
    "  Manufacture Date:              JUN 12 2022,\n"
    "  Admin Status:                  POWER ON,\n"
    "  Operational Status:            UP,\n"
    "  Number Of Resets:              12,\n"
    "  MAC Address:                   2c:fa:a2:11:22:33\n"
)
_HARDWARE = (
    "Chassis 1\n"
    "CPU Manufacturer                  : Broadcom\n"
    "CPU Model                         : ARM-A9\n"
    "Flash Manufacturer                : Micron\n"
    "Flash size                        : 2055208960 bytes\n"
    "RAM Manufacturer                  : Samsung\n"
    "RAM size                          : 2081816 kB\n"
    "U-Boot Version                    : 8.7.2.R01\n"
)

PROFILES: tuple[Profile, ...] = (
    Profile(
        name="alcatel_aos",
        # The template sets "session prompt default" to the system name.
        priv_prompt="{host}-> ",
        unnamed_priv_prompt="-> ",
        motd="\nWelcome to the Alcatel-Lucent Enterprise OmniSwitch 6860E\n"
             "Software Version 8.9.221.R03 GA, October 11, 2024.\n\n"
             "Copyright(c), 1994-2024 ALE International. All Rights Reserved.\n\n",
        reply_patterns=(
            (r"show system", "System:\n  Description:  Alcatel-Lucent Enterprise OS6860E-P24 "
                             "8.9.221.R03 GA, October 11, 2024.,\n  Name:         {host},\n"
                             "  Up Time:      {up_days} days {up_hours} hours {up_minutes} minutes "
                             "and {up_seconds} seconds,\n"
                             "  Contact:      noc@example.net,\n  Location:     DC1 row 2,\n"
                             "  Date & Time:  {clock}\n"),
            (r"show chassis", _CHASSIS),
            (r"show hardware-info", _HARDWARE),
            (r"show license-info", "                                              Time (Days)  Upgrade "
                                   "  Expiration\n VC  device   License   Type       Remaining    Status"
                                   "    (DD/MM/YYYY)\n----+-------+-----------+----------+------------"
                                   "+-----------+-------------\n 1    0      10G       PERM        NA  "
                                   "        NA          NA\n"),
        ),
        backup_commands=("show configuration snapshot", "write terminal"),
        error_reply="{caret}^\nERROR: Invalid entry: \"{cmd}\"\n",
        disable_command=None,
        config_commands=(),
        more_prompt="More? [next screen <sp>, next line <cr>, filter pattern </>, quit <q>]",
        telnet=True,
        config=from_template_file(_TEMPLATES / "alcatel_aos.cfg"),
    ),
)
