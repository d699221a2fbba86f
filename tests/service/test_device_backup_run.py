"""A one-device backup triggered by ``POST /api/devices/<id>/backup`` against a simulated device
(Huey in immediate mode, so the backup runs inside the request): the version it stores carries
``changed_by``, shown in the history and the diff."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from netraven_server.db.models import Device

from .test_service_api import api  # noqa: F401 - the app-with-simulator fixture

pytestmark = pytest.mark.integration


def test_backup_trigger_records_changed_by_on_the_version(api):  # noqa: F811
    client, app = api
    state = app.extensions["netraven"]
    with state.db.session(readonly=True) as s:
        device_id = s.scalars(select(Device.id).order_by(Device.hostname)).first()
    started = client.call("POST", f"/api/devices/{device_id}/backup", 202, as_="operator",
                          json={"changed_by": "alice"}).get_json()
    run = client.call("GET", f"/api/runs/{started['run_id']}", 200).get_json()
    assert run["status"] == "success" and run["total"] == 1 and run["trigger"] == "api"
    history = client.call("GET", f"/api/devices/{device_id}/configs", 200).get_json()["items"]
    assert len(history) == 1 and history[0]["changed_by"] == "alice"
    # The device is free again: a second trigger (no change on the device) stores nothing new.
    client.call("POST", f"/api/devices/{device_id}/backup", 202, json={})
    assert len(client.call("GET", f"/api/devices/{device_id}/configs", 200).get_json()["items"]) == 1
