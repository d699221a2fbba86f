"""Rough edges of the UI, with the Flask test client: styled error pages (HTML for people, JSON
under /api), form errors said once and kept in the modal, the credential "set" badge inline, the
favicon, and the notifiers page's delivery status and tag limits."""

from __future__ import annotations

import logging
import re

import pytest

from netraven_server.services import credentials


def test_unknown_pages_are_styled_html_and_unknown_api_paths_json(app, browser):
    b = browser("viewer")
    page = b.client.get("/no/such/page")
    html = page.get_data(as_text=True)
    assert page.status_code == 404 and page.mimetype == "text/html"
    assert 'class="card narrow error-page" data-code="404"' in html and "netraven.css" in html
    assert "Werkzeug" not in html and "Go to the dashboard" in html
    assert page.headers["Content-Security-Policy"].startswith("default-src 'self'")
    missing = b.client.get("/devices/999999")  # a UI route: the blueprint's own handler
    assert missing.status_code == 404 and "error-page" in missing.get_data(as_text=True)
    api = b.client.get("/api/no/such/thing")
    assert api.status_code == 404 and api.mimetype == "application/json" and api.get_json()["code"] == 404


def test_forbidden_is_a_styled_page(browser):
    refused = browser("viewer").client.get("/users")
    html = refused.get_data(as_text=True)
    assert refused.status_code == 403 and 'data-code="403"' in html and "Your role (viewer)" in html


def test_server_errors_are_html_for_people_and_json_for_the_api(app, caplog):
    def boom():
        raise RuntimeError("secret detail that must not reach the page")

    from netraven_server.security.permissions import ANY, PERMISSIONS

    app.add_url_rule("/boom-ui", "boom_ui", boom)
    app.add_url_rule("/api/boom", "boom_api", boom)
    app.config["PROPAGATE_EXCEPTIONS"] = False
    client = app.test_client()
    login = {"username": "viewer", "password": "viewer-pass-1"}
    token = client.post("/api/auth/login", json=login).get_json()
    PERMISSIONS[("boom_api", "GET")] = ANY  # the API refuses undeclared endpoints; this one is the test's
    try:
        with caplog.at_level(logging.ERROR):
            page = client.get("/boom-ui")
            api = client.get("/api/boom", headers={"Authorization": f"Bearer {token['access_token']}"})
    finally:
        del PERMISSIONS[("boom_api", "GET")]
    html = page.get_data(as_text=True)
    assert page.status_code == 500 and 'data-code="500"' in html and "server log has the details" in html
    assert "secret detail" not in html
    assert api.status_code == 500
    assert api.get_json()["message"] == "internal error; the server log has the details"
    assert "secret detail" not in api.get_data(as_text=True)


def test_form_errors_are_said_once_and_stay_in_the_modal(browser):
    b = browser("operator")
    full = b.post("/devices/new", {"hostname": "bad host!", "platform": "cisco_ios", "sections_shown": "1"})
    html = full.get_data(as_text=True)
    assert full.status_code == 422 and html.count("invalid hostname") == 1
    assert "Please correct the marked fields." in html
    modal = b.post("/devices/new?partial=1", {"hostname": "bad host!", "platform": "cisco_ios",
                                              "sections_shown": "1"})
    fragment = modal.get_data(as_text=True)
    assert modal.status_code == 422 and "<html" not in fragment and 'id="device-form"' in fragment
    assert fragment.count("invalid hostname") == 1
    done = b.post("/devices/new?partial=1", {"hostname": "good-host", "platform": "cisco_ios",
                                             "sections_shown": "1"})
    # the script navigates to the named page, whose flash message is still waiting
    assert done.status_code == 200 and done.headers["X-NetRaven-Location"].startswith("/devices/")
    assert "Device good-host created." in b.get(done.headers["X-NetRaven-Location"]).get_data(as_text=True)


def test_an_error_without_a_field_of_its_own_is_named_in_the_box(app, browser):
    b = browser("operator")
    b.post("/devices/new", {"hostname": "twin", "platform": "cisco_ios", "sections_shown": "1"})
    clash = b.post("/devices/new", {"hostname": "twin", "platform": "cisco_ios", "sections_shown": "1"})
    html = clash.get_data(as_text=True)
    assert clash.status_code == 409 and html.count("already exists") == 1


