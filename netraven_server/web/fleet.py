"""The fleet inventory page: model, serial and OS version per device (from the stored sections),
searchable, as CSV, with each device's change history on its page."""

from __future__ import annotations

from flask import render_template, request
from sqlalchemy import select

from ..api.csvout import csv_response
from ..api.fleet import CSV_COLUMNS
from ..db.models import Device, Tag
from ..services import fleet as svc
from .blueprint import bp
from .common import db, page_args


def _filters() -> dict:
    return {"q": (request.args.get("q") or "").strip()[:128] or None,
            "platform": (request.args.get("platform") or "").strip()[:64] or None,
            "tag": (request.args.get("tag") or "").strip().lower()[:64] or None}


@bp.route("/fleet")
def fleet():
    session = db()
    f = _filters()
    page = svc.inventory(session, **f, **page_args(50))
    platforms = session.scalars(select(Device.platform).distinct().order_by(Device.platform)).all()
    tags = session.scalars(select(Tag.name).order_by(Tag.name)).all()
    return render_template("fleet.html", page=page, f=f, platforms=platforms, tags=tags)


@bp.route("/fleet.csv")
def fleet_export():
    items = svc.inventory_all(db(), **_filters())
    return csv_response(CSV_COLUMNS, ([i[c] for c in CSV_COLUMNS] for i in items), "fleet-inventory.csv")
