"""``netraven db reindex``: rebuild the database's index of configuration versions from the store.

For a database that was lost, truncated or restored from an older backup while the configuration
store kept every version, and for versions whose result could not be written.  Versions are
matched to devices by hostname, so after losing the database: create it (`netraven db upgrade`),
import the devices, then re-index.  Running it again adds nothing (idempotent).
"""

from __future__ import annotations

import sys

import click

from .dbcheck import database_problems, open_store
from .options import data_dir_option, database_url_option, settings_from


@click.command("reindex")
@data_dir_option
@database_url_option
def db_reindex(data_dir, database_url) -> None:
    """Add to the database every configuration version the store holds and the database lacks."""
    from netraven_core.errors import StorageError

    from ..db import Database
    from ..services.versionindex import rebuild

    settings = settings_from(data_dir, database_url)
    problems = database_problems(settings.db_url)
    if problems:
        raise click.ClickException(f"cannot re-index: {'; '.join(problems)}")
    db = Database(settings.db_url)
    try:
        with open_store(settings) as storage, db.session() as session:
            report = rebuild(session, storage, settings.storage_backend)
    except StorageError as exc:
        raise click.ClickException(f"cannot read the configuration store: {exc}") from None
    finally:
        db.dispose()
    click.echo(f"indexed {report.added} new version(s) of {report.devices} device(s); "
               f"{report.already} already indexed")
    if report.extra:
        click.echo(f"warning: {report.extra} indexed version(s) are not in the configuration store "
                   "(see `netraven db check`)", err=True)
    if report.no_device:
        more = " ..." if len(report.no_device) > 10 else ""
        click.echo(f"warning: {len(report.no_device)} stored hostname(s) have no device and were not "
                   f"indexed: {', '.join(report.no_device[:10])}{more}; "
                   "add or import these devices, then run `netraven db reindex` again", err=True)
        sys.exit(2)
