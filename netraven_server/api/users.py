"""``/api/users``: user accounts and roles (admin only)."""

from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate

from ..db.models import ROLES
from ..services import users as svc
from .common import PageArgs, actor, page_of, page_response, session
from .fields import Password, Str, Username, sort_field

blp = Blueprint("users", __name__, url_prefix="/api/users", description="User accounts (admin only)")


class UserSchema(Schema):
    id = fields.Integer(dump_only=True)
    username = fields.String()
    role = fields.String()
    enabled = fields.Boolean()
    full_name = fields.String(allow_none=True)
    email = fields.String(allow_none=True)
    created_at = fields.DateTime(dump_only=True)
    updated_at = fields.DateTime(dump_only=True)
    last_login_at = fields.DateTime(dump_only=True, allow_none=True)


class UserCreateSchema(Schema):
    username = Username(required=True)
    password = Password(required=True)
    role = Str(required=True, validate=validate.OneOf(ROLES))
    enabled = fields.Boolean()
    full_name = Str(allow_none=True, max_length=128)
    email = Str(allow_none=True, max_length=255, validate=validate.Email(), metadata={"format": "email"})


class UserUpdateSchema(Schema):
    username = Username()
    password = Password()
    role = Str(validate=validate.OneOf(ROLES))
    enabled = fields.Boolean()
    full_name = Str(allow_none=True, max_length=128)
    email = Str(allow_none=True, max_length=255, validate=validate.Email(), metadata={"format": "email"})


class UserQuerySchema(PageArgs):
    sort = sort_field(svc.SORTS)
    username = Str(max_length=64)
    role = Str(validate=validate.OneOf(ROLES))
    enabled = fields.Boolean()


@blp.route("")
class Users(MethodView):
    @blp.arguments(UserQuerySchema, location="query")
    @blp.response(200, page_of(UserSchema))
    def get(self, args):
        """List users (filters: username, role, enabled; sort: username, role, created_at, last_login_at)."""
        return page_response(svc.list_users(session(), **args))

    @blp.arguments(UserCreateSchema)
    @blp.response(201, UserSchema)
    def post(self, data):
        """Create a user."""
        return svc.create_user(session(), data, actor())


@blp.route("/<id:user_id>")
class UserById(MethodView):
    @blp.response(200, UserSchema)
    def get(self, user_id):
        """One user."""
        return svc.get_user(session(), user_id)

    @blp.arguments(UserUpdateSchema)
    @blp.response(200, UserSchema)
    def patch(self, data, user_id):
        """Change a user's name, role, password or enabled state (the last admin cannot be demoted)."""
        return svc.update_user(session(), user_id, data, actor())

    @blp.response(204)
    def delete(self, user_id):
        """Delete a user (not yourself, not the last admin)."""
        svc.delete_user(session(), user_id, actor())
