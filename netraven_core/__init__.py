"""NetRaven core library: inventory, plugins, the backup engine, redaction and change detection.

The core imports no web framework, task queue or ORM; the server builds on it.
"""

from . import _moved
from .errors import ErrorCategory, FetchError, InventoryError, NetRavenError, PluginError, StorageError
from .hookspecs import hookimpl
from .models import (
    BackupRun,
    ConfigToStore,
    ConnectionTarget,
    Credential,
    Device,
    DeviceResult,
    DeviceStatus,
    EnableSpec,
    Event,
    EventType,
    FetchOutput,
    HostKeyMode,
    Inventory,
    Platform,
    RedactionRule,
    RunSummary,
    Section,
    Transport,
    VersionInfo,
)
from .plugins import DEFAULT_PLUGINS, Registry, get_plugin_manager

_moved.install()  # old module paths (netraven_core.redact...) keep working

__version__ = "0.1.0"

__all__ = [
    "DEFAULT_PLUGINS",
    "BackupRun",
    "ConfigToStore",
    "ConnectionTarget",
    "Credential",
    "Device",
    "DeviceResult",
    "DeviceStatus",
    "EnableSpec",
    "ErrorCategory",
    "Event",
    "EventType",
    "FetchError",
    "FetchOutput",
    "HostKeyMode",
    "Inventory",
    "InventoryError",
    "NetRavenError",
    "Platform",
    "PluginError",
    "RedactionRule",
    "Registry",
    "RunSummary",
    "Section",
    "StorageError",
    "Transport",
    "VersionInfo",
    "get_plugin_manager",
    "hookimpl",
]
