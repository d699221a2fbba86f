"""Real-device dialogue quirks over real SSH: prompts without a host name, host names with dots,
cluster status lines that flip, ANSI codes, ``\\r\\r\\n``, pagers that cannot be turned off (also
mid-line), in-band login, an unrecognised prompt (``PROMPT``, not ``TIMEOUT``)."""

from __future__ import annotations

import time
from dataclasses import replace

import pytest

from netraven_core import driverkit
from netraven_core.errors import ErrorCategory as C
from netraven_core.errors import FetchError
from netraven_core.models import Credential
from netraven_core.simulator import SimulatorThread
from netraven_core.simulator.vdoms import vdom_layout

from .test_drivers_integration import CATALOGUE, CRED, ROOMY, expected_output, fetch, target_for

pytestmark = pytest.mark.integration

# (platform, variants); the device index is the position here.
DEVICES: tuple[tuple[str, frozenset[str]], ...] = (
    ("juniper_junos", frozenset({"unnamed"})),
    ("juniper_junos", frozenset({"cluster"})),
    ("juniper_junos", frozenset({"unnamed", "cluster", "ansi"})),
    ("cisco_ios", frozenset({"unnamed"})),
    ("cisco_xe", frozenset({"dotted"})),
    ("cisco_ios", frozenset({"ansi"})),
    ("cisco_ios", frozenset({"crlf2"})),
    ("arista_eos", frozenset({"paged"})),
    ("cisco_ios", frozenset({"midline"})),
    ("juniper_junos", frozenset({"paged", "crlf2", "dotted"})),
    ("cisco_ios", frozenset({"inband"})),
    ("juniper_junos", frozenset({"midline", "cluster"})),
    ("extreme_exos", frozenset({"counter"})),
    ("fortinet", frozenset({"vdoms"})),
    ("extreme_ers", frozenset()),  # its banner waits for Ctrl-Y and ignores every other key
)


@pytest.fixture(scope="module")
def quirky(host_key_path):
    platforms = [p for p, _v in DEVICES]
    with SimulatorThread(len(DEVICES), platforms, base_port=0, host_key_path=host_key_path,
                         config_size=6000, variants=dict(enumerate(v for _p, v in DEVICES))) as sim:
        for dev in sim.devices:
            # Every platform's own list order, not round-robin: one platform per index.
            assert dev.platform == DEVICES[dev.index][0]
            sim.set_config(dev.hostname, sim.generated(dev.hostname).text)
        yield sim


def _index(variants: set[str], platform: str) -> int:
    return next(i for i, (p, v) in enumerate(DEVICES) if p == platform and v == frozenset(variants))


def _check(sim, index: int, driver: str = "ssh", **kwargs) -> None:
    dev = sim.devices[index]
    out = fetch(driver, target_for(sim, dev.hostname, timeout=ROOMY, **kwargs))
    assert out.text == expected_output(sim.generated(dev.hostname).text)


CASES = [
    ("ssh", {"unnamed"}, "juniper_junos"),
    ("netmiko", {"unnamed"}, "juniper_junos"),
    ("ssh", {"unnamed", "cluster", "ansi"}, "juniper_junos"),
    ("ssh", {"unnamed"}, "cisco_ios"),
    ("netmiko", {"unnamed"}, "cisco_ios"),
    ("ssh", {"dotted"}, "cisco_xe"),
    ("netmiko", {"dotted"}, "cisco_xe"),
    ("ssh", {"ansi"}, "cisco_ios"),
    ("ssh", {"crlf2"}, "cisco_ios"),
    ("netmiko", {"crlf2"}, "cisco_ios"),
    ("ssh", {"paged"}, "arista_eos"),
    ("ssh", {"midline"}, "cisco_ios"),
    ("ssh", {"paged", "crlf2", "dotted"}, "juniper_junos"),
    ("ssh", {"midline", "cluster"}, "juniper_junos"),
    # The prompt counts commands (sw1.2 #, sw1.3 #...): the learned prompt is never seen again.
    ("ssh", {"counter"}, "extreme_exos"),
    ("netmiko", {"counter"}, "extreme_exos"),
    ("ssh", set(), "extreme_ers"),
    ("netmiko", set(), "extreme_ers"),
]


@pytest.mark.parametrize(("driver", "variants", "platform"), CASES,
                         ids=[f"{d}-{p}-{'+'.join(sorted(v))}" for d, v, p in CASES])
def test_quirky_device_backs_up_exactly(quirky, driver, variants, platform):
    _check(quirky, _index(variants, platform), driver)


@pytest.mark.parametrize("driver", ["ssh", "netmiko"])
def test_cluster_role_flip_is_never_stored(quirky, driver):
    dev = quirky.devices[_index({"cluster"}, "juniper_junos")]
    texts = set()
    before = dev.sessions
    for _ in range(2):
        out = fetch(driver, target_for(quirky, dev.hostname, timeout=ROOMY))
        assert "{primary" not in out.text and "{secondary" not in out.text
        texts.add(out.text)
    assert dev.sessions - before == 2  # two sessions: the role shown differed between them
    assert texts == {expected_output(quirky.generated(dev.hostname).text)}


