"""``/api/devices``: devices with the core inventory's field names, plus bulk import."""

from __future__ import annotations

from flask import request
from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, ValidationError, fields, validate

from netraven_core.models import Transport

from ..db.models import Device
from ..services import device_backup, importer, retirement
from ..services import devices as svc
from ..services import runs as run_service
from ..services.errors import Invalid
from ..services.validation import TELNET_WARNING
from .common import PageArgs, actor, page_of, page_response, session
from .fastdump import ObjectSchema
from .fields import Host, Hostname, JSONObject, Str, TagList, sort_field
from .jobs import RunStartedSchema

blp = Blueprint("devices", __name__, url_prefix="/api/devices", description="Devices")

STATUSES = ("success", "failed")


class DeviceSchema(ObjectSchema):
    id = fields.Integer(dump_only=True)
    hostname = fields.String()
    host = fields.String()
    port = fields.Integer()
    platform = fields.String()
    driver = fields.String(allow_none=True)
    tags = fields.Function(lambda d: d.tag_names if isinstance(d, Device) else d.get("tags", []),
                           metadata={"type": "array", "items": {"type": "string"}})
    vars = fields.Dict()
    transport = fields.String(metadata={"description": "ssh, or telnet (clear text) for devices without SSH"})
    sections = fields.Boolean(metadata={"description": "store the platform's hardware/software sections"})
    warnings = fields.Function(
        lambda d: ([TELNET_WARNING] if _transport(d) == "telnet" else []) + getattr(d, "save_warnings", []),
        metadata={"type": "array", "items": {"type": "string"},
                  "description": "what the operator should know about this device's settings"})
    description = fields.String(allow_none=True)
    enabled = fields.Boolean()
    host_key = fields.String(allow_none=True, metadata={"description": "remembered SSH host key (public)"})
    last_status = fields.String(allow_none=True)
    last_error_category = fields.String(allow_none=True)
    last_backup_at = fields.DateTime(allow_none=True)
    last_success_at = fields.DateTime(allow_none=True)
    last_changed_at = fields.DateTime(allow_none=True)
    reachable = fields.Boolean(allow_none=True)
    last_reachability_at = fields.DateTime(allow_none=True)
    retired_at = fields.DateTime(allow_none=True, metadata={
        "description": "when the device was removed (retired): its history stays readable; null if active"})
    created_at = fields.DateTime()
    updated_at = fields.DateTime()


def _with_save_warnings(device: Device) -> Device:
    # Only on the answer to a save: listing devices must not cost a query per device.
    warning = svc.address_warning(session(), device)
    device.save_warnings = [warning] if warning else []
    return device


def _transport(device) -> str:
    return device.transport if isinstance(device, Device) else device.get("transport", "ssh")


class DeviceWriteSchema(Schema):
    hostname = Hostname()
    host = Host(metadata={"description": "IP address or DNS name (default: hostname)"})
    port = fields.Integer(strict=True, validate=validate.Range(min=1, max=65535, error="must be 1-65535"))
    platform = Str(max_length=64, metadata={"description": "a platform from GET /api/system/platforms"})
    driver = Str(allow_none=True, max_length=64)
    tags = TagList()
    vars = JSONObject()
    transport = Str(max_length=16, validate=validate.OneOf(
                        [t.value for t in Transport], error="unknown transport '{input}' (known: {choices})"),
                    metadata={"description": "ssh (default), or telnet for a device without SSH: telnet "
                                             "sends the password in clear text; the port then defaults "
                                             "to 23"})
    sections = fields.Boolean(metadata={"description": "false: store the configuration without the "
                                                       "platform's hardware/software sections"})
    description = Str(allow_none=True, max_length=255)
    enabled = fields.Boolean()


class DeviceCreateSchema(DeviceWriteSchema):
    hostname = Hostname(required=True)
    platform = Str(required=True, max_length=64,
                   metadata={"description": "a platform from GET /api/system/platforms"})


