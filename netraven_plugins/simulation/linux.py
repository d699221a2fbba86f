"""Simulator profile of a Linux host (ifupdown configuration)."""

from __future__ import annotations

from netraven_core.simulator.profiles import Profile

from .configs import servers as configs

PROFILES: tuple[Profile, ...] = (
    Profile(
        name="linux",
        user_prompt="{user}@{host}:~$ ",
        priv_prompt="root@{host}:/home/{user}# ",
        default_hostname="localhost",
        enable_command="sudo -s",
        enable_password_prompt="[sudo] password for {user}: ",  # noqa: S106 - a prompt
        enable_failure="Sorry, try again.\nsudo: 1 incorrect password attempt\n",
        disable_command=None,
        reply_patterns=(
            (r"uname -a", "Linux {host} 6.1.0-28-amd64 #1 SMP PREEMPT_DYNAMIC Debian 6.1.119-1 x86_64 "
                          "GNU/Linux\n"),
            (r"uname -srm", "Linux 6.1.0-28-amd64 x86_64\n"),
            (r"cat /sys/class/dmi/id/sys_vendor /sys/class/dmi/id/product_name",
             "Dell Inc.\nPowerEdge R650\n"),
            (r"hostname", "{host}\n"),
            (r"whoami", "{user}\n"),
        ),
        # The configuration is the ifupdown file, world-readable: no sudo needed to read it.
        backup_commands=("cat /etc/network/interfaces", "sudo cat /etc/network/interfaces"),
        error_reply="-bash: {cmd}: command not found\n",
        more_prompt="--More--({pct}%)",
        config_commands=(),
        exit_commands=("exit", "logout"),
        exit_drops_privilege=True,
        config=configs.linux_interfaces,
    ),
)
