"""Simulator profile of F5 BIG-IP tmsh (an account whose terminal access is tmsh)."""

from __future__ import annotations

from netraven_core.simulator.profiles import Profile

from .templates import template

PROFILES: tuple[Profile, ...] = (
    Profile(
        name="f5_tmsh",
        motd="Last login: Thu Dec  3 06:00:00 2026 from 192.0.2.50\n",
        priv_prompt="{user}@({host})(cfg-sync In Sync)(Active)(/Common)(tmos)# ",
        default_hostname="bigip1",
        reply_patterns=(
            # netmiko enters tmsh and widens the terminal through bash before disabling the pager.
            (r"tmsh", ""),
            (r'run /util bash -c "stty cols \d+"', ""),
            (r"modify cli preference pager disabled(?: display-threshold \d+)?", ""),
            (r"show sys version", "\nSys::Version\nMain Package\n  Product     BIG-IP\n"
                                  "  Version     17.1.1.3\n  Build       0.0.5\n"
                                  "  Edition     Point Release 3\n"
                                  "  Date        Mon Mar 25 12:00:00 PDT 2024\n\n"),
            (r"show sys hardware", "Sys::Hardware\nChassis Information\n  Chassis Name  BIG-IP i5800\n"
                                   "  Type          D116\n  Serial        {serial}\n"
                                   "Chassis Fan Status\n  Index  Status  Low Limit  Fan Speed\n"
                                   "  1      up      3000       9180\n"),
            (r"show sys license", "Sys::License\nLicensed Version    17.1.1\n"
                                  "Registration key    ABCDE-FGHIJ-KLMNO-PQRST-UVWXYZA\n"),
        ),
        backup_commands=("show running-config recursive", "show running-config", "list"),
        error_reply='Syntax Error: "{cmd}" unknown property\n',
        more_prompt="---(less {pct}%)---",
        config_commands=(),
        disable_command=None,
        exit_commands=("exit", "quit"),
        config=template("f5_tmsh"),
    ),
)
