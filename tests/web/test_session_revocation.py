"""Server-side web sessions: logout ends the session for any copy of the cookie; a password
change, a reset, a role change and disabling end the user's other sessions."""

from __future__ import annotations

from netraven_server.db.models import User
from netraven_server.services import users
from tests.web.conftest import PASSWORDS, Browser


def _cookie(b: Browser) -> str:
    return b.client.get_cookie("netraven_session").value


def _with_cookie(app, value: str) -> Browser:
    other = Browser(app)
    other.client.set_cookie("netraven_session", value)
    return other


def test_a_saved_cookie_stops_working_after_logout(app, browser):
    b = browser("operator")
    saved = _cookie(b)
    assert _with_cookie(app, saved).get("/devices").status_code == 200  # the copy works while logged in
    assert b.post("/logout").status_code == 302
    assert _with_cookie(app, saved).get("/devices").status_code == 302  # ... and not afterwards


def _edit(app, username: str, change: dict) -> None:
    with app.extensions["netraven"].db.session() as s:
        user = users.get_by_username(s, username)
        users.update_user(s, user.id, change)


def test_role_change_reset_and_disable_end_web_sessions(app, browser):
    for change in ({"role": "viewer"}, {"password": "reset-password-9"}, {"enabled": False}):
        _edit(app, "operator", {"enabled": True})
        with app.extensions["netraven"].db.session() as s:
            user = users.get_by_username(s, "operator")
            password = PASSWORDS["operator"] if change.get("role") else "reset-password-9"
            users.update_user(s, user.id, {"password": password, "role": "operator"})
        b = Browser(app)
        b.get("/login")
        assert b.post("/login", {"username": "operator", "password": password}).status_code == 302
        assert b.get("/devices").status_code == 200
        _edit(app, "operator", change)
        _edit(app, "operator", {"enabled": True})
        assert b.get("/devices").status_code == 302, change


def test_own_password_change_keeps_this_session_and_ends_the_others(app, browser):
    here, elsewhere = browser("viewer"), browser("viewer")
    here.get("/account")
    response = here.post("/account", {"current_password": PASSWORDS["viewer"],
                                      "new_password": "fresh-pass-77", "confirm_password": "fresh-pass-77"})
    assert response.status_code == 302
    assert here.get("/devices").status_code == 200
    assert elsewhere.get("/devices").status_code == 302
    with app.extensions["netraven"].db.session(readonly=True) as s:
        assert s.query(User).filter_by(username="viewer").one().session_version == 1
