"""The Flask application factory: the REST API under ``/api`` with its OpenAPI document.

``create_app(settings)`` migrates the database (unless told not to), loads the key ring and the
JWT secret, registers one blueprint per resource, the permission hook and JSON error handlers
(so bad input is always a 4xx JSON answer, never an HTML page or a 500).
"""

from __future__ import annotations

import hmac
import logging
import os
from dataclasses import dataclass, field
from functools import cached_property
from http import HTTPStatus
from typing import Any

from flask import Flask, Response, g, jsonify, request
from flask_smorest import Api
from sqlalchemy.exc import IntegrityError, OperationalError
from werkzeug.exceptions import HTTPException

from netraven_core.errors import StorageError
from netraven_core.protocols import Storage

from .api import register_api
from .api.jsonlimits import BoundedJSONProvider, add_allow_header, check_json_body
from .config import Settings
from .db import Database, current_revision, head_revision, upgrade
from .security.crypto import KeyRing
from .security.tokens import load_jwt_secret
from .service import queue, runtime, tasks
from .service.metrics import build_registry, render
from .services import catalogue
from .services.auth import ThrottlePolicy
from .services.errors import ServiceError
from .web import register_web

log = logging.getLogger(__name__)

API_TITLE = "NetRaven API"
API_VERSION = "1"


@dataclass
class AppState:
    """Everything request handlers (and the web UI) need, in ``app.extensions["netraven"]``."""

    settings: Settings
    db: Database
    keyring: KeyRing = field(repr=False)
    jwt_secret: str = field(repr=False)
    policy: ThrottlePolicy

    @cached_property
    def storage(self) -> Storage:
        location = self.settings.configs_dir
        location.mkdir(parents=True, exist_ok=True)
        return catalogue.registry().storage(self.settings.storage_backend, str(location))

    def revision(self) -> dict[str, str | None]:
        return {"revision": current_revision(self.db.url), "head": head_revision()}


class NetRavenApi(Api):
    """flask-smorest's Api with errors that always say what went wrong (``message``)."""

    def handle_http_exception(self, error: HTTPException):
        if not request.path.startswith("/api"):
            from .web.errors import error_page

            return error_page(error)  # people get a styled page; the web UI's own routes too
        payload, code, headers = super().handle_http_exception(error)
        if "message" not in payload:
            errors = payload.get("errors")
            if errors and code == 422:
                parts = []
                for location, fields in errors.items():
                    if isinstance(fields, dict):
                        parts.extend(f"{name}: {' '.join(map(str, msgs)) if isinstance(msgs, list) else msgs}"
                                     for name, msgs in fields.items())
                    else:
                        parts.append(f"{location}: {fields}")
                payload["message"] = "invalid input: " + "; ".join(parts)
            elif code >= 500:
                payload["message"] = "internal error; the server log has the details"
            else:
                payload["message"] = error.description or error.name
        return payload, code, headers


def _register_service(app: Flask, api: Api) -> None:
    """The scheduled service in this process: the runtime shared with tasks, the task queue, the
    metrics endpoint ``/metrics``."""
    state = app.extensions["netraven"]
    # Tasks executed in this process (embedded consumer, immediate mode) use the app's database.
    runtime.configure(state.settings, db=state.db, registry=catalogue.registry(),
                      worker_name=runtime.default_worker_name("server"))
    queue.configure_default(state.settings)
    tasks.install()
    registry = build_registry(state.db)
    token = os.environ.get("NETRAVEN_METRICS_TOKEN")

    def metrics() -> Response:
        # Counts only, no secrets; NETRAVEN_METRICS_TOKEN makes scrapers send a bearer token.
        if token:
            given = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
            if not hmac.compare_digest(given.encode(), token.encode()):
                return Response("authentication required\n", status=401, mimetype="text/plain",
                                headers={"WWW-Authenticate": 'Bearer realm="metrics"'})
        return Response(render(registry), mimetype="text/plain; version=0.0.4; charset=utf-8")

    app.add_url_rule("/metrics", "metrics", metrics)


