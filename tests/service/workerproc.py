"""Starting real ``netraven worker`` processes for integration tests."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

from sqlalchemy import select

TEST_KEY = "x0IcfjK9Yd8-JZpQ0Nuw0ML3IbyD6sJY0vRCp5Ww7-c="


def service_env(data_dir: Path, *, database_url: str | None = None, redis_url: str | None = None) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NETRAVEN_")}
    env.update({"NETRAVEN_DATA_DIR": str(data_dir), "NETRAVEN_SECRET_KEY": TEST_KEY,
                "NETRAVEN_QUEUE_NAME": f"nrtest-{uuid.uuid4().hex[:10]}", "NETRAVEN_HEARTBEAT": "1",
                "NETRAVEN_WORKER_STALE": "15", "PYTHONUNBUFFERED": "1"})
    if database_url:
        env["NETRAVEN_DATABASE_URL"] = database_url
    if redis_url:
        env["NETRAVEN_REDIS_URL"] = redis_url
    return env


class Workers:
    """``netraven worker`` subprocesses, stopped (and reaped) on exit."""

    def __init__(self, env: dict, log_dir: Path):
        self.env, self.log_dir = env, log_dir
        self.procs: list[subprocess.Popen] = []

    def start(self, threads: int = 4) -> subprocess.Popen:
        log = open(self.log_dir / f"worker-{len(self.procs)}.log", "wb")  # noqa: SIM115 - closed with the process
        proc = subprocess.Popen([sys.executable, "-m", "netraven_core", "worker", "-w", str(threads)],
                                env=self.env, stdout=log, stderr=subprocess.STDOUT)
        proc.logfile = log
        self.procs.append(proc)
        return proc

    def wait_registered(self, db, count: int, timeout: float = 60) -> None:
        from netraven_server.db.models import Worker

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for p in self.procs:
                if p.poll() is not None:
                    raise AssertionError(f"worker exited with {p.returncode}: {self.output(p)}")
            with db.session(readonly=True) as s:
                names = s.scalars(select(Worker.name).where(Worker.kind == "worker")).all()
            if len(names) >= count:
                return
            time.sleep(0.2)
        raise AssertionError(f"workers did not register: {[self.output(p) for p in self.procs]}")

    def output(self, proc) -> str:
        proc.logfile.flush()
        return Path(proc.logfile.name).read_text(errors="replace")[-3000:]

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        for p in self.procs:
            if p.poll() is None:
                p.send_signal(signal.SIGINT)
        for p in self.procs:
            try:
                p.wait(timeout=15)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()
            p.logfile.close()
