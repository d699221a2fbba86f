"""The built-in drivers against the simulator over real SSH: every platform, fault modes, host keys.

Blocking drivers run in a worker thread, as the engine runs them (scrapli also relies on that:
in the main thread it would take over SIGALRM, which pytest-timeout uses).
"""

from __future__ import annotations

import asyncio
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace

import asyncssh
import pytest

from netraven_core.errors import ErrorCategory as C
from netraven_core.errors import FetchError
from netraven_core.models import ConnectionTarget, Credential, Device, FetchOutput, HostKeyMode, Platform
from netraven_core.protocols import AsyncDriver, Driver
from netraven_core.simulator import SimulatorThread, known_profiles
from netraven_plugins.drivers import netmiko_driver, scrapli_driver, ssh
from netraven_plugins.platforms import builtin_platforms

PLATFORMS = tuple(known_profiles())

pytestmark = pytest.mark.integration

CATALOGUE: dict[str, Platform] = {p.name: p for p in builtin_platforms()}
DRIVERS: dict[str, type] = {
    "ssh": ssh.AsyncSSHDriver,
    "netmiko": netmiko_driver.NetmikoDriver,
    "scrapli": scrapli_driver.ScrapliDriver,
}
CRED = Credential("sim", "admin", password="sim-password", enable_secret="sim-enable")
FAULT_TIMEOUT = 3.0
# For fetches whose verdict is not a timeout (they end by themselves, well before it): room for a
# slow login on a loaded 2-core CI host, at no cost when the host is quiet.
ROOMY = 20.0
# Generous: a fault must end in a few timeouts, never hang (the suite's timeout is the backstop).
FAULT_BOUND = 20.0
SIM_PLATFORMS = [p for p in PLATFORMS if p in CATALOGUE]
FAULTS = ("auth", "enable", "refused", "silent", "stall", "disconnect", "endless", "paging", "banner")


def fetch(driver: str, target: ConnectionTarget) -> FetchOutput:
    cls = DRIVERS[driver]
    if cls.asynchronous:
        return asyncio.run(cls(target).fetch())
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(cls(target).fetch).result()


def target_for(sim, hostname: str, *, platform: Platform | None = None, timeout: float = 10.0,
               **kwargs) -> ConnectionTarget:
    dev = sim.device(hostname)
    device = Device(hostname, dev.host, dev.platform, port=dev.port)
    return ConnectionTarget(device, platform or CATALOGUE[dev.platform], kwargs.pop("credential", CRED),
                            timeout=timeout, **kwargs)


def expected_output(text: str) -> str:
    return text.lstrip("\n").rstrip() + "\n"


@pytest.fixture(scope="module")
def healthy(host_key_path):
    """One device per simulated platform, each serving a fixed configuration."""
    with SimulatorThread(len(SIM_PLATFORMS), SIM_PLATFORMS, base_port=0, host_key_path=host_key_path) as sim:
        for dev in sim.devices:
            sim.set_config(dev.hostname, sim.generated(dev.hostname).text)
        yield sim


@pytest.fixture(scope="module")
def faulty(host_key_path):
    """cisco_ios devices, device i in fault mode FAULTS[i]; ``sim.by_fault[mode]`` is its hostname."""
    faults = dict(enumerate(FAULTS))
    with SimulatorThread(len(FAULTS), ["cisco_ios"], base_port=0, host_key_path=host_key_path,
                         faults=faults) as sim:
        sim.simulator.by_fault = {mode: sim.devices[i].hostname for i, mode in faults.items()}
        for dev in sim.devices:
            sim.set_config(dev.hostname, sim.generated(dev.hostname).text)
        yield sim


@pytest.fixture(scope="module")
def paging(host_key_path):
    """Every platform that pages, ignoring ``terminal length 0``."""
    names = [p for p in SIM_PLATFORMS if CATALOGUE[p].paging_prompt]
    with SimulatorThread(len(names), names, base_port=0, host_key_path=host_key_path,
                         faults={i: "paging" for i in range(len(names))}) as sim:
        for dev in sim.devices:
            sim.set_config(dev.hostname, sim.generated(dev.hostname).text)
        yield sim


def _pairs() -> list[tuple[str, str]]:
    return [(drv, name) for name in SIM_PLATFORMS for drv in DRIVERS if drv in CATALOGUE[name].drivers]


