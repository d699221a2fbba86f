"""Which syslog messages say "the configuration changed", and who changed it.

One pattern per vendor message (the catalogue's vendors).  Per-command audit messages
(Cisco's CFGLOG, Huawei's CMDRECORD, Comware's SHELL_CMD) fire once per command; the debounce
turns a session's burst into one backup, and commands that change nothing (``show``,
``display``, ``ping``...) are ignored.  A pattern's ``user`` group is the person; some
messages name none (``Configured from console by vty0``), and a change is still recognised.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .parse import SyslogMessage

READ_ONLY_COMMAND = re.compile(r"^\s*(?:show|display|dir|ping|traceroute|tracert|terminal|more|exit|end|quit"
                               r"|return|enable|disable|screen-length|undo terminal)\b", re.I)


@dataclass(frozen=True)
class ChangePattern:
    vendor: str
    name: str
    regex: re.Pattern[str]
    command_group: bool = False  # the match has a "command" group: read-only commands do not count


def _p(vendor: str, name: str, pattern: str, *, command: bool = False) -> ChangePattern:
    return ChangePattern(vendor, name, re.compile(pattern, re.I), command)


PATTERNS: tuple[ChangePattern, ...] = (
    # Cisco IOS/IOS-XE and Arista EOS: "Configured from console by admin on vty0 (10.0.0.5)";
    # without a user: "Configured from console by vty0 (10.0.0.5)" / "... from memory by console".
    _p("cisco/arista", "SYS-5-CONFIG_I",
       r"%SYS-5-CONFIG_I: Configured from \S+ by (?:(?P<user>[^\s()]+) on )?(?P<line>\S+)"
       r"(?: \((?P<address>[0-9a-fA-F.:]+)\))?"),
    _p("cisco", "PARSER-5-CFGLOG_LOGGEDCMD",
       r"%PARSER-5-CFGLOG_LOGGEDCMD: User:\s*(?P<user>\S+)\s+logged command:\s*(?P<command>.*)",
       command=True),
    _p("cisco-nxos", "VSHD_SYSLOG_CONFIG_I",
       r"%VSHD-\d-VSHD_SYSLOG_CONFIG_I: Configured from \S+ by (?P<user>[^\s@]+)"),
    _p("cisco-xr", "MGBL-CONFIG-6-DB_COMMIT",
       r"%MGBL-CONFIG-6-DB_COMMIT\s*:\s*Configuration committed by user '(?P<user>[^']+)'"),
    _p("cisco-asa", "ASA-5-111008",
       r"%ASA-5-111008: User '(?P<user>[^']+)' executed the '(?P<command>[^']*)' command", command=True),
    _p("juniper", "UI_COMMIT",
       r"\bUI_COMMIT\b(?!_)[^']*User '(?P<user>[^']+)' requested '(?:commit|rollback)"),
    _p("juniper", "UI_COMMIT_COMPLETED", r"\bUI_COMMIT_COMPLETED\b"),
    _p("arista", "CONFIG_SESSION_COMMIT",
       r"%SYS-\d-CONFIG_SESSION_COMMIT_SUCCESS: User (?P<user>\S+) committed"),
    # FortiOS event log: logdesc="Object attribute configured" user="admin" ... cfgpath="..."
    _p("fortinet", "FortiOS config",
       r"\blogid=\"?01000445(?:46|47|48)\"?.*?\buser=\"(?P<user>[^\"]+)\""),
    # PAN-OS CONFIG log (CSV): ...,CONFIG,0,...,<host>,<vsys>,<command>,<admin>,<client>,Succeeded,...
    _p("paloalto", "PAN-OS CONFIG",
       r",CONFIG,[^,]*,[^,]*,[^,]*,[^,]*,[^,]*,(?P<command>[^,]*),(?P<user>[^,]+),[^,]*,Succeeded",
       command=True),
    _p("huawei", "SHELL/5/CMDRECORD",
       r"SHELL/\d/CMDRECORD.*?User=\"?(?P<user>[^\",)]+)\"?.*?Command=\"(?P<command>[^\"]*)\"", command=True),
    _p("huawei", "CFG_CHANGE",
       r"/(?:CFG_CHANGE|CFGCHANGE|CONFIG_CHANGE)\b(?:.*?User(?:Name)?=\"?(?P<user>[^\",)\s]+))?"),
    _p("comware", "SHELL_CMD",
       r"SHELL/\d/SHELL_CMD: .*?-User=(?P<user>[^;\s-]+).*?Command is (?P<command>.*)", command=True),
    _p("comware", "CFGMAN_CFGCHANGED", r"CFGMAN/\d/CFGMAN_CFGCHANGED"),
    _p("aruba-cx", "config change", r"\bConfiguration change(?:d)? by user (?P<user>\S+)"),
    _p("procurve", "mgr config", r"\bmgr: +(?:SME|CLI|web) .*?(?:user|User) '?(?P<user>[^\s']+)'? .*?config"),
    # RouterOS: "system,info address added by admin", "... changed by admin"
    _p("mikrotik", "config changed", r"^(?:\S+,)*info .+ (?:changed|added|removed) by (?P<user>[^\s,]+)\s*$"),
)


@dataclass(frozen=True)
class ChangeEvent:
    vendor: str
    pattern: str
    user: str | None
    address: str | None  # the address the change came from, when the message says


def recognise(msg: SyslogMessage) -> ChangeEvent | None:
    """The configuration change this message reports, or ``None``."""
    text = msg.searchable
    for pattern in PATTERNS:
        m = pattern.regex.search(text)
        if m is None:
            continue
        groups = m.groupdict()
        if pattern.command_group and READ_ONLY_COMMAND.match(groups.get("command") or ""):
            return None
        user = (groups.get("user") or "").strip() or None
        return ChangeEvent(pattern.vendor, pattern.name, user[:64] if user else None, groups.get("address"))
    return None
