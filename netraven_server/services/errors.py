"""Service-layer errors, each with the HTTP status it maps to and optional per-field details."""

from __future__ import annotations

from netraven_core.errors import NetRavenError


class ServiceError(NetRavenError):
    """``errors`` maps field names to messages; ``location`` says where those fields were
    (``json`` body or ``query`` string), as in the API's validation errors."""

    status = 400

    def __init__(self, message: str, errors: dict[str, list[str]] | None = None, location: str = "json"):
        self.message = message
        self.errors = errors or {}
        self.location = location
        super().__init__(message)


class Invalid(ServiceError):
    """The input is well-formed but breaks a rule (unknown platform, bad cron...)."""

    status = 422

    def __init__(self, errors: dict[str, list[str] | str], message: str | None = None,
                 location: str = "json"):
        norm = {k: [v] if isinstance(v, str) else list(v) for k, v in errors.items()}
        if message is None:
            message = "; ".join(f"{k}: {' '.join(v)}" for k, v in norm.items())
        super().__init__(message, norm, location)


class NotFound(ServiceError):
    status = 404


class Conflict(ServiceError):
    status = 409


class Forbidden(ServiceError):
    status = 403


class AuthFailed(ServiceError):
    status = 401


class Throttled(ServiceError):
    status = 429

    def __init__(self, message: str, retry_after: int):
        self.retry_after = retry_after
        super().__init__(message)


class Unavailable(ServiceError):
    """A backing store (configuration storage) cannot serve the request right now."""

    status = 503
