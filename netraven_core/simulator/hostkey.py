"""The simulator's SSH host key: one ed25519 key kept in a file, so it survives restarts and
trust-on-first-use clients keep trusting it."""

from __future__ import annotations

import os
from pathlib import Path

import asyncssh

DEFAULT_HOST_KEY_PATH = Path("~/.cache/netraven/simulator_host_key")


def load_or_create_host_key(path: str | os.PathLike[str] | None = None) -> asyncssh.SSHKey:
    """Load the host key at ``path`` (default :data:`DEFAULT_HOST_KEY_PATH`), creating it once.

    A new key file is written with mode 0600 via a temporary file and an atomic rename, so two
    simulators starting together both end up with the same key.
    """
    key_path = Path(path if path is not None else DEFAULT_HOST_KEY_PATH).expanduser()
    if key_path.exists():
        return asyncssh.read_private_key(str(key_path))
    key_path.parent.mkdir(parents=True, exist_ok=True)
    key = asyncssh.generate_private_key("ssh-ed25519", comment="netraven-simulator")
    tmp = key_path.with_name(f".{key_path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(key.export_private_key())
    try:
        os.link(tmp, key_path)  # fails if another process won the race: use its key
    except FileExistsError:
        pass
    finally:
        tmp.unlink()
    return asyncssh.read_private_key(str(key_path))


def public_key_line(key: asyncssh.SSHKey) -> str:
    """OpenSSH public key line (``ssh-ed25519 AAAA...``) without a comment."""
    algorithm, blob = key.export_public_key("openssh").decode().split()[:2]
    return f"{algorithm} {blob}"
