"""The backup engine: fetch every device concurrently, clean, compare, store, notify.

One asyncio event loop drives a run.  Asynchronous drivers are awaited on it, blocking drivers
run in threads; at most ``workers`` devices are being fetched at once.  Per device (see
:mod:`netraven_core.engine.attempt` for the fetching rules and the time limit):

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
import uuid
from collections.abc import Callable, Coroutine, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from typing import Any, TypeVar

from ..configtext.cleaning import Cleaner, default_processes
from ..errors import ErrorCategory
from ..models import (
    BackupRun,
    Credential,
    Device,
    DeviceResult,
    Event,
    EventType,
    HostKeyMode,
    Inventory,
    RunSummary,
)
from ..plugins import Registry
from ..protocols import DeferringHostKeyStore
from .attempt import AttemptPolicy
from .device_run import Progress, RunContext, redactor_for
from .events import EventDispatcher

log = logging.getLogger(__name__)

T = TypeVar("T")
# How long the end of a run waits for notifiers still delivering (a dead webhook retrying).
EVENT_DRAIN_TIMEOUT = 30.0


def new_run_id() -> str:
    """A sortable, unique run id: UTC timestamp plus a random suffix."""
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ-") + uuid.uuid4().hex[:8]


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
    if isinstance(host_keys, DeferringHostKeyStore):
        return host_keys.deferred()
    return contextlib.nullcontext()


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
    sections: bool = True,
) -> BackupRun:
    """:func:`run_backup` for callers that already run an event loop.

    ``sections``: collect the platforms' hardware/software sections and store them as a comment
    header (``False``: the configuration alone, for every device; a device's own
    ``sections: false`` turns them off for that device).  See :mod:`netraven_core.configtext.sections`.

    ``clean_processes``: worker processes that normalize, redact and diff the fetched
    configurations (``None``: one per core but one, for runs of 32 devices or more; ``0``: on
    the event loop thread).  See :mod:`netraven_core.configtext.cleaning`.
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
    run = RunContext(registry=registry, storage=storage, policy=policy, workers=workers,
                     host_keys=host_keys, dispatcher=dispatcher, run_id=run_id, total=len(targets),
                     progress=progress, batch_size=batch_size, batch_delay=batch_delay, cleaner=cleaner,
                     sections=sections)
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
        ``batch_delay``, ``sections=False`` to store no hardware/software sections).
    """
    return run_sync(run_backup_async(
        inventory, storage, registry=registry, workers=workers, timeout=timeout, retries=retries,
        host_keys=host_keys, host_key_mode=host_key_mode, notifiers=notifiers, progress=progress,
        run_id=run_id, **options))


def backup_device(device: Device, credentials: Sequence[Credential], storage: Any, *,
                  registry: Registry | None = None, timeout: float = 60.0, retries: int = 2,
                  host_keys: Any = None, host_key_mode: HostKeyMode | str = HostKeyMode.TOFU,
                  notifiers: Iterable[Any] = (), run_id: str | None = None,
                  policy: AttemptPolicy | None = None, sections: bool = True) -> DeviceResult:
    """Back up one device with the given credentials (already filtered and ordered) and return
    its result.  Emits the device's events but no ``run_finished``; the server uses this to run
    each device as its own task."""
    inventory = Inventory(devices=(device,), credentials=tuple(credentials))
    run = run_sync(run_backup_async(
        inventory, storage, registry=registry, workers=1, timeout=timeout, retries=retries,
        host_keys=host_keys, host_key_mode=host_key_mode, notifiers=notifiers, run_id=run_id,
        devices=[device], policy=policy, batch_delay=0.0, emit_run_finished=False,
        credentials_for=lambda _device: list(credentials), sections=sections))
    return run.results[0]
