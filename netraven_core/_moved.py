"""Old module paths of modules that moved into subpackages, kept importable.

``import netraven_core.redact`` gives the very module ``netraven_core.configtext.redact`` (the
same object, so monkeypatching and private names behave as before).  The old paths are served
by an import hook rather than re-export files on purpose: a file left at the old path would make
git see an edit instead of a rename, and edits other branches make to the old file would then
conflict instead of following the move.
"""

from __future__ import annotations

import importlib
import importlib.machinery
import sys
from types import ModuleType

# old dotted name -> new dotted name
MOVED: dict[str, str] = {
    "netraven_core.inventory_fields": "netraven_core.inventory.fields",
    "netraven_core.inventory_records": "netraven_core.inventory.records",
    "netraven_core.attempt": "netraven_core.engine.attempt",
    "netraven_core.classify": "netraven_core.engine.classify",
    "netraven_core.device_run": "netraven_core.engine.device_run",
    "netraven_core.events": "netraven_core.engine.events",
    "netraven_core.hostkeys": "netraven_core.engine.hostkeys",
    "netraven_core.storebatch": "netraven_core.engine.storebatch",
    "netraven_core.changes": "netraven_core.configtext.changes",
    "netraven_core.cleaning": "netraven_core.configtext.cleaning",
    "netraven_core.normalize": "netraven_core.configtext.normalize",
    "netraven_core.redact": "netraven_core.configtext.redact",
    "netraven_core._redact_engine": "netraven_core.configtext._redact_engine",
    "netraven_core._triggers": "netraven_core.configtext._triggers",
}


class MovedModuleFinder:
    """Answers an old name with the module at its new name (a meta path finder and its loader;
    not derived from importlib.abc, whose import costs more than all of this)."""

    def find_spec(self, fullname: str, path: object = None,
                  target: object = None) -> importlib.machinery.ModuleSpec | None:
        if fullname not in MOVED:
            return None
        return importlib.machinery.ModuleSpec(fullname, self)

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType:
        module = importlib.import_module(MOVED[spec.name])
        # The import system stamps the old name's spec on the module; exec_module restores this.
        spec.loader_state = module.__spec__
        return module

    def exec_module(self, module: ModuleType) -> None:
        stamped = module.__spec__
        if stamped is not None and stamped.loader_state is not None:
            module.__spec__ = stamped.loader_state


def install() -> None:
    if not any(isinstance(finder, MovedModuleFinder) for finder in sys.meta_path):
        sys.meta_path.insert(0, MovedModuleFinder())
