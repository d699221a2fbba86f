"""Schedule arithmetic: when is a job's slot due, and when will it next run.

Pure functions over a :class:`Schedule` and explicit ``now``/``last_slot`` times, so tests drive
them with any clock.  A *slot* is the nominal time a scheduled run belongs to; the scheduler
claims a slot in the database (see :mod:`netraven_server.service.scheduler`) so each slot runs once.

Rules:

- ``interval``: slots at ``anchor + k * interval`` (k >= 0); the anchor is the job's start time
  (default: its creation time), so the grid does not drift with late ticks.
- ``cron``: slots are the croniter matches (UTC, or the schedule's ``timezone``) at or after the
  anchor.
- ``onetime``: a single slot at ``run_at``; moving ``run_at`` later makes it due again.
- ``manual``: never due.

Only the *latest* slot at or before ``now`` is ever due, so after downtime a job runs once, not
once per missed slot.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from croniter import CroniterBadDateError, croniter

from .clock import as_utc

KINDS = ("interval", "cron", "onetime", "manual")
MIN_INTERVAL = 60  # seconds; the scheduler ticks once a minute


@dataclass(frozen=True)
class Schedule:
    """A job's schedule.  ``anchor`` is when the schedule starts counting (start or creation)."""

    kind: str
    interval: int | None = None  # seconds, for "interval"
    cron: str | None = None  # five-field expression, for "cron"
    run_at: datetime | None = None  # for "onetime"
    anchor: datetime | None = None
    timezone: str | None = None  # IANA name for cron; default UTC


def validate(schedule: Schedule) -> None:
    """Raise ``ValueError`` with a readable message when the schedule cannot work."""
    if schedule.kind not in KINDS:
        raise ValueError(f"schedule type must be one of {', '.join(KINDS)}")
    if schedule.kind == "interval":
        if schedule.interval is None or schedule.interval < MIN_INTERVAL:
            raise ValueError(f"interval must be at least {MIN_INTERVAL} seconds")
    elif schedule.kind == "cron":
        if not schedule.cron or not croniter.is_valid(schedule.cron):
            raise ValueError(f"invalid cron expression: {schedule.cron!r}")
        if len(schedule.cron.split()) != 5:
            raise ValueError("cron expression must have five fields (minute hour day month weekday)")
        try:  # '0 0 31 2 *' is valid syntax but never fires: a job that silently never runs
            croniter(schedule.cron, datetime(2000, 1, 1, tzinfo=UTC)).get_next(datetime)
        except (CroniterBadDateError, ValueError):
            raise ValueError(f"cron expression {schedule.cron!r} never fires (no such date)") from None
    elif schedule.kind == "onetime" and schedule.run_at is None:
        raise ValueError("a one-time schedule needs run_at")
    if schedule.timezone:
        try:
            ZoneInfo(schedule.timezone)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown timezone {schedule.timezone!r}") from None


def _cron_prev(schedule: Schedule, now: datetime) -> datetime:
    tz = ZoneInfo(schedule.timezone) if schedule.timezone else UTC
    # croniter's get_prev is strictly before its start; nudge so a slot equal to now counts.
    start = now.astimezone(tz) + timedelta(microseconds=1)
    return as_utc(croniter(schedule.cron, start).get_prev(datetime))


def _cron_next(schedule: Schedule, after: datetime) -> datetime:
    tz = ZoneInfo(schedule.timezone) if schedule.timezone else UTC
    return as_utc(croniter(schedule.cron, after.astimezone(tz)).get_next(datetime))


def latest_slot(schedule: Schedule, now: datetime) -> datetime | None:
    """The latest slot at or before ``now`` (ignoring whether it already ran), or ``None``."""
    now = as_utc(now)
    anchor = as_utc(schedule.anchor)
    if schedule.kind == "interval":
        if anchor is None or now < anchor:
            return None
        k = math.floor((now - anchor).total_seconds() / schedule.interval)
        return anchor + timedelta(seconds=k * schedule.interval)
    if schedule.kind == "cron":
        slot = _cron_prev(schedule, now)
        if anchor is not None and slot < anchor:
            return None
        return slot
    if schedule.kind == "onetime":
        run_at = as_utc(schedule.run_at)
        return run_at if run_at <= now else None
    return None


def due_slot(schedule: Schedule, last_slot: datetime | None, now: datetime) -> datetime | None:
    """The slot to run at ``now``, or ``None`` when nothing is due.

    A slot is due when it is the latest one at or before ``now`` and later than ``last_slot``
    (the slot that last ran or was skipped).
    """
    slot = latest_slot(schedule, now)
    last = as_utc(last_slot)
    if slot is None or (last is not None and slot <= last):
        return None
    return slot


def next_slot(schedule: Schedule, last_slot: datetime | None, now: datetime) -> datetime | None:
    """When the job will next run: a due slot (possibly in the past, runs at the next tick), else
    the first future slot; ``None`` when it never will (manual, or a one-time job already run)."""
    now = as_utc(now)
    due = due_slot(schedule, last_slot, now)
    if due is not None:
        return due
    anchor = as_utc(schedule.anchor)
    if schedule.kind == "interval":
        if anchor is None:
            return None
        if now < anchor:
            return anchor
        k = math.floor((now - anchor).total_seconds() / schedule.interval) + 1
        return anchor + timedelta(seconds=k * schedule.interval)
    if schedule.kind == "cron":
        after = max(now, anchor) if anchor is not None else now
        if anchor is not None and anchor > now:
            after = anchor - timedelta(microseconds=1)
        return _cron_next(schedule, after)
    if schedule.kind == "onetime":
        run_at = as_utc(schedule.run_at)
        last = as_utc(last_slot)
        if last is not None and run_at <= last:
            return None
        return run_at
    return None
