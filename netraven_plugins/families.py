"""The vendor families of the built-in plugins, in catalogue order.

The platform catalogue, the redaction rules and the simulator profiles each keep one module per
family under the same name (``platforms/huawei.py``, ``redaction/huawei.py``,
``simulation/huawei.py``); this list is the one place that names and orders them.  A package may
leave a family out (Comware's secret syntaxes are Huawei's, so ``redaction/`` has no ``comware``).
"""

from __future__ import annotations

import importlib
import importlib.util
from types import ModuleType

FAMILIES = (
    "cisco", "arista", "juniper", "hp_aruba", "fortinet", "paloalto", "mikrotik", "linux", "dell",
    "extreme", "ruckus", "nokia", "whitebox", "vyatta", "ubiquiti", "checkpoint", "f5", "citrix",
    "sonicwall", "watchguard", "bsd_firewalls", "cisco_firepower", "cisco_wireless", "cisco_sb",
    "cisco_sdwan", "screenos", "comware", "aruba_wireless", "huawei", "alliedtelesis", "alcatel",
    "zyxel", "netgear", "tplink", "fs", "ciena", "adtran", "nvidia", "edgecore", "bsd",
)


def family_modules(package: str) -> list[ModuleType]:
    """The family modules ``package`` has, imported, in catalogue order."""
    names = (f"{package}.{family}" for family in FAMILIES)
    return [importlib.import_module(name) for name in names if importlib.util.find_spec(name) is not None]
