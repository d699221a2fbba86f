"""The driver toolkit: what every driver needs besides its transport library (public API).

A driver plugin (see ``docs/drivers.md``, "Writing a driver") turns a
:class:`~netraven_core.models.ConnectionTarget` into a
:class:`~netraven_core.models.FetchOutput`.  The parts that do not depend on the library it
uses are here, as plain functions over text and data, so that a plugin behaves like the
built-in drivers without copying them:

- options: :func:`driver_options` (the platform's options for a driver overlaid with the
  device's), :func:`require_platform_support`;
- host keys: :func:`host_key_decision` (apply the target's host-key mode to the key the server
  offered, before any credential is sent), :func:`key_identity`;
- output: :func:`clean_terminal_text` (ANSI sequences, backspaces, ``\\r\\r\\n``, overwritten
  lines), :func:`strip_echo`, :func:`strip_pager_prompts`, :func:`drop_status_lines`,
  :func:`tidy_output`, or all of them at once: :func:`command_text`;
- verdicts: :func:`check_command_error` (``COMMAND``), :func:`check_complete` (``TRUNCATED``),
  :func:`prompt_not_recognised` (``PROMPT``), :func:`scrubbed` (no secret in a message).

Names without a leading underscore are stable; nothing here imports an SSH library.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from functools import lru_cache
from typing import Any

from .engine.hostkeys import key_identity
from .errors import ErrorCategory, FetchError
from .models import ConnectionTarget, HostKeyMode, Platform, Section

# Terminal control sequences some devices emit (colours, cursor moves, bracketed paste).
_ANSI = re.compile(r"\x1b(?:\[[0-9;?]*[ -/]*[@-~]|\][^\x07]*\x07|[()][A-Z0-9]|[=>])")
_BACKSPACE = re.compile(r"[^\x08\n]\x08")
# How many leading lines of a command's output may carry the device's rejection message; a
# rejection is always printed right after the echo, and looking further would flag configs
# whose banner text happens to look like an error.
ERROR_SCAN_LINES = 5
# (command or section name, output) pairs, as FetchOutput holds them.
Outputs = tuple[tuple[str, str], ...]


def driver_options(target: ConnectionTarget, driver_name: str) -> dict[str, Any]:
    """The platform's options for ``driver_name`` overlaid with the target's own options."""
    opts: dict[str, Any] = dict(target.platform.drivers.get(driver_name, {}) or {})
    opts.update(target.driver_options or {})
    return opts


def require_platform_support(target: ConnectionTarget, driver_name: str) -> Mapping[str, Any]:
    """The platform's mapping for ``driver_name``; a FetchError when the driver cannot serve it."""
    mapping = target.platform.drivers.get(driver_name)
    if mapping is None:
        raise FetchError(
            ErrorCategory.UNEXPECTED,
            f"driver {driver_name!r} does not support platform {target.platform.name!r}",
        )
    return mapping


def scrubbed(error: FetchError, target: ConnectionTarget) -> FetchError:
    """``error`` with every secret of the target's credential removed from its message.

    Driver messages quote device output (an error line, the last line seen); a device that echoes
    what it was sent could otherwise put a secret there.
    """
    secrets = target.credential.secret_values()
    if not secrets or not any(s in error.message for s in secrets):
        return error
    from netraven_core.configtext.redact import scrub_secrets

    return FetchError(error.category, scrub_secrets(error.message, secrets))


# --------------------------------------------------------------------------- host keys


def host_key_decision(target: ConnectionTarget, seen: str) -> None:
    """Apply the target's host-key mode to the key the server presented.

    Called before any credential is sent.  Raises ``FetchError(HOST_KEY)`` to refuse.
    """
    mode = HostKeyMode(target.host_key_mode)
    if mode is HostKeyMode.OFF:
        return
    known = key_identity(target.known_host_key)
    if known is None:
        if mode is HostKeyMode.STRICT:
            raise FetchError(
                ErrorCategory.HOST_KEY,
                f"no known host key for {target.device.hostname} and host key mode is strict "
                f"(server offered {seen.split()[0]})",
            )
        return  # trust on first use
    if key_identity(seen) != known:
        raise FetchError(
            ErrorCategory.HOST_KEY,
            f"host key of {target.device.hostname} changed: expected {known.split()[0]} "
            f"{_fingerprint_hint(known)}, got {seen.split()[0]} {_fingerprint_hint(seen)}",
        )


