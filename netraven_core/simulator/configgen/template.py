"""Configuration generators written as text templates, for platforms that need no code.

A template is a realistic configuration with placeholders::

    hostname {{host}}
    username admin privilege 15 secret 9 {{type9}}
    snmp-server community {{plain:12}} RO
    {{#repeat}}
    interface GigabitEthernet0/{{n}}
     description {{desc}}
     ip address {{ip}} 255.255.255.0
    {{/repeat}}
    end

Placeholders are ``{{name}}`` or ``{{name:argument}}``:

* non-secret values: ``host`` (the hostname), ``i`` / ``n`` (0- / 1-based index of the repeated
  block), ``ip`` (a private address per block), ``desc`` (an interface description),
  ``rand:A-B`` (an integer), ``vlan`` (100 + index);
* secrets, made by :class:`~netraven_core.simulator.configgen.SecretBox` and recorded so tests
  can prove none is stored: ``plain[:N]``, ``hex[:N]``, ``b64[:N]``, ``md5crypt``, ``type7``,
  ``type8``, ``type9``, ``sha512crypt``, ``asa_pbkdf2``, ``junos9``, ``fortios_enc``,
  ``panos_phash``, and ``private_key[:LINES]`` (one base64 line per line of output, each with
  the indentation of the placeholder's line).

The lines between ``{{#repeat}}`` and ``{{/repeat}}`` (at most one such block) are repeated
until the configuration reaches the requested size.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from pathlib import Path

from ._build import DESCRIPTIONS, fill, ip
from ._secrets import SecretBox

Generator = Callable[[str, random.Random, SecretBox, int], str]

_PLACEHOLDER = re.compile(r"\{\{([a-z_0-9]+)(?::([^}]*))?\}\}")
_SECRETS = frozenset({"plain", "hex", "b64", "md5crypt", "type7", "type8", "type9", "sha512crypt",
                      "asa_pbkdf2", "junos9", "fortios_enc", "panos_phash"})
_VALUES = frozenset({"host", "i", "n", "ip", "desc", "rand", "vlan"})
_REPEAT_START, _REPEAT_END = "{{#repeat}}", "{{/repeat}}"


class TemplateError(ValueError):
    """A template uses an unknown placeholder or a malformed repeat block."""


def _split(text: str, where: str) -> tuple[list[str], list[str], list[str]]:
    lines = text.rstrip("\n").split("\n")
    starts = [k for k, line in enumerate(lines) if line.strip() == _REPEAT_START]
    ends = [k for k, line in enumerate(lines) if line.strip() == _REPEAT_END]
    if not starts and not ends:
        return lines, [], []
    if len(starts) != 1 or len(ends) != 1 or ends[0] < starts[0]:
        raise TemplateError(f"{where}: expected one {_REPEAT_START} ... {_REPEAT_END} block")
    a, b = starts[0], ends[0]
    return lines[:a], lines[a + 1 : b], lines[b + 1 :]


def _check(lines: list[str], where: str) -> None:
    for lineno, line in enumerate(lines, 1):
        for m in _PLACEHOLDER.finditer(line):
            name = m.group(1)
            if name not in _SECRETS and name not in _VALUES and name != "private_key":
                raise TemplateError(f"{where}: line {lineno}: unknown placeholder {m.group(0)!r}")


def _render(lines: list[str], hostname: str, index: int, rng: random.Random, box: SecretBox) -> list[str]:
    out: list[str] = []
    for line in lines:
        m = _PLACEHOLDER.search(line)
        if m and m.group(1) == "private_key":
            indent = line[: len(line) - len(line.lstrip())]
            count = int(m.group(2) or 6)
            out.extend(indent + body for body in box.private_key_body(count))
            continue
        out.append(_PLACEHOLDER.sub(lambda m: _value(m, hostname, index, rng, box), line))
    return out


def _value(m: re.Match[str], hostname: str, index: int, rng: random.Random, box: SecretBox) -> str:
    name, arg = m.group(1), m.group(2)
    if name == "host":
        return hostname
    if name == "i":
        return str(index)
    if name == "n":
        return str(index + 1)
    if name == "ip":
        return ip(index)
    if name == "desc":
        return DESCRIPTIONS[index % len(DESCRIPTIONS)]
    if name == "vlan":
        return str(100 + index)
    if name == "rand":
        low, _, high = (arg or "0-9").partition("-")
        return str(rng.randint(int(low), int(high)))
    method = getattr(box, name)
    return method(int(arg)) if arg else method()


def from_template(text: str, *, name: str = "<template>") -> Generator:
    """A configuration generator rendering ``text`` (see the module docstring)."""
    head, section, tail = _split(text, name)
    _check(head + section + tail, name)

    def generate(hostname: str, rng: random.Random, box: SecretBox, size: int) -> str:
        rendered_head = _render(head, hostname, 0, rng, box)
        rendered_tail = _render(tail, hostname, 0, rng, box)
        if not section:
            return "\n".join(rendered_head + rendered_tail) + "\n"
        return fill(rendered_head, lambda i: _render(section, hostname, i, rng, box), rendered_tail, size)

    return generate


def from_template_file(path: str | Path) -> Generator:
    """:func:`from_template` over a file (read once, now)."""
    path = Path(path)
    return from_template(path.read_text(encoding="utf-8"), name=str(path))
