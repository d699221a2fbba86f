"""Clock helpers shared by simulator profiles whose devices print uptime as words."""

from __future__ import annotations

from datetime import datetime

from netraven_core.simulator.configgen.volatile import uptime


def uptime_parts(now: datetime) -> tuple[int, int, int, int]:
    """Days, hours, minutes and seconds since the simulated boot."""
    days, _, clock = uptime(now).partition(" days, ")
    hours, minutes, seconds = (int(part) for part in clock.split(":"))
    return int(days), hours, minutes, seconds
