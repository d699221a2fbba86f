"""Server commands for the ``netraven`` command line: db, user, keys, server.

Registered through the ``netraven_cli_commands`` hook (see :mod:`netraven_server.plugin`).
"""

from __future__ import annotations

import sys

import click

from .dbcheck import db_check
from .options import data_dir_option, database_url_option, settings_from
from .reindex import db_reindex

# --------------------------------------------------------------------------- db


@click.group("db")
def db_group() -> None:
    """Database schema migrations."""


@db_group.command("upgrade")
@data_dir_option
@database_url_option
@click.option("--revision", default="head", show_default=True, help="Target revision.")
def db_upgrade(data_dir, database_url, revision) -> None:
    """Create or migrate the database schema."""
    from ..db import upgrade
    from ..security.crypto import KeyRing

    settings = settings_from(data_dir, database_url)
    settings.ensure_data_dir()
    rev = upgrade(settings.db_url, revision, keyring=lambda: KeyRing.load(settings, create=False))
    click.echo(f"database at revision {rev}")


@db_group.command("current")
@data_dir_option
@database_url_option
def db_current(data_dir, database_url) -> None:
    """Show the database's schema revision and the newest one."""
    from ..db import current_revision, head_revision

    settings = settings_from(data_dir, database_url)
    current, head = current_revision(settings.db_url), head_revision()
    click.echo(f"current: {current or '(empty database)'}\nhead:    {head}")
    if current != head:
        sys.exit(1)


db_group.add_command(db_check)
db_group.add_command(db_reindex)

# --------------------------------------------------------------------------- users


def _read_password(confirm: bool = True) -> str:
    """From standard input when it is not a terminal (scripts), else an interactive prompt."""
    stdin = click.get_text_stream("stdin")
    if not stdin.isatty():
        password = stdin.readline().rstrip("\r\n")
        if not password:
            raise click.UsageError("no password on standard input")
        return password
    return click.prompt("Password", hide_input=True, confirmation_prompt=confirm)


@click.group("user")
def user_group() -> None:
    """User accounts (there is no default account: create the first admin here)."""


@user_group.command("create")
@click.argument("name")
@click.option("--role", type=click.Choice(["admin", "operator", "viewer"]), default="viewer",
              show_default=True)
@data_dir_option
@database_url_option
def user_create(name, role, data_dir, database_url) -> None:
    """Create user NAME; the password is read from standard input, or prompted for on a terminal."""
    from ..db import Database, upgrade
    from ..security.crypto import KeyRing
    from ..services import users
    from ..services.context import SYSTEM
    from ..services.errors import ServiceError

    settings = settings_from(data_dir, database_url)
    settings.ensure_data_dir()
    upgrade(settings.db_url, keyring=lambda: KeyRing.load(settings, create=False))
    password = _read_password()
    db = Database(settings.db_url)
    try:
        with db.session() as session:
            user = users.create_user(session, {"username": name, "password": password, "role": role},
                                     SYSTEM)
            click.echo(f"created {user.role} {user.username!r} (id {user.id})")
    except ServiceError as exc:
        raise click.ClickException(exc.message) from None
    finally:
        db.dispose()


@user_group.command("password")
@click.argument("name")
@data_dir_option
@database_url_option
def user_password(name, data_dir, database_url) -> None:
    """Set user NAME's password (from standard input, or prompted for)."""
    from ..db import Database
    from ..services import users
    from ..services.context import SYSTEM
    from ..services.errors import ServiceError

    settings = settings_from(data_dir, database_url)
    password = _read_password()
    db = Database(settings.db_url)
    try:
        with db.session() as session:
            user = users.get_by_username(session, name)
            if user is None:
                raise click.ClickException(f"no user named {name!r}")
            users.update_user(session, user.id, {"password": password}, SYSTEM)
        click.echo(f"password of {name!r} changed")
    except ServiceError as exc:
        raise click.ClickException(exc.message) from None
    finally:
        db.dispose()


@user_group.command("list")
@data_dir_option
@database_url_option
def user_list(data_dir, database_url) -> None:
    """List users and their roles."""
    from ..db import Database
    from ..services import users

    db = Database(settings_from(data_dir, database_url).db_url)
    try:
        with db.session(readonly=True) as session:
            for user in users.list_users(session, size=500).items:
                state = "" if user.enabled else " (disabled)"
                click.echo(f"{user.username}\t{user.role}{state}")
    finally:
        db.dispose()


# --------------------------------------------------------------------------- keys


@click.group("keys")
def keys_group() -> None:
    """Credential encryption keys."""


@keys_group.command("generate")
def keys_generate() -> None:
    """Print a new Fernet key (for NETRAVEN_SECRET_KEY)."""
    from ..security.crypto import generate_key

    click.echo(generate_key())


@keys_group.command("rotate")
@data_dir_option
@database_url_option
def keys_rotate(data_dir, database_url) -> None:
    """Re-encrypt every stored secret with a new key.

    With the key file (default): a new key is generated, every secret re-encrypted, and the old
    key removed.  With NETRAVEN_SECRET_KEY="NEW,OLD": secrets are re-encrypted with NEW; then set
    NETRAVEN_SECRET_KEY="NEW".
    """
    from ..security.keyrotation import rotate

    settings = settings_from(data_dir, database_url)
    result = rotate(settings)
    click.echo(result)


COMMANDS = [db_group, user_group, keys_group]
