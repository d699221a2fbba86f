"""Small read helpers over the configuration index used by several pages."""

from __future__ import annotations

from sqlalchemy import select

from ..db.models import ConfigVersion


def previous_ids(session, versions) -> dict[int, int | None]:
    """For each version, the id of the same device's version before it (``None`` for the first)."""
    out: dict[int, int | None] = {}
    for v in versions:
        out[v.id] = session.scalar(select(ConfigVersion.id).where(ConfigVersion.device_id == v.device_id,
                                                                  ConfigVersion.id < v.id)
                                   .order_by(ConfigVersion.id.desc()).limit(1))
    return out


def recent_changes(session, limit: int = 10) -> list[ConfigVersion]:
    """The latest versions that changed something (the first version of a device counts)."""
    return list(session.scalars(select(ConfigVersion)
                                .where((ConfigVersion.lines_added + ConfigVersion.lines_removed) > 0)
                                .order_by(ConfigVersion.id.desc()).limit(limit)))
