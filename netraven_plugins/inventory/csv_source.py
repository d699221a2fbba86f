"""The CSV inventory source (``.csv``), format documented in ``docs/inventory.md``.

A devices file has a header row naming its columns (``hostname`` and ``platform`` required;
``host``, ``port``, ``tags``, ``driver`` optional; ``vars.NAME`` columns become device vars).
Credentials live in a sibling file named ``<stem>.credentials.csv`` (``devices.csv`` ->
``devices.credentials.csv``), loaded when present.  In a text import the header decides: a
``username`` column means credentials, otherwise devices.  Tags are separated by ``;``, ``,`` or
spaces.
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, ClassVar

from netraven_core.errors import InventoryError
from netraven_core.hookspecs import hookimpl
from netraven_core.inventory.records import (
    CREDENTIAL_FIELDS,
    DEVICE_FIELDS,
    InventoryBuilder,
    RawRecord,
    close_matches,
)
from netraven_core.models import Inventory

from ._source import RegistryBackedSource

CREDENTIALS_SUFFIX = ".credentials.csv"
_INT_COLUMNS = frozenset({"port", "priority"})
_TAG_SPLIT = re.compile(r"[;,\s]+")


def credentials_path(devices_path: Path) -> Path:
    """Where the credentials belonging to a devices CSV live."""
    return devices_path.with_name(devices_path.name[: -len(devices_path.suffix)] + CREDENTIALS_SUFFIX)


def _cell(column: str, raw: str) -> Any:
    value = raw.strip()
    if value == "":
        return None
    if column == "tags":
        return [t for t in _TAG_SPLIT.split(value) if t]
    if column in _INT_COLUMNS and re.fullmatch(r"[+-]?\d+", value):
        return int(value)
    return value  # anything else stays a string; the builder reports a bad integer


def parse_csv(text: str, builder: InventoryBuilder, kind: str | None = None) -> None:
    """Feed the rows of one CSV document into ``builder``.

    :param kind: ``"devices"`` or ``"credentials"``; ``None`` decides from the header.
    """
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    try:
        header = next(reader)
    except StopIteration:
        return
    except csv.Error as exc:
        builder.error(f"CSV syntax error: {exc}", reader.line_num)
        return
    columns = [c.strip().lower() for c in header]
    if kind is None:
        kind = "credentials" if "username" in columns else "devices"
    allowed = CREDENTIAL_FIELDS if kind == "credentials" else DEVICE_FIELDS
    bad_header = False
    for column in columns:
        if kind == "devices" and column.startswith("vars.") and len(column) > 5:
            continue
        if column not in allowed or column == "vars" or columns.count(column) > 1:
            why = "duplicate" if columns.count(column) > 1 else "unknown"
            builder.error(f"{why} column {column!r}{close_matches(column, allowed)} "
                          f"(allowed: {', '.join(c for c in allowed if c != 'vars')}"
                          f"{', vars.NAME' if kind == 'devices' else ''})", 1, column)
            bad_header = True
    if bad_header:
        return
    add = builder.add_credential if kind == "credentials" else builder.add_device
    index = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            builder.error(f"CSV syntax error: {exc}", reader.line_num)
            break
        if not any(cell.strip() for cell in row):
            continue  # blank line
        line = reader.line_num
        if len(row) > len(columns):
            builder.error(f"row has {len(row)} cells but the header has {len(columns)}", line,
                          f"{kind}[{index}]")
            index += 1
            continue
        values: dict[str, Any] = {}
        device_vars: dict[str, str] = {}
        for column, raw in zip(columns, row, strict=False):
            value = _cell(column, raw)
            if value is None:
                continue
            if column.startswith("vars."):
                device_vars[column[5:]] = value
            else:
                values[column] = value
        if device_vars:
            values["vars"] = device_vars
        add(RawRecord(kind, index, line, values, dict.fromkeys(values, line)))
        index += 1


class CsvInventorySource(RegistryBackedSource):
    """Reads devices (and a sibling credentials file) from CSV.

    :param registry: platforms and drivers to validate against (default: a fresh
        :class:`netraven_core.plugins.Registry`).
    """

    name: ClassVar[str] = "csv"
    suffixes: ClassVar[tuple[str, ...]] = (".csv",)

    def load(self, location: str) -> Inventory:
        """Load ``location`` and its ``.credentials.csv`` sibling; raise the first problem."""
        path = Path(location)
        files = [(path, "devices")]
        if path.name.endswith(CREDENTIALS_SUFFIX):
            files = [(path, "credentials")]
        elif credentials_path(path).exists():
            files.insert(0, (credentials_path(path), "credentials"))
        credentials: tuple = ()
        devices: tuple = ()
        for file, kind in files:
            try:
                text = file.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise InventoryError(f"cannot read inventory: {getattr(exc, 'strerror', None) or exc}",
                                     source=str(file)) from None
            builder = InventoryBuilder(str(file), self.registry, lenient=False, base_dir=file.parent,
                                       env=os.environ)
            parse_csv(text, builder, kind)
            part = builder.build()
            credentials += part.credentials
            devices += part.devices
        return Inventory(devices=devices, credentials=credentials)

    def parse_text(self, text: str, source_name: str, *, lenient: bool = True, base_dir: str | None = None,
                   env: Mapping[str, str] | None = None) -> tuple[Inventory, list[InventoryError]]:
        """Parse one CSV document (devices, or credentials if it has a ``username`` column).

        Without ``base_dir`` key files are refused, without ``env`` ``${VAR}`` references are.
        """
        builder = InventoryBuilder(source_name, self.registry, lenient=lenient, base_dir=base_dir, env=env)
        parse_csv(text, builder)
        return builder.build(), builder.errors


@hookimpl
def netraven_inventory_sources() -> list[type]:
    return [CsvInventorySource]
