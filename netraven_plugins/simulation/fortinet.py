"""Simulator profile of Fortinet FortiOS (FortiGate)."""

from __future__ import annotations

from netraven_core.simulator.configgen.volatile import VolatileRule
from netraven_core.simulator.profiles import Profile

from .configs import servers as configs

_VOLATILE: tuple[VolatileRule, ...] = (
    (r"^#conf_file_ver=\d+$", lambda m, now, rng: f"#conf_file_ver={rng.randrange(10**15, 10**16)}"),
)

PROFILES: tuple[Profile, ...] = (
    Profile(
        name="fortinet",
        priv_prompt="{host} # ",
        default_hostname="FortiGate-60F",
        telnet=True,  # "set allowaccess ... telnet" on an interface
        login_username_prompt="{host} login: ",
        config_prompt=None,
        reply_patterns=(
            (r"get system status \| grep Virtual", "Virtual domain configuration: disable\n"),
            (r"get system status \| grep Version",
             "Version: FortiGate-VM64 v7.2.8,build1639,240313 (GA.M)\n"),
            (r"get system status", "Version: FortiGate-VM64 v7.2.8,build1639,240313 (GA.M)\n"
                                   "Virtual domain configuration: disable\nHostname: {host}\n"),
            (r"get system console", "mode                : line\nbaudrate            : 9600\n"
                                    "output              : standard\nlogin               : enable\n"),
            (r"config system console|set output (standard|more)|end", ""),
        ),
        backup_commands=("show full-configuration", "show", "show full-configuration | grep .",
                         "show | grep ."),
        error_reply="Unknown action 0\nCommand fail. Return code -1\n",
        more_prompt="--More-- ",
        config_commands=(),
        disable_command=None,
        config=configs.fortios,
        volatile=_VOLATILE,
    ),
)
