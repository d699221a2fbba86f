"""Writing a NetRaven YAML inventory for the simulator's devices."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from ..fileio import atomic_write

if TYPE_CHECKING:  # pragma: no cover
    from .server import Simulator


def _literal(value: str) -> str:
    return value.replace("$", "$$")  # the inventory expands ${VAR}; "$$" is a literal "$"


def inventory_data(sim: Simulator, *, password_env: str | None = None,
                   enable_env: str | None = None, tags: tuple[str, ...] = ("sim",)) -> dict[str, Any]:
    """The inventory as plain data: one credential (tagged like the devices) and every device.

    With ``password_env``/``enable_env`` the secrets are written as ``${VAR}`` references instead
    of literal values.
    """
    if any(d.port == 0 for d in sim.devices):
        raise RuntimeError("device ports are not known yet: start the simulator first (base_port=0)")
    credential: dict[str, Any] = {
        "name": "sim-admin",
        "username": sim.username,
        "password": f"${{{password_env}}}" if password_env else _literal(sim.password),
        "priority": 10,
        "tags": list(tags),
    }
    if sim.enable_secret is not None:
        credential["enable_secret"] = f"${{{enable_env}}}" if enable_env else _literal(sim.enable_secret)
    devices = [
        {"hostname": d.hostname, "host": d.host, "port": d.port, "platform": d.platform,
         "tags": list(tags), **({"transport": d.transport} if d.transport != "ssh" else {})}
        for d in sim.devices
    ]
    return {"credentials": [credential], "devices": devices}


def write_inventory(sim: Simulator, path: str | os.PathLike[str], **kwargs: Any) -> None:
    """Write :func:`inventory_data` as YAML to ``path`` (mode 0600: it may hold the password)."""
    text = yaml.safe_dump(inventory_data(sim, **kwargs), sort_keys=False, default_flow_style=None)
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(target, text.encode("utf-8"), mode=0o600)
