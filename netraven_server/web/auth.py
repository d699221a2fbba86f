"""Logging in and out, and the user's own account page (password change)."""

from __future__ import annotations

from flask import flash, g, redirect, render_template, request, send_from_directory, session, url_for

from ..services import auth as auth_service
from ..services import sessions as session_service
from ..services import users as user_service
from ..services.errors import AuthFailed, ServiceError, Throttled
from .blueprint import bp
from .common import actor, db, state
from .guard import csrf_token, login_user, safe_next


@bp.route("/login", methods=["GET", "POST"])
def login():
    nxt = safe_next(request.args.get("next"))
    if g.user is not None and request.method == "GET":
        return redirect(nxt or url_for("web.dashboard"))
    csrf_token()  # the login form is protected too
    if request.method == "GET":
        return render_template("login.html", next=nxt, expired=request.args.get("expired") == "1")
    username = (request.form.get("username") or "").strip()[:255]
    password = (request.form.get("password") or "")[:1024]
    try:
        user = auth_service.login(db(), username, password, policy=state().policy,
                                  remote_addr=request.remote_addr)
    except (AuthFailed, Throttled) as exc:
        g.commit_on_error = True  # keep the failure count
        status = 429 if isinstance(exc, Throttled) else 401
        headers = {"Retry-After": str(exc.retry_after)} if isinstance(exc, Throttled) else {}
        return render_template("login.html", next=nxt, error=exc.message, username=username), status, headers
    login_user(user)
    return redirect(nxt or url_for("web.dashboard"))


@bp.route("/logout", methods=["POST"])
def logout():
    session_service.end(db(), session.get("sid"))  # a copied cookie stops working too
    session.clear()
    flash("You have been logged out.", "info")
    return redirect(url_for("web.login"))


@bp.route("/account", methods=["GET", "POST"])
def account():
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        current = request.form.get("current_password") or ""
        new = request.form.get("new_password") or ""
        if new != (request.form.get("confirm_password") or ""):
            errors["confirm_password"] = ["does not match the new password"]
        else:
            try:
                user_service.change_own_password(db(), g.user, current, new, actor(),
                                                 keep_sid=session.get("sid"))
            except ServiceError as exc:
                errors = exc.errors or {"new_password": [exc.message]}
            else:
                flash("Your password has been changed.", "ok")
                return redirect(url_for("web.account"))
    return render_template("account.html", errors=errors), 422 if errors else 200


@bp.route("/favicon.ico")
def favicon():
    """Browsers ask every site for /favicon.ico (the API docs page names no icon): the raven."""
    return send_from_directory(bp.static_folder, "raven.svg", mimetype="image/svg+xml", max_age=86400)
