"""Marshmallow fields and validators that keep hostile input from ever reaching the database.

Strings refuse NUL characters (PostgreSQL cannot store them) and are length-bounded; integers
are bounded to 32 bits (ids) or to their domain; free-form JSON (``vars``, ``options``) must be
plain, finite, NUL-free and small.
"""

from __future__ import annotations

import math
from datetime import UTC

from marshmallow import ValidationError, fields, validate
from werkzeug.routing import IntegerConverter

MAX_ID = 2**31 - 1
MAX_JSON_CHARS = 64 * 1024


def _no_nul(value: str) -> None:
    if "\x00" in value:
        raise ValidationError("must not contain NUL characters")


# The NUL ban as a validator the OpenAPI document shows (``pattern``), so clients and schema
# fuzzers know the rule the API enforces.  Written with ``\x00`` (not the character itself),
# which Python and ECMA-262 regular expressions both read as NUL.
NO_NUL_PATTERN = r"^[^\x00]*$"
NO_NUL = validate.Regexp(NO_NUL_PATTERN, error="must not contain NUL characters")
# A password: no NUL, and at least one character that is not whitespace (passwords.password_problem)
NOT_BLANK_PATTERN = r"^[^\x00]*[^\x00\s][^\x00]*$"


class Str(fields.String):
    """A string without NUL characters, at most ``max_length`` characters (default 255).

    ``pattern`` replaces the NUL-ban pattern by a stricter one (which must also exclude NUL):
    the OpenAPI document can carry only one pattern per field."""

    def __init__(self, *args, max_length: int = 255, min_length: int | None = None,
                 pattern: str | None = None, pattern_error: str | None = None, **kwargs):
        extra = kwargs.pop("validate", None) or []
        validators = list(extra) if isinstance(extra, list | tuple) else [extra]
        shape = NO_NUL if pattern is None else validate.Regexp(pattern,
                                                               error=pattern_error or "invalid value")
        validators = [shape, validate.Length(min=min_length, max=max_length), *validators]
        super().__init__(*args, validate=validators, **kwargs)


def Password(**kwargs) -> Str:
    """A new password as ``passwords.password_problem`` accepts it: 8-1024 characters, not blank."""
    from ..security.passwords import MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH

    return Str(min_length=MIN_PASSWORD_LENGTH, max_length=MAX_PASSWORD_LENGTH, pattern=NOT_BLANK_PATTERN,
               pattern_error="must not be blank", load_only=True, **kwargs)


def sort_field(names) -> Str:
    """``sort``: comma-separated names from ``names``, each optionally prefixed ``-``
    (descending) or ``+``; the schema's pattern lists exactly the names the service accepts."""
    choice = "(?:" + "|".join(sorted(names, key=lambda n: (-len(n), n))) + ")"
    pattern = rf"^[-+]?{choice}(?:,[-+]?{choice})*$"
    return Str(max_length=200, pattern=pattern,
               pattern_error=f"comma-separated names from: {', '.join(sorted(names))} ('-' for descending)",
               metadata={"description": f"comma-separated, '-' prefix for descending; one of: "
                                        f"{', '.join(sorted(names))}"})


class Id(fields.Integer):
    """A database id (1 .. 2**31-1)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("validate", validate.Range(min=1, max=MAX_ID))
        super().__init__(*args, **kwargs)


class UTCDateTime(fields.DateTime):
    """ISO 8601; naive values are taken as UTC, output always carries ``+00:00``."""

    def _deserialize(self, value, attr, data, **kwargs):
        result = super()._deserialize(value, attr, data, **kwargs)
        if result.tzinfo is None:
            result = result.replace(tzinfo=UTC)
        try:
            return result.astimezone(UTC)
        except (OverflowError, ValueError):
            raise ValidationError("out of range") from None


def _check_json(value, depth: int = 0) -> None:
    if depth > 10:
        raise ValidationError("nested too deeply (at most 10 levels)")
    if isinstance(value, str):
        _no_nul(value)
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise ValidationError("numbers must be finite")
    elif isinstance(value, bool) or value is None:
        return
    elif isinstance(value, int):
        if abs(value) > 2**53:
            raise ValidationError("integers must be within +/- 2**53")
    elif isinstance(value, dict):
        for key, item in value.items():
            _no_nul(key)
            _check_json(item, depth + 1)
    elif isinstance(value, list):
        for item in value:
            _check_json(item, depth + 1)
    else:
        raise ValidationError("unsupported value")


class JSONObject(fields.Dict):
    """A small, plain JSON object with string keys."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, keys=fields.String(), **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        result = super()._deserialize(value, attr, data, **kwargs)
        _check_json(result)
        if len(repr(result)) > MAX_JSON_CHARS:
            raise ValidationError(f"too large (at most {MAX_JSON_CHARS} characters)")
        return result


