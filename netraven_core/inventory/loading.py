"""Loading inventories: pick the source plugin for a file and validate what it reads.

``load_inventory`` is fail-fast (the first problem is raised as an
:class:`~netraven_core.errors.InventoryError` naming file, line and field); ``parse_inventory_text``
is lenient, for bulk imports: it keeps every valid record and returns one error per bad record.
The formats are documented in ``docs/inventory.md``.
"""

from __future__ import annotations

import inspect
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..errors import InventoryError
from ..models import Inventory
from ..plugins import Registry
from ..protocols import TextParsingInventorySource
from .fields import close_matches

__all__ = ["load_inventory", "parse_inventory_text", "source_for"]

# A YAML file whose top level says ``source: <name>`` holds the settings of that source (NetBox:
# URL, filters, mapping) rather than devices; the line is found without parsing the whole file.
_SOURCE_LINE = re.compile(r"^source:[ \t]*[\"']?([A-Za-z0-9_.-]+)[\"']?[ \t]*(?:#.*)?$", re.MULTILINE)
_SETTINGS_SUFFIXES = (".yaml", ".yml")


def declared_source(location: str | os.PathLike[str]) -> str | None:
    """The ``source:`` a YAML settings file names, or ``None`` (a plain inventory, or no file)."""
    if not os.fspath(location).lower().endswith(_SETTINGS_SUFFIXES):
        return None
    try:
        with open(location, encoding="utf-8", errors="replace") as fh:
            head = fh.read(65536)
    except OSError:
        return None
    match = _SOURCE_LINE.search(head)
    return match.group(1).lower() if match else None


def _registry(registry: Any) -> Any:
    if registry is None:
        registry = Registry()
    return registry


def _instantiate(cls: type, registry: Any) -> Any:
    """Built-in sources accept ``registry`` (to validate platforms); third-party ones may not."""
    try:
        params = inspect.signature(cls).parameters
    except (TypeError, ValueError):
        params = {}
    accepts = "registry" in params or any(p.kind is p.VAR_KEYWORD for p in params.values())
    return cls(registry=registry) if accepts else cls()


def source_for(location: str | os.PathLike[str], registry: Any = None, *, fmt: str | None = None) -> Any:
    """An inventory source instance for ``location`` (matched by suffix) or for the name ``fmt``."""
    registry = _registry(registry)
    sources = registry.inventory_sources
    if fmt is not None:
        wanted = fmt.lower().lstrip(".")
        for cls in sources.values():
            if cls.name == wanted or f".{wanted}" in getattr(cls, "suffixes", ()):
                return _instantiate(cls, registry)
        raise InventoryError(f"unknown inventory format {fmt!r} (known: {', '.join(sorted(sources))})",
                             source=str(location))
    declared = declared_source(location)
    if declared is not None:
        if declared not in sources:
            raise InventoryError(f"unknown inventory source {declared!r}{close_matches(declared, sources)}"
                                 f" (known: {', '.join(sorted(sources))})", source=str(location),
                                 field="source")
        return _instantiate(sources[declared], registry)
    name = Path(location).name.lower()
    for cls in sources.values():
        if any(name.endswith(suffix.lower()) for suffix in getattr(cls, "suffixes", ())):
            return _instantiate(cls, registry)
    known = sorted({s for cls in sources.values() for s in getattr(cls, "suffixes", ())})
    raise InventoryError(f"no inventory source reads this kind of file (known suffixes: {', '.join(known)})",
                         source=str(location))


def load_inventory(path: str | os.PathLike[str], registry: Any = None) -> Inventory:
    """Load the inventory file at ``path`` with the source plugin matching its suffix.

    :param registry: a :class:`netraven_core.plugins.Registry` (default: a new one) providing the
        inventory sources and the platforms/drivers devices are checked against.
    :raises InventoryError: on the first problem, naming file, line and field.
    """
    location = os.fspath(path)
    source = source_for(location, registry)
    if not Path(location).exists() and (getattr(source, "suffixes", ()) or declared_source(location)):
        raise InventoryError("inventory file not found", source=location)
    return source.load(location)


def parse_inventory_text(text: str, fmt: str, source_name: str, registry: Any = None, *,
                         base_dir: str | os.PathLike[str] | None = None,
                         env: Mapping[str, str] | None = None,
                         ) -> tuple[Inventory, list[InventoryError]]:
    """Parse inventory text leniently (bulk import): keep valid records, report each bad one.

    Text usually comes from outside (an upload to the server), so by default it may neither read
    files nor the process environment: ``private_key_file`` and ``${VAR}`` are reported as errors
    unless ``base_dir`` / ``env`` are given.

    :param fmt: ``"yaml"`` or ``"csv"`` (or another source's name).
    :param source_name: what errors call the text (e.g. the uploaded file's name).
    :param base_dir: allow ``private_key_file``, relative to this directory.
    :param env: allow ``${VAR}`` references, looked up here (e.g. ``os.environ``).
    :return: the inventory of valid records and the list of problems (empty when all is well).
    """
    source = source_for(source_name, registry, fmt=fmt)
    if not isinstance(source, TextParsingInventorySource):
        raise InventoryError(f"the {fmt!r} inventory source cannot parse text", source=source_name)
    return source.parse_text(text, source_name, lenient=True,
                             base_dir=None if base_dir is None else os.fspath(base_dir), env=env)
