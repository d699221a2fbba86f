"""Dell EMC Networking: OS6 (N-series), OS9 (Force10 FTOS), SmartFabric OS10 and PowerConnect."""

from __future__ import annotations

from dataclasses import replace

from netraven_core.models import EnableSpec, Platform, Section

from ._common import CISCO_ERRORS, MORE

# "console>", "console#", "console(config)#", "console(config-if-Gi1/0/1)#", "Dell(conf-if-te-1/1)#",
# "OS10(config-router-bgp-65001)#", "sw-n3048.lab(config-vlan10)#".  Sub-mode names carry slashes
# and underscores ("conf-router_ospf-1"); anchored at the line start so no config line passes.
_DELL_PROMPT = r"(?<![^\n])[\w.\-]{1,64}(?:\([\w.\-/:]{1,64}\))?[>#]\s*$"

# OS6 and PowerConnect also say "Command not found / Incomplete command. Use ? to list commands."
_DELL_ERRORS: tuple[str, ...] = (
    *CISCO_ERRORS,
    r"^\s*Command not found / Incomplete command",
    r"^\s*% (?:Error|Invalid|Incomplete|Ambiguous)",
)

_OS6_SECTIONS = (
    Section("version", "show version", (r"^\s*System Up Time\b", r"^\s*Up Time\b")),
    Section("inventory", "show inventory"),
)

DELL_OS6 = Platform(
    name="dell_os6",
    vendor="Dell",
    description="Dell EMC Networking OS6 (N1100, N2000, N3000, N4000 series)",
    drivers={"ssh": {}, "netmiko": {"device_type": "dell_os6"}},
    default_driver="ssh",
    prompt_pattern=_DELL_PROMPT,
    backup_commands=("show running-config",),
    setup_commands=("terminal length 0",),
    enable=EnableSpec(),
    # "!Current Configuration:" and the "!System Description" header do not change by themselves;
    # OS6 prints no clock in its configuration.
    volatile_patterns=(),
    comment_prefix="!",
    paging_prompt=MORE,
    error_patterns=_DELL_ERRORS,
    # Ends with "exit", but so does every VLAN, interface and line block: no reliable marker.
    completeness_pattern=None,
    transports=("ssh", "telnet"),
    sections=_OS6_SECTIONS,
)

DELL_POWERCONNECT = replace(
    DELL_OS6,
    name="dell_powerconnect",
    description="Dell PowerConnect switches (35xx, 54xx, 55xx, 62xx, 7000, 8100)",
    # The switch lets SSH in with the "none" method and asks "User Name:" / "Password:" in the
    # shell.  netmiko's dell_powerconnect does just that: "none" authentication (its
    # SSHClient_noauth, used because the driver passes use_keys=False, allow_agent=False), then
    # it answers the two prompts (special_login_handler), enables and sends "terminal datadump"
    # and "terminal length 0" itself; over telnet its dell_powerconnect_telnet class logs in.
    # The ssh driver tries "none" first too and answers the prompts (inband_login below).
    drivers={"ssh": {}, "netmiko": {"device_type": "dell_powerconnect"}},
    # Hostnames may contain spaces ("Dell Lab Switch#").
    prompt_pattern=r"(?<![^\n])[\w.\-]{1,64}(?: [\w.\-]{1,64}){0,4}(?:\([\w.\-/:]{1,64}\))?[>#]\s*$",
    # 35xx/54xx/62xx know only "terminal datadump", 7000/8100 only "terminal length 0"; the one
    # the switch does not know is rejected harmlessly.
    setup_commands=("terminal datadump", "terminal length 0"),
    # sFlow receivers configured with a timeout print the seconds left, counting down.
    volatile_patterns=(r"^sflow \S+ destination owner \S+ timeout \d+\s*$",),
    sections=(
        Section("version", "show version", (r"^\s*Up ?Time\b",)),
        Section("system", "show system", (r"^\s*System Up Time\b", r"^\s*Up ?Time\b",
                                           r"(?i)^.*\btemperature\b.*$", r"^\s*\d{1,2} {3,}\d+ ")),
        # The service tag and serial number ("show system" has neither).
        Section("id", "show system id"),
    ),
    username_prompt=r"User(?: ?Name)?\s*:\s*$",
    password_prompt=r"\r?Password\s*:\s*$",  # noqa: S106 - a prompt regex
    # Older models ask for the user name and password again inside the SSH session.
    inband_login=True,
)

DELL_OS9 = Platform(
    name="dell_os9",
    vendor="Dell",
    description="Dell Networking OS9 / Force10 FTOS (S4048, S6000, S6100, Z9100, MXL, C9010)",
    drivers={"ssh": {}, "netmiko": {"device_type": "dell_os9"}},
    default_driver="ssh",
    prompt_pattern=_DELL_PROMPT,
    backup_commands=("show running-config",),
    setup_commands=("terminal length 0",),
    enable=EnableSpec(),
    volatile_patterns=(
        r"^Current Configuration \.\.\.\s*$",
        r"^! Last configuration change at ",
        r"^! Startup-config last updated at ",
    ),
    comment_prefix="!",
    paging_prompt=MORE,
    error_patterns=_DELL_ERRORS,
    completeness_pattern=r"^end\s*$",
    transports=("ssh", "telnet"),
    sections=(
        Section("version", "show version", (r"uptime is ", r"^\s*System image file is ",
                                            r"^Control Processor .* with \d+ bytes")),
        Section("inventory", "show inventory"),
        Section("media", "show inventory media"),
    ),
)

DELL_OS10 = Platform(
    name="dell_os10",
    vendor="Dell",
    description="Dell SmartFabric OS10 (S4100, S5200, Z9200, Z9400 PowerSwitch series)",
    drivers={"ssh": {}, "netmiko": {"device_type": "dell_os10"}},
    default_driver="ssh",
    prompt_pattern=_DELL_PROMPT,
    backup_commands=("show running-configuration",),
    setup_commands=("terminal length 0",),
    # sysadmin and netadmin roles land in "OS10#"; there is no enable step.
    enable=None,
    volatile_patterns=(r"^! Last configuration change at ",),
    comment_prefix="!",
    paging_prompt=MORE,
    error_patterns=_DELL_ERRORS,
    completeness_pattern=None,
    sections=(
        Section("version", "show version", (r"^\s*Up Time:",)),
        Section("inventory", "show inventory"),
        Section("license", "show license status"),
    ),
)

PLATFORMS: tuple[Platform, ...] = (DELL_OS6, DELL_OS9, DELL_OS10, DELL_POWERCONNECT)
