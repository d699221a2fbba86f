"""Fixtures for the web UI tests: an app (on SQLite and on PostgreSQL) with one user per role, and a
browser-like test client that logs in through the login form and posts forms with the page's CSRF token."""

from __future__ import annotations

import re

import pytest

from netraven_server.app import create_app
from netraven_server.config import Settings
from tests.server.dbfixtures import db_url, postgres_database, sqlite_template  # noqa: F401

TEST_KEY = "x0IcfjK9Yd8-JZpQ0Nuw0ML3IbyD6sJY0vRCp5Ww7-c="
PASSWORDS = {"admin": "admin-pass-1", "operator": "operator-pass-1", "viewer": "viewer-pass-1"}
CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')


@pytest.fixture
def app(tmp_path, db_url):  # noqa: F811
    settings = Settings(data_dir=tmp_path / "data", database_url=db_url,
                        secret_keys=(TEST_KEY,), jwt_secret="web-test-jwt-secret-0123456789abcdef",
                        migrate_on_start=False,
                        storage_location=str(tmp_path / "configs"))
    app = create_app(settings, migrate=False)
    app.config["TESTING"] = True
    from netraven_server.services import users

    with app.extensions["netraven"].db.session() as s:
        for role, password in PASSWORDS.items():
            users.create_user(s, {"username": role, "password": password, "role": role})
    yield app
    app.extensions["netraven"].db.dispose()


class Browser:
    """The Flask test client used like a browser: cookies, forms with their CSRF token."""

    def __init__(self, app):
        self.client = app.test_client()
        self.pages: list[str] = []
        self.token: str | None = None

    def get(self, path, **kw):
        response = self.client.get(path, **kw)
        text = response.get_data(as_text=True)
        self.pages.append(text)
        if match := CSRF_RE.search(text):
            self.token = match.group(1)
        return response

    def post(self, path, data=None, *, csrf=True, **kw):
        data = dict(data or {})
        if csrf:
            if self.token is None:
                self.get("/login")
            data.setdefault("csrf_token", self.token)
        response = self.client.post(path, data=data, **kw)
        self.pages.append(response.get_data(as_text=True))
        return response

    def login(self, role: str):
        self.get("/login")
        response = self.post("/login", {"username": role, "password": PASSWORDS[role]})
        assert response.status_code == 302, response.get_data(as_text=True)[:500]
        self.get("/")
        return self


@pytest.fixture
def browser(app):
    return lambda role=None: Browser(app).login(role) if role else Browser(app)
