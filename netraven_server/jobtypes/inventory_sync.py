"""The ``inventory_sync`` job type: follow an inventory source (NetBox or a plugin's).

A job-level type: it runs once per run (``run_job``), not once per device.  The source is
loaded with its options (a source with ``load_options``, like NetBox) or from ``location``
(any source's ``load``); the devices are applied by :mod:`..services.inventory_sync`.  What
changed goes into the run's summary (``summary.sync``) and the audit log.
"""

from __future__ import annotations

import logging
from typing import Any

from marshmallow import ValidationError

from netraven_core.errors import NetRavenError

log = logging.getLogger(__name__)


def _text(messages: Any) -> str:
    """Marshmallow's messages as words: a mapping's bad key reads ``colour: key: Must be one of...``."""
    if isinstance(messages, dict):
        return "; ".join(f"{k}: {_text(v)}" for k, v in messages.items())
    return " ".join(map(str, messages)) if isinstance(messages, list) else str(messages)


def _messages(exc: ValidationError, prefix: str) -> list[tuple[str, str]]:
    return [(f"{prefix}.{k}", _text(v)) for k, v in exc.normalized_messages().items()]


def source_class(registry: Any, name: str) -> type:
    sources = registry.inventory_sources
    if name not in sources:
        raise ValueError(f"source: unknown inventory source {name!r} (known: {', '.join(sorted(sources))})")
    return sources[name]


def check_options(registry: Any, options: dict[str, Any]) -> list[tuple[str, str]]:
    """Problems with a sync job's options as ``(field, message)``; empty when they are good."""
    from .options import InventorySyncOptions

    try:
        loaded = InventorySyncOptions().load(options)
    except ValidationError as exc:
        return _messages(exc, "options")
    try:
        cls = source_class(registry, loaded["source"])
    except ValueError as exc:
        return [("options.source", str(exc).split(": ", 1)[1])]
    problems = []
    schema = getattr(cls, "options_schema", None)
    if schema is not None:
        instance = schema() if isinstance(schema, type) else schema
        try:
            instance.load(loaded["source_options"])
        except ValidationError as exc:
            problems += _messages(exc, "options.source_options")
        from ..notify.plugin_types import describe_schema

        secrets = [o["name"] for o in describe_schema(instance) if o["secret"]]
        if secrets:  # job options are stored in clear; a secret belongs in the server's environment
            problems.append(("options.source_options", f"the {cls.name!r} source has secret options "
                             f"({', '.join(secrets)}), which a job cannot hold"))
        check = getattr(cls, "validate_options", None)
        if not problems and callable(check):  # the source's own rules (NetBox: URL scheme, filters)
            try:
                check(loaded["source_options"])
            except NetRavenError as exc:
                field = getattr(exc, "field", None)
                problems.append((f"options.source_options.{field}" if field else "options.source_options",
                                 getattr(exc, "message", str(exc))))
    elif loaded["source_options"]:
        problems.append(("options.source_options", f"the {cls.name!r} source takes no options; "
                         "give location"))
    if not callable(getattr(cls, "load_options", None)) and not loaded.get("location"):
        problems.append(("options.location", f"the {cls.name!r} source loads from a location: give it"))
    return problems


def _load(registry: Any, options: dict[str, Any]) -> tuple[Any, list[dict[str, Any]], set[str]]:
    """The inventory, the rejected records, and the hostnames the source has but could not use
    (a source may say, as NetBox does: those are kept, not disabled)."""
    from netraven_core.inventory.loading import _instantiate

    cls = source_class(registry, options["source"])
    source = _instantiate(cls, registry)
    if options.get("location"):
        inventory, errors = source.load(options["location"]), []
    else:
        inventory, errors = source.load_options(options.get("source_options") or {})
    keep = {h.lower() for h in getattr(source, "last_rejected", set()) or set()}
    return inventory, [{"hostname": None, "field": e.field, "reason": e.message} for e in errors], keep


def run_job(ctx: Any) -> dict[str, Any]:
    """Load the source and apply it; ``{"status", "error", "summary"}``."""
    options = dict(ctx.options)
    options.setdefault("source_options", {})
    options.setdefault("disable_missing", True)
    registry = ctx.runtime.registry
    try:
        inventory, rejected, keep = _load(registry, options)
    except (NetRavenError, ValueError) as exc:
        # An unreachable source changes nothing: no device is disabled because NetBox was down.
        return {"status": "failed", "error": str(exc)[:500], "summary": {}}
    if not inventory.devices:
        # Most likely a filter that matches nothing or a source answering empty by mistake:
        # disabling every device over it would be the worst outcome.
        return {"status": "failed", "error": "the source returned no devices; nothing was changed",
                "summary": {"counts": {"rejected": len(rejected)}, "rejected": rejected}}
    owner = f"job:{ctx.job_id}" if ctx.job_id is not None else f"source:{options['source']}"
    from ..services.inventory_sync import apply_inventory

    with ctx.session() as s:
        result = apply_inventory(s, inventory, owner, disable_missing=options["disable_missing"],
                                 source_label=options["source"], keep=keep)
    result["rejected"] = rejected + result["rejected"]
    result["counts"]["rejected"] = len(result["rejected"])
    log.info("inventory sync from %s: %s", options["source"],
             ", ".join(f"{n} {k}" for k, n in result["counts"].items()))
    return {"status": "success", "error": None, "summary": result}
