"""The contract between the service and a job type: what a job type gets (:class:`JobContext`,
:class:`DeviceSnapshot`) and what it returns for each device (:class:`DeviceOutcome`).

Plugin job types import these from here (see ``docs/scheduling.md``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from ..db.models import Device

if TYPE_CHECKING:  # pragma: no cover
    from ..service.runtime import Runtime


@dataclass
class DeviceOutcome:
    """What a job type reports for one device."""

    status: Literal["success", "failed"]  # a ResultStatus value; the run stores it as such
    changed: bool = False
    lines_added: int = 0
    lines_removed: int = 0
    error_category: str | None = None
    error: str | None = None
    attempts: int = 1
    duration: float | None = None
    driver: str | None = None
    credential_name: str | None = None
    details: dict[str, Any] = field(default_factory=dict)
    config_version: dict[str, Any] | None = None  # ConfigVersion columns when a version was stored
    diff: str | None = None  # redacted, for the config_changed notification
    messages: list[tuple[str, str, str]] = field(default_factory=list)  # (level, type, message)
    # of the new version, recorded with it: compliance verdicts (services.compliance_state.Verdict)
    # and fleet facts (model, serial, os_version); None when not checked
    compliance: list[Any] | None = None
    facts: dict[str, Any] | None = None


@dataclass(frozen=True)
class DeviceSnapshot:
    """A device as loaded for one task (detached from any session)."""

    id: int
    hostname: str
    host: str
    port: int
    platform: str
    driver: str | None
    tags: tuple[str, ...]
    vars: dict[str, Any] = field(default_factory=dict)
    host_key: str | None = None
    transport: str = "ssh"  # or "telnet" (clear text)
    sections: bool = True  # False: no hardware/software sections for this device

    @classmethod
    def of(cls, device: Device) -> DeviceSnapshot:
        return cls(device.id, device.hostname, device.host, device.port, device.platform, device.driver,
                   tuple(device.tag_names), dict(device.vars or {}), device.host_key,
                   device.transport or "ssh", device.sections is not False)


@dataclass
class JobContext:
    """What a job type may use: the process runtime, the run, and the job's options."""

    runtime: Runtime
    run_id: int
    job_id: int | None
    options: dict[str, Any]

    def session(self, **kwargs: Any) -> Any:
        return self.runtime.db.session(**kwargs)
