"""Inventory loading: the YAML and CSV formats, ${ENV} references, and errors naming file/line/field."""

from __future__ import annotations

import itertools
import textwrap

import pluggy
import pytest

import netraven_plugins.inventory.csv_source as csv_source
import netraven_plugins.inventory.yaml_source as yaml_source
from netraven_core import hookspecs
from netraven_core.errors import InventoryError
from netraven_core.hookspecs import hookimpl
from netraven_core.inventory import load_inventory, parse_inventory_text
from netraven_core.models import Platform
from netraven_core.plugins import Registry

ISSUE_EXAMPLE = """\
credentials:
  - name: lab-admin
    username: admin
    password: ${LAB_PASSWORD}
    enable_secret: enablepw
    priority: 10
    tags: [lab]
devices:
  - hostname: sw0
    host: 127.0.0.1
    port: 23001
    platform: cisco_ios
    tags: [lab]
"""


SW0 = "devices:\n  - hostname: sw0\n"


class _Catalogue:
    """Two platforms and two drivers, so these tests do not depend on the built-in catalogue."""

    @hookimpl
    def netraven_platforms(self):
        return [Platform(name=n, vendor="v", description="d", drivers={"ssh": {}}, default_driver="ssh",
                         prompt_pattern="#", backup_commands=("show run",))
                for n in ("cisco_ios", "arista_eos")]

    @hookimpl
    def netraven_drivers(self):
        return [type("Ssh", (), {"name": "ssh"}), type("Netmiko", (), {"name": "netmiko"})]


@pytest.fixture
def registry() -> Registry:
    pm = pluggy.PluginManager("netraven")
    pm.add_hookspecs(hookspecs)
    for plugin in (yaml_source, csv_source, _Catalogue()):
        pm.register(plugin)
    return Registry(pm)


@pytest.fixture(autouse=True)
def lab_password(monkeypatch):
    monkeypatch.setenv("LAB_PASSWORD", "s3cret-from-env")


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text))
    return path


def load_error(tmp_path, registry, text, name="inv.yaml") -> InventoryError:
    path = write(tmp_path, name, text)
    with pytest.raises(InventoryError) as info:
        load_inventory(path, registry)
    err = info.value
    assert err.source == str(path)
    return err


def test_issue_example_loads(tmp_path, registry):
    inv = load_inventory(write(tmp_path, "inv.yaml", ISSUE_EXAMPLE), registry)
    (device,) = inv.devices
    assert (device.hostname, device.host, device.port) == ("sw0", "127.0.0.1", 23001)
    assert device.platform == "cisco_ios"
    assert device.tags == {"lab"}
    (cred,) = inv.credentials
    assert cred.password == "s3cret-from-env"
    assert cred.enable_secret == "enablepw"
    assert inv.credentials_for(device) == [cred]
    assert "s3cret" not in repr(inv)


def test_full_format_defaults_vars_driver_and_keys(tmp_path, registry):
    key = write(tmp_path, "id_ed25519",
                "-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n-----END OPENSSH PRIVATE KEY-----\n")
    inv = load_inventory(write(tmp_path, "inv.yml", f"""\
        version: 1
        defaults:
          platform: arista_eos
          tags: [DC1]
          vars: {{site: ams}}
        credentials:
          - {{name: b, username: u, password: p, priority: 20, tags: [dc1]}}
          - {{name: a, username: u, private_key_file: {key.name}, priority: 5, tags: [core, dc1]}}
          - {{name: other, username: u, password: p, tags: [elsewhere]}}
        devices:
          - hostname: core-1.example
            host: 2001:db8::1
            driver: netmiko
            tags: [Core]
            vars: {{rack: 4}}
          - hostname: leaf_2
            platform: cisco_ios
        """), registry)
    core, leaf = inv.devices
    assert core.tags == {"core", "dc1"} and core.platform == "arista_eos" and core.port == 22
    assert core.driver == "netmiko" and core.vars == {"site": "ams", "rack": 4}
    assert type(core.vars) is dict
    assert leaf.host == "leaf_2" and leaf.platform == "cisco_ios"
    assert [c.name for c in inv.credentials_for(core)] == ["a", "b"]
    assert inv.credentials[1].private_key.startswith("-----BEGIN")


