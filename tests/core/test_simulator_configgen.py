"""Simulator configuration generators, profiles and output modifiers (no SSH)."""

from __future__ import annotations

import random
import re

import pytest

from netraven_core.simulator import generate, known_profiles
from netraven_core.simulator.configgen import refresh_volatile
from netraven_core.simulator.output import apply_pipe
from netraven_plugins.platforms import builtin_platforms

PROFILES = known_profiles()
PLATFORMS = tuple(PROFILES)

# Every platform of the built-in catalogue.
CATALOGUE = tuple(p.name for p in builtin_platforms())


def test_every_catalogue_platform_has_a_profile_and_a_generator():
    assert set(PLATFORMS) == set(CATALOGUE)
    assert all(PROFILES[p].config is not None for p in CATALOGUE)
    assert all(PROFILES[p].backup_commands for p in CATALOGUE)


@pytest.mark.parametrize("platform", CATALOGUE)
def test_generated_config_is_deterministic_and_lists_its_secrets(platform):
    a = generate(platform, "sim-0001", seed=7)
    b = generate(platform, "sim-0001", seed=7)
    assert a == b
    assert len(a.secrets) >= 5
    for secret in a.secrets:
        assert secret in a.text
        assert len(secret) >= 8
    other = generate(platform, "sim-0002", seed=7)
    assert other.text != a.text
    assert not set(other.secrets) & set(a.secrets)
    assert generate(platform, "sim-0001", seed=8).text != a.text
    assert "sim-0001" in a.text


@pytest.mark.parametrize("platform", CATALOGUE)
def test_size_is_selectable(platform):
    small = generate(platform, "sim-0003", size=2000)
    big = generate(platform, "sim-0003", size=20000)
    assert 20000 <= len(big.text) < 24000
    assert len(small.text) < len(big.text)
    assert len(big.secrets) >= len(small.secrets)


@pytest.mark.parametrize("platform", sorted(p for p in PLATFORMS if PROFILES[p].volatile))
def test_volatile_lines_change_on_every_fetch_and_nothing_else(platform):
    text = generate(platform, "sim-0004").text
    first = refresh_volatile(platform, text, random.Random(1), key="sim-0004")
    second = refresh_volatile(platform, text, random.Random(2), key="sim-0004")
    assert first != second
    changed = [(x, y) for x, y in zip(first.splitlines(), second.splitlines(), strict=True) if x != y]
    patterns = [re.compile(p) for p, _ in PROFILES[platform].volatile]
    for old, _new in changed:
        assert any(p.match(old) for p in patterns), old


def test_cisco_secrets_cover_the_hash_types():
    gen = generate("cisco_ios", "sim-0000")
    kinds = {s[:3] for s in gen.secrets if s.startswith("$")}
    assert {"$1$", "$8$", "$9$"} <= kinds
    for needle in ("enable secret 9 $9$", "password 7 ", "snmp-server community ", "key-string 7 ",
                   "crypto isakmp key ", "neighbor 192.0.2.1 password 7 ", "standby 1 authentication md5",
                   "ntp authentication-key 1 md5 "):
        assert needle in gen.text


def _decode_type7(encoded: str) -> str:
    key = "dsfd;kfoA,.iyewrkldJKDHSUBsgvca69834ncxv9873254k;fg87"
    offset = int(encoded[:2])
    pairs = [int(encoded[i:i + 2], 16) for i in range(2, len(encoded), 2)]
    return "".join(chr(b ^ ord(key[(offset + i) % len(key)])) for i, b in enumerate(pairs))


def test_type7_values_are_real_type7():
    gen = generate("cisco_ios", "sim-0000")
    type7 = re.findall(r" 7 ([0-9A-F]{4,})$", gen.text, re.MULTILINE)
    assert type7
    for value in type7:
        assert _decode_type7(value).isalnum()


