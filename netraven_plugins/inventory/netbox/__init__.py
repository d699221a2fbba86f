"""The NetBox inventory source: devices from NetBox's REST API (``docs/integrations.md``).

On the command line an inventory file with ``source: netbox`` names the URL, the filters and
the platform mapping (``netraven backup --inventory netbox.yaml``); the server's inventory-sync
job gives the same settings as its options.  Devices without a primary IP are not managed by
NetRaven (NetBox holds patch panels and PDUs too) and are skipped, as are devices without a
name; the counts are in :attr:`NetboxInventorySource.last_skipped`.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any, ClassVar

from netraven_core.errors import InventoryError
from netraven_core.hookspecs import hookimpl
from netraven_core.inventory.records import InventoryBuilder, RawRecord
from netraven_core.models import Inventory

from .._source import RegistryBackedSource
from .client import fetch_devices
from .mapping import device_values, platform_for
from .settings import NetboxSettings, parse_settings

log = logging.getLogger(__name__)


class _OptionsSchema:
    """The marshmallow schema, imported on first use: the core library does not need marshmallow."""

    def __get__(self, obj: Any, owner: type) -> type:
        from .options import NetboxOptions

        return NetboxOptions


class NetboxInventorySource(RegistryBackedSource):
    """Devices from NetBox (primary IP, platform, tags, site/role/tenant, custom fields)."""

    name: ClassVar[str] = "netbox"
    suffixes: ClassVar[tuple[str, ...]] = ()  # chosen by ``source: netbox`` in a YAML file
    options_schema = _OptionsSchema()

    last_skipped: dict[str, int]
    # Devices in NetBox that could not be used (an unmapped platform, a bad field): a sync must
    # not take them for removed ones.
    last_rejected: set[str]

    def load(self, location: str) -> Inventory:
        """Read the settings file at ``location`` and fetch its devices; the first problem raises."""
        from ..yaml_source import LineDict, _load  # the YAML source's line-aware loader

        path = Path(location)
        try:
            doc = _load(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as exc:
            raise InventoryError(f"cannot read inventory: {getattr(exc, 'strerror', None) or exc}",
                                 source=str(location)) from None
        except Exception as exc:  # a YAML error: its text has the position, never a secret
            raise InventoryError(f"YAML error: {exc}", source=str(location)) from None
        if not isinstance(doc, Mapping):
            raise InventoryError("the NetBox settings must be a mapping (url, filters...)", source=location)
        lines = doc.key_lines if isinstance(doc, LineDict) else {}
        settings = parse_settings(doc, str(location), lines)
        inventory, _errors = self.collect(settings, str(location), lenient=False,
                                          base_dir=str(path.parent), env=os.environ)
        return inventory

    @classmethod
    def validate_options(cls, options: Mapping[str, Any]) -> None:
        """Check settings given as options without contacting NetBox (the server calls this when
        a sync job is saved); raises :class:`InventoryError` naming the field."""
        parse_settings(options, "options")

    def load_options(self, options: Mapping[str, Any], *, env: Mapping[str, str] | None = None,
                     source_name: str = "netbox") -> tuple[Inventory, list[InventoryError]]:
        """Fetch with settings given as a mapping (the server's sync job); bad devices are
        reported, the good ones kept."""
        settings = parse_settings(options, source_name)
        return self.collect(settings, source_name, lenient=True, base_dir=None,
                            env=os.environ if env is None else env)

    def collect(self, settings: NetboxSettings, source: str, *, lenient: bool, base_dir: str | None,
                env: Mapping[str, str] | None) -> tuple[Inventory, list[InventoryError]]:
        token = settings.token(env, source)
        builder = InventoryBuilder(source, self.registry, lenient=lenient, base_dir=base_dir, env=env)
        if settings.defaults:
            builder.set_defaults(RawRecord("defaults", 0, None, dict(settings.defaults)))
        for index, cred in enumerate(settings.credentials):
            if not isinstance(cred, Mapping):
                builder.error("each entry must be a mapping of fields", None, f"credentials[{index}]")
                continue
            builder.add_credential(RawRecord("credentials", index, getattr(cred, "line", None), dict(cred),
                                             dict(getattr(cred, "key_lines", {}))))
        skipped = {"no_name": 0, "no_primary_ip": 0, "unmapped_platform": 0}
        rejected: set[str] = set()
        known = self.registry.platforms
        for device in fetch_devices(settings, token, source):
            values = device_values(device, "", settings.custom_fields)
            if not values["hostname"]:
                skipped["no_name"] += 1
                continue
            if not values["host"]:
                skipped["no_primary_ip"] += 1
                continue
            slug = (device.get("platform") or {}).get("slug")
            platform = platform_for(slug, settings.platforms, known)
            if platform is None:
                if settings.skip_unmapped:
                    skipped["unmapped_platform"] += 1
                    continue
                rejected.add(str(values["hostname"]))
                what = f"platform {slug!r}" if slug else "no platform"
                builder.error(f"NetBox device {values['hostname']!r} has {what}, which maps to no NetRaven "
                              f"platform: add it under 'platforms:' (slug: platform), give the device a "
                              f"platform, or set skip_unmapped: true", None, "platforms")
                continue
            values["platform"] = platform
            record = RawRecord("netbox_device", int(device.get("id") or 0), None, values)
            if builder.add_device(record) is None:
                rejected.add(str(values["hostname"]))
        self.last_skipped, self.last_rejected = skipped, rejected
        if any(skipped.values()):
            log.info("NetBox %s: skipped %s", settings.url,
                     ", ".join(f"{n} device(s) with {k.replace('_', ' ')}" for k, n in skipped.items() if n))
        return builder.build(), builder.errors


@hookimpl
def netraven_inventory_sources() -> list[type]:
    return [NetboxInventorySource]
