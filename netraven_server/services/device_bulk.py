"""One action on many devices at once (the device list's bulk bar, ``POST /api/devices/bulk``):
back up now, add or remove a tag, enable, disable, delete.

Each device is handled in its own savepoint through the ordinary service (so each change is
validated and audited exactly as a single edit is, and deletion goes through the delete
service); one device's refusal does not undo the others.  The answer says, per id, what
happened.  Backups are only created here: the caller commits, then calls :func:`dispatch`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from ..db.models import Device
from . import device_backup, devices
from . import runs as run_service
from .context import Actor
from .errors import Invalid, ServiceError
from .validation import Problems, clean_tag_names

ACTIONS = ("backup", "add_tag", "remove_tag", "enable", "disable", "delete")
MAX_IDS = 500
MAX_ID = 2**31 - 1  # ids are 32-bit in every database


@dataclass
class Outcome:
    id: int
    ok: bool
    message: str
    hostname: str | None = None
    run_id: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if v is not None or k in ("id", "ok", "message")}


@dataclass
class BulkResult:
    action: str
    results: list[Outcome] = field(default_factory=list)

    @property
    def succeeded(self) -> int:
        return sum(1 for r in self.results if r.ok)

    @property
    def failed(self) -> int:
        return len(self.results) - self.succeeded


def check(action: str | None, ids: list[Any] | None, tag: str | None) -> tuple[list[int], str | None]:
    """The request's ids (deduplicated, in order) and normalised tag, or :class:`Invalid`."""
    problems = Problems()
    if action not in ACTIONS:
        problems.add("action", f"must be one of {', '.join(ACTIONS)}")
    clean: list[int] = []
    for raw in ids or []:
        if isinstance(raw, bool) or not isinstance(raw, int | str) or not str(raw).isdigit() \
                or not 0 < int(raw) <= MAX_ID:
            problems.add("ids", f"{str(raw)[:20]!r} is not a device id")
        elif int(raw) not in clean:
            clean.append(int(raw))
    if not clean and "ids" not in problems.errors:
        problems.add("ids", "select at least one device")
    if len(clean) > MAX_IDS:
        problems.add("ids", f"at most {MAX_IDS} devices at once")
    name = None
    if action in ("add_tag", "remove_tag"):
        names = clean_tag_names([tag] if tag else [], problems, "tag")
        if not tag:
            problems.add("tag", "required for this action")
        name = names[0] if names else None
    problems.raise_if_any()
    return clean, name


def _one(session: Session, action: str, device_id: int, tag: str | None, actor: Actor | None) -> Outcome:
    device = devices.get_device(session, device_id)
    name = device.hostname
    if action == "backup":
        run = device_backup.start_device_backup(session, device_id, actor, trigger="manual")
        return Outcome(device_id, True, f"backup started (run {run.id})", name, run.id)
    if action == "delete":
        devices.delete_device(session, device_id, actor)
        return Outcome(device_id, True, "retired (history kept)", name)
    if action in ("enable", "disable"):
        wanted = action == "enable"
        if device.enabled == wanted:
            return Outcome(device_id, True, f"already {action}d", name)
        devices.update_device(session, device_id, {"enabled": wanted}, actor)
        return Outcome(device_id, True, f"{action}d", name)
    current = device.tag_names
    if action == "add_tag":
        if tag in current:
            return Outcome(device_id, True, f"already tagged {tag}", name)
        devices.update_device(session, device_id, {"tags": [*current, tag]}, actor)
        return Outcome(device_id, True, f"tagged {tag}", name)
    if tag not in current:
        return Outcome(device_id, True, f"was not tagged {tag}", name)
    devices.update_device(session, device_id, {"tags": [t for t in current if t != tag]}, actor)
    return Outcome(device_id, True, f"tag {tag} removed", name)


def apply(session: Session, action: str | None, ids: list[Any] | None, *, tag: str | None = None,
          actor: Actor | None = None) -> BulkResult:
    """Do ``action`` to each device; refusals are reported per id (the caller commits)."""
    clean, tag = check(action, ids, tag)
    result = BulkResult(action)
    for device_id in clean:
        savepoint = session.begin_nested()
        try:
            outcome = _one(session, action, device_id, tag, actor)
            savepoint.commit()
        except ServiceError as exc:
            savepoint.rollback()
            device = session.get(Device, device_id)
            outcome = Outcome(device_id, False, exc.message, device.hostname if device else None)
        result.results.append(outcome)
    return result


def dispatch(session: Session, result: BulkResult) -> None:
    """Hand the committed backup runs to the task engine; a run the queue refused is reported."""
    for outcome in result.results:
        if outcome.run_id is None:
            continue
        try:
            run_service.dispatch(outcome.run_id, session)
        except ServiceError as exc:
            outcome.ok, outcome.message, outcome.run_id = False, exc.message, None


__all__ = ["ACTIONS", "MAX_IDS", "BulkResult", "Invalid", "Outcome", "apply", "check", "dispatch"]
