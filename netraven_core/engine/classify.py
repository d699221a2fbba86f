"""Map any exception raised while talking to a device to an :class:`ErrorCategory`.

Drivers raise :class:`FetchError` for what they recognise themselves; :func:`classify` handles
whatever escapes (asyncssh, paramiko, netmiko, scrapli, socket errors).  Exception types are
recognised by class *name* along the MRO, so classifying never imports an SSH library (importing
netmiko alone costs half a second) and works for every version that keeps its class names.
"""

from __future__ import annotations

import errno
from collections.abc import Iterable
from typing import TypeVar

from ..configtext.redact import scrub_secrets
from ..errors import ErrorCategory, FetchError

E = TypeVar("E", bound=BaseException)

C = ErrorCategory

# Class names (anywhere in the MRO) that decide the category on their own.
_BY_TYPE: dict[str, ErrorCategory] = {
    # host keys
    "HostKeyNotVerifiable": C.HOST_KEY,  # asyncssh
    "BadHostKeyException": C.HOST_KEY,  # paramiko
    # authentication
    "PermissionDenied": C.AUTH,  # asyncssh
    "IllegalUserName": C.AUTH,
    "PasswordChangeRequired": C.AUTH,
    "KeyImportError": C.AUTH,  # a private key that cannot be read or decrypted
    "KeyEncryptionError": C.AUTH,
    "PasswordRequiredException": C.AUTH,  # paramiko: encrypted key without passphrase
    "AuthenticationException": C.AUTH,  # paramiko, and netmiko's NetmikoAuthenticationException
    "ScrapliAuthenticationFailed": C.AUTH,
    # privilege
    "ScrapliPrivilegeError": C.ENABLE,
    # commands
    "ScrapliCommandFailure": C.COMMAND,
    "ConfigInvalidException": C.COMMAND,
    # time
    "ReadTimeout": C.TIMEOUT,  # netmiko
    "NetmikoTimeoutException": C.TIMEOUT,
    "ScrapliTimeout": C.TIMEOUT,
    "TimeoutError": C.TIMEOUT,  # builtin; socket.timeout and asyncio.TimeoutError are aliases
    # connection setup
    "ConnectionRefusedError": C.REFUSED,
    "gaierror": C.UNREACHABLE,
    "herror": C.UNREACHABLE,
    # connection lost
    "ConnectionLost": C.DISCONNECTED,  # asyncssh
    "ConnectionResetError": C.DISCONNECTED,
    "ConnectionAbortedError": C.DISCONNECTED,
    "BrokenPipeError": C.DISCONNECTED,
    "EOFError": C.DISCONNECTED,
    "IncompleteReadError": C.DISCONNECTED,
    "ScrapliConnectionNotOpened": C.DISCONNECTED,
    "ChannelOpenError": C.DISCONNECTED,
    # asyncssh: no common algorithm / protocol version is a configuration problem, not a drop
    "KeyExchangeFailed": C.UNEXPECTED,
    "ProtocolNotSupported": C.UNEXPECTED,
    "DisconnectError": C.DISCONNECTED,  # any other asyncssh disconnect
}

# Types whose meaning depends on the message (libraries reuse them for several failures).
_VAGUE = {"ScrapliAuthenticationFailed", "ScrapliConnectionError", "ScrapliException", "SSHException",
          "ScrapliConnectionNotOpened", "ReadException",
          "ValueError", "NetmikoTimeoutException", "ReadTimeout", "ConnectionException",
          "DisconnectError", "Exception", "RuntimeError", "OSError", "NoValidConnectionsError"}

# (substring of the lowercased message, category); first match wins, so order matters.
_BY_MESSAGE: tuple[tuple[str, ErrorCategory], ...] = (
    ("host key", C.HOST_KEY),
    ("known_hosts", C.HOST_KEY),
    ("hostkey", C.HOST_KEY),
    ("escalat", C.ENABLE),
    ("enable mode", C.ENABLE),
    ("enable secret", C.ENABLE),
    ("privilege", C.ENABLE),
    ("authentication fail", C.AUTH),
    ("auth fail", C.AUTH),
    ("permission denied", C.AUTH),
    ("authentication methods failed", C.AUTH),
    ("connection refused", C.REFUSED),
    ("no route to host", C.UNREACHABLE),
    ("network is unreachable", C.UNREACHABLE),
    ("could not resolve", C.UNREACHABLE),
    ("name or service not known", C.UNREACHABLE),
    ("nodename nor servname", C.UNREACHABLE),
    ("unable to find prompt", C.PROMPT),
    ("prompt not found", C.PROMPT),
    ("error reading ssh protocol banner", C.TIMEOUT),
    ("timed out", C.TIMEOUT),
    ("timed-out", C.TIMEOUT),
    ("timeout", C.TIMEOUT),
    ("pattern not detected", C.TIMEOUT),
    ("connection reset", C.DISCONNECTED),
    ("socket is closed", C.DISCONNECTED),
    ("connection closed", C.DISCONNECTED),
    ("connection lost", C.DISCONNECTED),
    ("eof", C.DISCONNECTED),
)

