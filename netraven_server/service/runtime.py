"""What a task needs in this process: settings, the database, the key ring, plugins, storage.

Tasks run in worker processes that have no Flask app, so the service keeps one process-wide
:class:`Runtime`, configured by the CLI (``netraven server`` / ``netraven worker``) or by tests,
and built from the environment on first use otherwise.
"""

from __future__ import annotations

import os
import socket
import threading
import uuid
from functools import cached_property
from typing import Any

from netraven_core.plugins import Registry

from ..config import Settings
from ..db import Database
from ..security.crypto import KeyRing
from .groupcommit import GroupCommitStorage


def default_worker_name(kind: str = "consumer") -> str:
    """``kind@host:pid:xxxx`` — unique per process start, readable in the status page."""
    return f"{kind}@{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:4]}"


class Runtime:
    """Process-wide service context.  Attributes are built lazily and then reused."""

    def __init__(self, settings: Settings, *, db: Database | None = None,
                 registry: Registry | None = None, worker_name: str | None = None):
        self.settings = settings
        self._db = db
        self._registry = registry
        self.worker_name = worker_name or default_worker_name()
        self._lock = threading.Lock()

    @property
    def db(self) -> Database:
        if self._db is None:
            with self._lock:
                if self._db is None:
                    self._db = Database(self.settings.db_url)
        return self._db

    @property
    def registry(self) -> Registry:
        if self._registry is None:
            with self._lock:
                if self._registry is None:
                    self._registry = Registry()
        return self._registry

    @cached_property
    def keyring(self) -> KeyRing:
        self.settings.ensure_data_dir()
        return KeyRing.load(self.settings)

    @cached_property
    def storage(self) -> GroupCommitStorage:
        """The configuration store; git writes from many processes are serialised by its lock,
        and the saves of this process's concurrent device tasks are grouped into one commit."""

        location = self.settings.configs_dir
        location.mkdir(parents=True, exist_ok=True)
        return GroupCommitStorage(self.registry.storage(self.settings.storage_backend, str(location)))

    def close(self) -> None:
        if self._db is not None:
            self._db.dispose()


_current: Runtime | None = None
_current_lock = threading.Lock()


def configure(settings: Settings | None = None, **kwargs: Any) -> Runtime:
    """Install the process-wide runtime (replacing any previous one) and return it."""
    global _current
    with _current_lock:
        old = _current
        _current = Runtime(settings or Settings.from_env(), **kwargs)
    if old is not None and old is not _current and kwargs.get("db") is not old._db:
        old.close()
    return _current


def get() -> Runtime:
    """The process-wide runtime, built from the environment on first use."""
    global _current
    if _current is None:
        with _current_lock:
            if _current is None:
                _current = Runtime(Settings.from_env())
    return _current
