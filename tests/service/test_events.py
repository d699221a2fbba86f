"""Live progress: the SSE stream follows a run as its devices finish."""

from __future__ import annotations

import json

from sqlalchemy import select

from netraven_server.db.models import Device, Tag, Worker
from netraven_server.jobtypes import DeviceOutcome
from netraven_server.service.lifecycle import (
    claim_device,
    create_run,
    finish_if_done,
    record_result,
)
from netraven_server.services.run_stream import run_events


def _parse(chunks):
    events = []
    for chunk in chunks:
        for block in chunk.split("\n\n"):
            fields = dict(line.split(": ", 1) for line in block.splitlines() if ": " in line)
            if "event" in fields:
                events.append((fields["event"], json.loads(fields["data"]), fields.get("id")))
    return events


def test_stream_follows_a_run_live_and_resumes(rt):
    with rt.db.session() as s:
        tag = Tag(name="t")
        devices = [Device(hostname=f"d{i}", host="127.0.0.1", platform="cisco_ios", tags=[tag])
                   for i in range(3)]
        s.add_all(devices)
        s.flush()
        run_id = create_run(s, job=None, devices=list(s.scalars(select(Device)))).id
        s.add(Worker(name="w", kind="worker"))  # a live consumer: the stream keeps following
        ids = [d.id for d in devices]
    steps = iter([*ids, None])

    def advance(_seconds):
        # Between two polls one more device finishes; after the last, the run is finished.
        device_id = next(steps)
        with rt.db.session() as s:
            if device_id is None:
                finish_if_done(s, run_id)
                return
            token = claim_device(s, run_id, device_id, "w")
            status = "failed" if device_id == ids[1] else "success"
            record_result(s, run_id, device_id, token,
                          DeviceOutcome(status, error_category="auth" if status == "failed" else None))

    chunks = list(run_events(rt.db, run_id, poll=0, sleep=advance))
    events = _parse(chunks)
    kinds = [k for k, _d, _i in events]
    assert kinds[0] == "run" and kinds[-1] == "end"
    results = [d for k, d, _i in events if k == "result"]
    assert [r["hostname"] for r in results] == ["d0", "d1", "d2"]
    assert results[1]["status"] == "failed" and results[1]["error_category"] == "auth"
    runs = [d for k, d, _i in events if k == "run"]
    assert runs[0]["status"] == "pending" and runs[-1]["status"] == "partial"
    assert events[-1][1] == {"status": "partial"}
    log_ids = [int(i) for k, _d, i in events if k == "log"]
    assert log_ids == sorted(log_ids) and len(log_ids) >= 4
    # Reconnecting with Last-Event-ID sends only newer log lines (and the finished results).
    again = _parse(run_events(rt.db, run_id, last_log_id=log_ids[-2], poll=0, sleep=lambda s: None))
    assert [int(i) for k, _d, i in again if k == "log"] == log_ids[-1:]


def test_unknown_run(rt):
    assert "not found" in "".join(run_events(rt.db, 424242, poll=0))


def test_stream_stops_when_no_worker_can_progress_the_run(rt):
    with rt.db.session() as s:
        run_id = create_run(s, job=None, devices=[Device(hostname="x", host="h", platform="cisco_ios")]).id
    kinds = [k for k, _d, _i in _parse(run_events(rt.db, run_id, poll=0, sleep=lambda s: None))]
    assert kinds[0] == "run" and kinds[-1] == "idle" and "end" not in kinds
