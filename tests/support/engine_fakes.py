"""In-process drivers, a platform and an in-memory storage for the engine's unit tests.

The drivers are real plugins satisfying the driver protocols; what each device does (answer,
refuse a credential, hang, fail a few times) is scripted per hostname on a :class:`Lab`.
"""

from __future__ import annotations

import asyncio
import hashlib
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, ClassVar

import pluggy

import netraven_plugins.defaults
from netraven_core import hookspecs
from netraven_core.errors import ErrorCategory, FetchError
from netraven_core.hookspecs import hookimpl
from netraven_core.models import (
    ConfigToStore,
    ConnectionTarget,
    Credential,
    Device,
    FetchOutput,
    Inventory,
    Platform,
    RedactionRule,
    VersionInfo,
)
from netraven_core.plugins import Registry

HOST_KEY_A = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKeyAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
HOST_KEY_B = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKeyBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB"

FAKE_PLATFORM = Platform(
    name="fakeos",
    vendor="Test",
    description="scripted in-process device",
    drivers={"fake": {}, "fake_blocking": {}},
    default_driver="fake",
    prompt_pattern=r"#\s*$",
    backup_commands=("show running-config",),
    volatile_patterns=(r"^! generated at .*$",),
    completeness_pattern=r"^end\s*$",
)

PASSWORD_RULE = RedactionRule(name="fake-password", pattern=r"^\s*password (?P<secret>\S+)")
CONFIG_SECRET = "s3cr3t-pw"  # the fake devices' configured password


def config_text(hostname: str, extra: str = "", stamp: str = "t0", secret: str = CONFIG_SECRET) -> str:
    return (f"! generated at {stamp}\nhostname {hostname}\n password {secret}\n"
            f"interface eth0\n description uplink\n{extra}end\n")


Behaviour = Callable[[ConnectionTarget, int], Any]


@dataclass
class Lab:
    """What the fake devices answer; shared by every driver instance (reset per test)."""

    configs: dict[str, str] = field(default_factory=dict)
    # hostname -> behaviour(target, attempt_no) returning a FetchOutput, a str, a coroutine
    # (async driver only) or None (answer normally), or raising
    behaviours: dict[str, Behaviour] = field(default_factory=dict)
    accepted: dict[str, set[str]] = field(default_factory=dict)  # hostname -> credential names
    host_keys: dict[str, str] = field(default_factory=dict)
    calls: list[tuple[str, str]] = field(default_factory=list)
    targets: list[ConnectionTarget] = field(default_factory=list)
    aborted: list[str] = field(default_factory=list)
    active: int = 0
    max_active: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def answer(self, target: ConnectionTarget) -> Any:
        hostname = target.device.hostname
        with self.lock:
            attempt = sum(1 for h, _ in self.calls if h == hostname) + 1
            self.calls.append((hostname, target.credential.name))
            self.targets.append(target)
        accepted = self.accepted.get(hostname)
        if accepted is not None and target.credential.name not in accepted:
            raise FetchError(ErrorCategory.AUTH, f"credential {target.credential.name} refused")
        behaviour = self.behaviours.get(hostname)
        answer = behaviour(target, attempt) if behaviour is not None else None
        if isinstance(answer, FetchOutput) or asyncio.iscoroutine(answer):
            return answer
        text = answer if isinstance(answer, str) else self.configs[hostname]
        return FetchOutput(outputs=(("show running-config", text),),
                           host_key=self.host_keys.get(hostname, HOST_KEY_A))

    def enter(self) -> None:
        with self.lock:
            self.active += 1
            self.max_active = max(self.max_active, self.active)

    def leave(self) -> None:
        with self.lock:
            self.active -= 1

    def reset(self) -> None:
        self.__init__()  # type: ignore[misc]


LAB = Lab()


class FakeAsyncDriver:
    name: ClassVar[str] = "fake"
    asynchronous: ClassVar[bool] = True

    def __init__(self, target: ConnectionTarget):
        self.target = target

    async def fetch(self) -> FetchOutput:
        LAB.enter()
        try:
            await asyncio.sleep(0.01)
            result = LAB.answer(self.target)
            if asyncio.iscoroutine(result):
                result = await result
            return result
        finally:
            LAB.leave()

    async def abort(self) -> None:
        LAB.aborted.append(self.target.device.hostname)


