"""The YAML inventory source (``.yaml``/``.yml``), format documented in ``docs/inventory.md``.

PyYAML's safe loader is extended to remember the line of every mapping key, so that each error
can point at the exact line and field.  Duplicate keys, which PyYAML silently collapses, are
errors here.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any, ClassVar

import yaml

from netraven_core.errors import InventoryError
from netraven_core.hookspecs import hookimpl
from netraven_core.inventory.records import InventoryBuilder, RawRecord, close_matches
from netraven_core.models import Inventory

from ._source import RegistryBackedSource

TOP_LEVEL_KEYS = ("version", "defaults", "credentials", "devices")


class LineDict(dict):
    """A mapping that knows its own line and the line of each key (1-based)."""

    line: int = 0
    key_lines: dict[Any, int]


class _DuplicateKey(yaml.MarkedYAMLError):
    pass


class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml when available
    pass


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode):
    data = LineDict()
    data.line = node.start_mark.line + 1
    data.key_lines = {}
    yield data
    loader.flatten_mapping(node)  # resolves YAML merge keys (<<: *anchor)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            raise _DuplicateKey(None, None, "a mapping key must be a plain value",
                                key_node.start_mark) from None
        if key in data.key_lines and key_node.start_mark.line + 1 != data.key_lines[key]:
            raise _DuplicateKey(None, None, f"duplicate key {key!r} (first at line {data.key_lines[key]})",
                                key_node.start_mark)
        data[key] = loader.construct_object(value_node, deep=True)
        data.key_lines[key] = key_node.start_mark.line + 1


_LineLoader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)


# Aliases may repeat what the file already holds (anchored defaults merged into every device)
# but not multiply it: ten extra values per value written, plus a fixed allowance.  An "alias
# bomb" (a few lines of nested aliases expanding to millions of values) is refused before it is
# constructed, instead of keeping the process busy expanding it.
ALIAS_ALLOWANCE = 200_000
ALIAS_FACTOR = 10


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def _alias_problem(root: yaml.Node) -> str | None:
    """Why the composed document expands too far through its aliases, or ``None``.

    Sizes are memoised per node, so the check costs one visit of each node as written.
    """
    sizes: dict[int, int] = {}
    on_path: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, finished = stack.pop()
        key = id(node)
        if finished:
            on_path.discard(key)
            sizes[key] = 1 + sum(sizes[id(child)] for child in _children(node))
            continue
        if key in sizes:
            continue
        if key in on_path:
            return "the document is too large: a YAML alias refers to itself (endless expansion)"
        on_path.add(key)
        stack.append((node, True))
        stack.extend((child, False) for child in _children(node) if id(child) not in sizes)
    written = len(sizes)
    limit = written + max(ALIAS_ALLOWANCE, ALIAS_FACTOR * written)
    if sizes[id(root)] > limit:
        return (f"the document is too large once YAML aliases are expanded ({written} values written, "
                f"more than {limit} with aliases)")
    return None


def _load(text: str) -> Any:
    """``yaml.load`` with the alias check between composing and constructing."""
    loader = _LineLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        problem = _alias_problem(node)
        if problem is not None:
            raise yaml.YAMLError(problem)
        return loader.construct_document(node)
    finally:
        loader.dispose()


def _record(kind: str, index: int, item: Any, fallback_line: int) -> RawRecord | None:
    if not isinstance(item, LineDict):
        return None
    return RawRecord(kind, index, item.line, dict(item), dict(item.key_lines))


def parse_yaml(text: str, source: str, builder: InventoryBuilder) -> None:
    """Feed the records of a YAML inventory document into ``builder``."""
    problem: tuple[str, int | None] | None = None
    try:
        doc = _load(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = (f"YAML syntax error: {exc.problem or 'invalid YAML'}", mark.line + 1 if mark else None)
    except yaml.YAMLError as exc:
        problem = (f"YAML error: {exc}", None)
    if problem is not None:  # reported outside the except block: no chained YAML traceback
        builder.error(*problem)
        return
    if doc is None:
        return
    if not isinstance(doc, LineDict):
        builder.error("the inventory must be a mapping with 'devices' (and 'credentials')", 1)
        return
    for key in doc:
        if key not in TOP_LEVEL_KEYS:
            builder.error(f"unknown top-level key {key!r}{close_matches(str(key), TOP_LEVEL_KEYS)}"
                          f" (allowed: {', '.join(TOP_LEVEL_KEYS)})", doc.key_lines.get(key), str(key))
    version = doc.get("version", 1)
    if version != 1:
        builder.error(f"unsupported inventory version {version!r} (only 1)", doc.key_lines.get("version"),
                      "version")
    defaults = doc.get("defaults")
    if defaults is not None:
        if isinstance(defaults, LineDict):
            builder.set_defaults(RawRecord("defaults", 0, defaults.line, dict(defaults),
                                           dict(defaults.key_lines)))
        else:
            builder.error("must be a mapping", doc.key_lines.get("defaults"), "defaults")
    for kind, add in (("credentials", builder.add_credential), ("devices", builder.add_device)):
        items = doc.get(kind)
        if items is None:
            continue
        key_line = doc.key_lines.get(kind)
        if not isinstance(items, list):
            builder.error(f"must be a list of mappings, not {type(items).__name__}", key_line, kind)
            continue
        for index, item in enumerate(items):
            rec = _record(kind, index, item, key_line or 0)
            if rec is None:
                builder.error("each entry must be a mapping of fields", key_line, f"{kind}[{index}]")
                continue
            add(rec)


class YamlInventorySource(RegistryBackedSource):
    """Reads an inventory from a YAML file.

    :param registry: platforms and drivers to validate against (default: a fresh
        :class:`netraven_core.plugins.Registry`).
    """

    name: ClassVar[str] = "yaml"
    suffixes: ClassVar[tuple[str, ...]] = (".yaml", ".yml")

    def load(self, location: str) -> Inventory:
        """Load and validate ``location``; raise the first problem as :class:`InventoryError`."""
        path = Path(location)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InventoryError(f"cannot read inventory: {getattr(exc, 'strerror', None) or exc}",
                                 source=str(location)) from None
        inventory, _errors = self.parse_text(text, str(location), lenient=False, base_dir=str(path.parent),
                                             env=os.environ)
        return inventory

    def parse_text(self, text: str, source_name: str, *, lenient: bool = True, base_dir: str | None = None,
                   env: Mapping[str, str] | None = None) -> tuple[Inventory, list[InventoryError]]:
        """Parse YAML text; in lenient mode keep the valid records and return every problem.

        Without ``base_dir`` key files are refused, without ``env`` ``${VAR}`` references are.
        """
        builder = InventoryBuilder(source_name, self.registry, lenient=lenient, base_dir=base_dir, env=env)
        parse_yaml(text, source_name, builder)
        return builder.build(), builder.errors


@hookimpl
def netraven_inventory_sources() -> list[type]:
    return [YamlInventorySource]
