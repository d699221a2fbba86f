"""``/api/tags``: tags group devices; credentials and jobs select devices by tag."""

from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, fields

from ..services import tags as svc
from .common import PageArgs, actor, page_of, page_response, session
from .fields import Str, TagName, sort_field

blp = Blueprint("tags", __name__, url_prefix="/api/tags", description="Tags")


class TagSchema(Schema):
    id = fields.Integer(dump_only=True)
    name = fields.String()
    description = fields.String(allow_none=True)
    created_at = fields.DateTime(dump_only=True)
    updated_at = fields.DateTime(dump_only=True)


class TagDetailSchema(TagSchema):
    usage = fields.Dict(keys=fields.String(), values=fields.Integer(),
                        metadata={"description": "devices, credentials and jobs carrying the tag"})


class TagCreateSchema(Schema):
    name = TagName(required=True)
    description = Str(allow_none=True, max_length=255)


class TagUpdateSchema(Schema):
    name = TagName()
    description = Str(allow_none=True, max_length=255)


class TagQuerySchema(PageArgs):
    sort = sort_field(svc.SORTS)
    name = Str(max_length=64, metadata={"description": "substring of the name"})


@blp.route("")
class Tags(MethodView):
    @blp.arguments(TagQuerySchema, location="query")
    @blp.response(200, page_of(TagSchema))
    def get(self, args):
        """List tags (filter: name; sort: name, created_at)."""
        return page_response(svc.list_tags(session(), **args))

    @blp.arguments(TagCreateSchema)
    @blp.response(201, TagSchema)
    def post(self, data):
        """Create a tag (names are lower-case: letters, digits and . _ : / -)."""
        return svc.create_tag(session(), data, actor())


@blp.route("/<id:tag_id>")
class TagById(MethodView):
    @blp.response(200, TagDetailSchema)
    def get(self, tag_id):
        """One tag, with how many devices, credentials and jobs use it."""
        tag = svc.get_tag(session(), tag_id)
        return {**{k: getattr(tag, k) for k in TagSchema().fields}, "usage": svc.usage(session(), tag.id)}

    @blp.arguments(TagUpdateSchema)
    @blp.response(200, TagSchema)
    def patch(self, data, tag_id):
        """Rename or describe a tag."""
        return svc.update_tag(session(), tag_id, data, actor())

    @blp.response(204)
    def delete(self, tag_id):
        """Delete a tag (refused while a job targets it)."""
        svc.delete_tag(session(), tag_id, actor())
