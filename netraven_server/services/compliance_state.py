"""Compliance state per device x rule: recording an evaluated version, and rebuilding a rule's
state over the stored history when the rule is added or changed.

A new version's evaluation (:func:`record_version`) runs in the transaction that indexes the
version, so a result always points at a version the index has; it returns the *transitions*
(a rule that started failing, or was fixed, with that version) for the notifications.  The texts
are the stored ones, already redacted, so findings cannot quote a secret.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from netraven_core.compliance import Rule, evaluate, rule_from_mapping
from netraven_core.compliance.evaluate import applicable, evaluate_rule
from netraven_core.compliance.parsing import ParsedConfig

from ..clock import utcnow
from ..db.models import ComplianceEvent, ComplianceResult, ComplianceRule, ConfigVersion, Device


@dataclass(frozen=True)
class Verdict:
    """One rule's result on one text (what a worker computes outside the database)."""

    rule_id: int
    passed: bool
    findings: tuple[str, ...] = ()


@dataclass
class Transition:
    rule: ComplianceRule
    kind: str  # failed | fixed
    findings: list[str] = field(default_factory=list)
    # the device's first verdict for the rule (a new device, or one the rule newly applies to):
    # recorded in the history but not notified, or a first run would send one message per
    # device and failing rule
    first: bool = False


def core_rule(row: ComplianceRule) -> Rule:
    return rule_from_mapping(row.as_mapping())


def enabled_rules(session: Session) -> list[tuple[int, Rule]]:
    """The enabled rules as core rules, with their ids (a rule that no longer validates is left
    out rather than failing every backup)."""
    out = []
    for row in session.scalars(select(ComplianceRule).where(ComplianceRule.enabled.is_(True))
                               .order_by(ComplianceRule.id)):
        try:
            out.append((row.id, core_rule(row)))
        except ValueError:
            continue
    return out


def evaluate_text(rules: Sequence[tuple[int, Rule]], text: str, platform: str,
                  tags: Iterable[str]) -> list[Verdict]:
    """Every applicable rule on ``text``: one parse, one check per rule."""
    ids = {rule.key: rule_id for rule_id, rule in rules}
    evaluation = evaluate([rule for _id, rule in rules], text, platform, tags)
    return [Verdict(ids[r.rule], r.passed, r.findings) for r in evaluation.results]


def _apply(session: Session, result: ComplianceResult | None, rule_id: int, device_id: int,
           verdict: Verdict, version_id: int | None, changed_by: str | None, at: Any) -> tuple[
               ComplianceResult, str | None]:
    """Move one device x rule to ``verdict`` at ``version_id``; returns the row and its transition."""
    kind = None
    if result is None:
        result = ComplianceResult(rule_id=rule_id, device_id=device_id, status="pass", findings=[])
        session.add(result)
        previous = None
    else:
        previous = result.status
    status = "pass" if verdict.passed else "fail"
    if status == "fail" and previous != "fail":
        kind = "failed"
        result.failing_since_version_id, result.fixed_in_version_id = version_id, None
        result.changed_by = changed_by
    elif status == "pass" and previous == "fail":
        kind = "fixed"
        result.fixed_in_version_id, result.changed_by = version_id, changed_by
    result.status, result.findings = status, list(verdict.findings)
    result.version_id, result.evaluated_at = version_id, at
    if kind is not None:
        session.add(ComplianceEvent(rule_id=rule_id, device_id=device_id, kind=kind, version_id=version_id,
                                    changed_by=changed_by, findings=list(verdict.findings), at=at))
    return result, kind


def results_of(session: Session, device_ids: list[int]) -> dict[int, dict[int, ComplianceResult]]:
    """The compliance results of ``device_ids`` by device and rule (one query)."""
    out: dict[int, dict[int, ComplianceResult]] = {}
    for r in session.scalars(select(ComplianceResult).where(ComplianceResult.device_id.in_(device_ids))):
        out.setdefault(r.device_id, {})[r.rule_id] = r
    return out


def live_rule_ids(session: Session) -> set[int]:
    return set(session.scalars(select(ComplianceRule.id)))


def record_version(session: Session, device_id: int, version_id: int | None,
                   verdicts: Sequence[Verdict], changed_by: str | None = None, *,
                   existing: dict[int, ComplianceResult] | None = None, live: set[int] | None = None,
                   flush: bool = True) -> list[Transition]:
    """Store a new version's verdicts for ``device_id``; results of rules that no longer apply
    to the device (disabled, tags or platform changed) are dropped.

    ``existing`` (the device's results by rule, :func:`results_of`) and ``live``
    (:func:`live_rule_ids`) when the caller read them for many devices at once; ``flush=False``
    leaves the writes to the caller's next flush."""
    if existing is None:
        existing = results_of(session, [device_id]).get(device_id, {})
    existing = dict(existing)
    if live is None:
        live = live_rule_ids(session)
    now = utcnow()
    transitions = []
    for verdict in verdicts:
        if verdict.rule_id not in live:  # deleted while the device was being backed up
            continue
        previous = existing.pop(verdict.rule_id, None)
        _row, kind = _apply(session, previous, verdict.rule_id, device_id, verdict, version_id, changed_by,
                            now)
        if kind is not None:
            transitions.append(Transition(session.get(ComplianceRule, verdict.rule_id), kind,
                                          list(verdict.findings), first=previous is None))
    for stale in existing.values():
        session.delete(stale)
    if flush:
        session.flush()
    return transitions


def rebuild_rule(session: Session, storage: Any, rule_row: ComplianceRule,
                 read_text: Any) -> dict[str, int]:
    """Evaluate one rule over every stored version of the devices it applies to, oldest first,
    replacing its results and events (a rule added today still says since when a device fails).

    ``read_text(storage, version)`` reads a version (the configs service's cached reader).
    Versions with the same content are parsed once.
    """
    session.execute(delete(ComplianceEvent).where(ComplianceEvent.rule_id == rule_row.id))
    session.execute(delete(ComplianceResult).where(ComplianceResult.rule_id == rule_row.id))
    session.flush()
    counts = {"devices": 0, "versions": 0, "failing": 0}
    if not rule_row.enabled:
        return counts
    rule = core_rule(rule_row)
    for device in session.scalars(select(Device).order_by(Device.id)):
        if not applicable([rule], device.platform, device.tag_names):
            continue
        versions = session.scalars(select(ConfigVersion).where(ConfigVersion.device_id == device.id)
                                   .order_by(ConfigVersion.retrieved_at, ConfigVersion.id)).all()
        if not versions:
            continue
        counts["devices"] += 1
        seen: dict[str, Verdict] = {}
        result = None
        for version in versions:
            verdict = seen.get(version.content_hash)
            if verdict is None:
                outcome = evaluate_rule(rule, ParsedConfig(read_text(storage, version), device.platform))
                verdict = seen[version.content_hash] = Verdict(rule_row.id, outcome.passed, outcome.findings)
            result, _kind = _apply(session, result, rule_row.id, device.id, verdict, version.id,
                                   version.changed_by, version.retrieved_at)
            counts["versions"] += 1
        if result is not None:
            result.evaluated_at = utcnow()
            counts["failing"] += result.status == "fail"
    session.flush()
    return counts
