"""``/api/runs``: job runs with their counts and per-device results."""

from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate

from ..db.models import RESULT_STATUSES, RUN_STATUSES, RUN_TRIGGERS
from ..services import runs as svc
from .common import PageArgs, page_of, page_response, session
from .fields import Id, Str, UTCDateTime

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
    job_id = Id()
    status = Str(validate=validate.OneOf(RUN_STATUSES))
    trigger = Str(validate=validate.OneOf(RUN_TRIGGERS))
    job_type = Str(max_length=32)
    since = UTCDateTime(metadata={"description": "created at or after"})
    until = UTCDateTime(metadata={"description": "created before"})


class ResultQuerySchema(PageArgs):
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
