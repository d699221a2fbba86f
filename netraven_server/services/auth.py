"""Logging in (with throttling of repeated failures), API tokens, and resolving a bearer token."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from ..db.models import ApiToken, LoginThrottle, User, utcnow
from ..security import tokens as tok
from ..security.passwords import hash_password, needs_rehash, verify_password
from . import audit
from .context import Actor
from .errors import AuthFailed, Forbidden, Invalid, NotFound, Throttled
from .pagination import Page, apply_sort, paginate

BAD_LOGIN = "wrong username or password"


class ThrottlePolicy:
    """Failed logins are counted per (account, client address) pair, so guessing from one
    address cannot lock the real user out from another.  After ``max_failures`` the pair waits
    ``lockout`` seconds, doubling with every further failure up to ``max_lockout``.  One
    address also has a looser limit across all accounts (``address_max_failures``) against
    password spraying; it is not reset by a successful login (an attacker's own account would
    otherwise reset it)."""

    def __init__(self, max_failures: int = 5, window_seconds: int = 300, lockout_seconds: int = 300,
                 address_max_failures: int | None = None, max_lockout_seconds: int = 3600):
        self.max_failures = max_failures
        self.address_max_failures = address_max_failures or max_failures * 4
        self.window = timedelta(seconds=window_seconds)
        self.lockout = timedelta(seconds=lockout_seconds)
        self.max_lockout = timedelta(seconds=max(max_lockout_seconds, lockout_seconds))

    @classmethod
    def from_settings(cls, settings) -> ThrottlePolicy:
        return cls(settings.login_max_failures, settings.login_window_seconds, settings.login_lockout_seconds,
                   settings.login_address_max_failures, settings.login_max_lockout_seconds)

    def limit(self, key: str) -> int:
        return self.address_max_failures if key.startswith("addr:") else self.max_failures

    def lock_for(self, key: str, failures: int) -> timedelta:
        """Growing delays: the base lockout, doubled for each failure past the limit."""
        extra = min(failures - self.limit(key), 16)
        return min(self.lockout * (2 ** max(extra, 0)), self.max_lockout)

TOKEN_SORTS = {"created_at": ApiToken.created_at, "name": ApiToken.name, "id": ApiToken.id}


def _keys(username: str, remote_addr: str | None) -> list[str]:
    """The pair key first (reset on success), then the address key."""
    addr = remote_addr or "-"
    keys = [f"pair:{username.lower()[:128]}|{addr}"]
    if remote_addr:
        keys.append(f"addr:{remote_addr}")
    return keys


def _check_locked(session: Session, keys: list[str], now: datetime) -> None:
    rows = session.scalars(select(LoginThrottle).where(LoginThrottle.key.in_(keys))).all()
    locked = [r.locked_until for r in rows if r.locked_until and r.locked_until > now]
    if locked:
        wait = max(1, int((max(locked) - now).total_seconds()) + 1)
        raise Throttled(f"too many failed logins; try again in {wait} seconds", retry_after=wait)


def _count_failure(session: Session, keys: list[str], policy: ThrottlePolicy, now: datetime) -> None:
    for key in keys:
        row = session.get(LoginThrottle, key)
        if row is None:
            row = LoginThrottle(key=key, failures=0, window_start=now)
            session.add(row)
        # A streak ends after a quiet window (counted from the end of the last lockout).
        quiet_since = max(row.window_start, row.locked_until or row.window_start)
        if now - quiet_since > policy.window:
            row.failures, row.window_start, row.locked_until = 0, now, None
        row.failures += 1
        if row.failures >= policy.limit(key):
            row.locked_until = now + policy.lock_for(key, row.failures)
    session.flush()


def login(session: Session, username: str, password: str, *, policy: ThrottlePolicy,
          remote_addr: str | None = None) -> User:
    """The user for these credentials; raises :class:`AuthFailed` or :class:`Throttled`.

    The caller must commit even on failure (so failures are counted): failures are flushed
    before the exception is raised.
    """
    now = utcnow()
    keys = _keys(username, remote_addr)
    _check_locked(session, keys, now)
    user = session.scalar(select(User).where(User.username == username))
    ok = verify_password(user.password_hash if user else None, password)
    if not ok or user is None or not user.enabled:
        _count_failure(session, keys, policy, now)
        audit.record(session, Actor(None, username[:64], "anonymous", remote_addr), "login_failed", "user",
                     user.id if user else None, username[:255])
        raise AuthFailed(BAD_LOGIN)
    session.execute(delete(LoginThrottle).where(LoginThrottle.key == keys[0]))
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    user.last_login_at = now
    audit.record(session, Actor.of(user, remote_addr), "login", "user", user.id, user.username)
    return user


def resolve_token(session: Session, token: str, jwt_secret: str) -> tuple[User, ApiToken | None]:
    """The enabled user a bearer token (JWT or API token) belongs to, and the API token row if
    it was one.  Raises :class:`AuthFailed`.  Writes nothing (reads stay read-only)."""
    row = None
    if tok.is_api_token(token):
        row = session.scalar(select(ApiToken).where(ApiToken.token_hash == tok.hash_api_token(token)))
        if row is None or row.revoked_at is not None:
            raise AuthFailed("the API token is invalid or revoked")
        if row.expires_at is not None and row.expires_at <= utcnow():
            raise AuthFailed("the API token has expired")
        user = row.user
    else:
        try:
            user_id, version = tok.decode_access_token(jwt_secret, token)
        except tok.TokenError as exc:
            raise AuthFailed(str(exc)) from None
        user = session.get(User, user_id)
        if user is not None and version != (user.session_version or 0):
            raise AuthFailed("the access token was revoked (password or role changed); log in again")
    if user is None or not user.enabled:
        raise AuthFailed("the account is disabled or no longer exists")
    return user, row


def touch_api_token(session: Session, token_id: int) -> None:
    """Record an API token's use (coarse: at most once a minute, to avoid a write per request)."""
    now = utcnow()
    session.execute(update(ApiToken).where(ApiToken.id == token_id,
                                           (ApiToken.last_used_at.is_(None))
                                           | (ApiToken.last_used_at < now - timedelta(minutes=1)))
                    .values(last_used_at=now))


