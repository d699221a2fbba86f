"""Lines a real device changes on every fetch, given fresh values per request.

A simulator profile lists its volatile lines as ``(regex, replacement)`` pairs
(:attr:`~netraven_core.simulator.profiles.Profile.volatile`), applied with ``re.MULTILINE``; a
replacement is a function of ``(match, now, rng)``.  Platforms that print nothing that changes on
its own (PAN-OS, ProCurve...) list none, like the real ones.  The stamp helpers here give the
replacements the formats vendors print.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from functools import lru_cache

Repl = Callable[[re.Match[str], datetime, random.Random], str]
VolatileRule = tuple[str, Repl]

BOOT_TIME = datetime(2026, 1, 1, tzinfo=UTC)


def cisco_stamp(now: datetime) -> str:
    """``09:00:00 UTC Sun Nov 29 2026``."""
    return now.strftime("%H:%M:%S UTC %a %b %d %Y")


def ctime_stamp(now: datetime) -> str:
    """``Sun Nov 29 09:00:00 2026`` (IOS XR, NX-OS and many others)."""
    return now.strftime("%a %b %d %H:%M:%S %Y")


def uptime(now: datetime) -> str:
    """``332 days, 9:00:00`` since the simulated boot."""
    up = int((now - BOOT_TIME).total_seconds())
    return f"{up // 86400} days, {up % 86400 // 3600}:{up % 3600 // 60:02d}:{up % 60:02d}"


@lru_cache(maxsize=1024)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.MULTILINE)


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


def refresh(rules: Sequence[VolatileRule], text: str, rng: random.Random, now: datetime | None = None,
            key: str | None = None) -> str:
    """``text`` with every volatile line of ``rules`` rewritten for this request.

    :param key: identifies the device, so successive fetches get ever later timestamps.
    """
    if not rules:
        return text
    now = _stamp_for(key, now)
    for pattern, repl in rules:
        text = _compiled(pattern).sub(lambda m, repl=repl: repl(m, now, rng), text)
    return text
