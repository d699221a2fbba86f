"""The backup engine: fetch every device concurrently, clean, compare, store, notify.

:mod:`.run` drives a whole run (:func:`run_backup`) or one device (:func:`backup_device`);
:mod:`.device_run` is one device's way through it, :mod:`.attempt` the fetching rules
(credential fallback, retries, the hard time limit), :mod:`.classify` the error categories,
:mod:`.hostkeys` the SSH host-key stores, :mod:`.storebatch` batched storage writes and
:mod:`.events` notifier delivery.
"""

from .attempt import AttemptPolicy
from .device_run import redactor_for
from .run import backup_device, new_run_id, run_backup, run_sync, summarize

__all__ = ["AttemptPolicy", "backup_device", "new_run_id", "redactor_for", "run_backup", "run_sync",
           "summarize"]
