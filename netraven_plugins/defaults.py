"""Default choices that other plugins may override (registered ``trylast``)."""

from __future__ import annotations

from netraven_core.hookspecs import hookimpl
from netraven_core.models import Device, Platform


@hookimpl
def netraven_driver_for_device(device: Device, platform: Platform) -> str | None:
    return device.driver or platform.default_driver
