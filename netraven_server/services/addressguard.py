"""Who may point a device at an address (the second half of closing credential harvesting).

Credential scopes (``Credential.scopes``, enforced by the engine) keep a secret from going to
an address outside them.  This guard gives earlier, audited feedback and a stricter option,
chosen by the admin with ``NETRAVEN_OPERATOR_DEVICE_ADDRESSES``:

- ``scoped`` (default): an operator may set a device's host (create, edit, import) or its tags
  only if the host resolves inside the scopes of every scoped credential the device would
  receive; otherwise 422 on ``host``.
- ``never``: operators may not set or change device addresses at all (403); admins do.

Admins may set any address; one outside a matching credential's scopes is recorded in the
audit trail as ``address_outside_scopes`` (the engine still will not send that credential).
Unscoped credentials restrict nothing here: give every credential scopes, or use ``never``.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from netraven_core.engine.scopes import in_scopes, resolve_now

from ..db.models import Credential, Tag
from . import audit
from .context import Actor
from .errors import Forbidden, Invalid

MODES = ("scoped", "never")


def mode(environ=None) -> str:
    value = ((environ if environ is not None else os.environ).get("NETRAVEN_OPERATOR_DEVICE_ADDRESSES")
             or "scoped").strip().lower()
    return value if value in MODES else "scoped"


def outside_scopes(session: Session, host: str, tag_names: Sequence[str]) -> list[Credential]:
    """The scoped credentials matching ``tag_names`` whose scopes do not hold ``host``."""
    if not tag_names:
        return []
    creds = session.scalars(select(Credential).where(Credential.tags.any(Tag.name.in_(list(tag_names)))))
    scoped = [c for c in creds if c.scopes]
    if not scoped:
        return []
    addresses = resolve_now(host)
    return [c for c in scoped if not in_scopes(addresses, c.scopes)]


def problem(session: Session, actor: Actor | None, host: str, tag_names: Sequence[str], *,
            host_changed: bool) -> str | None:
    """Why ``actor`` may not give a device ``host`` and ``tag_names``, or ``None``.  Raises
    :class:`Forbidden` when operators may not set addresses at all."""
    if actor is None or actor.role == "admin":
        return None
    if host_changed and mode() == "never":
        raise Forbidden("operators may not set device addresses here "
                        "(NETRAVEN_OPERATOR_DEVICE_ADDRESSES=never); ask an admin",
                        {"host": ["only admins may set device addresses"]})
    outside = outside_scopes(session, host, tag_names)
    if not outside:
        return None
    names = ", ".join(f"{c.name} ({', '.join(c.scopes)})" for c in outside)
    where = "is outside" if resolve_now(host) else "does not resolve, so it cannot be checked against"
    return (f"{host} {where} the address scopes of credential(s) {names} that this device's tags "
            "select; only an admin may set such an address")


def check(session: Session, actor: Actor | None, host: str, tag_names: Sequence[str], *,
          host_changed: bool) -> None:
    """Refuse (422 on ``host``) an operator's address outside the scopes; audit an admin's."""
    why = problem(session, actor, host, tag_names, host_changed=host_changed)
    if why is not None:
        raise Invalid({"host": why})


def record_admin_override(session: Session, actor: Actor | None, device) -> None:
    """An admin (or the system) set an address outside a matching credential's scopes: audited."""
    if actor is not None and actor.role != "admin":
        return
    outside = outside_scopes(session, device.host, device.tag_names)
    if outside:
        audit.record(session, actor, "address_outside_scopes", "device", device.id, device.hostname,
                     {"host": device.host, "credentials": [c.name for c in outside]})
