"""A run fed device by device: keep ``workers`` devices in flight, asking for more as they finish.

:func:`~netraven_core.engine.run.run_backup_async` backs up a list known in advance.  A service
whose devices are handed out by a queue or a database (the server claims pending devices of a
run in small groups) cannot give the list up front, and cutting the run into fixed batches
leaves a batch's slots idle while its slowest device (a retry, a timeout) finishes.  Here the
caller's ``claim(n)`` is asked for up to ``n`` more devices whenever slots are free, until it
returns none while nothing is in flight; each device goes through the same pipeline as in a
run (:class:`~netraven_core.engine.device_run.RunContext`), results reach ``progress`` as they
are known.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from ..configtext.cleaning import Cleaner
from ..models import Credential, Device, DeviceResult, HostKeyMode
from ..plugins import Registry
from .attempt import AttemptPolicy
from .device_run import Progress, RunContext, redactor_for
from .events import EventDispatcher
from .run import EVENT_DRAIN_TIMEOUT, _host_key_batch

log = logging.getLogger(__name__)

Claim = Callable[[int], Awaitable[Sequence[Device]]]
# Devices still unknown: the storage batcher flushes on its timer, not on "every device decided".
_UNBOUNDED = 1 << 30


async def stream_backup_async(
    claim: Claim,
    storage: Any,
    *,
    credentials_for: Callable[[Device], Sequence[Credential]],
    registry: Registry | None = None,
    workers: int = 50,
    timeout: float = 60.0,
    retries: int = 2,
    host_keys: Any = None,
    host_key_mode: HostKeyMode | str = HostKeyMode.TOFU,
    progress: Progress | None = None,
    run_id: str = "stream",
    sections: bool = True,
    clean_processes: int = 0,
    batch_delay: float = 0.5,
) -> list[DeviceResult]:
    """Back up the devices ``claim`` hands out, ``workers`` at once; returns their results.

    ``claim(n)`` runs on the event loop (wrap blocking work in ``run_in_executor``) and returns
    up to ``n`` devices; an empty answer with nothing in flight ends the stream.
    """
    registry = registry if registry is not None else Registry()
    policy = AttemptPolicy(timeout=timeout, retries=retries, host_key_mode=HostKeyMode(host_key_mode))
    dispatcher = EventDispatcher((), registry.pm)
    cleaner = Cleaner(redactor_for(registry), clean_processes)
    run = RunContext(registry=registry, storage=storage, policy=policy, workers=workers, host_keys=host_keys,
                     dispatcher=dispatcher, run_id=run_id, total=_UNBOUNDED, progress=progress,
                     batch_size=500, batch_delay=batch_delay, cleaner=cleaner, sections=sections)
    loop = asyncio.get_running_loop()
    started = time.monotonic()
    results: list[DeviceResult] = []
    in_flight: set[asyncio.Future[DeviceResult]] = set()
    # The run's semaphore bounds the fetches at ``workers``; up to as many again may be claimed
    # ahead or be waiting for their storage batch, so that a device's commit never holds a slot.
    # Claims go in groups (a claim is a database transaction for the server): once a quarter of
    # the slots are free, or when nothing is in flight.
    limit, group = 2 * workers, max(1, workers // 4)
    try:
        with _host_key_batch(host_keys):
            while True:
                free = limit - len(in_flight)
                if free >= group or not in_flight:
                    for device in await claim(free):
                        in_flight.add(asyncio.ensure_future(run.device(device, credentials_for(device))))
                if not in_flight:
                    break
                done, in_flight = await asyncio.wait(in_flight, return_when=asyncio.FIRST_COMPLETED)
                results += [f.result() for f in done]
            await run.batcher.close()
    finally:
        for future in in_flight:
            future.cancel()
        await loop.run_in_executor(None, cleaner.close)
        await loop.run_in_executor(None, dispatcher.close, EVENT_DRAIN_TIMEOUT)
    log.info("stream %s: %d device(s) in %.2fs", run_id, len(results), time.monotonic() - started)
    return results
