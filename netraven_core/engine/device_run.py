"""One device's way through a run: fetch, clean, compare, queue for storage, report.

:class:`RunContext` holds what the devices of a run share (semaphore, storage batcher, event
dispatcher, host key store); :mod:`netraven_core.engine` creates one per run and calls
:meth:`RunContext.device` for every device.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
import traceback
import weakref
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from ..configtext.cleaning import Cleaner
from ..configtext.redact import Redactor, scrub_secrets
from ..errors import ErrorCategory, NetRavenError, StorageError
from ..models import (
    ConfigToStore,
    Credential,
    Device,
    DeviceResult,
    DeviceStatus,
    Event,
    EventType,
    HostKeyMode,
)
from ..plugins import Registry
from .attempt import AttemptPolicy, fetch_with_fallback
from .events import EventDispatcher
from .hostkeys import key_identity
from .storebatch import StoreBatcher

log = logging.getLogger("netraven_core.engine")

Progress = Callable[[DeviceResult, int, int], Any]

_redactors: weakref.WeakKeyDictionary[Registry, Redactor] = weakref.WeakKeyDictionary()


def redactor_for(registry: Registry) -> Redactor:
    """The registry's redactor, kept across runs: its compiled rules cost ~15 ms per platform."""
    redactor = _redactors.get(registry)
    if redactor is None:
        redactor = _redactors[registry] = Redactor(registry.redaction_rules)
    return redactor


class _Once:
    """Calls ``func`` the first time it is called, then never again."""

    def __init__(self, func: Callable[[], None]):
        self.func: Callable[[], None] | None = func

    def __call__(self) -> None:
        func, self.func = self.func, None
        if func is not None:
            func()


