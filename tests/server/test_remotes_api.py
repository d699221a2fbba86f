"""``/api/remotes``: admin-only, secrets write-only, clear errors, status in the system status
and ``/metrics``; ``POST .../push`` pushes now."""

from __future__ import annotations

import subprocess


def test_remotes_crud_secrets_and_status(api, tmp_path):
    created = api.ok("POST", "/api/remotes", 201, json={
        "name": "gitlab", "url": "https://gitlab.example.net/noc/configs.git", "username": "bot",
        "token": "glpat-SECRET-123"})
    assert created["secret_set"] == "token" and created["status"] == "never_pushed"
    assert "glpat-SECRET-123" not in api.all_text()
    listed = api.ok("GET", "/api/remotes")
    assert [r["name"] for r in listed] == ["gitlab"] and "token" not in listed[0]
    assert api.call("GET", "/api/remotes", as_="operator").status_code == 403
    for body, field in (({"name": "a", "url": "https://u:pw@host/x.git"}, "url"),
                        ({"name": "b", "url": "ftp://host/x"}, "url"),
                        ({"name": "c", "url": "git@host:x.git", "token": "t"}, "token"),
                        ({"name": "d", "url": "git@host:x.git", "ssh_key": "not a key"}, "ssh_key"),
                        ({"name": "e", "url": "/srv/x.git", "branch": "a..b"}, "branch")):
        response = api.post("/api/remotes", json=body)
        assert response.status_code == 422 and field in response.get_json()["errors"]["json"], body
    assert api.post("/api/remotes", json={"name": "gitlab", "url": "/srv/x.git"}).status_code == 409
    patched = api.ok("PATCH", f"/api/remotes/{created['id']}", json={"enabled": False})
    assert patched["secret_set"] == "token" and patched["status"] == "disabled"

    target = tmp_path / "b.git"
    subprocess.run(["git", "init", "-q", "--bare", str(target)], check=True)
    local = api.ok("POST", "/api/remotes", 201, json={"name": "local", "url": str(target)})
    pushed = api.ok("POST", f"/api/remotes/{local['id']}/push")
    assert pushed["outcome"] == "ok" and pushed["remote"]["status"] == "ok"
    status = api.ok("GET", "/api/system/status")
    assert {r["name"] for r in status["remotes"]} == {"gitlab", "local"}
    assert next(r for r in status["remotes"] if r["name"] == "local")["failures"] == 0
    api.ok("DELETE", f"/api/remotes/{created['id']}", 204)
    events = api.ok("GET", "/api/audit?entity_type=git_remote")["items"]
    assert {e["action"] for e in events} == {"create", "update", "delete"}
