"""Prometheus metrics, computed from the database (and the queue) at scrape time.

Workers on other machines write their outcomes to the database, so counting there gives every
process the same, complete numbers and needs no push gateway or shared multiprocess directory.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from prometheus_client import CollectorRegistry, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, HistogramMetricFamily
from sqlalchemy import case, func, select

from ..clock import utcnow
from ..db.models import (
    ComplianceResult,
    ComplianceRule,
    Device,
    GitRemote,
    NotificationDelivery,
    Notifier,
    Run,
    RunResult,
    Setting,
    Worker,
)
from .queue import queue_stats
from .scheduler import LAST_TICK_KEY
from .watchdog import stale_after

if TYPE_CHECKING:
    from ..db import Database

log = logging.getLogger(__name__)

DURATION_BUCKETS = (0.5, 1, 2, 5, 10, 30, 60, 120, 300)


class ServiceCollector:
    """A custom collector reading the database on every scrape."""

    def __init__(self, db: Database):
        self.db = db

    def collect(self):
        with self.db.session(readonly=True) as s:
            runs = CounterMetricFamily("netraven_runs", "Runs by status", labels=["status"])
            for status, n in s.execute(select(Run.status, func.count()).group_by(Run.status)):
                runs.add_metric([status], n)
            yield runs

            results = CounterMetricFamily(
                "netraven_device_results",
                "Per-device results by job type and status",
                labels=["job_type", "status"],
            )
            for job_type, status, n in s.execute(
                select(Run.job_type, RunResult.status, func.count())
                .select_from(RunResult)
                .join(Run, Run.id == RunResult.run_id)
                .group_by(Run.job_type, RunResult.status)
            ):
                results.add_metric([job_type, status], n)
            yield results

            cols = [func.sum(case((RunResult.duration <= b, 1), else_=0)) for b in DURATION_BUCKETS]
            row = s.execute(
                select(func.count(), func.sum(RunResult.duration), *cols)
                .select_from(RunResult)
                .join(Run, Run.id == RunResult.run_id)
                .where(Run.job_type == "backup", RunResult.duration.is_not(None))
            ).one()
            total, total_sum, *counts = row
            buckets = [(str(b), int(c or 0)) for b, c in zip(DURATION_BUCKETS, counts, strict=True)]
            buckets.append(("+Inf", int(total or 0)))
            yield HistogramMetricFamily(
                "netraven_backup_duration_seconds",
                "Time to back up one device",
                buckets=buckets,
                sum_value=float(total_sum or 0),
            )

            failures = CounterMetricFamily(
                "netraven_notification_failures",
                "Notification deliveries that failed after retries",
                labels=["notifier", "type"],
            )
            for name, ntype, n in s.execute(
                select(Notifier.name, Notifier.type, func.count())
                .select_from(NotificationDelivery)
                .join(Notifier, Notifier.id == NotificationDelivery.notifier_id)
                .where(NotificationDelivery.status == "failed")
                .group_by(Notifier.name, Notifier.type)
            ):
                failures.add_metric([name, ntype], n)
            yield failures

            devices = GaugeMetricFamily(
                "netraven_devices", "Devices by last backup status", labels=["status"]
            )
            active = Device.retired_at.is_(None)
            for status, n in s.execute(select(Device.last_status, func.count()).where(active)
                                       .group_by(Device.last_status)):
                devices.add_metric([status or "never"], n)
            yield devices

            yield from _compliance(s)

            now = utcnow()
            alive = (
                s.scalar(
                    select(func.count())
                    .select_from(Worker)
                    .where(Worker.heartbeat_at >= now - timedelta(seconds=stale_after()))
                )
                or 0
            )
            yield GaugeMetricFamily(
                "netraven_workers_alive", "Processes with a recent heartbeat", value=alive
            )
            yield from _remote_metrics(s)
            tick = s.get(Setting, LAST_TICK_KEY)
            if tick is not None and isinstance(tick.value, dict) and tick.value.get("recorded_at"):
                ts = datetime.fromisoformat(tick.value["recorded_at"]).timestamp()
                yield GaugeMetricFamily(
                    "netraven_scheduler_last_tick_timestamp_seconds",
                    "When the scheduler last evaluated the jobs",
                    value=ts,
                )
        try:
            stats = queue_stats()
        except Exception:
            log.warning("queue unavailable for metrics", exc_info=True)
            return
        yield GaugeMetricFamily("netraven_queue_depth", "Tasks waiting in the queue", value=stats["depth"])
        if stats["oldest_task_age_seconds"] is not None:
            yield GaugeMetricFamily(
                "netraven_queue_oldest_task_age_seconds",
                "Age of the oldest waiting task",
                value=stats["oldest_task_age_seconds"],
            )


def _compliance(s):
    """Failing devices per compliance rule, and per severity (a device counted once per severity)."""
    per_rule = GaugeMetricFamily("netraven_compliance_failing_devices",
                                 "Devices failing a compliance rule", labels=["rule", "severity"])
    for key, severity, n in s.execute(
        select(ComplianceRule.key, ComplianceRule.severity, func.count(ComplianceResult.id))
        .select_from(ComplianceRule)
        .outerjoin(ComplianceResult, (ComplianceResult.rule_id == ComplianceRule.id)
                   & (ComplianceResult.status == "fail"))
        .where(ComplianceRule.enabled.is_(True))
        .group_by(ComplianceRule.key, ComplianceRule.severity)
    ):
        per_rule.add_metric([key, severity], n)
    yield per_rule
    per_severity = GaugeMetricFamily("netraven_compliance_failing_devices_by_severity",
                                     "Devices failing at least one rule of a severity", labels=["severity"])
    for severity, n in s.execute(
        select(ComplianceRule.severity, func.count(func.distinct(ComplianceResult.device_id)))
        .select_from(ComplianceResult)
        .join(ComplianceRule, ComplianceRule.id == ComplianceResult.rule_id)
        .where(ComplianceResult.status == "fail", ComplianceRule.enabled.is_(True))
        .group_by(ComplianceRule.severity)
    ):
        per_severity.add_metric([severity], n)
    yield per_severity
def _remote_metrics(s: Any):
    """Per git remote: consecutive push failures and the time of the last successful push."""
    failing = GaugeMetricFamily("netraven_git_remote_push_failures",
                                "Consecutive failed pushes to a git remote (0: last push worked)",
                                labels=["remote"])
    success = GaugeMetricFamily("netraven_git_remote_last_success_timestamp_seconds",
                                "When the configuration repository was last pushed to a git remote",
                                labels=["remote"])
    rows = s.execute(select(GitRemote.name, GitRemote.failures, GitRemote.last_success_at)
                     .where(GitRemote.enabled.is_(True)))
    for name, failures, last in rows:
        failing.add_metric([name], failures or 0)
        if last is not None:
            success.add_metric([name], last.timestamp())
    yield failing
    yield success


def build_registry(db: Database) -> CollectorRegistry:
    registry = CollectorRegistry(auto_describe=False)
    registry.register(ServiceCollector(db))
    return registry


def render(registry: CollectorRegistry) -> bytes:
    return generate_latest(registry)
