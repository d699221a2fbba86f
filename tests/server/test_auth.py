"""Login, throttling, JWT and API tokens, password changes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import jwt

from netraven_server.security.tokens import issue_access_token
from tests.server.conftest import PASSWORDS


def login(api, username, password, **kw):
    return api.post("/api/auth/login", as_=None, json={"username": username, "password": password}, **kw)


def test_login_and_me(api):
    response = login(api, "operator", PASSWORDS["operator"])
    assert response.status_code == 200
    body = response.get_json()
    assert body["token_type"] == "bearer" and body["expires_in"] > 0 and body["user"]["role"] == "operator"
    me = api.get("/api/auth/me", as_=None, headers={"Authorization": f"Bearer {body['access_token']}"})
    assert me.status_code == 200 and me.get_json()["username"] == "operator"
    assert "password" not in me.get_data(as_text=True)
    assert "password_hash" not in response.get_data(as_text=True)


def test_wrong_password_and_unknown_user_look_the_same(api):
    a = login(api, "operator", "nope-nope")
    b = login(api, "nobody", "nope-nope")
    assert a.status_code == b.status_code == 401
    assert a.get_json()["message"] == b.get_json()["message"] == "wrong username or password"
    assert a.headers["WWW-Authenticate"].startswith("Bearer")


def test_repeated_failures_are_throttled(api, app):
    limit = app.extensions["netraven"].policy.max_failures
    for _ in range(limit):
        assert login(api, "viewer", "wrong-password").status_code == 401
    locked = login(api, "viewer", PASSWORDS["viewer"])  # even the right password waits
    assert locked.status_code == 429
    assert int(locked.headers["Retry-After"]) > 0 and "try again" in locked.get_json()["message"]
    # another account from another address is not affected
    other = login(api, "admin", PASSWORDS["admin"], environ_base={"REMOTE_ADDR": "192.0.2.77"})
    assert other.status_code == 200


def test_throttle_cannot_lock_the_real_user_out_from_elsewhere(api, app):
    limit = app.extensions["netraven"].policy.max_failures
    attacker = {"REMOTE_ADDR": "203.0.113.66"}
    for _ in range(limit + 2):
        login(api, "viewer", "wrong-password", environ_base=attacker)
    assert login(api, "viewer", PASSWORDS["viewer"], environ_base=attacker).status_code == 429
    # the real user, from their own address, logs in at once
    home = {"REMOTE_ADDR": "198.51.100.5"}
    assert login(api, "viewer", PASSWORDS["viewer"], environ_base=home).status_code == 200
    # and the attacker's address may still try another account (below the address-wide limit)
    assert login(api, "operator", PASSWORDS["operator"], environ_base=attacker).status_code == 200


def test_throttle_delays_grow_and_spraying_one_address_is_limited(api, app):
    from netraven_server.db.models import LoginThrottle

    policy = app.extensions["netraven"].policy
    db = app.extensions["netraven"].db
    addr = {"REMOTE_ADDR": "203.0.113.9"}
    for _ in range(policy.max_failures):
        login(api, "viewer", "wrong-password", environ_base=addr)
    waits = []
    for _ in range(3):
        locked = login(api, "viewer", "wrong-password", environ_base=addr)
        assert locked.status_code == 429
        waits.append(int(locked.headers["Retry-After"]))
        with db.session() as s:  # the lockout ends, the streak goes on: the next failure waits longer
            row = s.get(LoginThrottle, "pair:viewer|203.0.113.9")
            row.locked_until = datetime.now(UTC) - timedelta(seconds=1)
        assert login(api, "viewer", "wrong-password", environ_base=addr).status_code == 401
    assert waits[0] < waits[1] < waits[2]
    assert waits[0] <= policy.lockout.total_seconds() + 1
    assert policy.lock_for("pair:x", policy.max_failures + 1) == 2 * policy.lockout
    assert policy.lock_for("pair:x", 99) == policy.max_lockout
    # many accounts from one address: the address-wide limit stops the spray
    spray = {"REMOTE_ADDR": "203.0.113.10"}
    statuses = [login(api, f"user{i}", "wrong-password", environ_base=spray).status_code
                for i in range(policy.address_max_failures + 1)]
    assert statuses[-1] == 429 and statuses.count(401) == policy.address_max_failures


def test_web_login_is_throttled_per_account_and_address(api, app):
    import re

    client = app.test_client()
    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    form = {"username": "viewer", "password": "wrong-password", "csrf_token": token}
    for _ in range(app.extensions["netraven"].policy.max_failures):
        assert client.post("/login", data=form).status_code == 401
    locked = client.post("/login", data=form | {"password": PASSWORDS["viewer"]})
    assert locked.status_code == 429 and int(locked.headers["Retry-After"]) > 0
    assert "try again" in locked.get_data(as_text=True)
    elsewhere = login(api, "viewer", PASSWORDS["viewer"], environ_base={"REMOTE_ADDR": "198.51.100.6"})
    assert elsewhere.status_code == 200


def test_throttle_window_expires(api, app):
    from netraven_server.db.models import LoginThrottle

    for _ in range(app.extensions["netraven"].policy.max_failures):
        login(api, "viewer", "wrong-password")
    with app.extensions["netraven"].db.session() as s:
        for row in s.query(LoginThrottle):
            row.locked_until = datetime.now(UTC) - timedelta(seconds=1)
    assert login(api, "viewer", PASSWORDS["viewer"]).status_code == 200


def test_successful_login_resets_the_user_counter(api):
    for _ in range(3):
        login(api, "viewer", "wrong-password")
    assert login(api, "viewer", PASSWORDS["viewer"]).status_code == 200
    for _ in range(3):
        login(api, "viewer", "wrong-password", environ_base={"REMOTE_ADDR": "192.0.2.8"})
    fresh_addr = {"REMOTE_ADDR": "192.0.2.9"}
    assert login(api, "viewer", PASSWORDS["viewer"], environ_base=fresh_addr).status_code == 200


def test_bad_tokens_are_401(api, app):
    secret = app.extensions["netraven"].jwt_secret
    expired, _ = issue_access_token(secret, api.user_ids["admin"], "admin", 60,
                                    now=datetime.now(UTC) - timedelta(hours=2))
    forged = jwt.encode({"sub": str(api.user_ids["admin"]), "exp": datetime.now(UTC) + timedelta(hours=1),
                         "iat": datetime.now(UTC), "iss": "netraven", "typ": "access"}, "wrong-secret-" * 4,
                        algorithm="HS256")
    none_alg = jwt.encode({"sub": "1"}, None, algorithm="none")
    for header in (f"Bearer {expired}", f"Bearer {forged}", f"Bearer {none_alg}", "Bearer nrt_doesnotexist",
                   "Basic YWRtaW46YWRtaW4=", "Bearer", "Bearer " + "x" * 5000):
        response = api.get("/api/devices", as_=None, headers={"Authorization": header})
        assert response.status_code == 401, header
        assert response.get_json()["message"]
    assert "expired" in api.get("/api/devices", as_=None,
                                headers={"Authorization": f"Bearer {expired}"}).get_json()["message"]


def test_disabled_user_token_stops_working(api):
    assert api.get("/api/devices", as_="operator").status_code == 200
    api.ok("PATCH", f"/api/users/{api.user_ids['operator']}", json={"enabled": False})
    assert api.get("/api/devices", as_="operator").status_code == 401
    assert login(api, "operator", PASSWORDS["operator"]).status_code == 401


def test_role_change_ends_access_tokens_and_api_tokens_take_the_new_role(api):
    created = api.ok("POST", "/api/tokens", 201, as_="operator", json={"name": "ci"})
    auth = {"Authorization": f"Bearer {created['token']}"}
    assert api.post("/api/tags", as_="operator", json={"name": "t1"}).status_code == 201
    api.ok("PATCH", f"/api/users/{api.user_ids['operator']}", json={"role": "viewer"})
    revoked = api.post("/api/tags", as_="operator", json={"name": "t2"})
    assert revoked.status_code == 401 and "revoked" in revoked.get_json()["message"]
    assert api.post("/api/tags", as_=None, headers=auth, json={"name": "t3"}).status_code == 403
    fresh = login(api, "operator", PASSWORDS["operator"]).get_json()["access_token"]
    assert api.get("/api/devices", as_=None, headers={"Authorization": f"Bearer {fresh}"}).status_code == 200


def test_password_change_ends_every_jwt_but_keeps_own_api_tokens(api):
    old = login(api, "viewer", PASSWORDS["viewer"]).get_json()["access_token"]
    created = api.ok("POST", "/api/tokens", 201, as_="viewer", json={"name": "ci"})
    api.ok("POST", "/api/auth/password", 204, as_="viewer",
           json={"current_password": PASSWORDS["viewer"], "new_password": "new-password-9"})
    for token in (old, api.tokens["viewer"]):
        auth = {"Authorization": f"Bearer {token}"}
        assert api.get("/api/devices", as_=None, headers=auth).status_code == 401
    assert api.get("/api/devices", as_=None,
                   headers={"Authorization": f"Bearer {created['token']}"}).status_code == 200
    new = login(api, "viewer", "new-password-9").get_json()["access_token"]
    assert api.get("/api/devices", as_=None, headers={"Authorization": f"Bearer {new}"}).status_code == 200


def test_admin_reset_and_disable_revoke_jwts_and_api_tokens(api):
    for change in ({"password": "reset-password-1"}, {"enabled": False}):
        api.ok("PATCH", f"/api/users/{api.user_ids['operator']}", json={"enabled": True})
        password = "reset-password-1" if "enabled" in change else PASSWORDS["operator"]
        jwt_token = login(api, "operator", password).get_json()["access_token"]
        created = api.ok("POST", "/api/tokens", 201, as_=None, json={"name": "ci"},
                         headers={"Authorization": f"Bearer {jwt_token}"})
        api.ok("PATCH", f"/api/users/{api.user_ids['operator']}", json=change)
        api.ok("PATCH", f"/api/users/{api.user_ids['operator']}", json={"enabled": True})
        for token in (jwt_token, created["token"]):  # re-enabling revives neither
            response = api.get("/api/devices", as_=None, headers={"Authorization": f"Bearer {token}"})
            assert response.status_code == 401, change


def test_api_tokens_create_use_list_revoke(api):
    created = api.ok("POST", "/api/tokens", 201, as_="viewer", json={"name": "ci", "expires_in_days": 30})
    plain = created["token"]
    assert plain.startswith("nrt_") and created["prefix"] == plain[:12]
    auth = {"Authorization": f"Bearer {plain}"}
    assert api.get("/api/devices", as_=None, headers=auth).status_code == 200
    # a viewer's token is read-only too
    assert api.post("/api/tags", as_=None, headers=auth, json={"name": "x"}).status_code == 403
    listed = api.ok("GET", "/api/tokens", as_="viewer")
    assert listed["total"] == 1 and "token" not in listed["items"][0]
    assert listed["items"][0]["last_used_at"] is not None
    assert plain not in api.bodies[-1]
    # someone else cannot see or revoke it; an admin can
    assert api.ok("GET", "/api/tokens", as_="operator")["total"] == 0
    assert api.delete(f"/api/tokens/{created['id']}", as_="operator").status_code == 404
    assert api.ok("GET", "/api/tokens?all=true", as_="admin")["total"] == 1
    api.ok("DELETE", f"/api/tokens/{created['id']}", 204, as_="viewer")
    assert api.get("/api/devices", as_=None, headers=auth).status_code == 401


def test_expired_api_token(api, app):
    from netraven_server.db.models import ApiToken

    created = api.ok("POST", "/api/tokens", 201, json={"name": "short", "expires_in_days": 1})
    with app.extensions["netraven"].db.session() as s:
        s.get(ApiToken, created["id"]).expires_at = datetime.now(UTC) - timedelta(minutes=1)
    response = api.get("/api/devices", as_=None, headers={"Authorization": f"Bearer {created['token']}"})
    assert response.status_code == 401 and "expired" in response.get_json()["message"]
    past = api.post("/api/tokens", json={"name": "p", "expires_at": "2001-01-01T00:00:00Z"})
    assert past.status_code == 422


def test_change_own_password(api):
    bad = api.post("/api/auth/password", as_="viewer",
                   json={"current_password": "wrong-one", "new_password": "new-password-9"})
    assert bad.status_code == 403
    short = api.post("/api/auth/password", as_="viewer",
                     json={"current_password": PASSWORDS["viewer"], "new_password": "short"})
    assert short.status_code == 422
    api.ok("POST", "/api/auth/password", 204, as_="viewer",
           json={"current_password": PASSWORDS["viewer"], "new_password": "new-password-9"})
    assert login(api, "viewer", "new-password-9").status_code == 200


def test_user_admin_rules(api):
    user = api.ok("POST", "/api/users", 201, json={"username": "carol", "password": "carol-pass-1",
                                                   "role": "operator"})
    assert "password" not in user and "password_hash" not in user
    assert api.post("/api/users", json={"username": "carol", "password": "x" * 9,
                                        "role": "viewer"}).status_code == 409
    weak = api.post("/api/users", json={"username": "dave", "password": "123", "role": "root"})
    assert weak.status_code == 422
    # the schema knows both rules (password length is in the OpenAPI document too)
    assert set(weak.get_json()["errors"]["json"]) == {"role", "password"}
    for bad in ("123", " " * 9, "x\x00" * 5):
        weak = api.post("/api/users", json={"username": "dave", "password": bad, "role": "viewer"})
        assert weak.status_code == 422 and "password" in weak.get_json()["errors"]["json"], bad
    # the last admin can be neither demoted nor deleted, nor can you delete yourself
    assert api.patch(f"/api/users/{api.user_ids['admin']}", json={"role": "viewer"}).status_code == 409
    assert api.delete(f"/api/users/{api.user_ids['admin']}").status_code == 409
    api.ok("DELETE", f"/api/users/{user['id']}", 204)
    assert api.ok("GET", "/api/users?role=admin")["total"] == 1


def test_audit_trail_records_changes_without_secrets(api):
    api.ok("POST", "/api/credentials", 201, json={"name": "c", "username": "u", "password": "audit-secret-1",
                                                  "tags": ["core"]})
    login(api, "viewer", "wrong-password")
    events = api.ok("GET", "/api/audit?size=100")["items"]
    actions = {(e["action"], e["entity_type"]) for e in events}
    assert ("create", "credential") in actions and ("login_failed", "user") in actions
    cred_event = next(e for e in events if e["entity_type"] == "credential")
    assert cred_event["actor"] == "admin" and cred_event["changes"]["password"] == "<set>"
    assert "audit-secret-1" not in api.all_text()


def test_proxy_hops_take_the_client_address_from_the_proxy(settings):
    from dataclasses import replace

    from netraven_server.app import create_app

    app = create_app(replace(settings, proxy_hops=1), migrate=False)
    try:
        client = app.test_client()
        for _ in range(app.extensions["netraven"].policy.max_failures):
            client.post("/api/auth/login", json={"username": "ghost", "password": "wrong-password"},
                        headers={"X-Forwarded-For": "198.51.100.7"})
        from netraven_server.db.models import LoginThrottle

        with app.extensions["netraven"].db.session(readonly=True) as s:
            keys = {row.key for row in s.query(LoginThrottle)}
        assert "addr:198.51.100.7" in keys
    finally:
        app.extensions["netraven"].db.dispose()
