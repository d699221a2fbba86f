"""The scheduled service's HTTP surface: /api/notifiers, run control, live events, /metrics and
the service part of /api/system/status (Huey in immediate mode: runs execute inside the request)."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from netraven_server.app import create_app
from netraven_server.db.models import Job, Tag
from netraven_server.demo_inventory import register_simulator
from netraven_server.security.tokens import issue_access_token
from netraven_server.service import queue
from netraven_server.services import users
from netraven_server.services.context import SYSTEM

from .receivers import HttpReceiver

pytestmark = pytest.mark.integration


class Client:
    def __init__(self, app, tokens):
        self.client, self.tokens = app.test_client(), tokens
        self.bodies: list[str] = []

    def call(self, method, path, status=None, as_="admin", **kw):
        headers = {"Authorization": f"Bearer {self.tokens[as_]}"} if as_ else {}
        resp = self.client.open(path, method=method, headers=headers, **kw)
        self.bodies.append(resp.get_data(as_text=True))
        if status is not None:
            assert resp.status_code == status, (resp.status_code, resp.get_data(as_text=True))
        return resp


@pytest.fixture
def api(settings, sim):
    queue.configure(immediate=True)
    settings = settings.__class__(**{**settings.__dict__, "jwt_secret": "j" * 40, "migrate_on_start": False})
    app = create_app(settings, migrate=False)
    state = app.extensions["netraven"]
    tokens = {}
    with state.db.session() as s:
        for role in ("admin", "operator", "viewer"):
            data = {"username": role, "password": f"{role}-password-1", "role": role}
            user = users.create_user(s, data, SYSTEM)
            s.flush()
            tokens[role] = issue_access_token(state.jwt_secret, user.id, role, 3600)[0]
    from netraven_server.service import runtime

    register_simulator(runtime.get(), sim)
    with state.db.session() as s:
        tag = s.scalars(select(Tag).where(Tag.name == "sim")).one()
        job = Job(name="nightly", schedule_type="manual", tags=[tag], options={"timeout": 15, "retries": 0})
        s.add(job)
        s.flush()
        app.config["JOB_ID"] = job.id
    yield Client(app, tokens), app
    state.db.dispose()
    queue.reset()


def test_notifier_crud_permissions_and_no_secrets(api):
    client, _app = api
    body = {"name": "mail", "type": "email", "events": ["config_changed", "stale_backup"],
            "smtp_host": "127.0.0.1", "smtp_port": 2525, "smtp_username": "u", "smtp_password": "Sm7p-secret",
            "to": ["noc@example.test"], "from_address": "nr@example.test"}
    created = client.call("POST", "/api/notifiers", 201, json=body).get_json()
    assert created["has_smtp_password"] and created["smtp_security"] == "starttls"
    slack = client.call("POST", "/api/notifiers", 201, json={
        "name": "chat", "type": "slack", "url": "https://hooks.example.test/services/T0/B0/XyzSecret",
        "events": ["run_failed"]}).get_json()
    assert slack["url"] == "https://hooks.example.test/…"
    client.call("POST", "/api/notifiers", 422, json={**body, "name": "bad", "events": ["nope"]})
    client.call("POST", "/api/notifiers", 422, json={"name": "x", "type": "webhook", "url": "ftp://x",
                                                     "events": ["run_failed"]})
    client.call("POST", "/api/notifiers", 409, json=body)
    patched = client.call("PATCH", f"/api/notifiers/{created['id']}", 200,
                          json={"events": ["device_failed"], "smtp_security": "ssl"}).get_json()
    assert patched["events"] == ["device_failed"] and patched["has_smtp_password"]
    assert len(client.call("GET", "/api/notifiers", 200).get_json()) == 2
    for role in ("operator", "viewer"):
        client.call("GET", "/api/notifiers", 403, as_=role)
        client.call("POST", "/api/notifiers", 403, as_=role, json=body)
    client.call("GET", "/api/notifiers", 401, as_=None)
    client.call("DELETE", f"/api/notifiers/{slack['id']}", 204)
    client.call("GET", f"/api/notifiers/{slack['id']}", 404)
    everything = "\n".join(client.bodies)
    assert "Sm7p-secret" not in everything and "XyzSecret" not in everything


def test_notifier_test_endpoint_and_deliveries(api):
    client, _app = api
    with HttpReceiver() as rx:
        n = client.call("POST", "/api/notifiers", 201, json={"name": "hook", "type": "webhook",
                                                             "url": rx.url + "/x", "events": ["run_failed"]})
        nid = n.get_json()["id"]
        result = client.call("POST", f"/api/notifiers/{nid}/test", 200).get_json()
        assert result["ok"] and rx.posts[0]["json"]["event"] == "test"
    deliveries = client.call("GET", f"/api/notifiers/{nid}/deliveries", 200).get_json()
    assert deliveries[0]["status"] == "sent" and deliveries[0]["event"] == "test"


def _events(text: str) -> list[tuple[str, dict]]:
    out = []
    for block in text.split("\n\n"):
        lines = dict(line.split(": ", 1) for line in block.splitlines() if ": " in line and line[0] != ":")
        if "event" in lines:
            out.append((lines["event"], json.loads(lines["data"])))
    return out


def test_run_via_api_events_retry_cancel_metrics_status(api):
    client, app = api
    job_id = app.config["JOB_ID"]
    started = client.call("POST", f"/api/jobs/{job_id}/run", 202, as_="operator").get_json()
    run_id = started["run_id"]
    run = client.call("GET", f"/api/runs/{run_id}", 200).get_json()
    assert run["status"] == "success" and run["succeeded"] == 6
    stream = client.call("GET", f"/api/runs/{run_id}/events", 200, as_="viewer")
    events = _events(stream.get_data(as_text=True))
    kinds = [k for k, _ in events]
    assert kinds[0] == "run" and kinds[-1] == "end" and kinds.count("result") == 6 and "log" in kinds
    assert events[-1][1]["status"] == "success"
    client.call("POST", f"/api/runs/{run_id}/retry", 409, as_="operator")  # nothing failed
    client.call("POST", f"/api/runs/{run_id}/cancel", 409, as_="operator")  # already finished
    client.call("POST", f"/api/runs/{run_id}/cancel", 403, as_="viewer")
    client.call("GET", "/api/runs/999999/events", 404)

    metrics = client.client.get("/metrics").get_data(as_text=True)
    assert 'netraven_runs_total{status="success"} 1.0' in metrics
    assert 'netraven_device_results_total{job_type="backup",status="success"} 6.0' in metrics
    assert "netraven_backup_duration_seconds_count 6.0" in metrics
    assert "netraven_queue_depth 0.0" in metrics

    status = client.call("GET", "/api/system/status", 200, as_="viewer").get_json()
    assert status["queue"]["ok"] and status["queue"]["depth"] == 0
    assert set(status["scheduler"]) >= {"last_tick", "ok"} and "workers_alive" in status["service"]


def test_run_now_with_the_queue_down_answers_503_and_commits_no_run(api, settings):
    from netraven_server.db.models import Run
    from tests.support.private import _free_port

    client, app = api
    # A real Redis client against a port nobody listens on: the queue is unreachable.
    queue.configure(settings.__class__(**{**settings.__dict__,
                                          "redis_url": f"redis://127.0.0.1:{_free_port()}/0"}))
    try:
        resp = client.call("POST", f"/api/jobs/{app.config['JOB_ID']}/run", 503)
    finally:
        queue.configure(immediate=True)
    body = resp.get_json()
    assert body["code"] == 503 and "task queue is unreachable" in body["message"]
    state = app.extensions["netraven"]
    with state.db.session(readonly=True) as s:
        assert s.scalars(select(Run)).all() == []
        assert s.get(Job, app.config["JOB_ID"]).last_run_id is None
    client.call("POST", f"/api/jobs/{app.config['JOB_ID']}/run", 202)  # and it works once back
