"""The processes and backends behind ``bench/service_backup.py``.

A *backend* says where a service round keeps its database and queue and which processes run
the tasks: ``sqlite`` (one ``netraven server`` with its task consumer process, SQLite database
and Huey queue in the data directory) or ``postgres-redis`` (a fresh PostgreSQL database per
round, a Redis database index for the queue, ``netraven server --no-consumer`` for the API and
the scheduler, and separate ``netraven worker`` processes running the devices).
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import _benchlib as lib


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_mb(pid: int, field: str = "VmRSS") -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(f"{field}:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def children_of(pid: int) -> list[int]:
    """Direct children of every thread of ``pid``: a worker forks its cleaning process from a
    consumer thread, and ``/proc/PID/task/TID/children`` lists only that thread's children."""
    children: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            children.update(int(c) for c in (task / "children").read_text().split())
        except OSError:  # the thread (or the process) has ended
            pass
    return sorted(children)


def autogroup_nice() -> int | None:
    """This process's autogroup nice value (``None`` where the kernel has no autogroups)."""
    try:
        return int(Path("/proc/self/autogroup").read_text().split()[-1])
    except (OSError, ValueError, IndexError):
        return None


def _in_child(nice: int | None) -> None:
    """Run in the child after ``setsid``: a new session is a new autogroup, at nice 0, which a
    raised ``--priority`` gave the simulator and the engine but not the service (its rounds were
    a quarter slower for it); the service's processes get the benchmark's autogroup nice too."""
    lib.raise_nofile()
    if nice is not None:
        with contextlib.suppress(OSError):
            Path("/proc/self/autogroup").write_text(str(nice))


class Proc:
    """A ``python -m netraven_core ...`` process in a session of its own (so that it and its
    children can be stopped as a group), logging to a file."""

    def __init__(self, name: str, args: list[str], env: dict[str, str], log: Path):
        self.name, self.log = name, log
        self._out = open(log, "wb")  # noqa: SIM115 - closed in stop()
        nice = autogroup_nice()
        self.proc = subprocess.Popen([sys.executable, "-m", "netraven_core", *args], env=env,
                                     stdout=self._out, stderr=subprocess.STDOUT,
                                     preexec_fn=lambda: _in_child(nice), start_new_session=True)
        self.children_mb = 0.0  # peak of the direct children's RSS summed, see sample()

    @property
    def pid(self) -> int:
        return self.proc.pid

    def alive(self) -> bool:
        return self.proc.poll() is None

    def sample(self) -> None:
        self.children_mb = max(self.children_mb, sum(rss_mb(c) for c in children_of(self.pid)))

    def peak_rss_mb(self) -> float:
        """``VmHWM``: the kernel's own peak, so read it before the process is stopped."""
        return rss_mb(self.pid, "VmHWM")

    def tail(self, chars: int = 3000) -> str:
        return f"--- {self.name} ({self.log}) ---\n{self.log.read_text(errors='replace')[-chars:]}"

    def terminate(self) -> None:
        if self.alive():
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.pid, signal.SIGTERM)

    def wait(self, timeout: float = 60) -> None:
        try:
            self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.pid, signal.SIGKILL)
            self.proc.wait()
        self._out.close()


def stop_all(procs: list[Proc]) -> None:
    """SIGTERM every group first, then wait: the workers finish their shutdown side by side."""
    for p in procs:
        p.terminate()
    for p in procs:
        p.wait()


class Sampler:
    """A thread sampling the children's RSS of ``procs`` every 0.2 s while in the ``with``."""

    def __init__(self, procs: list[Proc]):
        self.procs = procs
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            for p in self.procs:
                p.sample()
            self._stop.wait(0.2)

    def __enter__(self) -> Sampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


