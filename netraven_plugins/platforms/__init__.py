"""The built-in platform catalogue.

Each vendor family lives in its own module as plain :class:`~netraven_core.models.Platform`
data (``PLATFORMS``); this plugin contributes all of them through ``netraven_platforms``.  A
third-party plugin that returns a platform with the same name replaces the built-in one.
"""

from __future__ import annotations

from netraven_core.hookspecs import hookimpl
from netraven_core.models import Platform

from . import (
    arista,
    aruba_wireless,
    bsd_firewalls,
    checkpoint,
    cisco,
    cisco_firepower,
    cisco_sb,
    cisco_sdwan,
    cisco_wireless,
    citrix,
    comware,
    dell,
    extreme,
    f5,
    fortinet,
    hp_aruba,
    huawei,
    juniper,
    linux,
    mikrotik,
    nokia,
    paloalto,
    ruckus,
    screenos,
    sonicwall,
    ubiquiti,
    vyatta,
    watchguard,
    whitebox,
)

_FAMILIES = (cisco, arista, juniper, hp_aruba, fortinet, paloalto, mikrotik, linux, dell, extreme, ruckus,
             nokia, whitebox, vyatta, ubiquiti, checkpoint, f5, citrix, sonicwall, watchguard,
             bsd_firewalls, cisco_firepower, cisco_wireless, cisco_sb, cisco_sdwan, screenos, comware,
             aruba_wireless, huawei)


def builtin_platforms() -> list[Platform]:
    """Every built-in platform definition, in catalogue order."""
    return [p for family in _FAMILIES for p in family.PLATFORMS]


@hookimpl
def netraven_platforms() -> list[Platform]:
    return builtin_platforms()
