"""The backup engine with scripted in-process drivers (no network)."""

from __future__ import annotations

import asyncio
import logging
import threading
import time

import pytest

from netraven_core.engine import backup_device, run_backup
from netraven_core.engine.attempt import AttemptPolicy
from netraven_core.engine.hostkeys import MemoryHostKeyStore
from netraven_core.errors import ErrorCategory, FetchError
from netraven_core.hookspecs import hookimpl
from netraven_core.models import Credential, DeviceStatus, EventType, HostKeyMode

from ..support.engine_fakes import (
    CONFIG_SECRET,
    HOST_KEY_A,
    HOST_KEY_B,
    LAB,
    MemoryStorage,
    config_text,
    lab_inventory,
    make_registry,
)

FAST = {"backoff_base": 0.001, "backoff_cap": 0.002}


@pytest.fixture(autouse=True)
def _fresh_lab():
    LAB.reset()
    yield
    LAB.reset()


def replace_driver(inv, driver):
    from dataclasses import replace

    return replace(inv, devices=tuple(replace(d, driver=driver) for d in inv.devices))


def policy(**kw) -> AttemptPolicy:
    return AttemptPolicy(**{"timeout": 10.0, "retries": 2, **FAST, **kw})


class Recorder:
    name = "recorder"

    def __init__(self):
        self.events = []
        self.lock = threading.Lock()

    def notify(self, event):
        with self.lock:
            self.events.append(event)

    def types(self, hostname=None):
        return [e.type for e in self.events if hostname is None or e.hostname == hostname]


def cred(name, priority, *, tags=("lab",), password=None):
    return Credential(name=name, username="admin", password=password or f"pw-{name}-9",
                      enable_secret=f"en-{name}-9", priority=priority, tags=frozenset(tags))


# --------------------------------------------------------------------------- basics


def test_one_result_per_device_in_inventory_order_and_summary():
    inv = lab_inventory(7)
    storage = MemoryStorage()
    run = run_backup(inv, storage, registry=make_registry(), workers=3)
    assert [r.hostname for r in run.results] == [d.hostname for d in inv.devices]
    assert all(r.status is DeviceStatus.OK for r in run.results)
    assert all(r.changed and r.version and r.credential == "default" for r in run.results)
    assert all(r.attempts == 1 and r.driver == "fake" and r.duration > 0 for r in run.results)
    s = run.summary
    assert (s.total, s.ok, s.failed, s.changed, s.unchanged) == (7, 7, 0, 7, 0)
    assert storage.saves == 1  # batched: one save (one commit) for the whole run
    assert LAB.max_active <= 3


def test_unchanged_rerun_stores_nothing_and_reports_latest_version():
    inv = lab_inventory(3)
    storage = MemoryStorage()
    first = run_backup(inv, storage, registry=make_registry())
    for d in inv.devices:  # only the volatile line differs
        LAB.configs[d.hostname] = config_text(d.hostname, stamp="t1")
    second = run_backup(inv, storage, registry=make_registry())
    assert storage.saves == 1
    assert second.summary.changed == 0 and second.summary.unchanged == 3
    for a, b in zip(first.results, second.results, strict=True):
        assert b.ok and not b.changed and b.version == a.version


def test_real_change_is_stored_with_stats_and_redacted_diff():
    inv = lab_inventory(2)
    storage = MemoryStorage()
    registry = make_registry()
    run_backup(inv, storage, registry=registry)
    LAB.configs["dev01"] = config_text("dev01", extra="interface eth1\n", secret="n3w-s3cr3t")
    rec = Recorder()
    run = run_backup(inv, storage, registry=registry, notifiers=[rec])
    r = run.result("dev01")
    assert r.changed and (r.lines_added, r.lines_removed) == (1, 0)
    assert not run.result("dev00").changed
    assert len(storage.versions["dev01"]) == 2
    changed = [e for e in rec.events if e.type is EventType.CONFIG_CHANGED]
    assert [e.hostname for e in changed] == ["dev01"]
    assert "+interface eth1" in changed[0].diff
    assert "n3w-s3cr3t" not in changed[0].diff and CONFIG_SECRET not in changed[0].diff


def test_stored_text_is_redacted_and_free_of_credential_values():
    inv = lab_inventory(1)
    LAB.configs["dev00"] = config_text("dev00", extra="snmp community pw-default-1\n")
    storage = MemoryStorage()
    run_backup(inv, storage, registry=make_registry())
    text = storage.latest_text("dev00")
    assert "hostname dev00" in text
    assert CONFIG_SECRET not in text and "pw-default-1" not in text
    assert "generated at" not in text  # volatile line dropped before storing


