"""Juniper Junos OS (and Junos OS Evolved)."""

from __future__ import annotations

from netraven_core.models import Platform, Section

PLATFORMS: tuple[Platform, ...] = (
    Platform(
        name="juniper_junos",
        vendor="Juniper",
        description="Juniper Junos (MX, EX, QFX, SRX, PTX); configuration in curly-brace format",
        drivers={
            "ssh": {},
            "netmiko": {"device_type": "juniper_junos"},
            "scrapli": {"platform": "juniper_junos"},
        },
        default_driver="ssh",
        # operational "user@host> ", configuration "user@host# ", without a host name set
        # "user> " / "user# ", the shell "root@host:RE:0% " / "root@:RE:0% "
        prompt_pattern=r"(?:[\w.\-]{1,64}@[\w.\-:]{0,64}|[\w.\-]{1,64})[>#%]\s*$",
        backup_commands=("show configuration",),
        setup_commands=("set cli screen-length 0", "set cli screen-width 511"),
        # Above every prompt: the chassis cluster role "{primary:node0}" / "{secondary-hold:node1}",
        # the virtual chassis role "{master:0}" / "{backup:1}", the configuration level "[edit]".
        status_line_patterns=(r"\{[\w\-]{1,40}(?::[\w\-]{1,40})?\}", r"\[edit(?: [^\]\n]{1,200})?\]"),
        volatile_patterns=(
            r"^## Last commit: ",
            r"^## Last changed: ",
        ),
        comment_prefix="#",
        paging_prompt=r"---\(more(?: \d+%)?\)---",
        error_patterns=(
            r"^\s*syntax error",
            r"^\s*unknown command",
            r"^\s*error: ",
            r"^\s*invalid (?:command|value|input)",
        ),
        # A top-level stanza closes with "}" in the first column; a "| display set" listing (a
        # plugin may choose that command) has no end marker, any set line will do.
        completeness_pattern=r"^\}\s*$|^set ",
        # Neither prints anything that changes by itself.
        sections=(
            Section("version", "show version"),
            Section("hardware", "show chassis hardware"),
        ),
        transports=("ssh", "telnet"),
    ),
)
