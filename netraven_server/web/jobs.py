"""Jobs: list with next run, create/edit with the schedule builder and target selection,
enable/disable, run now, delete; plus the cron preview the schedule builder asks for."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from croniter import croniter
from flask import flash, jsonify, redirect, render_template, request, url_for
from sqlalchemy import select

from .. import timetable
from ..db.models import SCHEDULE_TYPES, Run
from ..services import devices as device_service
from ..services import jobs as svc
from ..services.errors import ServiceError
from .blueprint import bp
from .common import actor, db, form_int, form_list, form_str, is_partial, page_args, start_and_follow
from .devices import all_tags
from .filters import ago, fmt_dt
from .job_sync_form import SYNC_KEPT, SYNC_OPTIONS, SYNC_TYPE, form_errors, read_sync_options, source_specs

UNITS = {"minutes": 60, "hours": 3600, "days": 86400}
PREVIEW_COUNT = 5

FORM_OPTIONS = ("timeout", "retries", "workers", "sections")  # the options this form edits


@bp.route("/jobs")
def jobs():
    session = db()
    sort = request.args.get("sort") or None
    if sort and sort.lstrip("-") not in svc.SORTS:
        sort = None
    page = svc.list_jobs(session, sort=sort, **page_args())
    run_ids = [j.last_run_id for j in page.items if j.last_run_id]
    last_runs = {r.id: r for r in session.scalars(select(Run).where(Run.id.in_(run_ids)))} if run_ids else {}
    return render_template("jobs/list.html", page=page, last_runs=last_runs)


def first_run_note(job) -> str:
    """When a saved job runs next, in words (an interval job without a start time runs at once)."""
    if not job.enabled:
        return "It is disabled, so it does not run on its own."
    if job.next_run_at is None:
        return "It runs only when started by hand." if job.schedule_type == "manual" else ""
    return f"It first runs {fmt_dt(job.next_run_at)} ({ago(job.next_run_at)})."


def _interval_parts(seconds: int | None) -> tuple[int | None, str]:
    if not seconds:
        return None, "hours"
    for unit in ("days", "hours", "minutes"):
        if seconds % UNITS[unit] == 0:
            return seconds // UNITS[unit], unit
    return seconds // 60, "minutes"


def _form_data(errors: dict[str, list[str]]) -> dict[str, Any]:
    kind = request.form.get("schedule_type") or "manual"
    data: dict[str, Any] = {
        "name": form_str("name"), "description": form_str("description"),
        "job_type": form_str("job_type") or "backup", "schedule_type": kind,
        "enabled": request.form.get("enabled") == "on", "tags": form_list("tags"),
        "devices": [h.strip() for h in (request.form.get("devices") or "").replace(",", "\n").splitlines()
                    if h.strip()],
        "interval_seconds": None, "cron": None, "run_at": None,
    }
    if kind == "interval":
        every = form_int("interval_every", errors)
        unit = request.form.get("interval_unit") if request.form.get("interval_unit") in UNITS else "minutes"
        data["interval_seconds"] = every * UNITS[unit] if every else None
        if not every:
            errors.setdefault("interval_seconds", []).append("give the interval")
    elif kind == "cron":
        data["cron"] = form_str("cron")
    elif kind == "onetime":
        raw = form_str("run_at")
        try:
            data["run_at"] = datetime.fromisoformat(raw).replace(tzinfo=UTC) if raw else None
        except ValueError:
            errors.setdefault("run_at", []).append("must be a date and time")
    sync = data["job_type"] == SYNC_TYPE
    options = read_sync_options(errors) if sync else _engine_options(errors)
    start = form_str("start_at")
    if start and kind in ("interval", "cron"):
        try:  # the grid of an interval job starts here instead of at once (UTC)
            options["start_at"] = datetime.fromisoformat(start).replace(tzinfo=UTC).isoformat()
        except ValueError:
            errors.setdefault("start_at", []).append("must be a date and time")
    raw = (request.form.get("opt_json") or "").strip()
    if raw:
        try:
            extra = json.loads(raw)
        except ValueError as exc:
            errors.setdefault("options", []).append(f"the JSON options are not valid JSON: {exc}")
            extra = {}
        if not isinstance(extra, dict):
            errors.setdefault("options", []).append("the JSON options must be an object")
            extra = {}
        if sync and isinstance(extra.get("source_options"), dict):  # beside the source's inputs
            options["source_options"] = {**options.get("source_options", {}), **extra.pop("source_options")}
        options.update(extra)
    if sync and not options.get("source"):
        errors.setdefault("opt_source", []).append("choose the inventory source")
    data["options"] = options
    return data


def _engine_options(errors: dict[str, list[str]]) -> dict[str, Any]:
    options: dict[str, Any] = {}
    for key in FORM_OPTIONS[:3]:
        value = form_int(f"opt_{key}", errors)
        if value is not None:
            options[key] = value
    if request.form.get("opt_no_sections") == "on":
        options["sections"] = False
    return options


def _render(job, data, errors, message=None, status=200):
    session = db()
    if data is None and job is not None:
        data = {"name": job.name, "description": job.description, "job_type": job.job_type,
                "schedule_type": job.schedule_type, "interval_seconds": job.interval_seconds,
                "cron": job.cron, "run_at": job.run_at, "enabled": job.enabled, "tags": job.tag_names,
                "devices": job.device_hostnames, "options": dict(job.options or {})}
    data = data or {"job_type": "backup", "schedule_type": "interval", "interval_seconds": 86400,
                    "enabled": True, "tags": [], "devices": [], "options": {}}
    every, unit = _interval_parts(data.get("interval_seconds"))
    run_at = data.get("run_at")
    start_at = (data.get("options") or {}).get("start_at")
    try:
        start_at = datetime.fromisoformat(start_at).strftime("%Y-%m-%dT%H:%M") if start_at else ""
    except (TypeError, ValueError):
        start_at = ""
    template = "jobs/form_partial.html" if is_partial() else "jobs/form.html"
    hostnames = [d.hostname for d in device_service.list_devices(session, size=500).items]
    sync = data.get("job_type") == SYNC_TYPE
    shown = SYNC_OPTIONS | {"start_at"} if sync else {"timeout", "retries", "workers", "sections"}
    extra = {k: v for k, v in (data.get("options") or {}).items() if k not in shown}
    return render_template(template, job=job, data=data, errors=errors, message=message,
                           extra_options=json.dumps(extra, indent=1) if extra else "",
                           type_specs=svc.describe_job_types(), sources=source_specs(),
                           sync_type=SYNC_TYPE, is_admin=actor().role == "admin",
                           every=every, unit=unit, units=UNITS,
                           run_at=run_at.strftime("%Y-%m-%dT%H:%M") if run_at else "", start_at=start_at,
                           job_types=svc.job_types(), schedule_types=SCHEDULE_TYPES,
                           all_tags=all_tags(session), selected=set(data.get("tags") or []),
                           hostnames=hostnames), status


def _save(job_id: int | None):
    errors: dict[str, list[str]] = {}
    data = _form_data(errors)
    job = svc.get_job(db(), job_id) if job_id else None
    if job is not None:
        # The form edits only some options: keep the others (host_key_mode, timezone, start_at,
        # icmp...) set through the API, rather than silently dropping them on save.
        # A sync keeps only its own such options; a job changed to or from a sync drops the other's.
        stored = (job.options or {}).items()
        if data["job_type"] == SYNC_TYPE:
            kept = {k: v for k, v in stored if k in SYNC_KEPT}
        else:
            kept = {k: v for k, v in stored if k not in FORM_OPTIONS and k not in SYNC_OPTIONS}
        data["options"] = {**kept, **data["options"]}
    if errors:
        return _render(job, data, errors, "Please correct the marked fields.", 422)
    try:
        if job is None:
            job = svc.create_job(db(), data, actor())
            flash(f"Job {job.name} created. {first_run_note(job)}".strip(), "ok")
        else:
            job = svc.update_job(db(), job.id, data, actor())
            flash(f"Job {job.name} saved. {first_run_note(job)}".strip(), "ok")
    except ServiceError as exc:
        errors = form_errors(exc.errors, data["options"]) if data["job_type"] == SYNC_TYPE else exc.errors
        return _render(job, data, errors, exc.message, exc.status)
    for warning in svc.warnings_of(job):  # e.g. a host-key mode that checks nothing
        flash(f"Job {job.name}: {warning}", "warn")
    return redirect(url_for("web.jobs"))


@bp.route("/jobs/new", methods=["GET", "POST"])
def job_new():
    return _save(None) if request.method == "POST" else _render(None, None, {})


@bp.route("/jobs/<int:job_id>/edit", methods=["GET", "POST"])
def job_edit(job_id: int):
    return _save(job_id) if request.method == "POST" else _render(svc.get_job(db(), job_id), None, {})


@bp.route("/jobs/<int:job_id>/delete", methods=["GET", "POST"])
def job_delete(job_id: int):
    job = svc.get_job(db(), job_id)
    if request.method == "POST":
        svc.delete_job(db(), job_id, actor())
        flash(f"Job {job.name} deleted.", "ok")
        return redirect(url_for("web.jobs"))
    return render_template("confirm.html", partial=is_partial(), title=f"Delete job {job.name}?",
                           message="The job is removed; its past runs and their results are kept.",
                           action=url_for("web.job_delete", job_id=job_id), cancel=url_for("web.jobs"),
                           button="Delete job")


@bp.route("/jobs/<int:job_id>/toggle", methods=["POST"])
def job_toggle(job_id: int):
    job = svc.get_job(db(), job_id)
    job = svc.update_job(db(), job_id, {"enabled": not job.enabled}, actor())
    flash(f"Job {job.name} {'enabled' if job.enabled else 'disabled'}.", "ok")
    return redirect(url_for("web.jobs"))


@bp.route("/jobs/<int:job_id>/run", methods=["POST"])
def job_run(job_id: int):
    session = db()
    try:
        run = svc.start_run(session, svc.get_job(session, job_id), actor())
    except ServiceError as exc:
        flash(exc.message, "error")
        return redirect(url_for("web.jobs"))
    run_id = run.id
    return start_and_follow(session, run_id)


@bp.route("/ui/cron-preview")
def cron_preview():
    """The next run times of a cron expression (UTC), or why it is not valid."""
    expr = (request.args.get("cron") or "").strip()[:128]
    try:
        timetable.validate(timetable.Schedule(kind="cron", cron=expr))
    except ValueError as exc:
        return jsonify({"ok": False, "error": str(exc)})
    it = croniter(expr, datetime.now(UTC))
    times = [it.get_next(datetime) for _ in range(PREVIEW_COUNT)]
    return jsonify({"ok": True, "next": [t.strftime("%Y-%m-%d %H:%M UTC (%a)") for t in times]})
