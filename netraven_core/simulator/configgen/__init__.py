"""Realistic per-platform configurations for simulated devices.

:func:`generate` is deterministic from ``(seed, hostname)`` and returns the text together with
every secret value it inserted, so tests can prove that none of them reached storage.  The volatile
lines a real device changes on every fetch (timestamps, counters) are re-randomised per request by
:func:`refresh_volatile`.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

from . import cisco, network, servers, volatile
from ._secrets import SecretBox

DEFAULT_CONFIG_SIZE = 4096


@dataclass(frozen=True)
class GeneratedConfig:
    """A generated configuration and the exact secret values it contains."""

    text: str
    secrets: tuple[str, ...]


Generator = Callable[[str, random.Random, SecretBox, int], str]

GENERATORS: dict[str, Generator] = {
    "cisco_ios": cisco.ios,
    "cisco_xe": cisco.iosxe,
    "cisco_nxos": cisco.nxos,
    "cisco_xr": cisco.iosxr,
    "cisco_asa": cisco.asa,
    "arista_eos": network.eos,
    "juniper_junos": network.junos,
    "hp_procurve": network.procurve,
    "aruba_aoscx": network.aoscx,
    "fortinet": servers.fortios,
    "paloalto_panos": servers.panos,
    "mikrotik_routeros": servers.routeros,
    "linux": servers.linux_interfaces,
}


def generate(platform: str, hostname: str, *, seed: int = 0,
             size: int = DEFAULT_CONFIG_SIZE) -> GeneratedConfig:
    """Generate the configuration of ``hostname`` on ``platform``, about ``size`` bytes long."""
    try:
        gen = GENERATORS[platform]
    except KeyError:
        raise ValueError(f"no configuration generator for platform {platform!r}") from None
    rng = random.Random(f"{seed}:{hostname}")
    box = SecretBox(rng)
    text = gen(hostname, rng, box, max(size, 0))
    if not text.endswith("\n"):
        text += "\n"
    return GeneratedConfig(text=text, secrets=tuple(box.values))


def refresh_volatile(platform: str, text: str, rng: random.Random | None = None, *,
                     key: str | None = None) -> str:
    """``text`` with the platform's volatile lines given fresh values (time, counters).

    With ``key`` (the hostname) every call for that device yields different volatile lines.
    """
    return volatile.refresh(platform, text, rng or random.Random(), key=key)


__all__ = ["DEFAULT_CONFIG_SIZE", "GENERATORS", "GeneratedConfig", "generate", "refresh_volatile"]
