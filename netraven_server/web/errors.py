"""Error pages for people: a 404, 403 or 500 outside ``/api`` is a styled HTML page with the
site's look (``/api`` answers JSON, see :class:`netraven_server.app.NetRavenApi`)."""

from __future__ import annotations

from flask import g, render_template, request
from werkzeug.exceptions import HTTPException

from .perms import is_allowed

HINTS = {
    404: "The address may be mistyped, or what it pointed at was removed.",
    403: "Ask an administrator if you need this.",
    405: "This address does not accept that kind of request.",
    500: "Something went wrong on the server; the server log has the details.",
}


def _can(endpoint: str, method: str = "POST") -> bool:
    user = g.get("user")
    return is_allowed(user.role if user else None, endpoint, method)


def error_page(exc: HTTPException):
    """The HTML page for ``exc``; the nav is shown only to a user the UI already recognised."""
    code = exc.code or 500
    message = exc.description if code != 500 else HINTS[500]
    context = {}
    if request.blueprint != "web":  # outside the UI's routes its context processor did not run
        context = {"current_user": None, "can": _can, "csrf_token": lambda: ""}
    referrer = request.referrer or ""
    back = referrer if referrer.startswith(request.host_url) else None  # only back into this site
    return render_template("error.html", code=code, title=exc.name, message=message,
                           hint=HINTS.get(code), back=back, **context), code
