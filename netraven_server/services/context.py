"""Who is acting: recorded in the audit trail and used for ownership checks."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Actor:
    user_id: int | None
    username: str
    role: str
    remote_addr: str | None = None

    @classmethod
    def of(cls, user, remote_addr: str | None = None) -> Actor:
        return cls(user.id, user.username, user.role, remote_addr)


SYSTEM = Actor(None, "system", "admin")
