"""Nokia: SR OS classic CLI, SR OS model-driven CLI (MD-CLI) and SR Linux."""

from __future__ import annotations

from dataclasses import replace

from netraven_core.models import Platform, Section

# The letter is the active CPM ("A:" or "B:", "C:"/"D:" on multi-chassis systems); it flips on a
# CPM switchover, so it is matched, never assumed.  A leading "*" means unsaved changes (classic);
# MD-CLI puts its "!"/"*" markers on the context line above the prompt.
_SROS_PROMPT_BODY = r"[*!]{0,2}[A-D]:"
_SROS_PROMPT_START = r"(?<![^\n])" + _SROS_PROMPT_BODY

_SROS_ERRORS: tuple[str, ...] = (
    r"^\s*(?:MINOR|MAJOR|CRITICAL): (?:CLI|MGMT_CORE|SYSTEM) ",
    r"^\s*Error: (?:Bad command|Invalid|Unknown)",
)

_SROS_SECTIONS = (
    Section("system", "show system information", (r"^System Up Time\b", r"^System Time\b")),
    Section("bof", "show bof"),
    Section("cards", "show card state"),
    Section("chassis", "show chassis", (r"(?i)temperature", r"(?i)\btime\b", r"(?i)fan.*speed")),
)

NOKIA_SROS = Platform(
    name="nokia_sros",
    vendor="Nokia",
    description="Nokia SR OS (TiMOS) classic CLI: 7750 SR, 7450 ESS, 7950 XRS, 7705 SAR, 7210 SAS",
    drivers={"ssh": {}, "netmiko": {"device_type": "nokia_sros"}},
    default_driver="ssh",
    # "A:pe-01#", "*A:pe-01#", "B:pe-01.lab>config>router>ospf#", "A:Dut-A>config>port$" (a
    # "$" ends a prompt in a context just created).
    prompt_pattern=_SROS_PROMPT_START + r"[\w.\-]{1,64}(?:>[\w.\-:>()\"/ ]{0,200}?)?[#$]\s*$",
    backup_commands=("admin display-config",),
    setup_commands=("environment no more",),
    volatile_patterns=(r"^# Generated ", r"^# Finished "),
    comment_prefix="#",
    paging_prompt=r"Press any key to continue \(Q to quit\)",
    error_patterns=_SROS_ERRORS,
    # The trailer is dropped later as a volatile line; here it proves the listing is whole.
    completeness_pattern=r"^# Finished ",
    transports=("ssh", "telnet"),
    sections=_SROS_SECTIONS,
    exit_command="logout",
)

NOKIA_SROS_MDCLI = replace(
    NOKIA_SROS,
    name="nokia_sros_mdcli",
    description="Nokia SR OS model-driven CLI (MD-CLI, release 16.0 and later)",
    # netmiko's nokia_sros tells MD-CLI from classic by the "@" of the prompt.
    drivers={"ssh": {}, "netmiko": {"device_type": "nokia_sros"}},
    # "A:admin@pe-01#", "*A:admin@pe-01#", "(ex)A:admin@pe-01#" (older releases)
    prompt_pattern=(r"(?<![^\n])(?:\((?:ex|gl|pr|ro)\))?" + _SROS_PROMPT_BODY
                    + r"[\w.\-]{1,64}@[\w.\-]{1,64}#\s*$"),
    backup_commands=("admin show configuration",),
    setup_commands=("environment more false", "environment console width 512"),
    # The commit lines move on every commit, also one that changed nothing.
    volatile_patterns=(r"^# Generated ", r"^# Finished ", r"^# Commit ID \d+", r"^#\s+Committed "),
    # The context line "[/]" or "[ex:/configure router \"Base\"]" printed above every prompt.
    status_line_patterns=(r"^[*!]{0,2}(?:\((?:ex|gl|pr|ro)\))?\[(?:(?:ex|gl|pr|ro):)?[^\]\n]*\]\s*$",),
    paging_prompt=r"Press Q to quit, Enter to print next line or any other key to print next page\.|"
                  r"Press any key to continue \(Q to quit\)",
    # MD-CLI shows the boot options file as a configuration region.
    sections=tuple(replace(s, command="admin show configuration bof") if s.name == "bof" else s
                   for s in _SROS_SECTIONS),
)

NOKIA_SRLINUX = Platform(
    name="nokia_srlinux",
    vendor="Nokia",
    description="Nokia SR Linux (7220 IXR, 7250 IXR, 7730 SXR)",
    drivers={"ssh": {}, "netmiko": {"device_type": "nokia_srl"}},
    default_driver="ssh",
    # "A:leaf-01#", "A:admin@leaf-01#" (newer releases add the user), "B:spine.lab#"
    prompt_pattern=r"(?<![^\n])[AB]:(?:[\w.\-]{1,64}@)?[\w.\-]{1,64}#\s*$",
    backup_commands=("info from running",),
    # The basic engine drops the interactive toolbar and completion that confuse a scripted
    # session; complete-on-space would rewrite typed words.
    setup_commands=("environment cli-engine type basic", "environment complete-on-space false"),
    volatile_patterns=(),
    comment_prefix="#",
    # SR Linux pages nothing in the basic engine.
    paging_prompt=None,
    error_patterns=(
        r"^\s*Error: ",
        r"^\s*Parsing error: ",
        r"^\s*Unknown token ",
    ),
    completeness_pattern=None,
    exit_command="quit",
    # "--{ running }--[  ]--", "--{ +* candidate shared default }--[ interface ethernet-1/1 ]--"
    status_line_patterns=(r"^--\{[^}\n]*\}--\[[^\]\n]*\]--\s*$",),
    sections=(
        Section("version", "show version", (r"^\s*Uptime\b", r"^\s*Current Time\b",
                                            r"^\s*Last Booted\b")),
        Section("chassis", "show platform chassis", (r"^\s*Last Booted\b", r"^\s*Last Change\b",
                                                     r"(?i)temperature")),
    ),
)

PLATFORMS: tuple[Platform, ...] = (NOKIA_SROS, NOKIA_SROS_MDCLI, NOKIA_SRLINUX)
