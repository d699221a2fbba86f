"""Simulator profiles of the Cisco platforms: IOS, IOS XE, NX-OS, IOS XR and ASA."""

from __future__ import annotations

from netraven_core.simulator.configgen.volatile import VolatileRule, cisco_stamp, ctime_stamp
from netraven_core.simulator.profiles import Profile

from .configs import cisco as configs

_CISCO_COMMON: tuple[tuple[str, str], ...] = (
    (r"terminal length \d+", ""),
    (r"terminal width \d+", ""),
    (r"terminal no monitor|terminal monitor", ""),
    (r"show clock", "*09:00:00.000 UTC Sun Nov 29 2026\n"),
)

# Version and inventory replies print the device's facts (serial numbers) and an uptime and
# clock that move on with every reply; see netraven_core.simulator.facts.
_IOS_VERSION = (
    "Cisco IOS Software, C2960X Software (C2960X-UNIVERSALK9-M), Version 15.2(7)E8, RELEASE SOFTWARE (fc1)\n"
    "Technical Support: http://www.cisco.com/techsupport\n"
    "Copyright (c) 1986-2023 by Cisco Systems, Inc.\n"
    "Compiled Fri 21-Apr-23 13:46 by prod_rel_team\n\n"
    "ROM: Bootstrap program is C2960X boot loader\n"
    "BOOTLDR: C2960X Boot Loader (C2960X-HBOOT-M) Version 15.2(7r)E, RELEASE SOFTWARE (fc1)\n\n"
    "{host} uptime is {uptime}\n"
    "System returned to ROM by power-on\n"
    "System restarted at {boot_clock}\n"
    "System image file is \"flash:c2960x-universalk9-mz.152-7.E8.bin\"\n"
    "Last reload reason: power-on\n\n"
    "cisco WS-C2960X-48FPD-L (APM86XXX) processor (revision B0) with 524288K bytes of memory.\n"
    "Processor board ID {serial}\n"
    "Last reset from power-on\n"
    "1 Virtual Ethernet interface\n"
    "52 Gigabit Ethernet interfaces\n"
    "The password-recovery mechanism is enabled.\n\n"
    "512K bytes of flash-simulated non-volatile configuration memory.\n"
    "Base ethernet MAC Address       : {mac}\n"
    "Motherboard serial number       : {module_serial}\n"
    "Model number                    : WS-C2960X-48FPD-L\n"
    "System serial number            : {serial}\n\n"
    "Configuration register is 0xF\n"
)
_IOS_INVENTORY = (
    'NAME: "1", DESCR: "WS-C2960X-48FPD-L"\n'
    "PID: WS-C2960X-48FPD-L , VID: V05  , SN: {serial}\n\n"
    'NAME: "Switch 1 - FlexStackPlus Module", DESCR: "Stacking Module"\n'
    "PID: C2960X-STACK     , VID: V01  , SN: {module_serial}\n"
)

