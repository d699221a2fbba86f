"""Pieces shared by the storage backends: safe file names, locking, version errors, diffs."""

from __future__ import annotations

import fcntl
import hashlib
import os
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from netraven_core.configtext.changes import diff_stats, unified_diff
from netraven_core.errors import StorageError

_SLUG_UNSAFE = re.compile(r"[^a-z0-9._-]+")
SLUG_MAX = 64


class VersionNotFound(StorageError, LookupError):
    """No such device, or no such version of it, in this storage."""


def device_slug(hostname: str) -> str:
    """A file-name-safe rendering of ``hostname`` that is unique for every distinct hostname.

    The readable part keeps lowercase letters, digits, ``.``, ``_`` and ``-`` (anything else
    becomes ``_``, leading dots are dropped so nothing is hidden or ``..``); the suffix is the first
    12 hex digits of the SHA-256 of the exact hostname, so ``sw1``, ``SW1``, ``sw-1`` and ``sw_1``
    never share a file, even on case-insensitive file systems.
    """
    if not isinstance(hostname, str) or hostname == "":
        raise StorageError("a hostname must be a non-empty string")
    try:
        exact = hostname.encode("utf-8")
    except UnicodeEncodeError:
        raise StorageError(f"hostname {hostname!r} is not valid Unicode text") from None
    readable = _SLUG_UNSAFE.sub("_", hostname.lower()).lstrip(".")[:SLUG_MAX].rstrip(".") or "device"
    digest = hashlib.sha256(exact).hexdigest()[:12]
    return f"{readable}-{digest}"


_RELATIVE = re.compile(r"^(?:~|HEAD~|@)(\d+)$", re.IGNORECASE)


def relative_back(spec: str | None) -> int | None:
    """How many versions before the latest ``spec`` names, or ``None`` if it is not relative.

    ``None``/``""``/``latest``/``HEAD`` -> 0; ``~N``, ``HEAD~N`` or ``@N`` -> N; ``HEAD^`` -> 1.
    (``~N`` is expanded by some shells, hence the ``HEAD~N`` spelling.)
    """
    text = (spec or "").strip()
    if text.lower() in ("", "latest", "head"):
        return 0
    if text.upper() == "HEAD^":
        return 1
    match = _RELATIVE.match(text)
    return int(match.group(1)) if match else None


def sha256_text(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def count_changes(old: str | None, new: str) -> tuple[int, int]:
    """Lines added and removed going from ``old`` (``None``: first version) to ``new``."""
    return diff_stats(old, new)


def make_diff(old: str, new: str, from_label: str, to_label: str) -> str:
    """A unified diff between two stored texts."""
    return unified_diff(old, new, from_label, to_label)


_thread_locks: dict[str, threading.Lock] = {}
_thread_locks_guard = threading.Lock()


@contextmanager
def exclusive_lock(path: str | os.PathLike[str]) -> Iterator[None]:
    """Hold an exclusive lock on ``path`` against other processes *and* other threads.

    ``flock`` serialises processes; the per-path thread lock serialises threads of this process
    (which would otherwise share nothing but might still interleave on one file description).
    """
    key = os.path.abspath(path)
    with _thread_locks_guard:
        tlock = _thread_locks.setdefault(key, threading.Lock())
    with tlock:
        try:
            fd = os.open(key, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            # A read-only or full file system, or wrong permissions: say so in the store's terms
            # instead of letting a bare OSError become an "unexpected" failure.
            raise StorageError(f"cannot lock the configuration store ({key}): "
                               f"{exc.strerror or exc}") from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)