# --------------------------------------------------------------------------- every platform


@pytest.mark.parametrize(("driver", "platform"), _pairs(), ids=[f"{d}-{p}" for d, p in _pairs()])
def test_every_platform_and_driver_fetches_the_exact_config(healthy, driver, platform):
    dev = healthy.devices[SIM_PLATFORMS.index(platform)]
    out = fetch(driver, target_for(healthy, dev.hostname))
    assert [cmd for cmd, _ in out.outputs] == list(CATALOGUE[platform].backup_commands)
    # Exact: no echo, no prompt, no paging or terminal debris, nothing lost.
    assert out.text == expected_output(healthy.generated(dev.hostname).text)
    assert out.host_key == healthy.host_key_line
    assert "sim-password" not in out.text and "sim-enable" not in out.text


def test_driver_plugins_satisfy_the_protocols():
    for module, protocol in ((ssh, AsyncDriver), (netmiko_driver, Driver), (scrapli_driver, Driver)):
        (cls,) = module.netraven_drivers()
        assert cls.name in DRIVERS and DRIVERS[cls.name] is cls
        target = ConnectionTarget(Device("x", "127.0.0.1", "cisco_ios"), CATALOGUE["cisco_ios"], CRED)
        assert isinstance(cls(target), protocol)
        assert cls.asynchronous is (protocol is AsyncDriver)


# --------------------------------------------------------------------------- fault modes

SSH_FAULTS = {
    "auth": {C.AUTH},
    "enable": {C.ENABLE},
    "refused": {C.REFUSED},
    "silent": {C.TIMEOUT},
    "stall": {C.TIMEOUT},
    "disconnect": {C.DISCONNECTED, C.TRUNCATED},
    # The output never ends: the per-command time limit (TIMEOUT) or the output size limit
    # (TRUNCATED, see docs/drivers.md) ends it, whichever comes first.
    "endless": {C.TIMEOUT, C.TRUNCATED},
}
OTHER_FAULTS = {
    "netmiko": ("auth", "enable", "refused", "silent", "stall", "disconnect", "endless"),
    "scrapli": ("auth", "enable", "refused", "silent", "stall", "disconnect", "endless"),
}
FAULT_CASES = [("ssh", f) for f in SSH_FAULTS] + [(d, f) for d, fs in OTHER_FAULTS.items() for f in fs]


@pytest.mark.parametrize(("driver", "fault"), FAULT_CASES, ids=[f"{d}-{f}" for d, f in FAULT_CASES])
def test_fault_modes_are_classified_in_bounded_time(faulty, driver, fault):
    # With the ssh driver, faults that can only end in TIMEOUT get a shorter limit: a slow login
    # cannot change the verdict there.  (scrapli turns a timeout while escalating privilege into
    # an enable failure, so under load a short limit could change its verdict.)
    short = driver == "ssh" and fault in ("silent", "stall", "endless")
    # Faults that end by themselves at login must not race the limit: a login slowed by load
    # past it would turn their verdict into TIMEOUT.  (netmiko only notices "disconnect" at the
    # limit, so that one keeps the short limit.)
    ends_by_itself = fault in ("auth", "enable", "refused")
    timeout = 1.0 if short else ROOMY if ends_by_itself else FAULT_TIMEOUT
    target = target_for(faulty, faulty.by_fault[fault], timeout=timeout)
    started = time.monotonic()
    with pytest.raises(FetchError) as info:
        fetch(driver, target)
    elapsed = time.monotonic() - started
    assert info.value.category in SSH_FAULTS[fault], info.value
    assert elapsed < FAULT_BOUND
    assert "sim-password" not in str(info.value) and "sim-enable" not in str(info.value)


def test_endless_output_hits_the_size_limit(faulty):
    target = target_for(faulty, faulty.by_fault["endless"], timeout=30,
                        driver_options={"max_output": 300_000})
    with pytest.raises(FetchError) as info:
        fetch("ssh", target)
    assert info.value.category is C.TRUNCATED


@pytest.mark.parametrize("driver", list(DRIVERS))
def test_banner_and_motd_do_not_confuse_prompt_detection(faulty, driver):
    hostname = faulty.by_fault["banner"]
    out = fetch(driver, target_for(faulty, hostname, timeout=ROOMY))
    assert out.text == expected_output(faulty.generated(hostname).text)


