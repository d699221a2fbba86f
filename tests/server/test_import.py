"""Bulk device import from YAML and CSV: created, updated, unchanged and rejected rows."""

from __future__ import annotations

YAML = """
devices:
  - hostname: r1
    host: 10.1.0.1
    platform: cisco_ios
    tags: [core]
  - hostname: r2
    host: 10.1.0.2
    platform: juniper_junos
    port: 830
  - hostname: r3
    host: 10.1.0.3
    platform: not_a_platform
  - hostname: r4
    host: 999.1.1.1
    platform: cisco_ios
"""

CSV = """hostname,host,port,platform,tags
c1,10.2.0.1,22,arista_eos,dc;leaf
c2,10.2.0.2,99999,arista_eos,dc
c3,10.2.0.3,22,arista_eos,dc
"""


def test_yaml_import_reports_rows(api):
    api.ok("POST", "/api/devices", 201, json={"hostname": "r2", "host": "10.9.9.9", "platform": "cisco_ios"})
    result = api.ok("POST", "/api/devices/import", json={"format": "yaml", "content": YAML,
                                                         "filename": "lab.yaml"})
    assert result["counts"] == {"created": 1, "updated": 1, "unchanged": 0, "rejected": 2}
    assert [r["hostname"] for r in result["created"]] == ["r1"]
    assert result["updated"][0]["hostname"] == "r2" and "host" in result["updated"][0]["changes"]
    rejected = {r["field"]: r for r in result["rejected"]}
    assert "unknown platform" in rejected["devices[2].platform"]["reason"]
    assert rejected["devices[2].platform"]["line"] == 13
    assert "devices[3].host" in rejected
    r2 = api.ok("GET", "/api/devices?hostname=r2")["items"][0]
    assert r2["host"] == "10.1.0.2" and r2["port"] == 830 and r2["platform"] == "juniper_junos"
    again = api.ok("POST", "/api/devices/import", json={"format": "yaml", "content": YAML})
    assert again["counts"]["unchanged"] == 2 and again["counts"]["created"] == 0


def test_csv_import_as_text_body_and_dry_run(api):
    dry = api.ok("POST", "/api/devices/import?dry_run=true", data=CSV, content_type="text/csv")
    assert dry["dry_run"] and dry["counts"]["created"] == 2 and dry["counts"]["rejected"] == 1
    assert api.ok("GET", "/api/devices")["total"] == 0
    done = api.ok("POST", "/api/devices/import", data=CSV, content_type="text/csv")
    assert done["counts"]["created"] == 2
    assert done["rejected"][0]["field"].endswith(".port") and done["rejected"][0]["line"] == 3
    c1 = api.ok("GET", "/api/devices?hostname=c1")["items"][0]
    assert c1["tags"] == ["dc", "leaf"]


def test_import_never_reads_server_env_or_files(api, monkeypatch):
    monkeypatch.setenv("IMPORT_LEAK_TEST", "server-side-secret-value")
    text = """
credentials:
  - name: leak
    username: ${IMPORT_LEAK_TEST}
    password: x
    private_key_file: /etc/passwd
    tags: [core]
devices:
  - hostname: ok1
    host: 10.3.0.1
    platform: cisco_ios
"""
    result = api.ok("POST", "/api/devices/import", json={"format": "yaml", "content": text})
    assert result["counts"]["created"] == 1
    assert any("credentials" in (r["field"] or "") for r in result["rejected"])
    body = api.bodies[-1]
    assert "server-side-secret-value" not in body and "root:" not in body
    assert api.ok("GET", "/api/credentials")["total"] == 0


def test_import_input_errors(api):
    assert api.post("/api/devices/import", json={"format": "xml", "content": "x"}).status_code == 422
    assert api.post("/api/devices/import", json={"format": "yaml", "content": "  "}).status_code == 422
    assert api.post("/api/devices/import", json={"content": "x"}).status_code == 422
    assert api.post("/api/devices/import", data="a,b", content_type="text/plain").status_code == 422
    syntax = api.ok("POST", "/api/devices/import", json={"format": "yaml", "content": "devices: [1, {"})
    assert syntax["counts"]["rejected"] == 1 and "YAML" in syntax["rejected"][0]["reason"]
    assert api.post("/api/devices/import", as_="viewer", json={"format": "yaml",
                                                               "content": YAML}).status_code == 403


def test_yaml_alias_bomb_in_vars_is_rejected(api):
    levels = ["a: &a [1, 2, 3, 4, 5, 6, 7, 8, 9]"]
    for prev, name in zip("abcdefg", "bcdefgh", strict=True):
        levels.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    text = "defaults:\n  vars:\n" + "".join(f"    {line}\n" for line in levels) + """devices:
  - hostname: bomb1
    host: 10.4.0.1
    platform: cisco_ios
"""
    result = api.ok("POST", "/api/devices/import", json={"format": "yaml", "content": text})
    assert result["counts"]["created"] == 0
    assert "too large" in result["rejected"][0]["reason"]
