"""The web UI: server-rendered pages at ``/`` for people, next to the JSON API at ``/api``.

Pages call the same service layer as the API and are guarded by the same role rules
(:mod:`.perms` uses the role sets of :mod:`netraven_server.security.permissions`).  A signed,
HttpOnly session cookie carries the user id; every POST must carry the session's CSRF token;
every response gets a strict Content-Security-Policy (scripts and styles from this package only,
so the UI works on an air-gapped network and injected markup cannot run).
"""

from __future__ import annotations

import hashlib
import hmac
import os
from datetime import timedelta

from flask import Flask

# Importing the views attaches their routes to ``bp``.
from . import (  # noqa: F401
    accounts,
    admin,
    audit,
    auth,
    bulk,
    compliance,
    configs,
    dashboard,
    devices,
    fleet,
    jobs,
    logs,
    notifiers,
    remotes,
    retired,
    runs,
    search,
)
from .blueprint import bp
from .filters import install_filters
from .guard import install_guard

IDLE_TIMEOUT_SECONDS = 30 * 60


def _session_secret(jwt_secret: str) -> bytes:
    # Derived from the server's persistent signing secret, so sessions survive a restart and
    # every process of one installation agrees, without yet another key file.
    return hmac.new(jwt_secret.encode("utf-8"), b"netraven-web-session", hashlib.sha256).digest()


def register_web(app: Flask) -> None:
    """Attach the UI to ``app`` (called by :func:`netraven_server.app.create_app`)."""
    state = app.extensions["netraven"]
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _session_secret(state.jwt_secret)
    idle = int(os.environ.get("NETRAVEN_WEB_IDLE_TIMEOUT") or IDLE_TIMEOUT_SECONDS)
    app.config.setdefault("NETRAVEN_WEB_IDLE_TIMEOUT", idle)
    app.config.update(
        SESSION_COOKIE_NAME="netraven_session",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        # Behind TLS (directly or via a proxy) set NETRAVEN_WEB_SECURE_COOKIES=1.
        SESSION_COOKIE_SECURE=os.environ.get("NETRAVEN_WEB_SECURE_COOKIES", "") in ("1", "true", "yes"),
        PERMANENT_SESSION_LIFETIME=timedelta(seconds=state.settings.token_ttl_seconds),
    )
    install_filters(app)
    install_guard(app, bp)
    app.register_blueprint(bp)
