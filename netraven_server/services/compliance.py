"""Compliance rules (CRUD, YAML import/export) and the results and history views over them.

A rule is validated by the core (:func:`netraven_core.compliance.rule_from_mapping`), so the API,
the YAML import and ``netraven check`` accept exactly the same rules and give the same errors,
field by field.  Adding or changing a rule re-evaluates it over the stored history
(:func:`.compliance_state.rebuild_rule`), so its page says since which version a device fails.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from netraven_core.compliance import RuleError, dump_rules, load_rules, rule_from_mapping
from netraven_core.compliance.rules import FIELDS

from ..db.models import ComplianceEvent, ComplianceResult, ComplianceRule, ConfigVersion, Device, Tag
from . import audit
from .compliance_state import core_rule, rebuild_rule
from .configs import read_text
from .context import Actor
from .errors import Conflict, Invalid, NotFound
from .pagination import Page, apply_sort, paginate

SORTS = {"key": ComplianceRule.key, "severity": ComplianceRule.severity, "id": ComplianceRule.id,
         "updated_at": ComplianceRule.updated_at}


def list_rules(session: Session, *, severity: str | None = None, q: str | None = None,
               sort: str | None = None, page: int = 1, size: int = 50) -> Page:
    stmt = select(ComplianceRule)
    if severity:
        stmt = stmt.where(ComplianceRule.severity == severity)
    if q:
        stmt = stmt.where(ComplianceRule.key.icontains(q, autoescape=True)
                          | ComplianceRule.title.icontains(q, autoescape=True))
    return paginate(session, apply_sort(stmt, sort, SORTS, "key", ComplianceRule.id, unique=("id", "key")),
                    page, size)


def get_rule(session: Session, rule_id: int) -> ComplianceRule:
    rule = session.get(ComplianceRule, rule_id)
    if rule is None:
        raise NotFound(f"compliance rule {rule_id} not found")
    return rule


def _validated(data: dict[str, Any]) -> dict[str, Any]:
    try:
        return rule_from_mapping({k: v for k, v in data.items() if k in FIELDS}).as_dict()
    except RuleError as exc:
        raise Invalid({exc.field or "rule": exc.problem}) from None


def _columns(clean: dict[str, Any]) -> dict[str, Any]:
    return {"key": clean["key"], "title": clean["title"], "description": clean.get("description", ""),
            "severity": clean["severity"], "platforms": clean.get("platforms", []),
            "tags": clean.get("tags", []), "parent": clean.get("parent"), "match": clean["match"],
            "pattern": clean["pattern"], "allowed": clean.get("allowed", []),
            "required": clean.get("required", True), "remediation": clean.get("remediation", ""),
            "enabled": clean.get("enabled", True)}


def _clash(session: Session, key: str, exclude_id: int | None = None) -> None:
    other = session.scalar(select(ComplianceRule).where(ComplianceRule.key == key))
    if other is not None and other.id != exclude_id:
        raise Conflict(f"a compliance rule with key {key!r} already exists", {"key": ["already exists"]})


def create_rule(session: Session, storage: Any, data: dict[str, Any], actor: Actor | None = None
                ) -> ComplianceRule:
    clean = _columns(_validated(data))
    _clash(session, clean["key"])
    rule = ComplianceRule(**clean)
    session.add(rule)
    session.flush()
    audit.record(session, actor, "create", "compliance_rule", rule.id, rule.key,
                 {"severity": rule.severity, "match": rule.match})
    rebuild_rule(session, storage, rule, read_text)
    return rule


def update_rule(session: Session, storage: Any, rule_id: int, data: dict[str, Any],
                actor: Actor | None = None) -> ComplianceRule:
    rule = get_rule(session, rule_id)
    merged = {**rule.as_mapping(), **data}
    clean = _columns(_validated(merged))
    _clash(session, clean["key"], exclude_id=rule.id)
    changes = {k: v for k, v in clean.items() if getattr(rule, k) != v}
    for name, value in changes.items():
        setattr(rule, name, value)
    session.flush()
    if changes:
        audit.record(session, actor, "update", "compliance_rule", rule.id, rule.key, changes)
        if set(changes) - {"title", "description", "remediation", "severity", "key"}:
            rebuild_rule(session, storage, rule, read_text)  # what it checks changed
    return rule


def delete_rule(session: Session, rule_id: int, actor: Actor | None = None) -> None:
    rule = get_rule(session, rule_id)
    audit.record(session, actor, "delete", "compliance_rule", rule.id, rule.key)
    session.delete(rule)
    session.flush()


def import_yaml(session: Session, storage: Any, text: str, *, replace: bool = False,
                actor: Actor | None = None) -> dict[str, list[str]]:
    """Create or update the rules of a YAML document (keys match existing rules).  Nothing is
    written when any rule is invalid: the error names the line and field."""
    try:
        rules = load_rules(text, source="upload")
    except RuleError as exc:
        raise Invalid({"yaml": str(exc)}) from None
    existing = {r.key: r for r in session.scalars(select(ComplianceRule))}
    out: dict[str, list[str]] = {"created": [], "updated": [], "unchanged": [], "deleted": []}
    for rule in rules:
        row = existing.pop(rule.key, None)
        if row is None:
            create_rule(session, storage, rule.as_dict(), actor)
            out["created"].append(rule.key)
        elif core_rule(row) == rule:
            out["unchanged"].append(rule.key)
        else:
            update_rule(session, storage, row.id, _columns(rule.as_dict()), actor)
            out["updated"].append(rule.key)
    if replace:
        for row in existing.values():
            delete_rule(session, row.id, actor)
            out["deleted"].append(row.key)
    return out


def export_yaml(session: Session) -> str:
    rows = session.scalars(select(ComplianceRule).order_by(ComplianceRule.key))
    return dump_rules(core_rule(r) for r in rows)


# --------------------------------------------------------------------------- results


def results(session: Session, *, rule_id: int | None = None, device_id: int | None = None,
            tag: str | None = None, platform: str | None = None, severity: str | None = None,
            status: str | None = None, page: int = 1, size: int = 50) -> Page:
    """Device x rule results with the rule, the device and the versions they point at."""
    stmt = (select(ComplianceResult, ComplianceRule, Device)
            .join(ComplianceRule, ComplianceRule.id == ComplianceResult.rule_id)
            .join(Device, Device.id == ComplianceResult.device_id))
    if rule_id is not None:
        stmt = stmt.where(ComplianceResult.rule_id == rule_id)
    if device_id is not None:
        stmt = stmt.where(ComplianceResult.device_id == device_id)
    if tag:
        stmt = stmt.where(Device.tags.any(Tag.name == tag.lower()))
    if platform:
        stmt = stmt.where(Device.platform == platform)
    if severity:
        stmt = stmt.where(ComplianceRule.severity == severity)
    if status:
        stmt = stmt.where(ComplianceResult.status == status)
    stmt = stmt.order_by(Device.hostname, ComplianceRule.key)
    found = paginate(session, stmt, page, size, scalars=False)
    found.items = [result_view(session, res, rule, dev) for res, rule, dev in found.items]
    return found


def _version(session: Session, version_id: int | None) -> dict[str, Any] | None:
    if version_id is None:
        return None
    v = session.get(ConfigVersion, version_id)
    if v is None:
        return None
    number = _number(session, v)
    return {"id": v.id, "number": number, "retrieved_at": v.retrieved_at, "storage_ref": v.storage_ref,
            "changed_by": v.changed_by}


def _number(session: Session, version: ConfigVersion) -> int:
    """The version's ordinal for its device (1 = the first stored)."""
    return session.scalar(select(func.count()).select_from(ConfigVersion).where(
        ConfigVersion.device_id == version.device_id, ConfigVersion.id <= version.id)) or 0


