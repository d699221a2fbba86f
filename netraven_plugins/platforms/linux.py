"""Linux hosts (servers, white-box switches, appliances) backed up by reading files."""

from __future__ import annotations

from netraven_core.models import Platform, Section

PLATFORMS: tuple[Platform, ...] = (
    Platform(
        name="linux",
        vendor="Linux",
        description="Linux host; the backup is the ifupdown network configuration",
        drivers={"ssh": {}, "netmiko": {"device_type": "linux"}},
        default_driver="ssh",
        # "user@host:~$ ", "root@host:/etc# ", "[user@host ~]$ ", and without user@host in the
        # prompt (PS1 unset or minimal): "bash-5.1$ ", "sh-5.2# ", "$ "
        prompt_pattern=r"(?:\[[^\]\n]{1,120}\]|[\w.\-]{1,64}@[\w.\-]{1,64}(?::[^\n$#]{0,120})?"
        r"|[\w.\-]{1,64})?\s?[$#]\s*$",
        backup_commands=("cat /etc/network/interfaces",),
        setup_commands=(),
        volatile_patterns=(),
        comment_prefix="#",
        paging_prompt=None,
        error_patterns=(
            r"^\S+: .*(?:command not found|No such file or directory|Permission denied)\s*$",
        ),
        completeness_pattern=None,
        # Kernel release and machine only ("uname -a" adds the build time and the host name):
        # changes when the host runs a new kernel.
        # DMI's vendor and model are world-readable (its serial, product_serial, is root's only).
        sections=(Section("kernel", "uname -srm"),
                  Section("hardware", "cat /sys/class/dmi/id/sys_vendor /sys/class/dmi/id/product_name")),
    ),
)
