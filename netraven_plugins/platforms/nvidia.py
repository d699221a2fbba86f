"""NVIDIA (Mellanox) Onyx / MLNX-OS Ethernet switches (SN2000, SN3000, SN4000 series)."""

from __future__ import annotations

from netraven_core.models import EnableSpec, Platform, Section

PLATFORMS: tuple[Platform, ...] = (
    Platform(
        name="mellanox_onyx",
        vendor="NVIDIA",
        description="NVIDIA/Mellanox Onyx (MLNX-OS); the HA role in the prompt flips on failover",
        drivers={"ssh": {}, "netmiko": {"device_type": "mellanox_mlnxos"}},
        default_driver="ssh",
        # "sw1 [standalone: master] > ", "sw1 [mlag-dom: standby] # ",
        # "sw1 [standalone: master] (config interface ethernet 1/1) # "
        prompt_pattern=(r"[\w.\-]{1,64} \[[\w.\-]{1,64}: [\w\-]{1,20}\] "
                        r"(?:\(config[^)\n]{0,80}\) )?[>#]\s*$"),
        backup_commands=("show running-config",),
        setup_commands=("no cli session paging enable",),
        # "enable" asks no password on Onyx; the prompt's last character tells the mode.
        enable=EnableSpec(),
        volatile_patterns=(r"^## Generated at ",),
        comment_prefix="##",
        paging_prompt=r"lines \d+-\d+(?:/\d+)?(?: \(END\))?",
        error_patterns=(r"^%\s*(?:Unrecognized|Incomplete|Ambiguous) ", r"^%\s*Invalid "),
        completeness_pattern=None,
        sections=(
            Section("version", "show version", (
                r"^\s*Uptime:", r"^\s*CPU load averages:", r"^\s*System memory:", r"^\s*Swap:",
            )),
            Section("inventory", "show inventory"),
        ),
    ),
)
