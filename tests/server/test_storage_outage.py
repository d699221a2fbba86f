"""A read-only configuration store (a real tmpfs remounted read-only) answers 503 with a clear
message instead of 500, and the API answers again once the store is writable."""

from __future__ import annotations

from tests.server.seed import store_versions
from tests.support.faults import remount, small_tmpfs


def _reopen(app) -> None:
    # A fresh process would open the store from scratch: drop this app's open store.
    state = app.extensions["netraven"]
    if "storage" in vars(state):
        state.storage.close()
        del state.storage


def test_read_only_store_answers_503_and_recovers(api, app, settings):
    with small_tmpfs(settings.configs_dir, "8m") as fs:
        api.ok("POST", "/api/devices", 201, json={"hostname": "core1", "platform": "cisco_ios"})
        texts = ["hostname core1\n!\nend\n", "hostname core1\n!\nntp server x\nend\n"]
        ids = store_versions(app, {"core1": texts})
        _reopen(app)
        remount(fs, "ro")
        answer = api.get(f"/api/configs/{ids['core1'][1]}")
        assert answer.status_code == 503, answer.get_json()
        message = answer.get_json()["message"]
        assert message.startswith("configuration storage unavailable")
        assert "Read-only file system" in message
        storage = api.ok("GET", "/api/system/status")["storage"]
        assert storage["read_only"] is True and storage["ok"] is False
        assert any("read-only" in w for w in storage["warnings"])
        remount(fs, "rw")
        _reopen(app)
        text = api.ok("GET", f"/api/configs/{ids['core1'][1]}")
        assert "ntp server x" in text["text"]
        assert api.ok("GET", "/api/system/status")["storage"]["ok"] is True
