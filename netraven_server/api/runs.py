"""``/api/runs``: job runs with their counts and per-device results; cancel, retry, and live
progress (Server-Sent Events)."""

from __future__ import annotations

from flask import Response, request, stream_with_context
from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate

from ..db.models import RESULT_STATUSES, RUN_STATUSES, RUN_TRIGGERS
from ..service import lifecycle as run_ops
from ..services import audit
from ..services import runs as svc
from ..services.errors import Conflict
from ..services.run_stream import run_events
from .common import PageArgs, actor, page_of, page_response, session, state
from .fields import Id, Str, UTCDateTime, sort_field

blp = Blueprint("runs", __name__, url_prefix="/api/runs", description="Job runs and their results")

RESULTS_INLINE = 500


def _public_details(details: dict | None) -> dict:
    # Claim tokens are the task engine's bookkeeping, not information for users.
    return {k: v for k, v in (details or {}).items() if not k.startswith("claim")}


class RunSchema(Schema):
    id = fields.Integer()
    job_id = fields.Integer(allow_none=True)
    job_name = fields.String(allow_none=True)
    job_type = fields.String()
    status = fields.String()
    trigger = fields.String()
    slot_at = fields.DateTime(allow_none=True)
    requested_by = fields.String(allow_none=True)
    created_at = fields.DateTime()
    started_at = fields.DateTime(allow_none=True)
    finished_at = fields.DateTime(allow_none=True)
    heartbeat_at = fields.DateTime(allow_none=True)
    worker = fields.String(allow_none=True)
    total = fields.Integer()
    succeeded = fields.Integer()
    failed = fields.Integer()
    changed = fields.Integer()
    unchanged = fields.Integer()
    duration = fields.Float(allow_none=True)
    error = fields.String(allow_none=True)
    result = fields.Dict(allow_none=True, metadata={
        "description": "what a job-level type reported (inventory_sync: counts, changes, rejected)"})


class RunResultSchema(Schema):
    id = fields.Integer()
    run_id = fields.Integer()
    device_id = fields.Integer(allow_none=True)
    hostname = fields.String()
    status = fields.String()
    changed = fields.Boolean()
    lines_added = fields.Integer()
    lines_removed = fields.Integer()
    error_category = fields.String(allow_none=True)
    error = fields.String(allow_none=True)
    attempts = fields.Integer()
    duration = fields.Float(allow_none=True)
    driver = fields.String(allow_none=True)
    credential_id = fields.Integer(allow_none=True)
    config_version_id = fields.Integer(allow_none=True)
    started_at = fields.DateTime(allow_none=True)
    finished_at = fields.DateTime(allow_none=True)
    details = fields.Function(lambda r: _public_details(r.details), metadata={"type": "object"})


class RunDetailSchema(RunSchema):
    counts = fields.Dict(keys=fields.String(), values=fields.Integer(),
                         metadata={"description": "results per status, live while the run goes"})
    results = fields.List(fields.Nested(RunResultSchema),
                          metadata={"description": f"the first {RESULTS_INLINE} results by hostname; "
                                                   "page through all at /api/runs/<id>/results"})
    results_total = fields.Integer()


class RunQuerySchema(PageArgs):
    sort = sort_field(svc.SORTS)
    job_id = Id()
    status = Str(validate=validate.OneOf(RUN_STATUSES))
    trigger = Str(validate=validate.OneOf(RUN_TRIGGERS))
    job_type = Str(max_length=32)
    since = UTCDateTime(metadata={"description": "created at or after"})
    until = UTCDateTime(metadata={"description": "created before"})


class ResultQuerySchema(PageArgs):
    sort = sort_field(svc.RESULT_SORTS)
    status = Str(validate=validate.OneOf(RESULT_STATUSES))
    hostname = Str(max_length=253)
    changed = fields.Boolean()


@blp.route("")
class Runs(MethodView):
    @blp.arguments(RunQuerySchema, location="query")
    @blp.response(200, page_of(RunSchema))
    def get(self, args):
        """List runs, newest first (filters: job_id, status, trigger, job_type, since, until)."""
        return page_response(svc.list_runs(session(), **args))


@blp.route("/<id:run_id>")
class RunById(MethodView):
    @blp.response(200, RunDetailSchema)
    def get(self, run_id):
        """One run: status, counts and per-device results."""
        sess = session()
        run = svc.get_run(sess, run_id)
        results = svc.list_results(sess, run.id, page=1, size=RESULTS_INLINE)
        body = {name: getattr(run, name) for name in RunSchema().fields}
        return body | {"counts": svc.result_counts(sess, run.id), "results": results.items,
                       "results_total": results.total}


@blp.route("/<id:run_id>/results")
class RunResults(MethodView):
    @blp.arguments(ResultQuerySchema, location="query")
    @blp.response(200, page_of(RunResultSchema))
    def get(self, args, run_id):
        """A run's per-device results, paginated (filters: status, hostname, changed)."""
        sess = session()
        svc.get_run(sess, run_id)
        return page_response(svc.list_results(sess, run_id, **args))


class CancelledSchema(Schema):
    run_id = fields.Integer()
    status = fields.String()
    cancelled_devices = fields.Integer()


class RetryStartedSchema(Schema):
    run_id = fields.Integer(metadata={"description": "the new run"})
    retry_of = fields.Integer()
    status = fields.String()
    devices = fields.Integer()
    dispatched = fields.Boolean()


@blp.route("/<id:run_id>/cancel")
class RunCancel(MethodView):
    @blp.response(200, CancelledSchema)
    def post(self, run_id):
        """Cancel a pending or running run: devices not started are cancelled; devices in
        progress finish their current attempt."""
        sess = session()
        svc.get_run(sess, run_id)
        try:
            run = run_ops.cancel_run(sess, run_id, by=actor().username)
        except run_ops.RunError as exc:
            raise Conflict(str(exc)) from None
        audit.record(sess, actor(), "cancel", "run", run.id, None, {"job_id": run.job_id})
        counts = run_ops.counts(sess, run_id)
        return {"run_id": run.id, "status": run.status, "cancelled_devices": counts.get("cancelled", 0)}


@blp.route("/<id:run_id>/retry")
class RunRetry(MethodView):
    @blp.response(202, RetryStartedSchema)
    def post(self, run_id):
        """Start a new run over only the devices that failed in this one."""
        sess = session()
        svc.get_run(sess, run_id)
        try:
            run = run_ops.retry_failed(sess, run_id, requested_by=actor().username)
        except run_ops.RunError as exc:
            raise Conflict(str(exc)) from None
        audit.record(sess, actor(), "retry", "run", run.id, None,
                     {"retry_of": run_id, "job_id": run.job_id, "devices": run.total})
        new_id, total = run.id, run.total
        sess.commit()  # the workers must see the run before it is dispatched
        dispatched = svc.dispatch(new_id)
        return {"run_id": new_id, "retry_of": run_id, "status": "pending", "devices": total,
                "dispatched": dispatched}


@blp.route("/<id:run_id>/events")
class RunEvents(MethodView):
    @blp.doc(responses={"200": {"description": "text/event-stream: run, result, log and end events"}})
    def get(self, run_id):
        """Follow a run live (Server-Sent Events).  Resume with ``Last-Event-ID``."""
        svc.get_run(session(), run_id)
        try:
            last = int(request.headers.get("Last-Event-ID") or request.args.get("last_event_id") or 0)
        except ValueError:
            last = 0
        db = state().db
        stream = run_events(db, run_id, last_log_id=max(0, last))
        return Response(stream_with_context(stream), mimetype="text/event-stream",
                        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})
