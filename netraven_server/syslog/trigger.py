"""From a recognised change message to a backup: find the device, debounce, start the backup
(trigger ``syslog``, ``changed_by`` = the user the message named)."""

from __future__ import annotations

import logging
import time
from collections import Counter
from typing import Any

from sqlalchemy import func, select

from ..db.models import Device
from ..service.ports import task_queue
from ..services.device_backup import active_device_backup, start_device_backup
from ..services.errors import Conflict, NotFound
from .changes import recognise
from .debounce import Debouncer, Pending
from .parse import parse

log = logging.getLogger(__name__)

BUSY_RETRY_SECONDS = 10.0
BUSY_RETRIES = 6  # a minute of waiting for a running backup of the same device


def find_device(session: Any, address: str, hostname: str | None) -> tuple[int, str] | None:
    """The device that sent the message: by source address (``host``), then by the hostname in
    the message (``hostname`` or ``host``).  Several devices behind one address (different
    ports) are told apart by the message's hostname; otherwise it is ambiguous and skipped."""
    rows = session.execute(select(Device.id, Device.hostname).where(Device.host == address)).all()
    if hostname:
        named = [r for r in rows if r[1].lower() == hostname.lower()]
        if named:
            return named[0][0], named[0][1]
    if len(rows) == 1:
        return rows[0][0], rows[0][1]
    if hostname and not rows:
        row = session.execute(select(Device.id, Device.hostname).where(
            (func.lower(Device.hostname) == hostname.lower()) | (Device.host == hostname))).first()
        if row is not None:
            return row[0], row[1]
    return None


class ChangeTrigger:
    """Feed it datagrams/lines (:meth:`handle`); call :meth:`flush` every second."""

    def __init__(self, db: Any, debounce_seconds: float) -> None:
        self.db = db
        self.debouncer = Debouncer(debounce_seconds)
        self.stats: Counter[str] = Counter()

    def handle(self, data: bytes | str, address: str, now: float | None = None) -> Pending | None:
        self.stats["received"] += 1
        msg = parse(data)
        change = recognise(msg)
        if change is None:
            return None
        self.stats["changes"] += 1
        if address.lower().startswith("::ffff:") and "." in address:
            address = address[7:]  # an IPv4 sender on a dual-stack ([::]) socket
        with self.db.session(readonly=True) as s:
            found = find_device(s, address, msg.hostname)
        if found is None:
            self.stats["unknown_sender"] += 1
            log.info("syslog: configuration change from %s (%s) matches no device", address,
                     msg.hostname or "no hostname")
            return None
        device_id, hostname = found
        entry = self.debouncer.add(device_id, hostname, change.user, change.pattern,
                                   time.monotonic() if now is None else now)
        log.info("syslog: %s changed %s (%s); backup in at most %.0fs", change.user or "someone", hostname,
                 change.pattern, self.debouncer.window)
        return entry

    def flush(self, now: float | None = None) -> list[int]:
        """Start the backups that are due; returns their run ids."""
        now = time.monotonic() if now is None else now
        started = []
        for entry in self.debouncer.due(now):
            run_id = self._start(entry, now)
            if run_id is not None:
                started.append(run_id)
        return started

    def _start(self, entry: Pending, now: float) -> int | None:
        reason = f"syslog: {', '.join(sorted(entry.patterns))} ({entry.messages} message(s))"
        try:
            with self.db.session() as s:
                busy = active_device_backup(s, entry.device_id)
                if busy is not None and busy.status == "pending":
                    # A backup not yet started will read the configuration as changed: enough,
                    # and it records who changed it unless its trigger already said.
                    if entry.user and not (busy.summary or {}).get("changed_by"):
                        busy.summary = {**(busy.summary or {}), "changed_by": entry.user}
                    self.stats["merged"] += 1
                    return None
                run = start_device_backup(s, entry.device_id, None, trigger="syslog",
                                          changed_by=entry.user, reason=reason)
                s.flush()
                run_id = run.id
        except Conflict as exc:
            # Running, or disabled: a running backup may have read the configuration before the change.
            if "already has a backup" in exc.message and entry.attempts < BUSY_RETRIES:
                self.debouncer.retry_later(entry, now, BUSY_RETRY_SECONDS)
            else:
                log.info("syslog: no backup of %s: %s", entry.hostname, exc.message)
            return None
        except NotFound:
            return None
        self.stats["backups"] += 1
        try:
            task_queue().start_run(run_id)
        except Exception:  # the run stays pending; the watchdog starts it once the queue is back
            log.warning("syslog: backup run %s of %s is pending: the task queue is unreachable", run_id,
                        entry.hostname)
        log.info("syslog: backup of %s started (run %s, changed by %s)", entry.hostname, run_id,
                 entry.user or "unknown")
        return run_id
