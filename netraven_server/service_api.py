"""Plugging the scheduled service into the Flask app: its blueprints (notifiers, run control and
live events), ``/metrics``, the run dispatcher and the process runtime shared with tasks."""

from __future__ import annotations

import hmac
import os
from typing import Any

from flask import Flask, Response, request


def register_service(app: Flask, api: Any) -> None:
    from .api import notifiers, run_actions
    from .service import queue, runtime
    from .service.metrics import build_registry, render
    from .service.tasks import install_dispatcher
    from .services import catalogue

    state = app.extensions["netraven"]
    # Tasks executed in this process (embedded consumer, immediate mode) use the app's database.
    runtime.configure(state.settings, db=state.db, registry=catalogue.registry(),
                      worker_name=runtime.default_worker_name("server"))
    queue.configure_default(state.settings)
    install_dispatcher()
    api.register_blueprint(notifiers.blp)
    api.register_blueprint(run_actions.blp)
    registry = build_registry(state.db)
    token = os.environ.get("NETRAVEN_METRICS_TOKEN")

    def metrics() -> Response:
        # Counts only, no secrets; NETRAVEN_METRICS_TOKEN makes scrapers send a bearer token.
        if token:
            given = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
            if not hmac.compare_digest(given.encode(), token.encode()):
                return Response("authentication required\n", status=401, mimetype="text/plain",
                                headers={"WWW-Authenticate": 'Bearer realm="metrics"'})
        return Response(render(registry), mimetype="text/plain; version=0.0.4; charset=utf-8")

    app.add_url_rule("/metrics", "metrics", metrics)
