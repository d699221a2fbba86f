"""The web UI's security rules with the Flask test client: login/logout, idle expiry, safe
redirects, CSRF, role permissions (hidden buttons and refused posts), escaping, CSP, secrets."""

from __future__ import annotations

import re
import time

import pytest

from netraven_server.web.guard import CSP, safe_next
from netraven_server.web.perms import WEB_PERMISSIONS


def test_anonymous_is_sent_to_login_with_next(browser):
    b = browser()
    response = b.get("/devices?tag=core")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=/devices")


def test_login_wrong_password_then_right_one(browser):
    b = browser()
    b.get("/login")
    response = b.post("/login", {"username": "admin", "password": "nope"})
    assert response.status_code == 401
    assert "wrong username or password" in response.get_data(as_text=True)
    response = b.post("/login?next=/jobs", {"username": "admin", "password": "admin-pass-1"})
    assert response.status_code == 302 and response.headers["Location"] == "/jobs"


@pytest.mark.parametrize("target", ["//evil.example/x", "https://evil.example/", "/\\evil.example",
                                    "javascript:alert(1)", "/ok\r\nSet-Cookie: x=1"])
def test_next_never_leaves_the_site(browser, target):
    assert safe_next(target) is None
    b = browser()
    b.get("/login")
    response = b.client.post("/login", query_string={"next": target},
                             data={"username": "admin", "password": "admin-pass-1", "csrf_token": b.token})
    assert response.status_code == 302 and response.headers["Location"] == "/"


def test_logout_needs_post_and_ends_the_session(browser):
    b = browser("operator")
    assert b.client.get("/logout").status_code == 405
    response = b.post("/logout")
    assert response.status_code == 302
    assert b.get("/").status_code == 302


def test_idle_session_expires_with_a_message(browser):
    b = browser("admin")
    with b.client.session_transaction() as sess:
        sess["seen"] = int(time.time()) - 24 * 3600
    response = b.get("/devices")
    assert response.status_code == 302 and "expired=1" in response.headers["Location"]
    page = b.get(response.headers["Location"]).get_data(as_text=True)
    assert "Your session has expired" in page
    # A form posted from the expired page goes to the login page, not to an error.
    response = b.post("/tags", {"name": "late"})
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_session_has_an_absolute_lifetime(browser):
    b = browser("viewer")
    with b.client.session_transaction() as sess:
        sess["auth"] = int(time.time()) - 9 * 3600  # longer ago than the 8 h token lifetime
    response = b.get("/")
    assert response.status_code == 302 and "expired=1" in response.headers["Location"]


def test_post_without_or_with_wrong_csrf_token_is_refused(browser):
    b = browser("admin")
    assert b.post("/tags", {"name": "core"}, csrf=False).status_code == 400
    assert b.post("/tags", {"name": "core", "csrf_token": "forged"}).status_code == 400
    assert b.client.post("/login", data={"username": "admin", "password": "admin-pass-1"}).status_code == 400
    response = b.post("/tags", {"name": "core"})
    assert response.status_code == 302
    assert ">core<" in b.get("/tags").get_data(as_text=True)


def test_viewer_sees_no_edit_buttons_and_cannot_post(browser):
    admin = browser("admin")
    admin.post("/tags", {"name": "core"})
    admin.post("/devices/new", {"hostname": "r1", "platform": "cisco_ios", "port": "22", "tags": "core",
                                "enabled": "on"})
    viewer = browser("viewer")
    for path in ("/devices", "/devices/1", "/tags", "/jobs", "/credentials"):
        html = viewer.get(path).get_data(as_text=True)
        for marker in ("Add device", ">Edit<", ">Delete<", "Back up now", "Bulk import", "Create tag",
                       "New job", "Add credential"):
            assert marker not in html, (path, marker)
    assert ">r1</a>" in viewer.get("/devices").get_data(as_text=True)
    for path, data in (("/devices/new", {"hostname": "r2", "platform": "cisco_ios"}),
                       ("/tags", {"name": "x"}), ("/devices/1/delete", {}), ("/devices/1/backup", {}),
                       ("/credentials/new", {})):
        assert viewer.post(path, data).status_code == 403, path
    assert viewer.get("/devices/new").status_code == 403
    assert viewer.get("/users").status_code == 403
    assert ">r2</a>" not in admin.get("/devices").get_data(as_text=True)  # not the CSRF token's chance "r2"