def create_api_token(session: Session, user: User, name: str, expires_at: datetime | None,
                     actor: Actor | None = None) -> tuple[ApiToken, str]:
    """A new API token for ``user``; the plain token is returned once and never stored."""
    if not name or not name.strip():
        raise Invalid({"name": "required field is missing"})
    if expires_at is not None and expires_at <= utcnow():
        raise Invalid({"expires_at": "must be in the future"})
    plain = tok.new_api_token()
    row = ApiToken(user_id=user.id, name=name.strip(), token_hash=tok.hash_api_token(plain),
                   prefix=plain[:12], expires_at=expires_at)
    session.add(row)
    session.flush()
    audit.record(session, actor, "create", "api_token", row.id, row.name, {"user": user.username})
    return row, plain


def list_api_tokens(session: Session, user: User, *, all_users: bool = False, include_revoked: bool = False,
                    sort: str | None = None, page: int = 1, size: int = 50) -> Page:
    stmt = select(ApiToken)
    if not all_users:
        stmt = stmt.where(ApiToken.user_id == user.id)
    if not include_revoked:
        stmt = stmt.where(ApiToken.revoked_at.is_(None))
    return paginate(session, apply_sort(stmt, sort, TOKEN_SORTS, "-created_at", ApiToken.id), page, size)


def revoke_api_token(session: Session, user: User, token_id: int, actor: Actor | None = None) -> ApiToken:
    """Revoke a token: your own, or anybody's if you are an admin."""
    row = session.get(ApiToken, token_id)
    if row is None or (row.user_id != user.id and user.role != "admin"):
        raise NotFound(f"API token {token_id} not found")
    if row.revoked_at is not None:
        return row
    row.revoked_at = utcnow()
    audit.record(session, actor, "revoke", "api_token", row.id, row.name)
    return row


def require_role(user: User, *roles: str) -> None:
    if user.role not in roles:
        raise Forbidden("your role does not allow this")
