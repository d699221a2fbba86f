"""Lines a real device changes on every fetch, given fresh values per request.

Each platform maps to ``(regex, replacement)`` pairs applied with ``re.MULTILINE``; a replacement
is a function of ``(match, now, rng)``.  Platforms without an entry (PAN-OS, Linux/FRR, ProCurve,
AOS-CX) print nothing that changes on its own, like the real ones.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

Repl = Callable[[re.Match[str], datetime, random.Random], str]


def _cisco_stamp(now: datetime) -> str:
    return now.strftime("%H:%M:%S UTC %a %b %d %Y")


def _xr_stamp(now: datetime) -> str:
    return now.strftime("%a %b %d %H:%M:%S %Y")


def _uptime(now: datetime) -> str:
    up = int((now - _BOOT).total_seconds())
    return f"{up // 86400} days, {up % 86400 // 3600}:{up % 3600 // 60:02d}:{up % 60:02d}"


_BOOT = datetime(2026, 1, 1, tzinfo=UTC)


def _current_bytes(m: re.Match[str], now: datetime, rng: random.Random) -> str:
    return f"Current configuration : {len(m.string) + rng.randrange(-40, 40)} bytes"


_IOS: list[tuple[str, Repl]] = [
    (r"^Current configuration : \d+ bytes$", _current_bytes),
    (r"^! Last configuration change at .*$",
     lambda m, now, rng: f"! Last configuration change at {_cisco_stamp(now)} by admin"),
    (r"^! NVRAM config last updated at .*$",
     lambda m, now, rng: f"! NVRAM config last updated at {_cisco_stamp(now)} by admin"),
    (r"^ntp clock-period \d+$", lambda m, now, rng: f"ntp clock-period {rng.randrange(17179000, 17180000)}"),
]

RULES: dict[str, list[tuple[str, Repl]]] = {
    "cisco_ios": _IOS,
    "cisco_xe": _IOS,
    "cisco_nxos": [
        (r"^!Time: .*$", lambda m, now, rng: f"!Time: {_xr_stamp(now)}"),
        (r"^!Running configuration last done at: .*$",
         lambda m, now, rng: f"!Running configuration last done at: {_xr_stamp(now)}"),
    ],
    "cisco_xr": [
        (r"^!! Last configuration change at .*$",
         lambda m, now, rng: f"!! Last configuration change at {_xr_stamp(now)} by admin"),
    ],
    "cisco_asa": [
        (r"^: Written by .*$", lambda m, now, rng: f": Written by admin at {_cisco_stamp(now)}"),
    ],
    "arista_eos": [
        (r"^! device: (\S+) \(([^,]*, EOS-[^,)]*)(?:, uptime [^)]*)?\)$",
         lambda m, now, rng: f"! device: {m.group(1)} ({m.group(2)}, uptime {_uptime(now)})"),
    ],
    "juniper_junos": [
        (r"^## Last commit: .*$",
         lambda m, now, rng: f"## Last commit: {now:%Y-%m-%d %H:%M:%S} UTC by admin"),
    ],
    "fortinet": [
        (r"^#conf_file_ver=\d+$", lambda m, now, rng: f"#conf_file_ver={rng.randrange(10**15, 10**16)}"),
    ],
    "mikrotik_routeros": [
        (r"^# \d{4}-\d\d-\d\d \d\d:\d\d:\d\d by RouterOS (.*)$",
         lambda m, now, rng: f"# {now:%Y-%m-%d %H:%M:%S} by RouterOS {m.group(1)}"),
    ],
}

_COMPILED = {name: [(re.compile(p, re.MULTILINE), f) for p, f in rules] for name, rules in RULES.items()}


_last_stamp: dict[str, datetime] = {}


def _stamp_for(key: str | None, now: datetime | None) -> datetime:
    """Now, but strictly later (by whole seconds) than the previous fetch of the same device, so
    time-stamped lines differ on every fetch even within one second."""
    now = (now or datetime.now(UTC)).replace(microsecond=0)
    if key is not None:
        last = _last_stamp.get(key)
        if last is not None and now <= last:
            now = last + timedelta(seconds=1)
        _last_stamp[key] = now
    return now


def refresh(platform: str, text: str, rng: random.Random, now: datetime | None = None,
            key: str | None = None) -> str:
    """``text`` with every volatile line of ``platform`` rewritten for this request.

    :param key: identifies the device, so successive fetches get ever later timestamps.
    """
    now = _stamp_for(key, now)
    for rx, repl in _COMPILED.get(platform, ()):
        text = rx.sub(lambda m, repl=repl: repl(m, now, rng), text)
    return text