_XE_VERSION = (
    "Cisco IOS XE Software, Version 17.09.04a\n"
    "Cisco IOS Software [Cupertino], Catalyst L3 Switch Software (CAT9K_IOSXE), Version 17.9.4a, "
    "RELEASE SOFTWARE (fc3)\n"
    "Technical Support: http://www.cisco.com/techsupport\n"
    "Compiled Fri 20-Oct-23 10:44 by mcpre\n\n"
    "ROM: IOS-XE ROMMON\n"
    "BOOTLDR: System Bootstrap, Version 17.11.1r, RELEASE SOFTWARE (P)\n\n"
    "{host} uptime is {uptime}\n"
    "Uptime for this control processor is {uptime}\n"
    "System returned to ROM by Reload Command at {boot_clock}\n"
    "System restarted at {boot_clock}\n"
    "System image file is \"flash:packages.conf\"\n"
    "Last reload reason: Reload Command\n\n"
    "cisco C9300-48P (X86) processor with 1338934K/6147K bytes of memory.\n"
    "Processor board ID {serial}\n"
    "2048K bytes of non-volatile configuration memory.\n"
    "8388608K bytes of physical memory.\n\n"
    "Switch Ports Model              SW Version        SW Image              Mode\n"
    "------ ----- -----              ----------        ----------            ----\n"
    "*    1 65    C9300-48P          17.09.04a         CAT9K_IOSXE           INSTALL\n\n"
    "Configuration register is 0x102\n"
)
_XE_INVENTORY = (
    'NAME: "c93xx Stack", DESCR: "c93xx Stack"\n'
    "PID: C9300-48P        , VID: V02  , SN: {serial}\n\n"
    'NAME: "Switch 1 - Power Supply A", DESCR: "Switch 1 - Power Supply A"\n'
    "PID: PWR-C1-715WAC    , VID: V02  , SN: {module_serial}\n"
)
_NXOS_VERSION = (
    "Cisco Nexus Operating System (NX-OS) Software\n"
    "TAC support: http://www.cisco.com/tac\n"
    "Copyright (C) 2002-2023, Cisco and/or its affiliates.\n\n"
    "Software\n"
    "  BIOS: version 05.47\n"
    "  NXOS: version 10.2(5) [Maintenance Release]\n"
    "  BIOS compile time:  04/28/2022\n"
    "  NXOS image file is: bootflash:///nxos64-cs.10.2.5.M.bin\n"
    "  NXOS compile time:  3/10/2023 12:00:00 [03/10/2023 21:12:31]\n\n"
    "Hardware\n"
    "  cisco Nexus9000 C93180YC-FX Chassis\n"
    "  Intel(R) Xeon(R) CPU D-1528 @ 1.90GHz with 32833320 kB of memory.\n"
    "  Processor Board ID {serial}\n\n"
    "  Device name: {host}\n"
    "  bootflash:  115805708 kB\n"
    "Kernel uptime is {uptime_dhms}\n\n"
    "Last reset at 512114 usecs after {boot_clock}\n"
    "  Reason: Reset Requested by CLI command reload\n"
    "  System version: 10.2(5)\n"
    "  Service: \n\n"
    "plugin\n"
    "  Core Plugin, Ethernet Plugin\n"
)
_NXOS_INVENTORY = (
    'NAME: "Chassis",  DESCR: "Nexus9000 C93180YC-FX Chassis"\n'
    "PID: N9K-C93180YC-FX    ,  VID: V04 ,  SN: {serial}\n\n"
    'NAME: "Slot 1",  DESCR: "48x10/25G + 6x40/100G Ethernet Module"\n'
    "PID: N9K-C93180YC-FX    ,  VID: V04 ,  SN: {module_serial}\n"
)
_XR_VERSION = (
    "{command_clock} UTC\n"
    "Cisco IOS XR Software, Version 7.5.2\n"
    "Copyright (c) 2013-2022 by Cisco Systems, Inc.\n\n"
    "Build Information:\n"
    " Built By     : ingunawa\n"
    " Built On     : Tue Jun 28 07:32:41 PDT 2022\n"
    " Version      : 7.5.2\n"
    " Location     : /opt/cisco/XR/packages/\n\n"
    "cisco ASR9K () processor\n"
    "System uptime is {uptime}\n"
)
_XR_INVENTORY = (
    "{command_clock} UTC\n"
    'NAME: "Rack 0", DESCR: "ASR 9006 4 Line Card Slot Chassis with V2 AC PEM"\n'
    "PID: ASR-9006-AC-V2, VID: V02, SN: {serial}\n\n"
    'NAME: "0/RSP0/CPU0", DESCR: "ASR9K Route Switch Processor with 880G/slot Fabric and 16GB"\n'
    "PID: A9K-RSP880-SE, VID: V03, SN: {module_serial}\n"
)
_ASA_VERSION = (
    "\nCisco Adaptive Security Appliance Software Version 9.16(4)\n"
    "SSP Operating System Version 2.10(1.162)\n"
    "Device Manager Version 7.18(1)\n\n"
    "Compiled on Thu 25-Aug-22 13:22 GMT by builders\n"
    "System image file is \"disk0:/cisco-asa-fp1k.9.16.4.SPA\"\n"
    "Config file at boot was \"startup-config\"\n\n"
    "{host} up {uptime_days_hours}\n"
    "failover cluster up {uptime_days_hours}\n"
    "Start-up time 37 secs\n\n"
    "Hardware:   FPR-1120, 6588 MB RAM, CPU Atom C3000 series 2200 MHz, 1 CPU (8 cores)\n\n"
    "Licensed features for this platform:\n"
    "Maximum VLANs                     : 1024           perpetual\n"
    "Inside Hosts                      : Unlimited      perpetual\n"
    "Failover                          : Active/Active  perpetual\n\n"
    "Serial Number: {serial}\n"
    "Configuration register is 0x1\n\n"
    "Configuration last modified by enable_15 at {clock}\n"
)
_ASA_INVENTORY = (
    'Name: "module 0", DESCR: "Firepower 1120 Appliance, 1U"\n'
    "PID: FPR-1120           , VID: V01     , SN: {serial}\n\n"
    'Name: "Storage Device 1", DESCR: "200 GB SSD"\n'
    "PID: FPR-SSD200         , VID: N/A     , SN: {module_serial}\n"
)


