"""Jobs (validation, scheduling fields, run now), runs with per-device results, and the log."""

from __future__ import annotations

import pytest

from netraven_server.db.models import LogEntry, RunResult


@pytest.fixture
def devices(api):
    for i in range(3):
        api.ok("POST", "/api/devices", 201, json={"hostname": f"sw{i}", "host": f"10.0.0.{i + 1}",
                                                  "platform": "cisco_ios", "tags": ["core"]})
    return api.ok("GET", "/api/devices")["items"]


def test_job_crud_and_next_run(api, devices):
    job = api.ok("POST", "/api/jobs", 201, json={"name": "hourly", "schedule_type": "interval",
                                                 "interval_seconds": 3600, "tags": ["core"]})
    assert job["next_run_at"] is not None and job["job_type"] == "backup" and job["tags"] == ["core"]
    cron = api.ok("PATCH", f"/api/jobs/{job['id']}", json={"schedule_type": "cron", "cron": "30 2 * * *"})
    assert cron["next_run_at"].endswith("02:30:00+00:00")
    manual = api.ok("PATCH", f"/api/jobs/{job['id']}", json={"schedule_type": "manual"})
    assert manual["next_run_at"] is None
    byname = api.ok("POST", "/api/jobs", 201, json={"name": "two", "job_type": "reachability",
                                                    "devices": ["sw0", "sw1"]})
    assert byname["devices"] == ["sw0", "sw1"]
    assert api.ok("GET", "/api/jobs?job_type=reachability")["total"] == 1
    assert api.ok("GET", "/api/jobs?device=sw1")["total"] == 1
    api.ok("DELETE", f"/api/jobs/{byname['id']}", 204)
    assert api.ok("GET", "/api/jobs")["total"] == 1


def test_next_run_follows_the_start_at_and_timezone_options(api, devices):
    """GET /api/jobs shows the slot the scheduler will start (its computation, not a copy)."""
    job = api.ok("POST", "/api/jobs", 201, json={
        "name": "tz", "schedule_type": "cron", "cron": "30 2 * * *", "tags": ["core"],
        "options": {"timezone": "Asia/Kolkata"}})
    assert job["next_run_at"].endswith("21:00:00+00:00")  # 02:30 IST is 21:00 UTC
    start = "2099-01-01T00:00:10+00:00"
    job = api.ok("POST", "/api/jobs", 201, json={
        "name": "later", "schedule_type": "interval", "interval_seconds": 3600, "tags": ["core"],
        "options": {"start_at": start}})
    assert job["next_run_at"].startswith("2099-01-01T00:00:10")
    listed = {j["name"]: j["next_run_at"] for j in api.ok("GET", "/api/jobs")["items"]}
    assert listed["later"] == job["next_run_at"]


@pytest.mark.parametrize("body, field", [
    ({"name": "j", "schedule_type": "cron", "cron": "61 * * * *", "tags": ["core"]}, "cron"),
    ({"name": "j", "schedule_type": "cron", "tags": ["core"]}, "cron"),
    ({"name": "j", "schedule_type": "interval", "interval_seconds": 30, "tags": ["core"]},
     "interval_seconds"),
    ({"name": "j", "schedule_type": "interval", "tags": ["core"]}, "interval_seconds"),
    ({"name": "j", "schedule_type": "onetime", "tags": ["core"]}, "run_at"),
    ({"name": "j", "schedule_type": "weekly", "tags": ["core"]}, "schedule_type"),
    ({"name": "j", "job_type": "reboot", "tags": ["core"]}, "job_type"),
    ({"name": "j"}, "tags"),
    ({"name": "j", "tags": ["nosuchtag"]}, "tags"),
    ({"name": "j", "devices": ["nosuchdevice"]}, "devices"),
    ({"name": "j", "tags": ["core"], "options": {"retries": 99}}, "options"),
    ({"name": "j", "tags": ["core"], "run_at": "not a date"}, "run_at"),
    ({"name": "j", "tags": ["core"], "options": {"timezone": "Mars/Olympus"}}, "options"),
    ({"name": "j", "tags": ["core"], "options": {"start_at": "soon"}}, "options"),
])
def test_job_validation(api, devices, body, field):
    response = api.post("/api/jobs", json=body)
    assert response.status_code == 422, response.get_data(as_text=True)
    payload = response.get_json()
    assert field in payload["errors"]["json"] and payload["message"]


def test_run_now_returns_202_with_run_and_results(api, devices):
    job = api.ok("POST", "/api/jobs", 201, json={"name": "now", "tags": ["core"]})
    started = api.ok("POST", f"/api/jobs/{job['id']}/run", 202)
    run_id = started["run_id"]
    run = api.ok("GET", f"/api/runs/{run_id}")
    assert run["job_id"] == job["id"] and run["trigger"] == "manual" and run["total"] == 3
    assert run["status"] in ("pending", "running", "success", "partial", "failed")
    assert run["results_total"] == 3 and {r["hostname"] for r in run["results"]} == {"sw0", "sw1", "sw2"}
    assert all("claim" not in r["details"] for r in run["results"])
    assert api.ok("GET", f"/api/jobs/{job['id']}")["last_run_id"] == run_id
    assert api.ok("GET", f"/api/runs?job_id={job['id']}")["total"] == 1
    assert api.ok("GET", f"/api/runs/{run_id}/results?size=2")["pages"] == 2
    assert api.post("/api/jobs/999999/run").status_code == 404


def test_runs_and_logs_filters(api, app, devices):
    job = api.ok("POST", "/api/jobs", 201, json={"name": "f", "tags": ["core"]})
    run_id = api.ok("POST", f"/api/jobs/{job['id']}/run", 202)["run_id"]
    with app.extensions["netraven"].db.session() as s:
        for result in s.query(RunResult).filter_by(run_id=run_id):
            result.status = "failed" if result.hostname == "sw2" else "success"
            result.error_category = "auth" if result.hostname == "sw2" else None
        s.add_all([
            LogEntry(level="error", type="connection", run_id=run_id, device_id=devices[2]["id"],
                     hostname="sw2",
                     message="authentication failed for sw2"),
            LogEntry(level="info", type="job", run_id=run_id, message="run started"),
            LogEntry(level="warning", type="system", message="disk nearly full"),
        ])
    results = api.ok("GET", f"/api/runs/{run_id}/results?status=failed")
    assert [r["hostname"] for r in results["items"]] == ["sw2"]
    assert results["items"][0]["error_category"] == "auth"
    assert api.ok("GET", f"/api/runs/{run_id}")["counts"] == {"success": 2, "failed": 1}
    logs = lambda q: api.ok("GET", f"/api/logs?{q}")  # noqa: E731
    assert logs(f"run_id={run_id}")["total"] >= 2
    assert [e["hostname"] for e in logs(f"device_id={devices[2]['id']}")["items"]] == ["sw2"]
    assert logs("level=error")["total"] == 1
    assert {e["level"] for e in logs("min_level=warning")["items"]} == {"warning", "error"}
    assert logs("type=system")["items"][0]["message"] == "disk nearly full"
    assert logs("q=AUTHENTICATION")["total"] == 1
    assert logs("since=2999-01-01T00:00:00Z")["total"] == 0
    assert logs("until=2000-01-01T00:00:00")["total"] == 0
    assert api.get("/api/logs?level=loud").status_code == 422
    assert api.get("/api/logs?since=yesterday").status_code == 422
    assert api.get("/api/runs?status=exploded").status_code == 422
