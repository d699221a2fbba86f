"""Git remotes the configuration repository is pushed to, with their push state."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..base import Base, TimestampMixin


class GitRemote(TimestampMixin, Base):
    """One remote (``https://...`` with a token, or ``ssh://``/``git@host:path`` with a key).

    ``secret`` is a Fernet token of the HTTPS token or the SSH private key, never returned.
    The push state (last attempt, success, error, consecutive failures, next attempt after the
    backoff) is what status, ``/metrics`` and the UI show.
    """

    __tablename__ = "git_remotes"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    url: Mapped[str] = mapped_column(String(1024))
    branch: Mapped[str | None] = mapped_column(String(128))  # None: the local branch's name
    username: Mapped[str | None] = mapped_column(String(128))  # HTTPS user for the token
    secret: Mapped[str | None] = mapped_column(Text)
    ssh_key_path: Mapped[str | None] = mapped_column(String(1024))  # a key file on the server instead
    enabled: Mapped[bool] = mapped_column(default=True)
    last_attempt_at: Mapped[datetime | None]
    last_success_at: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(Text)
    failures: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime | None]
    pushed_commit: Mapped[str | None] = mapped_column(String(64))
    # A push in progress (one process at a time per remote); expires so a killed worker frees it.
    claimed_until: Mapped[datetime | None]

    def __repr__(self) -> str:
        return f"<GitRemote {self.id} {self.name!r}>"
