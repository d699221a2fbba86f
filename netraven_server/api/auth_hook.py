"""Authentication and authorisation of every ``/api`` request, from the permission table."""

from __future__ import annotations

import logging
from datetime import timedelta

from flask import g, request

from ..db.models import utcnow
from ..security.permissions import ANONYMOUS, allowed_roles
from ..services import auth as auth_service
from ..services.errors import AuthFailed, Forbidden
from .common import fail, session, state
from .jsonlimits import refuse_empty_patch

log = logging.getLogger(__name__)


def _bearer() -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "bearer" or not value.strip():
        return None
    return value.strip()


def _touch(token_id: int) -> None:
    """Stamp an API token's use in its own short write transaction; never fails the request."""
    try:
        with state().db.session() as s:
            auth_service.touch_api_token(s, token_id)
    except Exception:
        log.debug("could not record API token use", exc_info=True)


def authenticate() -> None:
    """Set ``g.user`` (``None`` when anonymous); a bad or malformed token is a 401 at once."""
    g.user = None
    token = _bearer()
    if token is None:
        if request.headers.get("Authorization"):
            fail(AuthFailed("malformed Authorization header; use 'Authorization: Bearer <token>'"))
        return
    if len(token) > 4096:
        fail(AuthFailed("the token is invalid"))
    try:
        g.user, api_token = auth_service.resolve_token(session(), token, state().jwt_secret)
    except AuthFailed as exc:
        fail(exc)
    if api_token is not None and (api_token.last_used_at is None
                                  or utcnow() - api_token.last_used_at > timedelta(minutes=1)):
        _touch(api_token.id)


def enforce() -> None:
    """The before-request hook: authenticate, then check the permission table."""
    endpoint = request.endpoint
    if endpoint is None or not request.path.startswith("/api") or request.method == "OPTIONS":
        return  # not an API route, a 404 (answered by the error handler), or a CORS pre-flight
    roles = allowed_roles(endpoint, request.method)
    if roles is None:  # fail closed: a route nobody declared is nobody's
        fail(Forbidden(f"no permission is declared for {request.method} {request.path}; refused"))
    authenticate()
    role = g.user.role if g.user is not None else ANONYMOUS
    if role in roles:
        refuse_empty_patch()
        return
    if g.user is None:
        fail(AuthFailed("authentication required: send 'Authorization: Bearer <token>'"))
    fail(Forbidden(f"the {role} role may not {request.method} {request.path}"))
