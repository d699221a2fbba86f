"""Server settings, read from the environment and overridden by command-line options.

Everything the server persists lives under one data directory: the SQLite database (unless
``NETRAVEN_DATABASE_URL`` points elsewhere), the credential key file, the JWT signing key and the
configuration store.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

DEFAULT_DATA_DIR = "netraven-data"


def _env_int(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ValueError(f"{name} must be an integer, got {raw!r}") from None


@dataclass(frozen=True)
class Settings:
    """Resolved server settings.  Build with :meth:`from_env`, adjust with :meth:`with_overrides`."""

    data_dir: Path
    database_url: str | None = field(default=None, repr=False)  # may hold a password; None -> SQLite
    # Fernet keys, newest first (comma-separated in NETRAVEN_SECRET_KEY); empty -> key file.
    secret_keys: tuple[str, ...] = field(default=(), repr=False)
    jwt_secret: str | None = field(default=None, repr=False)  # None -> key file in data_dir
    token_ttl_seconds: int = 3600 * 8
    redis_url: str | None = None
    storage_backend: str = "git"
    storage_location: str | None = None  # None -> data_dir/configs
    login_max_failures: int = 5
    login_window_seconds: int = 300
    login_lockout_seconds: int = 300
    login_address_max_failures: int = 20  # one address, all accounts (password spraying)
    login_max_lockout_seconds: int = 3600  # the growing delay's ceiling
    migrate_on_start: bool = True
    # Reverse proxies in front of the server whose X-Forwarded-For/-Proto headers are trusted.
    proxy_hops: int = 0
    # The syslog receiver (event-driven backups): "udp://0.0.0.0:5514,tcp://0.0.0.0:5514"; off when None.
    syslog_listen: str | None = None
    syslog_debounce_seconds: float = 10.0  # one backup per device per burst of change messages
    # How much lower than the API the single-node task consumer process runs (nice, 0-19): on a
    # busy CPU the API's requests go first and a run takes what they leave.
    consumer_nice: int = 5

    def __post_init__(self) -> None:
        if not isinstance(self.data_dir, Path):
            object.__setattr__(self, "data_dir", Path(self.data_dir))
        if not 0 <= self.consumer_nice <= 19:
            raise ValueError(f"NETRAVEN_CONSUMER_NICE must be between 0 and 19, got {self.consumer_nice}")

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None, **overrides) -> Settings:
        env = os.environ if environ is None else environ
        keys = tuple(k.strip() for k in env.get("NETRAVEN_SECRET_KEY", "").split(",") if k.strip())
        settings = cls(
            data_dir=Path(env.get("NETRAVEN_DATA_DIR") or DEFAULT_DATA_DIR),
            database_url=env.get("NETRAVEN_DATABASE_URL") or None,
            secret_keys=keys,
            jwt_secret=env.get("NETRAVEN_JWT_SECRET") or None,
            token_ttl_seconds=_env_int(env, "NETRAVEN_TOKEN_TTL", 3600 * 8),
            redis_url=env.get("NETRAVEN_REDIS_URL") or None,
            storage_backend=env.get("NETRAVEN_STORAGE", "git"),
            storage_location=env.get("NETRAVEN_STORAGE_LOCATION") or None,
            proxy_hops=_env_int(env, "NETRAVEN_PROXY_HOPS", 0),
            syslog_listen=env.get("NETRAVEN_SYSLOG_LISTEN") or None,
            syslog_debounce_seconds=float(_env_int(env, "NETRAVEN_SYSLOG_DEBOUNCE", 10)),
            login_max_failures=_env_int(env, "NETRAVEN_LOGIN_MAX_FAILURES", 5),
            login_lockout_seconds=_env_int(env, "NETRAVEN_LOGIN_LOCKOUT", 300),
            login_address_max_failures=_env_int(env, "NETRAVEN_LOGIN_ADDRESS_MAX_FAILURES", 20),
            consumer_nice=_env_int(env, "NETRAVEN_CONSUMER_NICE", 5),
        )
        return settings.with_overrides(**overrides)

    def with_overrides(self, **overrides) -> Settings:
        """Copy with the given fields replaced; ``None`` values are ignored (unset CLI options)."""
        clean = {k: v for k, v in overrides.items() if v is not None}
        if "data_dir" in clean:
            clean["data_dir"] = Path(clean["data_dir"])
        return replace(self, **clean)

    @property
    def db_url(self) -> str:
        """The SQLAlchemy URL: the configured one, or SQLite in the data directory."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'netraven.db').resolve()}"

    @property
    def key_file(self) -> Path:
        return self.data_dir / "secret.key"

    @property
    def jwt_key_file(self) -> Path:
        return self.data_dir / "jwt.key"

    @property
    def configs_dir(self) -> Path:
        return Path(self.storage_location) if self.storage_location else self.data_dir / "configs"

    def ensure_data_dir(self) -> Path:
        """Create the data directory (owner-only: it holds the database and the keys)."""
        if not self.data_dir.exists():
            self.data_dir.mkdir(parents=True, mode=0o700)
        return self.data_dir
