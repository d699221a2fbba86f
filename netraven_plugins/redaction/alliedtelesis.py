"""Allied Telesis AlliedWare Plus rules beyond the generic Cisco-style ones."""

from __future__ import annotations

from ._syntax import fail_closed, rule

AWPLUS = frozenset({"alliedtelesis_awplus"})

RULES = [
    rule(
        "awplus-rip-authentication-string",
        rf"^[ \t]*ip[ \t]+rip[ \t]+authentication[ \t]+string[ \t]+{fail_closed()}",
        AWPLUS,
        "RIP authentication string on an interface",
    ),
]