# --------------------------------------------------------------------------- credentials


def test_credentials_tried_in_priority_order_until_one_works():
    creds = (cred("low", 50), cred("other-tag", 1, tags=("core",)), cred("first", 1), cred("mid", 10))
    inv = lab_inventory(1, credentials=creds)
    LAB.accepted["dev00"] = {"low"}
    run = run_backup(inv, MemoryStorage(), registry=make_registry())
    r = run.result("dev00")
    assert r.ok and r.credential == "low" and r.attempts == 3
    assert [name for _h, name in LAB.calls] == ["first", "mid", "low"]


def test_every_credential_refused_is_auth_and_names_them_without_secrets():
    inv = lab_inventory(1, credentials=(cred("a", 1), cred("b", 2)))
    LAB.accepted["dev00"] = set()
    rec = Recorder()
    run = run_backup(inv, MemoryStorage(), registry=make_registry(), notifiers=[rec])
    r = run.result("dev00")
    assert r.status is DeviceStatus.FAILED and r.error_category is ErrorCategory.AUTH
    assert "a, b" in r.error and r.attempts == 2  # auth failures are not retried
    assert "pw-a-9" not in r.error and "pw-b-9" not in r.error
    assert rec.types("dev00") == [EventType.DEVICE_FAILED]


def test_device_without_applicable_credential_fails_auth():
    inv = lab_inventory(1, credentials=(cred("core", 1, tags=("core",)),))
    run = run_backup(inv, MemoryStorage(), registry=make_registry())
    r = run.result("dev00")
    assert r.error_category is ErrorCategory.AUTH and "no credential" in r.error and r.attempts == 0


# --------------------------------------------------------------------------- retries


def flaky(category, failures):
    def behaviour(target, attempt):
        if attempt <= failures:
            raise FetchError(category, f"simulated {category.value} #{attempt}")
        return None
    return behaviour


@pytest.mark.parametrize("category", [ErrorCategory.REFUSED, ErrorCategory.TIMEOUT,
                                      ErrorCategory.DISCONNECTED, ErrorCategory.UNREACHABLE])
def test_retryable_errors_are_retried(category):
    inv = lab_inventory(1)
    LAB.behaviours["dev00"] = flaky(category, 2)
    run = run_backup(inv, MemoryStorage(), registry=make_registry(), policy=policy(retries=2))
    assert run.result("dev00").ok and run.result("dev00").attempts == 3


def test_retries_exhausted_keeps_the_category():
    inv = lab_inventory(1)
    LAB.behaviours["dev00"] = flaky(ErrorCategory.REFUSED, 5)
    run = run_backup(inv, MemoryStorage(), registry=make_registry(), policy=policy(retries=1))
    r = run.result("dev00")
    assert r.error_category is ErrorCategory.REFUSED and r.attempts == 2
    assert len(LAB.calls) == 2  # a connection problem does not move on to other credentials


@pytest.mark.parametrize("category", [ErrorCategory.ENABLE, ErrorCategory.COMMAND, ErrorCategory.HOST_KEY])
def test_non_retryable_errors_stop_at_once(category):
    inv = lab_inventory(1, credentials=(cred("a", 1), cred("b", 2)))
    LAB.behaviours["dev00"] = flaky(category, 99)
    run = run_backup(inv, MemoryStorage(), registry=make_registry(), policy=policy(retries=3))
    r = run.result("dev00")
    assert r.error_category is category and r.attempts == 1
    assert LAB.calls == [("dev00", "a")]


def test_backoff_is_full_jitter_bounded_by_cap():
    p = AttemptPolicy(backoff_base=0.5, backoff_cap=3.0)
    for retry in range(8):
        for _ in range(50):
            assert 0 <= p.backoff(retry) <= min(3.0, 0.5 * 2 ** retry)


def test_backoff_sleeps_between_retries(monkeypatch):
    slept = []
    real_sleep = asyncio.sleep

    async def fake_sleep(delay, *args, **kwargs):
        if delay >= 0.05:  # the engine's backoff (the fake driver's own 10 ms sleep passes through)
            slept.append(delay)
            delay = 0
        return await real_sleep(delay, *args, **kwargs)

    monkeypatch.setattr(asyncio, "sleep", fake_sleep)
    import netraven_core.engine.attempt as attempt_mod

    monkeypatch.setattr(attempt_mod.random, "uniform", lambda lo, hi: hi)
    inv = lab_inventory(1)
    LAB.behaviours["dev00"] = flaky(ErrorCategory.TIMEOUT, 3)
    run = run_backup(inv, MemoryStorage(), registry=make_registry(),
                     policy=AttemptPolicy(timeout=30, retries=3, backoff_base=0.1, backoff_cap=0.3))
    assert run.result("dev00").ok
    assert slept == [0.1, 0.2, 0.3]


