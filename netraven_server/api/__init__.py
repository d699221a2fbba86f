"""The REST API: one flask-smorest blueprint per resource, all under ``/api``."""

from __future__ import annotations

from flask import Blueprint, Flask, send_from_directory

from . import (
        audit,
        auth,
        compliance,
        configs,
        credentials,
        device_bulk,
        devices,
        fleet,
        inventory,
        jobs,
        logs,
        notifiers,
        remotes,
        runs,
        schemadoc,
        system,
        tags,
        tokens,
        users,
    )
from .auth_hook import enforce
from .fields import IdConverter, id_converter_schema


def _swagger_assets() -> Blueprint:
    """Swagger UI's JavaScript and CSS from the installed swagger-ui-bundle (no CDN needed)."""
    bp = Blueprint("swagger_assets", __name__)
    try:
        from swagger_ui_bundle import swagger_ui_path
    except ImportError:  # pragma: no cover - the dependency is declared; keep the API up without it
        swagger_ui_path = None

    @bp.route("/api/docs/assets/<path:filename>")
    def asset(filename: str):
        if swagger_ui_path is None:
            return {"code": 404, "status": "Not Found", "message": "swagger-ui-bundle is not installed"}, 404
        return send_from_directory(swagger_ui_path, filename, max_age=86400)

    return bp


def register_api(app: Flask, api) -> None:
    schemadoc.install(api.spec)
    schemadoc.strict_query_strings()
    app.url_map.converters["id"] = IdConverter
    api.register_converter(IdConverter, id_converter_schema)
    # device_bulk before devices: /api/devices/bulk is not a device id
    for module in (auth, tokens, users, tags, device_bulk, devices, credentials, jobs, runs, logs, configs,
                   system, audit, notifiers,
                   compliance, fleet, inventory, remotes):
        api.register_blueprint(module.blp)
    # Documented but not used for dumping (see DiffSchema.rows).
    api.spec.components.schema("DiffRow", schema=configs.DiffRowSchema)
    schemadoc.add_rules(api.spec)
    app.register_blueprint(_swagger_assets())
    app.before_request(enforce)
