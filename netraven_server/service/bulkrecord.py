"""Recording many device outcomes of one run in one transaction, with a handful of statements.

:func:`~netraven_server.service.lifecycle.record_result` reads the result row, the device and
the credential and flushes the new version row for each device: a dozen statements per device,
which made the database the bottleneck of a fast run.  Here the rows, devices and credentials of
a whole flush are read with one query each, the new versions are inserted together, and the
outcome is applied by the same :func:`~netraven_server.service.lifecycle.apply_outcome`.  The
log lines (two or more per device) are inserted as rows in one executemany: as ORM objects they
cost the unit of work more than the result rows themselves.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from ..clock import utcnow
from ..db.models import Credential, Device, LogEntry, Run, RunResult
from ..jobtypes.base import DeviceOutcome
from .lifecycle import apply_outcome, claim_holds


def record_results(session: Session, run_id: int, token: str,
                   items: Sequence[tuple[int, DeviceOutcome]]) -> list[tuple[RunResult, DeviceOutcome]]:
    """Write the outcomes whose claim (``token``) still holds; returns the rows written."""
    ids = [device_id for device_id, _ in items]
    rows = {r.device_id: r for r in session.scalars(
        select(RunResult).where(RunResult.run_id == run_id, RunResult.device_id.in_(ids)).with_for_update())}
    devices = {d.id: d for d in session.scalars(select(Device).where(Device.id.in_(ids)))}
    names = {o.credential_name for _, o in items if o.credential_name}
    creds = {c.name: c for c in session.scalars(select(Credential).where(Credential.name.in_(names)))} \
        if names else {}
    run = session.get(Run, run_id)
    now = utcnow()
    written, versions, logs = [], [], []
    for device_id, outcome in items:
        row = rows.get(device_id)
        if not claim_holds(row, token, run_id, device_id):
            continue
        version = apply_outcome(session, run, row, devices.get(device_id),
                                creds.get(outcome.credential_name or ""), outcome, now, logs)
        if version is not None:
            versions.append((row, version))
        written.append((row, outcome))
    if logs:
        session.execute(insert(LogEntry), logs)
    if versions:
        session.flush()  # one insert of every new version row
        for row, version in versions:
            row.config_version_id = version.id
    return written
