"""Turning raw inventory records (from YAML, CSV, an API import...) into validated models.

A source parses its format into :class:`RawRecord` objects that remember the line of every field,
then hands them to :class:`InventoryBuilder`, which checks every rule once for all formats and
reports each problem as an :class:`~netraven_core.errors.InventoryError` naming the file, the line
and the field (``devices[3].port``; indexes start at 0).

In strict mode the first problem is raised; in lenient mode (bulk import) each bad record is
dropped and reported while the good ones are kept.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InventoryError
from ..models import Credential, Device, Inventory, Transport
from .fields import (
    HOSTNAME_RE,
    TAG_RE,
    close_matches,
    is_valid_host,
    normalise_tag,
    plain,
    type_name,
)

__all__ = ["HOSTNAME_RE", "TAG_RE", "InventoryBuilder", "RawRecord", "close_matches", "is_valid_host",
           "normalise_tag"]

DEVICE_FIELDS = ("hostname", "host", "port", "platform", "tags", "driver", "vars", "sections", "transport")
DEFAULTS_FIELDS = ("host_suffix", "port", "platform", "tags", "driver", "vars", "sections", "transport")
# How a boolean may be written (CSV cells are text): true/false, yes/no, on/off, 1/0.
_BOOL_WORDS = {"true": True, "yes": True, "on": True, "1": True,
               "false": False, "no": False, "off": False, "0": False}
# The port a transport listens on when the record names none.
DEFAULT_PORTS = {Transport.SSH.value: 22, Transport.TELNET.value: 23}
CREDENTIAL_FIELDS = ("name", "username", "password", "enable_secret", "priority", "tags",
                     "private_key", "private_key_file", "private_key_passphrase")
# Credential fields in which ``${VAR}`` references are expanded.
ENV_FIELDS = frozenset({"username", "password", "enable_secret", "private_key", "private_key_file",
                        "private_key_passphrase"})

_ENV_RE = re.compile(r"\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$\{([^}]*)\}?")


@dataclass
class RawRecord:
    """One device or credential as written in the source, before validation.

    ``lines`` maps a field name to the line it was written on; ``line`` is the record's own line.
    """

    kind: str  # "devices" or "credentials"
    index: int
    line: int | None
    values: dict[str, Any]
    lines: dict[str, int] = field(default_factory=dict)

    def field_line(self, name: str) -> int | None:
        return self.lines.get(name, self.line)


class _RecordInvalid(Exception):
    """Internal: the current record was rejected (its error is already recorded)."""


class InventoryBuilder:
    """Validates raw records and assembles an :class:`Inventory`.

    :param source: the file name (or import name) errors refer to.
    :param registry: a :class:`netraven_core.plugins.Registry` for the known platforms and
        drivers; ``None`` skips those two checks.
    :param lenient: keep going after a bad record (collect errors) instead of raising.
    :param base_dir: directory that relative ``private_key_file`` paths are resolved against;
        ``None`` refuses ``private_key_file`` (text uploaded to the server must not make it read
        its own files).
    :param env: where ``${VAR}`` references are looked up (``os.environ`` for files);
        ``None`` refuses references (uploaded text must not pull the server's secrets).
    """

    def __init__(self, source: str, registry: Any = None, *, lenient: bool = False,
                 base_dir: str | os.PathLike[str] | None = None, env: Mapping[str, str] | None = None):
        self.source = source
        self.registry = registry
        self.lenient = lenient
        self.base_dir = Path(base_dir) if base_dir is not None else None
        self.env = env
        self.errors: list[InventoryError] = []
        self.defaults: dict[str, Any] = {}
        self._devices: list[Device] = []
        self._credentials: list[Credential] = []
        self._hostnames: dict[str, tuple[str, int | None]] = {}
        self._cred_names: dict[str, int | None] = {}

    # ------------------------------------------------------------------ reporting

    def error(self, message: str, line: int | None = None, field: str | None = None) -> InventoryError:
        """Record (lenient) or raise (strict) a problem that is not tied to one record."""
        err = InventoryError(message, source=self.source, line=line, field=field)
        if not self.lenient:
            raise err
        self.errors.append(err)
        return err

    def _fail(self, rec: RawRecord, name: str | None, message: str) -> None:
        record = rec.kind if rec.kind == "defaults" else f"{rec.kind}[{rec.index}]"
        where = record + (f".{name}" if name else "")
        line = rec.field_line(name) if name else rec.line
        self.error(message, line, where)
        raise _RecordInvalid

    # ------------------------------------------------------------------ field checks

    def _check_keys(self, rec: RawRecord, allowed: Iterable[str]) -> None:
        allowed = tuple(allowed)
        for key in rec.values:
            if not isinstance(key, str) or key not in allowed:
                self._fail(rec, str(key), f"unknown field {str(key)!r}{close_matches(str(key), allowed)}"
                           f" (allowed: {', '.join(allowed)})")

    def _string(self, rec: RawRecord, name: str, *, required: bool = False) -> str | None:
        value = rec.values.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self._fail(rec, name, "required field is missing")
            return None
        if not isinstance(value, str):
            self._fail(rec, name, f"must be a string, not {type_name(value)} (quote it)")
        value = value.strip()
        if name in ENV_FIELDS:
            value = self._expand_env(rec, name, value)
        return value

    def _int(self, rec: RawRecord, name: str, default: int) -> int:
        value = rec.values.get(name)
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, int):
            self._fail(rec, name, f"must be an integer, not {type_name(value)}")
        return value

    def _bool(self, rec: RawRecord, name: str, default: bool) -> bool:
        value = rec.values.get(name)
        if value is None:
            return default
        if isinstance(value, str) and value.strip().lower() in _BOOL_WORDS:
            return _BOOL_WORDS[value.strip().lower()]
        if not isinstance(value, bool):
            self._fail(rec, name, f"must be true or false, not {value!r}")
        return value

    def _transport(self, rec: RawRecord) -> str:
        value = self._string(rec, "transport")
        if value is None:
            return Transport.SSH.value
        value = value.lower()
        known = [t.value for t in Transport]
        if value not in known:
            self._fail(rec, "transport", f"unknown transport {value!r}{close_matches(value, known)}"
                       f" (known: {', '.join(known)})")
        return value

    def _tags(self, rec: RawRecord, name: str = "tags") -> frozenset[str]:
        value = rec.values.get(name)
        if value is None:
            return frozenset()
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list | tuple):
            self._fail(rec, name, f"must be a list of strings, not {type_name(value)}")
        tags = set()
        for item in value:
            if not isinstance(item, str):
                self._fail(rec, name, f"tags must be strings, not {type_name(item)}")
            tag = normalise_tag(item)
            if not TAG_RE.match(tag):
                self._fail(rec, name, f"invalid tag {item!r} (letters, digits and . _ : / - only)")
            tags.add(tag)
        return frozenset(tags)

    def _expand_env(self, rec: RawRecord, name: str, value: str) -> str:
        def substitute(match: re.Match[str]) -> str:
            if match.group(0) == "$$":
                return "$"
            var = match.group(1)
            if var is None:
                self._fail(rec, name, "malformed ${...} reference (use ${NAME}; write $$ for a literal $)")
            if self.env is None:
                self._fail(rec, name, f"environment references (${{{var}}}) are not allowed here")
            if var not in self.env:
                self._fail(rec, name, f"environment variable {var} is not set (referenced as ${{{var}}})")
            return self.env[var]

        return _ENV_RE.sub(substitute, value)

    # ------------------------------------------------------------------ records

    def set_defaults(self, rec: RawRecord) -> None:
        """Device defaults (``defaults:`` in YAML): values every device inherits."""
        try:
            self._check_keys(rec, DEFAULTS_FIELDS)
            self._int(rec, "port", 22)
            self._bool(rec, "sections", True)
            self._tags(rec)
            for name in ("platform", "driver", "host_suffix"):
                self._string(rec, name)
            self._transport(rec)
            if not isinstance(rec.values.get("vars", {}), Mapping):
                self._fail(rec, "vars", "must be a mapping")
        except _RecordInvalid:
            return
        self.defaults = dict(rec.values)

    def add_device(self, rec: RawRecord) -> Device | None:
        try:
            device = self._device(rec)
        except _RecordInvalid:
            return None
        self._devices.append(device)
        return device

    def _device(self, rec: RawRecord) -> Device:
        self._check_keys(rec, DEVICE_FIELDS)
        defaults = self.defaults
        merged = RawRecord(rec.kind, rec.index, rec.line, dict(rec.values), rec.lines)
        for key in ("port", "platform", "driver", "sections", "transport"):
            if merged.values.get(key) is None and defaults.get(key) is not None:
                merged.values[key] = defaults[key]
        hostname = self._string(merged, "hostname", required=True)
        if not HOSTNAME_RE.match(hostname):
            self._fail(rec, "hostname", f"invalid hostname {hostname!r} (letters, digits, '.', '_' and '-';"
                       " must start with a letter or digit; at most 253 characters)")
        host = self._string(merged, "host")
        if host is None:
            host = hostname + (defaults.get("host_suffix") or "")
        if not is_valid_host(host):
            self._fail(rec, "host", f"invalid host {host!r} (expected an IP address or a DNS name)")
        transport = self._transport(merged)
        port = self._int(merged, "port", DEFAULT_PORTS[transport])
        if not 1 <= port <= 65535:
            self._fail(rec, "port", f"port {port} is outside 1-65535")
        platform = self._string(merged, "platform", required=True)
        known_platforms = self.registry.platforms if self.registry is not None else None
        if known_platforms is not None and platform not in known_platforms:
            hint = close_matches(platform, known_platforms)
            self._fail(rec, "platform", f"unknown platform {platform!r}{hint}"
                       f" (known: {', '.join(sorted(known_platforms)) or 'none'})")
        if known_platforms is not None and transport not in known_platforms[platform].transports:
            offered = ", ".join(known_platforms[platform].transports)
            self._fail(rec, "transport", f"platform {platform!r} is not reachable over {transport}"
                       f" (its transports: {offered})")
        driver = self._string(merged, "driver")
        if driver is not None and self.registry is not None and driver not in self.registry.drivers:
            known = self.registry.drivers
            self._fail(rec, "driver", f"unknown driver {driver!r}{close_matches(driver, known)}"
                       f" (known: {', '.join(sorted(known)) or 'none'})")
        tags = self._tags(merged) | frozenset(self._tags(RawRecord(rec.kind, rec.index, rec.line,
                                                                   {"tags": defaults.get("tags")})))
        device_vars = merged.values.get("vars")
        if device_vars is not None and not isinstance(device_vars, Mapping):
            self._fail(rec, "vars", f"must be a mapping, not {type_name(device_vars)}")
        all_vars = plain({**(defaults.get("vars") or {}), **(device_vars or {})})
        if any(not isinstance(k, str) for k in all_vars):
            self._fail(rec, "vars", "variable names must be strings")
        sections = self._bool(merged, "sections", True)
        folded = hostname.casefold()
        if folded in self._hostnames:
            first, first_line = self._hostnames[folded]
            at = f" at line {first_line}" if first_line else ""
            self._fail(rec, "hostname", f"duplicate hostname {hostname!r} (already defined{at} as {first!r};"
                       " hostnames are compared ignoring case)")
        self._hostnames[folded] = (hostname, rec.field_line("hostname"))
        return Device(hostname=hostname, host=host, platform=platform, port=port, tags=tags,
                      driver=driver, vars=all_vars, sections=sections, transport=transport)

    def add_credential(self, rec: RawRecord) -> Credential | None:
        try:
            credential = self._credential(rec)
        except _RecordInvalid:
            return None
        self._credentials.append(credential)
        return credential

    def _credential(self, rec: RawRecord) -> Credential:
        self._check_keys(rec, CREDENTIAL_FIELDS)
        name = self._string(rec, "name", required=True)
        username = self._string(rec, "username", required=True)
        password = self._string(rec, "password")
        enable_secret = self._string(rec, "enable_secret")
        priority = self._int(rec, "priority", 100)
        tags = self._tags(rec)
        if not tags:
            self._fail(rec, "tags", "a credential needs at least one tag"
                       " (it applies to the devices sharing a tag)")
        private_key = self._string(rec, "private_key")
        key_file = self._string(rec, "private_key_file")
        if private_key and key_file:
            self._fail(rec, "private_key_file", "give either private_key or private_key_file, not both")
        if key_file:
            if self.base_dir is None:
                self._fail(rec, "private_key_file", "key files are not allowed here; give private_key")
            path = Path(key_file).expanduser()
            if not path.is_absolute():
                path = self.base_dir / path
            try:
                private_key = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                self._fail(rec, "private_key_file", f"cannot read private key file {str(path)!r}: "
                           f"{getattr(exc, 'strerror', None) or type(exc).__name__}")
        if private_key is not None and "PRIVATE KEY" not in private_key:
            self._fail(rec, "private_key_file" if key_file else "private_key",
                       "does not look like a PEM/OpenSSH private key")
        passphrase = self._string(rec, "private_key_passphrase")
        if password is None and private_key is None:
            self._fail(rec, None, "a credential needs a password or a private key")
        if name in self._cred_names:
            first_line = self._cred_names[name]
            at = f" (first defined at line {first_line})" if first_line else ""
            self._fail(rec, "name", f"duplicate credential name {name!r}{at}")
        self._cred_names[name] = rec.field_line("name")
        return Credential(name=name, username=username, password=password, enable_secret=enable_secret,
                          priority=priority, tags=tags, private_key=private_key,
                          private_key_passphrase=passphrase)

    def build(self) -> Inventory:
        return Inventory(devices=tuple(self._devices), credentials=tuple(self._credentials))
