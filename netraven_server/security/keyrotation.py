"""The key rotation procedure behind ``netraven keys rotate``."""

from __future__ import annotations

from ..db import Database
from ..services.keys import reencrypt_all
from .crypto import KeyRing, generate_key, read_key_file, write_key_file


def rotate(settings) -> str:
    """Re-encrypt every secret with a new primary key; returns a one-line report.

    Key file: the file becomes ``[new, old...]`` (so every process can still decrypt), the
    secrets are re-encrypted in one transaction, then the old keys are dropped from the file.
    A crash in between leaves a file that still decrypts everything; run the command again.
    Environment keys: secrets are re-encrypted with the first key of ``NETRAVEN_SECRET_KEY``.
    """
    db = Database(settings.db_url)
    try:
        if settings.secret_keys:
            keyring = KeyRing(settings.secret_keys)
            with db.session() as session:
                count = reencrypt_all(session, keyring)
            extra = len(settings.secret_keys) - 1
            hint = (f"; now remove the {extra} old key(s) from NETRAVEN_SECRET_KEY and restart"
                    if extra else "; to change the key, set NETRAVEN_SECRET_KEY=\"NEW,OLD\" and run again")
            return f"re-encrypted {count} secret(s) with the first key of NETRAVEN_SECRET_KEY{hint}"
        path = settings.key_file
        settings.ensure_data_dir()
        old = read_key_file(path) if path.exists() else []
        new = generate_key()
        write_key_file(path, [new, *old])
        keyring = KeyRing([new, *old])
        with db.session() as session:
            count = reencrypt_all(session, keyring)
        write_key_file(path, [new])
        return f"re-encrypted {count} secret(s) with a new key; old key(s) removed from {path}"
    finally:
        db.dispose()
