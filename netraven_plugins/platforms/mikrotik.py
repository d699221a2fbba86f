"""MikroTik RouterOS."""

from __future__ import annotations

from netraven_core.models import Platform, Section

PLATFORMS: tuple[Platform, ...] = (
    Platform(
        name="mikrotik_routeros",
        vendor="MikroTik",
        description="MikroTik RouterOS 6.x/7.x; drivers add '+cet512w' to the login name "
        "(no colours, no auto-detection, wide terminal)",
        drivers={"ssh": {"username_suffix": "+cet512w"}, "netmiko": {"device_type": "mikrotik_routeros"}},
        default_driver="ssh",
        # "[admin@MikroTik] > ", "[admin@MikroTik] /ip address> "
        prompt_pattern=r"\[[\w.\-@ ]{1,80}\]\s?(?:/[\w /\-]*)?>\s*$",
        backup_commands=("/export",),
        setup_commands=(),
        volatile_patterns=(
            # "# nov/29/2026 09:30:12 by RouterOS 6.49.10" / "# 2026-11-29 09:30:12 by RouterOS 7.16"
            r"^# \S+ \d{1,2}:\d{2}:\d{2} by RouterOS ",
        ),
        comment_prefix="#",
        paging_prompt=r"-- \[Q quit\|D dump\|",
        error_patterns=(
            r"bad command name",
            r"expected end of command",
            r"^\s*syntax error",
            r"^\s*failure: ",
            r"^\s*no such item",
        ),
        completeness_pattern=None,
        transports=("ssh", "telnet"),
        exit_command="/quit",
        sections=(
            Section("resource", "/system resource print", (
                r"^\s*(?:uptime|free-memory|cpu-load|cpu-frequency|free-hdd-space|"
                r"write-sect-since-reboot|write-sect-total|bad-blocks): ",
            )),
            # "routerboard: no" and little else on CHR and x86 installs.
            Section("routerboard", "/system routerboard print"),
        ),
    ),
)
