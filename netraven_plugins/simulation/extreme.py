"""Simulator profiles of Extreme Networks ExtremeXOS, VOSS, SLX-OS and ERS (BOSS)."""

from __future__ import annotations

from netraven_core.simulator.configgen.volatile import VolatileRule, ctime_stamp
from netraven_core.simulator.profiles import CISCO_INVALID, Profile

from .templates import template

_EXOS_VOLATILE: tuple[VolatileRule, ...] = (
    (r"^# (\S+) Configuration generated .*$",
     lambda m, now, rng: f"# {m.group(1)} Configuration generated {ctime_stamp(now)}"),
)
_VOSS_VOLATILE: tuple[VolatileRule, ...] = (
    (r"^# [A-Z]{3} [A-Z]{3} +\d+ \d\d:\d\d:\d\d \d{4}  UTC$",
     lambda m, now, rng: f"# {now:%a %b %d %H:%M:%S %Y}  UTC".upper()),
)
_ERS_VOLATILE: tuple[VolatileRule, ...] = (
    (r"^! clock set .*$", lambda m, now, rng: f"! clock set {now:%Y-%m-%d %H:%M:%S}"),
)

_EXOS_SWITCH = ("\nSysName:          {host}\nSysLocation:      DC4 row 2 rack 7\n"
                "SysContact:       noc@example.net, +49 30 1234567\n"
                "System MAC:       00:04:96:9B:4C:21\nSystem Type:      X460G2-24t-10G4\n\n"
                "SysHealth check:  Enabled (Normal)\nRecovery Mode:    All\n"
                "System Watchdog:  Enabled\n\nCurrent Time:     {clock}\n"
                "Timezone:         [Auto DST Disabled] GMT Offset: 0 minutes, name is UTC.\n"
                "Boot Time:        {boot_clock}\nBoot Count:       37\n"
                "Next Reboot:      None scheduled\n"
                "System UpTime:    {up_days} days {up_hours} hours {up_minutes} minutes "
                "{up_seconds} seconds\n\n"
                "Current State:    OPERATIONAL\nImage Selected:   primary\nImage Booted:     primary\n"
                "Primary ver:      31.7.1.4\nSecondary ver:    31.6.1.3\n")

