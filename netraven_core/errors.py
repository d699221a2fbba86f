"""Exceptions and the error taxonomy shared by the engine, drivers and the server.

Every failure of a device backup is classified into an :class:`ErrorCategory` so operators can
tell a wrong password from a dead link at a glance, and so the engine knows whether a retry can
help.  Messages carried by these exceptions must never contain secret values.
"""

from __future__ import annotations

from enum import StrEnum


class ErrorCategory(StrEnum):
    """Why a device backup failed."""

    AUTH = "auth"  # the credential was refused
    ENABLE = "enable"  # privileged mode could not be reached (wrong enable secret)
    TIMEOUT = "timeout"  # the device stopped answering, or the time limit was hit
    REFUSED = "refused"  # TCP connection refused
    UNREACHABLE = "unreachable"  # DNS failure, no route, host down
    HOST_KEY = "host_key"  # the SSH host key differs from the remembered one (or strict mode, unknown)
    PROMPT = "prompt"  # connected, but the expected prompt never appeared
    COMMAND = "command"  # the device rejected a backup command
    DISCONNECTED = "disconnected"  # the session closed before the output was complete
    TRUNCATED = "truncated"  # output came back but failed the platform's completeness check
    STORAGE = "storage"  # the configuration store could not be written (full, read-only, locked)
    # the device's address is outside the scopes of every applicable credential: nothing was sent
    OUT_OF_SCOPE = "out_of_scope"
    UNEXPECTED = "unexpected"  # anything else (a bug, an unknown exception)

    @property
    def retryable(self) -> bool:
        """Whether trying again later can plausibly succeed."""
        return self in _RETRYABLE


_RETRYABLE = frozenset(
    {
        ErrorCategory.TIMEOUT,
        ErrorCategory.REFUSED,
        ErrorCategory.UNREACHABLE,
        ErrorCategory.DISCONNECTED,
        ErrorCategory.TRUNCATED,
        ErrorCategory.PROMPT,
        ErrorCategory.UNEXPECTED,
    }
)


class NetRavenError(Exception):
    """Base class of every error NetRaven raises on purpose."""


class InventoryError(NetRavenError):
    """An inventory could not be loaded.  Says which file, line and field."""

    def __init__(self, message: str, *, source: str | None = None, line: int | None = None,
                 field: str | None = None):
        self.message = message
        self.source = source
        self.line = line
        self.field = field
        super().__init__(str(self))

    def __str__(self) -> str:
        where = ""
        if self.source:
            where = self.source
            if self.line is not None:
                where += f":{self.line}"
            where += ": "
        field = f"{self.field}: " if self.field else ""
        return f"{where}{field}{self.message}"


class PluginError(NetRavenError):
    """A plugin is missing, misbehaves, or two plugins conflict."""


class StorageError(NetRavenError):
    """The storage backend could not read or write."""


class FetchError(NetRavenError):
    """A device's configuration could not be fetched.

    :param category: the classified reason.
    :param message: a human explanation, free of secrets.
    """

    def __init__(self, category: ErrorCategory, message: str):
        self.category = ErrorCategory(category)
        self.message = message
        super().__init__(f"{self.category.value}: {message}")