def _register_error_handlers(app: Flask) -> None:
    @app.errorhandler(ServiceError)
    def service_error(exc: ServiceError):
        body = {"code": exc.status, "status": _status_name(exc.status), "message": exc.message}
        if exc.errors:
            body["errors"] = {exc.location: exc.errors}
        response = jsonify(body)
        response.status_code = exc.status
        if getattr(exc, "retry_after", None):
            response.headers["Retry-After"] = str(exc.retry_after)
        if exc.status == 401:
            response.headers["WWW-Authenticate"] = 'Bearer realm="netraven"'
        return response


    @app.errorhandler(IntegrityError)
    def integrity_error(exc: IntegrityError):
        # A uniqueness race the service checks could not see (two requests creating one name).
        _rollback()
        log.info("integrity error on %s %s: %s", request.method, request.path, exc.orig)
        return _json_error(409, "the change conflicts with existing data (a concurrent edit?)")

    @app.errorhandler(OperationalError)
    def operational_error(exc: OperationalError):
        _rollback()
        log.warning("database unavailable on %s %s", request.method, request.path, exc_info=True)
        return _json_error(503, "the database is busy or unavailable; try again")

    @app.errorhandler(StorageError)
    def storage_error(exc: StorageError):
        # The configuration store is full, read-only or locked: a server-side outage, not a bug.
        if isinstance(exc, LookupError):  # VersionNotFound: an unknown device or version
            return _json_error(404, str(exc)[:500])
        log.warning("configuration storage unavailable on %s %s: %s", request.method, request.path, exc)
        return _json_error(503, f"configuration storage unavailable: {str(exc)[:500]}")


def _rollback() -> None:
    sess = g.get("_db_session")
    if sess is not None:
        sess.rollback()


def _json_error(code: int, message: str):
    response = jsonify({"code": code, "status": _status_name(code), "message": message})
    response.status_code = code
    return response


def _status_name(code: int) -> str:
    try:
        return HTTPStatus(code).phrase
    except ValueError:
        return "Error"


def _register_session_handling(app: Flask) -> None:
    @app.after_request
    def commit(response):
        sess = g.get("_db_session")
        if sess is None or request.method in ("GET", "HEAD"):
            return response
        if response.status_code >= 400 and not g.get("commit_on_error"):
            sess.rollback()
            return response
        try:
            sess.commit()
        except IntegrityError:
            sess.rollback()
            log.info("write conflict on %s %s", request.method, request.path, exc_info=True)
            response = _json_error(409, "the change conflicts with existing data (a concurrent edit?)")
        except OperationalError:
            sess.rollback()
            log.warning("database unavailable on %s %s", request.method, request.path, exc_info=True)
            response = _json_error(503, "the database is busy or unavailable; try again")
        return response

    @app.teardown_request
    def close(_exc):
        sess = g.pop("_db_session", None)
        if sess is not None:
            sess.close()


def _openapi_config(app: Flask) -> None:
    app.config.update(
        API_TITLE=API_TITLE,
        API_VERSION=API_VERSION,
        OPENAPI_VERSION="3.0.3",
        OPENAPI_URL_PREFIX="/api",
        OPENAPI_JSON_PATH="openapi.json",
        OPENAPI_SWAGGER_UI_PATH="docs",
        # Served from the installed swagger-ui-bundle package: works without Internet access.
        OPENAPI_SWAGGER_UI_URL="/api/docs/assets/",
        API_SPEC_OPTIONS={
            "info": {"description": "Network configuration backup and change tracking. "
                                    "Authenticate with POST /api/auth/login, then send "
                                    "'Authorization: Bearer <token>'."},
            "components": {"securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer"}}},
            "security": [{"bearerAuth": []}],
        },
    )


def create_app(settings: Settings | None = None, *, db: Database | None = None, migrate: bool | None = None,
               config: dict[str, Any] | None = None) -> Flask:
    """Build the application.

    :param settings: server settings (default: from the environment).
    :param db: an existing :class:`Database` to share (e.g. with the scheduler in one process).
    :param migrate: run migrations first (default: ``settings.migrate_on_start``).
    """
    settings = settings or Settings.from_env()
    settings.ensure_data_dir()
    if migrate if migrate is not None else settings.migrate_on_start:
        upgrade(settings.db_url, keyring=lambda: KeyRing.load(settings, create=False))
    app = Flask("netraven_server")
    app.json = BoundedJSONProvider(app)
    app.before_request(check_json_body)
    app.after_request(add_allow_header)
    app.config["MAX_CONTENT_LENGTH"] = 32 * 1024 * 1024
    app.json.sort_keys = False  # schemas already order fields; sorting big diffs costs milliseconds
    if settings.proxy_hops > 0:
        # Behind a reverse proxy: take the client address (login throttling, audit) from it.
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=settings.proxy_hops, x_proto=settings.proxy_hops)
    _openapi_config(app)
    if config:
        app.config.update(config)
    state = AppState(settings=settings, db=db or Database(settings.db_url), keyring=KeyRing.load(settings),
                     jwt_secret=load_jwt_secret(settings), policy=ThrottlePolicy.from_settings(settings))
    app.extensions["netraven"] = state


    api = NetRavenApi(app)
    register_api(app, api)
    _register_service(app, api)
    register_web(app)
    _register_error_handlers(app)
    _register_session_handling(app)
    return app
