"""The operator's daily tools in the UI, with the Flask test client: the audit page (admins
only), bulk actions on devices, the wider device filter, per-row backup, the last-change column,
the shared-address warning, the jobs list (last run, humanised intervals, first run), the runs
filters, the dashboard's change list, the logs page's default level."""

from __future__ import annotations

import re

from netraven_server.services import devices as device_service
from tests.server.seed import store_versions


def _device(app, hostname, **extra):
    with app.extensions["netraven"].db.session() as s:
        return device_service.create_device(s, {"hostname": hostname, "platform": "cisco_ios", **extra}).id


# ---------------------------------------------------------------- audit


def test_audit_page_filters_and_pages_for_admins(app, browser):
    op = browser("operator")
    for i in range(3):
        assert op.post("/devices/new", {"hostname": f"aud{i}", "platform": "cisco_ios",
                                        "sections_shown": "1"}).status_code == 302
    assert op.post("/tags", {"name": "audited"}).status_code == 302
    admin = browser("admin")
    page = admin.get("/audit")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and 'href="/audit"' in html  # in the nav for admins
    assert "aud0" in html and "operator" in html
    only = admin.get("/audit?actor=operator&action=create&entity_type=device").get_data(as_text=True)
    rows = re.findall(r"<tr>\s*<td class=\"nowrap\"", only)
    assert len(rows) == 3 and "audited" not in only
    today = re.search(r"\d{4}-\d{2}-\d{2}", only).group(0)
    assert "aud1" in admin.get(f"/audit?since={today}&until={today}").get_data(as_text=True)
    assert "aud1" not in admin.get("/audit?until=2000-01-01").get_data(as_text=True)
    paged = admin.get("/audit?entity_type=device&size=2").get_data(as_text=True)
    assert "page 1 of 2" in paged and "next \u203a" in paged
    bad = admin.get("/audit?since=yesterday")
    assert bad.status_code == 422 and "since: &#39;yesterday&#39; is not a date" in bad.get_data(as_text=True)


def test_audit_page_is_refused_to_operators_and_viewers(browser):
    for role in ("operator", "viewer"):
        b = browser(role)
        assert 'href="/audit"' not in b.get("/").get_data(as_text=True)
        refused = b.get("/audit")
        html = refused.get_data(as_text=True)
        assert refused.status_code == 403 and "error-page" in html and "does not allow this" in html


# ---------------------------------------------------------------- devices


def test_bulk_actions_on_selected_devices(app, browser):
    ids = [_device(app, f"bk{i}", host=f"10.1.0.{i}", tags=["lab"]) for i in range(3)]
    b = browser("operator")
    page = b.get("/devices").get_data(as_text=True)
    assert 'id="bulk-form"' in page and page.count('name="ids"') == 3 and "Last change" in page
    assert page.count('data-backup="bk') == 3  # a "Back up now" per row

    def bulk(action, chosen, **extra):
        response = b.post("/devices/bulk", {"action": action, "ids": [str(i) for i in chosen],
                                            "next": "/devices?tag=lab", **extra})
        assert response.status_code == 302 and response.headers["Location"].endswith("/devices?tag=lab")
        return b.get("/devices?tag=lab").get_data(as_text=True)

    assert "Add tag: 2 of 2 device(s) done." in bulk("add_tag", ids[:2], tag="core")
    assert b.get("/devices?tag=core").get_data(as_text=True).count('name="ids"') == 2
    assert "Remove tag: 1 of 1 device(s) done." in bulk("remove_tag", ids[:1], tag="core")
    html = bulk("disable", ids)
    assert "Disable: 3 of 3 device(s) done." in html and html.count('class="disabled"') == 3
    html = bulk("backup", ids[:1])
    assert "Back up now: 0 of 1 device(s) done. Refused: bk0: device &#39;bk0&#39; is disabled" in html
    bulk("enable", ids[:1])
    html = bulk("backup", ids[:1])
    assert "Back up now: 1 of 1 device(s) done." in html
    html = bulk("delete", [ids[2], 999999])
    assert "Delete: 1 of 2 device(s) done. Refused: #999999: device 999999 not found" in html
    assert "bk2" not in b.get("/devices").get_data(as_text=True)
    assert "Bulk action not done: tag: required" in bulk("add_tag", ids[:1])
    # every change is in the audit trail, as the single edits would be
    audit = browser("admin").get("/audit?actor=operator&size=100").get_data(as_text=True)
    assert "backup" in audit and "retire" in audit and audit.count("update") >= 5


def test_bulk_needs_the_form_token_and_a_writing_role(app, browser):
    device = _device(app, "guarded")
    b = browser("operator")
    assert b.post("/devices/bulk", {"action": "disable", "ids": [str(device)]}, csrf=False).status_code == 400
    viewer = browser("viewer")
    assert 'id="bulk-form"' not in viewer.get("/devices").get_data(as_text=True)
    assert viewer.post("/devices/bulk", {"action": "disable", "ids": [str(device)]}).status_code == 403
    with app.extensions["netraven"].db.session() as s:
        assert device_service.get_device(s, device).enabled


def test_filter_box_matches_address_platform_tag_and_description(app, browser):
    _device(app, "alpha", host="10.50.0.1", tags=["paris"], description="rooftop router")
    _device(app, "beta", host="10.60.0.1", platform="arista_eos")
    b = browser("viewer")

    for q, expected in (("10.50", "alpha"), ("arista", "beta"), ("Paris", "alpha"), ("rooftop", "alpha")):
        html = b.get(f"/devices?q={q}").get_data(as_text=True)
        other = "beta" if expected == "alpha" else "alpha"
        assert f">{expected}</a>" in html and f">{other}</a>" not in html, q
    assert ">alpha</a>" in b.get("/devices?hostname=alp").get_data(as_text=True)  # old links still work
    sort = b.get("/devices?sort=tags").get_data(as_text=True)
    assert sort.index(">beta</a>") < sort.index(">alpha</a>")  # untagged first