class DeviceQuerySchema(PageArgs):
    sort = sort_field(svc.SORTS)
    hostname = Str(max_length=253, metadata={"description": "substring, case-insensitive"})
    host = Str(max_length=255, metadata={"description": "substring, case-insensitive"})
    platform = Str(max_length=64)
    tag = fields.List(Str(max_length=64), metadata={"description": "repeat for devices with every tag"})
    status = Str(validate=validate.OneOf(STATUSES), metadata={"description": "outcome of the last backup"})
    enabled = fields.Boolean()
    q = Str(max_length=255, metadata={"description": "substring of hostname, host, platform, description "
                                                     "or a tag name"})
    retired = fields.Boolean(load_default=False,
                             metadata={"description": "true: list the retired (removed) devices instead"})


class ImportSchema(Schema):
    format = Str(required=True, max_length=32,
                 metadata={"description": "yaml, csv, or an installed plugin source's name"})
    content = Str(required=True, min_length=1, max_length=16 * 1024 * 1024)
    filename = Str(max_length=255)
    dry_run = fields.Boolean(load_default=False)


class ImportRowSchema(Schema):
    hostname = fields.String()
    id = fields.Integer(allow_none=True)
    changes = fields.List(fields.String())


class RejectedRowSchema(Schema):
    line = fields.Integer(allow_none=True)
    field = fields.String(allow_none=True)
    reason = fields.String()


class ImportResultSchema(Schema):
    dry_run = fields.Boolean()
    created = fields.List(fields.Nested(ImportRowSchema))
    updated = fields.List(fields.Nested(ImportRowSchema))
    unchanged = fields.List(fields.Nested(ImportRowSchema))
    rejected = fields.List(fields.Nested(RejectedRowSchema))
    counts = fields.Dict(keys=fields.String(), values=fields.Integer())


TEXT_TYPES = {"text/csv": "csv", "application/x-yaml": "yaml", "application/yaml": "yaml",
              "text/yaml": "yaml", "text/x-yaml": "yaml", "text/plain": None}


@blp.route("")
class Devices(MethodView):
    @blp.arguments(DeviceQuerySchema, location="query")
    @blp.response(200, page_of(DeviceSchema))
    def get(self, args):
        """List devices.

        Filters: hostname, host (substrings), platform, tag (repeatable), status, enabled, q
        (hostname, host, platform, description or tag name); ``retired=true`` lists the retired
        devices instead of the active ones.
        Sort: hostname, host, platform, port, created_at, updated_at, last_backup_at, last_status,
        last_changed_at, retired_at, tags (the first tag; untagged first).
        """
        return page_response(svc.list_devices(session(), **args))

    @blp.arguments(DeviceCreateSchema)
    @blp.response(201, DeviceSchema)
    def post(self, data):
        """Create a device; unknown tags are created.  A device at the same address and port as
        another is accepted with a warning."""
        return _with_save_warnings(svc.create_device(session(), data, actor()))


@blp.route("/<id:device_id>")
class DeviceById(MethodView):
    @blp.response(200, DeviceSchema)
    def get(self, device_id):
        """One device."""
        return svc.get_device(session(), device_id)

    @blp.arguments(DeviceWriteSchema)
    @blp.response(200, DeviceSchema)
    def patch(self, data, device_id):
        """Change some of a device's fields (``tags`` replaces the whole list)."""
        return _with_save_warnings(svc.update_device(session(), device_id, data, actor()))

    @blp.response(204)
    def delete(self, device_id):
        """Remove (retire) a device: it leaves jobs, runs and the default lists, its configuration
        history stays readable and its id is never reused.  Restore with ``POST .../restore``;
        an admin deletes it for good with ``POST .../purge``.  409 if it is retired already."""
        retirement.retire_device(session(), device_id, actor())


class PurgeSchema(Schema):
    confirm = Str(required=True, max_length=253,
                  metadata={"description": "the device's hostname, repeated to confirm"})


