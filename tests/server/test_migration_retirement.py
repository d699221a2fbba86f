"""The ``retirement`` migration rebuilds SQLite's devices and config_versions tables (to add
AUTOINCREMENT) without losing a row: with foreign keys on, dropping the old table would cascade
into tags, versions and job lists."""

from __future__ import annotations

import sqlite3

from netraven_server.db.migrate import upgrade

NOW = "2026-01-01 00:00:00"


def test_rebuild_keeps_every_row_and_adds_autoincrement(tmp_path):
    path = tmp_path / "old.db"
    url = f"sqlite:///{path}"
    upgrade(url, "security")
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("INSERT INTO tags (id, name, created_at, updated_at) VALUES (1, 'core', ?, ?)", (NOW, NOW))
    for i in (1, 2):
        conn.execute("INSERT INTO devices (id, hostname, host, port, platform, vars, transport, sections, "
                     "enabled, created_at, updated_at) "
                     "VALUES (?, ?, ?, 22, 'cisco_ios', '{}', 'ssh', 1, 1, ?, ?)",
                     (i, f"sw{i}", f"h{i}", NOW, NOW))
        conn.execute("INSERT INTO device_tags VALUES (?, 1)", (i,))
        conn.execute("INSERT INTO config_versions (id, device_id, hostname, storage_backend, storage_ref, "
                     "content_hash, retrieved_at, size, lines_added, lines_removed) "
                     "VALUES (?, ?, ?, 'git', ?, 'hash', ?, 1, 0, 0)", (i, i, f"sw{i}", f"ref{i}", NOW))
    conn.execute("INSERT INTO jobs (id, name, job_type, schedule_type, enabled, options, created_at, "
                 "updated_at) VALUES (1, 'nightly', 'backup', 'manual', 1, '{}', ?, ?)", (NOW, NOW))
    conn.execute("INSERT INTO job_devices VALUES (1, 2)")
    conn.commit()
    conn.close()

    assert upgrade(url, "retirement") == "retirement"
    upgrade(url)  # the later migrations keep AUTOINCREMENT and every row too
    conn = sqlite3.connect(path)
    try:
        counts = conn.execute("SELECT (SELECT count(*) FROM devices), (SELECT count(*) FROM device_tags), "
                              "(SELECT count(*) FROM config_versions), (SELECT count(*) FROM job_devices)")
        assert counts.fetchone() == (2, 2, 2, 1)
        assert conn.execute("SELECT retired_at FROM devices WHERE id = 1").fetchone() == (None,)
        for table in ("devices", "config_versions"):
            sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
            assert "AUTOINCREMENT" in sql
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        conn.close()
