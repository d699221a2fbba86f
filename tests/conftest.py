"""Fixtures shared by every test package."""

from __future__ import annotations

import os

import pytest
from hypothesis import settings

# CI replays the same examples every run, so a submission's result does not depend on luck;
# developers' runs keep exploring new examples (and a failure they find becomes a fixed case).
# The notification tests' receivers (HTTP, SMTP) listen on 127.0.0.1, which the outbound policy
# refuses by default; the policy's own tests remove this to see the default.
os.environ.setdefault("NETRAVEN_NOTIFY_ALLOW_CIDRS", "127.0.0.1/32")

settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI") == "true":
    settings.load_profile("ci")


@pytest.fixture(scope="session")
def host_key_path(tmp_path_factory):
    """One simulator host key file per test session (created by the first simulator that uses it)."""
    return tmp_path_factory.mktemp("simkey") / "host_key"


@pytest.fixture(autouse=True, scope="session")
def cheap_password_hashing():
    """Argon2 with production parameters costs ~0.3 s per hash here; tests need no such cost."""
    from argon2 import PasswordHasher

    from netraven_server.security import passwords

    previous = passwords.set_hasher(PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    yield
    passwords.set_hasher(previous)
