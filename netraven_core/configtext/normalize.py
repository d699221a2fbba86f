"""Cleaning a fetched configuration so that two fetches of an unchanged device compare equal.

Line endings become LF, trailing whitespace goes, the platform's volatile lines (timestamps,
byte counts, uptime...) are dropped, leading and trailing blank lines go, and the text ends with
exactly one newline.  Unknown platforms (``platform=None``) get :data:`GENERIC_VOLATILE`.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..models import Platform, any_of

# Volatile lines of the common vendors, for devices whose platform is unknown.
GENERIC_VOLATILE: tuple[str, ...] = (
    r"^Building configuration\.\.\.$",
    r"^Current configuration ?: ?\d+ bytes$",
    r"^! Last configuration change at ",
    r"^!! Last configuration change at ",
    r"^! NVRAM config last updated at ",
    r"^! No configuration change since last restart",
    r"^!No configuration change since last restart",
    r"^ntp clock-period \d+$",
    r"^!Time: ",
    r"^! Time: ",
    r"^!Running configuration last done at: ",
    r"^! device: ",
    r"^! Uptime: ",
    r"^## Last commit: ",
    r"^## Last changed: ",
    r"^Cryptochecksum:",
    r"^: Written by \S+ at ",
    r"^#conf_file_ver=",
    r"^# \S+ \d{1,2}:\d{2}:\d{2} by RouterOS ",
)


@lru_cache(maxsize=256)
def _volatile_regex(patterns: tuple[str, ...]) -> re.Pattern[str] | None:
    if not patterns:
        return None
    return re.compile(any_of(patterns), re.MULTILINE)


def volatile_regex(platform: Platform | None) -> re.Pattern[str] | None:
    """The compiled, cached volatile-line regex of ``platform`` (generic when ``None``)."""
    return _volatile_regex(platform.volatile_patterns if platform is not None else GENERIC_VOLATILE)


def normalize(text: str, platform: Platform | None, *, volatile: tuple[str, ...] | None = None) -> str:
    """Return ``text`` cleaned for storage and comparison (see the module docstring).

    A volatile pattern drops every line it matches (``search`` on the line, after trailing
    whitespace is stripped, so ``^`` and ``$`` anchor the line).  An empty result is ``""``.
    ``volatile`` replaces the platform's patterns (a section's output has its own).
    """
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    regex = _volatile_regex(volatile) if volatile is not None else volatile_regex(platform)
    if regex is None:
        lines = [line.rstrip() for line in text.split("\n")]
    else:
        search = regex.search
        lines = [line for line in (raw.rstrip() for raw in text.split("\n")) if not search(line)]
    start, end = 0, len(lines)
    while start < end and not lines[start]:
        start += 1
    while end > start and not lines[end - 1]:
        end -= 1
    if start == end:
        return ""
    return "\n".join(lines[start:end]) + "\n"
