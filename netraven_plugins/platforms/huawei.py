"""Huawei VRP (CloudEngine / S-series switches, NE / AR routers) and USG / HiSecEngine firewalls."""

from __future__ import annotations

from dataclasses import replace

from netraven_core.models import Platform, Section

from ._common import MORE, VRP_STYLE_PROMPT

# "2026-11-29 09:00:00.123 +00:00" (or "+08:00 DST"): the time VRP prints above command output.
_TIMESTAMP = r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(?:\.\d{1,3})? ?(?:[+-]\d{2}:\d{2})?(?: DST)?\s*$"

_VRP = Platform(
    name="huawei_vrp",
    vendor="Huawei",
    description="Huawei VRP 5/8 (S-series and CloudEngine switches, AR and NE routers)",
    drivers={"ssh": {}, "netmiko": {"device_type": "huawei"}},
    default_driver="ssh",
    prompt_pattern=VRP_STYLE_PROMPT,
    backup_commands=("display current-configuration",),
    setup_commands=("screen-length 0 temporary",),
    volatile_patterns=(
        _TIMESTAMP,
        r"^!Last configuration was (?:updated|saved) at ",
        r"^!Time: ",
    ),
    comment_prefix="#",
    paging_prompt=MORE,
    error_patterns=(
        r"^\s*Error: ?(?:Unrecognized command|Wrong parameter|Incomplete command|Too many parameters|"
        r"Ambiguous command)",
        r"^\s*Error: ",
    ),
    completeness_pattern=r"^return\s*$",
    transports=("ssh", "telnet"),
    sections=(
        Section("version", "display version", (r"(?i)\buptime is\b", _TIMESTAMP)),
        Section("inventory", "display device", (_TIMESTAMP,)),
        # "display device" names the boards but not their serial: the ESN is the chassis serial.
        Section("esn", "display esn"),
    ),
)

PLATFORMS: tuple[Platform, ...] = (
    _VRP,
    # USG firewalls run VRP: the same dialogue; their configuration adds security zones,
    # policies and VPN sections (and HRP_M/HRP_S in the prompt of a hot-standby pair).
    replace(
        _VRP,
        name="huawei_usg",
        description="Huawei USG / HiSecEngine firewalls (USG6000, USG6000E, USG9500; VRP based)",
        sections=(*_VRP.sections, Section("licence", "display license")),
    ),
)
