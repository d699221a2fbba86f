"""Options and settings shared by the server's commands."""

from __future__ import annotations

import click

from ..config import Settings

data_dir_option = click.option("--data-dir", type=click.Path(file_okay=False), envvar="NETRAVEN_DATA_DIR",
                               help="Data directory (database, keys, configurations). "
                                    "[env: NETRAVEN_DATA_DIR; default: ./netraven-data]")
database_url_option = click.option("--database-url", envvar="NETRAVEN_DATABASE_URL",
                                   help="SQLAlchemy URL, e.g. postgresql+psycopg://user@host/db "
                                        "[env: NETRAVEN_DATABASE_URL; default: SQLite in the data dir]")


def settings_from(data_dir: str | None, database_url: str | None) -> Settings:
    return Settings.from_env(data_dir=data_dir, database_url=database_url)
