"""NetBox devices -> NetRaven device records.

A NetBox platform slug is mapped to a NetRaven platform through ``PLATFORM_MAP`` (the slugs
NetBox's device-type library and common installations use), extended or overridden by the
user's ``platforms:``; a slug that is itself a NetRaven platform name (``cisco_ios``, or
``cisco-ios`` with dashes) maps to it without an entry.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from netraven_core.inventory.fields import normalise_tag

PLATFORM_MAP: dict[str, str] = {
    "ios": "cisco_ios", "cisco-ios": "cisco_ios", "ios-xe": "cisco_xe", "cisco-ios-xe": "cisco_xe",
    "iosxe": "cisco_xe", "ios-xr": "cisco_xr", "cisco-ios-xr": "cisco_xr", "iosxr": "cisco_xr",
    "nxos": "cisco_nxos", "nx-os": "cisco_nxos", "cisco-nx-os": "cisco_nxos", "cisco-nxos": "cisco_nxos",
    "asa": "cisco_asa", "cisco-asa": "cisco_asa", "junos": "juniper_junos", "juniper-junos": "juniper_junos",
    "eos": "arista_eos", "arista-eos": "arista_eos", "fortios": "fortinet", "fortinet-fortios": "fortinet",
    "panos": "paloalto_panos", "pan-os": "paloalto_panos", "paloalto-panos": "paloalto_panos",
    "vrp": "huawei_vrp", "huawei-vrp": "huawei_vrp", "comware": "hp_comware", "hpe-comware": "hp_comware",
    "procurve": "hp_procurve", "aruba-procurve": "hp_procurve", "aos-cx": "aruba_aoscx",
    "aruba-aos-cx": "aruba_aoscx", "aoscx": "aruba_aoscx", "routeros": "mikrotik_routeros",
    "mikrotik-routeros": "mikrotik_routeros", "sros": "nokia_sros", "nokia-sros": "nokia_sros",
    "srlinux": "nokia_srlinux", "vyos": "vyos", "edgeos": "ubiquiti_edgeos", "os10": "dell_os10",
    "dell-os10": "dell_os10", "dnos10": "dell_os10", "exos": "extreme_exos", "extreme-exos": "extreme_exos",
    "voss": "extreme_voss", "cumulus": "cumulus_nvue", "sonic": "sonic", "linux": "linux",
}


def platform_for(slug: str | None, user_map: Mapping[str, str], known: Iterable[str]) -> str | None:
    """The NetRaven platform for a NetBox platform slug, or ``None`` when nothing maps it."""
    if not slug:
        return None
    if slug in user_map:
        return user_map[slug]
    if slug in PLATFORM_MAP:
        return PLATFORM_MAP[slug]
    underscored = slug.replace("-", "_")
    return underscored if underscored in set(known) else None


def _slug(obj: Any) -> str | None:
    return obj.get("slug") if isinstance(obj, Mapping) else None


def primary_address(device: Mapping[str, Any]) -> str | None:
    """The primary IP without its prefix length (``10.0.0.1/24`` -> ``10.0.0.1``)."""
    for key in ("primary_ip", "primary_ip4", "primary_ip6"):
        ip = device.get(key)
        if isinstance(ip, Mapping) and ip.get("address"):
            return str(ip["address"]).split("/")[0]
    return None


def device_tags(device: Mapping[str, Any]) -> list[str]:
    """NetBox tags, plus ``site:<slug>``, ``role:<slug>`` and ``tenant:<slug>``."""
    tags = [normalise_tag(str(t.get("slug") or t.get("name"))) for t in device.get("tags") or []
            if isinstance(t, Mapping)]
    role = device.get("role") or device.get("device_role")  # "device_role" before NetBox 3.6
    for prefix, obj in (("site", device.get("site")), ("role", role), ("tenant", device.get("tenant"))):
        slug = _slug(obj)
        if slug:
            tags.append(f"{prefix}:{normalise_tag(slug)}")
    return tags


def device_values(device: Mapping[str, Any], platform: str, custom_fields: Mapping[str, str]
                  ) -> dict[str, Any]:
    """The raw record of one NetBox device (validated afterwards like a YAML inventory's)."""
    values: dict[str, Any] = {"hostname": device.get("name"), "host": primary_address(device),
                              "platform": platform, "tags": device_tags(device),
                              "vars": {"netbox_id": device.get("id"),
                                       "netbox_site": _slug(device.get("site"))}}
    custom = device.get("custom_fields") or {}
    for key in ("driver", "port", "transport"):
        value = custom.get(custom_fields.get(key, "")) if isinstance(custom, Mapping) else None
        if value not in (None, ""):
            values[key] = value
    return values
