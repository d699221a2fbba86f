"""Host-key checking and key loading for the paramiko-based drivers (netmiko, scrapli).

paramiko checks the server key after key exchange and before authentication: a remembered key
goes into the client's host-key table (a mismatch raises ``BadHostKeyException``), and an unknown
key goes to the missing-host-key policy, where the target's :class:`HostKeyMode` decides.
paramiko is imported by the functions here, never at module import.
"""

from __future__ import annotations

import io
import logging
from typing import Any

from netraven_core import driverkit
from netraven_core.errors import ErrorCategory, FetchError
from netraven_core.models import ConnectionTarget, Credential, HostKeyMode

# paramiko logs a traceback at ERROR from its transport thread for every silent or vanished
# device.  Where the application configured logging, those records still reach its handlers; a
# NullHandler only keeps Python's last-resort handler from printing them on stderr.
logging.getLogger("paramiko").addHandler(logging.NullHandler())


class HostKeyRefused(Exception):
    """Raised by the policy to stop paramiko before it authenticates."""

    def __init__(self, error: FetchError):
        super().__init__(error.message)
        self.error = error


def host_key_lookup_name(host: str, port: int) -> str:
    """The name paramiko looks a host up by (``[host]:port`` unless the port is 22)."""
    return host if port == 22 else f"[{host}]:{port}"


def openssh_line(pkey: Any) -> str:
    """``"<type> <base64>"`` of a paramiko key."""
    return f"{pkey.get_name()} {pkey.get_base64()}"


def prepare_client(client: Any, target: ConnectionTarget) -> Any:
    """Configure a ``paramiko.SSHClient`` for the target's host-key mode.  Returns the policy."""
    import paramiko

    class _Policy(paramiko.MissingHostKeyPolicy):
        seen: str | None = None

        def missing_host_key(self, client: Any, hostname: str, key: Any) -> None:
            self.seen = openssh_line(key)
            try:
                driverkit.host_key_decision(target, self.seen)
            except FetchError as exc:
                raise HostKeyRefused(exc) from None

    policy = _Policy()
    client.set_missing_host_key_policy(policy)
    known = target.known_host_key
    if known and HostKeyMode(target.host_key_mode) is not HostKeyMode.OFF:
        name = host_key_lookup_name(target.device.host, target.device.port)
        entry = paramiko.hostkeys.HostKeyEntry.from_line(f"{name} {driverkit.key_identity(known)}")
        if entry is not None and entry.key is not None:
            client.get_host_keys().add(name, entry.key.get_name(), entry.key)
    return policy


def server_key(client: Any) -> str | None:
    """The key the server presented, once connected."""
    transport = client.get_transport() if client is not None else None
    if transport is None:
        return None
    key = transport.get_remote_server_key()
    return openssh_line(key) if key is not None else None


def load_private_key(cred: Credential) -> Any:
    """A paramiko ``PKey`` from the credential's key text; ``FetchError(AUTH)`` if unreadable."""
    import paramiko

    classes = [getattr(paramiko, n) for n in ("Ed25519Key", "ECDSAKey", "RSAKey") if hasattr(paramiko, n)]
    for cls in classes:
        try:
            return cls.from_private_key(io.StringIO(cred.private_key or ""),
                                        password=cred.private_key_passphrase)
        except paramiko.PasswordRequiredException:
            break
        except (paramiko.SSHException, ValueError):
            continue
    raise FetchError(ErrorCategory.AUTH, f"cannot load the private key of credential {cred.name!r}")
