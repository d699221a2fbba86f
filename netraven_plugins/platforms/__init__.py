"""The built-in platform catalogue.

Each vendor family lives in its own module as plain :class:`~netraven_core.models.Platform`
data (``PLATFORMS``); this plugin contributes all of them through ``netraven_platforms``.  A
third-party plugin that returns a platform with the same name replaces the built-in one.
"""

from __future__ import annotations

from netraven_core.hookspecs import hookimpl
from netraven_core.models import Platform

from . import (
    adtran,
    alcatel,
    alliedtelesis,
    arista,
    bsd,
    ciena,
    cisco,
    edgecore,
    fortinet,
    fs,
    hp_aruba,
    juniper,
    linux,
    mikrotik,
    netgear,
    nvidia,
    paloalto,
    sophos,
    tplink,
    zyxel,
)

_FAMILIES = (cisco, arista, juniper, hp_aruba, fortinet, paloalto, mikrotik, linux,
             alliedtelesis, alcatel, zyxel, netgear, tplink, fs, ciena, adtran, nvidia, edgecore,
             sophos, bsd)


def builtin_platforms() -> list[Platform]:
    """Every built-in platform definition, in catalogue order."""
    return [p for family in _FAMILIES for p in family.PLATFORMS]


@hookimpl
def netraven_platforms() -> list[Platform]:
    return builtin_platforms()