@pytest.mark.parametrize(("text", "line", "field", "words"), [
    ("devices:\n  - hostname: sw0\n    platform: cisco_ios\n    prot: 22\n", 4, "devices[0].prot",
     ["unknown field", "did you mean 'port'"]),
    ("devices:\n  - hostname: sw0\n    host: 10.0.0.1\n", 2, "devices[0].platform", ["required"]),
    ("devices:\n  - hostname: sw0\n    platform: cisco_ios\n    port: 70000\n", 4, "devices[0].port",
     ["outside 1-65535"]),
    (SW0 + "    platform: cisco_ios\n    port: '22'\n", 4, "devices[0].port", ["integer"]),
    ("devices:\n  - hostname: sw0\n    platform: cisco_iso\n", 3, "devices[0].platform",
     ["unknown platform", "did you mean 'cisco_ios'"]),
    ("devices:\n  - hostname: ../etc\n    platform: cisco_ios\n", 2, "devices[0].hostname",
     ["invalid hostname"]),
    ("devices:\n  - hostname: sw0\n    host: 300.1.1.1\n    platform: cisco_ios\n", 3, "devices[0].host",
     ["invalid host"]),
    ("devices:\n  - hostname: sw0\n    host: bad host\n    platform: cisco_ios\n", 3, "devices[0].host",
     ["invalid host"]),
    ("devices:\n  - {hostname: sw0, platform: cisco_ios}\n  - {hostname: SW0, platform: cisco_ios}\n", 3,
     "devices[1].hostname", ["duplicate hostname"]),
    ("devices:\n  - {hostname: sw0, platform: cisco_ios, driver: netmikko}\n", 2, "devices[0].driver",
     ["unknown driver", "netmiko"]),
    ("devices:\n  - {hostname: sw0, platform: cisco_ios, tags: lab, vars: [1]}\n", 2, "devices[0].vars",
     ["mapping"]),
    ("credentials:\n  - {name: a, username: u, password: p, tags: [x]}\n"
     "  - {name: a, username: u, password: p, tags: [x]}\n", 3, "credentials[1].name",
     ["duplicate credential"]),
    ("credentials:\n  - name: a\n    username: u\n    password: p\n    priority: high\n    tags: [x]\n", 5,
     "credentials[0].priority", ["integer"]),
    ("credentials:\n  - name: a\n    username: u\n    password: 12345\n    tags: [x]\n", 4,
     "credentials[0].password", ["string"]),
    ("credentials:\n  - name: a\n    username: u\n    password: ${NOPE_NOT_SET}\n    tags: [x]\n", 4,
     "credentials[0].password", ["NOPE_NOT_SET", "not set"]),
    ("credentials:\n  - {name: a, username: u, tags: [x]}\n", 2, "credentials[0]",
     ["password or a private key"]),
    ("credentials:\n  - {name: a, username: u, password: p, private_key_file: missing.key, tags: [x]}\n", 2,
     "credentials[0].private_key_file", ["cannot read"]),
    (SW0 + "    platform: cisco_ios\n    platform: arista_eos\n", 4, None, ["duplicate key"]),
    ("devices:\n  - hostname: sw0\n    platform: [cisco_ios\n", 4, None, ["YAML syntax error"]),
    ("device:\n  - hostname: sw0\n", 1, "device", ["unknown top-level key", "did you mean 'devices'"]),
    ("defaults:\n  platform: cisco_ios\n  port: x\n", 3, "defaults.port", ["integer"]),
])
def test_errors_name_file_line_and_field(tmp_path, registry, text, line, field, words):
    err = load_error(tmp_path, registry, text)
    assert err.line == line, str(err)
    assert err.field == field, str(err)
    for word in words:
        assert word in str(err)
    assert str(err).startswith(f"{err.source}:{line}: ")


