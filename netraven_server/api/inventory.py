"""``/api/inventory``: the inventory-source types an inventory-sync job can use."""

from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, fields

from ..services import inventory_sources as svc
from .jobs import JobOptionSchema

blp = Blueprint("inventory", __name__, url_prefix="/api/inventory", description="Inventory sources")


class SourceTypeSchema(Schema):
    name = fields.String()
    source = fields.String(metadata={"description": "builtin or plugin"})
    plugin = fields.String(metadata={"description": "the module contributing it"})
    description = fields.String()
    suffixes = fields.List(fields.String(), metadata={"description": "file endings it reads"})
    loads = fields.List(fields.String(), metadata={
        "description": "how a sync job feeds it: options (its options schema) and/or location"})
    text_import = fields.Boolean(metadata={"description": "usable by POST /api/devices/import"})
    options = fields.List(fields.Nested(JobOptionSchema))


@blp.route("/sources/types")
class SourceTypes(MethodView):
    @blp.response(200, SourceTypeSchema(many=True))
    def get(self):
        """Every installed inventory source (built-in and plugins') with its options schema."""
        return svc.describe_source_types()
