"""Secrets are write-only and encrypted at rest; the key can be rotated."""

from __future__ import annotations

import logging

from sqlalchemy import select, text

from netraven_server.db.models import Credential
from netraven_server.security.crypto import KeyRing, generate_key
from netraven_server.security.keyrotation import rotate
from netraven_server.services import credentials as cred_service
from netraven_server.services.keys import ENCRYPTED

PASSWORD = "S3cret-pw-5c1b7e"
ENABLE = "En4ble-9f2d41"
KEY = ("-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA-7d21aa\n"
       "-----END OPENSSH PRIVATE KEY-----\n")
PASSPHRASE = "pass-phrase-e51f0c"
SECRETS = (PASSWORD, ENABLE, "b3BlbnNzaC1rZXktdjEAAAAA-7d21aa", PASSPHRASE)


def test_no_secret_in_any_response_or_log(api, caplog):
    caplog.set_level(logging.DEBUG)
    cred = api.ok("POST", "/api/credentials", 201, json={
        "name": "vault", "username": "ops", "password": PASSWORD, "enable_secret": ENABLE, "private_key": KEY,
        "private_key_passphrase": PASSPHRASE, "tags": ["core"]})
    api.ok("POST", "/api/devices", 201, json={"hostname": "r1", "platform": "cisco_ios", "tags": ["core"]})
    cid = cred["id"]
    # every way of reading or touching the credential, by every role
    for role in ("admin", "operator", "viewer"):
        api.ok("GET", "/api/credentials", as_=role)
        api.ok("GET", f"/api/credentials/{cid}", as_=role)
        api.ok("GET", "/api/credentials?name=vault&tag=core", as_=role)
        api.ok("GET", "/api/logs", as_=role)
        api.ok("GET", "/api/system/status", as_=role)
    api.ok("PATCH", f"/api/credentials/{cid}", json={"priority": 1})
    api.ok("PATCH", f"/api/credentials/{cid}", json={"password": PASSWORD + "-2"})
    for name, tags in (("vault", ["core"]), ("bad", ["bad tag"])):  # a conflict, then a bad tag
        api.post("/api/credentials", json={"name": name, "username": "x", "password": PASSWORD, "tags": tags})
    api.post("/api/credentials", json={"name": "bad2", "username": "x", "password": PASSWORD, "priority": -5,
                                       "tags": ["core"]})
    api.ok("GET", "/api/audit?size=500")
    api.ok("GET", "/api/openapi.json", as_=None)
    everything = api.all_text() + "\n".join(r.getMessage() for r in caplog.records)
    for secret in SECRETS:
        assert secret not in everything


def test_encrypted_at_rest_and_decryptable_for_the_engine(api, app):
    api.ok("POST", "/api/credentials", 201, json={"name": "c", "username": "u", "password": PASSWORD,
                                                  "enable_secret": ENABLE, "tags": ["core"]})
    state = app.extensions["netraven"]
    with state.db.engine.connect() as conn:
        raw = " ".join(str(v) for row in conn.execute(text("SELECT * FROM credentials")) for v in row)
    assert PASSWORD not in raw and ENABLE not in raw and "gAAAAA" in raw  # Fernet tokens
    with state.db.session(readonly=True) as s:
        core = cred_service.to_core(s.scalars(select(Credential)).one(), state.keyring)
    assert core.password == PASSWORD and core.enable_secret == ENABLE
    assert PASSWORD not in repr(core)


def test_every_encrypted_column_is_rotated():
    from netraven_server.db.models import Base

    columns = {(t.name, c.name) for t in Base.metadata.sorted_tables for c in t.columns
               if c.name.endswith("_enc")}
    listed = {(m.__tablename__, c) for m, cols in ENCRYPTED.items() for c in cols}
    assert columns == listed


def test_key_file_created_with_mode_0600(tmp_path, db_url):
    from netraven_server.config import Settings

    settings = Settings(data_dir=tmp_path / "d", database_url=db_url)
    settings.ensure_data_dir()
    KeyRing.load(settings)
    assert (settings.key_file.stat().st_mode & 0o777) == 0o600
    assert (settings.data_dir.stat().st_mode & 0o777) == 0o700


def test_rotate_key_file(api, app, tmp_path, db_url):
    """Key file mode: rotation re-encrypts everything and the running app keeps decrypting."""
    from netraven_server.config import Settings

    settings = Settings(data_dir=tmp_path / "rot", database_url=db_url)
    settings.ensure_data_dir()
    old_ring = KeyRing.load(settings)
    state = app.extensions["netraven"]
    with state.db.session() as s:
        cred_service.create_credential(s, {"name": "r", "username": "u", "password": PASSWORD,
                                           "enable_secret": ENABLE, "tags": ["core"]}, old_ring)
    with state.db.session(readonly=True) as s:
        before = s.scalars(select(Credential.password_enc)).one()
    old_key = settings.key_file.read_text()
    report = rotate(settings)
    assert "re-encrypted 2 secret(s)" in report
    assert settings.key_file.read_text() != old_key and (settings.key_file.stat().st_mode & 0o777) == 0o600
    new_ring = KeyRing.load(settings)
    assert new_ring.key_count == 1
    with state.db.session(readonly=True) as s:
        cred = s.scalars(select(Credential)).one()
        assert cred.password_enc != before
        assert new_ring.decrypt(cred.password_enc) == PASSWORD
        # a process that loaded the old key file picks up the rotated one by itself
        assert old_ring.decrypt(cred.enable_secret_enc) == ENABLE


def test_rotate_environment_keys(api, app, db_url, tmp_path):
    from netraven_server.config import Settings
    from netraven_server.security.crypto import CryptoError

    old, new = generate_key(), generate_key()
    state = app.extensions["netraven"]
    with state.db.session() as s:
        data = {"name": "e", "username": "u", "password": PASSWORD, "tags": ["core"]}
        cred_service.create_credential(s, data, KeyRing([old]))
    report = rotate(Settings(data_dir=tmp_path / "env", database_url=db_url, secret_keys=(new, old)))
    assert "remove the 1 old key" in report
    with state.db.session(readonly=True) as s:
        token = s.scalars(select(Credential.password_enc)).one()
    assert KeyRing([new]).decrypt(token) == PASSWORD
    try:
        KeyRing([old]).decrypt(token)
    except CryptoError as exc:
        assert PASSWORD not in str(exc)
    else:
        raise AssertionError("the old key still decrypts")
