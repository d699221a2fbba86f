"""The UI's pages and forms with the Flask test client: devices (list filters, sorting, paging,
create/edit/delete, import), jobs (schedule builder, toggle, run), configuration view and diff,
search, tokens, users, notifiers, account."""

from __future__ import annotations

import re

from netraven_core.models import ConfigToStore

CONFIG = "\n".join([f"interface Gi0/{i}\n description port {i}\n switchport access vlan 10\n!"
                    for i in range(200)]) + "\nsnmp-server location Rack-07\nend\n"


def _devices(app, count: int, **extra) -> None:
    from netraven_server.services import devices

    with app.extensions["netraven"].db.session() as s:
        for i in range(count):
            platform = "cisco_ios" if i % 2 else "arista_eos"
            devices.create_device(s, {"hostname": f"sw{i:03d}", "platform": platform,
                                      "tags": ["even" if i % 2 == 0 else "odd"], **extra})


def _versions(app, hostname: str, texts: list[str]) -> list[int]:
    """Store ``texts`` as successive versions of ``hostname`` (as a backup run would)."""
    from netraven_server.services import configs, devices

    state = app.extensions["netraven"]
    ids = []
    with state.db.session() as s:
        device = devices.get_by_hostname(s, hostname)
        for text in texts:
            infos = state.storage.save([ConfigToStore(hostname, text)])
            ids.append(configs.record_versions(s, infos, {hostname: device.id})[hostname].id)
            s.flush()
    return ids


def test_device_list_filters_sorting_and_pages(app, browser):
    _devices(app, 60)
    b = browser("viewer")
    html = b.get("/devices?size=25").get_data(as_text=True)
    assert "page 1 of 3" in html and "sw024" in html and "sw025" not in html
    assert "sw059" in b.get("/devices?size=25&page=3").get_data(as_text=True)
    html = b.get("/devices?sort=-hostname&size=25").get_data(as_text=True)
    assert html.index("sw059") < html.index("sw058")
    html = b.get("/devices?platform=arista_eos&tag=even&hostname=sw00").get_data(as_text=True)
    rows = re.findall(r">(sw\d{3})</a>", html)
    assert rows == ["sw000", "sw002", "sw004", "sw006", "sw008"]
    assert "No device matches" in b.get("/devices?status=failed").get_data(as_text=True)
    assert "No device matches" in b.get("/devices?status=stale").get_data(as_text=True)
    assert "page 1 of 3" in b.get("/devices?status=never&size=25").get_data(as_text=True)
    assert b.get("/devices?sort=nonsense").status_code == 200  # a bad sort falls back, no error


def test_device_create_edit_delete(browser):
    b = browser("operator")
    form = {"hostname": "edge1", "host": "10.0.0.1", "port": "2222", "platform": "juniper_junos",
            "tags_new": "edge, site-a", "description": "border router", "enabled": "on"}
    response = b.post("/devices/new", form)
    assert response.status_code == 302 and response.headers["Location"] == "/devices/1"
    html = b.get("/devices/1").get_data(as_text=True)
    assert "10.0.0.1:2222" in html and "border router" in html and ">edge<" in html
    bad = b.post("/devices/new", {**form, "platform": "cisco_iox"})
    assert bad.status_code in (409, 422)
    bad = b.post("/devices/new", {**form, "hostname": "edge2", "platform": "cisco_iox"})
    assert bad.status_code == 422 and "unknown platform" in bad.get_data(as_text=True)
    assert 'value="edge2"' in bad.get_data(as_text=True)  # the form keeps what was typed
    response = b.post("/devices/1/edit", {**form, "tags": "edge", "tags_new": "", "port": "22"})
    assert response.status_code == 302
    html = b.get("/devices/1").get_data(as_text=True)
    assert "10.0.0.1:22<" in html and "site-a</a>" not in html
    partial = b.get("/devices/1/edit?partial=1").get_data(as_text=True)
    assert "<html" not in partial and 'name="hostname"' in partial
    confirm = b.get("/devices/1/delete").get_data(as_text=True)
    assert "Remove device edge1?" in confirm
    assert b.post("/devices/1/delete").status_code == 302
    assert ">edge1</a>" not in b.get("/devices").get_data(as_text=True)