def _current_bytes(m, now, rng) -> str:  # type: ignore[no-untyped-def]
    return f"Current configuration : {len(m.string) + rng.randrange(-40, 40)} bytes"


_IOS_VOLATILE: tuple[VolatileRule, ...] = (
    (r"^Current configuration : \d+ bytes$", _current_bytes),
    (r"^! Last configuration change at .*$",
     lambda m, now, rng: f"! Last configuration change at {cisco_stamp(now)} by admin"),
    (r"^! NVRAM config last updated at .*$",
     lambda m, now, rng: f"! NVRAM config last updated at {cisco_stamp(now)} by admin"),
    (r"^ntp clock-period \d+$", lambda m, now, rng: f"ntp clock-period {rng.randrange(17179000, 17180000)}"),
)
_NXOS_VOLATILE: tuple[VolatileRule, ...] = (
    (r"^!Time: .*$", lambda m, now, rng: f"!Time: {ctime_stamp(now)}"),
    (r"^!Running configuration last done at: .*$",
     lambda m, now, rng: f"!Running configuration last done at: {ctime_stamp(now)}"),
)
_XR_VOLATILE: tuple[VolatileRule, ...] = (
    (r"^!! Last configuration change at .*$",
     lambda m, now, rng: f"!! Last configuration change at {ctime_stamp(now)} by admin"),
)
_ASA_VOLATILE: tuple[VolatileRule, ...] = (
    (r"^: Written by .*$", lambda m, now, rng: f": Written by admin at {cisco_stamp(now)}"),
)

_IOS = Profile(
    name="cisco_ios",
    user_prompt="{host}>",
    priv_prompt="{host}#",
    config_prompt="{host}(config)#",
    enable_command="enable",
    reply_patterns=(*_CISCO_COMMON, (r"show version", _IOS_VERSION), (r"show inventory", _IOS_INVENTORY)),
    backup_commands=("show running-config", "show startup-config"),
    backup_requires_privilege=True,
    telnet=True,  # "line vty 0 4 / transport input telnet ssh"
    config=configs.ios,
    volatile=_IOS_VOLATILE,
)

PROFILES: tuple[Profile, ...] = (
    _IOS,
    _IOS.with_changes(
        name="cisco_xe",
        reply_patterns=(*_CISCO_COMMON, (r"show version", _XE_VERSION), (r"show inventory", _XE_INVENTORY)),
        config=configs.iosxe,
        default_hostname="Switch",  # Catalyst 9000 out of the box
    ),
    Profile(
        name="cisco_nxos",
        priv_prompt="{host}#",
        config_prompt="{host}(config)#",
        reply_patterns=(*_CISCO_COMMON, (r"show version", _NXOS_VERSION),
                        (r"show inventory", _NXOS_INVENTORY)),
        backup_commands=("show running-config", "show running-config all", "show startup-config"),
        error_reply="                    ^\n% Invalid command at '^' marker.\n",
        disable_command=None,
        default_hostname="switch",
        telnet=True,  # "feature telnet"
        login_username_prompt="login: ",
        config=configs.nxos,
        volatile=_NXOS_VOLATILE,
    ),
    Profile(
        name="cisco_xr",
        priv_prompt="RP/0/RP0/CPU0:{host}#",
        config_prompt="RP/0/RP0/CPU0:{host}(config)#",
        reply_patterns=(*_CISCO_COMMON, (r"show version", _XR_VERSION), (r"show inventory", _XR_INVENTORY)),
        backup_commands=("show running-config",),
        disable_command=None,
        default_hostname="ios",
        config=configs.iosxr,
        volatile=_XR_VOLATILE,
    ),
    Profile(
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
            (r"show version", _ASA_VERSION),
            (r"show inventory", _ASA_INVENTORY),
            (r"show mode", "Security context mode: single\n"),
        ),
        backup_commands=("show running-config", "more system:running-config"),
        backup_requires_privilege=True,
        privilege_required_reply="ERROR: % Invalid input detected at '^' marker.\n",
        error_reply="ERROR: % Invalid input detected at '^' marker.\n",
        more_prompt="<--- More --->",
        default_hostname="ciscoasa",
        telnet=True,  # "telnet <net> <mask> inside"
        config=configs.asa,
        volatile=_ASA_VOLATILE,
    ),
)
