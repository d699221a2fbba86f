"""The backup engine: fetch every device concurrently, clean, compare, store, notify.

One asyncio event loop drives a run.  Asynchronous drivers are awaited on it, blocking drivers
run in threads; at most ``workers`` devices are being fetched at once.  Per device (see
:mod:`netraven_core.attempt` for the fetching rules and the time limit):

1. the applicable credentials are tried in priority order, with retries for retryable errors;
2. the output is normalized (volatile lines dropped), redacted, and scrubbed of the credential
   values, then compared with the latest stored version;
3. a changed configuration is queued for storage (written in batches, one commit per batch); an
   unchanged one stores nothing; a failed or truncated fetch stores nothing, so the last good
   version stays untouched;
4. the SSH host key seen is remembered when it was unknown (trust on first use);
5. events go to the notifiers: ``device_backed_up``, ``config_changed`` (with the redacted diff,
   when a previous version existed), ``device_failed``, and ``run_finished`` at the end.

A device's ``vars: {driver_options: {...}}`` in the inventory are passed to its driver (overlaid
on the platform's options for that driver).

Every device ends with exactly one :class:`~netraven_core.models.DeviceResult`; nothing a single
device does (a bug included) can end the run.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
import traceback
import uuid
import weakref
from collections.abc import Callable, Coroutine, Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from typing import Any, TypeVar

from .attempt import AttemptPolicy, fetch_with_fallback, key_identity
from .cleaning import Cleaner, default_processes
from .errors import ErrorCategory, NetRavenError, StorageError
from .events import EventDispatcher
from .models import (
    BackupRun,
    ConfigToStore,
    Credential,
    Device,
    DeviceResult,
    DeviceStatus,
    Event,
    EventType,
    HostKeyMode,
    Inventory,
    Platform,
    RunSummary,
)
from .normalize import normalize
from .plugins import Registry
from .redact import Redactor, scrub_secrets
from .storebatch import StoreBatcher

log = logging.getLogger(__name__)

T = TypeVar("T")
# How long the end of a run waits for notifiers still delivering (a dead webhook retrying).
EVENT_DRAIN_TIMEOUT = 30.0
Progress = Callable[[DeviceResult, int, int], Any]


_redactors: weakref.WeakKeyDictionary[Registry, Redactor] = weakref.WeakKeyDictionary()


def redactor_for(registry: Registry) -> Redactor:
    """The registry's redactor, kept across runs: its compiled rules cost ~15 ms per platform."""
    redactor = _redactors.get(registry)
    if redactor is None:
        redactor = _redactors[registry] = Redactor(registry.redaction_rules)
    return redactor


def new_run_id() -> str:
    """A sortable, unique run id: UTC timestamp plus a random suffix."""
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ-") + uuid.uuid4().hex[:8]


class _Once:
    """Calls ``func`` the first time it is called, then never again."""

    def __init__(self, func: Callable[[], None]):
        self.func: Callable[[], None] | None = func

    def __call__(self) -> None:
        func, self.func = self.func, None
        if func is not None:
            func()


class _Run:
    """State shared by the devices of one run."""

    def __init__(self, *, registry: Registry, storage: Any, policy: AttemptPolicy, workers: int,
                 host_keys: Any, dispatcher: EventDispatcher, run_id: str, total: int,
                 progress: Progress | None, batch_size: int, batch_delay: float, cleaner: Cleaner):
        self.registry = registry
        self.storage = storage
        self.policy = policy
        self.host_keys = host_keys
        self.dispatcher = dispatcher
        self.run_id = run_id
        self.total = total
        self.progress = progress
        self.redactor = redactor_for(registry)
        self.cleaner = cleaner
        self.semaphore = asyncio.Semaphore(max(1, workers))
        self.batcher = StoreBatcher(storage, run_id=run_id, max_batch=batch_size, max_delay=batch_delay)
        self.undecided = total
        self.done = 0

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
            self._fail(result, ErrorCategory.UNEXPECTED, f"storage error: {type(exc).__name__}: {exc}")
            return
        # Normalize, redact, scrub and diff, in a worker process for large runs (CPU-heavy).
        prepared = await self.cleaner.prepare(
            outcome.output.text, platform, outcome.credential.secret_values(), old_text,
            f"{device.hostname}@{old_version or 'previous'}", f"{device.hostname}@{self.run_id}")
        text = prepared.text
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
            self._fail(result, ErrorCategory.UNEXPECTED, str(exc))
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

    def clean(self, raw: str, platform: Platform, credential: Credential) -> str:
        """Normalize, redact and scrub a fetched configuration into the text to store."""
        text = normalize(raw, platform)
        text = self.redactor.redact(text, platform.name)
        return scrub_secrets(text, credential.secret_values())

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