PROFILES: tuple[Profile, ...] = (
    Profile(
        name="extreme_exos",
        priv_prompt="{host}.{n} # ",
        default_hostname="X460G2-24t-10G4",
        disable_command=None,
        motd=("\nExtremeXOS\nCopyright (C) 1996-2022 Extreme Networks. All rights reserved.\n"
              "This product is protected by one or more US patents listed at "
              "http://www.extremenetworks.com/patents along with their foreign counterparts.\n"
              "==============================================================================\n\n"
              "Press the <tab> or '?' key at any time for completions.\n"
              "Remember to save your configuration changes.\n\n"),
        reply_patterns=(
            (r"disable clipaging(?: session)?", ""),
            (r"disable cli prompting", ""),
            (r"show version", "Switch      : 800634-00-02 {serial} Rev 2.0 "
                              "BootROM: 3.4.2.2    IMG: 31.7.1.4\n"
                              "PSU-1       : Internal PSU-1 800711-00-01 1845W-41122\n\n"
                              "Image   : ExtremeXOS version 31.7.1.4 by release-manager\n"
                              "          on Tue Jul 19 21:56:28 EDT 2022\n"
                              "BootROM : 3.4.2.2\nDiagnostics : 5.19\n"),
            (r"show switch", _EXOS_SWITCH),
            (r"show licenses", "Enabled License Level:\n        Advanced Edge\n"
                               "Enabled Feature Packs:\n        None\n"),
        ),
        backup_commands=("show configuration",),
        error_reply="{caret}^\n%% Invalid input detected at '^' marker.\n",
        config_commands=(),
        more_prompt="Press <SPACE> to continue or <Q> to quit:",
        telnet=True,
        config=template("extreme_exos"),
        volatile=_EXOS_VOLATILE,
    ),
    Profile(
        name="extreme_voss",
        # The simulator's account is read-write-all; "enable" is accepted and changes nothing.
        priv_prompt="{host}:1#",
        config_prompt="{host}:1(config)#",
        enable_command="enable",
        default_hostname="VSP-4900-48P",
        motd=("\n*****************************************************************\n"
              "* Extreme Networks Virtual Services Platform 4900-48P\n"
              "* VOSS Software Release 8.10.1.0\n"
              "* Copyright (c) 2010-2023 Extreme Networks, Inc. All rights reserved.\n"
              "*****************************************************************\n\n"),
        reply_patterns=(
            (r"terminal more disable", ""),
            (r"terminal more enable", ""),
            (r"terminal width \d+", ""),
            (r"show sys-info", "General Info :\n\n\tSysDescr     : VSP-4900-48P (8.10.1.0)\n"
                               "\tSysName      : {host}\n"
                               "\tSysUpTime    : {up_days} day(s), {up_hh}:{up_mm}:{up_ss}\n"
                               "\tSysContact   : noc@example.net\n\tSysLocation  : DC5 row 3\n\n"
                               "Chassis Info:\n\n\tChassis            : 4900-48P\n"
                               "\tSerial#            : {serial}\n\tHardwareRevision   : 1\n"),
        ),
        backup_commands=("show running-config",),
        error_reply=CISCO_INVALID,
        config_commands=("configure terminal", "config terminal", "conf t"),
        more_prompt="--More-- (q = quit) ",
        telnet=True,
        config=template("extreme_voss"),
        volatile=_VOSS_VOLATILE,
    ),
    Profile(
        name="extreme_slx",
        priv_prompt="{host}# ",
        config_prompt="{host}(config)# ",
        default_hostname="SLX",
        disable_command=None,
        motd=("SLX-OS Operating System Software\nCopyright (c) 2016-2023 Extreme Networks, Inc. "
              "All rights reserved.\n\n"),
        reply_patterns=(
            (r"terminal length \d+", ""),
            (r"terminal width \d+", ""),
            (r"show version", "SLX-OS Operating System Software\nSLX-OS Operating System Version: 20.5.2a\n"
                              "Copyright (c) 2016-2023 Extreme Networks, Inc.\n"
                              "Firmware name:      20.5.2a\nBuild Time:         21:14:33 Nov 2, 2023\n"
                              "Control Processor: Intel(R) Xeon(R) CPU D-1527 @ 2.20GHz "
                              "with 16 GB of memory\n"
                              "System Uptime: {up_days}days {up_hours}hrs {up_minutes}mins "
                              "{up_seconds}secs\n"),
            (r"show chassis", "Chassis Name:\tSLX9250-32C\nswitchType:\t4002\n\n"
                              "Factory Serial Num:\t{serial}\nPart Num:\t80-1009971-01\n"),
        ),
        backup_commands=("show running-config",),
        error_reply="{caret}^\nsyntax error: unknown argument.\n",
        config_commands=("configure terminal", "configure", "conf t"),
        more_prompt="--More--",
        config=template("extreme_slx"),
    ),
    Profile(
        name="extreme_ers",
        # The default banner gates the CLI behind Ctrl-Y (other keys are ignored); a
        # read-write login lands in privileged mode and "enable" changes nothing.
        key_gate=("\n" + "*" * 60 + "\n*  Ethernet Routing Switch 4850GTS-PWR+\n"
                  "*  Copyright (c) 1996-2024, Extreme Networks, Inc.\n*  All Rights Reserved\n"
                  "*  HW:06       FW:5.12.0.1  SW:v5.12.2.002\n" + "*" * 60 + "\n\n"
                  "Enter Ctrl-Y to begin.", "\x19"),
        priv_prompt="{host}#",
        config_prompt="{host}(config)#",
        enable_command="enable",
        default_hostname="4850GTS-PWR+",
        reply_patterns=(
            (r"terminal length \d+", ""),
            (r"terminal width \d+", ""),
            (r"show sys-info", "Operation Mode:      Switch\nMAC Address:         70-30-18-4A-12-00\n"
                               "PoE Module FW:       6.0.2.9\nReset Count:         34\n"
                               "Last Reset Type:     Management Factory Reset\n"
                               "Power Status:        Primary Power\n"
                               "Autotopology:        Enabled\nPluggable Port 49:   None\n"
                               "sysDescr:            Ethernet Routing Switch 4850GTS-PWR+\n"
                               "                     HW:06       FW:5.12.0.1  SW:v5.12.2.002\n"
                               "                     Mfg Date:20150319   HW Dev:H/W rev.0x06\n"
                               "                     Serial #: {serial}\n"
                               "sysObjectID:         1.3.6.1.4.1.45.3.74.5\n"
                               "sysUpTime:           {uptime_dhms}\nsysNtpTime:          "
                               "2026-11-26 10:32:11 GMT+00:00\nsysName:             {host}\n"),
        ),
        backup_commands=("show running-config",),
        error_reply=CISCO_INVALID,
        config_commands=("configure terminal", "config terminal", "conf t"),
        more_prompt="----More (q=Quit, space/return=Continue)----",
        telnet=True,
        config=template("extreme_ers"),
        volatile=_ERS_VOLATILE,
    ),
)
