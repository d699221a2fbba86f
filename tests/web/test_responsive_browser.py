"""The UI at a phone's width (390 px) and on a desktop (1400 px), in headless Chromium against a
real server: no main page scrolls sideways, every nav target and each page's primary button can
be clicked (the element at its centre is the element itself, nothing lies over it), the nav
collapses behind a menu button on the phone, and the diff shows the unified view there.

With ``NETRAVEN_SCREENSHOTS_DIR`` set, the phone's device list, open menu and diff and the
desktop's audit page are saved there (``scripts/screenshots.py``).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.server.seed import store_versions
from tests.support.services import require_chromium
from tests.web.live import CHROMIUM_ARGS, USERS, live_server

pytestmark = [pytest.mark.integration, pytest.mark.browser, pytest.mark.timeout(600)]

WIDTHS = {"phone": (390, 844), "desktop": (1400, 900)}
# Pages with a primary button, and the button's text.
PRIMARY = {"/devices": "Add device", "/jobs": "New job", "/jobs/new": "Create job",
           "/credentials": "Add credential", "/notifiers": "Add notifier", "/users": "Add user",
           "/audit": "Filter", "/tags": "Create tag", "/tokens": "Create token", "/search?q=uplink": "Search",
           "/devices/import": "Import", "/account": "Change password"}

CLICKABLE_JS = """(el) => {
  el.scrollIntoView({block: "center", inline: "center"});
  const r = el.getBoundingClientRect();
  const x = r.left + r.width / 2, y = r.top + r.height / 2;
  if (!r.width || !r.height || x < 0 || y < 0 || x > innerWidth || y > innerHeight) return "off-screen";
  const hit = document.elementFromPoint(x, y);
  if (hit && (hit === el || el.contains(hit))) return "ok";
  return "covered by " + (hit ? hit.outerHTML.slice(0, 120) : "nothing");
}"""
OVERFLOW_JS = "() => [document.documentElement.scrollWidth, window.innerWidth]"


@pytest.fixture(scope="module")
def chromium_path() -> str:
    return require_chromium()


def _seed(server) -> dict[str, int]:
    from netraven_server.services import credentials, devices, jobs

    state = server.app.extensions["netraven"]
    with state.db.session() as s:
        credentials.create_credential(s, {"name": "lab-admin-with-a-rather-long-name", "username": "netops",
                                          "password": "pw-0123456789", "priority": 10,
                                          "tags": ["core", "datacenter-east-01"]}, state.keyring)
        for i in range(12):
            devices.create_device(s, {"hostname": f"core-switch-{i:02d}.datacenter-east-01.example.net",
                                      "host": f"192.0.2.{i + 10}", "platform": "cisco_ios",
                                      "description": "aggregation switch in row 3, rack 7 (primary uplink)",
                                      "tags": ["core", "datacenter-east-01", f"rack-{i:03d}", "pci-scope"]})
        jobs.create_job(s, {"name": "nightly-backup-of-the-whole-datacenter", "schedule_type": "interval",
                            "interval_seconds": 6 * 3600, "tags": ["core"]})
    host = "core-switch-00.datacenter-east-01.example.net"
    base = "\n".join(f"interface GigabitEthernet1/0/{n}\n description uplink to distribution layer {n}"
                     for n in range(60)) + "\n"
    changed = base.replace("distribution layer 30", "distribution layer 30 (moved to rack 9, ticket 4711)")
    ids = store_versions(server.app, {host: [base, changed]})[host]
    from netraven_server.service import lifecycle

    with state.db.session() as s:
        device = devices.get_by_hostname(s, host)
        # a run that is never dispatched: its monitor page shows it pending
        run = lifecycle.create_run(s, job=None, devices=[device], trigger="manual", requested_by="admin")
        device_id, run_id = device.id, run.id
    return {"device": device_id, "old": ids[0], "new": ids[1], "run": run_id}


def _pages(seed: dict[str, int]) -> list[str]:
    return ["/", "/devices", f"/devices/{seed['device']}", f"/configs/{seed['new']}",
            f"/diff?from_id={seed['old']}&to_id={seed['new']}", "/jobs", "/jobs/new", "/runs",
            f"/runs/{seed['run']}",
            "/search?q=uplink", "/logs", "/tags", "/credentials", "/notifiers", "/users", "/audit", "/tokens",
            "/account", "/devices/import"]


def _login(browser, base: str, size: tuple[int, int]):
    context = browser.new_context(viewport={"width": size[0], "height": size[1]})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(base + "/login")
    user, password = USERS["admin"]
    page.fill("input[name=username]", user)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_url(base + "/")
    return page, errors


def _shot(page, name: str) -> None:
    if shots := os.environ.get("NETRAVEN_SCREENSHOTS_DIR"):
        Path(shots).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(shots) / f"{name}.png"))


def _clickable(locator) -> str:
    return locator.evaluate(CLICKABLE_JS)


def _nav_targets(page, phone: bool) -> list:
    """The nav links and the log-out button, with the menu opened first on a phone."""
    if phone:
        toggle = page.locator("#navtoggle")
        assert toggle.is_visible()
        if toggle.get_attribute("aria-expanded") != "true":
            assert _clickable(toggle) == "ok"
            toggle.click()
        assert toggle.get_attribute("aria-expanded") == "true"
    else:
        assert not page.locator("#navtoggle").is_visible()
    items = page.locator(".navpanel a, .navpanel button")
    return [items.nth(i) for i in range(items.count())]


@pytest.mark.parametrize("width", list(WIDTHS))
def test_layout_at_phone_and_desktop_width(tmp_path, chromium_path, width):
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=20_000)
    phone = width == "phone"
    with live_server(tmp_path / "data", workers=1) as server, sync_playwright() as pw:
        seed = _seed(server)
        browser = pw.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        page, errors = _login(browser, server.url, WIDTHS[width])
        problems: list[str] = []
        for path in _pages(seed):
            response = page.goto(server.url + path)
            assert response.status == 200, path
            scroll_width, inner = page.evaluate(OVERFLOW_JS)
            if scroll_width > inner:
                problems.append(f"{path}: the page scrolls sideways ({scroll_width} > {inner} px)")
            if path in PRIMARY:
                button = page.locator("main .primary", has_text=PRIMARY[path]).first
                if (where := _clickable(button)) != "ok":
                    problems.append(f"{path}: primary button {PRIMARY[path]!r} {where}")
            for item in _nav_targets(page, phone):
                if (where := _clickable(item)) != "ok":
                    problems.append(f"{path}: nav item {item.inner_text()!r} {where}")
        assert problems == []

        # every nav target really leads somewhere (from the devices page, with the menu reopened)
        page.goto(server.url + "/devices")
        hrefs = [a.get_attribute("href") for a in page.locator(".navpanel nav a").all()]
        assert "/audit" in hrefs and len(hrefs) >= 10
        for href in hrefs:
            page.goto(server.url + "/devices")
            target = page.locator(f".navpanel nav a[href='{href}']")
            _nav_targets(page, phone)
            target.click()
            page.wait_for_url(server.url + href)

        if phone:  # the cards have no headers to click: a picker sorts them
            page.goto(server.url + "/devices")
            expect(page.locator("#devices-table thead")).to_be_hidden()
            page.locator(".sort-picker select").select_option(label="Tags")
            page.wait_for_url("**/devices?sort=tags")
            page.goto(server.url + "/devices")
            _shot(page, "phone-devices")
            page.click("#navtoggle")
            _shot(page, "phone-menu")
        else:
            page.goto(server.url + "/devices")
            expect(page.locator(".sort-picker")).to_have_count(1)
            expect(page.locator(".sort-picker")).to_be_hidden()
            page.goto(server.url + "/audit")
            _shot(page, "audit")

        # the diff: unified on a phone (no room for two columns), side by side on a desktop
        page.goto(server.url + f"/diff?from_id={seed['old']}&to_id={seed['new']}")
        split, unified = page.locator("table.diff-split"), page.locator("table.diff-unified")
        if phone:
            expect(unified).to_be_visible()
            expect(split).to_be_hidden()
            expect(unified.locator("tr.k-insert")).to_contain_text("ticket 4711")
            unified.locator("tr.k-insert").first.scroll_into_view_if_needed()
            _shot(page, "phone-diff")
        else:
            expect(split).to_be_visible()
            expect(unified).to_be_hidden()

        # the menu closes again on a phone
        if phone:
            page.goto(server.url + "/")
            expect(page.locator(".navpanel")).to_be_hidden()
            page.click("#navtoggle")
            expect(page.locator(".navpanel")).to_be_visible()
            page.click("#navtoggle")
            expect(page.locator(".navpanel")).to_be_hidden()
        browser.close()
    assert errors == []
