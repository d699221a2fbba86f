"""Interfaces that stateful plugins implement, checked structurally (``typing.Protocol``).

A driver class, a storage backend class, a notifier class and an inventory source class are
contributed through hooks (see :mod:`netraven_core.hookspecs`) and only need to satisfy these
shapes; they do not inherit from anything in NetRaven.

Optional capabilities are protocols of their own, holding only the optional method
(:class:`TextParsingInventorySource`, :class:`DeferringHostKeyStore`,
:class:`VersionLookupStorage`); callers test for them with ``isinstance``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any, ClassVar, Protocol, runtime_checkable

from .models import ConfigToStore, ConnectionTarget, Event, FetchOutput, Inventory, VersionInfo

if TYPE_CHECKING:
    from .errors import InventoryError


@runtime_checkable
class Driver(Protocol):
    """A blocking driver; the engine runs each instance in a worker thread.

    The driver connects, authenticates, verifies the host key according to
    ``target.host_key_mode``/``target.known_host_key``, reaches privileged mode when the platform
    needs it, runs the platform's setup and backup commands and returns their output.  It raises
    :class:`netraven_core.errors.FetchError` with the right category on failure.  ``abort`` may
    be called from another thread when the time limit is hit; it must make ``fetch`` return or
    raise promptly (closing the socket is enough).
    """

    name: ClassVar[str]
    asynchronous: ClassVar[bool]  # False

    def __init__(self, target: ConnectionTarget) -> None: ...

    def fetch(self) -> FetchOutput: ...

    def abort(self) -> None: ...


@runtime_checkable
class AsyncDriver(Protocol):
    """An asyncio driver; the engine awaits ``fetch`` on its event loop (cheapest per device)."""

    name: ClassVar[str]
    asynchronous: ClassVar[bool]  # True

    def __init__(self, target: ConnectionTarget) -> None: ...

    async def fetch(self) -> FetchOutput: ...

    async def abort(self) -> None: ...


@runtime_checkable
class Storage(Protocol):
    """Where configuration versions live.

    ``save`` stores many devices at once (one commit for the git backend) and returns, per
    hostname, the new version's metadata.  Implementations must be safe when two processes write
    the same location at once.
    """

    name: ClassVar[str]

    def __init__(self, location: str, **options: Any) -> None: ...

    def latest_text(self, hostname: str) -> str | None: ...

    def save(self, configs: Sequence[ConfigToStore], *, run_id: str | None = None,
             message: str | None = None) -> dict[str, VersionInfo]: ...

    def history(self, hostname: str, limit: int | None = None) -> list[VersionInfo]: ...

    def read(self, hostname: str, version: str | None = None) -> str: ...

    def diff(self, hostname: str, version_a: str | None = None, version_b: str | None = None) -> str: ...

    def hostnames(self) -> list[str]: ...


@runtime_checkable
class Notifier(Protocol):
    """A configured destination for events (a webhook URL, a log, a chat room...).

    ``notify`` must not raise for delivery problems it can handle; the engine still guards every
    call so that a broken notifier never breaks a run.
    """

    name: ClassVar[str]

    def __init__(self, **options: Any) -> None: ...

    def notify(self, event: Event) -> None: ...


@runtime_checkable
class InventorySource(Protocol):
    """Loads devices and credentials from somewhere (a file, a CMDB...).

    ``suffixes`` lists the file name endings this source reads (e.g. ``(".yaml", ".yml")``), so a
    path can be matched to a source; a source that is not file-based leaves it empty and is
    chosen by ``name``.  Errors are :class:`netraven_core.errors.InventoryError` naming the
    location, line and field.
    """

    name: ClassVar[str]
    suffixes: ClassVar[tuple[str, ...]]

    def load(self, location: str) -> Inventory: ...


@runtime_checkable
class VersionLookupStorage(Protocol):
    """Optional for a :class:`Storage`: the metadata of one stored version without its text.

    ``version`` takes the references :meth:`Storage.read` takes (``None`` for the latest) and
    raises a :class:`~netraven_core.errors.StorageError` (``VersionNotFound``) for unknown ones.
    """

    def version(self, hostname: str, version: str | None = None) -> VersionInfo: ...


@runtime_checkable
class TextParsingInventorySource(Protocol):
    """Optional for an :class:`InventorySource`: parse inventory text that is not in a file.

    Used for bulk imports (an upload to the server): with ``lenient`` every valid record is
    kept and each bad one is returned as an error instead of raised.  Without ``base_dir`` the
    text may not name key files, without ``env`` it may not use ``${VAR}`` references.
    """

    def parse_text(self, text: str, source_name: str, *, lenient: bool = True, base_dir: str | None = None,
                   env: Mapping[str, str] | None = None) -> tuple[Inventory, list[InventoryError]]: ...


@runtime_checkable
class HostKeyStore(Protocol):
    """Where the caller remembers each device's SSH host key (trust on first use)."""

    def get(self, hostname: str) -> str | None: ...

    def set(self, hostname: str, key: str) -> None: ...


@runtime_checkable
class DeferringHostKeyStore(Protocol):
    """Optional for a :class:`HostKeyStore`: hold writes back during a block, then write once.

    The engine wraps a whole run in ``deferred()`` so a file-backed store is rewritten once per
    run instead of once per new key.
    """

    def deferred(self) -> AbstractContextManager[Any]: ...
