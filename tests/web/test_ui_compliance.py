"""The compliance pages (matrix with filters, a rule's history, YAML edit/import/export, CSV), the
device page's compliance and hardware sections, and the fleet inventory page."""

from __future__ import annotations

import csv
import io
import re

from netraven_core.models import ConfigToStore

GOOD = "hostname {h}\nline vty 0 4\n transport input ssh\nend\n"
BAD = "hostname {h}\nip http server\nline vty 0 4\n transport input telnet ssh\nend\n"
HEADER = ("! -- version: show version --\n! Cisco IOS Software, C2960X Software, Version 15.2(7)E9\n"
          "! Model number : WS-C2960X-48FPD-L\n! System serial number : {serial}\n! -- end of sections --\n")
RULES = """\
rules:
  - key: vty-ssh
    title: VTY lines accept SSH only
    severity: high
    parent: '^line vty'
    match: absent
    pattern: '^transport input .*telnet'
    remediation: ' transport input ssh'
  - key: no-http
    title: No HTTP server
    severity: low
    tags: [edge]
    match: absent
    pattern: '^ip http server$'
"""


def _fleet(app):
    """core1 (GOOD, then BAD, then GOOD with a new serial) and edge1 (GOOD then BAD), indexed as
    backups would index them, with their facts."""
    from netraven_core.configtext.facts import extract_facts
    from netraven_server.services import configs, devices
    from netraven_server.services.fleet import record_facts

    state = app.extensions["netraven"]
    texts = {"core1": [HEADER.format(serial="FOC1") + GOOD, HEADER.format(serial="FOC1") + BAD,
                       HEADER.format(serial="FOC2") + GOOD],
             "edge1": [GOOD, BAD]}
    with state.db.session() as s:
        for name, tag in (("core1", "core"), ("edge1", "edge")):
            devices.create_device(s, {"hostname": name, "platform": "cisco_ios", "tags": [tag]})
        s.flush()
        for name, versions in texts.items():
            device = devices.get_by_hostname(s, name)
            for text in versions:
                text = text.format(h=name)
                infos = state.storage.save([ConfigToStore(name, text)])
                version = configs.record_versions(s, infos, {name: device.id})[name]
                s.flush()
                record_facts(s, device.id, version.id, extract_facts(text).as_dict())


def test_compliance_matrix_rule_history_and_exports(app, browser):
    _fleet(app)
    op = browser("operator")
    page = op.post("/compliance/import", {"content": RULES})
    assert page.status_code == 200 and "Created 2" in page.get_data(as_text=True)
    html = op.get("/compliance").get_data(as_text=True)
    assert "compliance-matrix" in html and ">vty-ssh</a>" in html and ">no-http</a>" in html
    rows = re.findall(r'<tr>\s*<td><a href="/devices/\d+#compliance">(\w+)</a>', html)
    assert rows == ["edge1", "core1"]  # most failing first
    assert "since v2" in html
    assert "core1" not in op.get("/compliance?tag=edge").get_data(as_text=True).split("<tbody>")[1]
    filtered = op.get("/compliance?severity=low").get_data(as_text=True)
    assert ">no-http</a>" in filtered and ">vty-ssh</a>" not in filtered

    v = browser("viewer")
    rule_id = re.search(r'href="/compliance/rules/(\d+)" title="VTY', html).group(1)
    rule = v.get(f"/compliance/rules/{rule_id}").get_data(as_text=True)
    assert "failing since" in rule and "version 2" in rule and "fixed in" in rule
    assert "started failing" in rule and "transport input telnet ssh" in rule
    assert re.search(r'href="/diff\?from_id=\d+&amp;to_id=\d+">the change</a>', rule)
    assert "Edit" not in rule.split("<h1>")[1].split("</div>")[0]  # a viewer cannot edit
    assert v.get(f"/compliance/rules/{rule_id}/edit").status_code == 403
    exported = v.get("/compliance/rules.yaml")
    assert exported.mimetype == "application/yaml" and "key: vty-ssh" in exported.get_data(as_text=True)
    results = v.get("/compliance/results.csv?status=fail")
    rows = list(csv.DictReader(io.StringIO(results.get_data(as_text=True))))
    assert sorted((r["hostname"], r["rule"]) for r in rows) == [("edge1", "no-http"), ("edge1", "vty-ssh")]

    device = v.get("/devices/2").get_data(as_text=True)  # edge1
    assert 'id="device-compliance"' in device and "2 of 2 rules fail" in device
    assert "transport input ssh" in device  # the remediation of a failing rule

    # Editing a rule as YAML: errors name the line and field; a good edit re-evaluates.
    bad = op.post(f"/compliance/rules/{rule_id}/edit", {"yaml": "rules:\n  - key: vty-ssh\n    title: x\n"
                                                       "    match: absent\n    pattern: '(('\n"})
    assert bad.status_code == 422 and "rule:5: rules[0].pattern: invalid regular expression" in \
        bad.get_data(as_text=True)
    good = op.post(f"/compliance/rules/{rule_id}/edit", {"yaml": RULES.split("  - key: no-http")[0]
                                                        .replace("high", "critical")})
    assert good.status_code == 302
    assert op.post("/compliance/import", {"content": "rules: [1]"}).status_code == 422
    assert op.post(f"/compliance/rules/{rule_id}/delete").status_code == 302
    assert ">vty-ssh</a>" not in op.get("/compliance").get_data(as_text=True)


def test_fleet_page_search_csv_and_device_hardware(app, browser):
    _fleet(app)
    v = browser("viewer")
    html = v.get("/fleet").get_data(as_text=True)
    assert "FOC2" in html and "WS-C2960X-48FPD-L" in html and "15.2(7)E9" in html
    assert "FOC2" not in v.get("/fleet?q=nothing-like-this").get_data(as_text=True)
    assert "core1" in v.get("/fleet?q=foc2").get_data(as_text=True)
    rows = list(csv.DictReader(io.StringIO(v.get("/fleet.csv").get_data(as_text=True))))
    assert [(r["hostname"], r["serial"], r["changes"]) for r in rows] == [("core1", "FOC2", "1")]
    device = v.get("/devices/1").get_data(as_text=True)
    assert 'id="device-facts"' in device and "serial changed from" in device and "FOC1" in device