def test_env_errors_never_print_values(tmp_path, registry, monkeypatch):
    monkeypatch.setenv("OTHER_SECRET", "value-that-must-not-leak")
    err = load_error(tmp_path, registry, "credentials:\n  - name: a\n    username: ${OTHER_SECRET}\n"
                     "    password: ${MISSING_ONE}\n    tags: [x]\n")
    assert "MISSING_ONE" in str(err) and "value-that-must-not-leak" not in str(err)


def test_dollar_escape_and_embedded_reference(tmp_path, registry):
    inv = load_inventory(write(tmp_path, "inv.yaml", """\
        credentials:
          - {name: a, username: u, password: "pre-${LAB_PASSWORD}-$$x", tags: [x]}
        """), registry)
    assert inv.credentials[0].password == "pre-s3cret-from-env-$x"


def test_csv_devices_and_sibling_credentials(tmp_path, registry):
    write(tmp_path, "net.credentials.csv", """\
        name,username,password,enable_secret,priority,tags
        lab-admin,admin,${LAB_PASSWORD},en,10,lab
        """)
    path = write(tmp_path, "net.csv", """\
        hostname,host,port,platform,tags,driver,vars.site
        sw0,127.0.0.1,23001,cisco_ios,lab;core,,ams
        sw1,,,arista_eos,"lab, edge",netmiko,
        """)
    inv = load_inventory(path, registry)
    sw0, sw1 = inv.devices
    assert sw0.port == 23001 and sw0.tags == {"lab", "core"} and sw0.vars == {"site": "ams"}
    assert sw1.host == "sw1" and sw1.port == 22 and sw1.driver == "netmiko" and sw1.tags == {"lab", "edge"}
    assert inv.credentials[0].password == "s3cret-from-env"
    assert inv.credentials_for(sw1)[0].name == "lab-admin"


def test_csv_errors_have_lines(tmp_path, registry):
    err = load_error(tmp_path, registry, "hostname,platform,port\nsw0,cisco_ios,22\nsw1,cisco_ios,x\n",
                     "d.csv")
    assert (err.line, err.field) == (3, "devices[1].port")
    err = load_error(tmp_path, registry, "hostname,platfrom\nsw0,cisco_ios\n", "e.csv")
    assert err.line == 1 and "platform" in str(err)


def test_lenient_parse_keeps_good_rows(registry):
    text = "devices:\n  - {hostname: a, platform: cisco_ios}\n  - {hostname: b, platform: nope}\n" \
           "  - {hostname: c, platform: cisco_ios, port: 0}\n  - {hostname: d, platform: arista_eos}\n"
    inv, errors = parse_inventory_text(text, "yaml", "upload.yaml", registry)
    assert [d.hostname for d in inv.devices] == ["a", "d"]
    assert [(e.line, e.field) for e in errors] == [(3, "devices[1].platform"), (4, "devices[2].port")]
    inv, errors = parse_inventory_text("hostname,platform\nx,cisco_ios\ny,bad\n", "csv", "upload.csv",
                                       registry)
    assert [d.hostname for d in inv.devices] == ["x"] and errors[0].line == 3


def test_empty_and_unknown_suffix(tmp_path, registry):
    assert load_inventory(write(tmp_path, "empty.yaml", ""), registry).devices == ()
    with pytest.raises(InventoryError, match="no inventory source"):
        load_inventory(write(tmp_path, "inv.txt", "x"), registry)
    with pytest.raises(InventoryError, match="not found"):
        load_inventory(tmp_path / "missing.yaml", registry)


