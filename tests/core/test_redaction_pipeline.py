"""End to end through the engine, per catalogue platform: the secret-laden fixtures leave no secret
value in storage (every version and diff), in the logs or in the events notifiers receive; volatile
lines alone and secret rotations alone create no version; a real change does, with a clean diff.

The device side is an in-process driver (registered under the name ``ssh``, so it replaces the
native driver the way a third-party plugin would) that answers with the fixture text; everything
after the fetch — normalisation, redaction, change detection, git storage, events — is real.
"""

from __future__ import annotations

import json
import logging
import re
from typing import Any, ClassVar

import pytest

from netraven_core.engine import run_backup
from netraven_core.hookspecs import hookimpl
from netraven_core.models import (
    ConnectionTarget,
    Credential,
    Device,
    Event,
    FetchOutput,
    HostKeyMode,
    Inventory,
)
from netraven_core.plugins import Registry, get_plugin_manager

from ..support.redaction_cases import PLATFORMS, fixture_secrets, fixture_text

LOGIN_PASSWORD = "Login-Pw-7f3a9"
ENABLE_SECRET = "Enable-Sc-2b8c1"


class FixtureDevice:
    """The 'device': answers every backup command with the text set for its hostname."""

    name: ClassVar[str] = "ssh"
    asynchronous: ClassVar[bool] = True
    texts: ClassVar[dict[str, str]] = {}

    def __init__(self, target: ConnectionTarget) -> None:
        self.target = target

    async def fetch(self) -> FetchOutput:
        logging.getLogger("tests.fixture_device").debug(
            "fetching %s with %s", self.target.device.hostname, self.target.credential)
        text = self.texts[self.target.device.hostname]
        return FetchOutput(outputs=tuple((c, text) for c in self.target.platform.backup_commands[:1]))

    async def abort(self) -> None:
        return None


class Capture:
    """A notifier and an event-hook plugin at once: keeps every event it sees."""

    name: ClassVar[str] = "capture"

    def __init__(self, **_options: Any) -> None:
        self.events: list[Event] = []

    def notify(self, event: Event) -> None:
        self.events.append(event)

    @hookimpl
    def netraven_drivers(self) -> list[type]:
        return [FixtureDevice]

    @hookimpl
    def netraven_event(self, event: Event) -> None:
        self.events.append(event)


def _shift_volatile(text: str, registry: Registry, platform: str) -> str:
    regex = re.compile("|".join(f"(?:{p})" for p in registry.platform(platform).volatile_patterns)
                       or "(?!)")
    return "\n".join(re.sub(r"\d", lambda m: str((int(m.group()) + 1) % 10), line)
                     if regex.search(line) else line for line in text.split("\n"))


@pytest.fixture
def setup(tmp_path):
    capture = Capture()
    registry = Registry(get_plugin_manager(load_entrypoints=False, extra_plugins=[capture]))
    storage = registry.storage("git", str(tmp_path / "repo"))
    devices = tuple(Device(hostname=f"dev-{p.replace('_', '-')}", host="192.0.2.10", platform=p,
                           tags=frozenset({"lab"})) for p in PLATFORMS)
    credential = Credential(name="lab", username="admin", password=LOGIN_PASSWORD,
                            enable_secret=ENABLE_SECRET, tags=frozenset({"lab"}))
    inventory = Inventory(devices=devices, credentials=(credential,))
    return registry, storage, inventory, capture


def _run(registry, storage, inventory, capture):
    return run_backup(inventory, storage, registry=registry, workers=8, timeout=30, retries=0,
                      host_key_mode=HostKeyMode.OFF, notifiers=[capture])


def _everything_stored(storage, hostname: str) -> str:
    parts = []
    for info in storage.history(hostname):
        parts.append(storage.read(hostname, info.version))
        parts.append(json.dumps(info.__dict__, default=str))
    parts.append(storage.diff(hostname))
    return "\n".join(parts)


def test_no_secret_reaches_storage_logs_or_events(setup, caplog) -> None:
    registry, storage, inventory, capture = setup
    caplog.set_level(logging.DEBUG)
    secrets = {d.hostname: [*fixture_secrets(d.platform), LOGIN_PASSWORD, ENABLE_SECRET]
               for d in inventory.devices}
    FixtureDevice.texts = {d.hostname: fixture_text(d.platform) for d in inventory.devices}

    first = _run(registry, storage, inventory, capture)
    assert [r.hostname for r in first.results if not r.ok] == []
    assert all(r.changed for r in first.results)

    # the next fetch: volatile lines moved on, every secret re-encrypted (rotated) -> no version
    for d in inventory.devices:
        text = _shift_volatile(fixture_text(d.platform), registry, d.platform)
        for i, secret in enumerate(fixture_secrets(d.platform)):
            rotated = f"Rot{i}x{secret[::-1]}"
            text = text.replace(secret, rotated)
            secrets[d.hostname].append(rotated)
        FixtureDevice.texts[d.hostname] = text
    second = _run(registry, storage, inventory, capture)
    assert [r.hostname for r in second.results if r.changed or not r.ok] == []
    assert all(len(storage.history(d.hostname)) == 1 for d in inventory.devices)

    # a real change next to the secrets -> one new version with a clean diff
    for d in inventory.devices:
        comment = registry.platform(d.platform).comment_prefix
        lines = fixture_text(d.platform).split("\n")
        lines.insert(12, f"{comment} change-marker-{d.platform}")
        FixtureDevice.texts[d.hostname] = "\n".join(lines)
    third = _run(registry, storage, inventory, capture)
    assert [(r.hostname, r.lines_added, r.lines_removed) for r in third.results
            if not (r.changed and r.lines_added == 1)] == []
    assert all(len(storage.history(d.hostname)) == 2 for d in inventory.devices)

    events_text = json.dumps([e.as_dict() for e in capture.events], default=str)
    assert "change-marker-cisco_ios" in events_text  # the diffs did reach the notifiers
    logs = caplog.text + "\n".join(str(r.args) for r in caplog.records)
    for d in inventory.devices:
        stored = _everything_stored(storage, d.hostname)
        assert "<redacted>" in stored
        for secret in secrets[d.hostname]:
            assert secret not in stored, (d.platform, secret)
            assert secret not in events_text, (d.platform, secret)
            assert secret not in logs, (d.platform, secret)
