"""The outbound URL policy for notifiers: metadata and link-local always refused, loopback and
private refused unless allowed, checked when saved and again at every delivery, no redirects,
and a test endpoint that answers only "delivered" or "failed: <category>"."""

from __future__ import annotations

import ipaddress

import pytest

from netraven_server.notify.addresspolicy import AddressPolicy, checked_address
from netraven_server.notify.outbound import post_json
from tests.service.receivers import HttpReceiver

ALLOW = "NETRAVEN_NOTIFY_ALLOW_CIDRS"


@pytest.mark.parametrize("address, why", [
    ("169.254.169.254", "link-local / cloud metadata"), ("fd00:ec2::254", "cloud metadata"),
    ("::ffff:169.254.169.254", "link-local / cloud metadata"),
    ("64:ff9b::a9fe:a9fe", "link-local / cloud metadata"),
    ("100.100.100.200", "cloud metadata"), ("fe80::1", "link-local"), ("0.0.0.0", "unspecified"),
    ("::", "unspecified"), ("224.0.0.1", "multicast"), ("127.0.0.1", "loopback"), ("::1", "loopback"),
    ("10.1.2.3", "private"), ("172.16.0.9", "private"), ("192.168.1.1", "private"), ("fc00::1", "private"),
    ("100.64.0.1", "private"), ("93.184.215.14", None), ("2606:4700::1111", None)])
def test_default_policy(address, why):
    assert AddressPolicy().refusal(ipaddress.ip_address(address)) == why


def test_allowances_never_open_metadata():
    private = AddressPolicy.from_env({"NETRAVEN_NOTIFY_ALLOW_PRIVATE": "1"})
    listed = AddressPolicy.from_env({ALLOW: "10.20.0.0/16, 127.0.0.1/32, 169.254.0.0/16"})
    for ok in ("127.0.0.1", "10.9.9.9", "192.168.1.1", "fc00::1"):
        assert private.refusal(ipaddress.ip_address(ok)) is None
    assert listed.refusal(ipaddress.ip_address("10.20.3.4")) is None
    assert listed.refusal(ipaddress.ip_address("10.21.3.4")) == "private"
    for policy in (private, listed):  # metadata stays refused whatever is allowed
        assert policy.refusal(ipaddress.ip_address("169.254.169.254")) is not None
        assert policy.refusal(ipaddress.ip_address("fd00:ec2::254")) is not None
    with pytest.raises(ValueError, match="not a CIDR"):
        AddressPolicy.from_env({ALLOW: "10.0.0.0/33"})


def test_every_resolved_address_is_checked():
    # "localhost" resolves to loopback addresses only; allowing just one family is not enough
    # when the name also resolves to the other.
    policy = AddressPolicy.from_env({ALLOW: "127.0.0.0/8,::1/128"})
    assert checked_address("localhost", 80, policy) in ("127.0.0.1", "::1")
    with pytest.raises(Exception, match="loopback"):
        checked_address("localhost", 80, AddressPolicy())


def _hook(api, url, name="hook"):
    return api.post("/api/notifiers", json={"name": name, "type": "webhook", "url": url,
                                            "events": ["run_failed"]})


def test_saving_a_refused_address_is_a_422_naming_url(api, monkeypatch):
    for url in ("http://169.254.169.254/latest/meta-data/", "http://[fd00:ec2::254]/", "http://0.0.0.0:8000/x"):
        answer = _hook(api, url)
        assert answer.status_code == 422 and "url" in answer.get_json()["errors"]["json"], url
    monkeypatch.delenv(ALLOW, raising=False)
    answer = _hook(api, "http://127.0.0.1:8000/hook")
    assert answer.status_code == 422 and "loopback" in answer.get_data(as_text=True)
    smtp = api.post("/api/notifiers", json={"name": "m", "type": "email", "smtp_host": "10.0.0.25",
                                            "to": ["noc@example.test"], "events": ["run_failed"]})
    assert smtp.status_code == 422 and "private" in smtp.get_data(as_text=True)


def test_allowed_receiver_delivers_and_is_re_checked_at_send_time(api, monkeypatch):
    with HttpReceiver() as rx:
        n = _hook(api, "http://user%40x:p%3Ass@" + rx.url.split("//", 1)[1] + "/hook?t=TOK")
        assert n.status_code == 201, n.get_json()
        nid = n.get_json()["id"]
        assert api.ok("POST", f"/api/notifiers/{nid}/test") == {"ok": True, "result": "delivered"}
        [post] = rx.posts
        assert post["path"] == "/hook?t=TOK" and post["host"] == rx.url.split("//", 1)[1]
        assert post["authorization"] == "Basic dXNlckB4OnA6c3M="  # user@x:p:ss, decoded from the URL
        # The allowance is withdrawn after the notifier was saved: the next delivery is refused
        # before any connection (the same re-check defeats a DNS answer changed after saving).
        monkeypatch.delenv(ALLOW)
        assert api.ok("POST", f"/api/notifiers/{nid}/test") == {"ok": False,
                                                                "result": "failed: address not allowed"}
        assert len(rx.posts) == 1
    deliveries = api.ok("GET", f"/api/notifiers/{nid}/deliveries")
    assert deliveries[0]["last_error"] == "failed: address not allowed"


def test_redirects_are_not_followed():
    with HttpReceiver() as target, HttpReceiver() as rx:
        rx.status, rx.headers = 307, {"Location": target.url + "/elsewhere"}
        with pytest.raises(Exception, match="redirects are not followed") as info:
            post_json(rx.url + "/hook", {"x": 1}, timeout=5)
        assert info.value.category == "redirect not followed" and not info.value.retryable
        assert len(rx.posts) == 1 and target.posts == []


def test_test_endpoint_does_not_tell_ports_apart(api):
    from tests.service.receivers import free_port

    answers = []
    for port in (free_port(), 9):  # nothing listening: what a closed and a filtered port look like
        nid = _hook(api, f"http://127.0.0.1:{port}/x", name=f"p{port}").get_json()["id"]
        answers.append(api.ok("POST", f"/api/notifiers/{nid}/test"))
        history = api.ok("GET", f"/api/notifiers/{nid}/deliveries")
        assert history[0]["last_error"] == "failed: not reachable"
    assert answers == [{"ok": False, "result": "failed: not reachable"}] * 2
    text = api.all_text()
    assert "Errno" not in text and "refused" not in text.lower().replace("address not allowed", "")
