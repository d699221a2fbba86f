"""The job form in a real browser (headless Chromium, Playwright): choosing the inventory_sync
type shows the sync's fields instead of the targets and engine options, and choosing a source
shows that source's fieldset only; the job is saved from the fields."""

from __future__ import annotations

import pytest

from tests.support.services import require_chromium
from tests.web.live import CHROMIUM_ARGS, live_server
from tests.web.test_e2e_browser import Pages

pytestmark = [pytest.mark.integration, pytest.mark.browser, pytest.mark.timeout(300)]


def test_choosing_the_source_shows_its_fieldset(tmp_path):
    from playwright.sync_api import expect, sync_playwright

    chromium = require_chromium()
    expect.set_options(timeout=30_000)
    with live_server(tmp_path / "data", workers=1) as server, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        admin = Pages(browser, server.url, "admin", None)
        page = admin.goto("/jobs/new")
        netbox = page.locator('fieldset[data-types="netbox"]')
        sync = page.locator("fieldset.sync-fields")
        expect(sync).to_be_hidden()  # a backup job: targets and engine options instead
        page.select_option("select[name=job_type]", "inventory_sync")
        expect(sync).to_be_visible()
        expect(page.locator("summary", has_text="Engine options")).to_be_hidden()
        expect(netbox).to_be_visible()
        page.select_option("select[name=opt_source]", "yaml")
        expect(netbox).to_be_hidden()
        expect(page.locator('fieldset[data-types="yaml"]')).to_be_visible()
        page.select_option("select[name=opt_source]", "netbox")
        page.fill("input[name=name]", "netbox sync")
        page.fill('input[name="opt_netbox.url"]', "https://netbox.example.net")
        page.fill('textarea[name="opt_netbox.filters"]', "status = active")
        page.click("#job-form button[type=submit]")
        page.wait_for_url(server.url + "/jobs")
        expect(page.locator("body")).to_contain_text("Job netbox sync created")
        assert not admin.errors, admin.errors
        browser.close()
