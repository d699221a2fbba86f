"""Telnet for simulated devices whose profile offers it (``Profile.telnet``), per device.

telnetlib3 serves the connection (option negotiation: the device echoes and suppresses go-ahead,
as network devices do); the CLI is the same :class:`~.session.CliSession` as over SSH, reached
through :class:`TelnetProcess`, which gives telnet's reader and writer the shape of an asyncssh
server process.  The login is in-band (``login_username_prompt``/``login_password_prompt``).
"""

from __future__ import annotations

from typing import Any


class _Channel:
    def __init__(self, writer: Any):
        self._writer = writer

    def is_closing(self) -> bool:
        return bool(self._writer.connection_closed)

    def get_connection(self) -> _Channel:
        return self  # "close the connection": the telnet connection is the channel

    def close(self) -> None:
        self._writer.close()


class _Output:
    def __init__(self, writer: Any):
        self._writer = writer

    def write(self, text: str) -> None:
        self._writer.write(text)

    async def drain(self) -> None:
        await self._writer.drain()


class _Input:
    def __init__(self, reader: Any):
        self._reader = reader

    async def read(self, size: int) -> str:
        data = await self._reader.read(size)
        # A telnet Enter may be CR NUL (RFC 854); the session knows CR, LF and CR LF.
        return data.replace("\x00", "") if data else ""


class TelnetProcess:
    """A telnet connection as :class:`~.session.CliSession` expects its process to be."""

    command = None  # telnet has no exec requests: always an interactive shell

    def __init__(self, reader: Any, writer: Any):
        self.channel = _Channel(writer)
        self.stdout = _Output(writer)
        self.stdin = _Input(reader)
        self._writer = writer

    def get_extra_info(self, name: str, default: Any = None) -> Any:
        return self._writer.get_extra_info(name, default)

    def exit(self, status: int) -> None:
        self._writer.close()


async def listen(host: str, port: int, shell: Any) -> Any:
    """A telnet listener whose connections run ``shell(process)``; ``.sockets`` gives the port."""
    import telnetlib3

    async def run(reader: Any, writer: Any) -> None:
        await shell(TelnetProcess(reader, writer))

    return await telnetlib3.create_server(host, port, shell=run, encoding="utf-8",
                                          encoding_errors="replace", force_binary=True,
                                          timeout=False, connect_maxwait=0.5)
