"""The ``netmiko`` driver: a blocking driver on netmiko 4.x, for its breadth of device types.

netmiko is imported inside :meth:`NetmikoDriver.fetch` (importing it costs about half a second,
which ``netraven plugins`` and the CLI should not pay).  The driver hands netmiko a socket that
is already connected with ``TCP_NODELAY`` (paramiko leaves Nagle on, which costs ~80 ms per
login in delayed-ACK stalls) and a paramiko client that checks the host key before
authentication.
"""

from __future__ import annotations

import socket
import threading
from typing import Any, ClassVar

from netraven_core import driverkit
from netraven_core.engine.classify import classify, find_in_chain
from netraven_core.errors import ErrorCategory, FetchError
from netraven_core.hookspecs import hookimpl
from netraven_core.models import ConnectionTarget, FetchOutput, Transport

from . import _paramiko_keys
from ._netmiko_inband import guard_inband_login


def connect_socket(host: str, port: int, timeout: float) -> socket.socket:
    """A connected TCP socket with Nagle's algorithm off."""
    sock = socket.create_connection((host, port), timeout=timeout)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return sock


class NetmikoDriver:
    """Backs up one device with netmiko.  See :class:`netraven_core.protocols.Driver`.

    Driver options (``Platform.drivers["netmiko"]`` overlaid with ``ConnectionTarget.driver_options``):
    ``device_type`` (required, netmiko's name for the platform), ``run_setup_commands`` (default
    False: netmiko prepares the session itself, e.g. ``terminal length 0``; True also sends the
    platform's ``setup_commands``), and ``connect_args`` (extra keyword arguments for
    ``ConnectHandler``).
    """

    name: ClassVar[str] = "netmiko"
    asynchronous: ClassVar[bool] = False

    def __init__(self, target: ConnectionTarget) -> None:
        self.target = target
        self.options = driverkit.driver_options(target, self.name)
        self._lock = threading.Lock()
        self._aborted = False
        self._sock: socket.socket | None = None
        self._conn: Any = None

    def fetch(self) -> FetchOutput:
        """Connect, verify the host key, enable, run the backup commands, disconnect."""
        driverkit.require_platform_support(self.target, self.name)
        device_type = self.options.get("device_type")
        if not device_type:
            raise FetchError(ErrorCategory.UNEXPECTED, f"platform {self.target.platform.name!r} has "
                             "no netmiko device_type")
        telnet = self.target.device.transport == Transport.TELNET
        try:
            if telnet:
                conn, host_key = self._connect_telnet(_telnet_type(str(device_type))), None
            else:
                conn, policy = self._connect(str(device_type))
                host_key = _paramiko_keys.server_key(conn.remote_conn_pre) or policy.seen
            self._enable(conn)
            outputs = self._run(conn)
            sections = self._sections(conn, outputs)
            self._disconnect(conn)
            return FetchOutput(outputs=outputs, host_key=host_key, sections=sections)
        except FetchError as exc:
            raise driverkit.scrubbed(exc, self.target) from None
        except _paramiko_keys.HostKeyRefused as exc:
            raise exc.error from None
        except Exception as exc:
            raise self._fail(exc) from None
        finally:
            self._close()

    def abort(self) -> None:
        """Close the connection from another thread; ``fetch`` then fails promptly."""
        self._aborted = True
        self._close()

    # ------------------------------------------------------------------ internals

    def _connect_telnet(self, device_type: str) -> Any:
        """netmiko's own telnet client, with its in-band login; no host key to check."""
        from netmiko import ConnectHandler

        target, cred = self.target, self.target.credential
        params: dict[str, Any] = dict(
            device_type=device_type, host=target.device.host, port=target.device.port,
            username=cred.username, password=cred.password or "",
            secret=cred.enable_secret if cred.enable_secret is not None else (cred.password or ""),
            fast_cli=True, conn_timeout=target.timeout, auth_timeout=target.timeout,
            blocking_timeout=target.timeout, auto_connect=False,
        )
        params.update(self.options.get("connect_args") or {})
        conn = ConnectHandler(**params)
        with self._lock:
            self._conn = conn
            if self._aborted:
                raise FetchError(ErrorCategory.TIMEOUT, "aborted: time limit reached")
        conn._open()
        return conn

    def _connect(self, device_type: str) -> tuple[Any, Any]:
        from netmiko import ConnectHandler

        target, cred = self.target, self.target.credential
        sock = connect_socket(target.device.host, target.device.port, target.timeout)
        with self._lock:
            self._sock = sock
            if self._aborted:
                raise FetchError(ErrorCategory.TIMEOUT, "aborted: time limit reached")
        params: dict[str, Any] = dict(
            device_type=device_type,
            host=target.device.host,
            port=target.device.port,
            username=cred.username,
            password=cred.password or "",
            secret=cred.enable_secret if cred.enable_secret is not None else (cred.password or ""),
            sock=sock,
            fast_cli=True,
            conn_timeout=target.timeout,
            auth_timeout=target.timeout,
            banner_timeout=target.timeout,
            blocking_timeout=target.timeout,
            read_timeout_override=None,
            allow_agent=False,
            use_keys=False,
            system_host_keys=False,
            alt_host_keys=False,
            auto_connect=False,
        )
        if cred.private_key:
            params.update(pkey=_paramiko_keys.load_private_key(cred))  # paramiko uses pkey as is
        params.update(self.options.get("connect_args") or {})
        conn = ConnectHandler(**params)
        with self._lock:
            self._conn = conn
        policy_box: list[Any] = []
        build_client = conn._build_ssh_client

        def build_checked_client() -> Any:
            client = build_client()
            policy_box.append(_paramiko_keys.prepare_client(client, target))
            return client

        # netmiko builds its paramiko client inside _open(); ours checks the host key first.
        conn._build_ssh_client = build_checked_client
        if target.platform.inband_login:
            guard_inband_login(conn, target.platform, min(target.timeout, 5.0))
        try:
            conn._open()
        except Exception as exc:
            refused = find_in_chain(exc, _paramiko_keys.HostKeyRefused)
            if refused is not None:
                raise refused.error from None
            import paramiko

            mismatch = find_in_chain(exc, paramiko.BadHostKeyException)
            if mismatch is not None:  # paramiko compared it with the remembered key
                driverkit.host_key_decision(target, _paramiko_keys.openssh_line(mismatch.key))
            if not getattr(conn, "remote_conn", None):
                category, message = classify(exc, secrets=cred.secret_values())
                if category is ErrorCategory.TIMEOUT:
                    raise FetchError(category, f"no SSH login within {target.timeout:g}s "
                                     f"({message})") from None
            raise
        return conn, policy_box[0] if policy_box else None

    def _enable(self, conn: Any) -> None:
        if self.target.platform.enable is None:
            return
        try:
            conn.enable()
        except Exception as exc:
            category, message = classify(exc, secrets=self.target.credential.secret_values())
            if category in (ErrorCategory.DISCONNECTED,) or self._aborted:
                raise
            raise FetchError(ErrorCategory.ENABLE, f"privileged mode was not reached: {message}") from None

    def _run(self, conn: Any) -> tuple[tuple[str, str], ...]:
        platform, timeout = self.target.platform, self.target.timeout
        if self.options.get("run_setup_commands"):
            for command in platform.setup_commands:
                conn.send_command(command, read_timeout=timeout)
        errors = driverkit.compile_error_patterns(platform)
        outputs = []
        for command in platform.backup_commands:
            raw = self._send(conn, command)
            text = driverkit.command_text(platform, command, raw, errors)
            outputs.append((command, text))
        driverkit.check_complete(platform, "\n".join(out for _c, out in outputs))
        return tuple(outputs)

    def _sections(self, conn: Any, outputs: driverkit.Outputs) -> tuple[tuple[str, str], ...]:
        platform = self.target.platform
        # Entering a scope changes the prompt ("FGT (global) #"): expect the platform's pattern.
        return driverkit.collect_sections(platform, lambda command: (
            driverkit.clean_terminal_text(self._send(conn, command)), False), outputs,
            lambda command: self._send(conn, command, expect=platform.prompt_pattern))

    def _send(self, conn: Any, command: str, expect: str | None = None) -> str:
        from netmiko.exceptions import ReadException, ReadTimeout

        try:
            return conn.send_command(command, read_timeout=self.target.timeout, strip_prompt=True,
                                     strip_command=True, expect_string=expect)
        except (ReadTimeout, ReadException) as exc:
            if self._aborted:
                raise
            hung_up = isinstance(exc, ReadException) and not isinstance(exc, ReadTimeout)
            if hung_up or self._transport_closed():
                raise FetchError(ErrorCategory.DISCONNECTED, f"the device closed the session during "
                                 f"{command!r}") from None
            raise FetchError(ErrorCategory.TIMEOUT, f"no complete answer within {self.target.timeout:g}s "
                             f"while waiting for the output of {command!r}") from None

    def _disconnect(self, conn: Any) -> None:
        """netmiko's own goodbye (some device types undo session settings there)."""
        try:
            conn.disconnect()
        except Exception:  # noqa: S110 - the backup is complete; a rude goodbye is harmless
            pass

    def _fail(self, exc: BaseException) -> FetchError:
        if self._aborted:
            return FetchError(ErrorCategory.TIMEOUT, "aborted: time limit reached")
        category, message = classify(exc, secrets=self.target.credential.secret_values())
        if category is ErrorCategory.AUTH:  # netmiko's text is a page of generic advice
            message = f"authentication failed for user {self.target.credential.username!r}"
        if category is ErrorCategory.TIMEOUT and self._transport_closed():
            # netmiko keeps polling a closed channel until its read timeout: the real cause is
            # that the device hung up.
            category = ErrorCategory.DISCONNECTED
            message = f"the device closed the connection ({message})"
        return FetchError(category, message)

    def _transport_closed(self) -> bool:
        conn = self._conn
        client = getattr(conn, "remote_conn_pre", None) if conn is not None else None
        transport = client.get_transport() if client is not None else None
        if transport is None:
            return False
        chan = getattr(conn, "remote_conn", None)
        return not transport.is_active() or bool(chan is not None and (chan.closed or chan.eof_received))

    def _close(self) -> None:
        with self._lock:
            conn, self._conn = self._conn, None
            sock, self._sock = self._sock, None
        if conn is not None:
            channel = getattr(conn, "channel", None)
            if channel is not None and self._aborted:
                # netmiko's read loop polls until its timeout; without a channel it stops at once.
                channel.remote_conn = None
            client = getattr(conn, "remote_conn_pre", None)
            if conn.protocol == "telnet":
                client = getattr(conn, "remote_conn", None)  # netmiko's Telnet object
            if client is not None:
                try:
                    client.close()
                except Exception:  # noqa: S110 - closing a broken session is best effort
                    pass
        if sock is not None:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            sock.close()


def _telnet_type(device_type: str) -> str:
    """netmiko's telnet class for ``device_type``; ``FetchError`` when it has none."""
    from netmiko.ssh_dispatcher import CLASS_MAPPER

    telnet_type = device_type if device_type.endswith("_telnet") else f"{device_type}_telnet"
    if telnet_type not in CLASS_MAPPER:
        raise FetchError(ErrorCategory.UNEXPECTED, f"netmiko has no telnet driver for {device_type!r}; "
                         "use the ssh driver, which speaks telnet for every platform")
    return telnet_type


@hookimpl
def netraven_drivers() -> list[type]:
    return [NetmikoDriver]
