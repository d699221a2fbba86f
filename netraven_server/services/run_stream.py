"""Live progress of a run as Server-Sent Events, by polling the database.

Polling (every ``poll`` seconds, one small indexed query per table) works the same on SQLite and
PostgreSQL, with the embedded consumer or with workers on other machines, and survives any
process restarting; it needs no broker.  The stream sends:

- ``run``: the run's status and counters whenever they change;
- ``result``: each device result as it finishes (all finished ones first, on connect);
- ``log``: each new log line of the run (``id:`` is the log id, so a reconnecting client's
  ``Last-Event-ID`` resumes after the last line it saw);
- ``end``: once the run is finished (then the stream closes);
- ``idle``: the run is unfinished but no worker has a live heartbeat, so nothing can progress
  (then the stream closes; reconnect later);
- a comment line every ``keepalive`` seconds so proxies keep the connection open.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select

from ..clock import utcnow
from ..db.models import LogEntry, Run, RunResult, Worker
from ..service.watchdog import stale_after

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from ..db import Database

FINAL_RESULT = ("success", "failed", "skipped", "cancelled")
RUN_FIELDS = ("id", "status", "total", "succeeded", "failed", "changed", "unchanged", "error")


def _iso(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


def sse(event: str, data: dict[str, Any], event_id: int | None = None) -> str:
    head = f"id: {event_id}\n" if event_id is not None else ""
    return f"{head}event: {event}\ndata: {json.dumps(data, default=_iso, separators=(',', ':'))}\n\n"


def _run_view(run: Run) -> dict[str, Any]:
    body = {name: getattr(run, name) for name in RUN_FIELDS}
    body |= {"started_at": run.started_at, "finished_at": run.finished_at}
    return body


def _result_view(r: RunResult) -> dict[str, Any]:
    return {"id": r.id, "device_id": r.device_id, "hostname": r.hostname, "status": r.status,
            "changed": r.changed, "lines_added": r.lines_added, "lines_removed": r.lines_removed,
            "error_category": r.error_category, "error": r.error, "attempts": r.attempts,
            "duration": r.duration, "finished_at": r.finished_at}


def _workers_alive(session: Session) -> bool:
    cutoff = utcnow() - timedelta(seconds=stale_after())
    return bool(session.scalar(select(func.count()).select_from(Worker).where(Worker.heartbeat_at >= cutoff)))


def run_events(db: Database, run_id: int, *, last_log_id: int = 0, poll: float = 0.5, keepalive: float = 15.0,
               max_duration: float = 3600.0, sleep=time.sleep) -> Iterator[str]:
    """Yield SSE text for ``run_id`` until it finishes (or ``max_duration`` passes; the client
    then reconnects with ``Last-Event-ID``)."""
    yield "retry: 2000\n\n"
    sent_results: set[int] = set()
    last_run: dict[str, Any] | None = None
    started = last_sent = time.monotonic()
    while True:
        chunks: list[str] = []
        with db.session(readonly=True) as s:
            run = s.get(Run, run_id)
            if run is None:
                yield sse("error", {"message": f"run {run_id} not found"})
                return
            view = _run_view(run)
            finished = run.status not in ("pending", "running")
            alive = finished or _workers_alive(s)
            results = s.scalars(select(RunResult).where(RunResult.run_id == run_id,
                                                        RunResult.status.in_(FINAL_RESULT))
                                .order_by(RunResult.finished_at, RunResult.id)).all()
            for r in results:
                if r.id not in sent_results:
                    sent_results.add(r.id)
                    chunks.append(sse("result", _result_view(r)))
            logs = s.scalars(select(LogEntry).where(LogEntry.run_id == run_id, LogEntry.id > last_log_id)
                             .order_by(LogEntry.id).limit(500)).all()
            for entry in logs:
                last_log_id = entry.id
                chunks.append(sse("log", {"id": entry.id, "time": entry.time, "level": entry.level,
                                          "type": entry.type, "hostname": entry.hostname,
                                          "message": entry.message}, entry.id))
        if view != last_run:
            chunks.insert(0, sse("run", view))
            last_run = view
        if chunks:
            yield "".join(chunks)
            last_sent = time.monotonic()
        if finished and len(logs) < 500:
            yield sse("end", {"status": view["status"]})
            return
        if not finished and not alive:
            yield sse("idle", {"status": view["status"], "reason": "no worker is running"})
            return
        now = time.monotonic()
        if now - started > max_duration:
            return
        if now - last_sent >= keepalive:
            yield ": keep-alive\n\n"
            last_sent = now
        sleep(poll)
