"""The simulator: many SSH devices in one process, one asyncio loop, one listener per device.

Idle devices cost nothing but a listening socket: there are no timers or polling loops, so a
thousand devices idle at ~0 CPU.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import os
import socket
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import asyncssh

from . import faults as faults_mod
from .configgen import DEFAULT_CONFIG_SIZE, GeneratedConfig, generate, refresh_volatile
from .drift import Drift, drift_text, kinds_of
from .facts import DeviceFacts
from .hostkey import load_or_create_host_key, public_key_line
from .profiles import Profile, known_profiles
from .session import CliSession
from .telnet import listen as telnet_listen
from .variants import check_transports, check_variants

log = logging.getLogger(__name__)


class _QuietAfterClose(logging.Filter):
    """Drop asyncio's "socket.send() raised exception." (netmiko closes TCP right after exit)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "socket.send() raised exception" not in record.getMessage()


logging.getLogger("asyncio").addFilter(_QuietAfterClose())


@dataclass
class SimDevice:
    """One simulated device.  ``port`` is the real listening port once started."""

    index: int
    hostname: str
    port: int
    platform: str
    fault: str | None = None
    host: str = "127.0.0.1"
    profile: Profile = field(repr=False, default=None)  # type: ignore[assignment]
    variants: frozenset[str] = frozenset()  # see netraven_core.simulator.variants
    transport: str = "ssh"  # or "telnet" where the profile offers it
    sessions: int = 0  # shell sessions served so far (a "cluster" device's role follows it)


def hostname_for(index: int) -> str:
    """Hostname of device ``index``: ``sim-0000``, ``sim-0001``, ..."""
    return f"sim-{index:04d}"


