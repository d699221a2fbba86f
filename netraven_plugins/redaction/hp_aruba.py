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
        "aoscx-ciphertext",
        r"(?<![\w-])(?:ciphertext|plaintext)[ \t]+(?P<secret>\S+)",
        AOSCX,
        "every AOS-CX 'ciphertext'/'plaintext' value",
    ),
]
