"""Simulator profile of Juniper Junos."""

from __future__ import annotations

from netraven_core.simulator.configgen.volatile import VolatileRule
from netraven_core.simulator.profiles import Profile

from .configs import network as configs

_VOLATILE: tuple[VolatileRule, ...] = (
    (r"^## Last commit: .*$", lambda m, now, rng: f"## Last commit: {now:%Y-%m-%d %H:%M:%S} UTC by admin"),
)

_HARDWARE = (
    "Hardware inventory:\n"
    "Item             Version  Part number  Serial number     Description\n"
    "Chassis                                {serial}      JNP204 [MX204]\n"
    "Midplane         REV 27   750-069579   CAKP5722          JNP204 [MX204]\n"
    "PEM 0            REV 10   740-069994   1EDL9360106       JPSU-650W-AC-AFO\n"
    "Routing Engine 0          BUILTIN      BUILTIN           RE-S-1600x8\n"
    "CB 0             REV 27   750-069579   CAKP5722          JNP204 [MX204]\n"
    "FPC 0                     BUILTIN      BUILTIN           MPC-BUILTIN\n"
    "  PIC 0                   BUILTIN      BUILTIN           4XQSFP28 PIC\n"
    "    Xcvr 0       REV 01   740-061405   {module_serial}       QSFP-100GBASE-SR4\n"
    "Fan Tray 0       REV 03   760-103081   ACFB1633          Fan Tray, Front to Back Airflow - AFO\n"
)

PROFILES: tuple[Profile, ...] = (
    Profile(
        name="juniper_junos",
        priv_prompt="{user}@{host}> ",
        config_prompt="{user}@{host}# ",
        # No host-name configured: "admin> "; in a chassis cluster "{primary:node0}" above it.
        unnamed_priv_prompt="{user}> ",
        status_line="{{{role}:{node}}}",
        telnet=True,  # "set system services telnet"
        login_username_prompt="login: ",
        reply_patterns=(
            (r"set cli screen-width (\d+)", "Screen width set to {0}\n"),
            (r"set cli screen-length (\d+)", "Screen length set to {0}\n"),
            (r"set cli complete-on-space off", "Disabling complete-on-space\n"),
            (r"set cli complete-on-space on", "Enabling complete-on-space\n"),
            (r"show version", "Hostname: {host}\nModel: mx204\nJunos: 22.4R3-S2.11\n"
                              "JUNOS OS Kernel 64-bit  [20231207.5e6b6d8_builder_stable_12_224]\n"
                              "JUNOS OS libs [20231207.5e6b6d8_builder_stable_12_224]\n"
                              "JUNOS py base [20231207.1a8c8a4_builder_junos_224_r3_s2]\n"),
            (r"show chassis hardware", _HARDWARE),
        ),
        backup_commands=("show configuration",),
        error_reply="                    ^\nunknown command.\n",
        config_commands=("configure", "edit", "configure private"),
        config_exit_commands=("exit", "quit", "exit configuration-mode"),
        disable_command=None,
        more_prompt="---(more {pct}%)---",
        config=configs.junos,
        volatile=_VOLATILE,
    ),
)