def test_unknown_exception_is_classified_and_scrubbed():
    inv = lab_inventory(1)

    def boom(target, attempt):
        raise ValueError(f"parser choked near {target.credential.password}")

    LAB.behaviours["dev00"] = boom
    run = run_backup(inv, MemoryStorage(), registry=make_registry(), policy=policy(retries=0))
    r = run.result("dev00")
    assert r.error_category is ErrorCategory.UNEXPECTED
    assert "pw-default-1" not in r.error


# --------------------------------------------------------------------------- time limit


def test_hung_async_device_hits_the_time_limit_others_finish():
    inv = lab_inventory(4)

    async def hang_forever():
        await asyncio.Event().wait()

    LAB.behaviours["dev02"] = lambda target, attempt: hang_forever()
    started = time.monotonic()
    run = run_backup(inv, MemoryStorage(), registry=make_registry(), policy=policy(timeout=1.0))
    assert time.monotonic() - started < 10
    r = run.result("dev02")
    assert r.error_category is ErrorCategory.TIMEOUT and "time limit" in r.error
    assert "dev02" in LAB.aborted
    assert run.summary.ok == 3


def test_async_device_ignoring_cancellation_cannot_stall_the_run():
    inv = lab_inventory(2)

    async def stubborn():
        while True:
            try:
                await asyncio.sleep(3600)
            except asyncio.CancelledError:
                continue

    LAB.behaviours["dev01"] = lambda target, attempt: stubborn()
    started = time.monotonic()
    run = run_backup(inv, MemoryStorage(), registry=make_registry(),
                     policy=policy(timeout=0.5, abort_grace=0.2))
    assert time.monotonic() - started < 10
    assert run.result("dev01").error_category is ErrorCategory.TIMEOUT
    assert run.result("dev00").ok


def test_driver_raising_cancelled_error_fails_only_its_device():
    inv = lab_inventory(2)

    async def self_cancel():
        raise asyncio.CancelledError

    LAB.behaviours["dev00"] = lambda target, attempt: self_cancel()
    run = run_backup(inv, MemoryStorage(), registry=make_registry(), policy=policy(retries=0))
    assert run.result("dev00").error_category is ErrorCategory.UNEXPECTED
    assert run.result("dev01").ok


def test_hung_blocking_device_hits_the_time_limit_others_finish():
    inv = lab_inventory(4, driver="fake_blocking")
    release = threading.Event()

    def hang(target, attempt):
        release.wait(60)  # a library call that never returns (abort can't reach it)
        raise FetchError(ErrorCategory.DISCONNECTED, "released")

    LAB.behaviours["dev01"] = hang
    started = time.monotonic()
    try:
        run = run_backup(inv, MemoryStorage(), registry=make_registry(), workers=2,
                         policy=policy(timeout=1.0, abort_grace=0.2))
    finally:
        release.set()
    assert time.monotonic() - started < 10
    assert run.result("dev01").error_category is ErrorCategory.TIMEOUT
    assert "dev01" in LAB.aborted
    assert [r.ok for r in run.results] == [True, False, True, True]


def test_device_driver_options_reach_the_driver():
    from dataclasses import replace

    inv = lab_inventory(1)
    device = replace(inv.devices[0], vars={"driver_options": {"width": 200}})
    run_backup(replace(inv, devices=(device,)), MemoryStorage(), registry=make_registry())
    assert LAB.targets[0].driver_options == {"width": 200}


def test_events_of_a_device_arrive_in_order_and_run_finished_last():
    import random as stdlib_random

    class Jittery(Recorder):
        def notify(self, event):
            time.sleep(stdlib_random.uniform(0, 0.01))
            super().notify(event)

    inv = lab_inventory(12)
    storage = MemoryStorage()
    run_backup(inv, storage, registry=make_registry())
    for d in inv.devices:
        LAB.configs[d.hostname] = config_text(d.hostname, extra="logging host 10.9.9.9\n")
    rec = Jittery()
    run_backup(inv, storage, registry=make_registry(), notifiers=[rec])
    for d in inv.devices:
        assert rec.types(d.hostname) == [EventType.DEVICE_BACKED_UP, EventType.CONFIG_CHANGED]
    assert rec.events[-1].type is EventType.RUN_FINISHED


