"""Seeding configuration versions the way the task engine does: git storage save + DB index."""

from __future__ import annotations

from netraven_core.models import ConfigToStore
from netraven_server.services import configs as config_service


def store_versions(app, hostname_to_texts: dict[str, list[str]]) -> dict[str, list[int]]:
    """Save each text in order as a new version of its device; returns the version ids."""
    from sqlalchemy import select

    from netraven_server.db.models import Device

    state = app.extensions["netraven"]
    storage = state.storage
    ids: dict[str, list[int]] = {h: [] for h in hostname_to_texts}
    rounds = max(len(v) for v in hostname_to_texts.values())
    for i in range(rounds):
        batch = [ConfigToStore(hostname=h, text=texts[i]) for h, texts in hostname_to_texts.items()
                 if i < len(texts)]
        infos = storage.save(batch, run_id=None, message=f"round {i}")
        with state.db.session() as s:
            rows = s.scalars(select(Device).where(Device.hostname.in_(list(infos))))
            devices = {d.hostname: d.id for d in rows}
            versions = config_service.record_versions(s, infos, devices, backend="git")
            for hostname, version in versions.items():
                ids[hostname].append(version.id)
    return ids