def test_credential_preview_follows_tags(app, browser):
    b = browser("admin")
    b.post("/credentials/new", {"name": "core-ro", "username": "ro", "password": "pw-123456", "priority": "5",
                                "tags_new": "core"})
    b.post("/credentials/new", {"name": "any", "username": "u", "password": "pw-123456", "priority": "50",
                                "tags_new": "core, edge"})
    body = b.client.get("/ui/credentials-preview?tag=core").get_json()
    assert [c["name"] for c in body["credentials"]] == ["core-ro", "any"]
    assert b.client.get("/ui/credentials-preview?tag=edge").get_json()["credentials"][0]["name"] == "any"
    assert b.client.get("/ui/credentials-preview?tag=none").get_json()["credentials"] == []


def test_credential_scopes_in_the_form(app, browser):
    admin, operator = browser("admin"), browser("operator")
    saved = admin.post("/credentials/new", {"name": "dc", "username": "u", "password": "pw-123456",
                                            "tags_new": "core", "scopes": "10.1.2.3/8, 2001:db8::/32"})
    assert saved.status_code in (302, 303)
    page = admin.get("/credentials").get_data(as_text=True)
    assert "only 10.0.0.0/8, 2001:db8::/32" in page
    from sqlalchemy import select

    from netraven_server.db.models import Credential

    with app.extensions["netraven"].db.session(readonly=True) as s:
        cred_id = s.scalars(select(Credential.id).where(Credential.name == "dc")).one()
    edit = {"name": "dc", "username": "u", "tags": "core", "scopes": "10.0.0.0/8, 2001:db8::/32"}
    assert operator.post(f"/credentials/{cred_id}/edit", {**edit, "priority": "7"}).status_code in (302, 303)
    refused = operator.post(f"/credentials/{cred_id}/edit", {**edit, "scopes": "0.0.0.0/0"})
    assert refused.status_code == 403 and "only admins" in refused.get_data(as_text=True)
    bad = admin.post(f"/credentials/{cred_id}/edit", {**edit, "scopes": "10.0.0.0/33"})
    assert bad.status_code == 422 and "not an address or CIDR" in bad.get_data(as_text=True)


def test_bulk_import_reports_every_row(browser):
    b = browser("operator")
    csv = "hostname,host,platform,tags\nr1,10.0.0.1,cisco_ios,core\nr2,10.0.0.2,cisco_iox,core\n"
    dry = b.post("/devices/import", {"format": "csv", "content": csv, "dry_run": "on"})
    html = dry.get_data(as_text=True)
    assert "dry run" in html and "1 created" in html and "1 rejected" in html
    # The device's link, not the bare name: "r1" can occur by chance in the page's CSRF token.
    assert ">r1</a>" not in b.get("/devices").get_data(as_text=True)
    from io import BytesIO

    response = b.post("/devices/import", {"format": "auto", "file": (BytesIO(csv.encode()), "inv.csv")},
                      content_type="multipart/form-data")
    html = response.get_data(as_text=True)
    assert "1 created" in html and re.search(r"line 3.*cisco_iox", html, re.S)
    assert ">r1</a>" in b.get("/devices").get_data(as_text=True)
    yaml = "devices:\n  - hostname: r1\n    host: 10.0.0.9\n    platform: cisco_ios\n    tags: [core]\n"
    again = b.post("/devices/import", {"format": "yaml", "content": yaml})
    assert "1 updated" in again.get_data(as_text=True)
    assert b.post("/devices/import", {"format": "csv", "content": ""}).status_code == 422


def test_backup_now_and_run_now_without_a_task_engine(app, browser):
    from netraven_server.service import ports

    ports.install(None)
    _devices(app, 2)
    b = browser("operator")
    response = b.post("/devices/1/backup")
    assert response.status_code == 302 and response.headers["Location"] == "/runs/1"
    html = b.get("/runs/1").get_data(as_text=True)
    assert "waits for a worker" in html and "sw000" in html and "pending" in html
    b.post("/jobs/new", {"name": "nightly", "job_type": "backup", "schedule_type": "manual", "tags": "even",
                         "enabled": "on"})
    response = b.post("/jobs/1/run")
    assert response.headers["Location"] == "/runs/2"
    again = b.post("/jobs/1/run")  # the first one is still pending
    assert again.headers["Location"] == "/jobs"
    assert "already running" in b.get("/jobs").get_data(as_text=True)
    assert b.post("/runs/2/cancel").status_code == 302
    assert "cancelled" in b.get("/runs/2").get_data(as_text=True)