def test_duration_excludes_waiting_for_a_worker_slot():
    inv = lab_inventory(8)

    def slow(target, attempt):
        time.sleep(0.05)

    for d in inv.devices:
        LAB.behaviours[d.hostname] = slow
    inv = replace_driver(inv, "fake_blocking")
    run = run_backup(inv, MemoryStorage(), registry=make_registry(), workers=1)
    assert all(r.duration < run.summary.duration / 3 for r in run.results)
    starts = [r.started_at for r in run.results]
    assert starts == sorted(starts) and starts[0] < starts[-1]


def test_driver_gets_the_remaining_budget_as_operation_timeout():
    inv = lab_inventory(1)
    run_backup(inv, MemoryStorage(), registry=make_registry(), policy=policy(timeout=7.0))
    assert 0 < LAB.targets[0].timeout <= 7.0
    run_backup(inv, MemoryStorage(), registry=make_registry(),
               policy=policy(timeout=7.0, operation_timeout=2.0))
    assert LAB.targets[1].timeout == 2.0


# --------------------------------------------------------------------------- last good version


@pytest.mark.parametrize("bad", ["truncated", "failed"])
def test_failed_or_truncated_fetch_keeps_last_good_version(bad):
    inv = lab_inventory(2)
    storage = MemoryStorage()
    first = run_backup(inv, storage, registry=make_registry())
    good = storage.latest_text("dev00")
    if bad == "truncated":
        LAB.configs["dev00"] = "hostname dev00\n interface eth0\n"  # no 'end'
    else:
        LAB.behaviours["dev00"] = flaky(ErrorCategory.DISCONNECTED, 99)
    run = run_backup(inv, storage, registry=make_registry(), policy=policy(retries=1))
    r = run.result("dev00")
    assert not r.ok and r.error_category is (
        ErrorCategory.TRUNCATED if bad == "truncated" else ErrorCategory.DISCONNECTED)
    assert r.attempts == 2  # truncation is retried too
    assert storage.latest_text("dev00") == good
    assert [v.version for v in storage.versions["dev00"]] == [first.result("dev00").version]


def test_storage_failure_fails_the_changed_devices_only():
    inv = lab_inventory(2)
    storage = MemoryStorage()
    run_backup(inv, storage, registry=make_registry())
    storage.fail = True
    LAB.configs["dev00"] = config_text("dev00", extra="ntp server 10.0.0.1\n")
    run = run_backup(inv, storage, registry=make_registry())
    assert run.result("dev00").error_category is ErrorCategory.STORAGE
    assert not ErrorCategory.STORAGE.retryable
    assert "storage error" in run.result("dev00").error
    assert run.result("dev01").ok


# --------------------------------------------------------------------------- host keys


def test_tofu_remembers_then_rejects_a_changed_key():
    inv = lab_inventory(1)
    keys = MemoryHostKeyStore()
    storage = MemoryStorage()
    assert run_backup(inv, storage, registry=make_registry(), host_keys=keys).result("dev00").ok
    assert keys.get("dev00") == HOST_KEY_A
    assert LAB.targets[0].known_host_key is None
    assert run_backup(inv, storage, registry=make_registry(), host_keys=keys).result("dev00").ok
    assert LAB.targets[1].known_host_key == HOST_KEY_A
    LAB.host_keys["dev00"] = HOST_KEY_B  # the device was replaced, or someone is in the middle
    r = run_backup(inv, storage, registry=make_registry(), host_keys=keys).result("dev00")
    assert r.error_category is ErrorCategory.HOST_KEY and r.attempts == 1
    assert keys.get("dev00") == HOST_KEY_A  # never silently replaced


def test_strict_mode_refuses_unknown_keys_and_off_remembers_nothing():
    inv = lab_inventory(1)
    keys = MemoryHostKeyStore()
    r = run_backup(inv, MemoryStorage(), registry=make_registry(), host_keys=keys,
                   host_key_mode="strict").result("dev00")
    assert r.error_category is ErrorCategory.HOST_KEY
    assert LAB.targets[0].host_key_mode is HostKeyMode.STRICT
    r = run_backup(inv, MemoryStorage(), registry=make_registry(), host_keys=keys,
                   host_key_mode=HostKeyMode.OFF).result("dev00")
    assert r.ok and keys.get("dev00") is None
    keys.set("dev00", HOST_KEY_A)
    assert run_backup(inv, MemoryStorage(), registry=make_registry(), host_keys=keys,
                      host_key_mode="strict").result("dev00").ok


# --------------------------------------------------------------------------- events, progress


