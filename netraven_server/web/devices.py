"""Devices: the filtered, sorted, paged list; create/edit/delete (in a modal when JS is on);
bulk import with per-row results; the device page with its versions; backup now."""

from __future__ import annotations

from typing import Any

from flask import flash, g, jsonify, redirect, render_template, request, url_for
from sqlalchemy import select

from ..db.models import Credential, RunResult, Tag
from ..service import lifecycle
from ..services import catalogue, configs, fleet, importer, versions
from ..services import devices as svc
from ..services import tags as tag_service
from ..services.errors import Invalid, ServiceError
from ..services.validation import TELNET_WARNING, Problems, clean_tag_names
from .blueprint import bp
from .common import actor, db, form_int, form_list, form_str, is_partial, page_args, start_and_follow
from .compliance import device_compliance
from .dashboard import stale_cutoff
from .history import previous_ids

STATUSES = ("success", "failed", "stale", "never")
MAX_UPLOAD = 8 * 1024 * 1024


def all_tags(session) -> list[Tag]:
    return tag_service.list_tags(session, size=500).items


def credentials_for_tags(session, names: list[str]) -> list[Credential]:
    """The credentials a device with these tags would be tried with, in the order tried."""
    problems = Problems()
    clean = clean_tag_names(names, problems)
    if not clean:
        return []
    return list(session.scalars(select(Credential).where(Credential.tags.any(Tag.name.in_(clean)))
                                .order_by(Credential.priority, Credential.id)))


@bp.route("/devices")
def devices():
    session = db()
    filters = {k: (request.args.get(k) or "").strip()[:255] or None
               for k in ("q", "hostname", "platform", "tag", "status")}
    if filters["status"] not in (None, *STATUSES):
        filters["status"] = None
    query = {k: v for k, v in filters.items() if k != "status"}
    if query["q"] is None and query["hostname"]:  # old links: ?hostname= searches as the box does
        query["q"], query["hostname"] = query.pop("hostname"), None
    if filters["status"] == "stale":  # backed up OK, but not for longer than the stale-backup hours

        query |= {"status": "success", "succeeded_before": stale_cutoff(session)}
    elif filters["status"] == "never":
        query["never_backed_up"] = True
    else:
        query["status"] = filters["status"]
    query["retired"] = retired = request.args.get("retired") in ("1", "true", "on")
    try:
        page = svc.list_devices(session, **query, sort=request.args.get("sort") or None, **page_args())
    except Invalid:
        page = svc.list_devices(session, **query, **page_args())
    shared = svc.shared_addresses(session, list(page.items))
    return render_template("devices/list.html", page=page, filters=filters, tags=all_tags(session),
                           platforms=catalogue.platform_names(), statuses=STATUSES, retired=retired,
                           shared=shared)


def _device_form_data(errors: dict[str, list[str]]) -> dict[str, Any]:
    data: dict[str, Any] = {
        "hostname": form_str("hostname"),
        "host": form_str("host"),
        "port": form_int("port", errors),
        "platform": form_str("platform"),
        "driver": form_str("driver"),
        "transport": form_str("transport") or "ssh",
        # An unchecked box sends nothing: the hidden "sections_shown" says the box was on the form.
        "sections": request.form.get("sections") == "on" or "sections_shown" not in request.form,
        "description": form_str("description"),
        "enabled": request.form.get("enabled") == "on",
        "tags": form_list("tags"),
    }
    if data["port"] is None:  # blank: the transport's usual port (22, telnet 23)
        data.pop("port")
    return data


def _render_form(device, data, errors, message=None, status=200):
    session = db()
    tags = data.get("tags") if data else (device.tag_names if device else [])
    template = "devices/form_partial.html" if is_partial() else "devices/form.html"
    return render_template(template, device=device, data=data or {}, errors=errors, message=message,
                           all_tags=all_tags(session), selected=set(tags or []),
                           platforms=catalogue.platform_names(), drivers=catalogue.driver_names(),
                           telnet_warning=TELNET_WARNING,
                           creds=credentials_for_tags(session, tags or [])), status


