"""``/api/system``: service status and the platform catalogue."""

from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, fields

from ..remotes.status import remote_status
from ..service.status import service_status
from ..services import catalogue, storage_health
from ..services import system as svc
from ..syslog.status import syslog_status
from .common import session, state

blp = Blueprint("system", __name__, url_prefix="/api/system", description="Status and catalogue")


class StatusSchema(Schema):
    version = fields.String()
    time = fields.DateTime()
    database = fields.Dict()
    storage = fields.Dict()
    counts = fields.Dict(keys=fields.String(), values=fields.Integer())
    devices_by_status = fields.Dict(keys=fields.String(), values=fields.Integer())
    runs_last_24h = fields.Dict(keys=fields.String(), values=fields.Integer())
    workers = fields.List(fields.Dict())
    queue = fields.Dict()  # the scheduled service (netraven_server.service.status)
    scheduler = fields.Dict()
    service = fields.Dict()
    remotes = fields.List(fields.Dict(), metadata={"description": "git remotes and their push status"})
    syslog = fields.Dict(allow_none=True, metadata={
        "description": "the syslog receiver: where it listens, its counters, whether it reported lately"})


class PlatformSchema(Schema):
    name = fields.String()
    vendor = fields.String()
    description = fields.String()
    default_driver = fields.String()
    drivers = fields.Function(lambda p: sorted(p.drivers), metadata={"type": "array",
                                                                     "items": {"type": "string"}})
    transports = fields.Function(lambda p: list(p.transports),
                                 metadata={"type": "array", "items": {"type": "string"},
                                           "description": "what a device's transport may be"})
    sections = fields.Function(lambda p: [s.name for s in p.sections],
                               metadata={"type": "array", "items": {"type": "string"},
                                         "description": "hardware/software sections collected"})


@blp.route("/status")
class Status(MethodView):
    @blp.response(200, StatusSchema)
    def get(self):
        """Versions, database revision, counts, workers and the last day's runs."""
        st = state()
        rev = st.revision()
        body = svc.status(session(), database_backend=st.db.engine.dialect.name, revision=rev["revision"],
                          head=rev["head"], storage_backend=st.settings.storage_backend)
        body["storage"].update(storage_health.check(session(), st.settings.configs_dir))
        for worker in body["workers"]:
            for key in ("started_at", "heartbeat_at"):
                worker[key] = worker[key].isoformat() if worker[key] else None
        body["remotes"] = remote_status(session(), st.settings.configs_dir)
        body["syslog"] = syslog_status(session())
        return body | service_status(session())


@blp.route("/platforms")
class Platforms(MethodView):
    @blp.response(200, PlatformSchema(many=True))
    def get(self):
        """The platform catalogue (what a device's ``platform`` may be)."""
        return sorted(catalogue.registry().platforms.values(), key=lambda p: p.name)
