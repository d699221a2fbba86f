"""Serving the application with a production WSGI server (waitress; werkzeug as a fallback)."""

from __future__ import annotations

import logging

from .app import create_app
from .config import Settings

log = logging.getLogger(__name__)


def serve(settings: Settings, host: str, port: int, *, threads: int = 8, app=None) -> None:
    """Migrate, build the app (unless given) and serve it until interrupted."""
    app = app or create_app(settings)
    try:
        from waitress import serve as waitress_serve
    except ImportError:  # pragma: no cover - waitress is a declared dependency
        log.warning("waitress is not installed; serving with werkzeug's threaded server")
        app.run(host=host, port=port, threaded=True, use_reloader=False)
        return
    log.info("NetRaven API listening on http://%s:%s/api (data dir %s)", host, port, settings.data_dir)
    waitress_serve(app, host=host, port=port, threads=threads, ident="netraven")
