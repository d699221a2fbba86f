"""Simulator profile of Arista EOS."""

from __future__ import annotations

from netraven_core.simulator.configgen.volatile import VolatileRule, uptime
from netraven_core.simulator.profiles import Profile

from .configs import network as configs

_VOLATILE: tuple[VolatileRule, ...] = (
    (r"^! device: (\S+) \(([^,]*, EOS-[^,)]*)(?:, uptime [^)]*)?\)$",
     lambda m, now, rng: f"! device: {m.group(1)} ({m.group(2)}, uptime {uptime(now)})"),
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
            (r"show version", "Arista DCS-7050SX3-48YC8\nSoftware image version: 4.31.2F\n"),
        ),
        backup_commands=("show running-config", "show running-config sanitized", "show startup-config"),
        backup_requires_privilege=True,
        privilege_required_reply="% Invalid input (privileged mode required)\n",
        error_reply="% Invalid input\n",
        config=configs.eos,
        volatile=_VOLATILE,
    ),
)
