"""The backup engine: fetch every device concurrently, clean, compare, store, notify.

:mod:`.run` drives a whole run (:func:`run_backup`) or one device (:func:`backup_device`);
:mod:`.device_run` is one device's way through it, :mod:`.attempt` the fetching rules
(credential fallback, retries, the hard time limit), :mod:`.classify` the error categories,
:mod:`.hostkeys` the SSH host-key stores, :mod:`.storebatch` batched storage writes and
:mod:`.events` notifier delivery.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._lazy import lazy_exports

# public name -> submodule; imported on first use, so that a driver importing
# netraven_core.engine.classify does not load the whole engine (asyncio, the cleaning pool...).
_EXPORTS = {"AttemptPolicy": ".attempt", "redactor_for": ".device_run",
            **dict.fromkeys(("backup_device", "new_run_id", "run_backup", "run_sync", "summarize"), ".run")}

__all__ = sorted(_EXPORTS)
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS, globals())


if TYPE_CHECKING:  # what __getattr__ gives, for type checkers and editors
    from .attempt import AttemptPolicy  # noqa: F401
    from .device_run import redactor_for  # noqa: F401
    from .run import backup_device, new_run_id, run_backup, run_sync, summarize  # noqa: F401
