"""The data NetRaven passes around: inventory, platforms, redaction rules, results and events.

Plain frozen dataclasses (no ORM, no framework) so that the library, plugins and the server share
one vocabulary.  Secret-bearing fields are excluded from ``repr`` so they never land in a log line
or a traceback by accident.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from .errors import ErrorCategory

# --------------------------------------------------------------------------- inventory


@dataclass(frozen=True)
class Device:
    """A network device to back up.

    ``hostname`` is the unique name NetRaven files the device under; ``host`` is what it connects
    to (DNS name or IP address).
    """

    hostname: str
    host: str
    platform: str
    port: int = 22
    tags: frozenset[str] = frozenset()
    driver: str | None = None  # overrides the platform's default driver
    vars: Mapping[str, Any] = field(default_factory=dict, hash=False, compare=False)
    # How the CLI is reached: "ssh", or "telnet" for devices without SSH (chosen per device,
    # never a fallback; telnet sends the password in clear text).
    transport: str = "ssh"
    # False: store the configuration alone, without the platform's hardware/software sections.
    sections: bool = True


@dataclass(frozen=True)
class Credential:
    """A login to try on every device that shares one of its tags.

    Lower ``priority`` numbers are tried first.  ``password``, ``enable_secret`` and
    ``private_key`` never appear in ``repr``.
    """

    name: str
    username: str
    password: str | None = field(default=None, repr=False)
    enable_secret: str | None = field(default=None, repr=False)
    priority: int = 100
    tags: frozenset[str] = frozenset()
    private_key: str | None = field(default=None, repr=False)  # PEM/OpenSSH text
    private_key_passphrase: str | None = field(default=None, repr=False)
    # CIDRs ("10.0.0.0/8", "2001:db8::/32") the credential may be sent to; empty: anywhere.
    # The engine checks the device's resolved address before connecting (engine.scopes).
    scopes: tuple[str, ...] = ()

    def secret_values(self) -> tuple[str, ...]:
        """Every secret this credential holds, for scrubbing text before it is shown."""
        return tuple(v for v in (self.password, self.enable_secret, self.private_key_passphrase) if v)


@dataclass(frozen=True)
class Inventory:
    devices: tuple[Device, ...] = ()
    credentials: tuple[Credential, ...] = ()

    def credentials_for(self, device: Device) -> list[Credential]:
        """Credentials that apply to ``device`` (a shared tag), lowest priority number first.

        Ties keep the order of the inventory so the result is deterministic.
        """
        matching = [c for c in self.credentials if c.tags & device.tags]
        return sorted(matching, key=lambda c: c.priority)

    def device(self, hostname: str) -> Device:
        for d in self.devices:
            if d.hostname == hostname:
                return d
        raise KeyError(hostname)


# --------------------------------------------------------------------------- platforms


_LEADING_FLAGS = re.compile(r"^\(\?([aiLmsux]+)\)")


def any_of(patterns: tuple[str, ...] | list[str]) -> str:
    """One regex matching any of ``patterns``.  A pattern's leading inline flags (``(?i)...``),
    which Python allows only at the start of a whole expression, become a group of its own
    (``(?i:...)``), so platform data may use them."""
    parts = []
    for pattern in patterns:
        m = _LEADING_FLAGS.match(pattern)
        parts.append(f"(?{m.group(1)}:{pattern[m.end():]})" if m else f"(?:{pattern})")
    return "|".join(parts)


@dataclass(frozen=True)
class EnableSpec:
    """How to reach privileged mode."""

    command: str = "enable"
    password_prompt: str = r"[Pp]assword:\s*$"  # noqa: S105 - a prompt regex, not a secret
    # Regex the prompt matches once privileged (e.g. ends with '#').
    privileged_prompt: str = r"#\s*$"


class Transport(StrEnum):
    """How a driver reaches a device's CLI."""

    SSH = "ssh"
    TELNET = "telnet"  # clear text: for devices that have no SSH


@dataclass(frozen=True)
class Section:
    """An extra command whose output is kept as a commented header of the configuration.

    Hardware and software facts (version, inventory and serial numbers, modules, licences), as
    RANCID and Oxidized keep them, so that a swapped line card or an OS upgrade shows as a change.
    ``volatile_patterns`` are regexes of whole lines to drop from the output (uptime, counters,
    temperatures, clocks) so that an unchanged device makes no new version.
    """

    name: str  # short label: "version", "inventory", "modules", "licence"...
    command: str
    volatile_patterns: tuple[str, ...] = ()
    # A device that rejects the command (an older release, a model without it) still backs up;
    # the section is then left out.
    optional: bool = True


@dataclass(frozen=True)
class SectionScope:
    """Where the sections must run on a device in a multi-domain mode.

    A FortiGate with VDOMs prints its whole configuration (``config global`` and every
    ``config vdom``) from the top level, but answers hardware commands only inside
    ``config global``.  When ``detect_pattern`` (``re.MULTILINE``) matches the backup output, the
    drivers send ``enter_commands`` before the sections and ``leave_commands`` after them; these
    may change the prompt (``FGT (global) #``).
    """

    detect_pattern: str
    enter_commands: tuple[str, ...]
    leave_commands: tuple[str, ...] = ()


