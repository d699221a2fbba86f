"""Inventories: the devices and credentials to back up, read by inventory source plugins.

:mod:`.loading` picks the source plugin for a file and loads it; :mod:`.records` and
:mod:`.fields` are the validation every file-based source shares (one record -> a
:class:`~netraven_core.models.Device`, errors naming file, line and field).
"""

from .loading import load_inventory, parse_inventory_text, source_for

__all__ = ["load_inventory", "parse_inventory_text", "source_for"]