class Simulator:
    """Simulated network devices speaking SSH on 127.0.0.1.

    :param count: number of devices.
    :param platforms: platform names assigned round-robin (default: every known platform).
    :param base_port: device ``i`` listens on ``base_port + i``; ``0`` picks free ports.
    :param config_dir: device ``i`` serves ``config_dir/<hostname>.cfg`` when that file exists,
        re-read on every request.
    :param faults: ``{index: fault mode}``, see :mod:`netraven_core.simulator.faults`.
    :param transports: ``{index: "telnet"}`` serves those devices over telnet instead of SSH (their
        profile must have ``telnet=True``); the login is then in-band.
    :param variants: ``{index: variant or variants}`` (real-device quirks such as ``"unnamed"``,
        ``"cluster"``, ``"paged"``), see :mod:`netraven_core.simulator.variants`.
    :param host_key_path: file of the shared ed25519 host key (created once, mode 0600).
    :param config_size: approximate size in bytes of generated configurations.
    :param profiles: simulator profiles by platform name (default: every profile the installed
        plugins contribute, see :func:`~netraven_core.simulator.profiles.known_profiles`).
    :param drift_interval: seconds between drift steps of the drifting devices (their generated
        configuration changes, see :mod:`netraven_core.simulator.drift`); ``None``: no timed drift.
    :param drift_devices: indexes of the drifting devices (default: every other one).
    :param response_delay: seconds every device waits before answering a backup command, as
        a real one does while it builds its configuration (0: at once).
    """

    def __init__(self, count: int, platforms: list[str] | tuple[str, ...] | None = None, *,
                 base_port: int = 23000, config_dir: str | os.PathLike[str] | None = None,
                 faults: dict[int, str] | None = None,
                 host_key_path: str | os.PathLike[str] | None = None,
                 config_size: int = DEFAULT_CONFIG_SIZE, username: str = "admin",
                 password: str = "sim-password", enable_secret: str | None = "sim-enable",  # noqa: S107
                 seed: int = 0, host: str = "127.0.0.1", profiles: Mapping[str, Profile] | None = None,
                 variants: Mapping[int, str | tuple[str, ...] | frozenset[str]] | None = None,
                 transports: Mapping[int, str] | None = None,
                 drift_interval: float | None = None, drift_devices: Iterable[int] | None = None,
                 response_delay: float = 0.0):
        if response_delay < 0:
            raise ValueError(f"response_delay must be 0 or more seconds, not {response_delay}")
        profiles = dict(profiles if profiles is not None else known_profiles())
        platforms = tuple(platforms or profiles)
        unknown = [p for p in platforms if p not in profiles]
        if unknown:
            raise ValueError(f"unknown platform(s) {', '.join(unknown)}; known: {', '.join(profiles)}")
        faults = dict(faults or {})
        for index, mode in faults.items():
            if mode not in faults_mod.FAULTS:
                raise ValueError(f"unknown fault mode {mode!r}; known: {', '.join(faults_mod.FAULTS)}")
            if not 0 <= index < count:
                raise ValueError(f"fault index {index} is outside 0..{count - 1}")
        self.base_port = base_port
        self.config_dir = Path(config_dir) if config_dir else None
        self.host_key_path = host_key_path
        self.config_size = config_size
        self.username = username
        self.password = password
        self.enable_secret = enable_secret
        self.seed = seed
        self.host = host
        self.response_delay = response_delay
        chosen = check_variants(variants or {}, count, lambda i: profiles[platforms[i % len(platforms)]])
        transports = check_transports(transports or {}, count,
                                      lambda i: profiles[platforms[i % len(platforms)]])
        self.devices: list[SimDevice] = []
        for i in range(count):
            platform = platforms[i % len(platforms)]
            self.devices.append(SimDevice(
                index=i, hostname=hostname_for(i), port=base_port + i if base_port else 0,
                platform=platform, fault=faults.get(i), host=host, profile=profiles[platform],
                variants=chosen.get(i, frozenset()), transport=transports.get(i, "ssh")))
        self._by_name = {d.hostname: d for d in self.devices}
        self._generated: dict[str, GeneratedConfig] = {}
        self._overrides: dict[str, str] = {}
        self.drift = Drift(drift_interval, drift_devices, count=count)
        self._drifted: dict[str, tuple[int, str]] = {}  # hostname -> (step, text) last served
        self.facts = DeviceFacts(seed)
        self._servers: list[Any] = []
        self._reserved: list[socket.socket] = []
        # Open connections, closed on stop() (closing a listener leaves its connections open).
        self.connections: set[Any] = set()
        self.host_key: asyncssh.SSHKey | None = None
        # (hostname or None for in-band logins, username) of every password login tried: tests
        # prove a credential was never sent somewhere (the password itself is not kept).
        self.login_attempts: list[tuple[str | None, str]] = []

    # ------------------------------------------------------------------ configurations

    def device(self, hostname: str) -> SimDevice:
        return self._by_name[hostname]

    def generated(self, hostname: str, context: str | None = None) -> GeneratedConfig:
        """The generated configuration of a device (deterministic from seed and hostname), or
        of one security context of a ``contexts`` device."""
        key = hostname if context is None else f"{hostname}-{context}"
        gen = self._generated.get(key)
        if gen is None:
            dev = self._by_name[hostname]
            gen = generate(dev.profile, key, seed=self.seed, size=self.config_size)
            self._generated[key] = gen
        return gen

    def set_config(self, hostname: str, text: str | None) -> None:
        """Serve ``text`` as the device's configuration from now on (``None``: back to normal)."""
        self._by_name[hostname]
        if text is None:
            self._overrides.pop(hostname, None)
        else:
            self._overrides[hostname] = text

    def set_facts(self, hostname: str, **facts: str | None) -> None:
        """Change what a device reports about itself from now on, e.g. ``serial="FOC999"``
        (``None`` restores a fact); see :mod:`.facts`."""
        self._by_name[hostname]
        self.facts.set(hostname, facts)

    def config_for(self, hostname: str) -> str:
        """The configuration served for one request: in-memory override, else the file in
        ``config_dir`` (re-read now), else the generated one with fresh volatile lines."""
        override = self._overrides.get(hostname)
        if override is not None:
            return override
        if self.config_dir is not None:
            path = self.config_dir / f"{hostname}.cfg"
            try:
                return path.read_text(encoding="utf-8", errors="replace").replace("\r\n", "\n")
            except FileNotFoundError:
                pass
        dev = self._by_name[hostname]
        return refresh_volatile(dev.profile, self.drifted(hostname), key=f"{id(self)}:{hostname}")

    def drifting(self) -> list[SimDevice]:
        """The devices whose configuration drifts (drift applies and there is something to edit)."""
        return [d for d in self.devices if self.drift.applies(d.index)
                and kinds_of(self.generated(d.hostname).text)]

    def drifted(self, hostname: str) -> str:
        """The generated configuration at the device's current drift step (its volatile lines
        as generated)."""
        text = self.generated(hostname).text
        if not self.drift.applies(self._by_name[hostname].index):
            return text
        step = self.drift.step()
        cached = self._drifted.get(hostname)
        if cached is None or cached[0] != step:
            cached = self._drifted[hostname] = (step, drift_text(text, step))
        return cached[1]

    def context_config(self, hostname: str, context: str) -> str:
        """The configuration of one security context of a ``contexts`` device (generated)."""
        return self.generated(hostname, context).text

    @property
    def host_key_line(self) -> str:
        """The host key as an OpenSSH public key line, for known-hosts stores in tests."""
        if self.host_key is None:
            self.host_key = load_or_create_host_key(self.host_key_path)
        return public_key_line(self.host_key)

    # ------------------------------------------------------------------ serving

    async def start(self) -> None:
        """Start listening on every device's port; returns once all are listening."""
        if self.host_key is None:
            self.host_key = load_or_create_host_key(self.host_key_path)
        self.drift.restart()
        _raise_fd_limit(2 * len(self.devices) + 256)
        loop = asyncio.get_running_loop()
        options = asyncssh.SSHServerConnectionOptions(
            server_host_keys=[self.host_key], line_editor=False, allow_scp=False,
            keepalive_interval=0, login_timeout=120)
        try:
            for dev in self.devices:
                try:
                    await self._listen(dev, loop, options)
                except OSError as exc:
                    raise OSError(exc.errno, f"{dev.hostname}: cannot listen on {self.host}:{dev.port}: "
                                             f"{exc.strerror or exc}") from exc
        except BaseException:
            await self.stop()
            raise

    async def _listen(self, dev: SimDevice, loop: asyncio.AbstractEventLoop,
                      options: asyncssh.SSHServerConnectionOptions) -> None:
        if dev.fault == "refused":
            self._reserve_refused(dev)
        elif dev.fault == "silent":
            server = await loop.create_server(functools.partial(_SilentProtocol, self),
                                             self.host, dev.port)
            dev.port = server.sockets[0].getsockname()[1]
            self._servers.append(server)
        elif dev.transport == "telnet":
            server = await telnet_listen(self.host, dev.port, functools.partial(self._session, dev))
            dev.port = server.sockets[0].getsockname()[1]
            self._servers.append(server)
        else:
            acceptor = await asyncssh.listen(
                self.host, dev.port, options=options, reuse_address=True,
                server_factory=functools.partial(_DeviceServer, self, dev),
                process_factory=functools.partial(self._session, dev))
            dev.port = acceptor.get_port()
            self._servers.append(acceptor)

    def _reserve_refused(self, dev: SimDevice) -> None:
        # A bound socket that never listens answers SYN with RST, and keeps anyone else from
        # listening on the port while we run.
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        try:
            sock.bind((self.host, dev.port))
        except OSError as exc:
            sock.close()
            log.warning("cannot reserve refused port %s: %s", dev.port, exc)
            return
        dev.port = sock.getsockname()[1]
        self._reserved.append(sock)

    async def stop(self) -> None:
        """Stop listening and close every session."""
        servers, self._servers = self._servers, []
        for server in servers:
            server.close()
        for server in servers:
            try:
                await server.wait_closed()
            except Exception:  # noqa: S110 - best effort on shutdown
                pass
        for sock in self._reserved:
            sock.close()
        self._reserved = []
        for conn in list(self.connections):
            conn.close()
        self.connections.clear()

    async def __aenter__(self) -> Simulator:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    async def _session(self, dev: SimDevice, process: Any) -> None:
        """One CLI session: an asyncssh server process, or a telnet one (in-band login)."""
        if process.command is None:
            dev.sessions += 1
        telnet = dev.transport == "telnet"
        session = CliSession(
            process, profile=dev.profile, hostname=dev.hostname,
            username=(None if telnet else process.get_extra_info("username")) or self.username,
            enable_secret=self.enable_secret, fault=dev.fault,
            get_config=functools.partial(self.config_for, dev.hostname),
            facts=functools.partial(self.facts.fields, dev.hostname),
            variants=dev.variants | {"inband"} if telnet or dev.profile.ssh_auth_none else dev.variants,
            session_number=dev.sessions - 1, check_login=self.check_login,
            response_delay=self.response_delay,
            context_config=functools.partial(self.context_config, dev.hostname))
        if telnet:
            self.connections.add(process.channel)
        try:
            await session.run()
        finally:
            self.connections.discard(process.channel)

    def check_login(self, username: str, password: str) -> bool:
        """Whether an in-band login (telnet, ``inband`` shells) is the simulator's account."""
        self.login_attempts.append((None, username))
        return self._matches(username, password)

    def _matches(self, username: str, password: str) -> bool:
        return username.split("+", 1)[0] == self.username and password == self.password

    def write_inventory(self, path: str | os.PathLike[str], **kwargs: Any) -> None:
        """Write a NetRaven YAML inventory of these devices (see :func:`.inventory.write_inventory`)."""
        from .inventory import write_inventory

        write_inventory(self, path, **kwargs)


