#!/usr/bin/env python3
"""Take the web UI screenshots in docs/images/ (shown in docs/web-ui.md and the README).

It starts ``netraven server --demo`` on a temporary data directory and free ports, with the
simulated devices drifting every 2 seconds, runs the demo's backup job a few more times so the
drifting devices have real changes, then drives headless Chromium (Playwright) through the pages
at desktop width (1360 px) and phone width (390 px).

    python scripts/screenshots.py                 # into docs/images/
    python scripts/screenshots.py /tmp/shots      # elsewhere
    python scripts/screenshots.py --only diff     # the shots whose name contains "diff"

Chromium: ``--chromium PATH``, else ``$NETRAVEN_TEST_CHROMIUM``, else ``/usr/bin/chromium`` or
``chromium`` on PATH.  Each shot is taken on its own: one that fails (a page changed) is reported
and the others are still written; the exit status is 1 when any failed.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DRIFT = 2  # seconds per drift step of the demo's devices
EXTRA_BACKUPS = 3  # after the first one: each finds the drifting devices changed
DESKTOP = {"width": 1360, "height": 860}
PHONE = {"width": 390, "height": 844}
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


class Skipped(Exception):
    """A shot of a page this version does not have."""


def free_base(count: int) -> int:
    """The first of ``count`` consecutive free ports on 127.0.0.1."""
    for base in range(42000, 62000, 211):
        socks = []
        try:
            for port in range(base, base + count):
                sock = socket.socket()
                socks.append(sock)
                sock.bind(("127.0.0.1", port))
            return base
        except OSError:
            continue
        finally:
            for sock in socks:
                sock.close()
    raise SystemExit("no free range of ports on 127.0.0.1")


class Demo:
    """``netraven server --demo`` in a subprocess, and its API."""

    def __init__(self, data_dir: Path):
        base = free_base(14)
        self.url = f"http://127.0.0.1:{base + 13}"
        env = {k: v for k, v in os.environ.items() if not k.startswith("NETRAVEN_")}
        env |= {"NETRAVEN_DEMO_BASE_PORT": str(base), "NETRAVEN_DEMO_DRIFT_INTERVAL": str(DRIFT),
                "PYTHONUNBUFFERED": "1",
                "PYTHONPATH": os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")])}
        self.log = data_dir.parent / "server.log"
        self._log_file = self.log.open("w")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "netraven_core", "server", "--demo", "--data-dir", str(data_dir),
             "--port", str(base + 13)], env=env, stdout=self._log_file, stderr=subprocess.STDOUT)
        self.password = self._wait_for(r"log in as admin / (\S+)", 120)
        self.token = self._login()

    def _wait_for(self, pattern: str, timeout: float) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            match = re.search(pattern, self.log.read_text(errors="replace"))
            if match:
                return match.group(1)
            if self.proc.poll() is not None:
                break
            time.sleep(0.3)
        raise SystemExit(f"the demo server did not start:\n{self.log.read_text(errors='replace')[-3000:]}")

    def call(self, path: str, body: dict | None = None, *, auth: bool = True):
        headers = {"Content-Type": "application/json"}
        if auth:
            headers["Authorization"] = f"Bearer {self.token}"
        request = urllib.request.Request(self.url + path, headers=headers,  # noqa: S310 - our http URL
                                         data=None if body is None else json.dumps(body).encode())
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return json.loads(response.read())

    def _login(self) -> str:
        deadline = time.monotonic() + 60
        while True:
            try:
                body = {"username": "admin", "password": self.password}
                return self.call("/api/auth/login", body, auth=False)["access_token"]
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.3)

    def wait_run(self, run_id: int) -> dict:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            run = self.call(f"/api/runs/{run_id}")
            if run["status"] not in ("pending", "running"):
                return run
            time.sleep(0.5)
        raise SystemExit(f"run {run_id} did not finish")

    def job(self, name: str) -> dict:
        return next(j for j in self.call("/api/jobs")["items"] if j["name"] == name)

    def run_job(self, name: str) -> dict:
        return self.wait_run(self.call(f"/api/jobs/{self.job(name)['id']}/run", {})["run_id"])

    def device(self, hostname: str) -> dict:
        return next(d for d in self.call("/api/devices?size=200")["items"] if d["hostname"] == hostname)

    def versions(self, device_id: int) -> list[dict]:
        return self.call(f"/api/devices/{device_id}/configs?size=100")["items"]  # newest first

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self._log_file.close()


def prepare(demo: Demo) -> dict:
    """Runs with real changes; returns the ids the shots need."""
    first = demo.wait_run(1)
    if first["status"] != "success":
        raise SystemExit(f"the demo's first backup ended {first['status']}: {first.get('error')}")
    last = first
    for _ in range(EXTRA_BACKUPS):
        time.sleep(DRIFT + 0.3)
        last = demo.run_job("demo-backup")
        if not last["changed"]:
            raise SystemExit(f"run {last['id']} found no change: is drift working?")
    demo.run_job("demo-reachability")
    device = demo.device("sim-0000")
    versions = demo.versions(device["id"])
    return {"device": device["id"], "newest": versions[0]["id"], "oldest": versions[-1]["id"],
            "run": last["id"]}


def shots(ids: dict) -> list[tuple[str, dict, Callable]]:
    """(name, viewport, action(page, goto)) for every screenshot."""
    diff = f"/diff?from_id={ids['oldest']}&to_id={ids['newest']}"

    def visit(path: str) -> Callable:
        return lambda page, goto: goto(path)

    def optional(path: str) -> Callable:
        """A page this version may not have yet: skipped (not failed) when it answers 404."""
        def action(page, goto):
            response = goto(path)
            if response is not None and response.status == 404:
                raise Skipped(f"{path} answers 404")
        return action

    def device_modal(page, goto):
        goto("/devices")
        page.click("text=Add device")
        modal = page.locator("dialog#modal")
        modal.wait_for(state="visible")
        modal.locator("input[name=hostname]").fill("core-sw1")
        modal.locator("input[name=host]").fill("10.0.0.11")
        modal.locator("select[name=platform]").select_option("cisco_ios")
        modal.locator("input[name=tags][value=demo]").check()
        modal.locator(".cred-list").filter(has_text="sim-admin").wait_for()

    def job_form(page, goto):
        goto("/jobs/new")
        page.check("input[name=schedule_type][value=cron]")
        page.fill("input[name=cron]", "30 2 * * 1-5")
        page.locator(".cron-preview li").nth(4).wait_for()
        page.fill("input[name=name]", "nightly-backup")
        page.fill("input[name=description]", "Nightly backup of the demo devices")
        page.check("input[name=tags][value=demo]")

    def phone_menu(page, goto):
        goto("/devices")
        toggle = page.locator("#navtoggle")
        if not toggle.count():
            raise Skipped("no collapsible menu in this version")
        toggle.click()
        page.wait_for_selector("#navtoggle[aria-expanded=true]")

    def diff_view(view: str) -> Callable:
        def action(page, goto):
            goto(diff)
            # Narrow windows show the unified table whatever the view: wait for whichever shows.
            page.locator("table.diff-split:visible, table.diff-unified:visible").first.wait_for()
            if view == "unified":
                page.click("a[data-view=unified]")
                page.locator("table.diff-unified").wait_for(state="visible")
        return action

    return [
        ("dashboard", DESKTOP, visit("/")),
        ("devices", DESKTOP, visit("/devices")),
        ("device-modal", DESKTOP, device_modal),
        ("device-detail", DESKTOP, visit(f"/devices/{ids['device']}")),
        ("config-view", DESKTOP, visit(f"/configs/{ids['newest']}")),
        ("diff-side-by-side", DESKTOP, diff_view("split")),
        ("diff-unified", DESKTOP, diff_view("unified")),
        ("run-monitor", DESKTOP, visit(f"/runs/{ids['run']}")),
        ("runs", DESKTOP, visit("/runs")),
        ("jobs", DESKTOP, visit("/jobs")),
        ("job-form", DESKTOP, job_form),
        ("notifiers", DESKTOP, visit("/notifiers")),
        ("logs", DESKTOP, visit("/logs")),
        ("search", DESKTOP, visit("/search?q=description")),
        ("audit", DESKTOP, optional("/audit")),
        ("phone-dashboard", PHONE, visit("/")),
        ("phone-devices", PHONE, visit("/devices")),
        ("phone-diff", PHONE, diff_view("split")),
        ("phone-menu", PHONE, phone_menu),
    ]


def chromium(explicit: str | None) -> str:
    for candidate in (explicit, os.environ.get("NETRAVEN_TEST_CHROMIUM"), "/usr/bin/chromium",
                      shutil.which("chromium")):
        if candidate and os.path.exists(candidate):
            return candidate
    raise SystemExit("Chromium not found: pass --chromium PATH (or apt-get install chromium)")


def take(demo: Demo, ids: dict, out: Path, browser_path: str, only: str | None) -> list[str]:
    from playwright.sync_api import sync_playwright

    failed = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=browser_path, args=CHROMIUM_ARGS)
        contexts = {}
        for name, viewport, action in shots(ids):
            if only and only not in name:
                continue
            key = (viewport["width"], viewport["height"])
            if key not in contexts:
                contexts[key] = _logged_in(browser, demo, viewport)
            page = contexts[key]
            try:
                action(page, lambda path, page=page: page.goto(demo.url + path, wait_until="load"))
                page.wait_for_timeout(400)  # scripts that lay out after load (diff folding, previews)
                page.screenshot(path=str(out / f"{name}.png"))
                print(f"  {name}.png")
            except Skipped as exc:
                print(f"  {name}.png skipped: {exc}")
            except Exception as exc:  # report, then take the other shots
                failed.append(name)
                print(f"  {name}.png FAILED: {str(exc).splitlines()[0]}", file=sys.stderr)
            if page.url.endswith("/login"):
                contexts.pop(key)  # logged out somehow: a new session for the next shot
        browser.close()
    return failed


def _logged_in(browser, demo: Demo, viewport: dict):
    page = browser.new_context(viewport=viewport).new_page()
    page.goto(demo.url + "/login")
    page.fill("input[name=username]", "admin")
    page.fill("input[name=password]", demo.password)
    page.click("button[type=submit]")
    page.wait_for_url(demo.url + "/")
    return page


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", nargs="?", default=str(ROOT / "docs" / "images"), help="output directory")
    parser.add_argument("--chromium", help="Chromium executable")
    parser.add_argument("--only", help="take only the shots whose name contains this")
    args = parser.parse_args()
    out = Path(args.out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    browser_path = chromium(args.chromium)
    with tempfile.TemporaryDirectory(prefix="netraven-shots-") as tmp:
        demo = Demo(Path(tmp) / "data")
        try:
            print(f"demo server at {demo.url}; making changes (drift every {DRIFT} s)...")
            ids = prepare(demo)
            print(f"screenshots into {out}:")
            failed = take(demo, ids, out, browser_path, args.only)
        finally:
            demo.stop()
    if failed:
        print(f"{len(failed)} shot(s) failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
