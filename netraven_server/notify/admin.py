"""Managing notifier configurations (the service behind ``/api/notifiers``).

The public shape is ``{"name", "type", "url" or the SMTP fields, "events", "enabled"}`` plus
delivery tuning (``timeout``, ``retries``).  The SMTP password is stored Fernet-encrypted and
never returned (``has_smtp_password`` says whether one is set); webhook URLs are stored encrypted
too and shown with only scheme and host, since Slack and Teams put their secret token in the
path (:mod:`.stored_url`).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db.models import NotificationDelivery, Notifier
from ..services import audit
from ..services.errors import Conflict, Invalid, NotFound
from ..services.validation import Problems, clean_tag_names
from . import plugin_types
from .dispatch import sender_config
from .messages import EVENTS, Notification
from .senders import SMTP_SECURITY, deliver, validate_config
from .stored_url import store_url, stored_url

FIELDS = (
    "name",
    "type",
    "url",
    "events",
    "enabled",
    "smtp_host",
    "smtp_port",
    "smtp_username",
    "smtp_password",
    "smtp_security",
    "smtp_verify",
    "from_address",
    "to",
    "timeout",
    "retries",
    "options",  # a plugin notifier's own options (see plugin_types)
    "tags",  # limit device events to devices with any of these tags (empty: all devices)
)
SECRET_FIELDS = ("url", "smtp_password")


def public(n: Notifier) -> dict[str, Any]:
    opts = n.options or {}
    body: dict[str, Any] = {
        "id": n.id,
        "name": n.name,
        "type": n.type,
        "events": list(n.events or []),
        "tags": list(n.tags or []),
        "enabled": n.enabled,
        "timeout": opts.get("timeout", 10),
        "retries": opts.get("retries", 2),
        "created_at": n.created_at,
        "updated_at": n.updated_at,
    }
    if plugin_types.is_plugin_type(n.type):
        return body | plugin_types.public_options(n.type, opts)
    if n.type == "email":
        body |= {
            "smtp_host": n.smtp_host,
            "smtp_port": n.smtp_port,
            "smtp_username": n.smtp_username,
            "has_smtp_password": bool(n.smtp_password_enc),
            "smtp_security": opts.get("smtp_security") or ("starttls" if n.smtp_starttls else "none"),
            "smtp_verify": opts.get("smtp_verify", True),
            "from_address": n.email_from,
            "to": list(n.email_to or []),
        }
    else:
        body["url"] = n.url_display
    return body


def _current(n: Notifier, keyring: Any) -> dict[str, Any]:
    """The notifier as the full (secret-bearing) field dict, for merging a PATCH."""
    opts = n.options or {}
    return {
        "name": n.name,
        "type": n.type,
        "url": stored_url(n, keyring),
        "events": list(n.events or []),
        "tags": list(n.tags or []),
        "enabled": n.enabled,
        "smtp_host": n.smtp_host,
        "smtp_port": n.smtp_port,
        "smtp_username": n.smtp_username,
        "smtp_password": keyring.decrypt(n.smtp_password_enc),
        "smtp_security": opts.get("smtp_security") or ("starttls" if n.smtp_starttls else "none"),
        "smtp_verify": opts.get("smtp_verify", True),
        "from_address": n.email_from,
        "to": list(n.email_to or []),
        "timeout": opts.get("timeout", 10),
        "retries": opts.get("retries", 2),
        # plugin options without secrets: an omitted secret keeps its stored value (see _apply)
        "options": dict(opts.get("plugin") or {}),
        "_stored_secrets": sorted((opts.get("plugin_secrets") or {}).keys()),
    }


def _validate(data: dict[str, Any]) -> None:
    problems: dict[str, str] = {}
    if not (data.get("name") or "").strip():
        problems["name"] = "is required"
    if data.get("type") not in plugin_types.all_type_names():
        problems["type"] = f"must be one of {', '.join(plugin_types.all_type_names())}"
    events = data.get("events") or []
    bad = [e for e in events if e not in EVENTS]
    if bad or not events:
        problems["events"] = f"must be a non-empty list of {', '.join(EVENTS)}"
    tag_problems = Problems()
    data["tags"] = clean_tag_names(data.get("tags") or [], tag_problems)
    if tag_problems.errors:
        problems["tags"] = " ".join(tag_problems.errors["tags"])
    if data.get("smtp_security", "starttls") not in SMTP_SECURITY:
        problems["smtp_security"] = f"must be one of {', '.join(SMTP_SECURITY)}"
    if not problems:
        try:
            validate_config(data["type"], data)
        except ValueError as exc:
            key = "options" if plugin_types.is_plugin_type(data["type"]) else (
                "url" if data["type"] != "email" else "smtp")
            problems[key] = str(exc)
    if problems:
        raise Invalid(problems)


def _apply(n: Notifier, data: dict[str, Any], keyring: Any) -> None:
    n.name, n.type, n.events, n.enabled = (
        data["name"].strip(),
        data["type"],
        list(data["events"]),
        bool(data.get("enabled", True)),
    )
    n.tags = list(data.get("tags") or [])
    previous = dict(n.options or {})
    n.options = {"timeout": data.get("timeout", 10), "retries": data.get("retries", 2)}
    if plugin_types.is_plugin_type(n.type):
        loaded = plugin_types.validate_options(n.type, data.get("options"), data.get("_stored_secrets", ()))
        kept = previous if previous.get("plugin_secrets") is not None else None
        n.options |= plugin_types.store(n.type, loaded, keyring, kept)
        store_url(n, None, keyring)
        n.smtp_host = n.smtp_port = n.smtp_username = n.smtp_password_enc = None
        n.email_from, n.email_to = None, []
    elif n.type == "email":
        store_url(n, None, keyring)
        n.smtp_host, n.smtp_port, n.smtp_username = (
            data.get("smtp_host"),
            data.get("smtp_port"),
            data.get("smtp_username"),
        )
        n.smtp_password_enc = keyring.encrypt(data.get("smtp_password"))
        security = data.get("smtp_security", "starttls")
        n.smtp_starttls = security == "starttls"
        n.options |= {"smtp_security": security, "smtp_verify": data.get("smtp_verify", True)}
        n.email_from, n.email_to = data.get("from_address"), list(data.get("to") or [])
    else:
        store_url(n, data.get("url"), keyring)
        n.smtp_host = n.smtp_port = n.smtp_username = n.smtp_password_enc = None
        n.email_from, n.email_to = None, []


def _unique(session: Session, name: str, exclude: int | None = None) -> None:
    other = session.scalars(select(Notifier).where(Notifier.name == name.strip())).first()
    if other is not None and other.id != exclude:
        raise Conflict(f"a notifier named {name!r} already exists")


def list_notifiers(session: Session) -> list[Notifier]:
    return list(session.scalars(select(Notifier).order_by(Notifier.name)))


def get_notifier(session: Session, notifier_id: int) -> Notifier:
    n = session.get(Notifier, notifier_id)
    if n is None:
        raise NotFound(f"notifier {notifier_id} not found")
    return n


def _changes(data: dict[str, Any]) -> dict[str, Any]:
    # Only fields that carry a value: a Slack notifier has no SMTP password to report as set.
    hidden = {*SECRET_FIELDS, "options"}
    return {k: ("(changed)" if k in hidden else v) for k, v in data.items() if v is not None}


def create_notifier(session: Session, data: dict[str, Any], keyring: Any, actor: Any) -> Notifier:
    data = {"enabled": True, "timeout": 10, "retries": 2, **data}
    _validate(data)
    _unique(session, data["name"])
    n = Notifier()
    _apply(n, data, keyring)
    session.add(n)
    session.flush()
    audit.record(session, actor, "create", "notifier", n.id, n.name, _changes(data))
    return n


def update_notifier(
    session: Session, notifier_id: int, patch: dict[str, Any], keyring: Any, actor: Any
) -> Notifier:
    n = get_notifier(session, notifier_id)
    merged = _current(n, keyring) | patch
    if patch.get("type") and patch["type"] != n.type and "url" not in patch and patch["type"] != "email":
        merged["url"] = patch.get("url")  # a URL is per service: switching type needs a new one
    _validate(merged)
    _unique(session, merged["name"], exclude=n.id)
    _apply(n, merged, keyring)
    audit.record(session, actor, "update", "notifier", n.id, n.name, _changes(patch))
    return n


def delete_notifier(session: Session, notifier_id: int, actor: Any) -> None:
    n = get_notifier(session, notifier_id)
    audit.record(session, actor, "delete", "notifier", n.id, n.name)
    session.delete(n)


def send_test(session: Session, notifier_id: int, keyring: Any) -> dict[str, Any]:
    """Deliver a test message now (synchronously) and record the delivery.

    The answer is only ``delivered`` or ``failed: <category>`` (a fixed phrase such as ``not
    reachable`` or ``address not allowed``): socket errors and timings would let the endpoint
    tell closed, filtered and open ports apart.
    """

    n = get_notifier(session, notifier_id)
    message = Notification(
        "test",
        f"Test notification from NetRaven ({n.name})",
        "If you can read this, the notifier works.",
        {"notifier": n.name},
    )
    opts = n.options or {}
    outcome = deliver(
        n.type, sender_config(n, keyring), message, timeout=float(opts.get("timeout", 10)), retries=0
    )
    result = "delivered" if outcome.ok else f"failed: {outcome.category or 'delivery error'}"
    session.add(
        NotificationDelivery(
            notifier_id=n.id,
            event="test",
            status="sent" if outcome.ok else "failed",
            attempts=outcome.attempts,
            last_error=None if outcome.ok else result,
            payload=message.as_payload(),
        )
    )
    return {"ok": outcome.ok, "result": result}


def deliveries(session: Session, notifier_id: int, limit: int = 100) -> list[NotificationDelivery]:
    get_notifier(session, notifier_id)
    return list(
        session.scalars(
            select(NotificationDelivery)
            .where(NotificationDelivery.notifier_id == notifier_id)
            .order_by(NotificationDelivery.id.desc())
            .limit(limit)
        )
    )
