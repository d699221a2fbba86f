"""Generic rules: applied to every platform, and all that an unknown platform gets.

They cover syntax shared across vendors (Cisco-style CLI keywords, PEM private keys, crypt(3)
hashes, key=value files, JSON/YAML/XML) and are written not to touch look-alikes such as
``service password-encryption`` or ``password minimum-length 8``.
"""

from __future__ import annotations

from ._syntax import CISCO_TYPE, NOT_A_VALUE, VALUE, rule

RULES = [
    rule(
        "keep-description",
        # No secret group: the line matches and is kept as it is, which stops the word rules
        # below from finding "password" in free text such as "description password reset desk".
        r"^[ \t]*(?:set[ \t]+(?:[\w./:-]+[ \t]+)*?|neighbor[ \t]+\S+[ \t]+|"
        r"access-list[ \t]+\S+[ \t]+(?:line[ \t]+\d+[ \t]+)?)?"
        r"(?:description|comments?|remark|message|announcement)[ \t][^\n]*",
        description="keeps descriptions and comments intact",
    ),
    rule(
        "keep-banner",
        # No secret group, spans lines: the banner text between its delimiters ("^C", "#"...) or
        # up to EOS's "EOF" is shielded from the word rules ("use your domain password to...").
        r"^banner[ \t]+[\w-]+(?:[ \t]*\r?\n(?s:.*?)^EOF[ \t\r]*$|[ \t]+(?P<delimiter>\^C|\S)"
        r"(?s:.*?)(?P=delimiter))",
        description="keeps login/motd banners intact",
    ),
    rule(
        "pem-private-key",
        # The body between the BEGIN and END lines (or up to the end of a truncated text);
        # the BEGIN/END lines stay so that the diff shows a key is there.
        r"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----(?:\\n|\r?\n)?"
        r"(?P<secret>(?s:.+?))(?=(?:\\n|\r?\n)?[ \t\"]*-----END (?:[A-Z0-9]+ )*PRIVATE KEY-----|\Z)",
        description="PEM/OpenSSH private key bodies, also inside quoted strings",
    ),
    rule(
        "crypt-hash",
        r"(?<![\w$])(?P<secret>\$(?:1|2[abxy]?|5|6|7|8|9|y|gy|sha512|sha256|sha1|md5|apr1|"
        r"argon2(?:id|i|d)?)\$[^\s\"'<>;:]+)",
        description="crypt(3)-style hashes anywhere: $1$ $5$ $6$ $y$ (Cisco type 5/8/9, "
        "Junos $9$, ASA $sha512$, /etc/shadow)",
    ),
    rule(
        "password-keyword",
        # The type words are taken possessively, so that a refused value never makes the rule
        # fall back to calling a type word the secret; a lone 1-2 digit value is the second case.
        rf"(?<![\w-])(?:password|passwd|secret)(?:(?:[ \t]+(?:{CISCO_TYPE}|ENC|type[ \t]+\d+|"
        rf"level[ \t]+\d+)(?=[ \t]|$))*+[ \t]+{NOT_A_VALUE}(?P<secret>{VALUE})|"
        rf"(?:[ \t]+{CISCO_TYPE}(?=[ \t]))*?[ \t]+(?P<secret_digits>\d{{1,2}})[ \t\r]*$)",
        description="password/secret followed by an optional type and the value "
        "(username, enable, line, neighbor, ...)",
    ),
    rule(
        "snmp-community",
        rf"^[ \t]*(?:set[ \t]+)?snmp(?:-server)?[ \t]+community[ \t]+(?:{CISCO_TYPE}[ \t]+)?"
        rf"(?P<secret>{VALUE})",
        description="SNMP community strings (Cisco-style and Junos set format)",
    ),
    rule(
        "snmp-host-community",
        rf"^[ \t]*snmp-server[ \t]+host[ \t]+(?!.*\bversion[ \t]+v?3\b)"
        rf"(?:.*?\bcommunity[ \t]+|.*?\bversion[ \t]+v?(?:1|2c)[ \t]+(?:encrypted[ \t]+|\d[ \t]+)?"
        rf"(?!community\b)|\S+(?:[ \t]+(?:informs|traps))?[ \t]+"
        rf"(?!version\b|vrf\b|use-vrf\b|poll\b|trap\b|\d+\.\d+\.\d+\.\d+\b))"
        rf"(?P<secret>{VALUE})",
        description="the community of an SNMPv1/v2c notification host",
    ),
    rule(
        "snmpv3-keys",
        r"^[ \t]*(?:snmp-server|snmpv3)[ \t]+user[ \t].*?\bauth(?:entication)?[ \t]+"
        r"(?:md5|sha\S*)[ \t]+(?:(?:encrypted|ciphertext|plaintext|auth-pass|localized)[ \t]+)*"
        r"(?P<secret_auth>\S+)"
        r"(?:.*?\bpriv(?:acy)?(?:[ \t]+(?:des56|des|3des|aes-?\d*|aes))?(?:[ \t]+\d{3})?[ \t]+"
        r"(?:(?:encrypted|ciphertext|plaintext|priv-pass)[ \t]+)*(?P<secret_priv>\S+))?",
        description="SNMPv3 user authentication and privacy keys",
    ),
    rule(
        "aaa-server-key",
        rf"^[ \t]*(?:tacacs-server|radius-server|tacacs|radius)\b.*?[ \t]key"
        rf"(?:[ \t]+{CISCO_TYPE})?[ \t]+(?P<secret>{VALUE})",
        description="TACACS+/RADIUS shared keys on one line",
    ),
    rule(
        "indented-key",
        # "key 7 0822455D0A16" inside a tacacs/radius server or aaa-server block.  A bare number
        # ("key 1" in a key chain) is a key id, and "key 1 secret ..." is left to the
        # password-keyword rule.  After a type word, though, the value may be all digits
        # ("key 7 1545221503221327106213": a type 7 string that happens to have no letters).
        rf"^[ \t]+(?:server-private[ \t]+\S+[ \t]+(?:.*?[ \t])?)?key(?:[ \t]+(?:[0-9]|encrypted|"
        rf"ciphertext|plaintext)[ \t]+(?=\d+[ \t]*$)|(?:[ \t]+(?:[0-9]|encrypted|"
        rf"ciphertext|plaintext))?[ \t]+(?!\d+[ \t]*$|\d+[ \t]+(?:secret|password)\b))"
        rf"(?P<secret>{VALUE})",
        description="TACACS+/RADIUS keys in server sub-modes",
    ),
    rule(
        "key-string",
        r"(?<![\w-])key-string(?:[ \t]+(?:\d|password|clear|encrypted|ciphertext|plaintext))?"
        r"[ \t]+(?P<secret>\S.*?)[ \t\r]*$",
        description="key chain key-string and HSRP/VRRP md5 key-string values (rest of line)",
    ),
    rule(
        "ntp-authentication-key",
        r"^[ \t]*ntp[ \t]+authentication-key[ \t]+\d+[ \t]+\S+(?:[ \t]+(?:encrypted|ciphertext|"
        r"plaintext)|[ \t]+\d(?=[ \t]+\S))?[ \t]+(?P<secret>\S+)",
        description="NTP authentication keys",
    ),
    rule(
        "pre-shared-key",
        rf"(?<![\w-])(?:pre-shared-key|pre-share[ \t]+key|psk|shared-key|shared-secret)"
        rf"(?:[ \t]+(?:address[ \t]+\S+(?:[ \t]+\d+\.\d+\.\d+\.\d+)?[ \t]+key|hostname[ \t]+\S+[ \t]+key))?"
        rf"(?:[ \t]+(?:\d|ascii|hex|ascii-text|hex-key|encrypted|local|remote))*"
        rf"[ \t]+(?![{{}}])(?P<secret>{VALUE})",
        description="IKE/IPsec pre-shared keys",
    ),
    rule(
        "crypto-isakmp-key",
        rf"^[ \t]*crypto[ \t]+isakmp[ \t]+key(?:[ \t]+\d)?[ \t]+(?P<secret>{VALUE})",
        description="Cisco IKEv1 pre-shared key",
    ),
    rule(
        "routing-auth-key",
        rf"(?<![\w-])(?:authentication-key(?:[ \t]+\d+[ \t]+(?:md5|sha\S*|hmac\S*))?|"
        rf"message-digest-key[ \t]+\d+[ \t]+md5|"
        rf"(?:area|domain|lsp|hello)-password(?:[ \t]+hmac-md5|[ \t]+text)?|auth-key|md5-key|"
        rf"authentication[ \t]+key)"
        rf"(?:[ \t]+(?:\d|encrypted|ciphertext|plaintext|clear))?[ \t]+(?P<secret>{VALUE})",
        description="OSPF/IS-IS/RIP authentication keys",
    ),
    rule(
        "fhrp-authentication",
        rf"^[ \t]*(?:(?:standby|vrrp|glbp|hsrp)[ \t]+\d+[ \t]+(?:peer[ \t]+)?)?authentication"
        rf"[ \t]+(?:text|plaintext)(?:[ \t]+\d)?[ \t]+(?P<secret>{VALUE})",
        description="HSRP/VRRP/GLBP plain-text authentication",
    ),
    rule(
        "hsrp-bare-authentication",
        # "md5"/"text" only as whole words: a string like "text/..." is the secret itself.
        rf"^[ \t]*standby(?:[ \t]+\d+)?[ \t]+authentication[ \t]+(?!(?:md5|text)(?:[ \t]|$))"
        rf"(?P<secret>{VALUE})",
        description="HSRP 'standby N authentication STRING'",
    ),
    rule(
        "wireless-psk",
        r"^[ \t]*(?:security[ \t]+)?(?:wpa-psk|wpa-passphrase|wpa psk set-key|wpa2-psk)"
        r"(?:[ \t]+(?:ascii|hex|\d))*"
        r"[ \t]+(?P<secret>\S.*?)[ \t\r]*$",
        description="wireless pre-shared keys (rest of line)",
    ),
    rule(
        "key-value",
        # The look-ahead finds the secret-like word inside the key; the atomic group then takes
        # the key whole (no backtracking: linear even on a very long line).
        r"^(?i:[ \t]*(?:export[ \t]+)?(?=[\w.-]*?(?:password|passwd|passphrase|secret|psk|token|"
        r"private_?key|presharedkey|pre_?shared_?key|api_?key|community))(?>[\w.-]+)[ \t]*=[ \t]*"
        r"(?P<secret>\"[^\"\n]*\"|'[^'\n]*'|\S+))",
        description="KEY=value files (hostapd, wpa_supplicant, WireGuard, shell)",
    ),
    rule(
        "json-yaml",
        r"(?i)(?:\"(?:password|passwd|secret|psk|passphrase|token|private_key|api_key)\"[ \t]*:[ \t]*"
        r"\"(?P<secret>(?:[^\"\\\n]|\\.)*)\"|^[ \t]*(?:password|passwd|secret|psk|passphrase|"
        r"token|private_key|api_key):[ \t]+(?P<secret2>\S.*?)[ \t\r]*$)",
        description="JSON and YAML fields named like a secret",
    ),
    rule(
        "xml-element",
        r"<(?P<tag>password|passwd|phash|secret|psk|pre-shared-key|community|"
        r"snmp-community-string|private-key|authpwd|privpwd|auth-password|priv-password|"
        r"api-key|bind-password|key|shared-secret|passphrase)>(?P<secret>[^<]+)</(?P=tag)>",
        description="XML elements holding secrets (PAN-OS XML, NETCONF)",
    ),
]
