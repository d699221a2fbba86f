"""Git remotes as the API and UI manage them: validation, encrypted secrets, public views."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db.models import GitRemote
from ..services import audit
from ..services.context import Actor
from ..services.errors import Conflict, Invalid, NotFound
from .gitpush import safe_url

_SCP_LIKE = re.compile(r"^[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:[^\s]+$")  # git@host:group/repo.git
_BRANCH = re.compile(r"^(?!.*\.\.)(?!/)[A-Za-z0-9._/-]{1,128}(?<!/)(?<!\.lock)$")
PLAIN = ("name", "url", "branch", "username", "ssh_key_path", "enabled")


def url_kind(url: str) -> str | None:
    """``https``, ``ssh``, ``local`` (a path or file:// URL, e.g. a bare repository), or ``None``."""
    if url.startswith(("https://", "http://")):
        return "https"
    if url.startswith("ssh://") or _SCP_LIKE.match(url):
        return "ssh"
    if url.startswith("file://") or url.startswith("/"):
        return "local"
    return None


def _validate(data: dict[str, Any], current: GitRemote | None) -> None:
    errors: dict[str, str] = {}
    url = data.get("url", current.url if current else None)
    kind = url_kind(url or "")
    if not url or kind is None:
        errors["url"] = ("must be an https:// URL, an ssh:// or user@host:path address, or a local path "
                         "(/srv/backup/configs.git)")
    elif safe_url(url) != url:
        errors["url"] = "must not carry credentials; give the token as token (stored encrypted)"
    branch = data.get("branch")
    if branch is not None and not _BRANCH.match(branch):
        errors["branch"] = "not a valid branch name"
    if data.get("token") and data.get("ssh_key"):
        errors.update({"token": "give either token (HTTPS) or ssh_key (SSH), not both"})
    elif data.get("token") and kind not in ("https", None):
        errors.update({"token": "a token is for https:// remotes; SSH remotes use ssh_key or ssh_key_path"})
    elif (data.get("ssh_key") or data.get("ssh_key_path")) and kind not in ("ssh", None):
        errors["ssh_key"] = "an SSH key is for ssh:// or user@host:path remotes"
    key = data.get("ssh_key")
    if key and "PRIVATE KEY" not in key:
        errors["ssh_key"] = "does not look like a PEM/OpenSSH private key"
    path = data.get("ssh_key_path")
    if path and not path.startswith("/"):
        errors["ssh_key_path"] = "must be an absolute path on the server"
    if errors:
        raise Invalid(errors)


def public(r: GitRemote) -> dict[str, Any]:
    """What the API shows: never the secret, only which kind is set."""
    secret_kind = None
    if r.secret:
        secret_kind = "ssh_key" if url_kind(r.url) == "ssh" else "token"
    return {"id": r.id, "name": r.name, "url": safe_url(r.url), "kind": url_kind(r.url), "branch": r.branch,
            "username": r.username, "ssh_key_path": r.ssh_key_path, "enabled": r.enabled,
            "secret_set": secret_kind, "status": status_of(r), "last_attempt_at": r.last_attempt_at,
            "last_success_at": r.last_success_at, "last_error": r.last_error, "failures": r.failures,
            "next_attempt_at": r.next_attempt_at, "pushed_commit": r.pushed_commit,
            "created_at": r.created_at, "updated_at": r.updated_at}


def status_of(r: GitRemote) -> str:
    if not r.enabled:
        return "disabled"
    if r.last_attempt_at is None:
        return "never_pushed"
    return "failing" if r.failures else "ok"


def list_remotes(session: Session) -> list[GitRemote]:
    return list(session.scalars(select(GitRemote).order_by(GitRemote.name)))


def get_remote(session: Session, remote_id: int) -> GitRemote:
    r = session.get(GitRemote, remote_id)
    if r is None:
        raise NotFound(f"remote {remote_id} not found")
    return r


def _apply(r: GitRemote, data: dict[str, Any], keyring: Any) -> list[str]:
    changed = [k for k in PLAIN if k in data and getattr(r, k) != data[k]]
    for k in changed:
        setattr(r, k, data[k])
    secret = data.get("token") or data.get("ssh_key")
    if secret:
        r.secret = keyring.encrypt(secret)
        changed.append("token" if data.get("token") else "ssh_key")
    elif data.get("clear_secret"):
        r.secret = None
        changed.append("secret")
    if "url" in changed or "branch" in changed:
        r.pushed_commit = None  # a new target: push everything again
        r.failures, r.next_attempt_at = 0, None
    return changed


def create_remote(session: Session, data: dict[str, Any], keyring: Any, actor: Actor | None) -> GitRemote:
    _validate(data, None)
    if session.scalar(select(GitRemote).where(GitRemote.name == data["name"])) is not None:
        raise Conflict(f"a remote named {data['name']!r} already exists", {"name": ["already exists"]})
    r = GitRemote(name=data["name"], url=data["url"], enabled=data.get("enabled", True), failures=0)
    _apply(r, data, keyring)
    session.add(r)
    session.flush()
    audit.record(session, actor, "create", "git_remote", r.id, r.name,
                 {"url": safe_url(r.url), **({"secret": "<set>"} if r.secret else {})})
    return r


def update_remote(session: Session, remote_id: int, data: dict[str, Any], keyring: Any,
                  actor: Actor | None) -> GitRemote:
    r = get_remote(session, remote_id)
    _validate(data, r)
    if "name" in data and data["name"] != r.name and session.scalar(
            select(GitRemote).where(GitRemote.name == data["name"])) is not None:
        raise Conflict(f"a remote named {data['name']!r} already exists", {"name": ["already exists"]})
    changed = _apply(r, data, keyring)
    session.flush()
    audit.record(session, actor, "update", "git_remote", r.id, r.name, {"fields": changed})
    return r


def delete_remote(session: Session, remote_id: int, actor: Actor | None) -> None:
    r = get_remote(session, remote_id)
    audit.record(session, actor, "delete", "git_remote", r.id, r.name)
    session.delete(r)
    session.flush()
