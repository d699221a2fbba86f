"""Simulator profiles of Dell EMC Networking OS6, OS9, OS10 and PowerConnect."""

from __future__ import annotations

from dataclasses import replace

from netraven_core.simulator.configgen.volatile import VolatileRule
from netraven_core.simulator.profiles import Profile

from .templates import template

_OS6_VERSION = ("\nMachine Description............... Dell EMC Networking Switch\n"
                "System Model ID................... N3048EP-ON\n"
                "Machine Type...................... Dell EMC Networking N3048EP-ON\n"
                "Serial Number..................... {serial}\n"
                "Manufacturer...................... 0xfc00\n"
                "Burned In MAC Address............. F8B1.56D9.D8A0\n"
                "System Object ID.................. 1.3.6.1.4.1.674.10895.3090\n"
                "CPU Version....................... XLP308H-B2\n"
                "SOC Version....................... BCM56150_A0\n"
                "HW Version........................ 3\n"
                "CPLD Version...................... 17\n\n"
                "unit active      backup      current-active next-active\n"
                "---- ----------- ----------- -------------- --------------\n"
                "1    6.6.3.12    6.6.3.10    6.6.3.12       6.6.3.12\n")

_OS6_REPLIES: tuple[tuple[str, str], ...] = (
    (r"terminal length \d+", ""),
    (r"terminal datadump", ""),
    (r"show version", _OS6_VERSION),
    (r"show inventory", "Unit  Model        Serial Number\n----  -----------  ------------------------\n"
                        "1     N3048EP-ON   {serial}\n"),
)

# OS6 and PowerConnect reject an unknown word with a caret under it and this line.
_OS6_INVALID = "{caret}^\n% Invalid input detected at '^' marker.\n"

_POWERCONNECT_VOLATILE: tuple[VolatileRule, ...] = (
    (r"^sflow 1 destination owner \"collector\" timeout \d+$",
     lambda m, now, rng: f"sflow 1 destination owner \"collector\" timeout {rng.randrange(1, 86400)}"),
)

DELL_OS6 = Profile(
    name="dell_os6",
    user_prompt="{host}>",
    priv_prompt="{host}#",
    config_prompt="{host}(config)#",
    enable_command="enable",
    disable_command="disable",
    default_hostname="console",
    reply_patterns=_OS6_REPLIES,
    backup_commands=("show running-config",),
    error_reply=_OS6_INVALID,
    config_commands=("configure", "configure terminal"),
    config_exit_commands=("end", "exit"),
    more_prompt="--More-- or (q)uit",
    telnet=True,
    config=template("dell_os6"),
)

# PowerConnect talks like OS6 (its ancestor); it adds the in-band login of the older models.
DELL_POWERCONNECT = replace(
    DELL_OS6,
    name="dell_powerconnect",
    reply_patterns=(
        *_OS6_REPLIES[:2],
        (r"show version", "\nImage Descriptions\n\n image1 : default image\n image2 :\n\n"
                          " Images currently available on Flash\n\n"
                          "--------------------------------------------------------------------\n"
                          " unit      image1      image2     current-active        next-active\n"
                          "--------------------------------------------------------------------\n"
                          "    1     3.3.18.1    3.3.16.1           image1             image1\n"),
        (r"show system", "\nSystem Description: Dell Ethernet Switch\n"
                         "System Up Time: {uptime}\n"
                         "System Contact:\nSystem Name: {host}\nMAC Address: F8:B1:56:11:22:33\n"
                         "Sys Object ID: 1.3.6.1.4.1.674.10895.3024\nType: PowerConnect 6248P\n"),
        (r"show system id", "\nService Tag: 6YGKFC1\nSerial Number: {serial}\nAsset Tag:\n\n"
                            "Unit  Service tag  Serial number          Asset tag\n"
                            "----  -----------  ---------------------  ---------\n"
                            "1     6YGKFC1      {serial}\n"),
    ),
    # The older models accept SSH "none" authentication and ask in the shell (and on telnet).
    inband_login=True,
    ssh_auth_none=True,
    login_username_prompt="User Name:",
    login_password_prompt="Password:",  # noqa: S106 - a prompt, not a secret
    config=template("dell_powerconnect"),
    volatile=_POWERCONNECT_VOLATILE,
)

