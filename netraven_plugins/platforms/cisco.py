"""Cisco platforms: IOS, IOS XE, NX-OS, IOS XR and ASA."""

from __future__ import annotations

from dataclasses import replace

from netraven_core.models import ContextSpec, EnableSpec, Platform, Section

from ._common import CISCO_ERRORS, CISCO_STYLE_PROMPT, CISCO_VOLATILE, DATE_LINE, MORE

_TERMINAL = ("terminal length 0", "terminal width 511")

# Lines of "show version" that change without any change to the device: its uptime, and when
# and why it last started.  The configuration register, images and memory sizes are kept.
_IOS_VERSION_VOLATILE = (
    r" uptime is ",
    r"^Uptime for this control processor is ",
    r"^System returned to ROM by ",
    r"^System restarted at ",
    r"^Last reload (?:reason|type)\s*:",
    r"^Switch [Uu]ptime\s*:",
)
_INVENTORY = Section("inventory", "show inventory")
_IOS_SECTIONS = (Section("version", "show version", _IOS_VERSION_VOLATILE), _INVENTORY)

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
    sections=_IOS_SECTIONS,
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
        sections=(
            # After the software and hardware blocks NX-OS prints the kernel uptime and the last
            # reset (time, reason, the version then running): none of it is a device change.
            Section("version", "show version", (
                r"^\s*Kernel uptime is ",
                r"^\s*Last reset",
                r"^\s*Reason: ",
                r"^\s*System version: ",
                r"^\s*Service: ",
                DATE_LINE,
            )),
            _INVENTORY,
        ),
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
        sections=(
            # XR prints the time of the command above every output.
            Section("version", "show version", (DATE_LINE, r" uptime is ")),
            Section("inventory", "show inventory", (DATE_LINE,)),
        ),
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
        sections=(
            # "asa1 up 12 days 3 hours", "failover cluster up 12 days 3 hours", the start-up
            # time and the last configuration write change without a device change.
            Section("version", "show version", (
                r"^\S+ up \d+ (?:days?|hours?|mins?|secs?)\b",
                r"^failover cluster up ",
                r"^Start-up time ",
                r"^Configuration last modified by ",
            )),
            _INVENTORY,
        ),
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
