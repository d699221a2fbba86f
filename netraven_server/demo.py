"""``netraven server --demo``: a working installation out of nothing.

On a fresh data directory it starts simulated devices of mixed platforms (in this process),
registers them with tags and a credential, creates the ``admin`` account with a random password
(printed once), creates an interval backup job, a reachability job and a ``log`` notifier of
configuration changes, and starts the first backup at once.  On later starts it only brings the
simulated devices back (same ports, same host key, so the remembered host keys still match).

Every other simulated device drifts (``NETRAVEN_DEMO_DRIFT_INTERVAL`` seconds per step, default
120, ``0``: never): the backup every three minutes then finds real changes, so the dashboard, the
history, the diffs and the notifications have something to show within minutes.
"""

from __future__ import annotations

import logging
import os
import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING

import click
from sqlalchemy import func, select

from .db.models import Job, Tag, User
from .db.models.notify import CONFIG_CHANGED
from .demo_inventory import register_simulator
from .notify import admin as notify_admin
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
BACKUP_INTERVAL = 180  # the first drift step (120 s) is in the second backup, 3 minutes in
DRIFT_INTERVAL = 120
NOTIFIER = "demo-changes"


@dataclass
class DemoInfo:
    simulator: SimulatorThread
    admin_password: str | None
    first_run_id: int | None
    data_dir: str = ""


def _env_int(name: str, default: int, minimum: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        value = minimum - 1
    if value < minimum:
        raise click.ClickException(f"{name}={raw!r}: expected a whole number of at least {minimum}")
    return value


def _base_port() -> int:
    return _env_int("NETRAVEN_DEMO_BASE_PORT", 23000, 1)


def drift_interval() -> int:
    """Seconds per drift step of the demo's drifting devices (0: they never change)."""
    return _env_int("NETRAVEN_DEMO_DRIFT_INTERVAL", DRIFT_INTERVAL, 0)


def start_simulator(settings: Settings, count: int = DEMO_DEVICES) -> SimulatorThread:
    from netraven_core.simulator import SimulatorThread

    # Both ends of every SSH session live in this process: at INFO asyncssh would log a dozen
    # lines per device and backup, burying the demo's own lines.
    asyncssh_log = logging.getLogger("asyncssh")
    if asyncssh_log.level == logging.NOTSET:
        asyncssh_log.setLevel(logging.WARNING)
    demo_dir = settings.data_dir / "demo"
    demo_dir.mkdir(parents=True, exist_ok=True)
    sim = SimulatorThread(count=count, base_port=_base_port(), host_key_path=demo_dir / "host_key",
                          drift_interval=drift_interval() or None)
    try:
        sim.start()
    except OSError as exc:
        raise click.ClickException(
            f"cannot start the simulated devices on ports {_base_port()}-{_base_port() + count - 1}: {exc} "
            "(set NETRAVEN_DEMO_BASE_PORT to use other ports, e.g. NETRAVEN_DEMO_BASE_PORT=24000 "
            "netraven server --demo)") from None
    return sim


def _create_jobs(session: Session) -> int:
    tag = session.scalars(select(Tag).where(Tag.name == DEMO_TAG)).one()
    backup = Job(name=BACKUP_JOB, description="Back up the simulated devices every 3 minutes",
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
            notify_admin.create_notifier(s, {"name": NOTIFIER, "type": "log", "events": [CONFIG_CHANGED],
                                             "options": {}}, rt.keyring, SYSTEM)
        run_id = start_manual_run(rt, job_id, requested_by="demo")
    return DemoInfo(sim, password, run_id, str(settings.data_dir))


def announce(info: DemoInfo, url: str) -> None:
    sim = info.simulator
    click.echo("")
    click.echo(f"NetRaven demo: {url}")
    if info.admin_password:
        click.echo(f"  log in as admin / {info.admin_password}   (shown only this once; change it)")
    else:
        click.echo("  existing data directory: log in with the account created on the first start")
    click.echo("  lost the password? set a new one with: "
               f"netraven user password admin --data-dir {info.data_dir}")
    devices = sim.devices
    platforms = sorted({d.platform for d in devices})
    click.echo(f"  {len(devices)} simulated devices ({', '.join(platforms)}) on 127.0.0.1:"
               f"{devices[0].port}-{devices[-1].port}, tag '{DEMO_TAG}'")
    drifting = [d.hostname for d in sim.drifting()]
    if drifting:
        click.echo(f"  {', '.join(drifting)} change every {sim.drift.interval:g} s (a description, an ACL "
                   "line, a VLAN): the backups find real changes to diff")
    if info.first_run_id:
        click.echo(f"  first backup started: run {info.first_run_id} ({url.rstrip('/')}/api/runs/"
                   f"{info.first_run_id}); then every {BACKUP_INTERVAL // 60} minutes")
    click.echo(f"  API docs: {url.rstrip('/')}/api/docs    metrics: {url.rstrip('/')}/metrics")
    click.echo("")
