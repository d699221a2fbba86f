"""Simulator profile of Arista EOS."""

from __future__ import annotations

from netraven_core.simulator.configgen.volatile import VolatileRule, uptime
from netraven_core.simulator.profiles import Profile

from .configs import network as configs

_VOLATILE: tuple[VolatileRule, ...] = (
    (r"^! device: (\S+) \(([^,]*, EOS-[^,)]*)(?:, uptime [^)]*)?\)$",
     lambda m, now, rng: f"! device: {m.group(1)} ({m.group(2)}, uptime {uptime(now)})"),
)

# Facts and moving values: see netraven_core.simulator.facts.
_VERSION = (
    "Arista DCS-7050SX3-48YC8\n"
    "Hardware version: 12.00\n"
    "Serial number: {serial}\n"
    "Hardware MAC address: {mac}\n"
    "System MAC address: {mac}\n\n"
    "Software image version: 4.31.2F\n"
    "Architecture: x86_64\n"
    "Internal build version: 4.31.2F-35208371.4312F\n"
    "Internal build ID: 7f1c7f9a-7e3b-4a0e-9d5c-0c3e9b6e3b1f\n"
    "Image format version: 3.0\n"
    "Image optimization: Strata-4GB\n\n"
    "Uptime: {uptime}\n"
    "Total memory: 8099732 kB\n"
    "Free memory: {free_kb} kB\n"
)
_INVENTORY = (
    "System information\n"
    "  Model                    Description\n"
    "  ------------------------ ----------------------------------------------------\n"
    "  DCS-7050SX3-48YC8        48x25GbE SFP & 8x100GbE QSFP switch\n\n"
    "  HW Version  Serial Number  Mfg Date    Epoch\n"
    "  ----------- -------------- ----------- -----\n"
    "  12.00       {serial}    2021-03-09  01.00\n\n"
    "System has 2 power supply slots\n"
    "  Slot Model            Serial Number\n"
    "  ---- ---------------- ----------------\n"
    "  1    PWR-500AC-R      {module_serial}\n"
    "  2    PWR-500AC-R      EEWT2150B2K\n"
)

PROFILES: tuple[Profile, ...] = (
    Profile(
        name="arista_eos",
        user_prompt="{host}>",
        priv_prompt="{host}#",
        default_hostname="localhost",
        telnet=True,  # "management telnet / no shutdown"
        login_username_prompt="{host} login: ",
        config_prompt="{host}(config)#",
        enable_command="enable",
        reply_patterns=(
            (r"terminal width (\d+)", "Width set to {0} columns.\n"),
            (r"terminal length 0", "Pagination disabled.\n"),
            (r"terminal length (\d+)", "Pagination set to {0} lines.\n"),
            (r"show version", _VERSION),
            (r"show inventory", _INVENTORY),
        ),
        backup_commands=("show running-config", "show running-config sanitized", "show startup-config"),
        backup_requires_privilege=True,
        privilege_required_reply="% Invalid input (privileged mode required)\n",
        error_reply="% Invalid input\n",
        config=configs.eos,
        volatile=_VOLATILE,
    ),
)
