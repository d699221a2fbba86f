"""Send an event to every enabled notifier subscribed to it, and record each delivery.

:func:`notify` writes one ``pending`` delivery row per subscribed notifier in the caller's
transaction and enqueues the delivery task after the commit, so a slow or broken destination
never holds up (or breaks) the device or run that caused it.  :func:`deliver_recorded` runs in
the task: it decrypts the SMTP password, delivers with timeout and retries, and records the
outcome.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..clock import as_utc, utcnow
from ..db.models import NotificationDelivery, Notifier, RunResult, Tag
from ..db.models.inventory import device_tags
from ..service.ports import task_queue
from ..service.txhooks import on_commit
from . import plugin_types
from .messages import Notification
from .senders import deliver
from .stored_url import stored_url

if TYPE_CHECKING:
    from ..db import Database
    from ..security.crypto import KeyRing

log = logging.getLogger(__name__)


def sender_config(notifier: Notifier, keyring: Any) -> dict[str, Any]:
    """The sender settings of a notifier row, with the URL or SMTP password decrypted."""
    opts = notifier.options or {}
    if plugin_types.is_plugin_type(notifier.type):
        return plugin_types.sender_options(opts, keyring)
    if notifier.type != "email":
        return {"url": stored_url(notifier, keyring)}
    security = opts.get("smtp_security") or ("starttls" if notifier.smtp_starttls else "none")
    return {"smtp_host": notifier.smtp_host, "smtp_port": notifier.smtp_port,
            "smtp_username": notifier.smtp_username,
            "smtp_password": keyring.decrypt(notifier.smtp_password_enc),
            "smtp_security": security, "smtp_verify": opts.get("smtp_verify", True),
            "from_address": notifier.email_from, "to": list(notifier.email_to or [])}


def subscribers(session: Session, event: str, *, device_id: int | None = None,
                run_id: int | None = None) -> list[Notifier]:
    """Enabled notifiers subscribed to ``event``.  One limited to tags hears about a device only
    when the device carries one of them, and about a run only when the run covered such a device."""
    rows = session.scalars(select(Notifier).where(Notifier.enabled.is_(True)).order_by(Notifier.id))
    subscribed = [n for n in rows if event in (n.events or [])]
    if not any(n.tags for n in subscribed):
        return subscribed
    tags = _event_tags(session, device_id, run_id)
    return [n for n in subscribed if not n.tags or tags is None or tags & set(n.tags)]


def _event_tags(session: Session, device_id: int | None, run_id: int | None) -> set[str] | None:
    """The tags of the device (or of the run's devices) an event is about; ``None``: about neither."""
    if device_id is not None:
        stmt = select(Tag.name).join(device_tags, device_tags.c.tag_id == Tag.id) \
            .where(device_tags.c.device_id == device_id)
    elif run_id is not None:
        stmt = select(Tag.name).join(device_tags, device_tags.c.tag_id == Tag.id) \
            .join(RunResult, RunResult.device_id == device_tags.c.device_id).where(RunResult.run_id == run_id)
    else:
        return None
    return set(session.scalars(stmt.distinct()))


def notify(session: Session, notification: Notification, *, run_id: int | None = None,
           device_id: int | None = None) -> list[int]:
    """Queue ``notification`` for every subscribed notifier; returns the delivery ids."""
    ids: list[int] = []
    for notifier in subscribers(session, notification.event, device_id=device_id, run_id=run_id):
        delivery = NotificationDelivery(notifier_id=notifier.id, event=notification.event, run_id=run_id,
                                        device_id=device_id, status="pending",
                                        payload=notification.as_payload())
        session.add(delivery)
        session.flush()
        ids.append(delivery.id)
    if ids:
        on_commit(session, lambda: [task_queue().deliver(i) for i in ids])
    return ids


CIRCUIT_FAILURES = 3  # consecutive failed deliveries of a notifier...
CIRCUIT_WINDOW = timedelta(minutes=5)  # ...this recent open its circuit: no attempt, fail fast


def circuit_open(session: Session, notifier_id: int, now: datetime) -> bool:
    """Whether the notifier's last deliveries all failed recently (a dead destination must not
    hold the workers' threads for its timeouts and retries, delivery after delivery)."""
    recent = session.execute(select(NotificationDelivery.status, NotificationDelivery.created_at)
                             .where(NotificationDelivery.notifier_id == notifier_id,
                                    NotificationDelivery.status != "pending",
                                    NotificationDelivery.attempts > 0)  # real attempts only
                             .order_by(NotificationDelivery.id.desc()).limit(CIRCUIT_FAILURES)).all()
    return (len(recent) == CIRCUIT_FAILURES and all(st == "failed" for st, _at in recent)
            and min(as_utc(at) for _st, at in recent) > now - CIRCUIT_WINDOW)


def deliver_recorded(db: Database, keyring: KeyRing, delivery_id: int) -> str | None:
    """Deliver a recorded notification and store the outcome; returns the new status."""
    with db.session(readonly=True) as s:
        delivery = s.get(NotificationDelivery, delivery_id)
        if delivery is None or delivery.status != "pending":
            return None
        notifier = s.get(Notifier, delivery.notifier_id)
        event, payload = delivery.event, dict(delivery.payload or {})
        plan: tuple[str, dict[str, Any], dict[str, Any]] | None = None
        error: str | None = "notifier disabled or deleted"
        if notifier is not None and notifier.enabled and circuit_open(s, notifier.id, utcnow()):
            error = (f"not attempted: the last {CIRCUIT_FAILURES} deliveries failed within "
                     f"{int(CIRCUIT_WINDOW.total_seconds() // 60)} minutes (circuit open)")
        elif notifier is not None and notifier.enabled:
            try:
                plan = (notifier.type, sender_config(notifier, keyring), dict(notifier.options or {}))
            except Exception as exc:  # e.g. the key ring cannot decrypt the SMTP password
                error = f"cannot use the notifier's settings: {type(exc).__name__}"
    status, attempts = "failed", 0
    if plan is not None:
        ntype, config, opts = plan
        outcome = deliver(ntype, config, Notification.from_payload(payload),
                          timeout=float(opts.get("timeout", 10)), retries=int(opts.get("retries", 2)),
                          backoff=float(opts.get("backoff", 1.0)))
        status = "sent" if outcome.ok else "failed"
        error, attempts = outcome.error, outcome.attempts
    with db.session() as s:
        delivery = s.get(NotificationDelivery, delivery_id)
        if delivery is None:
            return None
        delivery.status, delivery.attempts = status, attempts
        delivery.last_error = None if status == "sent" else error
        if status == "sent":
            delivery.delivered_at = utcnow()
    if status == "failed":
        log.warning("notification %s (%s) failed: %s", delivery_id, event, error)
    return status
