"""Configuration history, texts, diffs and search (``/api/devices/<id>/configs``, ``/api/configs``)."""

from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate

from ..services import configs as svc
from ..services import versions
from .common import PageArgs, QueryArgs, page_of, page_response, session, state
from .fields import Id, Str, UTCDateTime, sort_field

blp = Blueprint("configs", __name__, url_prefix="/api", description="Configuration versions")


class ConfigVersionSchema(Schema):
    id = fields.Integer(metadata={"description": "the version's id (unique across devices)"})
    number = fields.Integer(metadata={"description": "the device's version number: 1 for its first version"})
    device_id = fields.Integer()
    hostname = fields.String()
    storage_backend = fields.String()
    storage_ref = fields.String()
    content_hash = fields.String()
    retrieved_at = fields.DateTime()
    size = fields.Integer()
    lines_added = fields.Integer()
    lines_removed = fields.Integer()
    run_id = fields.Integer(allow_none=True)
    changed_by = fields.String(allow_none=True, metadata={"description": "who made the change, when known"})


class ConfigTextSchema(ConfigVersionSchema):
    versions = fields.Integer(metadata={"description": "how many versions the device has"})
    previous_id = fields.Integer(allow_none=True, metadata={"description": "the device's version before"})
    next_id = fields.Integer(allow_none=True, metadata={"description": "the device's version after"})
    text = fields.String()


class DiffRowSchema(Schema):
    kind = fields.String(metadata={"description": "equal, insert, delete, replace, or skip (collapsed)"})
    left_no = fields.Integer(allow_none=True)
    left = fields.String(allow_none=True)
    right_no = fields.Integer(allow_none=True)
    right = fields.String(allow_none=True)
    left_marks = fields.List(fields.List(fields.Integer()),
                             metadata={"description": "[start, end) changed character ranges"})
    right_marks = fields.List(fields.List(fields.Integer()))
    count = fields.Integer(metadata={"description": "equal lines hidden by a skip row"})


class DiffSchema(Schema):
    from_ = fields.Nested(ConfigVersionSchema, data_key="from")
    to = fields.Nested(ConfigVersionSchema)
    identical = fields.Boolean()
    lines_added = fields.Integer()
    lines_removed = fields.Integer()
    unified = fields.String(metadata={"description": "unified diff text"})
    # Rows are plain dicts already; marshmallow would spend longer than the diff re-checking them.
    rows = fields.Raw(metadata={"description": "side-by-side rows (see DiffRow)", "type": "array",
                                "items": {"$ref": "#/components/schemas/DiffRow"}})


class DiffQuerySchema(QueryArgs):
    from_ = Id(required=True, data_key="from", metadata={"description": "older version id"})
    to = Id(required=True, metadata={"description": "newer version id"})
    context = fields.Integer(validate=validate.Range(min=0, max=10000),
                             metadata={"description": "collapse equal rows beyond this many around changes"})


class HistoryQuerySchema(PageArgs):
    sort = sort_field(svc.SORTS)
    since = UTCDateTime()
    until = UTCDateTime()
    changed_only = fields.Boolean(load_default=False)


class SearchQuerySchema(QueryArgs):
    q = Str(required=True, min_length=1, max_length=500)
    regex = fields.Boolean(load_default=False)
    case_sensitive = fields.Boolean(load_default=False)
    platform = Str(max_length=64)
    tag = Str(max_length=64)
    hostname = Str(max_length=253)
    max_devices = fields.Integer(load_default=50, validate=validate.Range(min=1, max=1000))
    max_lines = fields.Integer(load_default=20, validate=validate.Range(min=1, max=1000))
    after = Str(max_length=253, metadata={"description": "continue after this hostname (next_after)"})
    scan_limit = fields.Integer(load_default=10_000, validate=validate.Range(min=1, max=1_000_000),
                                metadata={"description": "read at most this many configurations"})


class SearchLineSchema(Schema):
    line_no = fields.Integer()
    line = fields.String()
    marks = fields.List(fields.List(fields.Integer()),
                        metadata={"description": "[start, end) character ranges of the matches in the line"})


class SearchHitSchema(Schema):
    device_id = fields.Integer()
    hostname = fields.String()
    version = fields.Nested(ConfigVersionSchema)
    match_count = fields.Integer()
    lines = fields.List(fields.Nested(SearchLineSchema))


class SearchResultSchema(Schema):
    q = fields.String()
    results = fields.List(fields.Nested(SearchHitSchema))
    devices_scanned = fields.Integer()
    truncated = fields.Boolean()
    next_after = fields.String(allow_none=True,
                               metadata={"description": "when truncated: pass as 'after' to continue"})


@blp.route("/devices/<id:device_id>/configs")
class DeviceConfigs(MethodView):
    @blp.arguments(HistoryQuerySchema, location="query")
    @blp.response(200, page_of(ConfigVersionSchema))
    def get(self, args, device_id):
        """A device's configuration versions, newest first, each with its ``number``."""
        page = svc.history(session(), device_id, **args)
        versions.numbered(session(), page.items)
        return page_response(page)


@blp.route("/configs/<id:version_id>")
class ConfigById(MethodView):
    @blp.response(200, ConfigTextSchema)
    def get(self, version_id):
        """One version with its text (already redacted when it was stored), its number among the
        device's versions and the ids of the versions before and after it."""
        version = svc.get_version(session(), version_id)
        prev, nxt = versions.neighbours(session(), version)
        body = {name: getattr(version, name) for name in ConfigVersionSchema().fields}
        return body | {"versions": versions.device_version_count(session(), version.device_id),
                       "previous_id": prev.id if prev else None, "next_id": nxt.id if nxt else None,
                       "text": svc.read_text(state().storage, version)}


@blp.route("/configs/diff")
class ConfigDiff(MethodView):
    @blp.arguments(DiffQuerySchema, location="query")
    @blp.response(200, DiffSchema)
    def get(self, args):
        """Diff two versions: unified text and side-by-side rows with intra-line changes."""
        result = svc.diff(session(), state().storage, args["from_"], args["to"], context=args.get("context"))
        versions.numbered(session(), [result["from"], result["to"]])
        result["from_"] = result.pop("from")
        return result


@blp.route("/configs/search")
class ConfigSearch(MethodView):
    @blp.arguments(SearchQuerySchema, location="query")
    @blp.response(200, SearchResultSchema)
    def get(self, args):
        """Search every active device's latest configuration; matching lines with their numbers
        and the ranges that matched (``marks``)."""
        result = svc.search(session(), state().storage, **args)
        versions.numbered(session(), [hit["version"] for hit in result["results"]])
        return result
