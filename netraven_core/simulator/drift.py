"""Configuration drift: simulated devices that change over time, as real ones do.

A drifting device serves its generated configuration edited by :func:`drift_text` for the current
*step*.  Step ``n`` is a pure function of the base text (same text, same step: same result), so
tests can predict every version; each step differs from the one before it, and the edits stay
bounded (one extra ACL line and one extra VLAN at most), however long the simulator runs.

The edits are those an operator makes every week, in the device's own syntax:

* ``description``: an interface description is rewritten (most platforms),
* ``acl``: a ``permit ... eq PORT`` line is added to the first access list (IOS-like),
* ``vlan``: a VLAN with a name is added before the first named VLAN.

A device whose configuration has none of these does not drift.  Only the edited lines change: the
secrets of the generated configuration are all still there, for redaction to remove.

The step is derived from the clock (no timer, so an idle simulator still costs no CPU):
``floor(seconds since start / interval)``, plus the steps added by :meth:`Drift.advance`.
"""

from __future__ import annotations

import math
import re
import time
from collections.abc import Callable, Iterable

KINDS = ("description", "acl", "vlan")

# None of these is a description, port or VLAN the generators use, so each edit is a real change.
DESCRIPTIONS = ("uplink to core (migrated)", "spare - do not use", "new AP floor 3",
                "temporary lab bench", "camera segment B")
PORTS = (8443, 3389, 5900, 8080)
VLANS = ((310, "GUEST-WIFI"), (320, "CAMERAS"), (330, "IOT-SENSORS"))
EDITED_DESCRIPTIONS = 3  # only the first few description lines change: small, readable diffs

_DESCRIPTION = re.compile(r"""^(?P<pre>[ \t]*(?:set[ \t]+)?description[ \t]+)(?P<q>["']?)"""
                          r"""(?P<value>[^"';\n]+?)(?P=q)(?P<post>;?)[ \t]*$""", re.M)
_PERMIT = re.compile(r"^(?P<indent>[ \t]+)permit[ \t]+(?P<proto>tcp|udp)[ \t]+(?P<match>.+?)"
                     r"[ \t]+eq[ \t]+\d+[ \t]*$")
_ANY_PERMIT = re.compile(r"^[ \t]+permit\b")
_VLAN = re.compile(r"^vlan[ \t]+(?P<id>\d+)[ \t]*$")
_VLAN_NAME = re.compile(r"""^(?P<pre>[ \t]+name[ \t]+)(?P<q>["']?)\S+?(?P=q)[ \t]*$""")


def _first_named_vlan(lines: list[str]) -> tuple[int, int] | None:
    """(index of the ``vlan N`` line, index of its ``name`` line) of the first named VLAN."""
    for i, line in enumerate(lines[:-1]):
        if _VLAN.match(line) and _VLAN_NAME.match(lines[i + 1]):
            return i, i + 1
    return None


def _first_permit(lines: list[str]) -> int | None:
    return next((i for i, line in enumerate(lines) if _PERMIT.match(line)), None)


def kinds_of(text: str) -> tuple[str, ...]:
    """The kinds of edit ``text`` offers, in the order steps go through them."""
    lines = text.split("\n")
    found = {"description": _DESCRIPTION.search(text) is not None,
             "acl": _first_permit(lines) is not None,
             "vlan": _first_named_vlan(lines) is not None}
    return tuple(kind for kind in KINDS if found[kind])


def _count(step: int, position: int, period: int) -> int:
    """How many of steps 1..step went to the kind at ``position`` (kinds take turns)."""
    return 0 if step <= position else (step - 1 - position) // period + 1


