"""When a rule started failing and when it was fixed, over a device's versions in order.

A failure *episode* begins at the first version that fails a rule after one that passed (or the
first version of all) and ends at the next version that passes it; an open episode has no end.
The server keeps episodes per device x rule; this is the same arithmetic for a history read
from storage (a rule added later is evaluated over the versions already stored).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Episode:
    started: str  # the version that first failed
    fixed: str | None = None  # the version that passed again; None while it still fails


def episodes(outcomes: Iterable[tuple[str, bool]]) -> list[Episode]:
    """Failure episodes of ``(version, passed)`` pairs, oldest version first."""
    found: list[Episode] = []
    open_since: str | None = None
    for version, passed in outcomes:
        if not passed and open_since is None:
            open_since = version
        elif passed and open_since is not None:
            found.append(Episode(open_since, version))
            open_since = None
    if open_since is not None:
        found.append(Episode(open_since))
    return found
