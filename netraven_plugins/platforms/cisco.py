"""Cisco platforms: IOS, IOS XE, NX-OS, IOS XR and ASA."""

from __future__ import annotations

from dataclasses import replace

from netraven_core.models import ContextSpec, EnableSpec, Platform

from ._common import CISCO_ERRORS, CISCO_STYLE_PROMPT, CISCO_VOLATILE, DATE_LINE, MORE

_TERMINAL = ("terminal length 0", "terminal width 511")

_IOS = Platform(
    name="cisco_ios",
    vendor="Cisco",
    description="Cisco IOS (classic) routers and Catalyst switches",
    drivers={
        "ssh": {},
        "netmiko": {"device_type": "cisco_ios"},
        "scrapli": {"platform": "cisco_iosxe"},
    },
    default_driver="ssh",
    prompt_pattern=CISCO_STYLE_PROMPT,
    backup_commands=("show running-config",),
    setup_commands=_TERMINAL,
    enable=EnableSpec(),
    volatile_patterns=CISCO_VOLATILE,
    comment_prefix="!",
    paging_prompt=MORE,
    error_patterns=CISCO_ERRORS,
    completeness_pattern=r"^end\s*$",
    transports=("ssh", "telnet"),
)

PLATFORMS: tuple[Platform, ...] = (
    _IOS,
    # IOS XE speaks IOS's CLI: the same commands, prompts and volatile lines.
    replace(
        _IOS,
        name="cisco_xe",
        description="Cisco IOS XE (Catalyst 9000, ASR 1000, ISR 4000, CSR/C8000v)",
        drivers={**_IOS.drivers, "netmiko": {"device_type": "cisco_xe"}},
    ),
    Platform(
        name="cisco_nxos",
        vendor="Cisco",
        description="Cisco NX-OS (Nexus switches); users log in privileged, no enable",
        drivers={
            "ssh": {},
            "netmiko": {"device_type": "cisco_nxos"},
            "scrapli": {"platform": "cisco_nxos"},
        },
        default_driver="ssh",
        prompt_pattern=CISCO_STYLE_PROMPT,
        backup_commands=("show running-config",),
        setup_commands=_TERMINAL,
        volatile_patterns=(
            r"^!Command: show running-config",
            r"^!Running configuration last done at: ",
            r"^!Time: ",
            r"^!No configuration change since last restart",
            DATE_LINE,
        ),
        comment_prefix="!",
        paging_prompt=MORE,
        error_patterns=CISCO_ERRORS,
        # NX-OS ends its running configuration without an "end" line: no reliable marker.
        completeness_pattern=None,
        transports=("ssh", "telnet"),
    ),
    Platform(
        name="cisco_xr",
        vendor="Cisco",
        description="Cisco IOS XR (ASR 9000, NCS, 8000, XRv); users log in privileged",
        drivers={
            "ssh": {},
            "netmiko": {"device_type": "cisco_xr"},
            "scrapli": {"platform": "cisco_iosxr"},
        },
        default_driver="ssh",
        prompt_pattern=CISCO_STYLE_PROMPT,
        backup_commands=("show running-config",),
        setup_commands=_TERMINAL,
        volatile_patterns=(
            DATE_LINE,
            r"^Building configuration\.\.\.\s*$",
            r"^!! Last configuration change at ",
        ),
        comment_prefix="!",
        paging_prompt=MORE,
        error_patterns=CISCO_ERRORS,
        completeness_pattern=r"^end\s*$",
    ),
    Platform(
        name="cisco_asa",
        vendor="Cisco",
        description="Cisco ASA / Firepower in ASA mode",
        drivers={"ssh": {}, "netmiko": {"device_type": "cisco_asa"}},
        default_driver="ssh",
        prompt_pattern=CISCO_STYLE_PROMPT,
        backup_commands=("show running-config",),
        setup_commands=("terminal pager 0",),
        enable=EnableSpec(),
        volatile_patterns=(
            r"^: Saved\s*$",
            r"^: Written by \S+ at ",
            r"^Cryptochecksum:",
            r"^ntp clock-period \d+\s*$",
        ),
        comment_prefix="!",
        paging_prompt=r"<--- More --->",
        error_patterns=(*CISCO_ERRORS, r"^\s*ERROR: "),
        completeness_pattern=r"^: end\s*$",
        transports=("ssh", "telnet"),
        # Multiple-context mode: the system context's configuration, then each context's
        # ("changeto context X" gives the prompt "asa/X#"). "show context" marks the admin
        # context with "*" and starts its table with a "Context Name" heading.
        contexts=ContextSpec(
            detect_command="show mode",
            detect_pattern=r"mode: multiple",
            list_command="show context",
            item_pattern=r"^[ *](?P<name>[\w.\-]+) +\S",
            enter_commands=("changeto context {name}",),
            leave_commands=("changeto system",),
            header="context: {name}",
        ),
    ),
)
