"""The ``webhook`` notifier: an HTTP POST of each event as JSON.

Delivery (:func:`netraven_core.webhook.post_json`, shared with the server's senders) is retried
with exponential backoff (and jitter) on connection errors, timeouts, 5xx, 408 and 429; other 4xx
answers are not retried.  A final failure is logged, never raised, so a dead receiver can't break
a run.  Webhook URLs often embed a token (Slack, Teams), so logs name only the scheme and host.

After ``breaker_threshold`` events in a row could not be delivered, the receiver is considered
down and events are dropped (and counted) for ``breaker_cooldown`` seconds, so a dead receiver
can't keep a large run's notifications queued for hours.
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Mapping
from typing import Any, ClassVar

from netraven_core import __version__
from netraven_core.hookspecs import hookimpl
from netraven_core.models import Event
from netraven_core.webhook import DeliveryError, is_http_url, post_json, safe_url

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
        if not is_http_url(url):
            raise ValueError("webhook url must be an http:// or https:// URL")
        self.url = url
        self.timeout = float(timeout)
        self.retries = max(0, int(retries))
        self.headers = {"User-Agent": f"netraven/{__version__}", **dict(headers or {})}
        self.backoff = float(backoff)
        self.max_backoff = float(max_backoff)
        self.events = frozenset(events) if events else None
        self.verify = verify
        self.display_url = safe_url(url)
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
        problem = ""
        for attempt in range(self.retries + 1):
            if attempt:
                ceiling = min(self.max_backoff, self.backoff * 2 ** (attempt - 1))
                time.sleep(random.uniform(ceiling / 2, ceiling))
            try:
                post_json(self.url, payload, timeout=self.timeout, headers=self.headers,
                          verify=self.verify)
                return True
            except DeliveryError as exc:
                problem = str(exc)
                if not exc.retryable:
                    break
            log.debug("webhook %s attempt %d failed: %s", self.display_url, attempt + 1, problem)
        log.warning("webhook %s: giving up on %s event after %d attempt(s): %s", self.display_url,
                    payload.get("event"), attempt + 1, problem)
        return False


@hookimpl
def netraven_notifier_types() -> list[type]:
    return [WebhookNotifier]