class FakeBlockingDriver:
    name: ClassVar[str] = "fake_blocking"
    asynchronous: ClassVar[bool] = False

    def __init__(self, target: ConnectionTarget):
        self.target = target
        self.stop = threading.Event()

    def fetch(self) -> FetchOutput:
        LAB.enter()
        try:
            time.sleep(0.01)
            return LAB.answer(self.target)
        finally:
            LAB.leave()

    def abort(self) -> None:
        LAB.aborted.append(self.target.device.hostname)
        self.stop.set()


class FakePlugin:
    @hookimpl
    def netraven_drivers(self) -> list[type]:
        return [FakeAsyncDriver, FakeBlockingDriver]

    @hookimpl
    def netraven_platforms(self) -> list[Platform]:
        return [FAKE_PLATFORM]

    @hookimpl
    def netraven_redaction_rules(self) -> list[RedactionRule]:
        return [PASSWORD_RULE]


def make_registry(*extra: Any) -> Registry:
    """A registry with only the defaults plugin, the fake plugin and ``extra`` plugins."""
    pm = pluggy.PluginManager(hookspecs.PROJECT_NAME)
    pm.add_hookspecs(hookspecs)
    pm.register(netraven_plugins.defaults, name="netraven_plugins.defaults")
    pm.register(FakePlugin(), name="fake")
    for plugin in extra:
        pm.register(plugin)
    return Registry(pm)


class MemoryStorage:
    """A storage backend in a dict (satisfies the Storage protocol); counts save calls."""

    name: ClassVar[str] = "memory"

    def __init__(self, location: str = "", **options: Any):
        self.versions: dict[str, list[VersionInfo]] = {}
        self.texts: dict[str, str] = {}
        self.saves = 0
        self.fail = False

    def latest_text(self, hostname: str) -> str | None:
        history = self.versions.get(hostname)
        return self.texts[history[-1].version] if history else None

    def save(self, configs: Sequence[ConfigToStore], *, run_id: str | None = None,
             message: str | None = None) -> dict[str, VersionInfo]:
        if self.fail:
            raise OSError("disk full")
        self.saves += 1
        saved = {}
        for c in configs:
            digest = hashlib.sha256(c.text.encode()).hexdigest()
            version = f"v{self.saves}-{digest[:8]}"
            info = VersionInfo(c.hostname, version, datetime.now(UTC), digest, len(c.text),
                               c.lines_added, c.lines_removed, run_id, message or "")
            self.texts[version] = c.text
            self.versions.setdefault(c.hostname, []).append(info)
            saved[c.hostname] = info
        return saved

    def history(self, hostname: str, limit: int | None = None) -> list[VersionInfo]:
        newest_first = list(reversed(self.versions.get(hostname, [])))
        return newest_first[:limit] if limit else newest_first

    def read(self, hostname: str, version: str | None = None) -> str:
        return self.texts[version] if version else self.latest_text(hostname) or ""

    def diff(self, hostname: str, version_a: str | None = None, version_b: str | None = None) -> str:
        return ""

    def hostnames(self) -> list[str]:
        return sorted(self.versions)


def lab_inventory(n: int, *, driver: str | None = None, credentials: Sequence[Credential] = ()) -> Inventory:
    """``n`` fake devices tagged ``lab`` with one default credential, configs set in LAB."""
    devices = []
    for i in range(n):
        hostname = f"dev{i:02d}"
        devices.append(Device(hostname=hostname, host="127.0.0.1", platform="fakeos",
                              tags=frozenset({"lab"}), driver=driver))
        LAB.configs[hostname] = config_text(hostname)
    creds = tuple(credentials) or (Credential(name="default", username="admin", password="pw-default-1",
                                              enable_secret="en-default-1", tags=frozenset({"lab"})),)
    return Inventory(devices=tuple(devices), credentials=creds)
