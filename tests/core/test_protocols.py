"""Optional plugin capabilities are declared protocols, and the built-ins have the ones they claim."""

from __future__ import annotations

from typing import ClassVar

import pytest

from netraven_core import (
    Inventory,
    InventoryError,
    JsonHostKeyStore,
    MemoryHostKeyStore,
    Registry,
    get_plugin_manager,
    hookimpl,
    parse_inventory_text,
)
from netraven_core.protocols import (
    DeferringHostKeyStore,
    HostKeyStore,
    InventorySource,
    Storage,
    TextParsingInventorySource,
    VersionLookupStorage,
)
from netraven_plugins.inventory.csv_source import CsvInventorySource
from netraven_plugins.inventory.yaml_source import YamlInventorySource
from netraven_plugins.storage.filesystem import FilesystemStorage
from netraven_plugins.storage.git import GitStorage


@pytest.mark.parametrize("cls", [YamlInventorySource, CsvInventorySource])
def test_builtin_inventory_sources_parse_text(cls):
    source = cls()
    assert isinstance(source, InventorySource) and isinstance(source, TextParsingInventorySource)


def test_the_json_store_defers_writes_and_the_memory_store_need_not(tmp_path):
    json_store, memory = JsonHostKeyStore(tmp_path / "k.json"), MemoryHostKeyStore()
    assert isinstance(json_store, HostKeyStore) and isinstance(json_store, DeferringHostKeyStore)
    assert isinstance(memory, HostKeyStore) and not isinstance(memory, DeferringHostKeyStore)


@pytest.mark.parametrize("cls", [GitStorage, FilesystemStorage])
def test_builtin_storage_looks_up_versions(cls, tmp_path):
    store = cls(str(tmp_path / "store"))
    assert isinstance(store, Storage) and isinstance(store, VersionLookupStorage)


class FileOnlySource:
    name: ClassVar[str] = "fileonly"
    suffixes: ClassVar[tuple[str, ...]] = (".fileonly",)

    def load(self, location: str) -> Inventory:
        return Inventory()


class FileOnlyPlugin:
    @hookimpl
    def netraven_inventory_sources(self):
        return [FileOnlySource]


def test_a_source_without_parse_text_is_refused_with_a_clear_error():
    registry = Registry(get_plugin_manager(load_entrypoints=False, extra_plugins=[FileOnlyPlugin()]))
    with pytest.raises(InventoryError, match="'fileonly' inventory source cannot parse text") as info:
        parse_inventory_text("x", "fileonly", "upload.fileonly", registry)
    assert info.value.source == "upload.fileonly"
