"""End to end in a real browser (Debian's Chromium, headless, driven by Playwright) against a
real server and simulated SSH devices: log in, create a tag, a credential and a device, create
and run a job, watch the run monitor reach success, change the device's configuration, run
again, open the diff in both views; a viewer cannot edit; no secret in any page's HTML.

Set ``NETRAVEN_SCREENSHOTS_DIR`` to save screenshots of the main pages there (the documentation's
screenshots come from ``scripts/screenshots.py``, against the drifting demo instead).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from tests.support.services import require_chromium
from tests.web.live import CHROMIUM_ARGS, USERS, live_server

# ~45 s on an idle 2-core machine; the limit leaves room for a loaded CI host.
pytestmark = [pytest.mark.integration, pytest.mark.browser, pytest.mark.timeout(600)]

CHANGED_FROM = "snmp-server location DC1-Row3-Rack-07"
CHANGED_TO = "snmp-server location DC1-Row3-Rack-08"
LAB_PLATFORMS = ("cisco_ios", "arista_eos", "juniper_junos", "cisco_nxos", "fortinet", "paloalto_panos",
                 "cisco_xe")
STALLED = len(LAB_PLATFORMS) - 1  # this device stops answering mid-configuration


@pytest.fixture(scope="module")
def chromium_path() -> str:
    return require_chromium()


@pytest.fixture
def sim(tmp_path):
    from netraven_core.simulator import SimulatorThread

    config_dir = tmp_path / "sim-configs"
    config_dir.mkdir()
    with SimulatorThread(count=len(LAB_PLATFORMS), platforms=LAB_PLATFORMS, base_port=0,
                         host_key_path=tmp_path / "sim_host_key", config_dir=config_dir,
                         faults={STALLED: "stall"}) as simulator:
        simulator.config_dir_path = config_dir
        yield simulator


def _device_config(with_line: str) -> tuple[str, tuple[str, ...]]:
    """A 24 kB IOS configuration (with secrets) and one line in the middle we change later."""
    from netraven_core.simulator.configgen import generate

    generated = generate("cisco_ios", "sim-0000", size=24_000)
    lines = generated.text.splitlines()
    middle = len(lines) // 2
    text = "\n".join([*lines[:middle], with_line, *lines[middle:]]) + "\n"
    return text, generated.secrets


def _lab_devices(server, sim) -> None:
    """Other simulated devices, so the pages look like a small network."""
    from netraven_server.services import credentials, devices, jobs

    state = server.app.extensions["netraven"]
    with state.db.session() as s:
        credentials.create_credential(s, {"name": "lab-admin", "username": sim.username,
                                          "password": sim.password, "enable_secret": sim.enable_secret,
                                          "priority": 50,
                                          "tags": ["lab", "flaky"]}, state.keyring)
        for d in sim.devices[1:]:
            tags = ["flaky"] if d.index == STALLED else ["lab", f"site-{d.index % 2 + 1}"]
            devices.create_device(s, {"hostname": d.hostname, "host": d.host, "port": d.port,
                                      "platform": d.platform, "tags": tags, "description": "lab switch"})
        jobs.create_job(s, {"name": "flaky-check", "schedule_type": "manual", "tags": ["lab", "flaky"],
                            "options": {"timeout": 10, "retries": 0}})


class Pages:
    """A logged-in browser page that keeps the HTML of every page it shows."""

    def __init__(self, browser, base: str, role: str, shots: Path | None):
        self.context = browser.new_context(viewport={"width": 1360, "height": 860})
        self.page = self.context.new_page()
        self.base, self.shots, self.html = base, shots, []
        self.errors: list[str] = []
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("load", lambda p: self.keep())
        self.goto("/login")
        user, password = USERS[role]
        self.page.fill("input[name=username]", user)
        self.page.fill("input[name=password]", password)
        self.page.click("button[type=submit]")
        self.page.wait_for_url(self.base + "/")

    def keep(self) -> None:
        try:
            self.html.append(self.page.content())
        except Exception:  # the page navigated away meanwhile; the next load is kept instead
            pass

    def goto(self, path: str):
        self.page.goto(self.base + path)
        self.keep()
        return self.page

    def shot(self, name: str, full_page: bool = False) -> None:
        if self.shots is not None:
            self.page.screenshot(path=str(self.shots / f"{name}.png"), full_page=full_page)


def _run_job_and_wait(pages: Pages, job: str, expect) -> int:
    page = pages.goto("/jobs")
    page.click(f"button[data-run-job='{job}']")
    page.wait_for_url(re.compile(r".*/runs/\d+$"))
    run_id = int(page.url.rsplit("/", 1)[1])
    expect(page.locator("#run-status")).to_contain_text("success", timeout=90_000)
    page.wait_for_load_state("load")
    expect(page.locator("#live-state")).to_be_empty()  # reloaded in its final state
    pages.keep()
    return run_id


def test_backup_change_and_diff_in_a_real_browser(tmp_path, chromium_path, sim):
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=30_000)  # generous: CI machines are shared (no timing is asserted)
    shots_env = os.environ.get("NETRAVEN_SCREENSHOTS_DIR")
    shots = Path(shots_env) if shots_env else None
    if shots:
        shots.mkdir(parents=True, exist_ok=True)
    config_file = sim.config_dir_path / "sim-0000.cfg"
    text, secrets = _device_config(CHANGED_FROM)
    config_file.write_text(text)
    device = sim.devices[0]

    with live_server(tmp_path / "data") as server, sync_playwright() as pw:
        _lab_devices(server, sim)
        browser = pw.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        admin = Pages(browser, server.url, "admin", shots)
        page = admin.page

        # a tag
        admin.goto("/tags")
        page.fill("#tag-form input[name=name]", "e2e")
        page.click("#tag-form button[type=submit]")
        expect(page.locator("table")).to_contain_text("e2e")

        # a credential, in the modal
        admin.goto("/credentials")
        page.click("text=Add credential")
        modal = page.locator("dialog#modal")
        expect(modal).to_be_visible()
        modal.locator("input[name=name]").fill("e2e-cred")
        modal.locator("input[name=username]").fill(sim.username)
        modal.locator("input[name=password]").fill(sim.password)
        modal.locator("input[name=enable_secret]").fill(sim.enable_secret)
        modal.locator("input[name=priority]").fill("10")
        modal.locator("input[name=tags][value=e2e]").check()
        modal.locator("button[type=submit]").click()
        expect(page.locator(".flash.ok")).to_contain_text("e2e-cred")

        # a device, in the modal, with the credential preview following the tags
        admin.goto("/devices")
        page.click("text=Add device")
        expect(modal).to_be_visible()
        modal.locator("input[name=hostname]").fill(device.hostname)
        modal.locator("input[name=host]").fill(device.host)
        modal.locator("input[name=port]").fill(str(device.port))
        modal.locator("select[name=platform]").select_option("cisco_ios")
        modal.locator("input[name=tags][value=e2e]").check()
        expect(modal.locator(".cred-list")).to_contain_text("e2e-cred")
        modal.locator("input[name=tags_new]").fill("lab")
        expect(modal.locator(".cred-list")).to_contain_text("lab-admin")
        modal.locator("input[name=tags_new]").fill("")
        expect(modal.locator(".cred-list")).not_to_contain_text("lab-admin")
        admin.shot("device-modal")
        modal.locator("button[type=submit]").click()
        expect(page.locator("h1")).to_contain_text(device.hostname)

        # a job: the cron builder previews the next runs; targets by tag
        admin.goto("/jobs/new")
        page.check("input[name=schedule_type][value=cron]")
        page.fill("input[name=cron]", "30 2 * * 1-5")
        expect(page.locator(".cron-preview li")).to_have_count(5)
        expect(page.locator(".cron-preview")).to_contain_text("02:30 UTC")
        page.fill("input[name=name]", "e2e-backup")
        page.fill("input[name=description]", "Nightly backup of the lab")
        page.check("input[name=tags][value=e2e]")
        page.check("input[name=tags][value=lab]")
        admin.shot("job-form")
        page.click("#job-form button[type=submit]")
        expect(page.locator("#jobs-table")).to_contain_text("e2e-backup")
        expect(page.locator("#jobs-table")).to_contain_text("30 2 * * 1-5")

        # first run: every device stores its first version
        first = _run_job_and_wait(admin, "e2e-backup", expect)
        expect(page.locator(f"#results tr[data-hostname='{device.hostname}'] .st")).to_contain_text("success")

        # the device changes; the second run finds the change
        config_file.write_text(text.replace(CHANGED_FROM, CHANGED_TO))
        second = _run_job_and_wait(admin, "e2e-backup", expect)
        assert second > first
        row = page.locator(f"#results tr[data-hostname='{device.hostname}']")
        expect(row.locator(".chg")).to_contain_text("+1")
        row.locator(".dlog summary").click()  # the device's own log lines, in its row
        expect(row.locator(".dlog ol")).to_contain_text("changed (+1 -1)")
        admin.shot("run-monitor")
        row.locator("a.diff-link").click()

        # the diff: side by side with the changed character marked, then unified
        page.wait_for_url(re.compile(r".*/diff\?.*"))
        admin.keep()
        split, unified = page.locator("table.diff-split"), page.locator("table.diff-unified")
        expect(split).to_be_visible()
        expect(split.locator("tr.k-replace")).to_contain_text(CHANGED_TO)
        expect(split.locator("tr.k-replace mark.add")).to_have_text("8")
        expect(split.locator("tr.k-replace mark.del")).to_have_text("7")
        expect(split.locator("tr.fold-bar").first).to_be_visible()  # 24 kB: unchanged stretches folded
        admin.shot("diff-side-by-side")
        page.click("a[data-view=unified]")
        expect(unified).to_be_visible()
        expect(split).to_be_hidden()
        expect(unified.locator("tr.k-insert")).to_contain_text(CHANGED_TO)
        expect(unified.locator("tr.k-delete")).to_contain_text(CHANGED_FROM)
        admin.shot("diff-unified")
        page.click("#expand-all")
        expect(unified.locator("tr.fold-bar")).to_have_count(0)

        # the device page: timeline, view a version
        admin.goto("/devices?tag=e2e")
        page.click(f"text={device.hostname}")
        expect(page.locator("#device-history tbody tr")).to_have_count(2)
        admin.shot("device-detail")
        page.locator("#device-history a", has_text="view").first.click()
        expect(page.locator("table.code")).to_contain_text(CHANGED_TO)
        admin.keep()  # its text, whole (search and diff pages mark parts of the line)

        # search across the latest configurations
        admin.goto("/search?q=DC1-Row3")
        expect(page.locator(".search-hit")).to_contain_text(CHANGED_TO)

        # live progress while a device hangs; the run ends partial; retry its failed device, cancel
        page = admin.goto("/jobs")
        page.click("button[data-run-job='flaky-check']")
        page.wait_for_url(re.compile(r".*/runs/\d+$"))
        expect(page.locator("#live-state")).to_have_text("live")
        expect(page.locator("#c-succeeded")).to_have_text(str(len(LAB_PLATFORMS) - 2), timeout=30_000)
        expect(page.locator("#run-status")).to_contain_text("running")
        expect(page.locator("#run-log")).to_contain_text("sim-0001")
        expect(page.locator("#results tr[data-hostname='sim-0001'] .dlog ol")).to_contain_text("ok")
        admin.shot("run-monitor-live")
        expect(page.locator("#run-status")).to_contain_text("partial", timeout=60_000)
        expect(page.locator("#live-state")).to_be_empty()  # reloaded in its final state
        stalled = page.locator(f"#results tr[data-hostname='{sim.devices[STALLED].hostname}']")
        expect(stalled.locator(".st")).to_contain_text("failed")
        expect(stalled.locator(".err")).not_to_be_empty()
        page.click("#retry-form button")
        page.wait_for_url(re.compile(r".*/runs/\d+$"))
        expect(page.locator(".meta")).to_contain_text("retry of")
        expect(page.locator("#results tbody tr")).to_have_count(1)
        page.click("#cancel-form button")
        expect(page.locator("#run-status")).to_contain_text("cancelled", timeout=30_000)

        # the overview pages, now with runs of every outcome
        for name, path in (("dashboard", "/"), ("devices", "/devices"), ("jobs", "/jobs")):
            admin.goto(path)
            admin.shot(name)

        # every page and form an admin sees, fetched raw, plus the ones shown above
        for path in ("/", "/devices", "/devices/1", "/devices/1/edit?partial=1", "/credentials",
                     "/credentials/1/edit", "/credentials/2/edit?partial=1", "/jobs", "/jobs/1/edit",
                     f"/runs/{first}", f"/runs/{second}", "/runs", "/logs", "/search?q=snmp", "/tags",
                     "/tokens", "/users", "/notifiers", "/account"):
            response = page.request.get(server.url + path)
            assert response.status == 200, path
            admin.html.append(response.text())

        # a viewer sees no edit controls and cannot post a form
        viewer = Pages(browser, server.url, "viewer", None)
        vpage = viewer.goto("/devices")
        expect(vpage.locator("table")).to_contain_text(device.hostname)
        expect(vpage.locator("text=Add device")).to_have_count(0)
        expect(vpage.locator("#devices-table a", has_text="Edit")).to_have_count(0)
        viewer.goto("/devices/1")
        expect(vpage.locator("#backup-now")).to_have_count(0)
        viewer.goto("/jobs")
        expect(vpage.locator("button[data-run-job]")).to_have_count(0)
        token = vpage.locator("input[name=csrf_token]").first.get_attribute("value")
        intruder = {"csrf_token": token, "hostname": "intruder", "platform": "cisco_ios"}
        refused = vpage.request.post(server.url + "/devices/new", form=intruder)
        assert refused.status == 403
        refused = vpage.request.post(server.url + "/jobs/1/run", form={"csrf_token": token})
        assert refused.status == 403
        browser.close()

    everything = "\n".join(admin.html + viewer.html)
    assert CHANGED_TO in everything
    for secret in (sim.password, sim.enable_secret, *secrets):
        assert secret not in everything, f"a secret ({secret[:3]}…) appears in a page"
    assert not [e for e in admin.errors + viewer.errors if "403" not in e], admin.errors + viewer.errors