def _fingerprint_hint(line: str) -> str:
    """A short, recognisable tail of the key (public data, safe to show)."""
    parts = line.split()
    return f"...{parts[1][-12:]}" if len(parts) > 1 else ""


# --------------------------------------------------------------------------- output


def clean_terminal_text(text: str) -> str:
    """Turn what a pseudo-terminal sent into plain lines (``\\n``), as a terminal would show them.

    Each check is guarded by a cheap ``in`` test so the common case (plain ``\\r\\n`` text)
    costs two C-level passes.
    """
    if "\x1b" in text:
        text = _ANSI.sub("", text)
    if "\x08" in text:
        previous = None
        while previous != text:
            previous, text = text, _BACKSPACE.sub("", text)
        text = text.replace("\x08", "")
    text = text.replace("\r\n", "\n")
    if "\r" in text:
        # A bare carriage return overwrites the line (e.g. erasing a --More-- prompt): keep what
        # was written last, as the operator would see it.
        lines = []
        for line in text.split("\n"):
            line = line.rstrip("\r")
            if "\r" in line:
                line = line.rsplit("\r", 1)[1]
            lines.append(line)
        text = "\n".join(lines)
    return text


def strip_echo(text: str, command: str) -> str:
    """Drop the echoed command line from the start of ``text`` (already cleaned)."""
    first_nl = text.find("\n")
    first = text if first_nl < 0 else text[:first_nl]
    if first.strip().endswith(command.strip()):
        return "" if first_nl < 0 else text[first_nl + 1 :]
    return text


def check_command_error(platform: Platform, command: str, output: str,
                        compiled: list[re.Pattern[str]] | None = None) -> None:
    """Raise ``FetchError(COMMAND)`` when the device rejected ``command``."""
    patterns = compiled if compiled is not None else compile_error_patterns(platform)
    if not patterns:
        return
    head = "\n".join(output.split("\n", ERROR_SCAN_LINES)[:ERROR_SCAN_LINES])
    for pattern in patterns:
        match = pattern.search(head)
        if match:
            line = head[match.start():].split("\n", 1)[0].strip()
            raise FetchError(ErrorCategory.COMMAND, f"device rejected {command!r}: {line[:200]}")


def compile_error_patterns(platform: Platform) -> list[re.Pattern[str]]:
    return [re.compile(p, re.MULTILINE) for p in platform.error_patterns]


def section_result(platform: Platform, section: Section, output: str, rejected: bool = False,
                   compiled: list[re.Pattern[str]] | None = None) -> tuple[str, str] | None:
    """``(section name, tidied output)`` to keep, or ``None`` for an optional section the device
    rejected (an older release or a model without the command: the backup goes on without it).

    A rejection is the platform's error reply, or ``rejected`` when the driver's library says so;
    a non-optional section the device rejects fails the fetch as ``COMMAND``.
    """
    # Status lines (a cluster role above the prompt) are state, not hardware: never stored.
    text = tidy_output(drop_status_lines(platform, output))
    try:
        check_command_error(platform, section.command, text, compiled)
        if rejected:
            first = text.strip().split("\n", 1)[0][:200]
            raise FetchError(ErrorCategory.COMMAND, f"device rejected {section.command!r}: {first}")
    except FetchError:
        if section.optional:
            return None
        raise
    return section.name, text


