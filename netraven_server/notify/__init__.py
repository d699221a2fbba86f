"""Server-side notifications: message builders, senders (webhook, Slack, Teams, SMTP e-mail) and
the dispatcher that delivers an event to every subscribed notifier and records the outcome.
``addresspolicy`` and ``outbound`` decide and make the connections (no metadata, loopback or
private addresses unless allowed, no redirects); ``stored_url`` keeps URLs encrypted."""

from .messages import EVENTS, Notification
from .senders import TYPES, DeliveryOutcome, deliver, validate_config

__all__ = ["EVENTS", "TYPES", "DeliveryOutcome", "Notification", "deliver", "validate_config"]
