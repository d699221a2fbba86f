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
STORE_BATCH = 500  # configurations per storage batch, at most; and devices waiting for one


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
    wake = asyncio.Event()
    settled = [0]  # devices past their fetch: failed, unchanged, or queued for storage

    def on_settled() -> None:
        settled[0] += 1
        wake.set()

    run = RunContext(registry=registry, storage=storage, policy=policy, workers=workers, host_keys=host_keys,
                     dispatcher=dispatcher, run_id=run_id, total=_UNBOUNDED, progress=progress,
                     batch_size=STORE_BATCH, batch_delay=batch_delay, cleaner=cleaner, sections=sections,
                     on_settled=on_settled)
    loop = asyncio.get_running_loop()
    started = time.monotonic()
    results: list[DeviceResult] = []
    in_flight: set[asyncio.Future[Any]] = set()
    waker: asyncio.Future[Any] | None = None
    # A slot is a device being fetched and cleaned: one queued for its storage batch (which is
    # written every ``batch_delay`` seconds) holds none, or the stream would go in lockstep with
    # the batch timer, fetching nothing while a batch waits.  The run's semaphore bounds the
    # fetches at ``workers``; a quarter as many again are claimed ahead, so that a freed slot
    # never waits for a claim (a database transaction for the server, so claims go in groups).
    group = max(1, workers // 4)
    fetch_limit, hold_limit = workers + group, workers + STORE_BATCH
    claimed = 0
    exhausted = False  # a claim came back empty: claim again only once nothing is in flight
    try:
        with _host_key_batch(host_keys):
            while True:
                fetching = claimed - settled[0]
                free = min(fetch_limit - fetching, hold_limit - len(in_flight))
                if not in_flight or (free >= group and not exhausted):
                    devices = await claim(max(1, free))
                    claimed += len(devices)
                    exhausted = not devices
                    for device in devices:
                        in_flight.add(asyncio.ensure_future(run.device(device, credentials_for(device))))
                if not in_flight:
                    break
                if exhausted and claimed == settled[0]:
                    run.batcher.flush()  # nothing left to fetch: the last batch need not wait
                if waker is None:
                    wake.clear()
                    waker = asyncio.ensure_future(wake.wait())
                done, _ = await asyncio.wait(in_flight | {waker}, return_when=asyncio.FIRST_COMPLETED)
                if waker in done:
                    done.discard(waker)
                    waker = None
                in_flight -= done
                results += [f.result() for f in done]
            await run.batcher.close()
    finally:
        for future in in_flight:
            future.cancel()
        if waker is not None:
            waker.cancel()
        await loop.run_in_executor(None, cleaner.close)
        await loop.run_in_executor(None, dispatcher.close, EVENT_DRAIN_TIMEOUT)
    log.info("stream %s: %d device(s) in %.2fs", run_id, len(results), time.monotonic() - started)
    return results