def test_job_form_keeps_api_options_and_warns_of_a_weak_host_key_mode(app, browser):
    from netraven_server.db.models import Job
    from netraven_server.services import jobs
    from netraven_server.services.context import SYSTEM

    state = app.extensions["netraven"]
    b = browser("admin")
    b.post("/tags", {"name": "lab"})
    with state.db.session() as s:
        job_id = jobs.create_job(s, {"name": "labjob", "tags": ["lab"], "options": {
            "host_key_mode": "off", "timezone": "Europe/Paris", "timeout": 30}}, SYSTEM).id
    form = {"job_type": "backup", "schedule_type": "manual", "tags": "lab", "enabled": "on"}
    saved = b.post(f"/jobs/{job_id}/edit", {**form, "name": "labjob2", "opt_timeout": "45"})
    assert saved.status_code == 302
    page = b.get("/jobs").get_data(as_text=True)
    assert "labjob2: host_key_mode &#39;off&#39;: host keys are not checked" in page
    with state.db.session(readonly=True) as s:
        kept = s.get(Job, job_id).options
    assert kept == {"host_key_mode": "off", "timezone": "Europe/Paris", "timeout": 45}
    # an operator may not save the admin's weak job (the mode is admin-only, even unchanged)
    refused = browser("operator").post(f"/jobs/{job_id}/edit", {**form, "name": "labjob3"})
    assert refused.status_code == 403


def test_job_schedule_builder(browser):
    b = browser("operator")
    b.post("/tags", {"name": "core"})
    base = {"job_type": "backup", "tags": "core", "enabled": "on"}
    assert b.post("/jobs/new", {**base, "name": "every2h", "schedule_type": "interval", "interval_every": "2",
                                "interval_unit": "hours"}).status_code == 302
    bad = b.post("/jobs/new", {**base, "name": "badcron", "schedule_type": "cron", "cron": "61 * * * *"})
    assert bad.status_code == 422 and "invalid cron expression" in bad.get_data(as_text=True)
    assert b.post("/jobs/new", {**base, "name": "nightly", "schedule_type": "cron", "cron": "0 2 * * *",
                                "opt_timeout": "30", "opt_retries": "2"}).status_code == 302
    assert b.post("/jobs/new", {**base, "name": "once", "schedule_type": "onetime",
                                "run_at": "2099-01-01T10:00"}).status_code == 302
    notarget = b.post("/jobs/new", {"name": "x", "schedule_type": "manual", "job_type": "backup"})
    assert notarget.status_code == 422 and "tags or devices" in notarget.get_data(as_text=True)
    html = b.get("/jobs").get_data(as_text=True)
    assert "every 2 h" in html and "0 2 * * *" in html and "2099-01-01 10:00 UTC" in html
    edit = b.get("/jobs/1/edit").get_data(as_text=True)
    assert 'name="interval_every" min="1" value="2"' in edit and "<option selected>hours</option>" in edit
    assert b.post("/jobs/2/toggle").status_code == 302
    html = b.get("/jobs").get_data(as_text=True)
    assert ">Enable<" in html and "disabled" in html
    assert b.post("/jobs/3/delete").status_code == 302
    assert "<strong>once</strong>" not in b.get("/jobs").get_data(as_text=True)


def test_config_view_diff_and_search(app, browser):
    _devices(app, 1)
    old, new = _versions(app, "sw000", [CONFIG, CONFIG.replace("Rack-07", "Rack-08")])
    b = browser("viewer")
    html = b.get("/devices/1").get_data(as_text=True)
    assert f'name="from_id" value="{old}"' in html and f'name="to_id" value="{new}"' in html
    view = b.get(f"/configs/{new}").get_data(as_text=True)
    assert 'id="L802"' in view and "Rack-08" in view
    raw = b.get(f"/configs/{new}/raw")
    assert raw.headers["Content-Disposition"].startswith('attachment; filename="sw000-')
    assert raw.get_data(as_text=True) == CONFIG.replace("Rack-07", "Rack-08")
    diff = b.get(f"/diff?from_id={old}&to_id={new}").get_data(as_text=True)
    assert '<mark class="del">7</mark>' in diff and '<mark class="add">8</mark>' in diff
    assert "unchanged lines (show)" in diff and diff.count('class="k-equal folded"') > 700
    assert '<span class="add">+1</span> <span class="del">\N{MINUS SIGN}1</span>' in diff
    unified = b.get(f"/diff?from_id={old}&to_id={new}&view=unified").get_data(as_text=True)
    assert '<table class="code diff-split" hidden>' in unified
    assert b.get("/diff?from_id=x&to_id=1").status_code == 400
    assert b.get(f"/diff?from_id={old}&to_id=999").status_code == 404
    found = b.get("/search?q=rack-0[0-9]&regex=on").get_data(as_text=True)
    assert "sw000" in found and "Rack-08" in found
    bad = b.get("/search?q=([&regex=on").get_data(as_text=True)
    assert "invalid or unsupported regular expression" in bad


