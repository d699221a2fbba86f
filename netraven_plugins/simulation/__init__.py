"""Simulator profiles of the built-in platforms, one module per vendor family (as in
:mod:`netraven_plugins.platforms`), contributed through ``netraven_simulator_profiles``.

Each :class:`~netraven_core.simulator.profiles.Profile` carries the platform's CLI behaviour and
the generator of the configuration its simulated devices serve (``configs/``).  A plugin that
returns a profile with the same name replaces the built-in one.
"""

from __future__ import annotations

from netraven_core.hookspecs import hookimpl
from netraven_core.simulator.profiles import Profile

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


def builtin_profiles() -> list[Profile]:
    """Every built-in simulator profile, in catalogue order."""
    return [p for family in _FAMILIES for p in family.PROFILES]


@hookimpl
def netraven_simulator_profiles() -> list[Profile]:
    return builtin_profiles()
