"""``/api/credentials``: logins tried on devices sharing a tag.  Secrets are write-only."""

from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate

from ..services import credentials as svc
from .common import PageArgs, actor, page_of, page_response, session, state
from .fields import CIDR_PATTERN, Str, TagList, sort_field

blp = Blueprint("credentials", __name__, url_prefix="/api/credentials",
                description="Credentials (passwords, enable secrets and keys are write-only)")


class CredentialSchema(Schema):
    """What the API shows of a credential: never a secret, only whether one is set."""

    id = fields.Integer()
    name = fields.String()
    username = fields.String()
    priority = fields.Integer()
    tags = fields.Function(lambda c: c.tag_names, metadata={"type": "array", "items": {"type": "string"}})
    description = fields.String(allow_none=True)
    scopes = fields.List(fields.String(), metadata={
        "description": "CIDRs this credential may be sent to (empty: any address)"})
    has_password = fields.Boolean()
    has_enable_secret = fields.Boolean()
    has_private_key = fields.Boolean()
    success_count = fields.Integer()
    failure_count = fields.Integer()
    success_rate = fields.Float(allow_none=True)
    last_used_at = fields.DateTime(allow_none=True)
    last_success_at = fields.DateTime(allow_none=True)
    created_at = fields.DateTime()
    updated_at = fields.DateTime()


class CredentialWriteSchema(Schema):
    name = Str(max_length=128, min_length=1)
    username = Str(max_length=128, min_length=1)
    password = Str(load_only=True, allow_none=True, max_length=1024)
    enable_secret = Str(load_only=True, allow_none=True, max_length=1024)
    private_key = Str(load_only=True, allow_none=True, max_length=16384,
                      pattern=r"^[^\x00]*PRIVATE KEY[^\x00]*$",
                      pattern_error="does not look like a PEM/OpenSSH private key")
    private_key_passphrase = Str(load_only=True, allow_none=True, max_length=1024)
    priority = fields.Integer(strict=True, validate=validate.Range(min=0, max=1_000_000),
                              metadata={"description": "lower numbers are tried first"})
    tags = TagList(min_items=1)
    description = Str(allow_none=True, max_length=255)
    scopes = fields.List(Str(max_length=64, pattern=CIDR_PATTERN,
                             pattern_error="{input!r} is not an address or CIDR"),
                         validate=validate.Length(max=100), metadata={
        "description": "CIDRs (10.0.0.0/8, 2001:db8::/32) the credential may be sent to: a device whose "
                       "address resolves outside them never receives it (empty: any address)"})


class CredentialCreateSchema(CredentialWriteSchema):
    name = Str(required=True, max_length=128, min_length=1)
    username = Str(required=True, max_length=128, min_length=1)
    tags = TagList(required=True, min_items=1)


class CredentialQuerySchema(PageArgs):
    sort = sort_field(svc.SORTS)
    name = Str(max_length=128, metadata={"description": "substring"})
    username = Str(max_length=128)
    tag = fields.List(Str(max_length=64))


@blp.route("")
class Credentials(MethodView):
    @blp.arguments(CredentialQuerySchema, location="query")
    @blp.response(200, page_of(CredentialSchema))
    def get(self, args):
        """List credentials (filters: name, username, tag; sort: priority, name, username, created_at)."""
        return page_response(svc.list_credentials(session(), **args))

    @blp.arguments(CredentialCreateSchema)
    @blp.response(201, CredentialSchema)
    def post(self, data):
        """Create a credential (a password or a private key is required, and at least one tag)."""
        return svc.create_credential(session(), data, state().keyring, actor())


@blp.route("/<id:credential_id>")
class CredentialById(MethodView):
    @blp.response(200, CredentialSchema)
    def get(self, credential_id):
        """One credential (without its secrets)."""
        return svc.get_credential(session(), credential_id)

    @blp.arguments(CredentialWriteSchema)
    @blp.response(200, CredentialSchema)
    def patch(self, data, credential_id):
        """Change a credential; a secret sent as null or "" is cleared, an absent one is kept."""
        return svc.update_credential(session(), credential_id, data, state().keyring, actor())

    @blp.response(204)
    def delete(self, credential_id):
        """Delete a credential."""
        svc.delete_credential(session(), credential_id, actor())
