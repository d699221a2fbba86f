"""The web UI for the integrations: each git remote in the dashboard's health and on the Remotes
page, inventory-sync jobs in the job form, who changed a version in the device history."""

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


def test_inventory_sync_job_from_the_advanced_json(browser):
    """The JSON box stays as the fallback (the fields: tests/web/test_ui_sync_form.py)."""
    b = browser("operator")
    form = b.get("/jobs/new").get_data(as_text=True)
    assert "inventory_sync" in form and "source_options" in form
    base = {"name": "netbox", "job_type": "inventory_sync", "schedule_type": "manual", "enabled": "on"}
    bad = b.post("/jobs/new", {**base, "opt_json": '{"source": "netbox", "source_options": {"url": "ftp://x"}}'})
    assert bad.status_code == 422 and "opt_netbox.url: must be an http(s) URL" in bad.get_data(as_text=True)
    broken = b.post("/jobs/new", {**base, "opt_json": "{nope"})
    assert broken.status_code == 422 and "not valid JSON" in broken.get_data(as_text=True)
    ok = b.post("/jobs/new", {**base, "opt_json": '{"source": "netbox", "source_options": '
                                                   '{"url": "https://netbox.example.net"}}'})
    assert ok.status_code == 302
    edit = b.get("/jobs/1/edit").get_data(as_text=True)
    assert "netbox.example.net" in edit


def test_remotes_page_add_push_and_errors(browser, tmp_path):
    import subprocess

    target = tmp_path / "ui.git"
    subprocess.run(["git", "init", "-q", "--bare", str(target)], check=True)
    b = browser("admin")
    assert browser("operator").get("/remotes").status_code == 403
    bad = b.post("/remotes", {"name": "x", "url": "https://u:pw@host/x.git", "token": "tok-SECRET"})
    text = bad.get_data(as_text=True)
    assert bad.status_code == 422 and "must not carry credentials" in text and "tok-SECRET" not in text
    assert b.post("/remotes", {"name": "gl", "url": "https://gitlab.example.net/x.git",
                               "token": "tok-SECRET"}).status_code == 302
    assert b.post("/remotes", {"name": "local", "url": str(target)}).status_code == 302
    page = b.get("/remotes").get_data(as_text=True)
    assert "gl" in page and "(token)" in page and "tok-SECRET" not in page
    assert b.post("/remotes/2/push").status_code == 302
    assert ">ok<" in b.get("/remotes").get_data(as_text=True)
    assert b.post("/remotes/1/delete").status_code == 302
    assert "<strong>gl</strong>" not in b.get("/remotes").get_data(as_text=True)


def test_history_and_diff_show_who_changed(app, browser):
    from netraven_server.db.models import ConfigVersion

    from .test_ui_pages import _devices, _versions

    _devices(app, 1)
    first, second = _versions(app, "sw000", ["hostname sw000\n", "hostname sw000\nntp server 1.1.1.1\n"])
    with app.extensions["netraven"].db.session() as s:
        s.get(ConfigVersion, second).changed_by = "alice"
        device_id = s.get(ConfigVersion, second).device_id
    b = browser("viewer")
    detail = b.get(f"/devices/{device_id}").get_data(as_text=True)
    assert "Changed by" in detail and '<td class="changed-by">alice</td>' in detail
    diff = b.get(f"/diff?from_id={first}&to_id={second}").get_data(as_text=True)
    assert 'changed by <strong class="changed-by">alice</strong>' in diff
    view = b.get(f"/configs/{second}").get_data(as_text=True)
    assert 'changed by <strong class="changed-by">alice</strong>' in view
