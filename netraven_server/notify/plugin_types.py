"""Notifier types contributed by plugins (``netraven_notifier_types`` hook), beside the server's
built-in webhook/slack/teams/email senders.

A plugin notifier class may declare ``options_schema``: a marshmallow ``Schema`` class whose
fields are its options; a field with ``metadata={"secret": True}`` is a secret (stored
Fernet-encrypted with the server's key ring, never returned, like the SMTP password).  The API
lists every type with its options (``GET /api/notifiers/types``), validates against the schema
and the UI renders a form from the same description.

Stored on the notifier row: ``options["plugin"]`` (the plain options) and
``options["plugin_secrets"]`` (name -> encrypted value).  Delivery instantiates the class with
the decrypted options and hands it a :class:`netraven_core.models.Event`.
"""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, ValidationError, fields, validate

from netraven_core.models import Event, EventType
from netraven_core.webhook import DeliveryError

from ..services import catalogue
from .messages import Notification

BUILTIN = ("webhook", "slack", "teams", "email")  # the server's own senders (senders.TYPES)

# Server events -> the core's event types a plugin notifier understands.  ``stale_backup`` is a
# device problem, ``run_failed`` the end of a run, ``test`` a finished (no-op) run.
EVENT_MAP = {"config_changed": EventType.CONFIG_CHANGED, "device_failed": EventType.DEVICE_FAILED,
             "stale_backup": EventType.DEVICE_FAILED, "run_failed": EventType.RUN_FINISHED,
             "test": EventType.RUN_FINISHED, "compliance_failed": EventType.DEVICE_FAILED,
             "compliance_fixed": EventType.CONFIG_CHANGED}

_KINDS = {fields.String: "string", fields.Integer: "integer", fields.Float: "number",
          fields.Boolean: "boolean", fields.Email: "string", fields.URL: "string",
          fields.List: "array", fields.Dict: "object"}


def plugin_classes() -> dict[str, type]:
    """Plugin notifier classes by name (a plugin cannot shadow a server sender's name here)."""
    return {name: cls for name, cls in catalogue.registry().notifier_types.items() if name not in BUILTIN}


def is_plugin_type(name: str | None) -> bool:
    return bool(name) and name in plugin_classes()


def all_type_names() -> list[str]:
    return [*BUILTIN, *sorted(plugin_classes())]


def _schema(cls: type) -> Schema | None:
    schema = getattr(cls, "options_schema", None)
    if schema is None:
        return None
    return schema() if isinstance(schema, type) else schema


def _kind(field: fields.Field) -> str:
    for ftype, kind in _KINDS.items():
        if isinstance(field, ftype):
            return kind
    return "string"


def describe_options(cls: type) -> list[dict[str, Any]]:
    """The options of a notifier class as form/API descriptions."""
    return describe_schema(_schema(cls))


def describe_schema(schema: Schema | type | None) -> list[dict[str, Any]]:
    """The fields of a marshmallow schema (class or instance) as form/API option descriptions;
    shared by notifier, inventory-source and job types."""
    if schema is None:
        return []
    if isinstance(schema, type):
        schema = schema()
    out = []
    for name, field in schema.fields.items():
        meta = field.metadata or {}
        choices = next((list(v.choices) for v in field.validators if isinstance(v, validate.OneOf)), None)
        default = field.load_default
        # What a list holds and what a mapping maps to, for the UI's inputs (None: anything).
        inner = getattr(field, "inner", None) if isinstance(field, fields.List) else None
        values = getattr(field, "value_field", None) if isinstance(field, fields.Dict) else None
        out.append({"name": name, "type": _kind(field), "required": bool(field.required),
                    "secret": bool(meta.get("secret")), "description": meta.get("description", ""),
                    "choices": choices, "items": _kind(inner) if inner is not None else None,
                    "values": _kind(values) if values is not None else None,
                    "default": default if isinstance(default, str | int | float | bool) else None})
    return out


