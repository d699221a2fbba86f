"""A real NetRaven server for browser tests: the app (API + UI) served by werkzeug on a free
port of 127.0.0.1, the embedded Huey consumer on an SQLite queue in a temporary data directory
(as ``netraven server`` runs it), and simulated devices speaking real SSH."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from werkzeug.serving import make_server

TEST_KEY = "x0IcfjK9Yd8-JZpQ0Nuw0ML3IbyD6sJY0vRCp5Ww7-c="
USERS = {"admin": ("admin", "admin-pass-1"), "viewer": ("viewer", "viewer-pass-1")}
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@dataclass
class LiveServer:
    url: str
    app: Any
    rt: Any
    settings: Any


@contextmanager
def live_server(data_dir: Path, *, workers: int = 4) -> Iterator[LiveServer]:
    from netraven_server.app import create_app
    from netraven_server.config import Settings
    from netraven_server.service import ports, queue, runtime
    from netraven_server.service.workers import EmbeddedService
    from netraven_server.services import users

    settings = Settings(data_dir=data_dir, secret_keys=(TEST_KEY,),
                        jwt_secret="e2e-jwt-secret-0123456789abcdef")
    settings.ensure_data_dir()
    queue.configure(settings)
    app = create_app(settings)
    state = app.extensions["netraven"]
    with state.db.session() as s:
        for role, (name, password) in USERS.items():
            users.create_user(s, {"username": name, "password": password, "role": role})
    # Process-wide state the embedded service changes; put back afterwards so later tests in this
    # process (pytest-xdist worker) do not dispatch runs to a stopped server.
    previous_runtime, previous_queue = runtime._current, ports.task_queue()
    rt = runtime.configure(settings, db=state.db, worker_name="e2e-server")
    service = EmbeddedService(rt, workers=workers).start()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="e2e-http", daemon=True)
    thread.start()
    try:
        yield LiveServer(f"http://127.0.0.1:{server.server_port}", app, rt, settings)
    finally:
        server.shutdown()
        thread.join(timeout=10)
        service.stop(timeout=10)
        queue.reset()  # not left pointing at (or running tasks in) this test's service
        ports.install(previous_queue)
        runtime._current = previous_runtime
        state.db.dispose()