def test_cli_exits_2_without_traceback_for_a_bad_inventory(tmp_path):
    import subprocess
    import sys

    bad = write(tmp_path, "bad.yaml", ISSUE_EXAMPLE.replace("port: 23001", "port: 99999"))
    argv = [sys.executable, "-m", "netraven_core", "backup", "--inventory", str(bad), "--storage",
            str(tmp_path / "store")]
    proc = subprocess.run(argv, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2, proc.stderr
    assert f"{bad}:11: devices[0].port: port 99999 is outside 1-65535" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_cli_names_the_unset_variable(tmp_path, capsys, monkeypatch):
    from netraven_core.cli import main

    monkeypatch.delenv("LAB_PASSWORD")
    inv = write(tmp_path, "inv.yaml", ISSUE_EXAMPLE)
    code = main(["backup", "--inventory", str(inv), "--storage", str(tmp_path / "store")])
    err = capsys.readouterr().err
    assert code == 2
    assert f"{inv}:4: credentials[0].password: environment variable LAB_PASSWORD is not set" in err


def test_imported_text_cannot_read_env_or_files(registry, tmp_path, monkeypatch):
    monkeypatch.setenv("SERVER_SECRET", "must-not-leak")
    key = write(tmp_path, "k", "-----BEGIN OPENSSH PRIVATE KEY-----\nx\n-----END OPENSSH PRIVATE KEY-----\n")
    text = ("credentials:\n  - {name: a, username: u, password: '${SERVER_SECRET}', tags: [x]}\n"
            f"  - {{name: b, username: u, private_key_file: {key}, tags: [x]}}\n"
            "  - {name: c, username: u, password: ok, tags: [x]}\n")
    inv, errors = parse_inventory_text(text, "yaml", "upload.yaml", registry)
    assert [c.name for c in inv.credentials] == ["c"]
    assert [(e.line, e.field) for e in errors] == [(2, "credentials[0].password"),
                                                   (3, "credentials[1].private_key_file")]
    assert "must-not-leak" not in " ".join(map(str, errors))
    inv, errors = parse_inventory_text(text, "yaml", "upload.yaml", registry, base_dir=tmp_path,
                                       env={"SERVER_SECRET": "explicitly-allowed"})
    assert not errors and inv.credentials[0].password == "explicitly-allowed"


def _alias_bomb(levels: int) -> str:
    lines = ["a: &a [1, 2, 3, 4, 5, 6, 7, 8, 9]"]
    names = "abcdefghijklmnop"
    for prev, name in itertools.pairwise(names[:levels]):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    return ("defaults:\n  vars:\n" + "".join(f"    {line}\n" for line in lines)
            + "devices:\n  - {hostname: bomb1, host: 10.4.0.1, platform: cisco_ios}\n")


@pytest.mark.timeout(30)
def test_yaml_alias_bomb_is_refused_before_expansion(registry):
    # 9**10 values once expanded: refused from the composed nodes, before anything expands them.
    inv, errors = parse_inventory_text(_alias_bomb(10), "yaml", "upload.yaml", registry)
    assert not inv.devices and "too large" in str(errors[0])
    inv, errors = parse_inventory_text("defaults:\n  vars: &v {x: [*v]}\n", "yaml", "upload.yaml", registry)
    assert "too large" in str(errors[0])


def test_yaml_aliases_that_repeat_the_file_still_load(registry):
    text = "defaults:\n  vars:\n    common: &c {site: lab, role: edge, ntp: [10.0.0.1, 10.0.0.2]}\n" \
           "devices:\n" + "".join(f"  - {{hostname: r{i}, platform: cisco_ios, vars: {{c: *c}}}}\n"
                                  for i in range(2000))
    inv, errors = parse_inventory_text(text, "yaml", "upload.yaml", registry)
    assert errors == [] and len(inv.devices) == 2000
    assert inv.devices[-1].vars["c"]["ntp"] == ["10.0.0.1", "10.0.0.2"]
