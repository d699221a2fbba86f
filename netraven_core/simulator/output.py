"""Output modifiers after `` | `` in a backup command (include, exclude, begin, grep, no-more,
Junos ``display set``)."""

from __future__ import annotations

import re

_INCLUDE = {"include", "inc", "i", "grep", "match", "section"}
_EXCLUDE = {"exclude", "exc", "e", "except"}
_BEGIN = {"begin", "b"}
_NOOP = {"no-more", "display omit"}


def apply_pipe(text: str, pipe: str) -> str | None:
    """Apply ``a | b | c`` modifiers to ``text``; ``None`` when a modifier is unknown."""
    for part in (p.strip() for p in re.split(r"\s\|\s", f" {pipe} ")):
        if not part or part in _NOOP:
            continue
        if part == "display set":
            text = display_set(text)
            continue
        verb, _, arg = part.partition(" ")
        negate = False
        if verb == "grep" and arg.startswith("-v "):
            negate, arg = True, arg[3:]
        arg = arg.strip().strip("'\"")
        try:
            rx = re.compile(arg)
        except re.error:
            return None
        lines = text.split("\n")
        if verb in _INCLUDE and not negate:
            lines = [ln for ln in lines if rx.search(ln)]
        elif verb in _EXCLUDE or negate:
            lines = [ln for ln in lines if not rx.search(ln)]
        elif verb in _BEGIN:
            start = next((i for i, ln in enumerate(lines) if rx.search(ln)), len(lines))
            lines = lines[start:]
        else:
            return None
        text = "\n".join(lines)
        if text and not text.endswith("\n"):
            text += "\n"
    return text


def display_set(text: str) -> str:
    """Junos hierarchical configuration as ``set`` commands (``show configuration | display set``)."""
    out: list[str] = []
    path: list[str] = []
    for raw in text.splitlines():
        line = raw.split(" ## ", 1)[0].strip()  # drop "## SECRET-DATA" style annotations
        if not line or line.startswith(("#", "/*")):
            continue
        if line.endswith("{"):
            path.append(line[:-1].strip())
        elif line == "}":
            if path:
                path.pop()
        elif line.endswith(";"):
            statement = line[:-1].strip()
            if statement.startswith("version "):
                out.append(f"set {statement}")
                continue
            if "[" in statement and statement.endswith("]"):
                head, _, items = statement.partition("[")
                for item in items[:-1].split():
                    out.append("set " + " ".join([*path, head.strip(), item]))
            else:
                out.append("set " + " ".join([*path, statement]))
    return "\n".join(out) + "\n"