@dataclass(frozen=True)
class ContextSpec:
    """Devices that hold several configurations to fetch one by one (Cisco ASA security contexts;
    a FortiGate prints all its VDOMs at once and needs only a :class:`SectionScope`).

    When ``detect_command``'s output matches ``detect_pattern`` the device is in multi-context
    mode: the ``system_enter_commands`` (may be empty) lead to the system/global level, where the
    platform's backup commands run, then ``system_leave_commands``; ``list_command``'s output
    names the contexts (``item_pattern``, a regex with a ``name`` group, ``re.MULTILINE``); for
    each, ``enter_commands`` (templates with ``{name}``), ``backup_commands`` (default: the
    platform's) and ``leave_commands``.  These commands may change the prompt (``asa/ctx1#``,
    ``FGT (root) #``), which drivers expect.  Each configuration is stored below a comment line
    ``header`` (template with ``{name}``; the system part has the name ``system_name``).
    """

    detect_command: str
    detect_pattern: str
    list_command: str
    item_pattern: str
    enter_commands: tuple[str, ...]
    leave_commands: tuple[str, ...] = ()
    backup_commands: tuple[str, ...] = ()
    system_enter_commands: tuple[str, ...] = ()
    system_leave_commands: tuple[str, ...] = ()
    system_name: str = "system"
    header: str = "context: {name}"


@dataclass(frozen=True)
class Platform:
    """A platform definition, contributed as data through ``netraven_platforms``.

    ``drivers`` maps a driver name to that driver's options for this platform, e.g.
    ``{"netmiko": {"device_type": "cisco_ios"}, "scrapli": {"platform": "cisco_iosxe"}}``; a driver
    that is not listed does not support the platform.
    """

    name: str
    vendor: str
    description: str
    drivers: Mapping[str, Mapping[str, Any]]
    default_driver: str
    # Regex matching the CLI prompt at the end of output (unprivileged or privileged).
    prompt_pattern: str
    backup_commands: tuple[str, ...]
    setup_commands: tuple[str, ...] = ()  # e.g. terminal length 0
    enable: EnableSpec | None = None
    volatile_patterns: tuple[str, ...] = ()  # regexes of whole lines to drop before comparing
    comment_prefix: str = "!"
    paging_prompt: str | None = r"--\s*More\s*--"
    error_patterns: tuple[str, ...] = (r"^%\s*(Invalid|Incomplete|Ambiguous|Unknown)",)
    # Regex that a complete configuration must match somewhere (guards against truncation).
    completeness_pattern: str | None = None
    exit_command: str = "exit"
    # Transports the platform's dialogue works over (``Transport`` values).
    transports: tuple[str, ...] = ("ssh",)
    # Hardware/software sections stored as a commented header (``comment_prefix`` lines).
    sections: tuple[Section, ...] = ()
    # Where the sections run when the device is in a multi-domain mode (FortiOS VDOMs).
    section_scope: SectionScope | None = None
    # Lines printed on their own above the prompt that describe state, not configuration
    # (Junos chassis cluster "{primary:node0}", stack roles): dropped, never stored.
    status_line_patterns: tuple[str, ...] = ()
    # In-band login dialogue: over telnet, and over SSH where ``inband_login`` says the shell
    # asks for a user name and password again after SSH authentication.
    username_prompt: str = r"(?:[Uu]ser ?[Nn]ame|[Ll]ogin|[Uu]ser)\s*:\s*$"
    password_prompt: str = r"[Pp]ass(?:word|code)\s*:\s*$"  # noqa: S105 - a prompt regex
    inband_login: bool = False
    # What answers the pager prompt when paging cannot be turned off.
    paging_response: str = " "
    # Screens before the first prompt that wait for a key, as (regex, keys to send): the
    # Extreme ERS banner "Enter Ctrl-Y to begin." wants Ctrl-Y (``"\x19"``).
    login_gates: tuple[tuple[str, str], ...] = ()
    # Several configurations on one device, fetched one by one (ASA contexts); ``None``: one.
    contexts: ContextSpec | None = None

    def volatile_regex(self) -> re.Pattern[str] | None:
        if not self.volatile_patterns:
            return None
        return re.compile(any_of(self.volatile_patterns))


@dataclass(frozen=True)
class RedactionRule:
    """A secret to remove.

    ``pattern`` is a regex applied per line (``re.MULTILINE``); every named group whose name starts
    with ``secret`` is replaced by the redaction marker and the rest of the line is kept.
    ``platforms`` empty means the rule is generic and applies to every platform.  Rules match
    case-insensitively.  ``everywhere`` rules also reach into text that protecting rules keep
    (descriptions, banners): for secrets that are never prose, such as credentials inside URLs.
    """

    name: str
    pattern: str
    platforms: frozenset[str] = frozenset()
    description: str = ""
    everywhere: bool = False


