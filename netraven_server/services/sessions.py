"""Ending sessions: server-side browser sessions and the per-user session version that every
access token (JWT) carries.

A password change or reset, a role change and disabling an account call :func:`revoke_all`:
the user's version moves on (every JWT issued before stops working), every browser session row
is deleted (except, for your own password change, the session you made it from), and on an
admin's password reset or disabling, the user's API tokens are revoked too.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from sqlalchemy import delete, update
from sqlalchemy.orm import Session

from ..db.models import ApiToken, User, UserSession, utcnow


def _hash(sid: str) -> str:
    return hashlib.sha256(sid.encode("utf-8")).hexdigest()


def start(session: Session, user: User, lifetime_seconds: int, remote_addr: str | None = None) -> str:
    """A new browser session for ``user``; returns the id to keep in the (signed) cookie."""
    now = utcnow()
    session.execute(delete(UserSession).where(UserSession.expires_at < now))  # prune old ones
    sid = secrets.token_urlsafe(32)
    session.add(UserSession(id=_hash(sid), user_id=user.id, created_at=now,
                            expires_at=now + timedelta(seconds=lifetime_seconds),
                            remote_addr=(remote_addr or "")[:64] or None))
    session.flush()
    return sid


def is_live(session: Session, sid: str | None, user_id: int) -> bool:
    """Is the browser session ``sid`` still open for ``user_id``?"""
    if not sid or len(sid) > 128:
        return False
    row = session.get(UserSession, _hash(sid))
    return row is not None and row.user_id == user_id and row.expires_at > utcnow()


def end(session: Session, sid: str | None) -> None:
    if sid and len(sid) <= 128:
        session.execute(delete(UserSession).where(UserSession.id == _hash(sid)))


def revoke_all(session: Session, user: User, *, keep_sid: str | None = None,
               api_tokens: bool = False) -> None:
    """End every session of ``user`` (see the module docstring)."""
    user.session_version = (user.session_version or 0) + 1
    stmt = delete(UserSession).where(UserSession.user_id == user.id)
    if keep_sid:
        stmt = stmt.where(UserSession.id != _hash(keep_sid))
    session.execute(stmt)
    if api_tokens:
        session.execute(update(ApiToken).where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))
                        .values(revoked_at=utcnow()))
    session.flush()
