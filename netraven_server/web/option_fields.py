"""Form inputs for declared options (``describe_schema`` descriptions): what a plugin notifier's
and an inventory source's options are read from.  The inputs themselves are rendered by the
``option_field`` macro (macros.html); this reads them back, typed, and names the bad input.

Lists are one item per line (or comma-separated); mappings are ``key = value`` lines, where a
value with commas is a list unless the mapping's values are declared strings (NetBox filters
take a value or a list of values)."""

from __future__ import annotations

from typing import Any

from flask import request

Errors = dict[str, list[str]]


def _scalar(kind: str | None, text: str) -> Any:
    if kind == "integer":
        return int(text)
    if kind == "number":
        return float(text)
    return text


def _mapping(opt: dict[str, Any], text: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        sep = "=" if "=" in line else ":"
        key, found, value = line.partition(sep)
        if not found or not key.strip():
            raise ValueError(f"line {number}: expected key = value")
        value = value.strip()
        if opt.get("values") is None and "," in value:
            out[key.strip()] = [v.strip() for v in value.split(",") if v.strip()]
        else:
            out[key.strip()] = _scalar(opt.get("values"), value)
    return out


def read_option(opt: dict[str, Any], name: str) -> tuple[bool, Any]:
    """``(given, value)`` of one option's input; ``ValueError`` says what is wrong with it."""
    if opt["type"] == "boolean":
        return True, request.form.get(name) == "on"
    text = (request.form.get(name) or "").strip()
    if not text:
        return False, None
    try:
        if opt["type"] == "array":
            items = [i.strip() for i in text.replace(",", "\n").splitlines() if i.strip()]
            return True, [_scalar(opt.get("items"), i) for i in items]
        if opt["type"] == "object":
            return True, _mapping(opt, text)
        return True, _scalar(opt["type"], text)
    except ValueError as exc:
        if str(exc).startswith("line "):
            raise
        if opt["type"] in ("array", "object"):
            kind = opt.get("items") if opt["type"] == "array" else opt.get("values")
            raise ValueError(f"the values must be {'whole ' if kind == 'integer' else ''}numbers") from None
        raise ValueError(f"must be a {'whole ' if opt['type'] == 'integer' else ''}number") from None


def read_options(described: list[dict[str, Any]], prefix: str, errors: Errors, *,
                 secrets: bool = True) -> dict[str, Any]:
    """The options given in the inputs ``<prefix><name>``; a blank input is left out (a secret
    then keeps its stored value).  A bad input is reported under its name and kept as typed, so
    the form shows it again.  ``secrets=False`` ignores secret inputs (they cannot be stored)."""
    options: dict[str, Any] = {}
    for opt in described:
        if opt["secret"] and not secrets:
            continue
        name = f"{prefix}{opt['name']}"
        try:
            given, value = read_option(opt, name)
        except ValueError as exc:
            errors.setdefault(name, []).append(str(exc))
            given, value = True, (request.form.get(name) or "").strip()
        if given:
            options[opt["name"]] = value
    return options
