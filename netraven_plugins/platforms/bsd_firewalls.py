"""FreeBSD-based firewalls backed up by reading their XML configuration: pfSense and OPNsense.

Both present a console menu to admin/root over SSH; NetRaven needs an account whose login
shell is a shell ("User - System: Shell account access" on pfSense, "Login shell" on
OPNsense), which may read the world-readable config.xml.
"""

from __future__ import annotations

from dataclasses import replace

from netraven_core.models import Platform

_PFSENSE = Platform(
    name="pfsense",
    vendor="Netgate",
    description="pfSense CE / Plus; the backup is /cf/conf/config.xml",
    drivers={"ssh": {}},
    default_driver="ssh",
    # tcsh "[2.7.2-RELEASE][backup@fw01.example.net]/home/backup: ", sh "$ ",
    # "backup@fw01:~ $ ", root "root@OPNsense:~ # "
    prompt_pattern=(
        r"(?:\[[^\]\n]{1,40}\]\[[\w.\-]{1,64}@[\w.\-]{1,64}\][^\n:]{0,120}:|"
        r"(?:[\w.\-]{1,64}@[\w.\-]{1,64}(?::[^\n$#%]{0,120})?\s?)?[$#%])\s*$"
    ),
    backup_commands=("cat /cf/conf/config.xml",),
    setup_commands=(),
    volatile_patterns=(r"^\s*<last_rule_upd_time>\d+</last_rule_upd_time>\s*$",),
    comment_prefix="#",
    paging_prompt=None,
    error_patterns=(
        r"^\S+: .*(?:No such file or directory|Permission denied)\.?\s*$",
        r"^\S+: (?:\S+: )?(?:[Cc]ommand not found|not found)\.?\s*$",
    ),
    completeness_pattern=r"^</pfsense>\s*$",
)

PLATFORMS: tuple[Platform, ...] = (
    _PFSENSE,
    replace(
        _PFSENSE,
        name="opnsense",
        vendor="Deciso",
        description="OPNsense; the backup is /conf/config.xml",
        backup_commands=("cat /conf/config.xml",),
        completeness_pattern=r"^</opnsense>\s*$",
    ),
)
