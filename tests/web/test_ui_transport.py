"""The device form's transport and sections fields, the telnet clear-text warning on the form and
the device page, and the job form's option to store no sections."""

from __future__ import annotations

from netraven_server.db.models import Device, Job


def test_device_form_transport_sections_and_the_telnet_warning(app, browser):
    b = browser("operator")
    form_html = b.get("/devices/new").get_data(as_text=True)
    assert 'name="transport"' in form_html and 'name="sections"' in form_html
    assert "clear text" in form_html  # said before anyone picks telnet
    form = {"hostname": "old-sw", "host": "10.0.0.9", "platform": "cisco_ios", "transport": "telnet",
            "sections_shown": "1"}
    response = b.post("/devices/new", form)  # sections box unchecked
    assert response.status_code == 302
    with app.extensions["netraven"].db.session() as s:
        dev = s.query(Device).filter_by(hostname="old-sw").one()
        assert (dev.transport, dev.port, dev.sections) == ("telnet", 23, False)
        dev_id = dev.id
    page = b.get(f"/devices/{dev_id}").get_data(as_text=True)
    assert 'id="telnet-warning"' in page and "clear text" in page and "off (configuration only)" in page
    response = b.post(f"/devices/{dev_id}/edit", {**form, "transport": "ssh", "sections": "on"})
    assert response.status_code == 302
    page = b.get(f"/devices/{dev_id}").get_data(as_text=True)
    assert 'id="telnet-warning"' not in page and ":22<" in page
    bad = b.post("/devices/new", {"hostname": "xr1", "platform": "cisco_xr", "transport": "telnet"})
    assert bad.status_code == 422 and "not reachable over telnet" in bad.get_data(as_text=True)


def test_job_form_can_turn_sections_off(app, browser):
    b = browser("operator")
    assert 'name="opt_no_sections"' in b.get("/jobs/new").get_data(as_text=True)
    b.post("/devices/new", {"hostname": "sw1", "platform": "cisco_ios", "tags_new": "core"})
    response = b.post("/jobs/new", {"name": "nightly", "job_type": "backup", "schedule_type": "manual",
                                    "tags": "core", "opt_no_sections": "on"})
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    with app.extensions["netraven"].db.session() as s:
        assert s.query(Job).filter_by(name="nightly").one().options == {"sections": False}
