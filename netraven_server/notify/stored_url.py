"""A notifier's URL at rest: encrypted with the key ring, shown masked.

Slack and Teams put their secret token in the URL's path, generic webhooks often in the query or
as ``user:pass@``; so the row keeps the URL only as a Fernet token (``url_enc``) and, for the
API and UI, a masked form that names scheme and host and nothing else (``url_display``).
"""

from __future__ import annotations

from typing import Any

from netraven_core.webhook import safe_url


def masked(url: str | None) -> str | None:
    """``scheme://host[:port]/…``: enough to recognise the destination, never its token."""
    if not url:
        return None
    return safe_url(url) + "/…"


def store_url(notifier: Any, url: str | None, keyring: Any) -> None:
    notifier.url_enc = keyring.encrypt(url) if url else None
    notifier.url_display = masked(url)


def stored_url(notifier: Any, keyring: Any) -> str | None:
    """The clear URL, for delivery (and merging a PATCH) only."""
    return keyring.decrypt(notifier.url_enc) if notifier.url_enc else None