@pytest.mark.parametrize("driver", ["ssh", "netmiko"])
def test_fortigate_with_vdoms_backs_up_every_vdom_and_its_hardware(quirky, driver):
    """With VDOMs on, the top level prints global and every VDOM; hardware answers only in
    "config global", which the platform's section scope enters when the header says vdom=1."""
    dev = quirky.devices[_index({"vdoms"}, "fortinet")]
    out = fetch(driver, target_for(quirky, dev.hostname, timeout=ROOMY))
    assert out.text == expected_output(vdom_layout(quirky.generated(dev.hostname).text))
    assert "config global" in out.text and "edit dmz" in out.text
    sections = dict(out.sections)
    assert "Model name: FortiGate-VM64" in sections["hardware"], sections
    assert "Virtual domain configuration: multiple" in sections["status"]
    # The scope was left again: nothing of the global prompt leaked into a section.
    assert not any("(global)" in text for text in sections.values())


def test_fortigate_section_scope_follows_the_vdom_header():
    platform = CATALOGUE["fortinet"]
    single = "#config-version=FGT60F-7.2.8-FW-build1639:opmode=0:vdom=0:user=a\nconfig system global\n"
    multi = single.replace(":vdom=0:", ":vdom=1:")
    assert driverkit.section_scope_commands(platform, [("show", single)]) == ((), ())
    assert driverkit.section_scope_commands(platform, [("show", multi)]) == (("config global",), ("end",))


def test_inband_login_over_ssh(quirky):
    index = _index({"inband"}, "cisco_ios")
    platform = replace(CATALOGUE["cisco_ios"], inband_login=True)
    _check(quirky, index, platform=platform)


def test_inband_login_refused_is_auth(quirky):
    """Like a Cisco SB shell: SSH lets anyone in, the shell's own login refuses."""
    dev = quirky.devices[_index({"inband"}, "cisco_ios")]
    platform = replace(CATALOGUE["cisco_ios"], inband_login=True)
    wrong = Credential("c", "admin", password="not-the-password-42", enable_secret="sim-enable")
    with pytest.raises(FetchError) as info:
        fetch("ssh", target_for(quirky, dev.hostname, platform=platform, timeout=ROOMY,
                                credential=wrong))
    assert info.value.category is C.AUTH, info.value
    assert wrong.password not in info.value.message


def test_unrecognised_prompt_is_prompt_not_timeout(quirky):
    """The Junos prompt pattern before this fix required user@host: 'admin> ' never matched."""
    dev = quirky.devices[_index({"unnamed"}, "juniper_junos")]
    old = replace(CATALOGUE["juniper_junos"], prompt_pattern=r"[\w.\-]{1,64}@[\w.\-]{1,64}[>#%]\s*$")
    started = time.monotonic()
    with pytest.raises(FetchError) as info:
        fetch("ssh", target_for(quirky, dev.hostname, platform=old, timeout=10.0,
                                driver_options={"login_window": 2.0}))
    assert info.value.category is C.PROMPT, info.value
    assert "'admin>'" in info.value.message
    assert time.monotonic() - started < 10.0  # the login window, not the time limit


def test_unrecognised_prompt_quote_is_scrubbed(quirky):
    """A device echoing a secret on its last line: the PROMPT message never shows it."""
    dev = quirky.devices[_index({"inband"}, "cisco_ios")]
    # Not answering the in-band login: the last line is the device's user name prompt.
    cred = replace(CRED, password="Username")  # a 'secret' that appears in the quoted line
    with pytest.raises(FetchError) as info:
        fetch("ssh", target_for(quirky, dev.hostname, timeout=10.0, credential=cred,
                                driver_options={"login_window": 2.0}))
    assert info.value.category is C.PROMPT, info.value
    assert "Username" not in info.value.message


def test_unknown_variant_and_inapplicable_variant_are_refused():
    from netraven_core.simulator import Simulator

    with pytest.raises(ValueError, match="unknown variant"):
        Simulator(1, ["cisco_ios"], base_port=0, variants={0: "sparkly"})
    with pytest.raises(ValueError, match="no status line"):
        Simulator(1, ["cisco_ios"], base_port=0, variants={0: "cluster"})
    with pytest.raises(ValueError, match="outside"):
        Simulator(1, ["cisco_ios"], base_port=0, variants={3: "unnamed"})


def test_multi_context_asa_backs_up_every_context(host_key_path):
    from netraven_core.simulator.variants import CONTEXTS

    with SimulatorThread(2, ["cisco_asa"], base_port=0, host_key_path=host_key_path,
                         config_size=4000, variants={0: "contexts"}) as sim:
        multi, single = sim.devices
        sim.set_config(multi.hostname, sim.generated(multi.hostname).text)
        sim.set_config(single.hostname, sim.generated(single.hostname).text)
        out = fetch("ssh", target_for(sim, multi.hostname, timeout=ROOMY))
        plain = fetch("ssh", target_for(sim, single.hostname, timeout=ROOMY))
        parts = ("system", *CONTEXTS)
        assert [cmd for cmd, _ in out.outputs] == [
            "show running-config", *(f"changeto context {c}; show running-config" for c in CONTEXTS)]
        expected = [f"! context: system\n{expected_output(sim.generated(multi.hostname).text)}"] + [
            f"! context: {c}\n{expected_output(sim.generated(multi.hostname, c).text)}" for c in CONTEXTS]
        assert [text for _c, text in out.outputs] == expected
        assert len(parts) == len(out.outputs)
        assert "/ctx-dmz#" not in out.text and "sim-password" not in out.text
    # A single-mode ASA: one configuration, no header.
    assert plain.text == expected_output(sim.generated(single.hostname).text)
