"""A local stand-in for NetBox's REST API, for the NetBox inventory source's tests.

NetBox itself cannot run here (it needs PostgreSQL, Redis and Django set up), so this is a
small real HTTP server implementing the subset the source uses, written from NetBox's REST API
documentation (https://netboxlabs.com/docs/netbox/en/stable/integrations/rest-api/):

- ``GET /api/`` and ``GET /api/status/`` (what a client may probe);
- ``GET /api/dcim/devices/`` with offset pagination: ``limit`` (default ``PAGINATE_COUNT`` 50,
  capped at ``MAX_PAGE_SIZE`` 250 here to force several pages), ``offset``, and an answer
  ``{"count", "next", "previous", "results"}`` whose ``next`` is an absolute URL;
- filters ``site``, ``role``, ``tag``, ``status``, ``tenant``, ``platform`` by slug/value,
  repeated for several values (OR inside one filter, AND between filters), as NetBox does;
- token authentication: ``Authorization: Token <key>`` (or ``Bearer`` for v2 tokens); a missing
  or wrong token is ``403 {"detail": "Invalid token"}``, like NetBox.

Devices are NetBox-shaped JSON (nested ``site``/``role``/``tenant``/``platform`` objects with
``slug``, ``status`` as ``{"value", "label"}``, ``primary_ip`` with ``address`` in CIDR form,
``tags`` and ``custom_fields``).  Every request is recorded in :attr:`NetboxStandIn.requests`.
"""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

PAGINATE_COUNT = 50
MAX_PAGE_SIZE = 250
FILTER_PATHS = {"site": ("site", "slug"), "role": ("role", "slug"), "tenant": ("tenant", "slug"),
                "platform": ("platform", "slug"), "status": ("status", "value")}


def _nested(kind: str, slug: str | None, ident: int = 1) -> dict[str, Any] | None:
    if slug is None:
        return None
    return {"id": ident, "url": f"http://netbox/api/{kind}/{ident}/", "display": slug.title(),
            "name": slug.title(), "slug": slug}


def make_device(ident: int, name: str | None, *, ip: str | None = "auto", platform: str | None = "cisco-ios",
                site: str = "ams1", role: str = "router", tenant: str | None = None, status: str = "active",
                tags: tuple[str, ...] = (), custom: dict[str, Any] | None = None) -> dict[str, Any]:
    """One device as ``GET /api/dcim/devices/`` returns it."""
    if ip == "auto":
        ip = f"10.{ident // 65536 % 256}.{ident // 256 % 256}.{ident % 256}/24"
    primary = {"id": ident, "url": f"http://netbox/api/ipam/ip-addresses/{ident}/", "family": 4,
               "address": ip, "display": ip} if ip else None
    return {"id": ident, "url": f"http://netbox/api/dcim/devices/{ident}/", "display": name or f"#{ident}",
            "name": name, "device_type": {"id": 1, "model": "ISR4331", "slug": "isr4331"},
            "role": _nested("dcim/device-roles", role), "tenant": _nested("tenancy/tenants", tenant),
            "platform": _nested("dcim/platforms", platform), "serial": f"FTX{ident:06d}",
            "site": _nested("dcim/sites", site), "status": {"value": status, "label": status.title()},
            "primary_ip": primary, "primary_ip4": primary, "primary_ip6": None,
            "tags": [{"id": i, "name": t, "slug": t, "color": "9e9e9e"} for i, t in enumerate(tags, 1)],
            "custom_fields": {"netraven_driver": None, "netraven_port": None, "netraven_transport": None,
                              **(custom or {})},
            "created": "2026-01-01T00:00:00Z", "last_updated": "2026-01-01T00:00:00Z"}


def _value(device: dict[str, Any], path: tuple[str, str]) -> Any:
    obj = device.get(path[0])
    return obj.get(path[1]) if isinstance(obj, dict) else None


def _matches(device: dict[str, Any], query: dict[str, list[str]]) -> bool:
    for name, wanted in query.items():
        if name == "tag":
            if not set(wanted) & {t["slug"] for t in device["tags"]}:
                return False
        elif name in FILTER_PATHS and _value(device, FILTER_PATHS[name]) not in wanted:
            return False
    return True


class NetboxStandIn:
    """``with NetboxStandIn(devices, token="...") as nb: nb.url`` — serves until the block ends."""

    def __init__(self, devices: list[dict[str, Any]], token: str = "0123456789abcdef0123456789abcdef01234567"
                 ) -> None:
        self.devices = devices
        self.token = token
        self.requests: list[tuple[str, dict[str, list[str]]]] = []
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"

    def __enter__(self) -> NetboxStandIn:
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _handler(self) -> type:
        stand_in = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:  # quiet test output
                pass

            def _send(self, status: int, body: Any) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("API-Version", "4.2")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:
                parts = urlsplit(self.path)
                query = parse_qs(parts.query)
                stand_in.requests.append((parts.path, query))
                auth = self.headers.get("Authorization", "")
                scheme, _sp, key = auth.partition(" ")
                if scheme not in ("Token", "Bearer") or key != stand_in.token:
                    self._send(403, {"detail": "Invalid token"})
                    return
                if parts.path == "/api/":
                    self._send(200, {"dcim": f"{stand_in.url}/api/dcim/"})
                elif parts.path == "/api/status/":
                    self._send(200, {"netbox-version": "4.2.0", "django-version": "5.1"})
                elif parts.path == "/api/dcim/devices/":
                    self._devices(query)
                else:
                    self._send(404, {"detail": "Not found."})

            def _devices(self, query: dict[str, list[str]]) -> None:
                try:
                    limit = min(int(query.pop("limit", [PAGINATE_COUNT])[0]) or MAX_PAGE_SIZE, MAX_PAGE_SIZE)
                    offset = int(query.pop("offset", [0])[0])
                except ValueError:
                    self._send(400, {"detail": "limit and offset must be integers"})
                    return
                found = [d for d in stand_in.devices if _matches(d, query)]
                page = found[offset:offset + limit]

                def link(at: int) -> str:
                    params = [(k, v) for k, vs in query.items() for v in vs]
                    params += [("limit", limit), ("offset", at)]
                    return f"{stand_in.url}/api/dcim/devices/?{urlencode(params)}"

                self._send(200, {"count": len(found),
                                 "next": link(offset + limit) if offset + limit < len(found) else None,
                                 "previous": link(max(0, offset - limit)) if offset else None,
                                 "results": page})

        return Handler
