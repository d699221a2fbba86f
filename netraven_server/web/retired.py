"""Retired devices in the UI: restore one, or (admins) purge it after typing its hostname."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for

from ..services import devices as device_service
from ..services import retirement
from ..services.errors import ServiceError
from .blueprint import bp
from .common import actor, db, is_partial


@bp.route("/devices/<int:device_id>/restore", methods=["POST"])
def device_restore(device_id: int):
    device = retirement.restore_device(db(), device_id, actor())
    flash(f"Device {device.hostname} restored: it is backed up again by its jobs.", "ok")
    return redirect(url_for("web.device_detail", device_id=device_id))


def _purge_form(device, error: str | None = None, status: int = 200):
    return render_template("devices/purge.html", partial=is_partial(), device=device, error=error,
                           typed=request.form.get("confirm", "")), status


@bp.route("/devices/<int:device_id>/purge", methods=["GET", "POST"])
def device_purge(device_id: int):
    device = device_service.get_device(db(), device_id)
    if request.method == "GET":
        return _purge_form(device)
    hostname = device.hostname
    try:
        removed = retirement.purge_device(db(), device_id, request.form.get("confirm"), actor())
    except ServiceError as exc:
        return _purge_form(device, exc.message, exc.status)
    flash(f"Device {hostname} purged: {removed} version record(s) removed from the database; the stored "
          "texts stay in the storage backend.", "ok")
    return redirect(url_for("web.devices", retired=1))
