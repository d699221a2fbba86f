"""Notifiers (admins): where events are sent.  URLs of chat webhooks carry their token and SMTP
passwords are secrets, so both are write-only here: blank keeps the stored value."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, request, url_for

from ..notify import admin, plugin_types
from ..notify import health as notifier_health
from ..notify.health import CIRCUIT_TEXT
from ..notify.messages import EVENTS
from ..notify.senders import SMTP_SECURITY
from ..services.errors import ServiceError
from .blueprint import bp
from .common import actor, db, form_int, form_list, form_str, is_partial, state
from .option_fields import read_options


def _admin():
    return admin


def _events() -> tuple[str, ...]:
    return tuple(EVENTS)


@bp.route("/notifiers")
def notifiers():
    admin = _admin()
    rows = admin.list_notifiers(db())
    items = [admin.public(n) for n in rows]
    return render_template("admin/notifiers.html", items=items, circuit_text=CIRCUIT_TEXT,
                           health=notifier_health.health(db(), [n.id for n in rows]))


def _data(errors: dict[str, list[str]], existing: bool) -> dict[str, Any]:
    data: dict[str, Any] = {"name": form_str("name"), "type": form_str("type"),
                            "events": request.form.getlist("events"),
                            "enabled": request.form.get("enabled") == "on",
                            "tags": form_list("tags"),
                            "timeout": form_int("timeout", errors) or 10,
                            "retries": form_int("retries", errors) if form_str("retries") else 2}
    if data["type"] == "email":
        data |= {"smtp_host": form_str("smtp_host"), "smtp_port": form_int("smtp_port", errors),
                 "smtp_username": form_str("smtp_username"),
                 "smtp_security": form_str("smtp_security") or "starttls",
                 "from_address": form_str("from_address"),
                 "to": [t.strip() for t in (request.form.get("to") or "").split(",") if t.strip()]}
    if plugin_types.is_plugin_type(data["type"]):
        # A form field per declared option (opt_<name>); a blank secret keeps the stored value.
        described = plugin_types.describe_options(plugin_types.plugin_classes()[data["type"]])
        data["options"] = read_options(described, "opt_", errors)
        return data
    for secret in ("url", "smtp_password"):
        value = form_str(secret)
        if value or not existing:
            data[secret] = value
    return data


def _form(n, errors, message=None, status=200):
    view = _admin().public(n) if n is not None else {"type": "webhook", "events": list(_events()),
                                                     "enabled": True, "timeout": 10, "retries": 2}
    return render_template("admin/notifier_form.html", n=n, v=view, errors=errors, message=message,
                           types=plugin_types.all_type_names(), securities=SMTP_SECURITY, events=_events(),
                           plugin_types=[t for t in plugin_types.describe_types() if t["source"] == "plugin"],
                           partial=is_partial()), status


def _save(notifier_id: int | None):
    admin = _admin()
    n = admin.get_notifier(db(), notifier_id) if notifier_id else None
    errors: dict[str, list[str]] = {}
    data = _data(errors, n is not None)
    if errors:
        return _form(n, errors, "Please correct the marked fields.", 422)
    try:
        if n is None:
            n = admin.create_notifier(db(), data, state().keyring, actor())
        else:
            n = admin.update_notifier(db(), n.id, data, state().keyring, actor())
    except ServiceError as exc:
        return _form(n, exc.errors, exc.message, exc.status)
    flash(f"Notifier {n.name} saved.", "ok")
    return redirect(url_for("web.notifiers"))


@bp.route("/notifiers/new", methods=["GET", "POST"])
def notifier_new():
    return _save(None) if request.method == "POST" else _form(None, {})


@bp.route("/notifiers/<int:notifier_id>/edit", methods=["GET", "POST"])
def notifier_edit(notifier_id: int):
    if request.method == "POST":
        return _save(notifier_id)
    return _form(_admin().get_notifier(db(), notifier_id), {})


@bp.route("/notifiers/<int:notifier_id>/delete", methods=["GET", "POST"])
def notifier_delete(notifier_id: int):
    admin = _admin()
    n = admin.get_notifier(db(), notifier_id)
    if request.method == "POST":
        admin.delete_notifier(db(), notifier_id, actor())
        flash(f"Notifier {n.name} deleted.", "ok")
        return redirect(url_for("web.notifiers"))
    return render_template("confirm.html", partial=is_partial(), title=f"Delete notifier {n.name}?",
                           message="Events are no longer sent there; its delivery history is removed.",
                           action=url_for("web.notifier_delete", notifier_id=notifier_id),
                           cancel=url_for("web.notifiers"), button="Delete notifier")


@bp.route("/notifiers/<int:notifier_id>/test", methods=["POST"])
def notifier_test(notifier_id: int):
    outcome = _admin().send_test(db(), notifier_id, state().keyring)
    if outcome["ok"]:
        flash("Test message delivered.", "ok")
    else:
        flash(f"Test message {outcome['result']}.", "error")
    return redirect(url_for("web.notifiers"))
