"""The dashboard's service health shows each git remote: failing with its last error (never a
token), or up to date."""

from __future__ import annotations

from netraven_server.db.models import GitRemote


def test_dashboard_shows_remote_push_status(app, browser):
    with app.extensions["netraven"].db.session() as s:
        s.add(GitRemote(name="gitlab", url="https://gitlab.example.net/noc/configs.git", enabled=True,
                        failures=2, last_error="fatal: unable to access: Connection refused",
                        secret=app.extensions["netraven"].keyring.encrypt("glpat-TOKEN")))
    html = browser("viewer").get("/").get_data(as_text=True)
    assert "Remote gitlab" in html and "2 failed push(es): fatal: unable to access" in html
    assert "glpat-TOKEN" not in html


def test_inventory_sync_job_from_the_form(browser):
    b = browser("operator")
    form = b.get("/jobs/new").get_data(as_text=True)
    assert "inventory_sync" in form and "source_options" in form
    base = {"name": "netbox", "job_type": "inventory_sync", "schedule_type": "manual", "enabled": "on"}
    bad = b.post("/jobs/new", {**base, "opt_json": '{"source": "netbox", "source_options": {"url": "ftp://x"}}'})
    assert bad.status_code == 422 and "options.source_options" in bad.get_data(as_text=True)
    broken = b.post("/jobs/new", {**base, "opt_json": "{nope"})
    assert broken.status_code == 422 and "not valid JSON" in broken.get_data(as_text=True)
    ok = b.post("/jobs/new", {**base, "opt_json": '{"source": "netbox", "source_options": '
                                                   '{"url": "https://netbox.example.net"}}'})
    assert ok.status_code == 302
    edit = b.get("/jobs/1/edit").get_data(as_text=True)
    assert "netbox.example.net" in edit