def summarize(run_id: str, results: Iterable[DeviceResult], duration: float) -> RunSummary:
    """Counts of a finished run."""
    summary = RunSummary(run_id=run_id, duration=duration)
    for r in results:
        summary.total += 1
        if r.ok:
            summary.ok += 1
            if r.changed:
                summary.changed += 1
            else:
                summary.unchanged += 1
        else:
            summary.failed += 1
            key = r.error_category.value if r.error_category else ErrorCategory.UNEXPECTED.value
            summary.by_category[key] = summary.by_category.get(key, 0) + 1
    return summary


def _host_key_batch(host_keys: Any) -> contextlib.AbstractContextManager[Any]:
    deferred = getattr(host_keys, "deferred", None)
    return deferred() if callable(deferred) else contextlib.nullcontext()


async def run_backup_async(
    inventory: Inventory,
    storage: Any,
    *,
    registry: Registry | None = None,
    workers: int = 50,
    timeout: float = 60.0,
    retries: int = 2,
    host_keys: Any = None,
    host_key_mode: HostKeyMode | str = HostKeyMode.TOFU,
    notifiers: Iterable[Any] = (),
    progress: Progress | None = None,
    run_id: str | None = None,
    devices: Sequence[Device] | None = None,
    policy: AttemptPolicy | None = None,
    batch_size: int = 500,
    batch_delay: float = 2.0,
    emit_run_finished: bool = True,
    credentials_for: Callable[[Device], Sequence[Credential]] | None = None,
    clean_processes: int | None = None,
) -> BackupRun:
    """:func:`run_backup` for callers that already run an event loop.

    ``clean_processes``: worker processes that normalize, redact and diff the fetched
    configurations (``None``: one per core but one, for runs of 32 devices or more; ``0``: on
    the event loop thread).  See :mod:`netraven_core.cleaning`.
    """
    registry = registry if registry is not None else Registry()
    run_id = run_id or new_run_id()
    if policy is None:
        policy = AttemptPolicy(timeout=timeout, retries=retries, host_key_mode=HostKeyMode(host_key_mode))
    targets = list(devices if devices is not None else inventory.devices)
    credentials_for = credentials_for or inventory.credentials_for
    dispatcher = EventDispatcher(notifiers, registry.pm)
    if clean_processes is None:
        clean_processes = default_processes(len(targets))
    cleaner = Cleaner(redactor_for(registry), clean_processes)
    run = _Run(registry=registry, storage=storage, policy=policy, workers=workers, host_keys=host_keys,
               dispatcher=dispatcher, run_id=run_id, total=len(targets), progress=progress,
               batch_size=batch_size, batch_delay=batch_delay, cleaner=cleaner)
    started = time.monotonic()
    loop = asyncio.get_running_loop()
    log.info("run %s: backing up %d device(s) with %d worker(s)", run_id, len(targets), workers)
    try:
        with _host_key_batch(host_keys):
            results = await asyncio.gather(
                *(run.device(d, credentials_for(d)) for d in targets))
            await run.batcher.close()
        summary = summarize(run_id, results, time.monotonic() - started)
        if emit_run_finished:
            # Device events first, so that run_finished is the last thing receivers see.
            await loop.run_in_executor(None, dispatcher.drain, EVENT_DRAIN_TIMEOUT)
            dispatcher.emit(Event(EventType.RUN_FINISHED, run_id, summary=summary))
    finally:
        await loop.run_in_executor(None, cleaner.close)
        await loop.run_in_executor(None, dispatcher.close, EVENT_DRAIN_TIMEOUT)
    log.info("run %s finished: %d ok, %d failed, %d changed in %.2fs", run_id, summary.ok,
             summary.failed, summary.changed, summary.duration)
    return BackupRun(summary=summary, results=list(results))


