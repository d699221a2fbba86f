"""The web UI's blueprint, which every view module attaches its routes to."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("web", __name__, template_folder="templates", static_folder="static",
               static_url_path="/ui/assets")
