"""What a simulated device says about itself in its version/inventory replies.

Profiles' ``reply_patterns`` templates may use these fields besides ``host`` and ``user``:

- static facts, derived from the seed and the host name, changeable per device with
  :meth:`Simulator.set_facts <netraven_core.simulator.server.Simulator.set_facts>` (a swapped
  chassis or module, an upgrade): ``serial``, ``module_serial``, ``mac``;
- values that move on with every reply, as uptime, clocks and counters do on a real device
  (tests prove such lines never make a new version): ``uptime`` ("12 weeks, 3 days, 4 hours,
  5 minutes"), ``uptime_dhms`` ("86 days, 4:05:17"), ``uptime_days_hours`` ("86 days 4
  hours"), ``uptime_compact`` ("12w3d4h5m17s"), ``uptime_seconds``, ``boot_clock`` / ``clock``
  ("Sun Nov 29 09:00:00 2026", the boot time and now), ``command_clock`` ("Sun Nov 29
  09:00:00.417", IOS XR's stamp above every output), ``iso_clock`` ("2026-11-29 09:00:00"),
  ``counter`` (increases), ``percent`` (0-99), ``free_kb``; and the uptime's parts, to write
  it in any vendor's own form: ``up_days`` (whole days), ``up_hours``, ``up_minutes``,
  ``up_seconds`` (within the day), the same two-digit ``up_hh``, ``up_mm``, ``up_ss``, and
  ``up_total_hours`` (ScreenOS "Up 3360 hours");
- the session's mode: ``vdom_mode`` (``disable``, ``multiple`` with the ``vdoms`` variant).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta

_ALNUM = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789"
# Each reply moves the simulated clock on by this much, so two fetches a second apart still
# print different uptimes (minute resolution included).
_STEP = timedelta(minutes=1, seconds=7)


def _digest(seed: int, hostname: str, what: str) -> bytes:
    return hashlib.sha256(f"{seed}:{hostname}:{what}".encode()).digest()


def _code(seed: int, hostname: str, what: str, length: int) -> str:
    return "".join(_ALNUM[b % len(_ALNUM)] for b in _digest(seed, hostname, what)[:length])


def static_facts(seed: int, hostname: str) -> dict[str, str]:
    """The facts that stay put unless a test changes them."""
    mac = _digest(seed, hostname, "mac")
    return {
        "serial": "FOC" + _code(seed, hostname, "serial", 8),
        "module_serial": "FDO" + _code(seed, hostname, "module", 8),
        "mac": "00:1c:73:" + ":".join(f"{b:02x}" for b in mac[:3]),
    }


def _words(weeks: int, days: int, hours: int, minutes: int) -> str:
    parts = [(weeks, "week"), (days, "day"), (hours, "hour"), (minutes, "minute")]
    return ", ".join(f"{n} {unit}{'' if n == 1 else 's'}" for n, unit in parts)


class DeviceFacts:
    """Facts of every device of one simulator (static ones overridable per host name)."""

    def __init__(self, seed: int = 0):
        self.seed = seed
        self._overrides: dict[str, dict[str, str]] = {}
        self._replies: dict[str, int] = {}
        self._boot: dict[str, datetime] = {}

    def set(self, hostname: str, values: Mapping[str, str | None]) -> None:
        """Override static facts of ``hostname`` (a value of ``None`` restores the default)."""
        own = self._overrides.setdefault(hostname, {})
        for key, value in values.items():
            if value is None:
                own.pop(key, None)
            else:
                own[key] = str(value)

    def fields(self, hostname: str) -> dict[str, str]:
        """Template fields for one reply of ``hostname``."""
        replies = self._replies[hostname] = self._replies.get(hostname, 0) + 1
        now = datetime.now(UTC).replace(microsecond=0) + replies * _STEP
        boot = self._boot.get(hostname)
        if boot is None:  # booted some weeks ago, differently per device
            days = 20 + _digest(self.seed, hostname, "boot")[0] % 200
            boot = self._boot[hostname] = now - timedelta(days=days, hours=3, minutes=14)
        up = int((now - boot).total_seconds())
        weeks, rest = divmod(up, 7 * 86400)
        days, rest = divmod(rest, 86400)
        hours, rest = divmod(rest, 3600)
        minutes, seconds = divmod(rest, 60)
        return {
            **static_facts(self.seed, hostname),
            **self._overrides.get(hostname, {}),
            "uptime": _words(weeks, days, hours, minutes),
            "uptime_dhms": f"{up // 86400} days, {hours}:{minutes:02d}:{seconds:02d}",
            "uptime_days_hours": f"{up // 86400} days {hours} hours",
            "uptime_compact": f"{weeks}w{days}d{hours}h{minutes}m{seconds}s",
            "uptime_seconds": str(up),
            "up_days": str(up // 86400), "up_hours": str(hours), "up_minutes": str(minutes),
            "up_seconds": str(seconds), "up_hh": f"{hours:02d}", "up_mm": f"{minutes:02d}",
            "up_ss": f"{seconds:02d}", "up_total_hours": str(up // 3600),
            "boot_clock": boot.strftime("%a %b %d %H:%M:%S %Y"),
            "clock": now.strftime("%a %b %d %H:%M:%S %Y"),
            "command_clock": now.strftime("%a %b %d %H:%M:%S") + f".{replies % 1000:03d}",
            "iso_clock": now.strftime("%Y-%m-%d %H:%M:%S"),
            "counter": str(1000 * replies + now.second),
            "percent": str((replies * 37 + now.second) % 100),
            "free_kb": str(1_500_000 - (replies * 7919) % 400_000),
        }
