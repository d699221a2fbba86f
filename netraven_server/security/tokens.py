"""JWT access tokens (short-lived, signed HS256) and API tokens (long-lived, stored hashed).

Access tokens name the user by id and carry the user's session version (``sv``); every request
reloads the user, so disabling a user or changing a role takes effect at once, and a token
issued before the version moved on (password change, role change...) is refused.
API tokens are random strings prefixed ``nrt_`` so they
are recognisable in a leak scan; only their SHA-256 is stored.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import jwt

API_TOKEN_PREFIX = "nrt_"  # noqa: S105 - a public marker, not a secret
ALGORITHM = "HS256"
ISSUER = "netraven"


class TokenError(Exception):
    """The token is missing, malformed, expired or forged (message is safe to show)."""


def load_jwt_secret(settings) -> str:
    """The signing secret: ``NETRAVEN_JWT_SECRET``, else a key file made on first use (0600)."""
    if settings.jwt_secret:
        return settings.jwt_secret
    path: Path = settings.jwt_key_file
    if path.exists():
        secret = path.read_text().strip()
        if secret:
            return secret
    path.parent.mkdir(parents=True, exist_ok=True)
    secret = secrets.token_urlsafe(48)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(secret + "\n")
    return secret


def issue_access_token(secret: str, user_id: int, role: str, ttl_seconds: int,
                       now: datetime | None = None, session_version: int = 0) -> tuple[str, datetime]:
    now = now or datetime.now(UTC)
    expires = now + timedelta(seconds=ttl_seconds)
    claims = {"sub": str(user_id), "role": role, "iat": now, "exp": expires, "iss": ISSUER,
              "jti": uuid.uuid4().hex, "typ": "access", "sv": session_version}
    return jwt.encode(claims, secret, algorithm=ALGORITHM), expires


def decode_access_token(secret: str, token: str) -> tuple[int, int]:
    """The user id and session version in a valid access token; raises :class:`TokenError`."""
    try:
        claims = jwt.decode(token, secret, algorithms=[ALGORITHM], issuer=ISSUER,
                            options={"require": ["exp", "iat", "sub"]})
    except jwt.ExpiredSignatureError:
        raise TokenError("the access token has expired; log in again") from None
    except jwt.PyJWTError:
        raise TokenError("the access token is invalid") from None
    if claims.get("typ") != "access":
        raise TokenError("the access token is invalid")
    try:
        return int(claims["sub"]), int(claims.get("sv", 0))
    except (TypeError, ValueError):
        raise TokenError("the access token is invalid") from None


def new_api_token() -> str:
    return API_TOKEN_PREFIX + secrets.token_urlsafe(32)


def hash_api_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def is_api_token(token: str) -> bool:
    return token.startswith(API_TOKEN_PREFIX)