class RunContext:
    """State shared by the devices of one run, and the per-device pipeline."""

    def __init__(self, *, registry: Registry, storage: Any, policy: AttemptPolicy, workers: int,
                 host_keys: Any, dispatcher: EventDispatcher, run_id: str, total: int,
                 progress: Progress | None, batch_size: int, batch_delay: float, cleaner: Cleaner,
                 sections: bool = True, on_settled: Callable[[], None] | None = None):
        self.registry = registry
        self.storage = storage
        self.policy = policy
        self.host_keys = host_keys
        self.dispatcher = dispatcher
        self.run_id = run_id
        self.total = total
        self.progress = progress
        self.cleaner = cleaner
        self.sections = sections  # False: no device of the run collects its platform's sections
        self.semaphore = asyncio.Semaphore(max(1, workers))
        self.batcher = StoreBatcher(storage, run_id=run_id, max_batch=batch_size, max_delay=batch_delay)
        self.undecided = total
        self.done = 0
        self.on_settled = on_settled

    # ------------------------------------------------------------------ one device

    async def device(self, device: Device, credentials: Sequence[Credential]) -> DeviceResult:
        """Back up one device; always returns its result, never raises (except cancellation)."""
        clock = [time.monotonic()]  # reset when the device gets a worker slot
        result = DeviceResult(hostname=device.hostname, status=DeviceStatus.FAILED,
                              started_at=datetime.now(UTC))
        settled = _Once(self._settled)
        try:
            await self._backup(device, credentials, result, settled, clock)
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # a bug in a plugin or in here: fail this device only
            secrets = [v for c in credentials for v in c.secret_values()]
            trace = scrub_secrets("".join(traceback.format_exception(exc)), secrets)
            log.error("unexpected error backing up %s:\n%s", device.hostname, trace)
            message = scrub_secrets(f"{type(exc).__name__}: {exc}", secrets)
            self._fail(result, ErrorCategory.UNEXPECTED, message)
        finally:
            settled()
            if not result.duration:
                result.duration = time.monotonic() - clock[0]
            result.finished_at = datetime.now(UTC)
        self._finish(result)
        return result

    def _settled(self) -> None:
        """Called once per device when it knows whether it stores something (and queued it if
        so): once no device is left undecided, the last batch is saved without waiting."""
        self.undecided -= 1
        if self.undecided <= 0:
            self.batcher.flush()
        if self.on_settled is not None:
            self.on_settled()

    @staticmethod
    def _fail(result: DeviceResult, category: ErrorCategory, message: str) -> None:
        result.status = DeviceStatus.FAILED
        result.error_category = category
        result.error = message
        result.changed = False
        result.lines_added = result.lines_removed = 0
        result.diff = None

    async def _backup(self, device: Device, credentials: Sequence[Credential], result: DeviceResult,
                      settled: Callable[[], None], clock: list[float]) -> None:
        loop = asyncio.get_running_loop()
        try:
            platform = self.registry.platform(device.platform)
            driver_name = self.registry.driver_name_for(device)
            driver_cls = self.registry.driver_class(driver_name)
        except NetRavenError as exc:
            self._fail(result, ErrorCategory.UNEXPECTED, str(exc))
            return
        result.driver = driver_name
        if platform.sections and not (self.sections and device.sections):
            platform = replace(platform, sections=())  # the drivers then run no section command
        if driver_name not in platform.drivers:
            self._fail(result, ErrorCategory.UNEXPECTED,
                       f"driver {driver_name!r} does not support platform {platform.name!r}")
            return
        known_key = self.host_keys.get(device.hostname) if self.host_keys is not None else None
        async with self.semaphore:
            clock[0] = time.monotonic()
            result.started_at = datetime.now(UTC)
            # Read the previous version while the device is being fetched (inside the semaphore
            # so that no more than ``workers`` old configurations sit in memory).
            previous = asyncio.ensure_future(self.batcher.call(self._previous, device.hostname))
            outcome = await fetch_with_fallback(
                device, platform, driver_cls, credentials, self.policy,
                deadline=loop.time() + self.policy.timeout, known_host_key=known_key,
                driver_options=_driver_options(device))
            # Normalize, redact and scrub (CPU-heavy: in a worker process for large runs) while
            # holding the slot, so that fetched texts can't pile up if cleaning lags behind.
            text = None
            if outcome.output is not None and outcome.credential is not None:
                text = await self.cleaner.clean(outcome.output.text, platform,
                                                outcome.credential.secret_values(),
                                                outcome.output.sections)
        result.attempts = outcome.attempts
        if outcome.output is None:
            previous.add_done_callback(lambda f: f.cancelled() or f.exception())
            self._fail(result, outcome.error_category or ErrorCategory.UNEXPECTED, outcome.error or "")
            return
        assert outcome.credential is not None
        result.credential = outcome.credential.name
        self._remember_host_key(device, known_key, outcome.output.host_key)
        try:
            old_text, old_version = await previous
        except Exception as exc:
            self._fail(result, ErrorCategory.STORAGE, f"storage error: {type(exc).__name__}: {exc}")
            return
        assert text is not None
        prepared = await self.cleaner.compare(old_text, text,
                                              f"{device.hostname}@{old_version or 'previous'}",
                                              f"{device.hostname}@{self.run_id}")
        result.size = len(text.encode("utf-8"))
        if prepared.unchanged:
            result.status, result.version = DeviceStatus.OK, old_version
            return
        added, removed = prepared.added, prepared.removed
        result.diff = prepared.diff
        # The device's own time: waiting for its storage batch (shared by many) is not counted.
        result.duration = time.monotonic() - clock[0]
        try:
            info = await self.batcher.store(ConfigToStore(device.hostname, text, added, removed),
                                            on_queued=settled)
        except StorageError as exc:
            self._fail(result, ErrorCategory.STORAGE, str(exc))
            return
        result.status, result.changed, result.version = DeviceStatus.OK, True, info.version
        result.lines_added, result.lines_removed = added, removed

    def _previous(self, hostname: str) -> tuple[str | None, str | None]:
        """(latest stored text, its version) — runs in the storage thread."""
        text = self.storage.latest_text(hostname)
        if text is None:
            return None, None
        version = None
        with contextlib.suppress(Exception):
            history = self.storage.history(hostname, limit=1)
            version = history[0].version if history else None
        return text, version

    def _remember_host_key(self, device: Device, known: str | None, seen: str | None) -> None:
        # Only a first use is remembered: a differing key failed the fetch with HOST_KEY, and a
        # remembered key is never replaced silently.
        if self.host_keys is None or not seen or known is not None \
                or self.policy.host_key_mode is HostKeyMode.OFF:
            return
        try:
            self.host_keys.set(device.hostname, key_identity(seen) or seen)
        except Exception as exc:
            log.error("could not remember the host key of %s: %s", device.hostname, exc)

    def _finish(self, result: DeviceResult) -> None:
        self.done += 1
        if result.ok:
            events = [Event(EventType.DEVICE_BACKED_UP, self.run_id, result.hostname, result)]
            if result.changed and result.diff is not None:
                events.append(Event(EventType.CONFIG_CHANGED, self.run_id, result.hostname, result,
                                    diff=result.diff))
            self.dispatcher.emit(*events)  # one delivery job: a device's events arrive in order
        else:
            log.info("%s failed [%s]: %s", result.hostname,
                     result.error_category.value if result.error_category else "?", result.error)
            self.dispatcher.emit(Event(EventType.DEVICE_FAILED, self.run_id, result.hostname, result))
        if self.progress is not None:
            try:
                self.progress(result, self.done, self.total)
            except Exception:
                log.exception("progress callback failed; continuing")


def _driver_options(device: Device) -> dict[str, Any]:
    """Per-device driver options: the inventory's ``vars: {driver_options: {...}}``."""
    options = device.vars.get("driver_options") if device.vars else None
    return dict(options) if isinstance(options, Mapping) else {}
