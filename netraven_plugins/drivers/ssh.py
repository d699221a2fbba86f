"""The ``ssh`` driver: NetRaven's default, an asyncio driver built directly on asyncssh.

This module stays light (asyncssh and its crypto stack take about half a second to import, which
commands that merely list plugins should not pay); the work happens in
:mod:`netraven_plugins.drivers._asyncssh`, imported on the first fetch.
"""

from __future__ import annotations

from typing import Any, ClassVar

from netraven_core.errors import ErrorCategory, FetchError
from netraven_core.hookspecs import hookimpl
from netraven_core.models import ConnectionTarget, FetchOutput


class AsyncSSHDriver:
    """Backs up one device over SSH with asyncssh.  See :class:`netraven_core.protocols.AsyncDriver`.

    Works for every platform from its data alone (prompt, enable, setup and backup commands,
    paging prompt, error and completeness patterns).  Driver options
    (``Platform.drivers["ssh"]`` overlaid with ``ConnectionTarget.driver_options``):
    ``username_suffix``, ``term_type``, ``width``, ``max_output``, ``send_newline``; see
    ``docs/drivers.md``.
    """

    name: ClassVar[str] = "ssh"
    asynchronous: ClassVar[bool] = True

    def __init__(self, target: ConnectionTarget) -> None:
        self.target = target
        self._impl: Any = None
        self._aborted = False

    async def fetch(self) -> FetchOutput:
        """Log in, reach privileged mode, run setup and backup commands, return their output."""
        from ._asyncssh import AsyncSSHFetch

        if self._aborted:
            raise FetchError(ErrorCategory.TIMEOUT, "aborted: time limit reached")
        self._impl = AsyncSSHFetch(self.target)
        return await self._impl.fetch()

    async def abort(self) -> None:
        """Close the connection; a pending ``fetch`` ends with ``FetchError(TIMEOUT)``."""
        self._aborted = True
        if self._impl is not None:
            await self._impl.abort()


@hookimpl
def netraven_drivers() -> list[type]:
    return [AsyncSSHDriver]
