"""Pushing the configuration repository to git remotes after backup runs (Huey in immediate
mode, real simulated SSH devices): to a local bare repository, over SSH with a stored key to a
real SSH server (``tests/support/git_ssh_server.py``), and with the remote down: backups
succeed, the failure is recorded with a backoff, and the push catches up when it returns."""

from __future__ import annotations

import subprocess
from datetime import timedelta

import pytest
from sqlalchemy import select

from netraven_server.clock import utcnow
from netraven_server.db.models import GitRemote, Job, LogEntry, Run, Tag
from netraven_server.demo_inventory import register_simulator
from netraven_server.remotes import manage
from netraven_server.remotes.pushing import push_due
from netraven_server.service.metrics import build_registry, render
from netraven_server.service.scheduler import start_manual_run

from ..support.git_http_server import GitHttpServer
from ..support.git_ssh_server import GitSshServer

pytestmark = pytest.mark.integration


def git(repo, *args):
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, check=True).stdout


def bare(path):
    subprocess.run(["git", "init", "-q", "--bare", str(path)], check=True)
    return path


def backup_job(rt):
    with rt.db.session() as s:
        tag = s.scalars(select(Tag).where(Tag.name == "sim")).one()
        job = Job(name="nightly", schedule_type="manual", tags=[tag], options={"timeout": 20, "retries": 0})
        s.add(job)
        s.flush()
        return job.id


def add_remote(rt, **data):
    with rt.db.session() as s:
        return manage.create_remote(s, data, rt.keyring, None).id


def remote(rt, rid):
    with rt.db.session(readonly=True) as s:
        return manage.public(s.get(GitRemote, rid))


def local_log(rt):
    return git(rt.settings.configs_dir, "log", "--format=%H", "HEAD")


def remote_log(path, branch):
    return git(path, "log", "--format=%H", f"refs/heads/{branch}")


def branch(rt):
    return git(rt.settings.configs_dir, "symbolic-ref", "--short", "HEAD").strip()


def test_push_to_a_bare_repository_after_each_run(rt, sim, tmp_path):
    register_simulator(rt, sim)
    target = bare(tmp_path / "backup.git")
    rid = add_remote(rt, name="offsite", url=str(target))
    job_id = backup_job(rt)
    run_id = start_manual_run(rt, job_id)
    with rt.db.session(readonly=True) as s:
        assert s.get(Run, run_id).status == "success"
    assert remote_log(target, branch(rt)) == local_log(rt)
    state = remote(rt, rid)
    assert state["status"] == "ok" and state["pushed_commit"] == local_log(rt).split()[0]
    assert push_due(rt) == {"offsite": "up_to_date"}  # nothing new: no push, no write


def test_remote_down_never_fails_backups_and_catches_up(rt, sim, tmp_path):
    register_simulator(rt, sim)
    target = tmp_path / "later.git"  # does not exist yet: every push fails
    rid = add_remote(rt, name="flaky", url=str(target), branch="configs")
    job_id = backup_job(rt)
    run_id = start_manual_run(rt, job_id)
    with rt.db.session(readonly=True) as s:
        run = s.get(Run, run_id)
        assert run.status == "success" and run.succeeded == 6
        logged = s.scalars(select(LogEntry.message).where(LogEntry.message.contains("push to remote"))).all()
    state = remote(rt, rid)
    assert state["status"] == "failing" and state["failures"] == 1 and state["last_error"]
    assert state["next_attempt_at"] > utcnow()
    assert logged and "flaky" in logged[0]
    scraped = render(build_registry(rt.db)).decode()
    assert 'netraven_git_remote_push_failures{remote="flaky"} 1.0' in scraped
    assert push_due(rt) == {"flaky": None}  # inside the backoff: not tried again yet
    bare(target)  # the remote comes back
    with rt.db.session() as s:
        s.get(GitRemote, rid).next_attempt_at = utcnow() - timedelta(seconds=1)
    assert push_due(rt) == {"flaky": "ok"}
    assert remote_log(target, "configs") == local_log(rt)
    state = remote(rt, rid)
    assert state["status"] == "ok" and state["failures"] == 0 and state["last_error"] is None


def test_push_over_ssh_with_a_stored_key(rt, sim, tmp_path):
    register_simulator(rt, sim)
    target = bare(tmp_path / "ssh-target.git")
    with GitSshServer() as server:
        rid = add_remote(rt, name="gitea", url=server.url(str(target)), ssh_key=server.client_key)
        with rt.db.session(readonly=True) as s:
            stored = s.get(GitRemote, rid).secret
        assert "PRIVATE KEY" not in stored  # encrypted at rest
        start_manual_run(rt, backup_job(rt))
        state = remote(rt, rid)
    assert state["status"] == "ok", state["last_error"]
    assert state["secret_set"] == "ssh_key"
    assert remote_log(target, branch(rt)) == local_log(rt)
    assert (rt.settings.data_dir / "remotes_known_hosts").read_text().strip()


def test_push_over_https_with_a_token_never_in_the_url(rt, sim, tmp_path):
    register_simulator(rt, sim)
    bare(tmp_path / "repos" / "configs.git")
    token = "glpat-Secr3tT0ken-value"
    with GitHttpServer(tmp_path / "repos", "netraven", token) as server:
        rid = add_remote(rt, name="gitlab", url=server.url("/configs.git"), username="netraven", token=token)
        wrong = add_remote(rt, name="wrong", url=server.url("/configs.git"), username="netraven",
                           token="not-the-token", branch="other")
        start_manual_run(rt, backup_job(rt))
        good, bad = remote(rt, rid), remote(rt, wrong)
    assert good["status"] == "ok", good["last_error"]
    assert remote_log(tmp_path / "repos" / "configs.git", branch(rt)) == local_log(rt)
    assert bad["status"] == "failing" and "not-the-token" not in bad["last_error"]
    assert token not in str(good) and good["secret_set"] == "token"
