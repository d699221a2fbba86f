"""Credentials: secrets are encrypted with the key ring on the way in and never come back out
through this module, except as core :class:`netraven_core.models.Credential` objects handed to
the backup engine (:func:`to_core`, :func:`inventory_for`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from netraven_core.engine.scopes import parse_scopes
from netraven_core.models import Credential as CoreCredential
from netraven_core.models import Inventory

from ..db.models import Credential, Device, Tag, utcnow
from ..security.crypto import KeyRing
from . import audit
from .context import Actor
from .devices import to_core as device_to_core
from .errors import Conflict, Forbidden, Invalid, NotFound
from .pagination import Page, apply_sort, paginate
from .tags import resolve_tags
from .validation import Problems

SECRETS = ("password", "enable_secret", "private_key", "private_key_passphrase")
PLAIN = ("name", "username", "priority", "description")
MAX_SCOPES = 100
SORTS = {"name": Credential.name, "priority": Credential.priority, "username": Credential.username,
         "created_at": Credential.created_at, "id": Credential.id}


def list_credentials(session: Session, *, name: str | None = None, username: str | None = None,
                     tag: list[str] | str | None = None, sort: str | None = None, page: int = 1,
                     size: int = 50) -> Page:
    stmt = select(Credential)
    if name:
        stmt = stmt.where(Credential.name.icontains(name, autoescape=True))
    if username:
        stmt = stmt.where(Credential.username == username)
    for t in [tag] if isinstance(tag, str) else (tag or []):
        stmt = stmt.where(Credential.tags.any(Tag.name == t.strip().lower()))
    stmt = apply_sort(stmt, sort, SORTS, "priority,name", Credential.id, unique=("id", "name"))
    return paginate(session, stmt, page, size)


def get_credential(session: Session, credential_id: int) -> Credential:
    cred = session.get(Credential, credential_id)
    if cred is None:
        raise NotFound(f"credential {credential_id} not found")
    return cred


def _validate(data: dict[str, Any], problems: Problems) -> None:
    if "priority" in data and data["priority"] is not None and not 0 <= data["priority"] <= 1_000_000:
        problems.add("priority", "must be between 0 and 1000000")
    key = data.get("private_key")
    if key and "PRIVATE KEY" not in key:
        problems.add("private_key", "does not look like a PEM/OpenSSH private key")
    if data.get("scopes") is not None:
        try:
            if len(data["scopes"]) > MAX_SCOPES:
                raise ValueError(f"at most {MAX_SCOPES} scopes")
            # normalised (10.1.2.3/8 -> 10.0.0.0/8), deduplicated, in the order given
            data["scopes"] = list(dict.fromkeys(str(n) for n in parse_scopes(data["scopes"])))
        except ValueError as exc:
            problems.add("scopes", str(exc))


def _unique(session: Session, name: str, exclude_id: int | None) -> None:
    clash = session.scalar(select(Credential).where(Credential.name == name))
    if clash is not None and clash.id != exclude_id:
        raise Conflict(f"a credential named {name!r} already exists", {"name": ["already exists"]})


def create_credential(session: Session, data: dict[str, Any], keyring: KeyRing,
                      actor: Actor | None = None) -> Credential:
    problems = Problems()
    for required in ("name", "username"):
        if not data.get(required):
            problems.add(required, "required field is missing")
    if not data.get("password") and not data.get("private_key"):
        problems.add("password", "a credential needs a password or a private key")
    if not data.get("tags"):
        problems.add("tags", "a credential needs at least one tag (it applies to the devices sharing a tag)")
    _validate(data, problems)
    problems.raise_if_any()
    _unique(session, data["name"], None)
    cred = Credential(**{k: data[k] for k in PLAIN if data.get(k) is not None},
                      scopes=list(data.get("scopes") or []))
    for field in SECRETS:
        setattr(cred, f"{field}_enc", keyring.encrypt(data.get(field)))
    cred.tags = resolve_tags(session, data["tags"], create=True, actor=actor)
    session.add(cred)
    session.flush()
    audit.record(session, actor, "create", "credential", cred.id, cred.name,
                 {"username": cred.username, "priority": cred.priority, "tags": cred.tag_names}
                 | ({"scopes": cred.scopes} if cred.scopes else {})
                 | {f: data.get(f) for f in SECRETS if data.get(f)})
    return cred


def update_credential(session: Session, credential_id: int, data: dict[str, Any], keyring: KeyRing,
                      actor: Actor | None = None) -> Credential:
    """Partial update.  A secret given as ``""`` or ``None`` is cleared; an absent one is kept."""
    cred = get_credential(session, credential_id)
    problems = Problems()
    for required in ("name", "username"):
        if required in data and not data[required]:
            problems.add(required, "must not be empty")
    if "tags" in data and not data["tags"]:
        problems.add("tags", "a credential needs at least one tag")
    _validate(data, problems)
    problems.raise_if_any()
    if data.get("name") and data["name"] != cred.name:
        _unique(session, data["name"], cred.id)
    changes: dict[str, Any] = {}
    for key in PLAIN:
        if key in data and data[key] is not None and data[key] != getattr(cred, key):
            changes[key] = {"from": getattr(cred, key), "to": data[key]}
            setattr(cred, key, data[key])
    if data.get("scopes") is not None and data["scopes"] != list(cred.scopes or []):
        if actor is not None and actor.role != "admin":
            # Widening (or dropping) the scopes of a credential someone else entered would let
            # an operator send its secret anywhere again: the scopes are the admin's decision.
            raise Forbidden("only admins may change the address scopes of an existing credential",
                            {"scopes": ["only admins may change them"]})
        changes["scopes"] = {"from": list(cred.scopes or []), "to": data["scopes"]}
        cred.scopes = data["scopes"]
    for field in SECRETS:
        if field in data:
            setattr(cred, f"{field}_enc", keyring.encrypt(data[field]))
            changes[field] = data[field]
    if not cred.password_enc and not cred.private_key_enc:
        raise Invalid({"password": "a credential needs a password or a private key"})
    if "tags" in data:
        tags = resolve_tags(session, data["tags"], create=True, actor=actor)
        if [t.name for t in tags] != cred.tag_names:
            changes["tags"] = {"from": cred.tag_names, "to": [t.name for t in tags]}
            cred.tags = tags
    session.flush()
    if changes:
        audit.record(session, actor, "update", "credential", cred.id, cred.name, changes)
    return cred


def delete_credential(session: Session, credential_id: int, actor: Actor | None = None) -> None:
    cred = get_credential(session, credential_id)
    audit.record(session, actor, "delete", "credential", cred.id, cred.name)
    session.delete(cred)
    session.flush()


def record_outcome(session: Session, credential_id: int, success: bool) -> None:
    """Count a login attempt with this credential (feeds the success rate)."""
    cred = session.get(Credential, credential_id)
    if cred is None:
        return
    now = utcnow()
    cred.last_used_at = now
    if success:
        cred.success_count = (cred.success_count or 0) + 1
        cred.last_success_at = now
    else:
        cred.failure_count = (cred.failure_count or 0) + 1


def to_core(cred: Credential, keyring: KeyRing) -> CoreCredential:
    """Decrypt into the engine's credential (whose ``repr`` hides the secrets)."""
    return CoreCredential(
        name=cred.name, username=cred.username, priority=cred.priority, tags=frozenset(cred.tag_names),
        password=keyring.decrypt(cred.password_enc), enable_secret=keyring.decrypt(cred.enable_secret_enc),
        private_key=keyring.decrypt(cred.private_key_enc),
        private_key_passphrase=keyring.decrypt(cred.private_key_passphrase_enc),
        scopes=tuple(cred.scopes or ()),
    )


def inventory_for(session: Session, devices: Sequence[Device], keyring: KeyRing) -> Inventory:
    """A core inventory of ``devices`` with every credential that shares a tag with one of them."""
    tag_ids = {t.id for d in devices for t in d.tags}
    creds: list[Credential] = []
    if tag_ids:
        creds = list(session.scalars(select(Credential).where(Credential.tags.any(Tag.id.in_(tag_ids)))
                                     .order_by(Credential.priority, Credential.id)))
    return Inventory(devices=tuple(device_to_core(d) for d in devices),
                     credentials=tuple(to_core(c, keyring) for c in creds))
