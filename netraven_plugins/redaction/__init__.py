"""The built-in redaction rules: generic ones plus one module per vendor family.

Rules are data (:class:`~netraven_core.models.RedactionRule`); :mod:`netraven_core.redact`
applies them.  A plugin replaces a built-in rule by contributing a rule with the same name.
"""

from __future__ import annotations

from netraven_core.hookspecs import hookimpl
from netraven_core.models import RedactionRule

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
    dell,
    edgecore,
    extreme,
    f5,
    fortinet,
    fs,
    generic,
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
    whitebox,
    zyxel,
)

_VENDORS = (cisco, arista, juniper, hp_aruba, fortinet, paloalto, mikrotik, linux, dell, extreme, ruckus,
            nokia, whitebox, vyatta, ubiquiti, checkpoint, f5, citrix, sonicwall, bsd_firewalls,
            cisco_firepower, cisco_wireless, cisco_sb, cisco_sdwan, screenos, huawei, aruba_wireless,
            alliedtelesis, alcatel, zyxel, netgear, tplink, fs, ciena, adtran, nvidia, edgecore, bsd)


def builtin_rules() -> list[RedactionRule]:
    """Every built-in rule: vendor rules first, then the generic ones."""
    return [r for module in _VENDORS for r in module.RULES] + list(generic.RULES)


@hookimpl
def netraven_redaction_rules() -> list[RedactionRule]:
    return builtin_rules()
