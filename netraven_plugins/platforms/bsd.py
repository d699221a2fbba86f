"""FreeBSD and OpenBSD hosts (routers, firewalls, appliances) backed up by reading files."""

from __future__ import annotations

from netraven_core.models import EnableSpec, Platform, Section

# The network configuration files of both systems that exist on this host, in a stable order,
# each under a "==> file <==" header.  find/sort/xargs/tail behave alike in sh, ksh and csh, and
# a file that one of the systems lacks is simply not listed (a cat of it would be an error).
_FILES = ("rc.conf", "rc.conf.local", "myname", "'hostname.*'", "pf.conf", "resolv.conf", "ntp.conf",
          "ntpd.conf", "snmpd.conf", "snmpd.config", "bgpd.conf", "ospfd.conf", "iked.conf", "ipsec.conf",
          "wpa_supplicant.conf", "ppp.conf")
BACKUP_COMMAND = ("find /etc -maxdepth 2 -type f \\( " + " -o ".join(f"-name {f}" for f in _FILES)
                  + " \\) | sort | xargs tail -n +1")

PLATFORMS: tuple[Platform, ...] = (
    Platform(
        name="bsd",
        vendor="BSD",
        description="FreeBSD / OpenBSD host; the backup is rc.conf, pf.conf, hostname.if and the "
        "daemon configuration files",
        drivers={"ssh": {}},
        default_driver="ssh",
        # "user@host:~ $ ", "root@host:/etc # " (FreeBSD sh), "host$ ", "host# " (OpenBSD ksh),
        # "host% " (csh), "$ ", "# "; the shells print a space after the prompt character.
        prompt_pattern=(r"(?<![^\n])(?:[\w.\-]{1,64}@[\w.\-]{1,64}(?::[^\n$#%]{0,120})? ?|[\w.\-]{1,64}"
                        r"(?::[^\n$#%]{0,120})? ?|\[[^\]\n]{1,120}\] ?)?[$#%] $"),
        backup_commands=(BACKUP_COMMAND,),
        setup_commands=(),
        # wpa_supplicant.conf, ppp.conf and the like are readable by root only.  "sudo" is a
        # package on both systems, "doas" is in OpenBSD's base: whichever is there.
        enable=EnableSpec(
            command="sudo -s || doas -s",
            # a prompt regex, not a secret
            password_prompt=r"(?:[Pp]assword(?: for [^:\n]{1,64})?|doas \([^)\n]{1,130}\) password):\s*$",  # noqa: S106
            privileged_prompt=r"# $",
        ),
        volatile_patterns=(),
        comment_prefix="#",
        paging_prompt=None,
        error_patterns=(
            r"^\S+: .*(?:[Cc]ommand not found|not found|No such file or directory|Permission denied)"
            r"\.?\s*$",
            # FreeBSD has no hw.vendor / hw.product / hw.serialno (OpenBSD's): the hardware
            # section is then left out.
            r"^sysctl: unknown oid ",
        ),
        completeness_pattern=None,
        sections=(
            Section("version", "uname -srm"),
            Section("hardware", "sysctl hw.vendor hw.product hw.serialno"),
        ),
    ),
)
