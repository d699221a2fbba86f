"""A third-party plugin implementing every NetRaven hook, used by tests/core/test_plugin_hooks.py."""

from __future__ import annotations

from typing import Any, ClassVar

import click
from marshmallow import Schema, fields, validate

from netraven_core import (
    Credential,
    Device,
    EnableSpec,
    Event,
    FetchOutput,
    Inventory,
    Platform,
    RedactionRule,
    hookimpl,
)
from netraven_core.errors import InventoryError
from netraven_core.simulator.configgen import from_template
from netraven_core.simulator.profiles import Profile

EVENTS: list[Event] = []
NOTICES: list[Event] = []
DELIVERED: list[tuple[dict[str, Any], Event]] = []  # (options it was built with, event)

ACME = Platform(
    name="acme_os",
    vendor="ACME",
    description="ACME OS, contributed by a test plugin",
    drivers={"echo": {}, "ssh": {}},
    default_driver="ssh",
    prompt_pattern=r"acme[>#]\s*$",
    backup_commands=("show config",),
    enable=EnableSpec(),
)


ACME_PROFILE = Profile(
    name="acme_os",
    user_prompt="acme>",
    priv_prompt="acme#",
    enable_command="enable",
    backup_commands=("show config",),
    backup_requires_privilege=True,
    error_reply="% unknown command\n",
    config=from_template(
        "! ACME OS 1.0 on {{host}}\n"
        "api-key {{plain:20}}\n"
        "{{#repeat}}\n"
        "port {{n}} description {{desc}}\n"
        "{{/repeat}}\n"
        "end\n"),
)


class EchoDriver:
    """Returns the device's ``vars['config']`` without any network, like a lab stub device."""

    name: ClassVar[str] = "echo"
    asynchronous: ClassVar[bool] = False

    def __init__(self, target: Any) -> None:
        self.target = target

    def fetch(self) -> FetchOutput:
        return FetchOutput(outputs=(("show config", self.target.device.vars.get("config", "")),))

    def abort(self) -> None:
        pass


class MemoryStorage:
    name: ClassVar[str] = "memory"

    def __init__(self, location: str, **options: Any) -> None:
        self.location = location
        self.options = options


class ListOptions(Schema):
    channel = fields.String(required=True, metadata={"description": "where notices go"})
    token = fields.String(required=True, metadata={"secret": True, "description": "API token"})
    level = fields.String(load_default="info", validate=validate.OneOf(["info", "warning"]))


class ListNotifier:
    """Appends events to a list (a test plugin's notifier with declared options)."""

    name: ClassVar[str] = "list"
    options_schema: ClassVar[type[Schema]] = ListOptions

    def __init__(self, **options: Any) -> None:
        self.options = options

    def notify(self, event: Event) -> None:
        NOTICES.append(event)
        DELIVERED.append((dict(self.options), event))


class IniSource:
    """``hostname = host platform`` lines: a toy format a plugin might add."""

    name: ClassVar[str] = "ini"
    suffixes: ClassVar[tuple[str, ...]] = (".ini",)

    def load(self, location: str) -> Inventory:
        devices = []
        with open(location, encoding="utf-8") as fh:
            for line in fh:
                if "=" in line:
                    hostname, rest = (part.strip() for part in line.split("=", 1))
                    host, platform = rest.split()
                    devices.append(Device(hostname=hostname, host=host, platform=platform,
                                          tags=frozenset({"ini"})))
        cred = Credential(name="ini", username="u", password="ini-secret-pw", tags=frozenset({"ini"}))
        return Inventory(devices=tuple(devices), credentials=(cred,))

    def parse_text(self, text, source_name, *, lenient=True, base_dir=None, env=None):
        """Uploaded ``hostname = host platform`` text (the server's bulk import)."""
        devices, errors = [], []
        for number, line in enumerate(text.splitlines(), 1):
            if "=" not in line:
                continue
            hostname, rest = (part.strip() for part in line.split("=", 1))
            parts = rest.split()
            if len(parts) != 2:
                errors.append(InventoryError("expected 'hostname = host platform'", source=source_name,
                                             line=number))
                continue
            devices.append(Device(hostname=hostname, host=parts[0], platform=parts[1],
                                  tags=frozenset({"ini"})))
        return Inventory(devices=tuple(devices)), errors


@hookimpl
def netraven_drivers():
    return [EchoDriver]


@hookimpl
def netraven_driver_for_device(device, platform):
    if device.vars.get("force_echo"):
        return "echo"
    return None


@hookimpl
def netraven_platforms():
    return [ACME]


@hookimpl
def netraven_simulator_profiles():
    return [ACME_PROFILE]


@hookimpl
def netraven_redaction_rules():
    return [RedactionRule(name="acme-api-key", pattern=r"^\s*api-key (?P<secret>\S+)",
                          platforms=frozenset({"acme_os"}))]


@hookimpl
def netraven_storage_backends():
    return [MemoryStorage]


@hookimpl
def netraven_notifier_types():
    return [ListNotifier]


@hookimpl
def netraven_event(event):
    EVENTS.append(event)


@hookimpl
def netraven_inventory_sources():
    return [IniSource]


@click.command("acme-hello")
def acme_hello() -> None:
    """Say hello from the test plugin."""
    click.echo("hello from acme")


@hookimpl
def netraven_cli_commands(cli):
    cli.add_command(acme_hello)


def _run_acme_job(context, devices):
    return {d.hostname: "ok" for d in devices}


@hookimpl
def netraven_job_types():
    return [{"name": "acme-audit", "description": "ACME audit", "run": _run_acme_job}]
