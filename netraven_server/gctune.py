"""Garbage-collector settings for the long-running processes (API server, task consumer).

A full collection walks every tracked object, and after start-up the interpreter holds a few
hundred thousand of them (SQLAlchemy's mappers, marshmallow schemas, Flask's routes, plugins)
that live as long as the process: every oldest-generation pass re-walks them for nothing, tens
of milliseconds with the GIL held, which showed as the API's p99 under concurrent readers and
as CPU per device in the consumer.  :func:`settle` collects once, moves the survivors out of the
collector's sight (``gc.freeze``) and makes young collections rarer (a request or a device
result allocates thousands of short-lived objects; the default threshold of 700 collected
several times per request).  Reference cycles are still collected; memory stays bounded.
"""

from __future__ import annotations

import gc

YOUNG_THRESHOLD = 20_000  # allocations between two young collections (Python's default: 700)


def settle() -> None:
    """Call once start-up is done, before serving requests or consuming tasks."""
    gc.collect()
    gc.freeze()
    _young, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_THRESHOLD, middle, old)
