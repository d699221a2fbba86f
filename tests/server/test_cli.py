"""The server's command line, run as a user would: db upgrade, user create, keys rotate, server."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from netraven_server.db import current_revision, head_revision
from tests.service.receivers import free_port

NETRAVEN = [sys.executable, "-m", "netraven_core"]


def run(args, *, data_dir: Path, stdin: str | None = None, env_extra=None, check=True):
    env = {k: v for k, v in os.environ.items() if not k.startswith("NETRAVEN_")}
    env.update(env_extra or {})
    proc = subprocess.run([*NETRAVEN, *args, "--data-dir", str(data_dir)], input=stdin, capture_output=True,
                          text=True, env=env, timeout=120)
    if check:
        assert proc.returncode == 0, proc.stderr + proc.stdout
    return proc


def _sqlite(data_dir: Path) -> str:
    return f"sqlite:///{(data_dir / 'netraven.db').resolve()}"


def test_db_upgrade_and_user_create_from_stdin(tmp_path):
    data = tmp_path / "data"
    out = run(["db", "upgrade"], data_dir=data).stdout
    assert f"revision {head_revision()}" in out
    assert current_revision(_sqlite(data)) == head_revision()
    created = run(["user", "create", "alice", "--role", "admin"], data_dir=data, stdin="alice-password-1\n")
    assert "created admin 'alice'" in created.stdout and "alice-password-1" not in created.stdout
    dup = run(["user", "create", "alice", "--role", "viewer"], data_dir=data, stdin="another-pass-1\n",
              check=False)
    assert dup.returncode != 0 and "already exists" in dup.stderr
    weak = run(["user", "create", "bob"], data_dir=data, stdin="short\n", check=False)
    assert weak.returncode != 0 and "at least 8" in weak.stderr
    empty = run(["user", "create", "carol"], data_dir=data, stdin="", check=False)
    assert empty.returncode != 0 and "no password" in empty.stderr
    listed = run(["user", "list"], data_dir=data).stdout
    assert "alice\tadmin" in listed and "bob" not in listed


def test_db_upgrade_on_postgres(tmp_path, postgres_database):
    postgres_database.truncate()
    out = run(["db", "upgrade", "--database-url", postgres_database.url], data_dir=tmp_path / "d").stdout
    assert f"revision {head_revision()}" in out


def test_keys_rotate_command(tmp_path):
    data = tmp_path / "data"
    run(["db", "upgrade"], data_dir=data)
    from netraven_server.config import Settings
    from netraven_server.db import Database
    from netraven_server.security.crypto import KeyRing
    from netraven_server.services import credentials

    settings = Settings(data_dir=data)
    db = Database(settings.db_url)
    with db.session() as s:
        credentials.create_credential(s, {"name": "c", "username": "u", "password": "pw-rotate-1",
                                          "tags": ["core"]}, KeyRing.load(settings))
    before = settings.key_file.read_text()
    out = run(["keys", "rotate"], data_dir=data).stdout
    assert "re-encrypted 1 secret(s)" in out
    assert settings.key_file.read_text() != before
    with db.session(readonly=True) as s:
        from netraven_server.db.models import Credential

        cred = s.query(Credential).one()
        assert KeyRing.load(settings).decrypt(cred.password_enc) == "pw-rotate-1"
    db.dispose()


@pytest.mark.integration
def test_fresh_install_through_the_api_alone(tmp_path):
    """The issue's 'done when': fresh data dir, db upgrade, user create, then only HTTP."""
    data = tmp_path / "data"
    run(["db", "upgrade"], data_dir=data)
    run(["user", "create", "root-admin", "--role", "admin"], data_dir=data, stdin="admin-password-1\n")
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("NETRAVEN_")}
    argv = [*NETRAVEN, "server", "--host", "127.0.0.1", "--port", str(port), "--data-dir", str(data)]
    server = subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}/api"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                if requests.get(f"{base}/openapi.json", timeout=2).status_code == 200:
                    break
            except requests.ConnectionError:
                pass
            assert server.poll() is None, server.stdout.read()
            assert time.monotonic() < deadline, "server did not start"
            time.sleep(0.3)
        anon = requests.get(f"{base}/devices", timeout=10)
        assert anon.status_code == 401
        creds = {"username": "root-admin", "password": "admin-password-1"}
        token = requests.post(f"{base}/auth/login", json=creds, timeout=10).json()["access_token"]
        auth = {"Authorization": f"Bearer {token}"}
        tag = requests.post(f"{base}/tags", json={"name": "core"}, headers=auth, timeout=10)
        assert tag.status_code == 201
        cred = requests.post(f"{base}/credentials", headers=auth, timeout=10, json={
            "name": "lab", "username": "netops", "password": "wire-secret-42", "tags": ["core"]})
        assert cred.status_code == 201 and "wire-secret-42" not in cred.text
        imported = requests.post(f"{base}/devices/import", headers={**auth, "Content-Type": "text/csv"},
                                 data="hostname,host,platform,tags\nr1,10.0.0.1,cisco_ios,core\n"
                                      "r2,10.0.0.2,cisco_ios,core\nr3,bad host,cisco_ios,core\n", timeout=30)
        assert imported.json()["counts"] == {"created": 2, "updated": 0, "unchanged": 0, "rejected": 1}
        page = requests.get(f"{base}/devices?tag=core&size=1&sort=-hostname", headers=auth, timeout=10).json()
        assert page["total"] == 2 and page["items"][0]["hostname"] == "r2" and page["pages"] == 2
        viewer = requests.post(f"{base}/users", headers=auth, timeout=10,
                               json={"username": "v", "password": "viewer-pass-1", "role": "viewer"})
        assert viewer.status_code == 201
        vtoken = requests.post(f"{base}/auth/login", json={"username": "v", "password": "viewer-pass-1"},
                               timeout=10).json()["access_token"]
        vauth = {"Authorization": f"Bearer {vtoken}"}
        assert requests.get(f"{base}/devices", headers=vauth, timeout=10).status_code == 200
        assert requests.post(f"{base}/tags", json={"name": "x"}, headers=vauth, timeout=10).status_code == 403
        bad = requests.post(f"{base}/devices", data="{", headers={**auth, "Content-Type": "application/json"},
                            timeout=10)
        assert bad.status_code == 400 and bad.json()["message"]
        listing = requests.get(f"{base}/credentials", headers=auth, timeout=10)
        assert "wire-secret-42" not in listing.text
        assert requests.get(f"http://127.0.0.1:{port}/favicon.ico", timeout=10).status_code == 200
    finally:
        server.terminate()
        server.wait(timeout=30)
    output = server.stdout.read()
    # the start-up line is news, not a warning
    started = re.search(r"INFO netraven_server\.serve: NetRaven API listening on http://127\.0\.0\.1", output)
    assert started, output
    assert "WARNING netraven_server.serve" not in output
