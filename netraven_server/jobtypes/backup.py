"""The ``backup`` job for one device: decrypt its credentials, call the core engine, and report
the outcome with the new configuration version's index row.

The engine stores the text in the configuration store (git: writers serialised by the store's
file lock, across processes); the database row is written by :func:`netraven_server.service.lifecycle.
record_result` in the same transaction as the device's result.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from sqlalchemy import select, update

from netraven_core import engine
from netraven_core.configtext.redact import scrub_secrets
from netraven_core.models import Credential as CoreCredential
from netraven_core.models import Device as CoreDevice
from netraven_core.models import DeviceResult, HostKeyMode
from netraven_core.protocols import VersionLookupStorage

from ..db.models import ConfigVersion, Credential, Device, Tag
from ..services.credentials import to_core as credential_to_core
from ..services.version_checks import Rules, inspect_version
from .base import DeviceOutcome, DeviceSnapshot, JobContext

if TYPE_CHECKING:
    from netraven_core.protocols import Storage

log = logging.getLogger(__name__)


class DeviceHostKeys:
    """A :class:`~netraven_core.protocols.HostKeyStore` over the device row's ``host_key``."""

    def __init__(self, ctx: JobContext, device: DeviceSnapshot):
        self.ctx, self.device = ctx, device

    def get(self, hostname: str) -> str | None:
        return self.device.host_key if hostname == self.device.hostname else None

    def set(self, hostname: str, key: str) -> None:
        if hostname != self.device.hostname:
            return
        with self.ctx.session() as s:
            # Only fill an empty slot: a key changed by an operator in the meantime wins.
            s.execute(update(Device).where(Device.id == self.device.id, Device.host_key.is_(None))
                      .values(host_key=key).execution_options(synchronize_session=False))


def load_credentials(ctx: JobContext, device: DeviceSnapshot) -> list[CoreCredential]:
    """Credentials sharing a tag with the device, lowest priority number first, decrypted."""
    keyring = ctx.runtime.keyring
    with ctx.session(readonly=True) as s:
        rows = s.scalars(select(Credential).where(Credential.tags.any(Tag.name.in_(device.tags)))
                         .order_by(Credential.priority, Credential.id)).all()
        # One conversion for every caller: the scopes must travel with the secrets.
        return [credential_to_core(c, keyring) for c in rows]


def load_all_credentials(ctx: JobContext, tags: set[str] | None) -> list[CoreCredential]:
    """Every credential sharing a tag with any of ``tags`` (``None``: every credential), in
    priority order, decrypted once for many devices (:func:`credentials_for` picks each one's)."""
    keyring = ctx.runtime.keyring
    with ctx.session(readonly=True) as s:
        query = select(Credential).order_by(Credential.priority, Credential.id)
        if tags is not None:
            query = query.where(Credential.tags.any(Tag.name.in_(sorted(tags))))
        rows = s.scalars(query).all()
        return [credential_to_core(c, keyring) for c in rows]


def credentials_for(all_credentials: list[CoreCredential], device: DeviceSnapshot) -> list[CoreCredential]:
    tags = set(device.tags)
    return [c for c in all_credentials if c.tags & tags]


def _indexed(ctx: JobContext, device_id: int, ref: str) -> bool:
    with ctx.session(readonly=True) as s:
        return s.scalar(select(ConfigVersion.id).where(ConfigVersion.device_id == device_id,
                                                       ConfigVersion.storage_ref == ref).limit(1)) is not None


def _version_row(indexed: Callable[[int, str], bool], device_id: int, storage: Storage, backend: str,
                 result: DeviceResult) -> dict[str, Any] | None:
    """The index row of the version this backup stored, or of an unchanged version the database
    does not know (stored by a worker that died before recording it)."""
    if not (result.ok and result.version):
        return None
    if not result.changed and indexed(device_id, result.version):
        return None
    info = None
    if isinstance(storage, VersionLookupStorage):
        info = storage.version(result.hostname, result.version)
    if info is None:
        history = storage.history(result.hostname, limit=1)
        info = history[0] if history else None
    if info is None:
        return None
    return {"hostname": result.hostname, "storage_backend": backend, "storage_ref": info.version,
            "content_hash": info.content_hash, "retrieved_at": info.timestamp, "size": info.size,
            "lines_added": result.lines_added if result.changed else info.lines_added,
            "lines_removed": result.lines_removed if result.changed else info.lines_removed}


