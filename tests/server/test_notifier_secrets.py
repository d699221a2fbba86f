"""Notifier secrets at rest: webhook/Slack/Teams URLs (token in path or query, user:pass@) and
plugin secret options are Fernet tokens in the row, shown masked, re-encrypted by key rotation
and encrypted by the 0008 migration for rows written before it."""

from __future__ import annotations

import pytest
from alembic import command
from sqlalchemy import select, text

from netraven_core.plugins import Registry, get_plugin_manager
from netraven_server.db.migrate import alembic_config, current_revision, head_revision, upgrade
from netraven_server.db.models import Notifier
from netraven_server.security.crypto import CryptoError, KeyRing, generate_key
from netraven_server.security.keyrotation import rotate
from netraven_server.services import catalogue
from tests.support import everything

URL = "https://hook-user:Pa55-w0rd-77@hooks.example.net/services/T00/B00/S3CR3T-T0K3N?sig=qs-s1g-9"
SECRETS = ("hook-user", "Pa55-w0rd-77", "S3CR3T-T0K3N", "qs-s1g-9", "/services/")
PLUGIN_TOKEN = "plugin-tok-Rot8xx"


def _raw_notifiers(app) -> str:
    with app.extensions["netraven"].db.engine.connect() as conn:
        return " ".join(str(v) for row in conn.execute(text("SELECT * FROM notifiers")) for v in row)


def test_url_is_encrypted_at_rest_and_masked_everywhere(api, app):
    created = api.ok("POST", "/api/notifiers", 201, json={"name": "chat", "type": "slack", "url": URL,
                                                          "events": ["config_changed"]})
    assert created["url"] == "https://hooks.example.net/…"
    api.ok("GET", f"/api/notifiers/{created['id']}")
    api.ok("GET", "/api/notifiers")
    api.ok("PATCH", f"/api/notifiers/{created['id']}", json={"enabled": False})
    api.ok("GET", "/api/audit?size=100")
    raw = _raw_notifiers(app)
    assert "gAAAAA" in raw and "hooks.example.net" in raw  # a Fernet token and the masked host
    for secret in SECRETS:
        assert secret not in raw and secret not in api.all_text()
    state = app.extensions["netraven"]
    with state.db.session(readonly=True) as s:
        row = s.scalars(select(Notifier)).one()
        assert state.keyring.decrypt(row.url_enc) == URL  # a PATCH without url kept it


@pytest.fixture
def with_plugin():
    catalogue.set_registry(Registry(get_plugin_manager(load_entrypoints=False, extra_plugins=[everything])))
    yield
    catalogue.set_registry(None)


def test_rotation_re_encrypts_urls_and_plugin_secrets(api, app, db_url, tmp_path, with_plugin):
    from netraven_server.config import Settings
    from netraven_server.notify import admin

    old, new = generate_key(), generate_key()
    state = app.extensions["netraven"]
    with state.db.session() as s:
        admin.create_notifier(s, {"name": "hook", "type": "webhook", "url": URL, "events": ["run_failed"]},
                              KeyRing([old]), None)
        admin.create_notifier(s, {"name": "plug", "type": "list", "events": ["run_failed"],
                                  "options": {"channel": "#noc", "token": PLUGIN_TOKEN}},
                              KeyRing([old]), None)
    report = rotate(Settings(data_dir=tmp_path / "env", database_url=db_url, secret_keys=(new, old)))
    assert "re-encrypted 2 secret(s)" in report
    with state.db.session(readonly=True) as s:
        rows = {n.name: n for n in s.scalars(select(Notifier))}
        url_token = rows["hook"].url_enc
        plugin_token = rows["plug"].options["plugin_secrets"]["token"]
        assert rows["plug"].options["plugin"] == {"channel": "#noc", "level": "info"}
    assert KeyRing([new]).decrypt(url_token) == URL
    assert KeyRing([new]).decrypt(plugin_token) == PLUGIN_TOKEN
    for token in (url_token, plugin_token):
        with pytest.raises(CryptoError):
            KeyRing([old]).decrypt(token)


def test_migration_encrypts_existing_clear_urls(tmp_path):
    url = f"sqlite:///{tmp_path / 'old.db'}"
    command.upgrade(alembic_config(url), "notifier_secrets-1")  # the schema just before
    before = current_revision(url)
    from netraven_server.db.engine import create_db_engine

    engine = create_db_engine(url)
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO notifiers (name, type, url, events, enabled, smtp_starttls, "
                          "email_to, options, created_at, updated_at) VALUES ('old', 'teams', :u, '[]', "
                          "1, 1, '[]', '{}', '2026-01-01 00:00:00', '2026-01-01 00:00:00')"), {"u": URL})
    engine.dispose()
    # Without the key ring the migration refuses, rather than leave the URL in clear text.
    with pytest.raises(CryptoError, match="key ring"):
        upgrade(url)
    assert current_revision(url) == before
    ring = KeyRing([generate_key()])
    assert upgrade(url, keyring=lambda: ring) == head_revision()
    engine = create_db_engine(url)
    with engine.connect() as conn:
        row = conn.execute(text("SELECT * FROM notifiers")).mappings().one()
    assert "url" not in row and row["url_display"] == "https://hooks.example.net/…"
    assert not any(s in " ".join(map(str, row.values())) for s in SECRETS)
    assert ring.decrypt(row["url_enc"]) == URL
    # and back: the downgrade restores the clear column from the token
    command.downgrade(alembic_config(url, ring), "notifier_secrets-1")
    with engine.connect() as conn:
        assert conn.execute(text("SELECT url FROM notifiers")).scalar_one() == URL
    engine.dispose()


def test_db_upgrade_command_encrypts_with_the_servers_key(tmp_path):
    from netraven_server.config import Settings
    from netraven_server.db.engine import create_db_engine
    from netraven_server.security.crypto import read_key_file
    from tests.server.test_cli import run

    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    url = f"sqlite:///{(data / 'netraven.db').resolve()}"
    command.upgrade(alembic_config(url), "notifier_secrets-1")  # the schema just before
    before = current_revision(url)
    engine = create_db_engine(url)
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO notifiers (name, type, url, events, enabled, smtp_starttls, "
                          "email_to, options, created_at, updated_at) VALUES ('old', 'slack', :u, '[]', "
                          "1, 1, '[]', '{}', '2026-01-01 00:00:00', '2026-01-01 00:00:00')"), {"u": URL})
    engine.dispose()
    # No key anywhere: refused (no new key is made up to encrypt with), nothing changed.
    refused = run(["db", "upgrade"], data_dir=data, check=False)
    assert refused.returncode != 0 and "Traceback" not in refused.stderr
    assert "notifier_secrets: encrypting 1 notifier URL(s) needs the server's key ring" in refused.stderr
    assert current_revision(url) == before and not (data / "secret.key").exists()
    KeyRing.load(Settings(data_dir=data))  # the server's key file
    run(["db", "upgrade"], data_dir=data)
    engine = create_db_engine(url)
    with engine.connect() as conn:
        token = conn.execute(text("SELECT url_enc FROM notifiers")).scalar_one()
    engine.dispose()
    assert KeyRing(read_key_file(data / "secret.key")).decrypt(token) == URL
