"""Cisco Small Business switches: Sx200/Sx300/Sx350/Sx500/Sx550X and Catalyst 1200/1300 (CBS)."""

from __future__ import annotations

from netraven_core.models import EnableSpec, Platform, Section

from ._common import CISCO_ERRORS, CISCO_STYLE_PROMPT

PLATFORMS: tuple[Platform, ...] = (
    Platform(
        name="cisco_sb",
        vendor="Cisco",
        description="Cisco Small Business switches (SG300, SG350, SG550X, CBS250/350, Catalyst 1300)",
        drivers={"ssh": {}, "netmiko": {"device_type": "cisco_s300"}},
        default_driver="ssh",
        # "switch0a1b2c#", "SG350-28P(config-if)#"; the default name is "switch" + MAC digits.
        prompt_pattern=CISCO_STYLE_PROMPT,
        backup_commands=("show running-config",),
        # "terminal datadump" is the pager switch; "terminal width 0" (no wrapping) exists only
        # on newer releases and is harmless elsewhere.
        setup_commands=("terminal datadump", "terminal width 0"),
        # Privilege-15 logins land in "#"; a level-1 login needs "enable" (and then the
        # enable password).
        enable=EnableSpec(),
        volatile_patterns=(),
        comment_prefix="!",
        paging_prompt=r"More: <space>,\s*Quit: q or CTRL\+Z, One line: <return>|--More--",
        error_patterns=(
            *CISCO_ERRORS,
            r"^\s*% Unrecognized command",
            r"^\s*% bad parameter value",
            r"^\s*% missing mandatory parameter",
        ),
        completeness_pattern=None,
        transports=("ssh", "telnet"),
        # Unless "ip ssh password-auth" is set, the switch asks "User Name:" / "Password:" again
        # in the shell after SSH authentication.
        inband_login=True,
        sections=(
            Section("version", "show version", (r"(?i)uptime", r"(?i)^System restarted")),
            Section("inventory", "show inventory"),
        ),
    ),
)
