"""Simulator profiles of HPE ProCurve / ArubaOS-Switch and Aruba AOS-CX."""

from __future__ import annotations

from netraven_core.simulator.profiles import Profile

from .configs import network as configs

_HP_MORE = "-- MORE --, next page: Space, next line: Enter, quit: Control-C"

# Facts and moving values: see netraven_core.simulator.facts.
_PROCURVE_SYSTEM = (
    "\n Status and Counters - General System Information\n\n"
    "  System Name        : {host}\n"
    "  System Contact     :\n"
    "  System Location    :\n\n"
    "  MAC Age Time (sec) : 300\n\n"
    "  Time Zone          : 0\n"
    "  Daylight Time Rule : None\n\n"
    "  Software revision  : WB.16.10.0009        Base MAC Addr      : {mac}\n"
    "  ROM Version        : WB.16.03             Serial Number      : {serial}\n\n"
    "  Up Time            : {uptime_dhms}   Memory   - Total   : 340,525,056\n"
    "  CPU Util (%)       : {percent}                               Free    : {free_kb}\n\n"
    "  IP Mgmt  - Pkts Rx : {counter}                Packet   - Total   : 6600\n"
    "             Pkts Tx : {counter}                Buffers    Free    : 4235\n"
    "                                                       Lowest  : 4187\n"
    "                                                       Missed  : 0\n"
)
_PROCURVE_MODULES = (
    "\n Status and Counters - Module Information\n\n"
    "  Chassis: 2920-48G-POE+ J9729A        Serial Number:   {serial}\n\n"
    "  Slot  Module Description                  Serial Number    Status\n"
    "  ----- ----------------------------------- ---------------- -------\n"
    "  A     HP J9733A 2-Port Stacking Module    {module_serial}      Up\n"
)
_AOSCX_VERSION = (
    "-----------------------------------------------------------------------------\n"
    "ArubaOS-CX\n"
    "(c) Copyright 2017-2023 Hewlett Packard Enterprise Development LP\n"
    "-----------------------------------------------------------------------------\n"
    "Version      : FL.10.10.1030\n"
    "Build Date   : 2023-01-25 11:13:14 UTC\n"
    "Build ID     : ArubaOS-CX:FL.10.10.1030:8f2c7e1e1d3a:202301251054\n"
    "Build SHA    : 8f2c7e1e1d3a5b9f0c7d2e1b4a6c8d0e2f4a6b8c\n"
    "Hot Patches  :\n"
    "Active Image : primary\n\n"
    "Service OS Version : FL.01.09.0003\n"
    "BIOS Version       : FL-01-0002\n"
)
_AOSCX_SYSTEM = (
    "Hostname           : {host}\n"
    "System Description : FL.10.10.1030\n"
    "System Contact     :\n"
    "System Location    :\n\n"
    "Vendor             : Aruba\n"
    "Product Name       : JL658A 6300M 24SFP+ 4SFP56 Swch\n"
    "Chassis Serial Nbr : {serial}\n"
    "Base MAC Address   : {mac}\n"
    "ArubaOS-CX Version : FL.10.10.1030\n\n"
    "Time Zone          : UTC\n\n"
    "Up Time            : {uptime}\n"
    "CPU Util (%)       : {percent}\n"
    "Memory Usage (%)   : 21\n"
)

PROFILES: tuple[Profile, ...] = (
    Profile(
        name="hp_procurve",
        # The simulator's login is a manager account, which lands in privileged mode; "enable" is
        # accepted (netmiko sends it) and changes nothing.
        priv_prompt="{host}# ",
        config_prompt="{host}(config)# ",
        default_hostname="HP-2920-48G-PoEP",
        telnet=True,  # telnet-server is on by default
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
            (r"show system information", _PROCURVE_SYSTEM),
            (r"show modules", _PROCURVE_MODULES),
        ),
        backup_commands=("show running-config", "show config"),
        error_reply="Invalid input: {cmd}\n",
        more_prompt=_HP_MORE,
        logout_confirm="Do you want to log out [y/n]? ",
        config=configs.procurve,
    ),
    Profile(
        name="aruba_aoscx",
        priv_prompt="{host}# ",
        default_hostname="switch",
        config_prompt="{host}(config)# ",
        reply_patterns=(
            (r"no page", ""),
            (r"terminal width \d+", ""),
            (r"terminal length \d+", ""),
            (r"show version", _AOSCX_VERSION),
            (r"show system", _AOSCX_SYSTEM),
        ),
        backup_commands=("show running-config",),
        error_reply="Invalid input: {cmd}\n",
        disable_command=None,
        more_prompt=_HP_MORE,
        config=configs.aoscx,
    ),
)
