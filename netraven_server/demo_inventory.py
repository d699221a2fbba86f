"""Register simulated devices (tags, credential, devices) in the database.

Used by ``netraven server --demo`` and by the service tests, so both exercise the same path as
an operator adding devices: credentials are stored Fernet-encrypted, matched by tag and bound
to the simulator's address (``scopes``), as a deployment's should be.
"""

from __future__ import annotations

import ipaddress
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from .db.models import Credential, Device, Tag
from .service.runtime import Runtime

if TYPE_CHECKING:  # the simulator is only needed by callers that have one
    from netraven_core.simulator import Simulator


def get_or_create_tags(session: Session, names: list[str] | tuple[str, ...]) -> list[Tag]:
    tags = []
    for name in names:
        tag = session.scalars(select(Tag).where(Tag.name == name)).first()
        if tag is None:
            tag = Tag(name=name)
            session.add(tag)
            session.flush()
        tags.append(tag)
    return tags


def _scopes_of(host: str) -> list[str]:
    try:
        return [str(ipaddress.ip_network(host))]
    except ValueError:  # a host name: resolved now, each address a scope of its own
        from netraven_core.engine.scopes import resolve_now

        return [str(ipaddress.ip_network(a)) for a in resolve_now(host)]


def register_simulator(rt: Runtime, sim: Simulator, *, tags: tuple[str, ...] = ("sim",),
                       credential_name: str = "sim-admin", platform_tags: bool = True) -> list[int]:
    """Add every device of ``sim`` (a :class:`netraven_core.simulator.Simulator`) and one
    credential for them; returns the device ids.  Devices already present are left alone."""
    keyring = rt.keyring
    ids = []
    with rt.db.session() as s:
        shared = get_or_create_tags(s, tags)
        cred = s.scalars(select(Credential).where(Credential.name == credential_name)).first()
        if cred is None:
            s.add(Credential(name=credential_name, username=sim.username,
                             password_enc=keyring.encrypt(sim.password),
                             enable_secret_enc=keyring.encrypt(sim.enable_secret), priority=10,
                             tags=list(shared), description="login of the simulated devices",
                             # bound to where the simulator listens: never sent anywhere else
                             scopes=_scopes_of(sim.host)))
        for d in sim.devices:
            existing = s.scalars(select(Device).where(Device.hostname == d.hostname,
                                                      Device.retired_at.is_(None))).first()
            if existing is not None:
                ids.append(existing.id)
                continue
            device_tags = list(shared)
            if platform_tags:
                device_tags += get_or_create_tags(s, [f"platform-{d.platform}"])
            device = Device(hostname=d.hostname, host=d.host, port=d.port, platform=d.platform,
                            tags=device_tags, description="simulated device")
            s.add(device)
            s.flush()
            ids.append(device.id)
    return ids
