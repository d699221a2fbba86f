"""HPE ProCurve / ArubaOS-Switch and Aruba AOS-CX rules."""

from __future__ import annotations

from ._syntax import AOSCX, PROCURVE, VALUE, rule

RULES = [
    rule(
        "procurve-password",
        rf"^[ \t]*password[ \t]+(?:manager|operator|port-access)(?:[ \t]+user-name[ \t]+{VALUE})?"
        rf"[ \t]+(?:sha1|sha256|plaintext|md5)[ \t]+(?P<secret>{VALUE})",
        PROCURVE,
        "manager/operator passwords (include-credentials)",
    ),
    rule(
        "procurve-ntp-key-value",
        rf"(?<![\w-])key-value[ \t]+(?P<secret>{VALUE})",
        PROCURVE,
        "NTP authentication key value",
    ),
    rule(
        "aoscx-ciphertext",
        r"(?<![\w-])(?:ciphertext|plaintext)[ \t]+(?P<secret>\S+)",
        AOSCX,
        "every AOS-CX 'ciphertext'/'plaintext' value",
    ),
]
