"""Free local port ranges for tests that start a server or simulated devices on consecutive ports."""

from __future__ import annotations

import random
import socket

import pytest


def free_port_range(count: int) -> int:
    """The first port of ``count`` consecutive ports on 127.0.0.1 that are free right now
    (skips the test when none is found after a few tries)."""
    for _ in range(50):
        base = random.randrange(40000, 65535 - count)
        socks: list[socket.socket] = []
        try:
            for port in range(base, base + count):
                s = socket.socket()
                socks.append(s)
                s.bind(("127.0.0.1", port))
            return base
        except OSError:
            continue
        finally:
            for s in socks:
                s.close()
    pytest.skip("no free port range")