@pytest.mark.parametrize(("platform", "needles"), [
    ("juniper_junos", ("encrypted-password \"$6$", "authentication-key \"$9$", "## SECRET-DATA")),
    ("arista_eos", ("secret sha512 $6$", "enable password sha512")),
    ("fortinet", ("set password ENC ", "set psksecret ENC ", "#conf_file_ver=")),
    ("paloalto_panos", ("phash $5$",)),
    ("mikrotik_routeros", ("wpa2-pre-shared-key=", "# 2026-11-29 09:00:00 by RouterOS")),
    ("cisco_asa", ("pbkdf2", "ikev1 pre-shared-key ")),
    ("linux", ("wpa-psk ",)),
    ("huawei_vrp", ("cipher %^%#", "irreversible-cipher $1a$", "\nreturn\n")),
    ("huawei_usg", ("password cipher @%@%", "pre-shared-key %^%#")),
    ("hp_comware", ("cipher $c$3$", "password hash $h$6$", "\nreturn\n")),
    ("cisco_viptela", ("secret-key       $8$", "password $6$")),
    ("cisco_sb", ("encrypted radius-server key ", "password encrypted $15$")),
    ("cisco_aireos", ("config wlan security wpa akm psk set-key ascii ",)),
    ("cisco_wlc9800", ("security wpa psk set-key ascii 0 ", "server-key 7 ")),
    ("cisco_ftd", ("pre-shared-key ", "pbkdf2", ": end")),
    ("alliedtelesis_awplus", ("password 8 $1$", "key 8 ")),
    ("alcatel_aos", ("hash-key ", "encrypt-key ")),
    ("ciena_saos", ("encrypted-secret ", "! END OF CONFIG FILE")),
    ("mellanox_onyx", ("username admin password 7 $6$", "## Generated at ")),
    ("bsd", ("==> /etc/hostname.wg0 <==", "wgkey ")),
])
def test_vendor_syntax(platform, needles):
    text = generate(platform, "sim-0005").text
    for needle in needles:
        assert needle in text


def test_apply_pipe():
    text = "a 1\nb 2\nc 3\n"
    assert apply_pipe(text, "include b|c") == "b 2\nc 3\n"
    assert apply_pipe(text, "exclude b") == "a 1\nc 3\n"
    assert apply_pipe(text, "begin b") == "b 2\nc 3\n"
    assert apply_pipe(text, "grep -v a") == "b 2\nc 3\n"
    assert apply_pipe(text, "no-more") == text
    assert apply_pipe(text, "display xml") is None


def test_junos_display_set():
    gen = generate("juniper_junos", "sim-0006")
    sets = apply_pipe(gen.text, "display set")
    assert "set system host-name sim-0006\n" in sets
    assert "set system login class ops permissions view\n" in sets
    assert all(line.startswith("set ") for line in sets.splitlines())
    assert "SECRET-DATA" not in sets
    for secret in gen.secrets:
        assert secret in sets


def test_profiles_are_data_that_can_be_adjusted():
    ios = PROFILES["cisco_ios"]
    changed = ios.with_changes(priv_prompt="{host}(lab)#")
    assert changed.priv_prompt == "{host}(lab)#" and ios.priv_prompt == "{host}#"


def test_template_generator_renders_secrets_values_and_repeats_to_size():
    from netraven_core.simulator.configgen import TemplateError, from_template
    from netraven_core.simulator.profiles import Profile

    template = ("hostname {{host}}\n"
                "enable secret 9 {{type9}}\n"
                "snmp-server community {{plain:12}} RO\n"
                "crypto key\n"
                "  {{private_key:3}}\n"
                "{{#repeat}}\n"
                "interface Gi0/{{n}}\n"
                " description {{desc}}\n"
                " ip address {{ip}} 255.255.255.0\n"
                " switchport access vlan {{vlan}}\n"
                "{{/repeat}}\n"
                "end\n")
    profile = Profile(name="t", priv_prompt="t#", config=from_template(template))
    small = generate(profile, "r1", size=0)
    big = generate(profile, "r1", size=4000)
    assert small.text.startswith("hostname r1\nenable secret 9 $9$")
    assert small.text.count("interface Gi0/") == 1 and small.text.endswith("end\n")
    assert big.text.count("interface Gi0/") > 20 and "interface Gi0/2\n" in big.text
    assert "switchport access vlan 101" in big.text
    # every secret (3 key lines, a hash, a community) is recorded, and appears in the text
    assert len(small.secrets) == 5 and all(s in small.text for s in small.secrets)
    key_lines = [line for line in small.text.splitlines() if line.startswith("  ")]
    assert len(key_lines) == 3
    assert generate(profile, "r1", size=4000).text == big.text  # deterministic
    with pytest.raises(TemplateError, match=re.escape("line 1: unknown placeholder '{{hots}}'")):
        from_template("hostname {{hots}}\n")
    with pytest.raises(TemplateError, match=re.escape("one {{#repeat}}")):
        from_template("{{#repeat}}\na\n")
