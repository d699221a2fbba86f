"""HTTP POST and SMTP connections for notifiers, through the outbound address policy.

The host is resolved and checked (:mod:`.addresspolicy`) right before each attempt and the
socket is opened to the checked address, with the URL's host name kept for TLS (SNI and
certificate check) and the ``Host`` header, so DNS rebinding between check and connect cannot
move the request.  Redirects are never followed: a 3xx is a failed delivery (following one
would send the payload, and a token in the URL, to wherever the answer points).  Errors name
only ``scheme://host[:port]`` and a fixed category, never a socket error's text.
"""

from __future__ import annotations

import base64
import json
import smtplib
import socket
from collections.abc import Mapping
from typing import Any
from urllib.parse import unquote, urlsplit

from netraven_core.webhook import DeliveryError, safe_url

from .addresspolicy import NOT_REACHABLE, checked_address


def _basic_auth(user: str, password: str | None) -> str:
    token = f"{unquote(user)}:{unquote(password or '')}".encode()
    return "Basic " + base64.b64encode(token).decode("ascii")


def post_json(url: str, payload: Any, *, timeout: float, headers: Mapping[str, str] | None = None) -> int:
    """POST ``payload`` as JSON to ``url``; the HTTP status of a 2xx answer, else
    :class:`DeliveryError` (retryable for connection errors, timeouts, 5xx, 408 and 429)."""
    import certifi
    import urllib3

    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise DeliveryError("url must be an http(s) URL", retryable=False, category="invalid configuration")
    shown = safe_url(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    address = checked_address(parts.hostname, port)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    body = json.dumps(payload, default=str).encode("utf-8")  # events carry datetimes
    hdrs = {"Content-Type": "application/json", "Host": parts.netloc.rsplit("@", 1)[-1],
            **dict(headers or {})}
    if parts.username is not None:
        hdrs["Authorization"] = _basic_auth(parts.username, parts.password)
    t = urllib3.Timeout(connect=timeout, read=timeout)
    if parts.scheme == "https":
        pool: urllib3.HTTPConnectionPool = urllib3.HTTPSConnectionPool(
            address, port, timeout=t, retries=False, cert_reqs="CERT_REQUIRED", ca_certs=certifi.where(),
            server_hostname=parts.hostname, assert_hostname=parts.hostname)
    else:
        pool = urllib3.HTTPConnectionPool(address, port, timeout=t, retries=False)
    try:
        with pool:
            resp = pool.urlopen("POST", target, body=body, headers=hdrs, redirect=False, retries=False,
                                assert_same_host=False)
    except urllib3.exceptions.HTTPError as exc:
        raise DeliveryError(f"could not post to {shown}: {NOT_REACHABLE} ({type(exc).__name__})",
                            category=NOT_REACHABLE) from None
    status = resp.status
    if 300 <= status < 400:
        raise DeliveryError(f"{shown} answered HTTP {status}: redirects are not followed", retryable=False,
                            status_code=status, category="redirect not followed")
    if status >= 400:
        retryable = status >= 500 or status in (408, 429)
        raise DeliveryError(f"{shown} answered HTTP {status}", retryable=retryable, status_code=status,
                            category=f"rejected with HTTP {status}")
    return status


class PinnedSMTP(smtplib.SMTP):
    """SMTP to an address checked by the policy; ``host`` stays the name (STARTTLS checks it)."""

    def __init__(self, address: str, *args, **kwargs):
        self._pinned = address
        super().__init__(*args, **kwargs)

    def _get_socket(self, host, port, timeout):
        return socket.create_connection((self._pinned, port), timeout, self.source_address)


class PinnedSMTPSSL(smtplib.SMTP_SSL):
    def __init__(self, address: str, *args, **kwargs):
        self._pinned = address
        super().__init__(*args, **kwargs)

    def _get_socket(self, host, port, timeout):
        sock = socket.create_connection((self._pinned, port), timeout, self.source_address)
        return self.context.wrap_socket(sock, server_hostname=self._host)
