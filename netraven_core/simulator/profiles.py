"""Per-platform behaviour of a simulated device, as data.

A :class:`Profile` says what the device prints and expects: prompts, how privileged mode is
reached, the replies to the setup commands netmiko 4.8 and scrapli 2025.1.30 send while preparing
a session, the backup commands and the vendor-style error for anything else.  A driver engineer who
needs a different reply edits (or replaces, via :data:`PROFILES`) the data here; the session logic
in :mod:`.session` is shared by every platform.

Prompt and reply strings are ``str.format`` templates; available fields are ``host`` (the
hostname), ``user`` (the login name without a MikroTik ``+options`` suffix) and, in replies to a
``reply_patterns`` regex, the regex groups as ``{0}``, ``{1}``...  Output uses ``\\n``; the session
turns it into ``\\r\\n`` on the wire.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

CISCO_INVALID = "{caret}^\n% Invalid input detected at '^' marker.\n"


@dataclass(frozen=True)
class Profile:
    """How one platform behaves on the CLI."""

    name: str
    priv_prompt: str
    # Prompt before privileged mode; ``None`` means the login lands in privileged mode.
    user_prompt: str | None = None
    config_prompt: str | None = None  # prompt inside configuration mode, if the platform has one
    enable_command: str | None = None
    enable_username_prompt: str | None = None  # ProCurve asks for a user name first
    enable_password_prompt: str = "Password: "  # noqa: S105 - a prompt, not a secret
    enable_failure: str = "% Access denied\n"
    disable_command: str | None = "disable"
    # Text printed after login, before the first prompt (the message of the day).
    motd: str = ""
    # ProCurve waits for a key after its copyright notice.
    press_any_key: bool = False
    # (regex matched against the whole command, reply template); first match wins.
    reply_patterns: tuple[tuple[str, str], ...] = ()
    backup_commands: tuple[str, ...] = ("show running-config",)
    backup_requires_privilege: bool = False
    privilege_required_reply: str = CISCO_INVALID
    error_reply: str = CISCO_INVALID
    config_commands: tuple[str, ...] = ("configure terminal", "conf t", "configure")
    config_exit_commands: tuple[str, ...] = ("end",)
    exit_commands: tuple[str, ...] = ("exit", "quit", "logout")
    # Pager prompt of the ``paging`` fault; fields {start}, {end} (line numbers), {pct}.
    more_prompt: str = " --More-- "
    # Replies to any command inside configuration mode (accepted silently by default).
    config_reply: str = ""
    # Asked (single key, ``y`` confirms) before an exit command ends the session (ProCurve).
    logout_confirm: str | None = None
    # Linux: ``exit`` in a root shell returns to the user shell instead of logging out.
    exit_drops_privilege: bool = False

    def with_changes(self, **changes: object) -> Profile:
        """A copy with some fields replaced (for tests and plugin authors)."""
        return replace(self, **changes)  # type: ignore[arg-type]


_CISCO_COMMON: tuple[tuple[str, str], ...] = (
    (r"terminal length \d+", ""),
    (r"terminal width \d+", ""),
    (r"terminal no monitor|terminal monitor", ""),
    (r"show clock", "*09:00:00.000 UTC Sun Nov 29 2026\n"),
)

_IOS_VERSION = (
    "Cisco IOS Software, C2960X Software (C2960X-UNIVERSALK9-M), Version 15.2(7)E8, RELEASE SOFTWARE (fc1)\n"
    "ROM: Bootstrap program is C2960X boot loader\n"
    "{host} uptime is 12 weeks, 3 days, 4 hours, 5 minutes\n"
    "System image file is \"flash:c2960x-universalk9-mz.152-7.E8.bin\"\n"
)

_XE_VERSION = (
    "Cisco IOS XE Software, Version 17.09.04a\n"
    "Cisco IOS Software [Cupertino], Catalyst L3 Switch Software (CAT9K_IOSXE), Version 17.9.4a\n"
    "{host} uptime is 7 weeks, 1 day, 2 hours, 3 minutes\n"
)

_HP_MORE = "-- MORE --, next page: Space, next line: Enter, quit: Control-C"

PROFILES: dict[str, Profile] = {}


def _add(profile: Profile) -> None:
    PROFILES[profile.name] = profile


_add(Profile(
    name="cisco_ios",
    user_prompt="{host}>",
    priv_prompt="{host}#",
    config_prompt="{host}(config)#",
    enable_command="enable",
    reply_patterns=(*_CISCO_COMMON, (r"show version", _IOS_VERSION)),
    backup_commands=("show running-config", "show startup-config"),
    backup_requires_privilege=True,
))

_add(PROFILES["cisco_ios"].with_changes(
    name="cisco_xe",
    reply_patterns=(*_CISCO_COMMON, (r"show version", _XE_VERSION)),
))

_add(Profile(
    name="cisco_nxos",
    priv_prompt="{host}#",
    config_prompt="{host}(config)#",
    reply_patterns=(*_CISCO_COMMON, (r"show version", "Cisco Nexus Operating System (NX-OS) Software\n"
                                                      "  NXOS: version 10.2(5)\n")),
    backup_commands=("show running-config", "show running-config all", "show startup-config"),
    error_reply="                    ^\n% Invalid command at '^' marker.\n",
    disable_command=None,
))

_add(Profile(
    name="cisco_xr",
    priv_prompt="RP/0/RP0/CPU0:{host}#",
    config_prompt="RP/0/RP0/CPU0:{host}(config)#",
    reply_patterns=(*_CISCO_COMMON, (r"show version", "Cisco IOS XR Software, Version 7.5.2\n")),
    backup_commands=("show running-config",),
    disable_command=None,
))

_add(Profile(
    name="cisco_asa",
    user_prompt="{host}>",
    priv_prompt="{host}#",
    config_prompt="{host}(config)#",
    enable_command="enable",
    enable_failure="Invalid password\n",
    reply_patterns=(
        (r"show curpriv", "Username : {user}\nCurrent privilege level : 1\nCurrent Mode/s : P_UNPR\n"),
        (r"terminal pager \d+", ""),
        (r"terminal width \d+", ""),
        (r"show version", "Cisco Adaptive Security Appliance Software Version 9.16(4)\n"),
    ),
    backup_commands=("show running-config", "more system:running-config"),
    backup_requires_privilege=True,
    privilege_required_reply="ERROR: % Invalid input detected at '^' marker.\n",
    error_reply="ERROR: % Invalid input detected at '^' marker.\n",
    more_prompt="<--- More --->",
))

_add(Profile(
    name="arista_eos",
    user_prompt="{host}>",
    priv_prompt="{host}#",
    config_prompt="{host}(config)#",
    enable_command="enable",
    reply_patterns=(
        (r"terminal width (\d+)", "Width set to {0} columns.\n"),
        (r"terminal length 0", "Pagination disabled.\n"),
        (r"terminal length (\d+)", "Pagination set to {0} lines.\n"),
        (r"show version", "Arista DCS-7050SX3-48YC8\nSoftware image version: 4.31.2F\n"),
    ),
    backup_commands=("show running-config", "show running-config sanitized", "show startup-config"),
    backup_requires_privilege=True,
    privilege_required_reply="% Invalid input (privileged mode required)\n",
    error_reply="% Invalid input\n",
))

_add(Profile(
    name="juniper_junos",
    priv_prompt="{user}@{host}> ",
    config_prompt="{user}@{host}# ",
    reply_patterns=(
        (r"set cli screen-width (\d+)", "Screen width set to {0}\n"),
        (r"set cli screen-length (\d+)", "Screen length set to {0}\n"),
        (r"set cli complete-on-space off", "Disabling complete-on-space\n"),
        (r"set cli complete-on-space on", "Enabling complete-on-space\n"),
        (r"show version", "Hostname: {host}\nModel: mx204\nJunos: 22.4R3-S2.11\n"),
    ),
    backup_commands=("show configuration",),
    error_reply="                    ^\nunknown command.\n",
    config_commands=("configure", "edit", "configure private"),
    config_exit_commands=("exit", "quit", "exit configuration-mode"),
    disable_command=None,
    more_prompt="---(more {pct}%)---",
))

_add(Profile(
    name="hp_procurve",
    # The simulator's login is a manager account, which lands in privileged mode; "enable" is
    # accepted (netmiko sends it) and changes nothing.
    priv_prompt="{host}# ",
    config_prompt="{host}(config)# ",
    enable_command="enable",
    enable_username_prompt="Username: ",
    enable_failure="Invalid password\n",
    motd=("HP J9729A 2920-48G-POE+ Switch\nSoftware revision WB.16.10.0009\n\n"
          " (C) Copyright 2020 Hewlett Packard Enterprise Development LP\n\n"
          "                   RESTRICTED RIGHTS LEGEND\n"
          " Confidential computer software. Valid license from HPE required for possession,\n"
          " use or copying.\n\n"),
    press_any_key=True,
    reply_patterns=(
        (r"no page", ""),
        (r"terminal width \d+", ""),
        (r"terminal length \d+", ""),
        (r"show version", "Image stamp:    /ws/swbuildm/rel_venice_qaoff/code/build/bom\n"
                          "                WB.16.10.0009\n"),
    ),
    backup_commands=("show running-config", "show config"),
    error_reply="Invalid input: {cmd}\n",
    more_prompt=_HP_MORE,
    logout_confirm="Do you want to log out [y/n]? ",
))

_add(Profile(
    name="aruba_aoscx",
    priv_prompt="{host}# ",
    config_prompt="{host}(config)# ",
    reply_patterns=(
        (r"no page", ""),
        (r"terminal width \d+", ""),
        (r"terminal length \d+", ""),
        (r"show version", "ArubaOS-CX\nVersion      : FL.10.10.1030\n"),
    ),
    backup_commands=("show running-config",),
    error_reply="Invalid input: {cmd}\n",
    disable_command=None,
    more_prompt=_HP_MORE,
))

_add(Profile(
    name="fortinet",
    priv_prompt="{host} # ",
    config_prompt=None,
    reply_patterns=(
        (r"get system status \| grep Virtual", "Virtual domain configuration: disable\n"),
        (r"get system status \| grep Version", "Version: FortiGate-VM64 v7.2.8,build1639,240313 (GA.M)\n"),
        (r"get system status", "Version: FortiGate-VM64 v7.2.8,build1639,240313 (GA.M)\n"
                               "Virtual domain configuration: disable\nHostname: {host}\n"),
        (r"get system console", "mode                : line\nbaudrate            : 9600\n"
                                "output              : standard\nlogin               : enable\n"),
        (r"config system console|set output (standard|more)|end", ""),
    ),
    backup_commands=("show full-configuration", "show", "show full-configuration | grep .",
                     "show | grep ."),
    error_reply="Unknown action 0\nCommand fail. Return code -1\n",
    more_prompt="--More-- ",
    config_commands=(),
    disable_command=None,
))

_add(Profile(
    name="paloalto_panos",
    priv_prompt="{user}@{host}> ",
    config_prompt="{user}@{host}# ",
    reply_patterns=(
        (r"set cli scripting-mode (on|off)", ""),
        (r"set cli terminal width \d+", ""),
        (r"set cli pager (on|off)", ""),
        (r"set cli config-output-format \S+", ""),
        (r"show system info", "hostname: {host}\nip-address: 192.0.2.10\nmodel: PA-3220\n"
                              "sw-version: 10.2.9-h1\noperational-mode: normal\n"),
    ),
    backup_commands=("show config running", "show config merged"),
    error_reply="Unknown command: {cmd}\nInvalid syntax.\n",
    more_prompt="lines {start}-{end} ",
    config_commands=("configure",),
    config_exit_commands=("exit", "quit"),
    disable_command=None,
))

_add(Profile(
    name="mikrotik_routeros",
    priv_prompt="[{user}@{host}] > ",
    reply_patterns=((r"/system identity print", "  name: {host}\n"),),
    backup_commands=("/export", "/export terse", "/export verbose", "export"),
    error_reply="bad command name {cmd} (line 1 column 1)\n",
    more_prompt="-- [Q quit|D dump|down]",
    config_commands=(),
    exit_commands=("/quit", "quit", "exit"),
    disable_command=None,
))

_add(Profile(
    name="linux",
    user_prompt="{user}@{host}:~$ ",
    priv_prompt="root@{host}:/home/{user}# ",
    enable_command="sudo -s",
    enable_password_prompt="[sudo] password for {user}: ",  # noqa: S106 - a prompt
    enable_failure="Sorry, try again.\nsudo: 1 incorrect password attempt\n",
    disable_command=None,
    reply_patterns=(
        (r"uname -a", "Linux {host} 6.1.0-28-amd64 #1 SMP PREEMPT_DYNAMIC Debian 6.1.119-1 x86_64 "
                      "GNU/Linux\n"),
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
))

PLATFORMS: tuple[str, ...] = tuple(PROFILES)
