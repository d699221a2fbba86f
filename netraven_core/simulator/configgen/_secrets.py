"""Secret values in real vendor syntax, recorded as they are made.

The values look like the real thing (alphabet, length, prefix) but are random, not hashes of
anything: the simulator never needs to verify them, and tests only need to find them.
"""

from __future__ import annotations

import random
import string

_CRYPT64 = "./" + string.digits + string.ascii_uppercase + string.ascii_lowercase
_B64 = string.ascii_letters + string.digits + "+/"
_ALNUM = string.ascii_letters + string.digits
# Cisco type 7 is a fixed XOR key; encoding for real keeps the values decodable like the real ones.
_TYPE7_KEY = "dsfd;kfoA,.iyewrkldJKDHSUBsgvca69834ncxv9873254k;fg87"


class SecretBox:
    """Makes secret values from a seeded RNG and remembers every value it handed out."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.values: list[str] = []

    def keep(self, value: str) -> str:
        if value not in self.values:
            self.values.append(value)
        return value

    def _pick(self, alphabet: str, n: int) -> str:
        return "".join(self.rng.choice(alphabet) for _ in range(n))

    def plain(self, n: int = 14, prefix: str = "") -> str:
        """A cleartext password/key such as ``Kx8r2...``."""
        return self.keep(prefix + self._pick(_ALNUM, n))

    def hex(self, n: int = 32) -> str:
        return self.keep(self._pick("0123456789abcdef", n))

    def b64(self, n: int = 44) -> str:
        return self.keep(self._pick(_B64, n - 1) + "=")

    def md5crypt(self) -> str:  # Cisco type 5, Unix $1$
        return self.keep(f"$1${self._pick(_CRYPT64, 4)}${self._pick(_CRYPT64, 22)}")

    def type8(self) -> str:  # Cisco PBKDF2-SHA256
        return self.keep(f"$8${self._pick(_CRYPT64, 14)}${self._pick(_CRYPT64, 43)}")

    def type9(self) -> str:  # Cisco scrypt
        return self.keep(f"$9${self._pick(_CRYPT64, 14)}${self._pick(_CRYPT64, 43)}")

    def sha512crypt(self) -> str:  # $6$ (Arista, Junos, Linux)
        return self.keep(f"$6${self._pick(_CRYPT64, 16)}${self._pick(_CRYPT64, 86)}")

    def type7(self, plaintext: str | None = None) -> str:
        """Cisco type 7 encoding of a fresh random password (the encoded form is recorded)."""
        plaintext = plaintext or self._pick(_ALNUM, 10)
        offset = self.rng.randrange(0, 16)
        out = f"{offset:02d}"
        for i, ch in enumerate(plaintext):
            out += f"{ord(ch) ^ ord(_TYPE7_KEY[(offset + i) % len(_TYPE7_KEY)]):02X}"
        return self.keep(out)

    def asa_pbkdf2(self) -> str:
        """ASA ``$sha512$5000$salt$hash`` (shown with the ``pbkdf2`` keyword)."""
        return self.keep(f"$sha512$5000${self._pick(_B64, 22)}==${self._pick(_B64, 22)}==")

    def junos9(self) -> str:
        """Junos ``$9$`` obfuscated secret."""
        return self.keep("$9$" + self._pick(_ALNUM + "./-", 24))

    def fortios_enc(self) -> str:
        """FortiOS ``ENC`` blob."""
        return self.keep(self._pick(_B64, 88) + "==")

    def panos_phash(self) -> str:
        return self.keep(f"$5${self._pick(_CRYPT64, 8)}${self._pick(_CRYPT64, 43)}")

    def private_key_body(self, lines: int = 6) -> list[str]:
        body = [self._pick(_B64, 64) for _ in range(lines)]
        for line in body:
            self.keep(line)
        return body
