"""Which addresses a notifier may connect to (the outbound URL policy).

A notifier URL or SMTP host is chosen by an admin, but the request is made by the server, from
inside the network: without a policy it can reach the cloud metadata service, the server's own
loopback ports and private hosts, and the test endpoint turns that into a port scanner.  So:

- always refused: link-local (169.254.0.0/16, fe80::/10, where cloud metadata lives), the
  metadata addresses outside it (fd00:ec2::254, 100.100.100.200), unspecified (0.0.0.0/8,
  ::), multicast, broadcast and reserved ranges;
- refused unless allowed: loopback and private ranges (10/8, 172.16/12, 192.168/16, fc00::/7,
  100.64/10...), for on-prem chat servers and relays: ``NETRAVEN_NOTIFY_ALLOW_PRIVATE=1``
  allows all of them, ``NETRAVEN_NOTIFY_ALLOW_CIDRS=10.20.0.0/16,192.0.2.7/32`` only those;
- a host name is resolved and every address it resolves to must pass (a name pointing at both a
  public and a private address is refused).  The check runs again at every delivery and the
  connection goes to the address just checked, so a DNS answer that changes after the check
  (rebinding) cannot redirect it.

The environment is read at each check, so the server and every worker apply the same policy.
"""

from __future__ import annotations

import ipaddress
import os
import socket
from collections.abc import Mapping
from dataclasses import dataclass

from netraven_core.webhook import DeliveryError

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network

NOT_ALLOWED = "address not allowed"
NOT_REACHABLE = "not reachable"

_ALWAYS_REFUSED: tuple[tuple[Network, str], ...] = tuple(
    (ipaddress.ip_network(net), why) for net, why in (
        ("169.254.0.0/16", "link-local / cloud metadata"), ("fe80::/10", "link-local"),
        ("fd00:ec2::254/128", "cloud metadata"), ("100.100.100.200/32", "cloud metadata"),
        ("0.0.0.0/8", "unspecified"), ("::/128", "unspecified"), ("224.0.0.0/4", "multicast"),
        ("ff00::/8", "multicast"), ("240.0.0.0/4", "reserved"), ("255.255.255.255/32", "broadcast")))
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


@dataclass(frozen=True)
class AddressPolicy:
    allow_private: bool = False
    allowed: tuple[Network, ...] = ()

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> AddressPolicy:
        env = os.environ if environ is None else environ
        cidrs = []
        for item in (env.get("NETRAVEN_NOTIFY_ALLOW_CIDRS") or "").split(","):
            if item.strip():
                try:
                    cidrs.append(ipaddress.ip_network(item.strip(), strict=False))
                except ValueError:
                    raise ValueError(f"NETRAVEN_NOTIFY_ALLOW_CIDRS: {item.strip()!r} is not a CIDR") from None
        allow = (env.get("NETRAVEN_NOTIFY_ALLOW_PRIVATE") or "").strip().lower() in ("1", "true", "yes")
        return cls(allow_private=allow, allowed=tuple(cidrs))

    def refusal(self, address: Address) -> str | None:
        """Why ``address`` may not be used, or ``None`` when it may."""
        if isinstance(address, ipaddress.IPv6Address):
            if address.ipv4_mapped is not None:  # ::ffff:169.254.169.254 is 169.254.169.254
                return self.refusal(address.ipv4_mapped)
            if address in _NAT64:  # 64:ff9b::a9fe:a9fe reaches 169.254.169.254 through NAT64
                return self.refusal(ipaddress.IPv4Address(int(address) & 0xFFFFFFFF))
        for net, why in _ALWAYS_REFUSED:
            if address.version == net.version and address in net:
                return why
        if address.is_global:
            return None
        if any(address.version == net.version and address in net for net in self.allowed):
            return None
        if self.allow_private and (address.is_private or address.is_loopback
                                   or address in ipaddress.ip_network("100.64.0.0/10")):
            return None
        return "loopback" if address.is_loopback else "private"


def resolve(host: str, port: int) -> list[Address]:
    """Every address ``host`` resolves to (a literal address is itself)."""
    try:
        return [ipaddress.ip_address(host.strip("[]"))]
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        raise DeliveryError(f"{host} cannot be resolved", category=NOT_REACHABLE) from None
    out: list[Address] = []
    for info in infos:
        addr = ipaddress.ip_address(info[4][0].split("%", 1)[0])
        if addr not in out:
            out.append(addr)
    return out


def checked_address(host: str, port: int, policy: AddressPolicy | None = None) -> str:
    """The address to connect to for ``host``, after checking all it resolves to; raises
    :class:`DeliveryError` (category ``address not allowed``) naming the host, not a port."""
    policy = policy or AddressPolicy.from_env()
    addresses = resolve(host, port)
    for addr in addresses:
        why = policy.refusal(addr)
        if why is not None:
            raise DeliveryError(f"{host} resolves to a {why} address ({addr}), refused by the outbound "
                                "policy (see NETRAVEN_NOTIFY_ALLOW_CIDRS)", retryable=False,
                                category=NOT_ALLOWED)
    if not addresses:
        raise DeliveryError(f"{host} cannot be resolved", category=NOT_REACHABLE)
    return str(addresses[0])


def config_refusal(host: str | None, policy: AddressPolicy | None = None) -> str | None:
    """For validation when a notifier is saved: why ``host`` is refused, when that is already
    known (a literal address, or a name resolving now); a name that does not resolve yet is
    accepted (it is checked again at every delivery)."""
    if not host:
        return None
    try:
        checked_address(host, 0, policy)
    except DeliveryError as exc:
        return str(exc) if exc.category == NOT_ALLOWED else None
    return None