def describe_types() -> list[dict[str, Any]]:
    """Every notifier type: the built-in senders and each plugin's, with its options."""
    builtin_opts = {
        "webhook": [{"name": "url", "type": "string", "required": True, "secret": True,
                     "description": "http(s) URL receiving the JSON event", "choices": None,
                     "default": None}],
        "email": [{"name": n, "type": "string", "required": n in ("smtp_host", "to"),
                   "secret": n == "smtp_password", "description": "", "choices": None, "default": None}
                  for n in ("smtp_host", "smtp_port", "smtp_username", "smtp_password", "smtp_security",
                            "from_address", "to")]}
    builtin_opts["slack"] = builtin_opts["teams"] = builtin_opts["webhook"]
    types = [{"name": n, "source": "builtin", "description": f"built-in {n} sender",
              "options": builtin_opts[n]} for n in BUILTIN]
    for name, cls in sorted(plugin_classes().items()):
        doc = (cls.__doc__ or "").strip().splitlines()
        types.append({"name": name, "source": "plugin", "plugin": cls.__module__,
                      "description": doc[0] if doc else "", "options": describe_options(cls)})
    return types


def validate_options(ntype: str, options: dict[str, Any] | None, stored_secrets=()) -> dict[str, Any]:
    """The loaded options of a plugin notifier; ``ValueError`` naming the bad option otherwise.
    Secrets already stored (``stored_secrets``) may be left out: they are kept."""
    options = dict(options or {})
    schema = _schema(plugin_classes()[ntype])
    if schema is None:
        if options:
            raise ValueError(f"notifier type {ntype!r} takes no options (got {', '.join(sorted(options))})")
        return {}
    try:
        return schema.load(options, partial=tuple(s for s in stored_secrets if s not in options))
    except ValidationError as exc:
        msgs = exc.messages_dict if isinstance(exc.messages, dict) else {"options": exc.messages}
        raise ValueError("; ".join(f"options.{k}: {' '.join(map(str, v)) if isinstance(v, list) else v}"
                                   for k, v in msgs.items())) from None


def secret_names(ntype: str) -> set[str]:
    return {o["name"] for o in describe_options(plugin_classes()[ntype]) if o["secret"]}


def store(ntype: str, loaded: dict[str, Any], keyring: Any, previous: dict[str, Any] | None = None
          ) -> dict[str, Any]:
    """Split loaded options into plain and encrypted parts for the row's ``options`` JSON.
    A secret left out keeps its stored value (PATCH and the UI's blank field)."""
    secrets = secret_names(ntype)
    kept = dict((previous or {}).get("plugin_secrets") or {})
    plain = {k: v for k, v in loaded.items() if k not in secrets}
    enc = {**{k: v for k, v in kept.items() if k in secrets},
           **{k: keyring.encrypt(str(v)) for k, v in loaded.items() if k in secrets and v not in (None, "")}}
    return {"plugin": plain, "plugin_secrets": enc}


def public_options(ntype: str, stored: dict[str, Any]) -> dict[str, Any]:
    """What the API shows: the plain options and which secrets are set (never their values)."""
    return {"options": dict(stored.get("plugin") or {}),
            "secrets_set": sorted((stored.get("plugin_secrets") or {}).keys())}


def sender_options(stored: dict[str, Any], keyring: Any) -> dict[str, Any]:
    """Plain plus decrypted secret options, for delivery only."""
    return {**(stored.get("plugin") or {}),
            **{k: keyring.decrypt(v) for k, v in (stored.get("plugin_secrets") or {}).items()}}


def send(ntype: str, options: dict[str, Any], n: Notification) -> None:
    """One delivery attempt to a plugin notifier; raises :class:`DeliveryError`."""
    event = Event(type=EVENT_MAP.get(n.event, EventType.RUN_FINISHED),
                  run_id=str(n.data.get("run_id") or ""), hostname=n.data.get("hostname"), diff=n.diff)
    try:
        notifier = plugin_classes()[ntype](**options)
        handler = getattr(notifier, "notify_server", None)
        if callable(handler):  # a plugin that wants the server's full message
            handler(n.as_payload())
        else:
            notifier.notify(event)
    except Exception as exc:
        # The exception text may echo an option (a token): report only its type.
        raise DeliveryError(f"plugin notifier {ntype!r} failed: {type(exc).__name__}",
                            category="plugin error") from None