# A tag name as the API accepts it before normalising (trimmed, lower-cased): the inventory's
# TAG_RE, any case, surrounding blanks allowed.
TAG_PATTERN = r"^[ \t]*[A-Za-z0-9][A-Za-z0-9._:/-]{0,62}[ \t]*$"
# The inventory's HOSTNAME_RE (netraven_core.inventory.fields)
HOSTNAME_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,252}$"


def TagName(**kwargs) -> Str:
    return Str(max_length=64, pattern=TAG_PATTERN,
               pattern_error="invalid tag {input!r} (letters, digits and . _ : / - only, stored lower case; "
                             "at most 63 characters)",
               **kwargs)


def TagList(*, min_items: int | None = None, **kwargs) -> fields.List:
    """A list of tag names."""
    kwargs.setdefault("validate", validate.Length(min=min_items, max=100))
    return fields.List(TagName(), **kwargs)


# A host: an IPv6 address (hex, ':' and '.'), or dotted labels (DNS names and IPv4 addresses).
# The service's is_valid_host is the final word; this says the shape in the document.
_H4 = "[0-9A-Fa-f]{1,4}"
_IPV6 = "|".join((f"(?:{_H4}:){{7}}{_H4}", f"(?:{_H4}:){{1,7}}:", f"(?:{_H4}:){{1,6}}:{_H4}",
                  *(f"(?:{_H4}:){{1,{n}}}(?::{_H4}){{1,{7 - n}}}" for n in range(5, 0, -1)),
                  f":(?:(?::{_H4}){{1,7}}|:)"))
_OCTET = r"(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])"
_LABEL = r"[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?"
# a DNS name's last label starts with a letter or '_' (an all-digit name is a bad IPv4 address)
_DNS = rf"(?:{_LABEL}\.)*[A-Za-z_](?:[A-Za-z0-9_-]{{0,61}}[A-Za-z0-9_])?\.?"
HOST_PATTERN = rf"^(?:{_IPV6}|{_OCTET}(?:\.{_OCTET}){{3}}|{_DNS})$"
# An address or network as ipaddress.ip_network(strict=False) reads it: 10.0.0.0/8, 2001:db8::/32
CIDR_PATTERN = (rf"^(?:{_OCTET}(?:\.{_OCTET}){{3}}(?:/(?:3[0-2]|[12]?[0-9]))?"
                rf"|(?:{_IPV6})(?:/(?:12[0-8]|1[01][0-9]|[1-9]?[0-9]))?)$")
USERNAME_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$"  # services.users.USERNAME_RE


def Host(**kwargs) -> Str:
    return Str(max_length=255, pattern=HOST_PATTERN,
               pattern_error="invalid host {input!r} (expected an IPv4/IPv6 address or a DNS name)",
               **kwargs)


def Username(**kwargs) -> Str:
    return Str(max_length=64, pattern=USERNAME_PATTERN,
               pattern_error="invalid username {input!r} (letters, digits and . _ @ - only; must start "
                             "with a letter or digit)",
               **kwargs)


def Hostname(**kwargs) -> Str:
    return Str(max_length=253, pattern=HOSTNAME_PATTERN,
               pattern_error="invalid hostname {input!r} (letters, digits, '.', '_' and '-'; must start "
                             "with a letter or digit)",
               **kwargs)


class IdConverter(IntegerConverter):
    """``<id:name>`` in routes: a positive 32-bit integer (larger numbers are simply not found)."""

    def __init__(self, map, *args, **kwargs):
        kwargs.setdefault("min", 1)
        kwargs.setdefault("max", MAX_ID)
        super().__init__(map, *args, **kwargs)


def id_converter_schema(_converter) -> dict:
    return {"type": "integer", "minimum": 1, "maximum": MAX_ID}
