"""Fortinet FortiGate (FortiOS)."""

from __future__ import annotations

from netraven_core.models import Platform, Section, SectionScope

PLATFORMS: tuple[Platform, ...] = (
    Platform(
        name="fortinet",
        vendor="Fortinet",
        description="Fortinet FortiGate firewalls (FortiOS 6.x/7.x)",
        drivers={"ssh": {}, "netmiko": {"device_type": "fortinet"}},
        default_driver="ssh",
        # "FGT60F # ", "FGT60F (global) # ", "FGT60F $ "
        prompt_pattern=r"[\w.\-]{1,64}(?: \([\w.\-]{1,40}\))? [#$]\s*$",
        backup_commands=("show full-configuration",),
        # Paging is not switched off with a command: that would change the device's
        # configuration (config system console / set output standard).  Drivers answer --More--.
        setup_commands=(),
        volatile_patterns=(
            r"^#conf_file_ver=",
            # the header names the user who fetched the configuration
            r"^#config-version=.*:user=",
        ),
        comment_prefix="#",
        paging_prompt=r"--More--",
        error_patterns=(
            r"^\s*Command fail\.",
            r"^\s*Unknown action \d+",
            r"^\s*command parse error",
        ),
        completeness_pattern=r"^end\s*$",
        transports=("ssh", "telnet"),
        exit_command="exit",
        sections=(
            # The clock, the cluster uptime and the FortiGuard signature databases (antivirus,
            # IPS, application control...: updated by the device itself several times a day)
            # change without anyone touching it; firmware, serial and licence lines are kept.
            Section("status", "get system status", (
                r"^System time: ",
                r"^Cluster uptime: ",
                r"^Last reboot reason: ",
                r"^[\w /-]*DB: ",
                r"^AV AI/ML Model: ",
                r"^IoT-Detect: ",
                r"^IPS Malicious URL Database: ",
            )),
            Section("hardware", "get hardware status"),
        ),
        # With VDOMs on, "show full-configuration" at the top level prints "config global" and
        # every "config vdom" (its header says vdom=1), but the hardware commands answer only in
        # the global context.
        section_scope=SectionScope(r"^#config-version=\S*:vdom=1\b|^#global_vdom=1\s*$",
                                   ("config global",), ("end",)),
    ),
)
