"""Simulator profiles of the built-in platforms, one module per vendor family (as in
:mod:`netraven_plugins.platforms`), contributed through ``netraven_simulator_profiles``.

Each :class:`~netraven_core.simulator.profiles.Profile` carries the platform's CLI behaviour and
the generator of the configuration its simulated devices serve (``configs/``).  A plugin that
returns a profile with the same name replaces the built-in one.
"""

from __future__ import annotations

from netraven_core.hookspecs import hookimpl
from netraven_core.simulator.profiles import Profile

from ..families import family_modules


def builtin_profiles() -> list[Profile]:
    """Every built-in simulator profile, in catalogue order."""
    return [p for family in family_modules(__package__) for p in family.PROFILES]


@hookimpl
def netraven_simulator_profiles() -> list[Profile]:
    return builtin_profiles()
