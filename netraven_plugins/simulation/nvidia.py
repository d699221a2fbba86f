"""Simulator profile of NVIDIA (Mellanox) Onyx switches."""

from __future__ import annotations

from pathlib import Path

from netraven_core.simulator.configgen import from_template_file
from netraven_core.simulator.configgen.volatile import VolatileRule
from netraven_core.simulator.profiles import Profile

_TEMPLATES = Path(__file__).parent / "templates"

_VERSION = (
    "Product name:      Onyx\n"
    "Product release:   3.10.4006\n"
    "Build ID:          #1-dev\n"
    "Build date:        2024-05-21 14:30:22\n"
    "Target arch:       x86_64\n"
    "Target hw:         x86_64\n"
    "Built by:          sw-r2d2-bot@fit-build-116\n"
    "Version summary:   X86_64 3.10.4006 2024-05-21 14:30:22 x86_64\n\n"
    "Product model:     x86onie\n"
    "Host ID:           0C42A1112233\n"
    "System serial num: {serial}\n"
    "System UUID:       1f2e3d4c-5b6a-7980-1a2b-3c4d5e6f7a8b\n\n"
    "Uptime:            {up_days}d {up_hours}h {up_minutes}m {up_seconds}.130s\n"
    "CPU load averages: 0.11 / 0.14 / 0.10\n"
    "Number of CPUs:    4\n"
    "System memory:     2786 MB used / 5203 MB free / 7989 MB total\n"
    "Swap:              0 MB used / 0 MB free / 0 MB total\n"
)
_INVENTORY = (
    "-----------------------------------------------------------------------\n"
    "Module  Part Number        Serial Number      Asic Rev.  HW Rev.\n"
    "-----------------------------------------------------------------------\n"
    "MGMT    MSN2410-CB2F       {serial}        0          A2\n"
    "FAN1    MTEF-FANF-A        MT2212X05678       N/A        A1\n"
    "PS1     MTEF-PSF-AC-A      MT2212X09012       N/A        A2\n"
)
_VOLATILE: tuple[VolatileRule, ...] = (
    (r"^## Generated at .*$", lambda m, now, rng: f"## Generated at {now:%Y/%m/%d %H:%M:%S} +0000"),
)

PROFILES: tuple[Profile, ...] = (
    Profile(
        name="mellanox_onyx",
        # A real admin login lands at "... >" and "enable" asks no password; the simulator (whose
        # enable always asks for one) serves the login privileged, and "enable" is a no-op.
        priv_prompt="{host} [standalone: master] # ",
        config_prompt="{host} [standalone: master] (config) # ",
        default_hostname="switch-a1b2c3",
        motd="\nNVIDIA Onyx Switch Management\n\n",
        reply_patterns=(
            (r"no cli session paging enable", ""),
            (r"terminal width \d+", ""),
            (r"terminal length \d+", ""),
            (r"enable", ""),
            (r"show version", _VERSION),
            (r"show inventory", _INVENTORY),
        ),
        backup_commands=("show running-config",),
        error_reply="% Unrecognized command \"{cmd}\".\nType \"?\" for help.\n",
        disable_command=None,
        config_commands=("configure terminal", "config terminal", "config term"),
        config_exit_commands=("exit",),
        more_prompt="lines {start}-{end} ",
        config=from_template_file(_TEMPLATES / "mellanox_onyx.cfg"),
        volatile=_VOLATILE,
    ),
)
