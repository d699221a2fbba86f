"""Simulator profiles of Cumulus Linux (NVUE) and SONiC: a bash shell with the NOS's CLI tools."""

from __future__ import annotations

from netraven_core.simulator.profiles import Profile

from .templates import template

_BASH_ERROR = "-bash: {cmd}: command not found\n"

PROFILES: tuple[Profile, ...] = (
    Profile(
        name="cumulus_nvue",
        motd=("Linux {host} 6.1.0-cl-1-amd64 #1 SMP PREEMPT_DYNAMIC Debian 6.1.38-4+cl5.9.0u20 x86_64\n\n"
              "Welcome to NVIDIA Cumulus (R) Linux (R)\n\n"
              "ZTP in progress. To disable, do 'ztp -d'\n\n"),
        # The management VRF shows in the prompt.
        priv_prompt="{user}@{host}:mgmt:~$ ",
        default_hostname="cumulus",
        reply_patterns=(
            (r"nv show system", "          operational          applied\n"
                                "--------  -------------------  -------\n"
                                "hostname  {host}               {host}\n"
                                "build     Cumulus Linux 5.9.0\n"
                                "uptime    {uptime_dhms}\n"
                                "timezone  Etc/UTC\n"),
            (r"nv show platform", "               operational\n"
                                  "-------------  -------------------------\n"
                                  "system-mac     44:38:39:22:01:b1\n"
                                  "manufacturer   Mellanox\n"
                                  "product-name   MSN2010\n"
                                  "serial-number  {serial}\n"),
            (r"hostname", "{host}\n"),
        ),
        backup_commands=("nv config show -o commands",),
        error_reply=_BASH_ERROR,
        more_prompt="--More--({pct}%)",
        config_commands=(),
        disable_command=None,
        exit_commands=("exit", "logout"),
        config=template("cumulus_nvue"),
    ),
    Profile(
        name="sonic",
        motd=("Linux {host} 5.10.0-23-2-amd64 #1 SMP Debian 5.10.179-3 (2023-07-27) x86_64\n"
              "You are on\n"
              "  ____   ___  _   _ _  ____\n"
              " / ___| / _ \\| \\ | (_)/ ___|\n"
              " \\___ \\| | | |  \\| | | |\n"
              "  ___) | |_| | |\\  | | |___\n"
              " |____/ \\___/|_| \\_|_|\\____|\n\n"
              "-- Software for Open Networking in the Cloud --\n\n"),
        priv_prompt="{user}@{host}:~$ ",
        default_hostname="sonic",
        reply_patterns=(
            (r"show version", "\nSONiC Software Version: SONiC.202311.1-a2f3c1e\n"
                              "SONiC OS Version: 11\nDistribution: Debian 11.9\n"
                              "Kernel: 5.10.0-23-2-amd64\nBuild commit: a2f3c1e\n"
                              "Platform: x86_64-dell_s6000_s1220-r0\nHwSKU: Force10-S6000\n"
                              "ASIC: broadcom\nSerial Number: {serial}\n"
                              "Uptime: {iso_clock} up {up_days} days, {up_hours}:{up_mm},  1 user,  "
                              "load average: 0.52\n"
                              "Date: Thu 03 Dec 2026 06:30:00\n"),
            (r"show platform syseeprom", "TlvInfo Header:\n   Id String:    TlvInfo\n"
                                         "Product Name         0x21   1  S6000\n"
                                         "Serial Number        0x23  11  {serial}\n"),
            (r"hostname", "{host}\n"),
        ),
        backup_commands=("show runningconfiguration all", "sudo cat /etc/sonic/config_db.json"),
        error_reply=_BASH_ERROR,
        more_prompt="--More--({pct}%)",
        config_commands=(),
        disable_command=None,
        exit_commands=("exit", "logout"),
        config=template("sonic"),
    ),
)
