"""Field rules shared by devices, credentials, jobs and imports (the same as the core inventory)."""

from __future__ import annotations

from netraven_core.inventory.records import HOSTNAME_RE, TAG_RE, close_matches, is_valid_host, normalise_tag
from netraven_core.models import Transport

from . import catalogue
from .errors import Invalid


class Problems:
    """Collects per-field problems; ``raise_if_any`` turns them into one :class:`Invalid`."""

    def __init__(self) -> None:
        self.errors: dict[str, list[str]] = {}

    def add(self, field: str, message: str) -> None:
        self.errors.setdefault(field, []).append(message)

    def raise_if_any(self) -> None:
        if self.errors:
            raise Invalid(self.errors)


def hostname_problem(hostname: str) -> str | None:
    if not HOSTNAME_RE.match(hostname or ""):
        return (f"invalid hostname {hostname!r} (letters, digits, '.', '_' and '-'; must start with a "
                "letter or digit; at most 253 characters)")
    return None


def host_problem(host: str) -> str | None:
    if not is_valid_host(host or ""):
        return f"invalid host {host!r} (expected an IPv4/IPv6 address or a DNS name)"
    return None


def port_problem(port: int) -> str | None:
    if not 1 <= port <= 65535:
        return f"port {port} is outside 1-65535"
    return None


def platform_problem(platform: str) -> str | None:
    known = catalogue.platform_names()
    if platform not in known:
        return f"unknown platform {platform!r}{close_matches(platform, known)} (known: {', '.join(known)})"
    return None


def driver_problem(driver: str | None) -> str | None:
    if driver is None:
        return None
    known = catalogue.driver_names()
    if driver not in known:
        return f"unknown driver {driver!r}{close_matches(driver, known)} (known: {', '.join(known)})"
    return None


TELNET_WARNING = ("telnet sends the password (and everything else) in clear text: use it only for "
                  "devices that have no SSH, on a network you trust")


def transport_problem(transport: str, platform: str | None) -> str | None:
    """Why ``transport`` cannot be used for a device of ``platform`` (checked when the platform is
    known), or ``None``; the same rule as the core inventory."""
    known = [t.value for t in Transport]
    if transport not in known:
        return f"unknown transport {transport!r}{close_matches(transport, known)} (known: {', '.join(known)})"
    spec = catalogue.registry().platforms.get(platform) if platform else None
    if spec is not None and transport not in spec.transports:
        return (f"platform {platform!r} is not reachable over {transport} "
                f"(its transports: {', '.join(spec.transports)})")
    return None


def clean_tag_names(names, problems: Problems, field: str = "tags") -> list[str]:
    """Normalise tag names (trimmed, lower case), reporting the invalid ones."""
    out: list[str] = []
    for raw in names or ():
        tag = normalise_tag(raw)
        if not TAG_RE.match(tag):
            problems.add(field, f"invalid tag {raw!r} (lower-case letters, digits and . _ : / - only; "
                                "at most 63 characters)")
        elif tag not in out:
            out.append(tag)
    return out
