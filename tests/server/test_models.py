"""The model layer and the baseline migration agree, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from netraven_server.db import Database, current_revision, head_revision, upgrade
from netraven_server.db.migrate import alembic_config
from netraven_server.db.models import (
    Base,
    ConfigVersion,
    Credential,
    Device,
    Job,
    LogEntry,
    Run,
    RunResult,
    Tag,
    User,
)


def test_migrations_match_models(db_url):
    db = Database(db_url)
    try:
        with db.engine.connect() as conn:
            ctx = MigrationContext.configure(conn, opts={"compare_type": True})
            assert compare_metadata(ctx, Base.metadata) == []
        assert current_revision(db_url) == head_revision()
    finally:
        db.dispose()


def test_downgrade_and_upgrade_again(db_url):
    command.downgrade(alembic_config(db_url), "base")
    assert current_revision(db_url) is None
    assert upgrade(db_url) == head_revision()


def test_round_trip_and_cascades(db_url):
    db = Database(db_url)
    try:
        with db.session() as s:
            core, lab = Tag(name="core"), Tag(name="lab")
            dev = Device(hostname="sw1", host="10.0.0.1", platform="cisco_ios", tags=[core, lab])
            s.add_all([dev, Credential(name="c", username="u", tags=[core])])
            s.flush()
            job = Job(name="nightly", schedule_type="interval", interval_seconds=3600, tags=[core])
            s.add(job)
            s.flush()
            run = Run(job_id=job.id, job_name=job.name, status="running")
            s.add(run)
            s.flush()
            job.last_run_id = run.id
            ver = ConfigVersion(device_id=dev.id, hostname="sw1", storage_ref="abc", content_hash="0" * 64,
                                size=10, run_id=run.id)
            s.add(ver)
            s.flush()
            s.add(RunResult(run_id=run.id, device_id=dev.id, hostname="sw1", status="success",
                            config_version_id=ver.id))
            s.add(LogEntry(run_id=run.id, device_id=dev.id, type="job", message="hello"))
            s.add(User(username="admin", password_hash="x", role="admin"))
        with db.session(readonly=True) as s:
            dev = s.scalars(select(Device)).one()
            assert dev.tag_names == ["core", "lab"]
            assert dev.created_at.tzinfo is UTC
            assert dev.created_at <= datetime.now(UTC)
            assert s.scalars(select(Job)).one().last_run_id is not None
        with db.session() as s:
            s.delete(s.scalars(select(Device)).one())
        with db.session(readonly=True) as s:
            assert s.scalars(select(ConfigVersion)).all() == []  # cascade
            result = s.scalars(select(RunResult)).one()
            assert result.device_id is None and result.hostname == "sw1"  # history kept
        with db.session() as s:
            s.delete(s.scalars(select(Run)).one())
        with db.session(readonly=True) as s:
            assert s.scalars(select(Job)).one().last_run_id is None
            assert s.scalars(select(LogEntry)).all() == []
    finally:
        db.dispose()


def test_unique_result_per_run_and_device(db_url):
    db = Database(db_url)
    try:
        with db.session() as s:
            dev = Device(hostname="sw1", host="10.0.0.1", platform="cisco_ios")
            run = Run()
            s.add_all([dev, run])
            s.flush()
            s.add(RunResult(run_id=run.id, device_id=dev.id, hostname="sw1"))
        with pytest.raises(IntegrityError), db.session() as s:
            run_id = s.scalars(select(Run.id)).one()
            dev_id = s.scalars(select(Device.id)).one()
            s.add(RunResult(run_id=run_id, device_id=dev_id, hostname="sw1"))
    finally:
        db.dispose()
