"""F5 BIG-IP (TMOS), through tmsh."""

from __future__ import annotations

from netraven_core.models import Platform, Section

# tmsh: "admin@(bigip1)(cfg-sync In Sync)(Active)(/Common)(tmos)# ", in a module "(tmos.ltm)# ".
# bash: "[admin@bigip1:Active:In Sync] ~ # ".  The failover and sync states change on their own.
_TMSH = r"[\w.\-]{1,64}@\([\w.\-]{1,64}\)(?:\([^()\n]{1,64}\))*?\(tmos(?:\.[\w.\-]+)*\)#"
_BASH = r"\[[\w.\-]{1,64}@[\w.\-]{1,64}:[^\]\n]{1,80}\][^\n#$]{0,120}[#$]"

PLATFORMS: tuple[Platform, ...] = (
    Platform(
        name="f5_tmsh",
        vendor="F5",
        description="F5 BIG-IP (TMOS 13-17) in tmsh; the account's terminal access must be tmsh",
        drivers={"ssh": {}, "netmiko": {"device_type": "f5_tmsh"}},
        default_driver="ssh",
        prompt_pattern=rf"(?:{_TMSH}|{_BASH})\s*$",
        backup_commands=("show running-config recursive",),
        setup_commands=("modify cli preference pager disabled display-threshold 0",),
        volatile_patterns=(
            r"^\s+(?:checksum SHA1:|create-time |last-update-time |revision \d+\s*$)",
        ),
        comment_prefix="#",
        paging_prompt=r"---\(less \d+%\)---|\(END\)",
        error_patterns=(
            r"^Syntax Error: ",
            r"^Data Input Error: ",
            r"^0[0-9a-f]{7}:\d: ",
        ),
        completeness_pattern=r"^\}\s*$",
        sections=(
            Section("version", "show sys version"),
            Section("hardware", "show sys hardware",
                    (r"(?i).*\b(?:temp|fan|speed|rpm|volt|current|up ?time)\b",)),
            Section("licence", "show sys license"),
        ),
    ),
)
