"""The ``webhook`` notifier: an HTTP POST of each event as JSON.

Delivery is retried with exponential backoff (and jitter) on connection errors, timeouts and any
non-2xx answer; a final failure is logged, never raised, so a dead receiver can't break a run.
Webhook URLs often embed a token (Slack, Teams), so logs name only the scheme and host.

After ``breaker_threshold`` events in a row could not be delivered, the receiver is considered
down and events are dropped (and counted) for ``breaker_cooldown`` seconds, so a dead receiver
can't keep a large run's notifications queued for hours.
"""

from __future__ import annotations

import json
import logging
import random
import threading
import time
from collections.abc import Mapping
from typing import Any, ClassVar
from urllib.parse import urlsplit

import requests

from netraven_core import __version__
from netraven_core.hookspecs import hookimpl
from netraven_core.models import Event

log = logging.getLogger(__name__)


class WebhookNotifier:
    """POSTs ``event.as_dict()`` as JSON to ``url``.

    :param url: the receiver (http or https).
    :param timeout: seconds per request (connect and read).
    :param retries: extra attempts after the first one fails.
    :param headers: extra request headers (e.g. an ``Authorization`` header).
    :param backoff: base delay in seconds; attempt ``n`` waits up to ``backoff * 2**n``.
    :param events: event type names to send (default: all).
    :param breaker_threshold: consecutive undelivered events that pause delivery (0: never).
    :param breaker_cooldown: seconds to pause before trying again.
    """

    name: ClassVar[str] = "webhook"

    def __init__(self, url: str, timeout: float = 5.0, retries: int = 3,
                 headers: Mapping[str, str] | None = None, backoff: float = 0.5,
                 max_backoff: float = 10.0, events: list[str] | tuple[str, ...] | None = None,
                 verify: bool = True, breaker_threshold: int = 3, breaker_cooldown: float = 60.0,
                 **_ignored: Any):
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValueError("webhook url must be an http:// or https:// URL")
        self.url = url
        self.timeout = float(timeout)
        self.retries = max(0, int(retries))
        self.headers = {"Content-Type": "application/json",
                        "User-Agent": f"netraven/{__version__}", **dict(headers or {})}
        self.backoff = float(backoff)
        self.max_backoff = float(max_backoff)
        self.events = frozenset(events) if events else None
        self.verify = verify
        self.display_url = f"{parts.scheme}://{parts.hostname}" + (f":{parts.port}" if parts.port else "")
        self.breaker_threshold = int(breaker_threshold)
        self.breaker_cooldown = float(breaker_cooldown)
        self._failures_in_row = 0
        self._paused_until = 0.0
        self.dropped = 0
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"WebhookNotifier({self.display_url})"

    def notify(self, event: Event) -> None:
        if self.events is not None and event.type.value not in self.events:
            return
        with self._lock:
            if time.monotonic() < self._paused_until:
                self.dropped += 1
                return
        delivered = self.deliver(event.as_dict())
        with self._lock:
            self._failures_in_row = 0 if delivered else self._failures_in_row + 1
            if self.breaker_threshold and self._failures_in_row >= self.breaker_threshold:
                self._failures_in_row = 0
                self._paused_until = time.monotonic() + self.breaker_cooldown
                log.error("webhook %s: %d events in a row undelivered; pausing deliveries for %gs",
                          self.display_url, self.breaker_threshold, self.breaker_cooldown)

    def deliver(self, payload: dict[str, Any]) -> bool:
        """POST ``payload``; returns whether a 2xx answer came back (after retries)."""
        body = json.dumps(payload, default=str).encode("utf-8")
        problem = ""
        for attempt in range(self.retries + 1):
            if attempt:
                ceiling = min(self.max_backoff, self.backoff * 2 ** (attempt - 1))
                time.sleep(random.uniform(ceiling / 2, ceiling))
            try:
                response = requests.post(self.url, data=body, headers=self.headers,
                                         timeout=self.timeout, verify=self.verify)
            except requests.Timeout:
                problem = f"no answer within {self.timeout:g}s"
            except requests.RequestException as exc:
                problem = f"{type(exc).__name__}"
            else:
                if 200 <= response.status_code < 300:
                    return True
                problem = f"HTTP {response.status_code}"
            log.debug("webhook %s attempt %d failed: %s", self.display_url, attempt + 1, problem)
        log.warning("webhook %s: giving up on %s event after %d attempt(s): %s", self.display_url,
                    payload.get("event"), self.retries + 1, problem)
        return False


@hookimpl
def netraven_notifier_types() -> list[type]:
    return [WebhookNotifier]
