"""Private PostgreSQL and Redis servers for fault tests that stop them (never the shared ones).

Each lives in its own temporary directory on its own port and is removed at the end; absent
binaries skip the test with a reason (fail when ``NETRAVEN_REQUIRE_SERVICES=1``).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

from .services import port_open, unavailable

PG_BIN = Path(os.environ.get("NETRAVEN_TEST_PG_BIN", "/usr/lib/postgresql/15/bin"))


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_port(port: int, up: bool, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if port_open("127.0.0.1", port) == up:
            return
        time.sleep(0.1)
    raise AssertionError(f"port {port} did not go {'up' if up else 'down'} within {timeout}s")


class PrivatePostgres:
    """``initdb`` + ``pg_ctl`` in a new directory under the system temp dir (pytest's are private
    to root, and the server runs as the ``postgres`` user when we are root)."""

    def __init__(self, root: Path | None = None):
        import tempfile

        root = root or Path(tempfile.mkdtemp(prefix="netraven-pg-"))
        if not (PG_BIN / "initdb").exists():
            unavailable(f"PostgreSQL server binaries not found in {PG_BIN}")
        self.root, self.data, self.port = root, root / "pgdata", _free_port()
        self.prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        root.mkdir(parents=True, exist_ok=True)
        if self.prefix:
            shutil.chown(root, "postgres")
        self._run("initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres")
        self.url = f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def _run(self, tool: str, *args: str) -> None:
        subprocess.run([*self.prefix, str(PG_BIN / tool), *args], check=True, cwd=self.root,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120)

    def start(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.root / "pg.log"), "-w", "-o",
                  f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off", "start")
        _wait_port(self.port, True)

    def stop(self, mode: str = "immediate") -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop")
        _wait_port(self.port, False)

    def close(self) -> None:
        try:
            self.stop("fast")
        except Exception:
            pass
        shutil.rmtree(self.root, ignore_errors=True)


class PrivateRedis:
    """``redis-server`` without persistence (a restart loses the queue, the worst case)."""

    def __init__(self, root: Path):
        self.binary = shutil.which("redis-server")
        if not self.binary:
            unavailable("redis-server not found (apt-get install redis-server)")
        self.root, self.port = root, _free_port()
        root.mkdir(parents=True, exist_ok=True)
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.proc: subprocess.Popen | None = None

    def start(self) -> None:
        self.proc = subprocess.Popen([self.binary, "--port", str(self.port), "--bind", "127.0.0.1",
                                      "--save", "", "--appendonly", "no", "--dir", str(self.root)],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _wait_port(self.port, True)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()  # only the process this helper started
            self.proc.wait()
        _wait_port(self.port, False)

    def close(self) -> None:
        self.stop()
        shutil.rmtree(self.root, ignore_errors=True)
