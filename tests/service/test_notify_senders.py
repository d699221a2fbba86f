"""Notification senders against a real SMTP server and a real HTTP receiver on 127.0.0.1."""

import socket

import pytest

from netraven_server.notify import messages
from netraven_server.notify.senders import deliver, validate_config

from .receivers import SMTP_PASSWORD, HttpReceiver, SmtpServer

DIFF = "--- a\n+++ b\n@@ -1 +1 @@\n-hostname old\n+hostname new\n+ snmp-server community <redacted> RO\n"


def _changed():
    return messages.config_changed("sim-0001", DIFF, run_id="r1", lines_added=2, lines_removed=1)


def test_email_with_starttls_and_auth(tmp_path):
    with SmtpServer(tmp_path) as smtp:
        out = deliver("email", smtp.config(), _changed(), timeout=5, retries=0)
        assert out.ok, out.error
        [msg] = smtp.wait(1)
    assert msg["tls"] and msg["auth"]
    assert msg["to"] == ["noc@example.test"]
    assert "Configuration changed on sim-0001" in msg["data"]
    assert "+hostname new" in msg["data"]
    assert SMTP_PASSWORD not in msg["data"]


def test_email_wrong_password_is_not_retried_and_leaks_nothing(tmp_path):
    with SmtpServer(tmp_path) as smtp:
        out = deliver("email", smtp.config(smtp_password="wrong-pass-123"), _changed(), timeout=5,
                      retries=3, sleep=lambda s: None)
    assert not out.ok and out.attempts == 1
    assert "authentication" in out.error and "wrong-pass-123" not in out.error


@pytest.mark.parametrize("ntype", ["webhook", "slack", "teams"])
def test_http_senders(ntype):
    with HttpReceiver() as rx:
        out = deliver(ntype, {"url": rx.url + "/hook/T0KEN"}, _changed(), timeout=5, retries=0)
        assert out.ok and out.status_code == 200
        [post] = rx.wait(1)
    body = post["json"]
    if ntype == "webhook":
        assert body["event"] == "config_changed" and body["hostname"] == "sim-0001"
        assert body["diff"] == DIFF
    elif ntype == "slack":
        assert "+hostname new" in body["text"] and body["text"].startswith("*Configuration changed")
    else:
        card = body["attachments"][0]["content"]
        assert card["type"] == "AdaptiveCard"
        assert any("+hostname new" in b["text"] for b in card["body"])


def test_retries_then_records_failure_without_url_token():
    with HttpReceiver() as rx:
        rx.status = 503
        out = deliver("slack", {"url": rx.url + "/services/SECRET-TOKEN"}, _changed(), timeout=5,
                      retries=2, sleep=lambda s: None)
        assert len(rx.posts) == 3
    assert not out.ok and out.attempts == 3 and out.status_code == 503
    assert "SECRET-TOKEN" not in out.error


def test_client_error_is_not_retried():
    with HttpReceiver() as rx:
        rx.status = 404
        out = deliver("webhook", {"url": rx.url}, _changed(), retries=3, sleep=lambda s: None)
        assert len(rx.posts) == 1
    assert not out.ok and out.attempts == 1


def test_unreachable_and_timeout_are_caught():
    # A listening socket that never answers: the timeout must fire.
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)
        port = silent.getsockname()[1]
        out = deliver("webhook", {"url": f"http://127.0.0.1:{port}/x?token=abc"}, _changed(),
                      timeout=0.5, retries=1, sleep=lambda s: None)
    assert not out.ok and out.attempts == 2 and "abc" not in out.error
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed_port = s.getsockname()[1]
    out = deliver("email", {"smtp_host": "127.0.0.1", "smtp_port": closed_port, "to": ["a@b"]},
                  _changed(), timeout=1, retries=0)
    assert not out.ok and "SMTP" in out.error


def test_validate_config():
    validate_config("webhook", {"url": "https://example.test/x"})
    validate_config("email", {"smtp_host": "mail", "to": ["a@b"]})
    for ntype, cfg in [("webhook", {"url": "ftp://x"}), ("slack", {}), ("email", {"to": ["a@b"]}),
                       ("email", {"smtp_host": "m"}), ("sms", {}),
                       ("email", {"smtp_host": "m", "to": ["a"], "smtp_security": "tls13"})]:
        with pytest.raises(ValueError):
            validate_config(ntype, cfg)


def test_message_builders_cap_diff():
    n = messages.config_changed("h", "x" * 50_000)
    assert len(n.diff) < 13_000
    rf = messages.run_failed("r", job="j", status="partial", total=30, failed=25,
                             failed_hosts=[f"h{i}" for i in range(25)])
    assert "and 5 more" in rf.text
    assert messages.Notification.from_payload(rf.as_payload()) == rf


def test_the_subscribable_events_are_the_ones_notifications_are_built_for():
    from datetime import UTC, datetime

    from netraven_server.db.models import NOTIFY_EVENTS

    built = [messages.config_changed("r1", "+x"), messages.device_failed("r1", category="auth", error="no"),
             messages.run_failed("1", job="j", status="partial", total=2, failed=1),
             messages.stale_backup("r1", hours=24, last_success=datetime.now(UTC)),
             *(messages.compliance_event(kind, "r1", rule="ntp", title="NTP", severity="high", findings=[])
               for kind in ("failed", "fixed"))]
    assert tuple(n.event for n in built) == NOTIFY_EVENTS == messages.EVENTS
