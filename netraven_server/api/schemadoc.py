"""Rules the API enforces that marshmallow cannot state in the OpenAPI document by itself.

A client (or a schema fuzzer) reading the document must learn every rule the API applies, or
valid-looking requests get refused and invalid ones look acceptable.  Three kinds are added here:

- a PATCH body must name at least one field (``minProperties: 1``; the API answers 422);
- names only known at run time become enums (platforms, notifier types, job types, import
  formats: built-ins plus installed plugins when the app is created);
- rules across fields: a credential needs a password or a private key; a job targets tags or
  devices.
"""

from __future__ import annotations

from typing import Any

from apispec import APISpec, BasePlugin


class NonEmptyPatchPlugin(BasePlugin):
    def operation_helper(self, path=None, operations=None, **kwargs):
        patch = (operations or {}).get("patch") or {}
        for content in (patch.get("requestBody") or {}).get("content", {}).values():
            if "schema" in content and "minProperties" not in content["schema"]:
                content["schema"] = {"allOf": [content["schema"]], "minProperties": 1}


def install(spec: APISpec) -> None:
    plugin = NonEmptyPatchPlugin()
    plugin.init_spec(spec)
    spec.plugins.append(plugin)  # after the marshmallow plugin: sees the resolved $ref


def strict_query_strings() -> None:
    """Let the query schemas' ``unknown = RAISE`` apply (webargs excludes unknown query
    parameters by default, whatever the schema says)."""
    from flask_smorest import Blueprint

    parser = Blueprint.ARGUMENTS_PARSER
    parser.DEFAULT_UNKNOWN_BY_LOCATION = {**parser.DEFAULT_UNKNOWN_BY_LOCATION, "query": None,
                                          "querystring": None}


def _non_empty(name: str) -> dict[str, Any]:
    return {"required": [name], "properties": {name: {"type": "string", "minLength": 1}}}


def _enums() -> dict[tuple[str, str], list[str]]:
    from ..notify import plugin_types
    from ..services import catalogue, importer, jobs

    platforms = list(catalogue.platform_names())
    drivers = [*catalogue.driver_names(), None]  # null: the platform's default driver
    return {("DeviceWrite", "platform"): platforms, ("DeviceCreate", "platform"): platforms,
            ("DeviceWrite", "driver"): drivers, ("DeviceCreate", "driver"): drivers,
            ("NotifierWrite", "type"): plugin_types.all_type_names(),
            ("NotifierCreate", "type"): plugin_types.all_type_names(),
            ("JobWrite", "job_type"): jobs.job_types(), ("JobCreate", "job_type"): jobs.job_types(),
            ("Import", "format"): importer.import_formats()}


CROSS_FIELD = {
    "ApiTokenCreate": {"not": {"required": ["expires_at", "expires_in_days"],
                               "properties": {"expires_at": {"type": "string"}}}},
    "CredentialCreate": {"anyOf": [_non_empty("password"), _non_empty("private_key")]},
    "JobCreate": {"anyOf": [{"required": ["tags"], "properties": {"tags": {"minItems": 1}}},
                            {"required": ["devices"], "properties": {"devices": {"minItems": 1}}}]},
}


def add_rules(spec: APISpec) -> None:
    """Enums and cross-field rules on the registered component schemas."""
    schemas = spec.components.schemas
    for (component, prop), values in _enums().items():
        target = schemas.get(component, {}).get("properties", {}).get(prop)
        if target is not None and values:
            target["enum"] = list(values)
    for component, rule in CROSS_FIELD.items():
        if component in schemas:
            schemas[component].update(rule)