def test_api_token_shown_once_then_revoked(browser):
    b = browser("viewer")
    html = b.post("/tokens", {"name": "script", "expires_days": "30"}).get_data(as_text=True)
    token = re.search(r'id="new-token" class="token">(nrt_[^<]+)<', html).group(1)
    listing = b.get("/tokens").get_data(as_text=True)
    assert token not in listing and token[:12] in listing
    assert b.client.get("/api/auth/me", headers={"Authorization": f"Bearer {token}"}).status_code == 200
    assert b.post("/tokens/1/revoke").status_code == 302
    assert b.client.get("/api/auth/me", headers={"Authorization": f"Bearer {token}"}).status_code == 401


def test_users_and_account(browser):
    admin = browser("admin")
    assert admin.post("/users/new", {"username": "alice", "password": "alice-pass-1", "role": "operator",
                                     "enabled": "on"}).status_code == 302
    assert "alice" in admin.get("/users").get_data(as_text=True)
    short = admin.post("/users/new", {"username": "bob", "password": "short", "role": "viewer"})
    assert short.status_code == 422
    viewer = browser("viewer")
    wrong = viewer.post("/account", {"current_password": "nope", "new_password": "viewer-pass-2",
                                     "confirm_password": "viewer-pass-2"})
    assert wrong.status_code == 422 and "wrong" in wrong.get_data(as_text=True)
    ok = viewer.post("/account", {"current_password": "viewer-pass-1", "new_password": "viewer-pass-2",
                                  "confirm_password": "viewer-pass-2"})
    assert ok.status_code == 302


def test_notifier_urls_are_write_only(browser):
    b = browser("admin")
    secret_url = "https://hooks.example.com/services/T000/B000/very-secret-token-123"
    response = b.post("/notifiers/new", {"name": "chat", "type": "slack", "url": secret_url,
                                         "events": ["device_failed", "config_changed"], "enabled": "on"})
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    html = b.get("/notifiers").get_data(as_text=True)
    assert "https://hooks.example.com" in html and "very-secret-token-123" not in html
    assert "very-secret-token-123" not in b.get("/notifiers/1/edit").get_data(as_text=True)
    # saving without retyping the URL keeps it
    assert b.post("/notifiers/1/edit", {"name": "chat2", "type": "slack", "events": ["device_failed"],
                                        "enabled": "on"}).status_code == 302
    assert "chat2" in b.get("/notifiers").get_data(as_text=True)
    assert browser("operator").get("/notifiers").status_code == 403


def test_dashboard_counts(app, browser):
    from datetime import UTC, datetime, timedelta

    from netraven_server.db.models import Device

    _devices(app, 4)
    now = datetime.now(UTC).replace(tzinfo=None)  # the columns hold naive UTC
    with app.extensions["netraven"].db.session() as s:
        outcomes = (("sw000", "success", 48), ("sw001", "success", 1), ("sw002", "failed", 1))
        for hostname, status, age in outcomes:
            d = s.query(Device).filter_by(hostname=hostname).one()
            d.last_status, d.last_backup_at = status, now - timedelta(hours=age)
            d.last_success_at = now - timedelta(hours=age if status == "success" else 72)
    b = browser("viewer")
    html = b.get("/").get_data(as_text=True)
    for num, label in ((1, "backed up OK"), (1, "failing"), (1, "stale"), (1, "never backed up")):
        assert re.search(rf'<span class="num">{num}</span><span>{label}', html), label
    assert "Service health" in html and "Database" in html and "schema up to date" in html
    stale = b.get("/devices?status=stale").get_data(as_text=True)
    assert re.findall(r">(sw\d{3})</a>", stale) == ["sw000"]
    never = b.get("/devices?status=never").get_data(as_text=True)
    assert re.findall(r">(sw\d{3})</a>", never) == ["sw003"]
