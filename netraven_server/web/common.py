"""Helpers shared by the UI views: the request's database session, the acting user, paging and
form parsing."""

from __future__ import annotations

from typing import Any

from flask import current_app, flash, g, redirect, request, url_for

from ..api.common import session
from ..services import runs as run_service
from ..services.context import Actor
from ..services.errors import Unavailable

PAGE_SIZES = (25, 50, 100, 200)


def db():
    """The request's database session (committed by the app after a successful POST)."""

    return session()


def state():
    return current_app.extensions["netraven"]


def actor() -> Actor:
    return Actor.of(g.user, request.remote_addr)


def int_arg(name: str, default: int | None = None, *, lo: int = 1, hi: int = 1_000_000) -> int | None:
    raw = request.args.get(name, "")
    try:
        value = int(raw)
    except ValueError:
        return default
    return min(max(value, lo), hi)


def page_args(default_size: int = 50) -> dict[str, int]:
    size = int_arg("size", default_size, lo=1, hi=max(PAGE_SIZES))
    return {"page": int_arg("page", 1) or 1, "size": size or default_size}


def form_str(name: str, *, strip: bool = True) -> str | None:
    """A form field, ``None`` when absent or blank."""
    value = request.form.get(name)
    if value is None:
        return None
    value = value.strip() if strip else value
    return value or None


def form_int(name: str, errors: dict[str, list[str]]) -> int | None:
    raw = (request.form.get(name) or "").strip()
    if not raw:
        return None
    try:
        return int(raw)
    except ValueError:
        errors.setdefault(name, []).append("must be a whole number")
        return None


def form_list(name: str) -> list[str]:
    """Values of a multi-valued field plus comma/newline-separated entries of ``<name>_new``."""
    values = [v.strip() for v in request.form.getlist(name) if v.strip()]
    extra = request.form.get(f"{name}_new") or ""
    values += [v.strip() for v in extra.replace("\n", ",").split(",") if v.strip()]
    return list(dict.fromkeys(values))


def is_partial() -> bool:
    """The modal loads a form with ``?partial=1`` to get the form without the page around it."""
    return request.args.get("partial") == "1"


def query_without(**drop: Any) -> dict[str, Any]:
    """The current query arguments with some replaced (``None`` removes), for sort/page links."""
    args = {k: v for k, v in request.args.items(multi=False)}
    for key, value in drop.items():
        if value is None:
            args.pop(key, None)
        else:
            args[key] = value
    return args


def start_and_follow(session, run_id: int):
    """Commit a new run, hand it to the task engine, and show its monitor.

    The commit comes first: a worker must see the run before it is dispatched.
    """

    session.commit()
    try:
        dispatched = run_service.dispatch(run_id, session)
    except Unavailable as exc:  # the queue is down: the run was deleted again
        flash(exc.message, "error")
        return redirect(request.referrer or url_for("web.jobs"))
    if not dispatched:
        flash("No task engine runs in this server process; the run waits for a worker.", "warn")
    return redirect(url_for("web.run_detail", run_id=run_id))
