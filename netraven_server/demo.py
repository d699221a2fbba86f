"""``netraven server --demo``: a working installation out of nothing.

On a fresh data directory it starts simulated devices of mixed platforms (in this process),
registers them with tags and a credential, creates the ``admin`` account with a random password
(printed once), creates an interval backup job and a reachability job, and starts the first
backup at once.  On later starts it only brings the simulated devices back (same ports, same
host key, so the remembered host keys still match).
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING

import click
from sqlalchemy import func, select

from .db.models import Job, Tag, User
from .demo_inventory import register_simulator
from .service.runtime import Runtime
from .service.scheduler import refresh_next_run, start_manual_run
from .services import users
from .services.context import SYSTEM

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from netraven_core.simulator import SimulatorThread

    from .config import Settings

DEMO_DEVICES = 13  # the first platforms of the catalogue, round-robin
DEMO_TAG = "demo"
BACKUP_JOB = "demo-backup"
BACKUP_INTERVAL = 900


@dataclass
class DemoInfo:
    simulator: SimulatorThread
    admin_password: str | None
    first_run_id: int | None


def _base_port() -> int:
    return int(os.environ.get("NETRAVEN_DEMO_BASE_PORT") or 23000)


def start_simulator(settings: Settings, count: int = DEMO_DEVICES) -> SimulatorThread:
    from netraven_core.simulator import SimulatorThread

    demo_dir = settings.data_dir / "demo"
    demo_dir.mkdir(parents=True, exist_ok=True)
    sim = SimulatorThread(count=count, base_port=_base_port(), host_key_path=demo_dir / "host_key")
    try:
        sim.start()
    except OSError as exc:
        raise click.ClickException(
            f"cannot start the simulated devices on ports {_base_port()}-{_base_port() + count - 1}: {exc} "
            "(set NETRAVEN_DEMO_BASE_PORT to use other ports)") from None
    return sim


def _create_jobs(session: Session) -> int:
    tag = session.scalars(select(Tag).where(Tag.name == DEMO_TAG)).one()
    backup = Job(name=BACKUP_JOB, description="Back up the simulated devices every 15 minutes",
                 job_type="backup", schedule_type="interval", interval_seconds=BACKUP_INTERVAL, tags=[tag],
                 options={"timeout": 60, "retries": 2}, created_by="demo")
    reach = Job(name="demo-reachability", description="Check the simulated devices answer on SSH",
                job_type="reachability", schedule_type="interval", interval_seconds=300, tags=[tag],
                options={"timeout": 5}, created_by="demo")
    session.add_all([backup, reach])
    session.flush()

    # The first backup is started right away (below) rather than by the scheduler's next tick:
    # mark the creation slot as taken so the two do not overlap.
    for job in (backup, reach):
        job.last_slot_at = job.created_at
        refresh_next_run(job)
    return backup.id


def setup(rt: Runtime, settings: Settings) -> DemoInfo:
    """Start the simulator; on a fresh database also seed it.  Returns what to tell the user."""

    sim = start_simulator(settings)
    password = None
    run_id = None
    with rt.db.session() as s:
        fresh = (s.scalar(select(func.count()).select_from(User)) or 0) == 0
    register_simulator(rt, sim, tags=(DEMO_TAG,))
    if fresh:
        password = secrets.token_urlsafe(12)
        with rt.db.session() as s:
            users.create_user(s, {"username": "admin", "password": password, "role": "admin"}, SYSTEM)
            job_id = _create_jobs(s)
        run_id = start_manual_run(rt, job_id, requested_by="demo")
    return DemoInfo(sim, password, run_id)


def announce(info: DemoInfo, url: str) -> None:
    sim = info.simulator
    click.echo("")
    click.echo(f"NetRaven demo: {url}")
    if info.admin_password:
        click.echo(f"  log in as admin / {info.admin_password}   (shown only this once; change it)")
    else:
        click.echo("  existing data directory: log in with the account created on the first start")
    devices = sim.devices
    platforms = sorted({d.platform for d in devices})
    click.echo(f"  {len(devices)} simulated devices ({', '.join(platforms)}) on 127.0.0.1:"
               f"{devices[0].port}-{devices[-1].port}, tag '{DEMO_TAG}'")
    if info.first_run_id:
        click.echo(f"  first backup started: run {info.first_run_id} ({url.rstrip('/')}/api/runs/"
                   f"{info.first_run_id}); then every {BACKUP_INTERVAL // 60} minutes")
    click.echo(f"  API docs: {url.rstrip('/')}/api/docs    metrics: {url.rstrip('/')}/metrics")
    click.echo("")
