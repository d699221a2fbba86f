"""How each notifier is doing, for the notifiers page: its last delivery (status, time, error),
the last error it had, and whether its circuit is open (deliveries are failed without an attempt)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..clock import utcnow
from ..db.models import NotificationDelivery
from .dispatch import CIRCUIT_FAILURES, CIRCUIT_WINDOW, circuit_open


@dataclass
class NotifierHealth:
    last_status: str | None = None  # sent, failed, pending; None: nothing sent yet
    last_at: datetime | None = None
    last_error: str | None = None  # the latest failed delivery's error
    last_error_at: datetime | None = None
    circuit_open: bool = False
    sent: int = 0
    failed: int = 0

    @property
    def label(self) -> str:
        if self.circuit_open:
            return "circuit open"
        return self.last_status or "never used"


CIRCUIT_TEXT = (f"the last {CIRCUIT_FAILURES} deliveries failed within "
                f"{int(CIRCUIT_WINDOW.total_seconds() // 60)} minutes: new ones fail at once, without an "
                "attempt, until the window passes or a test message gets through")


def health(session: Session, notifier_ids: list[int]) -> dict[int, NotifierHealth]:
    """One :class:`NotifierHealth` per notifier id (a few small indexed queries each)."""
    now = utcnow()
    out: dict[int, NotifierHealth] = {}
    D = NotificationDelivery
    rows = session.execute(select(D.notifier_id, D.status, func.count())
                           .where(D.notifier_id.in_(notifier_ids))
                           .group_by(D.notifier_id, D.status)).all() if notifier_ids else []
    counts = {i: {st: n for nid, st, n in rows if nid == i} for i in notifier_ids}
    for nid in notifier_ids:
        h = NotifierHealth(sent=counts[nid].get("sent", 0), failed=counts[nid].get("failed", 0))
        last = session.scalars(select(NotificationDelivery).where(NotificationDelivery.notifier_id == nid)
                               .order_by(NotificationDelivery.id.desc()).limit(1)).first()
        if last is not None:
            h.last_status, h.last_at = last.status, last.delivered_at or last.created_at
        if h.failed:
            bad = session.scalars(select(NotificationDelivery).where(
                NotificationDelivery.notifier_id == nid, NotificationDelivery.status == "failed")
                .order_by(NotificationDelivery.id.desc()).limit(1)).first()
            if bad is not None:
                h.last_error, h.last_error_at = bad.last_error, bad.created_at
            h.circuit_open = circuit_open(session, nid, now)
        out[nid] = h
    return out
