"""Every UI request: who is logged in (session cookie, idle expiry), may they (permission table),
is the form genuine (CSRF token), and the security headers on the way out."""

from __future__ import annotations

import hmac
import secrets
import time
from urllib.parse import urlsplit

from flask import Flask, abort, current_app, g, jsonify, redirect, render_template, request, session, url_for
from werkzeug.exceptions import HTTPException

from ..db.models import User
from ..security.permissions import ANONYMOUS
from ..services import sessions
from ..services.errors import ServiceError
from .common import db
from .errors import error_page
from .perms import allowed_roles, is_allowed

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
       "form-action 'self'; frame-ancestors 'none'")
JSON_ENDPOINTS = ("web.cron_preview", "web.credentials_preview", "web.run_events")


def csrf_token() -> str:
    """This session's CSRF token (created on first use)."""
    token = session.get("csrf")
    if not token:
        token = session["csrf"] = secrets.token_urlsafe(32)
    return token


def safe_next(target: str | None) -> str | None:
    """``target`` if it is a path on this site, else ``None`` (no open redirect)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or any(ord(c) < 32 for c in target):
        return None
    return target


def can(endpoint: str, method: str = "POST") -> bool:
    """May the current user use ``endpoint`` (templates hide buttons that would be refused)?"""
    user = g.get("user")
    return is_allowed(user.role if user else ANONYMOUS, endpoint, method)


def login_user(user: User) -> None:
    """Open a server-side session for ``user`` and put its id in the cookie."""
    lifetime = int(current_app.permanent_session_lifetime.total_seconds())
    sid = sessions.start(db(), user, lifetime, request.remote_addr)
    session.clear()
    session.permanent = True
    session["uid"] = user.id
    session["sid"] = sid
    session["seen"] = session["auth"] = int(time.time())
    session["csrf"] = secrets.token_urlsafe(32)


def _load_user() -> tuple[User | None, bool]:
    """The session's user and whether a session just expired."""
    uid = session.get("uid")
    if uid is None:
        return None, False

    idle = g.web_idle_timeout
    now = int(time.time())
    # Idle expiry, and an absolute limit (the API's token lifetime) however active the session is.
    lifetime = current_app.permanent_session_lifetime.total_seconds()
    if now - int(session.get("seen") or 0) > idle or now - int(session.get("auth") or 0) > lifetime:
        session.pop("uid", None)
        return None, True
    user = db().get(User, uid)
    if user is None or not user.enabled or not sessions.is_live(db(), session.get("sid"), user.id):
        session.pop("uid", None)  # logged out, revoked (password/role change) or disabled
        return None, True
    if now - int(session.get("seen") or 0) > 30:  # refresh the cookie at most twice a minute
        session["seen"] = now
    return user, False


def _guard():
    g.web_idle_timeout = current_app.config["NETRAVEN_WEB_IDLE_TIMEOUT"]
    endpoint = request.endpoint or ""
    if endpoint in ("web.static", "web.favicon"):
        return None
    g.user, expired = _load_user()
    roles = allowed_roles(endpoint, request.method)
    if roles is None:
        abort(405 if request.method not in ("GET", "HEAD") else 404)
    if request.method == "POST":
        sent = request.form.get("csrf_token") or request.headers.get("X-CSRF-Token") or ""
        expected = session.get("csrf") or ""
        if not expected or not hmac.compare_digest(sent, expected):
            if expired or (g.user is None and endpoint != "web.login"):
                return _to_login(expired=True)
            abort(400, "The form has expired or did not come from this site; reload the page and try again.")
    role = g.user.role if g.user is not None else ANONYMOUS
    if role in roles:
        return None
    if g.user is None:
        return _to_login(expired=expired)
    abort(403, f"Your role ({g.user.role}) does not allow this.")


def _to_login(*, expired: bool):
    if request.endpoint in JSON_ENDPOINTS:
        body = {"message": "your session has expired; log in again", "login": url_for("web.login")}
        return jsonify(body), 401
    args = {"next": request.full_path.rstrip("?")} if request.method == "GET" else {}
    if expired:
        args["expired"] = "1"
    return redirect(url_for("web.login", **args))


def _headers(response):
    if request.path.startswith("/api"):
        return response
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    if request.endpoint not in ("web.static", "web.favicon"):
        response.headers.setdefault("Cache-Control", "no-store")
    return response


def _modal_redirect(response):
    """A form posted from the modal (``?partial=1``) that succeeded: name the next page in a
    header instead of redirecting, so the script navigates there and the flash message is shown
    on that page rather than consumed by the script's own fetch of it."""
    if request.method == "POST" and request.args.get("partial") == "1" and response.status_code in (302, 303):
        location = response.headers.get("Location", "")
        response = current_app.response_class("", status=200)
        response.headers["X-NetRaven-Location"] = location
    return response


def _ui_context():
    if request.blueprint != "web":
        return {}
    return {"csrf_token": csrf_token, "can": can, "current_user": g.get("user")}


def install_guard(app: Flask, bp) -> None:
    """Per app: security headers.  Once per process: the blueprint's hooks (a blueprint cannot
    take new hooks after its first registration, and tests build many apps)."""
    app.after_request(_headers)
    if getattr(bp, "_netraven_guarded", False):
        return
    bp._netraven_guarded = True
    bp.before_request(_guard)
    bp.after_request(_modal_redirect)
    bp.app_context_processor(_ui_context)

    @bp.errorhandler(HTTPException)
    def _http_error(exc: HTTPException):
        if request.endpoint in JSON_ENDPOINTS:
            return jsonify({"message": exc.description}), exc.code
        return error_page(exc)

    @bp.errorhandler(ServiceError)
    def _service_error(exc: ServiceError):
        if request.endpoint in JSON_ENDPOINTS:
            return jsonify({"message": exc.message}), exc.status
        return render_template("error.html", code=exc.status, title="Cannot do that",
                               message=exc.message), exc.status
