"""The inventory-sync part of the job form: a Source select listing the installed inventory
sources (``describe_source_types``), one fieldset per source with an input per declared option,
and the sync's own options (disable_missing; location for admins).  The form's inputs are
``opt_source``, ``opt_<source>.<option>`` (a source's options: two sources may both have a
``url``, and NetBox's ``timeout`` is not the engine's), ``opt_disable_missing`` and
``opt_location``; the service's errors (``options.source_options.url``) come back under them."""

from __future__ import annotations

from typing import Any

from flask import request

from ..services.inventory_sources import describe_source_types
from .common import form_str
from .option_fields import Errors, read_options

SYNC_TYPE = "inventory_sync"
SYNC_OPTIONS = frozenset({"source", "source_options", "disable_missing", "location"})
SYNC_KEPT = frozenset({"timezone", "start_at"})  # the sync's other options, set through the API


def source_specs() -> list[dict[str, Any]]:
    """Each source, with the names of its secret options (a sync job cannot hold those)."""
    return [{**t, "secrets": [o["name"] for o in t["options"] if o["secret"]]}
            for t in describe_source_types()]


def read_sync_options(errors: Errors) -> dict[str, Any]:
    """The sync's options from the form, typed; secrets are not read (they are refused)."""
    source = form_str("opt_source")
    options: dict[str, Any] = {"disable_missing": request.form.get("opt_disable_missing") == "on"}
    if not source:  # the advanced JSON may still name it (checked after it is merged)
        return options
    options["source"] = source
    spec = next((t for t in source_specs() if t["name"] == source), None)
    if spec is not None:
        options["source_options"] = read_options(spec["options"], f"opt_{source}.", errors, secrets=False)
    if location := form_str("opt_location"):
        options["location"] = location
    return options


def form_errors(errors: dict[str, list[str]], options: dict[str, Any]) -> dict[str, list[str]]:
    """The service's ``options.*`` errors under the form's input names."""
    source = options.get("source") or ""
    spec = next((t for t in source_specs() if t["name"] == source), None)
    names = {o["name"] for o in spec["options"]} if spec else set()
    out: dict[str, list[str]] = {}
    for key, messages in errors.items():
        field = key
        if key.startswith("options.source_options"):
            option = key.removeprefix("options.source_options").lstrip(".").split(".")[0]
            field = f"opt_{source}.{option}" if option in names else f"opt_{source}"
        elif key in ("options.source", "options.disable_missing", "options.location"):
            field = "opt_" + key.split(".")[1]
        elif key == "options" and options.get("location"):
            field = "opt_location"  # the only sync option refused by role: location is admin-only
        out.setdefault(field, []).extend(messages if isinstance(messages, list) else [str(messages)])
    return out