# --------------------------------------------------------------------------- results


class DeviceStatus(StrEnum):
    OK = "ok"
    FAILED = "failed"


@dataclass
class DeviceResult:
    """The outcome of backing up one device in one run."""

    hostname: str
    status: DeviceStatus
    changed: bool = False
    lines_added: int = 0
    lines_removed: int = 0
    error_category: ErrorCategory | None = None
    error: str | None = None
    duration: float = 0.0
    attempts: int = 0
    credential: str | None = None  # name of the credential that worked
    driver: str | None = None
    version: str | None = None  # storage reference of the stored (or unchanged latest) version
    diff: str | None = None  # redacted unified diff when changed
    started_at: datetime | None = None
    finished_at: datetime | None = None
    size: int = 0

    @property
    def ok(self) -> bool:
        return self.status is DeviceStatus.OK

    def as_dict(self) -> dict[str, Any]:
        return {
            "hostname": self.hostname,
            "status": self.status.value,
            "changed": self.changed,
            "lines_added": self.lines_added,
            "lines_removed": self.lines_removed,
            "error_category": self.error_category.value if self.error_category else None,
            "error": self.error,
            "duration": round(self.duration, 3),
            "attempts": self.attempts,
            "credential": self.credential,
            "driver": self.driver,
            "version": self.version,
            "size": self.size,
        }


@dataclass
class RunSummary:
    """Counts and timing of a whole run."""

    run_id: str
    total: int = 0
    ok: int = 0
    failed: int = 0
    changed: int = 0
    unchanged: int = 0
    duration: float = 0.0
    by_category: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "run_id": self.run_id,
            "total": self.total,
            "ok": self.ok,
            "failed": self.failed,
            "changed": self.changed,
            "unchanged": self.unchanged,
            "duration": round(self.duration, 3),
            "by_category": dict(self.by_category),
        }


@dataclass
class BackupRun:
    summary: RunSummary
    results: list[DeviceResult]

    def result(self, hostname: str) -> DeviceResult:
        for r in self.results:
            if r.hostname == hostname:
                return r
        raise KeyError(hostname)


# --------------------------------------------------------------------------- events


class EventType(StrEnum):
    DEVICE_BACKED_UP = "device_backed_up"
    CONFIG_CHANGED = "config_changed"
    DEVICE_FAILED = "device_failed"
    RUN_FINISHED = "run_finished"


@dataclass(frozen=True)
class Event:
    """Something notifiers may react to.  ``diff`` is already redacted."""

    type: EventType
    run_id: str
    hostname: str | None = None
    result: DeviceResult | None = None
    summary: RunSummary | None = None
    diff: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "event": self.type.value,
            "run_id": self.run_id,
            "hostname": self.hostname,
            "result": self.result.as_dict() if self.result else None,
            "summary": self.summary.as_dict() if self.summary else None,
            "diff": self.diff,
        }


# --------------------------------------------------------------------------- storage


@dataclass(frozen=True)
class VersionInfo:
    """One stored configuration version of a device (metadata only)."""

    hostname: str
    version: str  # backend-specific reference (a git commit id for the git backend)
    timestamp: datetime
    content_hash: str  # sha256 of the stored text
    size: int
    lines_added: int = 0
    lines_removed: int = 0
    run_id: str | None = None
    message: str = ""


@dataclass(frozen=True)
class ConfigToStore:
    """A cleaned, redacted configuration the engine hands to storage."""

    hostname: str
    text: str
    lines_added: int = 0
    lines_removed: int = 0


# --------------------------------------------------------------------------- connections


class HostKeyMode(StrEnum):
    TOFU = "tofu"  # trust on first use, then require the same key
    STRICT = "strict"  # require a known key; unknown is a failure
    OFF = "off"  # accept anything (tests only; logged loudly)


@dataclass(frozen=True)
class ConnectionTarget:
    """Everything a driver needs for one connection attempt."""

    device: Device
    platform: Platform
    credential: Credential
    timeout: float = 30.0  # per-operation read timeout; the engine enforces the overall limit
    host_key_mode: HostKeyMode = HostKeyMode.TOFU
    known_host_key: str | None = None  # OpenSSH public key line "ssh-ed25519 AAAA..." if remembered
    driver_options: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class FetchOutput:
    """What a driver returns: the raw text of each backup command, plus the host key it saw and
    the outputs of the platform's sections (kept apart: ``text`` is the configuration alone)."""

    outputs: tuple[tuple[str, str], ...]  # (command, output without echo or trailing prompt)
    host_key: str | None = None  # OpenSSH public key line of the server
    # (section name, output) of each ``Platform.sections`` command the device answered, in order.
    sections: tuple[tuple[str, str], ...] = ()

    @property
    def text(self) -> str:
        return "\n".join(out for _cmd, out in self.outputs)
