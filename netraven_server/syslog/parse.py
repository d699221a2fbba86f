"""Syslog messages as devices send them: RFC 5424 (``<PRI>1 TIMESTAMP HOST APP PROCID MSGID
[SD] MSG``) and the older BSD format of RFC 3164 (``<PRI>Mmm dd hh:mm:ss HOST TAG: MSG``), with
the variations network devices produce (no hostname, a sequence number before the time,
Cisco's ``*`` / ``.`` time markers, a year or a time zone in the timestamp).  Parsing never
fails: what cannot be read stays in ``message``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_PRI = re.compile(r"^<(\d{1,3})>")
_RFC5424 = re.compile(r"^1 (\S+) (\S+) (\S+) (\S+) (\S+) ((?:-|(?:\[(?:[^\]\\]|\\.)*\])+))(?: (.*))?$", re.S)
# "Mmm dd hh:mm:ss" with optional year/milliseconds/zone, Cisco's "*"/"." markers and a leading
# sequence number ("000123: *Mar  1 00:01:02.345 UTC: ...").
_BSD_TIME = re.compile(r"^(?:\d+: )?[*.]?(?:[A-Z][a-z]{2} +\d{1,2}(?: \d{4})? \d\d:\d\d:\d\d(?:\.\d+)?"
                       r"(?: [A-Z]{2,5})?|\d{4}-\d\d-\d\dT\S+):? ")
_HOST = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._:-]*) ")


@dataclass(frozen=True)
class SyslogMessage:
    facility: int | None
    severity: int | None
    hostname: str | None  # as the sender named itself, if it did
    app: str | None
    message: str  # the free text (for RFC 5424, after the structured data)
    raw: str
    msgid: str | None = None  # RFC 5424 MSGID (Junos puts its event name there: UI_COMMIT)
    structured: str | None = None  # RFC 5424 structured data, as written

    @property
    def searchable(self) -> str:
        """Everything a change pattern may look at, in one line."""
        return " ".join(p for p in (self.msgid, self.message, self.structured) if p)


def _looks_like_host(word: str) -> bool:
    # Cisco messages often carry no hostname: "%SYS-5-CONFIG_I: ..." or "123: %SYS..." must not
    # be taken for one.
    return not word.startswith("%") and not word.endswith(":") and not word.isdigit()


def parse(data: bytes | str) -> SyslogMessage:
    raw = data.decode("utf-8", "replace") if isinstance(data, bytes) else data
    raw = raw.lstrip("\ufeff").rstrip("\r\n\x00")
    text = raw
    facility = severity = None
    m = _PRI.match(text)
    if m:
        pri = int(m.group(1))
        facility, severity = pri >> 3, pri & 7
        text = text[m.end():]
    m5 = _RFC5424.match(text)
    if m5:
        host, app, msg = m5.group(2), m5.group(3), (m5.group(7) or "")
        msgid, sd = m5.group(5), m5.group(6)
        return SyslogMessage(facility, severity, None if host == "-" else host, None if app == "-" else app,
                             msg.lstrip("\ufeff"), raw, None if msgid == "-" else msgid,
                             None if sd == "-" else sd)
    hostname = app = None
    t = _BSD_TIME.match(text)
    if t:
        text = text[t.end():]
        h = _HOST.match(text)
        if h and _looks_like_host(h.group(1)):
            hostname, text = h.group(1), text[h.end():]
    tag = re.match(r"^([A-Za-z0-9_./-]{1,48})(?:\[\d+\])?: ", text)
    if tag:
        app = tag.group(1)
    return SyslogMessage(facility, severity, hostname, app, text, raw)
