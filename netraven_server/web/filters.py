"""Jinja filters and globals for the UI (dates, durations, status badges, links)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from flask import Flask, request, url_for

from .common import query_without

BADGES = {
    "success": "ok", "failed": "bad", "partial": "warn", "running": "info", "pending": "muted",
    "cancelled": "muted", "skipped": "muted", "never": "muted", "stale": "warn", "enabled": "ok",
    "disabled": "muted", "alive": "ok", "down": "bad", "sent": "ok", "error": "bad", "warning": "warn",
    "critical": "bad", "info": "info", "debug": "muted", "pass": "ok", "fail": "bad", "high": "bad",
    "medium": "warn", "low": "info",
}


# Fields the forms mark with their own error line (macros.errors_for); form_errors leaves them out.
INLINE_FIELDS = frozenset({
    "confirm_password", "cron", "current_password", "devices", "driver", "events", "expires_at", "host",
    "hostname", "interval_seconds", "job_type", "name", "new_password", "options", "password", "platform",
    "port", "priority", "private_key", "role", "run_at", "start_at", "smtp", "tags", "transport", "type",
    "url", "username", "enable_secret",
})


def _aware(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def fmt_dt(value: Any, seconds: bool = False) -> str:
    if not value:
        return "—"
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            return value
    return _aware(value).strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M") + " UTC"


def ago(value: Any) -> str:
    if not value:
        return "never"
    delta = datetime.now(UTC) - _aware(value)
    secs = int(delta.total_seconds())
    future = secs < 0
    secs = abs(secs)
    for unit, size in (("d", 86400), ("h", 3600), ("min", 60)):
        if secs >= size:
            text = f"{secs // size} {unit}"
            break
    else:
        text = f"{secs} s"
    return f"in {text}" if future else f"{text} ago"


def duration(value: Any) -> str:
    if value is None:
        return "—"
    value = float(value)
    if value < 60:
        return f"{value:.1f} s"
    return f"{int(value // 60)} min {int(value % 60)} s"


def every(seconds: Any) -> str:
    """An interval as people say it: "every 6 h", "every 1 d 12 h", "every 90 s"."""
    if not seconds:
        return "—"
    secs, parts = int(seconds), []
    for unit, size in (("d", 86400), ("h", 3600), ("min", 60), ("s", 1)):
        if secs >= size:
            parts.append(f"{secs // size} {unit}")
            secs %= size
    return "every " + " ".join(parts[:2])


def badge(status: Any) -> str:
    return BADGES.get(str(status or "never"), "muted")


def url_with(**changes: Any) -> str:
    """This page's URL with some query arguments changed (``None`` removes one)."""
    return url_for(request.endpoint, **(request.view_args or {}), **query_without(**changes))


def sort_link(field: str) -> str:
    current = request.args.get("sort", "")
    new = f"-{field}" if current == field else field
    return url_with(sort=new, page=None)


def sort_mark(field: str) -> str:
    current = request.args.get("sort", "")
    return "▲" if current == field else "▼" if current == f"-{field}" else ""


def segments(text: str | None, marks: list[list[int]] | None) -> list[tuple[str, bool]]:
    """Split ``text`` into ``(piece, changed)`` runs by the diff's intra-line marks."""
    text = text or ""
    if not marks:
        return [(text, False)]
    out, pos = [], 0
    for start, end in marks:
        if start > pos:
            out.append((text[pos:start], False))
        out.append((text[start:end], True))
        pos = end
    if pos < len(text):
        out.append((text[pos:], False))
    return out


def install_filters(app: Flask) -> None:
    app.jinja_env.filters.update(dt=fmt_dt, ago=ago, duration=duration, badge=badge, every=every)
    app.jinja_env.globals.update(url_with=url_with, sort_link=sort_link, sort_mark=sort_mark,
                                 segments=segments, INLINE_FIELDS=INLINE_FIELDS)
