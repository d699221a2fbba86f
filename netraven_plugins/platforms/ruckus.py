"""Ruckus (formerly Brocade/Foundry) FastIron: ICX switches."""

from __future__ import annotations

from netraven_core.models import EnableSpec, Platform, Section

from ._common import MORE

PLATFORMS: tuple[Platform, ...] = (
    Platform(
        name="ruckus_fastiron",
        vendor="Ruckus",
        description="Ruckus / Brocade FastIron ICX switches (ICX 7150, 7250, 7450, 7550, 7650, 7850)",
        drivers={"ssh": {}, "netmiko": {"device_type": "ruckus_fastiron"}},
        default_driver="ssh",
        # "SSH@ICX7150-48P Router>", "SSH@core-01#", "telnet@ICX7250-24 Switch(config)#",
        # "SSH@icx.lab(config-if-e1000-1/1/1)#", "ICX7450-48 Router(config-vlan-100)#" (console).
        # Unnamed switches print the model and "Router" or "Switch" after it; a stack joins its
        # members' names with slashes ("SSH@sw-001/002/003#").
        prompt_pattern=(r"(?<![^\n])(?:(?:SSH|ssh|telnet|TELNET|console)@)?[\w.\-/]{1,64}"
                        r"(?: (?:Router|Switch))?"
                        r"(?:\([\w.\-/]{1,64}\))?[>#]\s*$"),
        backup_commands=("show running-config",),
        # Accepted in privileged mode only, hence after enable.
        setup_commands=("skip-page-display",),
        # With AAA, enable asks "User Name:" first; the local super-user password is the default.
        enable=EnableSpec(),
        volatile_patterns=(),
        comment_prefix="!",
        paging_prompt=MORE,
        error_patterns=(
            r"^\s*Invalid input -> ",
            r"^\s*Incomplete command\.",
            r"^\s*Ambiguous input -> ",
            r"^\s*Error - ",
            r"^\s*Error: ",
        ),
        completeness_pattern=r"^end\s*$",
        transports=("ssh", "telnet"),
        # Telnet asks "Please Enter Login Name:" (older releases) or "User Name:".
        username_prompt=r"(?:[Uu]ser ?[Nn]ame|[Ll]ogin(?: [Nn]ame)?)\s*:\s*$",
        sections=(
            Section("version", "show version", (r"(?i)^.*uptime is ", r"(?i)The system started at ",
                                                r"(?i)^\s*System uptime")),
            Section("modules", "show module"),
            Section("media", "show media | exclude EMPTY"),
            Section("stack", "show stack | exclude T="),
        ),
    ),
)