def result_view(session: Session, res: ComplianceResult, rule: ComplianceRule, dev: Device) -> dict[str, Any]:
    return {"rule_id": rule.id, "rule": rule.key, "title": rule.title, "severity": rule.severity,
            "device_id": dev.id, "hostname": dev.hostname, "platform": dev.platform, "tags": dev.tag_names,
            "status": res.status, "findings": list(res.findings or []), "evaluated_at": res.evaluated_at,
            "version": _version(session, res.version_id),
            "failing_since": _version(session, res.failing_since_version_id),
            "fixed_in": _version(session, res.fixed_in_version_id), "changed_by": res.changed_by,
            "remediation": rule.remediation}


def history(session: Session, rule_id: int, *, device_id: int | None = None, page: int = 1,
            size: int = 50) -> Page:
    """A rule's failure and fix events, newest first."""
    get_rule(session, rule_id)
    stmt = (select(ComplianceEvent, Device).join(Device, Device.id == ComplianceEvent.device_id)
            .where(ComplianceEvent.rule_id == rule_id))
    if device_id is not None:
        stmt = stmt.where(ComplianceEvent.device_id == device_id)
    stmt = stmt.order_by(ComplianceEvent.at.desc(), ComplianceEvent.id.desc())
    found = paginate(session, stmt, page, size, scalars=False)
    found.items = [{"id": ev.id, "kind": ev.kind, "at": ev.at, "device_id": dev.id, "hostname": dev.hostname,
                    "version": _version(session, ev.version_id), "changed_by": ev.changed_by,
                    "findings": list(ev.findings or [])} for ev, dev in found.items]
    return found


def summary(session: Session) -> list[dict[str, Any]]:
    """Per rule: how many devices pass and fail (the compliance page's header and /metrics)."""
    rows = session.execute(select(ComplianceRule.id, ComplianceRule.key, ComplianceRule.severity,
                                  ComplianceResult.status, func.count())
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
