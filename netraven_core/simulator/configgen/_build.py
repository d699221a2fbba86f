"""Assembling a configuration of a chosen size from a head, repeated sections and a tail."""

from __future__ import annotations

from collections.abc import Callable


def fill(head: list[str], section: Callable[[int], list[str]], tail: list[str], size: int) -> str:
    """``head`` + as many ``section(i)`` as needed to reach ``size`` bytes (at least one) + ``tail``."""
    lines = list(head)
    current = sum(len(line) + 1 for line in head) + sum(len(line) + 1 for line in tail)
    i = 0
    while i == 0 or current < size:
        part = section(i)
        lines.extend(part)
        current += sum(len(line) + 1 for line in part)
        i += 1
    lines.extend(tail)
    return "\n".join(lines) + "\n"


def ip(rng_index: int, base: str = "10") -> str:
    """A stable private address for section ``rng_index``."""
    return f"{base}.{(rng_index // 250) % 250 + 1}.{rng_index % 250 + 1}.1"


DESCRIPTIONS = (
    "uplink to core", "server rack A", "printer floor 2", "wifi AP", "voice gateway",
    "camera segment", "storage network", "firewall inside", "lab bench", "building B trunk",
)
