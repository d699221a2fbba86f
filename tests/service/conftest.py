"""Fixtures for the scheduled-service tests: a migrated database, a runtime in immediate mode,
simulated devices registered in the database."""

from __future__ import annotations

import shutil

import pytest

from netraven_server.config import Settings
from netraven_server.service import ports, queue, runtime, tasks
from tests.server.dbfixtures import postgres_database, sqlite_template  # noqa: F401


@pytest.fixture
def sqlite_url(sqlite_template, tmp_path) -> str:  # noqa: F811
    target = tmp_path / "netraven.db"
    shutil.copyfile(sqlite_template, target)
    return f"sqlite:///{target}"


@pytest.fixture
def settings(tmp_path, sqlite_url) -> Settings:
    return Settings(data_dir=tmp_path / "data", database_url=sqlite_url,
                    secret_keys=("x0IcfjK9Yd8-JZpQ0Nuw0ML3IbyD6sJY0vRCp5Ww7-c=",))


@pytest.fixture
def rt(settings):
    """The process runtime on a fresh SQLite database, with Huey in immediate mode and installed as
    the task queue (a composition root, as the app factory and the worker are)."""
    queue.configure(immediate=True)
    previous = ports.install(tasks.TASK_QUEUE)
    current = runtime.configure(settings, worker_name="test-worker")
    yield current
    current.close()
    ports.install(previous)
    queue.reset()


@pytest.fixture(scope="module")
def sim(tmp_path_factory):
    from netraven_core.simulator import SimulatorThread

    key = tmp_path_factory.mktemp("simkey") / "host_key"
    with SimulatorThread(count=6, base_port=0, host_key_path=key) as simulator:
        yield simulator


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=[pytest.mark.postgres])])
def rt_any(request, tmp_path, sqlite_url):
    """Like ``rt``, on SQLite and on PostgreSQL."""
    url = sqlite_url
    if request.param == "postgres":
        pg = request.getfixturevalue("postgres_database")
        pg.truncate()
        url = pg.url
    settings = Settings(data_dir=tmp_path / "data", database_url=url,
                        secret_keys=("x0IcfjK9Yd8-JZpQ0Nuw0ML3IbyD6sJY0vRCp5Ww7-c=",))
    queue.configure(immediate=True)
    current = runtime.configure(settings, worker_name="test-worker")
    yield current
    current.close()
    queue.reset()  # else later tests in this process (e.g. the API's) run their runs inline
