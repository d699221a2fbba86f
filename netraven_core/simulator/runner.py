"""Running a :class:`Simulator` in a background thread with its own event loop (pytest fixtures)."""

from __future__ import annotations

import asyncio
import threading
from concurrent.futures import Future
from typing import Any

from .server import Simulator


class SimulatorThread:
    """Context manager: a simulator served from a daemon thread.

    Takes the same arguments as :class:`Simulator`.  ``start()`` (or entering the ``with`` block)
    returns once every device is listening; attribute access is forwarded to the simulator, so
    ``thread.devices`` and ``thread.set_config(...)`` work.
    """

    def __init__(self, *args: Any, **kwargs: Any):
        self.simulator = Simulator(*args, **kwargs)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> Simulator:
        started: Future[None] = Future()
        self._loop = asyncio.new_event_loop()

        def run() -> None:
            assert self._loop is not None
            asyncio.set_event_loop(self._loop)
            try:
                self._loop.run_until_complete(self.simulator.start())
            except BaseException as exc:
                started.set_exception(exc)
                return
            started.set_result(None)
            self._loop.run_forever()
            # Cancel what is left (sessions still open) so the loop closes cleanly.
            pending = asyncio.all_tasks(self._loop)
            for task in pending:
                task.cancel()
            self._loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
            self._loop.close()

        self._thread = threading.Thread(target=run, name="netraven-simulator", daemon=True)
        self._thread.start()
        started.result()
        return self.simulator

    def stop(self) -> None:
        loop, thread = self._loop, self._thread
        if loop is None or thread is None or not thread.is_alive():
            return
        asyncio.run_coroutine_threadsafe(self.simulator.stop(), loop).result(timeout=30)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(timeout=30)
        self._loop = self._thread = None

    def __enter__(self) -> SimulatorThread:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.simulator, name)
