"""Simulator profile of Ruckus FastIron (ICX)."""

from __future__ import annotations

from netraven_core.simulator.profiles import Profile

from .templates import template

_INVALID = "Invalid input -> {cmd}\nType ? for a list\n"

PROFILES: tuple[Profile, ...] = (
    Profile(
        name="ruckus_fastiron",
        user_prompt="SSH@{host}>",
        priv_prompt="SSH@{host}#",
        config_prompt="SSH@{host}(config)#",
        enable_command="enable",
        enable_password_prompt="Password:",  # noqa: S106 - a prompt, not a secret
        enable_failure="Error - Incorrect username or password.\n",
        disable_command="exit",
        default_hostname="ICX7150-48P Router",
        reply_patterns=(
            (r"skip-page-display", "Disable page display mode\n"),
            (r"page-display", "Enable page display mode\n"),
            (r"terminal length \d+", ""),
            (r"show version", "  Copyright (c) Ruckus Networks, Inc. All rights reserved.\n"
                              "    UNIT 1: compiled on Mar 14 2023 at 02:17:11 labeled as SPR08095p\n"
                              "      (33554432 bytes) from Primary SPR08095p.bin (UFI)\n"
                              "        SW: Version 08.0.95pT213\n"
                              "  Compressed Boot-Monitor Image size = 786944, "
                              "Version:10.1.24T225 (mnz10124)\n"
                              "  HW: Stackable ICX7150-48P-4X1G\n"
                              "==========================================================================\n"
                              "UNIT 1: SL 1: ICX7150-48P-4X1G 48-port Management Module\n"
                              "         Serial  #:{serial}\n"
                              "==========================================================================\n"
                              "  The system uptime is {up_days} days {up_hours} hours {up_minutes} "
                              "minutes {up_seconds} seconds\n"
                              "  The system started at 07:19:27 GMT+00 Wed Oct 15 2026\n"),
            (r"show module", "       Module                                  Status   Ports  Starting MAC\n"
                             "U1:M1 ICX7150-48P POE 48-port Management Module OK     48     cc4e.2401.0100\n"
                             "U1:M2 ICX7150-2X1G 2-port 2G Module               OK     2      "
                             "cc4e.2401.0131\n"),
            (r"show media(?: \| exclude EMPTY)?",
             " Port   1/1/1:  Type  : 1G M-C (Gig-Copper)\n Port   1/3/1:  Type  : 10GE SR 300m (SFP +)\n"
             "                Vendor: RUCKUS           Version: A\n"
             "                Part# : 57-0000075-01    Serial#: AAA318260000123\n"),
            (r"show stack(?: \| exclude T=)?",
             "alone: standalone, D: dynamic config, S: static config\n"
             "ID   Type           Role    Mac Address    Pri State   Comment\n"
             "1  S ICX7150-48P    alone   cc4e.2401.0100   0 local   Ready\n"),
        ),
        backup_commands=("show running-config",),
        backup_requires_privilege=True,
        privilege_required_reply=_INVALID,
        error_reply=_INVALID,
        config_commands=("configure terminal", "conf t"),
        exit_commands=("exit", "logout", "quit"),
        more_prompt="--More--, next page: Space, next line: Return key, quit: Control-c",
        telnet=True,
        config=template("ruckus_fastiron"),
    ),
)
