"""``/api/logs``: the unified log of job, connection and system events."""

from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate

from ..db.models import LOG_LEVELS, LOG_TYPES
from ..services import logs as svc
from .common import PageArgs, page_of, page_response, session
from .fields import Id, Str, UTCDateTime, sort_field

blp = Blueprint("logs", __name__, url_prefix="/api/logs", description="Job, connection and system logs")


class LogSchema(Schema):
    id = fields.Integer()
    time = fields.DateTime()
    level = fields.String()
    type = fields.String()
    run_id = fields.Integer(allow_none=True)
    device_id = fields.Integer(allow_none=True)
    hostname = fields.String(allow_none=True)
    job_id = fields.Integer(allow_none=True)
    message = fields.String()
    details = fields.Dict()


class LogQuerySchema(PageArgs):
    sort = sort_field(svc.SORTS)
    run_id = Id()
    device_id = Id()
    job_id = Id()
    hostname = Str(max_length=253)
    level = Str(validate=validate.OneOf(LOG_LEVELS))
    min_level = Str(validate=validate.OneOf(LOG_LEVELS), metadata={"description": "this level and above"})
    type = Str(validate=validate.OneOf(LOG_TYPES))
    since = UTCDateTime()
    until = UTCDateTime()
    q = Str(max_length=255, metadata={"description": "text in the message"})


@blp.route("")
class Logs(MethodView):
    @blp.arguments(LogQuerySchema, location="query")
    @blp.response(200, page_of(LogSchema))
    def get(self, args):
        """Log lines, newest first (filters: run, device, job, hostname, level, type, time range, text)."""
        args.setdefault("size", 100)
        return page_response(svc.list_logs(session(), **args))
