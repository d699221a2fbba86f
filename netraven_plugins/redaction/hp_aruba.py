"""HPE ProCurve / ArubaOS-Switch and Aruba AOS-CX rules."""

from __future__ import annotations

from ._syntax import AOSCX, PROCURVE, VALUE, fail_closed, rule

RULES = [
    rule(
        "procurve-password",
        # the user name is taken whole (atomic): a line naming only the user holds no secret
        rf"^[ \t]*password[ \t]+(?:manager|operator|port-access)(?>(?:[ \t]+user-name[ \t]+{VALUE})?)"
        r"(?:[ \t]+(?:sha1|sha256|plaintext|md5)(?=[ \t]))?[ \t]+" + fail_closed(),
        PROCURVE,
        "manager/operator passwords (include-credentials)",
    ),
    rule(
        "procurve-ntp-key-value",
        r"(?<![\w-])key-value[ \t]+" + fail_closed("trusted"),
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