def _raise_fd_limit(needed: int) -> None:
    """Raise the soft open-files limit towards ``needed`` (one socket per device, plus sessions)."""
    try:
        import resource
    except ImportError:  # pragma: no cover - not on POSIX
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft == resource.RLIM_INFINITY or soft >= needed:
        return
    target = needed if hard == resource.RLIM_INFINITY else min(needed, hard)
    try:
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
    except (ValueError, OSError):  # pragma: no cover - best effort
        log.warning("could not raise the open-files limit to %d", target)


class _DeviceServer(asyncssh.SSHServer):
    def __init__(self, sim: Simulator, dev: SimDevice):
        self.sim = sim
        self.dev = dev

    def connection_made(self, conn: asyncssh.SSHServerConnection) -> None:
        self.conn = conn
        self.sim.connections.add(conn)
        if self.dev.fault == "banner":
            conn.send_auth_banner(faults_mod.auth_banner(self.dev.hostname))

    def connection_lost(self, exc: Exception | None) -> None:
        self.sim.connections.discard(self.conn)

    def begin_auth(self, username: str) -> bool:
        # An in-band login shell (Cisco SB style, PowerConnect) lets anyone through SSH, with the
        # "none" method too (False: no authentication needed), and asks in the shell itself.
        return "inband" not in self.dev.variants and not self.dev.profile.ssh_auth_none

    def password_auth_supported(self) -> bool:
        return True

    def validate_password(self, username: str, password: str) -> bool:
        self.sim.login_attempts.append((self.dev.hostname, username))
        if self.dev.fault == "auth":
            return False
        return self.sim._matches(username, password)


class _SilentProtocol(asyncio.Protocol):
    """Accepts TCP and says nothing, ever (a device whose SSH daemon hangs)."""

    def __init__(self, sim: Simulator):
        self.sim = sim

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport
        self.sim.connections.add(transport)

    def connection_lost(self, exc: Exception | None) -> None:
        self.sim.connections.discard(self.transport)

    def data_received(self, data: bytes) -> None:
        pass
