"""Simulator profile of Palo Alto PAN-OS."""

from __future__ import annotations

from netraven_core.simulator.profiles import Profile

from .configs import servers as configs

# Facts and moving values: see netraven_core.simulator.facts.  Content versions move on as
# the firewall installs updates by itself.
_SYSTEM_INFO = (
    "\nhostname: {host}\n"
    "ip-address: 192.0.2.10\n"
    "public-ip-address: unknown\n"
    "netmask: 255.255.255.0\n"
    "default-gateway: 192.0.2.1\n"
    "ipv6-address: unknown\n"
    "mac-address: {mac}\n"
    "time: {clock}\n"
    "uptime: {uptime_dhms}\n"
    "family: 3200\n"
    "model: PA-3220\n"
    "serial: 0{serial}\n"
    "sw-version: 10.2.9-h1\n"
    "global-protect-client-package-version: 0.0.0\n"
    "device-dictionary-version: 1{counter}-{counter}\n"
    "device-dictionary-release-date: {iso_clock}\n"
    "app-version: 8{counter}-8{counter}\n"
    "app-release-date: {iso_clock}\n"
    "av-version: 4{counter}-5{counter}\n"
    "av-release-date: {iso_clock}\n"
    "threat-version: 8{counter}-8{counter}\n"
    "threat-release-date: {iso_clock}\n"
    "wf-private-version: 0\n"
    "wf-private-release-date: unknown\n"
    "url-db: paloaltonetworks\n"
    "wildfire-version: 8{counter}-9{counter}\n"
    "wildfire-release-date: {iso_clock}\n"
    "url-filtering-version: 2024{counter}.20283\n"
    "global-protect-datafile-version: unknown\n"
    "global-protect-datafile-release-date: unknown\n"
    "logdb-version: 10.2.1\n"
    "platform-family: 3200\n"
    "vpn-disable-mode: off\n"
    "multi-vsys: off\n"
    "operational-mode: normal\n"
    "device-certificate-status: Valid\n"
)

PROFILES: tuple[Profile, ...] = (
    Profile(
        name="paloalto_panos",
        priv_prompt="{user}@{host}> ",
        default_hostname="PA-VM",
        config_prompt="{user}@{host}# ",
        reply_patterns=(
            (r"set cli scripting-mode (on|off)", ""),
            (r"set cli terminal width \d+", ""),
            (r"set cli pager (on|off)", ""),
            (r"set cli config-output-format \S+", ""),
            (r"show system info", _SYSTEM_INFO),
        ),
        backup_commands=("show config running", "show config merged"),
        error_reply="Unknown command: {cmd}\nInvalid syntax.\n",
        more_prompt="lines {start}-{end} ",
        config_commands=("configure",),
        config_exit_commands=("exit", "quit"),
        disable_command=None,
        config=configs.panos,
    ),
)
