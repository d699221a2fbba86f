"""Telnet for the ``ssh`` (native) driver: devices whose ``Device.transport`` is ``"telnet"``.

Only the byte stream differs from SSH: telnetlib3 negotiates the options (the device's ECHO and
SUPPRESS-GO-AHEAD, our terminal type and window size) and strips IAC sequences; the dialogue is
the one SSH uses (:class:`~._shell.Dialogue`), with the in-band login telnet always has.  Telnet
sends the password in clear text; NetRaven uses it only where an inventory asks for it on a
device, never as a fallback.
"""

from __future__ import annotations

import asyncio
from typing import Any

from netraven_core.errors import ErrorCategory, FetchError
from netraven_core.models import ConnectionTarget

from ._shell import Dialogue

# Devices that negotiate answer at once; one that does not is given this long before we talk.
NEGOTIATION_WAIT = 1.0


class TelnetLink:
    """One telnet connection feeding a :class:`Dialogue`."""

    def __init__(self, dialogue: Dialogue):
        self.dialogue = dialogue
        self._writer: Any = None
        self._pump: asyncio.Task[None] | None = None

    async def open(self, target: ConnectionTarget, *, term_type: str, width: int) -> None:
        import telnetlib3

        device = target.device
        try:
            reader, writer = await asyncio.wait_for(telnetlib3.open_connection(
                device.host, device.port, client_factory=telnetlib3.TelnetClient,
                encoding="utf-8", encoding_errors="replace", force_binary=True,
                term=term_type, cols=width, rows=200, connect_minwait=0,
                connect_maxwait=NEGOTIATION_WAIT, connect_timeout=target.timeout,
                compression=False), target.timeout)
        except TimeoutError:
            raise FetchError(ErrorCategory.TIMEOUT, f"no telnet connection within {target.timeout:g}s "
                             f"({device.host}:{device.port})") from None
        except ConnectionError as exc:
            if "timed out" in str(exc):
                raise FetchError(ErrorCategory.TIMEOUT, f"no telnet connection within "
                                 f"{target.timeout:g}s ({device.host}:{device.port})") from None
            raise
        self._writer = writer
        self.dialogue.attach(self._write)
        self._pump = asyncio.ensure_future(self._read(reader))

    def _write(self, text: str) -> None:
        writer = self._writer
        if writer is not None and not writer.connection_closed:
            # A telnet end of line is CR LF (RFC 854); devices accept nothing else reliably.
            writer.write(text.replace("\r\n", "\n").replace("\n", "\r\n"))

    async def _read(self, reader: Any) -> None:
        reason = "the device closed the telnet connection"
        try:
            while True:
                data = await reader.read(65536)
                if not data:
                    break
                self.dialogue.feed(data)
        except (ConnectionError, OSError) as exc:
            reason += f" ({type(exc).__name__})"
        self.dialogue.lost(reason)

    def close(self) -> None:
        writer, self._writer = self._writer, None
        if writer is not None:
            writer.close()
        pump, self._pump = self._pump, None
        if pump is not None and not pump.done():
            pump.cancel()
