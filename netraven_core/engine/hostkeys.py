"""Remembering each device's SSH host key (trust on first use).

Two :class:`netraven_core.protocols.HostKeyStore` implementations: an in-memory one (tests, the
server keeps its own in the database) and a JSON file shared by CLI runs.  Keys are OpenSSH
public key lines (``"ssh-ed25519 AAAA..."``); they are not secret, but the file decides whom we
trust, so it is written atomically and readable by its owner only.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import threading
from collections.abc import Iterator
from pathlib import Path

from ..fileio import atomic_write


def key_identity(openssh_line: str | None) -> str | None:
    """``"<type> <base64>"`` of an OpenSSH public key line, dropping any comment.

    The one comparison form of a host key: drivers and the engine both compare keys by it.
    """
    if not openssh_line:
        return None
    parts = openssh_line.split()
    if len(parts) < 2:
        return openssh_line.strip() or None
    return f"{parts[0]} {parts[1]}"


class MemoryHostKeyStore:
    """Host keys kept in a dict (thread-safe)."""

    def __init__(self, keys: dict[str, str] | None = None):
        self._keys: dict[str, str] = dict(keys or {})
        self._lock = threading.Lock()

    def get(self, hostname: str) -> str | None:
        with self._lock:
            return self._keys.get(hostname)

    def set(self, hostname: str, key: str) -> None:
        with self._lock:
            self._keys[hostname] = key

    def forget(self, hostname: str) -> None:
        with self._lock:
            self._keys.pop(hostname, None)

    def as_dict(self) -> dict[str, str]:
        with self._lock:
            return dict(self._keys)


class JsonHostKeyStore:
    """Host keys in a JSON file ``{"hostname": "ssh-ed25519 AAAA..."}``.

    Writes merge with whatever another process wrote meanwhile (under an ``fcntl`` lock on a
    sibling ``.lock`` file) and replace the file atomically, so two concurrent runs never lose
    each other's keys nor leave a half-written file.  Inside :meth:`deferred` writes are held
    back and done once at the end, which keeps a run over thousands of new devices from
    rewriting the file thousands of times.
    """

    def __init__(self, path: str | os.PathLike[str]):
        self.path = Path(path)
        self._lock = threading.RLock()
        self._keys: dict[str, str] = self._read()
        self._pending: dict[str, str] = {}
        self._forgotten: set[str] = set()
        self._defer_depth = 0

    def _read(self) -> dict[str, str]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as exc:
            raise OSError(f"cannot read host key file {self.path}: {exc}") from exc
        if not isinstance(data, dict):
            raise OSError(f"host key file {self.path} is not a JSON object")
        return {str(k): str(v) for k, v in data.items()}

    def get(self, hostname: str) -> str | None:
        with self._lock:
            return self._keys.get(hostname)

    def set(self, hostname: str, key: str) -> None:
        with self._lock:
            self._keys[hostname] = key
            self._pending[hostname] = key
            self._forgotten.discard(hostname)
            if not self._defer_depth:
                self.flush()

    def forget(self, hostname: str) -> None:
        """Drop a remembered key (after an operator confirmed a device was replaced)."""
        with self._lock:
            self._keys.pop(hostname, None)
            self._pending.pop(hostname, None)
            self._forgotten.add(hostname)
            if not self._defer_depth:
                self.flush()

    def as_dict(self) -> dict[str, str]:
        with self._lock:
            return dict(self._keys)

    @contextlib.contextmanager
    def deferred(self) -> Iterator[None]:
        """Hold writes back until the block ends, then write once."""
        with self._lock:
            self._defer_depth += 1
        try:
            yield
        finally:
            with self._lock:
                self._defer_depth -= 1
                if not self._defer_depth:
                    self.flush()

    def flush(self) -> None:
        """Write pending changes, merged with the file's current content."""
        with self._lock:
            if not self._pending and not self._forgotten:
                return
            self.path.parent.mkdir(parents=True, exist_ok=True)
            lock_path = self.path.with_name(self.path.name + ".lock")
            with open(lock_path, "a") as lock_file:
                fcntl.flock(lock_file, fcntl.LOCK_EX)
                try:
                    merged = self._read()
                    for hostname in self._forgotten:
                        merged.pop(hostname, None)
                    merged.update(self._pending)
                    self._write_atomically(merged)
                finally:
                    fcntl.flock(lock_file, fcntl.LOCK_UN)
            self._keys = {**merged, **self._keys}
            for hostname in self._forgotten:
                self._keys.pop(hostname, None)
            self._pending.clear()
            self._forgotten.clear()

    def _write_atomically(self, data: dict[str, str]) -> None:
        text = json.dumps(data, indent=1, sort_keys=True) + "\n"
        atomic_write(self.path, text.encode("utf-8"), mode=0o600)