def test_events_for_success_change_failure_and_run_end():
    inv = lab_inventory(3)
    storage = MemoryStorage()
    run_backup(inv, storage, registry=make_registry())
    LAB.configs["dev00"] = config_text("dev00", extra="vlan 10\n")
    LAB.behaviours["dev02"] = flaky(ErrorCategory.REFUSED, 99)
    rec = Recorder()
    run = run_backup(inv, storage, registry=make_registry(), notifiers=[rec], policy=policy(retries=0))
    assert rec.types("dev00") == [EventType.DEVICE_BACKED_UP, EventType.CONFIG_CHANGED]
    assert rec.types("dev01") == [EventType.DEVICE_BACKED_UP]
    assert rec.types("dev02") == [EventType.DEVICE_FAILED]
    assert rec.events[-1].type is EventType.RUN_FINISHED
    assert rec.events[-1].summary == run.summary
    assert rec.events[-1].as_dict()["summary"]["failed"] == 1


def test_broken_notifiers_and_hooks_never_break_a_run(caplog):
    class Broken:
        name = "broken"

        def notify(self, event):
            raise RuntimeError("notifier down")

    seen = []

    class BrokenHook:
        @hookimpl
        def netraven_event(self, event):
            raise RuntimeError("hook down")

    class GoodHook:
        @hookimpl
        def netraven_event(self, event):
            seen.append(event.type)

    inv = lab_inventory(2)
    rec = Recorder()
    with caplog.at_level(logging.ERROR):
        run = run_backup(inv, MemoryStorage(), registry=make_registry(BrokenHook(), GoodHook()),
                         notifiers=[Broken(), rec])
    assert run.summary.ok == 2
    assert len(rec.events) == 3 and seen.count(EventType.DEVICE_BACKED_UP) == 2
    assert "notifier down" in caplog.text and "hook down" in caplog.text


def test_progress_callback_called_once_per_device():
    inv = lab_inventory(5)
    calls = []

    def progress(result, done, total):
        calls.append((result.hostname, done, total))
        if done == 2:
            raise RuntimeError("a broken progress bar is not fatal")

    run = run_backup(inv, MemoryStorage(), registry=make_registry(), progress=progress)
    assert sorted(h for h, _d, _t in calls) == [d.hostname for d in inv.devices]
    assert [d for _h, d, _t in calls] == [1, 2, 3, 4, 5] and {t for *_x, t in calls} == {5}
    assert run.summary.ok == 5


def test_no_secret_in_logs_results_or_events(caplog):
    inv = lab_inventory(2)
    LAB.accepted["dev01"] = set()
    storage = MemoryStorage()
    rec = Recorder()
    with caplog.at_level(logging.DEBUG):
        run = run_backup(inv, storage, registry=make_registry(), notifiers=[rec])
        LAB.configs["dev00"] = config_text("dev00", extra="x\n", secret="another-s3cret")
        run2 = run_backup(inv, storage, registry=make_registry(), notifiers=[rec])
    blob = caplog.text + repr(run) + repr(run2) + repr([e.as_dict() for e in rec.events])
    for secret in ("pw-default-1", "en-default-1", CONFIG_SECRET, "another-s3cret"):
        assert secret not in blob


# --------------------------------------------------------------------------- single device, loops


def test_backup_device_returns_one_result_without_run_finished():
    inv = lab_inventory(1)
    storage = MemoryStorage()
    rec = Recorder()
    device = inv.devices[0]
    creds = [cred("x", 5, tags=("unrelated",))]  # given explicitly: used as they are
    r = backup_device(device, creds, storage, registry=make_registry(), notifiers=[rec], timeout=5)
    assert r.ok and r.changed and r.credential == "x" and r.version
    assert rec.types() == [EventType.DEVICE_BACKED_UP]
    r2 = backup_device(device, creds, storage, registry=make_registry(), timeout=5)
    assert r2.ok and not r2.changed and r2.version == r.version


def test_run_backup_works_from_inside_a_running_loop():
    inv = lab_inventory(2)

    async def caller():
        return run_backup(inv, MemoryStorage(), registry=make_registry())

    assert asyncio.run(caller()).summary.ok == 2


def test_unknown_platform_or_driver_fails_that_device_only():
    from dataclasses import replace

    inv = lab_inventory(3)
    devices = (replace(inv.devices[0], platform="nosuch"), replace(inv.devices[1], driver="nosuch"),
               inv.devices[2])
    run = run_backup(replace(inv, devices=devices), MemoryStorage(), registry=make_registry())
    unexpected = ErrorCategory.UNEXPECTED
    assert [r.error_category for r in run.results] == [unexpected, unexpected, None]
