"""Runs: the list, and the run monitor (live progress over Server-Sent Events, per-device
results and logs, cancel, retry failed devices, links to the diffs a run produced)."""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import Response, flash, g, redirect, render_template, request, stream_with_context, url_for
from sqlalchemy import select

from ..db.models import RUN_STATUSES, RUN_TRIGGERS, ConfigVersion, Job
from ..service import lifecycle
from ..services import audit
from ..services import logs as log_service
from ..services import runs as svc
from ..services.errors import Conflict
from ..services.run_stream import run_events as stream_events
from .blueprint import bp
from .common import actor, db, page_args, start_and_follow, state
from .history import previous_ids

RESULTS_SHOWN = 500  # the service maximum per page


def _date_arg(name: str) -> datetime | None:
    try:
        return datetime.strptime((request.args.get(name) or "").strip(), "%Y-%m-%d")
    except ValueError:
        return None


@bp.route("/runs")
def runs():
    session = db()
    f = {"status": request.args.get("status") if request.args.get("status") in RUN_STATUSES else None,
         "job_id": request.args.get("job_id", type=int),
         "trigger": request.args.get("trigger") if request.args.get("trigger") in RUN_TRIGGERS else None,
         "since": _date_arg("since"), "until": _date_arg("until")}
    query = dict(f)
    if query["until"] is not None:
        query["until"] += timedelta(days=1)  # "to" a day includes that whole day
    sort = request.args.get("sort") or None
    if sort and sort.lstrip("-") not in svc.SORTS:
        sort = None
    page = svc.list_runs(session, **query, sort=sort, **page_args())
    jobs = session.execute(select(Job.id, Job.name).order_by(Job.name)).all()
    return render_template("runs/list.html", page=page, statuses=RUN_STATUSES, triggers=RUN_TRIGGERS,
                           f=f, jobs=jobs, since=request.args.get("since", ""),
                           until=request.args.get("until", ""))


@bp.route("/runs/<int:run_id>")
def run_detail(run_id: int):
    session = db()
    run = svc.get_run(session, run_id)
    results = svc.list_results(session, run_id, size=RESULTS_SHOWN).items
    version_ids = [r.config_version_id for r in results if r.config_version_id and r.changed]
    versions = list(session.scalars(select(ConfigVersion).where(ConfigVersion.id.in_(version_ids)))) \
        if version_ids else []
    logs = log_service.list_logs(session, run_id=run_id, sort="time", size=500).items
    counts = svc.result_counts(session, run_id)
    by_host: dict[str, list] = {}
    for entry in logs:
        if entry.hostname:
            by_host.setdefault(entry.hostname, []).append(entry)
    return render_template("runs/detail.html", run=run, results=results, tally=tally(counts, results),
                           previous=previous_ids(session, versions), logs=logs, device_logs=by_host,
                           active=run.status in ("pending", "running"))


def tally(counts: dict[str, int], results) -> dict[str, int]:
    """Live counters from the results (the run's own counters are only final when it ends)."""
    changed = sum(1 for r in results if r.changed and r.status == "success")
    done = sum(counts.get(s, 0) for s in ("success", "failed", "cancelled", "skipped"))
    return {"done": done, "success": counts.get("success", 0), "failed": counts.get("failed", 0),
            "changed": changed, "unchanged": counts.get("success", 0) - changed,
            "cancelled": counts.get("cancelled", 0)}


@bp.route("/runs/<int:run_id>/events")
def run_events(run_id: int):
    svc.get_run(db(), run_id)
    try:
        last = int(request.headers.get("Last-Event-ID") or 0)
    except ValueError:
        last = 0
    # A UI stream ends after a few minutes; the browser's EventSource reconnects with
    # Last-Event-ID, so a long run never pins a server thread for its whole duration.
    stream = stream_events(state().db, run_id, last_log_id=max(0, last), max_duration=300)
    return Response(stream_with_context(stream), mimetype="text/event-stream",
                    headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})


@bp.route("/runs/<int:run_id>/cancel", methods=["POST"])
def run_cancel(run_id: int):
    session = db()
    svc.get_run(session, run_id)
    try:
        run = lifecycle.cancel_run(session, run_id, by=g.user.username)
    except lifecycle.RunError as exc:
        flash(str(exc), "error")
    else:
        audit.record(session, actor(), "cancel", "run", run.id, None, {"job_id": run.job_id})
        flash(f"Run {run_id} cancelled; devices already in progress finish their attempt.", "ok")
    return redirect(url_for("web.run_detail", run_id=run_id))


@bp.route("/runs/<int:run_id>/retry", methods=["POST"])
def run_retry(run_id: int):
    session = db()
    svc.get_run(session, run_id)
    try:
        run = lifecycle.retry_failed(session, run_id, requested_by=g.user.username)
    except lifecycle.RunError as exc:
        raise Conflict(str(exc)) from None
    new_id = run.id
    audit.record(session, actor(), "retry", "run", new_id, None,
                 {"retry_of": run_id, "job_id": run.job_id, "devices": run.total})
    return start_and_follow(session, new_id)
