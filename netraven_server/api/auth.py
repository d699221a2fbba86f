"""``/api/auth``: log in for a JWT access token, who am I, change my password."""

from __future__ import annotations

from flask import g, request
from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, fields

from ..security.tokens import issue_access_token
from ..services import auth as auth_service
from ..services import users as user_service
from ..services.errors import AuthFailed
from .common import actor, session, state
from .fields import Password, Str
from .users import UserSchema

blp = Blueprint("auth", __name__, url_prefix="/api/auth", description="Log in and identify yourself")


class LoginSchema(Schema):
    username = Str(required=True, max_length=255)
    password = Str(required=True, max_length=1024, load_only=True)


class TokenSchema(Schema):
    access_token = fields.String(required=True)
    token_type = fields.String(required=True)
    expires_in = fields.Integer(required=True)
    expires_at = fields.DateTime(required=True)
    user = fields.Nested(UserSchema, required=True)


class PasswordChangeSchema(Schema):
    current_password = Str(required=True, max_length=1024, load_only=True)
    new_password = Password(required=True)


@blp.route("/login")
class Login(MethodView):
    @blp.doc(security=[])
    @blp.arguments(LoginSchema)
    @blp.response(200, TokenSchema)
    @blp.alt_response(401, description="Wrong username or password")
    @blp.alt_response(429, description="Too many failed logins; see Retry-After")
    def post(self, data):
        """Exchange a username and password for a JWT access token."""
        st = state()
        try:
            user = auth_service.login(session(), data["username"], data["password"], policy=st.policy,
                                      remote_addr=request.remote_addr)
        except AuthFailed:
            g.commit_on_error = True  # keep the failure count
            raise
        token, expires = issue_access_token(st.jwt_secret, user.id, user.role, st.settings.token_ttl_seconds,
                                            session_version=user.session_version or 0)
        return {"access_token": token, "token_type": "bearer", "expires_in": st.settings.token_ttl_seconds,
                "expires_at": expires, "user": user}


@blp.route("/me")
class Me(MethodView):
    @blp.response(200, UserSchema)
    def get(self):
        """The authenticated user."""
        return g.user


@blp.route("/password")
class Password(MethodView):
    @blp.arguments(PasswordChangeSchema)
    @blp.response(204)
    def post(self, data):
        """Change your own password.  Every session and access token of yours ends (this one
        too: log in again); your API tokens keep working."""
        user_service.change_own_password(session(), g.user, data["current_password"], data["new_password"],
                                         actor())
