"""A tiny raw SSH shell client for simulator tests (asyncssh, PTY, no driver logic)."""

from __future__ import annotations

import asyncio
import re
from typing import Any

import asyncssh


class Shell:
    """An interactive shell on a simulated device; ``expect`` reads until a regex matches."""

    def __init__(self, conn: asyncssh.SSHClientConnection, process: asyncssh.SSHClientProcess):
        self.conn = conn
        self.process = process
        self.buffer = ""

    async def expect(self, pattern: str, timeout: float = 10.0) -> str:
        """Everything up to and including the first match of ``pattern``; the rest stays buffered."""
        rx = re.compile(pattern, re.MULTILINE)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            m = rx.search(self.buffer)
            if m:
                out, self.buffer = self.buffer[: m.end()], self.buffer[m.end():]
                return out
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise TimeoutError(f"{pattern!r} not seen; got {self.buffer[-300:]!r}")
            data = await asyncio.wait_for(self.process.stdout.read(65536), remaining)
            if not data:
                raise EOFError(f"closed before {pattern!r}; got {self.buffer[-300:]!r}")
            self.buffer += data

    def send(self, text: str) -> None:
        self.process.stdin.write(text)

    async def close(self) -> None:
        self.conn.close()
        await self.conn.wait_closed()


async def open_shell(port: int, *, username: str = "admin", password: str = "sim-password",
                     **kwargs: Any) -> Shell:
    conn = await asyncssh.connect("127.0.0.1", port, username=username, password=password,
                                  known_hosts=None, **kwargs)
    process = await conn.create_process(term_type="vt100", term_size=(511, 24))
    return Shell(conn, process)
