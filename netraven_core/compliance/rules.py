"""Compliance rules as data: the :class:`Rule` model and its YAML form.

A rule selects devices by platform and/or tag and checks one thing in a configuration: a
pattern that must be ``present`` or ``absent``, or the ``value`` a pattern captures, which must
be one of ``allowed``.  With ``parent`` the check applies inside every block whose line matches
the parent pattern (``^interface GigabitEthernet``, ``^line vty``); see ``docs/compliance.md``.

Rule files are read with PyYAML's composer so that every error names the file, the line and the
field (``rules.yaml:12: rules[3].pattern: ...``): a rule set is written by hand and a bad one
must be fixable without guessing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

import yaml

from .prefilter import Prefilter, nested_repeat, prefilter

MATCHES = ("present", "absent", "value")
SEVERITIES = ("critical", "high", "medium", "low", "info")
_KEY_RE = re.compile(r"^[a-z0-9][a-z0-9_.-]{0,99}$")
FIELDS = ("key", "title", "description", "severity", "platforms", "tags", "parent", "match",
          "pattern", "allowed", "required", "remediation", "enabled")


class RuleError(ValueError):
    """A rule that cannot be used, with where it came from (``source:line: field: problem``)."""

    def __init__(self, message: str, *, source: str = "", line: int | None = None, field: str = ""):
        self.source, self.line, self.field, self.problem = source, line, field, message
        where = source + (f":{line}" if line is not None else "")
        prefix = ": ".join(p for p in (where, field) if p)
        super().__init__(f"{prefix}: {message}" if prefix else message)


@dataclass(frozen=True)
class Rule:
    """One compliance rule (validated: build it with :func:`rule_from_mapping` or :func:`load_rules`)."""

    key: str
    title: str
    match: str
    pattern: str
    severity: str = "medium"
    description: str = ""
    platforms: tuple[str, ...] = ()  # empty: every platform
    tags: tuple[str, ...] = ()  # empty: every device; else the device carries at least one
    parent: str | None = None
    allowed: tuple[str, ...] = ()  # for match: value
    required: bool = True  # for match: value, the pattern must match at least once
    remediation: str = ""  # the lines an operator would apply
    enabled: bool = True
    _compiled: tuple[re.Pattern[str], re.Pattern[str] | None, Prefilter | None, Prefilter | None] = field(
        init=False, repr=False, compare=False, hash=False, default=None)  # type: ignore[assignment]

    def __post_init__(self) -> None:
        object.__setattr__(self, "_compiled", (
            re.compile(self.pattern), re.compile(self.parent) if self.parent else None,
            prefilter(self.pattern), prefilter(self.parent) if self.parent else None))

    @property
    def regex(self) -> re.Pattern[str]:
        return self._compiled[0]

    @property
    def parent_regex(self) -> re.Pattern[str] | None:
        return self._compiled[1]

    @property
    def pattern_prefilter(self) -> Prefilter | None:
        return self._compiled[2]

    @property
    def parent_prefilter(self) -> Prefilter | None:
        return self._compiled[3]

    def applies_to(self, platform: str, tags: Iterable[str]) -> bool:
        """Whether a device of ``platform`` carrying ``tags`` is subject to this rule."""
        if not self.enabled:
            return False
        if self.platforms and platform not in self.platforms:
            return False
        return not self.tags or bool(set(self.tags) & set(tags))

    def as_dict(self) -> dict[str, Any]:
        """The YAML/JSON form (defaults left out, so exported files stay short)."""
        data = {k: v for k, v in asdict(self).items() if not k.startswith("_")}
        out: dict[str, Any] = {}
        for name in FIELDS:
            value = data[name]
            if isinstance(value, tuple):
                value = list(value)
            if name in ("key", "title", "match", "pattern", "severity") or value not in ("", [], None):
                out[name] = value
        if self.match != "value" or self.required:
            out.pop("required", None)
        if self.enabled:
            out.pop("enabled", None)
        else:
            out["enabled"] = False
        return out


def _strings(value: Any, name: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) and v for v in value):
        raise RuleError("must be a list of non-empty strings", field=name)
    return tuple(value)


def _regex(value: Any, name: str) -> str:
    if not isinstance(value, str) or not value:
        raise RuleError("must be a non-empty regular expression", field=name)
    try:
        re.compile(value)
    except re.error as exc:
        raise RuleError(f"invalid regular expression ({exc})", field=name) from None
    if nested_repeat(value):
        raise RuleError("repeats a repetition without a separator (like '(a+)+' or '(\\s*\\w+)*'), which "
                        "can take exponential time on a long line; bound it ('{1,10}') or add the "
                        "separator ('(\\S+ )*')", field=name)
    return value


def rule_from_mapping(data: Mapping[str, Any]) -> Rule:
    """A validated :class:`Rule` from a mapping (YAML document item, API body).

    Raises :class:`RuleError` naming the offending field (no source or line: the caller adds them).
    """
    if not isinstance(data, Mapping):
        raise RuleError("a rule must be a mapping of fields")
    unknown = sorted(set(data) - set(FIELDS))
    if unknown:
        raise RuleError(f"unknown field(s) {', '.join(map(str, unknown))}; known: {', '.join(FIELDS)}",
                        field=str(unknown[0]))
    for name in ("key", "title", "match", "pattern"):
        if data.get(name) in (None, ""):
            raise RuleError("is required", field=name)
    key = data["key"]
    if not isinstance(key, str) or not _KEY_RE.match(key):
        raise RuleError("must be 1-100 characters of a-z, 0-9, '.', '_' or '-', "
                        "starting with a letter or digit",
                        field="key")
    for name in ("title", "description", "remediation"):
        if name in data and data[name] is not None and not isinstance(data[name], str):
            raise RuleError("must be text", field=name)
    match = data["match"]
    if match not in MATCHES:
        raise RuleError(f"must be one of {', '.join(MATCHES)} (got {match!r})", field="match")
    severity = data.get("severity", "medium")
    if severity not in SEVERITIES:
        raise RuleError(f"must be one of {', '.join(SEVERITIES)} (got {severity!r})", field="severity")
    pattern = _regex(data["pattern"], "pattern")
    parent = _regex(data["parent"], "parent") if data.get("parent") not in (None, "") else None
    allowed = _strings(data.get("allowed") or [], "allowed")
    if match == "value":
        if not allowed:
            raise RuleError("a 'value' rule needs the list of allowed values", field="allowed")
        groups = re.compile(pattern)
        if "value" not in groups.groupindex and groups.groups != 1:
            raise RuleError("a 'value' rule's pattern needs one capture group or a group named 'value'",
                            field="pattern")
    elif allowed:
        raise RuleError(f"only 'value' rules take allowed values (match is {match!r})", field="allowed")
    for name in ("required", "enabled"):
        if name in data and not isinstance(data[name], bool):
            raise RuleError("must be true or false", field=name)
    return Rule(key=key, title=data["title"].strip(), match=match, pattern=pattern, severity=severity,
                description=(data.get("description") or "").strip(),
                platforms=_strings(data.get("platforms") or [], "platforms"),
                tags=_strings(data.get("tags") or [], "tags"), parent=parent, allowed=allowed,
                required=data.get("required", True), remediation=(data.get("remediation") or "").rstrip(),
                enabled=data.get("enabled", True))


# --------------------------------------------------------------------------- YAML


def _plain(node: yaml.Node) -> Any:
    """A composed YAML node as plain data (safe: only scalars, lists and mappings)."""
    loader = yaml.SafeLoader("")
    try:
        return loader.construct_document(node)
    finally:
        loader.dispose()


def _field_lines(node: yaml.MappingNode) -> dict[str, int]:
    return {k.value: v.start_mark.line + 1 for k, v in node.value if isinstance(k, yaml.ScalarNode)}


def load_rules(text: str, source: str = "<rules>") -> list[Rule]:
    """The rules of a YAML document: a list of rules, or a mapping with a ``rules`` list.

    Raises :class:`RuleError` with ``source``, line and field for the first problem found
    (syntax, unknown or missing field, bad regex, duplicate key).
    """
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        raise RuleError(f"not valid YAML: {problem}", source=source,
                        line=mark.line + 1 if mark else None) from None
    if root is None:
        return []
    items = root
    if isinstance(root, yaml.MappingNode):
        top = {k.value: v for k, v in root.value if isinstance(k, yaml.ScalarNode)}
        extra = sorted(set(top) - {"rules"})
        if extra:
            raise RuleError(f"unknown top-level field(s) {', '.join(extra)}; expected 'rules'", source=source,
                            line=top[extra[0]].start_mark.line + 1, field=extra[0])
        items = top.get("rules")
        if items is None:
            return []
    if not isinstance(items, yaml.SequenceNode):
        raise RuleError("expected a list of rules (or a mapping with a 'rules' list)", source=source,
                        line=items.start_mark.line + 1, field="rules")
    rules: list[Rule] = []
    seen: dict[str, int] = {}
    for index, item in enumerate(items.value):
        line = item.start_mark.line + 1
        label = f"rules[{index}]"
        if not isinstance(item, yaml.MappingNode):
            raise RuleError("a rule must be a mapping of fields", source=source, line=line, field=label)
        lines = _field_lines(item)
        try:
            rule = rule_from_mapping(_plain(item))
        except RuleError as exc:
            raise RuleError(exc.problem, source=source, line=lines.get(exc.field, line),
                            field=f"{label}.{exc.field}" if exc.field else label) from None
        except yaml.YAMLError as exc:
            raise RuleError(f"cannot read the rule: {exc}", source=source, line=line, field=label) from None
        if rule.key in seen:
            raise RuleError(f"duplicate key {rule.key!r} (first on line {seen[rule.key]})", source=source,
                            line=lines.get("key", line), field=f"{label}.key")
        seen[rule.key] = lines.get("key", line)
        rules.append(rule)
    return rules


class _RulesDumper(yaml.SafeDumper):
    """Multi-line text (remediation, description) as a ``|`` block, as people write it."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value and not any(ln != ln.rstrip() for ln in value.splitlines()) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_RulesDumper.add_representer(str, _text)


def dump_rules(rules: Iterable[Rule]) -> str:
    """The YAML document of ``rules`` (readable back with :func:`load_rules`)."""
    return yaml.dump({"rules": [r.as_dict() for r in rules]}, Dumper=_RulesDumper, sort_keys=False,
                     allow_unicode=True, width=100)
