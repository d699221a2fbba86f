"""Users and roles.  There is no default account: the first admin comes from the CLI."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..db.models import ROLES, User
from ..security.passwords import hash_password, password_problem, verify_password
from . import audit, sessions
from .context import Actor
from .errors import Conflict, Forbidden, Invalid, NotFound
from .pagination import Page, apply_sort, paginate
from .validation import Problems

USERNAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$")
SORTS = {"username": User.username, "role": User.role, "created_at": User.created_at,
         "last_login_at": User.last_login_at, "id": User.id}
PLAIN = ("username", "role", "enabled", "full_name", "email")


def list_users(session: Session, *, username: str | None = None, role: str | None = None,
               enabled: bool | None = None, sort: str | None = None, page: int = 1, size: int = 50) -> Page:
    stmt = select(User)
    if username:
        stmt = stmt.where(User.username.icontains(username, autoescape=True))
    if role:
        stmt = stmt.where(User.role == role)
    if enabled is not None:
        stmt = stmt.where(User.enabled.is_(enabled))
    stmt = apply_sort(stmt, sort, SORTS, "username", User.id, unique=("id", "username"))
    return paginate(session, stmt, page, size)


def get_user(session: Session, user_id: int) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise NotFound(f"user {user_id} not found")
    return user


def get_by_username(session: Session, username: str) -> User | None:
    return session.scalar(select(User).where(User.username == username))


def _validate(data: dict[str, Any], problems: Problems) -> None:
    if "username" in data and not USERNAME_RE.match(data["username"] or ""):
        problems.add("username", "letters, digits and . _ @ - only; must start with a letter or digit; "
                                 "at most 64 characters")
    if "role" in data and data["role"] not in ROLES:
        problems.add("role", f"must be one of {', '.join(ROLES)}")
    if data.get("password") is not None and (msg := password_problem(data["password"])):
        problems.add("password", msg)


def create_user(session: Session, data: dict[str, Any], actor: Actor | None = None) -> User:
    problems = Problems()
    for required in ("username", "password", "role"):
        if not data.get(required):
            problems.add(required, "required field is missing")
    _validate(data, problems)
    problems.raise_if_any()
    if get_by_username(session, data["username"]) is not None:
        raise Conflict(f"a user named {data['username']!r} already exists", {"username": ["already exists"]})
    user = User(**{k: data[k] for k in PLAIN if data.get(k) is not None},
                password_hash=hash_password(data["password"]))
    session.add(user)
    session.flush()
    audit.record(session, actor, "create", "user", user.id, user.username, {"role": user.role})
    return user


def _active_admins(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(User)
                          .where(User.role == "admin", User.enabled.is_(True))) or 0


def update_user(session: Session, user_id: int, data: dict[str, Any], actor: Actor | None = None) -> User:
    user = get_user(session, user_id)
    problems = Problems()
    _validate(data, problems)
    problems.raise_if_any()
    new_name = data.get("username")
    if new_name and new_name != user.username and get_by_username(session, new_name) is not None:
        raise Conflict(f"a user named {new_name!r} already exists", {"username": ["already exists"]})
    demoted = user.role == "admin" and (data.get("role", "admin") != "admin" or data.get("enabled") is False)
    if demoted and user.enabled and _active_admins(session) <= 1:
        raise Conflict("this is the last enabled admin; make another admin first")
    changes: dict[str, Any] = {}
    for key in PLAIN:
        if key in data and data[key] is not None and data[key] != getattr(user, key):
            changes[key] = {"from": getattr(user, key), "to": data[key]}
            setattr(user, key, data[key])
    if data.get("password"):
        user.password_hash = hash_password(data["password"])
        changes["password"] = True
    # A reset password, a new role or a disabled account ends every session and access token;
    # a reset or disabling also revokes the API tokens (whoever took the password may have made some).
    disabled = "enabled" in changes and not user.enabled
    if "password" in changes or "role" in changes or disabled:
        sessions.revoke_all(session, user, api_tokens="password" in changes or disabled)
    session.flush()
    if changes:
        audit.record(session, actor, "update", "user", user.id, user.username, changes)
    return user


def change_own_password(session: Session, user: User, current: str, new: str, actor: Actor | None,
                        keep_sid: str | None = None) -> None:
    """Change the password; every other session and every access token of the user ends
    (``keep_sid``: the browser session the change was made from stays open)."""
    if not verify_password(user.password_hash, current):
        raise Forbidden("the current password is wrong", {"current_password": ["is wrong"]})
    if msg := password_problem(new):
        raise Invalid({"new_password": msg})
    user.password_hash = hash_password(new)
    sessions.revoke_all(session, user, keep_sid=keep_sid)
    audit.record(session, actor, "update", "user", user.id, user.username, {"password": True})


def delete_user(session: Session, user_id: int, actor: Actor | None = None) -> None:
    user = get_user(session, user_id)
    if actor is not None and actor.user_id == user.id:
        raise Conflict("you cannot delete your own account")
    if user.role == "admin" and user.enabled and _active_admins(session) <= 1:
        raise Conflict("this is the last enabled admin; make another admin first")
    audit.record(session, actor, "delete", "user", user.id, user.username)
    session.delete(user)
    session.flush()
