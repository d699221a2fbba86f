"""Cisco wireless LAN controllers: AireOS (2500/5520/8540, vWLC) and the Catalyst 9800."""

from __future__ import annotations

from dataclasses import replace

from netraven_core.models import Platform, Section

from .cisco import PLATFORMS as _CISCO

_XE = next(p for p in _CISCO if p.name == "cisco_xe")

PLATFORMS: tuple[Platform, ...] = (
    Platform(
        name="cisco_aireos",
        vendor="Cisco",
        description="Cisco AireOS wireless LAN controllers (2500, 3504, 5520, 8540, vWLC)",
        drivers={"ssh": {}, "netmiko": {"device_type": "cisco_wlc"}},
        default_driver="ssh",
        # "(Cisco Controller) >", "(WLC-01) config>", "(WLC-01) config wlan>"; the system name
        # may hold spaces, which is why it sits in parentheses.
        prompt_pattern=r"(?<![^\n])\([^()\n]{1,80}\) ?(?:config(?: [\w\-]{1,40})* ?)?>\s*$",
        backup_commands=("show run-config commands",),
        setup_commands=("config paging disable",),
        volatile_patterns=(),
        comment_prefix="#",
        paging_prompt=r"--More-- or \(q\)uit|--More--",
        error_patterns=(
            r"^\s*Incorrect usage\b",
            r"^\s*Incorrect input\b",
            r"^\s*Invalid (?:command|input)\b",
        ),
        completeness_pattern=None,
        # After SSH authentication the controller asks "User:" and "Password:" again in the shell.
        inband_login=True,
        exit_command="logout",
        sections=(
            Section("version", "show sysinfo", (
                r"^System Up Time\.+",
                r"^(?:Current|Last) (?:Reset|Boot)\b.*(?:Time|Date)",
                r"^Number of Active Clients\.+",
                r"^Number of Active APs\b",
                r"^(?:Internal|External) Temperature\.+",
                r"^Fan Status\.+",
                r"^Power Supply \d",
            )),
            Section("inventory", "show inventory"),
        ),
    ),
    # The Catalyst 9800 runs IOS XE: the same dialogue, prompts and volatile lines.
    replace(
        _XE,
        name="cisco_wlc9800",
        description="Cisco Catalyst 9800 wireless controllers (IOS XE: 9800-40/-80/-L/-CL, EWC)",
    ),
)
