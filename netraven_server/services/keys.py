"""Key rotation: re-encrypt every stored secret with the key ring's primary key."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db.models import Credential, Notifier
from ..security.crypto import KeyRing

# Every encrypted column, per model.  A new encrypted column must be listed here (a test checks
# that every column ending in "_enc" is).
ENCRYPTED = {
    Credential: ("password_enc", "enable_secret_enc", "private_key_enc", "private_key_passphrase_enc"),
    Notifier: ("smtp_password_enc", "url_enc"),
}
# Secrets kept inside a JSON column: a plugin notifier's secret options (name -> Fernet token).
ENCRYPTED_IN_JSON = {Notifier: ("options", "plugin_secrets")}


def _rotate_json(row, column: str, key: str, keyring: KeyRing) -> int:
    value = dict(getattr(row, column) or {})
    tokens = dict(value.get(key) or {})
    if not tokens:
        return 0
    value[key] = {name: keyring.rotate(token) for name, token in tokens.items()}
    setattr(row, column, value)  # a new dict: SQLAlchemy sees the JSON change
    return sum(1 for token in tokens.values() if token)


def reencrypt_all(session: Session, keyring: KeyRing) -> int:
    """Re-encrypt every secret with the primary key; returns how many values were rewritten.

    Runs in the caller's transaction: commit once, so a failure leaves every value as it was.
    """
    count = 0
    for model, columns in ENCRYPTED.items():
        json_part = ENCRYPTED_IN_JSON.get(model)
        for row in session.scalars(select(model)):
            for column in columns:
                token = getattr(row, column)
                if token:
                    setattr(row, column, keyring.rotate(token))
                    count += 1
            if json_part is not None:
                count += _rotate_json(row, *json_part, keyring)
    session.flush()
    return count
