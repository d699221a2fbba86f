"""Version navigation in a real browser (headless Chromium, Playwright) against a live server:
previous/next version, "diff with previous", then next/previous change with the buttons and the
n / p keys in both diff views, the patch download; then removing the device and purging it in
its confirmation dialog.  Any script error or CSP violation fails the test."""

from __future__ import annotations

import re

import pytest

from tests.support.services import require_chromium
from tests.web.live import CHROMIUM_ARGS, USERS, live_server

pytestmark = [pytest.mark.integration, pytest.mark.browser, pytest.mark.timeout(300)]

BASE = "\n".join(f"interface Gi0/{i}\n description port {i}\n switchport access vlan 10\n!"
                 for i in range(150)) + "\nend\n"
V2 = BASE.replace("description port 5\n", "description port 5 to core\n")
# Two changes far apart (folded lines between them), so moving between them scrolls the page.
V3 = V2.replace("description port 20\n", "description port 20 spare\n").replace(
    "description port 140\n", "description port 140\n shutdown\n")


def _seed(server) -> list[int]:
    from netraven_core.models import ConfigToStore
    from netraven_server.services import configs, devices

    state = server.app.extensions["netraven"]
    with state.db.session() as s:
        device = devices.create_device(s, {"hostname": "sw1", "platform": "cisco_ios"})
        ids = []
        for text in (BASE, V2, V3):
            infos = state.storage.save([ConfigToStore("sw1", text)])
            ids.append(configs.record_versions(s, infos, {"sw1": device.id})["sw1"].id)
    return ids


def _in_view(page, selector: str) -> bool:
    return page.eval_on_selector(selector, "el => { const r = el.getBoundingClientRect();"
                                           " return r.top >= 0 && r.bottom <= window.innerHeight; }")


def test_previous_next_and_next_change(tmp_path):
    from playwright.sync_api import expect, sync_playwright

    chromium = require_chromium()
    expect.set_options(timeout=30_000)
    with live_server(tmp_path / "data", workers=1) as server, sync_playwright() as pw:
        v1, v2, v3 = _seed(server)
        browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        page = browser.new_context(viewport={"width": 1280, "height": 720}).new_page()
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.goto(server.url + "/login")
        page.fill("input[name=username]", USERS["admin"][0])
        page.fill("input[name=password]", USERS["admin"][1])
        page.click("button[type=submit]")
        page.wait_for_url(server.url + "/")

        # previous / next version
        page.goto(f"{server.url}/configs/{v1}")
        expect(page.locator("#version-title")).to_contain_text("Version 1 of sw1")
        expect(page.locator("#prev-version")).to_have_count(0)
        page.click("#next-version")
        page.wait_for_url(f"{server.url}/configs/{v2}")
        expect(page.locator("#version-title")).to_contain_text("Version 2 of sw1")
        page.click("#next-version")
        page.wait_for_url(f"{server.url}/configs/{v3}")
        expect(page.locator("#version-title")).to_contain_text("Version 3 of sw1")
        expect(page.locator("#next-version")).to_have_count(0)
        page.click("#prev-version")
        page.wait_for_url(f"{server.url}/configs/{v2}")
        page.click("#next-version")
        page.wait_for_url(f"{server.url}/configs/{v3}")

        # diff with previous: version 2 -> 3, two changes
        page.click("#diff-previous")
        page.wait_for_url(re.compile(rf".*/diff\?from_id={v2}&to_id={v3}$"))
        expect(page.locator("#change-pos")).to_contain_text("2 changes")
        page.click("#next-change")
        expect(page.locator("#change-1")).to_have_class(re.compile(r"\bcurrent-change\b"))
        expect(page.locator("#change-pos")).to_contain_text("change 1 of 2")
        page.click("#next-change")
        expect(page.locator("#change-2")).to_have_class(re.compile(r"\bcurrent-change\b"))
        expect(page.locator("#change-1")).not_to_have_class(re.compile(r"\bcurrent-change\b"))
        assert _in_view(page, "#change-2")
        page.click("#prev-change")
        expect(page.locator("#change-1")).to_have_class(re.compile(r"\bcurrent-change\b"))
        assert _in_view(page, "#change-1")
        page.locator("body").press("n")  # the keyboard: n = next, p = previous
        expect(page.locator("#change-pos")).to_contain_text("change 2 of 2")
        assert _in_view(page, "#change-2")
        page.locator("body").press("p")
        expect(page.locator("#change-pos")).to_contain_text("change 1 of 2")

        # the unified view has its own targets
        page.click("a[data-view=unified]")
        expect(page.locator("table.diff-unified")).to_be_visible()
        page.click("#next-change")
        expect(page.locator("#uchange-2")).to_have_class(re.compile(r"\bcurrent-change\b"))
        assert _in_view(page, "#uchange-2")

        # the patch download
        with page.expect_download() as download:
            page.click("#download-patch")
        assert download.value.suggested_filename == "sw1-v2-v3.patch"
        assert errors == []

        # remove (retire) the device in its modal; its versions stay; purge needs the hostname
        page.goto(f"{server.url}/devices/1")
        page.click("a[data-modal]:has-text('Remove')")
        page.locator("dialog#modal button.danger").click()
        page.wait_for_url(f"{server.url}/devices")
        page.goto(f"{server.url}/devices/1")
        expect(page.locator("#retired-notice")).to_contain_text("read-only")
        page.goto(f"{server.url}/configs/{v3}")
        expect(page.locator("#version-title")).to_contain_text("Version 3 of sw1")
        page.goto(f"{server.url}/devices/1")
        page.click("a[data-modal]:has-text('Purge')")
        dialog = page.locator("dialog#modal")
        expect(dialog).to_contain_text("stay in the storage backend")
        dialog.locator("input[name=confirm]").fill("sw2")
        dialog.locator("button.danger").click()
        expect(page.locator("#purge-confirm .flash.error")).to_contain_text("type the device's hostname")
        page.fill("input[name=confirm]", "sw1")
        page.click("#purge-confirm button.danger")
        page.wait_for_url(f"{server.url}/devices?retired=1")
        expect(page.locator(".flash.ok")).to_contain_text("purged")
        # the refused purge (422) is the only failed request the browser may report
        assert [e for e in errors if "status of 422" not in e] == []
        browser.close()
