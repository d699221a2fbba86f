"""The built-in platform catalogue.

Each vendor family lives in its own module as plain :class:`~netraven_core.models.Platform`
data (``PLATFORMS``); this plugin contributes all of them through ``netraven_platforms``.  A
third-party plugin that returns a platform with the same name replaces the built-in one.
"""

from __future__ import annotations

from netraven_core.hookspecs import hookimpl
from netraven_core.models import Platform

from ..families import family_modules


def builtin_platforms() -> list[Platform]:
    """Every built-in platform definition, in catalogue order."""
    return [p for family in family_modules(__package__) for p in family.PLATFORMS]


@hookimpl
def netraven_platforms() -> list[Platform]:
    return builtin_platforms()
