"""``/api/runs/<id>/cancel``, ``/retry`` and ``/events`` (live progress, Server-Sent Events)."""

from __future__ import annotations

from flask import Response, request, stream_with_context
from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, fields

from ..security import permissions
from ..security.permissions import ANY, WRITE
from ..service import lifecycle as run_ops
from ..services import runs as run_service
from ..services.errors import Conflict
from ..services.run_stream import run_events
from .common import actor, session, state

blp = Blueprint("run_actions", __name__, url_prefix="/api/runs", description="Run control and live progress")

permissions.register("run_actions.RunCancel", "POST", WRITE)
permissions.register("run_actions.RunRetry", "POST", WRITE)
permissions.register("run_actions.RunEvents", "GET", ANY)


class CancelledSchema(Schema):
    run_id = fields.Integer()
    status = fields.String()
    cancelled_devices = fields.Integer()


class RetryStartedSchema(Schema):
    run_id = fields.Integer(metadata={"description": "the new run"})
    retry_of = fields.Integer()
    status = fields.String()
    devices = fields.Integer()
    dispatched = fields.Boolean()


@blp.route("/<id:run_id>/cancel")
class RunCancel(MethodView):
    @blp.response(200, CancelledSchema)
    def post(self, run_id):
        """Cancel a pending or running run: devices not started are cancelled; devices in
        progress finish their current attempt."""
        sess = session()
        run_service.get_run(sess, run_id)
        try:
            run = run_ops.cancel_run(sess, run_id, by=actor().username)
        except run_ops.RunError as exc:
            raise Conflict(str(exc)) from None
        counts = run_ops.counts(sess, run_id)
        return {"run_id": run.id, "status": run.status, "cancelled_devices": counts.get("cancelled", 0)}


@blp.route("/<id:run_id>/retry")
class RunRetry(MethodView):
    @blp.response(202, RetryStartedSchema)
    def post(self, run_id):
        """Start a new run over only the devices that failed in this one."""
        sess = session()
        run_service.get_run(sess, run_id)
        try:
            run = run_ops.retry_failed(sess, run_id, requested_by=actor().username)
        except run_ops.RunError as exc:
            raise Conflict(str(exc)) from None
        new_id, total = run.id, run.total
        sess.commit()  # the workers must see the run before it is dispatched
        dispatched = run_service.dispatch(new_id)
        return {"run_id": new_id, "retry_of": run_id, "status": "pending", "devices": total,
                "dispatched": dispatched}


@blp.route("/<id:run_id>/events")
class RunEvents(MethodView):
    @blp.doc(responses={"200": {"description": "text/event-stream: run, result, log and end events"}})
    def get(self, run_id):
        """Follow a run live (Server-Sent Events).  Resume with ``Last-Event-ID``."""
        run_service.get_run(session(), run_id)
        try:
            last = int(request.headers.get("Last-Event-ID") or request.args.get("last_event_id") or 0)
        except ValueError:
            last = 0
        db = state().db
        stream = run_events(db, run_id, last_log_id=max(0, last))
        return Response(stream_with_context(stream), mimetype="text/event-stream",
                        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})
