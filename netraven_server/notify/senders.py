"""Deliver a :class:`~netraven_server.notify.messages.Notification` to one destination.

Four destination types: ``webhook`` (generic JSON), ``slack`` (Slack-compatible incoming
webhook), ``teams`` (Teams workflow webhook, Adaptive Card) and ``email`` (SMTP with STARTTLS or
implicit TLS, and optional authentication).  :func:`deliver` adds a per-attempt timeout and
retries with backoff and never raises: it returns a :class:`DeliveryOutcome` to record.

Error messages never contain the webhook URL's path or query (Slack and Teams
put their secret token there) or the SMTP password.  Every connection goes through the outbound
address policy (:mod:`.addresspolicy`, :mod:`.outbound`): no metadata, link-local, loopback or
private address unless allowed, no redirects.
"""

from __future__ import annotations

import smtplib
import ssl
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Any
from urllib.parse import urlsplit

from netraven_core.webhook import DeliveryError, is_http_url

from .addresspolicy import NOT_REACHABLE, checked_address, config_refusal
from .messages import Notification
from .outbound import PinnedSMTP, PinnedSMTPSSL, post_json

TYPES = ("webhook", "slack", "teams", "email")
SMTP_SECURITY = ("starttls", "ssl", "none")
USER_AGENT = "NetRaven-notifier/1"


@dataclass
class DeliveryOutcome:
    ok: bool
    attempts: int
    error: str | None = None
    status_code: int | None = None
    duration: float = 0.0
    category: str | None = None  # the failure as a fixed phrase (what the test endpoint shows)


def validate_config(ntype: str, config: Mapping[str, Any]) -> None:
    """Raise ``ValueError`` when a notifier's settings cannot work."""
    from . import plugin_types

    if plugin_types.is_plugin_type(ntype):  # its options are checked against its own schema
        plugin_types.validate_options(ntype, config.get("options"), config.get("_stored_secrets", ()))
        return
    if ntype not in TYPES:
        raise ValueError(f"type must be one of {', '.join(TYPES)}")
    if ntype == "email":
        if not config.get("smtp_host"):
            raise ValueError("email notifiers need smtp_host")
        if not config.get("to"):
            raise ValueError("email notifiers need at least one recipient in 'to'")
        if config.get("smtp_security", "starttls") not in SMTP_SECURITY:
            raise ValueError(f"smtp_security must be one of {', '.join(SMTP_SECURITY)}")
        if config.get("smtp_username") and not config.get("smtp_password"):
            raise ValueError("smtp_password is required with smtp_username")
        refused = config_refusal(config.get("smtp_host"))
    else:
        if not is_http_url(config.get("url") or ""):
            raise ValueError("url must be an http(s) URL")
        refused = config_refusal(urlsplit(config["url"]).hostname)
    if refused:
        raise ValueError(refused)


# --------------------------------------------------------------------------- payloads


def slack_payload(n: Notification) -> dict[str, Any]:
    text = f"*{n.subject}*\n{n.text}"
    if n.diff:
        text += f"\n```\n{n.diff}\n```"
    return {"text": text}


def teams_payload(n: Notification) -> dict[str, Any]:
    body: list[dict[str, Any]] = [
        {"type": "TextBlock", "text": n.subject, "weight": "Bolder", "size": "Medium", "wrap": True},
        {"type": "TextBlock", "text": n.text, "wrap": True},
    ]
    if n.diff:
        body.append({"type": "TextBlock", "text": n.diff, "fontType": "Monospace", "wrap": True})
    card = {"$schema": "http://adaptivecards.io/schemas/adaptive-card.json", "type": "AdaptiveCard",
            "version": "1.4", "body": body}
    return {"type": "message", "summary": n.subject,
            "attachments": [{"contentType": "application/vnd.microsoft.card.adaptive", "content": card}]}


def email_message(n: Notification, config: Mapping[str, Any]) -> EmailMessage:
    msg = EmailMessage()
    msg["Subject"] = f"[NetRaven] {n.subject}"
    msg["From"] = config.get("from_address") or "netraven@localhost"
    to = config["to"]
    msg["To"] = ", ".join(to) if isinstance(to, list | tuple) else str(to)
    body = n.text + "\n"
    if n.diff:
        body += "\n" + n.diff + "\n"
    msg.set_content(body)
    return msg