def run_sync(coro: Coroutine[Any, Any, T], grace: float = 2.0) -> T:
    """Run ``coro`` on a fresh event loop and tear it down without waiting on hung work.

    Unlike :func:`asyncio.run`, leftover tasks get ``grace`` seconds after cancellation and the
    default executor is not joined, so an abandoned device can't delay the return.  From inside
    a running loop the coroutine runs on a loop in a helper thread.
    """
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        pass
    else:
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="netraven-run") as helper:
            return helper.submit(run_sync, coro, grace).result()
    loop = asyncio.new_event_loop()
    try:
        return loop.run_until_complete(coro)
    finally:
        try:
            leftovers = [t for t in asyncio.all_tasks(loop) if not t.done()]
            for task in leftovers:
                task.cancel()
            if leftovers:
                loop.run_until_complete(asyncio.wait(leftovers, timeout=grace))
            loop.run_until_complete(loop.shutdown_asyncgens())
        finally:
            loop.close()


def run_backup(inventory: Inventory, storage: Any, *, registry: Registry | None = None, workers: int = 50,
               timeout: float = 60.0, retries: int = 2, host_keys: Any = None,
               host_key_mode: HostKeyMode | str = HostKeyMode.TOFU, notifiers: Iterable[Any] = (),
               progress: Progress | None = None, run_id: str | None = None,
               **options: Any) -> BackupRun:
    """Back up every device of ``inventory`` into ``storage``; one result per device.

    :param inventory: devices and credentials (credentials apply by shared tag, lowest
        priority number first; an authentication failure falls back to the next one).
    :param storage: a :class:`~netraven_core.protocols.Storage` instance.
    :param registry: plugins to use (drivers, platforms, redaction rules, event hooks).
    :param workers: devices fetched at once.
    :param timeout: hard limit in seconds per device, all attempts and backoff included.
    :param retries: extra attempts per credential for retryable errors (timeouts, refused...).
    :param host_keys: a :class:`~netraven_core.protocols.HostKeyStore` remembering SSH host keys;
        ``None`` remembers nothing (every connection is then a first use in ``tofu`` mode).
    :param host_key_mode: ``tofu`` (default), ``strict`` or ``off``.
    :param notifiers: notifier instances receiving the run's events.
    :param progress: ``progress(result, done, total)``, called on the engine's loop thread after
        each device; must return quickly.
    :param run_id: the run's id (generated when omitted).
    :param options: passed to :func:`run_backup_async` (``devices``, ``policy``, ``batch_size``,
        ``batch_delay``).
    """
    return run_sync(run_backup_async(
        inventory, storage, registry=registry, workers=workers, timeout=timeout, retries=retries,
        host_keys=host_keys, host_key_mode=host_key_mode, notifiers=notifiers, progress=progress,
        run_id=run_id, **options))


def backup_device(device: Device, credentials: Sequence[Credential], storage: Any, *,
                  registry: Registry | None = None, timeout: float = 60.0, retries: int = 2,
                  host_keys: Any = None, host_key_mode: HostKeyMode | str = HostKeyMode.TOFU,
                  notifiers: Iterable[Any] = (), run_id: str | None = None,
                  policy: AttemptPolicy | None = None) -> DeviceResult:
    """Back up one device with the given credentials (already filtered and ordered) and return
    its result.  Emits the device's events but no ``run_finished``; the server uses this to run
    each device as its own task."""
    inventory = Inventory(devices=(device,), credentials=tuple(credentials))
    run = run_sync(run_backup_async(
        inventory, storage, registry=registry, workers=1, timeout=timeout, retries=retries,
        host_keys=host_keys, host_key_mode=host_key_mode, notifiers=notifiers, run_id=run_id,
        devices=[device], policy=policy, batch_delay=0.0, emit_run_finished=False,
        credentials_for=lambda _device: list(credentials)))
    return run.results[0]
