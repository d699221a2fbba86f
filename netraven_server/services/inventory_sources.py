"""The inventory sources the server knows (``netraven_inventory_sources`` hook), described for
``GET /api/inventory/sources/types`` and the inventory-sync job's form."""

from __future__ import annotations

from typing import Any

from . import catalogue

BUILTIN_MODULE = "netraven_plugins."


def describe_source_types() -> list[dict[str, Any]]:
    from ..notify.plugin_types import describe_schema
    from .importer import import_formats

    text = set(import_formats())
    out = []
    for name, cls in sorted(catalogue.registry().inventory_sources.items()):
        doc = (cls.__doc__ or "").strip().splitlines()
        schema = getattr(cls, "options_schema", None)
        loads = (["options"] if callable(getattr(cls, "load_options", None)) else []) + ["location"]
        builtin = cls.__module__.startswith(BUILTIN_MODULE)
        out.append({"name": name, "source": "builtin" if builtin else "plugin",
                    "plugin": cls.__module__, "description": doc[0] if doc else "",
                    "suffixes": list(getattr(cls, "suffixes", ()) or ()), "loads": loads,
                    "text_import": name in text, "options": describe_schema(schema)})
    return out
