"""Simulator profile of Fortinet FortiOS (FortiGate)."""

from __future__ import annotations

from netraven_core.simulator.configgen.volatile import VolatileRule
from netraven_core.simulator.profiles import Profile

from .configs import servers as configs

_VOLATILE: tuple[VolatileRule, ...] = (
    (r"^#conf_file_ver=\d+$", lambda m, now, rng: f"#conf_file_ver={rng.randrange(10**15, 10**16)}"),
)

# Facts and moving values: see netraven_core.simulator.facts.  The signature databases are
# dated by the update the device last installed, which here moves with the clock.
_STATUS = (
    "Version: FortiGate-VM64 v7.2.8,build1639,240313 (GA.M)\n"
    "First GA patch build date: 220331\n"
    "Security Level: 1\n"
    "Firmware Signature: certified\n"
    "Virus-DB: 92.0{counter}({iso_clock})\n"
    "Extended DB: 92.0{counter}({iso_clock})\n"
    "Extreme DB: 1.00000(2018-04-09 18:07)\n"
    "AV AI/ML Model: 2.16021(2024-03-13 09:44)\n"
    "IPS-DB: 27.0{counter}({iso_clock})\n"
    "IPS-ETDB: 27.0{counter}({iso_clock})\n"
    "APP-DB: 27.0{counter}({iso_clock})\n"
    "INDUSTRIAL-DB: 27.0{counter}({iso_clock})\n"
    "IPS Malicious URL Database: 5.0{counter}({iso_clock})\n"
    "IoT-Detect: 27.0{counter}({iso_clock})\n"
    "Serial-Number: FGVM02TM{serial}\n"
    "License Status: Valid\n"
    "License Expiration Date: 2027-06-30\n"
    "VM Resources: 1 CPU/2 allowed, 1994 MB RAM/2048 MB allowed\n"
    "Log hard disk: Available\n"
    "Hostname: {host}\n"
    "Private Encryption: Disable\n"
    "Operation Mode: NAT\n"
    "Current virtual domain: root\n"
    "Max number of virtual domains: 10\n"
    "Virtual domains status: 1 in NAT mode, 0 in TP mode\n"
    "Virtual domain configuration: {vdom_mode}\n"
    "FIPS-CC mode: disable\n"
    "Current HA mode: standalone\n"
    "Branch point: 1639\n"
    "Release Version Information: GA\n"
    "FortiOS x86-64: Yes\n"
    "System time: {clock}\n"
    "Last reboot reason: warm reboot\n"
)
_HARDWARE = (
    "Model name: FortiGate-VM64\n"
    "ASIC version: not available\n"
    "CPU: Intel(R) Xeon(R) Gold 6248R CPU @ 3.00GHz\n"
    "Number of CPUs: 1\n"
    "RAM: 1994 MB\n"
    "Compact Flash: not available\n"
    "Hard disk: 30720 MB\n"
    "USB Flash: not available\n"
    "Network Card chipset: Intel(R) PRO/1000 Network Connection (rev.0000)\n"
)

PROFILES: tuple[Profile, ...] = (
    Profile(
        name="fortinet",
        priv_prompt="{host} # ",
        default_hostname="FortiGate-60F",
        telnet=True,  # "set allowaccess ... telnet" on an interface
        login_username_prompt="{host} login: ",
        config_prompt=None,
        reply_patterns=(
            (r"get system status \| grep Virtual", "Virtual domain configuration: {vdom_mode}\n"),
            (r"get system status \| grep Version",
             "Version: FortiGate-VM64 v7.2.8,build1639,240313 (GA.M)\n"),
            (r"get system status", _STATUS),
            (r"get hardware status", _HARDWARE),
            (r"get system console", "mode                : line\nbaudrate            : 9600\n"
                                    "output              : standard\nlogin               : enable\n"),
            (r"config system console|set output (standard|more)|end", ""),
        ),
        backup_commands=("show full-configuration", "show", "show full-configuration | grep .",
                         "show | grep ."),
        error_reply="Unknown action 0\nCommand fail. Return code -1\n",
        more_prompt="--More-- ",
        config_commands=(),
        disable_command=None,
        config=configs.fortios,
        volatile=_VOLATILE,
    ),
)
