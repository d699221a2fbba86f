"""The device list's bulk bar: one action on the selected devices (see
:mod:`netraven_server.services.device_bulk`), reported in one flash message."""

from __future__ import annotations

from flask import flash, redirect, request, url_for

from ..services import device_bulk as svc
from ..services.errors import Invalid
from .blueprint import bp
from .common import actor, db
from .guard import safe_next

LABELS = {"backup": "Back up now", "add_tag": "Add tag", "remove_tag": "Remove tag", "enable": "Enable",
          "disable": "Disable", "delete": "Delete"}


def summary(result: svc.BulkResult) -> tuple[str, str]:
    """The flash message and its category for a bulk result."""
    label = LABELS.get(result.action, result.action)
    text = f"{label}: {result.succeeded} of {len(result.results)} device(s) done."
    refused = [r for r in result.results if not r.ok]
    if refused:
        names = [f"{r.hostname or '#' + str(r.id)}: {r.message}" for r in refused[:10]]
        text += " Refused: " + "; ".join(names)
        if len(refused) > 10:
            text += f"; and {len(refused) - 10} more"
    return text, "ok" if not refused else ("warn" if result.succeeded else "error")


@bp.route("/devices/bulk", methods=["POST"])
def devices_bulk():
    back = safe_next(request.form.get("next")) or url_for("web.devices")
    session = db()
    try:
        result = svc.apply(session, request.form.get("action"), request.form.getlist("ids"),
                           tag=(request.form.get("tag") or "").strip() or None, actor=actor())
    except Invalid as exc:
        flash("Bulk action not done: " + exc.message, "error")
        return redirect(back)
    session.commit()  # the task engine must see the backup runs before they are dispatched
    svc.dispatch(session, result)
    flash(*summary(result))
    return redirect(back)
