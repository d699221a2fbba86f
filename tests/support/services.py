"""Helpers for tests that need an external service (PostgreSQL, Redis, Chromium).

Absent services skip the test with a reason, unless ``NETRAVEN_REQUIRE_SERVICES=1`` (set by
``.ci/run``), in which case the test fails: CI must never pass by skipping.
"""

from __future__ import annotations

import os
import shutil
import socket

import pytest

REQUIRED = os.environ.get("NETRAVEN_REQUIRE_SERVICES") == "1"

POSTGRES_URL = os.environ.get("NETRAVEN_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
REDIS_URL = os.environ.get("NETRAVEN_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
CHROMIUM = os.environ.get("NETRAVEN_TEST_CHROMIUM", "/usr/bin/chromium")


def unavailable(reason: str) -> None:
    """Skip, or fail when services are required."""
    if REQUIRED:
        pytest.fail(f"required service unavailable (NETRAVEN_REQUIRE_SERVICES=1): {reason}")
    pytest.skip(reason)


def port_open(host: str, port: int, timeout: float = 0.5) -> bool:
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def require_postgres() -> str:
    if not port_open("127.0.0.1", 5432):
        unavailable("PostgreSQL is not listening on 127.0.0.1:5432")
    return POSTGRES_URL


def require_redis() -> str:
    if not port_open("127.0.0.1", 6379):
        unavailable("Redis is not listening on 127.0.0.1:6379")
    return REDIS_URL


def require_chromium() -> str:
    if not (os.path.exists(CHROMIUM) or shutil.which("chromium")):
        unavailable(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    return CHROMIUM if os.path.exists(CHROMIUM) else shutil.which("chromium")
