"""Juniper NetScreen / SSG firewalls running ScreenOS."""

from __future__ import annotations

from netraven_core.models import Platform, Section

PLATFORMS: tuple[Platform, ...] = (
    Platform(
        name="juniper_screenos",
        vendor="Juniper",
        description="Juniper ScreenOS firewalls (NetScreen, SSG 5/20/140/350/550, ISG)",
        drivers={"ssh": {}, "netmiko": {"device_type": "juniper_screenos"}},
        default_driver="ssh",
        # "ssg5-serial->", "fw01(M)->" / "fw01(B)->" in an NSRP cluster, "fw01(vsys1)->".
        prompt_pattern=r"(?<![^\n])[\w.:\-]{1,80}(?:\([\w.\-]{1,40}\))*-> ?\s*$",
        backup_commands=("get config",),
        setup_commands=("set console page 0",),
        # The size header changes with every edit and says nothing the diff does not.
        volatile_patterns=(r"^Total Config size \d+:?\s*$",),
        comment_prefix="!",
        paging_prompt=r"--- more ---",
        error_patterns=(
            r"\^-+unknown keyword",
            r"^\s*unknown keyword ",
            r"^\s*Failed command - ",
            r"^\s*### ",
        ),
        completeness_pattern=None,
        transports=("ssh", "telnet"),
        sections=(
            Section("system", "get system", (
                r"^Date ",
                r"^Up \d+",
                r"(?i)current bw ",
                r"(?i)^Total Config size",
            )),
        ),
    ),
)
