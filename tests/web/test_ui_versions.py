"""Version navigation and retired devices in the UI (Flask test client): "version N of host",
previous/next, diff with previous, change anchors, raw and patch downloads, highlighted search
matches; remove (retire), the retired list, restore, and the admins' purge with confirmation."""

from __future__ import annotations

import re

from netraven_core.models import ConfigToStore

BASE = "\n".join(f"interface Gi0/{i}\n description port {i}\n!" for i in range(40)) + "\nend\n"
V2 = BASE.replace("description port 3\n", "description port 3 <uplink> & more\n")
LEFT = "\N{SINGLE LEFT-POINTING ANGLE QUOTATION MARK}"
RIGHT = "\N{SINGLE RIGHT-POINTING ANGLE QUOTATION MARK}"
V3 = V2.replace("description port 30\n", "description port 30 to core\n shutdown\n")


def _device_with_versions(app, hostname="sw1", texts=(BASE, V2, V3)) -> tuple[int, list[int]]:
    from netraven_server.services import configs, devices

    state = app.extensions["netraven"]
    with state.db.session() as s:
        device = devices.create_device(s, {"hostname": hostname, "platform": "cisco_ios", "tags": ["core"]})
        ids = []
        for text in texts:
            infos = state.storage.save([ConfigToStore(hostname, text)])
            ids.append(configs.record_versions(s, infos, {hostname: device.id})[hostname].id)
        return device.id, ids


def test_config_view_numbers_and_links_the_versions(app, browser):
    _device_with_versions(app, "other", (BASE,))  # version ids of sw1 no longer start at 1
    device_id, (v1, v2, v3) = _device_with_versions(app)
    b = browser("viewer")
    html = b.get(f"/configs/{v2}").get_data(as_text=True)
    assert re.search(r'id="version-title">Version 2 of <a href="/devices/\d+">sw1</a>', html)
    assert "<title>sw1 version 2" in html and "version 2 of 3" in html
    assert f'id="prev-version" rel="prev" href="/configs/{v1}">{LEFT} Version 1<' in html
    assert f'id="next-version" rel="next" href="/configs/{v3}">Version 3 {RIGHT}<' in html
    assert f'id="diff-previous" href="/diff?from_id={v1}&amp;to_id={v2}"' in html
    first = b.get(f"/configs/{v1}").get_data(as_text=True)
    assert "first version" in first and 'id="prev-version"' not in first and 'id="diff-previous"' not in first
    assert "latest version" in b.get(f"/configs/{v3}").get_data(as_text=True)
    detail = b.get(f"/devices/{device_id}").get_data(as_text=True)
    assert f'href="/diff?from_id={v2}&amp;to_id={v3}" class="diff-previous"' in detail
    assert f'<a href="/configs/{v3}">3</a>' in detail and f'<a href="/configs/{v1}">1</a>' in detail


def test_diff_change_anchors_and_downloads(app, browser):
    _, (v1, v2, v3) = _device_with_versions(app)
    b = browser("viewer")
    html = b.get(f"/diff?from_id={v1}&to_id={v3}").get_data(as_text=True)
    assert 'data-changes="2"' in html and 'id="change-1"' in html and 'id="change-2"' in html
    assert 'id="uchange-1"' in html and 'id="uchange-2"' in html and 'id="change-3"' not in html
    assert "version 1</a> of sw1" in html and "version 3</a> of sw1" in html
    assert '<script src="/ui/assets/diffnav.js" defer></script>' in html
    assert f'id="download-patch" href="/diff/patch?from_id={v1}&amp;to_id={v3}"' in html
    assert "&lt;uplink&gt; &amp; more" in html and "<uplink>" not in html
    patch = b.get(f"/diff/patch?from_id={v1}&to_id={v3}")
    assert patch.status_code == 200 and patch.mimetype == "text/x-diff"
    assert patch.headers["Content-Disposition"] == 'attachment; filename="sw1-v1-v3.patch"'
    text = patch.get_data(as_text=True)
    assert text.startswith("--- sw1@") and "\n+++ sw1@" in text and text.endswith("\n")
    assert "\n- description port 3\n+ description port 3 <uplink> & more\n" in text
    assert "\n+ shutdown\n" in text
    raw = b.get(f"/configs/{v2}/raw")
    assert raw.mimetype == "text/plain" and raw.get_data(as_text=True) == V2
    disposition = raw.headers["Content-Disposition"]
    assert re.fullmatch(r'attachment; filename="sw1-v2-\d{8}T\d{6}Z\.cfg"', disposition)
    assert b.get(f"/diff/patch?from_id=x&to_id={v1}").status_code == 400
    assert b.get(f"/diff/patch?from_id={v1}&to_id=999999").status_code == 404
    assert browser().get(f"/diff/patch?from_id={v1}&to_id={v3}").status_code in (302, 401)


