"""Sophos Firewall (SFOS, formerly XG): the SSH login opens a numbered menu.

The Device Console (menu option 4) has no command that prints the whole configuration: Sophos
keeps it in a database that only the web admin / XML API export ("Backup & firmware") writes
out, as an encrypted file.  What the console can show (firewall tuning, web proxy settings) is
collected; a full backup needs the API.
"""

from __future__ import annotations

from netraven_core.models import EnableSpec, Platform, Section

PLATFORMS: tuple[Platform, ...] = (
    Platform(
        name="sophos_sfos",
        vendor="Sophos",
        description="Sophos Firewall (SFOS); partial: the console settings it can show, not the full "
        "configuration",
        drivers={"ssh": {}},
        default_driver="ssh",
        prompt_pattern=r"(?:Select Menu Number \[\d+-\d+\]:|console>)\s*$",
        backup_commands=("show advanced-firewall", "show http_proxy"),
        setup_commands=(),
        # Menu option 4 is the Device Console; entering it is what "privileged" means here.
        enable=EnableSpec(command="4", privileged_prompt=r"console>\s*$"),
        volatile_patterns=(),
        comment_prefix="#",
        paging_prompt=r"--More--",
        error_patterns=(r"^\s*(?:%\s*)?(?:Unknown|Unrecognized|Invalid|Incomplete) (?:command|input)",
                        r"^\s*Error: "),
        completeness_pattern=None,
        exit_command="exit",
        sections=(Section("version", "system diagnostics show version-info"),),
    ),
)
