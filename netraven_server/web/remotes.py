"""Git remotes (admins): where the configuration repository is pushed, with each remote's
push status and last error.  Tokens and SSH keys are write-only: blank keeps the stored one."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, request, url_for

from ..remotes import manage
from ..remotes.pushing import push_remote
from ..services.errors import ServiceError
from .blueprint import bp
from .common import actor, db, form_str, state


def _page(errors: dict[str, list[str]] | None = None, data: dict[str, Any] | None = None,
          message: str | None = None, status: int = 200):
    items = [manage.public(r) for r in manage.list_remotes(db())]
    return render_template("admin/remotes.html", items=items, errors=errors or {}, data=data or {},
                           message=message), status


@bp.route("/remotes", methods=["GET", "POST"])
def remotes():
    if request.method == "GET":
        return _page()
    data = {k: form_str(k) for k in ("name", "url", "branch", "username", "token", "ssh_key", "ssh_key_path")}
    data = {k: v for k, v in data.items() if v}
    data["enabled"] = True
    try:
        r = manage.create_remote(db(), data, state().keyring, actor())
    except ServiceError as exc:
        shown = {k: v for k, v in data.items() if k not in ("token", "ssh_key")}
        return _page(exc.errors, shown, exc.message, exc.status)
    flash(f"Remote {r.name} added; it is pushed after the next run.", "ok")
    return redirect(url_for("web.remotes"))


@bp.route("/remotes/<int:remote_id>/push", methods=["POST"])
def remote_push(remote_id: int):
    session = db()
    name = manage.get_remote(session, remote_id).name
    session.commit()
    outcome = push_remote(state(), remote_id, force=True)
    session.expire_all()
    r = manage.public(manage.get_remote(session, remote_id))
    if outcome == "ok":
        flash(f"Pushed to {name}.", "ok")
    else:
        flash(f"Push to {name} failed: {r['last_error'] or 'busy or disabled'}", "error")
    return redirect(url_for("web.remotes"))


@bp.route("/remotes/<int:remote_id>/toggle", methods=["POST"])
def remote_toggle(remote_id: int):
    r = manage.get_remote(db(), remote_id)
    manage.update_remote(db(), remote_id, {"enabled": not r.enabled}, state().keyring, actor())
    return redirect(url_for("web.remotes"))


@bp.route("/remotes/<int:remote_id>/delete", methods=["POST"])
def remote_delete(remote_id: int):
    name = manage.get_remote(db(), remote_id).name
    manage.delete_remote(db(), remote_id, actor())
    flash(f"Remote {name} removed (the remote repository itself is left alone).", "ok")
    return redirect(url_for("web.remotes"))
