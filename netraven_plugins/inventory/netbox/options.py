"""The NetBox source's options as a marshmallow schema: what the server's API lists
(``GET /api/inventory/sources/types``) and validates for an inventory-sync job."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from .settings import FILTERS


class NetboxOptions(Schema):
    url = fields.String(required=True, metadata={"description": "NetBox base URL (https://netbox.example.net)"})
    token_env = fields.String(load_default="NETBOX_TOKEN", metadata={
        "description": "environment variable of the server holding the API token (never stored)"})
    filters = fields.Dict(keys=fields.String(validate=validate.OneOf(FILTERS)), metadata={
        "description": f"device filters ({', '.join(FILTERS)}): a value or a list of values"})
    platforms = fields.Dict(keys=fields.String(), values=fields.String(), metadata={
        "description": "NetBox platform slug -> NetRaven platform, beside the built-in mapping"})
    custom_fields = fields.Dict(keys=fields.String(validate=validate.OneOf(("driver", "port", "transport"))),
                                values=fields.String(), metadata={
        "description": "custom fields holding driver/port/transport (default netraven_driver...)"})
    skip_unmapped = fields.Boolean(load_default=False, metadata={
        "description": "skip devices whose platform maps to nothing instead of reporting them"})
    verify_tls = fields.Boolean(load_default=True)
    timeout = fields.Float(load_default=30.0, validate=validate.Range(1, 600))