def test_operator_manages_inventory_but_not_users(browser):
    op = browser("operator")
    assert op.post("/tags", {"name": "edge"}).status_code == 302
    assert op.get("/users").status_code == 403
    assert op.post("/users/new", {"username": "x", "password": "y" * 10, "role": "admin"}).status_code == 403
    assert "Users</a>" not in op.get("/").get_data(as_text=True)


def test_every_ui_route_is_declared(app):
    rules = [r for r in app.url_map.iter_rules() if r.endpoint.startswith("web.")]
    assert rules
    for rule in rules:
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            assert method in WEB_PERMISSIONS.get(rule.endpoint, {}), (rule.endpoint, method)


HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def test_user_text_is_escaped_everywhere(browser):
    b = browser("admin")
    b.post("/tags", {"name": "core", "description": HOSTILE})
    b.post("/devices/new", {"hostname": "r1", "platform": "cisco_ios", "tags": "core", "description": HOSTILE,
                            "enabled": "on"})
    b.post("/jobs/new", {"name": HOSTILE[:100], "job_type": "backup", "schedule_type": "manual",
                         "tags": "core", "description": HOSTILE, "enabled": "on"})
    for path in ("/tags", "/devices/1", "/devices/1/edit", "/jobs", "/logs", "/devices?hostname=" + HOSTILE):
        html = b.get(path).get_data(as_text=True)
        assert "<script>alert" not in html and "<img src=x" not in html, path
    assert "&lt;script&gt;alert" in b.get("/devices/1").get_data(as_text=True)


def test_pages_carry_a_strict_csp_and_no_inline_script(browser):
    b = browser("admin")
    for path in ("/", "/devices", "/jobs/new", "/runs", "/search", "/logs", "/tags", "/credentials",
                 "/tokens", "/login"):
        response = b.get(path)
        assert response.headers["Content-Security-Policy"] == CSP
        assert response.headers["X-Frame-Options"] == "DENY"
        html = response.get_data(as_text=True)
        assert not re.search(r"<script(?![^>]*\bsrc=)", html), path
        assert " on" + "click=" not in html and "style=" not in html, path
        for src in re.findall(r'(?:src|href)="(/ui/assets/[^"]+)"', html):
            assert b.client.get(src).status_code == 200, src


SECRETS = {"password": "Pw-ultra-secret-41", "enable_secret": "En-ultra-secret-42",
           "private_key_passphrase": "Pp-ultra-secret-43"}


def test_credential_secrets_are_write_only(browser, app):
    b = browser("admin")
    # a refused form (no tag) is shown again without the secrets typed into it
    response = b.post("/credentials/new", {"name": "lab", "username": "netops", **SECRETS})
    assert response.status_code == 422
    response = b.post("/credentials/new", {"name": "lab", "username": "netops", "tags_new": "core",
                                           **SECRETS})
    assert response.status_code == 302
    b.post("/devices/new", {"hostname": "r1", "platform": "cisco_ios", "tags": "core", "enabled": "on"})
    # editing without typing a password keeps the stored one
    edited = b.post("/credentials/1/edit", {"name": "lab", "username": "netops2", "tags": "core"})
    assert edited.status_code == 302
    from netraven_server.db.models import Credential

    state = app.extensions["netraven"]
    with state.db.session(readonly=True) as s:
        cred = s.get(Credential, 1)
        assert state.keyring.decrypt(cred.password_enc) == SECRETS["password"]
        assert cred.username == "netops2"
    for path in ("/credentials", "/credentials/1/edit", "/credentials/1/edit?partial=1", "/devices/1",
                 "/devices/1/edit", "/logs", "/ui/credentials-preview?tag=core", "/"):
        b.get(path)
    everything = "\n".join(b.pages)
    for value in SECRETS.values():
        assert value not in everything
    assert "netops2" in everything


def test_cron_preview(browser):
    b = browser("viewer")
    good = b.client.get("/ui/cron-preview?cron=0 2 * * *").get_json()
    assert good["ok"] and len(good["next"]) == 5 and all("02:00 UTC" in t for t in good["next"])
    bad = b.client.get("/ui/cron-preview?cron=61 * * * *").get_json()
    assert not bad["ok"] and "cron" in bad["error"]
    anonymous = browser().client.get("/ui/cron-preview?cron=0 2 * * *")
    assert anonymous.status_code == 401 and anonymous.get_json()["login"] == "/login"
