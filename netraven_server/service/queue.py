"""The one Huey instance of NetRaven.

Built from the environment at import (so task decorators in :mod:`netraven_server.service.tasks` can
bind to it) and re-pointed by :func:`configure` once the CLI has resolved its settings:

- ``NETRAVEN_REDIS_URL`` set: Redis (``RedisStorage``), shared by every server and worker;
- otherwise SQLite at ``<data_dir>/queue.db`` (the embedded single-node default);
- ``immediate=True`` (unit tests): tasks run synchronously in the caller, in memory.

``NETRAVEN_QUEUE_NAME`` (default ``netraven``) names the queue; Redis keys derive from it, so
tests and several installations can share one Redis.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

from huey import Huey
from huey.storage import BaseStorage, RedisStorage, SqliteStorage

from netraven_core.webhook import safe_url

from ..config import DEFAULT_DATA_DIR, Settings

DEFAULT_NAME = "netraven"


def _storage_for(*, redis_url: str | None, data_dir: Path | str) -> tuple[type, dict[str, Any]]:
    if redis_url:
        return RedisStorage, {"url": redis_url}
    path = Path(data_dir)
    # A generous busy timeout: the embedded consumer's threads and the web server share the file.
    return SqliteStorage, {"filename": str((path / "queue.db").resolve()), "timeout": 30}


def _create(storage_class: type, name: str, kwargs: dict[str, Any]) -> BaseStorage:
    if kwargs.get("filename"):
        Path(kwargs["filename"]).parent.mkdir(parents=True, exist_ok=True)
    return storage_class(name, **kwargs)


def _env_storage() -> tuple[type, dict[str, Any]]:
    return _storage_for(redis_url=os.environ.get("NETRAVEN_REDIS_URL") or None,
                        data_dir=os.environ.get("NETRAVEN_DATA_DIR") or DEFAULT_DATA_DIR)


class _DeferredStorage:
    """The environment's storage, built on first use: importing this module touches no file and
    opens no connection (the CLI and the app usually re-point the queue before any use)."""

    def __init__(self, name: str = DEFAULT_NAME, **_kwargs: Any):
        self._name = name
        self._real: Any = None

    def __getattr__(self, attr: str) -> Any:
        if self._real is None:
            storage_class, kwargs = _env_storage()
            self._real = _create(storage_class, self._name, kwargs)
        return getattr(self._real, attr)


huey: Huey = Huey(os.environ.get("NETRAVEN_QUEUE_NAME") or DEFAULT_NAME, results=False,
                  storage_class=_DeferredStorage, utc=True)
_explicit = False  # set by configure(): the CLI or a test chose the queue; the app leaves it


def configure(settings: Settings | None = None, *, immediate: bool = False, name: str | None = None) -> Huey:
    """Point the shared Huey instance at the queue ``settings`` describe (or run immediately).

    :param settings: a :class:`netraven_server.config.Settings` (``redis_url``, ``data_dir``).
    :param immediate: run tasks synchronously, in memory (tests).
    :param name: the queue name (default: ``NETRAVEN_QUEUE_NAME`` or ``netraven``).
    """
    global _explicit
    _explicit = True
    if name:
        huey.name = name
    if settings is not None:
        storage_class, kwargs = _storage_for(redis_url=settings.redis_url, data_dir=settings.data_dir)
        huey.storage_class, huey.storage_kwargs = storage_class, kwargs
    if immediate:
        huey._immediate = True
        huey.storage = huey.get_immediate_storage()
    else:
        huey._immediate = False
        huey.storage = _create(huey.storage_class, huey.name, huey.storage_kwargs)
    return huey


def configure_default(settings: Settings) -> Huey:
    """Point the queue at ``settings`` unless the CLI or a test chose it with :func:`configure`
    (``create_app`` calls this, so an app alone enqueues into its own data directory)."""
    global _explicit
    if _explicit:
        return huey
    configure(settings)
    _explicit = False
    return huey


def reset() -> None:
    """Forget any configuration: back to the environment's queue, built on first use (tests)."""
    global _explicit
    _explicit = False
    huey._immediate = False
    huey.name = os.environ.get("NETRAVEN_QUEUE_NAME") or DEFAULT_NAME
    huey.storage_class, huey.storage_kwargs = _DeferredStorage, {}
    huey.storage = _DeferredStorage(huey.name)


def describe() -> str:
    """Where the queue lives, for logs and the status page (no credentials)."""
    if huey.immediate:
        return "immediate (in-process)"
    storage_class = huey.storage_class
    if storage_class is _DeferredStorage:
        storage_class, kwargs = _env_storage()
    else:
        kwargs = huey.storage_kwargs
    if storage_class is RedisStorage:
        return f"redis {safe_url(kwargs.get('url', ''))} queue {huey.name!r}"
    return f"sqlite {kwargs.get('filename')} queue {huey.name!r}"


def queue_stats() -> dict[str, Any]:
    """Queue depth, scheduled (delayed) tasks and the age of the oldest waiting task.

    Tasks enqueued through :func:`netraven_server.tasks.enqueue` carry ``queued_at`` so the age is
    known; others count in the depth only.
    """
    depth = huey.pending_count()
    oldest_age = None
    if depth:
        try:
            for raw in huey.storage.enqueued_items(limit=1):
                task = huey.deserialize_task(raw)
                queued_at = (task.kwargs or {}).get("queued_at")
                if queued_at:
                    oldest_age = max(0.0, time.time() - float(queued_at))
        except Exception:  # an undecodable item must not break the status page
            oldest_age = None
    return {"backend": describe(), "depth": depth, "scheduled": huey.scheduled_count(),
            "oldest_task_age_seconds": None if oldest_age is None else round(oldest_age, 3)}
