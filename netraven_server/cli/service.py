"""The scheduled service on the command line: ``netraven worker``, and what ``netraven server``
runs beside the API (scheduler, embedded consumer, ``--demo``)."""

from __future__ import annotations

import logging
import signal
import sys
from typing import TYPE_CHECKING

import click

from .options import data_dir_option, database_url_option, settings_from

if TYPE_CHECKING:
    from ..config import Settings

log = logging.getLogger(__name__)


def _prepare(settings: Settings) -> None:
    """Point the queue at the settings and make sure the schema is current."""
    from ..db import current_revision, head_revision, upgrade
    from ..security.crypto import KeyRing
    from ..service.queue import configure
    from .dbcheck import refuse_unsafe_start

    settings.ensure_data_dir()
    refuse_unsafe_start(settings)
    configure(settings)
    if settings.migrate_on_start and current_revision(settings.db_url) != head_revision():
        upgrade(settings.db_url, keyring=lambda: KeyRing.load(settings, create=False))


def log_at_info() -> None:
    """A long-running service says what it does at INFO (start-up lines, runs) unless ``-v`` asked
    for more; the command line's default (warnings only) suits one-shot commands."""
    if not logging.getLogger().handlers or logging.getLogger().level > logging.INFO:
        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s",
                            force=True)
        # Their INFO is a line per task, SSH channel or migration step: noise at a service's INFO.
        for chatty in ("huey", "asyncssh", "alembic.runtime.migration"):
            logging.getLogger(chatty).setLevel(logging.WARNING)


def _sigterm_as_interrupt() -> None:
    # systemd stops services with SIGTERM: leave through the same clean path as Ctrl-C.
    def handler(signum, frame):
        raise KeyboardInterrupt

    if sys.platform != "win32":
        signal.signal(signal.SIGTERM, handler)


def serve_with_service(settings: Settings, host: str, port: int, *, threads: int, workers: int,
                       consumer: bool | None, demo: bool) -> None:
    """``netraven server``: the API and web UI, the scheduler and (embedded default) a consumer."""
    from .. import gctune
    from ..app import create_app
    from ..serve import serve
    from ..service import consumerproc, runtime
    from ..service.workers import EmbeddedService

    log_at_info()
    _prepare(settings)
    embedded = settings.redis_url is None
    with_consumer = embedded if consumer is None else consumer
    # The consumer in a child process (it ticks and runs the periodic tasks there): the API's
    # requests then never wait for the interpreter a run keeps busy.
    child = with_consumer and consumerproc.wanted()
    app = create_app(settings, migrate=False)
    rt = runtime.get()
    receiver = _start_syslog(rt, settings)
    service = EmbeddedService(rt, workers=workers, consumer=with_consumer and not child,
                              ticker=not child).start()
    consumer_process = consumerproc.ConsumerProcess(settings, workers).start() if child else None
    info = None
    try:
        if demo:
            from .. import demo as demo_mod

            info = demo_mod.setup(rt, settings)
            shown = "127.0.0.1" if host in ("0.0.0.0", "::", "") else host  # noqa: S104 - display only
            demo_mod.announce(info, f"http://{shown}:{port}/")
        mode = ("consumer process" if child else "embedded consumer") + f" for {workers} device(s) at once" \
            if with_consumer else "scheduler only (workers elsewhere)"
        click.echo(f"NetRaven serving on http://{host}:{port}/ — queue: {_queue_name()}; {mode}", err=True)
        _sigterm_as_interrupt()
        gctune.settle()
        serve(settings, host, port, threads=threads, app=app)
    except KeyboardInterrupt:
        pass
    finally:
        if consumer_process is not None:
            consumer_process.stop()
        service.stop()
        if receiver is not None:
            receiver.stop()
        if info is not None:
            info.simulator.stop()


def _start_syslog(rt, settings: Settings, listen: str | None = None):
    """The syslog receiver when configured (``NETRAVEN_SYSLOG_LISTEN``), else ``None``; a bad
    address or a port in use stops the start with the reason."""
    listen = listen or settings.syslog_listen
    if not listen:
        return None
    from ..syslog.receiver import SyslogReceiver

    try:
        receiver = SyslogReceiver(rt.db, listen, debounce_seconds=settings.syslog_debounce_seconds).start()
    except (ValueError, OSError) as exc:
        raise click.ClickException(str(exc)) from None
    bound = ", ".join(f"{p}://{h}:{n}" for p, h, n in receiver.bound)
    click.echo(f"syslog receiver on {bound} (backups {settings.syslog_debounce_seconds:g}s after a change)",
               err=True)
    return receiver


def _queue_name() -> str:
    from ..service.queue import describe

    return describe()


@click.command("worker")
@click.option("-w", "--workers", default=4, show_default=True, type=click.IntRange(1, 512),
              help="Worker threads (devices backed up at once by this process).")
