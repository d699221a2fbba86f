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
    Notifier: ("smtp_password_enc",),
}


def reencrypt_all(session: Session, keyring: KeyRing) -> int:
    """Re-encrypt every secret with the primary key; returns how many values were rewritten.

    Runs in the caller's transaction: commit once, so a failure leaves every value as it was.
    """
    count = 0
    for model, columns in ENCRYPTED.items():
        for row in session.scalars(select(model)):
            for column in columns:
                token = getattr(row, column)
                if token:
                    setattr(row, column, keyring.rotate(token))
                    count += 1
    session.flush()
    return count
