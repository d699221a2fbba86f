"""``/api/devices/bulk``: one action on many devices, answered per id."""

from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate

from ..services import device_bulk as svc
from .common import actor, session
from .fields import Id, Str

blp = Blueprint("device_bulk", __name__, url_prefix="/api/devices/bulk",
                description="Bulk actions on devices")


class BulkRequestSchema(Schema):
    action = Str(required=True, validate=validate.OneOf(svc.ACTIONS),
                 metadata={"description": "backup, add_tag, remove_tag, enable, disable or delete"})
    ids = fields.List(Id(strict=True), required=True, validate=validate.Length(min=1, max=svc.MAX_IDS),
                      metadata={"description": f"device ids (1 to {svc.MAX_IDS})",
                                "items": {"type": "integer"}})
    tag = Str(allow_none=True, max_length=64, metadata={"description": "for add_tag and remove_tag"})


class BulkOutcomeSchema(Schema):
    id = fields.Integer()
    ok = fields.Boolean()
    message = fields.String()
    hostname = fields.String(allow_none=True)
    run_id = fields.Integer(allow_none=True, metadata={"description": "the backup run started (backup)"})


class BulkResultSchema(Schema):
    action = fields.String()
    succeeded = fields.Integer()
    failed = fields.Integer()
    results = fields.List(fields.Nested(BulkOutcomeSchema))


@blp.route("")
class DeviceBulk(MethodView):
    @blp.arguments(BulkRequestSchema)
    @blp.response(200, BulkResultSchema)
    def post(self, data):
        """Apply one action to many devices.  Each device is changed (and audited) on its own: the
        answer lists, per id, whether it worked and why not (unknown id, disabled device...).
        ``delete`` goes through the ordinary device deletion."""
        sess = session()
        result = svc.apply(sess, data["action"], data["ids"], tag=data.get("tag"), actor=actor())
        sess.commit()  # backups: the task engine must see the runs before they are dispatched
        svc.dispatch(sess, result)
        return result
