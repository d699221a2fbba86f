"""The audit trail: who changed what, when.  Secret fields are recorded as changed, never valued."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db.models import AuditEvent
from .context import Actor
from .pagination import Page, apply_sort, paginate

SECRET_FIELDS = frozenset({"password", "enable_secret", "private_key", "private_key_passphrase",
                           "smtp_password", "password_hash", "token"})

SORTS = {"time": AuditEvent.time, "id": AuditEvent.id}


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, set | frozenset | tuple):
        return sorted(value)
    return value


def redact_changes(changes: dict[str, Any]) -> dict[str, Any]:
    """Replace secret values by a marker that only says whether they were set."""
    out = {}
    for key, value in changes.items():
        if key in SECRET_FIELDS:
            out[key] = "<set>" if value else "<cleared>"
        else:
            out[key] = _plain(value)
    return out


def record(session: Session, actor: Actor | None, action: str, entity_type: str,
           entity_id: Any = None, entity_name: str | None = None,
           changes: dict[str, Any] | None = None) -> AuditEvent:
    event = AuditEvent(
        actor_id=actor.user_id if actor else None,
        actor=actor.username if actor else "system",
        action=action,
        entity_type=entity_type,
        entity_id=None if entity_id is None else str(entity_id),
        entity_name=entity_name,
        changes=redact_changes(changes or {}),
        remote_addr=actor.remote_addr if actor else None,
    )
    session.add(event)
    return event


def list_events(session: Session, *, actor: str | None = None, action: str | None = None,
                entity_type: str | None = None, entity_id: str | None = None,
                since: datetime | None = None, until: datetime | None = None,
                sort: str | None = None, page: int = 1, size: int = 50) -> Page:
    stmt = select(AuditEvent)
    if actor:
        stmt = stmt.where(AuditEvent.actor == actor)
    if action:
        stmt = stmt.where(AuditEvent.action == action)
    if entity_type:
        stmt = stmt.where(AuditEvent.entity_type == entity_type)
    if entity_id:
        stmt = stmt.where(AuditEvent.entity_id == str(entity_id))
    if since:
        stmt = stmt.where(AuditEvent.time >= since)
    if until:
        stmt = stmt.where(AuditEvent.time < until)
    stmt = apply_sort(stmt, sort, SORTS, "-time", AuditEvent.id.desc())
    return paginate(session, stmt, page, size)
