"""``/api/fleet``: model, serial and OS version per device from the stored sections, searchable,
as CSV, and each device's change history (a new serial: a swapped chassis)."""

from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, fields

from ..services import fleet as svc
from .common import PageArgs, page_of, page_response, session
from .csvout import csv_response
from .fields import Str

blp = Blueprint("fleet", __name__, url_prefix="/api/fleet", description="Fleet inventory")


class FleetItemSchema(Schema):
    device_id = fields.Integer()
    hostname = fields.String()
    platform = fields.String()
    tags = fields.List(fields.String())
    model = fields.String(allow_none=True)
    serial = fields.String(allow_none=True)
    os_version = fields.String(allow_none=True)
    since = fields.DateTime(metadata={"description": "when these facts were first seen"})
    changes = fields.Integer(metadata={"description": "how many times the facts changed"})


class FleetQuerySchema(PageArgs):
    q = Str(max_length=128, metadata={"description": "substring of hostname, model, serial or OS version"})
    platform = Str(max_length=64)
    tag = Str(max_length=64)


class FactChangeSchema(Schema):
    field = fields.String()
    from_ = fields.String(data_key="from", attribute="from", allow_none=True)
    to = fields.String(allow_none=True)


class FactsRowSchema(Schema):
    model = fields.String(allow_none=True)
    serial = fields.String(allow_none=True)
    os_version = fields.String(allow_none=True)
    recorded_at = fields.DateTime()
    version_id = fields.Integer(allow_none=True)
    storage_ref = fields.String(allow_none=True)
    changes = fields.List(fields.Nested(FactChangeSchema))


@blp.route("")
class Fleet(MethodView):
    @blp.arguments(FleetQuerySchema, location="query")
    @blp.response(200, page_of(FleetItemSchema))
    def get(self, args):
        """The latest facts of every device (filters: q, platform, tag)."""
        args.pop("sort", None)
        return page_response(svc.inventory(session(), **args))


CSV_COLUMNS = ("hostname", "platform", "model", "serial", "os_version", "since", "changes")


@blp.route("/export")
class FleetExport(MethodView):
    @blp.arguments(FleetQuerySchema, location="query")
    @blp.response(200, {"type": "string"}, content_type="text/csv")
    def get(self, args):
        """The filtered inventory as CSV (every page)."""
        for name in ("sort", "page", "size"):
            args.pop(name, None)
        items = svc.inventory_all(session(), **args)
        return csv_response(CSV_COLUMNS, ([i[c] for c in CSV_COLUMNS] for i in items), "fleet-inventory.csv")


@blp.route("/<id:device_id>/history")
class FleetHistory(MethodView):
    @blp.response(200, FactsRowSchema(many=True))
    def get(self, device_id):
        """A device's facts over time, newest first, with what changed each time."""
        return svc.device_history(session(), device_id)
