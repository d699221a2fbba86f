"""Realistic per-platform configurations for simulated devices.

:func:`generate` is deterministic from ``(seed, hostname)`` and returns the text together with
every secret value it inserted, so tests can prove that none of them reached storage.  The volatile
lines a real device changes on every fetch (timestamps, counters) are re-randomised per request by
:func:`refresh_volatile`.  Each platform's generator and volatile lines come with its simulator
profile (``Profile.config``, ``Profile.volatile``); this package holds the tools generators are
built from: :class:`SecretBox`, :func:`fill`, :func:`from_template`.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ._build import DESCRIPTIONS, fill, ip
from ._secrets import SecretBox
from .template import Generator, TemplateError, from_template, from_template_file
from .volatile import refresh

if TYPE_CHECKING:  # pragma: no cover
    from ..profiles import Profile

DEFAULT_CONFIG_SIZE = 4096


@dataclass(frozen=True)
class GeneratedConfig:
    """A generated configuration and the exact secret values it contains."""

    text: str
    secrets: tuple[str, ...]


def _profile(platform: str | Profile) -> Profile:
    if isinstance(platform, str):
        from ..profiles import profile_for

        return profile_for(platform)
    return platform


def generate(platform: str | Profile, hostname: str, *, seed: int = 0,
             size: int = DEFAULT_CONFIG_SIZE) -> GeneratedConfig:
    """Generate the configuration of ``hostname`` on ``platform`` (a name or a profile), about
    ``size`` bytes long."""
    profile = _profile(platform)
    if profile.config is None:
        raise ValueError(f"no configuration generator for platform {profile.name!r}")
    rng = random.Random(f"{seed}:{hostname}")
    box = SecretBox(rng)
    text = profile.config(hostname, rng, box, max(size, 0))
    if not text.endswith("\n"):
        text += "\n"
    return GeneratedConfig(text=text, secrets=tuple(box.values))


def refresh_volatile(platform: str | Profile, text: str, rng: random.Random | None = None, *,
                     key: str | None = None) -> str:
    """``text`` with the platform's volatile lines given fresh values (time, counters).

    With ``key`` (the hostname) every call for that device yields different volatile lines.
    """
    return refresh(_profile(platform).volatile, text, rng or random.Random(), key=key)


__all__ = ["DEFAULT_CONFIG_SIZE", "DESCRIPTIONS", "GeneratedConfig", "Generator", "SecretBox",
           "TemplateError", "fill", "from_template", "from_template_file", "generate", "ip",
           "refresh_volatile"]
