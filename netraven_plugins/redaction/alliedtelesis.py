"""Allied Telesis AlliedWare Plus rules beyond the generic Cisco-style ones."""

from __future__ import annotations

from ._syntax import VALUE, rule

AWPLUS = frozenset({"alliedtelesis_awplus"})

RULES = [
    rule(
        "awplus-rip-authentication-string",
        rf"^[ \t]*ip[ \t]+rip[ \t]+authentication[ \t]+string[ \t]+(?P<secret>{VALUE})",
        AWPLUS,
        "RIP authentication string on an interface",
    ),
]
