"""Extreme Networks: ExtremeXOS, VOSS (VSP), SLX-OS and ERS (BOSS)."""

from __future__ import annotations

from netraven_core.models import EnableSpec, Platform, Section

from ._common import CISCO_ERRORS, MORE

EXTREME_EXOS = Platform(
    name="extreme_exos",
    vendor="Extreme Networks",
    description="ExtremeXOS / Switch Engine (X440, X460, X465, X590, X690, X870)",
    drivers={"ssh": {}, "netmiko": {"device_type": "extreme_exos"}},
    default_driver="ssh",
    # "X460G2-24t.1 # ", "* sw-core.lab.12 # " (star: unsaved changes; the counter grows with
    # every command), "Slot-1 Stack.3 # " on a stack, "Slot-1 VPEX sw-02.1 # " on an extended
    # bridge, "> " for a user-level account.
    prompt_pattern=r"(?<![^\n])(?:\* )?(?:Slot-\d+ )?(?:VPEX )?[\w.\-~]{1,64}(?::\d+)?\.\d+ [#>] ?$",
    backup_commands=("show configuration",),
    setup_commands=("disable clipaging",),
    volatile_patterns=(r"^# .*Configuration generated ",),
    comment_prefix="#",
    paging_prompt=r"Press <SPACE> to continue or <Q> to quit:",
    error_patterns=(
        r"^\s*%% (?:Invalid input|Incomplete command|Ambiguous command|Unrecognized command)",
        r"^\s*Error: ",
    ),
    completeness_pattern=None,
    transports=("ssh", "telnet"),
    sections=(
        Section("version", "show version", (r"^\s*Uptime\b", r"^\s*System Uptime\b")),
        Section("switch", "show switch", (r"^\s*Current Time:", r"^\s*Boot Time:",
                                          r"^\s*Next periodic save", r"^\s*System UpTime:",
                                          r"^\s*Timezone:")),
        Section("licence", "show licenses"),
    ),
)

EXTREME_VOSS = Platform(
    name="extreme_voss",
    vendor="Extreme Networks",
    description="Extreme VOSS / Fabric Engine (VSP 4900, 7200, 7400, 8000; 5520 with VOSS)",
    drivers={"ssh": {}, "netmiko": {"device_type": "extreme_vsp"}},
    default_driver="ssh",
    # "VSP-8284XSQ:1>", "VSP-8284XSQ:1#", "VSP-4900:1(config)#", "core.lab:1(config-if)#"
    prompt_pattern=r"(?<![^\n])[\w.\-]{1,64}:\d+(?:\([\w.\-/]{1,64}\))?[>#]\s*$",
    backup_commands=("show running-config",),
    setup_commands=("terminal more disable",),
    # "enable" asks for no password: the account's access level decides.
    enable=EnableSpec(),
    volatile_patterns=(
        r"^Preparing to Display Configuration\.\.\.\s*$",
        # "# THU NOV 26 10:32:11 2026  UTC" under the header
        r"^# (?:MON|TUE|WED|THU|FRI|SAT|SUN|Mon|Tue|Wed|Thu|Fri|Sat|Sun) \w{3} +\d{1,2} "
        r"\d{1,2}:\d{2}:\d{2} \d{4}",
    ),
    comment_prefix="#",
    paging_prompt=MORE,
    error_patterns=(*CISCO_ERRORS, r"^\s*Error: "),
    # The listing ends with the last section's "exit"/"end", which also close inner blocks.
    completeness_pattern=None,
    transports=("ssh", "telnet"),
    sections=(
        Section("sys-info", "show sys-info", (r"SysUpTime", r"(?i)temperature", r"Last Change",
                                              r"Last Statistic Reset", r"Last Vlan Change",
                                              r"Total Power Usage", r"Fan \d+ .*RPM",
                                              r"^\s*Command Execution Time")),
    ),
)

EXTREME_SLX = Platform(
    name="extreme_slx",
    vendor="Extreme Networks",
    description="Extreme SLX-OS (SLX 9150, 9250, 9540, 9640, 9740)",
    drivers={"ssh": {}, "netmiko": {"device_type": "extreme_slx"}},
    default_driver="ssh",
    # "SLX#", "SLX(config)#", "leaf-01(conf-if-eth-0/1)#", "SLX(config-bgp-router)#"
    prompt_pattern=r"(?<![^\n])[\w.\-]{1,64}(?:\([\w.\-/]{1,64}\))?[>#]\s*$",
    backup_commands=("show running-config",),
    setup_commands=("terminal length 0",),
    volatile_patterns=(),
    comment_prefix="!",
    paging_prompt=MORE,
    error_patterns=(
        r"^\s*syntax error: ",
        r"^\s*% ?Error: ",
        r"^\s*%\s*(?:Invalid|Incomplete|Ambiguous)",
    ),
    completeness_pattern=None,
    sections=(
        Section("version", "show version", (r"(?i)^\s*system uptime", r"(?i)up\s?time is ")),
        Section("chassis", "show chassis", (r"Power Usage", r"^Update:", r"Time A(?:live|wake)")),
    ),
)

EXTREME_ERS = Platform(
    name="extreme_ers",
    vendor="Extreme Networks",
    description="Extreme (Avaya/Nortel) Ethernet Routing Switch, BOSS (ERS 3500, 4800, 4900, 5900)",
    drivers={"ssh": {}, "netmiko": {"device_type": "extreme_ers"}},
    default_driver="ssh",
    # "ERS-4850GTS#", "4850GTS-PWR+>", "ERS-5928(config-if)#"
    prompt_pattern=r"(?<![^\n])[\w.\-+]{1,64}(?:\([\w.\-/]{1,64}\))?[>#]\s*$",
    backup_commands=("show running-config",),
    setup_commands=("terminal length 0", "terminal width 132"),
    enable=EnableSpec(),
    volatile_patterns=(r"^! clock set ",),
    comment_prefix="!",
    paging_prompt=MORE,
    error_patterns=CISCO_ERRORS,
    completeness_pattern=None,
    transports=("ssh", "telnet"),
    # Unless "banner disabled" is configured, ERS shows its banner ending "Enter Ctrl-Y to
    # begin." (older releases: "Press Ctrl-Y to begin.") and ignores every key but Ctrl-Y.
    login_gates=((r"(?:Enter|Press) Ctrl-Y to begin", "\x19"),),
    sections=(
        Section("sys-info", "show sys-info", (r"sysUpTime", r"sysNtpTime", r"sysRtcTime",
                                              r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}")),
    ),
)

PLATFORMS: tuple[Platform, ...] = (EXTREME_EXOS, EXTREME_VOSS, EXTREME_SLX, EXTREME_ERS)
