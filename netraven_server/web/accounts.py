"""Users (admins only) and API tokens (everybody manages their own; admins see all)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from flask import flash, g, redirect, render_template, request, url_for

from ..db.models import ROLES
from ..services import auth as auth_service
from ..services import users as svc
from ..services.errors import ServiceError
from .blueprint import bp
from .common import actor, db, form_int, form_str, is_partial, page_args


@bp.route("/users")
def users():
    return render_template("admin/users.html", page=svc.list_users(db(), **page_args()))


def _user_form(user, errors, message=None, status=200):
    return render_template("admin/user_form.html", user=user, roles=ROLES, errors=errors, message=message,
                           partial=is_partial(), form=request.form), status


def _user_save(user_id: int | None):
    user = svc.get_user(db(), user_id) if user_id else None
    data = {"username": form_str("username"), "role": form_str("role"), "full_name": form_str("full_name"),
            "email": form_str("email"), "enabled": request.form.get("enabled") == "on",
            "password": request.form.get("password") or None}
    try:
        if user is None:
            user = svc.create_user(db(), data, actor())
        else:
            user = svc.update_user(db(), user.id, data, actor())
    except ServiceError as exc:
        return _user_form(user, exc.errors, exc.message, exc.status)
    flash(f"User {user.username} saved.", "ok")
    return redirect(url_for("web.users"))


@bp.route("/users/new", methods=["GET", "POST"])
def user_new():
    return _user_save(None) if request.method == "POST" else _user_form(None, {})


@bp.route("/users/<int:user_id>/edit", methods=["GET", "POST"])
def user_edit(user_id: int):
    return _user_save(user_id) if request.method == "POST" else _user_form(svc.get_user(db(), user_id), {})


@bp.route("/users/<int:user_id>/delete", methods=["GET", "POST"])
def user_delete(user_id: int):
    user = svc.get_user(db(), user_id)
    if request.method == "POST":
        try:
            svc.delete_user(db(), user_id, actor())
        except ServiceError as exc:
            flash(exc.message, "error")
        else:
            flash(f"User {user.username} deleted.", "ok")
        return redirect(url_for("web.users"))
    return render_template("confirm.html", partial=is_partial(), title=f"Delete user {user.username}?",
                           message="Their API tokens stop working at once.",
                           action=url_for("web.user_delete", user_id=user_id), cancel=url_for("web.users"),
                           button="Delete user")


@bp.route("/tokens", methods=["GET", "POST"])
def tokens():
    errors: dict[str, list[str]] = {}
    message = created = None
    if request.method == "POST":
        days = form_int("expires_days", errors)
        expires = datetime.now(UTC) + timedelta(days=days) if days else None
        if not errors:
            try:
                _row, created = auth_service.create_api_token(db(), g.user, form_str("name") or "",
                                                              expires, actor())
            except ServiceError as exc:
                errors, message = exc.errors, exc.message
    all_users = g.user.role == "admin" and request.args.get("all") == "1"
    page = auth_service.list_api_tokens(db(), g.user, all_users=all_users, **page_args())
    # The new token is shown once, on the answer to the POST (not a redirect), never again.
    return render_template("admin/tokens.html", page=page, created=created, errors=errors, message=message,
                           all_users=all_users), 422 if errors else 200


@bp.route("/tokens/<int:token_id>/revoke", methods=["POST"])
def token_revoke(token_id: int):
    row = auth_service.revoke_api_token(db(), g.user, token_id, actor())
    flash(f"Token {row.name} revoked.", "ok")
    return redirect(url_for("web.tokens"))
