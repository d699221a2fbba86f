"""``/api/audit``: the audit trail (admin only)."""

from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, fields

from ..services import audit as svc
from .common import PageArgs, page_of, page_response, session
from .fields import Str, UTCDateTime, sort_field

blp = Blueprint("audit", __name__, url_prefix="/api/audit", description="Who changed what, when")


class AuditEventSchema(Schema):
    id = fields.Integer()
    time = fields.DateTime()
    actor_id = fields.Integer(allow_none=True)
    actor = fields.String(allow_none=True)
    action = fields.String()
    entity_type = fields.String()
    entity_id = fields.String(allow_none=True)
    entity_name = fields.String(allow_none=True)
    changes = fields.Dict()
    remote_addr = fields.String(allow_none=True)


class AuditQuerySchema(PageArgs):
    sort = sort_field(svc.SORTS)
    actor = Str(max_length=64)
    action = Str(max_length=32)
    entity_type = Str(max_length=32)
    entity_id = Str(max_length=64)
    since = UTCDateTime()
    until = UTCDateTime()


@blp.route("")
class AuditEvents(MethodView):
    @blp.arguments(AuditQuerySchema, location="query")
    @blp.response(200, page_of(AuditEventSchema))
    def get(self, args):
        """Audit events, newest first (filters: actor, action, entity_type, entity_id, since, until)."""
        return page_response(svc.list_events(session(), **args))
