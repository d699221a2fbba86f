"""Cisco SD-WAN (Viptela OS): vEdge routers and the vSmart / vBond controllers."""

from __future__ import annotations

from netraven_core.models import Platform, Section

PLATFORMS: tuple[Platform, ...] = (
    Platform(
        name="cisco_viptela",
        vendor="Cisco",
        description="Cisco SD-WAN Viptela OS (vEdge 100/1000/2000/5000, vEdge Cloud, vSmart, vBond)",
        drivers={"ssh": {}, "netmiko": {"device_type": "cisco_viptela"}},
        default_driver="ssh",
        # ConfD C-style CLI: "vedge1#", "vsmart(config)#", "vedge1(config-interface-ge0/0)#".
        prompt_pattern=r"(?<![^\n])[\w.\-]{1,63}(?:\([\w.\-/:]{1,60}\))?[#>] ?\s*$",
        backup_commands=("show running-config",),
        setup_commands=("paginate false", "screen-length 0", "screen-width 512"),
        volatile_patterns=(),
        comment_prefix="!",
        paging_prompt=r"--More--|\(END\)",
        error_patterns=(
            r"^\s*syntax error: ",
            r"^\s*Error: ",
            r"^\s*Aborted: ",
        ),
        completeness_pattern=None,
        sections=(
            Section("version", "show version"),
            Section("inventory", "show hardware inventory"),
        ),
    ),
)