# --------------------------------------------------------------------------- transports


def _post_json(url: str, payload: dict[str, Any], timeout: float) -> int:
    # The server's own poster (outbound policy, address pinning, no redirects), not the core's.
    return post_json(url, payload, timeout=timeout, headers={"User-Agent": USER_AGENT})


def _send_email(n: Notification, config: Mapping[str, Any], timeout: float) -> None:
    host = config["smtp_host"]
    security = config.get("smtp_security", "starttls")
    port = int(config.get("smtp_port") or (465 if security == "ssl" else 587))
    context = ssl.create_default_context()
    if config.get("smtp_verify", True) is False:
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
    msg = email_message(n, config)
    address = checked_address(host, port)
    try:
        if security == "ssl":
            client: smtplib.SMTP = PinnedSMTPSSL(address, host, port, timeout=timeout, context=context)
        else:
            client = PinnedSMTP(address, host, port, timeout=timeout)
        with client:
            client.ehlo()
            if security == "starttls":
                client.starttls(context=context)
                client.ehlo()
            if config.get("smtp_username"):
                client.login(config["smtp_username"], config.get("smtp_password") or "")
            client.send_message(msg)
    except smtplib.SMTPAuthenticationError as exc:
        raise DeliveryError(f"SMTP authentication failed at {host}:{port} ({exc.smtp_code})",
                            retryable=False, category="authentication refused") from None
    except smtplib.SMTPRecipientsRefused:
        raise DeliveryError(f"SMTP server {host}:{port} refused the recipients", retryable=False,
                            category="recipients refused") from None
    except smtplib.SMTPResponseException as exc:
        # smtplib errors carry the server's reply, never our password
        reply = f"{exc.smtp_code} {exc.smtp_error!r}"[:200]
        raise DeliveryError(f"SMTP delivery via {host}:{port} failed: {reply}",
                            category=f"rejected with SMTP {exc.smtp_code}") from None
    except (smtplib.SMTPException, OSError, ssl.SSLError) as exc:
        # No socket error text (refused, timed out, no route): it would tell ports apart.
        raise DeliveryError(f"SMTP delivery via {host}:{port} failed: {NOT_REACHABLE} ({type(exc).__name__})",
                            category=NOT_REACHABLE) from None


def send_once(ntype: str, config: Mapping[str, Any], n: Notification, timeout: float) -> int | None:
    """One delivery attempt; raises :class:`DeliveryError`.  Returns the HTTP status if any."""
    if ntype == "webhook":
        return _post_json(config["url"], n.as_payload(), timeout)
    if ntype == "slack":
        return _post_json(config["url"], slack_payload(n), timeout)
    if ntype == "teams":
        return _post_json(config["url"], teams_payload(n), timeout)
    if ntype == "email":
        _send_email(n, config, timeout)
        return None
    from . import plugin_types

    if plugin_types.is_plugin_type(ntype):
        plugin_types.send(ntype, dict(config), n)
        return None
    raise DeliveryError(f"unknown notifier type {ntype!r}", retryable=False, category="invalid configuration")


def deliver(ntype: str, config: Mapping[str, Any], n: Notification, *, timeout: float = 10.0,
            retries: int = 2, backoff: float = 1.0,
            sleep: Callable[[float], None] = time.sleep) -> DeliveryOutcome:
    """Deliver with up to ``retries`` further attempts (exponential backoff); never raises."""
    started = time.monotonic()
    attempts = 0
    last: DeliveryError | None = None
    while attempts <= retries:
        attempts += 1
        try:
            status = send_once(ntype, config, n, timeout)
            return DeliveryOutcome(True, attempts, status_code=status, duration=time.monotonic() - started)
        except DeliveryError as exc:
            last = exc
        except Exception as exc:  # a bug in a sender must not escape into a run
            last = DeliveryError(f"unexpected {type(exc).__name__}", retryable=False,
                                 category="internal error")
        if not last.retryable or attempts > retries:
            break
        sleep(backoff * (2 ** (attempts - 1)))
    return DeliveryOutcome(False, attempts, str(last), getattr(last, "status_code", None),
                           time.monotonic() - started, getattr(last, "category", None) or "delivery error")
