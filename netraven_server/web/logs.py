"""The unified log with filters (level, type, device, run, text), newest first."""

from __future__ import annotations

from flask import render_template, request

from ..db.models import LOG_LEVELS, LOG_TYPES
from ..services import logs as svc
from .blueprint import bp
from .common import db, page_args

DEFAULT_LEVEL = "info"


@bp.route("/logs")
def logs():
    f = {
        # Debug lines are for digging: the page starts at info; "any level" (level=) shows them.
        "min_level": request.args.get("level", DEFAULT_LEVEL) if request.args.get("level", DEFAULT_LEVEL)
        in LOG_LEVELS else None,
        "type": request.args.get("type") if request.args.get("type") in LOG_TYPES else None,
        "hostname": (request.args.get("hostname") or "").strip() or None,
        "run_id": request.args.get("run_id", type=int),
        "q": (request.args.get("q") or "").strip()[:200] or None,
    }
    page = svc.list_logs(db(), **f, **page_args(100))
    return render_template("logs.html", page=page, f=f, levels=LOG_LEVELS, types=LOG_TYPES)
