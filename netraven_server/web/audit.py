"""The audit trail for administrators: who changed what, when, filtered by actor, action,
entity and time range, newest first, in pages."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from flask import render_template, request
from sqlalchemy import select

from ..db.models import AuditEvent
from ..services import audit as svc
from .blueprint import bp
from .common import db, page_args


def _day(name: str, errors: dict[str, str]) -> datetime | None:
    """A ``YYYY-MM-DD`` (or ``YYYY-MM-DDTHH:MM``) query argument as a naive UTC time."""
    raw = (request.args.get(name) or "").strip()
    if not raw:
        return None
    try:
        value = datetime.fromisoformat(raw)
    except ValueError:
        errors[name] = f"{raw[:40]!r} is not a date (YYYY-MM-DD)"
        return None
    return value.astimezone(UTC).replace(tzinfo=None) if value.tzinfo else value


def _choices(session, column) -> list[str]:
    return [v for v in session.scalars(select(column).distinct().order_by(column).limit(200)) if v]


@bp.route("/audit")
def audit():
    session = db()
    errors: dict[str, str] = {}
    f = {k: (request.args.get(k) or "").strip()[:64] or None for k in ("actor", "action", "entity_type")}
    since, until = _day("since", errors), _day("until", errors)
    if until is not None and len((request.args.get("until") or "").strip()) == 10:
        until += timedelta(days=1)  # a day given alone includes that whole day
    page = svc.list_events(session, **f, entity_id=(request.args.get("entity_id") or "").strip()[:64] or None,
                           since=since, until=until, **page_args())
    return render_template("audit.html", page=page, f=f, errors=errors,
                           since=request.args.get("since", ""), until=request.args.get("until", ""),
                           actions=_choices(session, AuditEvent.action),
                           entities=_choices(session, AuditEvent.entity_type)), 422 if errors else 200
