"""Starting and cancelling a run are audited with their actor (retry is recorded the same way
in api/runs.py and web/runs.py); a notifier's audit entry names only the fields it has."""

from __future__ import annotations


def test_run_start_and_cancel_are_audited_with_the_actor(api):
    api.ok("POST", "/api/credentials", 201, json={"name": "c", "username": "u", "password": "pw-123456",
                                                  "tags": ["lab"]})
    api.ok("POST", "/api/devices", 201, json={"hostname": "gone", "host": "127.0.0.1", "port": 1,
                                             "platform": "cisco_ios", "tags": ["lab"]})
    job = api.ok("POST", "/api/jobs", 201, json={"name": "j", "schedule_type": "interval",
                                                 "interval_seconds": 3600, "tags": ["lab"]})
    run = api.ok("POST", f"/api/jobs/{job['id']}/run", 202, as_="operator")
    api.ok("POST", f"/api/runs/{run['run_id']}/cancel", 200, as_="operator")  # no worker here: still pending
    events = api.ok("GET", "/api/audit?size=100")["items"]
    assert any(e["action"] == "run" and e["actor"] == "operator" for e in events)
    cancel = [e for e in events if e["action"] == "cancel"]
    assert cancel and cancel[0]["actor"] == "operator" and cancel[0]["entity_id"] == str(run["run_id"])


def test_slack_notifier_audit_has_no_smtp_password(api):
    api.ok("POST", "/api/notifiers", 201, json={"name": "s", "type": "slack", "events": ["run_failed"],
                                                "url": "https://hooks.slack.example/services/T/B/secret"})
    event = next(e for e in api.ok("GET", "/api/audit?entity_type=notifier")["items"])
    assert "smtp_password" not in event["changes"] and "secret" not in str(event)
