"""F5 BIG-IP tmsh rules ('show running-config': brace blocks, "keyword value" properties)."""

from __future__ import annotations

from ._syntax import F5, fail_closed, rule

# A one-token value may be followed by the closing brace of a one-line block.
_VALUE = fail_closed(r"\}")

RULES = [
    rule(
        "keep-tmsh-key-reference",
        # "key /Common/app.key" in a cert-key-chain names a key file object, not a secret.
        r"^[ \t]+key[ \t]+/[\w.\-/]+[ \t]*$",
        F5,
        "keeps references to key file objects",
    ),
    rule(
        "tmsh-encrypted-blob",
        r"(?<![\w$])(?P<secret>\$M\$[^\s\"']+)",
        F5,
        "values the BIG-IP master key encrypted ($M$...)",
    ),
    rule(
        "tmsh-secret-property",
        rf"^[ \t]*(?:secret|password|encrypted-password|auth-password|privacy-password|bind-pw|"
        rf"passphrase|preshared-key|preshared-key-encrypted|community-name|community|"
        rf"shared-secret|key-secret|client-secret|proxy-password)[ \t]+(?![{{}}]){_VALUE}",
        F5,
        "AAA secrets, user hashes, monitor and SNMPv3 passwords, key passphrases, IKE PSKs, "
        "SNMP communities",
    ),
]
