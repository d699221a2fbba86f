"""The syslog listener: UDP datagrams and TCP streams (RFC 6587: octet counting ``LEN MSG`` or
one message per line), in an asyncio loop of its own thread.  Parsing and database work run in
worker threads, so a slow database never stops the sockets from being read; the debounce is
checked every second.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from .status import STATUS_KEY
from .trigger import ChangeTrigger

log = logging.getLogger(__name__)

MAX_MESSAGE = 65536  # longer TCP frames are cut off (RFC 5425's minimum is 2048)
STATUS_EVERY = 15.0


@dataclass(frozen=True)
class Endpoint:
    protocol: str  # "udp" or "tcp"
    host: str
    port: int


def parse_listen(spec: str) -> list[Endpoint]:
    """``udp://0.0.0.0:5514,tcp://[::]:5514`` -> endpoints; ``ValueError`` says what is wrong."""
    endpoints = []
    for part in (p.strip() for p in spec.split(",")):
        if not part:
            continue
        url = urlsplit(part)
        try:
            port = url.port
        except ValueError:
            port = None
        if url.scheme not in ("udp", "tcp") or not url.hostname or port is None:
            raise ValueError(f"NETRAVEN_SYSLOG_LISTEN: {part!r} is not udp://HOST:PORT or tcp://HOST:PORT")
        endpoints.append(Endpoint(url.scheme, url.hostname, port))
    if not endpoints:
        raise ValueError("NETRAVEN_SYSLOG_LISTEN names no endpoint (e.g. udp://0.0.0.0:5514)")
    return endpoints


class _Udp(asyncio.DatagramProtocol):
    def __init__(self, receiver: SyslogReceiver) -> None:
        self.receiver = receiver

    def datagram_received(self, data: bytes, addr: Any) -> None:
        self.receiver.submit(data, addr[0])


class SyslogReceiver:
    """``SyslogReceiver(db, "udp://127.0.0.1:0", debounce_seconds=10).start()``; ``bound`` lists
    the actual ``(protocol, host, port)`` once started."""

    def __init__(self, db: Any, listen: str, *, debounce_seconds: float = 10.0) -> None:
        self.endpoints = parse_listen(listen)
        self.trigger = ChangeTrigger(db, debounce_seconds)
        self.bound: list[tuple[str, str, int]] = []
        # One thread handles messages in arrival order (the last user named in a burst wins);
        # another starts the due backups, so a slow start never holds up reading messages.
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="syslog-messages")
        self._starter = ThreadPoolExecutor(max_workers=1, thread_name_prefix="syslog-backups")
        self._loop = asyncio.new_event_loop()
        self._thread: threading.Thread | None = None
        self._closers: list[Any] = []
        self._error: BaseException | None = None
        self._db = db
        self._published = 0.0  # last status report (monotonic); STATUS_KEY row in settings

    # ------------------------------------------------------------------ lifecycle

    def start(self) -> SyslogReceiver:
        ready = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(ready,), name="syslog-receiver", daemon=True)
        self._thread.start()
        ready.wait(15)
        if self._error is not None:
            raise OSError(f"syslog receiver could not listen: {self._error}") from None
        log.info("syslog receiver listening on %s", ", ".join(f"{p}://{h}:{n}" for p, h, n in self.bound))
        self.publish()
        return self

    def stop(self) -> None:
        if self._thread is None:
            return
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)
        self._pool.shutdown(wait=True)
        self._starter.shutdown(wait=True)
        self._thread = None

    def __enter__(self) -> SyslogReceiver:
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.stop()

    def _run(self, ready: threading.Event) -> None:
        asyncio.set_event_loop(self._loop)
        try:
            self._loop.run_until_complete(self._listen())
        except BaseException as exc:
            self._error = exc
            ready.set()
            return
        ready.set()
        self._loop.call_later(1.0, self._tick)
        try:
            self._loop.run_forever()
        finally:
            for close in self._closers:
                close()
            self._loop.close()

    async def _listen(self) -> None:
        for ep in self.endpoints:
            if ep.protocol == "udp":
                transport, _ = await self._loop.create_datagram_endpoint(lambda: _Udp(self),
                                                                         local_addr=(ep.host, ep.port))
                self._closers.append(transport.close)
                sock = transport.get_extra_info("sockname")
            else:
                server = await asyncio.start_server(self._tcp_client, ep.host, ep.port, limit=MAX_MESSAGE)
                self._closers.append(server.close)
                sock = server.sockets[0].getsockname()
            self.bound.append((ep.protocol, sock[0], sock[1]))

    # ------------------------------------------------------------------ input

    def submit(self, data: bytes, address: str) -> None:
        self._loop.run_in_executor(self._pool, self._handle, data, address)

    def _handle(self, data: bytes, address: str) -> None:
        try:
            self.trigger.handle(data, address)
        except Exception:  # one bad message (or a database hiccup) must not stop the receiver
            log.exception("syslog: could not handle a message from %s", address)

    async def _tcp_client(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        address = writer.get_extra_info("peername")[0]
        try:
            while True:
                first = await reader.read(1)
                if not first:
                    return
                if first.isdigit():  # octet counting: "123 <message of 123 bytes>"
                    length = first + await reader.readuntil(b" ")
                    size = int(length.strip())
                    data = await reader.readexactly(min(size, MAX_MESSAGE))
                    if size > MAX_MESSAGE:
                        await reader.readexactly(size - MAX_MESSAGE)
                else:  # non-transparent framing: one message per line
                    data = first + await reader.readuntil(b"\n")
                self.submit(data, address)
        except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError, ConnectionError):
            return  # the sender hung up or broke framing: drop the connection
        finally:
            writer.close()

    def _tick(self) -> None:
        self._loop.run_in_executor(self._starter, self._flush)
        self._loop.call_later(1.0, self._tick)

    def _flush(self) -> None:
        try:
            self.trigger.flush()
        except Exception:
            log.exception("syslog: could not start the due backups")
        now = time.monotonic()
        if now - self._published >= STATUS_EVERY:
            self._published = now
            self.publish()

    def publish(self) -> None:
        """Write where the receiver listens and its counters for the system status."""
        from ..clock import utcnow
        from ..db.models import Setting

        value = {"listening": [f"{p}://{h}:{n}" for p, h, n in self.bound], "stats": dict(self.trigger.stats),
                 "recorded_at": utcnow().isoformat()}
        try:
            with self._db.session() as s:
                row = s.get(Setting, STATUS_KEY)
                if row is None:
                    s.add(Setting(key=STATUS_KEY, value=value))
                else:
                    row.value = value
        except Exception:  # status only: never let it disturb the receiver
            log.warning("syslog: could not record the receiver's status", exc_info=True)
