"""Aruba wireless: ArubaOS 6/8 mobility controllers and conductors, and Aruba Instant APs."""

from __future__ import annotations

from netraven_core.models import EnableSpec, Platform, Section

from ._common import CISCO_ERRORS

_ARUBA_ERRORS: tuple[str, ...] = (
    *CISCO_ERRORS,
    r"^\s*% ?Parse error",
    r"^\s*Invalid input detected",
    r"^\s*Error: ",
)

_VERSION = Section("version", "show version",
                   (r"(?i)^(?:Switch|AP) uptime is ", r"(?i)^Reboot Time and Cause"))

PLATFORMS: tuple[Platform, ...] = (
    Platform(
        name="aruba_os",
        vendor="HPE Aruba",
        description="ArubaOS 6/8 mobility controllers, managed devices and mobility conductors",
        drivers={"ssh": {}, "netmiko": {"device_type": "aruba_os"}},
        default_driver="ssh",
        # "(Aruba7030) >", "(Aruba7030) #", "(Aruba7030) (config) #", ArubaOS 8's
        # "(MM-01) [mynode] #" and "(MD-01) *[mm/site1] (config-submode)#" (the star marks
        # unsaved changes, "^" pending ones).
        prompt_pattern=(
            r"(?<![^\n])\([^()\n]{1,80}\) ?[*^]?(?:\[[\w./\-]{1,80}\] ?)?(?:\([^()\n]{1,60}\) ?)?[#>]\s*$"
        ),
        backup_commands=("show running-config",),
        setup_commands=("no paging",),
        enable=EnableSpec(),
        volatile_patterns=(
            r"^Building Configuration\.\.\.\s*$",
            # A counter the controller bumps on every configuration change.
            r"^controller config \d+\s*$",
        ),
        comment_prefix="!",
        paging_prompt=r"--More-- \(q\) quit \(u\) pageup|--More--",
        error_patterns=_ARUBA_ERRORS,
        completeness_pattern=None,
        transports=("ssh", "telnet"),
        sections=(
            _VERSION,
            Section("inventory", "show inventory"),
            Section("licence", "show license"),
        ),
    ),
    Platform(
        name="aruba_instant",
        vendor="HPE Aruba",
        description="Aruba Instant APs and virtual controllers (IAP 3xx/5xx, Instant 8.x)",
        drivers={"ssh": {}, "netmiko": {"device_type": "aruba_os"}},
        default_driver="ssh",
        # "ap-515-lobby# ", the default name is the MAC address ("20:4c:03:0a:1b:2c# ");
        # configuration modes add "(config) " or "(SSID Profile "corp") ".
        prompt_pattern=r"(?<![^\n]) ?[\w:.@\-]{1,80}(?: ?\([^()\n]{1,80}\))? ?[#>] ?\s*$",
        # Stored as the AP keeps it (secrets encrypted); "show running-config no-encrypt" would
        # print them in clear text.
        backup_commands=("show running-config",),
        setup_commands=("no paging",),
        volatile_patterns=(),
        comment_prefix="!",
        paging_prompt=r"--More--",
        error_patterns=_ARUBA_ERRORS,
        completeness_pattern=None,
        # The AP's serial number and model are in "show inventory", not in "show version".
        sections=(_VERSION, Section("inventory", "show inventory")),
    ),
)
