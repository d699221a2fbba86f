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