class Sqlite:
    """One node: the server's consumer process runs every device (the default deployment)."""

    name = "sqlite"
    section = "service_backup"
    title = "Service backup"
    row = "service (`netraven server`)"
    worker_processes = 0

    def describe(self, workers: int) -> str:
        return ("single node: SQLite database, SQLite Huey queue; server and engine each in their own "
                "process, the simulator in another; peak RSS MB: the engine's process, or the server's (API) "
                "process; children MB: the engine's cleaning process, or the server's direct children (its "
                "task consumer process), sampled")

    @contextlib.contextmanager
    def round(self, n: int) -> Iterator[dict[str, str]]:
        yield {}  # the data directory holds the database and the queue

    def start(self, data: Path, env: dict[str, str], port: int, workers: int,
              extra: list[str]) -> list[Proc]:
        return [Proc("server", ["server", "--host", "127.0.0.1", "--port", str(port), "--workers",
                                str(workers), *extra], env, data / "server.log")]


class PostgresRedis:
    """PostgreSQL database and Redis queue; the devices run in ``worker_processes`` workers."""

    name = "postgres-redis"
    section = "service_backup_pg"
    title = "Service backup on PostgreSQL + Redis"

    def __init__(self, pg_url: str, redis_url: str, worker_processes: int):
        from sqlalchemy.engine import make_url

        self.admin = make_url(pg_url)
        self.redis_url = redis_url
        self.worker_processes = worker_processes
        self.row = f"service (PostgreSQL + Redis, {worker_processes} workers)"
        with self._admin_connection() as conn:
            self.version = conn.execute("SHOW server_version").fetchone()[0].split()[0]

    def _admin_connection(self):
        import psycopg

        u = self.admin
        return psycopg.connect(host=u.host or "127.0.0.1", port=u.port or 5432, user=u.username or "postgres",
                               password=u.password, dbname=u.database or "postgres", autocommit=True)

    def split(self, workers: int) -> list[int]:
        """``workers`` devices in flight over the worker processes: equal shares, the first ones
        one more when it does not divide (50 over 2: 25 + 25; 50 over 3: 17 + 17 + 16)."""
        k = self.worker_processes
        if workers < k:
            raise SystemExit(f"--workers {workers} is fewer than --service-workers {k}")
        return [workers // k + (1 if i < workers % k else 0) for i in range(k)]

    def describe(self, workers: int) -> str:
        shares = " + ".join(map(str, self.split(workers)))
        return (f"PostgreSQL {self.version} database (a new one per round) and Redis Huey queue "
                f"(`{self.redis_url}`, flushed before and after each round); `netraven server --no-consumer` "
                f"(API, scheduler) and {self.worker_processes} `netraven worker` processes with {shares} "
                "devices in flight; server, each worker and engine in their own process, the simulator in "
                "another; peak RSS MB: the engine's process, or the server's (API, scheduler) process; "
                "children MB: the engine's cleaning process, or the server's direct children, sampled; "
                "worker MB: the largest of the worker processes' peak RSS, and of their direct children's "
                "(cleaning processes) RSS summed, sampled")

    def _flush(self) -> None:
        import redis

        client = redis.Redis.from_url(self.redis_url)
        try:
            client.flushdb()  # this database index only: Redis is shared with other work
        finally:
            client.close()

    @contextlib.contextmanager
    def round(self, n: int) -> Iterator[dict[str, str]]:
        name = f"netraven_svcbench_{os.getpid()}_{n}"
        with self._admin_connection() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')
        self._flush()
        try:
            url = self.admin.set(database=name).render_as_string(hide_password=False)
            yield {"NETRAVEN_DATABASE_URL": url, "NETRAVEN_REDIS_URL": self.redis_url}
        finally:
            with self._admin_connection() as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            self._flush()

    def start(self, data: Path, env: dict[str, str], port: int, workers: int,
              extra: list[str]) -> list[Proc]:
        procs = [Proc("server", ["server", "--host", "127.0.0.1", "--port", str(port), "--no-consumer",
                                 *extra], env, data / "server.log")]
        try:
            for i, share in enumerate(self.split(workers)):
                procs.append(Proc(f"worker {i + 1}", ["worker", "--workers", str(share)], env,
                                  data / f"worker-{i + 1}.log"))
        except BaseException:
            stop_all(procs)
            raise
        return procs
