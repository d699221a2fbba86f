"""The ``webhook`` and ``log`` notifiers against a real HTTP receiver on 127.0.0.1."""

from __future__ import annotations

import json
import logging
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from netraven_core.errors import ErrorCategory
from netraven_core.models import DeviceResult, DeviceStatus, Event, EventType, RunSummary
from netraven_plugins.notifiers.log import LogNotifier
from netraven_plugins.notifiers.webhook import WebhookNotifier


class Receiver:
    """An HTTP server recording POSTs; answers with the scripted statuses (then 200)."""

    def __init__(self, statuses=(), delay=0.0):
        self.statuses = list(statuses)
        self.delay = delay
        self.requests: list[tuple[dict, dict]] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.requests.append((dict(self.headers), json.loads(body)))
                if receiver.delay:
                    time.sleep(receiver.delay)
                status = receiver.statuses.pop(0) if receiver.statuses else 200
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hooks/t0ken-in-path"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


def failed_event():
    result = DeviceResult("r1", DeviceStatus.FAILED, error_category=ErrorCategory.AUTH,
                          error="authentication failed", attempts=2)
    return Event(EventType.DEVICE_FAILED, "run-1", "r1", result)


def test_posts_event_json_with_headers():
    with Receiver() as rx:
        hook = WebhookNotifier(url=rx.url, headers={"Authorization": "Bearer abc"})
        hook.notify(failed_event())
    headers, body = rx.requests[0]
    assert body["event"] == "device_failed" and body["hostname"] == "r1"
    assert body["result"]["error_category"] == "auth"
    assert headers["Authorization"] == "Bearer abc" and headers["Content-Type"] == "application/json"


def test_retries_non_2xx_then_succeeds():
    with Receiver(statuses=[500, 503]) as rx:
        assert WebhookNotifier(url=rx.url, retries=3, backoff=0.01).deliver({"event": "x"})
    assert len(rx.requests) == 3


def test_gives_up_after_retries_and_logs_without_the_url_path(caplog):
    with Receiver(statuses=[500] * 10) as rx, caplog.at_level(logging.DEBUG, logger="netraven_plugins"):
        hook = WebhookNotifier(url=rx.url, retries=2, backoff=0.01)
        hook.notify(failed_event())  # never raises
    assert len(rx.requests) == 3
    assert "giving up" in caplog.text and "HTTP 500" in caplog.text
    assert "t0ken-in-path" not in caplog.text and "t0ken" not in repr(hook)


def test_timeout_is_retried_and_bounded(caplog):
    with Receiver(delay=1.0) as rx:
        hook = WebhookNotifier(url=rx.url, timeout=0.2, retries=1, backoff=0.01)
        started = time.monotonic()
        assert hook.deliver({"event": "x"}) is False
        assert time.monotonic() - started < 5
    assert len(rx.requests) == 2


def test_unreachable_receiver_does_not_raise():
    hook = WebhookNotifier(url="http://127.0.0.1:9/x", timeout=0.5, retries=1, backoff=0.01)
    assert hook.deliver({"event": "x"}) is False


def test_event_filter_and_bad_url():
    with Receiver() as rx:
        WebhookNotifier(url=rx.url, events=["run_finished"]).notify(failed_event())
    assert rx.requests == []
    with pytest.raises(ValueError):
        WebhookNotifier(url="ftp://example.net/x")


def test_log_notifier_lines(caplog):
    notifier = LogNotifier()
    ok = DeviceResult("r2", DeviceStatus.OK, changed=True, lines_added=3, lines_removed=1, attempts=1,
                      credential="ops", diff="-secret-looking line\n+other")
    summary = RunSummary(run_id="run-1", total=2, ok=1, failed=1, changed=1)
    with caplog.at_level(logging.INFO, logger="netraven.events"):
        notifier.notify(Event(EventType.DEVICE_BACKED_UP, "run-1", "r2", ok))
        notifier.notify(Event(EventType.CONFIG_CHANGED, "run-1", "r2", ok, diff=ok.diff))
        notifier.notify(failed_event())
        notifier.notify(Event(EventType.RUN_FINISHED, "run-1", summary=summary))
    lines = [r.getMessage() for r in caplog.records]
    assert "backed up r2: changed +3/-1" in lines[0]
    assert "configuration of r2 changed" in lines[1]
    assert "failed [auth]" in lines[2] and caplog.records[2].levelno == logging.WARNING
    assert "1/2 ok, 1 failed" in lines[3]
    assert "secret-looking" not in caplog.text  # diffs are never logged


def test_breaker_pauses_a_dead_receiver(caplog):
    hook = WebhookNotifier(url="http://127.0.0.1:9/x", timeout=0.2, retries=0, backoff=0.01,
                           breaker_threshold=2, breaker_cooldown=60)
    for _ in range(5):
        hook.notify(failed_event())
    assert hook.dropped == 3
    assert "pausing deliveries" in caplog.text
