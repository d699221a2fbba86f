"""Checks and helpers for single inventory values (hostnames, hosts, tags), shared by the
inventory loader and the server's own validation."""

from __future__ import annotations

import difflib
import ipaddress
import re
from collections.abc import Iterable, Mapping
from typing import Any

HOSTNAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,252}$")
DNS_LABEL_RE = re.compile(r"^(?!-)[A-Za-z0-9_-]{1,63}(?<!-)$")
TAG_RE = re.compile(r"^[a-z0-9][a-z0-9._:/-]{0,62}$")


def close_matches(word: str, choices: Iterable[str]) -> str:
    """A ``"; did you mean 'x'?"`` hint, or an empty string."""
    found = difflib.get_close_matches(word, list(choices), n=3, cutoff=0.6)
    if not found:
        return ""
    return "; did you mean " + " or ".join(repr(f) for f in found) + "?"


def is_valid_host(host: str) -> bool:
    """True for an IPv4/IPv6 address or a syntactically valid DNS name."""
    try:
        ipaddress.ip_address(host)
        return True
    except ValueError:
        pass
    name = host[:-1] if host.endswith(".") else host
    if not name or len(name) > 253:
        return False
    labels = name.split(".")
    if all(label.isdigit() for label in labels):
        return False  # looks like an IPv4 address but is not a valid one
    return all(DNS_LABEL_RE.match(label) for label in labels)


def normalise_tag(tag: str) -> str:
    """Tags are compared trimmed and lowercased."""
    return tag.strip().lower()


def type_name(value: Any) -> str:
    """How an error message names the type of a value ("an integer", "a list"...)."""
    if value is None:
        return "null"
    for kind, label in ((bool, "a boolean"), (int, "an integer"), (float, "a number"), (str, "a string"),
                        (list, "a list"), (Mapping, "a mapping")):
        if isinstance(value, kind):
            return label
    return type(value).__name__


def plain(value: Any) -> Any:
    """Nested mappings and lists as plain ``dict``/``list`` (sources may use annotated subclasses)."""
    if isinstance(value, Mapping):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value
