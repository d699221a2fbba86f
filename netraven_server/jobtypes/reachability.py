"""The ``reachability`` job: TCP connect to the device's SSH port, plus one ICMP echo when the
``ping`` command exists and the host allows it (unprivileged ICMP may be forbidden; that is
reported, not counted as a failure)."""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import time
from typing import Any

from .base import DeviceOutcome, DeviceSnapshot, JobContext

_RTT = re.compile(r"time[=<]([\d.]+)\s*ms")


def tcp_check(host: str, port: int, timeout: float) -> dict[str, Any]:
    started = time.monotonic()
    try:
        with socket.create_connection((host, port), timeout=timeout):
            pass
    except TimeoutError:
        return {"ok": False, "error": f"timed out after {timeout:g}s", "category": "timeout"}
    except ConnectionRefusedError:
        return {"ok": False, "error": "connection refused", "category": "refused"}
    except OSError as exc:
        return {"ok": False, "error": exc.strerror or type(exc).__name__, "category": "unreachable"}
    return {"ok": True, "latency_ms": round((time.monotonic() - started) * 1000, 2)}


def icmp_check(host: str, timeout: float = 1.0) -> dict[str, Any] | None:
    """One echo request via the system ``ping``; ``None`` when ICMP cannot be tried here."""
    ping = shutil.which("ping")
    if ping is None:
        return None
    try:
        proc = subprocess.run([ping, "-c", "1", "-W", str(max(1, round(timeout))), "--", host],
                              capture_output=True, text=True, timeout=timeout + 3)
    except (OSError, subprocess.TimeoutExpired):
        return None
    if proc.returncode == 0:
        match = _RTT.search(proc.stdout)
        return {"ok": True, "latency_ms": float(match.group(1)) if match else None}
    if "permitted" in proc.stderr.lower() or "permission" in proc.stderr.lower():
        return None  # the process may not send ICMP: not evidence either way
    return {"ok": False}


def run_device(ctx: JobContext, device: DeviceSnapshot) -> DeviceOutcome:
    timeout = float(ctx.options.get("timeout", 5))
    started = time.monotonic()
    tcp = tcp_check(device.host, device.port, timeout)
    icmp = icmp_check(device.host, min(timeout, 2.0)) if ctx.options.get("icmp", True) else None
    details = {"tcp": tcp, "icmp": icmp}
    duration = time.monotonic() - started
    if tcp["ok"]:
        return DeviceOutcome("success", duration=duration, details=details)
    return DeviceOutcome("failed", duration=duration, details=details, error_category=tcp["category"],
                         error=f"{device.host}:{device.port} {tcp['error']}")
