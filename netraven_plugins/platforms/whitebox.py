"""Open network operating systems on white-box switches: Cumulus Linux (NVUE) and SONiC.

Both log in to a bash shell, so they share the ``linux`` platform's dialogue (prompt, shell
errors) and differ in the command that prints the configuration.
"""

from __future__ import annotations

from dataclasses import replace

from netraven_core.models import Section

from .linux import PLATFORMS as _LINUX

_SHELL = _LINUX[0]
_CLICK_ERRORS = (r"^Error: No such (?:command|option)", r"^Usage: \S+ \[OPTIONS\]")

PLATFORMS = (
    replace(
        _SHELL,
        name="cumulus_nvue",
        vendor="NVIDIA",
        description="NVIDIA Cumulus Linux 5.x managed with NVUE; the backup is the applied "
        "configuration as nv set commands",
        drivers={"ssh": {}, "netmiko": {"device_type": "cumulus_linux"}},
        # "cumulus@leaf01:mgmt:~$ ": the shell runs in the management VRF.
        backup_commands=("nv config show -o commands",),
        error_patterns=(*_SHELL.error_patterns, r"^Error: ", r"^Invalid config", *_CLICK_ERRORS),
        # One "nv set" command per line, in model order: nothing marks the end.
        completeness_pattern=None,
        sections=(
            Section("version", "nv show system", (r"(?i)^\s*(?:uptime|date-time|timezone)\s",)),
            Section("inventory", "nv show platform", (r"(?i)^\s*(?:uptime|date-time)\s",)),
        ),
    ),
    replace(
        _SHELL,
        name="sonic",
        vendor="SONiC",
        description="SONiC (community, Dell Enterprise SONiC, Edgecore); the backup is the running "
        "CONFIG_DB as JSON",
        # netmiko has no SONiC device type; its generic Linux shell driver works on SONiC's bash.
        drivers={"ssh": {}, "netmiko": {"device_type": "linux"}},
        backup_commands=("show runningconfiguration all",),
        error_patterns=(*_SHELL.error_patterns, *_CLICK_ERRORS, r"^Error: "),
        completeness_pattern=r"^\}\s*$",
        sections=(
            Section("version", "show version",
                    (r"^Uptime: ", r"^Date: ", r"^\s*\d{2}:\d{2}:\d{2} up ")),
            Section("inventory", "show platform syseeprom"),
        ),
    ),
)
