"""``/api/notifiers`` (admin): where events go — webhook, Slack, Teams, SMTP e-mail."""

from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, ValidationError, fields, validate

from ..notify import admin as svc
from ..notify import plugin_types
from ..notify.messages import EVENTS
from ..notify.senders import SMTP_SECURITY
from ..security import permissions
from ..security.permissions import ADMIN
from .common import actor, session, state
from .fields import JSONObject, Str, TagList

blp = Blueprint("notifiers", __name__, url_prefix="/api/notifiers",
                description="Notification destinations (admin)")

for _endpoint, _methods in {"notifiers.Notifiers": ("GET", "POST"),
                            "notifiers.NotifierById": ("GET", "PATCH", "DELETE"),
                            "notifiers.NotifierTest": ("POST",),
                            "notifiers.NotifierDeliveries": ("GET",),
                            "notifiers.NotifierTypes": ("GET",)}.items():
    for _method in _methods:
        permissions.register(_endpoint, _method, ADMIN)


def _known_type(value: str) -> None:
    names = plugin_types.all_type_names()  # built-ins plus installed plugins' types, at call time
    if value not in names:
        raise ValidationError(f"must be one of: {', '.join(names)}")


class NotifierSchema(Schema):
    id = fields.Integer()
    name = fields.String()
    type = fields.String()
    events = fields.List(fields.String())
    tags = fields.List(fields.String(), metadata={"description": "device events only for devices with "
                                                                 "any of these tags (empty: all)"})
    enabled = fields.Boolean()
    url = fields.String(metadata={"description": "scheme and host only (the rest may be a secret token)"})
    smtp_host = fields.String(allow_none=True)
    smtp_port = fields.Integer(allow_none=True)
    smtp_username = fields.String(allow_none=True)
    has_smtp_password = fields.Boolean()
    smtp_security = fields.String()
    smtp_verify = fields.Boolean()
    from_address = fields.String(allow_none=True)
    to = fields.List(fields.String())
    timeout = fields.Float()
    retries = fields.Integer()
    options = fields.Dict(metadata={"description": "a plugin notifier's options (secrets left out)"})
    secrets_set = fields.List(fields.String(),
                              metadata={"description": "a plugin notifier's secrets that are set"})
    created_at = fields.DateTime()
    updated_at = fields.DateTime()


class NotifierWriteSchema(Schema):
    name = Str(max_length=128, min_length=1)
    type = Str(validate=_known_type)
    events = fields.List(Str(validate=validate.OneOf(EVENTS)), validate=validate.Length(min=1, max=10))
    tags = TagList(metadata={"description": "limit device events to devices with any of these tags"})
    enabled = fields.Boolean()
    url = Str(max_length=1024, allow_none=True, load_only=True)
    smtp_host = Str(max_length=255, allow_none=True)
    smtp_port = fields.Integer(allow_none=True, validate=validate.Range(min=1, max=65535))
    smtp_username = Str(max_length=255, allow_none=True)
    smtp_password = Str(max_length=1024, allow_none=True, load_only=True)
    smtp_security = Str(validate=validate.OneOf(SMTP_SECURITY))
    smtp_verify = fields.Boolean()
    from_address = Str(max_length=255, allow_none=True)
    to = fields.List(Str(max_length=255, min_length=3), validate=validate.Length(max=50))
    timeout = fields.Float(validate=validate.Range(min=0.5, max=120))
    retries = fields.Integer(validate=validate.Range(min=0, max=10))
    options = JSONObject(metadata={"description": "a plugin notifier's options (GET /api/notifiers/types)"})


class NotifierCreateSchema(NotifierWriteSchema):
    name = Str(required=True, max_length=128, min_length=1)
    type = Str(required=True, validate=_known_type)
    events = fields.List(Str(validate=validate.OneOf(EVENTS)), required=True,
                         validate=validate.Length(min=1, max=10))


class TestResultSchema(Schema):
    ok = fields.Boolean()
    result = fields.String(
        metadata={"description": "'delivered' or 'failed: <category>' (no socket details)"})


class DeliverySchema(Schema):
    id = fields.Integer()
    event = fields.String()
    run_id = fields.Integer(allow_none=True)
    device_id = fields.Integer(allow_none=True)
    status = fields.String()
    attempts = fields.Integer()
    last_error = fields.String(allow_none=True)
    created_at = fields.DateTime()
    delivered_at = fields.DateTime(allow_none=True)
    subject = fields.Function(lambda d: (d.payload or {}).get("subject"))


@blp.route("")
class Notifiers(MethodView):
    @blp.response(200, NotifierSchema(many=True))
    def get(self):
        """List notifiers."""
        return [svc.public(n) for n in svc.list_notifiers(session())]

    @blp.arguments(NotifierCreateSchema)
    @blp.response(201, NotifierSchema)
    def post(self, data):
        """Create a notifier: ``{"name", "type", "url" or the SMTP fields, "events", "enabled"}``."""
        return svc.public(svc.create_notifier(session(), data, state().keyring, actor()))


class OptionSchema(Schema):
    name = fields.String()
    type = fields.String()
    required = fields.Boolean()
    secret = fields.Boolean(metadata={"description": "stored encrypted, never returned"})
    description = fields.String()
    choices = fields.List(fields.Raw(), allow_none=True)
    default = fields.Raw(allow_none=True)


class NotifierTypeSchema(Schema):
    name = fields.String()
    source = fields.String(metadata={"description": "builtin or plugin"})
    plugin = fields.String(metadata={"description": "the module contributing it"})
    description = fields.String()
    options = fields.List(fields.Nested(OptionSchema))


@blp.route("/types")
class NotifierTypes(MethodView):
    @blp.response(200, NotifierTypeSchema(many=True))
    def get(self):
        """The notifier types that can be created: built-in senders and installed plugins' types,
        each with its options (a plugin's come from its ``options_schema``)."""
        return plugin_types.describe_types()


@blp.route("/<id:notifier_id>")
class NotifierById(MethodView):
    @blp.response(200, NotifierSchema)
    def get(self, notifier_id):
        """One notifier (no secrets: the SMTP password and the webhook URL's path are hidden)."""
        return svc.public(svc.get_notifier(session(), notifier_id))

    @blp.arguments(NotifierWriteSchema)
    @blp.response(200, NotifierSchema)
    def patch(self, data, notifier_id):
        """Change a notifier; omitted fields (including secrets) are kept."""
        return svc.public(svc.update_notifier(session(), notifier_id, data, state().keyring, actor()))

    @blp.response(204)
    def delete(self, notifier_id):
        """Delete a notifier (and its delivery records)."""
        svc.delete_notifier(session(), notifier_id, actor())


@blp.route("/<id:notifier_id>/test")
class NotifierTest(MethodView):
    @blp.response(200, TestResultSchema)
    def post(self, notifier_id):
        """Send a test message now; answers ``delivered`` or ``failed: <category>`` only (also
        recorded as a delivery)."""
        return svc.send_test(session(), notifier_id, state().keyring)


@blp.route("/<id:notifier_id>/deliveries")
class NotifierDeliveries(MethodView):
    @blp.response(200, DeliverySchema(many=True))
    def get(self, notifier_id):
        """The latest 100 deliveries of a notifier, newest first."""
        return svc.deliveries(session(), notifier_id)
