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
from netraven_core.models import HostKeyMode, Inventory

from ..db.models import ConfigVersion
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

    def progress(result, _done, _total) -> None:
        device = by_hostname[result.hostname]
        outcome = outcome_of(ctx, device, result, per_device[device.hostname],
                             lambda device_id, ref: (device_id, ref) in indexed, keeping.texts)
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
