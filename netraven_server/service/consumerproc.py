"""The single-node server's task consumer in a child process of its own.

The embedded consumer used to run in the API's process: a 1,000-device run and the API then
shared one interpreter (and its GIL), so device-list requests answered in ~0.5-1 s during a run
and the readers slowed the run down.  ``netraven server`` now starts ``netraven worker`` as a
child on the same data directory and queue (the SQLite queue is shared by processes of one
machine), restarts it if it dies, and stops it with itself; the child is told by the kernel
(``PR_SET_PDEATHSIG``) when the server dies without stopping it (``kill -9``), so no orphan is
left behind.  ``NETRAVEN_CONSUMER_PROCESS=0`` keeps the consumer in the server's process.

The child runs ``NETRAVEN_CONSUMER_NICE`` (default 5) below the server: with the consumer, its
cleaning process and (on a small machine) other work wanting more CPU than there is, the API's
requests waited behind the run (device-list p99 ~150-370 ms under 20 readers on 2 cores, 65-111 ms
at nice 5); a run only gives up the little CPU the API uses.
"""

from __future__ import annotations

import ctypes
import logging
import os
import signal
import subprocess
import sys
import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..config import Settings

log = logging.getLogger(__name__)

_PR_SET_PDEATHSIG = 1
RESTART_DELAY = 5.0  # seconds before a consumer that died is started again (as systemd's RestartSec)
STOP_TIMEOUT = 40.0  # its devices in progress get this long to finish on a graceful stop


def wanted() -> bool:
    return os.environ.get("NETRAVEN_CONSUMER_PROCESS", "1") not in ("0", "false", "no")


def _in_child(nice: int) -> None:  # runs in the child between fork and exec
    if nice:
        try:
            os.nice(nice)
        except OSError:  # not permitted (a raised nice can't be lowered): keep the server's
            pass
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):  # not Linux: the child outlives a killed server
        pass


class ConsumerProcess:
    """``netraven worker -w WORKERS`` for ``settings``, kept running until :meth:`stop`."""

    def __init__(self, settings: Settings, workers: int):
        self.settings, self.workers = settings, workers
        self.proc: subprocess.Popen | None = None
        self._stop = threading.Event()
        self._monitor = threading.Thread(target=self._watch, name="netraven-consumer-process", daemon=True)

    def _env(self) -> dict[str, str]:
        env = dict(os.environ)
        # The resolved settings (command-line options included), through the environment so that
        # no database password shows in the process list.
        env["NETRAVEN_DATA_DIR"] = str(self.settings.data_dir)
        env["NETRAVEN_DATABASE_URL"] = self.settings.db_url
        env["NETRAVEN_STORAGE_LOCATION"] = str(self.settings.configs_dir)
        return env

    def _spawn(self) -> subprocess.Popen:
        argv = [sys.executable, "-m", "netraven_core", "worker", "-w", str(self.workers)]
        nice = self.settings.consumer_nice
        proc = subprocess.Popen(argv, env=self._env(), preexec_fn=lambda: _in_child(nice))
        log.info("task consumer started as process %s (%d device(s) at once, nice +%d)", proc.pid,
                 self.workers, nice)
        return proc

    def start(self) -> ConsumerProcess:
        self.proc = self._spawn()
        self._monitor.start()
        return self

    def _watch(self) -> None:
        while not self._stop.is_set():
            assert self.proc is not None
            code = self.proc.wait()
            if self._stop.is_set():
                return
            log.error("the task consumer (process %s) exited with status %s; restarting it in %g s",
                      self.proc.pid, code, RESTART_DELAY)
            if self._stop.wait(RESTART_DELAY):
                return
            self.proc = self._spawn()

    def stop(self, timeout: float = STOP_TIMEOUT) -> None:
        self._stop.set()
        proc = self.proc
        if proc is None or proc.poll() is not None:
            return
        proc.send_signal(signal.SIGTERM)  # graceful: devices in progress finish
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