def section_scope_commands(platform: Platform, outputs: Outputs) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The commands to send before and after the sections: the platform's
    :class:`~netraven_core.models.SectionScope` when the backup outputs show its mode, else none."""
    scope = platform.section_scope
    if scope is None or not platform.sections:
        return (), ()
    detect = re.compile(scope.detect_pattern, re.MULTILINE)
    if not any(detect.search(text) for _command, text in outputs):
        return (), ()
    return scope.enter_commands, scope.leave_commands


def collect_sections(platform: Platform, send: Callable[[str], tuple[str, bool]],
                     outputs: Outputs = (), send_scope: Callable[[str], object] | None = None) -> Outputs:
    """Run every section command of ``platform`` with ``send(command) -> (output, rejected)`` (a
    blocking driver's send) and keep what :func:`section_result` keeps; inside the platform's
    section scope when the backup ``outputs`` show the device needs it, entered and left with
    ``send_scope`` (a send that expects the prompt to change; default ``send``)."""
    errors = compile_error_patterns(platform)
    enter, leave = section_scope_commands(platform, outputs)
    send_scope = send_scope or send
    for command in enter:
        send_scope(command)
    kept = tuple(section_result(platform, section, *send(section.command), compiled=errors)
                 for section in platform.sections)
    for command in leave:
        send_scope(command)
    return tuple(k for k in kept if k is not None)


def check_complete(platform: Platform, text: str) -> None:
    """Raise ``FetchError(TRUNCATED)`` when the platform's completeness check fails."""
    if not platform.completeness_pattern:
        return
    pattern = re.compile(platform.completeness_pattern, re.MULTILINE)
    # The marker is nearly always at the end (``end``, ``</config>``), so try the tail first.
    if pattern.search(text[-4096:]) or pattern.search(text):
        return
    raise FetchError(
        ErrorCategory.TRUNCATED,
        f"output ({len(text)} characters) does not match the completeness check of "
        f"{platform.name} ({platform.completeness_pattern!r})",
    )


def command_text(platform: Platform, command: str, text: str,
                 errors: list[re.Pattern[str]] | None = None) -> str:
    """One command's output as stored: terminal text cleaned, pager prompts and status lines
    dropped, blank lines around it trimmed; ``FetchError(COMMAND)`` when the device rejected it.

    ``text`` is what the device sent after the echo and before the prompt.
    """
    text = strip_pager_prompts(platform, clean_terminal_text(text))
    text = tidy_output(drop_status_lines(platform, text))
    check_command_error(platform, command, text, errors)
    return text


def tidy_output(text: str) -> str:
    """Final form of one command's output: no blank lines around it, one final newline."""
    text = text.lstrip("\n").rstrip()
    return text + "\n" if text else ""


def drop_status_lines(platform: Platform, text: str) -> str:
    """``text`` without the platform's status lines next to the prompt (cleaned text).

    Devices in a cluster or stack print their role on the line above every prompt (Junos
    ``{primary:node0}``, ``{master:0}``); it describes state, not configuration, and flips on a
    fail-over, so it is never stored.  Only lines at the very start or end of a command's output
    are examined: a configuration line in the middle that happens to look alike is kept.
    """
    patterns = status_line_regexes(platform)
    if not patterns:
        return text
    lines = text.split("\n")
    start, end = 0, len(lines)
    while end > start and (not lines[end - 1].strip() or _is_status(lines[end - 1], patterns)):
        end -= 1
    while start < end and _is_status(lines[start], patterns):
        start += 1
    if (start, end) == (0, len(lines)):
        return text
    return "\n".join(lines[start:end]) + ("\n" if end > start else "")


def status_line_regexes(platform: Platform) -> tuple[re.Pattern[str], ...]:
    return tuple(_compiled(p) for p in platform.status_line_patterns)


def _is_status(line: str, patterns: tuple[re.Pattern[str], ...]) -> bool:
    stripped = line.strip()
    return bool(stripped) and any(p.fullmatch(stripped) for p in patterns)


def strip_pager_prompts(platform: Platform, text: str) -> str:
    """``text`` (cleaned) without the pager prompts the device printed and did not erase.

    A pager prompt may arrive at the start of a line or right after the last character of a
    page (mid-line); the text around it is kept, a line that held only the prompt is dropped.
    """
    if not platform.paging_prompt:
        return text
    pager = _compiled(platform.paging_prompt)
    if not pager.search(text):
        return text
    out = []
    for line in text.split("\n"):
        match = pager.search(line)
        if match is None:
            out.append(line)
            continue
        rest = (line[: match.start()] + line[match.end():]).rstrip()
        if rest.strip():
            out.append(rest)
    return "\n".join(out)


def prompt_not_recognised(last_line: str, seconds: float) -> FetchError:
    """The ``PROMPT`` error: the device answered but no line ever matched ``prompt_pattern``.

    The message quotes the last line received (callers scrub it with :func:`scrubbed`) so that an
    operator can fix the platform's ``prompt_pattern`` or the device.
    """
    tail = clean_terminal_text(last_line).strip()[-120:]
    return FetchError(ErrorCategory.PROMPT, f"no prompt recognised within {seconds:g}s: the last "
                      f"line received was {tail!r}, which the platform's prompt_pattern does not "
                      "match")


@lru_cache(maxsize=512)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.MULTILINE)