def test_search_marks_the_match_and_escapes_the_rest(app, browser):
    _device_with_versions(app)
    b = browser("viewer")
    html = b.get("/search?q=<uplink>").get_data(as_text=True)
    assert ' description port 3 <mark class="hit">&lt;uplink&gt;</mark> &amp; more</td>' in html
    assert "version 3</a> of" in html
    regex = b.get("/search?q=port 3[0-9]&regex=on").get_data(as_text=True)
    assert ' description <mark class="hit">port 30</mark> to core</td>' in regex
    assert ' description <mark class="hit">port 39</mark></td>' in regex


def test_remove_restore_and_purge_a_device(app, browser):
    device_id, (v1, _v2, v3) = _device_with_versions(app)
    op = browser("operator")
    confirm = op.get(f"/devices/{device_id}/delete").get_data(as_text=True)
    assert "Remove device sw1?" in confirm and "can be restored" in confirm
    assert op.post(f"/devices/{device_id}/delete").status_code == 302
    listing = op.get("/devices").get_data(as_text=True)
    assert ">sw1</a>" not in listing and 'id="show-retired"' in listing
    retired = op.get("/devices?retired=1").get_data(as_text=True)
    assert "Retired devices" in retired and ">sw1</a>" in retired and ">Restore</button>" in retired
    # Read-only history: the device page says so, versions and diffs still open.
    detail = op.get(f"/devices/{device_id}").get_data(as_text=True)
    assert 'id="retired-notice"' in detail and 'id="restore-device"' in detail
    assert 'id="backup-now"' not in detail and "/edit" not in detail
    assert f"/devices/{device_id}/purge" not in detail  # operators cannot purge
    assert op.get(f"/configs/{v1}").status_code == 200
    assert op.get(f"/diff?from_id={v1}&to_id={v3}").status_code == 200
    assert op.get(f"/devices/{device_id}/edit").status_code == 409
    assert op.post(f"/devices/{device_id}/backup").status_code == 409
    assert op.get(f"/devices/{device_id}/purge").status_code == 403
    # Restore, then refuse a restore while another active device holds the name.
    assert op.post(f"/devices/{device_id}/restore").status_code == 302
    assert ">sw1</a>" in op.get("/devices").get_data(as_text=True)
    op.post(f"/devices/{device_id}/delete")
    form = {"hostname": "sw1", "platform": "cisco_ios", "enabled": "on"}
    assert op.post("/devices/new", form).status_code == 302
    refused = op.post(f"/devices/{device_id}/restore")
    assert refused.status_code == 409
    assert "rename or retire that device first" in refused.get_data(as_text=True)

    admin = browser("admin")
    dialog = admin.get(f"/devices/{device_id}/purge?partial=1").get_data(as_text=True)
    assert "<html" not in dialog and "Type the hostname" in dialog and "stay in the storage backend" in dialog
    wrong = admin.post(f"/devices/{device_id}/purge", {"confirm": "sw2"})
    assert wrong.status_code == 422 and "type the device&#39;s hostname" in wrong.get_data(as_text=True)
    assert admin.get(f"/configs/{v1}").status_code == 200  # nothing removed
    done = admin.post(f"/devices/{device_id}/purge", {"confirm": "sw1"})
    assert done.status_code == 302 and done.headers["Location"] == "/devices?retired=1"
    flashed = admin.get("/devices?retired=1").get_data(as_text=True)
    assert "Device sw1 purged: 3 version record(s) removed" in flashed and ">sw1</a>" not in flashed
    assert admin.get(f"/configs/{v1}").status_code == 404
    assert admin.get(f"/devices/{device_id}").status_code == 404
