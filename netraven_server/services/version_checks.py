"""What the server learns from each new configuration version besides its diff: compliance
verdicts and fleet facts.

:func:`inspect_version` runs in the worker after the backup stored a version, on the stored
(redacted) text as the backup saved it (read back only for a version an interrupted attempt
stored): one parse for every rule and a handful of regexes for the facts.
:func:`record_checks` writes both in the transaction that indexes the version and returns the
compliance transitions for the notifications; :func:`record_checks_many` does the same for the
versions of one bulk result write with a query per table instead of three per device.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from netraven_core.configtext.facts import extract_facts

from ..db.models import ConfigVersion
from .compliance_state import (
    Transition,
    Verdict,
    enabled_rules,
    evaluate_text,
    live_rule_ids,
    record_version,
    results_of,
)
from .fleet import latest_facts_of, record_facts

log = logging.getLogger(__name__)

Rules = Sequence[tuple[int, Any]]


class RecentRules:
    """The enabled rules, read again once they are ``max_age`` seconds old.

    A run checks every new version against the rules; reading and converting them for each
    device was a twentieth of a consumer's CPU in a 1,000-device run.  A rule enabled, edited or
    disabled during a run applies from at most ``max_age`` seconds later.
    """

    def __init__(self, db: Any, max_age: float = 5.0):
        self._db, self._max_age = db, max_age
        self._rules: Rules = ()
        self._read_at: float | None = None

    def get(self) -> Rules:
        now = time.monotonic()
        if self._read_at is None or now - self._read_at >= self._max_age:
            with self._db.session(readonly=True) as s:
                self._rules = enabled_rules(s)
            self._read_at = now
        return self._rules


def inspect_version(db: Any, storage: Any, hostname: str, ref: str, platform: str,
                    tags: tuple[str, ...], text: str | None = None, rules: Rules | None = None
                    ) -> tuple[list[Verdict] | None, dict[str, Any] | None]:
    """``(verdicts, facts)`` of the stored version ``ref`` (``text``: as the backup saved it, else
    read back; ``rules``: the enabled rules if the caller has them, else read); ``(None, None)``
    if it cannot be read (the backup itself succeeded: a check that cannot run must not fail it)."""
    if text is None:
        try:
            text = storage.read(hostname, ref)
        except Exception as exc:  # the version is stored; its checks wait for the next one
            log.warning("%s: cannot read version %s back for compliance checks: %s", hostname, ref,
                        type(exc).__name__)
            return None, None
    if rules is None:
        with db.session(readonly=True) as s:
            rules = enabled_rules(s)
    facts = extract_facts(text)
    try:
        verdicts = evaluate_text(rules, text, platform, tags) if rules else []
    except Exception:  # a parser bug on an odd text must not fail a backup that was stored
        log.exception("%s: compliance rules could not be evaluated on version %s", hostname, ref)
        verdicts = None
    return verdicts, (facts.as_dict() if facts else None)


def record_checks(session: Session, device_id: int, version_id: int, verdicts: list[Verdict] | None,
                  facts: dict[str, Any] | None) -> list[Transition]:
    version = session.get(ConfigVersion, version_id)
    if version is None:
        return []
    if facts:
        record_facts(session, device_id, version_id, facts, at=version.retrieved_at)
    if verdicts is None:
        return []
    return record_version(session, device_id, version_id, verdicts, version.changed_by)


CheckEntry = tuple[int, int, list[Verdict] | None, dict[str, Any] | None]


def record_checks_many(session: Session, entries: list[CheckEntry]) -> dict[int, list[Transition]]:
    """:func:`record_checks` for ``(device_id, version_id, verdicts, facts)`` of distinct devices;
    the transitions by device."""
    device_ids = [device_id for device_id, *_ in entries]
    last_facts = latest_facts_of(session, [d for d, _v, _r, facts in entries if facts])
    judged = [d for d, _v, verdicts, _f in entries if verdicts is not None]
    existing = results_of(session, judged) if judged else {}
    live = live_rule_ids(session) if judged else set()
    out: dict[int, list[Transition]] = {device_id: [] for device_id in device_ids}
    # One query for the versions the write just added (a get per version flushed and selected
    # once per device: a sixteenth of a consumer's CPU).
    versions = {row.id: row for row in session.execute(
        select(ConfigVersion.id, ConfigVersion.retrieved_at, ConfigVersion.changed_by)
        .where(ConfigVersion.id.in_([version_id for _d, version_id, *_ in entries])))}
    for device_id, version_id, verdicts, facts in entries:
        version = versions.get(version_id)
        if version is None:
            continue
        if facts:
            record_facts(session, device_id, version_id, facts, at=version.retrieved_at,
                         last=last_facts.get(device_id), flush=False)
        if verdicts is not None:
            out[device_id] = record_version(session, device_id, version_id, verdicts, version.changed_by,
                                            existing=existing.get(device_id, {}), live=live, flush=False)
    session.flush()
    return out