def test_a_shared_address_is_a_warning_not_a_refusal(app, browser):
    _device(app, "first", host="10.9.9.9", port=22)
    b = browser("operator")
    response = b.post("/devices/new", {"hostname": "second", "host": "10.9.9.9", "platform": "cisco_ios",
                                       "sections_shown": "1"})
    assert response.status_code == 302
    html = b.get(response.headers["Location"]).get_data(as_text=True)
    assert "Saved, but note: address 10.9.9.9:22 is also used by first." in html
    listing = b.get("/devices").get_data(as_text=True)
    assert listing.count(">shared</span>") == 2
    other_port = b.post("/devices/new", {"hostname": "third", "host": "10.9.9.9", "port": "2222",
                                         "platform": "cisco_ios", "sections_shown": "1"})
    assert "also used by" not in b.get(other_port.headers["Location"]).get_data(as_text=True)


# ---------------------------------------------------------------- jobs and runs


def test_jobs_list_shows_last_run_and_humanised_intervals(app, browser):
    _device(app, "j1", tags=["core"])
    b = browser("operator")
    created = b.post("/jobs/new", {"name": "six-hourly", "job_type": "backup", "schedule_type": "interval",
                                   "interval_every": "6", "interval_unit": "hours", "tags": "core",
                                   "enabled": "on"})
    assert created.status_code == 302
    html = b.get("/jobs").get_data(as_text=True)
    assert "Job six-hourly created. It first runs " in html and "every 6 h" in html
    assert "min</td>" not in html and ">never</span>" in html
    later = b.post("/jobs/new", {"name": "from-2099", "job_type": "backup", "schedule_type": "interval",
                                 "interval_every": "1", "interval_unit": "days", "tags": "core",
                                 "enabled": "on", "start_at": "2099-03-01T04:00"})
    assert later.status_code == 302
    assert "It first runs 2099-03-01 04:00 UTC" in b.get("/jobs").get_data(as_text=True)
    form = b.get("/jobs/new").get_data(as_text=True)
    assert "a new interval job runs right away" in form and 'name="start_at"' in form
    job_id = re.search(r'/jobs/(\d+)/run', html).group(1)
    assert b.post(f"/jobs/{job_id}/run").status_code == 302
    html = b.get("/jobs").get_data(as_text=True)
    cells = re.findall(r'<td class="last-run">(.*?)</td>', html, re.S)
    ran = [c for c in cells if "never" not in c]
    assert len(ran) == 1 and 'badge muted">pending<' in ran[0] and " ago" in ran[0]
    assert ">#" not in ran[0]  # the run's status and time, not a bare #id


def test_runs_filter_by_status_job_trigger_and_date_and_sort(app, browser):
    from netraven_server.service import lifecycle
    from netraven_server.services import devices, jobs

    d = _device(app, "r1", tags=["core"])
    with app.extensions["netraven"].db.session() as s:
        job = jobs.create_job(s, {"name": "nightly", "schedule_type": "manual", "tags": ["core"]})
        device = devices.get_device(s, d)
        scheduled = lifecycle.create_run(s, job=job, devices=[device], trigger="schedule")
        by_hand = lifecycle.create_run(s, job=None, devices=[device], trigger="manual", requested_by="admin")
        job_id, scheduled_id, by_hand_id = job.id, scheduled.id, by_hand.id
    b = browser("viewer")

    def run_ids(query):
        html = b.get(f"/runs?{query}").get_data(as_text=True)
        return [int(x) for x in re.findall(r'href="/runs/(\d+)">#', html)]

    assert run_ids("") == [by_hand_id, scheduled_id]
    assert run_ids("trigger=schedule") == [scheduled_id]
    assert run_ids(f"job_id={job_id}") == [scheduled_id]
    assert run_ids("status=pending&sort=id") == [scheduled_id, by_hand_id]
    assert run_ids("since=2000-01-01&until=2000-12-31") == []
    today = b.get("/runs").get_data(as_text=True)
    assert 'name="trigger"' in today and 'name="since"' in today and "sort=status" in today


# ---------------------------------------------------------------- dashboard and logs


def test_dashboard_changes_leave_out_first_versions(app, browser):
    _device(app, "changed-one")
    _device(app, "new-one")
    store_versions(app, {"changed-one": ["hostname a\n", "hostname a\nntp server 10.0.0.1\n"],
                         "new-one": ["hostname b\n"]})
    html = browser("viewer").get("/").get_data(as_text=True)
    changes = html[html.index("Latest configuration changes"):html.index("Service health")]
    assert "changed-one" in changes and "new-one" not in changes and "first version</a>" not in changes
    assert "2 devices stored a first version in the last 7 days" in changes


def test_logs_page_starts_at_info(app, browser):
    from netraven_server.services import logs

    with app.extensions["netraven"].db.session() as s:
        logs.write(s, "chatty debug detail", level="debug")
        logs.write(s, "useful info line", level="info")
    b = browser("viewer")
    default = b.get("/logs").get_data(as_text=True)
    assert "useful info line" in default and "chatty debug detail" not in default
    assert 'value="info" selected' in default
    everything = b.get("/logs?level=").get_data(as_text=True)
    assert "chatty debug detail" in everything
