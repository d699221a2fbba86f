"""Simulator profile of Check Point Gaia clish."""

from __future__ import annotations

from netraven_core.simulator.profiles import Profile

from .templates import template


def _exported(m, now, rng) -> str:  # type: ignore[no-untyped-def]
    return f"# Exported by admin on {now:%a %b} {now.day:2d} {now:%H:%M:%S %Y}"


PROFILES: tuple[Profile, ...] = (
    Profile(
        name="checkpoint_gaia",
        motd="This system is for authorized use only.\nIn order to configure your system, please access "
             "the Web UI and finish the First Time Wizard.\n",
        priv_prompt="{host}> ",
        default_hostname="gw-5d6f0c",
        reply_patterns=(
            (r"set clienv rows \d+", ""),
            (r"show version all", "Product version Check Point Gaia R81.20\nOS build 631\n"
                                  "OS kernel version 3.10.0-957.21.3cpx86_64\nOS edition 64-bit\n"),
            (r"show asset all", "Platform: QM-30-00\nModel: Check Point 6600\nSerial Number: {serial}\n"
                                "CPU Model: Intel(R) Xeon(R) CPU E3-1285L v4\nNumber of Cores: 8\n"
                                "Memory: 32 GB\n"),
        ),
        backup_commands=("show configuration",),
        error_reply="CLINFR0329  Invalid command:'{cmd}'.\n",
        more_prompt="-- More --",
        config_commands=(),
        disable_command=None,
        config=template("checkpoint_gaia"),
        volatile=((r"^# Exported by \S+ on .*$", _exported),),
    ),
)