@pytest.mark.parametrize("platform", [p for p in SIM_PLATFORMS if CATALOGUE[p].paging_prompt])
def test_ssh_driver_pages_through_more_prompts(paging, platform):
    hostname = next(d.hostname for d in paging.devices if d.platform == platform)
    out = fetch("ssh", target_for(paging, hostname, timeout=ROOMY))
    assert out.text == expected_output(paging.generated(hostname).text)


@pytest.mark.parametrize("driver", list(DRIVERS))
def test_rejected_command_is_a_command_error(healthy, driver):
    platform = replace(CATALOGUE["cisco_ios"], backup_commands=("show running-config bogus-word",))
    dev = healthy.devices[SIM_PLATFORMS.index("cisco_ios")]
    with pytest.raises(FetchError) as info:
        fetch(driver, target_for(healthy, dev.hostname, platform=platform, timeout=ROOMY))
    assert info.value.category is C.COMMAND


@pytest.mark.parametrize("driver", list(DRIVERS))
def test_output_failing_the_completeness_check_is_truncated(host_key_path, driver):
    with SimulatorThread(1, ["cisco_ios"], base_port=0, host_key_path=host_key_path) as sim:
        hostname = sim.devices[0].hostname
        sim.set_config(hostname, "hostname r1\ninterface Gi0/1\n description cut short\n")
        with pytest.raises(FetchError) as info:
            fetch(driver, target_for(sim, hostname, timeout=ROOMY))
    assert info.value.category is C.TRUNCATED


# --------------------------------------------------------------------------- abort


def test_ssh_abort_ends_a_stalled_fetch(faulty):
    async def scenario() -> FetchError:
        driver = ssh.AsyncSSHDriver(target_for(faulty, faulty.by_fault["stall"], timeout=60))
        task = asyncio.ensure_future(driver.fetch())
        await asyncio.sleep(0.5)
        await driver.abort()
        with pytest.raises(FetchError) as info:
            await asyncio.wait_for(task, 10)
        return info.value

    assert asyncio.run(scenario()).category is C.TIMEOUT


@pytest.mark.parametrize("driver", list(DRIVERS))
def test_abort_ends_a_fetch_stuck_in_the_ssh_handshake(faulty, driver):
    instance = DRIVERS[driver](target_for(faulty, faulty.by_fault["silent"], timeout=60))

    async def run_async() -> None:
        task = asyncio.ensure_future(instance.fetch())
        await asyncio.sleep(0.5)
        await instance.abort()
        await asyncio.wait_for(task, FAULT_BOUND)

    started = time.monotonic()
    with pytest.raises(FetchError) as info:
        if instance.asynchronous:
            asyncio.run(run_async())
        else:
            with ThreadPoolExecutor(1) as pool:
                future = pool.submit(instance.fetch)
                time.sleep(0.5)
                threading.Thread(target=instance.abort).start()
                future.result(timeout=FAULT_BOUND)
    assert time.monotonic() - started < FAULT_BOUND
    assert info.value.category is C.TIMEOUT


@pytest.mark.parametrize("driver", ["netmiko", "scrapli"])
def test_blocking_abort_from_another_thread_ends_a_stalled_fetch(faulty, driver):
    instance = DRIVERS[driver](target_for(faulty, faulty.by_fault["stall"], timeout=60))
    with ThreadPoolExecutor(1) as pool:
        future = pool.submit(instance.fetch)
        time.sleep(1.0)
        started = time.monotonic()
        threading.Thread(target=instance.abort).start()
        with pytest.raises(FetchError) as info:
            future.result(timeout=FAULT_BOUND)
    assert time.monotonic() - started < FAULT_BOUND
    assert info.value.category is C.TIMEOUT


# --------------------------------------------------------------------------- host keys and keys


class _Recorder(asyncssh.SSHServer):
    """Records every authentication attempt; accepts only ``authorized`` public keys."""

    attempts: list[str]
    authorized: list[asyncssh.SSHKey]

    def begin_auth(self, username: str) -> bool:
        self.attempts.append(f"begin:{username}")
        return True

    def password_auth_supported(self) -> bool:
        return True

    def validate_password(self, username: str, password: str) -> bool:
        self.attempts.append("password")
        return False

    def public_key_auth_supported(self) -> bool:
        return True

    def validate_public_key(self, username: str, key: asyncssh.SSHKey) -> bool:
        self.attempts.append("publickey")
        return any(key == allowed.convert_to_public() for allowed in self.authorized)