class PurgeResultSchema(Schema):
    id = fields.Integer()
    hostname = fields.String()
    versions_removed = fields.Integer(metadata={"description": "rows removed from the version index"})
    storage_kept = fields.Boolean(metadata={"description": "always true: stored texts stay in storage"})


@blp.route("/<id:device_id>/restore")
class DeviceRestore(MethodView):
    @blp.response(200, DeviceSchema)
    def post(self, device_id):
        """Bring a retired device back.  409 if it is not retired, or if an active device has its
        hostname now (rename or retire that one first)."""
        return retirement.restore_device(session(), device_id, actor())


@blp.route("/<id:device_id>/purge")
class DevicePurge(MethodView):
    @blp.arguments(PurgeSchema)
    @blp.response(200, PurgeResultSchema)
    def post(self, data, device_id):
        """Admins only: delete a device (retired or not) and its index of configuration versions
        for good; ``confirm`` must repeat its hostname (422 otherwise).  The texts stay in the
        storage backend (git history is never rewritten); the id is not reused."""
        hostname = svc.get_device(session(), device_id).hostname
        removed = retirement.purge_device(session(), device_id, data["confirm"], actor())
        return {"id": device_id, "hostname": hostname, "versions_removed": removed, "storage_kept": True}


class BackupRequestSchema(Schema):
    changed_by = Str(allow_none=True, max_length=64,
                     metadata={"description": "who made the change being backed up (shown on the version)"})
    reason = Str(allow_none=True, max_length=255, metadata={"description": "why (kept in the audit log)"})


@blp.route("/<id:device_id>/backup")
class DeviceBackup(MethodView):
    @blp.arguments(BackupRequestSchema)
    @blp.response(202, RunStartedSchema)
    def post(self, data, device_id):
        """Back up this device now (for tools that are not syslog senders); answers at once with
        the run id.  409 when the device already has a backup pending or running, or is disabled."""
        sess = session()
        run = device_backup.start_device_backup(sess, device_id, actor(), trigger="api",
                                                changed_by=data.get("changed_by"), reason=data.get("reason"))
        sess.commit()  # the task engine must see the run before it is dispatched
        return {"run_id": run.id, "status": run.status, "dispatched": run_service.dispatch(run.id)}


@blp.route("/import")
class DeviceImport(MethodView):
    @blp.doc(requestBody={
        "required": True,
        "description": "JSON ``{format, content, filename?, dry_run?}``, or the file itself as "
                       "``text/csv`` or ``application/yaml`` (``?dry_run=true`` optional).",
        "content": {
            "application/json": {"schema": ImportSchema},
            "text/csv": {"schema": {"type": "string", "minLength": 1}},
            "application/yaml": {"schema": {"type": "string", "minLength": 1}},
        },
    })
    @blp.response(200, ImportResultSchema)
    def post(self):
        """Import devices from YAML or CSV in the core inventory format.

        Reports created, updated, unchanged and rejected rows (with line, field and reason).
        Credentials in the file are not imported.
        """
        if request.mimetype in TEXT_TYPES:
            fmt = TEXT_TYPES[request.mimetype] or request.args.get("format", "")
            try:
                text = request.get_data(as_text=True)
            except UnicodeDecodeError:
                raise Invalid({"content": "the file must be UTF-8 text"}) from None
            if "\x00" in text:
                raise Invalid({"content": "must not contain NUL characters"})
            data = {"format": fmt, "content": text, "dry_run": request.args.get("dry_run") in ("1", "true"),
                    "filename": request.args.get("filename")}
        else:
            body = request.get_json(silent=True)
            if not isinstance(body, dict):
                raise Invalid({"_schema": "send a JSON object {format, content} or the file as text/csv "
                                          "or application/yaml"})
            try:
                data = ImportSchema().load(body)
            except ValidationError as exc:
                raise Invalid(exc.messages_dict) from None
        return importer.import_devices(session(), data["content"], data["format"],
                                       source_name=data.get("filename"), dry_run=data["dry_run"],
                                       actor=actor())
