"""Per-device version numbers in the API: history, one version (with its neighbours), diffs and
search hits (with the matched ranges)."""

from __future__ import annotations

from tests.server.seed import store_versions

BASE = "hostname {h}\n!\ninterface Gi0/1\n description rev {n}\n!\nntp server 192.0.2.{n}\nend\n"


def test_numbers_count_per_device_and_neighbours_link_the_versions(api, app):
    for name in ("r1", "r2"):
        api.ok("POST", "/api/devices", 201, json={"hostname": name, "platform": "cisco_ios"})
    ids = {d["hostname"]: d["id"] for d in api.ok("GET", "/api/devices")["items"]}
    # Interleaved rounds: r2's first version has a higher id than r1's first two.
    versions = store_versions(app, {"r1": [BASE.format(h="r1", n=n) for n in (1, 2, 3)],
                                    "r2": [BASE.format(h="r2", n=n) for n in (1, 2)]})
    history = api.ok("GET", f"/api/devices/{ids['r1']}/configs")["items"]
    assert [v["number"] for v in history] == [3, 2, 1]
    assert [v["number"] for v in api.ok("GET", f"/api/devices/{ids['r2']}/configs")["items"]] == [2, 1]
    paged = api.ok("GET", f"/api/devices/{ids['r1']}/configs?size=1&page=2")["items"]
    assert [v["number"] for v in paged] == [2]

    first, middle, last = versions["r1"]
    one = api.ok("GET", f"/api/configs/{middle}")
    assert (one["number"], one["versions"], one["previous_id"], one["next_id"]) == (2, 3, first, last)
    edge = api.ok("GET", f"/api/configs/{first}")
    assert edge["number"] == 1 and edge["previous_id"] is None and edge["next_id"] == middle
    assert api.ok("GET", f"/api/configs/{last}")["next_id"] is None
    assert api.ok("GET", f"/api/configs/{versions['r2'][0]}")["number"] == 1

    diff = api.ok("GET", f"/api/configs/diff?from={first}&to={last}")
    assert diff["from"]["number"] == 1 and diff["to"]["number"] == 3


def test_search_hits_carry_the_number_and_the_matched_ranges(api, app):
    api.ok("POST", "/api/devices", 201, json={"hostname": "r1", "platform": "cisco_ios"})
    store_versions(app, {"r1": [BASE.format(h="r1", n=1), BASE.format(h="r1", n=7)]})
    found = api.ok("GET", "/api/configs/search?q=192.0.2")
    hit = found["results"][0]
    assert hit["version"]["number"] == 2
    assert hit["lines"] == [{"line_no": 6, "line": "ntp server 192.0.2.7", "marks": [[11, 18]]}]
    lines = api.ok("GET", "/api/configs/search?q=[0-9]%2B&regex=true")["results"][0]["lines"]
    marks = {line["line"]: line["marks"] for line in lines}
    assert marks[" description rev 7"] == [[17, 18]]
    assert marks["ntp server 192.0.2.7"] == [[11, 14], [15, 16], [17, 18], [19, 20]]
