"""The read side of compliance: results per device x rule, a rule's history, the per-rule summary.

Every result names up to three versions (evaluated, failing since, fixed in) by id and by their
ordinal for the device ("version 3"); those are looked up in one query per page of results, with
a window function, rather than per row, so the matrix of a large fleet stays one page load.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..db.models import ComplianceEvent, ComplianceResult, ComplianceRule, ConfigVersion, Device, Tag
from .errors import NotFound
from .pagination import Page, paginate

_CHUNK = 500  # ids per IN list


def versions_by_id(session: Session, ids: Iterable[int | None]) -> dict[int, dict[str, Any]]:
    """``{id: {id, number, retrieved_at, storage_ref, changed_by, previous_id}}``; ``number`` is
    the version's ordinal for its device (1 = the first stored), ``previous_id`` the version
    before it (the diff of the change that broke or fixed a rule)."""
    wanted = sorted({i for i in ids if i is not None})
    out: dict[int, dict[str, Any]] = {}
    for start in range(0, len(wanted), _CHUNK):
        chunk = wanted[start:start + _CHUNK]
        devices = select(ConfigVersion.device_id).where(ConfigVersion.id.in_(chunk)).distinct()
        numbered = (select(ConfigVersion.id, ConfigVersion.retrieved_at, ConfigVersion.storage_ref,
                           ConfigVersion.changed_by,
                           func.row_number().over(partition_by=ConfigVersion.device_id,
                                                  order_by=ConfigVersion.id).label("number"),
                           func.lag(ConfigVersion.id).over(partition_by=ConfigVersion.device_id,
                                                           order_by=ConfigVersion.id).label("previous_id"))
                    .where(ConfigVersion.device_id.in_(devices)).subquery())
        for row in session.execute(select(numbered).where(numbered.c.id.in_(chunk))):
            out[row.id] = {"id": row.id, "number": row.number, "retrieved_at": row.retrieved_at,
                           "storage_ref": row.storage_ref, "changed_by": row.changed_by,
                           "previous_id": row.previous_id}
    return out


def _results_stmt(*, rule_id: int | None = None, device_id: int | None = None, tag: str | None = None,
                  platform: str | None = None, severity: str | None = None, status: str | None = None):
    stmt = (select(ComplianceResult, ComplianceRule, Device)
            .join(ComplianceRule, ComplianceRule.id == ComplianceResult.rule_id)
            .join(Device, Device.id == ComplianceResult.device_id))
    if rule_id is not None:
        stmt = stmt.where(ComplianceResult.rule_id == rule_id)
    if device_id is not None:
        stmt = stmt.where(ComplianceResult.device_id == device_id)
    else:  # a retired device's results stay on its own page, out of the fleet's
        stmt = stmt.where(Device.retired_at.is_(None))
    if tag:
        stmt = stmt.where(Device.tags.any(Tag.name == tag.lower()))
    if platform:
        stmt = stmt.where(Device.platform == platform)
    if severity:
        stmt = stmt.where(ComplianceRule.severity == severity)
    if status:
        stmt = stmt.where(ComplianceResult.status == status)
    return stmt.order_by(Device.hostname, ComplianceRule.key)


def _views(session: Session, rows: list[Any]) -> list[dict[str, Any]]:
    refs = versions_by_id(session, (v for res, _r, _d in rows for v in (
        res.version_id, res.failing_since_version_id, res.fixed_in_version_id)))
    return [{"rule_id": rule.id, "rule": rule.key, "title": rule.title, "severity": rule.severity,
             "device_id": dev.id, "hostname": dev.hostname, "platform": dev.platform, "tags": dev.tag_names,
             "status": res.status, "findings": list(res.findings or []), "evaluated_at": res.evaluated_at,
             "version": refs.get(res.version_id), "failing_since": refs.get(res.failing_since_version_id),
             "fixed_in": refs.get(res.fixed_in_version_id), "changed_by": res.changed_by,
             "remediation": rule.remediation} for res, rule, dev in rows]


def results(session: Session, *, page: int = 1, size: int = 50, **filters: Any) -> Page:
    """Device x rule results with the rule, the device and the versions they point at (filters:
    rule_id, device_id, tag, platform, severity, status)."""
    found = paginate(session, _results_stmt(**filters), page, size, scalars=False)
    found.items = _views(session, list(found.items))
    return found


def all_results(session: Session, **filters: Any) -> list[dict[str, Any]]:
    """Every matching result (the matrix page, CSV exports)."""
    return _views(session, session.execute(_results_stmt(**filters)).all())


def history(session: Session, rule_id: int, *, device_id: int | None = None, page: int = 1,
            size: int = 50) -> Page:
    """A rule's failure and fix events, newest first."""
    if session.get(ComplianceRule, rule_id) is None:
        raise NotFound(f"compliance rule {rule_id} not found")
    stmt = (select(ComplianceEvent, Device).join(Device, Device.id == ComplianceEvent.device_id)
            .where(ComplianceEvent.rule_id == rule_id))
    if device_id is not None:
        stmt = stmt.where(ComplianceEvent.device_id == device_id)
    stmt = stmt.order_by(ComplianceEvent.at.desc(), ComplianceEvent.id.desc())
    found = paginate(session, stmt, page, size, scalars=False)
    refs = versions_by_id(session, (ev.version_id for ev, _d in found.items))
    found.items = [{"id": ev.id, "kind": ev.kind, "at": ev.at, "device_id": dev.id, "hostname": dev.hostname,
                    "version": refs.get(ev.version_id), "changed_by": ev.changed_by,
                    "findings": list(ev.findings or [])} for ev, dev in found.items]
    return found


def summary(session: Session) -> list[dict[str, Any]]:
    """Per rule: how many devices pass and fail (the compliance page's header and /metrics)."""
    rows = session.execute(select(ComplianceRule.id, ComplianceRule.key, ComplianceRule.severity,
                                  ComplianceResult.status, func.count(ComplianceResult.id))
                           .outerjoin(ComplianceResult, ComplianceResult.rule_id == ComplianceRule.id)
                           .group_by(ComplianceRule.id, ComplianceRule.key, ComplianceRule.severity,
                                     ComplianceResult.status)).all()
    out: dict[int, dict[str, Any]] = {}
    for rid, key, severity, status, count in rows:
        entry = out.setdefault(rid, {"rule_id": rid, "rule": key, "severity": severity, "passing": 0,
                                     "failing": 0})
        if status in ("pass", "fail"):
            entry["passing" if status == "pass" else "failing"] = count
    return sorted(out.values(), key=lambda e: e["rule"])
