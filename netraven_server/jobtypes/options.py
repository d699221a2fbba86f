"""The options of the built-in job types as marshmallow schemas: what ``GET /api/jobs/types``
lists and the UI can render.  (Backup and reachability options are checked by
``services.jobs``, whose messages predate these schemas; the inventory-sync options are loaded
through :class:`InventorySyncOptions`.)"""

from __future__ import annotations

from marshmallow import Schema, fields, validate


class _Scheduling(Schema):
    timezone = fields.String(metadata={"description": "IANA zone the cron/interval schedule is read in"})
    start_at = fields.String(metadata={"description": "ISO time the first interval slot is aligned to"})


class _Engine(_Scheduling):
    timeout = fields.Float(validate=validate.Range(1, 3600),
                           metadata={"description": "hard time limit per device (seconds)"})
    retries = fields.Integer(validate=validate.Range(0, 10), metadata={"description": "extra attempts"})
    workers = fields.Integer(validate=validate.Range(1, 1000), metadata={"description": "devices at once"})


class BackupOptions(_Engine):
    host_key_mode = fields.String(validate=validate.OneOf(("tofu", "strict", "off")), metadata={
        "description": "tofu (default), strict, or off (admin-only, accepts any key)"})
    sections = fields.Boolean(metadata={"description": "false: no hardware/software sections"})


class ReachabilityOptions(_Engine):
    icmp = fields.Boolean(metadata={"description": "also ping (where the process may)"})


class InventorySyncOptions(_Scheduling):
    source = fields.String(required=True, metadata={
        "description": "inventory source name (GET /api/inventory/sources/types), e.g. netbox"})
    source_options = fields.Dict(keys=fields.String(), load_default=dict, metadata={
        "description": "the source's options (its options schema), e.g. NetBox's url and filters"})
    location = fields.String(metadata={
        "description": "a file or address the source loads (sources without options; admin-only)"})
    disable_missing = fields.Boolean(load_default=True, metadata={
        "description": "disable this sync's devices that left the source (never deleted)"})
