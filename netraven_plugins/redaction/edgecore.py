"""Edgecore ECS rules beyond the generic Cisco-style ones."""

from __future__ import annotations

from ._syntax import fail_closed, rule

ECS = frozenset({"edgecore"})

RULES = [
    rule(
        "ecs-snmp-host-community",
        # "snmp-server host 10.0.0.1 [inform [retry N] [timeout N]] COMMUNITY version 2c ..."
        rf"^[ \t]*snmp-server[ \t]+host[ \t]+\S+(?:[ \t]+inform(?:[ \t]+(?:retry|timeout)[ \t]+\d+)*)?"
        rf"[ \t]+{fail_closed('version|udp-port')}",
        ECS,
        "community of a notification host",
    ),
]
