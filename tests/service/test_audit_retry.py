"""Retrying a run's failed devices is audited with its actor, against real simulated devices
(Huey in immediate mode: the runs execute inside the requests)."""

from __future__ import annotations

import pytest

from .test_service_api import api  # noqa: F401 - the app-with-simulator fixture

pytestmark = pytest.mark.integration


def test_retry_is_audited_with_the_actor(api):  # noqa: F811
    client, app = api
    # A device of the job nobody listens for: the run ends partial, with one failed device.
    client.call("POST", "/api/devices", 201, json={"hostname": "dead", "host": "127.0.0.1", "port": 1,
                                                   "platform": "cisco_ios", "tags": ["sim"]})
    started = client.call("POST", f"/api/jobs/{app.config['JOB_ID']}/run", 202, as_="operator").get_json()
    first = client.call("GET", f"/api/runs/{started['run_id']}", 200).get_json()
    assert first["status"] == "partial" and first["failed"] == 1
    retry = client.call("POST", f"/api/runs/{first['id']}/retry", 202, as_="operator").get_json()
    assert retry["retry_of"] == first["id"] and retry["devices"] == 1
    second = client.call("GET", f"/api/runs/{retry['run_id']}", 200).get_json()
    assert second["trigger"] == "retry" and second["total"] == 1
    events = client.call("GET", "/api/audit?action=retry", 200).get_json()["items"]
    assert len(events) == 1
    event = events[0]
    assert event["actor"] == "operator" and event["entity_type"] == "run"
    assert event["entity_id"] == str(retry["run_id"])
    assert event["changes"] == {"retry_of": first["id"], "job_id": app.config["JOB_ID"], "devices": 1}
    # viewers may not retry, and a refused retry leaves no audit entry
    client.call("POST", f"/api/runs/{first['id']}/retry", 403, as_="viewer")
    assert len(client.call("GET", "/api/audit?action=retry", 200).get_json()["items"]) == 1
