"""One HTTP POST of a JSON body to a webhook, shared by the ``webhook`` notifier plugin and the
server's notification senders.

Webhook URLs often carry their secret in the path or query (Slack, Teams), so every message
built here names only ``scheme://host[:port]`` (:func:`safe_url`).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit


class DeliveryError(Exception):
    """A delivery attempt failed; the message is safe to store and show."""

    def __init__(self, message: str, *, retryable: bool = True, status_code: int | None = None,
                 category: str | None = None):
        super().__init__(message)
        self.retryable = retryable
        self.status_code = status_code
        # A short, fixed phrase ("not reachable", "address not allowed"...) that says what went
        # wrong without echoing a socket error (the server's test endpoint answers only this).
        self.category = category or "delivery error"


def safe_url(url: str) -> str:
    """``scheme://host[:port]`` only: what may appear in logs and errors."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc.rsplit('@', 1)[-1]}"


def is_http_url(url: str) -> bool:
    """Whether ``url`` is an absolute ``http://`` or ``https://`` URL."""
    parts = urlsplit(url or "")
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def post_json(url: str, payload: Any, *, timeout: float, headers: Mapping[str, str] | None = None,
              verify: bool = True) -> int:
    """POST ``payload`` as JSON; the HTTP status of a 2xx/3xx answer, else :class:`DeliveryError`.

    The error is ``retryable`` for connection errors, timeouts, 5xx, 408 and 429; other 4xx mean
    the request itself is wrong, so retrying will not help.
    """
    # default=str: events carry datetimes; a payload must never fail to serialise mid-run.
    body = json.dumps(payload, default=str).encode("utf-8")
    # Imported here for start-up speed: requests costs ~0.1 s and every command that loads the
    # plugins (the webhook notifier among them) would pay it; only a delivery needs it.
    import requests

    try:
        resp = requests.post(url, data=body, timeout=timeout, verify=verify,
                             headers={"Content-Type": "application/json", **dict(headers or {})})
    except requests.Timeout:
        raise DeliveryError(f"timed out after {timeout:g}s posting to {safe_url(url)}") from None
    except requests.RequestException as exc:
        raise DeliveryError(f"could not post to {safe_url(url)}: {type(exc).__name__}") from None
    if resp.status_code >= 400:
        retryable = resp.status_code >= 500 or resp.status_code in (408, 429)
        raise DeliveryError(f"{safe_url(url)} answered HTTP {resp.status_code}",
                            retryable=retryable, status_code=resp.status_code)
    return resp.status_code