_ERRNO: dict[int, ErrorCategory] = {
    errno.ECONNREFUSED: C.REFUSED,
    errno.EHOSTUNREACH: C.UNREACHABLE,
    errno.ENETUNREACH: C.UNREACHABLE,
    errno.EHOSTDOWN: C.UNREACHABLE,
    errno.ENETDOWN: C.UNREACHABLE,
    errno.EADDRNOTAVAIL: C.UNREACHABLE,
    errno.ETIMEDOUT: C.TIMEOUT,
    errno.ECONNRESET: C.DISCONNECTED,
    errno.EPIPE: C.DISCONNECTED,
    errno.ECONNABORTED: C.DISCONNECTED,
}

# Categories precise enough that one found deeper in the cause chain beats a vaguer outer one
# (netmiko wraps ConnectionRefusedError in NetmikoTimeoutException, for example).
_PRECISE = {C.REFUSED, C.UNREACHABLE, C.HOST_KEY, C.AUTH, C.ENABLE}

_MAX_MESSAGE = 300


def classify(exc: BaseException, *, secrets: Iterable[str] = ()) -> tuple[ErrorCategory, str]:
    """Return ``(category, message)`` for ``exc``; the message never contains ``secrets``."""
    secrets = tuple(s for s in secrets if s)
    category = _classify_one(exc)
    if category not in _PRECISE:
        for inner in _chain(exc):
            inner_category = _classify_one(inner, follow_chain=False)
            if inner_category in _PRECISE:
                category, exc = inner_category, inner
                break
    message = exc.message if isinstance(exc, FetchError) else describe(exc)
    return category, scrub_secrets(message, secrets)


def describe(exc: BaseException) -> str:
    """A one-line ``Type: message`` for an exception, shortened (libraries' texts ramble)."""
    text = " ".join(str(exc).split())
    if not text and getattr(exc, "reason", None):
        text = str(exc.reason)  # type: ignore[attr-defined]
    name = type(exc).__name__
    line = f"{name}: {text}" if text else name
    return line if len(line) <= _MAX_MESSAGE else line[: _MAX_MESSAGE - 3] + "..."


def _classify_one(exc: BaseException, follow_chain: bool = True) -> ErrorCategory:
    if isinstance(exc, FetchError):
        return exc.category
    names = [cls.__name__ for cls in type(exc).__mro__]
    if names[0] == "NoValidConnectionsError":  # paramiko: one OSError per address tried
        codes = {getattr(e, "errno", None) for e in getattr(exc, "errors", {}).values()}
        if codes == {errno.ECONNREFUSED}:
            return C.REFUSED
        return C.UNREACHABLE
    vague = names[0] in _VAGUE
    if vague:
        by_message = _by_message(exc)
        if by_message is not None:
            return by_message
        # A wrapper ("connection not opened", "SSHException occurred") says less than its cause.
        for inner in _chain(exc) if follow_chain else ():
            inner_category = _classify_one(inner, follow_chain=False)
            if inner_category is not C.UNEXPECTED:
                return inner_category
    if isinstance(exc, OSError) and exc.errno in _ERRNO:
        return _ERRNO[exc.errno]
    for name in names:
        if name in _BY_TYPE:
            return _BY_TYPE[name]
    if not vague:
        by_message = _by_message(exc)
        if by_message is not None:
            return by_message
    return C.UNEXPECTED


def _by_message(exc: BaseException) -> ErrorCategory | None:
    text = str(exc).lower()
    if not text:
        return None
    for needle, category in _BY_MESSAGE:
        if needle in text:
            return category
    return None


def find_in_chain(exc: BaseException, kind: type[E]) -> E | None:
    """``exc`` itself or the first of its causes/contexts that is a ``kind`` (bounded, cycle-safe).

    Drivers use it to find their own host-key refusal wrapped inside a library's exception.
    """
    for candidate in (exc, *_chain(exc)):
        if isinstance(candidate, kind):
            return candidate
    return None


def _chain(exc: BaseException) -> list[BaseException]:
    """The causes and contexts below ``exc`` (bounded, cycle-safe)."""
    seen = {id(exc)}
    out: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and len(out) < 8:
        current = current.__cause__ or current.__context__
        if current is None or id(current) in seen:
            break
        seen.add(id(current))
        out.append(current)
    return out
