"""Helpers the built-in drivers share: host-key policy, driver options and output clean-up.

Everything here is plain text and data (no SSH library), so each driver keeps only the code
that is specific to its library.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from netraven_core.errors import ErrorCategory, FetchError
from netraven_core.hostkeys import key_identity  # also used by the drivers as _common.key_identity
from netraven_core.models import ConnectionTarget, HostKeyMode, Platform, Section

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
    from netraven_core.redact import scrub_secrets

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
    text = tidy_output(output)
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


def collect_sections(platform: Platform, send: Callable[[str], tuple[str, bool]]) -> Outputs:
    """Run every section command of ``platform`` with ``send(command) -> (output, rejected)`` (a
    blocking driver's send) and keep what :func:`section_result` keeps."""
    errors = compile_error_patterns(platform)
    kept = (section_result(platform, section, *send(section.command), compiled=errors)
            for section in platform.sections)
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


def tidy_output(text: str) -> str:
    """Final form of one command's output: no blank lines around it, one final newline."""
    text = text.lstrip("\n").rstrip()
    return text + "\n" if text else ""
