"""Turning a fetched configuration into what is stored: normalize, redact, scrub, compare.

This is the engine's CPU-heavy step (~3-4 ms per 20 kB configuration: regexes and a line diff)
and it would otherwise run on the event loop thread that also drives every SSH session.  For
large runs on a machine with more than one core, :class:`Cleaner` runs it in worker processes,
so that the loop keeps talking to devices while another core cleans (the GIL rules out threads).
Small runs (the server's one-device tasks) and single-core machines clean in-process, through
the same function, so the result never depends on where it was computed.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import signal
import stat
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass

from ..models import Platform, RedactionRule
from .changes import diff_stats, unified_diff
from .normalize import normalize
from .redact import Redactor, scrub_secrets
from .sections import render_header

log = logging.getLogger(__name__)

Sections = tuple[tuple[str, str], ...]  # (section name, output), as FetchOutput.sections

# Below this many devices a run cleans in-process: a worker process costs more than it saves.
MIN_DEVICES_FOR_PROCESSES = 32


@dataclass(frozen=True)
class Prepared:
    """A cleaned configuration compared with the stored one."""

    text: str
    unchanged: bool
    added: int = 0
    removed: int = 0
    diff: str | None = None  # unified diff, when a previous version existed and the text changed


def clean(redactor: Redactor, raw: str, platform: Platform, secrets: list[str],
          sections: Sections = ()) -> str:
    """Normalize (volatile lines dropped), redact, and scrub ``secrets`` from a fetched text,
    with the ``sections`` the driver collected as a comment header on top (see
    :mod:`netraven_core.configtext.sections`)."""
    text = normalize(raw, platform)
    text = redactor.redact(text, platform.name)
    if sections:
        text = render_header(platform, sections, lambda body: redactor.redact(body, platform.name)) + text
    return scrub_secrets(text, secrets)


def compare(old_text: str | None, text: str, from_label: str, to_label: str) -> Prepared:
    """Line counts and unified diff from the stored ``old_text`` to the cleaned ``text``."""
    if old_text == text:
        return Prepared(text, True)
    added, removed = diff_stats(old_text, text)
    diff = unified_diff(old_text, text, from_label, to_label) if old_text is not None else None
    return Prepared(text, False, added, removed, diff)


def prepare(redactor: Redactor, raw: str, platform: Platform, secrets: list[str], old_text: str | None,
            from_label: str, to_label: str) -> Prepared:
    """:func:`clean`, then :func:`compare` with ``old_text``."""
    return compare(old_text, clean(redactor, raw, platform, secrets), from_label, to_label)


_worker_redactor: Redactor | None = None


# How often a cleaning process checks that the process that forked it is still there.
PARENT_CHECK_SECONDS = 1.0


def _init_worker(rules: tuple[RedactionRule, ...]) -> None:
    global _worker_redactor  # one per worker process, compiled on first use per platform
    # The parent's SIGTERM handler (a worker's graceful stop) means nothing here: a cleaning
    # process has nothing to finish, and a handler that only sets a flag would outlive a kill.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _release_inherited_sockets()
    _exit_with_parent(os.getppid())
    _worker_redactor = Redactor(rules)


def _exit_with_parent(parent: int) -> None:
    """End this process once ``parent`` is gone.

    A pool's processes wait for work on a pipe whose other end they hold themselves (forked), so
    a parent killed with SIGKILL (the OOM killer, ``kill -9`` of a worker) would leave them
    waiting forever, one orphan per cleaning process per kill.  ``PR_SET_PDEATHSIG`` is no
    help: it fires when the forking *thread* ends, which need not be when the process ends.
    """
    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK_SECONDS)
        os._exit(0)

    threading.Thread(target=watch, name="netraven-parent-watch", daemon=True).start()


def _release_inherited_sockets() -> None:
    """A forked cleaner needs no socket, and must not keep its parent's: a database connection
    it holds open outlives a killed parent, with the parent's transaction and its row locks
    (every other worker then waits on them).  Each is pointed at /dev/null, so its number stays
    taken and no stale object of the parent's can ever close a file this process opens later."""
    try:
        fds = [int(name) for name in os.listdir("/proc/self/fd")]
    except OSError:  # no /proc: nothing to find them by
        return
    devnull = os.open(os.devnull, os.O_RDWR)
    try:
        for fd in fds:
            try:
                if fd != devnull and stat.S_ISSOCK(os.fstat(fd).st_mode):
                    os.dup2(devnull, fd)
            except OSError:  # closed meanwhile (the listing's own descriptor)
                pass
    finally:
        os.close(devnull)


def _clean_in_worker(raw: str, platform: Platform, secrets: list[str], sections: Sections) -> str:
    assert _worker_redactor is not None
    return clean(_worker_redactor, raw, platform, secrets, sections)


def default_processes(devices: int) -> int:
    """Worker processes for a run of ``devices``: one core is left to the event loop."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    if devices < MIN_DEVICES_FOR_PROCESSES or cores < 2:
        return 0
    return min(cores - 1, 4)


class Cleaner:
    """Runs :func:`prepare` in ``processes`` worker processes (0: in-process).

    Workers are forked at construction, before the run starts its own threads, and each builds
    a fresh :class:`Redactor` from the same rules (no lock or cache is shared with the parent).
    If the pool breaks (a worker killed), the run goes on in-process.
    """

    def __init__(self, redactor: Redactor, processes: int = 0):
        self.redactor = redactor
        self._pool: ProcessPoolExecutor | None = None
        if processes > 0 and "fork" in multiprocessing.get_all_start_methods():
            try:
                self._pool = ProcessPoolExecutor(processes, mp_context=multiprocessing.get_context("fork"),
                                                 initializer=_init_worker, initargs=(redactor.rules,))
                # Fork now (a pool forks on its first task), not later from a busier process.
                self._pool.submit(int).result(timeout=30)
            except Exception as exc:  # no fork, no processes allowed, ...: clean in-process
                log.debug("cleaning in-process: %s", exc)
                self.close()

    @property
    def processes(self) -> int:
        pool = self._pool
        return 0 if pool is None else pool._max_workers

    async def clean(self, raw: str, platform: Platform, secrets: list[str], sections: Sections = ()) -> str:
        """:func:`clean` in a worker process (in-process without a pool)."""
        pool = self._pool
        if pool is not None:
            try:
                return await asyncio.wrap_future(pool.submit(_clean_in_worker, raw, platform, secrets,
                                                             sections))
            except BrokenProcessPool:
                log.warning("the cleaning worker processes died; cleaning in-process from now on")
                self.close()
        return clean(self.redactor, raw, platform, secrets, sections)

    async def compare(self, old_text: str | None, text: str, from_label: str, to_label: str) -> Prepared:
        """:func:`compare`; a real diff (both texts present and different) runs in a worker."""
        pool = self._pool
        if pool is not None and old_text is not None and old_text != text:
            try:
                return await asyncio.wrap_future(pool.submit(compare, old_text, text, from_label, to_label))
            except BrokenProcessPool:
                log.warning("the cleaning worker processes died; cleaning in-process from now on")
                self.close()
        return compare(old_text, text, from_label, to_label)

    async def prepare(self, raw: str, platform: Platform, secrets: list[str], old_text: str | None,
                      from_label: str, to_label: str) -> Prepared:
        """:meth:`clean`, then :meth:`compare`."""
        return await self.compare(old_text, await self.clean(raw, platform, secrets), from_label, to_label)

    def close(self) -> None:
        """Stop the worker processes (waits for them: their CPU is accounted to this process)."""
        pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
