"""Reading devices from NetBox's REST API through pynetbox, with errors that say what failed.

pynetbox follows NetBox's pagination (``count``/``next``) itself.  Messages never include the
token; a refused token is reported by its status code.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from netraven_core.errors import InventoryError

from .settings import NetboxSettings


class _TimeoutSession:
    """requests has no session-wide timeout: every call gets the settings' one."""

    def __init__(self, session: Any, timeout: float, verify: bool) -> None:
        self._session = session
        self._timeout = timeout
        session.verify = verify

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self._session, name)
        if name in ("get", "post", "put", "patch", "delete", "request"):
            def call(*args: Any, **kwargs: Any) -> Any:
                kwargs.setdefault("timeout", self._timeout)
                return attr(*args, **kwargs)
            return call
        return attr


def fetch_devices(settings: NetboxSettings, token: str, source: str) -> Iterator[dict[str, Any]]:
    """Every NetBox device matching the filters, as plain dicts."""
    try:
        import pynetbox
        import requests
    except ImportError:
        raise InventoryError("the NetBox source needs pynetbox: pip install 'netraven[netbox]'",
                             source=source) from None
    api = pynetbox.api(settings.url, token=token)
    api.http_session = _TimeoutSession(api.http_session, settings.timeout, settings.verify_tls)
    where = f"NetBox at {settings.url}"
    try:
        for record in api.dcim.devices.filter(**settings.filters):
            yield dict(record)
    except pynetbox.RequestError as exc:
        status = getattr(exc.req, "status_code", "?")
        hint = {401: "the token was refused", 403: "the token was refused or lacks dcim.view_device",
                404: "no API there (is the URL NetBox's base URL?)"}.get(status, "the request failed")
        raise InventoryError(f"{where}: {hint} (HTTP {status})", source=source, field="url") from None
    except pynetbox.ContentError:
        raise InventoryError(f"{where}: the answer is not JSON (is the URL NetBox's?)", source=source,
                             field="url") from None
    except requests.exceptions.SSLError:
        raise InventoryError(f"{where}: TLS verification failed (set verify_tls: false only for a test "
                             "instance)", source=source, field="url") from None
    except requests.exceptions.Timeout:
        raise InventoryError(f"{where}: no answer within {settings.timeout:g}s", source=source,
                             field="timeout") from None
    except requests.exceptions.RequestException as exc:
        raise InventoryError(f"{where}: cannot connect ({type(exc).__name__})", source=source,
                             field="url") from None
