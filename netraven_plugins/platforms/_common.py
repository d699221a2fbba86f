"""Regex fragments shared by several platform definitions.

Prompt patterns are searched (``re.search``) against the end of a command's output; error,
volatile and completeness patterns are applied with ``re.MULTILINE`` so ``^``/``$`` are line
anchors.
"""

from __future__ import annotations

# host, host(config), host(config-if)#, RP/0/RSP0/CPU0:host#, asa/context#
CISCO_STYLE_PROMPT = r"[\w.\-@/:]{1,80}(?:\([\w.\-]{1,40}\))?[>#]\s*$"

CISCO_ERRORS: tuple[str, ...] = (
    r"^\s*%\s*(?:Invalid|Incomplete|Ambiguous|Unknown|Bad|Permission denied|Authorization failed)",
    r"^\s*%\s*Command (?:incomplete|rejected|authorization failed)",
)

# The first line of `show running-config` on IOS XR (and some NX-OS outputs) is the time of the
# command: "Thu Nov 28 10:00:00.123 UTC".
DATE_LINE = (
    r"^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) +\d{1,2} "
    r"\d{1,2}:\d{2}:\d{2}(?:\.\d+)?(?: \S+)?\s*$"
)

CISCO_VOLATILE: tuple[str, ...] = (
    r"^Building configuration\.\.\.\s*$",
    r"^Current configuration ?: ?\d+ bytes\s*$",
    r"^! Last configuration change at ",
    r"^! NVRAM config last updated at ",
    r"^! No configuration change since last restart",
    r"^ntp clock-period \d+\s*$",
)

MORE = r"-{2,3}\s*\(?[Mm][Oo][Rr][Ee].*?-{2,3}"

# Huawei VRP and HPE Comware/H3C: "<host>" in user view, "[host]" and "[host-GigabitEthernet0/0/1]"
# in system view, "[~host]"/"[*host]" during VRP 8's two-stage commit, and a "HRP_M"/"HRP_S"
# (Huawei firewall hot standby) or "RBM_P"/"RBM_S" (H3C firewall) role in front of either.
VRP_STYLE_PROMPT = (
    r"(?<![^\n])(?:HRP_[MSA]|RBM_[PS])?(?:<[^<>\[\]\n]{1,100}>|\[[~*]?[^<>\[\]\n]{1,120}\])\s*$"
)
