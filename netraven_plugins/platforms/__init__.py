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
    aruba_wireless,
    bsd,
    bsd_firewalls,
    checkpoint,
    ciena,
    cisco,
    cisco_firepower,
    cisco_sb,
    cisco_sdwan,
    cisco_wireless,
    citrix,
    comware,
    dell,
    edgecore,
    extreme,
    f5,
    fortinet,
    fs,
    hp_aruba,
    huawei,
    juniper,
    linux,
    mikrotik,
    netgear,
    nokia,
    nvidia,
    paloalto,
    ruckus,
    screenos,
    sonicwall,
    tplink,
    ubiquiti,
    vyatta,
    watchguard,
    whitebox,
    zyxel,
)

_FAMILIES = (cisco, arista, juniper, hp_aruba, fortinet, paloalto, mikrotik, linux, dell, extreme, ruckus,
             nokia, whitebox, vyatta, ubiquiti, checkpoint, f5, citrix, sonicwall, watchguard,
             bsd_firewalls, cisco_firepower, cisco_wireless, cisco_sb, cisco_sdwan, screenos, comware,
             aruba_wireless, huawei, alliedtelesis, alcatel, zyxel, netgear, tplink, fs, ciena, adtran,
             nvidia, edgecore, bsd)


def builtin_platforms() -> list[Platform]:
    """Every built-in platform definition, in catalogue order."""
    return [p for family in _FAMILIES for p in family.PLATFORMS]


@hookimpl
def netraven_platforms() -> list[Platform]:
    return builtin_platforms()
