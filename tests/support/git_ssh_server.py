"""A real SSH server for git pushes in tests (there is no sshd here): asyncssh accepting one
client key and running ``git-receive-pack``/``git-upload-pack`` for the requested repository,
the way a git host's SSH endpoint does.  ``ssh://git@127.0.0.1:<port>/<path>.git`` reaches it."""

from __future__ import annotations

import asyncio
import shlex
import threading
from typing import Any

import asyncssh

ALLOWED = {"git-receive-pack", "git-upload-pack"}


async def _pump(src: Any, dst: Any) -> None:
    while True:
        data = await src.read(65536)
        if not data:
            return
        dst.write(data)


async def _handle(process: asyncssh.SSHServerProcess) -> None:
    argv = shlex.split(process.command or "")
    if len(argv) != 2 or argv[0] not in ALLOWED:
        process.stderr.write(b"only git-receive-pack/git-upload-pack\n")
        process.exit(1)
        return
    pipe = asyncio.subprocess.PIPE
    proc = await asyncio.create_subprocess_exec(*argv, stdin=pipe, stdout=pipe, stderr=pipe)

    async def feed() -> None:
        while True:
            data = await process.stdin.read(65536)
            if not data:
                break
            proc.stdin.write(data)
            await proc.stdin.drain()
        proc.stdin.close()

    feeding = asyncio.ensure_future(feed())
    await asyncio.gather(_pump(proc.stdout, process.stdout), _pump(proc.stderr, process.stderr))
    code = await proc.wait()
    feeding.cancel()
    process.exit(code)


class GitSshServer:
    """``with GitSshServer() as srv: srv.port, srv.client_key`` (OpenSSH private key text)."""

    def __init__(self) -> None:
        self.host_key = asyncssh.generate_private_key("ssh-ed25519")
        client = asyncssh.generate_private_key("ssh-ed25519")
        self.client_key = client.export_private_key().decode()
        self._authorized = asyncssh.import_authorized_keys(client.export_public_key().decode())
        self.connections = 0
        self.up = True
        self._loop = asyncio.new_event_loop()
        self._server: Any = None
        self.port = 0

    def __enter__(self) -> GitSshServer:
        started = threading.Event()

        def run() -> None:
            asyncio.set_event_loop(self._loop)
            self._server = self._loop.run_until_complete(asyncssh.create_server(
                asyncssh.SSHServer, "127.0.0.1", 0, server_host_keys=[self.host_key],
                authorized_client_keys=self._authorized, process_factory=_handle, encoding=None,
                password_auth=False, kbdint_auth=False))
            self.port = self._server.sockets[0].getsockname()[1]
            started.set()
            self._loop.run_forever()

        self._thread = threading.Thread(target=run, daemon=True)
        self._thread.start()
        started.wait(10)
        return self

    def url(self, path: str) -> str:
        return f"ssh://git@127.0.0.1:{self.port}{path}"

    def __exit__(self, *exc: Any) -> None:
        async def stop() -> None:
            self._server.close()
            await self._server.wait_closed()

        asyncio.run_coroutine_threadsafe(stop(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)
