"""Catastrophic search patterns cannot stall the server: RE2 matches in linear time, patterns it
cannot run (back-references, look-around) and over-long ones are a 422 naming ``q``."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import quote

import pytest
import requests
from werkzeug.serving import make_server

from tests.server.seed import store_versions

LONG_LINE = " description " + "a" * 30_000 + "!"  # backtracking regexes explode on this


@pytest.fixture
def served(app, api):
    api.ok("POST", "/api/devices", 201, json={"hostname": "core1", "platform": "cisco_ios"})
    store_versions(app, {"core1": [f"hostname core1\ninterface Gi0/1\n{LONG_LINE}\nend\n"]})
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", {"Authorization": f"Bearer {api.tokens['viewer']}"}
    server.shutdown()
    thread.join(5)


@pytest.mark.parametrize("pattern", [r"(\w|\w)*$", r"(a+)+$", r"(a|aa)*b", r"^(\w+\s?)*$"])
def test_catastrophic_pattern_is_answered_quickly(api, served, pattern):
    base, auth = served
    started = time.monotonic()
    url = f"{base}/api/configs/search?regex=true&q={quote(pattern)}"
    response = requests.get(url, headers=auth, timeout=30)
    assert time.monotonic() - started < 5 and response.status_code in (200, 422)


def test_concurrent_pathological_searches_leave_the_api_responsive(served):
    base, auth = served
    url = f"{base}/api/configs/search?regex=true&q=" + quote(r"(\w|\w)*$")
    with ThreadPoolExecutor(8) as pool:
        searches = [pool.submit(requests.get, url, headers=auth, timeout=60) for _ in range(6)]
        latencies = []
        for _ in range(5):
            started = time.monotonic()
            assert requests.get(f"{base}/api/auth/me", headers=auth, timeout=10).status_code == 200
            latencies.append(time.monotonic() - started)
        assert all(f.result().status_code in (200, 422) for f in searches)
    assert max(latencies) < 1.0, latencies


@pytest.mark.parametrize("pattern,why", [(r"(a)\1", "back-references"), ("(?=x)y", "look-around"),
                                         ("(a", "missing"), ("a" * 1001, "500")])
def test_unusable_patterns_are_422_naming_q(api, pattern, why):
    response = api.get(f"/api/configs/search?regex=true&q={quote(pattern)}", as_="viewer")
    assert response.status_code == 422
    body = response.get_json()
    assert "q" in body["errors"]["query"] and why in body["message"]
