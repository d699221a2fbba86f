"""Credential scopes: a credential is only sent to a device whose address lies inside them.

Without scopes, a credential goes to whatever address a device names, so whoever may edit
devices can point one at a host they control and collect the password (and enable secret) on
the next backup.  A credential with ``scopes`` (CIDRs) is tried only when **every** address the
device's host resolves to is inside one of them; the connection is then made to the address
just checked (the device's host replaced by it), so a DNS answer changed after the check
(rebinding) cannot redirect the secret.  When no applicable credential is in scope the device
fails with ``OUT_OF_SCOPE`` before any connection is opened.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Sequence
from dataclasses import dataclass, replace

from ..errors import ErrorCategory, FetchError
from ..models import Credential, Device

Address = ipaddress.IPv4Address | ipaddress.IPv6Address


def parse_scopes(scopes: Sequence[str]) -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    """Networks of ``scopes``; ``ValueError`` naming the entry that is not a CIDR."""
    out = []
    for item in scopes:
        try:
            out.append(ipaddress.ip_network(str(item).strip(), strict=False))
        except ValueError:
            raise ValueError(f"{item!r} is not an address or CIDR (e.g. 10.0.0.0/8)") from None
    return out


def _plain(address: Address) -> Address:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def in_scopes(addresses: Sequence[Address], scopes: Sequence[str]) -> bool:
    """Whether every address lies in one of ``scopes`` (no scopes: anywhere)."""
    if not scopes:
        return True
    nets = parse_scopes(scopes)
    return bool(addresses) and all(any(_plain(a).version == n.version and _plain(a) in n for n in nets)
                                   for a in addresses)


def resolve_now(host: str) -> list[Address]:
    """Every address ``host`` resolves to, blocking (for API checks); empty when it does not."""
    try:
        return [ipaddress.ip_address(host.strip("[]"))]
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        return []
    return list(dict.fromkeys(ipaddress.ip_address(i[4][0].split("%", 1)[0]) for i in infos))


async def _resolve(host: str) -> list[Address]:
    try:
        return [ipaddress.ip_address(host.strip("[]"))]
    except ValueError:
        pass
    try:
        infos = await asyncio.get_running_loop().getaddrinfo(host, None, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        raise FetchError(ErrorCategory.UNREACHABLE, f"{host} cannot be resolved") from None
    return list(dict.fromkeys(ipaddress.ip_address(i[4][0].split("%", 1)[0]) for i in infos))


@dataclass(frozen=True)
class Scoped:
    device: Device  # the device to connect to (its host pinned to the checked address if scoped)
    credentials: tuple[Credential, ...]  # the applicable credentials in scope, in order
    out_of_scope: tuple[str, ...]  # names of the credentials left out


async def scope_credentials(device: Device, credentials: Sequence[Credential]) -> Scoped:
    """The credentials that may be sent to ``device``; raises ``FetchError(OUT_OF_SCOPE)`` when
    none of the applicable ones may (before anything is sent)."""
    if not any(c.scopes for c in credentials):
        return Scoped(device, tuple(credentials), ())
    addresses = await _resolve(device.host)
    allowed = tuple(c for c in credentials if in_scopes(addresses, c.scopes))
    left_out = tuple(c.name for c in credentials if c not in allowed)
    if not allowed:
        shown = ", ".join(map(str, addresses[:4]))
        raise FetchError(ErrorCategory.OUT_OF_SCOPE,
                         f"{device.host} ({shown}) is outside the address scopes of every applicable "
                         f"credential ({', '.join(left_out)}); no credential was sent")
    return Scoped(replace(device, host=str(addresses[0])), allowed, left_out)