class KeepSavedText:
    """The storage as the engine sees it, keeping the texts it saves: the stored (cleaned,
    redacted) text, so the checks of a new version need no read back from the store."""

    def __init__(self, inner: Any):
        self.inner = inner
        self.texts: dict[str, str] = {}

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    def save(self, configs: Any, **kwargs: Any) -> Any:
        saved = self.inner.save(configs, **kwargs)
        self.texts.update((c.hostname, c.text) for c in configs)
        return saved

def core_device(device: DeviceSnapshot) -> CoreDevice:
    return CoreDevice(hostname=device.hostname, host=device.host, platform=device.platform,
                      port=device.port, tags=frozenset(device.tags), driver=device.driver,
                      vars=device.vars, transport=device.transport, sections=device.sections)


def warn_if_unchecked(ctx: JobContext, hostname: str) -> None:
    if ctx.options.get("host_key_mode") == HostKeyMode.OFF.value:  # admin-only, audited; warned on every use
        log.warning("%s: host key checking is off for this job (host_key_mode=off)", hostname)


NO_CREDENTIAL = "no credential shares a tag with this device"


def run_device(ctx: JobContext, device: DeviceSnapshot) -> DeviceOutcome:
    runtime = ctx.runtime
    credentials = load_credentials(ctx, device)
    if not credentials:
        return DeviceOutcome("failed", attempts=0, error_category="auth", error=NO_CREDENTIAL)
    opts = ctx.options
    warn_if_unchecked(ctx, device.hostname)
    storage = runtime.storage
    grouped = storage.task() if hasattr(storage, "task") else contextlib.nullcontext()
    keeping = KeepSavedText(storage)
    with grouped:
        result = engine.backup_device(
            core_device(device), credentials, keeping, registry=runtime.registry,
            timeout=float(opts.get("timeout", 60)), retries=int(opts.get("retries", 2)),
            host_keys=DeviceHostKeys(ctx, device),
            host_key_mode=HostKeyMode(opts.get("host_key_mode", HostKeyMode.TOFU.value)),
            run_id=str(ctx.run_id), sections=opts.get("sections", True) is not False)
    return outcome_of(ctx, device, result, credentials, lambda d, ref: _indexed(ctx, d, ref),
                      keeping.texts)


def outcome_of(ctx: JobContext, device: DeviceSnapshot, result: DeviceResult,
               credentials: list[CoreCredential], indexed: Callable[[int, str], bool],
               texts: dict[str, str] | None = None, rules: Rules | None = None) -> DeviceOutcome:
    """The service's outcome of one engine result (secrets scrubbed, the version's index row);
    ``texts`` are the stored texts by hostname (:class:`KeepSavedText`), saving a read back;
    ``rules``: the enabled compliance rules when the caller keeps them (else read)."""
    runtime = ctx.runtime
    secrets = [v for c in credentials for v in c.secret_values()]
    outcome = DeviceOutcome(
        "success" if result.ok else "failed", changed=result.changed, lines_added=result.lines_added,
        lines_removed=result.lines_removed,
        error_category=result.error_category.value if result.error_category else None,
        error=scrub_secrets(result.error, secrets) if result.error else None,
        attempts=result.attempts, duration=result.duration, driver=result.driver,
        credential_name=result.credential,
        details={"size": result.size, "version": result.version},
        config_version=_version_row(indexed, device.id, runtime.storage, runtime.settings.storage_backend,
                                    result),
        diff=scrub_secrets(result.diff, secrets) if result.diff else None)
    if outcome.config_version and not result.changed:
        # Stored by an earlier attempt whose worker died before recording it: new to the index.
        outcome.changed = True
        outcome.lines_added = outcome.config_version["lines_added"]
        outcome.lines_removed = outcome.config_version["lines_removed"]
        outcome.messages.append(("warning", "job", f"{device.hostname}: indexed version {result.version} "
                                 "stored by an interrupted attempt"))
    if outcome.config_version:
        # A new version: compliance rules and fleet facts on the text just stored (one read back).
        outcome.compliance, outcome.facts = inspect_version(
            runtime.db, runtime.storage, device.hostname, outcome.config_version["storage_ref"],
            device.platform, device.tags,
            text=(texts or {}).get(device.hostname) if result.changed else None, rules=rules)
    if device.transport == "telnet":
        outcome.messages.append(("warning", "connection", f"{device.hostname}: reached over telnet, "
                                 "which sends the password in clear text"))
    if result.ok and result.credential:
        outcome.messages.append(("debug", "connection",
                                 f"{device.hostname}: logged in with credential {result.credential!r} "
                                 f"via {result.driver} after {result.attempts} attempt(s)"))
    return outcome
