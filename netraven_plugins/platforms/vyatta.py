"""Vyatta-family routers: VyOS and Ubiquiti EdgeOS (EdgeRouter), backed up as set commands."""

from __future__ import annotations

from dataclasses import replace

from netraven_core.models import Platform, Section

from .linux import PLATFORMS as _LINUX

_VYOS = Platform(
    name="vyos",
    vendor="VyOS",
    description="VyOS (1.3, 1.4, 1.5 / rolling); configuration as set commands",
    drivers={"ssh": {}, "netmiko": {"device_type": "vyos"}},
    default_driver="ssh",
    # operational "vyos@vyos:~$ ", configuration "vyos@vyos# " (with "[edit]" above it)
    prompt_pattern=_LINUX[0].prompt_pattern,
    backup_commands=("show configuration commands | no-more",),
    setup_commands=("set terminal length 0", "set terminal width 512"),
    volatile_patterns=(),
    comment_prefix="#",
    paging_prompt=r"^:\s*$|\(END\)|--More--",
    paging_response=" ",
    error_patterns=(
        r"^\s*Invalid command: ",
        r"^\s*Incomplete command: ",
        r"^\s*Configuration path: .* is not valid",
        r"^\S+: .*command not found\s*$",
    ),
    # Sorted set commands: the last one depends on what is configured, nothing marks the end.
    completeness_pattern=None,
    transports=("ssh", "telnet"),
    sections=(
        Section("version", "show version",
                (r"^Uptime:", r"^Boot via:", r"^\s*\d{1,2}:\d{2}:\d{2} up ",
                 r"^(?:Built on|Build UUID|Build commit ID):")),
    ),
)

PLATFORMS: tuple[Platform, ...] = (
    _VYOS,
    # EdgeOS is Vyatta 6.3 underneath: the same prompts, set commands and errors; its op-mode
    # terminal commands have no "set" in front.
    replace(
        _VYOS,
        name="ubiquiti_edgeos",
        vendor="Ubiquiti",
        description="Ubiquiti EdgeRouter (EdgeOS); configuration as set commands",
        drivers={"ssh": {}, "netmiko": {"device_type": "ubiquiti_edgerouter"}},
        setup_commands=("terminal length 0", "terminal width 512"),
        sections=(Section("version", "show version", (r"^Uptime:", r"^\s*\d{1,2}:\d{2}:\d{2} up ")),),
    ),
)
