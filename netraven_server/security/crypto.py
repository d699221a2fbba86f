"""Credential encryption at rest: a Fernet key ring.

The first key encrypts; every key decrypts (``MultiFernet``), which is what makes rotation safe:
add a new key in front, re-encrypt every stored secret with :meth:`KeyRing.rotate`, then drop
the old key.  Keys come from ``NETRAVEN_SECRET_KEY`` (comma-separated, newest first) or from the
key file ``<data_dir>/secret.key`` (one key per line, newest first), created with mode 0600 on
first use.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

from netraven_core.errors import NetRavenError
from netraven_core.fileio import atomic_write


class CryptoError(NetRavenError):
    """The key ring is missing, malformed, or cannot decrypt a stored secret."""


def generate_key() -> str:
    return Fernet.generate_key().decode("ascii")


def _parse_keys(lines: Sequence[str]) -> list[str]:
    return [ln.strip() for ln in lines if ln.strip() and not ln.strip().startswith("#")]


def read_key_file(path: Path) -> list[str]:
    return _parse_keys(path.read_text().splitlines())


def write_key_file(path: Path, keys: Sequence[str]) -> None:
    """Write ``keys`` (newest first) atomically, readable by the owner only."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = "# NetRaven credential encryption keys, newest first. Keep secret; back up.\n"
    atomic_write(path, (text + "\n".join(keys) + "\n").encode(), mode=0o600)


class KeyRing:
    """Encrypts and decrypts short secrets (passwords, enable secrets, private keys)."""

    def __init__(self, keys: Sequence[str | bytes], *, path: Path | None = None):
        self._path = path
        self._mtime = path.stat().st_mtime_ns if path is not None and path.exists() else None
        self._set_keys(keys)

    def _set_keys(self, keys: Sequence[str | bytes]) -> None:
        if not keys:
            raise CryptoError("no encryption key configured")
        try:
            self._fernets = [Fernet(k if isinstance(k, bytes) else k.encode("ascii")) for k in keys]
        except (ValueError, UnicodeEncodeError):
            raise CryptoError("an encryption key is not a valid Fernet key "
                              "(32 url-safe base64-encoded bytes)") from None
        self._multi = MultiFernet(self._fernets)
        self.key_count = len(self._fernets)

    def __repr__(self) -> str:
        return f"<KeyRing keys={self.key_count}>"

    @classmethod
    def load(cls, settings, *, create: bool = True) -> KeyRing:
        """The key ring for ``settings``: env keys if given, else the key file (created if absent)."""
        if settings.secret_keys:
            return cls(settings.secret_keys)
        path = settings.key_file
        if not path.exists():
            if not create:
                raise CryptoError(f"key file {path} does not exist")
            write_key_file(path, [generate_key()])
        return cls(read_key_file(path), path=path)

    def _reload_if_changed(self) -> bool:
        """Re-read the key file if another process rotated the keys since we loaded them."""
        if self._path is None or not self._path.exists():
            return False
        mtime = self._path.stat().st_mtime_ns
        if mtime == self._mtime:
            return False
        self._set_keys(read_key_file(self._path))
        self._mtime = mtime
        return True

    def encrypt(self, value: str | None) -> str | None:
        if value is None or value == "":
            return None
        return self._multi.encrypt(value.encode("utf-8")).decode("ascii")

    def decrypt(self, token: str | None) -> str | None:
        if not token:
            return None
        try:
            return self._multi.decrypt(token.encode("ascii")).decode("utf-8")
        except InvalidToken:
            if self._reload_if_changed():
                return self.decrypt(token)
            raise CryptoError("a stored secret cannot be decrypted with the configured keys "
                              "(wrong NETRAVEN_SECRET_KEY or key file?)") from None

    def rotate(self, token: str | None) -> str | None:
        """Re-encrypt ``token`` with the primary (first) key."""
        if not token:
            return token
        try:
            return self._multi.rotate(token.encode("ascii")).decode("ascii")
        except InvalidToken:
            raise CryptoError("a stored secret cannot be decrypted with the configured keys") from None
