"""Fixtures for the server tests: an app on SQLite and on PostgreSQL, users of every role and an
authenticated client helper."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import pytest

from netraven_server.app import create_app
from netraven_server.config import Settings
from netraven_server.security.tokens import issue_access_token
from tests.server.dbfixtures import db_url, postgres_database, sqlite_template  # noqa: F401

TEST_KEY = "x0IcfjK9Yd8-JZpQ0Nuw0ML3IbyD6sJY0vRCp5Ww7-c="
PASSWORDS = {"admin": "admin-pass-1", "operator": "operator-pass-1", "viewer": "viewer-pass-1"}


@pytest.fixture
def settings(tmp_path, db_url) -> Settings:  # noqa: F811
    return Settings(data_dir=tmp_path / "data", database_url=db_url, secret_keys=(TEST_KEY,),
                    jwt_secret="test-jwt-secret-0123456789-abcdefghij",
                    storage_location=str(tmp_path / "configs"),
                    migrate_on_start=False)


@pytest.fixture
def app(settings):
    app = create_app(settings, migrate=False)
    app.config["TESTING"] = True
    yield app
    app.extensions["netraven"].db.dispose()


@dataclass
class ApiClient:
    """The Flask test client with a bearer token per role, recording every JSON body it sees."""

    client: object
    tokens: dict[str, str]
    user_ids: dict[str, int]
    bodies: list[str] = field(default_factory=list)

    def call(self, method: str, path: str, *, as_: str | None = "admin", **kwargs):
        headers = dict(kwargs.pop("headers", {}) or {})
        if as_ is not None:
            headers["Authorization"] = f"Bearer {self.tokens[as_]}"
        response = self.client.open(path, method=method, headers=headers, **kwargs)
        self.bodies.append(response.get_data(as_text=True))
        return response

    def get(self, path, **kw):
        return self.call("GET", path, **kw)

    def post(self, path, **kw):
        return self.call("POST", path, **kw)

    def patch(self, path, **kw):
        return self.call("PATCH", path, **kw)

    def delete(self, path, **kw):
        return self.call("DELETE", path, **kw)

    def ok(self, method: str, path: str, status: int = 200, **kw):
        response = self.call(method, path, **kw)
        assert response.status_code == status, (response.status_code, response.get_data(as_text=True))
        return response.get_json() if response.data else None

    def all_text(self) -> str:
        return "\n".join(self.bodies)


@pytest.fixture
def api(app) -> ApiClient:
    """A client with one user per role (admin, operator, viewer) and their access tokens."""
    from netraven_server.services import users

    state = app.extensions["netraven"]
    tokens, ids = {}, {}
    with state.db.session() as session:
        for role, password in PASSWORDS.items():
            user = users.create_user(session, {"username": role, "password": password, "role": role})
            session.flush()
            ids[role] = user.id
            tokens[role], _ = issue_access_token(state.jwt_secret, user.id, role, 3600)
    return ApiClient(app.test_client(), tokens, ids)


def dumps(obj) -> str:
    return json.dumps(obj)
