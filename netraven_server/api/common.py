"""Shared schemas (pagination, errors) and helpers for the resource blueprints."""

from __future__ import annotations

from flask import current_app, g, request
from flask_smorest import abort
from marshmallow import RAISE, Schema, fields, validate

from ..services.context import Actor
from ..services.errors import ServiceError
from ..services.pagination import MAX_SIZE, Page
from .fields import Str


class QueryArgs(Schema):
    """Query strings: an unknown parameter is a 422 naming it (a typo must not silently list
    everything), as the OpenAPI document's parameter list implies."""

    class Meta:
        unknown = RAISE


class PageArgs(QueryArgs):
    page = fields.Integer(load_default=1, strict=False, validate=validate.Range(min=1, max=1_000_000),
                          metadata={"description": "page number, from 1"})
    size = fields.Integer(load_default=50, validate=validate.Range(min=1, max=MAX_SIZE),
                          metadata={"description": f"items per page (1-{MAX_SIZE})"})
    sort = Str(max_length=200, metadata={"description": "comma-separated fields; prefix '-' for descending"})


class PageSchema(Schema):
    total = fields.Integer(required=True)
    page = fields.Integer(required=True)
    size = fields.Integer(required=True)
    pages = fields.Integer(required=True)


_page_schemas: dict[type, type] = {}


def page_of(item_schema: type[Schema]) -> type[Schema]:
    """The response schema ``{items: [item], total, page, size, pages}`` for ``item_schema``."""
    if item_schema not in _page_schemas:
        name = item_schema.__name__.removesuffix("Schema") + "PageSchema"
        _page_schemas[item_schema] = type(name, (PageSchema,), {
            "items": fields.List(fields.Nested(item_schema), required=True)})
    return _page_schemas[item_schema]


def page_response(page: Page) -> dict:
    return {"items": page.items, "total": page.total, "page": page.page, "size": page.size,
            "pages": page.pages}


class ErrorSchema(Schema):
    code = fields.Integer()
    status = fields.String()
    message = fields.String()
    errors = fields.Dict()


def state():
    """The :class:`netraven_server.app.AppState` of the current app."""
    return current_app.extensions["netraven"]


def session():
    """The request's database session: committed by the app after a successful write request,
    rolled back otherwise.  GET requests get a read-only session (no SQLite write lock)."""
    sess = g.get("_db_session")
    if sess is None:
        db = state().db
        sess = (db.read_factory if request.method in ("GET", "HEAD") else db.factory)()
        g._db_session = sess
    return sess


def current_user():
    return g.get("user")


def actor() -> Actor:
    return Actor.of(g.user, request.remote_addr)


def fail(exc: ServiceError):
    """Turn a service error into the JSON error response."""
    kwargs = {"message": exc.message}
    if exc.errors:
        kwargs["errors"] = {exc.location: exc.errors}
    headers = {}
    if getattr(exc, "retry_after", None):
        headers["Retry-After"] = str(exc.retry_after)
    if exc.status == 401:
        headers["WWW-Authenticate"] = 'Bearer realm="netraven"'
    if headers:
        kwargs["headers"] = headers
    abort(exc.status, **kwargs)
