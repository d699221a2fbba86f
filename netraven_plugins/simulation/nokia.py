"""Simulator profiles of Nokia SR OS (classic CLI and MD-CLI) and SR Linux."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from netraven_core.simulator.configgen.volatile import VolatileRule
from netraven_core.simulator.profiles import Profile

from .templates import template


def _classic_stamp(now: datetime) -> str:
    """``THU NOV 26 10:32:11 2026 UTC``, as the classic CLI stamps its listing."""
    return f"{now:%a %b %d %H:%M:%S %Y}".upper() + " UTC"


_CLASSIC_VOLATILE: tuple[VolatileRule, ...] = (
    (r"^# Generated .*$", lambda m, now, rng: f"# Generated {_classic_stamp(now)}"),
    (r"^# Finished .*$", lambda m, now, rng: f"# Finished {_classic_stamp(now)}"),
)
_MDCLI_VOLATILE: tuple[VolatileRule, ...] = (
    (r"^# Generated .*$",
     lambda m, now, rng: f"# Generated {now:%Y-%m-%dT%H:%M:%S}.{rng.randrange(10)}+00:00 "
                         "by admin from 10.0.0.1"),
    (r"^# Finished .*$", lambda m, now, rng: f"# Finished {now:%Y-%m-%dT%H:%M:%S}.{rng.randrange(10)}+00:00"),
)

_SYSTEM_INFORMATION = (
    "\n===============================================================================\n"
    "System Information\n"
    "===============================================================================\n"
    "System Name            : {host}\n"
    "System Type            : 7750 SR-1\n"
    "Chassis Topology       : Standalone\n"
    "System Version         : B-22.10.R4\n"
    "System Contact         : noc@example.net\n"
    "System Location        : PoP Frankfurt 2\n"
    "System Up Time         : {up_days} days, {up_hh}:{up_mm}:{up_ss}.21 (hr:min:sec)\n"
    "Configuration Mode Cfg : classic\n"
    "Configuration Mode Oper: classic\n"
    "===============================================================================\n"
)

_SROS_REPLIES: tuple[tuple[str, str], ...] = (
    (r"environment no more", ""),
    (r"//environment more false", ""),
    (r"environment more false", ""),
    (r"//environment no more", ""),
    (r"environment console width \d+", ""),
    (r"environment command-completion space false", ""),
    (r"show system information", _SYSTEM_INFORMATION),
    (r"show bof", "\n===============================================================================\n"
                  "BOF (Memory)\n"
                  "===============================================================================\n"
                  "    primary-image    cf3:/timos/22.10.R4/both.tim\n"
                  "    primary-config   cf3:\\config.cfg\n"
                  "    address          192.168.0.91/24 active\n"
                  "===============================================================================\n"),
    (r"show chassis", "\n===============================================================================\n"
                      "Chassis Information\n"
                      "===============================================================================\n"
                      "  Name                              : {host}\n"
                      "  Type                              : 7750 SR-1\n"
                      "  Part number                       : 3HE11280AARB01\n"
                      "  Serial number                     : {serial}\n"
                      "  Current Alarm State               : alarm cleared\n"
                      "  Temperature                       : 38C\n"),
    (r"show card state", "\n===============================================================================\n"
                         "Card State\n"
                         "===============================================================================\n"
                         "Slot/  Provisioned Type                  Admin Operational   Num   Num Comments\n"
                         "Id         Equipped Type (if different)  State State         Ports MDA\n"
                         "-------------------------------------------------------------------------------\n"
                         "1      iom-1                             up    up                  2\n"
                         "A      cpm-1                             up    up/active\n"),
)

_MOTD = ("\nSR OS Software\nCopyright (c) Nokia 2024.  All Rights Reserved.\n\n"
         "Trademarks\n\nNokia and the Nokia logo are registered trademarks of Nokia.\n\n")

NOKIA_SROS = Profile(
    name="nokia_sros",
    priv_prompt="A:{host}# ",
    config_prompt="A:{host}>config# ",
    default_hostname="Dut-A",
    disable_command=None,
    motd=_MOTD,
    reply_patterns=_SROS_REPLIES,
    backup_commands=("admin display-config",),
    error_reply="{caret}^\nError: Bad command.\n",
    config_commands=("configure",),
    config_exit_commands=("exit all",),
    exit_commands=("logout", "exit"),
    more_prompt="Press any key to continue (Q to quit)",
    telnet=True,
    config=template("nokia_sros"),
    volatile=_CLASSIC_VOLATILE,
)

# The same system under the model-driven CLI: other prompt, listing, errors and pager.
NOKIA_SROS_MDCLI = replace(
    NOKIA_SROS,
    name="nokia_sros_mdcli",
    priv_prompt="A:{user}@{host}# ",
    config_prompt=None,
    reply_patterns=(
        *_SROS_REPLIES,
        (r"admin show configuration bof", "    autonegotiate true\n    duplex full\n"
                                          "    speed 100\n    address 192.168.0.91/24 active\n"),
    ),
    backup_commands=("admin show configuration",),
    error_reply="{caret}^\nMINOR: MGMT_CORE #2201: Unknown element\n",
    config_commands=(),
    exit_commands=("logout", "quit", "exit all"),
    more_prompt="Press Q to quit, Enter to print next line or any other key to print next page.",
    # The context line MD-CLI prints above every prompt.
    status_line="[/]",
    config=template("nokia_sros_mdcli"),
    volatile=_MDCLI_VOLATILE,
)

PROFILES: tuple[Profile, ...] = (
    NOKIA_SROS,
    NOKIA_SROS_MDCLI,
    Profile(
        name="nokia_srlinux",
        priv_prompt="A:{host}# ",
        default_hostname="srlinux",
        disable_command=None,
        motd=("Using configuration file(s): []\nWelcome to the srlinux CLI.\n"
              "Type 'help' (and press <ENTER>) if you need any help using this.\n"),
        reply_patterns=(
            (r"environment cli-engine type (?:basic|advanced)", ""),
            (r"environment complete-on-space (?:true|false)", ""),
            (r"show version", "----------------------------------------------------\n"
                              "Hostname             : {host}\nChassis Type         : 7220 IXR-D2L\n"
                              "Part Number          : 3HE16843AARA01\nSerial Number        : {serial}\n"
                              "System HW MAC Address: 1A:2B:3C:00:00:00\nOS                   : SR Linux\n"
                              "Software Version     : v24.10.1\nBuild Number         : 492-gf8858c5836\n"
                              "Architecture         : x86_64\n"
                              "Last Booted          : 2026-10-15T07:19:27.110Z\n"
                              "Total Memory         : 32069445 kB\nFree Memory          : 20012345 kB\n"
                              "----------------------------------------------------\n"),
            (r"show platform chassis", "-------------------------------------------------------------------\n"
                                       "Type             : 7220 IXR-D2L\nLast Booted      : "
                                       "2026-10-15T07:19:27.110Z\nPart Number      : 3HE16843AARA01\n"
                                       "Serial Number    : {serial}\nOper Status      : up\n"
                                       "-------------------------------------------------------------------\n"),
        ),
        backup_commands=("info from running",),
        error_reply=("Parsing error: Unknown token '{cmd}'. Options are ['#', '/', 'back', 'bash', "
                     "'date', 'diff', 'discard', 'enter', 'environment', 'exit', 'info', 'show', "
                     "'tools', 'tree']\n"),
        config_commands=(),
        exit_commands=("quit", "exit", "logout"),
        more_prompt=":",
        status_line="--{{ running }}--[  ]--",
        config=template("nokia_srlinux"),
    ),
)
