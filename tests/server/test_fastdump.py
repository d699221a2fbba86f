"""The fast dumping path of :class:`ObjectSchema` gives exactly marshmallow's output."""

from __future__ import annotations

from datetime import UTC, datetime

from marshmallow import Schema, fields

from netraven_server.api.devices import DeviceSchema
from netraven_server.api.fastdump import ObjectSchema
from netraven_server.db.models import Device, Tag


def _marshmallow(schema: Schema, obj):
    return Schema._serialize(schema, obj)  # marshmallow's own generic accessor path


def _devices() -> list[Device]:
    when = datetime(2026, 3, 4, 5, 6, 7, 890123, tzinfo=UTC)
    plain = Device(id=1, hostname="r1", host="10.0.0.1", port=22, platform="cisco_ios", vars={},
                   transport="ssh", sections=False, enabled=True)
    full = Device(id=2, hostname="r2", host="r2.example", port=23, platform="cisco_ios", driver="x",
                  vars={"site": "a", "n": [1, 2]}, transport="telnet", sections=True, enabled=False,
                  description="core", host_key="ssh-ed25519 AAAA", last_status="failed",
                  last_error_category="auth", last_backup_at=when, last_success_at=when.replace(tzinfo=None),
                  last_changed_at=when, reachable=False, last_reachability_at=when, retired_at=None,
                  created_at=when, updated_at=when, tags=[Tag(name="core"), Tag(name="edge")])
    full.save_warnings = ["address r2.example:23 is also used by r9"]
    return [plain, full]


def test_device_schema_dumps_as_marshmallow_does():
    schema = DeviceSchema()
    for device in _devices():
        assert schema.dump(device) == _marshmallow(schema, device)
    assert schema.dump(_devices(), many=True) == [_marshmallow(schema, d) for d in _devices()]


def test_mappings_and_unplannable_fields_go_through_marshmallow():
    class Dotted(ObjectSchema):
        name = fields.String(attribute="tag.name")
        size = fields.Integer(dump_default=7)

    class Obj:
        tag = Tag(name="core")

    schema = Dotted()
    assert schema.dump(Obj()) == {"name": "core", "size": 7}
    assert DeviceSchema().dump({"hostname": "r1", "tags": ["a"], "transport": "telnet"})["tags"] == ["a"]


def test_missing_attributes_are_left_out():
    class Partial(ObjectSchema):
        a = fields.String()
        b = fields.String(data_key="B")

    class Obj:
        b = "x"

    assert Partial().dump(Obj()) == {"B": "x"}
