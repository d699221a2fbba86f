"""Recording the checks of many versions at once (a bulk result write) gives what recording them
one by one gives: the same compliance results, transitions and fleet facts rows."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from netraven_server.db.models import ComplianceResult, DeviceFacts
from netraven_server.services.compliance_state import Verdict
from netraven_server.services.version_checks import record_checks, record_checks_many
from tests.server.seed import store_versions

RULE = {"key": "vty-ssh", "title": "VTY lines accept SSH only", "severity": "high", "parent": "^line vty",
        "match": "absent", "pattern": "^transport input .*telnet"}
TEXT = "hostname {h}\nline vty 0 4\n transport input ssh\nend\n"


def _facts(serial: str) -> dict:
    return {"model": "WS-C2960X", "serial": serial, "os_version": "15.2"}


def _state(db) -> tuple[list, list]:
    with db.session(readonly=True) as s:
        results = sorted((r.device_id, r.rule_id, r.status, r.version_id, list(r.findings))
                         for r in s.scalars(select(ComplianceResult)))
        facts = sorted((f.device_id, f.version_id, f.serial) for f in s.scalars(select(DeviceFacts)))
    return results, facts


def _record(db, entries, many: bool) -> dict:
    with db.session() as s:
        if many:
            out = record_checks_many(s, entries)
        else:
            out = {d: record_checks(s, d, v, verdicts, facts) for d, v, verdicts, facts in entries}
        return {d: sorted((t.rule.id, t.kind, t.first) for t in ts) for d, ts in out.items()}


def _scenario(api, app, many: bool):
    names = ["a1", "a2", "a3"]
    for name in names:
        api.ok("POST", "/api/devices", 201, json={"hostname": name, "platform": "cisco_ios"})
    rule_id = api.ok("POST", "/api/compliance/rules", 201, json=RULE)["id"]
    ids = {d["hostname"]: d["id"] for d in api.ok("GET", "/api/devices")["items"]}
    versions = store_versions(app, {h: [TEXT.format(h=h) + f"! {i}\n" for i in range(2)] for h in names})
    db = app.extensions["netraven"].db
    a1, a2, a3 = (ids[n] for n in names)
    first = _record(db, [(a1, versions["a1"][0], [Verdict(rule_id, False, ("telnet",))], _facts("S1")),
                         (a2, versions["a2"][0], [Verdict(rule_id, True)], _facts("S2")),
                         (a3, versions["a3"][0], [Verdict(rule_id, True)], None)], many)
    after_first = _state(db)
    # second round: a1 fixed, a2 fails, a3's rule no longer applies (stale result dropped), a
    # version deleted meanwhile (unknown id) is skipped; a1's facts unchanged, a2's serial swapped
    second = _record(db, [(a1, versions["a1"][1], [Verdict(rule_id, True)], _facts("S1")),
                          (a2, versions["a2"][1], [Verdict(rule_id, False, ("x",))], _facts("S9")),
                          (a3, versions["a3"][1], [], None),
                          (999_999, 999_999, [Verdict(rule_id, True)], _facts("S0"))], many)
    return first, after_first, second, _state(db), versions


@pytest.mark.parametrize("many", [False, True], ids=["one-by-one", "many"])
def test_many_records_what_one_by_one_records(api, app, many):
    first, after_first, second, after_second, versions = _scenario(api, app, many=many)
    ids = {d["hostname"]: d["id"] for d in api.ok("GET", "/api/devices")["items"]}
    a1, a2, a3 = ids["a1"], ids["a2"], ids["a3"]
    rule = after_first[0][0][1]
    assert first == {a1: [(rule, "failed", True)], a2: [], a3: []}  # first verdicts: not news
    assert after_first == ([(a1, rule, "fail", versions["a1"][0], ["telnet"]),
                            (a2, rule, "pass", versions["a2"][0], []),
                            (a3, rule, "pass", versions["a3"][0], [])],
                           [(a1, versions["a1"][0], "S1"), (a2, versions["a2"][0], "S2")])
    assert second == {a1: [(rule, "fixed", False)], a2: [(rule, "failed", False)], a3: [], 999_999: []}
    assert after_second == ([(a1, rule, "pass", versions["a1"][1], []),
                             (a2, rule, "fail", versions["a2"][1], ["x"])],
                            sorted([(a1, versions["a1"][0], "S1"), (a2, versions["a2"][0], "S2"),
                                    (a2, versions["a2"][1], "S9")]))


def test_recent_rules_are_read_again_once_max_age_has_passed(api, app, monkeypatch):
    """A run reads the enabled rules once per ``max_age``, not once per device; a rule created
    during the run applies once they are read again."""
    from netraven_server.services import version_checks

    clock = [1000.0]
    monkeypatch.setattr(version_checks.time, "monotonic", lambda: clock[0])
    db = app.extensions["netraven"].db
    reads = []
    real = version_checks.enabled_rules
    monkeypatch.setattr(version_checks, "enabled_rules", lambda s: reads.append(1) or real(s))
    rules = version_checks.RecentRules(db, max_age=5.0)
    assert rules.get() == [] and rules.get() == [] and len(reads) == 1
    rule_id = api.ok("POST", "/api/compliance/rules", 201, json=RULE)["id"]
    clock[0] += 4.9
    assert rules.get() == [] and len(reads) == 1  # still the rules read 4.9 s ago
    clock[0] += 0.1
    assert [i for i, _rule in rules.get()] == [rule_id] and len(reads) == 2
