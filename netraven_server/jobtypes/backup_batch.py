"""The ``backup`` job for a batch of devices: one engine run over all of them.

One task per device paid, per device, a new event loop, a credential query, a host-key write
and a git commit of its own; here a batch shares one engine run (its devices fetched
concurrently on one event loop, changed configurations stored in one commit per storage batch),
the credentials are read and decrypted once, and new host keys are handed to the caller's
result writer instead of a transaction each.  Each device's outcome is reported as soon as it
is known (``on_outcome``), so results stream into the database while the batch runs.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from sqlalchemy import select

from netraven_core import engine
from netraven_core.configtext.cleaning import MIN_DEVICES_FOR_PROCESSES, default_processes
from netraven_core.models import HostKeyMode, Inventory

from ..db.models import ConfigVersion
from ..services.version_checks import RecentRules
from .backup import (
    NO_CREDENTIAL,
    KeepSavedText,
    core_device,
    credentials_for,
    load_all_credentials,
    outcome_of,
    warn_if_unchecked,
)
from .base import DeviceOutcome, DeviceSnapshot, JobContext

log = logging.getLogger(__name__)

OnOutcome = Callable[[DeviceSnapshot, DeviceOutcome], None]
KeySink = Callable[[int, str], None]


class BatchHostKeys:
    """A :class:`~netraven_core.protocols.HostKeyStore` over the batch's device rows; a key seen
    for the first time goes to ``sink(device_id, key)`` (written with the device's result)."""

    def __init__(self, devices: Sequence[DeviceSnapshot], sink: KeySink):
        self.devices = {d.hostname: d for d in devices}
        self.sink = sink

    def get(self, hostname: str) -> str | None:
        device = self.devices.get(hostname)
        return device.host_key if device is not None else None

    def set(self, hostname: str, key: str) -> None:
        device = self.devices.get(hostname)
        if device is not None:
            self.sink(device.id, key)


def _indexed_refs(ctx: JobContext, device_ids: list[int]) -> set[tuple[int, str]]:
    with ctx.session(readonly=True) as s:
        return set(s.execute(select(ConfigVersion.device_id, ConfigVersion.storage_ref)
                             .where(ConfigVersion.device_id.in_(device_ids))).all())


def run_batch(ctx: JobContext, devices: Sequence[DeviceSnapshot], on_outcome: OnOutcome,
              host_key_sink: KeySink, *, concurrency: int | None = None) -> None:
    """Back up ``devices`` in one engine run, ``concurrency`` at once (default: all);
    ``on_outcome`` is called once per device, from the engine's thread, as soon as it is done."""
    runtime, opts = ctx.runtime, ctx.options
    all_credentials = load_all_credentials(ctx, {t for d in devices for t in d.tags})
    per_device = {d.hostname: credentials_for(all_credentials, d) for d in devices}
    for device in devices:
        if not per_device[device.hostname]:
            on_outcome(device, DeviceOutcome("failed", attempts=0, error_category="auth",
                                             error=NO_CREDENTIAL))
    targets = [d for d in devices if per_device[d.hostname]]
    if not targets:
        return
    warn_if_unchecked(ctx, ", ".join(d.hostname for d in targets[:3]) + (" ..." if len(targets) > 3 else ""))
    indexed = _indexed_refs(ctx, [d.id for d in targets])
    by_hostname = {d.hostname: d for d in targets}
    keeping = KeepSavedText(runtime.storage)
    rules = RecentRules(runtime.db)

    def progress(result, _done, _total) -> None:
        device = by_hostname[result.hostname]
        outcome = outcome_of(ctx, device, result, per_device[device.hostname],
                             lambda device_id, ref: (device_id, ref) in indexed, keeping.texts,
                             rules=rules.get())
        on_outcome(device, outcome)

    core = [core_device(d) for d in targets]
    engine.run_backup(
        Inventory(devices=tuple(core), credentials=()), keeping, registry=runtime.registry,
        workers=min(len(core), concurrency or len(core)), timeout=float(opts.get("timeout", 60)),
        retries=int(opts.get("retries", 2)),
        host_keys=BatchHostKeys(targets, host_key_sink),
        host_key_mode=HostKeyMode(opts.get("host_key_mode", HostKeyMode.TOFU.value)),
        run_id=str(ctx.run_id), progress=progress, emit_run_finished=False,
        credentials_for=lambda d: per_device[d.hostname], sections=opts.get("sections", True) is not False,
        # Cleaning on the batch's own loop: a process pool per batch would cost more than it saves.
        clean_processes=0, batch_delay=0.5)


ClaimSome = Callable[[int], list[DeviceSnapshot]]


def run_stream(ctx: JobContext, claim: ClaimSome, on_outcome: OnOutcome, host_key_sink: KeySink, *,
               concurrency: int) -> None:
    """Back up devices as ``claim(n)`` hands them out (a blocking call, up to ``n`` snapshots),
    ``concurrency`` at once, until it hands out none; ``on_outcome`` as for :func:`run_batch`."""
    import asyncio

    from netraven_core.engine.run import run_sync
    from netraven_core.engine.stream import stream_backup_async

    runtime, opts = ctx.runtime, ctx.options
    all_credentials = load_all_credentials(ctx, None)
    known: dict[str, DeviceSnapshot] = {}
    per_device: dict[str, list] = {}
    keys = BatchHostKeys([], host_key_sink)
    warned = [False]
    # The texts the stream stores, so a new version's checks need no read back from git (a
    # `git cat-file` per changed device was a sixth of the consumer's CPU); each is dropped when
    # its device's outcome is built, so a run's texts are never all held at once.
    keeping = KeepSavedText(runtime.storage)
    rules = RecentRules(runtime.db)

    def take(n: int) -> tuple[list, bool]:
        """(the claimed devices that have credentials, whether anything was claimed at all)."""
        out, claimed = [], claim(n)
        for device in claimed:
            creds = credentials_for(all_credentials, device)
            if not creds:
                on_outcome(device, DeviceOutcome("failed", attempts=0, error_category="auth",
                                                 error=NO_CREDENTIAL))
                continue
            known[device.hostname], per_device[device.hostname] = device, creds
            keys.devices[device.hostname] = device
            out.append(core_device(device))
        if out and not warned[0]:
            warned[0] = True
            warn_if_unchecked(ctx, f"run {ctx.run_id}")
        return out, bool(claimed)

    async def claim_async(n: int) -> list:
        loop = asyncio.get_running_loop()
        while True:  # a group of devices without credentials is no reason to stop
            devices, any_claimed = await loop.run_in_executor(None, take, n)
            if devices or not any_claimed:
                return devices

    def progress(result, _done, _total) -> None:
        device = known[result.hostname]

        def build() -> DeviceOutcome:  # called by the result writer, off the engine's loop
            indexed = _indexed_refs(ctx, [device.id]) if result.ok and not result.changed else set()
            text = keeping.texts.pop(device.hostname, None)  # absent (or built before): read back
            return outcome_of(ctx, device, result, per_device[device.hostname],
                              lambda device_id, ref: (device_id, ref) in indexed,
                              {device.hostname: text} if text is not None else None, rules=rules.get())

        on_outcome(device, build)

    run_sync(stream_backup_async(
        claim_async, keeping, credentials_for=lambda d: per_device[d.hostname],
        registry=runtime.registry, workers=concurrency, timeout=float(opts.get("timeout", 60)),
        retries=int(opts.get("retries", 2)), host_keys=keys,
        host_key_mode=HostKeyMode(opts.get("host_key_mode", HostKeyMode.TOFU.value)),
        progress=progress, run_id=str(ctx.run_id), sections=opts.get("sections", True) is not False,
        # Cleaning in a worker process, as the engine does for a large run: the stream lasts a run.
        clean_processes=default_processes(MIN_DEVICES_FOR_PROCESSES)))
