"""The streamed run (``stream_backup_async``): devices handed out by ``claim(n)`` as slots free up."""

from __future__ import annotations

import asyncio

import pytest

from netraven_core.engine.stream import stream_backup_async
from netraven_core.models import DeviceStatus

from ..support.engine_fakes import LAB, MemoryStorage, lab_inventory, make_registry


@pytest.fixture(autouse=True)
def _fresh_lab():
    LAB.reset()
    yield
    LAB.reset()


class CountingStorage(MemoryStorage):
    """Remembers how many configurations each save held."""

    def __init__(self):
        super().__init__()
        self.batches: list[int] = []

    def save(self, configs, **kw):
        self.batches.append(len(configs))
        return super().save(configs, **kw)


def run_stream(inv, storage, claim_log, *, workers, batch_delay=0.05):
    pending = list(inv.devices)
    creds = list(inv.credentials)

    async def claim(n):
        claim_log.append(n)
        taken, pending[:] = pending[:n], pending[n:]
        return taken

    return asyncio.run(stream_backup_async(claim, storage, credentials_for=lambda d: creds,
                                           registry=make_registry(), workers=workers, timeout=10,
                                           retries=0, batch_delay=batch_delay))


def test_every_claimed_device_once_and_stored():
    inv = lab_inventory(30)
    storage = MemoryStorage()
    results = run_stream(inv, storage, [], workers=4)
    assert sorted(r.hostname for r in results) == sorted(d.hostname for d in inv.devices)
    assert all(r.status is DeviceStatus.OK and r.changed for r in results)
    assert set(storage.versions) == {d.hostname for d in inv.devices}


def test_devices_waiting_for_their_storage_batch_hold_no_slot():
    # With a long batch timer, a stream whose slots were held until a device's commit would
    # back up workers + claim-ahead devices, then idle until the timer; here every device is
    # fetched first and the whole run lands in one batch, written once nothing is left to fetch.
    inv = lab_inventory(40)
    storage = CountingStorage()
    claims: list[int] = []
    results = run_stream(inv, storage, claims, workers=4, batch_delay=30)
    assert len(results) == 40 and all(r.status is DeviceStatus.OK for r in results)
    assert storage.batches == [40]
    assert max(claims) <= 5  # claims stay in groups of about a slot's worth


def test_last_batch_written_without_waiting_for_the_timer():
    inv = lab_inventory(5)
    storage = MemoryStorage()
    loop_time = []

    async def main():
        pending = list(inv.devices)

        async def claim(n):
            taken, pending[:] = pending[:n], pending[n:]
            return taken

        t0 = asyncio.get_running_loop().time()
        await stream_backup_async(claim, storage, credentials_for=lambda d: list(inv.credentials),
                                  registry=make_registry(), workers=8, timeout=10, retries=0,
                                  batch_delay=30)
        loop_time.append(asyncio.get_running_loop().time() - t0)

    asyncio.run(main())
    assert storage.saves == 1 and len(storage.versions) == 5
    assert loop_time[0] < 10  # a 30 s batch timer was not waited for
