"""Syslog parsing (RFC 3164/5424 as network devices send them) and the recognised
configuration-change messages of the catalogue's vendors, with the user each names."""

from __future__ import annotations

import pytest

from netraven_server.notify import messages
from netraven_server.syslog.changes import recognise
from netraven_server.syslog.parse import parse
from netraven_server.syslog.receiver import parse_listen

CHANGES = [
    # (message, vendor pattern, user)
    ("<189>123: *Mar  1 00:01:02.345 UTC: %SYS-5-CONFIG_I: "
     "Configured from console by admin on vty0 (10.0.0.5)",
     "SYS-5-CONFIG_I", "admin"),
    ("<189>Dec  4 18:00:00 core-r1 %SYS-5-CONFIG_I: Configured from console by vty0 (10.0.0.5)",
     "SYS-5-CONFIG_I", None),
    ("<189>Dec  4 18:00:00 core-r1 %SYS-5-CONFIG_I: Configured from memory by console",
     "SYS-5-CONFIG_I", None),
    ("<189>45: core-r1: Dec  4 18:00:00: %PARSER-5-CFGLOG_LOGGEDCMD: "
     "User:alice  logged command:interface Gi0/1",
     "PARSER-5-CFGLOG_LOGGEDCMD", "alice"),
    ("<189>Dec  4 18:00:00 nx1 %VSHD-5-VSHD_SYSLOG_CONFIG_I: Configured from vty by bob on 10.0.0.9@pts/0",
     "VSHD_SYSLOG_CONFIG_I", "bob"),
    ("<189>RP/0/RSP0/CPU0:Dec  4 18:00:00 : config[65710]: %MGBL-CONFIG-6-DB_COMMIT : "
     "Configuration committed by user 'carol'. "
     "Use 'show configuration commit changes 1000000042' to view the changes.",
     "MGBL-CONFIG-6-DB_COMMIT", "carol"),
    ("<28>Dec  4 18:00:00 fw1 mgd[1234]: UI_COMMIT: "
     "User 'ops' requested 'commit' operation (comment: ticket 7)",
     "UI_COMMIT", "ops"),
    ("<189>1 2026-12-04T18:00:00.000Z edge-1 mgd 1234 UI_COMMIT [junos@2636.1.1.1.2.18 username=\"x\"] "
     "User 'x' requested 'commit' operation", "UI_COMMIT", "x"),
    ("<189>1 2026-12-04T18:00:01Z edge-1 mgd 1234 UI_COMMIT_COMPLETED - commit complete",
     "UI_COMMIT_COMPLETED", None),
    ("<189>Dec  4 18:00:00 leaf1 ConfigAgent: %SYS-5-CONFIG_I: Configured from console by dave on vty3 "
     "(10.1.1.1)", "SYS-5-CONFIG_I", "dave"),
    ("<189>Dec  4 18:00:00 leaf1 ConfigAgent: %SYS-5-CONFIG_SESSION_COMMIT_SUCCESS: User erin committed "
     "configuration session s1", "CONFIG_SESSION_COMMIT", "erin"),
    ('<189>date=2026-12-04 time=18:00:00 devname="fw-a" logid="0100044547" type="event" subtype="system" '
     'level="information" user="frank" ui="GUI(10.0.0.5)" action="Edit" cfgpath="system.interface" '
     'msg="Edit system.interface port1"', "FortiOS config", "frank"),
    ("<14>Dec  4 18:00:00 pa-fw 1,2026/12/04 18:00:00,007200001234,CONFIG,0,0,2026/12/04 18:00:00,10.0.0.5,"
     "vsys1,edit,grace,Web,Succeeded, deviceconfig system,", "PAN-OS CONFIG", "grace"),
    ('<189>Dec  4 2026 18:00:00 HW-1 %%01SHELL/5/CMDRECORD(s)[12]:Recorded command information. (Task=VT0, '
     'Ip=10.0.0.5, VpnName=, User=henry, AuthenticationMethod="Local-user", Command="interface GE0/0/1")',
     "SHELL/5/CMDRECORD", "henry"),
    ("<189>Dec  4 18:00:00 2026 HPE-1 %%10SHELL/6/SHELL_CMD: -Line=vty0-IPAddr=10.0.0.5-User=ivan; "
     "Command is vlan 20", "SHELL_CMD", "ivan"),
    ("<189>Dec  4 18:00:00 2026 HPE-1 %%10CFGMAN/5/CFGMAN_CFGCHANGED: -EventIndex=12-CommandSource=1"
     "-ConfigSource=2-ConfigDestination=3; Configuration changed.", "CFGMAN_CFGCHANGED", None),
    ("<189>Dec  4 18:00:00 asa1 %ASA-5-111008: User 'judy' executed the 'access-list x permit ip any any' "
     "command.", "ASA-5-111008", "judy"),
]

NOT_CHANGES = [
    "<187>Dec  4 18:00:00 core-r1 %LINK-3-UPDOWN: Interface Gi0/1, changed state to down",
    "<189>Dec  4 18:00:00 core-r1 %PARSER-5-CFGLOG_LOGGEDCMD: User:alice  logged command:show running-config",
    '<189>Dec  4 2026 18:00:00 HW-1 %%01SHELL/5/CMDRECORD(s)[1]:Recorded command information. (Task=VT0, '
    'Ip=10.0.0.5, VpnName=, User=henry, AuthenticationMethod="Local-user", Command="display version")',
    "<189>Dec  4 18:00:00 core-r1 %SYS-5-CONFIG_E: Enter configuration mode from console by admin on vty0",
    "<30>Dec  4 18:00:00 fw1 sshd[99]: Accepted publickey for ops from 10.0.0.5",
    "garbage \x00\xff",
]


@pytest.mark.parametrize(("text", "pattern", "user"), CHANGES)
def test_change_messages_and_their_user(text, pattern, user):
    change = recognise(parse(text.encode()))
    assert change is not None and change.pattern == pattern and change.user == user


@pytest.mark.parametrize("text", NOT_CHANGES)
def test_other_messages_are_not_changes(text):
    assert recognise(parse(text.encode("utf-8", "surrogateescape"))) is None


def test_parsing_both_formats():
    m = parse(b"<189>Dec  4 18:00:00 core-r1 %SYS-5-CONFIG_I: Configured from console by admin on vty0")
    assert (m.facility, m.severity, m.hostname) == (23, 5, "core-r1")
    m = parse(b"<189>123: *Mar  1 00:01:02.345 UTC: %SYS-5-CONFIG_I: x")
    assert m.hostname is None and m.message.startswith("%SYS-5-CONFIG_I")
    m = parse(b"<165>1 2026-12-04T18:00:00Z sw-9 app 1 ID47 [a@1 b=\"c\"] \xef\xbb\xbfhello")
    assert (m.hostname, m.app, m.msgid, m.message) == ("sw-9", "app", "ID47", "hello")


def test_listen_addresses_are_checked():
    assert [(e.protocol, e.port) for e in parse_listen("udp://0.0.0.0:5514, tcp://[::1]:6514")] == [
        ("udp", 5514), ("tcp", 6514)]
    for bad in ("udp://0.0.0.0", "http://x:1", "tcp://:5514", ""):
        with pytest.raises(ValueError, match="NETRAVEN_SYSLOG_LISTEN"):
            parse_listen(bad)


def test_notification_names_who_changed():
    n = messages.config_changed("core-r1", "+x", changed_by="alice")
    assert "by alice" in n.subject and n.data["changed_by"] == "alice"