CONFIG = "hostname r1\ninterface Ethernet1/1\n  description uplink\nline vty\n"


async def _tiny_shell(process: asyncssh.SSHServerProcess, prompt: str = "r1# ") -> None:
    """Just enough of a CLI for the three drivers (prompt, setup commands, the backup command)."""
    try:
        while True:
            process.stdout.write(prompt)
            line = (await process.stdin.readline()).strip()
            if line in ("exit", ""):
                if line == "exit" or process.stdin.at_eof():
                    break
                continue
            if line in ("show running-config", "cat /etc/network/interfaces"):
                process.stdout.write(CONFIG.replace("\n", "\r\n"))
            elif not line.startswith("terminal "):
                process.stdout.write("% Invalid command\r\n")
    except (asyncssh.BreakReceived, asyncssh.TerminalSizeChanged, asyncssh.Error, OSError):
        pass
    process.exit(0)


class RecordingServer:
    """An SSH server in a background thread, with its own host key; see :class:`_Recorder`."""

    def __init__(self, authorized: list[asyncssh.SSHKey] | None = None, prompt: str = "r1# "):
        self.prompt = prompt
        self.attempts: list[str] = []
        self.authorized = authorized or []
        self.host_key = asyncssh.generate_private_key("ssh-ed25519")
        self.loop = asyncio.new_event_loop()

    def __enter__(self) -> RecordingServer:
        threading.Thread(target=self.loop.run_forever, daemon=True).start()

        def factory() -> _Recorder:
            server = _Recorder()
            server.attempts, server.authorized = self.attempts, self.authorized
            return server

        async def listen() -> asyncssh.SSHAcceptor:
            return await asyncssh.listen("127.0.0.1", 0, server_host_keys=[self.host_key],
                                         server_factory=factory,
                                         process_factory=lambda p: _tiny_shell(p, self.prompt))

        self.acceptor = asyncio.run_coroutine_threadsafe(listen(), self.loop).result(10)
        self.port = self.acceptor.get_port()
        return self

    def __exit__(self, *exc: object) -> None:
        async def close() -> None:
            self.acceptor.close()

        # asyncio is not thread-safe: closing the server from this thread raced the loop
        # detaching a finished connection (TypeError in asyncio's Server._wakeup).
        asyncio.run_coroutine_threadsafe(close(), self.loop).result(10)
        self.loop.call_soon_threadsafe(self.loop.stop)

    @property
    def key_line(self) -> str:
        return " ".join(self.host_key.export_public_key("openssh").decode().split()[:2])

    def target(self, platform: str = "cisco_nxos", **kwargs) -> ConnectionTarget:
        device = Device("r1", "127.0.0.1", platform, port=self.port)
        return ConnectionTarget(device, CATALOGUE[platform], kwargs.pop("credential", CRED),
                                timeout=ROOMY, **kwargs)


OTHER_KEY = " ".join(asyncssh.generate_private_key("ssh-ed25519").export_public_key("openssh")
                     .decode().split()[:2])


@pytest.mark.parametrize("driver", list(DRIVERS))
@pytest.mark.parametrize(("mode", "known"), [(HostKeyMode.TOFU, OTHER_KEY), (HostKeyMode.STRICT, OTHER_KEY),
                                             (HostKeyMode.STRICT, None)], ids=["tofu-mismatch",
                                                                                "strict-mismatch",
                                                                                "strict-unknown"])
def test_host_key_refused_before_any_credential_is_sent(driver, mode, known):
    with RecordingServer() as server:
        with pytest.raises(FetchError) as info:
            fetch(driver, server.target(host_key_mode=mode, known_host_key=known))
        assert info.value.category is C.HOST_KEY
        assert server.attempts == []  # not even the user name was sent