PROFILES: tuple[Profile, ...] = (
    DELL_OS6,
    DELL_POWERCONNECT,
    Profile(
        name="dell_os9",
        user_prompt="{host}>",
        priv_prompt="{host}#",
        config_prompt="{host}(conf)#",
        enable_command="enable",
        disable_command="disable",
        default_hostname="Dell",
        motd="\nDell Networking OS\nAuthorised access only.\n\n",
        reply_patterns=(
            (r"terminal length \d+", ""),
            (r"terminal width \d+", ""),
            (r"show version", "Dell Real Time Operating System Software\n"
                              "Dell Operating System Version: 2.0\n"
                              "Dell Application Software Version: 9.14(2.16)\n"
                              "Copyright (c) 1999-2022 by Dell Inc. All Rights Reserved.\n"
                              "Build Time: Tue Mar 22 14:03:54 2022\n"
                              "Dell Networking OS uptime is {up_days} day(s), {up_hours} hour(s), "
                              "{up_minutes} minute(s)\n\n"
                              "System Type: S4048-ON\n"),
            (r"show inventory", "System Type            : S4048-ON\nSystem Mode            : 1.0\n"
                                "Software Version       : 9.14(2.16)\n\n"
                                "Unit Type         Serial Number        Part Number Rev Piece Part ID"
                                "             Rev Svc Tag\n"
                                "------------------------------------------------------------------"
                                "-------------------------\n"
                                "* 1  S4048-ON     {serial}          0J6MCX      A00 CN-0J6MCX-28298-"
                                "4A0-0012 A00 8M9KXY1\n"),
            (r"show inventory media", "Stack-unit Port Type Media Serial Number F10Qualified\n"),
        ),
        backup_commands=("show running-config",),
        error_reply="{caret}^\n% Error: Invalid input at \"^\" marker.\n",
        config_commands=("configure", "configure terminal", "conf"),
        more_prompt=" --More-- ",
        telnet=True,
        config=template("dell_os9"),
    ),
    Profile(
        name="dell_os10",
        priv_prompt="{host}# ",
        config_prompt="{host}(config)# ",
        default_hostname="OS10",
        disable_command=None,
        motd=("Linux OS10 4.19.194 #1 SMP Debian 4.19.194-3 x86_64\n\n"
              "The programs included with the Debian GNU/Linux system are free software;\n"
              "the exact distribution terms for each program are described in the\n"
              "individual files in /usr/share/doc/*/copyright.\n\n"
              "-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-\n"
              "Dell SmartFabric OS10 Enterprise\n\n"
              "Copyright (c) 1999-2024 by Dell Inc. All Rights Reserved.\n"
              "-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-\n"
              "This product is protected by U.S. and international copyright and\n"
              "intellectual property laws. Dell and the Dell logo are trademarks of\n"
              "Dell Inc. in the United States and/or other jurisdictions.\n\n"),
        reply_patterns=(
            (r"terminal length \d+", ""),
            (r"terminal width \d+", ""),
            (r"show version", "Dell SmartFabric OS10 Enterprise\n"
                              "Copyright (c) 1999-2024 by Dell Inc. All Rights Reserved.\n"
                              "OS Version: 10.5.6.2\nBuild Version: 10.5.6.2.128\n"
                              "Build Time: 2024-06-11T15:02:33+0000\nSystem Type: S5248F-ON\n"
                              "Architecture: x86_64\nUp Time: {uptime}\n"),
            (r"show inventory", "Product               : S5248F-ON\nDescription           : "
                                "S5248F-ON 48x25GbE SFP28, 4x100GbE QSFP28, 2x200GbE QSFP28-DD\n"
                                "Software version      : 10.5.6.2\nProduct Base          : \n"
                                "Service tag           : {serial}\n"),
            (r"show license status", "System Information\n"
                                     "---------------------------------------------------------\n"
                                     "Vendor Name          :   Dell EMC\nProduct Name         :   S5248F-ON\n"
                                     "License Details\n----------------\n"
                                     "Software        :   OS10-Enterprise\n"
                                     "Version         :   10.5.6.2\nLicense Type    :   PERPETUAL\n"
                                     "License Duration:   Unlimited\nLicense Status  :   Active\n"),
        ),
        backup_commands=("show running-configuration",),
        error_reply="% Error: Unrecognized command.\n",
        config_commands=("configure terminal", "configure"),
        more_prompt="--more--",
        config=template("dell_os10"),
    ),
)
