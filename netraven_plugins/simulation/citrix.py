"""Simulator profile of a Citrix ADC / NetScaler (prompt set to user@host-HA state)."""

from __future__ import annotations

from netraven_core.simulator.profiles import Profile

from .templates import template

PROFILES: tuple[Profile, ...] = (
    Profile(
        name="citrix_adc",
        motd=" Done\n",
        priv_prompt="{user}@{host}-Primary> ",
        unnamed_priv_prompt="> ",
        reply_patterns=(
            (r"set cli mode -page (?:ON|OFF)", " Done\n"),
            (r"show ns version",
             "\tNetScaler NS13.1: Build 51.15.nc, Date: Jan 20 2024, 10:33:40   (64-bit)\n Done\n"),
            (r"show ns hardware", "\tPlatform: NSMPX-8900 8*CPU+4*F1X+6*E1K+1*E1K+1*CVM N3 25190110\n"
                                  "\tManufactured on: 5/12/2022\n\tCPU: 2100MHZ\n"
                                  "\tHost Id: 1234567890\n\tSerial no: {serial}\n Done\n"),
            (r"show ns license", "\tLicense status:\n\t\t\t   Web Logging: YES\n"
                                 "\t\t\t Load Balancing: YES\n\t\t\t   Model Number ID: 8905\n Done\n"),
        ),
        backup_commands=("show ns runningConfig", "show running-config", "show ns ns.conf"),
        error_reply="ERROR: No such command\n",
        more_prompt="--More--",
        config_commands=(),
        disable_command=None,
        exit_commands=("exit", "quit"),
        config=template("citrix_adc"),
    ),
)