@pytest.mark.parametrize("driver", list(DRIVERS))
def test_remembered_key_of_another_type_is_a_host_key_error(driver):
    ecdsa = " ".join(asyncssh.generate_private_key("ecdsa-sha2-nistp256").export_public_key("openssh")
                     .decode().split()[:2])
    with RecordingServer() as server:
        with pytest.raises(FetchError) as info:
            fetch(driver, server.target(known_host_key=ecdsa))
        assert info.value.category is C.HOST_KEY, str(info.value)
        assert server.attempts == []
        if driver == "ssh":
            # The server got to present its own key (rather than failing the key exchange and
            # dropping the connection, which raced the client's reading of why).
            assert "got ssh-ed25519" in str(info.value)


@pytest.mark.parametrize("driver", list(DRIVERS))
def test_accepted_host_key_goes_on_to_authenticate(driver):
    """The positive control of the test above: the recorder does see attempts."""
    with RecordingServer() as server:
        with pytest.raises(FetchError) as info:
            fetch(driver, server.target(host_key_mode=HostKeyMode.TOFU))
        assert info.value.category is C.AUTH
        assert "password" in server.attempts


@pytest.mark.parametrize("driver", list(DRIVERS))
def test_tofu_returns_the_key_and_a_known_key_is_accepted(healthy, driver):
    dev = healthy.devices[SIM_PLATFORMS.index("cisco_ios")]
    first = fetch(driver, target_for(healthy, dev.hostname))
    assert first.host_key == healthy.host_key_line
    again = fetch(driver, target_for(healthy, dev.hostname, host_key_mode=HostKeyMode.STRICT,
                                     known_host_key=first.host_key + " some-comment"))
    assert again.host_key == first.host_key


@pytest.mark.parametrize("driver", list(DRIVERS))
def test_host_key_mode_off_accepts_a_changed_key(healthy, driver):
    dev = healthy.devices[SIM_PLATFORMS.index("cisco_ios")]
    out = fetch(driver, target_for(healthy, dev.hostname, host_key_mode=HostKeyMode.OFF,
                                   known_host_key=OTHER_KEY))
    assert out.host_key == healthy.host_key_line


@pytest.mark.parametrize("driver", list(DRIVERS))
@pytest.mark.parametrize("passphrase", [None, "key-passphrase"], ids=["plain-key", "encrypted-key"])
def test_private_key_authentication(driver, passphrase):
    client_key = asyncssh.generate_private_key("ssh-ed25519")
    # Few bcrypt rounds: the default (128) costs seconds per decryption.
    text = client_key.export_private_key("openssh", passphrase=passphrase, rounds=2).decode()
    cred = Credential("key", "admin", private_key=text, private_key_passphrase=passphrase)
    with RecordingServer(authorized=[client_key]) as server:
        out = fetch(driver, server.target(credential=cred))
    assert out.text == CONFIG
    assert "password" not in server.attempts


def test_wrong_key_passphrase_is_an_auth_error():
    text = asyncssh.generate_private_key("ssh-ed25519").export_private_key(
        "openssh", passphrase="right", rounds=2).decode()
    cred = Credential("key", "admin", private_key=text, private_key_passphrase="wrong")
    with RecordingServer() as server:
        for driver in DRIVERS:
            with pytest.raises(FetchError) as info:
                fetch(driver, server.target(credential=cred))
            assert info.value.category is C.AUTH
            assert "wrong" not in info.value.message


def test_ssh_driver_with_a_coloured_shell_prompt():
    client_key = asyncssh.generate_private_key("ssh-ed25519")
    cred = Credential("key", "admin", private_key=client_key.export_private_key().decode())
    prompt = "\x1b]0;admin@r1: ~\x07\x1b[01;32madmin@r1\x1b[00m:\x1b[01;34m~\x1b[00m$ "
    # Two commands: the second must still recognise the prompt with its colour codes.
    linux = replace(CATALOGUE["linux"], setup_commands=("terminal length 0",))
    with RecordingServer(authorized=[client_key], prompt=prompt) as server:
        out = fetch("ssh", replace(server.target("linux", credential=cred), platform=linux))
    assert out.text == CONFIG


@pytest.mark.parametrize("driver", list(DRIVERS))
def test_unresolvable_host_is_unreachable(driver):
    device = Device("ghost", "no-such-device.invalid", "cisco_ios")
    target = ConnectionTarget(device, CATALOGUE["cisco_ios"], CRED, timeout=FAULT_TIMEOUT)
    with pytest.raises(FetchError) as info:
        fetch(driver, target)
    assert info.value.category is C.UNREACHABLE