@click.option("--data-dir", type=click.Path(file_okay=False), envvar="NETRAVEN_DATA_DIR",
              help="Data directory (SQLite queue/database, keys, configurations). [env: NETRAVEN_DATA_DIR]")
@click.option("--database-url", envvar="NETRAVEN_DATABASE_URL", help="[env: NETRAVEN_DATABASE_URL]")
@click.option("--redis-url", envvar="NETRAVEN_REDIS_URL",
              help="Redis queue shared by the server and all workers. [env: NETRAVEN_REDIS_URL]")
@click.option("--periodic/--no-periodic", default=True, show_default=True,
              help="Also enqueue the periodic tasks (tick, watchdog, stale check); safe on every worker.")
def worker_command(workers, data_dir, database_url, redis_url, periodic) -> None:
    """Run a task consumer: executes runs' device tasks, notifications and periodic checks.

    Start as many as you like, on one or many machines, all pointing at the same database, Redis
    and configuration storage; see docs/deployment.md.
    """
    from .. import gctune
    from ..config import Settings
    from ..service import runtime, tasks
    from ..service.workers import run_worker

    log_at_info()
    settings = Settings.from_env(data_dir=data_dir, database_url=database_url, redis_url=redis_url)
    if not settings.redis_url:
        click.echo(f"note: no Redis configured; using the SQLite queue in {settings.data_dir} "
                   "(workers must share this machine)", err=True)
    _prepare(settings)
    rt = runtime.configure(settings, worker_name=runtime.default_worker_name("worker"))
    tasks.install()
    gctune.settle()
    run_worker(rt, workers, periodic=periodic)


@click.command("server")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--threads", default=8, show_default=True, type=click.IntRange(1, 256))
@data_dir_option
@database_url_option
@click.option("-w", "--workers", default=4, show_default=True, type=click.IntRange(1, 512),
              help="Threads of the embedded task consumer.")
@click.option("--consumer/--no-consumer", default=None,
              help="Run tasks in this process [default: yes with the embedded SQLite queue, no with Redis].")
@click.option("--demo", is_flag=True,
              help="Start 13 simulated devices and set up a demo: admin account, jobs, first backup "
                   "(see README). [env: NETRAVEN_DEMO_BASE_PORT: the devices' first port, default 23000; "
                   "NETRAVEN_DEMO_DRIFT_INTERVAL: seconds between the drifting devices' changes, "
                   "default 120, 0: never]")
def server_command(host, port, threads, data_dir, database_url, workers, consumer, demo) -> None:
    """Serve the API and web UI, schedule jobs and (embedded default) run them, all in one process."""
    serve_with_service(settings_from(data_dir, database_url), host, port, threads=threads, workers=workers,
                       consumer=consumer, demo=demo)



@click.command("syslog")
@click.option("--listen", envvar="NETRAVEN_SYSLOG_LISTEN", required=True, metavar="URL[,URL]",
              help="Where to listen, e.g. udp://0.0.0.0:5514,tcp://0.0.0.0:5514. "
              "[env: NETRAVEN_SYSLOG_LISTEN]")
@click.option("--debounce", type=click.FloatRange(1, 300), envvar="NETRAVEN_SYSLOG_DEBOUNCE",
              help="Seconds from a device's first change message to its backup [default: 10]. "
              "[env: NETRAVEN_SYSLOG_DEBOUNCE]")
@data_dir_option
@database_url_option
@click.option("--redis-url", envvar="NETRAVEN_REDIS_URL",
              help="Redis queue the backups are handed to (workers run them). [env: NETRAVEN_REDIS_URL]")
def syslog_command(listen, debounce, data_dir, database_url, redis_url) -> None:
    """Receive syslog and back up a device soon after it logs a configuration change.

    The same receiver ``netraven server`` runs when NETRAVEN_SYSLOG_LISTEN is set; standalone,
    it hands the backups to the task queue for the workers (see docs/integrations.md).
    """
    import time

    from ..service import runtime, tasks

    if not logging.getLogger().handlers or logging.getLogger().level > logging.INFO:
        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s",
                            force=True)
        # Their INFO is a line per task, SSH channel or migration step: noise at a service's INFO.
        for chatty in ("huey", "asyncssh", "alembic.runtime.migration"):
            logging.getLogger(chatty).setLevel(logging.WARNING)
    settings = _syslog_settings(data_dir, database_url, redis_url, debounce)
    _prepare(settings)
    rt = runtime.configure(settings, worker_name=runtime.default_worker_name("syslog"))
    tasks.install()
    receiver = _start_syslog(rt, settings, listen)
    _sigterm_as_interrupt()
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        receiver.stop()


def _syslog_settings(data_dir, database_url, redis_url, debounce) -> Settings:
    from ..config import Settings

    return Settings.from_env(data_dir=data_dir, database_url=database_url, redis_url=redis_url,
                             syslog_debounce_seconds=debounce)


COMMANDS = [server_command, worker_command, syslog_command]
