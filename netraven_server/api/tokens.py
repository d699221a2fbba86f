"""``/api/tokens``: long-lived API tokens for automation (sent as ``Authorization: Bearer``)."""

from __future__ import annotations

from datetime import timedelta

from flask import g
from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from ..db.models import utcnow
from ..services import auth as svc
from .common import PageArgs, actor, page_of, page_response, session
from .fields import Str, UTCDateTime, sort_field

blp = Blueprint("tokens", __name__, url_prefix="/api/tokens",
                description="API tokens: each acts with its owner's role")


class ApiTokenSchema(Schema):
    id = fields.Integer()
    name = fields.String()
    prefix = fields.String(metadata={"description": "the token's first characters, to recognise it"})
    user_id = fields.Integer()
    created_at = fields.DateTime()
    expires_at = fields.DateTime(allow_none=True)
    last_used_at = fields.DateTime(allow_none=True)
    revoked_at = fields.DateTime(allow_none=True)


class ApiTokenCreatedSchema(ApiTokenSchema):
    token = fields.String(metadata={"description": "the token itself; shown once, store it now"})


class ApiTokenCreateSchema(Schema):
    name = Str(required=True, max_length=128, min_length=1)
    expires_at = UTCDateTime(allow_none=True)
    expires_in_days = fields.Integer(validate=validate.Range(min=1, max=3650))

    @validates_schema
    def one_expiry(self, data, **_kwargs):
        if data.get("expires_at") and data.get("expires_in_days"):
            raise ValidationError("give expires_at or expires_in_days, not both", "expires_in_days")


class ApiTokenQuerySchema(PageArgs):
    sort = sort_field(svc.TOKEN_SORTS)
    all = fields.Boolean(load_default=False, metadata={"description": "every user's tokens (admin)"})
    include_revoked = fields.Boolean(load_default=False)


@blp.route("")
class Tokens(MethodView):
    @blp.arguments(ApiTokenQuerySchema, location="query")
    @blp.response(200, page_of(ApiTokenSchema))
    def get(self, args):
        """Your API tokens (admins may add ``all=true``)."""
        all_users = args.pop("all") and g.user.role == "admin"
        return page_response(svc.list_api_tokens(session(), g.user, all_users=all_users, **args))

    @blp.arguments(ApiTokenCreateSchema)
    @blp.response(201, ApiTokenCreatedSchema)
    def post(self, data):
        """Create an API token; the response carries the token once."""
        expires = data.get("expires_at")
        if data.get("expires_in_days"):
            expires = utcnow() + timedelta(days=data["expires_in_days"])
        row, plain = svc.create_api_token(session(), g.user, data["name"], expires, actor())
        return {name: getattr(row, name) for name in ApiTokenSchema().fields} | {"token": plain}


@blp.route("/<id:token_id>")
class TokenById(MethodView):
    @blp.response(204)
    def delete(self, token_id):
        """Revoke a token (yours, or anyone's for an admin)."""
        svc.revoke_api_token(session(), g.user, token_id, actor())
