"""``/api/remotes``: git remotes the configuration repository is pushed to (admin only).
Tokens and SSH keys are write-only; each remote shows its push status and last error."""

from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, fields

from ..remotes import manage as svc
from ..remotes.pushing import push_remote
from .common import actor, session, state
from .fields import Str

blp = Blueprint("remotes", __name__, url_prefix="/api/remotes",
                description="Git remotes (pushed after each run; secrets are write-only)")


class RemoteSchema(Schema):
    id = fields.Integer()
    name = fields.String()
    url = fields.String(metadata={"description": "without credentials"})
    kind = fields.String(metadata={"description": "https, ssh or local"})
    branch = fields.String(allow_none=True)
    username = fields.String(allow_none=True)
    ssh_key_path = fields.String(allow_none=True)
    enabled = fields.Boolean()
    secret_set = fields.String(allow_none=True,
                               metadata={"description": "token or ssh_key when one is stored"})
    status = fields.String(metadata={"description": "ok, failing, never_pushed or disabled"})
    last_attempt_at = fields.DateTime(allow_none=True)
    last_success_at = fields.DateTime(allow_none=True)
    last_error = fields.String(allow_none=True)
    failures = fields.Integer(metadata={"description": "consecutive failed pushes"})
    next_attempt_at = fields.DateTime(allow_none=True, metadata={"description": "after the backoff"})
    pushed_commit = fields.String(allow_none=True)
    created_at = fields.DateTime()
    updated_at = fields.DateTime()


class RemoteWriteSchema(Schema):
    name = Str(max_length=64, min_length=1)
    url = Str(max_length=1024, min_length=1)
    branch = Str(allow_none=True, max_length=128, metadata={"description": "default: the local branch"})
    username = Str(allow_none=True, max_length=128, metadata={"description": "HTTPS user for the token"})
    token = Str(load_only=True, allow_none=True, max_length=4096, metadata={"description": "HTTPS token"})
    ssh_key = Str(load_only=True, allow_none=True, max_length=16384,
                  metadata={"description": "SSH private key (PEM/OpenSSH), stored encrypted"})
    ssh_key_path = Str(allow_none=True, max_length=1024,
                       metadata={"description": "or a key file on the server"})
    clear_secret = fields.Boolean(load_only=True)
    enabled = fields.Boolean()


class RemoteCreateSchema(RemoteWriteSchema):
    name = Str(required=True, max_length=64, min_length=1)
    url = Str(required=True, max_length=1024, min_length=1)


class PushResultSchema(Schema):
    outcome = fields.String(allow_none=True, metadata={"description": "ok, failed, or null (busy/disabled)"})
    remote = fields.Nested(RemoteSchema)


@blp.route("")
class Remotes(MethodView):
    @blp.response(200, RemoteSchema(many=True))
    def get(self):
        """Every remote with its push status."""
        return [svc.public(r) for r in svc.list_remotes(session())]

    @blp.arguments(RemoteCreateSchema)
    @blp.response(201, RemoteSchema)
    def post(self, data):
        """Add a remote; it is pushed after the next run (or now with ``POST .../push``)."""
        return svc.public(svc.create_remote(session(), data, state().keyring, actor()))


@blp.route("/<id:remote_id>")
class RemoteById(MethodView):
    @blp.response(200, RemoteSchema)
    def get(self, remote_id):
        """One remote."""
        return svc.public(svc.get_remote(session(), remote_id))

    @blp.arguments(RemoteWriteSchema)
    @blp.response(200, RemoteSchema)
    def patch(self, data, remote_id):
        """Change a remote; a secret left out is kept."""
        return svc.public(svc.update_remote(session(), remote_id, data, state().keyring, actor()))

    @blp.response(204)
    def delete(self, remote_id):
        """Forget a remote (the remote repository itself is left alone)."""
        svc.delete_remote(session(), remote_id, actor())


@blp.route("/<id:remote_id>/push")
class RemotePush(MethodView):
    @blp.response(200, PushResultSchema)
    def post(self, remote_id):
        """Push now, ignoring the backoff; answers when the push is done."""
        sess = session()
        svc.get_remote(sess, remote_id)
        sess.commit()
        outcome = push_remote(state(), remote_id, force=True)
        sess.expire_all()
        return {"outcome": outcome, "remote": svc.public(svc.get_remote(sess, remote_id))}
