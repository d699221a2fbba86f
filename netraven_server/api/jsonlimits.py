"""JSON request bodies with a nesting bound: ~1,000 nested arrays made the parser raise
``RecursionError`` (a 500 with a traceback, even on the anonymous login).  Too-deep or
unparseable bodies are now a 400 naming the problem, before any handler runs."""

from __future__ import annotations

from typing import Any

from flask import abort, current_app, request
from flask.json.provider import DefaultJSONProvider

MAX_DEPTH = 64


def _depth_ok(value: Any, limit: int) -> bool:
    stack = [(value, 1)]
    while stack:  # iterative: the check itself must not recurse
        item, depth = stack.pop()
        if isinstance(item, dict | list):
            if depth > limit:
                return False
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children)
    return True


class BoundedJSONProvider(DefaultJSONProvider):
    def loads(self, s: str | bytes, **kwargs: Any) -> Any:
        try:
            value = super().loads(s, **kwargs)
        except RecursionError:
            raise ValueError(f"JSON nested more than {MAX_DEPTH} levels deep") from None
        if not _depth_ok(value, MAX_DEPTH):
            raise ValueError(f"JSON nested more than {MAX_DEPTH} levels deep")
        return value


def check_json_body() -> None:
    """Before every request with a JSON body: parse it once through the bounded provider, so a
    body nested too deep is a 400 before the argument parser (webargs' own ``json.loads``)
    sees it."""
    if request.method not in ("POST", "PUT", "PATCH", "DELETE") or not request.is_json:
        return
    raw = request.get_data(cache=True)  # cached: the argument parser reads it again
    if not raw:
        return
    try:
        current_app.json.loads(raw)
    except ValueError as exc:
        abort(400, f"the request body is not valid JSON: {str(exc)[:200]}")


def refuse_empty_patch() -> None:
    """After authorisation: a PATCH that names no field is a mistake, not a no-op success."""
    if request.method == "PATCH" and request.is_json and request.get_json(silent=True) == {}:
        abort(422, "the request body names no field to change")


def add_allow_header(response):
    """A 405 says which methods the resource has (RFC 9110), TRACE included."""
    if response.status_code == 405 and "Allow" not in response.headers:
        try:
            adapter = current_app.url_map.bind_to_environ(request.environ)
            methods = adapter.allowed_methods()
        except Exception:  # the header is a courtesy; never turn a 405 into a 500
            methods = []
        if methods:
            response.headers["Allow"] = ", ".join(sorted(methods))
    return response
