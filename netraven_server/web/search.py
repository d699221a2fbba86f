"""Search every device's latest configuration; matching lines with their numbers."""

from __future__ import annotations

from flask import render_template, request

from ..services import catalogue, configs, versions
from ..services.errors import Invalid
from .blueprint import bp
from .common import db, state
from .devices import all_tags


@bp.route("/search")
def search():
    q = (request.args.get("q") or "")[:500]
    args = {"regex": request.args.get("regex") == "on", "case_sensitive": request.args.get("case") == "on",
            "platform": request.args.get("platform") or None, "tag": request.args.get("tag") or None}
    result = error = None
    if q:
        try:
            result = configs.search(db(), state().storage, q, **args, max_devices=100, max_lines=50)
            versions.numbered(db(), [hit["version"] for hit in result["results"]])
        except Invalid as exc:
            error = exc.message
    return render_template("search.html", q=q, args=args, result=result, error=error,
                           platforms=catalogue.platform_names(), tags=all_tags(db()))
