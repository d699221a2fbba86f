"""Generic rules: applied to every platform, and all that an unknown platform gets.

They cover syntax shared across vendors (Cisco-style CLI keywords, PEM private keys, crypt(3)
hashes, key=value files, JSON/YAML/XML) and are written not to touch look-alikes such as
``service password-encryption`` or ``password minimum-length 8``.  They fail closed (see
:mod:`._syntax`): a value in a form they do not know takes the rest of the line with it.
"""

from __future__ import annotations

from ._syntax import CISCO_TRAILERS, CISCO_TYPE, SecretSyntax, fail_closed, rule

# Cisco-style "password/secret [type words] value", the syntax most CLIs copy.
PASSWORD = SecretSyntax(keywords=r"password|passwd|secret",
                        type_words=rf"{CISCO_TYPE}|enc|type[ \t]+\d+|level[ \t]+\d+",
                        trailers=CISCO_TRAILERS)
# RADIUS dynamic-authorization (CoA) clients and their mode-level key.
SERVER_KEY = SecretSyntax(keywords=r"server-key|secret-key", type_words=CISCO_TYPE,
                          trailers=CISCO_TRAILERS)
_VALUE = fail_closed(CISCO_TRAILERS)
# What may follow an SNMPv3 key: the privacy part, an ACL, NX-OS/XR options.
_SNMPV3_TRAILERS = (r"priv|privacy|access|localizedkey|localized|engineid|auto|systemowner|"
                    r"sdrowner|ipv4|ipv6")

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
        rf"(?<![\w-])(?:{PASSWORD.keywords})(?:{PASSWORD.value()}|"
        rf"(?:[ \t]+{CISCO_TYPE}(?=[ \t]))*?[ \t]+(?P<secret_digits>\d{{1,2}})[ \t\r]*$)",
        description="password/secret followed by an optional type and the value "
        "(username, enable, line, neighbor, ...)",
    ),
    rule(
        "snmp-community",
        rf"^[ \t]*(?:set[ \t]+)?snmp(?:-server)?[ \t]+community[ \t]+(?:{CISCO_TYPE}[ \t]+)?"
        + _VALUE,
        description="SNMP community strings (Cisco-style and Junos set format)",
    ),
    rule(
        "snmp-host-community",
        r"^[ \t]*snmp-server[ \t]+host[ \t]+(?!.*\bversion[ \t]+v?3\b)"
        r"(?:.*?\bcommunity[ \t]+|.*?\bversion[ \t]+v?(?:1|2c)[ \t]+(?:encrypted[ \t]+|\d[ \t]+)?"
        r"(?!community\b)|\S+(?:[ \t]+(?:informs|traps))?[ \t]+"
        r"(?!version\b|vrf\b|use-vrf\b|poll\b|trap\b|\d+\.\d+\.\d+\.\d+\b))"
        + _VALUE,
        description="the community of an SNMPv1/v2c notification host",
    ),
    rule(
        "snmpv3-keys",
        r"^[ \t]*(?:snmp-server|snmpv3)[ \t]+user[ \t].*?\bauth(?:entication)?[ \t]+"
        r"(?:md5|sha\S*)[ \t]+(?:(?:encrypted|ciphertext|plaintext|auth-pass|localized)[ \t]+)*+"
        + fail_closed(_SNMPV3_TRAILERS, "secret_auth")
        + r"(?:.*?\bpriv(?:acy)?(?:[ \t]+(?:des56|des|3des|aes-?\d*|aes))?(?:[ \t]+\d{3})?[ \t]+"
        r"(?:(?:encrypted|ciphertext|plaintext|priv-pass)[ \t]+)*+"
        + fail_closed(_SNMPV3_TRAILERS, "secret_priv") + ")?",
        description="SNMPv3 user authentication and privacy keys",
    ),
    rule(
        "aaa-server-key",
        rf"^[ \t]*(?:tacacs-server|radius-server|tacacs|radius)\b.*?[ \t]key"
        rf"(?:[ \t]+{CISCO_TYPE}(?=[ \t]))*+[ \t]+" + _VALUE,
        description="TACACS+/RADIUS shared keys on one line",
    ),
    rule(
        "indented-key",
        # "key 7 0822455D0A16" inside a tacacs/radius server or aaa-server block.  A bare number
        # ("key 1" in a key chain) is a key id, and "key 1 secret ..." is left to the
        # password-keyword rule.  After a type word, though, the value may be all digits
        # ("key 7 1545221503221327106213": a type 7 string that happens to have no letters).
        r"^[ \t]+(?:server-private[ \t]+\S+[ \t]+(?:.*?[ \t])?)?key(?:[ \t]+(?:[0-9]|encrypted|"
        r"ciphertext|plaintext)[ \t]+(?=\d+[ \t]*$)|(?:[ \t]+(?:[0-9]|encrypted|"
        r"ciphertext|plaintext))?[ \t]+(?!\d+[ \t]*$|\d+[ \t]+(?:secret|password)\b|"
        r"(?:chain|config-key)[ \t]))" + _VALUE,
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
        r"plaintext)|[ \t]+\d(?=[ \t]+\S))?[ \t]+" + fail_closed(r"\d|trusted"),
        description="NTP authentication keys",
    ),
    rule(
        "pre-shared-key",
        r"(?<![\w-])(?:pre-shared-key|pre-share[ \t]+key|psk|shared-key|shared-secret)"
        r"(?:[ \t]+(?:address[ \t]+\S+(?:[ \t]+\d+\.\d+\.\d+\.\d+)?[ \t]+key|hostname[ \t]+\S+[ \t]+key))?"
        r"(?:[ \t]+(?:\d|ascii|hex|ascii-text|hex-key|encrypted|local|remote)(?=[ \t]))*+"
        r"[ \t]+(?![{}])" + _VALUE,
        description="IKE/IPsec pre-shared keys",
    ),
    rule(
        "crypto-isakmp-key",
        r"^[ \t]*crypto[ \t]+isakmp[ \t]+key(?:[ \t]+\d)?[ \t]+" + _VALUE,
        description="Cisco IKEv1 pre-shared key",
    ),
    rule(
        "routing-auth-key",
        r"(?<![\w-])(?:authentication-key(?:[ \t]+\d+[ \t]+(?:md5|sha\S*|hmac\S*))?|"
        r"message-digest-key[ \t]+\d+[ \t]+md5|"
        r"(?:area|domain|lsp|hello)-password(?:[ \t]+hmac-md5|[ \t]+text)?|auth-key|md5-key|"
        r"authentication[ \t]+key)"
        r"(?:[ \t]+(?:\d|encrypted|ciphertext|plaintext|clear|type[ \t]+\S+|value)(?=[ \t]))*+"
        r"[ \t]+(?!(?:keychain|key-chain)(?:[ \t]|$))" + _VALUE,
        description="OSPF/IS-IS/RIP authentication keys",
    ),
    rule(
        "fhrp-authentication",
        r"^[ \t]*(?:(?:standby|vrrp|glbp|hsrp)[ \t]+\d+[ \t]+(?:peer[ \t]+)?)?authentication"
        r"[ \t]+(?:text|plaintext)(?:[ \t]+\d)?[ \t]+" + _VALUE,
        description="HSRP/VRRP/GLBP plain-text authentication",
    ),
    rule(
        "hsrp-bare-authentication",
        # "md5"/"text" only as whole words: a string like "text/..." is the secret itself.
        r"^[ \t]*standby(?:[ \t]+\d+)?[ \t]+authentication[ \t]+(?!(?:md5|text)(?:[ \t]|$))"
        + _VALUE,
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
        "radius-dynamic-author",
        rf"{SERVER_KEY.pattern()}|^[ \t]*(?:radius(?:-server)?[ \t]+dynamic-author\S*[ \t]+)?"
        rf"client[ \t]+\S+(?:[ \t]+(?:vrf|port)[ \t]+\S+)*[ \t]+key{SERVER_KEY.value('secret2')}",
        description="RADIUS dynamic-authorization (CoA) clients: 'client 10.0.0.5 server-key 7 K', "
        "mode-level 'server-key K', 'client ... key K'",
    ),
    rule(
        "url-credentials",
        # The password of "scheme://user:password@host" (up to the last '@' of the URL: a
        # password may hold one) and the token of "https://TOKEN@host".  It runs everywhere,
        # descriptions and comments included: no prose needs a password inside a URL.
        # Written to start with the literal "://" so that the regex engine searches for it fast.
        r"://(?:(?<=[\w+.-]://)[^\s/:@\"'<>]*:(?P<secret>[^\s\"']*)@|"
        r"(?<=http://)(?P<secret_http>[^\s/:@\"']+)@|(?<=https://)(?P<secret_https>[^\s/:@\"']+)@)",
        description="credentials inside URLs (backup/archive/ftp/tftp/scp/http targets)",
        everywhere=True,
    ),
    rule(
        "key-value",
        # The look-ahead finds the secret-like word inside the key; the atomic group then takes
        # the key whole (no backtracking: linear even on a very long line).
        r"^(?i:[ \t]*(?:export[ \t]+)?(?=[\w.-]*?(?:password|passwd|passphrase|secret|psk|token|"
        r"private_?key|presharedkey|pre_?shared_?key|api_?key|community))(?>[\w.-]+)[ \t]*=[ \t]*"
        # a value with blanks is the rest of the line, unless another KEY=value follows
        + fail_closed(r"[\w.-]+=\S*") + ")",
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
