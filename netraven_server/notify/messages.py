"""What a notification says, independent of where it goes.

A :class:`Notification` carries the event name, a one-line subject, a plain-text body and the
structured data a generic webhook receives as JSON.  Builders exist for the events a
notifier can subscribe to.  Text handed to the builders must already be redacted; the builders
cap long diffs so a chat message stays postable.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from ..db.models.notify import (
    COMPLIANCE_FAILED,
    COMPLIANCE_FIXED,
    CONFIG_CHANGED,
    DEVICE_FAILED,
    NOTIFY_EVENTS,
    RUN_FAILED,
    STALE_BACKUP,
)

EVENTS = NOTIFY_EVENTS  # what a notifier may subscribe to (one list, kept with the model)

MAX_DIFF_CHARS = 12_000


def _cap(text: str | None, limit: int = MAX_DIFF_CHARS) -> str:
    if not text:
        return ""
    if len(text) <= limit:
        return text
    return text[:limit] + f"\n... ({len(text) - limit} more characters; see NetRaven for the full diff)\n"


@dataclass(frozen=True)
class Notification:
    event: str
    subject: str
    text: str
    data: dict[str, Any] = field(default_factory=dict)
    diff: str | None = None  # shown as a code block by chat senders

    def as_payload(self) -> dict[str, Any]:
        """The generic webhook JSON body."""
        return {"event": self.event, "subject": self.subject, "text": self.text,
                "diff": self.diff, **self.data}

    @classmethod
    def from_payload(cls, payload: dict[str, Any]) -> Notification:
        data = {k: v for k, v in payload.items() if k not in ("event", "subject", "text", "diff")}
        return cls(payload["event"], payload["subject"], payload["text"], data, payload.get("diff"))


def config_changed(hostname: str, diff: str, *, run_id: str | None = None, lines_added: int = 0,
                   lines_removed: int = 0, version: str | None = None,
                   changed_by: str | None = None) -> Notification:
    diff = _cap(diff)
    by = f" by {changed_by}" if changed_by else ""
    return Notification(
        CONFIG_CHANGED,
        f"Configuration changed on {hostname}{by} (+{lines_added} -{lines_removed})",
        f"The configuration of {hostname} changed{by}: {lines_added} line(s) added, "
        f"{lines_removed} removed.",
        {"hostname": hostname, "run_id": run_id, "lines_added": lines_added,
         "lines_removed": lines_removed, "version": version, "changed_by": changed_by},
        diff,
    )


def device_failed(hostname: str, *, category: str | None, error: str | None, attempts: int = 0,
                  run_id: str | None = None) -> Notification:
    return Notification(
        DEVICE_FAILED,
        f"Backup of {hostname} failed ({category or 'error'})",
        f"Backing up {hostname} failed after {attempts} attempt(s): {error or category}.",
        {"hostname": hostname, "run_id": run_id, "error_category": category, "error": error,
         "attempts": attempts},
    )


def run_failed(run_id: str, *, job: str | None, status: str, total: int, failed: int,
               failed_hosts: list[str] | None = None) -> Notification:
    hosts = failed_hosts or []
    listed = ", ".join(hosts[:20]) + (f" and {len(hosts) - 20} more" if len(hosts) > 20 else "")
    return Notification(
        RUN_FAILED,
        f"Run {run_id} of {job or 'manual job'} finished {status}: {failed}/{total} device(s) failed",
        f"Run {run_id} ({job or 'manual'}) finished {status}; {failed} of {total} device(s) failed"
        + (f": {listed}." if listed else "."),
        {"run_id": run_id, "job": job, "status": status, "total": total, "failed": failed,
         "failed_hosts": hosts},
    )


def stale_backup(hostname: str, *, hours: float, last_success: datetime | None) -> Notification:
    when = last_success.isoformat() if last_success else None
    return Notification(
        STALE_BACKUP,
        f"No successful backup of {hostname} for {hours:g} hours",
        f"{hostname} has had no successful backup for more than {hours:g} hours "
        f"(last success: {when or 'never'}).",
        {"hostname": hostname, "hours": hours, "last_success": when},
    )


def compliance_event(kind: str, hostname: str, *, rule: str, title: str, severity: str,
                     findings: list[str], remediation: str = "", run_id: str | None = None,
                     version: str | None = None, diff: str | None = None) -> Notification:
    """``compliance_failed`` (kind ``failed``) or ``compliance_fixed``: the rule, the version that
    broke or fixed it and that version's diff (the change that did it)."""
    failed = kind == "failed"
    short = (version or "?")[:12]
    if failed:
        subject = f"{hostname} fails compliance rule {rule} ({severity})"
        text = f"{hostname} started failing '{title}' ({rule}, {severity}) in version {short}."
        if findings:
            text += " Findings: " + "; ".join(findings[:5])
        if remediation:
            text += f"\nRemediation:\n{remediation}"
    else:
        subject = f"{hostname} passes compliance rule {rule} again"
        text = f"{hostname} passes '{title}' ({rule}, {severity}) again since version {short}."
    return Notification(
        COMPLIANCE_FAILED if failed else COMPLIANCE_FIXED, subject, text,
        {"hostname": hostname, "rule": rule, "title": title, "severity": severity, "findings": findings,
         "run_id": run_id, "version": version},
        _cap(diff) or None,
    )
