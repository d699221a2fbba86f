"""Per-device version numbers (1, 2, 3... in the order versions were indexed) and neighbours.

Numbers are computed, not stored: a device's versions are only ever added (a purge removes the
device with all of them), so "how many of this device's versions have an id up to this one" is
stable, and no insert path has to keep a counter right.  Version ids come from an AUTOINCREMENT
or a sequence and grow with arrival, the order the history shows.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from ..db.models import ConfigVersion


def numbered(session: Session, versions: Iterable[ConfigVersion]) -> list[ConfigVersion]:
    """Set ``number`` (1 = the device's first version) on each version; one query for all."""
    versions = [v for v in versions if v is not None]
    ids = {v.id for v in versions if getattr(v, "number", None) is None}
    if ids:
        earlier = aliased(ConfigVersion)
        count = (select(func.count()).where(earlier.device_id == ConfigVersion.device_id,
                                            earlier.id <= ConfigVersion.id)
                 .correlate(ConfigVersion).scalar_subquery())
        found = dict(session.execute(select(ConfigVersion.id, count).where(ConfigVersion.id.in_(ids))).all())
        for v in versions:
            if v.id in found:
                v.number = found[v.id]
    return versions


def device_version_count(session: Session, device_id: int) -> int:
    return session.scalar(select(func.count()).where(ConfigVersion.device_id == device_id)) or 0


def neighbours(session: Session, version: ConfigVersion) -> tuple[ConfigVersion | None, ConfigVersion | None]:
    """The same device's version before and after ``version`` (``None`` at either end)."""
    same = ConfigVersion.device_id == version.device_id
    prev = session.scalar(select(ConfigVersion).where(same, ConfigVersion.id < version.id)
                          .order_by(ConfigVersion.id.desc()).limit(1))
    nxt = session.scalar(select(ConfigVersion).where(same, ConfigVersion.id > version.id)
                         .order_by(ConfigVersion.id).limit(1))
    numbered(session, [version, prev, nxt])
    return prev, nxt