def test_credential_set_badge_is_inline_with_its_label(app, browser):
    state = app.extensions["netraven"]
    with state.db.session() as s:
        cred = credentials.create_credential(s, {"name": "c1", "username": "u", "password": "pw-123456",
                                                 "tags": ["x"]}, state.keyring)
    html = browser("operator").get(f"/credentials/{cred.id}/edit").get_data(as_text=True)
    assert '<span class="label-head">Password <span class="badge ok">set</span></span>' in html
    assert "pw-123456" not in html


def test_favicon_is_served(browser):
    icon = browser().client.get("/favicon.ico")
    assert icon.status_code == 200 and icon.mimetype == "image/svg+xml" and b"<svg" in icon.data


def test_stylesheet_keeps_anchors_below_the_sticky_bar_and_chips_unclipped(browser):
    css = browser().client.get("/ui/assets/netraven.css").get_data(as_text=True)
    assert "scroll-margin-top" in css and "max-height: 150px" not in css
    assert "@media (max-width: 760px)" in css and ".topbar.open .navpanel" in css


# ---------------------------------------------------------------- notifiers


@pytest.fixture
def closed_port_url():
    import socket

    with socket.socket() as sock:  # a port nobody listens on: deliveries fail at once, for real
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/hook"


def test_notifiers_page_shows_delivery_status_last_error_and_circuit(app, browser, closed_port_url):
    b = browser("admin")
    created = b.post("/notifiers/new", {"name": "ops-hook", "type": "webhook", "url": closed_port_url,
                                        "events": ["device_failed"], "enabled": "on", "timeout": "2",
                                        "retries": "0", "tags_new": "core, Site-A"})
    assert created.status_code == 302, created.get_data(as_text=True)[:2000]
    html = b.get("/notifiers").get_data(as_text=True)
    assert "never used" in html and '<span class="tag">core</span>' in html and ">site-a</span>" in html
    notifier_id = int(re.search(r"/notifiers/(\d+)/test", html).group(1))
    b.post(f"/notifiers/{notifier_id}/test")
    html = b.get("/notifiers").get_data(as_text=True)
    assert 'data-delivery="failed"' in html and "last error" in html and "0 sent · 1 failed" in html
    for _ in range(2):
        b.post(f"/notifiers/{notifier_id}/test")
    html = b.get("/notifiers").get_data(as_text=True)
    assert 'data-delivery="circuit open"' in html and "failing fast" in html
    assert closed_port_url not in html  # the stored URL is a secret; the page shows scheme and host


def test_notifier_limited_to_tags_hears_only_about_those_devices(app):
    from netraven_server.notify import admin, dispatch
    from netraven_server.services import devices

    state = app.extensions["netraven"]
    with state.db.session() as s:
        core = devices.create_device(s, {"hostname": "core1", "platform": "cisco_ios", "tags": ["core"]})
        edge = devices.create_device(s, {"hostname": "edge1", "platform": "cisco_ios", "tags": ["edge"]})
        limited = admin.create_notifier(s, {"name": "core-only", "type": "webhook",
                                            "url": "https://example.org/h", "events": ["device_failed"],
                                            "tags": ["Core"]}, state.keyring, None)
        everyone = admin.create_notifier(s, {"name": "all", "type": "webhook", "url": "https://example.org/a",
                                             "events": ["device_failed"]}, state.keyring, None)
        assert limited.tags == ["core"] and admin.public(everyone)["tags"] == []

        def names(**about):
            return [n.name for n in dispatch.subscribers(s, "device_failed", **about)]

        assert names(device_id=core.id) == ["core-only", "all"]
        assert names(device_id=edge.id) == ["all"]
        assert names() == ["core-only", "all"]  # not about a device: nobody is filtered out
        with pytest.raises(Exception, match="invalid tag"):
            admin.update_notifier(s, limited.id, {"tags": ["not a tag"]}, state.keyring, None)
