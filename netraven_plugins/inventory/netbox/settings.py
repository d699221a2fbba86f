"""The NetBox source's settings: read from a YAML file (``source: netbox``) or given as options.

The token is never written in the file: it comes from the environment variable the settings
name (``token_env``, default ``NETBOX_TOKEN``), so the file can be committed and shared.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from netraven_core.errors import InventoryError
from netraven_core.inventory.fields import close_matches, type_name

FILTERS = ("site", "role", "tag", "status", "tenant", "platform")
CUSTOM_FIELD_KEYS = ("driver", "port", "transport")
DEFAULT_CUSTOM_FIELDS = {"driver": "netraven_driver", "port": "netraven_port",
                         "transport": "netraven_transport"}
KEYS = ("source", "url", "token_env", "filters", "platforms", "custom_fields", "skip_unmapped",
        "verify_tls", "timeout", "defaults", "credentials")


@dataclass(frozen=True)
class NetboxSettings:
    url: str
    token_env: str = "NETBOX_TOKEN"  # noqa: S105 (the variable's name, not a token)
    filters: dict[str, list[str]] = field(default_factory=dict)
    platforms: dict[str, str] = field(default_factory=dict)  # the user's slug -> platform additions
    custom_fields: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_CUSTOM_FIELDS))
    skip_unmapped: bool = False
    verify_tls: bool = True
    timeout: float = 30.0
    defaults: dict[str, Any] | None = None  # as in the YAML inventory (port, tags, vars...)
    credentials: list[Any] = field(default_factory=list)  # as in the YAML inventory

    def token(self, env: Mapping[str, str] | None = None, source: str | None = None) -> str:
        value = (os.environ if env is None else env).get(self.token_env, "").strip()
        if not value:
            raise InventoryError(f"the NetBox API token is not set: export {self.token_env}=<token>"
                                 " (the variable named by token_env)", source=source, field="token_env")
        return value


def _fail(message: str, source: str | None, key: str, lines: Mapping[Any, int] | None = None) -> None:
    raise InventoryError(message, source=source, line=(lines or {}).get(key.split(".")[0]), field=key)


def _strings(value: Any, key: str, source: str | None, lines: Mapping[Any, int] | None) -> list[str]:
    items = [value] if isinstance(value, str | int) and not isinstance(value, bool) else value
    if not isinstance(items, list) or not items or any(not isinstance(v, str | int) or isinstance(v, bool)
                                                       for v in items):
        _fail(f"must be a string or a list of strings, not {type_name(value)}", source, key, lines)
    return [str(v).strip() for v in items]


def _mapping(value: Any, key: str, source: str | None, lines: Mapping[Any, int] | None) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        _fail(f"must be a mapping, not {type_name(value)}", source, key, lines)
    return dict(value)


def parse_settings(doc: Mapping[str, Any], source: str | None = None,
                   lines: Mapping[Any, int] | None = None) -> NetboxSettings:
    """Validated settings from a mapping (the YAML file or the sync job's options)."""
    for key in doc:
        if key not in KEYS:
            _fail(f"unknown key {key!r}{close_matches(str(key), KEYS)} (allowed: {', '.join(KEYS)})",
                  source, str(key), lines)
    url = doc.get("url")
    if not isinstance(url, str) or not url.strip():
        _fail("required: the NetBox base URL, e.g. https://netbox.example.net", source, "url", lines)
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        _fail(f"must be an http(s) URL, not {url!r}", source, "url", lines)
    if parts.username or parts.password:
        _fail("must not carry credentials; the token comes from the environment (token_env)",
              source, "url", lines)
    token_env = doc.get("token_env", "NETBOX_TOKEN")
    if not isinstance(token_env, str) or not token_env.replace("_", "").isalnum():
        _fail("must be the name of an environment variable (letters, digits, _)", source, "token_env", lines)
    filters = {}
    for name, value in _mapping(doc.get("filters"), "filters", source, lines).items():
        if name not in FILTERS:
            _fail(f"unknown filter {name!r}{close_matches(str(name), FILTERS)} (known: {', '.join(FILTERS)})",
                  source, f"filters.{name}", lines)
        filters[name] = _strings(value, f"filters.{name}", source, lines)
    platforms = {}
    for slug, platform in _mapping(doc.get("platforms"), "platforms", source, lines).items():
        if not isinstance(platform, str) or not platform.strip():
            _fail("must name a NetRaven platform", source, f"platforms.{slug}", lines)
        platforms[str(slug)] = platform.strip()
    custom = dict(DEFAULT_CUSTOM_FIELDS)
    for key, value in _mapping(doc.get("custom_fields"), "custom_fields", source, lines).items():
        if key not in CUSTOM_FIELD_KEYS:
            _fail(f"unknown key {key!r} (known: {', '.join(CUSTOM_FIELD_KEYS)})",
                  source, f"custom_fields.{key}", lines)
        if not isinstance(value, str) or not value.strip():
            _fail("must be the name of a NetBox custom field", source, f"custom_fields.{key}", lines)
        custom[key] = value.strip()
    flags = {}
    for key, default in (("skip_unmapped", False), ("verify_tls", True)):
        value = doc.get(key, default)
        if not isinstance(value, bool):
            _fail(f"must be true or false, not {value!r}", source, key, lines)
        flags[key] = value
    timeout = doc.get("timeout", 30)
    if isinstance(timeout, bool) or not isinstance(timeout, int | float) or not 1 <= timeout <= 600:
        _fail("must be a number of seconds between 1 and 600", source, "timeout", lines)
    credentials = doc.get("credentials") or []
    if not isinstance(credentials, list):
        _fail(f"must be a list of mappings, not {type_name(credentials)}", source, "credentials", lines)
    defaults = doc.get("defaults")
    if defaults is not None and not isinstance(defaults, Mapping):
        _fail(f"must be a mapping, not {type_name(defaults)}", source, "defaults", lines)
    return NetboxSettings(url=url.strip().rstrip("/"), token_env=token_env, filters=filters,
                          platforms=platforms, custom_fields=custom, timeout=float(timeout),
                          defaults=defaults, credentials=credentials, **flags)
