"""Compliance rules (CRUD, YAML import/export) and the results and history views over them.

A rule is validated by the core (:func:`netraven_core.compliance.rule_from_mapping`), so the API,
the YAML import and ``netraven check`` accept exactly the same rules and give the same errors,
field by field.  Adding or changing a rule re-evaluates it over the stored history
(:func:`.compliance_state.rebuild_rule`), so its page says since which version a device fails.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from netraven_core.compliance import RuleError, dump_rules, load_rules, rule_from_mapping
from netraven_core.compliance.rules import FIELDS

from ..db.models import ComplianceRule
from . import audit
from .compliance_state import core_rule, rebuild_rule

# The read side (results, history, summary) lives in compliance_views; callers use this module.
from .compliance_views import all_results, history, results, summary  # noqa: F401
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