def _edit_descriptions(text: str, edits: int) -> str:
    matches = list(_DESCRIPTION.finditer(text))[:EDITED_DESCRIPTIONS]
    if not edits or not matches:
        return text
    # Edits take the lines in turn; a line shows the value of its last edit.
    lines = len(matches)
    values = {line: DESCRIPTIONS[(line + lines * ((edits - 1 - line) // lines)) % len(DESCRIPTIONS)]
              for line in range(min(lines, edits))}
    out, pos = [], 0
    for index, match in enumerate(matches):
        if index in values:
            out.append(text[pos:match.start()])
            out.append(f"{match['pre']}{match['q']}{values[index]}{match['q']}{match['post']}")
            pos = match.end()
    out.append(text[pos:])
    return "".join(out)


def _add_permit(lines: list[str], edits: int) -> list[str]:
    first = _first_permit(lines)
    if not edits or first is None:
        return lines
    match = _PERMIT.match(lines[first])
    assert match is not None
    end = first
    while end + 1 < len(lines) and _ANY_PERMIT.match(lines[end + 1]):
        end += 1
    port = PORTS[(edits - 1) % len(PORTS)]
    new = f"{match['indent']}permit {match['proto']} {match['match']} eq {port}"
    return [*lines[:end + 1], new, *lines[end + 1:]]


def _add_vlan(lines: list[str], edits: int) -> list[str]:
    found = _first_named_vlan(lines)
    if not edits or found is None:
        return lines
    head, name_at = found
    taken = {int(m["id"]) for m in map(_VLAN.match, lines) if m}
    vid, name = VLANS[(edits - 1) % len(VLANS)]
    while vid in taken:
        vid += 1000
    name_match = _VLAN_NAME.match(lines[name_at])
    assert name_match is not None
    block = [f"vlan {vid}", f"{name_match['pre']}{name_match['q']}{name}{name_match['q']}"]
    # Close the block the way the device closes its own: "!" or "#" after it, or an "exit" in it.
    end = name_at + 1
    while end < len(lines) and lines[end][:1] in (" ", "\t"):
        end += 1
    inner_exit = lines[end - 1] if end - 1 > name_at and lines[end - 1].strip() == "exit" else None
    if inner_exit is not None:
        block.append(inner_exit)
    elif end < len(lines) and lines[end].strip() in ("!", "#"):
        block.append(lines[end])
    return [*lines[:head], *block, *lines[head:]]


def drift_text(text: str, step: int) -> str:
    """``text`` after ``step`` drift steps (``step <= 0``, or nothing to edit: ``text`` itself)."""
    kinds = kinds_of(text) if step > 0 else ()
    if not kinds:
        return text
    counts = {kind: _count(step, position, len(kinds)) for position, kind in enumerate(kinds)}
    text = _edit_descriptions(text, counts.get("description", 0))
    lines = text.split("\n")
    lines = _add_permit(lines, counts.get("acl", 0))
    lines = _add_vlan(lines, counts.get("vlan", 0))
    return "\n".join(lines)


def default_devices(count: int) -> frozenset[int]:
    """Which devices drift unless told: every other one (0, 2, 4, ...), so some never change."""
    return frozenset(range(0, count, 2))


class Drift:
    """When and which devices drift.

    :param interval: seconds per step; ``None`` or ``0``: no timed drift (only :meth:`advance`).
    :param devices: indexes of the drifting devices (default :func:`default_devices`).
    :param count: the number of devices, for the default.
    :param clock: monotonic seconds (tests pass their own).
    """

    def __init__(self, interval: float | None = None, devices: Iterable[int] | None = None, *,
                 count: int = 0, clock: Callable[[], float] = time.monotonic):
        if interval is not None and interval < 0:
            raise ValueError(f"drift interval must be positive, not {interval}")
        self.interval = interval or None
        self.devices = frozenset(devices) if devices is not None else default_devices(count)
        bad = sorted(i for i in self.devices if not 0 <= i < max(count, 1))
        if count and bad:
            raise ValueError(f"drift device index {bad[0]} is outside 0..{count - 1}")
        self._clock = clock
        self._started = clock()
        self._advanced = 0

    @property
    def enabled(self) -> bool:
        return self.interval is not None or self._advanced > 0

    def restart(self) -> None:
        """Count timed steps from now (the simulator calls it when it starts listening)."""
        self._started = self._clock()

    def advance(self, steps: int = 1) -> None:
        """Drift ``steps`` more steps now, whatever the interval."""
        self._advanced += steps

    def step(self) -> int:
        timed = math.floor((self._clock() - self._started) / self.interval) if self.interval else 0
        return max(timed, 0) + self._advanced

    def applies(self, index: int) -> bool:
        return self.enabled and index in self.devices
