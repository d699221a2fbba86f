"""NVIDIA (Mellanox) Onyx rules; most secrets there are Cisco-like.

Onyx prints some values masked as '********'; those lines are redacted like the others (the
mask is no secret, and a marker in its place changes nothing between fetches).
"""

from __future__ import annotations

from ._syntax import fail_closed, rule

ONYX = frozenset({"mellanox_onyx"})

RULES = [
    rule(
        "onyx-bind-password",
        rf"(?<![\w-])bind-password[ \t]+{fail_closed()}",
        ONYX,
        "LDAP bind password (when not shown as '********')",
    ),
]
