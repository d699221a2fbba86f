"""``/api/jobs``: scheduled or manual backup and reachability jobs; ``POST .../run`` starts one."""

from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate

from ..db.models import SCHEDULE_TYPES
from ..services import jobs as svc
from ..services import runs as run_service
from .common import PageArgs, actor, page_of, page_response, session
from .fields import Hostname, JSONObject, Str, TagList, UTCDateTime, sort_field

blp = Blueprint("jobs", __name__, url_prefix="/api/jobs", description="Jobs")

MAX_INTERVAL = 3660 * 24 * 3600  # ten years


class JobSchema(Schema):
    id = fields.Integer()
    name = fields.String()
    description = fields.String(allow_none=True)
    job_type = fields.String()
    schedule_type = fields.String()
    interval_seconds = fields.Integer(allow_none=True)
    cron = fields.String(allow_none=True)
    run_at = fields.DateTime(allow_none=True)
    enabled = fields.Boolean()
    options = fields.Dict()
    tags = fields.Function(lambda j: j.tag_names, metadata={"type": "array", "items": {"type": "string"}})
    devices = fields.Function(lambda j: j.device_hostnames,
                              metadata={"type": "array", "items": {"type": "string"}})
    next_run_at = fields.DateTime(allow_none=True)
    last_run_id = fields.Integer(allow_none=True)
    created_by = fields.String(allow_none=True)
    created_at = fields.DateTime()
    updated_at = fields.DateTime()
    warnings = fields.Function(
        svc.warnings_of,
        metadata={"type": "array", "items": {"type": "string"},
                  "description": "what the admin should know about this job's settings (a host-key "
                                 "mode that checks nothing)"})


class JobWriteSchema(Schema):
    name = Str(max_length=128, min_length=1)
    description = Str(allow_none=True, max_length=255)
    job_type = Str(max_length=32, metadata={"description": "backup, reachability, inventory_sync or a "
                                                          "plugin's (GET /api/jobs/types)"})
    schedule_type = Str(validate=validate.OneOf(SCHEDULE_TYPES))
    interval_seconds = fields.Integer(
        strict=True, allow_none=True,
        validate=validate.Range(min=60, max=MAX_INTERVAL, error="must be between 60 seconds and ten years"))
    cron = Str(allow_none=True, max_length=128, metadata={"description": "five fields, UTC"})
    run_at = UTCDateTime(allow_none=True)
    enabled = fields.Boolean()
    options = JSONObject(metadata={"description": "engine options: timeout, retries, workers, "
                                                  "sections (false: no hardware/software sections)"})
    tags = TagList(metadata={"description": "run on devices carrying any of these tags"})
    devices = fields.List(Hostname(), validate=validate.Length(max=10000),
                          metadata={"description": "run on these devices (hostnames)"})


class JobCreateSchema(JobWriteSchema):
    name = Str(required=True, max_length=128, min_length=1)


class JobQuerySchema(PageArgs):
    sort = sort_field(svc.SORTS)
    name = Str(max_length=128)
    job_type = Str(max_length=32)
    schedule_type = Str(validate=validate.OneOf(SCHEDULE_TYPES))
    enabled = fields.Boolean()
    tag = Str(max_length=64)
    device = Str(max_length=253, metadata={"description": "jobs naming this hostname"})


class RunStartedSchema(Schema):
    run_id = fields.Integer()
    status = fields.String()
    dispatched = fields.Boolean(metadata={"description": "handed to the task engine in this process"})


@blp.route("")
class Jobs(MethodView):
    @blp.arguments(JobQuerySchema, location="query")
    @blp.response(200, page_of(JobSchema))
    def get(self, args):
        """List jobs (filters: name, job_type, schedule_type, enabled, tag, device)."""
        return page_response(svc.list_jobs(session(), **args))

    @blp.arguments(JobCreateSchema)
    @blp.response(201, JobSchema)
    def post(self, data):
        """Create a job; it must target tags or devices (except job-level types: inventory_sync)."""
        return svc.create_job(session(), data, actor())


class JobOptionSchema(Schema):
    name = fields.String()
    type = fields.String()
    required = fields.Boolean()
    secret = fields.Boolean()
    description = fields.String()
    choices = fields.List(fields.Raw(), allow_none=True)
    default = fields.Raw(allow_none=True)


class JobTypeSchema(Schema):
    name = fields.String()
    source = fields.String(metadata={"description": "builtin or plugin"})
    description = fields.String()
    scope = fields.String(metadata={"description": "device: runs per target device; job: once per run"})
    options = fields.List(fields.Nested(JobOptionSchema))


@blp.route("/types")
class JobTypes(MethodView):
    @blp.response(200, JobTypeSchema(many=True))
    def get(self):
        """The job types (built-in and plugins'), each with its options schema."""
        return svc.describe_job_types()


@blp.route("/<id:job_id>")
class JobById(MethodView):
    @blp.response(200, JobSchema)
    def get(self, job_id):
        """One job."""
        return svc.get_job(session(), job_id)

    @blp.arguments(JobWriteSchema)
    @blp.response(200, JobSchema)
    def patch(self, data, job_id):
        """Change a job; schedule changes recompute ``next_run_at``."""
        return svc.update_job(session(), job_id, data, actor())

    @blp.response(204)
    def delete(self, job_id):
        """Delete a job (its runs are kept)."""
        svc.delete_job(session(), job_id, actor())


@blp.route("/<id:job_id>/run")
class JobRun(MethodView):
    @blp.response(202, RunStartedSchema)
    def post(self, job_id):
        """Run a job now; answers at once with the run id (follow it at /api/runs/<id>)."""
        sess = session()
        run = svc.start_run(sess, svc.get_job(sess, job_id), actor())
        sess.commit()  # the task engine must see the run before it is dispatched
        dispatched = run_service.dispatch(run.id, sess)  # 503, and no run, if the queue is down
        return {"run_id": run.id, "status": run.status, "dispatched": dispatched}