def _save(device_id: int | None):
    errors: dict[str, list[str]] = {}
    data = _device_form_data(errors)
    device = svc.get_device(db(), device_id) if device_id else None
    if errors:
        return _render_form(device, data, errors, "Please correct the marked fields.", 422)
    try:
        if device is None:
            if not data["host"]:
                data.pop("host")
            device = svc.create_device(db(), data, actor())
            flash(f"Device {device.hostname} created.", "ok")
        else:
            device = svc.update_device(db(), device.id, data, actor())
            flash(f"Device {device.hostname} saved.", "ok")
    except ServiceError as exc:
        return _render_form(device, data, exc.errors, exc.message, exc.status)
    if warning := svc.address_warning(db(), device):
        flash(f"Saved, but note: {warning}.", "warn")
    return redirect(url_for("web.device_detail", device_id=device.id))


@bp.route("/devices/new", methods=["GET", "POST"])
def device_new():
    if request.method == "POST":
        return _save(None)
    return _render_form(None, {"enabled": True, "sections": True, "transport": "ssh"}, {})


@bp.route("/devices/<int:device_id>/edit", methods=["GET", "POST"])
def device_edit(device_id: int):
    if request.method == "POST":
        return _save(device_id)
    device = svc.get_active_device(db(), device_id)
    return _render_form(device, None, {})


@bp.route("/devices/<int:device_id>/delete", methods=["GET", "POST"])
def device_delete(device_id: int):
    device = svc.get_active_device(db(), device_id)
    if request.method == "POST":
        svc.retire_device(db(), device_id, actor())
        flash(f"Device {device.hostname} removed (retired): its history stays readable and it can be "
              "restored.", "ok")
        return redirect(url_for("web.devices"))
    return render_template("confirm.html", partial=is_partial(), title=f"Remove device {device.hostname}?",
                           message="The device is retired: it is no longer backed up and leaves the "
                                   "device list and the jobs naming it, but its configuration versions "
                                   "stay readable and it can be restored (back into those jobs) from the "
                                   "retired devices.",
                           action=url_for("web.device_delete", device_id=device_id),
                           cancel=url_for("web.device_detail", device_id=device_id), button="Remove device")


@bp.route("/devices/import", methods=["GET", "POST"])
def device_import():
    result = error = None
    if request.method == "POST":
        upload = request.files.get("file")
        text = request.form.get("content") or ""
        name = None
        if upload and upload.filename:
            raw = upload.read(MAX_UPLOAD + 1)
            name = upload.filename
            if len(raw) > MAX_UPLOAD:
                error = "the file is larger than 8 MB"
            else:
                try:
                    text = raw.decode("utf-8")
                except UnicodeDecodeError:
                    error = "the file must be UTF-8 text"
        fmt = request.form.get("format") or ""
        if fmt == "auto":
            ext = (name or "").rsplit(".", 1)[-1].lower() if name and "." in name else ""
            fmt = ext if ext in ("csv", "yaml", "yml") else ("csv" if text.lstrip().startswith("hostname,")
                                                             else "yaml")
        if error is None:
            try:
                result = importer.import_devices(db(), text, fmt, source_name=name,
                                                 dry_run=request.form.get("dry_run") == "on", actor=actor())
            except ServiceError as exc:
                error = exc.message
    return render_template("devices/import.html", result=result, error=error), 422 if error else 200


@bp.route("/devices/<int:device_id>")
def device_detail(device_id: int):
    session = db()
    device = svc.get_device(session, device_id)
    history = configs.history(session, device_id, **page_args(25))
    versions.numbered(session, history.items)
    last_result = session.scalars(select(RunResult).where(RunResult.device_id == device_id,
                                                          RunResult.status.in_(("success", "failed")))
                                  .order_by(RunResult.id.desc()).limit(1)).first()
    return render_template("devices/detail.html", device=device, history=history, last_result=last_result,
                           telnet_warning=TELNET_WARNING, previous=previous_ids(session, history.items),
                           creds=credentials_for_tags(session, device.tag_names),
                           compliance=device_compliance(session, device_id),
                           facts=fleet.device_history(session, device_id))


@bp.route("/devices/<int:device_id>/backup", methods=["POST"])
def device_backup(device_id: int):
    session = db()
    device = svc.get_active_device(session, device_id)
    run = lifecycle.create_run(session, job=None, devices=[device], trigger="manual",
                               requested_by=g.user.username)
    run.job_name = f"backup {device.hostname}"
    run_id = run.id
    return start_and_follow(session, run_id)


@bp.route("/ui/credentials-preview")
def credentials_preview():
    names = [t for t in request.args.getlist("tag") if t.strip()]
    creds = credentials_for_tags(db(), names)
    return jsonify({"credentials": [{"name": c.name, "username": c.username, "priority": c.priority,
                                     "tags": c.tag_names} for c in creds]})
