"""Pure schedule arithmetic with an explicit clock."""

from datetime import UTC, datetime, timedelta

import pytest

from netraven_server.timetable import Schedule, due_slot, next_slot, validate

T0 = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)


def at(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


def test_interval_fires_on_grid_and_once_per_slot():
    s = Schedule("interval", interval=300, anchor=T0)
    assert due_slot(s, None, at(-1)) is None
    assert due_slot(s, None, at(0)) == at(0)
    assert due_slot(s, at(0), at(4)) is None
    assert next_slot(s, at(0), at(4)) == at(5)
    assert due_slot(s, at(0), at(5.5)) == at(5)


def test_missed_slots_run_once():
    s = Schedule("interval", interval=60, anchor=T0)
    # Down for an hour: only the latest slot is due, and after it nothing until the next one.
    slot = due_slot(s, at(0), at(61.5))
    assert slot == at(61)
    assert due_slot(s, slot, at(61.9)) is None
    assert next_slot(s, slot, at(61.9)) == at(62)


def test_cron_slots_and_anchor():
    s = Schedule("cron", cron="*/15 * * * *", anchor=at(1))
    assert due_slot(s, None, at(10)) is None  # 12:00 is before the job existed
    assert next_slot(s, None, at(10)) == at(15)
    assert due_slot(s, None, at(15)) == at(15)
    assert due_slot(s, at(15), at(29)) is None
    assert due_slot(s, at(15), at(200)) == at(195)  # missed: latest only


def test_cron_timezone():
    s = Schedule("cron", cron="0 9 * * *", anchor=T0, timezone="Europe/Paris")
    # 09:00 Paris in March (CET) is 08:00 UTC.
    assert next_slot(s, None, T0) == datetime(2025, 3, 2, 8, 0, tzinfo=UTC)


def test_onetime_runs_once_and_again_when_moved():
    s = Schedule("onetime", run_at=at(30), anchor=T0)
    assert due_slot(s, None, at(29)) is None
    assert next_slot(s, None, at(29)) == at(30)
    assert due_slot(s, None, at(31)) == at(30)
    assert due_slot(s, at(30), at(90)) is None
    assert next_slot(s, at(30), at(90)) is None
    moved = Schedule("onetime", run_at=at(120), anchor=T0)
    assert due_slot(moved, at(30), at(121)) == at(120)


def test_manual_never_due():
    s = Schedule("manual", anchor=T0)
    assert due_slot(s, None, at(1000)) is None
    assert next_slot(s, None, at(1000)) is None


def test_naive_datetimes_are_utc():
    s = Schedule("interval", interval=60, anchor=T0.replace(tzinfo=None))
    assert due_slot(s, at(0).replace(tzinfo=None), at(1)) == at(1)


@pytest.mark.parametrize(
    "schedule",
    [
        Schedule("interval", interval=59),
        Schedule("interval"),
        Schedule("cron", cron="not a cron"),
        Schedule("cron", cron="* * * * * *"),
        Schedule("onetime"),
        Schedule("weekly"),
        Schedule("cron", cron="* * * * *", timezone="Mars/Olympus"),
    ],
)
def test_validate_rejects(schedule):
    with pytest.raises(ValueError):
        validate(schedule)


def test_validate_accepts():
    for s in (Schedule("interval", interval=60), Schedule("cron", cron="0 2 * * 1-5"),
              Schedule("onetime", run_at=T0), Schedule("manual")):
        validate(s)
